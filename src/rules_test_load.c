#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "json_check.h"
#include "rules_test.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * Reading a rule-test file.  Every problem is reported, each with the JSON
 * path of the value it concerns, so that one run of `rules test` lists
 * all that is wrong with a file.
 */

typedef struct tl {
	const char *label; /* the file as named */
	char *dir;         /* its directory, with the trailing '/', or "" */
	diaglist *dl;
	int bad;
	const cJSON *defaults; /* the file's, or NULL */
	const cJSON *as_of;    /* the file's, or NULL */
} tl;

/* sb_detach leaves sb valid, with a buffer of its own: this frees that
 * too, for a caller done with sb. */
static char *
take(strbuf *sb)
{
	char *s = sb_detach(sb);

	sb_free(sb);
	return s;
}

static void problem(tl *t, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
problem(tl *t, const char *where, const char *fmt, ...)
{
	strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	diaglist_add(t->dl, "%s: %s: %s", t->label, where, sb.buf);
	sb_free(&sb);
	t->bad = 1;
}

static char *
path_of(const char *base, const char *key, long index)
{
	strbuf sb;

	sb_init(&sb);
	sb_adds(&sb, base);
	if (key)
		sb_addf(&sb, "%s%s", *base ? "." : "", key);
	else
		sb_addf(&sb, "[%ld]", index);
	return take(&sb);
}

/* Refuses keys not in allowed (NULL-terminated): a typo in "expect" would
 * otherwise make a test that checks nothing. */
static void
known_keys(tl *t, const cJSON *o, const char *where, const char *const *allowed)
{
	const cJSON *k;
	size_t i;

	for (k = o->child; k; k = k->next) {
		for (i = 0; allowed[i]; i++)
			if (!strcmp(k->string, allowed[i]))
				break;
		if (!allowed[i]) {
			char *p = path_of(where, k->string, 0);

			problem(t, p, "unknown key");
			free(p);
		}
	}
}

/* A cell's text from a JSON scalar: strings as they are, numbers in their
 * shortest exact form, true/false as yes/no, null empty, an array of
 * strings joined with ';'.  Returns NULL for anything else. */
static char *
cell_text(const cJSON *j)
{
	strbuf sb;
	const cJSON *e;

	if (cJSON_IsString(j))
		return xstrdup(j->valuestring);
	if (cJSON_IsNull(j))
		return xstrdup("");
	if (cJSON_IsBool(j))
		return xstrdup(cJSON_IsTrue(j) ? "yes" : "no");
	sb_init(&sb);
	if (cJSON_IsNumber(j)) {
		sb_addnum(&sb, j->valuedouble);
		return take(&sb);
	}
	if (cJSON_IsArray(j)) {
		for (e = j->child; e; e = e->next) {
			if (!cJSON_IsString(e)) {
				sb_free(&sb);
				return NULL;
			}
			sb_addf(&sb, "%s%s",
				e->prev && e != j->child ? ";" : "",
				e->valuestring);
		}
		return take(&sb);
	}
	sb_free(&sb);
	return NULL;
}

/* Strings from a JSON array of strings into *v (*n of them). */
static void
strings(tl *t, const cJSON *j, const char *where, char ***v, size_t *n)
{
	const cJSON *e;
	long i = 0;

	*v = NULL;
	*n = 0;
	if (!cJSON_IsArray(j)) {
		problem(t, where, "expected an array of rule ids");
		return;
	}
	*v = xcalloc((size_t)cJSON_GetArraySize(j) + 1, sizeof **v);
	for (e = j->child; e; e = e->next) {
		if (cJSON_IsString(e)) {
			(*v)[(*n)++] = xstrdup(e->valuestring);
		} else {
			char *p = path_of(where, NULL, i);

			problem(t, p, "expected a string");
			free(p);
		}
		i++;
	}
}

static size_t
col_index(const rt_case *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->ncols; i++)
		if (!strcmp(c->cols[i], name))
			return i;
	return (size_t)-1;
}

static void
add_col(rt_case *c, const char *name)
{
	if (col_index(c, name) != (size_t)-1)
		return;
	c->cols = xrealloc(c->cols, (c->ncols + 1) * sizeof *c->cols);
	c->cols[c->ncols++] = xstrdup(name);
}

