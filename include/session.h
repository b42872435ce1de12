#ifndef PARTNERCHECK_SESSION_H
#define PARTNERCHECK_SESSION_H

#include "cli.h"
#include "csvread.h"
#include "eval.h"
#include "report.h"
#include "rules.h"
#include "waivers.h"

/*
 * What screen, check and conflicts share: options, the rule set with its
 * overrides, waivers, the input file up to its header, the evaluator and
 * the report's destination.  Owns all of them.
 */
typedef struct session {
	cli opt;
	ruleset *rs;
	waiver_set *ws;
	csvread *in;
	evaluator *ev;
	report rep;
	char **keep;
	size_t nkeep;
	int keep_all;            /* --keep all: keep[i] is column i */
	summary sum;
	long today;
	size_t max_rows;
	int began;      /* the emitter's begin() has run */
} session;

/*
 * Parses argv, loads everything and reads the header.  Returns 0 when the
 * command should go on, or the exit status to return now (0 after --help,
 * 2 after a diagnostic); in that case the session is already closed.
 */
int session_open(session *s, int argc, char **argv, report_mode mode,
		 const char *usage);

/*
 * Reads the next data record, enforcing --max-rows.  Returns 1, 0 at end,
 * or -1 after printing a located diagnostic (the run must then end with
 * session_abort).
 */
int session_next(session *s, csv_record *rec);

/* Counts a verdict into the summary. */
void session_count(session *s, const verdict *v);

/* Closes a completed run: returns the exit status from the summary and
 * --fail-on, or 2 if the report could not be written. */
int session_finish(session *s);

/* Closes a failed run, discarding a report file under construction;
 * returns 2. */
int session_abort(session *s);

#endif
