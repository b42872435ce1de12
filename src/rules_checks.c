#include <stdlib.h>
#include <string.h>

#include "rules_load.h"
#include "xalloc.h"

/*
 * The "checks" section: one-partner checks, their metadata and condition,
 * unique ids and the list of categories.
 */

/* A check id and the index of the check that has it. */
typedef struct id_at {
	const char *id;
	size_t at;
} id_at;

/* By id, then by index, so the first use of an id sorts first. */
static int
cmp_id_at(const void *a, const void *b)
{
	const id_at *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->at > y->at) - (x->at < y->at);
}

static void
load_check(loader *ld, check *ck, const cJSON *j)
{
	static const char *const keys[] = { "id",       "title",  "category",
					    "severity", "weight", "rationale",
					    "missing",  "when",   "field",
					    "expr",     "op",     "value",
					    "all",      "any",    "not",
					    "source",   NULL };
	const cJSON *m, *w;
	cJSON *copy, *c;

	if (!cJSON_IsObject(j)) {
		ld_problem(ld, "expected a check object, found %s",
			   ld_json_kind(j));
		return;
	}
	ld_check_keys(ld, j, keys);
	ck->id = ld_get_string(ld, j, "id", 1);
	ck->title = ld_get_string(ld, j, "title", 0);
	ck->category = ld_get_string(ld, j, "category", 0);
	ck->rationale = ld_get_string(ld, j, "rationale", 0);
	ck->source = ld_source(ld, j);
	ld_severity(ld, j, &ck->sev);
	ck->weight = 1;
	if (ld_get_number(ld, j, "weight", &ck->weight) > 0 && ck->weight < 0) {
		size_t old = ld_push_key(ld, "weight");

		ld_problem(ld, "weight must not be negative");
		ld_pop(ld, old);
	}
	if ((m = cJSON_GetObjectItemCaseSensitive(j, "missing"))) {
		size_t old = ld_push_key(ld, "missing");

		if (cJSON_IsString(m) && !strcmp(m->valuestring, "fail"))
			ck->missing = MISSING_FAIL;
		else if (cJSON_IsString(m) && !strcmp(m->valuestring, "pass"))
			ck->missing = MISSING_PASS;
		else if (cJSON_IsString(m) && !strcmp(m->valuestring, "skip"))
			ck->missing = MISSING_SKIP;
		else
			ld_problem(
			    ld,
			    "missing must be \"fail\", \"pass\" or \"skip\"");
		ld_pop(ld, old);
	}
	if ((w = cJSON_GetObjectItemCaseSensitive(j, "when"))) {
		size_t old = ld_push_key(ld, "when");

		ck->when = ld_cond(ld, w, 0);
		ld_pop(ld, old);
	}
	/* The check object itself is the condition, minus its metadata. */
	copy = cJSON_CreateObject();
	if (!copy) {
		ld_problem(ld, "out of memory");
		return;
	}
	for (c = j->child; c; c = c->next) {
		size_t i;
		static const char *const cond_keys[] = { "field", "expr", "op",
							 "value", "all",  "any",
							 "not",   NULL };

		for (i = 0; cond_keys[i]; i++)
			if (!strcmp(c->string, cond_keys[i]))
				cJSON_AddItemReferenceToObject(copy, c->string,
							       c);
	}
	ck->test = ld_cond(ld, copy, 0);
	cJSON_Delete(copy);
	if (!ck->category && ck->id) {
		const char *dot = strchr(ck->id, '.');

		ck->category = dot ? xstrndup(ck->id, (size_t)(dot - ck->id)) :
				     xstrdup("general");
	}
}

void
ld_checks(loader *ld, const cJSON *arr)
{
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t n, i = 0, a;
	id_at *ids;

	if (!cJSON_IsArray(arr)) {
		ld_problem(ld, "expected an array of checks, found %s",
			   ld_json_kind(arr));
		return;
	}
	n = (size_t)cJSON_GetArraySize(arr);
	rs->checks = xcalloc(n, sizeof *rs->checks);
	for (c = arr->child; c; c = c->next, i++) {
		size_t old = ld_push_index(ld, i);

		load_check(ld, &rs->checks[rs->nchecks++], c);
		ld_pop(ld, old);
	}
	/* Unique ids, found by sorting so that 100,000 checks stay fast;
	 * each repeat is named at its own path, with the first use. */
	ids = xmalloc((n + 1) * sizeof *ids);
	for (i = 0, a = 0; i < rs->nchecks; i++)
		if (rs->checks[i].id)
			ids[a++] = (id_at){ rs->checks[i].id, i };
	qsort(ids, a, sizeof *ids, cmp_id_at);
	for (i = 1; i < a; i++) {
		size_t first = i - 1, old;

		if (strcmp(ids[i].id, ids[first].id))
			continue;
		while (first > 0 && !strcmp(ids[first - 1].id, ids[i].id))
			first--;
		old = ld_push_index(ld, ids[i].at);
		ld_push_key(ld, "id");
		ld_problem(ld,
			   "check id '%s' is used more than once (first by "
			   "checks[%zu])",
			   ids[i].id, ids[first].at);
		ld_pop(ld, old);
	}
	free(ids);
	rs->categories = xcalloc(rs->nchecks + 1, sizeof *rs->categories);
	for (i = 0; i < rs->nchecks; i++) {
		const char *cat = rs->checks[i].category;

		rs->checks[i].cat = -1;
		if (!cat)
			continue;
		for (a = 0; a < rs->ncategories; a++)
			if (!strcmp(rs->categories[a], cat))
				break;
		if (a == rs->ncategories)
			rs->categories[rs->ncategories++] = rs->checks[i]
								.category;
		rs->checks[i].cat = (int)a;
	}
}
