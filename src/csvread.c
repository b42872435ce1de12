/*
 * Streaming CSV reader.  libcsv does the quoting rules; this file adds what
 * libcsv lacks: physical line numbers, blank-line skipping that does not
 * trim cells, the byte order mark, other input encodings, a pull interface
 * and a limit on field size.
 *
 * The input is fed to libcsv one piece at a time, a piece being a physical
 * line ("\n", "\r\n" or a lone "\r" ends one) or, for a line longer than
 * the read buffer, a part of it.  An unquoted line end is therefore always
 * at the end of a piece, so one piece completes at most one record and no
 * queue is needed between libcsv's callbacks and csvread_next.
 */
#include <errno.h>
#include <iconv.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "csvread.h"
#include "csvread_int.h"
#include "diag.h"
#include "scan.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#define PARSER_OPTS (CSV_STRICT | CSV_STRICT_FINI)

/* Cells are kept exactly as read, so libcsv must see no spaces at all. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * Copies a finished field into fbuf.  This runs once per field, so short
 * fields are copied as a fixed 32 bytes, which compiles to a few moves
 * instead of a memcpy call: libcsv always hands over the start of its
 * entry buffer, which is at least blk_size (4096) bytes, and fbuf keeps 32
 * bytes of slack, so the over-read and over-write stay inside both blocks.
 */
static void
on_field(void *s, size_t len, void *data)
{
	csvread *r = data;
	/* The rest of a field after a stray quote (join_next) overwrites
	 * the last field's NUL and lengthens that field. */
	int join = r->join_next && r->nf > 0;
	size_t nf = r->nf - (size_t)join, at = r->flen - (size_t)join;
	size_t total = join ? r->lens[nf] + len : len;
	size_t need = at + len + 1;
	char *dst;

	r->join_next = 0;
	if (r->o.max_field_bytes && total > r->o.max_field_bytes) {
		r->too_long = 1;
		return;
	}
	if (need + 32 > r->fbuf_cap)
		r->fbuf = xgrow(r->fbuf, &r->fbuf_cap, need + 32, 1);
	if (nf == r->lens_cap)
		r->lens = xgrow(r->lens, &r->lens_cap, nf + 1, sizeof *r->lens);
	dst = r->fbuf + at;
	if (len && memchr(s, '\0', len))
		r->has_nul = 1;
	if (len <= 32 && s == r->p.entry_buf && r->p.entry_size >= 32)
		memcpy(dst, s, 32);
	else if (len)
		memcpy(dst, s, len);
	dst[len] = '\0';
	r->flen = need;
	r->lens[nf] = total;
	r->nf = nf + 1;
	/* A delimiter never ends a line, so the next field starts here. */
	r->field_line = r->line;
}

static void
on_row(int c, void *data)
{
	csvread *r = data;

	(void)c;
	r->row_done = 1;
}

static void
parser_init(csvread *r)
{
	csv_init(&r->p, PARSER_OPTS);
	csv_set_delim(&r->p, (unsigned char)r->o.delimiter);
	csv_set_space_func(&r->p, no_space);
	csv_set_blk_size(&r->p, 4096);
}

int
csvr_fail(csvread *r, size_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof r->err, fmt, ap);
	va_end(ap);
	r->err_line = line;
	r->state = ST_FAILED;
	return -1;
}

/*
 * A closing quote followed by something other than a delimiter or a line
 * end.  The record is in error, but it is read on to its true end, as a
 * lenient reader would: the field so far (without its closing quote,
 * which libcsv still holds) is stored, and what follows the quote up to
 * the next delimiter is added to it (join_next), so that a quoted line
 * break later in the record does not split it in two.
 */
