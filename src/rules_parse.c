#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "json_check.h"
#include "regex_guard.h"
#include "rules.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * Loading a rule set: JSON syntax first (located by line and column), then
 * every semantic problem, each located by a path such as checks[3].op.
 * Nothing stops at the first problem: lint reports them all.
 */

#define MAX_COND_DEPTH 64
/* Each problem names its whole path, so a hostile file of nested long keys
 * over a few thousand bad items would print gigabytes; past this many the
 * rest are only counted. */
#define MAX_PROBLEMS 100

typedef struct loader {
	const char *label;
	diaglist *dl;
	ruleset *rs;
	strbuf path;
	int errors;
	int pair_ctx; /* compiling a pairwise condition */
} loader;

static void
problem(loader *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
problem(loader *ld, const char *fmt, ...)
{
	strbuf sb;
	va_list ap;

	if (++ld->errors > MAX_PROBLEMS)
		return;
	sb_init(&sb);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (ld->path.len)
		diaglist_add(ld->dl, "%s: %s: %s", ld->label, ld->path.buf, sb.buf);
	else
		diaglist_add(ld->dl, "%s: %s", ld->label, sb.buf);
	sb_free(&sb);
}

/* Path bookkeeping: push returns the old length to pop back to. */
static size_t
push_key(loader *ld, const char *key)
{
	size_t old = ld->path.len;

	if (old)
		sb_addc(&ld->path, '.');
	sb_adds(&ld->path, key);
	return old;
}

static size_t
push_index(loader *ld, size_t i)
{
	size_t old = ld->path.len;

	sb_addf(&ld->path, "[%zu]", i);
	return old;
}

static void
pop(loader *ld, size_t old)
{
	ld->path.len = old;
	ld->path.buf[old] = '\0';
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The closest of names to s, if close enough to be a likely typo; none
 * once problems are only counted, as no message will show it. */
static const char *
suggest(const loader *ld, const char *s, const char *const *names)
{
	const char *best = NULL;
	size_t bestd = 3, i;

	if (ld->errors >= MAX_PROBLEMS)
		return NULL;
	for (i = 0; names[i]; i++)
		if (!strcasecmp(s, names[i]))  /* 'IN' is 'in', not '==' */
			return names[i];
	for (i = 0; names[i]; i++) {
		size_t d = edit_distance(s, names[i]);

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
	const char *s = suggest(ld, key, allowed);
	size_t old = push_key(ld, key);

	if (s)
		problem(ld, "unknown key '%s' (did you mean '%s'?)", key, s);
	else
		problem(ld, "unknown key '%s'", key);
	pop(ld, old);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A check id and the index of the check that has it. */
typedef struct id_at {
	const char *id;
	size_t at;
} id_at;

/* By id, then by index, so the first use of an id sorts first. */
static int
cmp_id_at(const void *a, const void *b)
{
	const id_at *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->at > y->at) - (x->at < y->at);
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
			problem(ld, "key '%s' appears more than once", names[i]);
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
			size_t old = push_key(ld, c->string ? c->string : "");

			scan_duplicates(ld, c);
			pop(ld, old);
		}
	} else if (cJSON_IsArray(node)) {
		for (c = node->child; c; c = c->next, i++) {
			size_t old = push_index(ld, i);

			scan_duplicates(ld, c);
			pop(ld, old);
		}
	}
}

static void
check_keys(loader *ld, const cJSON *obj, const char *const *allowed)
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

static const char *
json_kind(const cJSON *j)
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
 * it says, so both are refused. */
static int
exact_number(loader *ld, const cJSON *j)
{
	double v = j->valuedouble;

	if (!isfinite(v)) {
		problem(ld, "number is out of range");
		return 0;
	}
	if (fabs(v) >= 9007199254740992.0) {
		problem(ld, "number is too large to be represented exactly "
			"(2^53 or more)");
		return 0;
	}
	return 1;
}

/* Optional string member: returns a copy, NULL when absent or wrong. */
static char *
get_string(loader *ld, const cJSON *obj, const char *key, int required)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t old;

	if (!j) {
		if (required)
			problem(ld, "'%s' is required", key);
		return NULL;
	}
	if (!cJSON_IsString(j)) {
		old = push_key(ld, key);
		problem(ld, "expected a string, found %s", json_kind(j));
		pop(ld, old);
		return NULL;
	}
	return xstrdup(j->valuestring);
}

static int
get_number(loader *ld, const cJSON *obj, const char *key, double *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t old;

	if (!j)
		return 0;
	old = push_key(ld, key);
	if (!cJSON_IsNumber(j))
		problem(ld, "expected a number, found %s", json_kind(j));
	else if (exact_number(ld, j)) {
		*out = j->valuedouble;
		pop(ld, old);
		return 1;
	}
	pop(ld, old);
	return -1;
}

/* ---- fields ---- */

static char **
string_array(loader *ld, const cJSON *arr, size_t *n, int allow_empty)
{
	char **v;
	const cJSON *c;
	size_t i = 0;

	*n = 0;
	if (!cJSON_IsArray(arr)) {
		problem(ld, "expected an array of strings, found %s", json_kind(arr));
		return NULL;
	}
	v = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *v);
	for (c = arr->child; c; c = c->next, i++) {
		size_t old = push_index(ld, i);

		if (!cJSON_IsString(c))
			problem(ld, "expected a string, found %s", json_kind(c));
		else
			v[(*n)++] = xstrdup(c->valuestring);
		pop(ld, old);
	}
	if (!*n && !allow_empty)
		problem(ld, "the list is empty");
	return v;
}

