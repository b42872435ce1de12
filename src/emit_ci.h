#ifndef PARTNERCHECK_EMIT_CI_H
#define PARTNERCHECK_EMIT_CI_H

#include <stddef.h>

#include "report.h"
#include "strbuf.h"

/*
 * Private to the CI formats (src/emit_sarif.c, emit_junit.c,
 * emit_github.c, emit_tap.c): the escaping each of their syntaxes needs
 * and the look-ups into report.rules they share, implemented in
 * src/emit_ci.c.  Everything appends to a strbuf the caller owns; NULL
 * strings append as the empty string.
 */

/* Returns 1 when the run has a --baseline (r->meta names one), so that
 * each finding is either known (f->d.known) or new; 0 without. */
int ci_has_baseline(const report *r);

/* SARIF's level for a severity: "error", "warning" or "note". */
const char *ci_sarif_level(severity s);

/* GitHub's workflow command for a severity: "error", "warning" or
 * "notice". */
const char *ci_github_level(severity s);

/* Returns the rule of r->rules with this id and its index in *index, or
 * NULL (and *index untouched) when the set has none such, as for
 * "input", the rule of rows in error.  A linear search: rule sets are
 * small next to their partner files. */
const rule_info *ci_rule_find(const report *r, const char *id, size_t *index);

/* Appends s as XML 1.0 character data, fit for an attribute value or
 * element content alike: & < > " ' escaped, tab, LF and CR as character
 * references (an attribute keeps them), and every character XML 1.0
 * forbids (the other C0 controls, U+FFFE, U+FFFF) and every ill-formed
 * UTF-8 byte as U+FFFD. */
void ci_add_xml(strbuf *sb, const char *s);

/* The same for element content that reads better with its tabs and line
 * feeds as they are (CR stays a reference: a parser would drop it). */
void ci_add_xml_text(strbuf *sb, const char *s);

/* Appends path as an RFC 3986 relative reference: unreserved characters,
 * '/', and the sub-delimiters other than those a path segment cannot hold
 * plainly are copied, every other byte (space, '%', '#', '?', ':', '\\',
 * controls, non-ASCII) percent-encoded, so "my file.csv" becomes
 * "my%20file.csv".  A NULL or "-" path appends "stdin". */
void ci_add_uri(strbuf *sb, const char *path);

/* Appends s as the value of a GitHub workflow command's property
 * (file=, title=): '%', CR, LF, ':' and ',' percent-encoded as GitHub's
 * runner decodes them. */
void ci_add_gh_property(strbuf *sb, const char *s);

/* Appends s as a GitHub workflow command's message, made safe for a
 * terminal first as add_term does (line breaks and tabs as spaces, other
 * controls and the bidirectional ones dropped: a log is read on one),
 * then '%' percent-encoded. */
void ci_add_gh_data(strbuf *sb, const char *s);

/* Appends s as one line of a TAP test point's description: made safe
 * for a terminal as add_term does (line breaks and tabs as spaces, other
 * controls dropped), then '\\' and '#' escaped with a backslash (TAP 14). */
void ci_add_tap_desc(strbuf *sb, const char *s);

/* Appends s as a YAML double-quoted scalar (TAP's diagnostics): JSON's
 * escapes for '"', '\\' and the C0 controls, and \uXXXX for what YAML
 * would not print or would read as a line break (the C1 controls, U+2028,
 * U+2029, U+FEFF, U+FFFE, U+FFFF); an ill-formed UTF-8 byte as \ufffd.
 * NULL appends "". */
void ci_add_yaml_str(strbuf *sb, const char *s);

#endif
