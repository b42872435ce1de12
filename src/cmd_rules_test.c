#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "date.h"
#include "diag.h"
#include "exit_status.h"
#include "mutate.h"
#include "rules_extends.h"
#include "rules_test.h"
#include "xalloc.h"

/*
 * `partnercheck rules test RULES.json TESTS.json...`: runs rule-test
 * cases, reports each, and optionally the coverage of the rules'
 * outcomes and the mutations no case notices (see partnercheck-rules(5)).
 */

/* sb_detach leaves sb valid, with a buffer of its own: this frees that
 * too, for a caller done with sb. */
static char *
take(strbuf *sb)
{
	char *s = sb_detach(sb);

	sb_free(sb);
	return s;
}

static const char usage[] =
    "usage: partnercheck rules test [-f text|tap|junit] [--coverage]\n"
    "           [--coverage-min N] [--mutate] [--as-of DATE]\n"
    "           RULES TESTS.json...\n"
    "       partnercheck rules test [OPTIONS] -r RULES [-r RULES]... "
    "TESTS.json...\n"
    "\n"
    "Runs the cases of each test file against the rule set and reports\n"
    "which pass, with what differed for those that do not.  RULES is a\n"
    "rule file or the name of a pack; -r given more than once makes a\n"
    "chain, each file extending those before it, as check's -r does.\n"
    "\n"
    "  -r, --rules RULES     rule file or pack; again to extend it\n"
    "  -f, --format FMT      text (default), tap or junit\n"
    "      --coverage        add the table of rule outcomes the cases reach\n"
    "      --coverage-min N  fail when under N% of those outcomes are reached\n"
    "      --mutate          move each threshold one step each way and flip\n"
    "                        each comparison: report those no case notices\n"
    "      --as-of DATE      today's date for cases without as_of\n"
    "\n"
    "Exit status: 0 every case passed (and coverage and mutations as asked),\n"
    "1 a case failed, coverage is under --coverage-min or a boundary is\n"
    "untested, 2 usage, rule-set or test-file error.\n"
    "See partnercheck-rules(5), Rule tests.\n";

enum {
	F_TEXT,
	F_TAP,
	F_JUNIT
};

typedef struct opts {
	int format;
	int coverage;
	long coverage_min; /* -1: none */
	int mutate;
	long today;
	const char *rules; /* the label of the rule set's text */
	const char **refs; /* -r RULES..., or the first file: what the */
	size_t nrefs;      /* rule set is made of (rules_load_chain) */
	char **tests;
	size_t ntests;
	char **files; /* every file operand; owns tests */
} opts;

static void
opts_free(opts *o)
{
	free(o->files);
	free(o->refs);
	o->files = NULL;
	o->refs = NULL;
}

/* What --mutate found: each mutation's description and whether no case
 * noticed it. */
typedef struct mutations {
	char **desc;
	unsigned char *alive;
	size_t n, nalive;
} mutations;

