/* realpath(3) is XSI */
#define _XOPEN_SOURCE 700

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "packs.h"
#include "rules_extends.h"
#include "rules_load.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"

/*
 * Layered rule sets, merged as JSON before the typed loader sees them.
 *
 * Each layer is applied to the document resolved so far in three steps:
 * its "disable" removes rules of what it extends, its sections are merged
 * (lists appended, objects merged key by key, anything else replaced),
 * then its "override" changes keys of the rules by id.  Every node a layer
 * writes is marked with the file and the place in it that wrote it; once
 * the document is whole, the marks become the provenance (ld_prov) that
 * lets the loader name the right file in each problem, and the rule
 * origins that findings and explain report.
 *
 * Nodes that a layer replaces or removes are kept in a graveyard until the
 * end, so that no mark's pointer can be reused by a new node meanwhile.
 */

/* A chain longer than this is surely a mistake, even without a cycle. */
#define MAX_CHAIN 32

/* Who wrote a node: for an override, also the rule it changed and which
 * of its keys ("value", "both.value"). */
typedef struct rx_mark {
	const cJSON *node;
	const cJSON *rule; /* overrides only */
	char *key;         /* overrides only */
	char *file;
	char *where;
	size_t line, col;
} rx_mark;

typedef struct rx {
	diaglist *dl;
	int errors;
	rx_mark *marks; /* what layers added */
	size_t nmarks;
	rx_mark *ovs; /* what overrides changed, in the order applied */
	size_t novs;
	rx_mark *dis; /* rules a "disable" dropped: node, id (key), file */
	size_t ndis;
	const char *stack[MAX_CHAIN]; /* the files being resolved */
	char *stack_own[MAX_CHAIN];
	const char *stack_label[MAX_CHAIN]; /* their names, for messages */
	size_t depth;
	cJSON *grave;
} rx;

/* The text of a layer, to find where its keys are written; buf is NULL
 * for the command line. */
typedef struct rx_text {
	const char *label;
	const char *buf;
	size_t len;
} rx_text;

static const char *const rule_sections[] = { "checks", "pairs", "consortium",
					     NULL };
static const char *const list_sections[] = { "checks", "pairs", "consortium",
					     "waivers", NULL };
static const char *const object_sections[] = { "input", "fields", "contract",
					       "lineup", NULL };
/* What an override may change; "value" also reaches into a pairwise
 * rule's "both" or "either". */
static const char *const override_keys[] = { "value",     "severity", "min",
					     "max",       "by",       "title",
					     "rationale", NULL };

static int
in_list(const char *s, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (!strcmp(s, list[i]))
			return 1;
	return 0;
}

/* The first "s" (quoted, as a JSON key or string) in [p, end). */
static const char *
find_quoted(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	for (; p + n + 2 <= end; p++)
		if (*p == '"' && !memcmp(p + 1, s, n) && p[n + 1] == '"')
			return p;
	return NULL;
}

/* Where "k2" is written after "k1" in t (either may be NULL): 1 and the
 * line and column, or 0 when t has no text or neither is found. */
static int
rx_find(const rx_text *t, const char *k1, const char *k2, size_t *line,
	size_t *col)
{
	const char *p, *end;

	*line = *col = 0;
	if (!t || !t->buf)
		return 0;
	p = t->buf;
	end = t->buf + t->len;
	if (k1 && !(p = find_quoted(p, end, k1)))
		return 0;
	if (k2) {
		const char *q = find_quoted(p, end, k2);

		if (!q)
			return 0;
		p = q;
	}
	ld_locate(t->buf, p, line, col);
	return 1;
}

static void rx_problem(rx *x, const rx_text *t, const char *k1, const char *k2,
		       const char *where, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* A problem of layer t at where, located at "k2" after "k1" when found. */
static void
rx_problem(rx *x, const rx_text *t, const char *k1, const char *k2,
	   const char *where, const char *fmt, ...)
{
	strbuf sb;
	va_list ap;
	size_t line, col;

	x->errors++;
	sb_init(&sb);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (rx_find(t, k1, k2, &line, &col))
		diaglist_add(x->dl, "%s:%zu:%zu: %s: %s", t->label, line, col,
			     where, sb.buf);
	else
		diaglist_add(x->dl, "%s: %s: %s", t->label, where, sb.buf);
	sb_free(&sb);
}

static void
add_mark(rx_mark **v, size_t *n, const cJSON *node, const cJSON *rule,
	 const char *key, const char *file, const char *where, size_t line,
	 size_t col)
{
	rx_mark *m;

	if ((*n & (*n - 1)) == 0) /* 0, 1, 2, 4...: grow to the next power */
		*v = xrealloc(*v, (*n ? 2 * *n : 1) * sizeof **v);
	m = &(*v)[(*n)++];
	m->node = node;
	m->rule = rule;
	m->key = key ? xstrdup(key) : NULL;
	m->file = xstrdup(file);
	m->where = xstrdup(where);
	m->line = line;
	m->col = col;
}

static void
free_marks(rx_mark *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].file);
		free(v[i].where);
	}
	free(v);
}

