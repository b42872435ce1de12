#include <stdio.h>

#include "emit_matrix.h"
#include "emit_util.h"
#include "strbuf.h"

/*
 * The compatibility matrix in the formats that have one; each format's
 * emitter table points at its printer here (emit_matrix.h).  The printers
 * know partners only by their ids.
 */

static const char *const cell_names[] = { "ok", "info", "warn", "fail" };

static const char *
cell(size_t n, const unsigned char *cells, size_t a, size_t b)
{
	return a == b ? "-" : cell_names[cells[a * n + b]];
}

/* A cell's colour on a terminal: its severity's, green for "ok", none
 * for the diagonal. */
static const char *
cell_color(size_t n, const unsigned char *cells, size_t a, size_t b)
{
	if (a == b)
		return "";
	return cells[a * n + b] ?
		   color_severity((severity)(cells[a * n + b] - 1)) :
		   color_ok();
}

static const char legend[] =
    "legend: fail, warn, info = the worst finding between the two partners; "
    "ok = none; - = the partner itself";

void
matrix_text(report *r, const char *const *ids, size_t n,
	    const unsigned char *cells)
{
	FILE *out = r->out;
	strbuf sb, id;
	size_t w = 2, a, b;

	sb_init(&sb);
	sb_init(&id);
	for (a = 0; a < n; a++) {
		sb_reset(&id);
		add_term(&id, ids[a]);
		if (display_width(id.buf, id.len) > w)
			w = display_width(id.buf, id.len);
	}
	if (w < 4)
		w = 4;
	/* Header: a blank corner, then every id, each padded to the column
	 * width; rows the same, so cells line up under their partner. */
	for (a = 0; a <= n; a++) {
		for (b = 0; b <= n; b++) {
			const char *color = "";
			size_t len;

			sb_reset(&id);
			if (a == 0 && b == 0)
				;
			else if (a == 0)
				add_term(&id, ids[b - 1]);
			else if (b == 0)
				add_term(&id, ids[a - 1]);
			else {
				sb_adds(&id, cell(n, cells, a - 1, b - 1));
				if (r->color)
					color = cell_color(n, cells, a - 1,
							   b - 1);
			}
			/* the escapes take no columns: padding counts the
			 * word alone */
			sb_adds(&sb, color);
			sb_add(&sb, id.buf, id.len);
			if (*color)
				sb_adds(&sb, COLOR_RESET);
			if (b == n)
				break;
			for (len = display_width(id.buf, id.len); len < w + 2;
			     len++)
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

void
matrix_csv(report *r, const char *const *ids, size_t n,
	   const unsigned char *cells)
{
	FILE *out = r->out;
	int guard = r->sanitize;
	strbuf sb;
	size_t a, b;

	sb_init(&sb);
	sb_adds(&sb, "id");
	for (b = 0; b < n; b++) {
		sb_addc(&sb, ',');
		add_csv_cell(&sb, ids[b], guard);
	}
	sb_addc(&sb, '\n');
	for (a = 0; a < n; a++) {
		add_csv_cell(&sb, ids[a], guard);
		for (b = 0; b < n; b++) {
			sb_addc(&sb, ',');
			sb_adds(&sb, cell(n, cells, a, b));
		}
		sb_addc(&sb, '\n');
		sb_write(&sb, out);
	}
	sb_write(&sb, out);
	sb_free(&sb);
}

void
matrix_markdown(report *r, const char *const *ids, size_t n,
		const unsigned char *cells)
{
	FILE *out = r->out;
	strbuf sb;
	size_t a, b;

	sb_init(&sb);
	sb_adds(&sb, "| |");
	for (b = 0; b < n; b++) {
		sb_addc(&sb, ' ');
		add_md(&sb, ids[b]);
		sb_adds(&sb, " |");
	}
	sb_adds(&sb, "\n|---|");
	for (b = 0; b < n; b++)
		sb_adds(&sb, "---|");
	sb_addc(&sb, '\n');
	for (a = 0; a < n; a++) {
		sb_adds(&sb, "| ");
		add_md(&sb, ids[a]);
		sb_adds(&sb, " |");
		for (b = 0; b < n; b++)
			sb_addf(&sb, " %s |", cell(n, cells, a, b));
		sb_addc(&sb, '\n');
		sb_write(&sb, out);
	}
	sb_addf(&sb, "\n%s\n", legend);
	sb_write(&sb, out);
	sb_free(&sb);
}
