#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"
#include "strbuf.h"
#include "testutil.h"
#include "xalloc.h"

/*
 * Every test writes its input to a temporary file and reads it back, as the
 * tool does.  The file is unlinked once open, so a failing test leaves
 * nothing behind in /tmp.
 */
static csvread *
open_opts(const char *data, size_t len, const csvread_opts *o)
{
	char path[] = "/tmp/check_csvread_XXXXXX";
	char err[256] = "";
	int fd = mkstemp(path);
	size_t off = 0;
	ssize_t w;
	csvread *r;

	ck_assert_int_ge(fd, 0);
	while (off < len) {
		w = write(fd, data + off, len - off);
		ck_assert_int_gt(w, 0);
		off += (size_t)w;
	}
	close(fd);
	r = csvread_open(path, o, err, sizeof err);
	unlink(path);
	ck_assert_msg(r != NULL, "open failed: %s", err);
	return r;
}

static csvread *
open_mem(const char *data, size_t len)
{
	csvread_opts o = { ',', ENC_UTF8, 0 };

	return open_opts(data, len, &o);
}

static csvread *
open_str(const char *data)
{
	return open_mem(data, strlen(data));
}

/* Reads one record and checks its lines, its error state (clean) and its
 * fields, given as NUL-terminated strings ending with NULL. */
static void
expect(csvread *r, size_t line, size_t end_line, ...)
{
	csv_record rec;
	va_list ap;
	const char *want;
	size_t i = 0;
	int rc = csvread_next(r, &rec);

	ck_assert_msg(rc == 1, "expected a record at line %zu, got %d (%s)",
		      line, rc, rc < 0 ? csvread_error(r) : "");
	ck_assert_msg(rec.error == NULL, "unexpected error: %s", rec.error);
	ck_assert_int_eq(rec.error_field, -1);
	ck_assert_uint_eq(rec.line, line);
	ck_assert_uint_eq(rec.end_line, end_line);
	va_start(ap, end_line);
	while ((want = va_arg(ap, const char *)) != NULL) {
		ck_assert_uint_lt(i, rec.nfields);
		ck_assert_str_eq(rec.fields[i], want);
		ck_assert_uint_eq(rec.lens[i], strlen(want));
		i++;
	}
	va_end(ap);
	ck_assert_uint_eq(rec.nfields, i);
}

static void
expect_end(csvread *r)
{
	csv_record rec;

	ck_assert_int_eq(csvread_next(r, &rec), 0);
	/* End of input is sticky. */
	ck_assert_int_eq(csvread_next(r, &rec), 0);
	csvread_close(r);
}

/* Skips n records, then expects the end. */
static void
expect_end_after(csvread *r, int n)
{
	csv_record rec;

	while (n-- > 0)
		ck_assert_int_eq(csvread_next(r, &rec), 1);
	expect_end(r);
}

static void
expect_fail(csvread *r, const char *msg, size_t line)
{
	csv_record rec;

	ck_assert_int_eq(csvread_next(r, &rec), -1);
	ck_assert_str_eq(csvread_error(r), msg);
	ck_assert_uint_eq(csvread_error_line(r), line);
	ck_assert_int_eq(csvread_next(r, &rec), -1);
	csvread_close(r);
}

START_TEST(test_simple)
{
	csvread *r = open_str("name,age\nAnn,30\nBob,41\n");
	csv_record rec;

	expect(r, 1, 1, "name", "age", (const char *)NULL);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_uint_eq(rec.index, 1);
	ck_assert_str_eq(rec.fields[0], "Ann");
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_uint_eq(rec.index, 2);
	ck_assert_uint_eq(rec.line, 3);
	ck_assert_str_eq(rec.fields[1], "41");
	expect_end(r);
}
END_TEST

START_TEST(test_crlf)
{
	csvread *r = open_str("a,b\r\nc,\r\n\"x\r\ny\",z\r\nlast,1\r\n");

	expect(r, 1, 1, "a", "b", (const char *)NULL);
	expect(r, 2, 2, "c", "", (const char *)NULL);
	expect(r, 3, 4, "x\r\ny", "z", (const char *)NULL);
	expect(r, 5, 5, "last", "1", (const char *)NULL);
	expect_end(r);
}
END_TEST

START_TEST(test_bom)
{
	csvread_opts o = { ',', ENC_WINDOWS_1252, 0 };
	const char in[] = "\xEF\xBB\xBFid,name\n1,x\n";
	csvread *r = open_str(in);

	expect(r, 1, 1, "id", "name", (const char *)NULL);
	expect(r, 2, 2, "1", "x", (const char *)NULL);
	expect_end(r);
	r = open_opts(in, strlen(in), &o);
	expect(r, 1, 1, "id", "name", (const char *)NULL);
	expect(r, 2, 2, "1", "x", (const char *)NULL);
	expect_end(r);
	/* Only at the very start. */
	r = open_str("a\n\xEF\xBB\xBF"
		     "b\n");
	expect(r, 1, 1, "a", (const char *)NULL);
	expect(r, 2, 2,
	       "\xEF\xBB\xBF"
	       "b",
	       (const char *)NULL);
	expect_end(r);
	/* A BOM and nothing else is an empty file. */
	r = open_str("\xEF\xBB\xBF");
	expect_end(r);
}
END_TEST