/* Puts old out of the document for good (see the graveyard above). */
static void
bury(rx *x, cJSON *parent, cJSON *old)
{
	cJSON_DetachItemViaPointer(parent, old);
	cJSON_AddItemToArray(x->grave, old);
}

/* Sets parent's member key to neu (owned), in the old one's place.  The
 * links are made by hand: cJSON_InsertItemInArray refuses an object's
 * member, and cJSON_ReplaceItemViaPointer frees the old one, which a
 * mark may still point at. */
static void
put_member(rx *x, cJSON *parent, const char *key, cJSON *neu)
{
	cJSON *old = cJSON_GetObjectItemCaseSensitive(parent, key);
	cJSON *tmp;

	if (!old) {
		cJSON_AddItemToObject(parent, key, neu);
		return;
	}
	/* gives neu its key, allocated as cJSON frees it */
	tmp = cJSON_CreateObject();
	cJSON_AddItemToObject(tmp, key, neu);
	cJSON_DetachItemViaPointer(tmp, neu);
	cJSON_Delete(tmp);
	neu->next = old->next;
	if (old == parent->child) {
		/* the first child's prev is the last child */
		neu->prev = old->next ? old->prev : neu;
		parent->child = neu;
	} else {
		neu->prev = old->prev;
		old->prev->next = neu;
	}
	if (old->next)
		old->next->prev = neu;
	else
		parent->child->prev = neu;
	old->prev = old->next = NULL;
	cJSON_AddItemToArray(x->grave, old);
}

/* A rule's id, or NULL. */
static const char *
rule_id(const cJSON *r)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(r, "id");

	return cJSON_IsString(id) ? id->valuestring : NULL;
}

/* The rules of doc (checks, pairs, consortium) with that id, into *out
 * (caller frees); returns how many. */
static size_t
find_rules(const cJSON *doc, const char *id, cJSON ***out)
{
	size_t i, n = 0;
	cJSON *c;

	*out = NULL;
	for (i = 0; rule_sections[i]; i++) {
		const cJSON *sec =
		    cJSON_GetObjectItemCaseSensitive(doc, rule_sections[i]);

		if (!cJSON_IsArray(sec))
			continue;
		for (c = sec->child; c; c = c->next) {
			const char *rid = rule_id(c);

			if (rid && !strcmp(rid, id)) {
				*out = xrealloc(*out, (n + 1) * sizeof **out);
				(*out)[n++] = c;
			}
		}
	}
	return n;
}

/* " (did you mean 'x'?)" for an id no rule of doc has, or "". */
static void
suggest_rule(const cJSON *doc, const char *id, char *buf, size_t bufsz)
{
	const char **names = NULL, *hint;
	size_t i, n = 0;
	const cJSON *c;

	for (i = 0; rule_sections[i]; i++) {
		const cJSON *sec =
		    cJSON_GetObjectItemCaseSensitive(doc, rule_sections[i]);

		if (!cJSON_IsArray(sec))
			continue;
		for (c = sec->child; c; c = c->next)
			if (rule_id(c)) {
				names = xrealloc(names,
						 (n + 2) * sizeof *names);
				names[n++] = rule_id(c);
			}
	}
	buf[0] = '\0';
	if (!n)
		return;
	names[n] = NULL;
	if ((hint = suggest_name(id, names)))
		snprintf(buf, bufsz, " (did you mean '%s'?)", hint);
	free(names);
}

static int
cmp_mark(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const rx_mark *)a)->node;
	uintptr_t y = (uintptr_t)((const rx_mark *)b)->node;

	return (x > y) - (x < y);
}

/* The mark of node, or NULL; the marks are sorted by node (rx_done), so
 * that a big rule set is not searched once per rule. */
static const rx_mark *
mark_of(const rx *x, const cJSON *node)
{
	rx_mark key;

	memset(&key, 0, sizeof key);
	key.node = node;
	if (!x->nmarks) /* bsearch may not be given a NULL array */
		return NULL;
	return bsearch(&key, x->marks, x->nmarks, sizeof *x->marks, cmp_mark);
}

/* ---- the three steps of a layer ---- */

