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

/* One partner id a waiver names, for matching the partners read: a
 * partner waiver has one, a pair waiver two, a consortium waiver none.
 * hint is the closest partner id read so far while it is unmatched. */
typedef struct ref {
	const char *id; /* v[w].partner or v[w].other */
	size_t w;
	int bit; /* the bit of v[w].matched it sets */
	char *hint;
	size_t dist;
} ref;

struct waiver_set {
	waiver *v;
	size_t n, cap;
	size_t nkind[3]; /* waivers by kind: a lookup of a kind with none
			  * costs nothing, as pairs are looked up by the
			  * million */
	ref *refs;       /* by id, as waivers_seal left them */
	size_t nrefs;
	size_t partners; /* ids offered to waivers_mark_partner */
};

/* Offers candidate for the closest name to s: kept in *best if nearer
 * than *bestd (which starts at the largest distance still a typo). */
static void
consider(const char *s, const char *candidate, const char **best, size_t *bestd)
{
	size_t d;

	if (!candidate) /* a rule whose id was missing */
		return;
	d = strcasecmp(s, candidate) ? suggest_distance(s, candidate) : 0;
	if (d < *bestd) {
		*bestd = d;
		*best = candidate;
	}
}

static const char *const kind_rule[] = { "check", "pair rule",
					 "consortium rule" };

/* Whether a rule of kind in rs has the id. */
static int
has_rule(const ruleset *rs, waiver_kind kind, const char *id)
{
	size_t i;

	if (kind == WAIVE_PARTNER)
		return rules_check(rs, id) >= 0;
	if (kind == WAIVE_PAIR) {
		/* a rule whose id was missing has none (the loader has
		 * said so already) */
		for (i = 0; i < rs->npairs; i++)
			if (rs->pairs[i].id && !strcmp(rs->pairs[i].id, id))
				return 1;
		return 0;
	}
	for (i = 0; i < rs->ncons; i++)
		if (rs->cons[i].id && !strcmp(rs->cons[i].id, id))
			return 1;
	return 0;
}

/* The kind of rule id names in rs, preferring want: ids are unique only
 * among checks, so a check, a pair rule and a consortium rule may share
 * one, and a waiver then means the rule of the kind its partner cell
 * names.  -1 for none. */
static int
rule_kind(const ruleset *rs, waiver_kind want, const char *id)
{
	int k;

	if (has_rule(rs, want, id))
		return (int)want;
	for (k = WAIVE_PARTNER; k <= WAIVE_CONSORTIUM; k++)
		if (has_rule(rs, (waiver_kind)k, id))
			return k;
	return -1;
}

/* The rule id of rs of the kind closest to id, or NULL when none is
 * close: a likely typo is at most two edits and fewer than id is long. */
static const char *
suggest_rule(const ruleset *rs, waiver_kind kind, const char *id)
{
	const char *best = NULL;
	size_t d = strlen(id) < 3 ? strlen(id) : 3, i;

	if (kind == WAIVE_PARTNER)
		for (i = 0; i < rs->nchecks; i++)
			if (rs->checks[i].id)
				consider(id, rs->checks[i].id, &best, &d);
	if (kind == WAIVE_PAIR)
		for (i = 0; i < rs->npairs; i++)
			consider(id, rs->pairs[i].id, &best, &d);
	if (kind == WAIVE_CONSORTIUM)
		for (i = 0; i < rs->ncons; i++)
			consider(id, rs->cons[i].id, &best, &d);
	return best;
}