static void
bad_quote(csvread *r, unsigned char c)
{
	size_t n = r->p.entry_pos ? r->p.entry_pos - 1 : 0;

	on_field(r->p.entry_buf, n, r);
	r->join_next = 1;
	if (r->rec_error) /* the first problem is the one reported */
		return;
	r->error_field = (long)r->nf - 1;
	if (c >= 0x20 && c < 0x7F)
		snprintf(r->rec_errbuf, sizeof r->rec_errbuf,
			 "quoted field is followed by '%c' instead of a "
			 "delimiter",
			 c);
	else
		snprintf(r->rec_errbuf, sizeof r->rec_errbuf,
			 "quoted field is followed by '\\x%02X' instead of a "
			 "delimiter",
			 (unsigned)c);
	r->rec_error = r->rec_errbuf;
}

/* Feeds s[0..n) to libcsv. */
static void
feed(csvread *r, const char *s, size_t n)
{
	size_t k;

	while (n > 0) {
		k = csv_parse(&r->p, s, n, on_field, on_row, r);
		if (k == n)
			break;
		if (csv_error(&r->p) != CSV_EPARSE)
			die("out of memory");
		/* libcsv never clears its status itself. */
		r->p.status = CSV_SUCCESS;
		if (r->p.quoted) {
			/* Start libcsv afresh at the byte after the quote. */
			bad_quote(r, (unsigned char)s[k]);
			csv_free(&r->p);
			parser_init(r);
			s += k;
			n -= k;
			continue;
		}
		/*
		 * A quote inside an unquoted field (12" pipe) is data, but only
		 * non-strict mode takes it: relax strictness for that one byte
		 * and no more, so real quoting errors are still caught.
		 */
		csv_set_opts(&r->p, (unsigned char)(PARSER_OPTS & ~CSV_STRICT));
		csv_parse(&r->p, s + k, 1, on_field, on_row, r);
		csv_set_opts(&r->p, PARSER_OPTS);
		s += k + 1;
		n -= k + 1;
	}
	/*
	 * Stop an overlong field while it grows rather than when it ends, so
	 * memory stays within the limit plus one piece.  The + 1 allows for a
	 * closing quote that libcsv holds until it sees the next byte.
	 */
	if (r->o.max_field_bytes && r->p.entry_pos > r->o.max_field_bytes + 1)
		r->too_long = 1;
	/* libcsv grows its buffer by a fixed block; growing the block too
	 * keeps a megabyte field from costing thousands of reallocs. */
	if (r->p.entry_size > r->p.blk_size)
		csv_set_blk_size(&r->p, r->p.entry_size);
}

/* Points *s, *n at the piece in UTF-8.  All supported encodings keep
 * ASCII, so converting before parsing leaves delimiters, quotes and line
 * ends where they were. */
static void
to_utf8(csvread *r, char **s, size_t *n)
{
	if (r->o.enc == ENC_UTF8)
		return;
	sb_reset(&r->conv);
	utf8_from(r->o.enc, *s, *n, &r->conv);
	*s = r->conv.buf;
	*n = r->conv.len;
}

/*
 * Splits a whole line s[0..n), line end included, without libcsv, when
 * every field is either unquoted with no quote in it or quoted with no
 * quote inside and a delimiter or the line end after it.  That is most
 * lines of most files, and libcsv, which calls back per byte, is several
 * times slower on them.  For such a line libcsv would give exactly these
 * fields, as the line holds no other line end.
 *
 * The fields are not copied: each ends where its delimiter, closing quote
 * or line end was, and that byte becomes its NUL.  s must therefore be
 * writable, with a byte to spare after the line if it has no line end.
 * Each NUL is written as its field is found; on returning 0 (doubled or
 * stray quotes, a quoted field that goes on to the next line, an overlong
 * field) unsplit has put the bytes back, so the line is intact for
 * libcsv.
 */
/* Puts back the bytes split_simple replaced with NULs in fields[0..nf):
 * a closing quote after a quoted field, the delimiter after another. */
static void
unsplit(csvread *r, const char *s, size_t nf)
{
	size_t k;

	for (k = 0; k < nf; k++) {
		char *f = r->fields[k];

		f[r->lens[k]] = f > s && f[-1] == '"' ? '"' : r->o.delimiter;
	}
}

