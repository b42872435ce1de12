#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_read.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/* Reads all of f; caller frees.  NULL on a read error. */
static char *
slurp(FILE *f, size_t *len)
{
	size_t cap = 65536, n = 0, got;
	char *buf = xmalloc(cap);

	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0)
			buf = xgrow(buf, &cap, cap + 1, 1);
	}
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static char *
dup_str(const cJSON *obj, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(j) && j->valuestring ? xstrdup(j->valuestring) :
						     NULL;
}

/* The key report_doc_find looks up: kind, id, other and rule separated by
 * a byte no id holds (the emitters write text, and U+001F is escaped).
 * A pair is the same pair whichever of the two comes first in the file
 * (a conflict's a is the earlier row, and rows move between runs), so a
 * conflict's two ids go in byte order. */
static char *
make_key(rkind kind, const char *id, const char *other, const char *rule)
{
	strbuf sb;
	char *k;

	if (kind == RK_CONFLICT && id && other && strcmp(id, other) > 0) {
		const char *t = id;

		id = other;
		other = t;
	}
	sb_init(&sb);
	sb_addf(&sb, "%d\x1f%s\x1f%s\x1f%s", (int)kind, id ? id : "",
		other ? other : "", rule ? rule : "");
	k = sb_detach(&sb);
	sb_free(&sb); /* sb_detach leaves sb a fresh empty buffer */
	return k;
}

static rfinding *
add_finding(report_doc *d, size_t *cap)
{
	rfinding *f;

	d->findings = xgrow(d->findings, cap, d->nfindings + 1,
			    sizeof *d->findings);
	f = &d->findings[d->nfindings++];
	memset(f, 0, sizeof *f);
	return f;
}

static void
read_meta(report_doc *d, const cJSON *root)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "meta");
	const cJSON *r;

	if (!cJSON_IsObject(m))
		return;
	d->has_meta = 1;
	d->command = dup_str(m, "command");
	d->as_of = dup_str(m, "as_of");
	r = cJSON_GetObjectItemCaseSensitive(m, "rules");
	if (cJSON_IsObject(r)) {
		d->rules_sha256 = dup_str(r, "sha256");
		d->rules_name = dup_str(r, "name");
	}
	r = cJSON_GetObjectItemCaseSensitive(m, "options");
	if (cJSON_IsObject(r)) {
		/* the baseline changes what is known, not the verdicts */
		cJSON *o = cJSON_Duplicate(r, 1);
		char *text;

		if (!o)
			return;
		cJSON_DeleteItemFromObjectCaseSensitive(o, "baseline");
		text = cJSON_PrintUnformatted(o);
		if (text)
			d->options = xstrdup(text);
		cJSON_free(text);
		cJSON_Delete(o);
	}
}

/* Returns 0, or -1 with a reason in err. */
static int
read_partners(report_doc *d, const cJSON *arr, size_t *fcap, char *err,
	      size_t errsz)
{
	const cJSON *p, *f, *line;
	size_t cap = 0;

	cJSON_ArrayForEach(p, arr)
	{
		rpartner *rp;
		const cJSON *fs;

		if (!cJSON_IsObject(p) ||
		    !cJSON_IsString(
			cJSON_GetObjectItemCaseSensitive(p, "id"))) {
			snprintf(err, errsz, "a partner without an id");
			return -1;
		}
		d->partners = xgrow(d->partners, &cap, d->npartners + 1,
				    sizeof *d->partners);
		rp = &d->partners[d->npartners++];
		memset(rp, 0, sizeof *rp);
		rp->id = dup_str(p, "id");
		rp->name = dup_str(p, "name");
		rp->status = dup_str(p, "status");
		fs = cJSON_GetObjectItemCaseSensitive(p, "findings");
		cJSON_ArrayForEach(f, fs)
		{
			rfinding *rf = add_finding(d, fcap);

			rf->kind = RK_PARTNER;
			rf->id = xstrdup(rp->id);
			rf->rule = dup_str(f, "rule");
			rf->severity = dup_str(f, "severity");
			rf->outcome = dup_str(f, "outcome");
			rf->value = dup_str(f, "value");
			rf->message = dup_str(f, "message");
			line = cJSON_GetObjectItemCaseSensitive(f, "line");
			if (cJSON_IsNumber(line) && line->valuedouble > 0 &&
			    !rp->line)
				rp->line = (size_t)line->valuedouble;
			if (!rf->rule) {
				snprintf(err, errsz,
					 "a finding of partner '%s' without "
					 "a rule",
					 rp->id);
				return -1;
			}
		}
	}
	return 0;
}

