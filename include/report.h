#ifndef PARTNERCHECK_REPORT_H
#define PARTNERCHECK_REPORT_H

#include <stdio.h>
#include "verdict.h"

/*
 * Report emitters: one per output format behind one table of functions.
 * The command calls begin once, then partner/conflict/consortium in the
 * order the findings are known (partners first, in input order), then end.
 * Emitters format; they decide nothing.
 */

typedef enum report_mode {
	MODE_SCREEN,    /* partners only */
	MODE_CHECK,     /* partners, conflicts, consortium findings */
	MODE_CONFLICTS  /* conflicts only */
} report_mode;

typedef struct report report;

typedef struct emitter {
	const char *name;
	void (*begin)(report *r);
	void (*partner)(report *r, const verdict *v);
	void (*conflict)(report *r, const conflict *c);
	void (*consortium)(report *r, const cfinding *f);
	void (*end)(report *r, const summary *s);
	/* Writes out the lines the emitter holds back, if it batches them;
	 * NULL if it does not.  Called before the run stops on an error, so
	 * that every verdict already made is in the output. */
	void (*flush)(report *r);
} emitter;

struct report {
	FILE *out;
	const emitter *em;
	report_mode mode;
	int color;              /* text only: ANSI colour on status words */
	int sanitize;           /* csv/tsv: neutralise formula-like cells */
	int flush_each;         /* ndjson: fflush after every line */
	int by_category;        /* print per-category scores */
	int explain;            /* text, markdown: each finding's rationale */
	const char *const *keep; /* kept column names (header text) */
	size_t nkeep;
	void *state;            /* the emitter's own, freed by its end() */
};

/* Returns the emitter for "text", "csv", "tsv", "json", "ndjson" or
 * "markdown", or NULL. */
const emitter *emitter_find(const char *name);
/* "text, csv, tsv, json, ndjson, markdown", for messages. */
const char *emitter_names(void);

/* The one-line form of a finding used by text, csv, tsv and markdown:
 * "viability.reserves (fail): free_reserves_months is 1.5, below the
 * minimum 3", with ", missing"/", waived"/", error" after the severity
 * when the outcome is not a plain fail.  Appends to sb. */
struct strbuf;
void finding_line(struct strbuf *sb, const finding *f);

#endif
