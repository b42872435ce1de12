#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "emit_util.h"
#include "scan.h"
#include "strbuf.h"
#include "verdict.h"

/*
 * What the emitters share: the one-line finding, the summary wording and
 * each format's escaping.  The escapers copy runs of ordinary bytes in one
 * sb_add because they run on every cell of every row, a million rows a
 * run.
 */

/* Appends "RULE (SEV): MESSAGE" or "RULE (SEV, OUTCOME): MESSAGE", with
 * ", known" last inside the brackets for a finding the --baseline has.
 * An empty message drops the ": " so that no line ends in a space. */
void
finding_line(strbuf *sb, const finding *f)
{
	sb_adds(sb, f->rule ? f->rule : "");
	sb_adds(sb, " (");
	sb_adds(sb, severity_name(f->sev));
	if (f->out != OUT_FAIL) {
		sb_adds(sb, ", ");
		sb_adds(sb, outcome_name(f->out));
	}
	if (f->d.known)
		sb_adds(sb, ", known");
	sb_addc(sb, ')');
	if (f->message && *f->message) {
		sb_adds(sb, ": ");
		sb_adds(sb, f->message);
	}
}

void
add_score1(strbuf *sb, double v)
{
	/* Integer arithmetic rather than "%.1f": exact, locale-free, and a
	 * report prints a million of these.  Scores are never negative and
	 * already rounded to one decimal, so adding a half and truncating is
	 * llround without the call. */
	long long t = v >= 0 ? (long long)(v * 10 + 0.5) : llround(v * 10);
	char buf[32], *p = buf + sizeof buf;
	unsigned long long a = t < 0 ? (unsigned long long)-t :
				       (unsigned long long)t;

	*--p = '\0';
	*--p = (char)('0' + a % 10);
	*--p = '.';
	a /= 10;
	do {
		*--p = (char)('0' + a % 10);
		a /= 10;
	} while (a);
	if (t < 0)
		*--p = '-';
	sb_adds(sb, p);
}

/*
 * A score as sb_addnum prints it.  Scores are tenths, k / 10.0, whose
 * shortest form is k / 10 with one decimal or none: printed here from the
 * integer, with sb_addnum for anything else.
 */
void
add_score_short(strbuf *sb, double score)
{
	long long k = score >= 0 && score <= 1000 ?
			  (long long)(score * 10 + 0.5) :
			  -1;

	if (k < 0 || (double)k / 10 != score) {
		sb_addnum(sb, score);
		return;
	}
	/* add_score1's digits, without a ".0" that the shortest form drops */
	add_score1(sb, score);
	if (k % 10 == 0) {
		sb->len -= 2;
		sb->buf[sb->len] = '\0';
	}
}

void
add_categories(strbuf *sb, const verdict *v, const char *sep)
{
	size_t i;

	for (i = 0; i < v->ncats; i++) {
		const category_score *c = &v->cats[i];

		if (i)
			sb_adds(sb, sep);
		sb_adds(sb, c->category ? c->category : "");
		sb_addc(sb, ' ');
		if (c->has_score)
			add_score1(sb, c->score);
		else
			sb_addc(sb, '-');
	}
}

static void
add_count(strbuf *sb, size_t n, const char *one, const char *many)
{
	sb_addf(sb, "%zu %s", n, n == 1 ? one : many);
}

/* ", 2 blank rows skipped" when any were, so none goes unmentioned. */
static void
add_blank_rows(strbuf *sb, const summary *s)
{
	if (!s->blank_rows)
		return;
	sb_adds(sb, ", ");
	add_count(sb, s->blank_rows, "blank row", "blank rows");
	sb_adds(sb, " skipped");
}

/* With --baseline: "; baseline: 3 known, 1 new (1 fail, 0 warn, 0
 * info)"; nothing without one. */
static void
add_baseline_counts(strbuf *sb, const summary *s)
{
	if (!s->has_baseline)
		return;
	sb_addf(sb,
		"; baseline: %zu known, %zu new (%zu fail, %zu warn, %zu "
		"info)",
		s->known, s->fresh[0] + s->fresh[1] + s->fresh[2],
		s->fresh[SEV_FAIL], s->fresh[SEV_WARN], s->fresh[SEV_INFO]);
}

