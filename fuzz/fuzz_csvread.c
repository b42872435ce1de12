/*
 * libFuzzer target for the CSV reader (src/csvread.c).
 *
 * The first byte chooses the options, the rest is the file:
 *   bits 0-1  delimiter: ',' ';' '\t' ','
 *   bits 2-3  encoding: UTF-8, Windows-1252, ISO-8859-1, UTF-8
 *   bits 4-5  max_field_bytes: none, 8, 64, 1 MiB
 * Every record is read to the end and checked against csvread.h.
 */
#include <string.h>

#include "csvread.h"
#include "fuzz.h"
#include "utf8.h"

static const char delimiters[4] = { ',', ';', '\t', ',' };
static const encoding encodings[4] = { ENC_UTF8, ENC_WINDOWS_1252,
				       ENC_ISO_8859_1, ENC_UTF8 };
static const size_t limits[4] = { 0, 8, 64, 1024 * 1024 };

/* Touches every byte of every field, so that ASan sees a length that
 * overstates the buffer, and checks what csvread.h promises of a record. */
static void
check_record(const csv_record *rec, const csvread_opts *o, size_t *last)
{
	size_t i, j;
	unsigned sum = 0;

	FUZZ_ASSERT(rec->nfields >= 1);
	FUZZ_ASSERT(rec->line >= 1 && rec->line <= rec->end_line);
	FUZZ_ASSERT(rec->line > *last);
	FUZZ_ASSERT(rec->error_field >= -1 &&
		    rec->error_field < (long)rec->nfields);
	FUZZ_ASSERT(rec->error || rec->error_field == -1);
	*last = rec->end_line;
	for (i = 0; i < rec->nfields; i++) {
		for (j = 0; j < rec->lens[i]; j++)
			sum += (unsigned char)rec->fields[i][j];
		FUZZ_ASSERT(rec->fields[i][rec->lens[i]] == '\0');
		if (o->max_field_bytes)
			FUZZ_ASSERT(rec->lens[i] <= o->max_field_bytes);
		/* Output is always UTF-8 unless the record says otherwise. */
		if (!rec->error)
			FUZZ_ASSERT(
			    utf8_invalid_at(rec->fields[i], rec->lens[i]) ==
			    rec->lens[i]);
	}
	if (rec->error)
		FUZZ_ASSERT(strlen(rec->error) > 0);
	(void)sum;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csvread_opts o;
	csv_record rec;
	csvread *r;
	FILE *f;
	size_t n = 0, last = 0;
	int rc;

	if (size < 1)
		return 0;
	memset(&o, 0, sizeof o);
	o.delimiter = delimiters[data[0] & 3];
	o.enc = encodings[(data[0] >> 2) & 3];
	o.max_field_bytes = limits[(data[0] >> 4) & 3];
	f = fuzz_stream(data + 1, size - 1);
	r = csvread_fopen(f, "fuzz.csv", &o);
	FUZZ_ASSERT(strcmp(csvread_path(r), "fuzz.csv") == 0);
	while ((rc = csvread_next(r, &rec)) == 1) {
		FUZZ_ASSERT(rec.index == n);
		check_record(&rec, &o, &last);
		n++;
	}
	if (rc < 0) {
		FUZZ_ASSERT(strlen(csvread_error(r)) > 0);
		FUZZ_ASSERT(csvread_error_line(r) >= 1);
	}
	/* The end, or a failure, is sticky. */
	FUZZ_ASSERT(csvread_next(r, &rec) == rc);
	csvread_close(r);
	fclose(f);
	return 0;
}
