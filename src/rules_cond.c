#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "ops.h"
#include "regex_dfa.h"
#include "regex_guard.h"
#include "rules_load.h"
#include "xalloc.h"

/*
 * Conditions: combinators (all, any, not, both, either) and leaves (a field
 * or formula, an operator, its value).  What each operator takes and fits
 * comes from the operator table (ops.h), not from code here.
 */

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
	case FT_INTEGER:
		return "an integer";
	case FT_ENUM:
		return "an enum";
	case FT_ORDINAL:
		return "an ordinal";
	case FT_STRING:
		return "a string";
	case FT_NUMBER:
		return "a number";
	case FT_MONEY:
		return "a money";
	case FT_PERCENT:
		return "a percent";
	case FT_BOOLEAN:
		return "a boolean";
	case FT_LIST:
		return "a list";
	case FT_DATE:
		return "a date";
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
	o->dec.ok = 0;
	if (cJSON_IsNumber(j)) {
		strbuf sb;

		if (!ld_exact_number(ld, j))
			return -1;
		sb_init(&sb);
		sb_addnum(&sb, j->valuedouble);
		if (t && t->type == FT_MONEY)
			group_thousands(&sb);
		o->len = sb.len;
		o->text = sb_detach(&sb);
		sb_free(&sb);
		o->num = j->valuedouble;
		o->dec = dec_from_double(o->num);
		if (!t || field_type_is_numeric(t->type))
			return 0;
		if (t->type == FT_STRING || t->type == FT_ENUM ||
		    t->type == FT_ORDINAL || t->type == FT_LIST)
			goto as_text;
		ld_problem(ld, "expected %s for %s field, found a number",
			   t->type == FT_BOOLEAN ? "true or false" :
						   "a date string",
			   with_article(t->type));
		return -1;
	}
	if (cJSON_IsBool(j)) {
		o->text = xstrdup(cJSON_IsTrue(j) ? "yes" : "no");
		o->len = strlen(o->text);
		o->num = cJSON_IsTrue(j);
		if (t && t->type == FT_BOOLEAN)
			return 0;
		ld_problem(ld,
			   "true/false compares with boolean fields only%s%s",
			   t ? ", not " : "", t ? with_article(t->type) : "");
		return -1;
	}
	if (!cJSON_IsString(j)) {
		ld_problem(ld, "expected a value, found %s", ld_json_kind(j));
		return -1;
	}
	o->text = xstrdup(j->valuestring);
	o->len = strlen(o->text);
	if (!t) {
		ld_problem(ld,
			   "a formula compares with numbers, found a string");
		return -1;
	}
as_text:
	switch (t->type) {
	case FT_STRING:
		return 0;
	case FT_LIST:
		/* against a vocabulary, a typo would match nothing, ever */
		if (value_item_check(t, o->text, o->len, err, sizeof err) == 0)
			return 0;
		ld_problem(ld, "%s", err);
		return -1;
	case FT_DATE:
		/* ISO always works in a rule file, whatever the CSV uses. */
		{
			long days;

			if (date_parse(NULL, o->text, o->len, &days) == 0 ||
			    (t->date_format &&
			     date_parse(t->date_format, o->text, o->len,
					&days) == 0)) {
				o->num = (double)days;
				return 0;
			}
			ld_problem(ld, "'%s' is not a date (write YYYY-MM-DD)",
				   o->text);
			return -1;
		}
	default:
		break;
	}
	if (value_parse(t, o->text, o->len, &v, &iv, err, sizeof err) < 0)
		ld_problem(ld, "%s", err);
	else if (v.kind == V_MISSING)
		ld_problem(ld, "the value is empty");
	else {
		o->num = v.num;
		o->dec = v.dec;
		rc = 0;
	}
	item_vec_free(&iv);
	return rc;
}

/*
 * The leaf operator that s names, or NULL after saying what was probably
 * meant: a common alias first ("gte" is '>='), else the closest name.
 */