static void
apply_disable(rx *x, cJSON *doc, const cJSON *list, const rx_text *t)
{
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(list)) {
		rx_problem(x, t, "disable", NULL, "disable",
			   "expected an array of rule ids, found %s",
			   ld_json_kind(list));
		return;
	}
	for (c = list->child; c; c = c->next, i++) {
		char where[64], hint[160];
		cJSON **rules;
		size_t n, k;

		snprintf(where, sizeof where, "disable[%zu]", i);
		if (!cJSON_IsString(c)) {
			rx_problem(x, t, "disable", NULL, where,
				   "expected a rule id, found %s",
				   ld_json_kind(c));
			continue;
		}
		n = find_rules(doc, c->valuestring, &rules);
		if (!n) {
			suggest_rule(doc, c->valuestring, hint, sizeof hint);
			rx_problem(x, t, "disable", c->valuestring, where,
				   "no rule has the id '%s'%s", c->valuestring,
				   hint);
		}
		for (k = 0; k < n; k++) {
			size_t s;

			for (s = 0; rule_sections[s]; s++) {
				cJSON *sec = cJSON_GetObjectItemCaseSensitive(
				    doc, rule_sections[s]);
				const cJSON *e;

				for (e = sec ? sec->child : NULL; e;
				     e = e->next)
					if (e == rules[k])
						break;
				if (e) {
					add_mark(&x->dis, &x->ndis, rules[k],
						 NULL, c->valuestring, t->label,
						 where, 0, 0);
					bury(x, sec, rules[k]);
					break;
				}
			}
		}
		free(rules);
	}
}

/* Appends the layer's list section key to doc's. */
static void
merge_list(rx *x, cJSON *doc, const char *key, const cJSON *items,
	   const rx_text *t)
{
	cJSON *dst = cJSON_GetObjectItemCaseSensitive(doc, key), *dup;
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(dst)) {
		dst = cJSON_CreateArray();
		put_member(x, doc, key, dst);
	}
	for (c = items->child; c; c = c->next, i++) {
		char where[80];

		/* a check id used twice is the loader's problem, said at
		 * the second one */
		snprintf(where, sizeof where, "%s[%zu]", key, i);
		dup = cJSON_Duplicate(c, 1);
		cJSON_AddItemToArray(dst, dup);
		add_mark(&x->marks, &x->nmarks, dup, NULL, NULL, t->label,
			 where, 0, 0);
	}
}

/* Merges the layer's object section key into doc's, key by key. */
static void
merge_object(rx *x, cJSON *doc, const char *key, const cJSON *obj,
	     const rx_text *t)
{
	cJSON *dst = cJSON_GetObjectItemCaseSensitive(doc, key), *dup;
	const cJSON *c;

	if (!cJSON_IsObject(dst)) {
		dst = cJSON_CreateObject();
		put_member(x, doc, key, dst);
	}
	for (c = obj->child; c; c = c->next) {
		strbuf where;

		sb_init(&where);
		sb_addf(&where, "%s.%s", key, c->string);
		dup = cJSON_Duplicate(c, 1);
		put_member(x, dst, c->string, dup);
		add_mark(&x->marks, &x->nmarks, dup, NULL, NULL, t->label,
			 where.buf, 0, 0);
		sb_free(&where);
	}
}

static void
merge_sections(rx *x, cJSON *doc, const cJSON *layer, const rx_text *t)
{
	const cJSON *m;

	for (m = layer->child; m; m = m->next) {
		const char *k = m->string;
		cJSON *dup;

		if (!strcmp(k, "extends") || !strcmp(k, "override") ||
		    !strcmp(k, "disable"))
			continue;
		if (in_list(k, list_sections) && cJSON_IsArray(m)) {
			merge_list(x, doc, k, m, t);
			continue;
		}
		if (in_list(k, object_sections) && cJSON_IsObject(m)) {
			merge_object(x, doc, k, m, t);
			continue;
		}
		dup = cJSON_Duplicate(m, 1);
		put_member(x, doc, k, dup);
		add_mark(&x->marks, &x->nmarks, dup, NULL, NULL, t->label, k, 0,
			 0);
	}
}

/* The object in rule r holding key, and the key's path from r: r itself,
 * or for "value" a pairwise rule's "both" or "either". */
