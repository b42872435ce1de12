#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "fmt_value.h"
#include "ops.h"
#include "textkey.h"
#include "xalloc.h"

void
cond_ctx_init(cond_ctx *cx, const ruleset *rs, long today)
{
	cx->rs = rs;
	cx->today = today;
	cx->labels = 0;
	sb_init(&cx->scratch);
	cx->lits = NULL;
}

/*
 * A failing check's message writes its literals ("below the minimum
 * £250,000") on every row that fails it, and formatting one costs about
 * as much as the rest of the message: each is formatted once, keyed by
 * the operand's address (the rule set is read-only while cx lives), and
 * copied after that.  Open addressing over a power-of-two table.
 */
typedef struct literal_slot {
	const operand *o; /* NULL: empty */
	size_t at, len;   /* the text in literal_cache.text */
} literal_slot;

struct literal_cache {
	literal_slot *slot;
	size_t cap, n; /* cap a power of two, n < cap / 2 */
	strbuf text;
};

static size_t
literal_hash(const operand *o, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)o * UINT64_C(0x9E3779B97F4A7C15);

	return (size_t)(h >> 32) & (cap - 1);
}

static literal_slot *
literal_find(struct literal_cache *lc, const operand *o)
{
	size_t i = literal_hash(o, lc->cap);

	while (lc->slot[i].o && lc->slot[i].o != o)
		i = (i + 1) & (lc->cap - 1);
	return &lc->slot[i];
}

/* Makes room for one more entry. */
static void
literal_grow(struct literal_cache *lc)
{
	literal_slot *old = lc->slot;
	size_t oldcap = lc->cap, i;

	if (lc->n + 1 < lc->cap / 2)
		return;
	lc->cap = oldcap ? oldcap * 2 : 64;
	lc->slot = xcalloc(lc->cap, sizeof *lc->slot);
	for (i = 0; i < oldcap; i++)
		if (old[i].o)
			*literal_find(lc, old[i].o) = old[i];
	free(old);
}

void
cond_ctx_free(cond_ctx *cx)
{
	if (!cx)
		return;
	sb_free(&cx->scratch);
	if (cx->lits) {
		free(cx->lits->slot);
		sb_free(&cx->lits->text);
		free(cx->lits);
		cx->lits = NULL;
	}
}

/* Strings and list items compare by their key (textkey.h). */
static int
text_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	return text_key_eq(a, alen, b, blen);
}

static int
list_has(const value *v, const operand *o)
{
	size_t i;

	for (i = 0; i < v->nitems; i++)
		if (text_eq(v->items[i].s, v->items[i].len, o->text, o->len))
			return 1;
	return 0;
}

/*
 * -1, 0 or 1 as v's number is below, equal to or above o's.  Both doubles
 * are their decimals correctly rounded (value.h), and rounding keeps
 * order, so unequal doubles already answer; equal ones are told apart by
 * the exact decimals when both have one ("£9,999,999,999,999,999" is below
 * 1e16 though both round to the same double).
 */
static int
num_cmp(const value *v, const operand *o)
{
	if (v->num != o->num)
		return v->num < o->num ? -1 : 1;
	if (v->dec.ok && o->dec.ok)
		return dec_cmp(v->dec, o->dec);
	return 0;
}

static int
arg_matches(const value *v, field_type t, const operand *o)
{
	if (t == FT_STRING)
		return text_eq(v->text, v->len, o->text, o->len);
	return num_cmp(v, o) == 0;
}

/* v op o for the four order operators. */
static tri
order(cond_op op, const value *v, const operand *o)
{
	int c = num_cmp(v, o), r;

	switch (op) {
	case C_LT:
		r = c < 0;
		break;
	case C_LE:
		r = c <= 0;
		break;
	case C_GT:
		r = c > 0;
		break;
	default:
		r = c >= 0;
		break;
	}
	return r ? T_TRUE : T_FALSE;
}

/*
 * a op b for == != < <= > >= on parsed values (finite numbers), without a
 * branch on op: which of below, equal and above holds picks a bit of the
 * operator's mask.  The data decide the comparisons row by row, so a
 * branch on them would be mispredicted as often as not.
 */
