#include <string.h>

#include "rules_load.h"
#include "xalloc.h"

/*
 * The "consortium" section: aggregate rules over the whole consortium.
 */

static void
load_bound(loader *ld, const cJSON *obj, const char *key, double *v, int *has,
	   char **ref)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t old;

	if (!j)
		return;
	old = ld_push_key(ld, key);
	if (cJSON_IsNumber(j)) {
		if (ld_exact_number(ld, j)) {
			*v = j->valuedouble;
			*has = 1;
		}
	} else if (cJSON_IsString(j) &&
		   !strncmp(j->valuestring, "contract.", 9) &&
		   j->valuestring[9]) {
		*ref = xstrdup(j->valuestring + 9);
		*has = 1;
	} else {
		ld_problem(ld, "expected a number or \"contract.KEY\"");
	}
	ld_pop(ld, old);
}

static int
list_field(loader *ld, const cJSON *j)
{
	int f;

	if (!cJSON_IsString(j)) {
		ld_problem(ld, "expected a field name, found %s",
			   ld_json_kind(j));
		return -1;
	}
	f = rules_field(ld->rs, j->valuestring);
	if (f < 0)
		ld_problem(ld, "unknown field '%s'", j->valuestring);
	else if (ld->rs->fields[f].type.type != FT_LIST)
		ld_problem(ld, "'%s' is not a list field", j->valuestring);
	else
		return f;
	return -1;
}

/* The aggregates a rule file can name (count_where is count with
 * "where"), in the order did-you-mean weighs them. */
static const struct {
	const char *name;
	agg_kind kind;
} aggs[] = {
	{ "count", AGG_COUNT },       { "sum", AGG_SUM },
	{ "min", AGG_MIN },           { "max", AGG_MAX },
	{ "coverage", AGG_COVERAGE }, { "distinct", AGG_DISTINCT },
};
#define NAGGS (sizeof aggs / sizeof *aggs)

/* "aggregate" into cr->kind; returns its name, or NULL after a problem. */
static const char *
load_aggregate(loader *ld, cons_rule *cr, const cJSON *c)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(c, "aggregate");
	const char *name = NULL;
	size_t old, i;

	if (!a) {
		ld_problem(ld, "'aggregate' is required (count, sum, min, max, "
			       "coverage or distinct)");
		return NULL;
	}
	old = ld_push_key(ld, "aggregate");
	if (!cJSON_IsString(a)) {
		ld_problem(ld, "expected a string, found %s", ld_json_kind(a));
		ld_pop(ld, old);
		return NULL;
	}
	for (i = 0; i < NAGGS && !name; i++)
		if (!strcmp(a->valuestring, aggs[i].name)) {
			cr->kind = aggs[i].kind;
			name = a->valuestring;
		}
	if (!name) {
		const char *names[NAGGS + 1], *s;

		for (i = 0; i < NAGGS; i++)
			names[i] = aggs[i].name;
		names[NAGGS] = NULL;
		s = ld_suggest(ld, a->valuestring, names);
		ld_problem(ld, "unknown aggregate '%s'%s%s%s", a->valuestring,
			   s ? " (did you mean '" : "", s ? s : "",
			   s ? "'?)" : "");
	}
	ld_pop(ld, old);
	return name;
}

/* sum, min, max: "field", a numeric field. */
static void
load_numeric_field(loader *ld, cons_rule *cr, const cJSON *f, const char *agg)
{
	size_t old = ld_push_key(ld, "field");

	if (!f)
		ld_problem(ld, "is required for %s", agg);
	else if (!cJSON_IsString(f))
		ld_problem(ld, "expected a field name, found %s",
			   ld_json_kind(f));
	else if ((cr->field = rules_field(ld->rs, f->valuestring)) < 0)
		ld_problem(ld, "unknown field '%s'", f->valuestring);
	else if (!field_type_is_numeric(ld->rs->fields[cr->field].type.type))
		ld_problem(ld, "'%s' is not a numeric field", f->valuestring);
	ld_pop(ld, old);
}

/* coverage: "field", a list field, and "required", the values it must
 * cover (a list, or a contract key naming one). */
static void
load_coverage(loader *ld, cons_rule *cr, const cJSON *c, const cJSON *f)
{
	const cJSON *req = cJSON_GetObjectItemCaseSensitive(c, "required");
	size_t old = ld_push_key(ld, "field");

	if (!f)
		ld_problem(ld, "is required for coverage");
	else
		cr->field = list_field(ld, f);
	ld_pop(ld, old);
	old = ld_push_key(ld, "required");
	if (!req)
		ld_problem(ld, "coverage needs a list or \"contract.KEY\"");
	else if (cJSON_IsString(req) &&
		 !strncmp(req->valuestring, "contract.", 9) &&
		 req->valuestring[9])
		cr->required_ref = xstrdup(req->valuestring + 9);
	else if (cJSON_IsArray(req)) {
		size_t i;
		char err[200];

		cr->required = ld_string_array(ld, req, &cr->nrequired, 1);
		for (i = 0; cr->field >= 0 && i < cr->nrequired; i++)
			if (value_item_check(&ld->rs->fields[cr->field].type,
					     cr->required[i],
					     strlen(cr->required[i]), err,
					     sizeof err) < 0) {
				size_t at = ld_push_index(ld, i);

				ld_problem(ld, "%s", err);
				ld_pop(ld, at);
			}
	} else
		ld_problem(ld,
			   "expected an array of strings or \"contract.KEY\"");
	ld_pop(ld, old);
}