static int
split_simple(csvread *r, char *s, size_t n)
{
	const char delim = r->o.delimiter;
	size_t nf = 0, i = 0, len, w = 0, at, need, words;
	uint64_t bits;
	char *f;
	int check_max, has_nul;

	/* Drop the line end: "\n", "\r\n" or "\r". */
	if (n && s[n - 1] == '\n')
		n--;
	if (n && s[n - 1] == '\r')
		n--;
	words = (n + 63) / 64;
	/* marks and then the high map, in one block */
	if (words * 2 > r->marks_cap)
		r->marks = xgrow(r->marks, &r->marks_cap, words * 2,
				 sizeof *r->marks);
	r->high_at = scan_marks(s, n, delim, '"', r->marks, r->marks + words);
	r->line_len = n;
	/* A line has at most one field more than it has marks, and no field
	 * longer than itself: room and limit are settled once per line. */
	for (need = 1, w = 0; w < words; w++)
		need += scan_count(r->marks[w]);
	if (need > r->lens_cap)
		r->lens = xgrow(r->lens, &r->lens_cap, need, sizeof *r->lens);
	if (need > r->fields_cap)
		r->fields = xgrow(r->fields, &r->fields_cap, need,
				  sizeof *r->fields);
	check_max = r->o.max_field_bytes && n > r->o.max_field_bytes;
	/* one look for NUL per line, not one per field, and before the
	 * fields get theirs */
	has_nul = memchr(s, '\0', n) != NULL;
	w = 0;
	bits = n ? r->marks[0] : 0;
	/* at = the next marked byte at or after i (n if none). */
#define NEXT_MARK() \
	do { \
		while (!bits && ++w < words) \
			bits = r->marks[w]; \
		at = bits ? w * 64 + scan_lowest(bits) : n; \
		bits &= bits - 1; \
	} while (0)
	/* Each field's end becomes its NUL as soon as it is found; if the
	 * line turns out not to be simple, unsplit puts the bytes back. */
	for (;;) {
		NEXT_MARK();
		if (at == i && s[i] == '"') {
			/* Quoted: delimiters inside are data; the next quote
			 * must close it and be followed by a delimiter or the
			 * line end. */
			do
				NEXT_MARK();
			while (at < n && s[at] != '"');
			if (at == n)
				goto not_simple;
			f = s + i + 1;
			len = (size_t)(s + at - f);
			i = at + 1;
			if (i < n) {
				NEXT_MARK();
				if (at != i || s[at] != delim)
					goto not_simple;
			}
		} else {
			if (at < n && s[at] == '"')
				goto not_simple; /* a quote inside an unquoted
						    field */
			f = s + i;
			len = at - i;
			i = at;
		}
		if (check_max && len > r->o.max_field_bytes)
			goto not_simple;
		r->fields[nf] = f;
		r->lens[nf++] = len;
		if (i == n)
			break;
		f[len] = '\0';
		i++;
	}
#undef NEXT_MARK
	r->has_nul = has_nul;
	r->fields[nf - 1][r->lens[nf - 1]] = '\0';
	r->nf = nf;
	return 1;
not_simple:
	unsplit(r, s, nf);
	return 0;
}

void
csvr_find_cr(csvread *r)
{
	const char *cr = memchr(r->buf + r->pos, '\r', r->end - r->pos);

	r->cr_at = cr ? (size_t)(cr - r->buf) : r->end;
}

/* Up to want raw bytes into buf: no more than the input has ready, so that a
 * row written to a pipe is read, screened and reported before the next
 * arrives.  Streams without a descriptor (fmemopen) go through fread.
 * Sets r->eof at the end of the input or on an error. */