static tri
compare(cond_op op, const value *v, const operand *o)
{
	static const unsigned char holds[] = {
		[C_EQ] = 2, [C_NE] = 5, [C_LT] = 1,
		[C_LE] = 3, [C_GT] = 4, [C_GE] = 6
	};
	double a = v->num, b = o->num;
	unsigned where = (unsigned)(a > b) * 2 + (unsigned)(a == b);

	/* Equal doubles are rare: only then may the decimals differ (see
	 * num_cmp). */
	if (a == b && v->dec.ok && o->dec.ok)
		where = (unsigned)(dec_cmp(v->dec, o->dec) + 1);
	return holds[op] >> where & 1 ? T_TRUE : T_FALSE;
}

/* The subject of a leaf: a field's value or a formula's result. */
static tri
subject(cond_ctx *cx, const cond *c, const value *vals, value *tmp,
	const value **out)
{
	if (c->expr) {
		int f;

		if (expr_eval_value(c->expr, vals, cx->today, tmp, &f) !=
		    EXPR_OK)
			return T_MISSING;
		*out = tmp;
		return T_TRUE;
	}
	*out = &vals[c->field];
	return (*out)->kind == V_MISSING ? T_MISSING : T_TRUE;
}

/* What a leaf whose subject is missing comes to. */
static tri
missing_leaf(const cond *c)
{
	return c->op == C_PRESENT ? T_FALSE :
	       c->op == C_ABSENT  ? T_TRUE :
				    T_MISSING;
}

/* A leaf's operator applied to its subject v, of type t. */
static tri
leaf(const cond *c, const value *v, field_type t)
{
	size_t i;

	switch (c->op) {
	case C_EQ:
		return arg_matches(v, t, &c->args[0]) ? T_TRUE : T_FALSE;
	case C_NE:
		return arg_matches(v, t, &c->args[0]) ? T_FALSE : T_TRUE;
	case C_LT:
	case C_LE:
	case C_GT:
	case C_GE:
		return order(c->op, v, &c->args[0]);
	case C_BETWEEN:
		return num_cmp(v, &c->args[0]) >= 0 &&
			       num_cmp(v, &c->args[1]) <= 0 ?
			   T_TRUE :
			   T_FALSE;
	case C_IN:
	case C_NOT_IN:
		for (i = 0; i < c->nargs; i++)
			if (arg_matches(v, t, &c->args[i]))
				break;
		return (i < c->nargs) == (c->op == C_IN) ? T_TRUE : T_FALSE;
	case C_CONTAINS:
		return list_has(v, &c->args[0]) ? T_TRUE : T_FALSE;
	case C_CONTAINS_ANY:
		for (i = 0; i < c->nargs; i++)
			if (list_has(v, &c->args[i]))
				return T_TRUE;
		return T_FALSE;
	case C_CONTAINS_ALL:
		for (i = 0; i < c->nargs; i++)
			if (!list_has(v, &c->args[i]))
				return T_FALSE;
		return T_TRUE;
	case C_EMPTY:
		return v->nitems == 0 ? T_TRUE : T_FALSE;
	case C_NOT_EMPTY:
		return v->nitems > 0 ? T_TRUE : T_FALSE;
	case C_PRESENT:
		return t == FT_LIST && v->nitems == 0 ? T_FALSE : T_TRUE;
	case C_ABSENT:
		return t == FT_LIST && v->nitems == 0 ? T_TRUE : T_FALSE;
	case C_MATCHES:
		return regex_dfa_match(c->re, v->text, v->len) ? T_TRUE :
								 T_FALSE;
	default:
		return T_FALSE;
	}
}