static cJSON *
slot_of(cJSON *r, const char *key, char *path, size_t pathsz)
{
	static const char *const nests[] = { "both", "either", NULL };
	size_t i;

	snprintf(path, pathsz, "%s", key);
	if (cJSON_GetObjectItemCaseSensitive(r, key))
		return r;
	if (!strcmp(key, "value"))
		for (i = 0; nests[i]; i++) {
			cJSON *n = cJSON_GetObjectItemCaseSensitive(r,
								    nests[i]);

			if (cJSON_IsObject(n) &&
			    cJSON_GetObjectItemCaseSensitive(n, key)) {
				snprintf(path, pathsz, "%s.%s", nests[i], key);
				return n;
			}
		}
	/* wording and severity may be added where the rule had none */
	if (!strcmp(key, "severity") || !strcmp(key, "title") ||
	    !strcmp(key, "rationale"))
		return r;
	return NULL;
}

/* Why rule r has no key to override, for the problem. */
static const char *
why_no_slot(const cJSON *r, const char *key)
{
	static const char *const combinators[] = { "any", "all", "not", NULL };
	size_t i;

	if (!strcmp(key, "value"))
		for (i = 0; combinators[i]; i++)
			if (cJSON_GetObjectItemCaseSensitive(r, combinators[i]))
				return "its condition combines several: "
				       "override the whole rule by "
				       "disabling it and adding a new one";
	return "it has none";
}

/*
 * Sets key of every rule with the id to val (not owned), as written by
 * t at where; each problem is t's.
 */
static void
override_key(rx *x, cJSON *doc, const char *id, const char *key,
	     const cJSON *val, const rx_text *t, const char *where)
{
	cJSON **rules;
	size_t n = find_rules(doc, id, &rules), k, done = 0, line, col;
	const char *hint;

	rx_find(t, "override", id, &line, &col);
	if (!in_list(key, override_keys)) {
		hint = suggest_name(key, override_keys);
		rx_problem(x, t, "override", id, where,
			   "cannot override '%s'%s%s%s (value, severity, min, "
			   "max, by, title or rationale)",
			   key, hint ? " (did you mean '" : "",
			   hint ? hint : "", hint ? "'?)" : "");
		free(rules);
		return;
	}
	if (!strcmp(key, "severity") &&
	    (!cJSON_IsString(val) || (strcmp(val->valuestring, "fail") &&
				      strcmp(val->valuestring, "warn") &&
				      strcmp(val->valuestring, "info")))) {
		rx_problem(x, t, "override", id, where,
			   "severity must be \"fail\", \"warn\" or \"info\"");
		free(rules);
		return;
	}
	/* A bound that is neither would leave the rule without it, and the
	 * loader would then blame the file that defined the rule. */
	if ((!strcmp(key, "min") || !strcmp(key, "max")) &&
	    !cJSON_IsNumber(val) && !cJSON_IsNull(val) &&
	    !(cJSON_IsString(val) &&
	      !strncmp(val->valuestring, "contract.", 9) &&
	      val->valuestring[9])) {
		if (cJSON_IsString(val))
			rx_problem(x, t, "override", id, where,
				   "expected a number or \"contract.KEY\", "
				   "found '%s'",
				   val->valuestring);
		else
			rx_problem(x, t, "override", id, where,
				   "expected a number or \"contract.KEY\", "
				   "found %s",
				   ld_json_kind(val));
		free(rules);
		return;
	}
	for (k = 0; k < n; k++) {
		char path[64];
		cJSON *slot = slot_of(rules[k], key, path, sizeof path);
		const cJSON *old;
		cJSON *dup;

		if (!slot)
			continue;
		old = cJSON_GetObjectItemCaseSensitive(slot, key);
		/* the kind must stay: a threshold stays a number, a level a
		 * string; a contract bound may become a number and back */
		if (old && !cJSON_IsNull(old) &&
		    strcmp(ld_json_kind(old), ld_json_kind(val)) &&
		    strcmp(key, "min") && strcmp(key, "max")) {
			rx_problem(x, t, "override", id, where,
				   "expected %s like the %s it replaces in "
				   "rule '%s', found %s",
				   ld_json_kind(old), key, id,
				   ld_json_kind(val));
			free(rules);
			return;
		}
		dup = cJSON_Duplicate(val, 1);
		put_member(x, slot, key, dup);
		add_mark(&x->ovs, &x->novs, dup, rules[k], path, t->label,
			 where, line, col);
		done++;
	}
	if (!done)
		rx_problem(x, t, "override", id, where,
			   "rule '%s' has no %s to override (%s)", id, key,
			   n ? why_no_slot(rules[0], key) : "it has none");
	free(rules);
}