static size_t
read_raw(csvread *r, char *buf, size_t want)
{
	ssize_t got;

	if (r->fd < 0) {
		size_t n = fread(buf, 1, want, r->fp);

		/* fread comes back short only at end of file or on an error. */
		if (n < want) {
			r->eof = 1;
			if (ferror(r->fp))
				r->read_errno = errno ? errno : EIO;
		}
		return n;
	}
	if (r->on_wait) {
		struct pollfd pfd = { .fd = r->fd, .events = POLLIN };

		/* Nothing ready: the read would block, so whoever waits on
		 * our output should have it first. */
		if (poll(&pfd, 1, 0) == 0)
			r->on_wait(r->wait_arg);
	}
	do
		got = read(r->fd, buf, want);
	while (got < 0 && errno == EINTR);
	if (got <= 0) {
		r->eof = 1;
		if (got < 0)
			r->read_errno = errno ? errno : EIO;
		return 0;
	}
	return (size_t)got;
}

/*
 * Up to want bytes of the input as UTF-8 into buf.  Without a converter
 * these are the raw bytes.  With one (UTF-16), raw bytes wait in r->raw
 * until iconv takes them; a character cut by a read stays there for the
 * next call.  Sets r->eof once the input is read and converted, and
 * r->read_msg for UTF-16 that does not convert.
 */
size_t
csvr_read_some(csvread *r, char *buf, size_t want)
{
	size_t out_left = want, got;
	char *in, *out = buf;
	int full;

	if (!r->utf16)
		return read_raw(r, buf, want);
	for (;;) {
		if (!r->raw_eof && r->raw_len < RAW_BLOCK) {
			int was = r->eof;

			r->eof = 0;
			got = read_raw(r, r->raw + r->raw_len,
				       RAW_BLOCK - r->raw_len);
			r->raw_len += got;
			if (r->eof)
				r->raw_eof = 1;
			r->eof = was;
		}
		in = r->raw;
		got = r->raw_len;
		full = 0;
		if (iconv(r->cd, &in, &got, &out, &out_left) == (size_t)-1 &&
		    !(full = errno == E2BIG) &&
		    (errno != EINVAL || r->raw_eof)) {
			snprintf(
			    r->read_msg, sizeof r->read_msg, "invalid %s: %s",
			    r->utf16,
			    errno == EINVAL ?
				"the file ends inside a character" :
				"an unpaired surrogate or a bad character");
			r->eof = 1;
			r->raw_len = 0;
			return (size_t)(out - buf);
		}
		memmove(r->raw, in, got);
		r->raw_len = got;
		if (r->raw_eof && !r->raw_len) {
			r->eof = 1;
			break;
		}
		/* Something converted, or no room: hand it over. */
		if (out > buf || full)
			break;
		if (r->raw_eof)
			break;
	}
	return (size_t)(out - buf);
}

static void
fill(csvread *r)
{
	size_t n;

	errno = 0;
	n = csvr_read_some(r, r->buf, READ_BLOCK);
	r->pos = 0;
	r->end = n;
	/* One scan per block: most files have no '\r' at all. */
	csvr_find_cr(r);
}

/*
 * Length of the next piece at buf + pos: through the line end ("\n",
 * "\r\n" or a lone "\r"), or the rest of the buffer if the line goes on.
 * *eol says which.
 */
static size_t
next_piece(csvread *r, int *eol)
{
	const char *s = r->buf + r->pos;
	size_t avail = r->end - r->pos;
	const char *nl = memchr(s, '\n', avail);
	size_t lim = nl ? (size_t)(nl - s) : avail;
	size_t cr;

	if (r->cr_at < r->pos)
		csvr_find_cr(r);
	cr = r->cr_at - r->pos;
	*eol = 1;
	if (cr < lim) {
		if (cr + 1 < avail)
			return s[cr + 1] == '\n' ? cr + 2 : cr + 1;
		/* Whether a '\n' follows is up to the next block. */
		r->prev_cr = 1;
		return cr + 1;
	}
	if (nl)
		return lim + 1;
	*eol = 0;
	return avail;
}

/*
 * Offset of the first ill-formed UTF-8 byte in s[0..len), or len.  Most
 * CSV text is ASCII, which scan_ascii skips a block at a time; only the
 * runs of non-ASCII bytes go to utf8_invalid_at.  That is exact because a
 * multi-byte sequence is made of non-ASCII bytes only.
 */
