#ifndef PARTNERCHECK_RULES_H
#define PARTNERCHECK_RULES_H

#include <stddef.h>

#include "diaglist.h"
#include "expr.h"
#include "regex_dfa.h"
#include "utf8.h"
#include "value.h"
#include "verdict.h"

/*
 * The rule set: field declarations, per-partner checks, pairwise and
 * consortium rules, waivers, input options.  Loaded from JSON, validated
 * completely (every problem reported), then immutable while rows stream.
 * The language is documented in partnercheck-rules(5).
 */

/* The operators; op_table (ops.h) has one row for each, in this order:
 * a new operator is a value here, a row there and its evaluation. */
typedef enum cond_op {
	C_EQ,
	C_NE,
	C_LT,
	C_LE,
	C_GT,
	C_GE,
	C_BETWEEN,
	C_IN,
	C_NOT_IN,
	C_CONTAINS,
	C_CONTAINS_ANY,
	C_CONTAINS_ALL,
	C_EMPTY,
	C_NOT_EMPTY,
	C_PRESENT,
	C_ABSENT,
	C_MATCHES,
	C_ALL,
	C_ANY,
	C_NOT,
	/* pairwise only (a and b are the two partners) */
	C_BOTH,
	C_EITHER,
	C_MEETS,
	C_APART,
	C_DIFFER,
	C_SAME
} cond_op;

/* A literal a condition compares with, resolved to the field's type. */
typedef struct operand {
	double num; /* number, date (days), level index, boolean 0/1 */
	decnum dec; /* a number's exact decimal (see value.h), if it has one */
	char *text; /* as written in the rule file, for messages and text */
	size_t len;
} operand;

typedef struct cond {
	cond_op op;
	int field;     /* subject field, or -1 when expr is used */
	int field2;    /* C_MEETS: the other partner's list field */
	expr *expr;    /* subject formula, or NULL */
	char *subject; /* field name or formula text, for messages */
	operand *args;
	size_t nargs;
	regex_dfa *re;    /* C_MATCHES: the compiled expression, else NULL */
	double tolerance; /* C_APART */
	int relative;     /* C_APART: tolerance is a percentage of the lower */
	struct cond **kids;
	size_t nkids;
} cond;

typedef enum missing_policy {
	MISSING_FAIL,
	MISSING_PASS,
	MISSING_SKIP
} missing_policy;

typedef struct field_def {
	char *name;   /* used in conditions */
	char *column; /* header text in the CSV */
	char *label;  /* what a bid document calls it ("Largest funder's
		       * share of income"), or NULL: the name is used */
	type_spec type;
} field_def;

typedef struct check {
	char *id;
	char *title;
	char *category;
	int cat; /* index into ruleset.categories, or -1 */
	char *rationale;
	char *source; /* where the rule comes from ("source"), or NULL */
	severity sev;
	double weight;
	missing_policy missing;
	cond *when; /* NULL: always applies */
	cond *test; /* passes when this holds */
} check;

/* What a waiver names: one partner's finding of a check, a pair's finding
 * of a pair rule, or the consortium's finding of a consortium rule. */
typedef enum waiver_kind {
	WAIVE_PARTNER = 0,
	WAIVE_PAIR,
	WAIVE_CONSORTIUM
} waiver_kind;

typedef struct waiver {
	waiver_kind kind;
	char *partner; /* pair: the lesser id (strcmp); consortium: "" */
	char *other;   /* pair: the other id; NULL for the other kinds */
	char *rule;
	char *reason;
	long expires; /* days since 1970-01-01 */
	int has_expiry;
	char *origin; /* "rules.json: waivers[2]" or "w.csv:3" */
	int matched;  /* 1: a partner with id `partner` was read; 2: one
		       * with id `other` (a pair is matched at 3) */
} waiver;

typedef enum agg_kind {
	AGG_COUNT,
	AGG_SUM,
	AGG_MIN,
	AGG_MAX,
	AGG_COUNT_WHERE,
	AGG_COVERAGE,
	AGG_DISTINCT
} agg_kind;

/* A pairwise rule: a finding for every pair (a, b) for which test holds. */
typedef struct pair_rule {
	char *id;
	char *title;
	char *rationale;
	char *source; /* where the rule comes from ("source"), or NULL */
	severity sev;
	cond *test;
	double penalty; /* lineup: points per finding, when has_penalty */
	int has_penalty;
} pair_rule;

/* A consortium rule: a finding when the aggregate is out of bounds. */
typedef struct cons_rule {
	char *id;
	char *title;
	char *rationale;
	char *message; /* optional wording for the finding */
	char *source;  /* where the rule comes from ("source"), or NULL */
	severity sev;
	agg_kind kind;
	int field;   /* sum/min/max/coverage/distinct */
	cond *where; /* count_where */
	double min, max;
	int has_min, has_max;
	char *min_ref, *max_ref; /* "contract.KEY" bounds, resolved at run */
	char *required_ref;      /* coverage: contract key of the list */
	char **required;         /* coverage: literal list */
	size_t nrequired;
	int *fields; /* distinct: list fields pooled */
	size_t nfields;
	double penalty; /* lineup: points per finding, when has_penalty */
	int has_penalty;
} cons_rule;

