/*
 * Format sniffing for the CSV reader: what the start of the input says
 * about it before the first record is read (byte order mark and UTF-16,
 * formats that are not CSV, binary data, Excel's "sep=" line and the
 * delimiter the header line looks like).
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvread.h"
#include "csvread_int.h"
#include "xalloc.h"

/* Formats that are not CSV, by the bytes they start with. */
static const struct magic {
	const char *bytes;
	size_t len;
	const char *what;
} magics[] = {
	{ "\x1F\x8B", 2, "gzip data" },
	{ "PK\x03\x04", 4,
	  "zip data (an .xlsx workbook is zip: save it as CSV)" },
	{ "PK\x05\x06", 4, "zip data" },
	{ "BZh", 3, "bzip2 data" },
	{ "\xFD"
	  "7zXZ\x00",
	  6, "xz data" },
	{ "\x28\xB5\x2F\xFD", 4, "zstd data" },
	{ "%PDF-", 5, "a PDF document" },
};

/* Reads on until the first line of the file is in buf[pos..end), the
 * buffer is full or the input ends. */
static void
read_first_line(csvread *r)
{
	size_t got = 1;

	while (got && !r->eof && r->end < READ_BLOCK &&
	       !memchr(r->buf + r->pos, '\n', r->end - r->pos)) {
		got = csvr_read_some(r, r->buf + r->end, READ_BLOCK - r->end);
		r->end += got;
	}
}

/*
 * The delimiter s[0..n), the header line, looks like: of comma,
 * semicolon and tab the one that occurs most often outside quotes, the
 * earlier in that order on a tie, and comma if none occurs.  The line
 * ends at the first line end outside quotes.
 */
static char
guess_delimiter(const char *s, size_t n)
{
	static const char cand[3] = { ',', ';', '\t' };
	size_t count[3] = { 0, 0, 0 }, i, k, best = 0;
	int quoted = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			break;
		else if (!quoted)
			for (k = 0; k < 3; k++)
				count[k] += s[i] == cand[k];
	}
	for (k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return count[best] ? cand[best] : ',';
}

/* Sets up iconv for UTF-16 input in byte order from (a BOM said so). */
static int
start_utf16(csvread *r, const char *from)
{
	r->cd = iconv_open("UTF-8", from);
	if (r->cd == (iconv_t)-1)
		return csvr_fail(r, 1, "cannot convert %s: %s", from,
				 strerror(errno));
	r->utf16 = from;
	/* What the first read held may exceed RAW_BLOCK: room for all of it. */
	r->raw = xmalloc(READ_BLOCK);
	/* What was read after the BOM is raw UTF-16, to go through iconv. */
	r->raw_len = r->end - r->pos;
	memcpy(r->raw, r->buf + r->pos, r->raw_len);
	r->raw_eof = r->eof;
	r->eof = 0;
	r->o.enc = ENC_UTF8;
	r->pos = 0;
	r->end = csvr_read_some(r, r->buf, READ_BLOCK);
	return 0;
}

/*
 * Looks at the start of the input once, before the first record: the
 * byte order mark (UTF-8 dropped, UTF-16 converted), formats that are not
 * CSV (refused), Excel's "sep=X" line and the delimiter.  Returns -1
 * after csvr_fail().
 */
int
csvr_prepare(csvread *r)
{
	const unsigned char *b = (const unsigned char *)r->buf;
	size_t i, n, nul = 0;
	char sep = 0;

	r->prepared = 1;
	errno = 0;
	r->pos = r->end = 0;
	/* At least six bytes for the magic numbers, however few a pipe
	 * hands over at first. */
	while (r->end < 6 && !r->eof)
		r->end += csvr_read_some(r, r->buf + r->end,
					 READ_BLOCK - r->end);
	n = r->end;
	if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
		       (b[0] == 0xFE && b[1] == 0xFF))) {
		r->pos = 2;
		if (start_utf16(r, b[0] == 0xFF ? "UTF-16LE" : "UTF-16BE") < 0)
			return -1;
	} else {
		for (i = 0; i < sizeof magics / sizeof magics[0]; i++)
			if (n >= magics[i].len &&
			    !memcmp(b, magics[i].bytes, magics[i].len))
				return csvr_fail(r, 1, "looks like %s, not CSV",
						 magics[i].what);
		if (n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3))
			r->pos = 3;
	}
	read_first_line(r);
	/* Text has no NULs; a few in a cell are that row's problem, but
	 * a quarter of the start of the file is binary data. */
	for (i = r->pos; i < r->end; i++)
		nul += r->buf[i] == '\0';
	if (nul >= 8 && nul * 4 > r->end - r->pos)
		return csvr_fail(r, 1, "looks like binary data, not CSV");
	/* Excel's first line "sep=;" names the delimiter; it is not the
	 * header.  An explicit delimiter still wins. */
	n = r->end - r->pos;
	if (n >= 5 && !memcmp(r->buf + r->pos, "sep=", 4) &&
	    strchr(",;\t", r->buf[r->pos + 4]) &&
	    (n == 5 || r->buf[r->pos + 5] == '\n' ||
	     r->buf[r->pos + 5] == '\r')) {
		sep = r->buf[r->pos + 4];
		r->pos += 5;
		if (r->pos < r->end && r->buf[r->pos] == '\r')
			r->pos++;
		if (r->pos < r->end && r->buf[r->pos] == '\n')
			r->pos++;
		r->line++;
		read_first_line(r);
	}
	r->guess = guess_delimiter(r->buf + r->pos, r->end - r->pos);
	if (r->detect)
		r->o.delimiter = sep ? sep : r->guess;
	csv_set_delim(&r->p, (unsigned char)r->o.delimiter);
	csvr_find_cr(r);
	return 0;
}
