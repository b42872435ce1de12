#ifndef PARTNERCHECK_PACKS_H
#define PARTNERCHECK_PACKS_H

#include <stddef.h>

/*
 * The embedded packs: rule sets compiled into the binary, named by a word
 * ("collaborate") that -r, "extends" and `rules list` accept.  The first
 * is the default rule set.  The table is generated at build time from the
 * PACKS list in the Makefile (tools/embed_packs.sh): adding a pack is
 * adding rules/NAME.json and its name there.
 */

/* One row of the generated table; the last row is all NULL. */
typedef struct pack_source {
	const char *name; /* "collaborate" */
	const char *json; /* the rule file, byte for byte */
} pack_source;

/* Defined in the generated file, in PACKS order. */
extern const pack_source pack_sources[];

/* The pack named name (exact), or NULL; rows are static. */
const pack_source *pack_find(const char *name);

/* The number of packs, and each by index (0 is the default). */
size_t pack_count(void);

/*
 * The pack's "description" member as a newly allocated string the caller
 * frees, or NULL when its JSON has none.  Parses the pack's text, so it is
 * for listing, not for hot paths.
 */
char *pack_description(const pack_source *p);

/*
 * The names of every pack as a NULL-terminated vector the caller frees
 * (the names themselves are static), for did-you-mean and messages.
 */
const char **pack_names(void);

#endif
