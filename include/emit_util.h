#ifndef PARTNERCHECK_EMIT_UTIL_H
#define PARTNERCHECK_EMIT_UTIL_H

#include <stddef.h>

#include "report.h"
#include "strbuf.h"

/*
 * Private to the emitters (src/emit_*.c): the escaping and wording every
 * format shares, implemented in src/emit_util.c.  (The emitters
 * themselves, one "const emitter emit_NAME" per src/emit_NAME.c, are
 * named only by src/emit_registry.c's table.)  Everything appends to a
 * strbuf the caller owns; NULL strings append as the empty string unless
 * said otherwise.
 */

/* Emitters hand their lines to stdio in batches of about this many bytes
 * (one fwrite a line costs more than the line), except to a reader who
 * waits on each line. */
#define EMIT_BATCH_BYTES 16384

/* Appends the one-line form of a finding used by text, csv, tsv and
 * markdown: "viability.reserves (fail): free_reserves_months is 1.5,
 * below the minimum 3", with ", missing"/", waived"/", error" after the
 * severity when the outcome is not a plain fail, and ", known" last when
 * the --baseline report has the finding (f->d.known).  A NULL rule appends as
 * empty; an empty or NULL message drops the ": " as well. */
void finding_line(strbuf *sb, const finding *f);

/* Appends score as sb_addnum would (shortest form: "78.6", "100"),
 * quickly for the tenths that scores are. */
void add_score_short(strbuf *sb, double score);

/* Appends v with exactly one decimal ("86.7", "100.0"). */
void add_score1(strbuf *sb, double v);

/* Appends "quality 100.0<sep>viability 66.7"; a category without a score
 * prints "-" for its value. */
void add_categories(strbuf *sb, const verdict *v, const char *sep);

/* Appends "6 rows read, 6 reported: 3 pass, 1 warn, 1 fail, 1 error", plus
 * ", 2 findings waived" and ", 2 blank rows skipped" when any were. */
void add_summary_line(strbuf *sb, const summary *s);

/* Appends "pairs: 15 findings (2 fail, 3 warn, 10 info), 5 shown", then
 * "; consortium: 1 finding (1 fail, 0 warn, 0 info)" when with_consortium,
 * else (conflicts, which has no other summary line) ", 2 blank rows
 * skipped" when any were. */
void add_pairs_line(strbuf *sb, const summary *s, int with_consortium);

/* ANSI colours for a terminal (only when report.color is set): a status
 * word (pass green, warn yellow, fail red, error bold red), a severity
 * (fail red, warn yellow, info cyan) and a matrix cell's "ok" (green);
 * each returns an escape sequence in static storage, "" for a value
 * outside its enum.  COLOR_RESET ends the coloured text. */
#define COLOR_RESET "\033[0m"
const char *color_status(status st);
const char *color_severity(severity sev);
const char *color_ok(void);

/* Appends s made safe for a terminal: tab, LF, CR and the line and
 * paragraph separators (U+2028, U+2029) become a space; other C0
 * controls, DEL, C1 controls (U+0080..U+009F) and the bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) are
 * dropped. */
void add_term(strbuf *sb, const char *s);

/* Returns the columns s[0..len) takes on a terminal: one for most code
 * points, none for combining marks and zero-width characters, two for
 * East Asian wide characters and emoji (the common ranges, not all of
 * Unicode's tables).  s is valid UTF-8; a stray continuation byte counts
 * nothing. */
size_t display_width(const char *s, size_t len);

/* Returns 1 when s would start a spreadsheet formula: '=', '@', tab or CR
 * first, or '+' or '-' followed by anything but a figure such as -12.5,
 * -£12,000 or +44 20 7946 0000. */
int formula_like(const char *s);

/* Appends s as one RFC 4180 CSV cell; guard prefixes a single quote when
 * formula_like(s). */
void add_csv_cell(strbuf *sb, const char *s, int guard);

/* The same for s of known length len (s[len] is its NUL); faster on long
 * cells such as the list of findings. */
void add_csv_cell_n(strbuf *sb, const char *s, size_t len, int guard);

/* Appends s as one TSV cell: backslash, tab, LF and CR escaped as \\ \t \n
 * \r, nothing quoted; guard as for add_csv_cell. */
void add_tsv_cell(strbuf *sb, const char *s, int guard);

/* Appends s as a JSON string with its quotes, or null when s is NULL. */
void add_json_str(strbuf *sb, const char *s);

/* Appends ', "source": {"file": ..., "overrides": [{"file", "key"}...]}'
 * for rule of a layered rule set (r->source_of): the file that defined it
 * and each override it went through; nothing for a plain rule set. */
void add_json_source(const report *r, strbuf *sb, const char *rule);

/* Appends s escaped for a Markdown table cell: \ | < > & escaped, a line
 * break (LF, CR, CRLF, U+2028 or U+2029) and a tab as a space (no HTML:
 * a cell is one line), other controls dropped, bidirectional ones as
 * add_term drops them. */
void add_md(strbuf *sb, const char *s);

/* Writes sb to out and empties it (sb keeps its buffer); a write error
 * is left for the caller's final fflush and ferror to find. */
void sb_write(strbuf *sb, FILE *out);

/* The severity cell of a pairwise or consortium finding: "fail", or
 * "fail, waived" when a waiver covers it (static storage). */
const char *severity_label(severity sev, outcome out);

/* The same with ", known" after it when known (the --baseline report has
 * the finding): "fail, known", "warn, waived, known".  Static storage. */
const char *severity_cell(severity sev, outcome out, int known);

#endif
