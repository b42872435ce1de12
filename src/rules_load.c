#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json_check.h"
#include "rules_lineup.h"
#include "rules_load.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"

/*
 * Loading a rule set: JSON syntax first (located by line and column), then
 * every semantic problem, each located by a path such as checks[3].op.
 * Nothing stops at the first problem: lint reports them all.
 *
 * This file is the loader's core (problems, paths, did-you-mean, JSON
 * helpers) and its top level; each section has a file of its own (see
 * rules_load.h).
 */

static int ld_prov_problem(loader *ld, const char *msg);

void
ld_problem(loader *ld, const char *fmt, ...)
{
	strbuf sb;
	va_list ap;

	if (++ld->errors > MAX_PROBLEMS)
		return;
	sb_init(&sb);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (ld->prov && ld_prov_problem(ld, sb.buf)) {
		sb_free(&sb);
		return;
	}
	if (ld->path.len)
		diaglist_add(ld->dl, "%s: %s: %s", ld->label, ld->path.buf,
			     sb.buf);
	else
		diaglist_add(ld->dl, "%s: %s", ld->label, sb.buf);
	sb_free(&sb);
}

/* A layered set's problem, said in the words of the file that wrote the
 * part it is about: 1 when said, 0 when no origin covers the path. */
static int
ld_prov_problem(loader *ld, const char *msg)
{
	const ld_origin *best = NULL;
	size_t i, bl = 0;

	for (i = 0; i < ld->prov->n; i++) {
		const ld_origin *o = &ld->prov->v[i];
		size_t l = strlen(o->path);

		if (l >= bl && !strncmp(ld->path.buf, o->path, l) &&
		    (ld->path.buf[l] == '\0' || ld->path.buf[l] == '.' ||
		     ld->path.buf[l] == '[')) {
			best = o;
			bl = l;
		}
	}
	if (!best)
		return 0;
	if (best->line)
		diaglist_add(ld->dl, "%s:%zu:%zu: %s%s: %s", best->file,
			     best->line, best->col, best->where,
			     ld->path.buf + bl, msg);
	else
		diaglist_add(ld->dl, "%s: %s%s: %s", best->file, best->where,
			     ld->path.buf + bl, msg);
	return 1;
}

/* Path bookkeeping: push returns the old length to pop back to. */
size_t
ld_push_key(loader *ld, const char *key)
{
	size_t old = ld->path.len;

	if (old)
		sb_addc(&ld->path, '.');
	sb_adds(&ld->path, key);
	return old;
}

size_t
ld_push_index(loader *ld, size_t i)
{
	size_t old = ld->path.len;

	sb_addf(&ld->path, "[%zu]", i);
	return old;
}

void
ld_pop(loader *ld, size_t old)
{
	ld->path.len = old;
	ld->path.buf[old] = '\0';
}

/* The closest of names to s, if close enough to be a likely typo; none
 * once problems are only counted, as no message will show it. */