static void
apply_override(rx *x, cJSON *doc, const cJSON *ov, const rx_text *t)
{
	const cJSON *r, *k;

	if (!cJSON_IsObject(ov)) {
		rx_problem(x, t, "override", NULL, "override",
			   "expected an object of rule ids, found %s",
			   ld_json_kind(ov));
		return;
	}
	for (r = ov->child; r; r = r->next) {
		strbuf where;
		cJSON **rules;

		sb_init(&where);
		sb_addf(&where, "override.%s", r->string);
		if (!find_rules(doc, r->string, &rules)) {
			char hint[160];

			suggest_rule(doc, r->string, hint, sizeof hint);
			rx_problem(x, t, "override", r->string, where.buf,
				   "no rule has the id '%s'%s", r->string,
				   hint);
		} else if (!cJSON_IsObject(r)) {
			rx_problem(x, t, "override", r->string, where.buf,
				   "expected an object such as {\"value\": "
				   "...}, found %s",
				   ld_json_kind(r));
		} else {
			for (k = r->child; k; k = k->next) {
				size_t old = where.len;

				sb_addf(&where, ".%s", k->string);
				override_key(x, doc, r->string, k->string, k, t,
					     where.buf);
				where.len = old;
				where.buf[old] = '\0';
			}
		}
		free(rules);
		sb_free(&where);
	}
}

/* ---- layers and chains ---- */

int
rules_ref_is_pack(const char *ref)
{
	return pack_find(ref) && access(ref, F_OK) != 0;
}

int
rx_layered(const cJSON *root)
{
	return cJSON_IsObject(root) &&
	       (cJSON_GetObjectItemCaseSensitive(root, "extends") ||
		cJSON_GetObjectItemCaseSensitive(root, "override") ||
		cJSON_GetObjectItemCaseSensitive(root, "disable"));
}

static cJSON *load_ref(rx *x, const char *ref, const rx_text *from,
		       cJSON *base);

/*
 * Applies the layer root, t's text, on top of base (owned; NULL for
 * none) and returns the result (owned), or NULL after a problem that
 * leaves nothing to build on.  root's own "extends" is resolved first.
 */
static cJSON *
apply_layer(rx *x, cJSON *base, const cJSON *root, const rx_text *t)
{
	const cJSON *ext = cJSON_GetObjectItemCaseSensitive(root, "extends");
	const cJSON *m;

	if (!cJSON_IsObject(root)) {
		x->errors++;
		diaglist_add(x->dl,
			     "%s:1:1: a rule set is a JSON object, not %s",
			     t->label, ld_json_kind(root));
		cJSON_Delete(base);
		return NULL;
	}
	if (ext && base) {
		rx_problem(x, t, "extends", NULL, "extends",
			   "a later -r extends the rule set before it; "
			   "\"extends\" is only for the first");
	} else if (ext && !cJSON_IsString(ext)) {
		rx_problem(x, t, "extends", NULL, "extends",
			   "expected a pack name or a file name, found %s",
			   ld_json_kind(ext));
	} else if (ext) {
		base = load_ref(x, ext->valuestring, t, NULL);
		if (!base)
			return NULL;
	}
	if (!base)
		base = cJSON_CreateObject();
	if ((m = cJSON_GetObjectItemCaseSensitive(root, "disable")))
		apply_disable(x, base, m, t);
	merge_sections(x, base, root, t);
	if ((m = cJSON_GetObjectItemCaseSensitive(root, "override")))
		apply_override(x, base, m, t);
	return base;
}

/* The directory part of label, "" for none, as a string the caller
 * frees. */
static char *
dir_of(const char *label)
{
	const char *slash = strrchr(label, '/');

	return slash ? xstrndup(label, (size_t)(slash - label + 1)) :
		       xstrdup("");
}

/*
 * Loads the layer ref names and applies it on top of base (owned, NULL
 * for none).  from is the layer whose "extends" names ref (a pack by
 * name, or a file relative to it), or NULL for a -r.
 */
