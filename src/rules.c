#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "strbuf.h"
#include "xalloc.h"

int
rules_field(const ruleset *rs, const char *name)
{
	size_t i;

	for (i = 0; i < rs->nfields; i++)
		if (!strcmp(rs->fields[i].name, name))
			return (int)i;
	return -1;
}

int
rules_check(const ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->nchecks; i++)
		if (rs->checks[i].id && !strcmp(rs->checks[i].id, id))
			return (int)i;
	return -1;
}

/* Index of the contract value keyed key, or rs->ncontract. */
static size_t
contract_index(const ruleset *rs, const char *key)
{
	size_t i;

	for (i = 0; i < rs->ncontract; i++)
		if (!strcmp(rs->contract[i].key, key))
			break;
	return i;
}

const contract_value *
rules_contract(const ruleset *rs, const char *key)
{
	size_t i = contract_index(rs, key);

	return i < rs->ncontract ? &rs->contract[i] : NULL;
}

/* What mark_field writes into: the caller's array, not the rule set. */
typedef struct used_marks {
	unsigned char *used;
	size_t nfields;
} used_marks;

static void
mark_field(void *ctx, int field)
{
	used_marks *m = ctx;

	if (field >= 0 && (size_t)field < m->nfields)
		m->used[field] = 1;
}

static void
mark_cond(used_marks *m, const cond *c)
{
	size_t i;

	if (!c)
		return;
	mark_field(m, c->field);
	mark_field(m, c->field2);
	if (c->expr)
		expr_fields(c->expr, mark_field, m);
	for (i = 0; i < c->nkids; i++)
		mark_cond(m, c->kids[i]);
}

void
rules_mark_used(const ruleset *rs, int pairs, unsigned char *used)
{
	used_marks m = { used, rs->nfields };
	size_t i, j;

	memset(used, 0, rs->nfields);
	for (i = 0; i < rs->nchecks; i++) {
		mark_cond(&m, rs->checks[i].when);
		mark_cond(&m, rs->checks[i].test);
	}
	if (!pairs)
		return;
	for (i = 0; i < rs->npairs; i++)
		mark_cond(&m, rs->pairs[i].test);
	for (i = 0; i < rs->ncons; i++) {
		const cons_rule *cr = &rs->cons[i];

		mark_field(&m, cr->field);
		mark_cond(&m, cr->where);
		for (j = 0; j < cr->nfields; j++)
			mark_field(&m, cr->fields[j]);
	}
}

void
cond_free(cond *c)
{
	size_t i;

	if (!c)
		return;
	expr_free(c->expr);
	free(c->subject);
	for (i = 0; i < c->nargs; i++)
		free(c->args[i].text);
	free(c->args);
	regex_dfa_free(c->re);
	for (i = 0; i < c->nkids; i++)
		cond_free(c->kids[i]);
	free(c->kids);
	free(c);
}

static void
free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
rules_free(ruleset *rs)
{
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->nfields; i++) {
		field_def *f = &rs->fields[i];

		free(f->name);
		free(f->column);
		free_strv(f->type.levels, f->type.nlevels);
		free(f->type.separator);
		free(f->type.date_format);
	}
	free(rs->fields);
	for (i = 0; i < rs->nchecks; i++) {
		check *c = &rs->checks[i];

		free(c->id);
		free(c->title);
		free(c->category);
		free(c->rationale);
		cond_free(c->when);
		cond_free(c->test);
	}
	free(rs->checks);
	free(rs->categories); /* the strings belong to the checks */
	for (i = 0; i < rs->npairs; i++) {
		free(rs->pairs[i].id);
		free(rs->pairs[i].title);
		free(rs->pairs[i].rationale);
		cond_free(rs->pairs[i].test);
	}
	free(rs->pairs);
	for (i = 0; i < rs->ncons; i++) {
		cons_rule *cr = &rs->cons[i];

		free(cr->id);
		free(cr->title);
		free(cr->rationale);
		free(cr->message);
		cond_free(cr->where);
		free(cr->min_ref);
		free(cr->max_ref);
		free(cr->required_ref);
		free_strv(cr->required, cr->nrequired);
		free(cr->fields);
	}
	free(rs->cons);
	for (i = 0; i < rs->ncontract; i++) {
		free(rs->contract[i].key);
		free_strv(rs->contract[i].items, rs->contract[i].nitems);
		free(rs->contract[i].text);
	}
	free(rs->contract);
	for (i = 0; i < rs->nwaivers; i++) {
		free(rs->waivers[i].partner);
		free(rs->waivers[i].rule);
		free(rs->waivers[i].reason);
		free(rs->waivers[i].origin);
	}
	free(rs->waivers);
	free(rs->name);
	free(rs->id_column);
	free(rs->name_column);
	free(rs);
}

int
rules_set_contract(ruleset *rs, const char *assignment, char *err,
		   size_t errsz)
{
	const char *eq = strchr(assignment, '=');
	contract_value *cv;
	char *key;
	double num;
	size_t i;

	if (!eq || eq == assignment) {
		snprintf(err, errsz, "expected contract.KEY=VALUE, got 'contract.%s'",
			 assignment);
		return -1;
	}
	key = xstrndup(assignment, (size_t)(eq - assignment));
	/* Loading writes: rules_contract's const answer is for readers. */
	i = contract_index(rs, key);
	if (i == rs->ncontract) {
		rs->contract = xrealloc(rs->contract,
					(rs->ncontract + 1) * sizeof *rs->contract);
		cv = &rs->contract[rs->ncontract++];
		memset(cv, 0, sizeof *cv);
		cv->key = key;
	} else {
		cv = &rs->contract[i];
		free(key);
		free_strv(cv->items, cv->nitems);
		free(cv->text);
		cv->items = NULL;
		cv->nitems = 0;
	}
	eq++;
	cv->text = xstrdup(eq);
	cv->is_num = parse_decimal(eq, strlen(eq), &num) == 0;
	cv->num = cv->is_num ? num : 0;
	/* A value that is not a number is a list, ';'-separated as list
	 * cells are by default. */
	while (!cv->is_num && *eq) {
		const char *end = strchr(eq, ';');
		size_t n = end ? (size_t)(end - eq) : strlen(eq);
		size_t b = 0;

		while (b < n && (eq[b] == ' ' || eq[b] == '\t'))
			b++;
		while (n > b && (eq[n - 1] == ' ' || eq[n - 1] == '\t'))
			n--;
		if (n > b) {
			cv->items = xrealloc(cv->items, (cv->nitems + 1) *
					     sizeof *cv->items);
			cv->items[cv->nitems++] = xstrndup(eq + b, n - b);
		}
		if (!end)
			break;
		eq = end + 1;
	}
	return 0;
}