const char *
ld_suggest(const loader *ld, const char *s, const char *const *names)
{
	const char *best = NULL;
	size_t bestd = 3, i;

	if (ld->errors >= MAX_PROBLEMS)
		return NULL;
	for (i = 0; names[i]; i++)
		if (!strcasecmp(s, names[i])) /* 'IN' is 'in', not '==' */
			return names[i];
	for (i = 0; names[i]; i++) {
		size_t d = suggest_distance(s, names[i]);

		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	return best;
}

static void
unknown_key(loader *ld, const char *key, const char *const *allowed)
{
	const char *s = ld_suggest(ld, key, allowed);
	size_t old = ld_push_key(ld, key);

	if (s)
		ld_problem(ld, "unknown key '%s' (did you mean '%s'?)", key, s);
	else
		ld_problem(ld, "unknown key '%s'", key);
	ld_pop(ld, old);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* cJSON keeps duplicate keys silently; a rule file with two "severity"
 * keys is almost certainly a mistake, so name each repeated key once. */
static void
check_duplicate_keys(loader *ld, const cJSON *obj)
{
	const cJSON *c;
	const char **names;
	size_t n = 0, i;

	for (c = obj->child; c; c = c->next)
		n++;
	if (n < 2)
		return;
	names = xmalloc(n * sizeof *names);
	n = 0;
	for (c = obj->child; c; c = c->next)
		names[n++] = c->string ? c->string : "";
	qsort(names, n, sizeof *names, cmp_str);
	for (i = 1; i < n; i++)
		if (!strcmp(names[i], names[i - 1]) &&
		    (i + 1 == n || strcmp(names[i], names[i + 1])))
			ld_problem(ld, "key '%s' appears more than once",
				   names[i]);
	free(names);
}

/* Walks the whole document once for duplicate keys, with paths. */
static void
scan_duplicates(loader *ld, const cJSON *node)
{
	const cJSON *c;
	size_t i = 0;

	if (cJSON_IsObject(node)) {
		check_duplicate_keys(ld, node);
		for (c = node->child; c; c = c->next) {
			size_t old = ld_push_key(ld,
						 c->string ? c->string : "");

			scan_duplicates(ld, c);
			ld_pop(ld, old);
		}
	} else if (cJSON_IsArray(node)) {
		for (c = node->child; c; c = c->next, i++) {
			size_t old = ld_push_index(ld, i);

			scan_duplicates(ld, c);
			ld_pop(ld, old);
		}
	}
}

void
ld_check_keys(loader *ld, const cJSON *obj, const char *const *allowed)
{
	const cJSON *c;
	size_t i;

	for (c = obj->child; c; c = c->next) {
		const char *k = c->string ? c->string : "";

		for (i = 0; allowed[i]; i++)
			if (!strcmp(k, allowed[i]))
				break;
		if (!allowed[i])
			unknown_key(ld, k, allowed);
	}
}

const char *
ld_json_kind(const cJSON *j)
{
	if (cJSON_IsString(j))
		return "a string";
	if (cJSON_IsNumber(j))
		return "a number";
	if (cJSON_IsBool(j))
		return "true or false";
	if (cJSON_IsNull(j))
		return "null";
	if (cJSON_IsArray(j))
		return "an array";
	return "an object";
}

/* cJSON turns every number into a double: 1e400 becomes infinity and
 * 9007199254740993 silently becomes ...992.  A threshold must mean what
 * it says, so both are refused; a large number that a double holds
 * exactly (1e16, 2^53 itself) is what it says and is accepted. */
int
ld_exact_number(loader *ld, const cJSON *j)
{
	double v = j->valuedouble;

	if (!isfinite(v)) {
		ld_problem(ld, "number is out of range");
		return 0;
	}
	/* find_inexact's mark; cJSON saturates valueint to INT_MAX or
	 * INT_MIN at this size, so 0 is no real value's */
	if (fabs(v) >= 9007199254740992.0 && j->valueint == 0) {
		ld_problem(ld, "number is too large to be represented exactly "
			       "(2^53 or more)");
		return 0;
	}
	return 1;
}

/* Optional string member: returns a copy, NULL when absent or wrong. */
char *
ld_get_string(loader *ld, const cJSON *obj, const char *key, int required)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t old;

	if (!j) {
		if (required)
			ld_problem(ld, "'%s' is required", key);
		return NULL;
	}
	if (!cJSON_IsString(j)) {
		old = ld_push_key(ld, key);
		ld_problem(ld, "expected a string, found %s", ld_json_kind(j));
		ld_pop(ld, old);
		return NULL;
	}
	return xstrdup(j->valuestring);
}

char *
ld_source(loader *ld, const cJSON *rule)
{
	static const char *const keys[] = { "document", "section", "url",
					    NULL };
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(rule, "source");
	char *doc, *sec, *url, *out = NULL;
	size_t old;

	if (!j)
		return NULL;
	old = ld_push_key(ld, "source");
	if (cJSON_IsString(j) && j->valuestring[0]) {
		out = xstrdup(j->valuestring);
	} else if (!cJSON_IsObject(j)) {
		ld_problem(ld,
			   "expected a string or an object with \"document\", "
			   "\"section\" and \"url\", found %s",
			   cJSON_IsString(j) ? "an empty string" :
					       ld_json_kind(j));
	} else {
		ld_check_keys(ld, j, keys);
		doc = ld_get_string(ld, j, "document", 1);
		sec = ld_get_string(ld, j, "section", 0);
		url = ld_get_string(ld, j, "url", 0);
		/* a citation is followed up: a link must be one */
		if (url && strncmp(url, "https://", 8) &&
		    strncmp(url, "http://", 7)) {
			size_t o2 = ld_push_key(ld, "url");

			ld_problem(ld, "expected an http:// or https:// "
				       "address");
			ld_pop(ld, o2);
		} else if (doc) {
			strbuf sb;

			sb_init(&sb);
			sb_adds(&sb, doc);
			if (sec)
				sb_addf(&sb, ", %s", sec);
			if (url)
				sb_addf(&sb, ", %s", url);
			out = sb_detach(&sb);
			sb_free(&sb);
		}
		free(doc);
		free(sec);
		free(url);
	}
	ld_pop(ld, old);
	return out;
}

int
ld_get_number(loader *ld, const cJSON *obj, const char *key, double *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t old;

	if (!j)
		return 0;
	old = ld_push_key(ld, key);
	if (!cJSON_IsNumber(j))
		ld_problem(ld, "expected a number, found %s", ld_json_kind(j));
	else if (ld_exact_number(ld, j)) {
		*out = j->valuedouble;
		ld_pop(ld, old);
		return 1;
	}
	ld_pop(ld, old);
	return -1;
}

char **
ld_string_array(loader *ld, const cJSON *arr, size_t *n, int allow_empty)
{
	char **v;
	const cJSON *c;
	size_t i = 0;

	*n = 0;
	if (!cJSON_IsArray(arr)) {
		ld_problem(ld, "expected an array of strings, found %s",
			   ld_json_kind(arr));
		return NULL;
	}
	v = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *v);
	for (c = arr->child; c; c = c->next, i++) {
		size_t old = ld_push_index(ld, i);

		if (!cJSON_IsString(c))
			ld_problem(ld, "expected a string, found %s",
				   ld_json_kind(c));
		else
			v[(*n)++] = xstrdup(c->valuestring);
		ld_pop(ld, old);
	}
	if (!*n && !allow_empty)
		ld_problem(ld, "the list is empty");
	return v;
}

