#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_lineup.h"

/* A penalty: a finite number of points, not negative (the search's bounds
 * rely on a finding never adding value).  Returns the problems found. */
static int
penalty(const char *label, const char *path, const cJSON *j, double *out,
	diaglist *dl)
{
	if (!cJSON_IsNumber(j) || !isfinite(j->valuedouble)) {
		diaglist_add(dl, "%s: %s: expected a number of points", label,
			     path);
		return 1;
	}
	if (j->valuedouble < 0) {
		diaglist_add(dl, "%s: %s: a penalty cannot be negative", label,
			     path);
		return 1;
	}
	if (j->valuedouble > 1e6) {
		diaglist_add(dl, "%s: %s: a penalty is at most 1000000 points",
			     label, path);
		return 1;
	}
	*out = j->valuedouble;
	return 0;
}

/* "MIN..MAX" or a whole number N (N..N).  Returns 0 or -1. */
static int
parse_size(const cJSON *j, size_t *lo, size_t *hi)
{
	const char *s;
	char *end;
	unsigned long a, b;

	if (cJSON_IsNumber(j)) {
		if (!(j->valuedouble >= 1 && j->valuedouble <= 100000) ||
		    j->valuedouble != floor(j->valuedouble))
			return -1;
		*lo = *hi = (size_t)j->valuedouble;
		return 0;
	}
	if (!cJSON_IsString(j))
		return -1;
	s = j->valuestring;
	if (*s < '0' || *s > '9')
		return -1;
	a = strtoul(s, &end, 10);
	if (strncmp(end, "..", 2))
		return -1;
	s = end + 2;
	if (*s < '0' || *s > '9')
		return -1;
	b = strtoul(s, &end, 10);
	if (*end || a < 1 || a > b || b > 100000)
		return -1;
	*lo = a;
	*hi = b;
	return 0;
}

static int
load_section(const char *label, const cJSON *sec, ruleset *rs, diaglist *dl)
{
	static const char *const keys[] = { "size", "penalty", NULL };
	const cJSON *k, *p;
	int n = 0;

	if (!cJSON_IsObject(sec)) {
		diaglist_add(dl, "%s: lineup: expected an object", label);
		return 1;
	}
	for (k = sec->child; k; k = k->next) {
		size_t i;

		for (i = 0; keys[i] && strcmp(keys[i], k->string); i++)
			;
		if (!keys[i]) {
			diaglist_add(dl,
				     "%s: lineup.%s: unknown key '%s' (known: "
				     "size, penalty)",
				     label, k->string, k->string);
			n++;
		}
	}
	if ((k = cJSON_GetObjectItemCaseSensitive(sec, "size"))) {
		if (parse_size(k, &rs->lineup.min_size, &rs->lineup.max_size) <
		    0) {
			diaglist_add(dl,
				     "%s: lineup.size: expected \"MIN..MAX\" "
				     "with 1 <= MIN <= MAX, such as \"2..8\"",
				     label);
			n++;
		} else {
			rs->lineup.has_size = 1;
		}
	}
	if (!(p = cJSON_GetObjectItemCaseSensitive(sec, "penalty")))
		return n;
	if (!cJSON_IsObject(p)) {
		diaglist_add(dl,
			     "%s: lineup.penalty: expected an object with warn "
			     "and info",
			     label);
		return n + 1;
	}
	for (k = p->child; k; k = k->next) {
		if (!strcmp(k->string, "warn"))
			n += penalty(label, "lineup.penalty.warn", k,
				     &rs->lineup.pen_warn, dl);
		else if (!strcmp(k->string, "info"))
			n += penalty(label, "lineup.penalty.info", k,
				     &rs->lineup.pen_info, dl);
		else {
			diaglist_add(dl,
				     "%s: lineup.penalty.%s: unknown key '%s' "
				     "(known: warn, info)",
				     label, k->string, k->string);
			n++;
		}
	}
	return n;
}

int
rules_lineup_load(const char *label, const cJSON *root, ruleset *rs,
		  diaglist *dl)
{
	const cJSON *j, *c;
	char path[64];
	size_t i;
	int n = 0;

	rs->lineup.pen_warn = 25;
	rs->lineup.pen_info = 0;
	if ((j = cJSON_GetObjectItemCaseSensitive(root, "lineup")))
		n += load_section(label, j, rs, dl);
	j = cJSON_GetObjectItemCaseSensitive(root, "pairs");
	i = 0;
	for (c = cJSON_IsArray(j) ? j->child : NULL; c; c = c->next, i++) {
		const cJSON *pj = cJSON_GetObjectItemCaseSensitive(c,
								   "penalty");

		if (!pj || i >= rs->npairs)
			continue;
		snprintf(path, sizeof path, "pairs[%zu].penalty", i);
		if (!penalty(label, path, pj, &rs->pairs[i].penalty, dl))
			rs->pairs[i].has_penalty = 1;
		else
			n++;
	}
	j = cJSON_GetObjectItemCaseSensitive(root, "consortium");
	i = 0;
	for (c = cJSON_IsArray(j) ? j->child : NULL; c; c = c->next) {
		const cJSON *pj;
		size_t at = i;

		if (!cJSON_IsObject(c))
			continue;
		i++;
		pj = cJSON_GetObjectItemCaseSensitive(c, "penalty");
		if (!pj || at >= rs->ncons)
			continue;
		snprintf(path, sizeof path, "consortium[%zu].penalty", at);
		if (!penalty(label, path, pj, &rs->cons[at].penalty, dl))
			rs->cons[at].has_penalty = 1;
		else
			n++;
	}
	return n;
}