static size_t
invalid_utf8_at(const char *s, size_t len)
{
	size_t i = 0, j, k;

	for (;;) {
		i = scan_ascii(s, i, len);
		if (i == len)
			return len;
		for (j = i + 1; j < len && (s[j] & 0x80); j++)
			;
		k = utf8_invalid_at(s + i, j - i);
		if (k < j - i)
			return i + k;
		i = j;
	}
}

/* Marks the record bad for the invalid UTF-8 byte at fields[i][k]. */
static void
bad_utf8(csvread *r, size_t i, size_t k)
{
	snprintf(r->rec_errbuf, sizeof r->rec_errbuf,
		 "invalid UTF-8 byte 0x%02X; if the file is Windows-1252, use "
		 "--encoding windows-1252",
		 (unsigned char)r->fields[i][k]);
	r->rec_error = r->rec_errbuf;
	r->error_field = (long)i;
}

/* A record of two or more cells, all empty or blank: a spreadsheet's
 * empty row. */
static int
blank_record(const csvread *r)
{
	size_t i, k;

	if (r->nf < 2 || r->rec_error || r->has_nul)
		return 0;
	for (i = 0; i < r->nf; i++)
		for (k = 0; k < r->lens[i]; k++)
			if (r->fields[i][k] != ' ' && r->fields[i][k] != '\t')
				return 0;
	return 1;
}

/* Hands the record in r->fields and r->lens to the caller. */
static int
finish(csvread *r, csv_record *rec, size_t end_line)
{
	if (r->index > 0 && blank_record(r)) {
		/* Skipped and counted; 2 tells csvread_next to read on. */
		r->blank_rows++;
		r->has_nul = 0;
		r->in_record = 0;
		r->row_done = 0;
		r->join_next = 0;
		return 2;
	}
	rec->fields = r->fields;
	rec->lens = r->lens;
	rec->nfields = r->nf;
	rec->line = r->rec_line;
	rec->end_line = end_line;
	rec->index = r->index++;
	rec->error = r->rec_error;
	rec->error_field = r->error_field;
	rec->has_nul = r->has_nul;
	r->has_nul = 0;
	r->in_record = 0;
	r->row_done = 0;
	r->join_next = 0;
	return 1;
}

/* Completes a record libcsv read: points fields into fbuf, which no
 * longer moves, and checks the encoding of the whole record in one pass. */
static int
deliver(csvread *r, csv_record *rec, size_t end_line)
{
	char *p = r->fbuf;
	size_t i, k;

	if (r->nf > r->fields_cap)
		r->fields = xgrow(r->fields, &r->fields_cap, r->nf,
				  sizeof *r->fields);
	for (i = 0; i < r->nf; i++) {
		r->fields[i] = p;
		p += r->lens[i] + 1;
	}
	/* The NULs between fields are valid UTF-8 and a sequence cannot run
	 * across one, so one check of fbuf is one check per field. */
	if (r->o.enc == ENC_UTF8 && !r->rec_error &&
	    (k = invalid_utf8_at(r->fbuf, r->flen)) < r->flen) {
		for (i = 0; k > r->lens[i]; i++)
			k -= r->lens[i] + 1;
		bad_utf8(r, i, k);
	}
	return finish(r, rec, end_line);
}

/*
 * Offset of the first ill-formed UTF-8 byte of the line split_simple just
 * read, or its length.  Only the bytes its high map marks can be wrong:
 * each starts a sequence, or continues one already checked.
 */
static size_t
line_invalid_utf8(const csvread *r, const char *s)
{
	const size_t n = r->line_len, words = (n + 63) / 64;
	const uint64_t *high = r->marks + words;
	size_t w, at, k, next = r->high_at;
	uint64_t bits;

	for (w = r->high_at / 64; w < words; w++) {
		for (bits = high[w]; bits; bits &= bits - 1) {
			at = w * 64 + scan_lowest(bits);
			if (at < next)
				continue;
			if ((k = utf8_seq_len(s + at, n - at)) == 0)
				return at;
			next = at + k;
		}
	}
	return n;
}