/* A conflict's or consortium finding's outcome: the key is written only
 * when it is not "fail" (a waived finding), so that a waiver lapsing or
 * coming in is a change of outcome like a partner finding's. */
static char *
read_outcome(const cJSON *c)
{
	char *s = dup_str(c, "outcome");

	return s ? s : xstrdup("fail");
}

static int
read_others(report_doc *d, const cJSON *root, size_t *fcap, char *err,
	    size_t errsz)
{
	const cJSON *c;

	cJSON_ArrayForEach(c,
			   cJSON_GetObjectItemCaseSensitive(root, "conflicts"))
	{
		rfinding *rf = add_finding(d, fcap);

		rf->kind = RK_CONFLICT;
		rf->id = dup_str(c, "a");
		rf->other = dup_str(c, "b");
		rf->rule = dup_str(c, "rule");
		rf->severity = dup_str(c, "severity");
		rf->outcome = read_outcome(c);
		rf->message = dup_str(c, "message");
		if (!rf->id || !rf->other || !rf->rule) {
			snprintf(err, errsz,
				 "a conflict without a, b and rule");
			return -1;
		}
	}
	cJSON_ArrayForEach(c,
			   cJSON_GetObjectItemCaseSensitive(root, "consortium"))
	{
		rfinding *rf = add_finding(d, fcap);

		rf->kind = RK_CONSORTIUM;
		rf->rule = dup_str(c, "rule");
		rf->severity = dup_str(c, "severity");
		rf->outcome = read_outcome(c);
		rf->message = dup_str(c, "message");
		if (!rf->rule) {
			snprintf(err, errsz,
				 "a consortium finding without "
				 "a rule");
			return -1;
		}
	}
	return 0;
}

/* A partner's id and index, sorted by id for report_doc_partner. */
struct rp_index {
	const char *id;
	size_t i;
};