/* A leaf on a formula, out of line: its result needs a value of its own,
 * and the common leaf on a field then needs no stack for it. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static tri
formula_leaf(cond_ctx *cx, const cond *c, const value *vals)
{
	const value *v;
	value tmp;

	if (subject(cx, c, vals, &tmp, &v) == T_MISSING)
		return missing_leaf(c);
	return leaf(c, v, FT_NUMBER);
}

tri
cond_eval(cond_ctx *cx, const cond *c, const value *vals)
{
	const value *v;
	size_t i;
	tri acc;

	/* Most checks are a field against a number: answered here, without
	 * leaf's call and second switch.  The comparisons are leaf's own. */
	if (c->op <= C_GE && !c->expr) {
		v = &vals[c->field];
		if (v->kind == V_MISSING)
			return T_MISSING;
		/* Only a string field holds text: the rest compare numbers,
		 * as arg_matches does. */
		if (c->op <= C_NE && v->kind == V_TEXT)
			return leaf(c, v, cx->rs->fields[c->field].type.type);
		return compare(c->op, v, &c->args[0]);
	}
	switch (c->op) {
	case C_ALL:
		acc = T_TRUE;
		for (i = 0; i < c->nkids && acc != T_FALSE; i++)
			acc = tri_and(acc, cond_eval(cx, c->kids[i], vals));
		return acc;
	case C_ANY:
		acc = T_FALSE;
		for (i = 0; i < c->nkids && acc != T_TRUE; i++)
			acc = tri_or(acc, cond_eval(cx, c->kids[i], vals));
		return acc;
	case C_NOT:
		return tri_not(cond_eval(cx, c->kids[0], vals));
	default:
		break;
	}
	if (c->expr)
		return formula_leaf(cx, c, vals);
	v = &vals[c->field];
	if (v->kind == V_MISSING)
		return missing_leaf(c);
	return leaf(c, v, cx->rs->fields[c->field].type.type);
}

/* ---- messages ---- */

const char *
cond_field_name(const cond_ctx *cx, int f)
{
	const field_def *fd = &cx->rs->fields[f];

	return cx->labels && fd->label ? fd->label : fd->name;
}

const char *
cond_subject(const cond_ctx *cx, const cond *c)
{
	if (c->expr || c->field < 0)
		return c->subject;
	return cond_field_name(cx, c->field);
}

const type_spec *
cond_subject_type(const cond_ctx *cx, const cond *c)
{
	if (c->expr || c->field < 0)
		return NULL;
	return &cx->rs->fields[c->field].type;
}

void
cond_add_value(cond_ctx *cx, const cond *c, const value *v, strbuf *out)
{
	/* A formula's result shows to two decimals: a bid manager reads
	 * "-1.33", not "-1.3333333333333335". */
	if (c->expr) {
		value shown = *v;
		size_t i;

		if (v->dec.ok) {
			shown.dec = dec_round(v->dec, 2);
			shown.num = dec_to_double(shown.dec);
		} else {
			shown.num = floor(v->num * 100 + 0.5) / 100;
		}
		/* ...unless rounding would make it read as the threshold it
		 * failed ("is 3, below the minimum 3"). */
		for (i = 0; i < c->nargs; i++)
			if (num_cmp(&shown, &c->args[i]) == 0 &&
			    num_cmp(v, &c->args[i]) != 0)
				shown = *v;
		/* An exact result prints from its digits: never an exponent,
		 * never binary noise. */
		if (shown.dec.ok) {
			char buf[DEC_BUFSIZE];

			sb_adds(out, dec_format(shown.dec, buf));
		} else {
			sb_addnum(out, shown.num);
		}
	} else
		fmt_value(out, cond_subject_type(cx, c), v);
}

/* One literal of c, in its subject's type (formatted once: see
 * literal_cache). */
static void
add_arg(cond_ctx *cx, strbuf *sb, const cond *c, size_t i)
{
	const operand *o = &c->args[i];
	struct literal_cache *lc = cx->lits;
	literal_slot *ls;
	size_t at;

	if (!lc) {
		lc = cx->lits = xcalloc(1, sizeof *lc);
		sb_init(&lc->text);
	}
	literal_grow(lc);
	ls = literal_find(lc, o);
	if (!ls->o) {
		at = lc->text.len;
		fmt_literal(&lc->text, cond_subject_type(cx, c), o->num, o->dec,
			    o->text, o->len);
		ls->o = o;
		ls->at = at;
		ls->len = lc->text.len - at;
		lc->n++;
	}
	sb_add(sb, lc->text.buf + ls->at, ls->len);
}