static int
valid_field_name(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

static void
load_field(loader *ld, field_def *f, const char *name, const cJSON *j)
{
	static const char *const keys[] = { "type", "column", "levels",
		"values", "separator", "format", "description", NULL };
	static const char *const types[] = { "string", "integer", "number",
		"money", "percent", "boolean", "ordinal", "enum", "list",
		"date", NULL };
	const char *tname = NULL;
	int t;

	f->name = xstrdup(name);
	f->col = -1;
	if (!valid_field_name(name))
		problem(ld, "field name '%s' must start with a letter or '_' and "
			"hold only letters, digits, '_' and '.' (use \"column\" "
			"for the header text)", name);
	if (cJSON_IsString(j)) {
		tname = j->valuestring;
	} else if (cJSON_IsObject(j)) {
		const cJSON *tj = cJSON_GetObjectItemCaseSensitive(j, "type");

		check_keys(ld, j, keys);
		if (!tj)
			problem(ld, "'type' is required");
		else if (!cJSON_IsString(tj)) {
			size_t old = push_key(ld, "type");

			problem(ld, "expected a string, found %s", json_kind(tj));
			pop(ld, old);
		} else
			tname = tj->valuestring;
		f->column = get_string(ld, j, "column", 0);
	} else {
		problem(ld, "expected a type name or an object, found %s",
			json_kind(j));
		return;
	}
	if (!f->column)
		f->column = xstrdup(name);
	f->type.unknown = 1;
	if (!tname)
		return;
	t = field_type_from_name(tname);
	if (t < 0) {
		const char *s = suggest(ld, tname, types);
		size_t old = cJSON_IsObject(j) ? push_key(ld, "type") : ld->path.len;

		if (s)
			problem(ld, "unknown type '%s' (did you mean '%s'?)", tname, s);
		else
			problem(ld, "unknown type '%s' (known: string, integer, "
				"number, money, percent, boolean, ordinal, enum, "
				"list, date)", tname);
		pop(ld, old);
		return;
	}
	f->type.type = (field_type)t;
	f->type.unknown = 0;
	if (t == FT_ORDINAL || t == FT_ENUM) {
		const char *key = t == FT_ORDINAL ? "levels" : "values";
		const cJSON *lv = cJSON_IsObject(j) ?
			cJSON_GetObjectItemCaseSensitive(j, key) : NULL;

		if (!lv) {
			problem(ld, "%s field needs \"%s\": [...] (%s)", tname, key,
				t == FT_ORDINAL ? "lowest first, e.g. [\"D\", \"C\", "
				"\"B\", \"A\"]" : "the allowed values");
		} else {
			size_t old = push_key(ld, key);
			size_t a, b;

			f->type.levels = string_array(ld, lv, &f->type.nlevels, 0);
			for (a = 0; a < f->type.nlevels; a++)
				for (b = a + 1; b < f->type.nlevels; b++)
					if (!strcmp(f->type.levels[a], f->type.levels[b]))
						problem(ld, "'%s' is listed twice",
							f->type.levels[a]);
			pop(ld, old);
		}
	}
	if (cJSON_IsObject(j)) {
		char *sep = get_string(ld, j, "separator", 0);
		char *fmt = get_string(ld, j, "format", 0);

		if (sep && t != FT_LIST)
			problem(ld, "\"separator\" applies to list fields only");
		if (sep && !*sep) {
			size_t old = push_key(ld, "separator");

			problem(ld, "the separator is empty");
			pop(ld, old);
		}
		f->type.separator = sep;
		if (fmt && t != FT_DATE)
			problem(ld, "\"format\" applies to date fields only");
		if (fmt && t == FT_DATE) {
			char err[200];
			size_t old = push_key(ld, "format");

			if (date_format_check(fmt, err, sizeof err) < 0)
				problem(ld, "%s", err);
			pop(ld, old);
		}
		f->type.date_format = fmt;
		if (t != FT_ORDINAL && t != FT_ENUM &&
		    (cJSON_GetObjectItemCaseSensitive(j, "levels") ||
		     cJSON_GetObjectItemCaseSensitive(j, "values")))
			problem(ld, "\"levels\" and \"values\" apply to ordinal and "
				"enum fields only");
	}
	if (t == FT_LIST && !f->type.separator)
		f->type.separator = xstrdup(";");
}

static void
load_fields(loader *ld, const cJSON *obj)
{
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t n = 0;

	if (!cJSON_IsObject(obj)) {
		problem(ld, "expected an object mapping field names to types, "
			"found %s", json_kind(obj));
		return;
	}
	for (c = obj->child; c; c = c->next)
		n++;
	rs->fields = xcalloc(n, sizeof *rs->fields);
	for (c = obj->child; c; c = c->next) {
		size_t old = push_key(ld, c->string);
		field_def *f = &rs->fields[rs->nfields++];

		load_field(ld, f, c->string, c);
		pop(ld, old);
	}
}

/* ---- conditions ---- */

static const struct opname {
	const char *name;
	cond_op op;
} opnames[] = {
	{ "==", C_EQ }, { "!=", C_NE }, { "<", C_LT }, { "<=", C_LE },
	{ ">", C_GT }, { ">=", C_GE }, { "between", C_BETWEEN },
	{ "in", C_IN }, { "not in", C_NOT_IN }, { "contains", C_CONTAINS },
	{ "contains any", C_CONTAINS_ANY }, { "contains all", C_CONTAINS_ALL },
	{ "is empty", C_EMPTY }, { "is not empty", C_NOT_EMPTY },
	{ "present", C_PRESENT }, { "absent", C_ABSENT },
	{ "matches", C_MATCHES }, { "meets", C_MEETS }, { "apart", C_APART },
	{ "differ", C_DIFFER }, { "same", C_SAME },
	{ NULL, C_EQ }
};

/* Spellings people reach for, mapped to the operator they meant. */
static const struct {
	const char *alias;
	const char *op;
} opaliases[] = {
	{ "eq", "==" }, { "=", "==" }, { "ne", "!=" }, { "<>", "!=" },
	{ "lt", "<" }, { "le", "<=" }, { "lte", "<=" }, { "gt", ">" },
	{ "ge", ">=" }, { "gte", ">=" }, { "=>", ">=" }, { "=<", "<=" },
	{ "not_in", "not in" }, { "nin", "not in" }, { "regex", "matches" },
	{ "contains_any", "contains any" }, { "contains_all", "contains all" },
	{ "empty", "is empty" }, { "not empty", "is not empty" },
	{ "exists", "present" }, { "missing", "absent" }, { NULL, NULL }
};

const char *cond_op_name(cond_op op);

const char *
cond_op_name(cond_op op)
{
	size_t i;

	for (i = 0; opnames[i].name; i++)
		if (opnames[i].op == op)
			return opnames[i].name;
	switch (op) {
	case C_ALL: return "all";
	case C_ANY: return "any";
	case C_NOT: return "not";
	case C_BOTH: return "both";
	case C_EITHER: return "either";
	default: return "?";
	}
}

static int
find_op(loader *ld, const char *s, cond_op *op)
{
	const char *names[32];
	const char *hint = NULL;
	size_t i;

	for (i = 0; opnames[i].name; i++) {
		if (!strcmp(s, opnames[i].name)) {
			*op = opnames[i].op;
			return 0;
		}
		names[i] = opnames[i].name;
	}
	names[i] = NULL;
	for (i = 0; opaliases[i].alias; i++)
		if (!strcasecmp(s, opaliases[i].alias))
			hint = opaliases[i].op;
	if (!hint)
		hint = suggest(ld, s, names);
	if (hint)
		problem(ld, "unknown operator '%s' (did you mean '%s'?)", s, hint);
	else
		problem(ld, "unknown operator '%s'", s);
	return -1;
}

static int
lookup_field(void *ctx, const char *name, size_t len, field_type *type)
{
	const ruleset *rs = ctx;
	size_t i;

	for (i = 0; i < rs->nfields; i++)
		if (strlen(rs->fields[i].name) == len &&
		    !memcmp(rs->fields[i].name, name, len)) {
			*type = rs->fields[i].type.type;
			return (int)i;
		}
	return -1;
}

/* "5000000" -> "5,000,000": thresholds on money read as amounts. */
static void
group_thousands(strbuf *sb)
{
	strbuf out;
	size_t start = sb->buf[0] == '-', end = start, i;

	while (end < sb->len && sb->buf[end] >= '0' && sb->buf[end] <= '9')
		end++;
	if (end - start <= 3)
		return;
	sb_init(&out);
	sb_add(&out, sb->buf, start);
	for (i = start; i < end; i++) {
		if (i > start && (end - i) % 3 == 0)
			sb_addc(&out, ',');
		sb_addc(&out, sb->buf[i]);
	}
	sb_add(&out, sb->buf + end, sb->len - end);
	sb_reset(sb);
	sb_add(sb, out.buf, out.len);
	sb_free(&out);
}

/* "an integer", "a money": the type as a sentence names it. */
static const char *
with_article(field_type t)
{
	switch (t) {
	case FT_INTEGER: return "an integer";
	case FT_ENUM: return "an enum";
	case FT_ORDINAL: return "an ordinal";
	case FT_STRING: return "a string";
	case FT_NUMBER: return "a number";
	case FT_MONEY: return "a money";
	case FT_PERCENT: return "a percent";
	case FT_BOOLEAN: return "a boolean";
	case FT_LIST: return "a list";
	case FT_DATE: return "a date";
	}
	return "a";
}

/* Resolves one literal against the subject's type. */
static int
operand_from(loader *ld, const type_spec *t, const cJSON *j, operand *o)
{
	char err[200];
	item_vec iv = { NULL, 0, 0 };
	value v;
	int rc = -1;

	o->text = NULL;
	if (cJSON_IsNumber(j)) {
		strbuf sb;

		if (!exact_number(ld, j))
			return -1;
		sb_init(&sb);
		sb_addnum(&sb, j->valuedouble);
		if (t && t->type == FT_MONEY)
			group_thousands(&sb);
		o->len = sb.len;
		o->text = sb_detach(&sb);
		sb_free(&sb);
		o->num = j->valuedouble;
		if (!t || field_type_is_numeric(t->type))
			return 0;
		if (t->type == FT_STRING || t->type == FT_ENUM ||
		    t->type == FT_ORDINAL || t->type == FT_LIST)
			goto as_text;
		problem(ld, "expected %s for %s field, found a number",
			t->type == FT_BOOLEAN ? "true or false" : "a date string",
			with_article(t->type));
		return -1;
	}
	if (cJSON_IsBool(j)) {
		o->text = xstrdup(cJSON_IsTrue(j) ? "yes" : "no");
		o->len = strlen(o->text);
		o->num = cJSON_IsTrue(j);
		if (t && t->type == FT_BOOLEAN)
			return 0;
		problem(ld, "true/false compares with boolean fields only%s%s",
			t ? ", not " : "", t ? with_article(t->type) : "");
		return -1;
	}
	if (!cJSON_IsString(j)) {
		problem(ld, "expected a value, found %s", json_kind(j));
		return -1;
	}
	o->text = xstrdup(j->valuestring);
	o->len = strlen(o->text);
	if (!t) {
		problem(ld, "a formula compares with numbers, found a string");
		return -1;
	}
as_text:
	switch (t->type) {
	case FT_STRING:
	case FT_LIST:
		return 0;
	case FT_DATE:
		/* ISO always works in a rule file, whatever the CSV uses. */
		{
			long days;

			if (date_parse(NULL, o->text, o->len, &days) == 0 ||
			    (t->date_format &&
			     date_parse(t->date_format, o->text, o->len, &days) == 0)) {
				o->num = (double)days;
				return 0;
			}
			problem(ld, "'%s' is not a date (write YYYY-MM-DD)", o->text);
			return -1;
		}
	default:
		break;
	}
	if (value_parse(t, o->text, o->len, &v, &iv, err, sizeof err) < 0)
		problem(ld, "%s", err);
	else if (v.kind == V_MISSING)
		problem(ld, "the value is empty");
	else {
		o->num = v.num;
		rc = 0;
	}
	item_vec_free(&iv);
	return rc;
}

static int
op_fits(cond_op op, const type_spec *t)
{
	field_type ft = t ? t->type : FT_NUMBER; /* formulas are numbers */

	switch (op) {
	case C_EQ:
	case C_NE:
		return ft != FT_LIST;
	case C_LT: case C_LE: case C_GT: case C_GE: case C_BETWEEN:
		return field_type_is_numeric(ft) || ft == FT_DATE ||
		       ft == FT_ORDINAL;
	case C_IN:
	case C_NOT_IN:
		return ft != FT_LIST && ft != FT_BOOLEAN;
	case C_CONTAINS: case C_CONTAINS_ANY: case C_CONTAINS_ALL:
	case C_EMPTY: case C_NOT_EMPTY:
		return ft == FT_LIST;
	case C_PRESENT: case C_ABSENT: case C_MATCHES:
		return t != NULL;
	case C_APART:
		return field_type_is_numeric(ft) || ft == FT_DATE ||
		       ft == FT_ORDINAL;
	case C_MEETS:
		return ft == FT_LIST;
	case C_DIFFER:
	case C_SAME:
		return t != NULL;
	default:
		return 0;
	}
}

static cond *load_cond(loader *ld, const cJSON *j, int depth);

static void
load_kids(loader *ld, cond *c, const cJSON *arr, int depth)
{
	const cJSON *k;
	size_t i = 0, n;

	if (!cJSON_IsArray(arr) || !cJSON_GetArraySize(arr)) {
		problem(ld, "expected a non-empty array of conditions, found %s",
			cJSON_IsArray(arr) ? "an empty array" : json_kind(arr));
		return;
	}
	n = (size_t)cJSON_GetArraySize(arr);
	c->kids = xcalloc(n, sizeof *c->kids);
	for (k = arr->child; k; k = k->next, i++) {
		size_t old = push_index(ld, i);
		cond *kid = load_cond(ld, k, depth + 1);

		if (kid)
			c->kids[c->nkids++] = kid;
		pop(ld, old);
	}
}

static void
load_args(loader *ld, cond *c, const type_spec *t, const cJSON *val)
{
	size_t old = push_key(ld, "value");
	const cJSON *k;
	size_t i = 0;

	switch (c->op) {
	case C_BETWEEN:
	case C_IN:
	case C_NOT_IN:
	case C_CONTAINS_ANY:
	case C_CONTAINS_ALL:
		if (!cJSON_IsArray(val) || !cJSON_GetArraySize(val) ||
		    (c->op == C_BETWEEN && cJSON_GetArraySize(val) != 2)) {
			problem(ld, c->op == C_BETWEEN ?
				"'between' takes [low, high], found %s" :
				"'%s' takes a non-empty array, found %s",
				c->op == C_BETWEEN ? json_kind(val) : cond_op_name(c->op),
				cJSON_IsArray(val) && !val->child ?
				"an empty array" : json_kind(val));
			break;
		}
		c->args = xcalloc((size_t)cJSON_GetArraySize(val), sizeof *c->args);
		for (k = val->child; k; k = k->next, i++) {
			size_t o2 = push_index(ld, i);

			if (operand_from(ld, t, k, &c->args[c->nargs]) == 0)
				c->nargs++;
			else
				free(c->args[c->nargs].text);
			pop(ld, o2);
		}
		if (c->op == C_BETWEEN && c->nargs == 2 &&
		    c->args[0].num > c->args[1].num)
			problem(ld, "the low bound %s is above the high bound %s",
				c->args[0].text, c->args[1].text);
		break;
	default:
		if (cJSON_IsArray(val)) {
			problem(ld, "'%s' takes one value, found an array%s",
				cond_op_name(c->op),
				c->op == C_EQ ? " (use 'in')" :
				c->op == C_CONTAINS ? " (use 'contains any' or "
				"'contains all')" : "");
			break;
		}
		c->args = xcalloc(1, sizeof *c->args);
		if (operand_from(ld, t, val, &c->args[0]) == 0)
			c->nargs = 1;
		else
			free(c->args[0].text);
		break;
	}
	pop(ld, old);
}

static const char *const leaf_keys[] = { "field", "expr", "op", "value",
	"other", "by", "relative", NULL };

static void
load_leaf(loader *ld, cond *c, const cJSON *j)
{
	const cJSON *fj = cJSON_GetObjectItemCaseSensitive(j, "field");
	const cJSON *ej = cJSON_GetObjectItemCaseSensitive(j, "expr");
	const cJSON *oj = cJSON_GetObjectItemCaseSensitive(j, "op");
	const cJSON *vj = cJSON_GetObjectItemCaseSensitive(j, "value");
	const type_spec *t = NULL;
	int takes_value;
	size_t old;

	c->field = c->field2 = -1;
	check_keys(ld, j, leaf_keys);
	if (fj && ej) {
		problem(ld, "give either \"field\" or \"expr\", not both");
		return;
	}
	if (fj) {
		old = push_key(ld, "field");
		if (!cJSON_IsString(fj)) {
			problem(ld, "expected a field name, found %s", json_kind(fj));
		} else if ((c->field = rules_field(ld->rs, fj->valuestring)) < 0) {
			problem(ld, "unknown field '%s' (declare it under \"fields\")",
				fj->valuestring);
		} else {
			t = &ld->rs->fields[c->field].type;
			c->subject = xstrdup(fj->valuestring);
		}
		pop(ld, old);
		if (c->field < 0)
			return;
	} else if (ej) {
		char err[256];

		old = push_key(ld, "expr");
		if (!cJSON_IsString(ej))
			problem(ld, "expected a formula string, found %s",
				json_kind(ej));
		else if (!(c->expr = expr_compile(ej->valuestring, lookup_field,
						   ld->rs, err, sizeof err)))
			problem(ld, "%s", err);
		else
			c->subject = xstrdup(ej->valuestring);
		pop(ld, old);
		if (!c->expr)
			return;
	} else {
		problem(ld, "a condition needs \"field\" or \"expr\" (or one of "
			"all, any, not%s)", ld->pair_ctx ? ", both, either" : "");
		return;
	}
	if (!oj) {
		problem(ld, "'op' is required");
		return;
	}
	old = push_key(ld, "op");
	if (!cJSON_IsString(oj)) {
		problem(ld, "expected an operator string, found %s", json_kind(oj));
		pop(ld, old);
		return;
	}
	if (find_op(ld, oj->valuestring, &c->op) < 0) {
		pop(ld, old);
		return;
	}
	if (!ld->pair_ctx && (c->op == C_MEETS || c->op == C_APART ||
			      c->op == C_DIFFER || c->op == C_SAME)) {
		problem(ld, "'%s' compares two partners: use it in \"pairs\" rules",
			oj->valuestring);
		pop(ld, old);
		return;
	}
	if (ld->pair_ctx && c->op != C_MEETS && c->op != C_APART &&
	    c->op != C_DIFFER && c->op != C_SAME) {
		problem(ld, "'%s' looks at one partner: in a pairwise rule, wrap "
			"it in \"both\" or \"either\"", oj->valuestring);
		pop(ld, old);
		return;
	}
	if (c->expr && (c->op == C_PRESENT || c->op == C_ABSENT ||
			c->op == C_MATCHES || c->op == C_MEETS ||
			c->op == C_DIFFER || c->op == C_SAME)) {
		problem(ld, "'%s' needs a field, not a formula", oj->valuestring);
		pop(ld, old);
		return;
	}
	if (t && t->unknown) {  /* its declaration is wrong: said there */
		pop(ld, old);
		return;
	}
	if (!op_fits(c->op, t)) {
		if (t)
			problem(ld, "'%s' does not apply to %s field ('%s')",
				oj->valuestring, with_article(t->type), c->subject);
		else
			problem(ld, "'%s' does not apply to a formula, which is a "
				"number", oj->valuestring);
		pop(ld, old);
		return;
	}
	pop(ld, old);
	takes_value = !(c->op == C_EMPTY || c->op == C_NOT_EMPTY ||
			c->op == C_PRESENT || c->op == C_ABSENT ||
			c->op == C_MEETS || c->op == C_APART ||
			c->op == C_DIFFER || c->op == C_SAME);
	if (takes_value && !vj) {
		problem(ld, "'%s' needs a \"value\"", oj->valuestring);
		return;
	}
	if (!takes_value && vj) {
		old = push_key(ld, "value");
		problem(ld, "'%s' takes no value", oj->valuestring);
		pop(ld, old);
		return;
	}
	if (c->op == C_MATCHES) {
		char why[320];
		regex_dfa_error err;

		old = push_key(ld, "value");
		if (!cJSON_IsString(vj)) {
			problem(ld, "expected a regular expression string, found %s",
				json_kind(vj));
		} else if (regex_guard(vj->valuestring, why, sizeof why) < 0) {
			problem(ld, "regular expression '%s' %s", vj->valuestring,
				why);
		} else if (!(c->re = regex_dfa_compile(vj->valuestring, &err))) {
			if (err.pos)
				problem(ld, "regular expression '%s' does not "
					"compile at character %zu: %s",
					vj->valuestring, err.pos, err.msg);
			else
				problem(ld, "regular expression '%s' %s",
					vj->valuestring, err.msg);
		} else {
			c->args = xcalloc(1, sizeof *c->args);
			c->args[0].text = xstrdup(vj->valuestring);
			c->args[0].len = strlen(vj->valuestring);
			c->nargs = 1;
		}
		pop(ld, old);
		return;
	}
	if (takes_value)
		load_args(ld, c, t, vj);
	if (c->op == C_MEETS) {
		const cJSON *other = cJSON_GetObjectItemCaseSensitive(j, "other");

		old = push_key(ld, "other");
		if (!other)
			c->field2 = c->field;
		else if (!cJSON_IsString(other))
			problem(ld, "expected a field name, found %s", json_kind(other));
		else if ((c->field2 = rules_field(ld->rs, other->valuestring)) < 0)
			problem(ld, "unknown field '%s'", other->valuestring);
		else if (ld->rs->fields[c->field2].type.type != FT_LIST)
			problem(ld, "'meets' compares two list fields; '%s' is %s",
				other->valuestring,
				field_type_name(ld->rs->fields[c->field2].type.type));
		pop(ld, old);
	}
	if (c->op == C_APART) {
		const cJSON *by = cJSON_GetObjectItemCaseSensitive(j, "by");
		const cJSON *rel = cJSON_GetObjectItemCaseSensitive(j, "relative");

		old = push_key(ld, "by");
		if (!by) {
			problem(ld, "'apart' needs \"by\": a tolerance such as 2 or "
				"\"25%%\"");
		} else if (cJSON_IsNumber(by) && isfinite(by->valuedouble) &&
			   by->valuedouble >= 0) {
			c->tolerance = by->valuedouble;
		} else if (cJSON_IsString(by)) {
			size_t n = strlen(by->valuestring);

			if (n > 1 && by->valuestring[n - 1] == '%' &&
			    parse_decimal(by->valuestring, n - 1, &c->tolerance) == 0 &&
			    c->tolerance >= 0)
				c->relative = 1;
			else
				problem(ld, "'%s' is not a tolerance (a number, or a "
					"percentage such as \"25%%\")", by->valuestring);
		} else {
			problem(ld, "expected a non-negative number or \"N%%\", found "
				"%s", json_kind(by));
		}
		pop(ld, old);
		if (rel) {
			old = push_key(ld, "relative");
			if (!cJSON_IsBool(rel))
				problem(ld, "expected true or false");
			else if (cJSON_IsTrue(rel))
				c->relative = 1;
			pop(ld, old);
		}
	}
	if (!ld->pair_ctx || c->op != C_MEETS) {
		if (cJSON_GetObjectItemCaseSensitive(j, "other"))
			problem(ld, "\"other\" goes with 'meets' only");
	}
	if (c->op != C_APART && (cJSON_GetObjectItemCaseSensitive(j, "by") ||
				 cJSON_GetObjectItemCaseSensitive(j, "relative")))
		problem(ld, "\"by\" and \"relative\" go with 'apart' only");
}

static cond *
load_cond(loader *ld, const cJSON *j, int depth)
{
	static const char *const combos[] = { "all", "any", "not", "both",
		"either", NULL };
	cond *c;
	const cJSON *k;
	size_t i, found = 0;
	const char *which = NULL;

	if (depth > MAX_COND_DEPTH) {
		problem(ld, "conditions nested more than %d deep", MAX_COND_DEPTH);
		return NULL;
	}
	if (!cJSON_IsObject(j)) {
		problem(ld, "expected a condition object, found %s", json_kind(j));
		return NULL;
	}
	for (i = 0; combos[i]; i++)
		if (cJSON_GetObjectItemCaseSensitive(j, combos[i])) {
			found++;
			which = combos[i];
		}
	c = xcalloc(1, sizeof *c);
	c->field = c->field2 = -1;
	if (found > 1) {
		problem(ld, "give one of all, any, not, both, either per object");
		free(c);
		return NULL;
	}
	if (!found) {
		load_leaf(ld, c, j);
		return c;
	}
	for (k = j->child; k; k = k->next)
		if (strcmp(k->string, which)) {
			size_t old = push_key(ld, k->string);

			problem(ld, "'%s' cannot stand beside \"%s\"", k->string, which);
			pop(ld, old);
		}
	k = cJSON_GetObjectItemCaseSensitive(j, which);
	{
		size_t old = push_key(ld, which);

		if (!strcmp(which, "all") || !strcmp(which, "any")) {
			c->op = which[1] == 'l' ? C_ALL : C_ANY;
			load_kids(ld, c, k, depth);
		} else {
			int saved = ld->pair_ctx;

			c->op = !strcmp(which, "not") ? C_NOT :
				!strcmp(which, "both") ? C_BOTH : C_EITHER;
			if (c->op != C_NOT && !ld->pair_ctx)
				problem(ld, "'%s' compares two partners: use it in "
					"\"pairs\" rules", which);
			if (c->op != C_NOT)
				ld->pair_ctx = 0; /* inside: one partner at a time */
			c->kids = xcalloc(1, sizeof *c->kids);
			if ((c->kids[0] = load_cond(ld, k, depth + 1)))
				c->nkids = 1;
			ld->pair_ctx = saved;
		}
		pop(ld, old);
	}
	return c;
}

/* ---- checks ---- */

static int
load_severity(loader *ld, const cJSON *obj, severity *out)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, "severity");
	size_t old;
	int s;

	*out = SEV_FAIL;
	if (!j)
		return 0;
	old = push_key(ld, "severity");
	if (!cJSON_IsString(j) || (s = severity_from_name(j->valuestring)) < 0) {
		if (cJSON_IsString(j))
			problem(ld, "unknown severity '%s' (fail, warn or info)",
				j->valuestring);
		else
			problem(ld, "severity must be \"fail\", \"warn\" or \"info\"");
		pop(ld, old);
		return -1;
	}
	pop(ld, old);
	*out = (severity)s;
	return 0;
}

