#include <stdlib.h>
#include <string.h>

#include "partners.h"
#include "xalloc.h"

/* Blocks are never moved, so pointers into them stay valid. */
struct arena_block {
	arena_block *next;
	size_t used, size;
	char data[];
};

static void *
arena_alloc(partner_set *ps, size_t n)
{
	arena_block *b = ps->arena;

	n = (n + 7) & ~(size_t)7;
	if (!b || b->size - b->used < n) {
		size_t size = n > 65536 ? n : 65536;

		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = ps->arena;
		ps->arena = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

void
pset_init(partner_set *ps, const ruleset *rs, const unsigned char *used)
{
	memset(ps, 0, sizeof *ps);
	ps->rs = rs;
	ps->used = used;
}

void
pset_add(partner_set *ps, const char *id, const value *vals)
{
	pset_add_line(ps, id, vals, 0);
}

void
pset_add_line(partner_set *ps, const char *id, const value *vals, size_t line)
{
	size_t nf = ps->rs->nfields, f, k, cap_ids = ps->cap;
	value *row;

	if (ps->n == ps->cap) {
		ps->ids = xgrow(ps->ids, &cap_ids, ps->n + 1, sizeof *ps->ids);
		ps->lines = xrealloc(ps->lines, cap_ids * sizeof *ps->lines);
		ps->vals = xrealloc(ps->vals,
				    cap_ids * (nf ? nf : 1) * sizeof *ps->vals);
		ps->lines = xrealloc(ps->lines, cap_ids * sizeof *ps->lines);
		ps->cap = cap_ids;
	}
	ps->ids[ps->n] = xstrdup(id);
	ps->lines[ps->n] = line;
	row = ps->vals + ps->n * nf;
	for (f = 0; f < nf; f++) {
		const value *v = &vals[f];
		value *d = &row[f];
		char *text;
		item *items;

		memset(d, 0, sizeof *d);
		d->kind = V_MISSING;
		if (ps->used && !ps->used[f])
			continue;
		*d = *v;
		text = arena_alloc(ps, v->len + 1);
		memcpy(text, v->text ? v->text : "", v->len);
		text[v->len] = '\0';
		d->text = text;
		if (v->kind == V_LIST && v->nitems) {
			items = arena_alloc(ps, v->nitems * sizeof *items);
			for (k = 0; k < v->nitems; k++) {
				items[k].s = text + (v->items[k].s - v->text);
				items[k].len = v->items[k].len;
			}
			d->items = items;
		} else {
			d->items = NULL;
		}
	}
	ps->n++;
}

void
pset_free(partner_set *ps)
{
	size_t i;

	if (!ps)
		return;
	for (i = 0; i < ps->n; i++)
		free(ps->ids[i]);
	free(ps->ids);
	free(ps->lines);
	free(ps->vals);
	while (ps->arena) {
		arena_block *b = ps->arena;

		ps->arena = b->next;
		free(b);
	}
	memset(ps, 0, sizeof *ps);
}

void
pset_set_line(partner_set *ps, size_t line)
{
	if (ps->n)
		ps->lines[ps->n - 1] = line;
}
