/*
 * csvparse: the speed ceiling for partnercheck's input side.  Parses a CSV
 * file with libcsv exactly as src/csvread.c sets it up (CSV_STRICT and
 * CSV_STRICT_FINI, no space trimming, 64 KiB fread blocks) but with
 * callbacks that only count, so nothing is decoded, evaluated or written.
 *
 *   csvparse [FILE]
 *
 * Prints "ROWS FIELDS" (ROWS counts the header line too).
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

#define READ_BLOCK (64 * 1024)

struct counts {
	unsigned long rows;
	unsigned long fields;
	unsigned long bytes;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct counts *c = data;

	(void)s;
	c->fields++;
	c->bytes += len;
}

static void
on_row(int term, void *data)
{
	struct counts *c = data;

	(void)term;
	c->rows++;
}

/* Like csvread.c: no byte counts as a space, so cells are never trimmed. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
main(int argc, char **argv)
{
	static char buf[READ_BLOCK];
	struct csv_parser p;
	struct counts c = { 0, 0, 0 };
	FILE *fp = stdin;
	size_t n;
	int rc = 0;

	if (argc > 2) {
		fprintf(stderr, "usage: csvparse [FILE]\n");
		return 2;
	}
	if (argc == 2 && (fp = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		fprintf(stderr, "csvparse: csv_init failed\n");
		if (fp != stdin)
			fclose(fp);
		return 2;
	}
	csv_set_space_func(&p, no_space);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (csv_parse(&p, buf, n, on_field, on_row, &c) != n) {
			fprintf(stderr, "csvparse: %s\n",
				csv_strerror(csv_error(&p)));
			rc = 1;
			break;
		}
	}
	if (ferror(fp)) {
		perror("csvparse: read");
		rc = 2;
	}
	if (rc == 0 && csv_fini(&p, on_field, on_row, &c) != 0) {
		fprintf(stderr, "csvparse: %s\n", csv_strerror(csv_error(&p)));
		rc = 1;
	}
	csv_free(&p);
	if (fp != stdin)
		fclose(fp);
	printf("%lu %lu\n", c.rows, c.fields);
	return rc;
}