/* Fills the cells of an object row r (or of defaults d under it). */
static void
object_cells(tl *t, rt_case *c, char **row, const cJSON *o, const char *where)
{
	const cJSON *k;

	for (k = o->child; k; k = k->next) {
		size_t i = col_index(c, k->string);
		char *s = cell_text(k);

		if (!s) {
			char *p = path_of(where, k->string, 0);

			problem(t, p,
				"expected a string, number, boolean, null "
				"or an array of strings");
			free(p);
			continue;
		}
		free(row[i]);
		row[i] = s;
	}
}

/* "partners": a CSV path, an array of objects (column: cell; defaults
 * fill the rest), or an array of arrays (a header row, then rows). */
static void
partners(tl *t, rt_case *c, const cJSON *j, const cJSON *defs,
	 const char *where)
{
	const cJSON *r, *k;
	long i;
	size_t q;

	if (cJSON_IsString(j)) {
		c->csv_path = xmalloc(strlen(t->dir) + strlen(j->valuestring) +
				      1);
		strcpy(c->csv_path, j->valuestring[0] == '/' ? "" : t->dir);
		strcat(c->csv_path, j->valuestring);
		return;
	}
	if (!cJSON_IsArray(j) || !cJSON_GetArraySize(j)) {
		problem(t, where,
			"expected a CSV path or a non-empty array of rows");
		return;
	}
	if (cJSON_IsArray(j->child)) {
		i = 0;
		for (r = j->child; r; r = r->next) {
			char *p = path_of(where, NULL, i);

			if (!cJSON_IsArray(r) ||
			    (i && cJSON_GetArraySize(r) != (int)c->ncols)) {
				problem(t, p,
					"expected an array of %zu cells, as "
					"the header row",
					c->ncols);
			} else if (!i) {
				for (k = r->child; k; k = k->next) {
					char *s = cell_text(k);

					add_col(c, s ? s : "");
					free(s);
				}
			} else {
				c->cells = xrealloc(c->cells,
						    (c->nrows + 1) * c->ncols *
							sizeof *c->cells);
				q = 0;
				for (k = r->child; k; k = k->next) {
					char *s = cell_text(k);

					c->cells[c->nrows * c->ncols + q++] =
					    s ? s : xstrdup("");
				}
				c->nrows++;
			}
			free(p);
			i++;
		}
		return;
	}
	/* objects: the columns are every key, in first-seen order */
	for (r = j->child; r; r = r->next) {
		if (cJSON_IsObject(r))
			for (k = r->child; k; k = k->next)
				add_col(c, k->string);
	}
	if (defs)
		for (k = defs->child; k; k = k->next)
			add_col(c, k->string);
	if (t->defaults)
		for (k = t->defaults->child; k; k = k->next)
			add_col(c, k->string);
	c->nrows = (size_t)cJSON_GetArraySize(j);
	c->cells = xcalloc(c->nrows * c->ncols + 1, sizeof *c->cells);
	i = 0;
	for (r = j->child; r; r = r->next) {
		char *p = path_of(where, NULL, i);
		char **row = c->cells + (size_t)i * c->ncols;

		if (!cJSON_IsObject(r)) {
			problem(t, p, "expected an object (column: cell)");
		} else {
			if (t->defaults)
				object_cells(t, c, row, t->defaults,
					     "defaults");
			if (defs)
				object_cells(t, c, row, defs, where);
			object_cells(t, c, row, r, p);
		}
		for (q = 0; q < c->ncols; q++)
			if (!row[q])
				row[q] = xstrdup("");
		free(p);
		i++;
	}
}

/* "set": ["contract.KEY=VALUE", ...] or {"contract.KEY": VALUE}. */
static void
sets(tl *t, rt_case *c, const cJSON *j, const char *where)
{
	const cJSON *e;

	if (!cJSON_IsArray(j) && !cJSON_IsObject(j)) {
		problem(t, where,
			"expected an array of \"KEY=VALUE\" strings "
			"or an object");
		return;
	}
	c->set = xcalloc((size_t)cJSON_GetArraySize(j) + 1, sizeof *c->set);
	for (e = j->child; e; e = e->next) {
		if (cJSON_IsObject(j)) {
			char *v = cell_text(e);
			strbuf sb;

			if (!v) {
				problem(t, where, "%s: expected a value",
					e->string);
				continue;
			}
			sb_init(&sb);
			sb_addf(&sb, "%s=%s", e->string, v);
			free(v);
			c->set[c->nset++] = take(&sb);
		} else if (cJSON_IsString(e) && strchr(e->valuestring, '=')) {
			c->set[c->nset++] = xstrdup(e->valuestring);
		} else {
			problem(t, where, "expected \"KEY=VALUE\" strings");
		}
	}
}

