#ifndef PARTNERCHECK_VALUE_H
#define PARTNERCHECK_VALUE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Typed cell values.  A cell is parsed once per row into a value; checks
 * then compare numbers, indexes and item lists, never text.
 */

typedef enum field_type {
	FT_STRING,
	FT_INTEGER,
	FT_NUMBER,
	FT_MONEY,
	FT_PERCENT,
	FT_BOOLEAN,
	FT_ORDINAL,
	FT_ENUM,
	FT_LIST,
	FT_DATE
} field_type;

/* Returns the type for its rule-language name ("string", "money", ...) or
 * -1 if the name is unknown. */
int field_type_from_name(const char *name);
/* The reverse: t's rule-language name (static storage), or "unknown" for a
 * value outside the enum. */
const char *field_type_name(field_type t);
/* Types whose values are numbers: integer, number, money, percent. */
int field_type_is_numeric(field_type t);

/* What a declaration adds to its type.  Owned by the rule set. */
typedef struct type_spec {
	field_type type;
	char **levels; /* ordinal: lowest first; enum: allowed values */
	size_t nlevels;
	char *separator; /* list: item separator, default ";" */
	char **items;    /* list: the allowed items ("items": [...]), or
			  * NULL for a free list */
	size_t nitems;
	char *date_format; /* date: pattern (see date.h), NULL for ISO */
	int fraction;      /* percent: "scale": "fraction", cells written
			    * as fractions (0.62 is 62%) */
	int unknown;       /* the rule set's type was missing or wrong (a
			    * problem already reported): nothing is checked
			    * against it */
} type_spec;

typedef struct item {
	const char *s; /* not NUL-terminated; points into the cell text */
	size_t len;
} item;

/* A growable array of items, reused row after row by one field. */
typedef struct item_vec {
	item *v;
	size_t n;
	size_t cap;
} item_vec;

/* Frees the items' array and empties iv for reuse (the items point into
 * text iv does not own); NULL is a no-op. */
void item_vec_free(item_vec *iv);

/*
 * An exact decimal number, mant / 10^scale, carried beside a number's
 * double so that pounds and pence add, subtract and compare exactly.  It
 * exists (ok is 1) when the number was written as a finite decimal whose
 * digits fit: |mant| < 2^63 and scale 0..DEC_MAX_SCALE.  When ok is 0 only
 * the double counts (a zeroed decimal has none).  Whenever a value has one,
 * its double is the decimal correctly rounded, so comparing the doubles
 * first and the decimals only when the doubles are equal gives the exact
 * answer.
 */
#define DEC_MAX_SCALE 18

typedef struct decnum {
	int64_t mant;
	signed char scale;
	unsigned char ok;
} decnum;

/* The decimal of a whole number that a double holds exactly (|v| <= 2^53),
 * else one with ok 0. */
decnum dec_from_int(double v);

/* The shortest decimal that reads back as v (what a JSON number meant
 * when it was written with up to 15 significant digits); ok 0 for a
 * non-finite v or one whose digits do not fit. */
decnum dec_from_double(double v);

/* The double nearest to d (d.ok must be 1). */
double dec_to_double(decnum d);

/* a + b, a - b, a * b, exactly; ok 0 when either has no decimal or the
 * result does not fit (the caller then uses the doubles).  a / b likewise,
 * when the quotient is a decimal with at most DEC_MAX_SCALE decimals (b
 * must not be zero). */
decnum dec_add(decnum a, decnum b);
decnum dec_sub(decnum a, decnum b);
decnum dec_mul(decnum a, decnum b);
decnum dec_div(decnum a, decnum b);

/* a / b rounded half away from zero to `decimals` decimals (0 to
 * DEC_MAX_SCALE), exactly: 3 / 16 * 100 to one decimal is 18.8.  ok 0
 * when either has no decimal, b is zero or the result does not fit. */
decnum dec_quotient(decnum a, decnum b, int decimals);

/* -1, 0 or 1 as a is below, equal to or above b; both must have ok 1. */
int dec_cmp(decnum a, decnum b);

/* d rounded half away from zero to at most `decimals` decimals (it is
 * returned unchanged when it has no more). */
