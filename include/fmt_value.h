#ifndef PARTNERCHECK_FMT_VALUE_H
#define PARTNERCHECK_FMT_VALUE_H

#include <stddef.h>

#include "strbuf.h"
#include "value.h"

/*
 * Values and thresholds as a person reads them, in the field's own type:
 * "£1,250,000", "-£12,000.50", "62%", "2026-11-25", "B", "yes".  Every
 * message that names a value or a limit goes through here, so a finding
 * says "below the minimum £1,000" whatever the report's format.  The
 * output never depends on the locale (no printf of a double, no
 * localeconv): a report reads the same under de_DE as under C.
 *
 * Everything appends to a strbuf the caller owns.
 */

/*
 * Appends an amount of money: "£" after the sign, the pounds grouped in
 * threes with commas, and pence when there are any, always as two figures
 * ("£21.50", "-£12,000", "£0"); a finer fraction keeps every figure it
 * has ("£0.125"), because rounding it could make a value read as the
 * threshold it missed.  The exact decimal dec is used when dec.ok, else
 * num (never an exponent for amounts below 10^21; beyond that, or for a
 * value that is not finite, the figures sb_addnum gives after the "£").
 */
void fmt_money(strbuf *sb, double num, decnum dec);

/* fmt_money with another currency symbol sym (UTF-8, not NULL) in place
 * of "£": "-$12.50". */
void fmt_money_in(strbuf *sb, double num, decnum dec, const char *sym);

/* Appends a percentage: the number as written, then "%" ("62%", "29.3%",
 * "-5%", "0%").  num is already in percent (a "fraction" field's 0.62 is
 * read as 62, see value.h). */
void fmt_percent(strbuf *sb, double num, decnum dec);

/* Appends a plain number: its exact digits when dec.ok ("1.5", "-0.25",
 * "100000"), else sb_addnum's shortest form.  No grouping: a plain number
 * may be a year or a code. */
void fmt_plain_number(strbuf *sb, double num, decnum dec);

/*
 * Appends a number that means something in type t: money, percent and
 * plain numbers as above; a date (num is days since 1970-01-01) as the
 * field's "format" writes it (date.h; YYYY-MM-DD without one); an ordinal or
 * enum (num is the index into t->levels) as its level's name; a boolean as
 * "yes" or "no".  For a string or list field, for an index outside the levels,
 * and for t NULL (a formula's result) or of unknown type, the plain number.
 */
void fmt_number(strbuf *sb, const type_spec *t, double num, decnum dec);

/*
 * Appends a literal of a rule (a threshold) whose subject has type t: for
 * a string, enum or list field, or t NULL/unknown, text[0..len) as the
 * rule file writes it; for any other type fmt_number of num and dec,
 * which the loader resolved from the literal.
 */
void fmt_literal(strbuf *sb, const type_spec *t, double num, decnum dec,
		 const char *text, size_t len);

/*
 * Appends a partner's value v of a field of type t: numbers, dates,
 * levels and booleans through fmt_number, text and lists as the cell
 * reads (trimmed).  Money keeps the currency symbol its cell is written
 * with ("$", "€"; "£" when it has none): amounts are never converted.  A
 * missing value appends "missing".  t NULL or of unknown type appends the cell
 * text.
 */
void fmt_value(strbuf *sb, const type_spec *t, const value *v);

#endif