static const char *const waiver_keys[] = { "partner", "rule", "reason",
					   "expires", NULL };

/* "waivers": a CSV path, or an array of [partner, rule, reason,
 * expires?] arrays or of objects with those keys. */
static void
waivers(tl *t, rt_case *c, const cJSON *j, const char *where)
{
	const cJSON *w;
	strbuf sb;
	long i = 0;
	size_t k;

	if (cJSON_IsString(j)) {
		c->waivers_path = xmalloc(strlen(t->dir) +
					  strlen(j->valuestring) + 1);
		strcpy(c->waivers_path, j->valuestring[0] == '/' ? "" : t->dir);
		strcat(c->waivers_path, j->valuestring);
		return;
	}
	if (!cJSON_IsArray(j)) {
		problem(t, where, "expected a CSV path or an array of waivers");
		return;
	}
	sb_init(&sb);
	sb_adds(&sb, "partner,rule,reason,expires\n");
	for (w = j->child; w; w = w->next) {
		char *p = path_of(where, NULL, i++);

		for (k = 0; k < 4; k++) {
			const cJSON *e = cJSON_IsArray(w) ?
					     cJSON_GetArrayItem(w, (int)k) :
					     cJSON_GetObjectItemCaseSensitive(
						 w, waiver_keys[k]);
			const char *s = "";
			const char *q;

			if (cJSON_IsString(e))
				s = e->valuestring;
			else if (e || k < 3) {
				problem(t, p,
					"expected partner, rule, reason and "
					"an optional expiry date, as strings");
				break;
			}
			sb_addc(&sb, '"');
			for (q = s; *q; q++) {
				if (*q == '"')
					sb_addc(&sb, '"');
				sb_addc(&sb, *q);
			}
			sb_adds(&sb, k < 3 ? "\"," : "\"\n");
		}
		if (cJSON_IsObject(w))
			known_keys(t, w, p, waiver_keys);
		free(p);
	}
	c->waivers_csv = take(&sb);
}

static const char *const status_names[] = { "pass", "warn", "fail", "error",
					    NULL };

static void
expect_partner(tl *t, rt_partner_exp *e, const cJSON *j, const char *where)
{
	static const char *const keys[] = { "status", "fires", "includes",
					    "waived", NULL };
	const cJSON *v;
	char *p;

	e->id = xstrdup(j->string);
	e->where = xstrdup(where);
	e->status = -1;
	if (!cJSON_IsObject(j)) {
		problem(t, where, "expected an object");
		return;
	}
	known_keys(t, j, where, keys);
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "status"))) {
		size_t i;

		for (i = 0; status_names[i]; i++)
			if (cJSON_IsString(v) &&
			    !strcmp(v->valuestring, status_names[i]))
				e->status = (int)i;
		if (e->status < 0) {
			p = path_of(where, "status", 0);
			problem(t, p, "expected pass, warn, fail or error");
			free(p);
		}
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "fires"))) {
		p = path_of(where, "fires", 0);
		strings(t, v, p, &e->fires, &e->nfires);
		e->has_fires = 1;
		free(p);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "includes"))) {
		p = path_of(where, "includes", 0);
		strings(t, v, p, &e->includes, &e->nincludes);
		free(p);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "waived"))) {
		p = path_of(where, "waived", 0);
		strings(t, v, p, &e->waived, &e->nwaived);
		e->has_waived = 1;
		free(p);
	}
}

