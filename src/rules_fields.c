#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "rules_load.h"
#include "textkey.h"
#include "xalloc.h"

/*
 * The "fields" section: each field's name, CSV column and type, with the
 * options a type takes (levels, values, separator, date format).
 */

static int
valid_field_name(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	      *s == '_'))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

/* A field's "label": words for people, printed in reports in place of
 * the name, so it must read on one line: not blank, no control
 * characters (C0, DEL, C1), no more than LABEL_MAX bytes. */
#define LABEL_MAX 200

static void
load_label(loader *ld, field_def *f, const cJSON *j)
{
	char *s = ld_get_string(ld, j, "label", 0);
	const unsigned char *p;
	size_t old;

	if (!s)
		return;
	old = ld_push_key(ld, "label");
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f ||
		    (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			break;
	if (*p)
		ld_problem(ld,
			   "the label holds a control character (at byte "
			   "%zu); a label is one line of text",
			   (size_t)(p - (const unsigned char *)s));
	else if (text_key_blank(s, strlen(s)))
		ld_problem(ld, "the label is blank");
	else if (strlen(s) > LABEL_MAX)
		ld_problem(ld, "the label is %zu bytes long; at most %d",
			   strlen(s), LABEL_MAX);
	else {
		f->label = s;
		s = NULL;
	}
	ld_pop(ld, old);
	free(s);
}

/*
 * The type name of the declaration j of field f ("number", or an object
 * with "type"), into *tname (NULL when it has none); also reads
 * "column".  Returns -1 when j is neither a name nor an object.
 */
static int
field_decl(loader *ld, field_def *f, const cJSON *j, const char **tname)
{
	static const char *const keys[] = { "type",   "column", "levels",
					    "values", "items",  "separator",
					    "format", "scale",  "description",
					    "label",  NULL };
	const cJSON *tj;

	*tname = NULL;
	if (cJSON_IsString(j)) {
		*tname = j->valuestring;
		return 0;
	}
	if (!cJSON_IsObject(j)) {
		ld_problem(ld, "expected a type name or an object, found %s",
			   ld_json_kind(j));
		return -1;
	}
	tj = cJSON_GetObjectItemCaseSensitive(j, "type");
	ld_check_keys(ld, j, keys);
	if (!tj) {
		ld_problem(ld, "'type' is required");
	} else if (!cJSON_IsString(tj)) {
		size_t old = ld_push_key(ld, "type");

		ld_problem(ld, "expected a string, found %s", ld_json_kind(tj));
		ld_pop(ld, old);
	} else {
		*tname = tj->valuestring;
	}
	f->column = ld_get_string(ld, j, "column", 0);
	load_label(ld, f, j);
	return 0;
}

/* The field_type that tname names, or -1 after a problem at the type. */
static int
field_type_of(loader *ld, const char *tname, const cJSON *j)
{
	static const char *const types[] = { "string",  "integer", "number",
					     "money",   "percent", "boolean",
					     "ordinal", "enum",    "list",
					     "date",    NULL };
	int t = field_type_from_name(tname);
	const char *s;
	size_t old;

	if (t >= 0)
		return t;
	s = ld_suggest(ld, tname, types);
	old = cJSON_IsObject(j) ? ld_push_key(ld, "type") : ld->path.len;
	if (s)
		ld_problem(ld, "unknown type '%s' (did you mean '%s'?)", tname,
			   s);
	else
		ld_problem(ld,
			   "unknown type '%s' (known: string, integer, "
			   "number, money, percent, boolean, ordinal, enum, "
			   "list, date)",
			   tname);
	ld_pop(ld, old);
	return -1;
}

/* An ordinal's "levels" or an enum's "values": required, each once. */
static void
load_levels(loader *ld, field_def *f, const char *tname, const cJSON *j)
{
	int ordinal = f->type.type == FT_ORDINAL;
	const char *key = ordinal ? "levels" : "values";
	const cJSON *lv = cJSON_IsObject(j) ?
			      cJSON_GetObjectItemCaseSensitive(j, key) :
			      NULL;
	size_t old, a, b;

	if (!lv) {
		ld_problem(ld, "%s field needs \"%s\": [...] (%s)", tname, key,
			   ordinal ? "lowest first, e.g. [\"D\", \"C\", \"B\", "
				     "\"A\"]" :
				     "the allowed values");
		return;
	}
	old = ld_push_key(ld, key);
	f->type.levels = ld_string_array(ld, lv, &f->type.nlevels, 0);
	for (a = 0; a < f->type.nlevels; a++)
		for (b = a + 1; b < f->type.nlevels; b++)
			if (!strcmp(f->type.levels[a], f->type.levels[b]))
				ld_problem(ld, "'%s' is listed twice",
					   f->type.levels[a]);
	ld_pop(ld, old);
}

/* A list's "items": its vocabulary, each item once (by key, as cells are
 * matched against it). */
static void
load_items(loader *ld, field_def *f, const cJSON *j)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(j, "items");
	size_t old, a, b;

	if (!it)
		return;
	old = ld_push_key(ld, "items");
	if (f->type.type != FT_LIST) {
		ld_problem(ld, "\"items\" applies to list fields only");
		ld_pop(ld, old);
		return;
	}
	f->type.items = ld_string_array(ld, it, &f->type.nitems, 0);
	for (b = 0; b < f->type.nitems; b++) {
		size_t at = ld_push_index(ld, b);
		const char *s = f->type.items[b];

		if (text_key_blank(s, strlen(s)))
			ld_problem(ld, "the item is blank");
		for (a = 0; a < b; a++)
			if (text_key_eq(f->type.items[a],
					strlen(f->type.items[a]), s,
					strlen(s))) {
				ld_problem(ld,
					   "'%s' is '%s' again (items compare "
					   "ignoring letter case and blanks)",
					   s, f->type.items[a]);
				break;
			}
		ld_pop(ld, at);
	}
	ld_pop(ld, old);
}

