#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "rules.h"
#include "strbuf.h"
#include "testutil.h"
#include "waivers.h"
#include "xalloc.h"

/*
 * Waivers from the rule set and from CSV files: loading with and without
 * a header, every problem a file can have, and lookups among duplicates.
 */

static ruleset *rs;
static waiver_set *ws;
static diaglist dl;
static char dir[] = "/tmp/check_waivers_XXXXXX";
static char path[64];
static strbuf got, want;

static const char rules_json[] =
    "{\"fields\": {\"n\": \"number\"}, \"checks\": ["
    "{\"id\": \"a.one\", \"field\": \"n\", \"op\": \">\", \"value\": 1},"
    "{\"id\": \"a.two\", \"field\": \"n\", \"op\": \">\", \"value\": 2},"
    "{\"id\": \"b\", \"field\": \"n\", \"op\": \">\", \"value\": 3}],"
    "\"waivers\": [{\"partner\": \"P9\", \"rule\": \"b\", \"reason\": \"from rules\","
    " \"expires\": \"2030-01-01\"}],"
    "\"pairs\": [{\"id\": \"p.same\", \"field\": \"n\", \"op\": \"same\"}],"
    "\"consortium\": [{\"id\": \"c.size\", \"aggregate\": \"count\", "
    "\"max\": 3}]}";

static void
setup(void)
{
	memset(&dl, 0, sizeof dl);
	rs = rules_parse("r.json", rules_json, strlen(rules_json), &dl);
	ck_assert_ptr_nonnull(rs);
	ws = waivers_new(rs);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/w.csv", dir);
	sb_init(&got);
	sb_init(&want);
}

static void
teardown(void)
{
	unlink(path);
	rmdir(dir);
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
	waivers_free(ws);
	rules_free(rs);
	diaglist_free(&dl);
	sb_free(&got);
	sb_free(&want);
}

/* Writes the file and loads it; returns the problem count. */
static int
load_n(const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	diaglist_free(&dl);
	return waivers_load_csv(ws, path, rs, NULL, &dl);
}

static int
load(const char *text)
{
	return load_n(text, strlen(text));
}

/* The messages, one a line, with the file's path shown as "W". */
static const char *
msgs(void)
{
	size_t i, plen = strlen(path);

	sb_reset(&got);
	for (i = 0; i < dl.n; i++) {
		const char *m = dl.msgs[i], *hit;

		if (i)
			sb_addc(&got, '\n');
		while ((hit = strstr(m, path))) {
			sb_add(&got, m, (size_t)(hit - m));
			sb_addc(&got, 'W');
			m = hit + plen;
		}
		sb_adds(&got, m);
	}
	return got.buf;
}

/* "partner rule reason expiry origin" of the waiver found, or "none". */
static const char *
find(const char *partner, const char *rule, long today)
{
	const waiver *w = waivers_find(ws, partner, rule, today);
	char date[16] = "-";

	if (!w)
		return "none";
	if (w->has_expiry)
		date_format_iso(w->expires, date);
	sb_reset(&want);
	sb_addf(&want, "%s %s %s %s ", w->partner, w->rule, w->reason, date);
	if (!strncmp(w->origin, path, strlen(path)))
		sb_addf(&want, "W%s", w->origin + strlen(path));
	else
		sb_adds(&want, w->origin);
	return want.buf;
}

static long
day(int y, int m, int d)
{
	return days_from_civil(y, m, d);
}

START_TEST(test_from_rules)
{
	waivers_seal(ws);
	ck_assert_str_eq(find("P9", "b", day(2024, 1, 1)),
			 "P9 b from rules 2030-01-01 r.json: waivers[0]");
	/* The set holds copies: the rule set may go. */
	rules_free(rs);
	rs = NULL;
	ck_assert_str_eq(find("P9", "b", day(2024, 1, 1)),
			 "P9 b from rules 2030-01-01 r.json: waivers[0]");
	ck_assert_str_eq(find("P9", "a.one", 0), "none");
	ck_assert_str_eq(find("p9", "b", 0), "none");
	ck_assert_str_eq(find("P", "b", 0), "none");
	ck_assert_str_eq(find("", "", 0), "none");
}
END_TEST