static void
load_check(loader *ld, check *ck, const cJSON *j)
{
	static const char *const keys[] = { "id", "title", "category",
		"severity", "weight", "rationale", "missing", "when", "field",
		"expr", "op", "value", "all", "any", "not", NULL };
	const cJSON *m, *w;
	cJSON *copy, *c;

	if (!cJSON_IsObject(j)) {
		problem(ld, "expected a check object, found %s", json_kind(j));
		return;
	}
	check_keys(ld, j, keys);
	ck->id = get_string(ld, j, "id", 1);
	ck->title = get_string(ld, j, "title", 0);
	ck->category = get_string(ld, j, "category", 0);
	ck->rationale = get_string(ld, j, "rationale", 0);
	load_severity(ld, j, &ck->sev);
	ck->weight = 1;
	if (get_number(ld, j, "weight", &ck->weight) > 0 && ck->weight < 0) {
		size_t old = push_key(ld, "weight");

		problem(ld, "weight must not be negative");
		pop(ld, old);
	}
	if ((m = cJSON_GetObjectItemCaseSensitive(j, "missing"))) {
		size_t old = push_key(ld, "missing");

		if (cJSON_IsString(m) && !strcmp(m->valuestring, "fail"))
			ck->missing = MISSING_FAIL;
		else if (cJSON_IsString(m) && !strcmp(m->valuestring, "pass"))
			ck->missing = MISSING_PASS;
		else if (cJSON_IsString(m) && !strcmp(m->valuestring, "skip"))
			ck->missing = MISSING_SKIP;
		else
			problem(ld, "missing must be \"fail\", \"pass\" or \"skip\"");
		pop(ld, old);
	}
	if ((w = cJSON_GetObjectItemCaseSensitive(j, "when"))) {
		size_t old = push_key(ld, "when");

		ck->when = load_cond(ld, w, 0);
		pop(ld, old);
	}
	/* The check object itself is the condition, minus its metadata. */
	copy = cJSON_CreateObject();
	if (!copy) {
		problem(ld, "out of memory");
		return;
	}
	for (c = j->child; c; c = c->next) {
		size_t i;
		static const char *const cond_keys[] = { "field", "expr", "op",
			"value", "all", "any", "not", NULL };

		for (i = 0; cond_keys[i]; i++)
			if (!strcmp(c->string, cond_keys[i]))
				cJSON_AddItemReferenceToObject(copy, c->string, c);
	}
	ck->test = load_cond(ld, copy, 0);
	cJSON_Delete(copy);
	if (!ck->category && ck->id) {
		const char *dot = strchr(ck->id, '.');

		ck->category = dot ? xstrndup(ck->id, (size_t)(dot - ck->id)) :
				     xstrdup("general");
	}
}

