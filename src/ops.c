#include <string.h>
#include <strings.h>

#include "ops.h"

/* Shorthands for the table only. */
#define ALIASES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NOT_LIST (OP_FT_ALL & ~OP_FT(FT_LIST))

/*
 * One row per cond_op, in the enum's order (check_cond tests that).  The
 * order of the leaf rows is also the order in which did-you-mean weighs
 * candidates, so a new operator goes at the end of its group.
 */
const op_info op_table[] = {
	{ C_EQ, "==", "==", OPA_ONE, 0, NOT_LIST, " (use 'in')",
	  ALIASES("eq", "=") },
	{ C_NE, "!=", "!=", OPA_ONE, 0, NOT_LIST, NULL, ALIASES("ne", "<>") },
	{ C_LT, "<", "<", OPA_ONE, 0, OP_FT_ORDERED, NULL, ALIASES("lt") },
	{ C_LE, "<=", "<=", OPA_ONE, 0, OP_FT_ORDERED, NULL,
	  ALIASES("le", "lte", "=<") },
	{ C_GT, ">", ">", OPA_ONE, 0, OP_FT_ORDERED, NULL, ALIASES("gt") },
	{ C_GE, ">=", ">=", OPA_ONE, 0, OP_FT_ORDERED, NULL,
	  ALIASES("ge", "gte", "=>") },
	{ C_BETWEEN, "between", "between", OPA_RANGE, 0, OP_FT_ORDERED, NULL,
	  NULL },
	{ C_IN, "in", "in", OPA_LIST, 0, NOT_LIST & ~OP_FT(FT_BOOLEAN), NULL,
	  NULL },
	{ C_NOT_IN, "not in", "not in", OPA_LIST, 0,
	  NOT_LIST & ~OP_FT(FT_BOOLEAN), NULL, ALIASES("not_in", "nin") },
	{ C_CONTAINS, "contains", "contains", OPA_ONE, 0, OP_FT(FT_LIST),
	  " (use 'contains any' or 'contains all')", NULL },
	{ C_CONTAINS_ANY, "contains any", "contains any of", OPA_LIST, 0,
	  OP_FT(FT_LIST), NULL, ALIASES("contains_any") },
	{ C_CONTAINS_ALL, "contains all", "contains all of", OPA_LIST, 0,
	  OP_FT(FT_LIST), NULL, ALIASES("contains_all") },
	{ C_EMPTY, "is empty", "is empty", OPA_NONE, 0, OP_FT(FT_LIST), NULL,
	  ALIASES("empty") },
	{ C_NOT_EMPTY, "is not empty", "is not empty", OPA_NONE, 0,
	  OP_FT(FT_LIST), NULL, ALIASES("not empty") },
	{ C_PRESENT, "present", "is present", OPA_NONE, OPF_NEEDS_FIELD,
	  OP_FT_ALL, NULL, ALIASES("exists") },
	{ C_ABSENT, "absent", "is absent", OPA_NONE, OPF_NEEDS_FIELD, OP_FT_ALL,
	  NULL, ALIASES("missing") },
	{ C_MATCHES, "matches", "matches", OPA_ONE, OPF_NEEDS_FIELD | OPF_REGEX,
	  OP_FT_ALL, NULL, ALIASES("regex") },
	{ C_ALL, "all", "all", OPA_KIDS, 0, 0, NULL, NULL },
	{ C_ANY, "any", "any", OPA_KIDS, 0, 0, NULL, NULL },
	{ C_NOT, "not", "not", OPA_KID, 0, 0, NULL, NULL },
	{ C_BOTH, "both", "both", OPA_KID, OPF_PAIRWISE, 0, NULL, NULL },
	{ C_EITHER, "either", "either", OPA_KID, OPF_PAIRWISE, 0, NULL, NULL },
	{ C_MEETS, "meets", "meets", OPA_NONE, OPF_PAIRWISE | OPF_NEEDS_FIELD,
	  OP_FT(FT_LIST), NULL, NULL },
	{ C_APART, "apart", "apart", OPA_NONE, OPF_PAIRWISE, OP_FT_ORDERED,
	  NULL, NULL },
	{ C_DIFFER, "differ", "differ", OPA_NONE,
	  OPF_PAIRWISE | OPF_NEEDS_FIELD, OP_FT_ALL, NULL, NULL },
	{ C_SAME, "same", "same", OPA_NONE, OPF_PAIRWISE | OPF_NEEDS_FIELD,
	  OP_FT_ALL, NULL, NULL },
};

const size_t op_count = sizeof op_table / sizeof op_table[0];

const op_info *
op_info_of(cond_op op)
{
	return (size_t)op < op_count ? &op_table[op] : &op_table[C_EQ];
}

const char *
op_name(cond_op op)
{
	return op_info_of(op)->name;
}

const op_info *
op_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < op_count; i++)
		if (!strcmp(name, op_table[i].name))
			return &op_table[i];
	return NULL;
}

int
op_is_leaf(const op_info *oi)
{
	return oi->arity != OPA_KIDS && oi->arity != OPA_KID;
}

int
op_takes_value(const op_info *oi)
{
	return oi->arity == OPA_ONE || oi->arity == OPA_LIST ||
	       oi->arity == OPA_RANGE;
}

const char *
op_alias_target(const char *s)
{
	size_t i, a;

	for (i = 0; i < op_count; i++)
		for (a = 0; op_table[i].aliases && op_table[i].aliases[a]; a++)
			if (!strcasecmp(s, op_table[i].aliases[a]))
				return op_table[i].name;
	return NULL;
}

int
op_fits(const op_info *oi, const type_spec *t)
{
	if (!t)
		return !(oi->flags & OPF_NEEDS_FIELD) &&
		       (oi->fits & OP_FT(FT_NUMBER));
	return (oi->fits & OP_FT(t->type)) != 0;
}