static void
expect(tl *t, rt_case *c, const cJSON *j, const char *where)
{
	static const char *const keys[] = { "partners", "pairs", "consortium",
					    "lineup", NULL };
	const cJSON *v, *e;
	char *p;

	if (!cJSON_IsObject(j)) {
		problem(t, where, "expected an object");
		return;
	}
	known_keys(t, j, where, keys);
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "partners"))) {
		p = path_of(where, "partners", 0);
		if (!cJSON_IsObject(v)) {
			problem(t, p, "expected an object of partner ids");
		} else {
			c->partners = xcalloc((size_t)cJSON_GetArraySize(v) + 1,
					      sizeof *c->partners);
			for (e = v->child; e; e = e->next) {
				char *q = path_of(p, e->string, 0);

				expect_partner(t, &c->partners[c->npartners++],
					       e, q);
				free(q);
			}
		}
		free(p);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "pairs"))) {
		long i = 0;

		p = path_of(where, "pairs", 0);
		c->has_pairs = 1;
		if (!cJSON_IsArray(v)) {
			problem(t, p, "expected an array");
			v = NULL;
		} else {
			c->pairs = xcalloc((size_t)cJSON_GetArraySize(v) + 1,
					   sizeof *c->pairs);
		}
		for (e = v ? v->child : NULL; e; e = e->next) {
			/* [rule, a, b] or [rule, a, b, outcome] */
			const cJSON *r = cJSON_GetArrayItem(e, 0),
				    *a = cJSON_GetArrayItem(e, 1),
				    *b = cJSON_GetArrayItem(e, 2),
				    *o = cJSON_GetArrayItem(e, 3);
			int n = cJSON_IsArray(e) ? cJSON_GetArraySize(e) : 0;
			int out = !o                 ? RT_PAIR_ANY :
				  !cJSON_IsString(o) ? -1 :
				  !strcmp(o->valuestring, "fail") ?
						       RT_PAIR_FAIL :
				  !strcmp(o->valuestring, "waived") ?
						       RT_PAIR_WAIVED :
						       -1;

			if ((n != 3 && n != 4) || !cJSON_IsString(r) ||
			    !cJSON_IsString(a) || !cJSON_IsString(b) ||
			    out < 0) {
				char *q = path_of(p, NULL, i);

				problem(t, q,
					"expected [rule, partner, partner] or "
					"[rule, partner, partner, \"fail\" or "
					"\"waived\"]");
				free(q);
			} else {
				rt_pair *x = &c->pairs[c->npairs++];

				x->rule = xstrdup(r->valuestring);
				x->a = xstrdup(a->valuestring);
				x->b = xstrdup(b->valuestring);
				x->outcome = out;
			}
			i++;
		}
		free(p);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "consortium"))) {
		p = path_of(where, "consortium", 0);
		strings(t, v, p, &c->cons, &c->ncons);
		c->has_cons = 1;
		free(p);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "lineup"))) {
		c->has_lineup = 1;
		if (cJSON_IsNull(v)) {
			c->lineup_none = 1;
		} else {
			p = path_of(where, "lineup", 0);
			strings(t, v, p, &c->lineup, &c->nlineup);
			free(p);
		}
	}
}

static int
as_of(tl *t, const cJSON *v, const char *where, long *days)
{
	if (!cJSON_IsString(v) ||
	    date_parse(NULL, v->valuestring, strlen(v->valuestring), days) <
		0) {
		problem(t, where, "expected a date YYYY-MM-DD");
		return 0;
	}
	return 1;
}

static void
one_case(tl *t, rt_case *c, const cJSON *j, long index)
{
	static const char *const keys[] = {
		"name", "description", "partners", "defaults", "as_of",
		"set",  "waivers",     "expect",   NULL
	};
	const cJSON *v, *defs;
	char *p;

	c->where = path_of("cases", NULL, index);
	if (!cJSON_IsObject(j)) {
		problem(t, c->where, "expected an object");
		c->name = xstrdup(c->where);
		return;
	}
	known_keys(t, j, c->where, keys);
	v = cJSON_GetObjectItemCaseSensitive(j, "name");
	c->name = xstrdup(cJSON_IsString(v) ? v->valuestring : c->where);
	defs = cJSON_GetObjectItemCaseSensitive(j, "defaults");
	if (defs && !cJSON_IsObject(defs)) {
		p = path_of(c->where, "defaults", 0);
		problem(t, p, "expected an object (column: cell)");
		free(p);
		defs = NULL;
	}
	p = path_of(c->where, "partners", 0);
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "partners")))
		partners(t, c, v, defs, p);
	else
		problem(t, c->where, "a case needs \"partners\"");
	free(p);
	v = cJSON_GetObjectItemCaseSensitive(j, "as_of");
	if (!v)
		v = t->as_of;
	if (v) {
		p = path_of(c->where, "as_of", 0);
		c->has_today = as_of(t, v, p, &c->today);
		free(p);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "set"))) {
		p = path_of(c->where, "set", 0);
		sets(t, c, v, p);
		free(p);
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "waivers"))) {
		p = path_of(c->where, "waivers", 0);
		waivers(t, c, v, p);
		free(p);
	}
	p = path_of(c->where, "expect", 0);
	if ((v = cJSON_GetObjectItemCaseSensitive(j, "expect")))
		expect(t, c, v, p);
	else
		problem(t, c->where, "a case needs \"expect\"");
	free(p);
}

