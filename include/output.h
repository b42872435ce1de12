#ifndef PARTNERCHECK_OUTPUT_H
#define PARTNERCHECK_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

/*
 * The report's destination.  For -o FILE the report is written to a
 * temporary file in the same directory and renamed over FILE only when the
 * run completed, so a failed or interrupted run never leaves a truncated
 * report under the real name nor clobbers an earlier good one.  While the
 * temporary file exists, every fatal signal that can be caught removes it
 * before ending the process with that signal.
 */

/*
 * Whether writing the report to path would replace one of the n files
 * the run reads (inputs[i]; NULL entries are skipped, "-" is standard
 * input).  Files are compared by device and inode after following links,
 * so a symbolic or hard link to an input is caught, whatever its name.
 * Returns 0, or -1 with "the report would replace the input PATH" in err.
 * Standard output (path NULL or "-"), a path that does not exist yet, and
 * a device or fifo never conflict; standard input only when it is a
 * redirected regular file.  Reads nothing and creates nothing: call it
 * before the run opens any input.
 */
int output_refuse_inputs(const char *path, const char *const *inputs, size_t n,
			 char *err, size_t errsz);

/*
 * Opens path ("-" or NULL for standard output); the stream belongs to
 * this module until output_close.  A symbolic link, or a chain of them,
 * is written through, relative targets read from the link's directory; a
 * dangling link creates the file it names.  A device or fifo is written
 * directly.  Returns NULL with a message in err on failure: an empty
 * path, a directory (or a link to one), a missing directory, too many
 * links.
 */
FILE *output_open(const char *path, char *err, size_t errsz);

/*
 * Ends the report.  With ok non-zero: flushes, checks for write errors and
 * moves the temporary file into place; returns 0, or -1 after printing a
 * diagnostic.  With ok zero: discards the temporary file.  Either way the
 * signal handlers output_open installed are put back.  Standard output is
 * flushed and checked the same way.  Without an open report, returns 0.
 */
int output_close(int ok);

/* Whether the report goes to a terminal (for colour), and whether it goes
 * to a terminal, pipe or socket, where a reader waits for each line (ndjson
 * then flushes line by line; to a file or /dev/null it need not). */
int output_is_tty(void);
int output_is_live(void);

#endif
