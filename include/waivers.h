#ifndef PARTNERCHECK_WAIVERS_H
#define PARTNERCHECK_WAIVERS_H

#include "csvread.h"
#include "rules.h"

/*
 * Waivers: one rule waived for one partner, from the rule set's "waivers"
 * section and from CSV files given with --waivers.  Looked up per finding,
 * so they are kept sorted by (partner, rule) for binary search.
 */

typedef struct waiver_set waiver_set;

/* Starts a set holding copies of rs's waivers.  Caller frees. */
waiver_set *waivers_new(const ruleset *rs);

/*
 * Adds the waivers of a CSV file: columns partner id, rule id, reason and
 * an optional expiry date (YYYY-MM-DD).  The file is read as the partner
 * file is: csvread with ro's delimiter (0: detected) and encoding (ro NULL:
 * detected, UTF-8), BOMs, blank rows skipped; fields up to 1 MiB.  The first
 * row is a header when, by name alone, its first cell names the partner
 * ("partner", "partner id", "id") and its second the rule ("rule", "rule id",
 * "check", "check id"); case, blanks around and "_" / "-" for " " do not
 * matter.  Every problem (unknown rule id, with a did-you-mean; empty reason,
 * bad date, wrong number of columns) goes to dl located as FILE:LINE; returns
 * the number of rows refused.
 */
int waivers_load_csv(waiver_set *ws, const char *path, const ruleset *rs,
		     const csvread_opts *ro, diaglist *dl);

/* Sorts the set; call after the last load and before lookups. */
void waivers_seal(waiver_set *ws);

/* The waiver for partner and rule, or NULL.  When there are several, one
 * still in force on `today` wins; among expired ones, the latest. */
const waiver *waivers_find(const waiver_set *ws, const char *partner,
			   const char *rule, long today);

/* Notes that a partner with this id was read: its waivers are matched. */
void waivers_mark_partner(waiver_set *ws, const char *partner);

/* Calls fn for each waiver, in (partner, rule) order, that no partner
 * read so far has matched: a misspelt id waives nothing, and says so.
 * hint is the closest id among the first 100000 partners read when one
 * is within two edits and fewer than half the id's length, else NULL; it
 * belongs to ws. */
void waivers_each_unmatched(const waiver_set *ws,
			    void (*fn)(const waiver *w, const char *hint,
				       void *ctx),
			    void *ctx);

/* Calls fn, in (partner, rule) order, for each waiver still in force on
 * today that expires at most days later. */
void waivers_each_expiring(const waiver_set *ws, long today, long days,
			   void (*fn)(const waiver *w, void *ctx), void *ctx);

/* Frees the set and every waiver in it; NULL is a no-op. */
void waivers_free(waiver_set *ws);

#endif