void
add_summary_line(strbuf *sb, const summary *s)
{
	size_t i;

	add_count(sb, s->rows_read, "row", "rows");
	sb_addf(sb,
		" read, %zu reported: %zu pass, %zu warn, %zu fail, %zu error",
		s->rows_reported, s->by_status[ST_PASS], s->by_status[ST_WARN],
		s->by_status[ST_FAIL], s->by_status[ST_ERROR]);
	if (s->waived > 0) {
		sb_adds(sb, ", ");
		add_count(sb, s->waived, "finding", "findings");
		sb_adds(sb, " waived");
	}
	for (i = 0; i < s->nabsent; i++)
		sb_addf(sb, "%s%s",
			i ? ", " :
			    "; read as empty, not in the "
			    "header: ",
			s->absent[i]);
	add_blank_rows(sb, s);
	add_baseline_counts(sb, s);
}

static void
add_severity_counts(strbuf *sb, const size_t n[3])
{
	add_count(sb, n[SEV_FAIL] + n[SEV_WARN] + n[SEV_INFO], "finding",
		  "findings");
	sb_addf(sb, " (%zu fail, %zu warn, %zu info)", n[SEV_FAIL], n[SEV_WARN],
		n[SEV_INFO]);
}

const char *
severity_label(severity sev, outcome out)
{
	static const char *const waived[] = { "info, waived", "warn, waived",
					      "fail, waived" };

	return out == OUT_WAIVED ? waived[sev] : severity_name(sev);
}

const char *
severity_cell(severity sev, outcome out, int known)
{
	static const char *const cell[2][2][3] = {
		{ { "info", "warn", "fail" },
		  { "info, waived", "warn, waived", "fail, waived" } },
		{ { "info, known", "warn, known", "fail, known" },
		  { "info, waived, known", "warn, waived, known",
		    "fail, waived, known" } }
	};

	return cell[known != 0][out == OUT_WAIVED][sev];
}

/* ", 2 waived" when any were: reports without waivers keep their shape. */
static void
add_waived(strbuf *sb, size_t n)
{
	if (n)
		sb_addf(sb, ", %zu waived", n);
}

void
add_pairs_line(strbuf *sb, const summary *s, int with_consortium)
{
	sb_adds(sb, "pairs: ");
	add_severity_counts(sb, s->conflicts);
	sb_addf(sb, ", %zu shown", s->conflicts_shown);
	add_waived(sb, s->conflicts_waived);
	if (with_consortium) {
		sb_adds(sb, "; consortium: ");
		add_severity_counts(sb, s->consortium);
		add_waived(sb, s->consortium_waived);
	} else {
		add_blank_rows(sb, s); /* conflicts: the only summary line */
		add_baseline_counts(sb, s);
	}
}

/* True for the second byte of a UTF-8 C1 control, given a first byte 0xC2. */
#define IS_C1_TAIL(c) ((c) >= 0x80 && (c) <= 0x9f)

/* What a character starting with 0xD8 or 0xE2 is to a reader of text
 * and markdown output. */
enum {
	PLAIN,
	BIDI,
	LINE_BREAK
};

/*
 * Classifies the character at p, in a NUL-terminated string.  The
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069) are invisible and can reorder what follows them, so
 * that a partner's name reverses the columns after it: they are dropped,
 * as other controls are.  U+2028 and U+2029 break the line as LF does.
 * Returns PLAIN for anything else (a Euro sign, an Arabic letter).
 */
