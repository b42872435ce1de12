#ifndef PARTNERCHECK_WAIVERS_H
#define PARTNERCHECK_WAIVERS_H

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
 * an optional expiry date (YYYY-MM-DD); a first row whose first cell is
 * "partner", "partner_id" or "id" is a header.  Every problem (unknown rule
 * id, empty reason, bad date, wrong number of columns) goes to dl located
 * as FILE:LINE; returns the number of rows refused.
 */
int waivers_load_csv(waiver_set *ws, const char *path, const ruleset *rs,
		     diaglist *dl);

/* Sorts the set; call after the last load and before lookups. */
void waivers_seal(waiver_set *ws);

/* The waiver for partner and rule, or NULL.  When there are several, one
 * still in force on `today` wins; among expired ones, the latest. */
const waiver *waivers_find(const waiver_set *ws, const char *partner,
			   const char *rule, long today);

/* Notes that a partner with this id was read: its waivers are matched. */
void waivers_mark_partner(waiver_set *ws, const char *partner);

/* Calls fn for each waiver, in (partner, rule) order, that no partner
 * read so far has matched: a misspelt id waives nothing, and says so. */
void waivers_each_unmatched(const waiver_set *ws,
			    void (*fn)(const waiver *w, void *ctx), void *ctx);

/* Frees the set and every waiver in it; NULL is a no-op. */
void waivers_free(waiver_set *ws);

#endif
