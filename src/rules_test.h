#ifndef PARTNERCHECK_RULES_TEST_H
#define PARTNERCHECK_RULES_TEST_H

#include <stddef.h>

#include "diaglist.h"
#include "rules.h"
#include "strbuf.h"

/*
 * Rule tests (`partnercheck rules test`): a test file of cases, each a few
 * partner rows, options and the results expected, run through the real
 * assessment path (assess.c; the line-up through the lineup model and
 * solver).  The file format is documented in partnercheck-rules(5) and
 * examples/partnercheck-tests.schema.json.
 */

/* What one partner is expected to get.  Lists are rule ids. */
typedef struct rt_partner_exp {
	char *id;
	char *where;  /* JSON path, for messages */
	int status;   /* status (verdict.h), or -1: not checked */
	char **fires; /* exactly these fail or go missing, when has_fires */
	size_t nfires;
	int has_fires;
	char **includes; /* at least these fail or go missing */
	size_t nincludes;
	char **waived; /* exactly these are waived, when has_waived */
	size_t nwaived;
	int has_waived;
} rt_partner_exp;

/* A pairwise finding: rule, and the two partner ids in file order. */
typedef struct rt_pair {
	char *rule, *a, *b;
	int outcome; /* RT_PAIR_ANY, or the outcome expected or found */
} rt_pair;

/* A pair finding's outcome: an expectation without one matches either. */
enum {
	RT_PAIR_ANY = 0,
	RT_PAIR_FAIL,
	RT_PAIR_WAIVED
};

typedef struct rt_case {
	char *name;
	char *where;    /* "cases[2]" */
	char **cols;    /* inline partner rows: the header cells, */
	size_t ncols;   /* ... and nrows rows of ncols cells, row by row; */
	char **cells;   /* the runner adds the columns of the rule set's */
	size_t nrows;   /* fields that are not given, empty */
	char *csv_path; /* or a CSV file (resolved against the test file) */
	long today;     /* --as-of, days; has_today 0: the run's date */
	int has_today;
	char **set; /* "contract.KEY=VALUE" assignments, in order */
	size_t nset;
	char *waivers_csv;  /* inline waivers as CSV text, or NULL */
	char *waivers_path; /* a waivers CSV file (resolved) */
	rt_partner_exp *partners;
	size_t npartners;
	rt_pair *pairs; /* exactly these pair findings, when has_pairs */
	size_t npairs;
	int has_pairs;
	char **cons; /* exactly these consortium rules fire, when has_cons */
	size_t ncons;
	int has_cons;
	char **lineup; /* best line-up's members (any order), when has_lineup;
			* lineup_none: no feasible line-up */
	size_t nlineup;
	int has_lineup, lineup_none;
} rt_case;

typedef struct rt_file {
	char *path;
	rt_case *cases;
	size_t ncases;
} rt_file;

/*
 * Reads and validates a test file.  Returns it (free with rt_file_free),
 * or NULL with every problem in dl, each located ("t.json:3:14: ..." for
 * JSON syntax, "t.json: cases[1].expect.partners.a.status: ..." for
 * content).  Paths inside are resolved against the test file's directory.
 */
rt_file *rt_file_load(const char *path, diaglist *dl);
/* Frees f and everything it holds; NULL is a no-op. */
void rt_file_free(rt_file *f);

/* The outcomes coverage counts, as bits. */
enum {
	RT_PASS = 1,
	RT_FAIL = 2,
	RT_MISSING = 4,
	RT_NOT_APPLY = 8,
	RT_WAIVED = 16
};

/* Outcomes seen, per rule of one rule set (checks, then pairwise, then
 * consortium rules, in rule-set order).  Owned by the caller. */
typedef struct rt_coverage {
	unsigned *seen;
	size_t n;
} rt_coverage;

/*
 * Runs case c of the test file against rs (loaded from the same text
 * run by run; the case's --set assignments are applied to rs, which is
 * why each case gets its own copy).  Appends to diff what differed from
 * the expectations, one "    ..." line each, or why the case could not
 * run.  Adds the outcomes seen to cov when it is not NULL (cov->n must
 * be rs's rule count).  Returns 0 passed, 1 failed, 2 could not run (a
 * bad partner file, waiver or --set: the test file is wrong).
 */
int rt_run_case(ruleset *rs, const rt_case *c, long today, rt_coverage *cov,
		strbuf *diff);

/*
 * The outcomes that apply to each rule (the bits above), into want
 * (rt_rule_count(rs) entries): checks pass and fail, missing when the
 * test can be missing (it reads a field other than a list or through
 * present/absent/empty), not-apply when it has "when", waived always;
 * pairwise rules pass and fail; consortium rules pass and fail.
 */
void rt_applicable(const ruleset *rs, unsigned *want);
/* Checks plus pairwise plus consortium rules. */
size_t rt_rule_count(const ruleset *rs);
/* The id of rule i in that numbering. */
const char *rt_rule_id(const ruleset *rs, size_t i);

/* `partnercheck rules test`: argv[0] is "test"; returns the exit status. */
int cmd_rules_test(int argc, char **argv);

#endif