const char *
waivers_rule_problem(const ruleset *rs, waiver_kind kind, const char *rule,
		     char *buf, size_t size)
{
	/* How to waive a rule of each kind. */
	static const char *const how[] = {
		"waive it for one partner",
		"waive it for two partners, as 'A + B'",
		"waive it for the consortium, with the partner empty or '*'"
	};
	int k = rule_kind(rs, kind, rule);
	const char *s;

	if (k == (int)kind)
		return NULL;
	if (k >= 0) {
		snprintf(buf, size, "'%s' is a %s, not a %s: %s", rule,
			 kind_rule[k], kind_rule[kind], how[k]);
		return buf;
	}
	s = suggest_rule(rs, kind, rule);
	snprintf(buf, size, "no %s has the id '%s'%s%s%s", kind_rule[kind],
		 rule, s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
	return buf;
}

int
waiver_parse_partner(const char *s, waiver_kind *kind, char **a, char **b)
{
	const char *plus = strchr(s, '+'), *x, *y;
	size_t len = strlen(s), xl, yl;

	*a = *b = NULL;
	x = str_trim_blanks(s, len, &xl);
	if (!plus) {
		*kind = xl == 0 || (xl == 1 && *x == '*') ? WAIVE_CONSORTIUM :
							    WAIVE_PARTNER;
		*a = xstrndup(x, xl);
		if (*kind == WAIVE_CONSORTIUM)
			**a = '\0';
		return 0;
	}
	*kind = WAIVE_PAIR;
	x = str_trim_blanks(s, (size_t)(plus - s), &xl);
	y = str_trim_blanks(plus + 1, strlen(plus + 1), &yl);
	if (!xl || !yl || memchr(y, '+', yl) || (xl == yl && !memcmp(x, y, xl)))
		return -1;
	*a = xstrndup(x, xl);
	*b = xstrndup(y, yl);
	if (strcmp(*a, *b) > 0) {
		char *t = *a;

		*a = *b;
		*b = t;
	}
	return 0;
}

int
waiver_in_force(const waiver *w, long today)
{
	return !w->has_expiry || w->expires >= today;
}

void
waivers_note(strbuf *sb, const waiver *w, long today)
{
	char date[16];

	if (!waiver_in_force(w, today)) {
		date_format_iso(w->expires, date);
		sb_addf(sb, "; waiver expired on %s (%s)", date, w->reason);
	} else if (w->has_expiry) {
		date_format_iso(w->expires, date);
		sb_addf(sb, "; waived until %s: %s", date, w->reason);
	} else {
		sb_addf(sb, "; waived: %s", w->reason);
	}
}

void
waivers_describe_who(strbuf *sb, const waiver *w)
{
	if (w->kind == WAIVE_CONSORTIUM)
		sb_adds(sb, "the consortium");
	else if (w->kind == WAIVE_PAIR)
		sb_addf(sb, "'%s + %s'", w->partner, w->other);
	else
		sb_addf(sb, "'%s'", w->partner);
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
add(waiver_set *ws, waiver_kind kind, const char *partner, const char *other,
    const char *rule, const char *reason, const long *expires,
    const char *origin)
{
	waiver *w;

	ws->v = xgrow(ws->v, &ws->cap, ws->n + 1, sizeof *ws->v);
	w = &ws->v[ws->n++];
	memset(w, 0, sizeof *w);
	w->kind = kind;
	ws->nkind[kind]++;
	w->partner = xstrdup(partner);
	w->other = other ? xstrdup(other) : NULL;
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

		add(ws, w->kind, w->partner, w->other, w->rule, w->reason,
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
		char *a = NULL, *b = NULL, msg[512];
		const char *p;
		waiver_kind kind = WAIVE_PARTNER;
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
		if (waiver_parse_partner(f[0], &kind, &a, &b) < 0) {
			diaglist_add(dl,
				     "%s:%zu: '%s' is not a pair of two "
				     "partner ids (write A + B)",
				     csvread_path(r), rec.line, f[0]);
			ok = 0;
		} else if (!*f[1] || !*f[2]) {
			diaglist_add(dl, "%s:%zu: the %s is empty",
				     csvread_path(r), rec.line,
				     !*f[1] ? "rule id" : "reason");
			ok = 0;
		} else if ((p = waivers_rule_problem(rs, kind, f[1], msg,
						     sizeof msg))) {
			diaglist_add(dl, "%s:%zu: %s", csvread_path(r),
				     rec.line, p);
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
			add(ws, kind, a, b, f[1], f[2],
			    f[3] && *f[3] ? &days : NULL, origin);
		else
			problems++;
		for (i = 0; i < 4; i++)
			free(f[i]);
		free(a);
		free(b);
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
	int c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(x->partner, y->partner)))
		return c;
	if (x->other && y->other && (c = strcmp(x->other, y->other)))
		return c;
	return strcmp(x->rule, y->rule);
}

static int
cmp_ref(const void *a, const void *b)
{
	const ref *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : x->w < y->w ? -1 : x->w > y->w;
}

static void
free_refs(waiver_set *ws)
{
	size_t i;

	for (i = 0; i < ws->nrefs; i++)
		free(ws->refs[i].hint);
	free(ws->refs);
	ws->refs = NULL;
	ws->nrefs = 0;
}

void
waivers_seal(waiver_set *ws)
{
	size_t i;

	if (!ws->n)
		return;
	qsort(ws->v, ws->n, sizeof *ws->v, cmp_waiver);
	/* Sorting moved the waivers: references and hints start afresh. */
	free_refs(ws);
	ws->refs = xcalloc(2 * ws->n, sizeof *ws->refs);
	for (i = 0; i < ws->n; i++) {
		const waiver *w = &ws->v[i];

		if (w->kind == WAIVE_CONSORTIUM)
			continue;
		ws->refs[ws->nrefs++] = (ref){ w->partner, i, 1, NULL, 3 };
		if (w->kind == WAIVE_PAIR)
			ws->refs[ws->nrefs++] = (ref){ w->other, i, 2, NULL,
						       3 };
	}
	qsort(ws->refs, ws->nrefs, sizeof *ws->refs, cmp_ref);
}

/* Keeps partner as the did-you-mean of each unmatched id it is nearer to
 * than the best so far. */
static void
offer_hint(waiver_set *ws, const char *partner)
{
	size_t i, d;

	if (ws->partners++ >= HINT_PARTNERS)
		return;
	for (i = 0; i < ws->nrefs; i++) {
		ref *f = &ws->refs[i];

		if ((ws->v[f->w].matched & f->bit) || !strcmp(f->id, partner))
			continue;
		d = suggest_distance(f->id, partner);
		/* Ids are short: "P1" is not a typo of "P3", but "P44" may
		 * be one of "P4".  Half the id must be right. */
		if (d < f->dist && d * 2 < strlen(f->id)) {
			free(f->hint);
			f->hint = xstrdup(partner);
			f->dist = d;
		}
	}
}

/* The waiver for key among equal keys: one in force on today wins;
 * among expired ones, the latest. */
static const waiver *
find(const waiver_set *ws, const waiver *key, long today)
{
	const waiver *hit, *best = NULL, *w;

	if (!ws->n)
		return NULL;
	hit = bsearch(key, ws->v, ws->n, sizeof *ws->v, cmp_waiver);
	if (!hit)
		return NULL;
	/* Equal keys sit together: walk back to the first, then judge all. */
	while (hit > ws->v && !cmp_waiver(hit - 1, key))
		hit--;
	for (w = hit; w < ws->v + ws->n && !cmp_waiver(w, key); w++) {
		if (waiver_in_force(w, today))
			return w;
		if (!best || w->expires > best->expires)
			best = w;
	}
	return best;
}

const waiver *
waivers_find(const waiver_set *ws, const char *partner, const char *rule,
	     long today)
{
	waiver key;

	memset(&key, 0, sizeof key);
	key.kind = WAIVE_PARTNER;
	key.partner = (char *)partner;
	key.rule = (char *)rule;
	return find(ws, &key, today);
}

size_t
waivers_count(const waiver_set *ws, waiver_kind kind)
{
	return ws ? ws->nkind[kind] : 0;
}

const waiver *
waivers_find_pair(const waiver_set *ws, const char *a, const char *b,
		  const char *rule, long today)
{
	waiver key;
	int lesser;

	if (!ws->nkind[WAIVE_PAIR])
		return NULL;
	lesser = strcmp(a, b) <= 0;
	memset(&key, 0, sizeof key);
	key.kind = WAIVE_PAIR;
	key.partner = (char *)(lesser ? a : b);
	key.other = (char *)(lesser ? b : a);
	key.rule = (char *)rule;
	return find(ws, &key, today);
}

const waiver *
waivers_find_consortium(const waiver_set *ws, const char *rule, long today)
{
	waiver key;

	if (!ws->nkind[WAIVE_CONSORTIUM])
		return NULL;
	memset(&key, 0, sizeof key);
	key.kind = WAIVE_CONSORTIUM;
	key.partner = "";
	key.rule = (char *)rule;
	return find(ws, &key, today);
}

void
waivers_each_pair(const waiver_set *ws, long today,
		  void (*fn)(const waiver *w, void *ctx), void *ctx)
{
	const waiver *last = NULL;
	size_t i;

	for (i = 0; i < ws->n; i++) {
		const waiver *w = &ws->v[i];

		if (w->kind != WAIVE_PAIR || !waiver_in_force(w, today) ||
		    (last && !cmp_waiver(last, w)))
			continue;
		fn(w, ctx);
		last = w;
	}
}

static int
cmp_ref_id(const void *key, const void *elem)
{
	return strcmp(key, ((const ref *)elem)->id);
}

void
waivers_mark_partner(waiver_set *ws, const char *partner)
{
	ref *hit, *f;

	if (!ws->nrefs || !partner)
		return;
	offer_hint(ws, partner);
	hit = bsearch(partner, ws->refs, ws->nrefs, sizeof *ws->refs,
		      cmp_ref_id);
	if (!hit)
		return;
	/* The references are sorted by id: this one's sit together. */
	while (hit > ws->refs && !strcmp(hit[-1].id, partner))
		hit--;
	for (f = hit; f < ws->refs + ws->nrefs && !strcmp(f->id, partner); f++)
		ws->v[f->w].matched |= f->bit;
}

/* The hint of waiver i's id with that bit, or NULL. */
static const char *
hint_of(const waiver_set *ws, size_t i, int bit)
{
	size_t k;

	for (k = 0; k < ws->nrefs; k++)
		if (ws->refs[k].w == i && ws->refs[k].bit == bit)
			return ws->refs[k].hint;
	return NULL;
}

void
waivers_each_unmatched_hinted(const waiver_set *ws, size_t hints,
			      void (*fn)(const waiver *w, const char *id,
					 const char *hint, void *ctx),
			      void *ctx)
{
	size_t i, n = 0;

	for (i = 0; i < ws->n; i++) {
		const waiver *w = &ws->v[i];

		if (w->kind == WAIVE_CONSORTIUM)
			continue;
		if (!(w->matched & 1))
			fn(w, w->partner,
			   n++ < hints ? hint_of(ws, i, 1) : NULL, ctx);
		if (w->kind == WAIVE_PAIR && !(w->matched & 2))
			fn(w, w->other, n++ < hints ? hint_of(ws, i, 2) : NULL,
			   ctx);
	}
}

void
waivers_each_unmatched(const waiver_set *ws,
		       void (*fn)(const waiver *w, const char *id,
				  const char *hint, void *ctx),
		       void *ctx)
{
	waivers_each_unmatched_hinted(ws, (size_t)-1, fn, ctx);
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
		free(ws->v[i].other);
		free(ws->v[i].rule);
		free(ws->v[i].reason);
		free(ws->v[i].origin);
	}
	free_refs(ws);
	free(ws->v);
	free(ws);
}
