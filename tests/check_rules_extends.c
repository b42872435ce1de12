#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "packs.h"
#include "rules.h"
#include "rules_describe.h"
#include "rules_extends.h"
#include "strbuf.h"
#include "testutil.h"

/*
 * Layered rule sets (rules_extends.c), the pack registry and the
 * descriptions template and explain print.  Each test writes its rule
 * files into a fresh directory of its own.
 */

static char dir[64];

static void
setup(void)
{
	strcpy(dir, "/tmp/pc-extends-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Writes text to dir/name and returns the path (static storage, one at a
 * time per slot). */
static const char *
put(int slot, const char *name, const char *text)
{
	static char paths[4][256];
	FILE *f;

	snprintf(paths[slot], sizeof paths[slot], "%s/%s", dir, name);
	f = fopen(paths[slot], "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return paths[slot];
}

/* The messages of dl joined by newlines, for assertions. */
static char *
joined(const diaglist *dl)
{
	strbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < dl->n; i++)
		sb_addf(&sb, "%s\n", dl->msgs[i]);
	return sb.buf;
}

static const check *
check_of(const ruleset *rs, const char *id)
{
	int i = rules_check(rs, id);

	ck_assert_int_ge(i, 0);
	return &rs->checks[i];
}

START_TEST(test_packs)
{
	const char **names = pack_names();
	char *d;

	ck_assert_uint_ge(pack_count(), 1);
	ck_assert_str_eq(names[0], "collaborate");
	ck_assert_ptr_null(names[pack_count()]);
	ck_assert_ptr_eq(pack_find("collaborate")->json, default_rules_json);
	ck_assert_ptr_null(pack_find("collaborat"));
	ck_assert_ptr_null(pack_find(NULL));
	d = pack_description(pack_find("collaborate"));
	ck_assert_ptr_nonnull(strstr(d, "Collaborate worksheet"));
	free(d);
	free(names);
}
END_TEST

START_TEST(test_override_and_disable)
{
	diaglist dl = { NULL, 0, 0 };
	const char *p =
	    put(0, "t.json",
		"{\"extends\": \"collaborate\", \"override\": {"
		"\"quality.qaf\": {\"value\": \"A\"},"
		"\"purpose.values\": {\"severity\": \"fail\"},"
		"\"consortium.size\": {\"max\": 6}},"
		"\"disable\": [\"added_value.offer\", \"difference.ethos\"]}");
	ruleset *rs = rules_load(p, &dl);
	const rule_origin *o;
	size_t i, nsize = 0;

	ck_assert_msg(rs != NULL, "%s", dl.n ? dl.msgs[0] : "");
	ck_assert_uint_eq(rs->nchecks, 14);
	ck_assert_int_lt(rules_check(rs, "added_value.offer"), 0);
	ck_assert_uint_eq(rs->npairs, 4);
	ck_assert_str_eq(check_of(rs, "quality.qaf")->test->args[0].text, "A");
	ck_assert_int_eq(check_of(rs, "purpose.values")->sev, SEV_FAIL);
	for (i = 0; i < rs->ncons; i++)
		if (!strcmp(rs->cons[i].id, "consortium.size") &&
		    rs->cons[i].has_max) {
			ck_assert(rs->cons[i].max == 6);
			nsize++;
		}
	ck_assert_uint_eq(nsize, 1);
	o = rules_origin(rs, "quality.qaf");
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(o->file, "pack:collaborate");
	ck_assert_uint_eq(o->nov, 1);
	ck_assert_str_eq(o->ov_keys[0], "value");
	ck_assert_str_eq(o->ov_files[0], p);
	ck_assert_uint_eq(rules_origin(rs, "viability.surplus")->nov, 0);
	ck_assert_ptr_null(o->disabled_by);
	/* a disabled rule is gone from the set but says who dropped it */
	ck_assert_int_eq(rules_check(rs, "added_value.offer"), -1);
	o = rules_origin(rs, "added_value.offer");
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(o->file, "pack:collaborate");
	ck_assert_ptr_nonnull(o->disabled_by);
	ck_assert_str_eq(o->disabled_by, p);
	rules_free(rs);
	diaglist_free(&dl);
}
END_TEST

START_TEST(test_chain_relative_and_layers)
{
	diaglist dl = { NULL, 0, 0 };
	char sub[128];
	const char *refs[2];
	ruleset *rs;
	const rule_origin *o;
	const char *sets[] = { "viability.reserves.value=5",
			       "quality.qaf.severity=warn" };

	snprintf(sub, sizeof sub, "%s/sub", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	put(0, "sub/base.json",
	    "{\"extends\": \"collaborate\", \"fields\": {\"dbs\": "
	    "\"boolean\"}, \"checks\": [{\"id\": \"safe.dbs\", \"title\": "
	    "\"DBS\", \"field\": \"dbs\", \"op\": \"==\", \"value\": true}]}");
	refs[0] = put(1, "tender.json",
		      "{\"extends\": \"sub/base.json\", \"override\": "
		      "{\"safe.dbs\": {\"severity\": \"warn\"}}}");
	refs[1] = put(2, "layer.json",
		      "{\"override\": {\"viability.reserves\": {\"value\": "
		      "4}}, \"contract\": {\"capacity_needed\": 40}}");
	rs = rules_load_chain(refs, 2, sets, 2, &dl);
	ck_assert_msg(rs != NULL, "%s", dl.n ? dl.msgs[0] : "");
	ck_assert_int_eq(check_of(rs, "safe.dbs")->sev, SEV_WARN);
	ck_assert(check_of(rs, "viability.reserves")->test->args[0].num == 5);
	ck_assert_int_eq(check_of(rs, "quality.qaf")->sev, SEV_WARN);
	ck_assert(rules_contract(rs, "capacity_needed")->num == 40);
	o = rules_origin(rs, "viability.reserves");
	ck_assert_uint_eq(o->nov, 2);
	ck_assert_str_eq(o->ov_files[0], refs[1]);
	ck_assert_str_eq(o->ov_files[1], "--set");
	ck_assert_ptr_nonnull(
	    strstr(rules_origin(rs, "safe.dbs")->file, "sub/base.json"));
	rules_free(rs);
	diaglist_free(&dl);
}
END_TEST

START_TEST(test_problems_located)
{
	diaglist dl = { NULL, 0, 0 };
	char *all, want[512];
	const char *base =
	    put(0, "base.json",
		"{\n  \"extends\": \"collaborate\",\n  \"override\": {\n"
		"    \"quality.qaf\": { \"value\": \"E\" }\n  }\n}\n");
	const char *top =
	    put(1, "top.json",
		"{\n  \"extends\": \"base.json\",\n  \"override\": {\n"
		"    \"insurance.employers_liability\": { \"value\": \"10m\" "
		"},\n    \"quality.qfa\": { \"value\": \"A\" }\n  },\n"
		"  \"disable\": [\"nope\"]\n}\n");
	ruleset *rs = rules_load(top, &dl);

	ck_assert_ptr_null(rs);
	all = joined(&dl);
	snprintf(want, sizeof want,
		 "%s:4:5: override.insurance.employers_liability.value: "
		 "expected a number like the value it replaces",
		 top);
	ck_assert_msg(strstr(all, want), "%s", all);
	snprintf(want, sizeof want,
		 "%s:5:5: override.quality.qfa: no rule has the id "
		 "'quality.qfa' (did you mean 'quality.qaf'?)",
		 top);
	ck_assert_msg(strstr(all, want), "%s", all);
	snprintf(want, sizeof want, "%s:7:15: disable[0]: no rule has the id",
		 top);
	ck_assert_msg(strstr(all, want), "%s", all);
	/* the typed loader's problem, in the file that made it */
	snprintf(want, sizeof want,
		 "%s:4:5: override.quality.qaf.value: 'E' is not one of", base);
	ck_assert_msg(strstr(all, want), "%s", all);
	free(all);
	diaglist_free(&dl);
}
END_TEST

START_TEST(test_cycle)
{
	diaglist dl = { NULL, 0, 0 };
	char *all;
	const char *a = put(0, "a.json", "{\"extends\": \"b.json\"}");

	put(1, "b.json", "{\"extends\": \"a.json\"}");
	ck_assert_ptr_null(rules_load(a, &dl));
	all = joined(&dl);
	ck_assert_msg(strstr(all, "extends: 'a.json' extends itself"), "%s",
		      all);
	free(all);
	diaglist_free(&dl);
}
END_TEST

START_TEST(test_later_layer_may_not_extend)
{
	diaglist dl = { NULL, 0, 0 };
	const char *refs[2];
	char *all;

	refs[0] = "collaborate";
	refs[1] = put(0, "x.json", "{\"extends\": \"collaborate\"}");
	ck_assert_ptr_null(rules_load_chain(refs, 2, NULL, 0, &dl));
	all = joined(&dl);
	ck_assert_msg(strstr(all, "\"extends\" is only for the first"), "%s",
		      all);
	free(all);
	diaglist_free(&dl);
}
END_TEST

START_TEST(test_plain_set_unchanged)
{
	diaglist dl = { NULL, 0, 0 };
	ruleset *rs = rules_load_chain(NULL, 0, NULL, 0, &dl);

	ck_assert_ptr_nonnull(rs);
	/* a plain rule set records no origins: json output stays as it was */
	ck_assert_uint_eq(rs->norigins, 0);
	ck_assert_uint_eq(rs->nchecks, 15);
	rules_free(rs);
	diaglist_free(&dl);
}
END_TEST

START_TEST(test_set_check_refused)
{
	diaglist dl = { NULL, 0, 0 };
	const char *sets[] = { "quality.qaf.value=E",
			       "viability.reserves.value=x", "nope.value=1" };
	char *all;

	ck_assert_ptr_null(rules_load_chain(NULL, 0, sets, 3, &dl));
	all = joined(&dl);
	ck_assert_msg(strstr(all, "--set: check.quality.qaf.value: 'E' is not "
				  "one of D, C, B, A"),
		      "%s", all);
	ck_assert_msg(strstr(all, "--set: check.viability.reserves.value: "
				  "expected a number, found 'x'"),
		      "%s", all);
	ck_assert_msg(strstr(all, "--set: check.nope.value: no rule has the "
				  "id 'nope'"),
		      "%s", all);
	free(all);
	diaglist_free(&dl);
}
END_TEST

START_TEST(test_show)
{
	diaglist dl = { NULL, 0, 0 };
	const char *ref = put(
	    0, "t.json",
	    "{\"extends\": \"collaborate\", \"disable\": [\"quality.qaf\"]}");
	char *text = rules_show_chain(&ref, 1, &dl);
	ruleset *rs;

	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_null(strstr(text, "quality.qaf"));
	ck_assert_ptr_null(strstr(text, "\"disable\""));
	/* what show prints is itself a plain rule set */
	rs = rules_parse("shown", text, strlen(text), &dl);
	ck_assert_ptr_nonnull(rs);
	ck_assert_uint_eq(rs->nchecks, 14);
	rules_free(rs);
	free(text);
	diaglist_free(&dl);
}
END_TEST

START_TEST(test_describe)
{
	diaglist dl = { NULL, 0, 0 };
	ruleset *rs = rules_load_chain(NULL, 0, NULL, 0, &dl);
	unsigned char *used = calloc(rs->nfields, 1);
	strbuf sb;
	int qaf = rules_field(rs, "qaf_level");
	int turnover = rules_field(rs, "turnover_gbp");

	sb_init(&sb);
	rules_describe_example(&rs->fields[qaf].type, &sb);
	ck_assert_str_eq(sb.buf, "A");
	sb_reset(&sb);
	rules_describe_allowed(&rs->fields[qaf].type, &sb);
	ck_assert_str_eq(sb.buf, "D, C, B, A");
	sb_reset(&sb);
	rules_describe_forms(&rs->fields[turnover].type, &sb);
	ck_assert_ptr_nonnull(strstr(sb.buf, "£1,250"));
	rules_describe_reads(rs, DK_CHECK,
			     (size_t)rules_check(rs, "viability.accounts"),
			     used);
	ck_assert_int_eq(used[turnover], 1);
	ck_assert_int_eq(used[qaf], 0);
	sb_free(&sb);
	free(used);
	rules_free(rs);
	diaglist_free(&dl);
}
END_TEST

static Suite *
make_suite(void)
{
	Suite *s = suite_create("rules_extends");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_packs);
	tcase_add_test(tc, test_override_and_disable);
	tcase_add_test(tc, test_chain_relative_and_layers);
	tcase_add_test(tc, test_problems_located);
	tcase_add_test(tc, test_cycle);
	tcase_add_test(tc, test_later_layer_may_not_extend);
	tcase_add_test(tc, test_plain_set_unchanged);
	tcase_add_test(tc, test_set_check_refused);
	tcase_add_test(tc, test_show);
	tcase_add_test(tc, test_describe);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(make_suite)
