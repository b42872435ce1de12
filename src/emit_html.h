#ifndef PARTNERCHECK_EMIT_HTML_H
#define PARTNERCHECK_EMIT_HTML_H

#include "report.h"
#include "strbuf.h"
#include "verdict.h"

/*
 * The pieces of partnercheck's HTML page that the report (emit_html.c)
 * and the line-up (lineup_html.c) share, so that both are one kind of
 * page: the same head, policy, style sheet and status marks.
 */

/* The Content-Security-Policy every page carries: nothing is loaded from
 * anywhere, no script runs; only the inline style sheet applies.  A page
 * with the sort script adds script-src with that script's hash alone. */
#define HTML_CSP \
	"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; " \
	"form-action 'none'"

/* The inline style sheet, screen and print (src/emit_html_css.c). */
extern const char html_style[];

/* Appends everything from the doctype to the opening <body>: language,
 * charset, the policy, the generator and title (escaped here). */
void html_head(strbuf *sb, const char *title);

/* Appends the <dl> of where the report comes from: rule set, input, as-of
 * date (r->origin_*; a NULL one is left out) and partnercheck's version. */
void html_origin(strbuf *sb, const report *r);

/* The same head for a page that runs script (NUL-terminated, written by
 * html_script): the policy lets that one script run, by its hash, and no
 * other.  script NULL is html_head. */
void html_head_script(strbuf *sb, const char *title, const char *script);

/* Appends </body></html>. */
void html_foot(strbuf *sb);

/* The sort and status filter for screen's table of every partner (the
 * table whose id is "all-table"; src/emit_html_script.c).  The page reads
 * fully without it. */
extern const char html_sort_script[];

/* Appends script as an inline <script> element, byte for byte as
 * html_head_script hashed it. */
void html_script(strbuf *sb, const char *script);

/* Appends the CSP source that allows exactly script:
 * 'sha256-BASE64' of its bytes. */
void html_add_script_hash(strbuf *sb, const char *script);

/* Append a status or severity as a badge: a sign and the word, coloured
 * by class, so that the colour is never the only sign. */
void html_status_badge(strbuf *sb, status s);
void html_sev_badge(strbuf *sb, severity s);

#endif
