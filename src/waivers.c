#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "date.h"
#include "strbuf.h"
#include "waivers.h"
#include "xalloc.h"

struct waiver_set {
	waiver *v;
	size_t n, cap;
};

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
		 diaglist *dl)
{
	csvread_opts o = { ',', ENC_UTF8, 1 << 20 };
	char err[512];
	csvread *r = csvread_open(path, &o, err, sizeof err);
	csv_record rec;
	int rc, problems = 0;

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

		/* A header row names its columns: "partner,rule,reason",
		 * "partner_id,rule_id,...", "id,rule id,...". */
		if (rec.index == 0 && rec.nfields > 1 &&
		    (!strcasecmp(rec.fields[0], "partner") ||
		     !strcasecmp(rec.fields[0], "partner_id") ||
		     !strcasecmp(rec.fields[0], "id") ||
		     !strncasecmp(rec.fields[1], "rule", 4)))
			continue;
		if (rec.error) {
			diaglist_add(dl, "%s:%zu: %s", csvread_path(r), rec.line,
				     rec.error);
			problems++;
			continue;
		}
		if (rec.nfields < 3 || rec.nfields > 4) {
			diaglist_add(dl, "%s:%zu: expected 3 or 4 fields (partner, "
				     "rule, reason, expiry date), found %zu",
				     csvread_path(r), rec.line, rec.nfields);
			problems++;
			continue;
		}
		for (i = 0; i < rec.nfields; i++)
			f[i] = trimmed(rec.fields[i], rec.lens[i]);
		if (!*f[0] || !*f[1] || !*f[2]) {
			diaglist_add(dl, "%s:%zu: the %s is empty", csvread_path(r),
				     rec.line, !*f[0] ? "partner id" :
				     !*f[1] ? "rule id" : "reason");
			ok = 0;
		} else if (rules_check(rs, f[1]) < 0) {
			diaglist_add(dl, "%s:%zu: no check has the id '%s'",
				     csvread_path(r), rec.line, f[1]);
			ok = 0;
		}
		if (f[3] && *f[3] && date_parse(NULL, f[3], strlen(f[3]), &days) < 0) {
			diaglist_add(dl, "%s:%zu: '%s' is not a date (write "
				     "YYYY-MM-DD)", csvread_path(r), rec.line, f[3]);
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
	if (ws->n)
		qsort(ws->v, ws->n, sizeof *ws->v, cmp_waiver);
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
		       void (*fn)(const waiver *w, void *ctx), void *ctx)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		if (!ws->v[i].matched)
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
	free(ws->v);
	free(ws);
}
