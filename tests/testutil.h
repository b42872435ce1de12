#ifndef PARTNERCHECK_TESTUTIL_H
#define PARTNERCHECK_TESTUTIL_H

#include <check.h>
#include <stdlib.h>

/* Every unit test binary ends the same way: run the suite, exit non-zero
 * on any failure. */
#define RUN_SUITE(make_suite) \
	int main(void) \
	{ \
		SRunner *sr = srunner_create(make_suite()); \
		int failed; \
		srunner_run_all(sr, CK_NORMAL); \
		failed = srunner_ntests_failed(sr); \
		srunner_free(sr); \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS; \
	}

#endif