/* A percent's "scale": "percent" (62 is 62%, the default) or "fraction"
 * (0.62 is 62%, as spreadsheets export a cell formatted as a percentage). */
static void
load_scale(loader *ld, field_def *f, const cJSON *j)
{
	char *sc = ld_get_string(ld, j, "scale", 0);
	size_t old;

	if (!sc)
		return;
	old = ld_push_key(ld, "scale");
	if (f->type.type != FT_PERCENT)
		ld_problem(ld, "\"scale\" applies to percent fields only");
	else if (!strcmp(sc, "fraction"))
		f->type.fraction = 1;
	else if (strcmp(sc, "percent"))
		ld_problem(ld,
			   "scale must be \"percent\" or \"fraction\", not "
			   "'%s'",
			   sc);
	ld_pop(ld, old);
	free(sc);
}

/* The options of a type given as an object: "separator" for lists,
 * "format" for dates; and "levels"/"values" where they do not belong. */
static void
load_type_options(loader *ld, field_def *f, const cJSON *j)
{
	field_type t = f->type.type;
	char *sep = ld_get_string(ld, j, "separator", 0);
	char *fmt = ld_get_string(ld, j, "format", 0);
	size_t old;

	if (sep && t != FT_LIST)
		ld_problem(ld, "\"separator\" applies to list fields only");
	if (sep && !*sep) {
		old = ld_push_key(ld, "separator");
		ld_problem(ld, "the separator is empty");
		ld_pop(ld, old);
	}
	f->type.separator = sep;
	load_items(ld, f, j);
	load_scale(ld, f, j);
	if (fmt && t != FT_DATE)
		ld_problem(ld, "\"format\" applies to date fields only");
	if (fmt && t == FT_DATE) {
		char err[200];

		old = ld_push_key(ld, "format");
		if (date_format_check(fmt, err, sizeof err) < 0)
			ld_problem(ld, "%s", err);
		ld_pop(ld, old);
	}
	f->type.date_format = fmt;
	if (t != FT_ORDINAL && t != FT_ENUM &&
	    (cJSON_GetObjectItemCaseSensitive(j, "levels") ||
	     cJSON_GetObjectItemCaseSensitive(j, "values")))
		ld_problem(ld, "\"levels\" and \"values\" apply to ordinal and "
			       "enum fields only");
}

static void
load_field(loader *ld, field_def *f, const char *name, const cJSON *j)
{
	const char *tname;
	int t;

	f->name = xstrdup(name);
	if (!valid_field_name(name))
		ld_problem(
		    ld,
		    "field name '%s' must start with a letter or '_' and "
		    "hold only letters, digits, '_' and '.' (use \"column\" "
		    "for the header text)",
		    name);
	if (field_decl(ld, f, j, &tname) < 0)
		return;
	if (!f->column)
		f->column = xstrdup(name);
	/* until the type is known, conditions on the field say nothing */
	f->type.unknown = 1;
	if (!tname || (t = field_type_of(ld, tname, j)) < 0)
		return;
	f->type.type = (field_type)t;
	f->type.unknown = 0;
	if (t == FT_ORDINAL || t == FT_ENUM)
		load_levels(ld, f, tname, j);
	if (cJSON_IsObject(j))
		load_type_options(ld, f, j);
	if (t == FT_LIST && !f->type.separator)
		f->type.separator = xstrdup(";");
}

void
ld_fields(loader *ld, const cJSON *obj)
{
	ruleset *rs = ld->rs;
	const cJSON *c;
	size_t n = 0;

	if (!cJSON_IsObject(obj)) {
		ld_problem(ld,
			   "expected an object mapping field names to types, "
			   "found %s",
			   ld_json_kind(obj));
		return;
	}
	for (c = obj->child; c; c = c->next)
		n++;
	rs->fields = xcalloc(n, sizeof *rs->fields);
	for (c = obj->child; c; c = c->next) {
		size_t old = ld_push_key(ld, c->string);
		field_def *f = &rs->fields[rs->nfields++];
		size_t k;

		load_field(ld, f, c->string, c);
		/* a report that says one label for two fields cannot be
		 * read back */
		for (k = 0; f->label && k + 1 < rs->nfields; k++)
			if (rs->fields[k].label &&
			    !strcmp(rs->fields[k].label, f->label)) {
				size_t at = ld_push_key(ld, "label");

				ld_problem(ld,
					   "'%s' is already the label of field "
					   "'%s'",
					   f->label, rs->fields[k].name);
				ld_pop(ld, at);
				break;
			}
		ld_pop(ld, old);
	}
}