static int
cmp_rp(const void *a, const void *b)
{
	const struct rp_index *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	/* the first of a repeated id wins */
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

static int
cmp_rp_id(const void *a, const void *b)
{
	return strcmp(((const struct rp_index *)a)->id,
		      ((const struct rp_index *)b)->id);
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the keys with their finding's index carried alongside: the index
 * follows the key after its NUL. */
static void
index_keys(report_doc *d)
{
	size_t i;

	d->keys = xcalloc(d->nfindings + 1, sizeof *d->keys);
	d->key_of = xcalloc(d->nfindings + 1, sizeof *d->key_of);
	for (i = 0; i < d->nfindings; i++) {
		const rfinding *f = &d->findings[i];
		char *k = make_key(f->kind, f->id, f->other, f->rule);
		size_t n = strlen(k);

		/* room for the index after the key's NUL */
		k = xrealloc(k, n + 1 + sizeof(size_t));
		memcpy(k + n + 1, &i, sizeof i);
		d->keys[i] = k;
	}
	qsort(d->keys, d->nfindings, sizeof *d->keys, cmp_key);
	d->by_id = xcalloc(d->npartners + 1, sizeof *d->by_id);
	for (i = 0; i < d->npartners; i++) {
		d->by_id[i].id = d->partners[i].id;
		d->by_id[i].i = i;
	}
	qsort(d->by_id, d->npartners, sizeof *d->by_id, cmp_rp);
	for (i = 0; i < d->nfindings; i++)
		memcpy(&d->key_of[i], d->keys[i] + strlen(d->keys[i]) + 1,
		       sizeof(size_t));
}

/* Returns 0 when root has the shape of a report: "partners",
 * "conflicts" and "consortium" arrays where present, and one of the first
 * two at least (an empty object, a rule file or another command's
 * document is no report: as a baseline it would make every finding new).
 * Else -1 with the reason in why. */
static int
shape_problem(const cJSON *root, char *why, size_t whysz)
{
	static const char *const keys[] = { "partners", "conflicts",
					    "consortium" };
	size_t i, found = 0;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const cJSON *j = cJSON_GetObjectItemCaseSensitive(root,
								  keys[i]);

		if (!j)
			continue;
		if (!cJSON_IsArray(j)) {
			snprintf(why, whysz, "\"%s\" is not an array", keys[i]);
			return -1;
		}
		if (i < 2)
			found++;
	}
	if (!found) {
		snprintf(why, whysz, "no \"partners\" or \"conflicts\"");
		return -1;
	}
	return 0;
}

/* The sections the report covers: its command's (meta.command), or for a
 * report without one the arrays it has. */
static unsigned
sections_of(const report_doc *d, const cJSON *root)
{
	static const struct {
		const char *key;
		unsigned bit;
	} arr[] = { { "partners", RD_PARTNERS },
		    { "conflicts", RD_CONFLICTS },
		    { "consortium", RD_CONSORTIUM } };
	unsigned set = 0;
	size_t i;

	if (d->command && !strcmp(d->command, "screen"))
		return RD_PARTNERS;
	if (d->command && !strcmp(d->command, "conflicts"))
		return RD_CONFLICTS;
	if (d->command && !strcmp(d->command, "check"))
		return RD_PARTNERS | RD_CONFLICTS | RD_CONSORTIUM;
	for (i = 0; i < sizeof arr / sizeof arr[0]; i++)
		if (cJSON_IsArray(
			cJSON_GetObjectItemCaseSensitive(root, arr[i].key)))
			set |= arr[i].bit;
	return set;
}

report_doc *
report_doc_load(const char *path, char *err, size_t errsz)
{
	report_doc *d = NULL;
	const char *end = NULL;
	char why[256] = "";
	cJSON *root = NULL;
	size_t len = 0, fcap = 0;
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf;

	if (!f) {
		snprintf(err, errsz, "%s: cannot open: %s", path,
			 strerror(errno));
		return NULL;
	}
	buf = slurp(f, &len);
	if (f != stdin)
		fclose(f);
	if (!buf) {
		snprintf(err, errsz, "%s: read error", path);
		return NULL;
	}
	root = cJSON_ParseWithLengthOpts(buf, len + 1, &end, 1);
	if (!cJSON_IsObject(root)) {
		snprintf(err, errsz,
			 "%s: not a partnercheck json report (write one with "
			 "-f json)",
			 path);
		goto done;
	}
	d = xcalloc(1, sizeof *d);
	d->path = xstrdup(path);
	read_meta(d, root);
	if (shape_problem(root, why, sizeof why) < 0 ||
	    read_partners(d, cJSON_GetObjectItemCaseSensitive(root, "partners"),
			  &fcap, why, sizeof why) < 0 ||
	    read_others(d, root, &fcap, why, sizeof why) < 0) {
		snprintf(err, errsz, "%s: not a partnercheck json report: %s",
			 path, why);
		report_doc_free(d);
		d = NULL;
		goto done;
	}
	d->sections = sections_of(d, root);
	index_keys(d);
done:
	cJSON_Delete(root);
	free(buf);
	return d;
}

void
report_doc_free(report_doc *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->npartners; i++) {
		free(d->partners[i].id);
		free(d->partners[i].name);
		free(d->partners[i].status);
	}
	for (i = 0; i < d->nfindings; i++) {
		rfinding *f = &d->findings[i];

		free(f->id);
		free(f->other);
		free(f->rule);
		free(f->severity);
		free(f->outcome);
		free(f->value);
		free(f->message);
	}
	for (i = 0; d->keys && i < d->nfindings; i++)
		free(d->keys[i]);
	free(d->keys);
	free(d->key_of);
	free(d->by_id);
	free(d->partners);
	free(d->findings);
	free(d->path);
	free(d->command);
	free(d->rules_sha256);
	free(d->rules_name);
	free(d->as_of);
	free(d->options);
	free(d);
}

long
report_doc_find(const report_doc *d, rkind kind, const char *id,
		const char *other, const char *rule)
{
	char *k;
	char **hit;

	if (!d || !d->nfindings)
		return -1;
	k = make_key(kind, id, other, rule);
	hit = bsearch(&k, d->keys, d->nfindings, sizeof *d->keys, cmp_key);
	free(k);
	return hit ? (long)d->key_of[hit - d->keys] : -1;
}

long
report_doc_partner(const report_doc *d, const char *id)
{
	struct rp_index key, *hit;

	if (!d || !d->npartners)
		return -1;
	key.id = id;
	key.i = 0;
	hit = bsearch(&key, d->by_id, d->npartners, sizeof *d->by_id,
		      cmp_rp_id);
	if (!hit)
		return -1;
	/* the first of a repeated id */
	while (hit > d->by_id && !strcmp(hit[-1].id, id))
		hit--;
	return (long)hit->i;
}

int
report_doc_known(const report_doc *d, rkind kind, const char *id,
		 const char *other, const char *rule, severity sev,
		 int waived_now)
{
	long i = report_doc_find(d, kind, id, other, rule);
	const rfinding *f;

	if (i < 0)
		return 0;
	if (waived_now)
		return 1;
	f = &d->findings[i];
	if (f->outcome && !strcmp(f->outcome, "waived"))
		return 0;
	return f->severity && severity_from_name(f->severity) >= (int)sev;
}