static char *
slurp(const char *path, size_t *len, diaglist *dl)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	strbuf sb;
	char buf[8192];
	size_t n;

	if (!f) {
		diaglist_add(dl, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	sb_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(&sb, buf, n);
	if (ferror(f)) {
		diaglist_add(dl, "%s: read error", path);
		if (f != stdin)
			fclose(f);
		sb_free(&sb);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = sb.len;
	return take(&sb);
}

rt_file *
rt_file_load(const char *path, diaglist *dl)
{
	static const char *const keys[] = { "partnercheck-tests",
					    "description",
					    "defaults",
					    "as_of",
					    "cases",
					    NULL };
	size_t len = 0;
	char *text = slurp(path, &len, dl);
	const char *end = NULL, *slash;
	char why[200];
	size_t at;
	cJSON *root, *v, *e;
	rt_file *f;
	tl t;
	long i = 0;

	if (!text)
		return NULL;
	/* json_check locates a syntax error by its first offending byte and
	 * says what is wrong, as rules lint does; cJSON then builds the
	 * tree of a text known to be valid */
	at = json_check(text, len, why, sizeof why);
	root = at == JSON_VALID ?
		   cJSON_ParseWithLengthOpts(text, len + 1, &end, 1) :
		   NULL;
	if (!root) {
		size_t line = 1, col = 1;
		const char *p;

		if (at == JSON_VALID) {
			at = end && end >= text && end <= text + len ?
				 (size_t)(end - text) :
				 len;
			strcpy(why, "cannot be read");
		}
		for (p = text; p < text + at; p++)
			if (*p == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)*p & 0xC0) != 0x80) {
				col++;
			}
		diaglist_add(dl, "%s:%zu:%zu: malformed JSON: %s", path, line,
			     col, why);
		free(text);
		return NULL;
	}
	free(text);
	memset(&t, 0, sizeof t);
	t.label = path;
	t.dl = dl;
	slash = strrchr(path, '/');
	t.dir = slash ? xstrndup(path, (size_t)(slash - path + 1)) :
			xstrdup("");
	f = xcalloc(1, sizeof *f);
	f->path = xstrdup(path);
	if (!cJSON_IsObject(root)) {
		problem(&t, "(top)", "expected an object with \"cases\"");
		goto out;
	}
	known_keys(&t, root, "(top)", keys);
	v = cJSON_GetObjectItemCaseSensitive(root, "partnercheck-tests");
	if (v && !(cJSON_IsNumber(v) && v->valuedouble == 1))
		problem(&t, "partnercheck-tests", "expected 1 (the version)");
	t.defaults = cJSON_GetObjectItemCaseSensitive(root, "defaults");
	if (t.defaults && !cJSON_IsObject(t.defaults)) {
		problem(&t, "defaults", "expected an object (column: cell)");
		t.defaults = NULL;
	}
	t.as_of = cJSON_GetObjectItemCaseSensitive(root, "as_of");
	v = cJSON_GetObjectItemCaseSensitive(root, "cases");
	if (!cJSON_IsArray(v) || !cJSON_GetArraySize(v)) {
		problem(&t, "cases", "expected a non-empty array of cases");
		goto out;
	}
	f->cases = xcalloc((size_t)cJSON_GetArraySize(v), sizeof *f->cases);
	for (e = v->child; e; e = e->next)
		one_case(&t, &f->cases[f->ncases++], e, i++);
out:
	cJSON_Delete(root);
	free(t.dir);
	if (t.bad) {
		rt_file_free(f);
		return NULL;
	}
	return f;
}

static void
free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
rt_file_free(rt_file *f)
{
	size_t i, k;

	if (!f)
		return;
	for (i = 0; i < f->ncases; i++) {
		rt_case *c = &f->cases[i];

		free(c->name);
		free(c->where);
		free_strings(c->cols, c->ncols);
		free_strings(c->cells, c->nrows * c->ncols);
		free(c->csv_path);
		free_strings(c->set, c->nset);
		free(c->waivers_csv);
		free(c->waivers_path);
		for (k = 0; k < c->npartners; k++) {
			rt_partner_exp *e = &c->partners[k];

			free(e->id);
			free(e->where);
			free_strings(e->fires, e->nfires);
			free_strings(e->includes, e->nincludes);
			free_strings(e->waived, e->nwaived);
		}
		free(c->partners);
		for (k = 0; k < c->npairs; k++) {
			free(c->pairs[k].rule);
			free(c->pairs[k].a);
			free(c->pairs[k].b);
		}
		free(c->pairs);
		free_strings(c->cons, c->ncons);
		free_strings(c->lineup, c->nlineup);
	}
	free(f->cases);
	free(f->path);
	free(f);
}