static void
load_checks(loader *ld, const cJSON *arr)
{
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t n, i = 0, a;
	id_at *ids;

	if (!cJSON_IsArray(arr)) {
		problem(ld, "expected an array of checks, found %s", json_kind(arr));
		return;
	}
	n = (size_t)cJSON_GetArraySize(arr);
	rs->checks = xcalloc(n, sizeof *rs->checks);
	for (c = arr->child; c; c = c->next, i++) {
		size_t old = push_index(ld, i);

		load_check(ld, &rs->checks[rs->nchecks++], c);
		pop(ld, old);
	}
	/* Unique ids, found by sorting so that 100,000 checks stay fast;
	 * each repeat is named at its own path, with the first use. */
	ids = xmalloc((n + 1) * sizeof *ids);
	for (i = 0, a = 0; i < rs->nchecks; i++)
		if (rs->checks[i].id)
			ids[a++] = (id_at){ rs->checks[i].id, i };
	qsort(ids, a, sizeof *ids, cmp_id_at);
	for (i = 1; i < a; i++) {
		size_t first = i - 1, old;

		if (strcmp(ids[i].id, ids[first].id))
			continue;
		while (first > 0 && !strcmp(ids[first - 1].id, ids[i].id))
			first--;
		old = push_index(ld, ids[i].at);
		push_key(ld, "id");
		problem(ld, "check id '%s' is used more than once (first by "
			"checks[%zu])", ids[i].id, ids[first].at);
		pop(ld, old);
	}
	free(ids);
	rs->categories = xcalloc(rs->nchecks + 1, sizeof *rs->categories);
	for (i = 0; i < rs->nchecks; i++) {
		const char *cat = rs->checks[i].category;

		rs->checks[i].cat = -1;
		if (!cat)
			continue;
		for (a = 0; a < rs->ncategories; a++)
			if (!strcmp(rs->categories[a], cat))
				break;
		if (a == rs->ncategories)
			rs->categories[rs->ncategories++] = rs->checks[i].category;
		rs->checks[i].cat = (int)a;
	}
}