static int
special_char(const unsigned char *p)
{
	if (p[0] == 0xD8)
		return p[1] == 0x9C ? BIDI : PLAIN;
	if (p[0] != 0xE2)
		return PLAIN;
	if (p[1] == 0x80) {
		if (p[2] == 0x8E || p[2] == 0x8F ||
		    (p[2] >= 0xAA && p[2] <= 0xAE))
			return BIDI;
		return p[2] == 0xA8 || p[2] == 0xA9 ? LINE_BREAK : PLAIN;
	}
	if (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
		return BIDI;
	return PLAIN;
}

/* add_md's: the same and the characters markdown gives a meaning. */
static const unsigned char md_stop[256] = {
	[0] = 1,    [1] = 1,   [2] = 1,    [3] = 1,    [4] = 1,    [5] = 1,
	[6] = 1,    [7] = 1,   [8] = 1,    [9] = 1,    [10] = 1,   [11] = 1,
	[12] = 1,   [13] = 1,  [14] = 1,   [15] = 1,   [16] = 1,   [17] = 1,
	[18] = 1,   [19] = 1,  [20] = 1,   [21] = 1,   [22] = 1,   [23] = 1,
	[24] = 1,   [25] = 1,  [26] = 1,   [27] = 1,   [28] = 1,   [29] = 1,
	[30] = 1,   [31] = 1,  [0x7f] = 1, [0xc2] = 1, [0xd8] = 1, [0xe2] = 1,
	['\\'] = 1, ['|'] = 1, ['<'] = 1,  ['>'] = 1,  ['&'] = 1
};

void
add_term(strbuf *sb, const char *s)
{
	size_t n, i = 0, run = 0, k;

	if (!s)
		return;
	n = strlen(s);
	/* Runs of plain text are found a block at a time and copied whole;
	 * a 0xC2 that does not start a C1 control (a pound sign) is text. */
	for (;;) {
		unsigned char c;
		int kind = PLAIN;

		k = scan_term(s, i, n);
		if (k == n)
			break;
		c = (unsigned char)s[k];
		i = k + 1;
		if (c == 0xc2 && !IS_C1_TAIL((unsigned char)s[k + 1]))
			continue;
		if ((c == 0xd8 || c == 0xe2) &&
		    (kind = special_char((const unsigned char *)s + k)) ==
			PLAIN)
			continue;
		sb_add(sb, s + run, k - run);
		if (c == '\t' || c == '\n' || c == '\r' || kind == LINE_BREAK)
			sb_addc(sb, ' ');
		if (c == 0xc2 || c == 0xd8)
			i = k + 2;
		else if (c == 0xe2)
			i = k + 3;
		run = i;
	}
	sb_add(sb, s + run, n - run);
}

/* Columns a code point takes on a terminal: 0 for combining marks and
 * zero-width characters, 2 for East Asian wide ones and emoji, else 1.
 * The common ranges, not all of Unicode's tables: enough to keep a table
 * of names in line. */
static int
cp_columns(uint32_t c)
{
	static const uint32_t zero[][2] = {
		{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
		{ 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x0E31, 0x0E31 },
		{ 0x0E34, 0x0E3A }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
		{ 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 },
		{ 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F },
		{ 0xFEFF, 0xFEFF },
	};
	static const uint32_t wide[][2] = {
		{ 0x1100, 0x115F },   { 0x2E80, 0x303E },
		{ 0x3041, 0x33FF },   { 0x3400, 0x4DBF },
		{ 0x4E00, 0x9FFF },   { 0xA000, 0xA4CF },
		{ 0xAC00, 0xD7A3 },   { 0xF900, 0xFAFF },
		{ 0xFE30, 0xFE4F },   { 0xFF00, 0xFF60 },
		{ 0xFFE0, 0xFFE6 },   { 0x1F300, 0x1F64F },
		{ 0x1F900, 0x1F9FF }, { 0x20000, 0x3FFFD },
	};
	size_t i;

	if (c < 0x0300)
		return 1;
	for (i = 0; i < sizeof zero / sizeof zero[0]; i++)
		if (c >= zero[i][0] && c <= zero[i][1])
			return 0;
	for (i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (c >= wide[i][0] && c <= wide[i][1])
			return 2;
	return 1;
}

/* display_width's slow path: decodes s (valid UTF-8 by now). */
static size_t
columns(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t w = 0;

	while (p < end) {
		uint32_t c = *p;
		int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;

		if ((c & 0xC0) == 0x80) { /* a stray continuation byte */
			p++;
			continue;
		}
		if (n)
			c &= 0x3Fu >> n;
		for (p++; n > 0 && p < end && (*p & 0xC0) == 0x80; n--, p++)
			c = c << 6 | (*p & 0x3Fu);
		w += (size_t)cp_columns(c);
	}
	return w;
}

size_t
display_width(const char *s, size_t len)
{
	const uint64_t high = 0x8080808080808080u;
	size_t i = 0, cont = 0, k;
	uint64_t w, acc, lead = 0;

	/*
	 * Continuation bytes (10xxxxxx) do not start a code point.  Eight
	 * bytes at a time: w & ~(w << 1) has the top bit of exactly those
	 * bytes, w & (w << 1) of lead bytes (11xxxxxx).  Up to 31 such words
	 * add up byte-wise without a carry, and their eight byte sums (at
	 * most 248) in one multiplication.
	 */
	while (i + 8 <= len) {
		acc = 0;
		for (k = 0; k < 31 && i + 8 <= len; k++, i += 8) {
			memcpy(&w, s + i, 8);
			acc += (w & ~(w << 1) & high) >> 7;
			lead |= w & (w << 1) & high;
		}
		cont += (size_t)((acc * 0x0101010101010101u) >> 56);
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		cont += (c & 0xC0) == 0x80;
		lead |= (c & 0xC0) == 0xC0;
	}
	/* Code points from U+0300 on (lead bytes 0xCC and up) may be
	 * combining (no column) or wide (two columns): text with any lead
	 * byte is looked at again, and decoded only if it holds one. */
	if (lead)
		for (i = 0; i < len; i++)
			if ((unsigned char)s[i] >= 0xCC)
				return columns(s, len);
	return len - cont;
}

/* Returns 1 for a sign followed by a figure as people write them: digits
 * with spaces, grouping commas, a point, a percent sign, brackets or a
 * currency sign (-12.5, -£12,000, +44 20 7946 0000).  Without letters or
 * operators, a spreadsheet can read it as nothing worse than a number, so
 * it is kept exactly as it was read. */
static int
signed_figure(const char *s)
{
	const unsigned char *p = (const unsigned char *)s + 1;
	int digits = 0;

	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits = 1;
		else if (*p == 0xC2 && p[1] == 0xA3) /* £ */
			p++;
		else if (*p == 0xE2 && p[1] == 0x82 && p[2] == 0xAC) /* € */
			p += 2;
		else if (!strchr(" ,.%()$", *p))
			return 0;
	}
	return digits;
}

int
formula_like(const char *s)
{
	if (!s)
		return 0;
	switch (*s) {
	case '+':
	case '-':
		return !signed_figure(s);
	case '=':
	case '@':
	case '\t':
	case '\r':
		return 1;
	default:
		return 0;
	}
}

/* The bytes that end add_csv_cell's scan: those that force quoting, and
 * the NUL at the end. */
static const unsigned char csv_stop[256] = {
	[0] = 1, [','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1
};

/* Appends s, which needs quoting, as a quoted cell. */
static void
quoted_cell(strbuf *sb, const char *s, int guard)
{
	const char *p;

	sb_addc(sb, '"');
	if (guard && formula_like(s))
		sb_addc(sb, '\'');
	while ((p = strchr(s, '"')) != NULL) {
		sb_add(sb, s, (size_t)(p - s) + 1);
		sb_addc(sb, '"');
		s = p + 1;
	}
	sb_adds(sb, s);
	sb_addc(sb, '"');
}

void
add_csv_cell_n(strbuf *sb, const char *s, size_t len, int guard)
{
	if (scan_find2(s, 0, len, ',', '"') < len ||
	    scan_find2(s, 0, len, '\r', '\n') < len ||
	    (len > 0 && (s[0] == ' ' || s[len - 1] == ' '))) {
		quoted_cell(sb, s, guard);
		return;
	}
	if (guard && formula_like(s))
		sb_addc(sb, '\'');
	sb_add(sb, s, len);
}

void
add_csv_cell(strbuf *sb, const char *s, int guard)
{
	const unsigned char *u;
	size_t len;

	if (!s)
		s = "";
	/* One pass finds both the length and whether to quote. */
	for (u = (const unsigned char *)s; !csv_stop[*u]; u++)
		;
	len = (size_t)((const char *)u - s);
	if (!*u && !(len > 0 && (s[0] == ' ' || s[len - 1] == ' '))) {
		if (guard && formula_like(s))
			sb_addc(sb, '\'');
		sb_add(sb, s, len);
		return;
	}
	quoted_cell(sb, s, guard);
}

void
add_tsv_cell(strbuf *sb, const char *s, int guard)
{
	const char *p, *run;

	if (!s)
		s = "";
	if (guard && formula_like(s))
		sb_addc(sb, '\'');
	for (run = p = s; *p; p++) {
		const char *esc;

		switch (*p) {
		case '\\':
			esc = "\\\\";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		default:
			continue;
		}
		sb_add(sb, run, (size_t)(p - run));
		sb_add(sb, esc, 2);
		run = p + 1;
	}
	sb_add(sb, run, (size_t)(p - run));
}

void
add_json_str(strbuf *sb, const char *s)
{
	size_t n, i = 0, k;

	if (!s) {
		sb_adds(sb, "null");
		return;
	}
	n = strlen(s);
	sb_addc(sb, '"');
	/* Messages make up most of a JSON report: the runs between the bytes
	 * to escape are found a block at a time and copied whole. */
	for (;;) {
		const char *esc;
		unsigned char c;

		k = scan_json(s, i, n);
		sb_add(sb, s + i, k - i);
		if (k == n)
			break;
		i = k + 1;
		switch (c = (unsigned char)s[k]) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\b':
			esc = "\\b";
			break;
		case '\f':
			esc = "\\f";
			break;
		default:
			/* DEL is legal in JSON but invisible and harmful on a
			 * terminal that displays the output. */
			sb_addf(sb, "\\u%04x", c);
			continue;
		}
		sb_adds(sb, esc);
	}
	sb_addc(sb, '"');
}

void
add_md(strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *run = p;

	for (;; p++) {
		unsigned char c;
		int kind = PLAIN;

		while (!md_stop[*p])
			p++;
		c = *p;
		if (!c)
			break;
		if (c == 0xc2 && !IS_C1_TAIL(p[1]))
			continue;
		if ((c == 0xd8 || c == 0xe2) &&
		    (kind = special_char(p)) == PLAIN)
			continue;
		sb_add(sb, (const char *)run, (size_t)(p - run));
		switch (c) {
		case '\\':
			sb_adds(sb, "\\\\");
			break;
		case '|':
			sb_adds(sb, "\\|");
			break;
		case '<':
			sb_adds(sb, "&lt;");
			break;
		case '>':
			sb_adds(sb, "&gt;");
			break;
		case '&':
			sb_adds(sb, "&amp;");
			break;
		case '\t':
			sb_addc(sb, ' ');
			break;
		case '\r':
			/* CRLF is one line break, not two. */
			if (p[1] == '\n')
				p++;
			/* fall through */
		case '\n':
			/* a cell is one line, and a bid document has no
			 * HTML in it: a break in a value reads as a space */
			sb_addc(sb, ' ');
			break;
		default:
			/* Other controls would corrupt the table or the page:
			 * drop them, as the text format does. */
			if (c == 0xc2)
				p++;
			else if (kind != PLAIN) {
				if (kind == LINE_BREAK)
					sb_addc(sb, ' ');
				p += c == 0xd8 ? 1 : 2;
			}
			break;
		}
		run = p + 1;
	}
	sb_add(sb, (const char *)run, (size_t)(p - run));
}

void
sb_write(strbuf *sb, FILE *out)
{
	fwrite(sb->buf, 1, sb->len, out);
	sb_reset(sb);
}

const char *
color_status(status st)
{
	static const char *const c[] = { "\033[32m", "\033[33m", "\033[31m",
					 "\033[1;31m" };

	return (unsigned)st < sizeof c / sizeof *c ? c[st] : "";
}

const char *
color_severity(severity sev)
{
	static const char *const c[] = { "\033[36m", "\033[33m", "\033[31m" };

	return (unsigned)sev < sizeof c / sizeof *c ? c[sev] : "";
}

const char *
color_ok(void)
{
	return "\033[32m";
}

void
add_json_source(const report *r, strbuf *sb, const char *rule)
{
	finding_source src;
	size_t i;

	if (!r->source_of || !r->source_of(r->source_ctx, rule, &src))
		return;
	sb_adds(sb, ", \"source\": {\"file\": ");
	add_json_str(sb, src.file);
	sb_adds(sb, ", \"overrides\": [");
	for (i = 0; i < src.nov; i++) {
		sb_adds(sb, i ? ", {\"file\": " : "{\"file\": ");
		add_json_str(sb, src.ov_files[i]);
		sb_adds(sb, ", \"key\": ");
		add_json_str(sb, src.ov_keys[i]);
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]}");
}
