#include <string.h>

#include "rules_load.h"
#include "xalloc.h"

/*
 * The "pairs" section: rules that compare two partners.
 */

void
ld_pairs(loader *ld, const cJSON *arr)
{
	static const char *const keys[] = {
		"id",    "title",    "severity", "rationale", "source",
		"field", "expr",     "op",       "value",     "other",
		"by",    "relative", "all",      "any",       "not",
		"both",  "either",   "penalty",  NULL
	};
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(arr)) {
		ld_problem(ld, "expected an array of pairwise rules, found %s",
			   ld_json_kind(arr));
		return;
	}
	rs->pairs = xcalloc((size_t)cJSON_GetArraySize(arr) + 1,
			    sizeof *rs->pairs);
	for (c = arr->child; c; c = c->next, i++) {
		size_t old = ld_push_index(ld, i);
		pair_rule *pr = &rs->pairs[rs->npairs++];
		cJSON *copy, *k;

		if (!cJSON_IsObject(c)) {
			ld_problem(ld, "expected a rule object, found %s",
				   ld_json_kind(c));
			ld_pop(ld, old);
			continue;
		}
		ld_check_keys(ld, c, keys);
		pr->id = ld_get_string(ld, c, "id", 1);
		pr->title = ld_get_string(ld, c, "title", 0);
		pr->rationale = ld_get_string(ld, c, "rationale", 0);
		pr->source = ld_source(ld, c);
		ld_severity(ld, c, &pr->sev);
		/* The rule object is its condition too; unknown keys were
		 * reported above, so only condition keys go on. */
		copy = cJSON_CreateObject();
		for (k = c->child; copy && k; k = k->next) {
			size_t ki;

			for (ki = 5; keys[ki]; ki++)
				if (!strcmp(k->string, keys[ki]) &&
				    strcmp(k->string, "penalty"))
					break;
			if (keys[ki])
				cJSON_AddItemReferenceToObject(copy, k->string,
							       k);
		}
		ld->pair_ctx = 1;
		pr->test = copy ? ld_cond(ld, copy, 0) : NULL;
		ld->pair_ctx = 0;
		cJSON_Delete(copy);
		ld_pop(ld, old);
	}
}
