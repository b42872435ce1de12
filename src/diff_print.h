#ifndef PARTNERCHECK_DIFF_PRINT_H
#define PARTNERCHECK_DIFF_PRINT_H

#include "diff.h"
#include "strbuf.h"

/*
 * partnercheck diff's formats, each appending the whole report of r to
 * sb: text (one line per change, "+" new, "-" gone, "~" changed),
 * markdown (the same as lists under headings), json (one document:
 * "rules_changed", "partners", "findings", "summary") and comment.
 * Strings from the reports are escaped for the format (terminal controls
 * dropped in text).
 */
void diff_print_text(strbuf *sb, const diff_result *r);
void diff_print_markdown(strbuf *sb, const diff_result *r);
void diff_print_json(strbuf *sb, const diff_result *r);

/* Lists of the comment longer than this end with "and N more": GitHub
 * refuses a comment over 65536 characters. */
#define DIFF_COMMENT_MAX 100

/*
 * The comment: html-ready Markdown for a pull or merge request comment
 * (GitHub, GitLab, Gitea render it alike).  A heading, a line that says
 * whether NEW has new fail-level (or warn-level) findings, the two reports
 * compared, the rule-set note, then each non-empty list in a collapsible
 * <details> block with its count ("New findings (3)"; new and changed
 * findings open, the others closed), each list at most DIFF_COMMENT_MAX
 * items, and the summary line.  Every string from a report is a code span
 * (see esc_code in diff_print.c): no Markdown, HTML, @mention or link can
 * come from a partner file.
 */
void diff_print_comment(strbuf *sb, const diff_result *r);

#endif
