#ifndef PARTNERCHECK_RULES_SNAPSHOT_H
#define PARTNERCHECK_RULES_SNAPSHOT_H

/*
 * The bytes of a loaded rule set that the engines must only read: its
 * field declarations, checks, pairwise and consortium rules, and every
 * condition node (with its operands) those hang from.  A test takes one
 * before and one after running an engine and compares them, so that any
 * write into the rule set (a cached index in a node, a column bound into a
 * field) fails it.  Pointed-to strings and compiled patterns are left out:
 * what an engine could cache lives in these structs.
 */
#include <string.h>

#include "rules.h"
#include "strbuf.h"

static void
snapshot_cond(const cond *c, strbuf *sb)
{
	size_t i;

	if (!c) {
		sb_adds(sb, "-");
		return;
	}
	sb_add(sb, (const char *)c, sizeof *c);
	if (c->args)
		sb_add(sb, (const char *)c->args, c->nargs * sizeof *c->args);
	for (i = 0; i < c->nkids; i++)
		snapshot_cond(c->kids[i], sb);
}

/* Appends set's bytes to sb (see above). */
static void
snapshot_rules(const ruleset *set, strbuf *sb)
{
	size_t i;

	sb_add(sb, (const char *)set, sizeof *set);
	if (set->nfields)
		sb_add(sb, (const char *)set->fields,
		       set->nfields * sizeof *set->fields);
	if (set->nchecks)
		sb_add(sb, (const char *)set->checks,
		       set->nchecks * sizeof *set->checks);
	if (set->npairs)
		sb_add(sb, (const char *)set->pairs,
		       set->npairs * sizeof *set->pairs);
	if (set->ncons)
		sb_add(sb, (const char *)set->cons,
		       set->ncons * sizeof *set->cons);
	for (i = 0; i < set->nchecks; i++) {
		snapshot_cond(set->checks[i].when, sb);
		snapshot_cond(set->checks[i].test, sb);
	}
	for (i = 0; i < set->npairs; i++)
		snapshot_cond(set->pairs[i].test, sb);
	for (i = 0; i < set->ncons; i++)
		snapshot_cond(set->cons[i].where, sb);
}

/* Whether set's bytes are still those of the snapshot in before. */
static int
rules_unchanged(const ruleset *set, const strbuf *before)
{
	strbuf now;
	int same;

	sb_init(&now);
	snapshot_rules(set, &now);
	same = now.len == before->len && !memcmp(now.buf, before->buf, now.len);
	sb_free(&now);
	return same;
}

#endif