START_TEST(test_empty_set)
{
	waiver_set *none;
	ruleset *bare;

	bare = rules_parse("r.json", "{}", 2, &dl);
	ck_assert_ptr_nonnull(bare);
	none = waivers_new(bare);
	waivers_seal(none);
	ck_assert_ptr_null(waivers_find(none, "P9", "b", 0));
	waivers_free(none);
	rules_free(bare);
	waivers_free(NULL);
}
END_TEST

START_TEST(test_load_with_header)
{
	ck_assert_int_eq(load("partner,rule,reason,expires\n"
			      "P1,a.one,board agreed,\n"
			      " P2 , a.two ,\" spaces \",2024-06-30\n"
			      "P3,b,three fields\n"),
			 0);
	ck_assert_uint_eq(dl.n, 0);
	waivers_seal(ws);
	ck_assert_str_eq(find("P1", "a.one", 0), "P1 a.one board agreed - W:2");
	ck_assert_str_eq(find("P2", "a.two", 0),
			 "P2 a.two spaces 2024-06-30 W:3");
	ck_assert_str_eq(find("P3", "b", 0), "P3 b three fields - W:4");
	ck_assert_str_eq(find("partner", "rule", 0), "none");
}
END_TEST

START_TEST(test_header_names)
{
	ck_assert_int_eq(load("Partner_ID,Rule,Reason\nP1,b,r\n"), 0);
	ck_assert_int_eq(load("ID,rule,why\r\nP2,b,r\r\n"), 0);
	ck_assert_int_eq(load("\xef\xbb\xbfpartner,rule,reason\nP3,b,r\n"), 0);
	ck_assert_uint_eq(dl.n, 0);
	/* Without a header the first row is a waiver. */
	ck_assert_int_eq(load("P4,b,first\nP5,b,second\n"), 0);
	waivers_seal(ws);
	ck_assert_str_eq(find("P1", "b", 0), "P1 b r - W:2");
	ck_assert_str_eq(find("P2", "b", 0), "P2 b r - W:2");
	ck_assert_str_eq(find("P3", "b", 0), "P3 b r - W:2");
	ck_assert_str_eq(find("P4", "b", 0), "P4 b first - W:1");
	ck_assert_str_eq(find("P5", "b", 0), "P5 b second - W:2");
	/* A header is known by its names alone: a first waiver whose rule
	 * id starts with "rule" is a waiver. */
	ck_assert_int_eq(load("P7,rule,r\n"), 1);
	ck_assert_str_eq(msgs(), "W:1: no check has the id 'rule'");
	ck_assert_int_eq(load("P8,a.on,r\n"), 1);
	ck_assert_str_eq(
	    msgs(), "W:1: no check has the id 'a.on' (did you mean 'a.one'?)");
	/* Semicolons are detected as for the partner file; blank rows go. */
	ck_assert_int_eq(load("partner id;check;reason\n;;\nP9;a.two;r\n;;\n"),
			 0);
	waivers_seal(ws);
	ck_assert_str_eq(find("P9", "a.two", 0), "P9 a.two r - W:3");
	/* A header-like row later on is data. */
	ck_assert_int_eq(load("P6,b,r\npartner,rule,reason\n"), 1);
	ck_assert_str_eq(msgs(), "W:2: no check has the id 'rule'");
	/* An empty file has no waivers and no problems. */
	ck_assert_int_eq(load(""), 0);
	ck_assert_uint_eq(dl.n, 0);
}
END_TEST

static void
collect_unmatched(const waiver *w, const char *id, const char *hint, void *ctx)
{
	(void)w;
	sb_addf(ctx, "%s->%s ", id, hint ? hint : "-");
}

static void
collect_expiring(const waiver *w, void *ctx)
{
	sb_addf(ctx, "%s ", w->partner);
}

