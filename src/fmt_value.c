#include <math.h>
#include <string.h>

#include "date.h"
#include "fmt_value.h"

/*
 * Numbers are formatted from their digits, never with printf's %f: the
 * figures come from dec_format (exact, integer arithmetic) or, for a value
 * without a decimal, from sb_addnum, and every separator is written here.
 */

/* The figures of num: exact when dec has them.  The caller's buf holds
 * DEC_BUFSIZE bytes; sc is scratch for the other case. */
static const char *
figures(double num, decnum dec, char *buf, strbuf *sc)
{
	if (dec.ok)
		return dec_format(dec, buf);
	/* a double without a decimal: its shortest form, which for a value
	 * that is a decimal in disguise has no more than 17 digits */
	dec = dec_from_double(num);
	if (dec.ok)
		return dec_format(dec, buf);
	sb_reset(sc);
	sb_addnum(sc, num);
	return sc->buf;
}

void
fmt_plain_number(strbuf *sb, double num, decnum dec)
{
	char buf[DEC_BUFSIZE];
	strbuf sc;

	sb_init(&sc);
	sb_adds(sb, figures(num, dec, buf, &sc));
	sb_free(&sc);
}

void
fmt_percent(strbuf *sb, double num, decnum dec)
{
	fmt_plain_number(sb, num, dec);
	sb_addc(sb, '%');
}

void
fmt_money(strbuf *sb, double num, decnum dec)
{
	fmt_money_in(sb, num, dec, "£");
}

void
fmt_money_in(strbuf *sb, double num, decnum dec, const char *sym)
{
	char buf[DEC_BUFSIZE];
	strbuf sc;
	const char *s, *dot;
	size_t nint, i;

	sb_init(&sc);
	s = figures(num, dec, buf, &sc);
	/* "inf", "1e+300": nothing to group; say it as it is */
	if (strspn(s + (*s == '-'), "0123456789.") != strlen(s + (*s == '-'))) {
		sb_adds(sb, sym);
		sb_adds(sb, s);
		sb_free(&sc);
		return;
	}
	if (*s == '-') {
		sb_addc(sb, '-');
		s++;
	}
	sb_adds(sb, sym);
	dot = strchr(s, '.');
	nint = dot ? (size_t)(dot - s) : strlen(s);
	for (i = 0; i < nint; i++) {
		if (i && (nint - i) % 3 == 0)
			sb_addc(sb, ',');
		sb_addc(sb, s[i]);
	}
	if (dot) {
		sb_adds(sb, dot);
		/* pence as two figures: £21.5 is £21.50 */
		if (strlen(dot + 1) == 1)
			sb_addc(sb, '0');
	}
	sb_free(&sc);
}

void
fmt_number(strbuf *sb, const type_spec *t, double num, decnum dec)
{
	char date[128];

	if (!t || t->unknown) {
		fmt_plain_number(sb, num, dec);
		return;
	}
	switch (t->type) {
	case FT_MONEY:
		fmt_money(sb, num, dec);
		return;
	case FT_PERCENT:
		fmt_percent(sb, num, dec);
		return;
	case FT_DATE:
		if (num == floor(num) && fabs(num) < 1e9) {
			/* in the field's own format: the file's
			 * 31/03/2020 reads 31/03/2020 */
			date_format_as(t->date_format, (long)num, date,
				       sizeof date);
			sb_adds(sb, date);
			return;
		}
		break;
	case FT_ORDINAL:
	case FT_ENUM:
		if (num >= 0 && num < (double)t->nlevels && num == floor(num)) {
			sb_adds(sb, t->levels[(size_t)num]);
			return;
		}
		break;
	case FT_BOOLEAN:
		sb_adds(sb, num != 0 ? "yes" : "no");
		return;
	default:
		break;
	}
	fmt_plain_number(sb, num, dec);
}

void
fmt_literal(strbuf *sb, const type_spec *t, double num, decnum dec,
	    const char *text, size_t len)
{
	if (!t || t->unknown || t->type == FT_STRING || t->type == FT_ENUM ||
	    t->type == FT_LIST) {
		sb_add(sb, text, len);
		return;
	}
	fmt_number(sb, t, num, dec);
}

/* The currency symbol a money cell is written with: "$12.50" stays in
 * dollars (partnercheck converts nothing), a bare amount is in pounds. */
static const char *
cell_currency(const value *v)
{
	static const char *const syms[] = { "£", "$", "€", NULL };
	size_t i, n;

	for (i = 0; syms[i]; i++)
		for (n = 0; n + strlen(syms[i]) <= v->len; n++)
			if (!memcmp(v->text + n, syms[i], strlen(syms[i])))
				return syms[i];
	return "£";
}

void
fmt_value(strbuf *sb, const type_spec *t, const value *v)
{
	if (v->kind == V_MISSING) {
		sb_adds(sb, "missing");
		return;
	}
	if (!t || t->unknown || v->kind == V_TEXT || v->kind == V_LIST) {
		sb_add(sb, v->text, v->len);
		return;
	}
	if (t->type == FT_MONEY && v->kind == V_NUMBER) {
		fmt_money_in(sb, v->num, v->dec, cell_currency(v));
		return;
	}
	{
		decnum none = { 0, 0, 0 };

		fmt_number(sb, t, v->num, v->kind == V_NUMBER ? v->dec : none);
	}
}