/* Completes a record split_simple read from a line starting at s.
 * Delimiters, quotes and line ends are ASCII, so the bad byte, if any, is
 * in a field. */
static int
deliver_simple(csvread *r, csv_record *rec, const char *s, size_t end_line)
{
	size_t i, k;

	if (r->o.enc == ENC_UTF8 && r->high_at < r->line_len &&
	    (k = line_invalid_utf8(r, s)) < r->line_len) {
		const char *at = s + k;

		for (i = 0; i + 1 < r->nf && at >= r->fields[i + 1]; i++)
			;
		bad_utf8(r, i, (size_t)(at - r->fields[i]));
	}
	return finish(r, rec, end_line);
}

static int
too_long(csvread *r)
{
	return csvr_fail(r, r->rec_line,
			 "field longer than %zu bytes (raise it with "
			 "--max-field-bytes)",
			 r->o.max_field_bytes);
}

/*
 * Starts a record on a line whose first non-blank byte is in s[0..n);
 * returns 0 if s holds nothing but blanks (and the line end, if any).
 */
static int
start_record(csvread *r, const char *s, size_t n, int eol)
{
	size_t i = 0;

	/* A blank line holds only spaces and tabs, except where tab is the
	 * delimiter: there a tab separates empty fields of a record. */
	while (i < n &&
	       (s[i] == ' ' || (s[i] == '\t' && r->o.delimiter != '\t')))
		i++;
	if (i == n && !eol && r->pending.len + n <= READ_BLOCK) {
		/* The line goes on: keep the blanks until we know. */
		sb_add(&r->pending, s, n);
		return 0;
	}
	if (i < n && (s[i] == '\n' || s[i] == '\r')) {
		sb_reset(&r->pending);
		return 0;
	}
	/* Past READ_BLOCK blanks we stop waiting: such a line is read as a
	 * record, which bounds memory at the cost of an odd row. */
	r->in_record = 1;
	r->rec_line = r->field_line = r->line;
	r->nf = r->flen = 0;
	r->rec_error = NULL;
	r->error_field = -1;
	return 1;
}

/*
 * Reads the next record.  See csvread.h for the contract.  A record whose
 * quoting is broken is delivered with rec->error set, read on to its end
 * as a lenient reader would, so one bad row does not spoil the rest.
 */
int
csvread_next(csvread *r, csv_record *rec)
{
	char *s;
	size_t n, end_line;
	int eol, starting;

	if (r->state == ST_FAILED)
		return -1;
	if (r->state == ST_EOF)
		return 0;
	if (!r->prepared && csvr_prepare(r) < 0)
		return -1;
	for (;;) {
		if (r->pos == r->end) {
			if (r->eof)
				break;
			fill(r);
			continue;
		}
		if (r->prev_cr) {
			r->prev_cr = 0;
			if (r->buf[r->pos] == '\n') {
				/* The '\n' of a "\r\n" that the read buffer
				 * split: same line, and data only inside a
				 * quoted field. */
				if (r->in_record)
					feed(r, "\n", 1);
				r->pos++;
				continue;
			}
		}
		s = r->buf + r->pos;
		n = next_piece(r, &eol);
		r->pos += n;
		starting = !r->in_record;
		if (starting && !start_record(r, s, n, eol)) {
			if (eol)
				r->line++;
			continue;
		}
		to_utf8(r, &s, &n);
		if (starting && eol && !r->pending.len &&
		    split_simple(r, s, n)) {
			if (deliver_simple(r, rec, s, r->line++) == 1)
				return 1;
			continue;
		}
		if (r->pending.len) {
			feed(r, r->pending.buf, r->pending.len);
			sb_reset(&r->pending);
		}
		feed(r, s, n);
		if (r->too_long)
			return too_long(r);
		end_line = r->line;
		if (eol)
			r->line++;
		if (r->row_done) {
			if (deliver(r, rec, end_line) == 1)
				return 1;
			continue;
		}
	}
	if (r->read_msg[0])
		return csvr_fail(r, r->line, "%s", r->read_msg);
	if (r->read_errno)
		return csvr_fail(r, r->line, "cannot read: %s",
				 strerror(r->read_errno));
	if (!r->in_record) {
		r->state = ST_EOF;
		return 0;
	}
	if (csv_fini(&r->p, on_field, on_row, r) != 0)
		return csvr_fail(
		    r, r->field_line,
		    "unterminated quoted field starting on line %zu",
		    r->field_line);
	if (r->too_long)
		return too_long(r);
	if (deliver(r, rec, r->line) == 1)
		return 1;
	r->state = ST_EOF;
	return 0;
}

