#ifndef PARTNERCHECK_VERDICT_H
#define PARTNERCHECK_VERDICT_H

#include <stddef.h>

/*
 * What evaluation produces and emitters print: plain data, no rules.
 * Strings are UTF-8 and NUL-terminated; they belong to whoever built the
 * struct and stay valid for the duration of the emitter call only.
 */

typedef enum severity {
	SEV_INFO = 0,
	SEV_WARN = 1,
	SEV_FAIL = 2
} severity;
typedef enum status {
	ST_PASS = 0,
	ST_WARN,
	ST_FAIL,
	ST_ERROR
} status;
/* How a finding came about.  OUT_FAIL: the check's condition did not hold;
 * OUT_MISSING: a value it needs is absent (and the missing policy makes that
 * a failure); OUT_WAIVED: it did not hold but a waiver covers it; OUT_ERROR:
 * the row could not be assessed at all. */
typedef enum outcome {
	OUT_FAIL = 0,
	OUT_MISSING,
	OUT_WAIVED,
	OUT_ERROR
} outcome;

const char *severity_name(severity s); /* "info" "warn" "fail" */
const char *status_name(status s);     /* "pass" "warn" "fail" "error" */
const char *outcome_name(outcome o);   /* "fail" "missing" "waived" "error" */
/* Returns the severity named, or -1. */
int severity_from_name(const char *s);

/* The waiver a finding met: for OUT_WAIVED the one that covers it, and
 * for a failed finding one that expired before the as-of date.  reason
 * NULL means no waiver (then expires is NULL and expired 0). */
typedef struct finding_waiver {
	const char *reason;  /* as written in the waiver */
	const char *expires; /* "YYYY-MM-DD", or NULL when it never expires */
	int expired;         /* 1: it expired, so the finding counts */
} finding_waiver;

/*
 * The structured detail of a finding, shared by every kind (partner,
 * pairwise, consortium) so that machine formats (json, ndjson,
 * findings-*, sarif, junit) print the same data.  Any pointer may be NULL
 * when it does not apply, and a format then prints null or an empty cell.
 */
typedef struct finding_detail {
	const char *title;    /* the rule's title, or NULL if it has none */
	const char *category; /* the check's category, or NULL */
	/* The one field that decides the check (a comparison of one field
	 * with literals), its cell as read (trimmed of nothing; "" for an
	 * empty or absent cell) and the literals as written in the rule
	 * file, joined by ", " ("3"; "1, 5" for between; NULL for an
	 * operator without one, e.g. not_empty).  All NULL for a check of
	 * several fields, a formula, a row error or min_score. */
	const char *field;
	const char *value;
	const char *threshold;
	finding_waiver waiver;
	/* --baseline: 1 when the baseline report has the same finding
	 * (partner id and rule, or pair and rule); a known finding still
	 * has its outcome but does not fail the run. */
	int known;
	/* For people (the html report's cards): what a bid document calls
	 * field (its "label", or NULL when the rule set gives none), and the
	 * value and the threshold as messages say them, in the field's own
	 * type ("£2,000,000", "62%"; "1, 5" for between).  NULL exactly when
	 * field, value and threshold above are. */
	const char *label;
	const char *value_shown;
	const char *threshold_shown;
} finding_detail;

typedef struct finding {
	const char *rule; /* check id; "input" for a row error */
	severity sev;
	outcome out;
	const char
	    *message; /* "free_reserves_months is 1.5, below the minimum 3" */
	const char *rationale; /* why the check matters (--explain), or NULL */
	finding_detail d;      /* zeroed when nothing is known; d.title is
				* the check's title, for people, or NULL */
	size_t line; /* the partner's physical line (as verdict.line) */
} finding;

typedef struct category_score {
	const char *category;
	double score;  /* percent, 0..100 */
	int has_score; /* 0 when no check of the category applied */
} category_score;

typedef struct verdict {
	const char *id;
	const char *name; /* NULL when the rule set names no name column */
	status st;
	double score;  /* percent, 0..100, rounded to one decimal */
	int has_score; /* 0 when no check applied or the row is in error */
	const finding *findings;
	size_t nfindings;
	const category_score *cats;
	size_t ncats;
	const char *const
	    *kept;     /* --keep values, in the order of report.keep */
	size_t line;   /* physical line where the row starts */
	size_t record; /* 1-based data row number */
} verdict;

/* A pairwise finding: partners a and b (a earlier in the file). */
typedef struct conflict {
	const char *a;
	const char *b;
	const char *rule;
	severity sev;
	const char *message;
	finding_detail d;      /* title; field, value, threshold stay NULL */
	size_t a_line, b_line; /* where their rows start; 0 when unknown */
	outcome out; /* OUT_FAIL, or OUT_WAIVED when a pair waiver covers it */
	const char *rationale; /* why the rule matters (--explain), or NULL */
	/* a's and b's 1-based numbers in the run's partner set, so that an
	 * emitter can format each partner's part of a line once and keep it
	 * (a pool's report names each partner thousands of times); 0 when
	 * unknown.  The same number always comes with the same a or b. */
	size_t a_no, b_no;
} conflict;

/* A consortium-level finding; partners lists the ids it concerns (may be
 * empty). */
typedef struct cfinding {
	const char *rule;
	severity sev;
	const char *message;
	const char *const *partners;
	size_t npartners;
	outcome out;      /* OUT_FAIL, or OUT_WAIVED when a consortium waiver
			   * covers it (0, as memset leaves it, is OUT_FAIL) */
	finding_detail d; /* title; field, value, threshold stay NULL */
	const char *rationale; /* why the rule matters (--explain), or NULL */
} cfinding;

typedef struct summary {
	size_t rows_read;
	size_t rows_reported;
	size_t by_status[4]; /* indexed by status */
	size_t findings[3];  /* partner findings by severity, waived excluded */
	size_t waived;
	size_t conflicts[3];  /* all pairwise findings by severity, reported or
				 not, waived excluded */
	size_t consortium[3]; /* all consortium findings by severity, waived
				 excluded */
	size_t conflicts_shown;    /* after --severity and --max-conflicts */
	const char *const *absent; /* needed columns the header lacks, read
				    * as empty (--missing-columns as-missing);
				    * the evaluator's */
	size_t nabsent;
	size_t blank_rows;        /* rows of only blank cells, skipped */
	size_t conflicts_waived;  /* pairwise findings a waiver covers */
	size_t consortium_waived; /* consortium findings a waiver covers */
	/* --baseline: findings the baseline report already had (known),
	 * included in the counts above but not failing the run, and the
	 * findings it did not have (fresh, by severity; waived ones left
	 * out), which decide the exit status; has_baseline says whether
	 * the run had a baseline at all */
	int has_baseline;
	size_t known;
	size_t fresh[3];
} summary;

#endif