decnum dec_round(decnum d, int decimals);

/* Writes d (ok 1) into buf as plain decimal digits, never an exponent,
 * trailing zeros after the point dropped ("-1250.5", "0"); buf holds at
 * least DEC_BUFSIZE bytes.  Returns buf. */
#define DEC_BUFSIZE 48
char *dec_format(decnum d, char *buf);

typedef enum value_kind {
	V_MISSING, /* empty or all-blank cell */
	V_NUMBER,  /* integer, number, money, percent: num */
	V_BOOL,    /* num is 0 or 1 */
	V_TEXT,    /* string */
	V_LEVEL,   /* ordinal or enum: num is the index into levels */
	V_LIST,    /* items/nitems (an empty cell is an empty list) */
	V_DATE     /* num is days since 1970-01-01 */
} value_kind;

typedef struct value {
	value_kind kind;
	double num;
	decnum dec; /* V_NUMBER: num's exact decimal, when the cell has one */
	const char *text; /* the cell with surrounding blanks trimmed */
	size_t len;
	const item *items;
	size_t nitems;
} value;

/*
 * Parses cell[0..len) as type t into *out.  Surrounding spaces and tabs are
 * trimmed first; a cell that is then empty is V_MISSING, except for lists,
 * where it is an empty V_LIST.  List items are trimmed, empty items are
 * dropped, and they are stored in iv (reset first), so out->items stays
 * valid until iv is next used.  out->text points into cell.
 *
 * Accepted forms:
 *  integer  [+-]digits
 *  number   [+-]digits[.digits][(e|E)[+-]digits], or .5 / 5.
 *  money    optional sign, optional currency symbol (£ $ €) before or after
 *           the sign, digits with optional comma grouping in threes
 *           ("1,250,000"), optional decimals: "£1,250,000", "-$12.50",
 *           "$-12.50"; also "(1,250)" for a negative amount
 *  percent  a number with an optional "%" suffix ("45", "45%", "4.5 %");
 *           with t->fraction, a number without "%" is a fraction of one
 *           ("0.62" is 62, exactly as "62" would be)
 *  boolean  yes/no, true/false, y/n, 1/0, any letter case
 *  ordinal, enum  one of t->levels, matched exactly or else by key
 *           (textkey.h: ASCII letter case and blanks do not count)
 *  list     items split at t->separator; when t->items is set, every
 *           item must be one of them by key (a typo is an error with a
 *           did-you-mean, not an item that silently matches nothing)
 *  date     t->date_format, or ISO YYYY-MM-DD
 * Returns 0 on success; -1 if the text is not of the type, with a message
 * for a bid manager in err, e.g. "'12x' is not a number" or "'E' is not one
 * of D, C, B, A".  Never reads outside cell[0..len); cell may hold NULs.
 */
int value_parse(const type_spec *t, const char *cell, size_t len, value *out,
		item_vec *iv, char *err, size_t errsz);

/*
 * Whether s[0..len) is an item the list type t allows: 0 when t has no
 * vocabulary or s is one of t->items by key; else -1 with a message in
 * err (when err is not NULL), e.g. "'charty' is not an allowed item (did
 * you mean 'charity'?)" or "'x' is not one of charity, cic".
 */
int value_item_check(const type_spec *t, const char *s, size_t len, char *err,
		     size_t errsz);

/*
 * value_parse without the message, for the hot loop: the same result and
 * *out, and -1 with nothing else when the text is not of the type (call
 * value_parse then for the message).
 */
int value_parse_quiet(const type_spec *t, const char *cell, size_t len,
		      value *out, item_vec *iv);

/*
 * Strict locale-independent decimal number: the whole of s[0..len) must be
 * [+-]digits[.digits][(e|E)[+-]digits] (at least one digit before or after
 * the point).  Rejects hex, inf, nan, and results that are not finite.
 * Returns 0 and sets *out, or -1.
 */
int parse_decimal(const char *s, size_t len, double *out);

/* parse_decimal that also sets *dec to the number's exact decimal (ok 0
 * when its digits do not fit). */
int parse_decimal_exact(const char *s, size_t len, double *out, decnum *dec);

#endif