/* ---- waivers, input, contract ---- */

static void
load_waivers(loader *ld, const cJSON *arr)
{
	static const char *const keys[] = { "partner", "rule", "reason",
		"expires", NULL };
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(arr)) {
		problem(ld, "expected an array of waivers, found %s", json_kind(arr));
		return;
	}
	rs->waivers = xcalloc((size_t)cJSON_GetArraySize(arr) + 1,
			      sizeof *rs->waivers);
	for (c = arr->child; c; c = c->next, i++) {
		size_t old = push_index(ld, i);
		waiver *w = &rs->waivers[rs->nwaivers];
		char *exp;

		if (!cJSON_IsObject(c)) {
			problem(ld, "expected a waiver object, found %s", json_kind(c));
			pop(ld, old);
			continue;
		}
		check_keys(ld, c, keys);
		w->partner = get_string(ld, c, "partner", 1);
		w->rule = get_string(ld, c, "rule", 1);
		w->reason = get_string(ld, c, "reason", 1);
		exp = get_string(ld, c, "expires", 0);
		if (exp) {
			size_t o2 = push_key(ld, "expires");

			if (date_parse(NULL, exp, strlen(exp), &w->expires) == 0)
				w->has_expiry = 1;
			else
				problem(ld, "'%s' is not a date (write YYYY-MM-DD)", exp);
			pop(ld, o2);
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
		pop(ld, old);
	}
}

