#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff.h"
#include "report_read.h"
#include "testutil.h"

/* Writes text to a temporary file; returns its path (caller frees and
 * removes). */
static char *
temp_with(const char *text)
{
	char *path = strdup("/tmp/check_diff_XXXXXX");
	int fd = mkstemp(path);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static report_doc *
load(const char *text, char **path)
{
	char err[512];
	report_doc *d;

	*path = temp_with(text);
	d = report_doc_load(*path, err, sizeof err);
	ck_assert_msg(d != NULL, "%s", err);
	return d;
}

static const char old_text[] =
    "{\"meta\": {\"command\": \"check\", \"rules\": {\"sha256\": \"aa\"}},\n"
    "\"partners\": [\n"
    "{\"id\": \"A\", \"name\": \"Alpha\", \"status\": \"fail\", "
    "\"findings\": [{\"rule\": \"r1\", \"severity\": \"fail\", "
    "\"outcome\": \"fail\", \"value\": \"1\", \"message\": \"m\"}]},\n"
    "{\"id\": \"B\", \"name\": \"Beta\", \"status\": \"pass\", "
    "\"findings\": []}],\n"
    "\"conflicts\": [{\"a\": \"A\", \"b\": \"B\", \"rule\": \"p1\", "
    "\"severity\": \"warn\", \"message\": \"x\"}],\n"
    "\"summary\": {\"rows_read\": 2, \"rows_reported\": 2}}\n";

static const char new_text[] =
    "{\"meta\": {\"command\": \"check\", \"rules\": {\"sha256\": \"bb\"}},\n"
    "\"partners\": [\n"
    "{\"id\": \"A\", \"name\": \"Alpha Ltd\", \"status\": \"fail\", "
    "\"findings\": [{\"rule\": \"r1\", \"severity\": \"fail\", "
    "\"outcome\": \"fail\", \"value\": \"2\", \"message\": \"m\"}]},\n"
    "{\"id\": \"C\", \"name\": null, \"status\": \"fail\", "
    "\"findings\": [{\"rule\": \"r1\", \"severity\": \"fail\", "
    "\"outcome\": \"waived\", \"message\": \"w\"}, {\"rule\": \"r2\", "
    "\"severity\": \"warn\", \"outcome\": \"fail\", \"message\": \"n\"}]}],\n"
    "\"summary\": {\"rows_read\": 2, \"rows_reported\": 2}}\n";

START_TEST(test_read_and_find)
{
	char *path;
	report_doc *d = load(old_text, &path);

	ck_assert_uint_eq(d->npartners, 2);
	ck_assert_uint_eq(d->nfindings, 2);
	ck_assert_str_eq(d->rules_sha256, "aa");
	ck_assert_int_eq(report_doc_find(d, RK_PARTNER, "A", NULL, "r1"), 0);
	ck_assert_int_eq(report_doc_find(d, RK_CONFLICT, "A", "B", "p1"), 1);
	/* a pair is the same pair in either order: rows move between runs */
	ck_assert_int_eq(report_doc_find(d, RK_CONFLICT, "B", "A", "p1"), 1);
	ck_assert_int_eq(report_doc_find(d, RK_CONFLICT, "A", "C", "p1"), -1);
	ck_assert_int_eq(report_doc_find(d, RK_PARTNER, "B", NULL, "r1"), -1);
	ck_assert_int_eq(report_doc_partner(d, "B"), 1);
	ck_assert_int_eq(report_doc_partner(d, "Z"), -1);
	report_doc_free(d);
	report_doc_free(NULL);
	remove(path);
	free(path);
}
END_TEST

/* --baseline: known only when the baseline had the finding at the same
 * level or above, and not waived (then it did not count there). */
START_TEST(test_known)
{
	char *path;
	report_doc *d = load(new_text, &path);

	/* C r2 is a warn there: known as a warn or an info, new as a fail */
	ck_assert_int_eq(report_doc_known(d, RK_PARTNER, "C", NULL, "r2",
					  SEV_WARN, 0),
			 1);
	ck_assert_int_eq(report_doc_known(d, RK_PARTNER, "C", NULL, "r2",
					  SEV_INFO, 0),
			 1);
	ck_assert_int_eq(report_doc_known(d, RK_PARTNER, "C", NULL, "r2",
					  SEV_FAIL, 0),
			 0);
	/* C r1 was waived: failing now (the waiver lapsed) it is new;
	 * waived now too, it is known */
	ck_assert_int_eq(report_doc_known(d, RK_PARTNER, "C", NULL, "r1",
					  SEV_FAIL, 0),
			 0);
	ck_assert_int_eq(report_doc_known(d, RK_PARTNER, "C", NULL, "r1",
					  SEV_FAIL, 1),
			 1);
	ck_assert_int_eq(report_doc_known(d, RK_PARTNER, "Z", NULL, "r1",
					  SEV_INFO, 1),
			 0);
	ck_assert_int_eq(report_doc_known(NULL, RK_PARTNER, "C", NULL, "r2",
					  SEV_INFO, 0),
			 0);
	report_doc_free(d);
	remove(path);
	free(path);
}
END_TEST

START_TEST(test_diff)
{
	char *p1, *p2;
	report_doc *o = load(old_text, &p1), *n = load(new_text, &p2);
	diff_result r;

	diff_compute(&r, o, n);
	ck_assert_int_eq(r.rules_changed, 1);
	ck_assert_uint_eq(r.nadded, 1);   /* C */
	ck_assert_uint_eq(r.nremoved, 1); /* B */
	ck_assert_uint_eq(r.nrenamed, 1); /* A */
	ck_assert_uint_eq(r.nrestatus, 0);
	ck_assert_uint_eq(r.nfnew, 2);     /* C r1 (waived), C r2 */
	ck_assert_uint_eq(r.nresolved, 1); /* the conflict */
	ck_assert_uint_eq(r.nchanged, 1);  /* A r1: value 1 -> 2 */
	ck_assert_uint_eq(r.unchanged, 0);
	/* a waived finding is no regression; the new warn is one at warn */
	ck_assert_uint_eq(r.regress_fail, 0);
	ck_assert_uint_eq(r.regress_warn, 1);
	diff_free(&r);
	diff_free(NULL);
	report_doc_free(o);
	report_doc_free(n);
	remove(p1);
	remove(p2);
	free(p1);
	free(p2);
}
END_TEST

START_TEST(test_refused)
{
	static const char *const bad[] = {
		"[1, 2]",
		"{\"partners\": [{\"name\": \"no id\"}]}",
		"{\"partners\": [{\"id\": \"A\", \"findings\": [{}]}]}",
		"{\"conflicts\": [{\"a\": \"A\", \"rule\": \"p\"}]}",
		"{\"partners\": [",
		/* no report at all: an empty object, a rule file, a diff */
		"{}",
		"{\"partnercheck\": 1, \"checks\": []}",
		"{\"partners\": {\"added\": []}, \"findings\": {}}",
	};
	char err[512];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *path = temp_with(bad[i]);

		err[0] = '\0';
		ck_assert_ptr_null(report_doc_load(path, err, sizeof err));
		ck_assert_ptr_nonnull(strstr(err, "not a partnercheck json"));
		remove(path);
		free(path);
	}
	ck_assert_ptr_null(
	    report_doc_load("/nonexistent/x.json", err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "cannot open"));
}
END_TEST

static Suite *
diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_read_and_find);
	tcase_add_test(tc, test_known);
	tcase_add_test(tc, test_diff);
	tcase_add_test(tc, test_refused);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(diff_suite)