START_TEST(test_quoted)
{
	csvread *r = open_str("\"a,b\",\"say \"\"hi\"\"\",\"multi\nline\n\"\n"
			      "next,row\n"
			      "\"\",\"\"\"\"\n");

	expect(r, 1, 3, "a,b", "say \"hi\"", "multi\nline\n",
	       (const char *)NULL);
	expect(r, 4, 4, "next", "row", (const char *)NULL);
	expect(r, 5, 5, "", "\"", (const char *)NULL);
	expect_end(r);
}
END_TEST

/* A line the reader's own splitter starts on and then hands to libcsv
 * once it meets a quote it cannot take: the fields it had already split
 * must reach libcsv as they were. */
START_TEST(test_fallback_after_fields)
{
	static const char in[] = "a,\"b\",c,\"x\"\"y\",d\n"
				 "a,\"b,1\",c\"d,e\n"
				 "p\0q,\"r\",s\"t\n";
	static const char semi_in[] = "a;\"b;c\";d\"e;\"f\"\"\"\n";
	csvread_opts semi = { ';', ENC_UTF8, 0 };
	csvread *r = open_mem(in, sizeof in - 1);
	csv_record rec;

	expect(r, 1, 1, "a", "b", "c", "x\"y", "d", (const char *)NULL);
	expect(r, 2, 2, "a", "b,1", "c\"d", "e", (const char *)NULL);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_uint_eq(rec.nfields, 3);
	ck_assert_int_eq(rec.has_nul, 1);
	ck_assert_int_eq(memcmp(rec.fields[0], "p\0q", 4), 0);
	ck_assert_str_eq(rec.fields[1], "r");
	ck_assert_str_eq(rec.fields[2], "s\"t");
	expect_end(r);
	r = open_opts(semi_in, sizeof semi_in - 1, &semi);
	expect(r, 1, 1, "a", "b;c", "d\"e", "f\"", (const char *)NULL);
	expect_end(r);
}
END_TEST

/* Lines of every length around the reader's 64-byte mark words, each
 * after a line full of delimiters, so that a mark left over from the
 * longer line would show as a field too many. */
START_TEST(test_line_lengths_around_words)
{
	static const char *const ends[] = { "\n", "\r\n", "" };
	char in[1024], want[256];
	size_t len, e, k;

	for (e = 0; e < 3; e++) {
		for (len = 3; len <= 200; len++) {
			csvread *r;

			k = 0;
			for (; k < 300; k += 2)
				memcpy(in + k, "x,", 2);
			in[k++] = 'y';
			in[k++] = '\n';
			memset(in + k, 'a', len - 2);
			memcpy(in + k + len - 2, ",b", 2);
			strcpy(in + k + len, ends[e]);
			r = open_mem(in, strlen(in));
			ck_assert_int_eq(csvread_next(r, &(csv_record){ 0 }),
					 1);
			memset(want, 'a', len - 2);
			want[len - 2] = '\0';
			expect(r, 2, 2, want, "b", (const char *)NULL);
			expect_end(r);
		}
	}
}
END_TEST

START_TEST(test_blank_lines)
{
	csvread *r = open_str("\n\na\n\n   \n\t \r\n\r\nb\n  \n\"\n\n  \n\"\n"
			      " \t\nc\n\n \t ");

	expect(r, 3, 3, "a", (const char *)NULL);
	expect(r, 8, 8, "b", (const char *)NULL);
	/* Blank lines inside a quoted field are data. */
	expect(r, 10, 13, "\n\n  \n", (const char *)NULL);
	expect(r, 15, 15, "c", (const char *)NULL);
	expect_end(r);
	r = open_str("\n");
	expect_end(r);
	r = open_str("\r\n   \r\n");
	expect_end(r);
}
END_TEST

START_TEST(test_spaces_kept)
{
	csvread *r = open_str(" a , b ,c \n  x\n\t,\t\n");

	expect(r, 1, 1, " a ", " b ", "c ", (const char *)NULL);
	expect(r, 2, 2, "  x", (const char *)NULL);
	/* Line 3's cells are all blank: a spreadsheet's empty row, counted
	 * and skipped. */
	expect_end(r);
	/* expect_end closed r; count on a fresh reader. */
	r = open_str(" a , b ,c \n\t,\t\n;\n");
	expect(r, 1, 1, " a ", " b ", "c ", (const char *)NULL);
	expect(r, 3, 3, ";", (const char *)NULL);
	ck_assert_uint_eq(csvread_blank_rows(r), 1);
	expect_end(r);
}
END_TEST