typedef struct contract_value {
	char *key;
	double num;
	int is_num;
	char **items; /* a list value */
	size_t nitems;
	char *text;
} contract_value;

/* The "lineup" section: the size of a line-up and what a warn or info
 * finding costs it, in points of score (see partnercheck-rules(5)). */
typedef struct lineup_cfg {
	size_t min_size, max_size;
	int has_size;
	double pen_warn; /* default 25 */
	double pen_info; /* default 0 */
} lineup_cfg;

/* Where a rule of a layered rule set came from (see rules_extends.h):
 * the file that defined it ("base.json", "pack:collaborate") and each
 * key an override changed, with the file that did ("--set" for the
 * command line). */
typedef struct rule_origin {
	char *id;
	char *file;
	char **ov_files; /* nov each */
	char **ov_keys;  /* "value", "severity", "both.value" */
	size_t nov;
	/* the file whose "disable" dropped the rule, or NULL: then the rule
	 * is not in the set, and file is where it was written */
	char *disabled_by;
} rule_origin;

typedef struct ruleset {
	char *name;
	field_def *fields;
	size_t nfields;
	check *checks;
	size_t nchecks;
	char **categories; /* distinct check categories, first-seen order */
	size_t ncategories;
	pair_rule *pairs;
	size_t npairs;
	cons_rule *cons;
	size_t ncons;
	contract_value *contract;
	size_t ncontract;
	waiver *waivers;
	size_t nwaivers;
	double min_score;
	int has_min_score;
	lineup_cfg lineup;
	/* input options as the rule file sets them; the command line's
	 * overrides are resolved into an input_config (input_config.h),
	 * never written here */
	char delimiter; /* 0: not fixed, found from the header line */
	encoding enc;
	char *id_column;        /* NULL: the record number is the id */
	char *name_column;      /* NULL: partners have no display name */
	int missing_as_missing; /* input.missing_columns "as-missing": a
				 * needed column absent from the header is
				 * read as empty cells, not refused */
	int header_insensitive; /* input.header_case "insensitive": header
				 * cells match column names by key
				 * (textkey.h), not exactly */
	/* one per rule id when the set was layered ("extends", "override",
	 * "disable", -r more than once, --set check.*); none otherwise */
	rule_origin *origins;
	size_t norigins;
} ruleset;

/*
 * Parses and validates a rule set from buf[0..len) (any bytes; need not be
 * NUL-terminated).  label names the file in messages.  Returns the rule set,
 * or NULL with at least one message in dl; the caller frees with
 * rules_free.  Also returns NULL (with messages) when the JSON is fine but
 * the rule set is not: every problem is listed, not just the first.
 */
ruleset *rules_parse(const char *label, const char *buf, size_t len,
		     diaglist *dl);

/* Reads path ("-" for stdin) and parses it as above. */
ruleset *rules_load(const char *path, diaglist *dl);

/* The embedded default rule set ("collaborate"), as JSON text. */
extern const char default_rules_json[];

/* Frees the rule set and everything it holds; NULL is a no-op. */
void rules_free(ruleset *rs);
/* Frees a condition tree; NULL is a no-op. */
void cond_free(cond *c);

/* Index of the field named (exactly, by its rule-file name), or -1. */
int rules_field(const ruleset *rs, const char *name);
/* Index of the check with that id, or -1. */
int rules_check(const ruleset *rs, const char *id);
/* Where the rule (check, pairwise or consortium) with that id came
 * from, or NULL when the set was not layered or has no such rule; it
 * belongs to the rule set.  A rule a layer's "disable" dropped has one
 * too, with disabled_by set, though the set has no rule of that id. */
const rule_origin *rules_origin(const ruleset *rs, const char *id);
/* Contract value by key (exact, case-sensitive), or NULL; it belongs to
 * the rule set. */
const contract_value *rules_contract(const ruleset *rs, const char *key);

/*
 * The last step of loading, before the rule set is shared and becomes
 * read-only: applies "--set contract.KEY=VALUE" (the text after
 * "contract."), replacing the value of KEY or adding it.  VALUE is a
 * number or a ';'-separated list (blank items dropped).  Returns 0, or -1
 * with a reason in err (err[0..errsz)) and rs unchanged.
 */
int rules_set_contract(ruleset *rs, const char *assignment, char *err,
		       size_t errsz);

/*
 * Sets used[i] to 1 for every field i that the checks (and, when pairs is
 * non-zero, the pairwise and consortium rules) read, and to 0 for the
 * others.  used has rs->nfields entries and belongs to the caller: the
 * rule set itself is not written.
 */
void rules_mark_used(const ruleset *rs, int pairs, unsigned char *used);

#endif
