#include <string.h>

#include "rules_describe.h"

/*
 * The words for each type's cells follow what value.c accepts: a change
 * there is a change here (tests/cases/rules-template-* read the example
 * row back with `check`, so an example that stops parsing fails).
 */

void
rules_describe_forms(const type_spec *t, strbuf *out)
{
	switch (t->type) {
	case FT_STRING:
		sb_adds(out, "any text");
		break;
	case FT_INTEGER:
		sb_adds(out, "a whole number such as 12");
		break;
	case FT_NUMBER:
		sb_adds(out, "a number such as 12 or 2.5");
		break;
	case FT_MONEY:
		sb_adds(out, "an amount such as 400, £1,250 or 12.50");
		break;
	case FT_PERCENT:
		sb_adds(out, t->fraction ? "a fraction such as 0.45, or 45%" :
					   "a percentage such as 45 or 45%");
		break;
	case FT_BOOLEAN:
		sb_adds(out, "yes or no (also y, n, true, false, 1, 0)");
		break;
	case FT_ORDINAL:
		sb_adds(out, "one of the levels, lowest first");
		break;
	case FT_ENUM:
		sb_adds(out, "one of the values");
		break;
	case FT_LIST:
		sb_addf(out, "items separated by '%s'",
			t->separator ? t->separator : ";");
		break;
	case FT_DATE:
		sb_addf(out, "a date written %s",
			t->date_format ? t->date_format : "YYYY-MM-DD");
		break;
	}
	sb_adds(out, "; empty when not known");
}

static void
add_joined(strbuf *out, char *const *v, size_t n, const char *sep)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sb_adds(out, sep);
		sb_adds(out, v[i]);
	}
}

void
rules_describe_allowed(const type_spec *t, strbuf *out)
{
	if (t->type == FT_ORDINAL || t->type == FT_ENUM)
		add_joined(out, t->levels, t->nlevels, ", ");
	else if (t->type == FT_LIST && t->items)
		add_joined(out, t->items, t->nitems, ", ");
}

/* A date in fmt's pattern: YYYY, MM and DD replaced by 2025-03-31's. */
static void
example_date(const char *fmt, strbuf *out)
{
	const char *p = fmt ? fmt : "YYYY-MM-DD";

	while (*p) {
		if (!strncmp(p, "YYYY", 4)) {
			sb_adds(out, "2025");
			p += 4;
		} else if (!strncmp(p, "MM", 2)) {
			sb_adds(out, "03");
			p += 2;
		} else if (!strncmp(p, "DD", 2)) {
			sb_adds(out, "31");
			p += 2;
		} else {
			sb_addc(out, *p++);
		}
	}
}

void
rules_describe_example(const type_spec *t, strbuf *out)
{
	const char *sep = t->separator ? t->separator : ";";

	switch (t->type) {
	case FT_STRING:
		sb_adds(out, "text");
		break;
	case FT_INTEGER:
		sb_adds(out, "12");
		break;
	case FT_NUMBER:
		sb_adds(out, "2.5");
		break;
	case FT_MONEY:
		sb_adds(out, "£1,250");
		break;
	case FT_PERCENT:
		sb_adds(out, t->fraction ? "0.45" : "45%");
		break;
	case FT_BOOLEAN:
		sb_adds(out, "yes");
		break;
	case FT_ORDINAL:
		/* the highest level: the one most checks ask for */
		if (t->nlevels)
			sb_adds(out, t->levels[t->nlevels - 1]);
		break;
	case FT_ENUM:
		if (t->nlevels)
			sb_adds(out, t->levels[0]);
		break;
	case FT_LIST:
		if (t->items && t->nitems > 1)
			sb_addf(out, "%s%s%s", t->items[0], sep, t->items[1]);
		else if (t->items && t->nitems)
			sb_adds(out, t->items[0]);
		else
			sb_addf(out, "first%ssecond", sep);
		break;
	case FT_DATE:
		example_date(t->date_format, out);
		break;
	}
}

/* What mark writes into: the caller's array. */
typedef struct reads {
	unsigned char *used;
	size_t nfields;
} reads;

static void
mark(void *ctx, int field)
{
	reads *r = ctx;

	if (field >= 0 && (size_t)field < r->nfields)
		r->used[field] = 1;
}

static void
mark_cond(reads *r, const cond *c)
{
	size_t i;

	if (!c)
		return;
	mark(r, c->field);
	mark(r, c->field2);
	if (c->expr)
		expr_fields(c->expr, mark, r);
	for (i = 0; i < c->nkids; i++)
		mark_cond(r, c->kids[i]);
}

void
rules_describe_reads(const ruleset *rs, describe_kind kind, size_t i,
		     unsigned char *used)
{
	reads r = { used, rs->nfields };
	size_t j;

	switch (kind) {
	case DK_CHECK:
		mark_cond(&r, rs->checks[i].when);
		mark_cond(&r, rs->checks[i].test);
		break;
	case DK_PAIR:
		mark_cond(&r, rs->pairs[i].test);
		break;
	case DK_CONSORTIUM:
		mark(&r, rs->cons[i].field);
		mark_cond(&r, rs->cons[i].where);
		for (j = 0; j < rs->cons[i].nfields; j++)
			mark(&r, rs->cons[i].fields[j]);
		break;
	}
}