typedef struct outcome_row {
	const char *file;
	const rt_case *c;
	int rc;
	char *diff;
} outcome_row;

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	strbuf sb;
	char buf[8192];
	size_t n;

	if (!f) {
		diag("cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(&sb, buf, n);
	if (f != stdin)
		fclose(f);
	*len = sb.len;
	return take(&sb);
}

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("partnercheck rules test: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'partnercheck rules test --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Returns EXIT_OK to go on, else the status to exit with. */
static int
parse(opts *o, int argc, char **argv)
{
	int i, dashdash = 0;
	char **files = xcalloc((size_t)argc + 1, sizeof *files);
	size_t nfiles = 0;

	memset(o, 0, sizeof *o);
	o->refs = xcalloc((size_t)argc + 1, sizeof *o->refs);
	o->coverage_min = -1;
	o->today = (long)(time(NULL) / 86400);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;

		if (dashdash || a[0] != '-' || !a[1]) {
			files[nfiles++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			free(files);
			free(o->refs);
			cli_print_info(CLI_HELP, usage);
			return -1;
		}
		if (!strcmp(a, "--coverage")) {
			o->coverage = 1;
			continue;
		}
		if (!strcmp(a, "--mutate")) {
			o->mutate = 1;
			continue;
		}
		if (!strcmp(a, "-r") || !strcmp(a, "--rules") ||
		    !strncmp(a, "--rules=", 8)) {
			if (a[2] == 'r' && a[7] == '=') {
				o->refs[o->nrefs++] = a + 8;
				continue;
			}
			if (i + 1 >= argc) {
				free(files);
				free(o->refs);
				return usage_error("%s needs a value", a);
			}
			o->refs[o->nrefs++] = argv[++i];
			continue;
		}
		if (!strcmp(a, "-f") || !strcmp(a, "--format") ||
		    !strcmp(a, "--coverage-min") || !strcmp(a, "--as-of")) {
			if (i + 1 >= argc) {
				free(files);
				free(o->refs);
				return usage_error("%s needs a value", a);
			}
			val = argv[++i];
		} else if (!strncmp(a, "--format=", 9)) {
			val = a + 9;
			a = "--format";
		} else if (!strncmp(a, "--coverage-min=", 15)) {
			val = a + 15;
			a = "--coverage-min";
		} else if (!strncmp(a, "--as-of=", 8)) {
			val = a + 8;
			a = "--as-of";
		} else {
			free(files);
			free(o->refs);
			return usage_error("unknown option '%s'", a);
		}
		if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
			if (!strcmp(val, "text"))
				o->format = F_TEXT;
			else if (!strcmp(val, "tap"))
				o->format = F_TAP;
			else if (!strcmp(val, "junit"))
				o->format = F_JUNIT;
			else {
				free(files);
				free(o->refs);
				return usage_error("unknown format '%s' "
						   "(text, tap or junit)",
						   val);
			}
		} else if (!strcmp(a, "--coverage-min")) {
			char *end;

			errno = 0;
			o->coverage_min = strtol(val, &end, 10);
			if (errno || end == val || *end ||
			    o->coverage_min < 0 || o->coverage_min > 100) {
				free(files);
				free(o->refs);
				return usage_error("--coverage-min: '%s' is "
						   "not a whole number from 0 "
						   "to 100",
						   val);
			}
		} else if (date_parse(NULL, val, strlen(val), &o->today) < 0) {
			free(files);
			free(o->refs);
			return usage_error("--as-of: '%s' is not a date "
					   "(YYYY-MM-DD)",
					   val);
		}
	}
	/* Without -r the first file is the rule set; o->files owns the
	 * array either way. */
	o->files = files;
	if (!o->nrefs && nfiles)
		o->refs[o->nrefs++] = files[0];
	o->tests = files + (o->refs[0] == files[0]);
	o->ntests = nfiles - (size_t)(o->tests - files);
	if (!o->ntests) {
		opts_free(o);
		return usage_error("%s", "name a rule file and at least one "
					 "test file");
	}
	o->rules = o->refs[o->nrefs - 1];
	return EXIT_OK;
}

static void
xml_escaped(const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<':
			fputs("&lt;", stdout);
			break;
		case '>':
			fputs("&gt;", stdout);
			break;
		case '&':
			fputs("&amp;", stdout);
			break;
		case '"':
			fputs("&quot;", stdout);
			break;
		default:
			putchar(*s);
		}
}

/* Each line of text, with prefix before it. */
static void
lines(const char *text, const char *prefix, const char *strip)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (strip && !strncmp(p, strip, strlen(strip))) {
			p += strlen(strip);
			n -= strlen(strip);
		}
		printf("%s%.*s\n", prefix, (int)n, p);
		p += n + (nl ? 1 : 0);
	}
}

static void
print_tap(const opts *o, const outcome_row *rows, size_t n, long pct,
	  const mutations *mu)
{
	size_t i, k = 0;

	puts("TAP version 13");
	for (i = 0; i < n; i++) {
		printf("%sok %zu - %s: %s\n", rows[i].rc ? "not " : "", ++k,
		       rows[i].file, rows[i].c->name);
		lines(rows[i].diff, "# ", "    ");
	}
	if (o->coverage_min >= 0)
		printf("%sok %zu - coverage %ld%% (at least %ld%%)\n",
		       pct < o->coverage_min ? "not " : "", ++k, pct,
		       o->coverage_min);
	for (i = 0; i < mu->n; i++)
		printf("%sok %zu - %s: %s\n", mu->alive[i] ? "not " : "", ++k,
		       mu->alive[i] ? "untested boundary" : "boundary tested",
		       mu->desc[i]);
	printf("1..%zu\n", k);
}

static void
junit_case(const char *suite, const char *name, const char *failure,
	   const char *detail)
{
	fputs("    <testcase classname=\"", stdout);
	xml_escaped(suite);
	fputs("\" name=\"", stdout);
	xml_escaped(name);
	if (!failure) {
		fputs("\"/>\n", stdout);
		return;
	}
	fputs("\">\n      <failure message=\"", stdout);
	xml_escaped(failure);
	fputs("\">", stdout);
	xml_escaped(detail);
	fputs("</failure>\n    </testcase>\n", stdout);
}

