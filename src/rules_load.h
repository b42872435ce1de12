#ifndef PARTNERCHECK_RULES_LOAD_H
#define PARTNERCHECK_RULES_LOAD_H

#include <cjson/cJSON.h>

#include "rules.h"
#include "strbuf.h"

/*
 * The rule loader's private interface, shared by rules_load.c (the core:
 * JSON, problem list, paths, did-you-mean, the top level) and the files
 * that each load one part of a rule set: rules_fields.c, rules_cond.c,
 * rules_checks.c, rules_input.c (input options, contract, waivers),
 * rules_pairs.c and rules_consortium.c.
 *
 * Every loader reports problems through ld_problem at the current path
 * and keeps going; what it could not load stays zero or NULL, and
 * rules_parse throws the whole rule set away if any problem was found.
 */

#define MAX_COND_DEPTH 64
/* Each problem names its whole path, so a hostile file of nested long keys
 * over a few thousand bad items would print gigabytes; past this many the
 * rest are only counted. */
#define MAX_PROBLEMS 100

/* Where a part of a layered rule set was written (rules_extends.c): the
 * part at path in the resolved document ("checks[3]", or an override's
 * "checks[3].value") came from file, where it was at where
 * ("checks[0]", "override.quality.qaf.value"), line:col when known. */
typedef struct ld_origin {
	char *path;
	char *file;
	char *where;
	size_t line, col; /* 0 when unknown */
} ld_origin;

typedef struct ld_prov {
	ld_origin *v;
	size_t n;
	rule_origin *rules; /* handed to the rule set when it loads */
	size_t nrules;
} ld_prov;

/* Frees what prov holds (not prov); NULL is a no-op. */
void ld_prov_free(ld_prov *prov);

typedef struct loader {
	const char *label;
	diaglist *dl;
	ruleset *rs;
	strbuf path; /* where we are: "checks[3].op" */
	int errors;
	int pair_ctx;        /* compiling a pairwise condition */
	const ld_prov *prov; /* a layered set's origins, or NULL */
} loader;

/* Adds a problem at the current path ("r.json: checks[3].op: ..."); past
 * MAX_PROBLEMS it is only counted. */
void ld_problem(loader *ld, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Path bookkeeping: push returns the old length to ld_pop back to. */
size_t ld_push_key(loader *ld, const char *key);
size_t ld_push_index(loader *ld, size_t i);
void ld_pop(loader *ld, size_t old);

/* The closest of the NULL-terminated names to s, if close enough to be a
 * likely typo (a match ignoring case wins); NULL when none is, or once
 * problems are only counted, as no message will show it. */
const char *ld_suggest(const loader *ld, const char *s,
		       const char *const *names);

/* Reports every key of obj that is not in the NULL-terminated allowed. */
void ld_check_keys(loader *ld, const cJSON *obj, const char *const *allowed);

/* "a string", "an array": what j is, for "expected X, found Y". */
const char *ld_json_kind(const cJSON *j);

/* Non-zero when the number j is finite and below 2^53; otherwise says
 * why not and returns 0. */
int ld_exact_number(loader *ld, const cJSON *j);

/* String member key of obj: a copy the caller frees, or NULL when absent
 * (a problem if required) or not a string (always a problem). */
char *ld_get_string(loader *ld, const cJSON *obj, const char *key,
		    int required);

/* The "source" member of a rule: a string, or an object with a
 * "document" and optional "section" and "url" (http or https), all
 * strings.  Returns its text ("document, section, url") for the caller to
 * free, or NULL when absent or after a problem. */
char *ld_source(loader *ld, const cJSON *rule);

/* Number member key of obj into *out: 1 when set, 0 when absent, -1 (a
 * problem) when not an exact number. */
int ld_get_number(loader *ld, const cJSON *obj, const char *key, double *out);

/* An array of strings as a NULL-terminated vector the caller frees with
 * its strings; *n counts them.  Non-strings are problems and skipped; an
 * empty list is one unless allow_empty.  NULL when arr is no array. */
char **ld_string_array(loader *ld, const cJSON *arr, size_t *n,
		       int allow_empty);

/* The optional "severity" of obj into *out (SEV_FAIL when absent);
 * returns 0, or -1 after a problem. */
int ld_severity(loader *ld, const cJSON *obj, severity *out);

/* A condition (leaf or combinator) nested depth deep; the caller frees it
 * with cond_free.  NULL when it could not be built at all; a leaf with
 * problems is still returned, partly filled. */
cond *ld_cond(loader *ld, const cJSON *j, int depth);

/* The sections of a rule set, each given its JSON value and filling in
 * ld->rs; the path already names the section. */
void ld_fields(loader *ld, const cJSON *obj);
void ld_checks(loader *ld, const cJSON *arr);
void ld_input(loader *ld, const cJSON *obj);
void ld_contract(loader *ld, const cJSON *obj);
void ld_waivers(loader *ld, const cJSON *arr);
/* Once every section is read: each waiver's rule must be a rule of the
 * kind the waiver names (waivers_rule_problem), else a located problem. */
void ld_check_waivers(loader *ld);
void ld_pairs(loader *ld, const cJSON *arr);
void ld_consortium(loader *ld, const cJSON *arr);

/* The JSON document in buf[0..len) with its inexact large numbers marked
 * (see ld_exact_number), or NULL with a located message in dl.  The
 * caller frees it with cJSON_Delete. */
cJSON *ld_parse_text(const char *label, const char *buf, size_t len,
		     diaglist *dl);

/* The 1-based line and column of at within buf. */
void ld_locate(const char *buf, const char *at, size_t *line, size_t *col);

/* Reads path ("-": standard input) into sb; 0, or -1 with a message in
 * dl (naming path when it cannot be opened, label when not read). */
int ld_read_file(const char *path, const char *label, strbuf *sb, diaglist *dl);

/* Validates the document root and builds its rule set, or returns NULL
 * with every problem in dl; prov, when not NULL, names the file each
 * problem's part came from, and its rule origins move into the rule set.
 * root stays the caller's. */
ruleset *ld_load_doc(const char *label, const cJSON *root, ld_prov *prov,
		     diaglist *dl);

/* Non-zero when root (any JSON) is an object that names a base or
 * changes one: "extends", "override" or "disable". */
int rx_layered(const cJSON *root);

/*
 * Resolves the layered rule file label, whose text is text[0..len), into
 * one plain rule-set document the caller frees with cJSON_Delete, and
 * fills *prov (free with ld_prov_free).  After a problem (in dl, *failed
 * set) the document is still returned when there is one, so that the
 * loader can report the rest; NULL when nothing could be built.
 */
cJSON *rx_resolve_doc(const char *label, const char *text, size_t len,
		      ld_prov *prov, int *failed, diaglist *dl);

#endif