/* Sets up a reader on fp, which is already open; label names it in
 * messages.  The caller frees with csvread_close. */
static csvread *
reader_new(FILE *fp, int owns_fp, const char *label, const csvread_opts *o)
{
	csvread *r = xcalloc(1, sizeof *r);

	r->fp = fp;
	r->fd = fileno(fp);
	r->owns_fp = owns_fp;
	r->path = xstrdup(label);
	if (o)
		r->o = *o;
	/* No delimiter given: prepare() finds it; comma until then. */
	r->detect = !r->o.delimiter;
	if (!r->o.delimiter)
		r->o.delimiter = ',';
	r->cd = (iconv_t)-1;
	/* + 1: split_simple ends the last line of a file that has no line
	 * end with a NUL just after it. */
	r->buf = xmalloc(READ_BLOCK + 1);
	r->line = 1;
	r->error_field = -1;
	r->fbuf_cap = 256;
	r->fbuf = xmalloc(r->fbuf_cap);
	sb_init(&r->pending);
	sb_init(&r->conv);
	parser_init(r);
	return r;
}

/*
 * Opens path ("-" is standard input).  A zeroed csvread_opts means comma,
 * UTF-8 and no field limit.  Returns NULL with a message in err if the file
 * cannot be opened; a directory opens but fails on the first read.
 */
csvread *
csvread_open(const char *path, const csvread_opts *o, char *err, size_t errsz)
{
	FILE *fp;

	if (strcmp(path, "-") == 0)
		return reader_new(stdin, 0, "<stdin>", o);
	if (!(fp = fopen(path, "rb"))) {
		if (err && errsz)
			snprintf(err, errsz, "%s:1: cannot open: %s", path,
				 strerror(errno));
		return NULL;
	}
	return reader_new(fp, 1, path, o);
}

/*
 * Reads from f, which stays open: csvread_close leaves it to the caller.
 * label ("<memory>" if NULL) is what csvread_path returns.  Never fails.
 */
csvread *
csvread_fopen(FILE *f, const char *label, const csvread_opts *o)
{
	return reader_new(f, 0, label ? label : "<memory>", o);
}

const char *
csvread_error(const csvread *r)
{
	return r->err;
}

size_t
csvread_error_line(const csvread *r)
{
	return r->err_line;
}

char
csvread_delimiter(const csvread *r)
{
	return r->o.delimiter;
}

char
csvread_header_looks(const csvread *r)
{
	return r->guess ? r->guess : r->o.delimiter;
}

int
csvread_detected(const csvread *r)
{
	return r->detect;
}

const char *
csvread_encoding_note(const csvread *r)
{
	return r->utf16;
}

size_t
csvread_blank_rows(const csvread *r)
{
	return r->blank_rows;
}

const char *
csvread_path(const csvread *r)
{
	return r->path;
}

void
csvread_on_wait(csvread *r, void (*fn)(void *), void *arg)
{
	r->on_wait = fn;
	r->wait_arg = arg;
}

void
csvread_close(csvread *r)
{
	if (!r)
		return;
	if (r->owns_fp)
		fclose(r->fp);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->raw);
	csv_free(&r->p);
	sb_free(&r->pending);
	sb_free(&r->conv);
	free(r->buf);
	free(r->fbuf);
	free(r->lens);
	free(r->fields);
	free(r->marks);
	free(r->path);
	free(r);
}
