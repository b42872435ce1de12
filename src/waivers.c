#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "date.h"
#include "strbuf.h"
#include "suggest.h"
#include "waivers.h"
#include "xalloc.h"

/* Partner ids looked at for a did-you-mean: the first this many partners,
 * so that the cost stays bounded on a long file. */
#define HINT_PARTNERS 100000

/* The closest partner id read so far to an unmatched waiver's. */
typedef struct hint {
	char *id;
	size_t dist;
} hint;

struct waiver_set {
	waiver *v;
	size_t n, cap;
	hint *hints; /* one per v[i] as waivers_seal left them */
	size_t nhints;
	size_t partners; /* ids offered to waivers_mark_partner */
};

/* Offers candidate for the closest name to s: kept in *best if nearer
 * than *bestd (which starts at the largest distance still a typo). */
static void
consider(const char *s, const char *candidate, const char **best, size_t *bestd)
{
	size_t d = strcasecmp(s, candidate) ? suggest_distance(s, candidate) :
					      0;

	if (d < *bestd) {
		*bestd = d;
		*best = candidate;
	}
}

/* The rule id of rs closest to id (checks, pair rules, consortium rules),
 * or NULL when none is close. */
static const char *
suggest_rule(const ruleset *rs, const char *id)
{
	const char *best = NULL;
	size_t d = 3, i;

	for (i = 0; i < rs->nchecks; i++)
		if (rs->checks[i].id)
			consider(id, rs->checks[i].id, &best, &d);
	for (i = 0; i < rs->npairs; i++)
		consider(id, rs->pairs[i].id, &best, &d);
	for (i = 0; i < rs->ncons; i++)
		consider(id, rs->cons[i].id, &best, &d);
	return best;
}

/* Header cells are compared by name: case, blanks around, and "_", "-"
 * or " " between words do not matter. */
static int
name_is(const char *cell, size_t len, const char *const *names)
{
	char norm[32];
	size_t n = 0, i;

	cell = str_trim_blanks(cell, len, &len);
	if (len >= sizeof norm)
		return 0;
	for (i = 0; i < len; i++) {
		char c = cell[i];

		norm[n++] = c == '_' || c == '-' ? ' ' :
			    c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') :
						   c;
	}
	norm[n] = '\0';
	for (i = 0; names[i]; i++)
		if (!strcmp(norm, names[i]))
			return 1;
	return 0;
}

/* A header row is recognised by its names alone: the first column names
 * the partner, the second the rule. */
static int
is_header(const csv_record *rec)
{
	static const char *const partner[] = { "partner",  "partner id",
					       "id",       "partner ids",
					       "partners", NULL };
	static const char *const rule[] = { "rule", "rule id", "check",
					    "check id", NULL };

	return rec->nfields >= 2 &&
	       name_is(rec->fields[0], rec->lens[0], partner) &&
	       name_is(rec->fields[1], rec->lens[1], rule);
}

static void
add(waiver_set *ws, const char *partner, const char *rule, const char *reason,
    const long *expires, const char *origin)
{
	waiver *w;

	ws->v = xgrow(ws->v, &ws->cap, ws->n + 1, sizeof *ws->v);
	w = &ws->v[ws->n++];
	memset(w, 0, sizeof *w);
	w->partner = xstrdup(partner);
	w->rule = xstrdup(rule);
	w->reason = xstrdup(reason);
	w->origin = xstrdup(origin);
	if (expires) {
		w->has_expiry = 1;
		w->expires = *expires;
	}
}

waiver_set *
waivers_new(const ruleset *rs)
{
	waiver_set *ws = xcalloc(1, sizeof *ws);
	size_t i;

	for (i = 0; i < rs->nwaivers; i++) {
		const waiver *w = &rs->waivers[i];

		add(ws, w->partner, w->rule, w->reason,
		    w->has_expiry ? &w->expires : NULL, w->origin);
	}
	return ws;
}

static char *
trimmed(const char *s, size_t len)
{
	s = str_trim_blanks(s, len, &len);
	return xstrndup(s, len);
}

int
waivers_load_csv(waiver_set *ws, const char *path, const ruleset *rs,
		 const csvread_opts *ro, diaglist *dl)
{
	/* Read as the partner file is: the same delimiter (or detection)
	 * and encoding, byte order marks, blank rows and all. */
	csvread_opts o = { 0, ENC_UTF8, 1 << 20 };
	char err[512];
	csvread *r;
	csv_record rec;
	int rc, problems = 0;

	if (ro) {
		o.delimiter = ro->delimiter;
		o.enc = ro->enc;
	}
	r = csvread_open(path, &o, err, sizeof err);
	if (!r) {
		diaglist_add(dl, "%s", err);
		return 1;
	}
	while ((rc = csvread_next(r, &rec)) == 1) {
		char *f[4] = { NULL, NULL, NULL, NULL };
		char origin[64];
		long days = 0;
		size_t i;
		int ok = 1;

		if (rec.index == 0 && !rec.error && is_header(&rec))
			continue;
		if (rec.error) {
			diaglist_add(dl, "%s:%zu: %s", csvread_path(r),
				     rec.line, rec.error);
			problems++;
			continue;
		}
		if (rec.nfields < 3 || rec.nfields > 4) {
			diaglist_add(dl,
				     "%s:%zu: expected 3 or 4 fields (partner, "
				     "rule, reason, expiry date), found %zu",
				     csvread_path(r), rec.line, rec.nfields);
			problems++;
			continue;
		}
		for (i = 0; i < rec.nfields; i++)
			f[i] = trimmed(rec.fields[i], rec.lens[i]);
		if (!*f[0] || !*f[1] || !*f[2]) {
			diaglist_add(dl, "%s:%zu: the %s is empty",
				     csvread_path(r), rec.line,
				     !*f[0] ? "partner id" :
				     !*f[1] ? "rule id" :
					      "reason");
			ok = 0;
		} else if (rules_check(rs, f[1]) < 0) {
			const char *s = suggest_rule(rs, f[1]);

			diaglist_add(dl,
				     "%s:%zu: no check has the id '%s'%s%s%s",
				     csvread_path(r), rec.line, f[1],
				     s ? " (did you mean '" : "", s ? s : "",
				     s ? "'?)" : "");
			ok = 0;
		}
		if (f[3] && *f[3] &&
		    date_parse(NULL, f[3], strlen(f[3]), &days) < 0) {
			diaglist_add(dl,
				     "%s:%zu: '%s' is not a date (write "
				     "YYYY-MM-DD)",
				     csvread_path(r), rec.line, f[3]);
			ok = 0;
		}
		snprintf(origin, sizeof origin, "%.40s:%zu", csvread_path(r),
			 rec.line);
		if (ok)
			add(ws, f[0], f[1], f[2], f[3] && *f[3] ? &days : NULL,
			    origin);
		else
			problems++;
		for (i = 0; i < 4; i++)
			free(f[i]);
	}
	if (rc < 0) {
		diaglist_add(dl, "%s:%zu: %s", csvread_path(r),
			     csvread_error_line(r), csvread_error(r));
		problems++;
	}
	csvread_close(r);
	return problems;
}

