#ifndef CSVREAD_INT_H
#define CSVREAD_INT_H

/* The reader's state, shared by csvread.c and csv_sniff.c only. */

#include <iconv.h>
#include <stdint.h>
#include <stdio.h>

#include <csv.h>

#include "csvread.h"
#include "strbuf.h"

#define READ_BLOCK (64 * 1024)
#define RAW_BLOCK (READ_BLOCK / 2)

enum {
	ST_OK,
	ST_EOF,
	ST_FAILED
};

struct csvread {
	FILE *fp;
	int fd;      /* fp's descriptor, read directly; -1 for fread */
	int owns_fp; /* close fp in csvread_close (not stdin, not a
		      * stream from csvread_fopen) */
	char *path;
	csvread_opts o;
	struct csv_parser p;
	int state;

	char *buf;
	size_t pos, end;
	size_t cr_at; /* offset of the next '\r' at or after pos, else end */
	int eof;
	int read_errno;
	void (*on_wait)(void *); /* csvread_on_wait's hook, or NULL */
	void *wait_arg;
	int prev_cr;    /* the last piece ended in a '\r' at the end of buf */
	int join_next;  /* the next field read goes on the end of the last:
			 * the rest of a field after a stray quote */
	size_t line;    /* current physical line, from 1 */
	strbuf pending; /* leading blanks of a line not yet known to be blank */
	strbuf conv;    /* a piece converted to UTF-8 */

	/* The record being assembled. */
	int in_record;
	int row_done;
	int too_long;
	size_t rec_line;
	size_t field_line; /* where the field being parsed started */
	char *fbuf;        /* fields back to back, each NUL-terminated */
	size_t flen, fbuf_cap;
	size_t *lens;
	size_t lens_cap;
	char **fields;
	size_t fields_cap;
	size_t nf;
	size_t index;
	const char *rec_error;
	long error_field;
	char rec_errbuf[128];

	uint64_t *marks; /* split_simple's marks, then its high map (see
			  * scan_marks) */
	size_t marks_cap;
	size_t line_len; /* the line they cover */
	size_t high_at;  /* its first non-ASCII byte, or line_len */

	char err[512];
	size_t err_line;
	int has_nul; /* the record being built holds a NUL */

	int prepared;      /* prepare() has looked at the start of the file */
	int detect;        /* the delimiter is found from the header line */
	char guess;        /* the delimiter the header line looks like */
	size_t blank_rows; /* rows of only delimiters and blanks skipped */
	/* UTF-16 input: iconv turns raw bytes into UTF-8 before anything
	 * else sees them, so lines, quotes and delimiters are found in
	 * UTF-8 as for any other file. */
	iconv_t cd;
	const char *utf16; /* "UTF-16LE", "UTF-16BE" or NULL */
	char *raw;
	size_t raw_len;
	int raw_eof;
	char read_msg[160]; /* a read problem that is not an errno */
};

/* Records the reader's first error, at line, in r->err and sets the
 * failed state; always returns -1. */
int csvr_fail(csvread *r, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets r->cr_at to the offset of the next '\r' at or after r->pos in the
 * buffer, else r->end. */
void csvr_find_cr(csvread *r);

/* Up to want bytes of the input as UTF-8 into buf (see csvread.c); 0 at
 * the end of the input or on a read error, which r records. */
size_t csvr_read_some(csvread *r, char *buf, size_t want);

/* Looks at the start of the input once, before the first record (see
 * csv_sniff.c); returns 0, or -1 after csvr_fail(). */
int csvr_prepare(csvread *r);

#endif
