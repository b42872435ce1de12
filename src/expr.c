#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "expr.h"
#include "xalloc.h"

enum opcode {
	OP_NUM,
	OP_FIELD,
	OP_YEARS,
	OP_MONTHS,
	OP_DAYS,
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_DIV,
	OP_NEG,
	OP_ABS,
	OP_MIN,
	OP_MAX
};

typedef struct insn {
	enum opcode op;
	int field;
	double num;
	decnum dec; /* OP_NUM: the literal's exact decimal */
} insn;

/* Deep enough for any formula a person writes; bounds the eval stack. */
#define EXPR_MAX_DEPTH 64

struct expr {
	insn *code;
	size_t n, cap;
};

typedef struct parser {
	const char *src;
	const char *p;
	expr *e;
	expr_lookup lookup;
	void *ctx;
	char *err;
	size_t errsz;
	int failed;
	int depth;
	int stack; /* current stack height while compiling */
	int maxstack;
} parser;

static void
emit_num(parser *ps, enum opcode op, int field, double num, decnum dec)
{
	expr *e = ps->e;

	e->code = xgrow(e->code, &e->cap, e->n + 1, sizeof *e->code);
	e->code[e->n].op = op;
	e->code[e->n].field = field;
	e->code[e->n].num = num;
	e->code[e->n].dec = dec;
	e->n++;
	if (op == OP_NUM || op == OP_FIELD || op == OP_YEARS ||
	    op == OP_MONTHS || op == OP_DAYS)
		ps->stack++;
	else if (op != OP_NEG && op != OP_ABS)
		ps->stack--;
	if (ps->stack > ps->maxstack)
		ps->maxstack = ps->stack;
}

static void
emit(parser *ps, enum opcode op, int field, double num)
{
	decnum none = { 0, 0, 0 };

	emit_num(ps, op, field, num, none);
}

static void
fail(parser *ps, const char *at, const char *fmt, const char *arg, int arglen)
{
	char msg[200];

	if (ps->failed)
		return;
	ps->failed = 1;
	snprintf(msg, sizeof msg, fmt, arglen, arg);
	snprintf(ps->err, ps->errsz, "column %d: %s", (int)(at - ps->src) + 1,
		 msg);
}