static cJSON *
load_ref(rx *x, const char *ref, const rx_text *from, cJSON *base)
{
	const pack_source *p = NULL;
	char *path = NULL, *ident, real[PATH_MAX];
	strbuf text, label;
	rx_text t;
	cJSON *root, *doc = NULL;
	size_t i;

	/* "-" is standard input only as a -r: a file's "extends" names a
	 * file */
	if (from && !strcmp(ref, "-"))
		ref = "./-";
	if (from)
		p = !strchr(ref, '/') ? pack_find(ref) : NULL;
	else if (rules_ref_is_pack(ref))
		p = pack_find(ref);
	if (from && !p && !strncmp(from->label, "pack:", 5)) {
		rx_problem(x, from, "extends", NULL, "extends",
			   "a pack extends only other packs, not '%s'", ref);
		cJSON_Delete(base);
		return NULL;
	}
	sb_init(&text);
	sb_init(&label);
	if (p) {
		sb_addf(&label, "pack:%s", p->name);
		ident = xstrdup(label.buf);
	} else {
		if (from && ref[0] != '/' && strcmp(from->label, "<stdin>")) {
			char *dir = dir_of(from->label);

			sb_addf(&label, "%s%s", dir, ref);
			free(dir);
		} else {
			sb_adds(&label, strcmp(ref, "-") ? ref : "<stdin>");
		}
		path = xstrdup(strcmp(ref, "-") ? label.buf : "-");
		ident = xstrdup(realpath(path, real) ? real : label.buf);
	}
	for (i = 0; i < x->depth; i++)
		if (!strcmp(x->stack[i], ident))
			break;
	if (i < x->depth || x->depth == MAX_CHAIN) {
		strbuf cyc;

		sb_init(&cyc);
		for (; i < x->depth; i++)
			sb_addf(&cyc, "%s -> ", x->stack_label[i]);
		sb_adds(&cyc, label.buf);
		if (x->depth == MAX_CHAIN)
			rx_problem(x, from, "extends", NULL, "extends",
				   "more than %d rule sets in a chain",
				   MAX_CHAIN);
		else
			rx_problem(x, from, "extends", NULL, "extends",
				   "'%s' extends itself: %s", ref, cyc.buf);
		sb_free(&cyc);
		goto out;
	}
	if (!p && strcmp(path, "-") && access(path, F_OK) != 0) {
		const char **names = pack_names();
		const char *hint = suggest_name(ref, names);

		/* "collaborat" is more likely a pack mistyped than a file */
		if (hint) {
			x->errors++;
			diaglist_add(x->dl,
				     "%s:1: cannot open: no such file (did you "
				     "mean the pack '%s'?)",
				     label.buf, hint);
			free(names);
			goto out;
		}
		free(names);
	}
	if (p)
		sb_adds(&text, p->json);
	else if (ld_read_file(path, label.buf, &text, x->dl) < 0) {
		x->errors++;
		goto out;
	}
	t.label = label.buf;
	t.buf = text.buf;
	t.len = text.len;
	if (!(root = ld_parse_text(label.buf, text.buf, text.len, x->dl))) {
		x->errors++;
		goto out;
	}
	x->stack[x->depth] = ident;
	x->stack_label[x->depth] = label.buf;
	x->stack_own[x->depth++] = ident;
	ident = NULL;
	doc = apply_layer(x, base, root, &t);
	base = NULL;
	free(x->stack_own[--x->depth]);
	cJSON_Delete(root);
out:
	cJSON_Delete(base);
	free(ident);
	free(path);
	sb_free(&text);
	sb_free(&label);
	return doc;
}

/* One --set check.ID.KEY=VALUE (given without "check."), as an override
 * whose value is typed like the one it replaces. */
static void
apply_set(rx *x, cJSON *doc, const char *set)
{
	const char *eq = strchr(set, '='), *dot;
	rx_text t = { "--set", NULL, 0 };
	char *id, *key, *end, where[300];
	cJSON **rules, *val = NULL;
	const cJSON *old = NULL;
	size_t n, k;

	snprintf(where, sizeof where, "check.%.*s", eq ? (int)(eq - set) : 0,
		 set);
	for (dot = eq; dot && dot > set && *dot != '.'; dot--)
		;
	if (!eq || !dot || dot == set || dot + 1 == eq) {
		rx_problem(x, &t, NULL, NULL, where,
			   "expected check.ID.KEY=VALUE, such as "
			   "check.quality.qaf.value=A");
		return;
	}
	id = xstrndup(set, (size_t)(dot - set));
	key = xstrndup(dot + 1, (size_t)(eq - dot - 1));
	eq++;
	n = find_rules(doc, id, &rules);
	for (k = 0; k < n && !old; k++) {
		char path[64];
		cJSON *slot = slot_of(rules[k], key, path, sizeof path);

		if (slot)
			old = cJSON_GetObjectItemCaseSensitive(slot, key);
	}
	/* the text is read as the kind of value it replaces */
	if (old && cJSON_IsNumber(old)) {
		double d = strtod(eq, &end);

		if (*eq && !*end)
			val = cJSON_CreateNumber(d);
	} else if (old && cJSON_IsBool(old)) {
		if (!strcmp(eq, "true") || !strcmp(eq, "false"))
			val = cJSON_CreateBool(!strcmp(eq, "true"));
	} else if (old && cJSON_IsArray(old)) {
		const char *p = eq;

		val = cJSON_CreateArray();
		while (*p) {
			size_t l = strcspn(p, ";");
			char *piece = xstrndup(p, l);

			if (*piece)
				cJSON_AddItemToArray(val,
						     cJSON_CreateString(piece));
			free(piece);
			p += l + (p[l] == ';');
		}
	} else {
		val = cJSON_CreateString(eq);
	}
	if (!n) {
		char hint[160];

		suggest_rule(doc, id, hint, sizeof hint);
		rx_problem(x, &t, NULL, NULL, where,
			   "no rule has the id '%s'%s", id, hint);
	} else if (!val) {
		rx_problem(x, &t, NULL, NULL, where, "expected %s, found '%s'",
			   cJSON_IsNumber(old) ? "a number" : "true or false",
			   eq);
	} else {
		override_key(x, doc, id, key, val, &t, where);
	}
	cJSON_Delete(val);
	free(rules);
	free(id);
	free(key);
}

