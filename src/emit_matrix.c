#include <string.h>

#include "emit_util.h"
#include "matrix.h"
#include "strbuf.h"

static const char *const cell_names[] = { "ok", "info", "warn", "fail" };

static const char *
cell(const partner_set *ps, const unsigned char *cells, size_t a, size_t b)
{
	return a == b ? "-" : cell_names[cells[a * ps->n + b]];
}

static const char legend[] =
	"legend: fail, warn, info = the worst finding between the two partners; "
	"ok = none; - = the partner itself";

static void
print_text(FILE *out, const partner_set *ps, const unsigned char *cells)
{
	strbuf sb, id;
	size_t w = 2, a, b;

	sb_init(&sb);
	sb_init(&id);
	for (a = 0; a < ps->n; a++) {
		sb_reset(&id);
		add_term(&id, ps->ids[a]);
		if (display_width(id.buf, id.len) > w)
			w = display_width(id.buf, id.len);
	}
	if (w < 4)
		w = 4;
	/* Header: a blank corner, then every id, each padded to the column
	 * width; rows the same, so cells line up under their partner. */
	for (a = 0; a <= ps->n; a++) {
		for (b = 0; b <= ps->n; b++) {
			size_t len;

			sb_reset(&id);
			if (a == 0 && b == 0)
				;
			else if (a == 0)
				add_term(&id, ps->ids[b - 1]);
			else if (b == 0)
				add_term(&id, ps->ids[a - 1]);
			else
				sb_adds(&id, cell(ps, cells, a - 1, b - 1));
			sb_add(&sb, id.buf, id.len);
			if (b == ps->n)
				break;
			for (len = display_width(id.buf, id.len); len < w + 2; len++)
				sb_addc(&sb, ' ');
		}
		while (sb.len && sb.buf[sb.len - 1] == ' ')
			sb.len--;
		sb_addc(&sb, '\n');
		sb_write(&sb, out);
	}
	fprintf(out, "\n%s\n", legend);
	sb_free(&sb);
	sb_free(&id);
}

static void
print_csv(FILE *out, const partner_set *ps, const unsigned char *cells,
	  int guard)
{
	strbuf sb;
	size_t a, b;

	sb_init(&sb);
	sb_adds(&sb, "id");
	for (b = 0; b < ps->n; b++) {
		sb_addc(&sb, ',');
		add_csv_cell(&sb, ps->ids[b], guard);
	}
	sb_addc(&sb, '\n');
	for (a = 0; a < ps->n; a++) {
		add_csv_cell(&sb, ps->ids[a], guard);
		for (b = 0; b < ps->n; b++) {
			sb_addc(&sb, ',');
			sb_adds(&sb, cell(ps, cells, a, b));
		}
		sb_addc(&sb, '\n');
		sb_write(&sb, out);
	}
	sb_write(&sb, out);
	sb_free(&sb);
}

static void
print_markdown(FILE *out, const partner_set *ps, const unsigned char *cells)
{
	strbuf sb;
	size_t a, b;

	sb_init(&sb);
	sb_adds(&sb, "| |");
	for (b = 0; b < ps->n; b++) {
		sb_addc(&sb, ' ');
		add_md(&sb, ps->ids[b]);
		sb_adds(&sb, " |");
	}
	sb_adds(&sb, "\n|---|");
	for (b = 0; b < ps->n; b++)
		sb_adds(&sb, "---|");
	sb_addc(&sb, '\n');
	for (a = 0; a < ps->n; a++) {
		sb_adds(&sb, "| ");
		add_md(&sb, ps->ids[a]);
		sb_adds(&sb, " |");
		for (b = 0; b < ps->n; b++)
			sb_addf(&sb, " %s |", cell(ps, cells, a, b));
		sb_addc(&sb, '\n');
		sb_write(&sb, out);
	}
	sb_addf(&sb, "\n%s\n", legend);
	sb_write(&sb, out);
	sb_free(&sb);
}

void
matrix_print(FILE *out, const char *format, const partner_set *ps,
	     const unsigned char *cells, int guard)
{
	if (!strcmp(format, "csv"))
		print_csv(out, ps, cells, guard);
	else if (!strcmp(format, "markdown"))
		print_markdown(out, ps, cells);
	else
		print_text(out, ps, cells);
}