START_TEST(test_long_blank_line)
{
	strbuf sb;
	csvread *r;
	int i;

	/* Blanks across a read-block boundary still make a blank line. */
	sb_init(&sb);
	sb_adds(&sb, "a\n");
	for (i = 0; i < 70000; i++)
		sb_addc(&sb, ' ');
	sb_adds(&sb, "\nb\n");
	r = open_mem(sb.buf, sb.len);
	expect(r, 1, 1, "a", (const char *)NULL);
	expect(r, 3, 3, "b", (const char *)NULL);
	expect_end(r);
	/* ...and a line that only starts with them keeps them. */
	sb_reset(&sb);
	for (i = 0; i < 70000; i++)
		sb_addc(&sb, ' ');
	sb_adds(&sb, "x,y\n");
	r = open_mem(sb.buf, sb.len);
	{
		csv_record rec;

		ck_assert_int_eq(csvread_next(r, &rec), 1);
		ck_assert_uint_eq(rec.nfields, 2);
		ck_assert_uint_eq(rec.lens[0], 70001);
		ck_assert_int_eq(rec.fields[0][70000], 'x');
		ck_assert_int_eq(rec.fields[0][0], ' ');
	}
	expect_end(r);
	sb_free(&sb);
}
END_TEST

START_TEST(test_stray_quote)
{
	csvread *r = open_str("37.8\"N,12\" pipe,a\"b\"c\nx \"y\",\"ok\"\n");

	expect(r, 1, 1, "37.8\"N", "12\" pipe", "a\"b\"c", (const char *)NULL);
	expect(r, 2, 2, "x \"y\"", "ok", (const char *)NULL);
	expect_end(r);
}
END_TEST

START_TEST(test_bad_quote)
{
	csvread *r = open_str("h1,h2,h3\nx,\"ab\"c,d\nnext,1\n"
			      "\"p\nq\"\x01,z\n\"s\" ,t\nlast\n");
	csv_record rec;

	expect(r, 1, 1, "h1", "h2", "h3", (const char *)NULL);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_str_eq(
	    rec.error,
	    "quoted field is followed by 'c' instead of a delimiter");
	ck_assert_int_eq(rec.error_field, 1);
	/* Read on as a lenient reader would: the rest joins the field. */
	ck_assert_uint_eq(rec.nfields, 3);
	ck_assert_str_eq(rec.fields[0], "x");
	ck_assert_str_eq(rec.fields[1], "abc");
	ck_assert_str_eq(rec.fields[2], "d");
	ck_assert_uint_eq(rec.line, 2);
	ck_assert_uint_eq(rec.end_line, 2);
	ck_assert_uint_eq(rec.index, 1);
	expect(r, 3, 3, "next", "1", (const char *)NULL);
	/* A multi-line field, then a control byte after its quote. */
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_str_eq(rec.error, "quoted field is followed by '\\x01' "
				    "instead of a delimiter");
	ck_assert_int_eq(rec.error_field, 0);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_str_eq(rec.fields[0], "p\nq\x01");
	ck_assert_str_eq(rec.fields[1], "z");
	ck_assert_uint_eq(rec.line, 4);
	ck_assert_uint_eq(rec.end_line, 5);
	ck_assert_uint_eq(rec.index, 3);
	/* No trimming: a space after the closing quote is an error too. */
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_str_eq(
	    rec.error,
	    "quoted field is followed by ' ' instead of a delimiter");
	ck_assert_uint_eq(rec.line, 6);
	expect(r, 7, 7, "last", (const char *)NULL);
	expect_end(r);
}
END_TEST

START_TEST(test_bad_quote_long_line)
{
	strbuf sb;
	csvread *r;
	csv_record rec;
	int i;

	/* The rest of a bad line is read on, even when it spans blocks. */
	sb_init(&sb);
	sb_adds(&sb, "\"a\"b,");
	for (i = 0; i < 200000; i++)
		sb_addc(&sb, i % 7 ? 'x' : ',');
	sb_adds(&sb, "\r\nok\n");
	r = open_mem(sb.buf, sb.len);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_ptr_nonnull(rec.error);
	/* One comma after "ab", and 28572 in the loop (i = 0, 7, ...). */
	ck_assert_uint_eq(rec.nfields, 28574);
	ck_assert_str_eq(rec.fields[0], "ab");
	expect(r, 2, 2, "ok", (const char *)NULL);
	expect_end(r);
	sb_free(&sb);
}
END_TEST

/* After a stray quote, a quoted line break later in the same record
 * still belongs to it: the record ends where a lenient reader ends it,
 * and the rows after it are read as they are. */