static void
print_junit(const opts *o, const outcome_row *rows, size_t n, size_t failed,
	    long pct, const mutations *mu)
{
	size_t i, k;
	int cov_fail = o->coverage_min >= 0 && pct < o->coverage_min;

	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	       "<testsuites name=\"partnercheck rules test\" "
	       "tests=\"%zu\" failures=\"%zu\">\n",
	       n + mu->n + (o->coverage_min >= 0),
	       failed + mu->nalive + (size_t)cov_fail);
	for (i = 0; i < n; i = k) {
		size_t nf = 0;

		for (k = i; k < n && rows[k].file == rows[i].file; k++)
			nf += rows[k].rc != 0;
		fputs("  <testsuite name=\"", stdout);
		xml_escaped(rows[i].file);
		printf("\" tests=\"%zu\" failures=\"%zu\">\n", k - i, nf);
		for (k = i; k < n && rows[k].file == rows[i].file; k++) {
			strbuf m;

			sb_init(&m);
			sb_addf(&m, "%s: the results differ from the expected",
				rows[k].c->where);
			junit_case(rows[k].file, rows[k].c->name,
				   rows[k].rc ? m.buf : NULL, rows[k].diff);
			sb_free(&m);
		}
		fputs("  </testsuite>\n", stdout);
	}
	if (o->coverage_min >= 0) {
		strbuf m;

		sb_init(&m);
		sb_addf(&m, "coverage %ld%% is below %ld%%", pct,
			o->coverage_min);
		printf("  <testsuite name=\"coverage\" tests=\"1\" "
		       "failures=\"%d\">\n",
		       cov_fail);
		junit_case("coverage", "coverage", cov_fail ? m.buf : NULL, "");
		fputs("  </testsuite>\n", stdout);
		sb_free(&m);
	}
	if (mu->n) {
		printf("  <testsuite name=\"mutations\" tests=\"%zu\" "
		       "failures=\"%zu\">\n",
		       mu->n, mu->nalive);
		for (i = 0; i < mu->n; i++)
			junit_case("mutations", mu->desc[i],
				   mu->alive[i] ? "untested boundary: no case "
						  "noticed this change" :
						  NULL,
				   "");
		fputs("  </testsuite>\n", stdout);
	}
	fputs("</testsuites>\n", stdout);
}

static void
print_results(const opts *o, const outcome_row *rows, size_t n, size_t failed,
	      long pct, const mutations *mu)
{
	size_t i;

	if (o->format == F_TAP) {
		print_tap(o, rows, n, pct, mu);
		return;
	}
	if (o->format == F_JUNIT) {
		print_junit(o, rows, n, failed, pct, mu);
		return;
	}
	for (i = 0; i < n; i++) {
		printf("%s %s: %s\n", rows[i].rc ? "FAIL" : "ok  ",
		       rows[i].file, rows[i].c->name);
		fputs(rows[i].diff, stdout);
	}
	printf("%zu case%s: %zu passed, %zu failed\n", n, n == 1 ? "" : "s",
	       n - failed, failed);
}

/* Text: each mutation no case noticed, and the count. */
static void
print_mutations(const mutations *mu)
{
	size_t i;

	for (i = 0; i < mu->n; i++)
		if (mu->alive[i])
			printf("untested boundary: %s\n", mu->desc[i]);
	if (mu->n)
		printf("mutations: %zu, noticed %zu, untested boundaries %zu\n",
		       mu->n, mu->n - mu->nalive, mu->nalive);
}

static const char *const outcome_names[] = { "pass", "fail", "missing",
					     "not-apply", "waived" };

/* The percentage of the applicable outcomes reached, rounded down: 199
 * of 200 is 99%, never 100%. */
static long
coverage_pct(const ruleset *rs, const rt_coverage *cov)
{
	size_t n = rt_rule_count(rs), i, b, total = 0, got = 0;
	unsigned *want = xcalloc(n + 1, sizeof *want);

	rt_applicable(rs, want);
	for (i = 0; i < n; i++)
		for (b = 0; b < 5; b++)
			if (want[i] & (1u << b)) {
				total++;
				got += (cov->seen[i] & (1u << b)) != 0;
			}
	free(want);
	return total ? (long)(got * 100 / total) : 100;
}

/* The table of outcomes (TAP: as comments): "yes" reached, "NO" not
 * reached, "-" does not apply to the rule. */