static int
cmp_waiver(const void *a, const void *b)
{
	const waiver *x = a, *y = b;
	int c = strcmp(x->partner, y->partner);

	return c ? c : strcmp(x->rule, y->rule);
}

void
waivers_seal(waiver_set *ws)
{
	size_t i;

	if (!ws->n)
		return;
	qsort(ws->v, ws->n, sizeof *ws->v, cmp_waiver);
	/* Sorting moved the waivers: hints start afresh. */
	for (i = 0; i < ws->nhints; i++)
		free(ws->hints[i].id);
	free(ws->hints);
	ws->hints = xcalloc(ws->n, sizeof *ws->hints);
	ws->nhints = ws->n;
	for (i = 0; i < ws->n; i++)
		ws->hints[i].dist = 3; /* farther is no typo */
}

/* Keeps partner as the did-you-mean of each unmatched waiver it is
 * nearer to than the best so far. */
static void
offer_hint(waiver_set *ws, const char *partner)
{
	size_t i, d;

	if (!ws->hints || ws->partners++ >= HINT_PARTNERS)
		return;
	for (i = 0; i < ws->nhints; i++) {
		if (ws->v[i].matched || !strcmp(ws->v[i].partner, partner))
			continue;
		d = suggest_distance(ws->v[i].partner, partner);
		/* Ids are short: "P1" is not a typo of "P3", but "P44" may
		 * be one of "P4".  Half the id must be right. */
		if (d < ws->hints[i].dist && d * 2 < strlen(ws->v[i].partner)) {
			free(ws->hints[i].id);
			ws->hints[i].id = xstrdup(partner);
			ws->hints[i].dist = d;
		}
	}
}

const waiver *
waivers_find(const waiver_set *ws, const char *partner, const char *rule,
	     long today)
{
	waiver key;

	if (!ws->n)
		return NULL;
	const waiver *hit, *best = NULL, *w;

	memset(&key, 0, sizeof key);
	key.partner = (char *)partner;
	key.rule = (char *)rule;
	hit = bsearch(&key, ws->v, ws->n, sizeof *ws->v, cmp_waiver);
	if (!hit)
		return NULL;
	/* Equal keys sit together: walk back to the first, then judge all. */
	while (hit > ws->v && !cmp_waiver(hit - 1, &key))
		hit--;
	for (w = hit; w < ws->v + ws->n && !cmp_waiver(w, &key); w++) {
		if (!w->has_expiry || w->expires >= today)
			return w;
		if (!best || w->expires > best->expires)
			best = w;
	}
	return best;
}

static int
cmp_partner(const void *key, const void *elem)
{
	return strcmp(key, ((const waiver *)elem)->partner);
}

void
waivers_mark_partner(waiver_set *ws, const char *partner)
{
	waiver *hit, *w;

	if (!ws->n || !partner)
		return;
	offer_hint(ws, partner);
	hit = bsearch(partner, ws->v, ws->n, sizeof *ws->v, cmp_partner);
	if (!hit)
		return;
	/* The set is sorted by partner first: its waivers sit together. */
	while (hit > ws->v && !strcmp(hit[-1].partner, partner))
		hit--;
	for (w = hit; w < ws->v + ws->n && !strcmp(w->partner, partner); w++)
		w->matched = 1;
}

void
waivers_each_unmatched(const waiver_set *ws,
		       void (*fn)(const waiver *w, const char *hint, void *ctx),
		       void *ctx)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		if (!ws->v[i].matched)
			fn(&ws->v[i], i < ws->nhints ? ws->hints[i].id : NULL,
			   ctx);
}

void
waivers_each_expiring(const waiver_set *ws, long today, long days,
		      void (*fn)(const waiver *w, void *ctx), void *ctx)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		if (ws->v[i].has_expiry && ws->v[i].expires >= today &&
		    ws->v[i].expires - today <= days)
			fn(&ws->v[i], ctx);
}

void
waivers_free(waiver_set *ws)
{
	size_t i;

	if (!ws)
		return;
	for (i = 0; i < ws->n; i++) {
		free(ws->v[i].partner);
		free(ws->v[i].rule);
		free(ws->v[i].reason);
		free(ws->v[i].origin);
	}
	for (i = 0; i < ws->nhints; i++)
		free(ws->hints[i].id);
	free(ws->hints);
	free(ws->v);
	free(ws);
}