int
ld_severity(loader *ld, const cJSON *obj, severity *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, "severity");
	size_t old;
	int s;

	*out = SEV_FAIL;
	if (!j)
		return 0;
	old = ld_push_key(ld, "severity");
	if (!cJSON_IsString(j) ||
	    (s = severity_from_name(j->valuestring)) < 0) {
		if (cJSON_IsString(j))
			ld_problem(ld,
				   "unknown severity '%s' (fail, warn or info)",
				   j->valuestring);
		else
			ld_problem(
			    ld,
			    "severity must be \"fail\", \"warn\" or \"info\"");
		ld_pop(ld, old);
		return -1;
	}
	ld_pop(ld, old);
	*out = (severity)s;
	return 0;
}

/* Waivers and contract references name rules and keys that must exist. */
static void
cross_check(loader *ld)
{
	ld_check_waivers(ld);
}

void
ld_locate(const char *buf, const char *at, size_t *line, size_t *col)
{
	const char *p;

	*line = 1;
	*col = 1;
	for (p = buf; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* Says where and why cJSON gave up on copy[0..len), which holds the whole
 * file; at is where cJSON stopped, or NULL. */
static void
malformed(const char *label, const char *copy, size_t len, const char *at,
	  diaglist *dl)
{
	size_t line, col, span;

	if (!at || at < copy || at > copy + len)
		at = copy + len;
	/* cJSON may point at the blank before the offending token. */
	while (at < copy + len &&
	       (*at == ' ' || *at == '\t' || *at == '\r' || *at == '\n'))
		at++;
	ld_locate(copy, at, &line, &col);
	if (at >= copy + len) {
		diaglist_add(dl,
			     "%s:%zu:%zu: malformed JSON: unexpected end "
			     "of file",
			     label, line, col);
		return;
	}
	if (!*at) {
		diaglist_add(dl, "%s:%zu:%zu: malformed JSON: NUL byte", label,
			     line, col);
		return;
	}
	if ((unsigned char)*at < 0x20) {
		diaglist_add(dl,
			     "%s:%zu:%zu: malformed JSON: control "
			     "character 0x%02X",
			     label, line, col, (unsigned char)*at);
		return;
	}
	/* the token: one byte of a multibyte character, else up to a
	 * delimiter and at most 20 bytes */
	span = strcspn(at, " \t\r\n,:[]{}");
	if (((unsigned char)*at & 0x80) || !span)
		span = 1;
	else if (span > 20)
		span = 20;
	diaglist_add(dl, "%s:%zu:%zu: malformed JSON near '%.*s'", label, line,
		     col, (int)span, at);
}

/*
 * The offset in s[0..len), valid JSON, of the first "\u0000" escape inside
 * a string, or len.  cJSON keeps strings NUL-terminated, so a NUL would
 * silently cut a value short ("Camden\u0000 Ltd" compared as "Camden"):
 * it is refused instead.
 */
static size_t
nul_escape_at(const char *s, size_t len)
{
	size_t i;
	int in_string = 0;

	for (i = 0; i < len; i++) {
		if (!in_string) {
			in_string = s[i] == '"';
			continue;
		}
		if (s[i] == '"') {
			in_string = 0;
		} else if (s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && i + 5 < len &&
			    !memcmp(s + i + 2, "0000", 4))
				return i;
			i++; /* the escaped character */
		}
	}
	return len;
}

/*
 * Whether the number literal s[0..len) (valid JSON) is exactly the double
 * v, a whole number of 2^53 or more: both are written as significant
 * digits times a power of ten, trailing zeros dropped, and compared.
 * %.0f prints a double's exact value.
 */
static int
literal_is(const char *s, size_t len, double v)
{
	char lit[400] = { 0 }, dbl[400];
	size_t n = 0, i = 0, dn;
	long e = 0, de = 0;
	int point = 0;

	if (s[i] == '-')
		i++;
	for (; i < len && s[i] != 'e' && s[i] != 'E'; i++) {
		if (s[i] == '.') {
			point = 1;
			continue;
		}
		if (n == 0 && s[i] == '0') {
			if (point)
				e--;
			continue;
		}
		if (n == sizeof lit)
			return 0;
		lit[n++] = s[i];
		if (point)
			e--;
	}
	if (i < len) {
		/*
		 * The literal is not NUL-terminated (it sits inside the file's
		 * buffer), so the exponent is read within len, not by strtol;
		 * it saturates, as a huge exponent can never match anyway.
		 */
		long x = 0;
		int neg = 0;

		if (++i < len && (s[i] == '+' || s[i] == '-'))
			neg = s[i++] == '-';
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			if (x < 100000)
				x = x * 10 + (s[i] - '0');
		e += neg ? -x : x;
	}
	while (n > 0 && lit[n - 1] == '0') {
		n--;
		e++;
	}
	snprintf(dbl, sizeof dbl, "%.0f", fabs(v));
	dn = strlen(dbl);
	while (dn > 0 && dbl[dn - 1] == '0') {
		dn--;
		de++;
	}
	return n == dn && e == de && !memcmp(lit, dbl, n);
}

/*
 * Walks j in document order alongside the text, whose cursor *pos moves
 * to each number literal in turn, and marks the numbers of 2^53 or more
 * that the double does not hold exactly by setting their valueint to 0
 * (cJSON keeps neither a literal's text nor its place, so the text is read
 * again, and references made later copy the mark).  ld_exact_number
 * refuses them.
 */
static void
find_inexact(cJSON *j, const char *s, size_t len, size_t *pos)
{
	cJSON *c;

	if (cJSON_IsNumber(j)) {
		size_t p = *pos, start;
		int in_string = 0;

		for (; p < len; p++) {
			if (in_string) {
				if (s[p] == '\\')
					p++;
				else if (s[p] == '"')
					in_string = 0;
			} else if (s[p] == '"') {
				in_string = 1;
			} else if (s[p] == '-' ||
				   (s[p] >= '0' && s[p] <= '9')) {
				break;
			}
		}
		start = p;
		while (p < len && strchr("+-.eE0123456789", s[p]) && s[p])
			p++;
		*pos = p;
		if (isfinite(j->valuedouble) &&
		    fabs(j->valuedouble) >= 9007199254740992.0 &&
		    !literal_is(s + start, p - start, j->valuedouble))
			j->valueint = 0;
		return;
	}
	for (c = j->child; c; c = c->next)
		find_inexact(c, s, len, pos);
}

/* The JSON document in buf[0..len), or NULL with a located message in dl
 * (invalid UTF-8, a syntax error, a NUL byte).  The caller frees it with
 * cJSON_Delete. */
static cJSON *
parse_json(const char *label, const char *buf, size_t len, diaglist *dl)
{
	cJSON *root;
	const char *end = NULL;
	char *copy, why[128];
	size_t bad, line, col, start = 0;

	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		start = 3; /* editors on Windows add a BOM; it is not JSON */
	if ((bad = utf8_invalid_at(buf + start, len - start)) < len - start) {
		ld_locate(buf, buf + start + bad, &line, &col);
		diaglist_add(dl,
			     "%s:%zu:%zu: invalid UTF-8 (byte 0x%02X); rule "
			     "files are UTF-8",
			     label, line, col, (unsigned char)buf[start + bad]);
		return NULL;
	}
	if ((bad = json_check(buf + start, len - start, why, sizeof why)) !=
	    JSON_VALID) {
		/* columns count from after a byte order mark */
		ld_locate(buf + start, buf + start + bad, &line, &col);
		diaglist_add(dl, "%s:%zu:%zu: malformed JSON: %s", label, line,
			     col, why);
		return NULL;
	}
	if ((bad = nul_escape_at(buf + start, len - start)) < len - start) {
		ld_locate(buf + start, buf + start + bad, &line, &col);
		diaglist_add(dl,
			     "%s:%zu:%zu: a NUL character (\\u0000) is not "
			     "allowed in a rule-set string",
			     label, line, col);
		return NULL;
	}
	copy = xmalloc(len + 1);
	memcpy(copy, buf, len);
	copy[len] = '\0';
	root = cJSON_ParseWithLengthOpts(copy + start, len - start + 1, &end,
					 1);
	if (root && end != copy + len + 1 && end != copy + len) {
		/* A NUL byte inside the file ends cJSON's view early. */
		cJSON_Delete(root);
		root = NULL;
	}
	if (!root)
		malformed(label, copy, len, end ? end : cJSON_GetErrorPtr(),
			  dl);
	free(copy);
	return root;
}

/* The top-level object: version, name, then each section in the order
 * that lets later ones refer to earlier ones (fields before checks). */
static void
load_root(loader *ld, const cJSON *root)
{
	static const char *const keys[] = { "$schema",    "partnercheck",
					    "name",       "description",
					    "input",      "fields",
					    "checks",     "min_score",
					    "waivers",    "pairs",
					    "consortium", "contract",
					    "lineup",     NULL };
	static const struct {
		const char *key;
		void (*load)(loader *, const cJSON *);
	} sections[] = {
		{ "input", ld_input },       { "fields", ld_fields },
		{ "contract", ld_contract }, { "checks", ld_checks },
		{ "pairs", ld_pairs },       { "consortium", ld_consortium },
		{ "waivers", ld_waivers },
	};
	const cJSON *j;
	size_t i, old;
	double v;

	scan_duplicates(ld, root);
	ld_check_keys(ld, root, keys);
	if ((j = cJSON_GetObjectItemCaseSensitive(root, "partnercheck"))) {
		old = ld_push_key(ld, "partnercheck");
		if (!cJSON_IsNumber(j) || j->valuedouble != 1)
			ld_problem(ld,
				   "this is rule language version 1; found %s",
				   cJSON_IsNumber(j) ? "another version" :
						       ld_json_kind(j));
		ld_pop(ld, old);
	}
	ld->rs->name = ld_get_string(ld, root, "name", 0);
	if ((j = cJSON_GetObjectItemCaseSensitive(root, "description")) &&
	    !cJSON_IsString(j))
		ld_problem(ld, "description: expected a string, found %s",
			   ld_json_kind(j));
	for (i = 0; i < sizeof sections / sizeof *sections; i++)
		if ((j = cJSON_GetObjectItemCaseSensitive(root,
							  sections[i].key))) {
			old = ld_push_key(ld, sections[i].key);
			sections[i].load(ld, j);
			ld_pop(ld, old);
		}
	if (ld_get_number(ld, root, "min_score", &v) > 0) {
		if (v < 0 || v > 100) {
			old = ld_push_key(ld, "min_score");
			ld_problem(ld, "must be between 0 and 100");
			ld_pop(ld, old);
		} else {
			ld->rs->min_score = v;
			ld->rs->has_min_score = 1;
		}
	}
	ld->errors += rules_lineup_load(ld->label, root, ld->rs, ld->dl);
	cross_check(ld);
}

cJSON *
ld_parse_text(const char *label, const char *buf, size_t len, diaglist *dl)
{
	cJSON *root = parse_json(label, buf, len, dl);
	size_t pos = 0;

	if (root)
		find_inexact(root, buf, len, &pos);
	return root;
}

ruleset *
ld_load_doc(const char *label, const cJSON *root, ld_prov *prov, diaglist *dl)
{
	loader ld;

	memset(&ld, 0, sizeof ld);
	ld.label = label;
	ld.dl = dl;
	ld.prov = prov;
	sb_init(&ld.path);
	ld.rs = xcalloc(1, sizeof *ld.rs);
	ld.rs->delimiter = 0; /* not fixed: the reader finds it */
	ld.rs->enc = ENC_UTF8;
	if (!cJSON_IsObject(root)) {
		diaglist_add(dl, "%s:1:1: a rule set is a JSON object, not %s",
			     label, ld_json_kind(root));
		ld.errors++;
	} else {
		load_root(&ld, root);
	}
	if (ld.errors > MAX_PROBLEMS)
		diaglist_add(dl,
			     "%s: %d more problem%s not shown; fix the first "
			     "%d and lint again",
			     label, ld.errors - MAX_PROBLEMS,
			     ld.errors - MAX_PROBLEMS == 1 ? "" : "s",
			     MAX_PROBLEMS);
	sb_free(&ld.path);
	if (ld.errors) {
		rules_free(ld.rs);
		return NULL;
	}
	if (prov) {
		ld.rs->origins = prov->rules;
		ld.rs->norigins = prov->nrules;
		prov->rules = NULL;
		prov->nrules = 0;
	}
	return ld.rs;
}

ruleset *
rules_parse(const char *label, const char *buf, size_t len, diaglist *dl)
{
	cJSON *root = ld_parse_text(label, buf, len, dl), *doc;
	ld_prov prov;
	ruleset *rs;
	int failed = 0;

	if (!root)
		return NULL;
	if (!rx_layered(root)) {
		rs = ld_load_doc(label, root, NULL, dl);
		cJSON_Delete(root);
		return rs;
	}
	cJSON_Delete(root);
	memset(&prov, 0, sizeof prov);
	doc = rx_resolve_doc(label, buf, len, &prov, &failed, dl);
	rs = doc ? ld_load_doc(label, doc, &prov, dl) : NULL;
	if (failed) {
		rules_free(rs);
		rs = NULL;
	}
	cJSON_Delete(doc);
	ld_prov_free(&prov);
	return rs;
}

/* No rule set is this large (100,000 checks take about 10 MiB): a file
 * that goes on past it, such as /dev/zero named by -r or "extends", is
 * refused rather than read until memory runs out. */
#define MAX_RULES_BYTES ((size_t)64 << 20)

int
ld_read_file(const char *path, const char *label, strbuf *sb, diaglist *dl)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	size_t n;

	if (!f) {
		diaglist_add(dl, "%s:1: cannot open: %s", path,
			     strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		sb_add(sb, chunk, n);
		if (sb->len > MAX_RULES_BYTES) {
			diaglist_add(dl,
				     "%s:1: too large for a rule set (over "
				     "%zu MiB)",
				     label, MAX_RULES_BYTES >> 20);
			if (f != stdin)
				fclose(f);
			return -1;
		}
	}
	if (ferror(f)) {
		diaglist_add(dl, "%s:1: cannot read: %s", label,
			     strerror(errno));
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	return 0;
}

ruleset *
rules_load(const char *path, diaglist *dl)
{
	const char *label = strcmp(path, "-") ? path : "<stdin>";
	strbuf sb;
	ruleset *rs = NULL;

	sb_init(&sb);
	if (ld_read_file(path, label, &sb, dl) == 0)
		rs = rules_parse(label, sb.buf, sb.len, dl);
	sb_free(&sb);
	return rs;
}
