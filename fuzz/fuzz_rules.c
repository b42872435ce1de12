/*
 * libFuzzer target for the rule-set loader and linter (src/rules_load.c
 * and the src/rules_*.c it calls, src/rules.c, src/ops.c, src/cond.c,
 * src/expr.c).
 *
 * The whole input is the rule file.  A rule set that loads is then put
 * through what a command does next: contract overrides, marking the
 * fields in use, lookups and a waiver set.
 */
#include <string.h>

#include "fuzz.h"
#include "rules.h"
#include "waivers.h"
#include "xalloc.h"

/* Each --set value a user might give: a number, a list, a new key, a
 * replacement of a key set before, and a malformed one. */
static const char *const assignments[] = {
	"capacity_needed=100",
	"required_specialisms=supported housing; floating support;;",
	"fuzz_new_key=1e3",
	"fuzz_new_key=a;b",
	"=5",
	"no_equals_sign",
};

/* Whether data[0..size) holds the bytes of s. */
static int
holds(const uint8_t *data, size_t size, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= size; i++)
		if (!memcmp(data + i, s, n))
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diaglist dl = { NULL, 0, 0 };
	ruleset *rs;
	waiver_set *ws;
	char err[256];
	size_t i;

	/* "extends" reads another file from disk, relative to fuzz.json or
	 * absolute (/dev/stdin would block the fuzzer): such inputs, and
	 * those that could spell the key with \u escapes, are left to the
	 * golden cases, which name their files. */
	if (holds(data, size, "extends") || holds(data, size, "\\u"))
		return 0;
	rs = rules_parse("fuzz.json", (const char *)data, size, &dl);
	if (!rs) {
		/* A rule set that does not load says why. */
		FUZZ_ASSERT(dl.n > 0);
		for (i = 0; i < dl.n; i++)
			FUZZ_ASSERT(strncmp(dl.msgs[i], "fuzz.json", 9) == 0);
		diaglist_free(&dl);
		return 0;
	}
	for (i = 0; i < sizeof assignments / sizeof *assignments; i++) {
		err[0] = '\0';
		if (rules_set_contract(rs, assignments[i], err, sizeof err) < 0)
			FUZZ_ASSERT(err[0] != '\0');
	}
	/* Override the rule set's own first contract value, whatever its
	 * key, with a list and then a number. */
	if (rs->ncontract > 0) {
		char buf[300];

		snprintf(buf, sizeof buf, "%.200s=x;y", rs->contract[0].key);
		(void)rules_set_contract(rs, buf, err, sizeof err);
		snprintf(buf, sizeof buf, "%.200s=-2.5", rs->contract[0].key);
		(void)rules_set_contract(rs, buf, err, sizeof err);
	}
	{
		/* The pairwise and consortium rules only add fields. */
		unsigned char *checks = xcalloc(rs->nfields + 1, 1);
		unsigned char *all = xcalloc(rs->nfields + 1, 1);

		rules_mark_used(rs, 0, checks);
		rules_mark_used(rs, 1, all);
		for (i = 0; i < rs->nfields; i++)
			FUZZ_ASSERT(all[i] >= checks[i] && all[i] <= 1);
		free(checks);
		free(all);
	}
	for (i = 0; i < rs->nfields; i++)
		FUZZ_ASSERT(rules_field(rs, rs->fields[i].name) >= 0);
	for (i = 0; i < rs->nchecks; i++)
		FUZZ_ASSERT(rules_check(rs, rs->checks[i].id) >= 0);
	ws = waivers_new(rs);
	waivers_seal(ws);
	/* every partner waiver is found (pair and consortium waivers are
	 * looked up by waivers_find_pair and waivers_find_consortium) */
	for (i = 0; i < rs->nwaivers; i++)
		if (rs->waivers[i].kind == WAIVE_PARTNER)
			FUZZ_ASSERT(waivers_find(ws, rs->waivers[i].partner,
						 rs->waivers[i].rule,
						 0) != NULL);
	waivers_free(ws);
	rules_free(rs);
	diaglist_free(&dl);
	return 0;
}
