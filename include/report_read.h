#ifndef PARTNERCHECK_REPORT_READ_H
#define PARTNERCHECK_REPORT_READ_H

#include <stddef.h>

#include "verdict.h"

/*
 * A -f json report read back (a baseline, or either side of partnercheck
 * diff): its meta, its partners and every finding, keyed as diff and
 * --baseline compare them: a partner's finding by (partner id, rule), a
 * conflict by its pair and rule (a and b in either order: the pair A1, C3
 * is the pair C3, A1), a consortium finding by its rule.  Every
 * string is a copy the document owns; absent keys read as NULL.
 */

typedef enum rkind {
	RK_PARTNER,
	RK_CONFLICT,
	RK_CONSORTIUM
} rkind;

typedef struct rfinding {
	rkind kind;
	char *id;    /* partner id, a conflict's a; NULL for consortium */
	char *other; /* a conflict's b, else NULL */
	char *rule;
	char *severity; /* "fail", "warn", "info" */
	char *outcome;  /* "fail", "waived", ...; a partner finding's may be
			 * NULL (a report without it), the others' is "fail"
			 * when the report has none */
	char *value;    /* the deciding cell as read, or NULL */
	char *message;
} rfinding;

typedef struct rpartner {
	char *id;
	char *name; /* NULL when the report has none */
	char *status;
	size_t line; /* 0 when the report has none */
} rpartner;

typedef struct report_doc {
	char *path;
	int has_meta;
	char *command;      /* meta.command */
	char *rules_sha256; /* meta.rules.sha256: hex, "embedded" or NULL */
	char *rules_name;
	char *as_of;
	rpartner *partners; /* in report order */
	size_t npartners;
	rfinding *findings; /* partners' in order, then conflicts, then
			     * consortium */
	size_t nfindings;
	char **keys; /* sorted finding keys, for report_doc_find */
	size_t *key_of;
	struct rp_index *by_id; /* partners sorted by id */
	/* The sections the report covers, RD_* bits: its meta.command's
	 * (a screen report has no conflicts, a conflicts report no
	 * partners), or for a report without a known command the arrays it
	 * has; diff compares only what both cover. */
	unsigned sections;
	/* meta.options without "baseline", printed compactly, so that two
	 * runs' verdict-changing options compare as strings; NULL when the
	 * report has none */
	char *options;
} report_doc;

#define RD_PARTNERS 1u   /* a "partners" array */
#define RD_CONFLICTS 2u  /* a "conflicts" array */
#define RD_CONSORTIUM 4u /* a "consortium" array */

/*
 * Reads the -f json report at path ("-" for standard input).  Returns the
 * document (free with report_doc_free), or NULL with a located message
 * ("old.json: not a partnercheck json report: ...") in err[0..errsz).
 * Findings without a rule or partners without an id are refused; keys
 * the reader does not know are ignored, so that later reports still read.
 */
report_doc *report_doc_load(const char *path, char *err, size_t errsz);

/* Frees the document; NULL is a no-op. */
void report_doc_free(report_doc *d);

/* The index of the finding of this kind and key in d->findings (other
 * only for a conflict, id NULL for a consortium finding), or -1. */
long report_doc_find(const report_doc *d, rkind kind, const char *id,
		     const char *other, const char *rule);

/*
 * Whether a finding at severity sev is known to the baseline d, so that it
 * does not fail the run: d has the finding of this key (as
 * report_doc_find), not waived there, at sev or above.  A finding that
 * was waived in d and is not now (its waiver lapsed), or whose severity
 * rose (the rules changed), is new: it fails the run as diff calls it a
 * regression.  A finding waived now is known whenever d has it.  Returns
 * 1 or 0; 0 for a NULL d.
 */
int report_doc_known(const report_doc *d, rkind kind, const char *id,
		     const char *other, const char *rule, severity sev,
		     int waived_now);

/* The index of the partner with that id in d->partners, or -1. */
long report_doc_partner(const report_doc *d, const char *id);

#endif