static void
load_input(loader *ld, const cJSON *obj)
{
	static const char *const keys[] = { "delimiter", "encoding", "id",
		"name", NULL };
	ruleset *rs = ld->rs;
	char *s;

	if (!cJSON_IsObject(obj)) {
		problem(ld, "expected an object, found %s", json_kind(obj));
		return;
	}
	check_keys(ld, obj, keys);
	if ((s = get_string(ld, obj, "delimiter", 0))) {
		size_t old = push_key(ld, "delimiter");

		if (!strcmp(s, ",") || !strcmp(s, "comma"))
			rs->delimiter = ',';
		else if (!strcmp(s, ";") || !strcmp(s, "semicolon"))
			rs->delimiter = ';';
		else if (!strcmp(s, "\t") || !strcmp(s, "tab"))
			rs->delimiter = '\t';
		else
			problem(ld, "delimiter must be \",\", \";\" or \"\\t\" (or "
				"comma, semicolon, tab)");
		pop(ld, old);
		free(s);
	}
	if ((s = get_string(ld, obj, "encoding", 0))) {
		size_t old = push_key(ld, "encoding");
		int e = encoding_from_name(s);

		if (e < 0)
			problem(ld, "unknown encoding '%s' (known: utf-8, "
				"windows-1252, iso-8859-1)", s);
		else
			rs->enc = (encoding)e;
		pop(ld, old);
		free(s);
	}
	free(rs->id_column);
	free(rs->name_column);
	rs->id_column = get_string(ld, obj, "id", 0);
	rs->name_column = get_string(ld, obj, "name", 0);
}

static void
load_contract(loader *ld, const cJSON *obj)
{
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t n = 0;

	if (!cJSON_IsObject(obj)) {
		problem(ld, "expected an object, found %s", json_kind(obj));
		return;
	}
	for (c = obj->child; c; c = c->next)
		n++;
	rs->contract = xcalloc(n + 1, sizeof *rs->contract);
	for (c = obj->child; c; c = c->next) {
		size_t old = push_key(ld, c->string);
		contract_value *cv = &rs->contract[rs->ncontract];

		if (cJSON_IsNumber(c)) {
			if (!exact_number(ld, c)) {
				pop(ld, old);
				continue;
			}
			cv->is_num = 1;
			cv->num = c->valuedouble;
		} else if (cJSON_IsArray(c)) {
			cv->items = string_array(ld, c, &cv->nitems, 1);
		} else if (cJSON_IsString(c)) {
			cv->text = xstrdup(c->valuestring);
		} else if (cJSON_IsNull(c)) {
			/* declared but not set: rules that need it do not
			 * apply until --set gives it */
		} else {
			problem(ld, "expected a number, a string, an array of "
				"strings or null, found %s", json_kind(c));
			pop(ld, old);
			continue;
		}
		cv->key = xstrdup(c->string);
		rs->ncontract++;
		pop(ld, old);
	}
}

/* ---- pairs and consortium ---- */

static void
load_pairs(loader *ld, const cJSON *arr)
{
	static const char *const keys[] = { "id", "title", "severity",
		"rationale", "field", "expr", "op", "value", "other", "by",
		"relative", "all", "any", "not", "both", "either", NULL };
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(arr)) {
		problem(ld, "expected an array of pairwise rules, found %s",
			json_kind(arr));
		return;
	}
	rs->pairs = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *rs->pairs);
	for (c = arr->child; c; c = c->next, i++) {
		size_t old = push_index(ld, i);
		pair_rule *pr = &rs->pairs[rs->npairs++];
		cJSON *copy, *k;

		if (!cJSON_IsObject(c)) {
			problem(ld, "expected a rule object, found %s", json_kind(c));
			pop(ld, old);
			continue;
		}
		check_keys(ld, c, keys);
		pr->id = get_string(ld, c, "id", 1);
		pr->title = get_string(ld, c, "title", 0);
		pr->rationale = get_string(ld, c, "rationale", 0);
		load_severity(ld, c, &pr->sev);
		/* The rule object is its condition too; unknown keys were
		 * reported above, so only condition keys go on. */
		copy = cJSON_CreateObject();
		for (k = c->child; copy && k; k = k->next) {
			size_t ki;

			for (ki = 4; keys[ki]; ki++)
				if (!strcmp(k->string, keys[ki]))
					break;
			if (keys[ki])
				cJSON_AddItemReferenceToObject(copy, k->string, k);
		}
		ld->pair_ctx = 1;
		pr->test = copy ? load_cond(ld, copy, 0) : NULL;
		ld->pair_ctx = 0;
		cJSON_Delete(copy);
		pop(ld, old);
	}
}

