#ifndef PARTNERCHECK_LINEUP_REPORT_H
#define PARTNERCHECK_LINEUP_REPORT_H

#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include <stdio.h>

/*
 * What `partnercheck lineup` reports, as plain data, and the one function
 * that writes it in each format.  Private to cmd_lineup.c and
 * lineup_report.c.  Values and scores are tenths of a point.
 */

/* Why a candidate is where it is, most decisive first. */
typedef enum lr_why {
	LR_IN,         /* a member of the best line-up */
	LR_SCREENED,   /* status fail or error: its fail findings */
	LR_EXCLUDED,   /* --exclude */
	LR_CONFLICT,   /* a fail-level pairwise finding with a member */
	LR_CONSORTIUM, /* adding it breaks a fail-level consortium rule */
	LR_COST,       /* it fits, but the best line-up with it is worth less */
	LR_NO_FIT,     /* no feasible line-up includes it */
	LR_OPEN,       /* no line-up, or the search stopped: not decided */
	LR_TOP         /* not in the best line-up, but in one of --top */
} lr_why;

typedef struct lr_finding {
	const char *a; /* pairwise: the two partners; consortium: NULL */
	const char *b;
	char *rule;
	severity sev;
	char *message;
	outcome out; /* OUT_WAIVED when a waiver covers it, else OUT_FAIL */
} lr_finding;

typedef struct lr_cand {
	char *id;
	char *name; /* NULL without a name column */
	status st;
	int score; /* tenths */
	int has_score;
	char *in; /* "1;3": the line-ups (1-based) that include it */
	lr_why why;
	char *reason;      /* one line, the words of why */
	char *rule;        /* the rule behind it, or NULL */
	char *member;      /* LR_CONFLICT: the member it conflicts with */
	long value;        /* LR_COST: the best line-up with it ... */
	long less;         /* ... and how much less than the best */
	char *with;        /* LR_COST: that line-up's ids, ", "-separated */
	size_t line;       /* the row's physical line in the input; 0 unknown */
	lr_finding *fails; /* LR_SCREENED: its fail findings (rule,
			    * severity, outcome, message; a, b NULL),
			    * owned; see lr_cand_note_row */
	size_t nfails;
} lr_cand;

typedef struct lr_lineup {
	long value;
	size_t k;
	size_t *members; /* indexes into lr_doc.cands, ascending */
	lr_finding *f;
	size_t nf;
} lr_lineup;

typedef struct lr_doc {
	lr_cand *cands; /* every row, in input order */
	size_t ncands;
	size_t eligible;
	lr_lineup *lineups; /* best first */
	size_t nlineups;
	size_t top; /* --top */
	size_t min_size, max_size;
	int proven; /* the search finished */
	long upper; /* when !proven: no line-up is worth more */
	long long nodes;
	char **reasons; /* no line-up: why, in the user's terms */
	size_t nreasons;
	int sanitize;         /* csv/tsv: guard formula-like cells */
	const report *origin; /* html: the rule set, input and date the
			       * page names (its origin_* fields); json:
			       * its meta; the CI formats: its input,
			       * rules, today and step_summary; titles of
			       * rules for markdown.  May be NULL */
	/* json's meta: the options that change the answer, borrowed */
	const char *const *must; /* --must ids, as given */
	size_t nmust;
	const char *const *exclude; /* --exclude ids, as given */
	size_t nexclude;
	long long max_nodes; /* 0: no limit */
	double time_limit;   /* seconds; 0: no limit */
	const char *fail_on; /* "fail", "warn" or "never" */
	int graph_info; /* --graph-info: html and dot draw info-level pairs */
} lr_doc;

/* Writes doc to out in format, one of lineup_formats(); an unknown
 * format writes text (check lineup_has_format first). */
void lineup_report(FILE *out, const char *format, const lr_doc *doc);

/* The same into sb (the caller's), for a format that embeds another
 * (github's step summary is the markdown report). */
void lineup_report_to(strbuf *sb, const char *format, const lr_doc *doc);

/* The word json gives a reason ("in", "screened-out", "excluded",
 * "conflict", "consortium", "cost", "no-fit", "open", "top"); static. */
const char *lr_why_name(lr_why w);

/* Appends tenths of a point as the report writes them: "290.0", "-4.5". */
void lr_add_value(strbuf *sb, long tenths);

/* 1 if lineup_report writes format (exact, lowercase), 0 otherwise or for
 * NULL. */
int lineup_has_format(const char *format);

/* The formats lineup_report writes, in table order, ", "-separated:
 * "text, csv, ..., tap" (static storage), for messages. */
const char *lineup_formats(void);

/* Records what the report needs of a candidate's row besides the
 * verdict's words: its line, and for a candidate screened out (status
 * fail or error) copies of its fail findings and row errors, those not
 * waived, into c->fails (owned by c, freed by lr_doc_free).  v is only
 * read. */
void lr_cand_note_row(lr_cand *c, const verdict *v);

/* Appends the one-line summary the text format ends with ("summary: 6
 * candidates, 4 eligible; ..."), newline included. */
void lr_summary(strbuf *sb, const lr_doc *d);

/* The line-up as one HTML page (src/lineup_html.c): the chosen line-up
 * and its value, its findings, the conflict graph, the alternatives and
 * why every other candidate is out. */
void lu_html(strbuf *sb, const lr_doc *d);

/* The line-up's conflict graph as DOT (src/lineup_html.c): the members
 * of the best line-up and the candidates left out for a fail-level
 * conflict with one of them. */
void lu_dot(strbuf *sb, const lr_doc *d);

/* The CI formats (src/lineup_ci.c): one result or test point per
 * candidate (a member passes; one out for a reason other than its own
 * findings is a note or a skip with that reason; one screened out fails
 * with its fail findings), the best line-up's warn and info pair and
 * consortium findings, and a failing one when there is no line-up or it
 * is not proven optimal.  d->origin gives the input path, the rules and
 * the date; NULL works, with none of them. */
void lu_sarif(strbuf *sb, const lr_doc *d);
void lu_junit(strbuf *sb, const lr_doc *d);
void lu_tap(strbuf *sb, const lr_doc *d);
/* github also appends its markdown step summary to
 * d->origin->step_summary when set (a failure to is said on stderr). */
void lu_github(strbuf *sb, const lr_doc *d);

/* Frees what doc owns. */
void lr_doc_free(lr_doc *doc);

#endif