START_TEST(test_bad_quote_then_quoted_newline)
{
	csvread *r = open_str("id,name\n\"P1\"x,\"Haven\nTrust\"\nP2,ok\n"
			      "\"P3\"y,\"\n\"\nP4,fine\n");
	csv_record rec;

	expect(r, 1, 1, "id", "name", (const char *)NULL);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_ptr_nonnull(rec.error);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_str_eq(rec.fields[0], "P1x");
	ck_assert_str_eq(rec.fields[1], "Haven\nTrust");
	ck_assert_uint_eq(rec.line, 2);
	ck_assert_uint_eq(rec.end_line, 3);
	expect(r, 4, 4, "P2", "ok", (const char *)NULL);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_ptr_nonnull(rec.error);
	ck_assert_str_eq(rec.fields[0], "P3y");
	ck_assert_str_eq(rec.fields[1], "\n");
	ck_assert_uint_eq(rec.line, 5);
	expect(r, 7, 7, "P4", "fine", (const char *)NULL);
	expect_end(r);
}
END_TEST

START_TEST(test_unterminated)
{
	csvread *r = open_str("a,b\n\"open,\nmore\n");

	expect(r, 1, 1, "a", "b", (const char *)NULL);
	expect_fail(r, "unterminated quoted field starting on line 2", 2);
	/* The line given is where the open field starts. */
	r = open_str("\"a\nb\",\"c\nd\n");
	expect_fail(r, "unterminated quoted field starting on line 2", 2);
	r = open_str("\"");
	expect_fail(r, "unterminated quoted field starting on line 1", 1);
}
END_TEST

START_TEST(test_empty_and_header_only)
{
	csvread *r = open_str("");

	expect_end(r);
	r = open_str("a,b,c");
	expect(r, 1, 1, "a", "b", "c", (const char *)NULL);
	expect_end(r);
	r = open_str("a,b,c\n");
	expect(r, 1, 1, "a", "b", "c", (const char *)NULL);
	expect_end(r);
}
END_TEST

START_TEST(test_nul_byte)
{
	static const char in[] = "a\0b,c\n\"q\0\",d\n";
	csvread *r = open_mem(in, sizeof in - 1);
	csv_record rec;

	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_uint_eq(rec.lens[0], 3);
	ck_assert_int_eq(memcmp(rec.fields[0], "a\0b\0", 4), 0);
	ck_assert_str_eq(rec.fields[1], "c");
	ck_assert_ptr_null(rec.error);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_uint_eq(rec.lens[0], 2);
	ck_assert_int_eq(memcmp(rec.fields[0], "q\0\0", 3), 0);
	expect_end(r);
}
END_TEST

START_TEST(test_max_field_bytes)
{
	csvread_opts o = { ',', ENC_UTF8, 5 };
	const char ok[] = "abcde,\"fghij\",\"k\"\"lm\"\n";
	const char bad[] = "ok,1\nabcdef,2\n";
	strbuf sb;
	csvread *r;
	int i;

	r = open_opts(ok, strlen(ok), &o);
	expect(r, 1, 1, "abcde", "fghij", "k\"lm", (const char *)NULL);
	expect_end(r);
	r = open_opts(bad, strlen(bad), &o);
	expect(r, 1, 1, "ok", "1", (const char *)NULL);
	expect_fail(r,
		    "field longer than 5 bytes (raise it with "
		    "--max-field-bytes)",
		    2);
	/* A huge field with no line end fails without reading it all in. */
	sb_init(&sb);
	sb_adds(&sb, "a\n\"");
	for (i = 0; i < 3000000; i++)
		sb_addc(&sb, 'x');
	o.max_field_bytes = 1000;
	r = open_opts(sb.buf, sb.len, &o);
	expect(r, 1, 1, "a", (const char *)NULL);
	expect_fail(r,
		    "field longer than 1000 bytes (raise it with "
		    "--max-field-bytes)",
		    2);
	sb_free(&sb);
	/* The rest of a field after a stray quote counts towards it too
	 * (found by fuzz_csvread). */
	o.max_field_bytes = 5;
	r = open_opts("a,b\n1,\"ab\"cdef\n", 15, &o);
	expect(r, 1, 1, "a", "b", (const char *)NULL);
	expect_fail(r,
		    "field longer than 5 bytes (raise it with "
		    "--max-field-bytes)",
		    2);
}
END_TEST

START_TEST(test_delimiters)
{
	csvread_opts semi = { ';', ENC_UTF8, 0 };
	csvread_opts tab = { '\t', ENC_UTF8, 0 };
	const char s1[] = "a;b,c;\"d;e\"\n1,5;2;3\n";
	const char s2[] = "a\tb c\t\n\t\t\n\"x\ty\"\tz\n";
	csvread *r;

	r = open_opts(s1, strlen(s1), &semi);
	expect(r, 1, 1, "a", "b,c", "d;e", (const char *)NULL);
	expect(r, 2, 2, "1,5", "2", "3", (const char *)NULL);
	expect_end(r);
	r = open_opts(s2, strlen(s2), &tab);
	expect(r, 1, 1, "a", "b c", "", (const char *)NULL);
	/* Line 2 has only tabs: with tab the delimiter, three empty fields,
	 * which make a blank row, skipped. */
	expect(r, 3, 3, "x\ty", "z", (const char *)NULL);
	expect_end(r);
}
END_TEST