/* An unused waiver names the closest partner id read, when it is close;
 * waivers about to expire are found by day. */
START_TEST(test_hints_and_expiry)
{
	ck_assert_int_eq(load("P44,b,r,2030-01-31\nQ1,b,r,2030-01-01\n"
			      "ACME-UK,b,r,2029-12-31\n"),
			 0);
	waivers_seal(ws);
	waivers_mark_partner(ws, "P4");
	waivers_mark_partner(ws, "Q2");
	waivers_mark_partner(ws, "ACME UK");
	waivers_mark_partner(ws, "P9");
	waivers_each_unmatched(ws, collect_unmatched, &got);
	/* Q1 is not taken for Q2: half the id would be wrong. */
	ck_assert_str_eq(got.buf, "ACME-UK->ACME UK P44->P4 Q1->- ");
	sb_reset(&got);
	waivers_each_expiring(ws, days_from_civil(2030, 1, 1), 30,
			      collect_expiring, &got);
	/* P9's (from the rules) expires that day; ACME-UK's the day
	 * before; P44's in 30 days. */
	ck_assert_str_eq(got.buf, "P44 P9 Q1 ");
}
END_TEST

/* How a partner cell reads: one id, a pair in either order, the
 * consortium; a pair that is not two different ids is refused. */
START_TEST(test_parse_partner)
{
	static const struct {
		const char *in;
		int rc;
		waiver_kind kind;
		const char *a, *b;
	} t[] = {
		{ " P1 ", 0, WAIVE_PARTNER, "P1", NULL },
		{ "P2 + P1", 0, WAIVE_PAIR, "P1", "P2" },
		{ "P1+P2", 0, WAIVE_PAIR, "P1", "P2" },
		{ "", 0, WAIVE_CONSORTIUM, "", NULL },
		{ " * ", 0, WAIVE_CONSORTIUM, "", NULL },
		{ "**", 0, WAIVE_PARTNER, "**", NULL },
		{ "P1 +", -1, WAIVE_PAIR, NULL, NULL },
		{ "+ P1", -1, WAIVE_PAIR, NULL, NULL },
		{ "P1 + P1", -1, WAIVE_PAIR, NULL, NULL },
		{ "P1 + P2 + P3", -1, WAIVE_PAIR, NULL, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		waiver_kind k = WAIVE_PARTNER;
		char *a, *b;

		ck_assert_int_eq(waiver_parse_partner(t[i].in, &k, &a, &b),
				 t[i].rc);
		ck_assert_int_eq(k, t[i].kind);
		if (t[i].a)
			ck_assert_str_eq(a, t[i].a);
		else
			ck_assert_ptr_null(a);
		if (t[i].b)
			ck_assert_str_eq(b, t[i].b);
		else
			ck_assert_ptr_null(b);
		free(a);
		free(b);
	}
}
END_TEST

/* Pair waivers match either order; consortium waivers by rule alone; each
 * kind only the rules of its kind, with a did-you-mean among those. */
START_TEST(test_pairs_and_consortium)
{
	char buf[256];

	ck_assert_int_eq(load("partner,rule,reason,expires\n"
			      "Q2 + Q1,p.same,paired,2030-01-01\n"
			      "*,c.size,small\n"
			      ",c.size,also small,2029-01-01\n"
			      "Q1 + Q2,a.one,wrong kind\n"
			      "Q1,p.same,wrong kind\n"
			      "Q1 + Q3,p.sam,typo\n"),
			 3);
	ck_assert_str_eq(
	    msgs(),
	    "W:5: 'a.one' is a check, not a pair rule: waive it for one "
	    "partner\n"
	    "W:6: 'p.same' is a pair rule, not a check: waive it for two "
	    "partners, as 'A + B'\n"
	    "W:7: no pair rule has the id 'p.sam' (did you mean "
	    "'p.same'?)");
	waivers_seal(ws);
	ck_assert_str_eq(waivers_find_pair(ws, "Q1", "Q2", "p.same", 0)->reason,
			 "paired");
	ck_assert_str_eq(waivers_find_pair(ws, "Q2", "Q1", "p.same", 0)->reason,
			 "paired");
	ck_assert_ptr_null(waivers_find_pair(ws, "Q1", "Q3", "p.same", 0));
	ck_assert_ptr_null(waivers_find(ws, "Q1", "p.same", 0));
	ck_assert_ptr_null(waivers_find(ws, "", "c.size", 0));
	/* The one in force wins over the expired one. */
	ck_assert_str_eq(waivers_find_consortium(ws, "c.size", day(2029, 6, 1))
			     ->reason,
			 "small");
	ck_assert_ptr_null(waivers_find_consortium(ws, "p.same", 0));
	ck_assert_ptr_null(waivers_rule_problem(rs, WAIVE_CONSORTIUM, "c.size",
						buf, sizeof buf));
	ck_assert_str_eq(waivers_rule_problem(rs, WAIVE_CONSORTIUM, "c.sise",
					      buf, sizeof buf),
			 "no consortium rule has the id 'c.sise' (did you mean "
			 "'c.size'?)");
	/* Too short to be a typo of anything. */
	ck_assert_str_eq(waivers_rule_problem(rs, WAIVE_PARTNER, "x", buf,
					      sizeof buf),
			 "no check has the id 'x'");
}
END_TEST

static void
collect_expiring_who(const waiver *w, void *ctx)
{
	waivers_describe_who(ctx, w);
	sb_addc(ctx, ' ');
}

/* Each id of a pair is matched by itself: an unmatched one is named with
 * its own did-you-mean; consortium waivers are never unmatched. */
START_TEST(test_pair_unmatched)
{
	ck_assert_int_eq(load("R1 + S22,p.same,r,2030-01-10\n"
			      "T1 + U1,p.same,r\n"
			      "*,c.size,r,2030-01-02\n"),
			 0);
	waivers_seal(ws);
	waivers_mark_partner(ws, "R1");
	waivers_mark_partner(ws, "S2");
	waivers_mark_partner(ws, "P9");
	waivers_each_unmatched(ws, collect_unmatched, &got);
	ck_assert_str_eq(got.buf, "S22->S2 T1->- U1->- ");
	sb_reset(&got);
	waivers_each_expiring(ws, day(2030, 1, 1), 30, collect_expiring_who,
			      &got);
	ck_assert_str_eq(got.buf, "'P9' 'R1 + S22' the consortium ");
}
END_TEST

START_TEST(test_load_problems)
{
	ck_assert_int_eq(load("partner,rule,reason,expires\n"
			      "P1,a.one\n"
			      "P1,a.one,r,2024-01-01,extra\n"
			      ",a.one,r\n"
			      "P1,,r\n"
			      "P1,a.one, \t \n"
			      "P1,x.y,r\n"
			      "P1,a.one,r,2024-13-01\n"
			      "P1,a.one,r,01/02/2024\n"
			      "P1,A.ONE,r\n"
			      "P1,x.y,,31/12/2024\n"
			      "P1\n"
			      "P1,a.one,fine,2024-02-29\n"),
			 11);
	ck_assert_str_eq(
	    msgs(),
	    "W:2: expected 3 or 4 fields (partner, rule, reason, expiry date), "
	    "found 2\n"
	    "W:3: expected 3 or 4 fields (partner, rule, reason, expiry date), "
	    "found 5\n"
	    "W:4: 'a.one' is a check, not a consortium rule: waive it for "
	    "one partner\n"
	    "W:5: the rule id is empty\n"
	    "W:6: the reason is empty\n"
	    "W:7: no check has the id 'x.y'\n"
	    "W:8: '2024-13-01' is not a date (write YYYY-MM-DD)\n"
	    "W:9: '01/02/2024' is not a date (write YYYY-MM-DD)\n"
	    "W:10: no check has the id 'A.ONE' (did you mean 'a.one'?)\n"
	    "W:11: the reason is empty\n"
	    "W:11: '31/12/2024' is not a date (write YYYY-MM-DD)\n"
	    "W:12: expected 3 or 4 fields (partner, rule, reason, expiry date), "
	    "found 1");
	/* Only the good row was added. */
	waivers_seal(ws);
	ck_assert_str_eq(find("P1", "a.one", 0),
			 "P1 a.one fine 2024-02-29 W:13");
	ck_assert_str_eq(find("P1", "x.y", 0), "none");
	ck_assert_str_eq(find("P1", "b", 0), "none");
}
END_TEST

START_TEST(test_reader_problems)
{
	/* A bad row is reported and skipped; the file goes on. */
	ck_assert_int_eq(load("P1,b,caf\xe9\nP2,b,\"x\"y\nP3,b,ok\n"), 2);
	ck_assert_str_eq(
	    msgs(),
	    "W:1: invalid UTF-8 byte 0xE9; if the file is Windows-1252, use "
	    "--encoding windows-1252\n"
	    "W:2: quoted field is followed by 'y' instead of a delimiter");
	/* A problem that ends the file is the last one. */
	ck_assert_int_eq(load("P4,b,ok\nP5,b,\"open\n\n"), 1);
	ck_assert_str_eq(msgs(),
			 "W:2: unterminated quoted field starting on line 2");
	waivers_seal(ws);
	ck_assert_str_eq(find("P3", "b", 0), "P3 b ok - W:3");
	ck_assert_str_eq(find("P4", "b", 0), "P4 b ok - W:1");
	ck_assert_str_eq(find("P1", "b", 0), "none");
	ck_assert_str_eq(find("P2", "b", 0), "none");
	ck_assert_str_eq(find("P5", "b", 0), "none");
	/* A file that cannot be opened is one problem. */
	diaglist_free(&dl);
	ck_assert_int_eq(waivers_load_csv(ws, "/nonexistent/w.csv", rs, NULL,
					  &dl),
			 1);
	ck_assert_str_eq(msgs(),
			 "/nonexistent/w.csv:1: cannot open: No such file or "
			 "directory");
}
END_TEST

START_TEST(test_origin_is_cut)
{
	char longdir[128], longpath[160];
	FILE *f;

	snprintf(longdir, sizeof longdir,
		 "%s/abcdefghijklmnopqrstuvwxyz0123456789", dir);
	ck_assert_int_eq(mkdir(longdir, 0700), 0);
	snprintf(longpath, sizeof longpath, "%s/w.csv", longdir);
	f = fopen(longpath, "w");
	ck_assert_ptr_nonnull(f);
	fputs("P1,b,r\n", f);
	fclose(f);
	ck_assert_int_eq(waivers_load_csv(ws, longpath, rs, NULL, &dl), 0);
	waivers_seal(ws);
	sb_reset(&want);
	sb_addf(&want, "%.40s:1", longpath);
	ck_assert_str_eq(waivers_find(ws, "P1", "b", 0)->origin, want.buf);
	unlink(longpath);
	rmdir(longdir);
}
END_TEST

START_TEST(test_find_among_duplicates)
{
	long today = day(2024, 3, 1);

	ck_assert_int_eq(load("P1,a.one,expired early,2023-01-01\n"
			      "P1,a.one,expired late,2024-02-29\n"
			      "P1,a.one,in force,2024-03-01\n"
			      "P2,a.one,expired late,2024-01-31\n"
			      "P2,a.one,expired early,2023-12-31\n"
			      "P3,a.one,expired,2020-01-01\n"
			      "P3,a.one,forever\n"
			      "P4,a.one,forever\n"
			      "P4,a.one,expired,2020-01-01\n"
			      "P5,a.two,x,2024-01-01\n"
			      "P5,a.one,y,2024-01-01\n"
			      "P5,b,z,2024-01-01\n"),
			 0);
	waivers_seal(ws);
	/* One in force beats any expired one. */
	ck_assert_str_eq(find("P1", "a.one", today),
			 "P1 a.one in force 2024-03-01 W:3");
	ck_assert_str_eq(find("P3", "a.one", today), "P3 a.one forever - W:7");
	ck_assert_str_eq(find("P4", "a.one", today), "P4 a.one forever - W:8");
	/* Among expired ones, the latest. */
	ck_assert_str_eq(find("P1", "a.one", today + 1),
			 "P1 a.one in force 2024-03-01 W:3");
	ck_assert_str_eq(find("P1", "a.one", today + 2),
			 "P1 a.one in force 2024-03-01 W:3");
	ck_assert_str_eq(find("P2", "a.one", today),
			 "P2 a.one expired late 2024-01-31 W:4");
	ck_assert_str_eq(find("P2", "a.one", day(2024, 1, 31)),
			 "P2 a.one expired late 2024-01-31 W:4");
	/* (With two in force, which one is returned is not specified.) */
	/* Same partner, different rules. */
	ck_assert_str_eq(find("P5", "a.one", today),
			 "P5 a.one y 2024-01-01 W:11");
	ck_assert_str_eq(find("P5", "a.two", today),
			 "P5 a.two x 2024-01-01 W:10");
	ck_assert_str_eq(find("P5", "b", today), "P5 b z 2024-01-01 W:12");
	ck_assert_str_eq(find("P6", "b", today), "none");
	ck_assert_str_eq(find("P0", "a.one", today), "none");
	ck_assert_str_eq(find("P5", "a", today), "none");
}
END_TEST

START_TEST(test_sorting)
{
	unsigned long long x = 42;
	strbuf sb;
	char partner[32], rule_reason[64];
	size_t i, k;
	static const char *const rules[] = { "a.one", "a.two", "b" };

	/* 600 waivers in a scrambled order; every one is found after the
	 * seal, and pairs never added are not. */
	sb_init(&sb);
	for (i = 0; i < 600; i++) {
		k = (i * 337) % 600;
		sb_addf(&sb, "Q%zu,%s,r%zu\n", k / 3, rules[k % 3], k);
	}
	ck_assert_int_eq(load(sb.buf), 0);
	sb_free(&sb);
	waivers_seal(ws);
	for (i = 0; i < 200; i++)
		for (k = 0; k < 3; k++) {
			const waiver *w;

			snprintf(partner, sizeof partner, "Q%zu", i);
			w = waivers_find(ws, partner, rules[k], 0);
			ck_assert_ptr_nonnull(w);
			snprintf(rule_reason, sizeof rule_reason, "r%zu",
				 i * 3 + k);
			ck_assert_str_eq(w->reason, rule_reason);
			ck_assert_str_eq(w->partner, partner);
			ck_assert_str_eq(w->rule, rules[k]);
		}
	for (i = 0; i < 100; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		snprintf(partner, sizeof partner, "Q%llu",
			 200 + (x >> 33) % 1000);
		ck_assert_ptr_null(waivers_find(ws, partner, "b", 0));
	}
	/* The rules' own waiver is among them. */
	ck_assert_str_eq(find("P9", "b", 0),
			 "P9 b from rules 2030-01-01 r.json: waivers[0]");
}
END_TEST

static Suite *
waivers_suite(void)
{
	Suite *s = suite_create("waivers");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_from_rules);
	tcase_add_test(tc, test_empty_set);
	tcase_add_test(tc, test_load_with_header);
	tcase_add_test(tc, test_header_names);
	tcase_add_test(tc, test_hints_and_expiry);
	tcase_add_test(tc, test_load_problems);
	tcase_add_test(tc, test_reader_problems);
	tcase_add_test(tc, test_origin_is_cut);
	tcase_add_test(tc, test_find_among_duplicates);
	tcase_add_test(tc, test_sorting);
	tcase_add_test(tc, test_parse_partner);
	tcase_add_test(tc, test_pairs_and_consortium);
	tcase_add_test(tc, test_pair_unmatched);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(waivers_suite)
