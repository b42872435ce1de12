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

typedef struct loader {
	const char *label;
	diaglist *dl;
	ruleset *rs;
	strbuf path; /* where we are: "checks[3].op" */
	int errors;
	int pair_ctx; /* compiling a pairwise condition */
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
void ld_pairs(loader *ld, const cJSON *arr);
void ld_consortium(loader *ld, const cJSON *arr);

#endif
