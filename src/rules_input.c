#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "rules_load.h"
#include "waivers.h"
#include "xalloc.h"

/*
 * The small sections: "input" (CSV options), "contract" (values rules
 * may refer to) and "waivers".
 */

void
ld_waivers(loader *ld, const cJSON *arr)
{
	static const char *const keys[] = { "partner", "rule", "reason",
					    "expires", NULL };
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(arr)) {
		ld_problem(ld, "expected an array of waivers, found %s",
			   ld_json_kind(arr));
		return;
	}
	rs->waivers = xcalloc((size_t)cJSON_GetArraySize(arr) + 1,
			      sizeof *rs->waivers);
	for (c = arr->child; c; c = c->next, i++) {
		size_t old = ld_push_index(ld, i);
		waiver *w = &rs->waivers[rs->nwaivers];
		char *exp;

		if (!cJSON_IsObject(c)) {
			ld_problem(ld, "expected a waiver object, found %s",
				   ld_json_kind(c));
			ld_pop(ld, old);
			continue;
		}
		ld_check_keys(ld, c, keys);
		w->partner = ld_get_string(ld, c, "partner", 1);
		if (w->partner) {
			/* " P1 " is P1, as a cell or a --waivers row would
			 * read it: a waiver that silently matches no one
			 * leaves the finding it meant to waive.  "A + B" is
			 * a pair, "" or "*" the consortium. */
			char *text = w->partner;
			size_t o2 = ld_push_key(ld, "partner");

			if (waiver_parse_partner(text, &w->kind, &w->partner,
						 &w->other) < 0)
				ld_problem(ld,
					   "'%s' is not a pair of two partner "
					   "ids (write A + B)",
					   text);
			ld_pop(ld, o2);
			free(text);
		}
		w->rule = ld_get_string(ld, c, "rule", 1);
		w->reason = ld_get_string(ld, c, "reason", 1);
		if (w->reason && !w->reason[strspn(w->reason, " \t")]) {
			/* as for a --waivers row: a waiver says why */
			size_t o2 = ld_push_key(ld, "reason");

			ld_problem(ld, "the reason is empty");
			ld_pop(ld, o2);
		}
		exp = ld_get_string(ld, c, "expires", 0);
		if (exp) {
			size_t o2 = ld_push_key(ld, "expires");

			if (date_parse(NULL, exp, strlen(exp), &w->expires) ==
			    0)
				w->has_expiry = 1;
			else
				ld_problem(
				    ld, "'%s' is not a date (write YYYY-MM-DD)",
				    exp);
			ld_pop(ld, o2);
			free(exp);
		}
		{
			strbuf sb;

			sb_init(&sb);
			sb_addf(&sb, "%s: %s", ld->label, ld->path.buf);
			w->origin = sb_detach(&sb);
			sb_free(&sb);
		}
		rs->nwaivers++;
		ld_pop(ld, old);
	}
}

void
ld_check_waivers(loader *ld)
{
	ruleset *rs = ld->rs;
	char msg[512];
	size_t i;

	for (i = 0; i < rs->nwaivers; i++) {
		const waiver *w = &rs->waivers[i];
		const char *p;

		if (!w->rule)
			continue;
		p = waivers_rule_problem(rs, w->kind, w->rule, msg, sizeof msg);
		if (!p)
			continue;
		sb_addf(&ld->path, "waivers[%zu].rule", i);
		ld_problem(ld, "%s", p);
		ld_pop(ld, 0);
	}
}

void
ld_input(loader *ld, const cJSON *obj)
{
	static const char *const keys[] = {
		"delimiter",       "encoding",    "id", "name",
		"missing_columns", "header_case", NULL
	};
	ruleset *rs = ld->rs;
	char *s;

	if (!cJSON_IsObject(obj)) {
		ld_problem(ld, "expected an object, found %s",
			   ld_json_kind(obj));
		return;
	}
	ld_check_keys(ld, obj, keys);
	if ((s = ld_get_string(ld, obj, "delimiter", 0))) {
		size_t old = ld_push_key(ld, "delimiter");

		if (!strcmp(s, ",") || !strcmp(s, "comma"))
			rs->delimiter = ',';
		else if (!strcmp(s, ";") || !strcmp(s, "semicolon"))
			rs->delimiter = ';';
		else if (!strcmp(s, "\t") || !strcmp(s, "tab"))
			rs->delimiter = '\t';
		else
			ld_problem(
			    ld, "delimiter must be \",\", \";\" or \"\\t\" (or "
				"comma, semicolon, tab)");
		ld_pop(ld, old);
		free(s);
	}
	if ((s = ld_get_string(ld, obj, "encoding", 0))) {
		size_t old = ld_push_key(ld, "encoding");
		int e = encoding_from_name(s);

		if (e < 0)
			ld_problem(ld,
				   "unknown encoding '%s' (known: utf-8, "
				   "windows-1252, iso-8859-1)",
				   s);
		else
			rs->enc = (encoding)e;
		ld_pop(ld, old);
		free(s);
	}
	if ((s = ld_get_string(ld, obj, "missing_columns", 0))) {
		size_t old = ld_push_key(ld, "missing_columns");

		if (!strcmp(s, "as-missing"))
			rs->missing_as_missing = 1;
		else if (strcmp(s, "error"))
			ld_problem(ld,
				   "missing_columns must be \"error\" or "
				   "\"as-missing\", not '%s'",
				   s);
		ld_pop(ld, old);
		free(s);
	}
	if ((s = ld_get_string(ld, obj, "header_case", 0))) {
		size_t old = ld_push_key(ld, "header_case");

		if (!strcmp(s, "insensitive"))
			rs->header_insensitive = 1;
		else if (strcmp(s, "exact"))
			ld_problem(ld,
				   "header_case must be \"exact\" or "
				   "\"insensitive\", not '%s'",
				   s);
		ld_pop(ld, old);
		free(s);
	}
	free(rs->id_column);
	free(rs->name_column);
	rs->id_column = ld_get_string(ld, obj, "id", 0);
	rs->name_column = ld_get_string(ld, obj, "name", 0);
}

void
ld_contract(loader *ld, const cJSON *obj)
{
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t n = 0;

	if (!cJSON_IsObject(obj)) {
		ld_problem(ld, "expected an object, found %s",
			   ld_json_kind(obj));
		return;
	}
	for (c = obj->child; c; c = c->next)
		n++;
	rs->contract = xcalloc(n + 1, sizeof *rs->contract);
	for (c = obj->child; c; c = c->next) {
		size_t old = ld_push_key(ld, c->string);
		contract_value *cv = &rs->contract[rs->ncontract];

		if (cJSON_IsNumber(c)) {
			if (!ld_exact_number(ld, c)) {
				ld_pop(ld, old);
				continue;
			}
			cv->is_num = 1;
			cv->num = c->valuedouble;
		} else if (cJSON_IsArray(c)) {
			cv->items = ld_string_array(ld, c, &cv->nitems, 1);
		} else if (cJSON_IsString(c)) {
			cv->text = xstrdup(c->valuestring);
		} else if (cJSON_IsNull(c)) {
			/* declared but not set: rules that need it do not
			 * apply until --set gives it */
		} else {
			ld_problem(ld,
				   "expected a number, a string, an array of "
				   "strings or null, found %s",
				   ld_json_kind(c));
			ld_pop(ld, old);
			continue;
		}
		cv->key = xstrdup(c->string);
		rs->ncontract++;
		ld_pop(ld, old);
	}
}