START_TEST(test_windows_1252)
{
	csvread_opts o = { ',', ENC_WINDOWS_1252, 0 };
	csvread_opts l1 = { ',', ENC_ISO_8859_1, 0 };
	const char in[] = "Mart\xEDn,it\x92s,\"\x80 5\"\n";
	csvread *r;

	r = open_opts(in, strlen(in), &o);
	expect(r, 1, 1, "Mart\xC3\xADn", "it\xE2\x80\x99s", "\xE2\x82\xAC 5",
	       (const char *)NULL);
	expect_end(r);
	r = open_opts(in, strlen(in), &l1);
	expect(r, 1, 1, "Mart\xC3\xADn", "it\xC2\x92s", "\xC2\x80 5",
	       (const char *)NULL);
	expect_end(r);
}
END_TEST

START_TEST(test_invalid_utf8)
{
	static const char in[] = "ok,caf\xE9,\xFF\nfine,\xC3\xA9\n";
	csvread *r = open_str(in);
	csv_record rec;

	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_str_eq(rec.error,
			 "invalid UTF-8 byte 0xE9; if the file is "
			 "Windows-1252, use --encoding windows-1252");
	ck_assert_int_eq(rec.error_field, 1);
	ck_assert_uint_eq(rec.nfields, 3);
	ck_assert_str_eq(rec.fields[1], "caf\xE9");
	ck_assert_uint_eq(rec.lens[1], 4);
	ck_assert_str_eq(rec.fields[2], "\xFF");
	expect(r, 2, 2, "fine", "\xC3\xA9", (const char *)NULL);
	expect_end(r);
	/* A sequence cut short by the end of its field is invalid. */
	r = open_str("\xC3,\xA9\n");
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_int_eq(rec.error_field, 0);
	ck_assert_str_eq(rec.error,
			 "invalid UTF-8 byte 0xC3; if the file is "
			 "Windows-1252, use --encoding windows-1252");
	expect_end(r);
}
END_TEST

/* Lines longer than one 64-byte word of the reader's marks: a valid
 * four-byte sequence across the word boundary, then a bad byte in a later
 * field after more valid ones. */
START_TEST(test_invalid_utf8_long_line)
{
	char in[400];
	csvread *r;
	csv_record rec;
	int k;

	memset(in, 'a', 62);
	memcpy(in + 62, "\xF0\x9F\x98\x80,\xC2\xA3", 7);
	k = 69;
	k += sprintf(in + k, ",%s,", "\xE2\x82\xAC 12,\xC2\xA3");
	memset(in + k, 'b', 100);
	k += 100;
	k += sprintf(in + k, ",ok\xC3\xA9,\xC3\xA9\xE9,last\n");
	in[k] = '\0';
	r = open_str(in);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_uint_eq(rec.nfields, 8);
	ck_assert_int_eq(rec.error_field, 6);
	ck_assert_str_eq(rec.error,
			 "invalid UTF-8 byte 0xE9; if the file is "
			 "Windows-1252, use --encoding windows-1252");
	expect_end(r);
	/* The same line without the bad byte reads cleanly. */
	memmove(strstr(in, "\xE9,last"), ",last\n", 7);
	r = open_str(in);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_ptr_null(rec.error);
	ck_assert_uint_eq(rec.nfields, 8);
	ck_assert_str_eq(rec.fields[0] + 62, "\xF0\x9F\x98\x80");
	expect_end(r);
}
END_TEST

START_TEST(test_no_trailing_newline)
{
	csvread *r = open_str("a,b\nc,d");

	expect(r, 1, 1, "a", "b", (const char *)NULL);
	expect(r, 2, 2, "c", "d", (const char *)NULL);
	expect_end(r);
	r = open_str("a,\n\"x\ny\"");
	expect(r, 1, 1, "a", "", (const char *)NULL);
	expect(r, 2, 3, "x\ny", (const char *)NULL);
	expect_end(r);
	r = open_str("a,");
	expect(r, 1, 1, "a", "", (const char *)NULL);
	expect_end(r);
}
END_TEST

START_TEST(test_wide_line)
{
	strbuf sb;
	csvread *r;
	csv_record rec;
	char want[24];
	size_t i;

	sb_init(&sb);
	for (i = 0; i < 100000; i++)
		sb_addf(&sb, "%s%zu", i ? "," : "", i);
	sb_adds(&sb, "\nnext\n");
	r = open_mem(sb.buf, sb.len);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_uint_eq(rec.nfields, 100000);
	for (i = 0; i < rec.nfields; i++) {
		snprintf(want, sizeof want, "%zu", i);
		ck_assert_str_eq(rec.fields[i], want);
	}
	ck_assert_uint_eq(rec.end_line, 1);
	expect(r, 2, 2, "next", (const char *)NULL);
	expect_end(r);
	sb_free(&sb);
}
END_TEST