static void
add_args(cond_ctx *cx, strbuf *sb, const cond *c, const char *sep)
{
	size_t i;

	for (i = 0; i < c->nargs; i++) {
		if (i)
			sb_adds(sb, sep);
		add_arg(cx, sb, c, i);
	}
}

static void
describe_missing(cond_ctx *cx, const cond *c, const value *vals, strbuf *out)
{
	strbuf *sb = out;

	if (c->expr) {
		value d;
		int f = -1;

		switch (expr_eval_value(c->expr, vals, cx->today, &d, &f)) {
		case EXPR_MISSING:
			sb_addf(sb, "%s cannot be computed: %s is missing",
				c->subject, cond_field_name(cx, f));
			break;
		case EXPR_OVERFLOW:
			sb_addf(sb,
				"%s cannot be computed (overflow: a step "
				"is too large a number)",
				c->subject);
			break;
		default:
			sb_addf(sb, "%s cannot be computed (division by zero)",
				c->subject);
			break;
		}
	} else {
		sb_addf(sb, "%s is missing", cond_subject(cx, c));
	}
}

/* Appends why a leaf that evaluated to false did not hold. */
static void
describe_false(cond_ctx *cx, const cond *c, const value *vals, strbuf *out)
{
	strbuf *sb = out;
	const value *v;
	value tmp;
	size_t i, n;

	if (subject(cx, c, vals, &tmp, &v) == T_MISSING) {
		/* only `present` is false on a missing value */
		sb_addf(sb, "%s is missing", cond_subject(cx, c));
		return;
	}
	sb_adds(sb, cond_subject(cx, c));
	switch (c->op) {
	case C_CONTAINS:
		sb_adds(sb, " does not include ");
		add_args(cx, sb, c, "");
		return;
	case C_CONTAINS_ANY:
		sb_adds(sb, " includes none of ");
		add_args(cx, sb, c, ", ");
		return;
	case C_CONTAINS_ALL:
		sb_adds(sb, " lacks ");
		for (i = 0, n = 0; i < c->nargs; i++)
			if (!list_has(v, &c->args[i])) {
				if (n++)
					sb_adds(sb, ", ");
				add_arg(cx, sb, c, i);
			}
		return;
	case C_NOT_EMPTY:
	case C_PRESENT:
		sb_adds(sb, " is empty");
		return;
	default:
		break;
	}
	sb_adds(sb, " is ");
	cond_add_value(cx, c, v, out);
	switch (c->op) {
	case C_GE:
		sb_adds(sb, ", below the minimum ");
		break;
	case C_GT:
		sb_adds(sb, ", not above ");
		break;
	case C_LE:
		sb_adds(sb, ", above the maximum ");
		break;
	case C_LT:
		sb_adds(sb, ", not below ");
		break;
	case C_EQ:
		sb_adds(sb, ", expected ");
		break;
	case C_NE:
		sb_adds(sb, ", which is not allowed");
		return;
	case C_BETWEEN:
		sb_adds(sb, ", outside ");
		add_args(cx, sb, c, " to ");
		return;
	case C_IN:
		sb_adds(sb, c->nargs == 1 ? ", expected " : ", not one of ");
		add_args(cx, sb, c, ", ");
		return;
	case C_NOT_IN:
		sb_adds(sb, ", which is excluded");
		return;
	case C_EMPTY:
	case C_ABSENT:
		sb_adds(sb, ", expected nothing");
		return;
	case C_MATCHES:
		/* a pattern is said as written, whatever the field's type */
		sb_adds(sb, ", which does not match the pattern ");
		sb_add(sb, c->args[0].text, c->args[0].len);
		return;
	default:
		return;
	}
	add_arg(cx, sb, c, 0);
}

