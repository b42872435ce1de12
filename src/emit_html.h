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
 * anywhere, no script runs; only the inline style sheet applies. */
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

/* Appends </body></html>. */
void html_foot(strbuf *sb);

/* Append a status or severity as a badge: a sign and the word, coloured
 * by class, so that the colour is never the only sign. */
void html_status_badge(strbuf *sb, status s);
void html_sev_badge(strbuf *sb, severity s);

#endif