static const op_info *
find_op(loader *ld, const char *s)
{
	const char *names[32];
	const char *hint;
	const op_info *oi = op_by_name(s);
	size_t i, n = 0;

	if (oi && op_is_leaf(oi))
		return oi;
	for (i = 0; i < op_count && n + 1 < sizeof names / sizeof *names; i++)
		if (op_is_leaf(&op_table[i]))
			names[n++] = op_table[i].name;
	names[n] = NULL;
	hint = op_alias_target(s);
	if (!hint)
		hint = ld_suggest(ld, s, names);
	if (hint)
		ld_problem(ld, "unknown operator '%s' (did you mean '%s'?)", s,
			   hint);
	else
		ld_problem(ld, "unknown operator '%s'", s);
	return NULL;
}

static void
load_kids(loader *ld, cond *c, const cJSON *arr, int depth)
{
	const cJSON *k;
	size_t i = 0, n;

	if (!cJSON_IsArray(arr) || !cJSON_GetArraySize(arr)) {
		ld_problem(ld,
			   "expected a non-empty array of conditions, found %s",
			   cJSON_IsArray(arr) ? "an empty array" :
						ld_json_kind(arr));
		return;
	}
	n = (size_t)cJSON_GetArraySize(arr);
	c->kids = xcalloc(n, sizeof *c->kids);
	for (k = arr->child; k; k = k->next, i++) {
		size_t old = ld_push_index(ld, i);
		cond *kid = ld_cond(ld, k, depth + 1);

		if (kid)
			c->kids[c->nkids++] = kid;
		ld_pop(ld, old);
	}
}

/* The values of an operator that takes an array: "in", "between". */
static void
load_arg_list(loader *ld, cond *c, const op_info *oi, const type_spec *t,
	      const cJSON *val)
{
	const cJSON *k;
	size_t i = 0;

	if (oi->arity == OPA_RANGE &&
	    (!cJSON_IsArray(val) || cJSON_GetArraySize(val) != 2)) {
		ld_problem(ld, "'%s' takes [low, high], found %s", oi->name,
			   ld_json_kind(val));
		return;
	}
	if (!cJSON_IsArray(val) || !cJSON_GetArraySize(val)) {
		ld_problem(ld, "'%s' takes a non-empty array, found %s",
			   oi->name,
			   cJSON_IsArray(val) ? "an empty array" :
						ld_json_kind(val));
		return;
	}
	c->args = xcalloc((size_t)cJSON_GetArraySize(val), sizeof *c->args);
	for (k = val->child; k; k = k->next, i++) {
		size_t old = ld_push_index(ld, i);

		if (operand_from(ld, t, k, &c->args[c->nargs]) == 0)
			c->nargs++;
		else
			free(c->args[c->nargs].text);
		ld_pop(ld, old);
	}
	if (oi->arity == OPA_RANGE && c->nargs == 2 &&
	    c->args[0].num > c->args[1].num)
		ld_problem(ld, "the low bound %s is above the high bound %s",
			   c->args[0].text, c->args[1].text);
}

/* The "value" of a leaf, resolved against its subject's type t. */
static void
load_args(loader *ld, cond *c, const op_info *oi, const type_spec *t,
	  const cJSON *val)
{
	size_t old = ld_push_key(ld, "value");

	if (oi->arity != OPA_ONE) {
		load_arg_list(ld, c, oi, t, val);
	} else if (cJSON_IsArray(val)) {
		ld_problem(ld, "'%s' takes one value, found an array%s",
			   oi->name, oi->array_hint ? oi->array_hint : "");
	} else {
		c->args = xcalloc(1, sizeof *c->args);
		if (operand_from(ld, t, val, &c->args[0]) == 0)
			c->nargs = 1;
		else
			free(c->args[0].text);
	}
	ld_pop(ld, old);
}

