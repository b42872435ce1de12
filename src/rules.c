#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "strbuf.h"
#include "textkey.h"
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

const rule_origin *
rules_origin(const ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->norigins; i++)
		if (!strcmp(rs->origins[i].id, id))
			return &rs->origins[i];
	return NULL;
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
		free(f->label);
		free_strv(f->type.levels, f->type.nlevels);
		free_strv(f->type.items, f->type.nitems);
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
		free(c->source);
		cond_free(c->when);
		cond_free(c->test);
	}
	free(rs->checks);
	for (i = 0; i < rs->norigins; i++) {
		rule_origin *o = &rs->origins[i];

		free(o->id);
		free(o->file);
		free(o->disabled_by);
		free_strv(o->ov_files, o->nov);
		free_strv(o->ov_keys, o->nov);
	}
	free(rs->origins);
	free(rs->categories); /* the strings belong to the checks */
	for (i = 0; i < rs->npairs; i++) {
		free(rs->pairs[i].id);
		free(rs->pairs[i].title);
		free(rs->pairs[i].rationale);
		free(rs->pairs[i].source);
		cond_free(rs->pairs[i].test);
	}
	free(rs->pairs);
	for (i = 0; i < rs->ncons; i++) {
		cons_rule *cr = &rs->cons[i];

		free(cr->id);
		free(cr->title);
		free(cr->rationale);
		free(cr->source);
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
		free(rs->waivers[i].other);
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

/* A contract key that the rule set declares or a consortium rule uses. */
static int
contract_key_known(const ruleset *rs, const char *key)
{
	size_t i;

	for (i = 0; i < rs->ncontract; i++)
		if (!strcmp(rs->contract[i].key, key))
			return 1;
	for (i = 0; i < rs->ncons; i++) {
		const cons_rule *cr = &rs->cons[i];

		if ((cr->min_ref && !strcmp(cr->min_ref, key)) ||
		    (cr->max_ref && !strcmp(cr->max_ref, key)) ||
		    (cr->required_ref && !strcmp(cr->required_ref, key)))
			return 1;
	}
	return 0;
}

/* Every known contract key, for did-you-mean; caller frees the array
 * (not the strings, which the rule set owns). */
static const char **
contract_keys(const ruleset *rs, size_t *n)
{
	const char **v = xcalloc(rs->ncontract + 3 * rs->ncons + 1, sizeof *v);
	size_t i;

	*n = 0;
	for (i = 0; i < rs->ncontract; i++)
		v[(*n)++] = rs->contract[i].key;
	for (i = 0; i < rs->ncons; i++) {
		if (rs->cons[i].min_ref)
			v[(*n)++] = rs->cons[i].min_ref;
		if (rs->cons[i].max_ref)
			v[(*n)++] = rs->cons[i].max_ref;
		if (rs->cons[i].required_ref)
			v[(*n)++] = rs->cons[i].required_ref;
	}
	return v;
}

/*
 * The type of the contract key's value, from where it is used: the list
 * that a coverage rule must cover is a list (split as that rule's field
 * is); a bound of a sum, min or max has the type of the field added up
 * (money or percent), or is a number (a whole-number field's bound may
 * fall between two sums: 90.5); a bound of a count is an integer.
 * A key that no rule uses takes the type its declaration suggests: a list
 * for an array, else money's forms, the most forgiving of the numbers,
 * when the value reads as one and a list when it does not (lenient = 1).
 */
static type_spec
contract_type(const ruleset *rs, const char *key, int *lenient)
{
	type_spec t;
	size_t i;

	memset(&t, 0, sizeof t);
	*lenient = 0;
	for (i = 0; i < rs->ncons; i++) {
		const cons_rule *cr = &rs->cons[i];

		if (cr->required_ref && !strcmp(cr->required_ref, key)) {
			if (cr->field >= 0 && (size_t)cr->field < rs->nfields)
				return rs->fields[cr->field].type;
			t.type = FT_LIST;
			return t;
		}
		if (!(cr->min_ref && !strcmp(cr->min_ref, key)) &&
		    !(cr->max_ref && !strcmp(cr->max_ref, key)))
			continue;
		if (cr->kind == AGG_COUNT || cr->kind == AGG_COUNT_WHERE)
			t.type = FT_INTEGER;
		else if (cr->field >= 0 && (size_t)cr->field < rs->nfields &&
			 field_type_is_numeric(
			     rs->fields[cr->field].type.type) &&
			 rs->fields[cr->field].type.type != FT_INTEGER)
			t.type = rs->fields[cr->field].type.type;
		else
			t.type = FT_NUMBER;
		return t;
	}
	for (i = 0; i < rs->ncontract; i++)
		if (!strcmp(rs->contract[i].key, key) &&
		    rs->contract[i].items) {
			t.type = FT_LIST;
			return t;
		}
	t.type = FT_MONEY;
	*lenient = 1;
	return t;
}

/* The forms a --set value of type t takes, for a refusal. */
static const char *
contract_forms(field_type t)
{
	switch (t) {
	case FT_INTEGER:
		return "a whole number such as 12";
	case FT_MONEY:
		return "an amount such as 400, £1,250 or 12.50";
	case FT_PERCENT:
		return "a percentage such as 45 or 45%";
	default:
		return "a number such as 12 or 12.5";
	}
}

int
rules_set_contract(ruleset *rs, const char *assignment, char *err, size_t errsz)
{
	const char *eq = strchr(assignment, '=');
	contract_value *cv;
	char *key;
	type_spec t;
	value v;
	item_vec iv = { NULL, 0, 0 };
	char why[200];
	int lenient;
	size_t i;

	if (!eq || eq == assignment) {
		snprintf(err, errsz,
			 "expected contract.KEY=VALUE, got 'contract.%s'",
			 assignment);
		return -1;
	}
	key = xstrndup(assignment, (size_t)(eq - assignment));
	eq++;
	if (!contract_key_known(rs, key)) {
		size_t nk;
		const char **keys = contract_keys(rs, &nk);
		long at = text_key_suggest(key, strlen(key), keys, nk);

		if (at >= 0)
			snprintf(err, errsz,
				 "unknown contract key '%s' (did you "
				 "mean '%s'?)",
				 key, keys[at]);
		else
			snprintf(
			    err, errsz,
			    "unknown contract key '%s' (no rule "
			    "uses it and the rule set does not declare it)",
			    key);
		free(keys);
		free(key);
		return -1;
	}
	t = contract_type(rs, key, &lenient);
	if (value_parse(&t, eq, strlen(eq), &v, &iv, why, sizeof why) < 0) {
		if (!lenient) {
			snprintf(err, errsz, "contract.%s: %s (write %s)", key,
				 why, contract_forms(t.type));
			free(key);
			item_vec_free(&iv);
			return -1;
		}
		/* an unused key that is not a number is a list */
		t.type = FT_LIST;
		value_parse(&t, eq, strlen(eq), &v, &iv, NULL, 0);
	}
	/* Loading writes: rules_contract's const answer is for readers. */
	i = contract_index(rs, key);
	if (i == rs->ncontract) {
		rs->contract = xrealloc(rs->contract, (rs->ncontract + 1) *
							  sizeof *rs->contract);
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
	cv->is_num = v.kind == V_NUMBER;
	cv->num = cv->is_num ? v.num : 0;
	cv->text = xstrndup(v.text ? v.text : "", v.text ? v.len : 0);
	/* a list of nothing but blanks and separators is an empty list, not
	 * one blank item */
	if (v.kind == V_LIST) {
		cv->items = xcalloc(v.nitems + 1, sizeof *cv->items);
		for (i = 0; i < v.nitems; i++)
			cv->items[i] = xstrndup(v.items[i].s, v.items[i].len);
		cv->nitems = v.nitems;
	}
	item_vec_free(&iv);
	return 0;
}