static void
load_bound(loader *ld, const cJSON *obj, const char *key, double *v, int *has,
	   char **ref)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t old;

	if (!j)
		return;
	old = push_key(ld, key);
	if (cJSON_IsNumber(j)) {
		if (exact_number(ld, j)) {
			*v = j->valuedouble;
			*has = 1;
		}
	} else if (cJSON_IsString(j) && !strncmp(j->valuestring, "contract.", 9) &&
		   j->valuestring[9]) {
		*ref = xstrdup(j->valuestring + 9);
		*has = 1;
	} else {
		problem(ld, "expected a number or \"contract.KEY\"");
	}
	pop(ld, old);
}

static int
list_field(loader *ld, const cJSON *j)
{
	int f;

	if (!cJSON_IsString(j)) {
		problem(ld, "expected a field name, found %s", json_kind(j));
		return -1;
	}
	f = rules_field(ld->rs, j->valuestring);
	if (f < 0)
		problem(ld, "unknown field '%s'", j->valuestring);
	else if (ld->rs->fields[f].type.type != FT_LIST)
		problem(ld, "'%s' is not a list field", j->valuestring);
	else
		return f;
	return -1;
}

static void
load_cons_rule(loader *ld, cons_rule *cr, const cJSON *c)
{
	static const char *const keys[] = { "id", "title", "severity",
		"rationale", "message", "aggregate", "field", "fields", "where",
		"min", "max", "required", NULL };
	static const char *const aggs[] = { "count", "sum", "min", "max",
		"coverage", "distinct", NULL };
	const cJSON *a, *f, *w, *req;
	size_t old;

	check_keys(ld, c, keys);
	cr->id = get_string(ld, c, "id", 1);
	cr->title = get_string(ld, c, "title", 0);
	cr->rationale = get_string(ld, c, "rationale", 0);
	cr->message = get_string(ld, c, "message", 0);
	cr->field = -1;
	load_severity(ld, c, &cr->sev);
	a = cJSON_GetObjectItemCaseSensitive(c, "aggregate");
	if (!a) {
		problem(ld, "'aggregate' is required (count, sum, min, max, "
			"coverage or distinct)");
		return;
	}
	old = push_key(ld, "aggregate");
	if (!cJSON_IsString(a)) {
		problem(ld, "expected a string, found %s", json_kind(a));
		pop(ld, old);
		return;
	} else if (!strcmp(a->valuestring, "count"))
		cr->kind = AGG_COUNT;
	else if (!strcmp(a->valuestring, "sum"))
		cr->kind = AGG_SUM;
	else if (!strcmp(a->valuestring, "min"))
		cr->kind = AGG_MIN;
	else if (!strcmp(a->valuestring, "max"))
		cr->kind = AGG_MAX;
	else if (!strcmp(a->valuestring, "coverage"))
		cr->kind = AGG_COVERAGE;
	else if (!strcmp(a->valuestring, "distinct"))
		cr->kind = AGG_DISTINCT;
	else {
		const char *s = suggest(ld, a->valuestring, aggs);

		problem(ld, "unknown aggregate '%s'%s%s%s", a->valuestring,
			s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
		pop(ld, old);
		return;
	}
	pop(ld, old);
	f = cJSON_GetObjectItemCaseSensitive(c, "field");
	w = cJSON_GetObjectItemCaseSensitive(c, "where");
	if (w && cr->kind != AGG_COUNT) {
		problem(ld, "\"where\" goes with the count aggregate only");
	} else if (w) {
		old = push_key(ld, "where");
		cr->where = load_cond(ld, w, 0);
		pop(ld, old);
		cr->kind = AGG_COUNT_WHERE;
	}
	if (cr->kind == AGG_SUM || cr->kind == AGG_MIN || cr->kind == AGG_MAX) {
		old = push_key(ld, "field");
		if (!f)
			problem(ld, "is required for %s", a->valuestring);
		else if (!cJSON_IsString(f))
			problem(ld, "expected a field name, found %s", json_kind(f));
		else if ((cr->field = rules_field(ld->rs, f->valuestring)) < 0)
			problem(ld, "unknown field '%s'", f->valuestring);
		else if (!field_type_is_numeric(ld->rs->fields[cr->field].type.type))
			problem(ld, "'%s' is not a numeric field", f->valuestring);
		pop(ld, old);
	}
	if (cr->kind == AGG_COVERAGE) {
		old = push_key(ld, "field");
		if (!f)
			problem(ld, "is required for coverage");
		else
			cr->field = list_field(ld, f);
		pop(ld, old);
		req = cJSON_GetObjectItemCaseSensitive(c, "required");
		old = push_key(ld, "required");
		if (!req)
			problem(ld, "coverage needs a list or \"contract.KEY\"");
		else if (cJSON_IsString(req) &&
			 !strncmp(req->valuestring, "contract.", 9) &&
			 req->valuestring[9])
			cr->required_ref = xstrdup(req->valuestring + 9);
		else if (cJSON_IsArray(req))
			cr->required = string_array(ld, req, &cr->nrequired, 1);
		else
			problem(ld, "expected an array of strings or \"contract.KEY\"");
		pop(ld, old);
	} else if (cJSON_GetObjectItemCaseSensitive(c, "required")) {
		problem(ld, "\"required\" goes with coverage only");
	}
	if (cr->kind == AGG_DISTINCT) {
		const cJSON *fs = cJSON_GetObjectItemCaseSensitive(c, "fields");
		const cJSON *k;
		size_t i = 0;

		old = push_key(ld, "fields");
		if (!fs || !cJSON_IsArray(fs) || !cJSON_GetArraySize(fs)) {
			problem(ld, "distinct needs \"fields\": a non-empty array of "
				"list fields");
		} else {
			cr->fields = xcalloc((size_t)cJSON_GetArraySize(fs),
					     sizeof *cr->fields);
			for (k = fs->child; k; k = k->next, i++) {
				size_t o2 = push_index(ld, i);
				int fi = list_field(ld, k);

				if (fi >= 0)
					cr->fields[cr->nfields++] = fi;
				pop(ld, o2);
			}
		}
		pop(ld, old);
	} else if (cJSON_GetObjectItemCaseSensitive(c, "fields")) {
		problem(ld, "\"fields\" goes with distinct only");
	}
	if (f && cr->kind != AGG_SUM && cr->kind != AGG_MIN &&
	    cr->kind != AGG_MAX && cr->kind != AGG_COVERAGE)
		problem(ld, "\"field\" does not go with %s", a->valuestring);
	load_bound(ld, c, "min", &cr->min, &cr->has_min, &cr->min_ref);
	load_bound(ld, c, "max", &cr->max, &cr->has_max, &cr->max_ref);
	if ((cr->kind == AGG_COVERAGE || cr->kind == AGG_DISTINCT) &&
	    (cr->has_min || cr->has_max))
		problem(ld, "\"min\" and \"max\" do not go with %s", a->valuestring);
	if (cr->kind != AGG_COVERAGE && cr->kind != AGG_DISTINCT &&
	    !cr->has_min && !cr->has_max)
		problem(ld, "give \"min\", \"max\" or both");
	if (cr->has_min && cr->has_max && !cr->min_ref && !cr->max_ref &&
	    cr->min > cr->max)
		problem(ld, "min is above max");
}

static void
load_consortium(loader *ld, const cJSON *arr)
{
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(arr)) {
		problem(ld, "expected an array of consortium rules, found %s",
			json_kind(arr));
		return;
	}
	rs->cons = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *rs->cons);
	for (c = arr->child; c; c = c->next, i++) {
		size_t old = push_index(ld, i);

		if (!cJSON_IsObject(c))
			problem(ld, "expected a rule object, found %s", json_kind(c));
		else
			load_cons_rule(ld, &rs->cons[rs->ncons++], c);
		pop(ld, old);
	}
}