START_TEST(test_bare_cr)
{
	csvread *r = open_str("a,b\rc,d\r\re\r\"x\ry\",z\rq\r");

	expect(r, 1, 1, "a", "b", (const char *)NULL);
	expect(r, 2, 2, "c", "d", (const char *)NULL);
	expect(r, 4, 4, "e", (const char *)NULL);
	expect(r, 5, 6, "x\ry", "z", (const char *)NULL);
	expect(r, 7, 7, "q", (const char *)NULL);
	expect_end(r);
}
END_TEST

START_TEST(test_crlf_across_blocks)
{
	strbuf sb;
	csvread *r;
	csv_record rec;
	int i;

	/* The '\r' is the last byte of the first 64 KiB block, its '\n' the
	 * first of the next: still one line end. */
	sb_init(&sb);
	for (i = 0; i < 65534; i++)
		sb_addc(&sb, 'a');
	sb_adds(&sb, "\r\nb\r\n");
	r = open_mem(sb.buf, sb.len);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_uint_eq(rec.lens[0], 65534);
	ck_assert_uint_eq(rec.end_line, 1);
	expect(r, 2, 2, "b", (const char *)NULL);
	expect_end(r);
	/* The same inside a quoted field, where the pair is data. */
	sb_reset(&sb);
	sb_addc(&sb, '"');
	for (i = 0; i < 65534; i++)
		sb_addc(&sb, 'a');
	sb_adds(&sb, "\r\nz\"\nb\n");
	r = open_mem(sb.buf, sb.len);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_uint_eq(rec.lens[0], 65537);
	ck_assert_int_eq(rec.fields[0][65534], '\r');
	ck_assert_int_eq(rec.fields[0][65535], '\n');
	ck_assert_uint_eq(rec.line, 1);
	ck_assert_uint_eq(rec.end_line, 2);
	expect(r, 3, 3, "b", (const char *)NULL);
	expect_end(r);
	sb_free(&sb);
}
END_TEST

START_TEST(test_big_field)
{
	csvread_opts o = { ',', ENC_UTF8, 2 * 1024 * 1024 };
	size_t big = 1024 * 1024;
	strbuf sb;
	csvread *r;
	csv_record rec;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < big; i++)
		sb_addc(&sb, (char)('a' + i % 26));
	sb_adds(&sb, ",\"");
	for (i = 0; i < big; i++)
		sb_addc(&sb, i % 1000 ? 'q' : '\n');
	sb_adds(&sb, "\"\nnext\n");
	r = open_opts(sb.buf, sb.len, &o);
	ck_assert_int_eq(csvread_next(r, &rec), 1);
	ck_assert_ptr_null(rec.error);
	ck_assert_uint_eq(rec.nfields, 2);
	ck_assert_uint_eq(rec.lens[0], big);
	ck_assert_uint_eq(rec.lens[1], big);
	ck_assert_int_eq(rec.fields[0][big - 1], 'a' + (big - 1) % 26);
	ck_assert_int_eq(rec.fields[1][1000], '\n');
	ck_assert_uint_eq(rec.end_line, 1 + (big + 999) / 1000);
	expect(r, 2 + (big + 999) / 1000, 2 + (big + 999) / 1000, "next",
	       (const char *)NULL);
	expect_end(r);
	sb_free(&sb);
}
END_TEST

