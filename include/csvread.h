#ifndef PARTNERCHECK_CSVREAD_H
#define PARTNERCHECK_CSVREAD_H

#include "utf8.h"
#include <stddef.h>
#include <stdio.h>

/*
 * A streaming CSV reader on top of libcsv: one record at a time, memory
 * bounded by the longest record, physical line numbers kept.  It knows
 * nothing of rules or partners.
 */

typedef struct csvread_opts {
	/* ',' ';' or '\t'; 0 = found from the header line (see
	 * csvread_open) */
	char delimiter;
	encoding enc;           /* input encoding; output is always UTF-8 */
	size_t max_field_bytes; /* 0 = no limit */
} csvread_opts;

typedef struct csv_record {
	/* NUL-terminated UTF-8 copies (may hold NULs), all in one buffer
	 * and in order: fields[i + 1] starts after fields[i]'s NUL, so the
	 * bytes from fields[0] to the last field's NUL hold them all (the
	 * reader thread copies a record so) */
	char **fields;
	const size_t *lens; /* byte length of each field */
	size_t nfields;
	size_t line;     /* physical line on which the record starts */
	size_t end_line; /* physical line on which it ends */
	size_t index;    /* 0 for the first record (the header), then 1.. */
	/*
	 * Non-NULL when this record could not be read cleanly; the caller
	 * reports it as a bad row and goes on.  E.g. "invalid UTF-8 (byte
	 * 0xE9)" or "quoted field is followed by 'x' instead of a delimiter".
	 * error_field is the 0-based field it concerns, or -1.
	 */
	const char *error;
	long error_field;
	int has_nul; /* some field holds a NUL byte */
} csv_record;

typedef struct csvread csvread;

/*
 * Opens path ("-" is standard input) for reading.  Before the first record
 * the start of the input is looked at once:
 *  - a UTF-8 byte order mark is dropped; a UTF-16 one (LE or BE) makes the
 *    reader convert the whole input to UTF-8 with iconv (o->enc is then
 *    ignored; line numbers stay those of the file);
 *  - gzip, zip (xlsx), bzip2, xz, zstd and PDF data, and a start that is
 *    more than a quarter NUL bytes, are refused: csvread_next returns -1
 *    with "looks like gzip data, not CSV" on line 1;
 *  - a first line "sep=X" (X comma, semicolon or tab; Excel writes it) is
 *    not a record: it sets the delimiter unless o->delimiter is given;
 *  - otherwise, with o->delimiter 0, the delimiter is the one of comma,
 *    semicolon and tab that occurs most often outside quotes in the header
 *    line (comma first, then semicolon, on a tie; comma when none does).
 * After the header, a record of two or more cells that are all empty or
 * blank is skipped and counted (csvread_blank_rows).
 * Returns NULL and a message in err (without the
 * program name, e.g. "cannot open 'x.csv': No such file or directory") if
 * the file cannot be opened.  Returns NULL and a message in err (without the
 * program name, e.g. "cannot open 'x.csv': No such file or directory") if
 * the file cannot be opened.
 */
csvread *csvread_open(const char *path, const csvread_opts *o, char *err,
		      size_t errsz);

/*
 * Reads from an already open stream f (a pipe, or fmemopen for data in
 * memory) with the same rules as csvread_open, byte order mark included.
 * label names the input in messages and is what csvread_path returns
 * ("<memory>" if NULL).  f stays the caller's: csvread_close does not
 * close it.  Never returns NULL.
 */
csvread *csvread_fopen(FILE *f, const char *label, const csvread_opts *o);

/*
 * Reads the next record into *rec, valid until the next call.  Blank lines
 * (nothing but spaces, tabs and line ends) between records are skipped.
 * Returns 1 for a record, 0 at end of input, -1 for a problem that ends the
 * file (read error, quoted field still open at end of file, field over
 * max_field_bytes); then csvread_error() says what and csvread_error_line()
 * where.  Spaces around unquoted fields are kept as they are.  A stray quote
 * inside an unquoted field is kept literally (12" pipe).
 */
int csvread_next(csvread *r, csv_record *rec);
/* After csvread_next returned -1: what went wrong, as a lowercase phrase
 * owned by r, and the line of the input (1-based) where it did. */
const char *csvread_error(const csvread *r);
size_t csvread_error_line(const csvread *r);
/* The delimiter in use: given, from "sep=", or detected.  Known after the
 * first csvread_next. */
char csvread_delimiter(const csvread *r);
/* The delimiter the header line looks like by the detection rule, even
 * when another was given: for a hint when the header does not match. */
char csvread_header_looks(const csvread *r);
/* 1 when the delimiter was not given (o->delimiter was 0). */
int csvread_detected(const csvread *r);
/* "UTF-16LE" or "UTF-16BE" when a BOM made the reader convert, else NULL. */
const char *csvread_encoding_note(const csvread *r);
/* Rows of only blank cells skipped so far. */
size_t csvread_blank_rows(const csvread *r);
/* The path as given, "<stdin>" for "-", or csvread_fopen's label. */
const char *csvread_path(const csvread *r);

/*
 * Calls fn(arg) whenever the reader is about to wait for input that is not
 * there yet (a pipe or terminal with nothing ready), before it blocks; fn
 * NULL removes the hook.  A report for a reader who waits flushes here, so
 * that each verdict made from a slow producer's rows is seen at once while
 * a steady stream is still written in batches.  Never called for regular
 * files or streams without a descriptor.
 */
void csvread_on_wait(csvread *r, void (*fn)(void *), void *arg);
/* Closes the file (unless it came from csvread_fopen) and frees r; NULL
 * is a no-op. */
void csvread_close(csvread *r);

#endif