static void
coverage_table(const opts *o, const ruleset *rs, const rt_coverage *cov,
	       long pct)
{
	size_t n = rt_rule_count(rs), i, b, total = 0, got = 0, w = 4;
	unsigned *want = xcalloc(n + 1, sizeof *want);
	const char *pre = o->format == F_TEXT ? "" : "# ";

	rt_applicable(rs, want);
	for (i = 0; i < n; i++) {
		if (strlen(rt_rule_id(rs, i)) > w)
			w = strlen(rt_rule_id(rs, i));
		for (b = 0; b < 5; b++)
			if (want[i] & (1u << b)) {
				total++;
				got += (cov->seen[i] & (1u << b)) != 0;
			}
	}
	printf("%scoverage: %zu of %zu outcomes (%ld%%)\n", pre, got, total,
	       pct);
	printf("%s%-*s", pre, (int)w, "rule");
	for (b = 0; b < 5; b++)
		printf("  %s", outcome_names[b]);
	putchar('\n');
	for (i = 0; i < n; i++) {
		printf("%s%-*s", pre, (int)w, rt_rule_id(rs, i));
		for (b = 0; b < 5; b++)
			printf("  %-*s",
			       b < 4 ? (int)strlen(outcome_names[b]) : 0,
			       !(want[i] & (1u << b))   ? "-" :
			       cov->seen[i] & (1u << b) ? "yes" :
							  "NO");
		putchar('\n');
	}
	free(want);
}

/* The rule set for case c, loaded afresh (a case's contract values and
 * a mutation change it): the rule set's text parsed again or, when the
 * case sets check.ID.KEY values, the chain loaded again with them, as
 * --set check.* does.  NULL with every problem in dl. */
static ruleset *
case_rules(const opts *o, const char *text, size_t len, const rt_case *c,
	   diaglist *dl)
{
	const char **sets;
	size_t i, n = 0;
	ruleset *rs;

	if (!c || !c->nset)
		return rules_parse(o->rules, text, len, dl);
	sets = xcalloc(c->nset + 1, sizeof *sets);
	for (i = 0; i < c->nset; i++)
		if (!strncmp(c->set[i], "check.", 6))
			sets[n++] = c->set[i] + 6;
	for (i = 0; n && i < o->nrefs; i++)
		if (!strcmp(o->refs[i], "-")) {
			diaglist_add(dl,
				     "%s.set: check values need the rules "
				     "from a file or pack, not standard "
				     "input",
				     c->where);
			free(sets);
			return NULL;
		}
	rs = n ? rules_load_chain(o->refs, o->nrefs, sets, n, dl) :
		 rules_parse(o->rules, text, len, dl);
	free(sets);
	return rs;
}

/* The rule set's text: the file as it is, or, for a pack or a chain of
 * -r files, the resolved document `rules show` prints.  NULL after a
 * diagnostic. */
static char *
rules_text(const opts *o, size_t *len)
{
	diaglist dl = { NULL, 0, 0 };
	char *text;
	size_t i;

	if (o->nrefs == 1 && !rules_ref_is_pack(o->refs[0]))
		return slurp(o->refs[0], len);
	text = rules_show_chain(o->refs, o->nrefs, &dl);
	for (i = 0; i < dl.n; i++)
		diag("%s", dl.msgs[i]);
	diaglist_free(&dl);
	if (text)
		*len = strlen(text);
	return text;
}

/* Runs every case against a fresh copy of the rule set with mutation k
 * applied; returns 1 when some case notices it. */
static int
killed(const opts *o, const char *text, size_t len, rt_file **files, size_t k,
       long today, strbuf *desc)
{
	strbuf scratch;
	size_t f, i;
	int hit = 0;

	sb_init(&scratch);
	for (f = 0; f < o->ntests && !hit; f++)
		for (i = 0; i < files[f]->ncases && !hit; i++) {
			diaglist dl = { NULL, 0, 0 };
			ruleset *rs = case_rules(o, text, len,
						 &files[f]->cases[i], &dl);

			diaglist_free(&dl);
			if (!rs)
				return 1;
			mutate_apply(rs, k, f || i ? &scratch : desc);
			sb_reset(&scratch);
			hit = rt_run_case(rs, &files[f]->cases[i], today, NULL,
					  &scratch) != 0;
			rules_free(rs);
		}
	sb_free(&scratch);
	return hit;
}

