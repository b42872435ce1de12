#ifndef PARTNERCHECK_REPORT_H
#define PARTNERCHECK_REPORT_H

#include "verdict.h"
#include <stddef.h>
#include <stdio.h>

/*
 * A report: one output format (an emitter, one per format behind one
 * table of functions) and where the run has got to in it.  Commands drive
 * it only through the report_* functions below: report_begin once, then
 * report_partner, report_conflict and report_consortium in the order the
 * findings are known (partners first, in input order, then conflicts,
 * then consortium findings), then report_end; report_free in every case,
 * also after an error.  The report layer works out the sections from the
 * mode and tells the emitter once per change, so emitters format and
 * decide nothing.
 */

typedef enum report_mode {
	MODE_SCREEN,   /* partners only */
	MODE_CHECK,    /* partners, conflicts, consortium findings */
	MODE_CONFLICTS /* conflicts only */
} report_mode;

/* The sections of a report, in the only order they come.  Each mode has
 * some of them: screen the partners, conflicts the conflicts, check all
 * three. */
typedef enum report_section {
	SECTION_NONE, /* before report_begin, and after report_free */
	SECTION_PARTNERS,
	SECTION_CONFLICTS,
	SECTION_CONSORTIUM,
	SECTION_END /* after the last section: from report_end on */
} report_section;

typedef struct report report;

/* What kind of rule a rule_info describes. */
typedef enum rule_kind {
	RULE_CHECK,     /* per partner */
	RULE_PAIR,      /* pairwise */
	RULE_CONSORTIUM /* the consortium as a whole */
} rule_kind;

/* One rule of the set as the formats that describe their rules up front
 * (sarif, junit) need it; the strings belong to the rule set. */
typedef struct rule_info {
	const char *id;
	const char *title;     /* NULL when the rule has none */
	const char *category;  /* checks only; NULL when none */
	const char *rationale; /* NULL when none */
	severity sev;
	rule_kind kind;
} rule_info;

/* What a -f json document's "meta" object says about the run: enough to
 * tell two reports apart (partnercheck diff reads it).  Strings belong to
 * the command and outlive the report; NULL prints as null. */
typedef struct report_meta {
	const char *command;      /* "screen", "check", "conflicts" */
	const char *rules;        /* the -r path, or NULL for the default */
	const char *rules_name;   /* the rule set's "name", or NULL */
	const char *rules_sha256; /* hex of the file, "embedded", or NULL
				   * when it cannot be read again (stdin) */
	const char *input;        /* the partner file as given ("-": stdin) */
	const char *as_of;        /* "YYYY-MM-DD", the date the run used */
	/* the options that change verdicts */
	const char *const *sets; /* --set, as given after "contract." */
	size_t nsets;
	const char *const *waivers; /* --waivers files */
	size_t nwaivers;
	const char *severity;     /* --severity: "info" when not given */
	size_t max_conflicts;     /* 0: no limit */
	const char *missing_cols; /* "error" or "as-missing" */
	const char *baseline;     /* --baseline FILE, or NULL */
} report_meta;

/* Appends m as -f json's "meta" object, "\"meta\": {...", up to and
 * including the last of its "options" but with both objects left open, so
 * that a command adds options of its own (lineup: --size, --must ...)
 * and then closes them with "}}".  sb is a struct strbuf (strbuf.h). */
struct strbuf;
void report_meta_json_open(struct strbuf *sb, const report_meta *m);

/* Where a finding's rule came from, when the rule set was layered (see
 * rules_extends.h): the file that defined it and each key an override
 * changed, with its file.  Borrowed from the rule set. */
typedef struct finding_source {
	const char *file;
	const char *const *ov_files;
	const char *const *ov_keys;
	size_t nov;
} finding_source;

typedef struct emitter {
	const char *name;
	/* Sets up r->state and writes what comes before the first section. */
	void (*begin)(report *r);
	/* Leaves section from for section to, the next of r->mode's sections
	 * (from is SECTION_NONE at the first, to is SECTION_END after the
	 * last); r->nitems still counts the items of from.  Called once per
	 * change and in order, for every section of the mode even when it
	 * has no items.  NULL for a format without sections. */
	void (*section)(report *r, report_section from, report_section to);
	/* One item of the current section; r->nitems counts the items before
	 * it in that section, so 0 means the first. */
	void (*partner)(report *r, const verdict *v);
	void (*conflict)(report *r, const conflict *c);
	void (*consortium)(report *r, const cfinding *f);
	/* Writes what comes after the last section (the summary) and any
	 * lines still held back.  Releases nothing: free does. */
	void (*end)(report *r, const summary *s);
	/* Writes out the lines the emitter holds back, if it batches them;
	 * NULL if it does not.  Called before the run stops on an error, so
	 * that every verdict already made is in the output. */
	void (*flush)(report *r);
	/* Releases r->state and sets it to NULL, writing nothing.  Safe after
	 * any step; a no-op when r->state is NULL (nothing begun). */
	void (*free)(report *r);
	/* Prints the compatibility matrix of n partners named ids[0..n):
	 * each cell the worst severity between the two, cells[a * n + b]
	 * holding severity + 1 or 0 for none (see emit_matrix.h).  Needs no
	 * begin: it uses r->out, r->sanitize and r->color only.  NULL for a
	 * format without a matrix. */
	void (*matrix)(report *r, const char *const *ids, size_t n,
		       const unsigned char *cells);
	/* 1 if the format can colour status words, severities and matrix
	 * cells for a terminal (r->color is only set for such a format). */
	int colors;
	/* 1 if the format has no summary (csv, tsv): what only a summary
	 * would count, such as blank rows skipped, goes to stderr instead. */
	int no_summary;
	/* 1 if the report is for people who do not read rule files
	 * (markdown): messages call a field by its "label" where the rule
	 * set gives one, and not by its name. */
	int labels;
} emitter;