/* Describes a condition that held, for `not`. */
static void
describe_true(cond_ctx *cx, const cond *c, const value *vals, strbuf *out)
{
	strbuf *sb = out;
	const value *v;
	value tmp;

	if (c->op == C_ALL || c->op == C_ANY || c->op == C_NOT) {
		sb_addf(sb, "the excluded combination of conditions holds");
		return;
	}
	if (subject(cx, c, vals, &tmp, &v) == T_MISSING) {
		sb_addf(sb, "%s is missing, which the rule excludes",
			cond_subject(cx, c));
		return;
	}
	sb_addf(sb, "%s is ", cond_subject(cx, c));
	cond_add_value(cx, c, v, out);
	sb_adds(sb, ", which the rule excludes");
}

void
cond_describe(cond_ctx *cx, const cond *c, const value *vals, tri r,
	      strbuf *out)
{
	size_t i, n = 0;

	switch (c->op) {
	case C_ALL:
		for (i = 0; i < c->nkids; i++) {
			tri k = cond_eval(cx, c->kids[i], vals);

			if (k == T_TRUE || (r == T_FALSE && k == T_MISSING))
				continue;
			if (n++)
				sb_adds(out, "; ");
			cond_describe(cx, c->kids[i], vals, k, out);
		}
		return;
	case C_ANY:
		sb_adds(out, "none of these holds: ");
		for (i = 0; i < c->nkids; i++) {
			if (i)
				sb_adds(out, "; ");
			cond_describe(cx, c->kids[i], vals,
				      cond_eval(cx, c->kids[i], vals), out);
		}
		return;
	case C_NOT:
		if (r == T_MISSING)
			cond_describe(cx, c->kids[0], vals, T_MISSING, out);
		else
			describe_true(cx, c->kids[0], vals, out);
		return;
	default:
		if (r == T_MISSING)
			describe_missing(cx, c, vals, out);
		else
			describe_false(cx, c, vals, out);
	}
}

void
cond_describe_holds(cond_ctx *cx, const cond *c, const value *vals, strbuf *out)
{
	const value *v;
	value tmp;
	size_t i, n = 0;

	if (c->op == C_ALL || c->op == C_ANY) {
		for (i = 0; i < c->nkids; i++) {
			if (cond_eval(cx, c->kids[i], vals) != T_TRUE)
				continue;
			if (n++)
				sb_adds(out, c->op == C_ALL ? "; " : " or ");
			cond_describe_holds(cx, c->kids[i], vals, out);
		}
		return;
	}
	if (c->op == C_NOT) {
		cond_describe(cx, c->kids[0], vals, T_FALSE, out);
		return;
	}
	if (subject(cx, c, vals, &tmp, &v) == T_MISSING) {
		sb_addf(out, "%s is missing", cond_subject(cx, c));
		return;
	}
	sb_adds(out, cond_subject(cx, c));
	if (c->op == C_CONTAINS || c->op == C_CONTAINS_ANY ||
	    c->op == C_CONTAINS_ALL) {
		sb_adds(out, " includes ");
		for (i = 0; i < c->nargs; i++)
			if (list_has(v, &c->args[i])) {
				if (n++)
					sb_adds(out, ", ");
				add_arg(cx, out, c, i);
			}
		return;
	}
	if (c->op == C_EMPTY || c->op == C_ABSENT) {
		sb_adds(out, " is empty");
		return;
	}
	sb_adds(out, " is ");
	cond_add_value(cx, c, v, out);
}

void
cond_text(const cond *c, strbuf *sb)
{
	size_t i;

	if (c->op == C_ALL || c->op == C_ANY) {
		for (i = 0; i < c->nkids; i++) {
			if (i)
				sb_adds(sb, c->op == C_ALL ? " and " : " or ");
			cond_text(c->kids[i], sb);
		}
		return;
	}
	if (c->op == C_NOT) {
		sb_adds(sb, "not (");
		cond_text(c->kids[0], sb);
		sb_adds(sb, ")");
		return;
	}
	sb_addf(sb, "%s ", c->subject ? c->subject : "?");
	sb_adds(sb, op_info_of(c->op)->text);
	for (i = 0; i < c->nargs; i++) {
		sb_adds(sb, i ? (c->op == C_BETWEEN ? " and " : ", ") : " ");
		sb_add(sb, c->args[i].text, c->args[i].len);
	}
}