/* ---- provenance ---- */

static void
add_origin(ld_prov *prov, const char *path, const rx_mark *m)
{
	ld_origin *o;

	prov->v = xrealloc(prov->v, (prov->n + 1) * sizeof *prov->v);
	o = &prov->v[prov->n++];
	o->path = xstrdup(path);
	o->file = xstrdup(m->file);
	o->where = xstrdup(m->where);
	o->line = m->line;
	o->col = m->col;
}

/* The rule origin of id in prov, added when new. */
static rule_origin *
rule_origin_for(ld_prov *prov, const char *id, const char *file)
{
	rule_origin *o;
	size_t i;

	for (i = 0; i < prov->nrules; i++)
		if (!strcmp(prov->rules[i].id, id))
			return &prov->rules[i];
	prov->rules = xrealloc(prov->rules,
			       (prov->nrules + 1) * sizeof *prov->rules);
	o = &prov->rules[prov->nrules++];
	memset(o, 0, sizeof *o);
	o->id = xstrdup(id);
	o->file = xstrdup(file);
	return o;
}

/* Turns the marks on the finished document into provenance. */
static void
build_prov(const rx *x, const cJSON *doc, ld_prov *prov)
{
	const cJSON *m, *c;
	const rx_mark *mk;
	size_t i, k;
	strbuf path;

	sb_init(&path);
	for (m = doc->child; m; m = m->next) {
		int list = in_list(m->string, list_sections);
		int rules = in_list(m->string, rule_sections);

		if ((mk = mark_of(x, m)))
			add_origin(prov, m->string, mk);
		if (!list && !in_list(m->string, object_sections))
			continue;
		for (c = m->child, i = 0; c; c = c->next, i++) {
			path.len = 0;
			path.buf[0] = '\0';
			if (list)
				sb_addf(&path, "%s[%zu]", m->string, i);
			else
				sb_addf(&path, "%s.%s", m->string, c->string);
			if ((mk = mark_of(x, c)))
				add_origin(prov, path.buf, mk);
			if (!rules || !rule_id(c))
				continue;
			{
				rule_origin *o = rule_origin_for(prov,
								 rule_id(c),
								 mk ? mk->file :
								      "?");
				size_t base = path.len;

				for (k = 0; k < x->novs; k++) {
					const rx_mark *ov = &x->ovs[k];

					if (ov->rule != c)
						continue;
					sb_addf(&path, ".%s", ov->key);
					add_origin(prov, path.buf, ov);
					path.len = base;
					path.buf[base] = '\0';
					o->ov_files = xrealloc(
					    o->ov_files,
					    (o->nov + 1) * sizeof *o->ov_files);
					o->ov_keys = xrealloc(
					    o->ov_keys,
					    (o->nov + 1) * sizeof *o->ov_keys);
					o->ov_files[o->nov] = xstrdup(ov->file);
					o->ov_keys[o->nov++] = xstrdup(ov->key);
				}
			}
		}
	}
	sb_free(&path);
	/* A dropped rule keeps an origin saying who dropped it, for
	 * explain; not when a later layer gave the id a rule again. */
	for (i = 0; i < x->ndis; i++) {
		const rx_mark *d = &x->dis[i];
		rule_origin *o;

		for (k = 0; k < prov->nrules; k++)
			if (!strcmp(prov->rules[k].id, d->key))
				break;
		if (k < prov->nrules)
			continue;
		mk = mark_of(x, d->node);
		o = rule_origin_for(prov, d->key, mk ? mk->file : "?");
		o->disabled_by = xstrdup(d->file);
	}
}

void
ld_prov_free(ld_prov *prov)
{
	size_t i;

	if (!prov)
		return;
	for (i = 0; i < prov->n; i++) {
		free(prov->v[i].path);
		free(prov->v[i].file);
		free(prov->v[i].where);
	}
	free(prov->v);
	for (i = 0; i < prov->nrules; i++) {
		rule_origin *o = &prov->rules[i];
		size_t k;

		for (k = 0; k < o->nov; k++) {
			free(o->ov_files[k]);
			free(o->ov_keys[k]);
		}
		free(o->ov_files);
		free(o->ov_keys);
		free(o->id);
		free(o->file);
		free(o->disabled_by);
	}
	free(prov->rules);
	memset(prov, 0, sizeof *prov);
}

