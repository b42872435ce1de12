#ifndef PARTNERCHECK_PARTNER_FIXTURE_H
#define PARTNERCHECK_PARTNER_FIXTURE_H

/*
 * What check_pairs and check_consortium share: a rule set given as text
 * (single quotes stand for double quotes) and partners built from
 * "field=cell|field=cell" strings, parsed as the CSV reader's cells would
 * be.  One test file includes it; its globals are that file's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partners.h"
#include "rules.h"
#include "strbuf.h"
#include "testutil.h"
#include "value.h"
#include "xalloc.h"

static ruleset *rs;
static unsigned char *used; /* the fields a check command reads */
static partner_set ps;
static int ps_live;
static diaglist dl;
static strbuf out;
static size_t counts[3];

static void
fixture_setup(void)
{
	rs = NULL;
	used = NULL;
	ps_live = 0;
	memset(&dl, 0, sizeof dl);
	sb_init(&out);
}

static void
fixture_teardown(void)
{
	if (ps_live)
		pset_free(&ps);
	free(used);
	rules_free(rs);
	diaglist_free(&dl);
	sb_free(&out);
}

static void
use_rules(const char *text)
{
	char *s = xstrdup(text), *p;
	size_t i;

	for (p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	if (ps_live)
		pset_free(&ps);
	rules_free(rs);
	diaglist_free(&dl);
	rs = rules_parse("r.json", s, strlen(s), &dl);
	free(s);
	if (!rs) {
		for (i = 0; i < dl.n; i++)
			fprintf(stderr, "%s\n", dl.msgs[i]);
		ck_abort_msg("rule set rejected");
	}
	free(used);
	used = xcalloc(rs->nfields + 1, 1);
	rules_mark_used(rs, 1, used);
	pset_init(&ps, rs, used);
	ps_live = 1;
}

/* Adds a partner from "field=cell|field=cell"; fields not named get an
 * empty cell.  Values are parsed as the CSV reader's cells would be. */
static void
add(const char *id, const char *cells)
{
	value *vals = xcalloc(rs->nfields + 1, sizeof *vals);
	item_vec *ivs = xcalloc(rs->nfields + 1, sizeof *ivs);
	char *copy = xstrdup(cells);
	char **text = xcalloc(rs->nfields + 1, sizeof *text);
	char *p = copy, err[200], empty[1] = "";
	size_t f;

	for (f = 0; f < rs->nfields; f++)
		text[f] = empty;
	while (*p) {
		char *end = strchr(p, '|'), *eq = strchr(p, '=');
		int k;

		if (end)
			*end = '\0';
		ck_assert_ptr_nonnull(eq);
		*eq = '\0';
		k = rules_field(rs, p);
		if (k < 0)
			ck_abort_msg("no field %s", p);
		text[k] = eq + 1;
		if (!end)
			break;
		p = end + 1;
	}
	for (f = 0; f < rs->nfields; f++)
		if (value_parse(&rs->fields[f].type, text[f], strlen(text[f]),
				&vals[f], &ivs[f], err, sizeof err) < 0)
			ck_abort_msg("partner %s, field %s: %s", id,
				     rs->fields[f].name, err);
	pset_add(&ps, id, vals);
	/* The set keeps copies: scribble over the originals. */
	for (f = 0; f < rs->nfields; f++)
		memset(text[f], '#', strlen(text[f]));
	free(text);
	free(copy);
	for (f = 0; f < rs->nfields; f++)
		item_vec_free(&ivs[f]);
	free(ivs);
	free(vals);
}

#endif
