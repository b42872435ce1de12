#ifndef PARTNERCHECK_OUTPUT_H
#define PARTNERCHECK_OUTPUT_H

#include <stdio.h>

/*
 * The report's destination.  For -o FILE the report is written to a
 * temporary file in the same directory and renamed over FILE only when the
 * run completed, so a failed or interrupted run never leaves a truncated
 * report under the real name nor clobbers an earlier good one.
 */

/* Opens path ("-" or NULL for standard output).  Returns NULL with a
 * message in err on failure. */
FILE *output_open(const char *path, char *err, size_t errsz);

/*
 * Ends the report.  With ok non-zero: flushes, checks for write errors and
 * moves the temporary file into place; returns 0, or -1 after printing a
 * diagnostic.  With ok zero: discards the temporary file.  Standard output
 * is flushed and checked the same way.
 */
int output_close(int ok);

/* Whether the report goes to a terminal (for colour), and whether it goes
 * to a terminal, pipe or socket, where a reader waits for each line (ndjson
 * then flushes line by line; to a file or /dev/null it need not). */
int output_is_tty(void);
int output_is_live(void);

#endif
