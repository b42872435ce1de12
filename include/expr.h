#ifndef PARTNERCHECK_EXPR_H
#define PARTNERCHECK_EXPR_H

#include "value.h"
#include <stddef.h>

/*
 * Arithmetic over a partner's fields, e.g. "surplus_gbp / turnover_gbp * 100"
 * or "years_since(registered)".  Compiled once into a small stack program;
 * evaluating it per row costs no allocation.
 *
 * Grammar: sums and products of numbers, field names, parentheses, unary
 * minus, and the functions abs(x), min(x, y), max(x, y), years_since(d),
 * months_since(d), days_since(d) where d is a date field.  Field names are
 * letters, digits, '_' and '.', starting with a letter or '_'.
 */

typedef struct expr expr;

/* Looks up a field name: returns its index and sets *type, or -1. */
typedef int (*expr_lookup)(void *ctx, const char *name, size_t len,
			   field_type *type);

/*
 * Compiles src.  Returns NULL on error with a sentence in err naming the
 * column (1-based) of src where the problem is, e.g. "column 9: unknown field
 * 'turnover'".  The caller frees the result with expr_free.
 */
expr *expr_compile(const char *src, expr_lookup lookup, void *ctx, char *err,
		   size_t errsz);
/* Frees a compiled expression; NULL is a no-op. */
void expr_free(expr *e);

typedef enum expr_status {
	EXPR_OK,
	EXPR_MISSING,  /* a field it reads is missing */
	EXPR_DIV_ZERO, /* a division by zero */
	EXPR_OVERFLOW  /* a step went beyond the finite numbers */
} expr_status;

/*
 * Evaluates e over vals (indexed by field) with `today` as days since
 * 1970-01-01, into *out (V_NUMBER, num and dec; text NULL).  EXPR_MISSING
 * when a field it uses is missing (*field is set to that field, the first
 * the formula reads), EXPR_DIV_ZERO on a division by zero, EXPR_OVERFLOW
 * when any step, not only the last, is not finite; *out is then untouched.
 *
 * Exactness: numbers written as decimals (cells, literals) keep their
 * exact decimal through + - * min max abs and through a division whose
 * quotient is a decimal of at most DEC_MAX_SCALE decimals, while it fits
 * (see value.h); out->dec then holds the exact result and out->num is it
 * correctly rounded.  Anything else (1 / 3, values past 18 digits) is
 * binary floating point, and out->dec.ok is 0.  Nothing is rounded to a
 * number of significant digits.
 */
expr_status expr_eval_value(const expr *e, const value *vals, long today,
			    value *out, int *field);

/* expr_eval_value's double alone, in *out. */
expr_status expr_eval(const expr *e, const value *vals, long today, double *out,
		      int *field);

/* Calls fn for each field index the expression reads. */
void expr_fields(const expr *e, void (*fn)(void *ctx, int field), void *ctx);

#endif