/* The "value" of 'matches': a regular expression, vetted and compiled. */
static void
load_regex(loader *ld, cond *c, const cJSON *vj)
{
	char why[320];
	regex_dfa_error err;
	size_t old = ld_push_key(ld, "value");

	if (!cJSON_IsString(vj)) {
		ld_problem(ld, "expected a regular expression string, found %s",
			   ld_json_kind(vj));
	} else if (regex_guard(vj->valuestring, why, sizeof why) < 0) {
		ld_problem(ld, "regular expression '%s' %s", vj->valuestring,
			   why);
	} else if (!(c->re = regex_dfa_compile(vj->valuestring, &err))) {
		if (err.pos)
			ld_problem(ld,
				   "regular expression '%s' does not compile "
				   "at character %zu: %s",
				   vj->valuestring, err.pos, err.msg);
		else
			ld_problem(ld, "regular expression '%s' %s",
				   vj->valuestring, err.msg);
	} else {
		c->args = xcalloc(1, sizeof *c->args);
		c->args[0].text = xstrdup(vj->valuestring);
		c->args[0].len = strlen(vj->valuestring);
		c->nargs = 1;
	}
	ld_pop(ld, old);
}

/*
 * A leaf's subject: "field" (setting *t to its type) or "expr" (*t stays
 * NULL: a formula is a number).  Returns -1 after a problem.
 */
static int
load_subject(loader *ld, cond *c, const cJSON *j, const type_spec **t)
{
	const cJSON *fj = cJSON_GetObjectItemCaseSensitive(j, "field");
	const cJSON *ej = cJSON_GetObjectItemCaseSensitive(j, "expr");
	size_t old;

	if (fj && ej) {
		ld_problem(ld, "give either \"field\" or \"expr\", not both");
		return -1;
	}
	if (fj) {
		old = ld_push_key(ld, "field");
		if (!cJSON_IsString(fj)) {
			ld_problem(ld, "expected a field name, found %s",
				   ld_json_kind(fj));
		} else if ((c->field = rules_field(ld->rs, fj->valuestring)) <
			   0) {
			ld_problem(ld,
				   "unknown field '%s' (declare it under "
				   "\"fields\")",
				   fj->valuestring);
		} else {
			*t = &ld->rs->fields[c->field].type;
			c->subject = xstrdup(fj->valuestring);
		}
		ld_pop(ld, old);
		return c->field < 0 ? -1 : 0;
	}
	if (ej) {
		char err[256];

		old = ld_push_key(ld, "expr");
		if (!cJSON_IsString(ej))
			ld_problem(ld, "expected a formula string, found %s",
				   ld_json_kind(ej));
		else if (!(c->expr = expr_compile(ej->valuestring, lookup_field,
						  ld->rs, err, sizeof err)))
			ld_problem(ld, "%s", err);
		else
			c->subject = xstrdup(ej->valuestring);
		ld_pop(ld, old);
		return c->expr ? 0 : -1;
	}
	ld_problem(ld,
		   "a condition needs \"field\" or \"expr\" (or one of "
		   "all, any, not%s)",
		   ld->pair_ctx ? ", both, either" : "");
	return -1;
}

/*
 * Returns 0 when operator oi can stand in this leaf; otherwise 1, after
 * saying why: a pairwise operator outside "pairs" (or a one-partner one
 * inside), a formula where a field is needed, a type it does not fit.
 */
static int
op_misplaced(loader *ld, const cond *c, const op_info *oi, const type_spec *t)
{
	if (!ld->pair_ctx && (oi->flags & OPF_PAIRWISE))
		ld_problem(ld,
			   "'%s' compares two partners: use it in \"pairs\" "
			   "rules",
			   oi->name);
	else if (ld->pair_ctx && !(oi->flags & OPF_PAIRWISE))
		ld_problem(ld,
			   "'%s' looks at one partner: in a pairwise rule, "
			   "wrap it in \"both\" or \"either\"",
			   oi->name);
	else if (c->expr && (oi->flags & OPF_NEEDS_FIELD))
		ld_problem(ld, "'%s' needs a field, not a formula", oi->name);
	else if (t && t->unknown)
		return 1; /* its declaration is wrong: said there */
	else if (op_fits(oi, t))
		return 0;
	else if (t)
		ld_problem(ld, "'%s' does not apply to %s field ('%s')",
			   oi->name, with_article(t->type), c->subject);
	else
		ld_problem(ld,
			   "'%s' does not apply to a formula, which is a "
			   "number",
			   oi->name);
	return 1;
}

