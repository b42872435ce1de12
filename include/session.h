#ifndef PARTNERCHECK_SESSION_H
#define PARTNERCHECK_SESSION_H

#include "assess.h"
#include "cli.h"
#include "csvread.h"
#include "eval.h"
#include "input_config.h"
#include "report.h"
#include "rule_info.h"
#include "rules.h"
#include "waivers.h"

/*
 * What screen, check and conflicts share: options, the rule set with its
 * overrides, waivers, the input file up to its header, the evaluator and
 * the report's destination.  Owns all of them.
 */
typedef struct session {
	cli opt;
	ruleset *rs;        /* as the rule file has it, bar --set */
	input_config input; /* its input section under the flags */
	waiver_set *ws;
	csvread *in;
	evaluator *ev;
	report rep;
	rule_info *rules; /* rep.rules, owned here */
	keep_list keep;   /* --keep, resolved against the header */
	summary sum;
	long today;
	size_t max_rows;
	int began;                   /* the emitter's begin() has run */
	report_meta meta;            /* what rep.meta points at */
	struct report_doc *baseline; /* --baseline, or NULL */
	char rules_sha[65];          /* meta.rules_sha256's text */
	char as_of_text[16];         /* meta.as_of's text */
	/* session_read's failure: 0 none, 1 the reader's error, 2 past
	 * --max-rows at failed_line */
	int read_failed;
	size_t failed_line;
	struct reader_thread *rt; /* session_reader's thread, or NULL */
} session;

/*
 * Parses argv against cmd's options, loads everything and reads the
 * header; mode says which rules the run needs and what the report holds.
 * Returns EXIT_OK with s->rep.em set when the command should go on, or
 * the exit status to return now (EXIT_OK after --help or --version, with
 * s->rep.em NULL; EXIT_USAGE after a diagnostic); in that case the session
 * is already closed.
 */
int session_open(session *s, int argc, char **argv, const cli_command *cmd,
		 report_mode mode);

/*
 * Reads the next data record of session sp, enforcing --max-rows.
 * Returns 1, 0 at end, or -1 after printing a located diagnostic (the run
 * must then end with session_abort).  sp is a session *; the signature is
 * an assess_next, so that assess_rows reads through it.
 */
int session_next(void *sp, csv_record *rec);

/*
 * session_next without the diagnostic, for a reader thread: on -1 the
 * failure is kept in the session, and session_read_failed prints it once
 * the verdicts of the rows before it are out.  Touches only s->in,
 * s->sum.blank_rows and the failure fields, so that another thread may
 * evaluate rows meanwhile.
 */
int session_read(void *sp, csv_record *rec);
/* Prints the diagnostic of session_read's last failure; nothing when it
 * has not failed. */
void session_read_failed(const session *s);

/*
 * Where the run should read its records from: session_next itself with
 * threads 1 (or when a thread cannot be started), else a reader thread
 * that reads and tokenizes ahead while the caller evaluates
 * (reader_thread.h), owned by the session.  Either way the records, their
 * errors and diagnostics are those of session_next, and src is s.
 * threads 0 means the default: 2 when two or more CPUs are online.  Call
 * it once, after session_open and before the first record is read.
 */
assess_next session_reader(session *s, int threads);

/* Fills *a for this session's run: its rule set, date, --severity,
 * --max-conflicts, waivers and summary; no hooks.  a borrows from s and
 * is valid until the session is closed. */
void session_assess(session *s, assess *a);

/* Closes a completed run: returns the exit status from the summary and
 * --fail-on (EXIT_OK or EXIT_FINDINGS), or EXIT_USAGE if the report could
 * not be written. */
int session_finish(session *s);

/* Closes a failed run, discarding a report file under construction;
 * returns EXIT_USAGE. */
int session_abort(session *s);

#endif