struct report {
	FILE *out;
	const emitter *em;
	report_mode mode;
	int color;    /* ANSI colour on status words (em->colors) */
	int sanitize; /* csv/tsv: neutralise formula-like cells */
	/* A reader waits for each line (terminal, pipe, socket): emitters
	 * hand every finished line to out at once instead of batching it
	 * themselves, and the report layer decides when out is flushed (see
	 * report_idle). */
	int live;
	int by_category;         /* print per-category scores */
	int explain;             /* text, markdown: every finding's rationale */
	const char *const *keep; /* kept column names (header text) */
	size_t nkeep;
	/* For the CI formats (sarif, junit, github, tap); others ignore them.
	 */
	const char *input;        /* the input path as given, "-" for stdin */
	const rule_info *rules;   /* every rule of the set, in file order */
	size_t nrules;            /* (checks, then pairs, then consortium) */
	long today;               /* --as-of, in days since 1970-01-01 */
	const char *step_summary; /* github: append a markdown summary here */
	/* Where the report comes from, for a format with a header (html):
	 * the rule set's name and the input as messages name it (NULL when
	 * unknown), and the --as-of date in days since 1970-01-01. */
	const char *origin_rules;
	const char *origin_input;
	long origin_today;
	const report_meta *meta; /* json: the "meta" object; NULL: none */
	int nd_summary;          /* ndjson screen: end with a summary line
				  * (--summary) */
	/* json, ndjson: fills *out with the source of rule and returns 1,
	 * or returns 0 when there is none to record (a plain rule set);
	 * NULL for none at all.  ctx is source_ctx. */
	int (*source_of)(const void *ctx, const char *rule,
			 finding_source *out);
	const void *source_ctx;
	/* The report layer's own: emitters read them, never write them. */
	report_section sec;   /* the section now open */
	size_t nitems;        /* items emitted into it so far */
	void *state;          /* the emitter's own, released by its free() */
	long long flushed_ms; /* live: when out was last flushed (monotonic) */
	/* html, dot: the conflict graph draws pairs with only info-level
	 * findings too (--graph-info); hidden by default */
	int graph_info;
};

/* Starts the report: the emitter's begin, then the mode's first section.
 * r must be set up (out, em, mode, options) with sec, nitems and state
 * zero, as memset leaves them. */
void report_begin(report *r);

/*
 * Emit one item.  The sections between the open one and the item's are
 * closed and opened on the way, each once.  An item whose section the
 * mode has not, or that comes after a later section was opened, is a
 * caller's bug and is dropped rather than written into the wrong table.
 */
void report_partner(report *r, const verdict *v);     /* partners */
void report_conflict(report *r, const conflict *c);   /* pairs */
void report_consortium(report *r, const cfinding *f); /* consortium */

/* Closes every section still to come (an empty one still prints its
 * "none"), then writes the summary s.  Does not release the state:
 * report_free does. */
void report_end(report *r, const summary *s);

/* Writes out what the emitter holds back (before a run stops on an
 * error); a no-op for an emitter that holds nothing back, and before
 * report_begin or after report_free. */
void report_flush(report *r);

/*
 * Live output (r->live) is flushed in batches, not line by line: one
 * write(2) a line made a pipe four times slower than a file.  A line
 * still reaches a waiting reader promptly, because out is flushed
 * whenever
 *  - the report layer sees an item or a section change REPORT_LIVE_MS or
 *    more after the last flush (a steady producer: a batch per interval),
 *  - the input has nothing ready and the run is about to wait for it
 *    (report_idle, called by the reader: a slow producer's lines come out
 *    as they are made),
 *  - the stdio buffer fills, or the report ends.
 * report_idle flushes out now (fflush; emitters hold no finished line in
 * live mode); a no-op unless r->live.
 */
#define REPORT_LIVE_MS 20
void report_idle(report *r);

/* Releases the emitter's state without writing anything, so an aborted
 * run calls only this.  Safe after any step, twice, with r->em NULL, and
 * with nothing begun; r can be begun again afterwards.  NULL is a no-op. */
void report_free(report *r);

/* Returns 1 when r's format can print a compatibility matrix. */
int report_has_matrix(const report *r);

/* Prints the compatibility matrix of n partners named ids[0..n) with the
 * worst severities in cells (see emitter.matrix), through r->out.  Needs
 * no report_begin.  Does nothing for a format without a matrix: check
 * report_has_matrix first. */
void report_matrix(report *r, const char *const *ids, size_t n,
		   const unsigned char *cells);

/* Returns the emitter named name in src/emit_registry.c's table ("text",
 * "csv", "tsv", "json", "ndjson" or "markdown"; exact, lowercase), or NULL
 * for any other name or NULL.  Emitters are static: nothing to free. */
const emitter *emitter_find(const char *name);

/* Returns every format's name in table order, "text, csv, tsv, json,
 * ndjson, markdown", for messages (static storage). */
const char *emitter_names(void);

/* The same list with the last after "or": "text, csv, tsv, json, ndjson
 * or markdown", for usage texts (static storage). */
const char *emitter_names_or(void);

/* Returns the names of the formats with a matrix in table order, the last
 * after "or": "text, csv or markdown", for messages (static storage). */
const char *emitter_matrix_names(void);

#endif