static void
skip_space(parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

static int
is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_ident(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9') || c == '.';
}

static void parse_sum(parser *ps);

static int
expect(parser *ps, char c)
{
	skip_space(ps);
	if (*ps->p != c) {
		char want[2] = { c, 0 };

		if (*ps->p)
			fail(ps, ps->p, "expected '%.*s'", want, 1);
		else
			fail(ps, ps->p, "expected '%.*s' at the end", want, 1);
		return -1;
	}
	ps->p++;
	return 0;
}

static void
parse_call(parser *ps, const char *name, size_t len, const char *at)
{
	static const struct {
		const char *name;
		enum opcode op;
		int nargs;
		int date_arg;
	} fns[] = {
		{ "abs", OP_ABS, 1, 0 },
		{ "min", OP_MIN, 2, 0 },
		{ "max", OP_MAX, 2, 0 },
		{ "years_since", OP_YEARS, 1, 1 },
		{ "months_since", OP_MONTHS, 1, 1 },
		{ "days_since", OP_DAYS, 1, 1 },
	};
	size_t i;

	for (i = 0; i < sizeof fns / sizeof fns[0]; i++)
		if (strlen(fns[i].name) == len &&
		    !memcmp(fns[i].name, name, len))
			break;
	if (i == sizeof fns / sizeof fns[0]) {
		fail(ps, at,
		     "unknown function '%.*s' (known: abs, min, max, "
		     "years_since, months_since, days_since)",
		     name, (int)len);
		return;
	}
	ps->p++; /* '(' */
	if (fns[i].date_arg) {
		const char *a;
		field_type t;
		int f;

		skip_space(ps);
		a = ps->p;
		while (is_ident(*ps->p))
			ps->p++;
		if (a == ps->p || !is_ident_start(*a)) {
			fail(ps, a, "%.*s() takes the name of a date field",
			     name, (int)len);
			return;
		}
		f = ps->lookup(ps->ctx, a, (size_t)(ps->p - a), &t);
		if (f < 0) {
			fail(ps, a, "unknown field '%.*s'", a,
			     (int)(ps->p - a));
			return;
		}
		if (t != FT_DATE) {
			fail(ps, a, "'%.*s' is not a date field", a,
			     (int)(ps->p - a));
			return;
		}
		emit(ps, fns[i].op, f, 0);
	} else {
		parse_sum(ps);
		if (fns[i].nargs == 2 && !ps->failed) {
			if (expect(ps, ',') < 0)
				return;
			parse_sum(ps);
		}
		if (!ps->failed)
			emit(ps, fns[i].op, -1, 0);
	}
	if (!ps->failed)
		expect(ps, ')');
}

static void
parse_atom(parser *ps)
{
	const char *at;

	skip_space(ps);
	at = ps->p;
	if (++ps->depth > EXPR_MAX_DEPTH) {
		fail(ps, at, "formula nested too deeply%.*s", "", 0);
		return;
	}
	if (*at == '(') {
		ps->p++;
		parse_sum(ps);
		if (!ps->failed)
			expect(ps, ')');
	} else if (*at == '-' || *at == '+') {
		ps->p++;
		parse_atom(ps);
		if (*at == '-' && !ps->failed)
			emit(ps, OP_NEG, -1, 0);
	} else if ((*at >= '0' && *at <= '9') || *at == '.') {
		size_t n;
		decnum dec;
		double v;

		while ((*ps->p >= '0' && *ps->p <= '9') || *ps->p == '.')
			ps->p++;
		if ((*ps->p == 'e' || *ps->p == 'E') &&
		    ((ps->p[1] >= '0' && ps->p[1] <= '9') ||
		     ((ps->p[1] == '-' || ps->p[1] == '+') && ps->p[2] >= '0' &&
		      ps->p[2] <= '9'))) {
			ps->p += 2;
			while (*ps->p >= '0' && *ps->p <= '9')
				ps->p++;
		}
		n = (size_t)(ps->p - at);
		if (n >= 64) {
			fail(ps, at, "number '%.*s' is too long", at, (int)n);
			return;
		}
		if (parse_decimal_exact(at, n, &v, &dec) < 0) {
			fail(ps, at, "'%.*s' is not a number", at, (int)n);
			return;
		}
		emit_num(ps, OP_NUM, -1, v, dec);
	} else if (is_ident_start(*at)) {
		size_t len;
		field_type t;
		int f;

		while (is_ident(*ps->p))
			ps->p++;
		len = (size_t)(ps->p - at);
		skip_space(ps);
		if (*ps->p == '(') {
			parse_call(ps, at, len, at);
		} else {
			f = ps->lookup(ps->ctx, at, len, &t);
			if (f < 0)
				fail(ps, at, "unknown field '%.*s'", at,
				     (int)len);
			else if (t == FT_DATE)
				fail(ps, at,
				     "field '%.*s' is not a number (use "
				     "years_since() for dates)",
				     at, (int)len);
			else if (!field_type_is_numeric(t) && t != FT_BOOLEAN)
				fail(ps, at, "field '%.*s' is not a number", at,
				     (int)len);
			else
				emit(ps, OP_FIELD, f, 0);
		}
	} else if (*at == '\0') {
		fail(ps, at, "formula ends too early%.*s", "", 0);
	} else {
		fail(ps, at, "unexpected '%.*s'", at, 1);
	}
	ps->depth--;
}

static void
parse_product(parser *ps)
{
	parse_atom(ps);
	for (;;) {
		char c;

		skip_space(ps);
		c = *ps->p;
		if (ps->failed || (c != '*' && c != '/'))
			return;
		ps->p++;
		parse_atom(ps);
		if (!ps->failed)
			emit(ps, c == '*' ? OP_MUL : OP_DIV, -1, 0);
	}
}

static void
parse_sum(parser *ps)
{
	if (++ps->depth > EXPR_MAX_DEPTH) {
		fail(ps, ps->p, "formula nested too deeply%.*s", "", 0);
		return;
	}
	parse_product(ps);
	for (;;) {
		char c;

		skip_space(ps);
		c = *ps->p;
		if (ps->failed || (c != '+' && c != '-'))
			break;
		ps->p++;
		parse_product(ps);
		if (!ps->failed)
			emit(ps, c == '+' ? OP_ADD : OP_SUB, -1, 0);
	}
	ps->depth--;
}

expr *
expr_compile(const char *src, expr_lookup lookup, void *ctx, char *err,
	     size_t errsz)
{
	parser ps;

	memset(&ps, 0, sizeof ps);
	ps.src = ps.p = src;
	ps.e = xcalloc(1, sizeof *ps.e);
	ps.lookup = lookup;
	ps.ctx = ctx;
	ps.err = err;
	ps.errsz = errsz;
	parse_sum(&ps);
	skip_space(&ps);
	if (!ps.failed && *ps.p)
		fail(&ps, ps.p, "unexpected '%.*s'", ps.p, 1);
	if (!ps.failed && ps.maxstack > EXPR_MAX_DEPTH)
		fail(&ps, src, "formula too long%.*s", "", 0);
	if (ps.failed) {
		expr_free(ps.e);
		return NULL;
	}
	return ps.e;
}

void
expr_free(expr *e)
{
	if (!e)
		return;
	free(e->code);
	free(e);
}

/* One entry of the evaluation stack: the double, and the exact decimal
 * when every step so far had one (then num is the decimal rounded). */
typedef struct slot {
	double num;
	decnum dec;
} slot;

/* Sets x's double from its decimal, when it has one, so that the double
 * never drifts from the exact value (1000.30 - 1000.10 - 0.20 is 0, not
 * -6.8e-14). */
static void
sync(slot *x)
{
	if (x->dec.ok)
		x->num = dec_to_double(x->dec);
}

/* a op b for a binary operator; b is not zero for OP_DIV. */
static void
binary(enum opcode op, slot *a, const slot *b)
{
	switch (op) {
	case OP_ADD:
		a->num += b->num;
		a->dec = dec_add(a->dec, b->dec);
		break;
	case OP_SUB:
		a->num -= b->num;
		a->dec = dec_sub(a->dec, b->dec);
		break;
	case OP_MUL:
		a->num *= b->num;
		a->dec = dec_mul(a->dec, b->dec);
		break;
	case OP_DIV:
		a->num /= b->num;
		a->dec = dec_div(a->dec, b->dec);
		break;
	case OP_MIN:
	case OP_MAX: {
		int below = a->dec.ok && b->dec.ok ?
				dec_cmp(b->dec, a->dec) < 0 :
				b->num < a->num;
		int above = a->dec.ok && b->dec.ok ?
				dec_cmp(b->dec, a->dec) > 0 :
				b->num > a->num;

		if (op == OP_MIN ? below : above)
			*a = *b;
		else if (!b->dec.ok)
			a->dec.ok = 0; /* one side inexact: the result is too */
		return;
	}
	default:
		return;
	}
	sync(a);
}

expr_status
expr_eval_value(const expr *e, const value *vals, long today, value *out,
		int *field)
{
	slot st[EXPR_MAX_DEPTH + 1];
	int sp = 0;
	size_t i;

	memset(st, 0, sizeof st);
	for (i = 0; i < e->n; i++) {
		const insn *in = &e->code[i];
		const value *v;

		switch (in->op) {
		case OP_NUM:
			st[sp].num = in->num;
			st[sp++].dec = in->dec;
			break;
		case OP_FIELD:
		case OP_YEARS:
		case OP_MONTHS:
		case OP_DAYS:
			v = &vals[in->field];
			if (v->kind == V_MISSING) {
				*field = in->field;
				return EXPR_MISSING;
			}
			if (in->op == OP_FIELD)
				st[sp].num = v->num;
			else if (in->op == OP_YEARS)
				st[sp].num = (double)
				    date_years_between((long)v->num, today);
			else if (in->op == OP_MONTHS)
				st[sp].num = (double)
				    date_months_between((long)v->num, today);
			else
				st[sp].num = (double)today - v->num;
			/* a cell's own decimal; whole numbers (booleans,
			 * counts of days) are exact as they are */
			st[sp].dec = in->op == OP_FIELD && v->dec.ok ?
					 v->dec :
					 dec_from_int(st[sp].num);
			sp++;
			break;
		case OP_NEG:
			st[sp - 1].num = -st[sp - 1].num;
			st[sp - 1].dec.mant = -st[sp - 1].dec.mant;
			break;
		case OP_ABS:
			st[sp - 1].num = fabs(st[sp - 1].num);
			if (st[sp - 1].dec.mant < 0)
				st[sp - 1].dec.mant = -st[sp - 1].dec.mant;
			break;
		default:
			sp--;
			if (in->op == OP_DIV && st[sp].num == 0)
				return EXPR_DIV_ZERO;
			binary(in->op, &st[sp - 1], &st[sp]);
			break;
		}
		/* Any step that leaves the finite numbers (1e200 * 1e200,
		 * 1 / 1e-308 / 1e-308) spoils the whole formula, even when a
		 * later step would bring it back (1 / (x * x) would be 0). */
		if (sp > 0 && !st[sp - 1].dec.ok && !isfinite(st[sp - 1].num))
			return EXPR_OVERFLOW;
	}
	memset(out, 0, sizeof *out);
	out->kind = V_NUMBER;
	out->num = st[0].num == 0 ? 0 : st[0].num; /* never "-0" */
	out->dec = st[0].dec;
	return EXPR_OK;
}

expr_status
expr_eval(const expr *e, const value *vals, long today, double *out, int *field)
{
	value v;
	expr_status st = expr_eval_value(e, vals, today, &v, field);

	if (st == EXPR_OK)
		*out = v.num;
	return st;
}

void
expr_fields(const expr *e, void (*fn)(void *ctx, int field), void *ctx)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (e->code[i].field >= 0)
			fn(ctx, e->code[i].field);
}