int
cmd_rules_test(int argc, char **argv)
{
	opts o;
	char *text;
	size_t len = 0, f, i, nrows = 0, failed = 0, bad = 0;
	diaglist dl = { NULL, 0, 0 };
	ruleset *rs0;
	rt_file **files;
	outcome_row *rows = NULL;
	rt_coverage cov = { NULL, 0 };
	mutations mu = { NULL, NULL, 0, 0 };
	long pct = 100;
	int rc = parse(&o, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	text = rules_text(&o, &len);
	if (!text) {
		opts_free(&o);
		return EXIT_USAGE;
	}
	rs0 = rules_parse(o.rules, text, len, &dl);
	for (i = 0; i < dl.n; i++)
		diag("%s", dl.msgs[i]);
	diaglist_free(&dl);
	if (!rs0) {
		free(text);
		opts_free(&o);
		return EXIT_USAGE;
	}
	files = xcalloc(o.ntests + 1, sizeof *files);
	for (f = 0; f < o.ntests; f++) {
		files[f] = rt_file_load(o.tests[f], &dl);
		for (i = 0; i < dl.n; i++)
			diag("%s", dl.msgs[i]);
		diaglist_free(&dl);
		bad += !files[f];
	}
	if (bad) {
		rc = EXIT_USAGE;
		goto out;
	}
	cov.n = rt_rule_count(rs0);
	cov.seen = xcalloc(cov.n + 1, sizeof *cov.seen);
	for (f = 0; f < o.ntests; f++)
		for (i = 0; i < files[f]->ncases; i++) {
			ruleset *rs = case_rules(&o, text, len,
						 &files[f]->cases[i], &dl);
			strbuf diff;
			outcome_row *r;
			size_t k;

			sb_init(&diff);
			/* the case's check values are its "set", not --set */
			for (k = 0; k < dl.n; k++) {
				const char *m = dl.msgs[k];
				int set = !strncmp(m, "--set: ", 7);

				sb_addf(&diff, "    %s%s%s\n",
					set ? files[f]->cases[i].where : "",
					set ? ".set: " : "", m + (set ? 7 : 0));
			}
			diaglist_free(&dl);
			rows = xrealloc(rows, (nrows + 1) * sizeof *rows);
			r = &rows[nrows++];
			r->file = o.tests[f];
			r->c = &files[f]->cases[i];
			r->rc = rs ? rt_run_case(rs, r->c, o.today, &cov,
						 &diff) :
				     2;
			rules_free(rs);
			if (r->rc == 2) {
				/* the test file is wrong, not the rules */
				const char *p = diff.buf;

				while (*p) {
					const char *nl = strchr(p, '\n');
					int n = (int)(nl ? nl - p :
							   (long)strlen(p));

					diag("%s: %.*s", o.tests[f], n - 4,
					     p + 4);
					p += n + (nl ? 1 : 0);
				}
				bad++;
			}
			failed += r->rc != 0;
			r->diff = take(&diff);
		}
	if (bad) {
		rc = EXIT_USAGE;
		goto done;
	}
	rc = failed ? EXIT_FINDINGS : EXIT_OK;
	if (o.coverage || o.coverage_min >= 0) {
		pct = coverage_pct(rs0, &cov);
		if (o.coverage_min >= 0 && pct < o.coverage_min)
			rc = EXIT_FINDINGS;
	}
	if (o.mutate && !failed) {
		mu.n = mutate_count(rs0);
		mu.desc = xcalloc(mu.n + 1, sizeof *mu.desc);
		mu.alive = xcalloc(mu.n + 1, 1);
		for (i = 0; i < mu.n; i++) {
			strbuf desc;

			sb_init(&desc);
			mu.alive[i] = !killed(&o, text, len, files, i, o.today,
					      &desc);
			mu.nalive += mu.alive[i];
			mu.desc[i] = take(&desc);
		}
		if (mu.nalive)
			rc = EXIT_FINDINGS;
	}
	print_results(&o, rows, nrows, failed, pct, &mu);
	if (o.coverage && o.format != F_JUNIT)
		coverage_table(&o, rs0, &cov, pct);
	if (o.format == F_TEXT)
		print_mutations(&mu);
	if (o.coverage_min >= 0 && pct < o.coverage_min)
		diag("coverage %ld%% is below --coverage-min %ld", pct,
		     o.coverage_min);
	if (o.mutate && failed)
		diag("--mutate: not run, %zu case%s failed", failed,
		     failed == 1 ? "" : "s");
done:
	for (i = 0; i < mu.n; i++)
		free(mu.desc[i]);
	free(mu.desc);
	free(mu.alive);
	for (i = 0; i < nrows; i++)
		free(rows[i].diff);
	free(rows);
	free(cov.seen);
out:
	for (f = 0; f < o.ntests; f++)
		rt_file_free(files[f]);
	free(files);
	rules_free(rs0);
	free(text);
	opts_free(&o);
	return rc;
}