/* Waivers and contract references name rules and keys that must exist. */
static void
cross_check(loader *ld)
{
	ruleset *rs = ld->rs;
	size_t i;

	for (i = 0; i < rs->nwaivers; i++) {
		const waiver *w = &rs->waivers[i];

		if (w->rule && rules_check(rs, w->rule) < 0) {
			sb_addf(&ld->path, "waivers[%zu].rule", i);
			problem(ld, "no check has the id '%s'", w->rule);
			pop(ld, 0);
		}
	}
}

static void
locate(const char *buf, const char *at, size_t *line, size_t *col)
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

ruleset *
rules_parse(const char *label, const char *buf, size_t len, diaglist *dl)
{
	static const char *const keys[] = { "$schema", "partnercheck", "name",
		"description", "input", "fields", "checks", "min_score",
		"waivers", "pairs", "consortium", "contract", NULL };
	loader ld;
	cJSON *root;
	const cJSON *j;
	const char *end = NULL;
	char *copy, why[128];
	size_t bad, line, col, start = 0;

	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		start = 3; /* editors on Windows add a BOM; it is not JSON */
	if ((bad = utf8_invalid_at(buf + start, len - start)) < len - start) {
		locate(buf, buf + start + bad, &line, &col);
		diaglist_add(dl, "%s:%zu:%zu: invalid UTF-8 (byte 0x%02X); rule "
			     "files are UTF-8", label, line, col,
			     (unsigned char)buf[start + bad]);
		return NULL;
	}
	if ((bad = json_check(buf + start, len - start, why, sizeof why)) !=
	    JSON_VALID) {
		/* columns count from after a byte order mark */
		locate(buf + start, buf + start + bad, &line, &col);
		diaglist_add(dl, "%s:%zu:%zu: malformed JSON: %s", label, line,
			     col, why);
		return NULL;
	}
	copy = xmalloc(len + 1);
	memcpy(copy, buf, len);
	copy[len] = '\0';
	root = cJSON_ParseWithLengthOpts(copy + start, len - start + 1, &end, 1);
	if (root && end != copy + len + 1 && end != copy + len) {
		/* A NUL byte inside the file ends cJSON's view early. */
		cJSON_Delete(root);
		root = NULL;
	}
	if (!root) {
		const char *at = end ? end : cJSON_GetErrorPtr();

		if (!at || at < copy || at > copy + len)
			at = copy + len;
		/* cJSON may point at the blank before the offending token. */
		while (at < copy + len && (*at == ' ' || *at == '\t' ||
					   *at == '\r' || *at == '\n'))
			at++;
		locate(copy, at, &line, &col);
		if (at >= copy + len)
			diaglist_add(dl, "%s:%zu:%zu: malformed JSON: unexpected end "
				     "of file", label, line, col);
		else if (!*at)
			diaglist_add(dl, "%s:%zu:%zu: malformed JSON: NUL byte",
				     label, line, col);
		else if ((unsigned char)*at < 0x20)
			diaglist_add(dl, "%s:%zu:%zu: malformed JSON: control "
				     "character 0x%02X", label, line, col,
				     (unsigned char)*at);
		else
			diaglist_add(dl, "%s:%zu:%zu: malformed JSON near '%.*s'",
				     label, line, col,
				     (int)(((unsigned char)*at & 0x80) ? 1 :
					   strcspn(at, " \t\r\n,:[]{}") > 20 ? 20 :
					   strcspn(at, " \t\r\n,:[]{}") ?
					   strcspn(at, " \t\r\n,:[]{}") : 1), at);
		free(copy);
		return NULL;
	}
	free(copy);
	memset(&ld, 0, sizeof ld);
	ld.label = label;
	ld.dl = dl;
	sb_init(&ld.path);
	ld.rs = xcalloc(1, sizeof *ld.rs);
	ld.rs->delimiter = ',';
	ld.rs->enc = ENC_UTF8;
	if (!cJSON_IsObject(root)) {
		diaglist_add(dl, "%s:1:1: a rule set is a JSON object, not %s",
			     label, json_kind(root));
		ld.errors++;
		goto out;
	}
	scan_duplicates(&ld, root);
	check_keys(&ld, root, keys);
	if ((j = cJSON_GetObjectItemCaseSensitive(root, "partnercheck"))) {
		size_t old = push_key(&ld, "partnercheck");

		if (!cJSON_IsNumber(j) || j->valuedouble != 1)
			problem(&ld, "this is rule language version 1; found %s",
				cJSON_IsNumber(j) ? "another version" : json_kind(j));
		pop(&ld, old);
	}
	ld.rs->name = get_string(&ld, root, "name", 0);
	if ((j = cJSON_GetObjectItemCaseSensitive(root, "description")) &&
	    !cJSON_IsString(j))
		problem(&ld, "description: expected a string, found %s",
			json_kind(j));
#define SECTION(key, fn)                                                   \
	if ((j = cJSON_GetObjectItemCaseSensitive(root, key))) {          \
		size_t old = push_key(&ld, key);                            \
		fn(&ld, j);                                                 \
		pop(&ld, old);                                              \
	}
	SECTION("input", load_input)
	SECTION("fields", load_fields)
	SECTION("contract", load_contract)
	SECTION("checks", load_checks)
	SECTION("pairs", load_pairs)
	SECTION("consortium", load_consortium)
	SECTION("waivers", load_waivers)
#undef SECTION
	if ((j = cJSON_GetObjectItemCaseSensitive(root, "min_score"))) {
		double v;

		if (get_number(&ld, root, "min_score", &v) > 0) {
			if (v < 0 || v > 100) {
				size_t old = push_key(&ld, "min_score");

				problem(&ld, "must be between 0 and 100");
				pop(&ld, old);
			} else {
				ld.rs->min_score = v;
				ld.rs->has_min_score = 1;
			}
		}
	}
	cross_check(&ld);
	if (ld.errors > MAX_PROBLEMS)
		diaglist_add(dl, "%s: %d more problem%s not shown; fix the first "
			     "%d and lint again", label, ld.errors - MAX_PROBLEMS,
			     ld.errors - MAX_PROBLEMS == 1 ? "" : "s", MAX_PROBLEMS);
out:
	cJSON_Delete(root);
	sb_free(&ld.path);
	if (ld.errors) {
		rules_free(ld.rs);
		return NULL;
	}
	return ld.rs;
}

ruleset *
rules_load(const char *path, diaglist *dl)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	const char *label = strcmp(path, "-") ? path : "<stdin>";
	strbuf sb;
	char chunk[65536];
	size_t n;
	ruleset *rs;

	if (!f) {
		diaglist_add(dl, "%s:1: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	sb_init(&sb);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_add(&sb, chunk, n);
	if (ferror(f)) {
		diaglist_add(dl, "%s:1: cannot read: %s", label, strerror(errno));
		if (f != stdin)
			fclose(f);
		sb_free(&sb);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	rs = rules_parse(label, sb.buf, sb.len, dl);
	sb_free(&sb);
	return rs;
}
