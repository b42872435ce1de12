#ifndef PARTNERCHECK_DIFF_PRINT_H
#define PARTNERCHECK_DIFF_PRINT_H

#include "diff.h"
#include "strbuf.h"

/*
 * partnercheck diff's three formats, each appending the whole report of
 * r to sb: text (one line per change, "+" new, "-" gone, "~" changed),
 * markdown (the same as lists under headings) and json (one document:
 * "rules_changed", "partners", "findings", "summary").  Strings from the
 * reports are escaped for the format (terminal controls dropped in text).
 */
void diff_print_text(strbuf *sb, const diff_result *r);
void diff_print_markdown(strbuf *sb, const diff_result *r);
void diff_print_json(strbuf *sb, const diff_result *r);

#endif
