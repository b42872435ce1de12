#ifndef PARTNERCHECK_WAIVERS_H
#define PARTNERCHECK_WAIVERS_H

#include "csvread.h"
#include "rules.h"
#include "strbuf.h"

/*
 * Waivers, from the rule set's "waivers" section and from CSV files given
 * with --waivers: a check waived for one partner, a pair rule waived for
 * two partners (in either order), or a consortium rule waived for the
 * consortium.  Looked up per finding, so they are kept sorted by (kind,
 * partner, other partner, rule) for binary search.
 */

typedef struct waiver_set waiver_set;

/*
 * Reads a waiver's partner text, trimmed of blanks: "" or "*" is the
 * consortium; one '+' between two ids ("A1 + C3") is a pair, stored with
 * the lesser id (strcmp) in *a and the other in *b; anything else is one
 * partner's id.  Sets *kind, *a and *b (NULL unless a pair); the caller
 * frees both.  Returns 0, or -1 with *a and *b NULL when the text has a
 * '+' but is not two different non-empty ids ("A1 +", "A1 + A1",
 * "A + B + C").
 */
int waiver_parse_partner(const char *s, waiver_kind *kind, char **a, char **b);

/*
 * Checks that rule names a rule of the kind a waiver of that kind waives
 * (a check, a pair rule, a consortium rule).  Returns NULL when it does;
 * otherwise writes the message (no location) into buf and returns buf:
 * "no pair rule has the id 'x' (did you mean 'y'?)", the did-you-mean only
 * for a close id of the right kind, or, for a rule of another kind, what
 * it is and how to waive it ("'r' is a check, not a pair rule: waive it
 * for one partner").
 */
const char *waivers_rule_problem(const ruleset *rs, waiver_kind kind,
				 const char *rule, char *buf, size_t size);

/* 1 when w waives on today: it has no expiry or expires today or later. */
int waiver_in_force(const waiver *w, long today);

/* Appends to sb what a finding's message says of the waiver w on today:
 * "; waived: REASON", "; waived until YYYY-MM-DD: REASON", or, once it
 * has expired, "; waiver expired on YYYY-MM-DD (REASON)". */
void waivers_note(strbuf *sb, const waiver *w, long today);

/* Appends to sb whom w waives, for messages: "'P1'", "'A1 + C3'" or
 * "the consortium". */
void waivers_describe_who(strbuf *sb, const waiver *w);

/* Starts a set holding copies of rs's waivers.  Caller frees. */
waiver_set *waivers_new(const ruleset *rs);

/*
 * Adds the waivers of a CSV file: columns partner id (or a pair, or the
 * consortium, read by waiver_parse_partner), rule id, reason and an
 * optional expiry date (YYYY-MM-DD).  The file is read as the partner
 * file is: csvread with ro's delimiter (0: detected) and encoding (ro NULL:
 * detected, UTF-8), BOMs, blank rows skipped; fields up to 1 MiB.  The first
 * row is a header when, by name alone, its first cell names the partner
 * ("partner", "partner id", "id") and its second the rule ("rule", "rule id",
 * "check", "check id"); case, blanks around and "_" / "-" for " " do not
 * matter.  Every problem (unknown rule id, with a did-you-mean; a rule of
 * another kind than the partner cell names; empty reason, bad date, wrong
 * number of columns, a bad pair) goes to dl located as FILE:LINE; returns
 * the number of rows refused.
 */
int waivers_load_csv(waiver_set *ws, const char *path, const ruleset *rs,
		     const csvread_opts *ro, diaglist *dl);

/* Sorts the set; call after the last load and before lookups. */
void waivers_seal(waiver_set *ws);

/* The waiver of check rule for partner, or NULL.  When there are several,
 * one still in force on `today` wins; among expired ones, the latest. */
const waiver *waivers_find(const waiver_set *ws, const char *partner,
			   const char *rule, long today);

/* The number of waivers of that kind in the set (NULL: 0), so that a
 * caller with millions of findings to look up can skip a kind with none. */
size_t waivers_count(const waiver_set *ws, waiver_kind kind);

/* The same for pair rule rule and partners a and b, in either order. */
const waiver *waivers_find_pair(const waiver_set *ws, const char *a,
				const char *b, const char *rule, long today);

/* The same for consortium rule rule. */
const waiver *waivers_find_consortium(const waiver_set *ws, const char *rule,
				      long today);

/* Calls fn once for each (pair, rule) that a waiver in force on today
 * waives, with that waiver, in (partner, other, rule) order. */
void waivers_each_pair(const waiver_set *ws, long today,
		       void (*fn)(const waiver *w, void *ctx), void *ctx);

/* Notes that a partner with this id was read: its waivers are matched,
 * and pair waivers on the side of this id. */
void waivers_mark_partner(waiver_set *ws, const char *partner);

/* Calls fn for each id of a waiver, in (kind, partner, other, rule)
 * order, that no partner read so far has matched: a misspelt id waives
 * nothing, and says so.  id is the unmatched one (w->partner or
 * w->other; a pair with neither read comes twice); consortium waivers
 * name no partner and never come.  hint is the closest id among the
 * first 100000 partners read when one is within two edits and fewer than
 * half the id's length, else NULL; it belongs to ws. */
void waivers_each_unmatched(const waiver_set *ws,
			    void (*fn)(const waiver *w, const char *id,
				       const char *hint, void *ctx),
			    void *ctx);
/* The same, but a hint is looked up for the first `hints` calls only and
 * is NULL after them: each look-up compares the id with up to 100000
 * others, and a caller that lists only the first few (with a count of
 * the rest) need not pay for the rest. */
void waivers_each_unmatched_hinted(const waiver_set *ws, size_t hints,
				   void (*fn)(const waiver *w, const char *id,
					      const char *hint, void *ctx),
				   void *ctx);

/* Calls fn, in (kind, partner, other, rule) order, for each waiver still
 * in force on today that expires at most days later. */
void waivers_each_expiring(const waiver_set *ws, long today, long days,
			   void (*fn)(const waiver *w, void *ctx), void *ctx);

/* Frees the set and every waiver in it; NULL is a no-op. */
void waivers_free(waiver_set *ws);

#endif