/* A leaf's "op", checked against where it stands and its subject's type
 * t; sets c->op.  NULL after a problem. */
static const op_info *
load_op(loader *ld, cond *c, const cJSON *j, const type_spec *t)
{
	const cJSON *oj = cJSON_GetObjectItemCaseSensitive(j, "op");
	const op_info *oi = NULL;
	size_t old;

	if (!oj) {
		ld_problem(ld, "'op' is required");
		return NULL;
	}
	old = ld_push_key(ld, "op");
	if (!cJSON_IsString(oj))
		ld_problem(ld, "expected an operator string, found %s",
			   ld_json_kind(oj));
	else if ((oi = find_op(ld, oj->valuestring)) != NULL) {
		c->op = oi->op;
		if (op_misplaced(ld, c, oi, t))
			oi = NULL;
	}
	ld_pop(ld, old);
	return oi;
}

/* 'meets': "other", the other partner's list field (by default the
 * same field). */
static void
load_meets_other(loader *ld, cond *c, const cJSON *j)
{
	const cJSON *other = cJSON_GetObjectItemCaseSensitive(j, "other");
	size_t old = ld_push_key(ld, "other");

	if (!other)
		c->field2 = c->field;
	else if (!cJSON_IsString(other))
		ld_problem(ld, "expected a field name, found %s",
			   ld_json_kind(other));
	else if ((c->field2 = rules_field(ld->rs, other->valuestring)) < 0)
		ld_problem(ld, "unknown field '%s'", other->valuestring);
	else if (ld->rs->fields[c->field2].type.type != FT_LIST)
		ld_problem(ld, "'meets' compares two list fields; '%s' is %s",
			   other->valuestring,
			   field_type_name(
			       ld->rs->fields[c->field2].type.type));
	ld_pop(ld, old);
}