static void
rx_init(rx *x, diaglist *dl)
{
	memset(x, 0, sizeof *x);
	x->dl = dl;
	x->grave = cJSON_CreateArray();
}

/* Finishes x: fills prov and returns doc, which is whole even after a
 * problem (so that the loader can report the rest too); *failed says
 * whether there was one. */
static cJSON *
rx_done(rx *x, cJSON *doc, ld_prov *prov, int *failed)
{
	size_t i;

	if (doc) {
		if (x->nmarks)
			qsort(x->marks, x->nmarks, sizeof *x->marks, cmp_mark);
		build_prov(x, doc, prov);
	}
	*failed = x->errors > 0;
	for (i = 0; i < x->depth; i++)
		free(x->stack_own[i]);
	free_marks(x->marks, x->nmarks);
	free_marks(x->ovs, x->novs);
	free_marks(x->dis, x->ndis);
	cJSON_Delete(x->grave);
	return doc;
}

cJSON *
rx_resolve_doc(const char *label, const char *text, size_t len, ld_prov *prov,
	       int *failed, diaglist *dl)
{
	rx x;
	rx_text t = { label, text, len };
	cJSON *root, *doc = NULL;
	char real[PATH_MAX];

	rx_init(&x, dl);
	root = ld_parse_text(label, text, len, dl);
	if (!root)
		x.errors++;
	else {
		x.stack_own[0] = xstrdup(realpath(label, real) ? real : label);
		x.stack[0] = x.stack_own[0];
		x.stack_label[0] = label;
		x.depth = 1;
		doc = apply_layer(&x, NULL, root, &t);
		free(x.stack_own[0]);
		x.depth = 0;
	}
	cJSON_Delete(root);
	return rx_done(&x, doc, prov, failed);
}

/* The resolved document of refs and sets, with its provenance. */
static cJSON *
resolve_chain(const char *const *refs, size_t n, const char *const *sets,
	      size_t nsets, ld_prov *prov, int *failed, diaglist *dl)
{
	rx x;
	cJSON *doc = NULL;
	size_t i;

	rx_init(&x, dl);
	if (!n)
		doc = load_ref(&x, pack_sources[0].name, NULL, NULL);
	for (i = 0; i < n; i++) {
		doc = load_ref(&x, refs[i], NULL, doc);
		if (!doc)
			break;
	}
	for (i = 0; doc && i < nsets; i++)
		apply_set(&x, doc, sets[i]);
	return rx_done(&x, doc, prov, failed);
}

/* The label the loader's own problems carry: the last layer's. */
static const char *
chain_label(const char *const *refs, size_t n)
{
	if (!n)
		return "<default rules>";
	return strcmp(refs[n - 1], "-") ? refs[n - 1] : "<stdin>";
}

ruleset *
rules_load_chain(const char *const *refs, size_t n, const char *const *sets,
		 size_t nsets, diaglist *dl)
{
	ld_prov prov;
	cJSON *doc;
	ruleset *rs;
	int failed;

	/* One plain layer loads as it always has. */
	if (!nsets && n <= 1) {
		if (!n)
			return rules_parse("<default rules>",
					   default_rules_json,
					   strlen(default_rules_json), dl);
		if (!rules_ref_is_pack(refs[0]))
			return rules_load(refs[0], dl);
	}
	memset(&prov, 0, sizeof prov);
	doc = resolve_chain(refs, n, sets, nsets, &prov, &failed, dl);
	rs = doc ? ld_load_doc(chain_label(refs, n), doc, &prov, dl) : NULL;
	if (failed) {
		rules_free(rs);
		rs = NULL;
	}
	cJSON_Delete(doc);
	ld_prov_free(&prov);
	return rs;
}

char *
rules_show_chain(const char *const *refs, size_t n, diaglist *dl)
{
	ld_prov prov;
	cJSON *doc;
	ruleset *rs;
	char *text = NULL;
	int failed;

	memset(&prov, 0, sizeof prov);
	doc = resolve_chain(refs, n, NULL, 0, &prov, &failed, dl);
	rs = doc ? ld_load_doc(chain_label(refs, n), doc, &prov, dl) : NULL;
	if (rs && !failed)
		text = cJSON_Print(doc);
	rules_free(rs);
	cJSON_Delete(doc);
	ld_prov_free(&prov);
	return text;
}
