#ifndef PARTNERCHECK_LINT_REPORT_H
#define PARTNERCHECK_LINT_REPORT_H

#include <stdio.h>

#include "diaglist.h"

/*
 * `rules lint -f json|gcc|sarif`: the problems the rule loader found in
 * each file, each with its file, line, column, path, severity and
 * message, so that an editor or a CI annotates the rule file itself.  The
 * loader's messages name a path ("checks[3].op") or a position (a JSON
 * syntax error's "3:14"); the path is turned into a position by walking
 * the file's text (json_locate.h).
 */

typedef struct lint_report lint_report;

/* Starts a report in format ("json", "gcc" or "sarif") to out; NULL for
 * any other format.  Free it with lint_report_free. */
lint_report *lint_report_new(const char *format, FILE *out);

/* Adds one rule file: its label as the loader named it in its messages
 * ("<stdin>" for standard input), the path as given for locations ("-"
 * for standard input), its text[0..len) (NULL when it could not be read)
 * and the loader's problems dl (none when the file is valid).  Nothing is
 * kept of label, path, text or dl after the call. */
void lint_report_file(lint_report *lr, const char *label, const char *path,
		      const char *text, size_t len, const diaglist *dl);

/* Writes what comes after the last file (json, sarif) and frees lr;
 * NULL is a no-op. */
void lint_report_free(lint_report *lr);

#endif