/* 'apart': the tolerance "by" (a number or "N%") and "relative". */
static void
load_apart_by(loader *ld, cond *c, const cJSON *j, const type_spec *t)
{
	const cJSON *by = cJSON_GetObjectItemCaseSensitive(j, "by");
	const cJSON *rel = cJSON_GetObjectItemCaseSensitive(j, "relative");
	size_t old = ld_push_key(ld, "by");

	if (!by) {
		ld_problem(ld, "'apart' needs \"by\": a tolerance such as 2 or "
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
			ld_problem(ld,
				   "'%s' is not a tolerance (a number, or a "
				   "percentage such as \"25%%\")",
				   by->valuestring);
	} else {
		ld_problem(ld,
			   "expected a non-negative number or \"N%%\", found "
			   "%s",
			   ld_json_kind(by));
	}
	ld_pop(ld, old);
	if (rel) {
		old = ld_push_key(ld, "relative");
		if (!cJSON_IsBool(rel))
			ld_problem(ld, "expected true or false");
		else if (cJSON_IsTrue(rel))
			c->relative = 1;
		ld_pop(ld, old);
	}
	/* A date's day count starts at an arbitrary day and an ordinal's
	 * level at an arbitrary first level: a percentage of either means
	 * nothing, so only an absolute tolerance (days, levels) is taken. */
	if (c->relative && t && !t->unknown &&
	    (t->type == FT_DATE || t->type == FT_ORDINAL)) {
		old = ld_push_key(ld,
				  rel && cJSON_IsTrue(rel) ? "relative" : "by");
		ld_problem(ld,
			   "a relative tolerance means nothing for %s field; "
			   "give %s as a number",
			   with_article(t->type),
			   t->type == FT_DATE ? "days" : "levels");
		ld_pop(ld, old);
	}
}

static const char *const leaf_keys[] = { "field", "expr", "op",       "value",
					 "other", "by",   "relative", NULL };

/* A leaf: subject, operator, then what the operator takes. */
static void
load_leaf(loader *ld, cond *c, const cJSON *j)
{
	const cJSON *vj = cJSON_GetObjectItemCaseSensitive(j, "value");
	const type_spec *t = NULL;
	const op_info *oi;
	size_t old;

	c->field = c->field2 = -1;
	ld_check_keys(ld, j, leaf_keys);
	if (load_subject(ld, c, j, &t) < 0 || !(oi = load_op(ld, c, j, t)))
		return;
	if (op_takes_value(oi) && !vj) {
		ld_problem(ld, "'%s' needs a \"value\"", oi->name);
		return;
	}
	if (!op_takes_value(oi) && vj) {
		old = ld_push_key(ld, "value");
		ld_problem(ld, "'%s' takes no value", oi->name);
		ld_pop(ld, old);
		return;
	}
	if (oi->flags & OPF_REGEX) {
		load_regex(ld, c, vj);
		return;
	}
	if (op_takes_value(oi))
		load_args(ld, c, oi, t, vj);
	if (c->op == C_MEETS)
		load_meets_other(ld, c, j);
	if (c->op == C_APART)
		load_apart_by(ld, c, j, t);
	if ((!ld->pair_ctx || c->op != C_MEETS) &&
	    cJSON_GetObjectItemCaseSensitive(j, "other"))
		ld_problem(ld, "\"other\" goes with 'meets' only");
	if (c->op != C_APART &&
	    (cJSON_GetObjectItemCaseSensitive(j, "by") ||
	     cJSON_GetObjectItemCaseSensitive(j, "relative")))
		ld_problem(ld, "\"by\" and \"relative\" go with 'apart' only");
}

/* A combinator oi over the condition(s) k. */
static void
load_combinator(loader *ld, cond *c, const op_info *oi, const cJSON *k,
		int depth)
{
	int saved = ld->pair_ctx;

	c->op = oi->op;
	if (oi->arity == OPA_KIDS) {
		load_kids(ld, c, k, depth);
		return;
	}
	if ((oi->flags & OPF_PAIRWISE) && !ld->pair_ctx)
		ld_problem(ld,
			   "'%s' compares two partners: use it in "
			   "\"pairs\" rules",
			   oi->name);
	if (oi->flags & OPF_PAIRWISE)
		ld->pair_ctx = 0; /* inside: one partner at a time */
	c->kids = xcalloc(1, sizeof *c->kids);
	if ((c->kids[0] = ld_cond(ld, k, depth + 1)))
		c->nkids = 1;
	ld->pair_ctx = saved;
}

cond *
ld_cond(loader *ld, const cJSON *j, int depth)
{
	const op_info *which = NULL;
	const cJSON *k;
	cond *c;
	size_t i, found = 0;

	if (depth > MAX_COND_DEPTH) {
		ld_problem(ld, "conditions nested more than %d deep",
			   MAX_COND_DEPTH);
		return NULL;
	}
	if (!cJSON_IsObject(j)) {
		ld_problem(ld, "expected a condition object, found %s",
			   ld_json_kind(j));
		return NULL;
	}
	for (i = 0; i < op_count; i++)
		if (!op_is_leaf(&op_table[i]) &&
		    cJSON_GetObjectItemCaseSensitive(j, op_table[i].name)) {
			found++;
			which = &op_table[i];
		}
	if (found > 1) {
		ld_problem(
		    ld, "give one of all, any, not, both, either per object");
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	c->field = c->field2 = -1;
	if (!which) {
		load_leaf(ld, c, j);
		return c;
	}
	for (k = j->child; k; k = k->next)
		if (strcmp(k->string, which->name)) {
			size_t old = ld_push_key(ld, k->string);

			ld_problem(ld, "'%s' cannot stand beside \"%s\"",
				   k->string, which->name);
			ld_pop(ld, old);
		}
	k = cJSON_GetObjectItemCaseSensitive(j, which->name);
	{
		size_t old = ld_push_key(ld, which->name);

		load_combinator(ld, c, which, k, depth);
		ld_pop(ld, old);
	}
	return c;
}