/* distinct: "fields", the list fields whose values are pooled. */
static void
load_distinct(loader *ld, cons_rule *cr, const cJSON *c)
{
	const cJSON *fs = cJSON_GetObjectItemCaseSensitive(c, "fields");
	const cJSON *k;
	size_t i = 0, old = ld_push_key(ld, "fields");

	if (!fs || !cJSON_IsArray(fs) || !cJSON_GetArraySize(fs)) {
		ld_problem(ld,
			   "distinct needs \"fields\": a non-empty array of "
			   "list fields");
		ld_pop(ld, old);
		return;
	}
	cr->fields = xcalloc((size_t)cJSON_GetArraySize(fs),
			     sizeof *cr->fields);
	for (k = fs->child; k; k = k->next, i++) {
		size_t o2 = ld_push_index(ld, i);
		int fi = list_field(ld, k);

		if (fi >= 0)
			cr->fields[cr->nfields++] = fi;
		ld_pop(ld, o2);
	}
	ld_pop(ld, old);
}

/* "min" and "max": which aggregates take them, and that they agree. */
static void
load_bounds(loader *ld, cons_rule *cr, const cJSON *c, const char *agg)
{
	load_bound(ld, c, "min", &cr->min, &cr->has_min, &cr->min_ref);
	load_bound(ld, c, "max", &cr->max, &cr->has_max, &cr->max_ref);
	if ((cr->kind == AGG_COVERAGE || cr->kind == AGG_DISTINCT) &&
	    (cr->has_min || cr->has_max))
		ld_problem(ld, "\"min\" and \"max\" do not go with %s", agg);
	if (cr->kind != AGG_COVERAGE && cr->kind != AGG_DISTINCT &&
	    !cr->has_min && !cr->has_max)
		ld_problem(ld, "give \"min\", \"max\" or both");
	if (cr->has_min && cr->has_max && !cr->min_ref && !cr->max_ref &&
	    cr->min > cr->max)
		ld_problem(ld, "min is above max");
}

static void
load_cons_rule(loader *ld, cons_rule *cr, const cJSON *c)
{
	static const char *const keys[] = { "id",        "title",   "severity",
					    "rationale", "message", "aggregate",
					    "field",     "fields",  "where",
					    "min",       "max",     "required",
					    "penalty",   "source",  NULL };
	const cJSON *f, *w;
	const char *agg;
	size_t old;

	ld_check_keys(ld, c, keys);
	cr->id = ld_get_string(ld, c, "id", 1);
	cr->title = ld_get_string(ld, c, "title", 0);
	cr->rationale = ld_get_string(ld, c, "rationale", 0);
	cr->message = ld_get_string(ld, c, "message", 0);
	cr->source = ld_source(ld, c);
	cr->field = -1;
	ld_severity(ld, c, &cr->sev);
	if (!(agg = load_aggregate(ld, cr, c)))
		return;
	f = cJSON_GetObjectItemCaseSensitive(c, "field");
	w = cJSON_GetObjectItemCaseSensitive(c, "where");
	if (w && cr->kind != AGG_COUNT) {
		ld_problem(ld, "\"where\" goes with the count aggregate only");
	} else if (w) {
		old = ld_push_key(ld, "where");
		cr->where = ld_cond(ld, w, 0);
		ld_pop(ld, old);
		cr->kind = AGG_COUNT_WHERE;
	}
	if (cr->kind == AGG_SUM || cr->kind == AGG_MIN || cr->kind == AGG_MAX)
		load_numeric_field(ld, cr, f, agg);
	if (cr->kind == AGG_COVERAGE)
		load_coverage(ld, cr, c, f);
	else if (cJSON_GetObjectItemCaseSensitive(c, "required"))
		ld_problem(ld, "\"required\" goes with coverage only");
	if (cr->kind == AGG_DISTINCT)
		load_distinct(ld, cr, c);
	else if (cJSON_GetObjectItemCaseSensitive(c, "fields"))
		ld_problem(ld, "\"fields\" goes with distinct only");
	if (f && cr->kind != AGG_SUM && cr->kind != AGG_MIN &&
	    cr->kind != AGG_MAX && cr->kind != AGG_COVERAGE)
		ld_problem(ld, "\"field\" does not go with %s", agg);
	load_bounds(ld, cr, c, agg);
}

void
ld_consortium(loader *ld, const cJSON *arr)
{
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(arr)) {
		ld_problem(ld,
			   "expected an array of consortium rules, found %s",
			   ld_json_kind(arr));
		return;
	}
	rs->cons = xcalloc((size_t)cJSON_GetArraySize(arr) + 1,
			   sizeof *rs->cons);
	for (c = arr->child; c; c = c->next, i++) {
		size_t old = ld_push_index(ld, i);

		if (!cJSON_IsObject(c))
			ld_problem(ld, "expected a rule object, found %s",
				   ld_json_kind(c));
		else
			load_cons_rule(ld, &rs->cons[rs->ncons++], c);
		ld_pop(ld, old);
	}
}