START_TEST(test_many_records)
{
	strbuf sb;
	csvread *r;
	csv_record rec;
	size_t n = 0, last_line = 0;
	int i, rc;

	sb_init(&sb);
	sb_adds(&sb, "id,name,amount,country,note\n");
	for (i = 1; i <= 200000; i++)
		sb_addf(&sb, "%d,Partner %d,%d.50,DE,\"note, %d\"\n", i, i,
			i * 3, i);
	r = open_mem(sb.buf, sb.len);
	while ((rc = csvread_next(r, &rec)) == 1) {
		ck_assert_uint_eq(rec.index, n);
		n++;
		last_line = rec.line;
		if (rec.nfields != 5 || rec.error)
			ck_abort_msg("bad record at line %zu", rec.line);
		if (n == 200001)
			ck_assert_str_eq(rec.fields[4], "note, 200000");
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(n, 200001);
	ck_assert_uint_eq(last_line, 200001);
	csvread_close(r);
	sb_free(&sb);
}
END_TEST

START_TEST(test_open_errors)
{
	csvread_opts o = { ',', ENC_UTF8, 0 };
	char err[256];
	csvread *r;
	csv_record rec;

	r = csvread_open("/nonexistent/x.csv", &o, err, sizeof err);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(err, "/nonexistent/x.csv:1: cannot open: No such "
			      "file or directory");
	r = csvread_open("/tmp", &o, err, sizeof err);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(csvread_next(r, &rec), -1);
	ck_assert_str_eq(csvread_error(r), "cannot read: Is a directory");
	csvread_close(r);
	r = csvread_open("-", &o, err, sizeof err);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(csvread_path(r), "<stdin>");
	csvread_close(r);
	csvread_close(NULL);
}
END_TEST

START_TEST(test_fopen)
{
	static const char in[] = "\xEF\xBB\xBFid;name\n1;\"a;b\"\n\n2;\"x\n";
	csvread_opts o = { ';', ENC_UTF8, 0 };
	FILE *f = fmemopen((void *)in, sizeof in - 1, "rb");
	csvread *r;
	csv_record rec;

	/* A stream in memory reads like a file: byte order mark dropped,
	 * lines counted, blank lines skipped, errors named by the label. */
	ck_assert_ptr_nonnull(f);
	r = csvread_fopen(f, "rules.json#csv", &o);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(csvread_path(r), "rules.json#csv");
	expect(r, 1, 1, "id", "name", (const char *)NULL);
	expect(r, 2, 2, "1", "a;b", (const char *)NULL);
	ck_assert_int_eq(csvread_next(r, &rec), -1);
	ck_assert_str_eq(csvread_error(r), "unterminated quoted field "
					   "starting on line 4");
	ck_assert_uint_eq(csvread_error_line(r), 4);
	csvread_close(r);
	/* The stream is still the caller's, open and usable. */
	ck_assert_int_eq(fseek(f, 0, SEEK_SET), 0);
	ck_assert_int_eq(fgetc(f), 0xEF);
	ck_assert_int_eq(fclose(f), 0);

	f = fmemopen((void *)"a,b\n", 4, "rb");
	ck_assert_ptr_nonnull(f);
	r = csvread_fopen(f, NULL, NULL);
	ck_assert_str_eq(csvread_path(r), "<memory>");
	expect(r, 1, 1, "a", "b", (const char *)NULL);
	expect_end(r);
	ck_assert_int_eq(fclose(f), 0);
}
END_TEST

START_TEST(test_detect_delimiter)
{
	csvread_opts any = { 0, ENC_UTF8, 0 };
	csvread_opts comma = { ',', ENC_UTF8, 0 };
	const char semi[] = "id;\"a,b,c\";x\n1;2,5;3\n";
	const char tab[] = "id\tname;x\tb\n1\t2\t3\n";
	const char sep[] = "sep=;\r\nid,x;name\r\n1,5;2\r\n";
	const char none[] = "id\n1\n";
	csvread *r;

	/* Delimiters inside quotes do not count. */
	r = open_opts(semi, strlen(semi), &any);
	expect(r, 1, 1, "id", "a,b,c", "x", (const char *)NULL);
	ck_assert_int_eq(csvread_delimiter(r), ';');
	ck_assert_int_eq(csvread_detected(r), 1);
	expect(r, 2, 2, "1", "2,5", "3", (const char *)NULL);
	expect_end(r);
	r = open_opts(tab, strlen(tab), &any);
	expect(r, 1, 1, "id", "name;x", "b", (const char *)NULL);
	expect_end_after(r, 1);
	/* Excel's sep= line sets the delimiter and is not the header; line
	 * numbers stay those of the file. */
	r = open_opts(sep, strlen(sep), &any);
	expect(r, 2, 2, "id,x", "name", (const char *)NULL);
	expect(r, 3, 3, "1,5", "2", (const char *)NULL);
	expect_end(r);
	r = open_opts(none, strlen(none), &any);
	expect(r, 1, 1, "id", (const char *)NULL);
	ck_assert_int_eq(csvread_delimiter(r), ',');
	expect_end_after(r, 1);
	/* A given delimiter wins, but the header's look is still known. */
	r = open_opts(semi, strlen(semi), &comma);
	expect(r, 1, 1, "id;\"a", "b", "c\";x", (const char *)NULL);
	ck_assert_int_eq(csvread_header_looks(r), ';');
	ck_assert_int_eq(csvread_detected(r), 0);
	csvread_close(r);
}
END_TEST

START_TEST(test_utf16)
{
	/* "id,n\n1,é\n\n2,x" in UTF-16LE and BE with their BOMs. */
	static const char le[] = "\xFF\xFE"
				 "i\0d\0,\0n\0\n\0"
				 "1\0,\0\xE9\0\n\0"
				 "\n\0"
				 "2\0,\0x\0";
	static const char be[] = "\xFE\xFF"
				 "\0i\0d\0,\0n\0\n"
				 "\0001\0,\0\xE9\0\n"
				 "\0\n"
				 "\0002\0,\0x";
	csvread_opts o = { 0, ENC_WINDOWS_1252, 0 };
	csvread *r;

	r = open_opts(le, sizeof le - 1, &o);
	expect(r, 1, 1, "id", "n", (const char *)NULL);
	ck_assert_str_eq(csvread_encoding_note(r), "UTF-16LE");
	expect(r, 2, 2, "1", "\xC3\xA9", (const char *)NULL);
	expect(r, 4, 4, "2", "x", (const char *)NULL);
	expect_end(r);
	r = open_opts(be, sizeof be - 1, &o);
	expect(r, 1, 1, "id", "n", (const char *)NULL);
	expect(r, 2, 2, "1", "\xC3\xA9", (const char *)NULL);
	expect(r, 4, 4, "2", "x", (const char *)NULL);
	expect_end(r);
	/* Cut in the middle of a character. */
	r = open_opts(le, sizeof le - 2, &o);
	expect(r, 1, 1, "id", "n", (const char *)NULL);
	expect(r, 2, 2, "1", "\xC3\xA9", (const char *)NULL);
	expect_fail(r, "invalid UTF-16LE: the file ends inside a character", 4);
}
END_TEST

/* More UTF-16 in the first read than the conversion's raw block holds
 * (fuzz_csvread found the overflow): every row still comes through. */
START_TEST(test_utf16_long_first_read)
{
	size_t n = 2 + 6 + 10000 * 4, i;
	char *buf = xmalloc(n);
	csvread_opts o = { 0, ENC_UTF8, 0 };
	csv_record rec;
	csvread *r;

	memcpy(buf, "\xFF\xFEi\0d\0\n\0", 8);
	for (i = 0; i < 10000; i++)
		memcpy(buf + 8 + i * 4, "7\0\n\0", 4);
	r = open_opts(buf, n, &o);
	expect(r, 1, 1, "id", (const char *)NULL);
	for (i = 0; i < 10000; i++) {
		ck_assert_int_eq(csvread_next(r, &rec), 1);
		ck_assert_uint_eq(rec.nfields, 1);
		ck_assert_int_eq(memcmp(rec.fields[0], "7", 1), 0);
	}
	ck_assert_uint_eq(rec.line, 10001);
	expect_end(r);
	free(buf);
}
END_TEST

START_TEST(test_not_csv)
{
	static const struct {
		const char *data;
		size_t len;
		const char *msg;
	} t[] = {
		{ "\x1F\x8B\x08\0\0\0\0\0", 8,
		  "looks like gzip data, not CSV" },
		{ "PK\x03\x04\x14\0\x06\0", 8,
		  "looks like zip data (an .xlsx "
		  "workbook is zip: save it as CSV), not CSV" },
		{ "BZh91AY&SY", 10, "looks like bzip2 data, not CSV" },
		{ "\xFD"
		  "7zXZ\0\0",
		  7, "looks like xz data, not CSV" },
		{ "\x28\xB5\x2F\xFD\0\0", 6, "looks like zstd data, not CSV" },
		{ "%PDF-1.7\n", 9, "looks like a PDF document, not CSV" },
		{ "a,b\n\0\0\0\0\0\0\0\0\0\0\1\2", 16,
		  "looks like binary data, not CSV" },
	};
	csvread_opts o = { 0, ENC_UTF8, 0 };
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		expect_fail(open_opts(t[i].data, t[i].len, &o), t[i].msg, 1);
}
END_TEST

static Suite *
csvread_suite(void)
{
	Suite *s = suite_create("csvread");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_simple);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_bom);
	tcase_add_test(tc, test_quoted);
	tcase_add_test(tc, test_fallback_after_fields);
	tcase_add_test(tc, test_line_lengths_around_words);
	tcase_add_test(tc, test_blank_lines);
	tcase_add_test(tc, test_spaces_kept);
	tcase_add_test(tc, test_long_blank_line);
	tcase_add_test(tc, test_stray_quote);
	tcase_add_test(tc, test_bad_quote);
	tcase_add_test(tc, test_bad_quote_long_line);
	tcase_add_test(tc, test_bad_quote_then_quoted_newline);
	tcase_add_test(tc, test_unterminated);
	tcase_add_test(tc, test_empty_and_header_only);
	tcase_add_test(tc, test_nul_byte);
	tcase_add_test(tc, test_max_field_bytes);
	tcase_add_test(tc, test_delimiters);
	tcase_add_test(tc, test_windows_1252);
	tcase_add_test(tc, test_invalid_utf8);
	tcase_add_test(tc, test_invalid_utf8_long_line);
	tcase_add_test(tc, test_no_trailing_newline);
	tcase_add_test(tc, test_wide_line);
	tcase_add_test(tc, test_bare_cr);
	tcase_add_test(tc, test_crlf_across_blocks);
	tcase_add_test(tc, test_big_field);
	tcase_add_test(tc, test_many_records);
	tcase_add_test(tc, test_open_errors);
	tcase_add_test(tc, test_fopen);
	tcase_add_test(tc, test_detect_delimiter);
	tcase_add_test(tc, test_utf16);
	tcase_add_test(tc, test_utf16_long_first_read);
	tcase_add_test(tc, test_not_csv);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(csvread_suite)
