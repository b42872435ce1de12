#ifndef PARTNERCHECK_OPS_H
#define PARTNERCHECK_OPS_H

#include <stddef.h>

#include "rules.h"
#include "value.h"

/*
 * The condition operators, one table row each: how the rule file spells
 * the operator, how a rule reads in a report, what it takes and what it
 * fits.  The loader, the evaluator's messages and lint's hints all read
 * this one table, so the three cannot drift apart.  Adding an operator is
 * adding a cond_op, a row here and its case in cond.c (or pairs.c).
 */

/* What an operator takes after the subject. */
typedef enum op_arity {
	OPA_NONE,  /* "is empty": no "value" */
	OPA_ONE,   /* "<": one value */
	OPA_LIST,  /* "in": a non-empty array of values */
	OPA_RANGE, /* "between": [low, high] */
	OPA_KIDS,  /* "all", "any": a non-empty array of conditions */
	OPA_KID    /* "not", "both", "either": one condition */
} op_arity;

/* Flags of an operator. */
enum {
	OPF_PAIRWISE = 1,    /* compares two partners: "pairs" rules only */
	OPF_NEEDS_FIELD = 2, /* its subject must be a field, not a formula */
	OPF_REGEX = 4        /* its value is a regular expression */
};

/* The field types an operator fits, as a mask of 1u << field_type. */
#define OP_FT(t) (1u << (t))
#define OP_FT_ALL 0x3FFu
#define OP_FT_NUMERIC \
	(OP_FT(FT_INTEGER) | OP_FT(FT_NUMBER) | OP_FT(FT_MONEY) | \
	 OP_FT(FT_PERCENT))
#define OP_FT_ORDERED (OP_FT_NUMERIC | OP_FT(FT_DATE) | OP_FT(FT_ORDINAL))

typedef struct op_info {
	cond_op op;
	const char *name; /* as written in JSON: "contains any" */
	const char *text; /* as a rule reads: "contains any of" */
	op_arity arity;
	unsigned flags; /* OPF_* */
	unsigned fits;  /* OP_FT mask of subject field types */
	/* appended to "'X' takes one value, found an array", or NULL */
	const char *array_hint;
	/* spellings people reach for, NULL-terminated: "gte" for ">=" */
	const char *const *aliases;
} op_info;

/* Every operator, indexed by cond_op: op_table[op].op == op. */
extern const op_info op_table[];
/* The number of rows in op_table (one per cond_op). */
extern const size_t op_count;

/* The row of op; op must be a cond_op (anything else is a caller bug and
 * returns the row of C_EQ rather than reading out of bounds). */
const op_info *op_info_of(cond_op op);

/* The JSON name of op: "not in", "all".  Never NULL. */
const char *op_name(cond_op op);

/* The row whose JSON name is exactly name (case matters), or NULL.
 * Combinators ("all", "both") are found too: callers that want a leaf
 * operator check op_is_leaf. */
const op_info *op_by_name(const char *name);

/* Non-zero for an operator that compares a subject ("<", "meets"); zero
 * for the combinators that hold other conditions ("all", "not"). */
int op_is_leaf(const op_info *oi);

/* Non-zero when an operator needs a "value" in the rule file. */
int op_takes_value(const op_info *oi);

/* The JSON name that the common spelling s stands for ("gte" -> ">="),
 * compared ignoring case, or NULL when s is no known alias. */
const char *op_alias_target(const char *s);

/*
 * Non-zero when oi applies to a subject of type t; t NULL means a
 * formula, which is a number (operators with OPF_NEEDS_FIELD never fit
 * one).
 */
int op_fits(const op_info *oi, const type_spec *t);

#endif
