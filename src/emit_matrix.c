#include <stdio.h>

#include "emit_html.h"
#include "emit_matrix.h"
#include "emit_util.h"
#include "html_esc.h"
#include "strbuf.h"

/*
 * The compatibility matrix in the formats that have one; each format's
 * emitter table points at its printer here (emit_matrix.h).  The printers
 * know partners only by their ids.
 */

static const char *const cell_names[] = { "ok", "info", "warn", "fail",
					  "waived" };

void
matrix_mark(unsigned char *cells, size_t n, size_t a, size_t b, severity sev,
	    int waived)
{
	unsigned char v = (unsigned char)(sev + 1), *c = &cells[a * n + b];

	/* A finding a waiver covers shows only where nothing else does. */
	if (waived) {
		if (*c == 0)
			cells[a * n + b] = cells[b * n + a] = MATRIX_WAIVED;
	} else if (*c == MATRIX_WAIVED || *c < v) {
		cells[a * n + b] = cells[b * n + a] = v;
	}
}

/* 1 when some cell shows only waived findings: the legend says so. */
static int
any_waived(size_t n, const unsigned char *cells)
{
	size_t i;

	for (i = 0; i < n * n; i++)
		if (cells[i] == MATRIX_WAIVED)
			return 1;
	return 0;
}

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
static const char legend_waived[] =
    "; waived = only findings that a waiver covers";

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
	if (w < 6 && any_waived(n, cells))
		w = 6;
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
	fprintf(out, "\n%s%s\n", legend,
		any_waived(n, cells) ? legend_waived : "");
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
	sb_addf(&sb, "\n%s%s\n", legend,
		any_waived(n, cells) ? legend_waived : "");
	sb_write(&sb, out);
	sb_free(&sb);
}

/* A cell of the HTML heat map: the class that colours it, then a sign and
 * a word (the word for screen readers only, as in the report's matrix),
 * so that colour is never the only sign. */
static void
html_cell(strbuf *sb, size_t n, const unsigned char *cells, size_t a, size_t b)
{
	static const char *const look[][3] = {
		/* class, sign, word */
		{ "sev-none", "\xe2\x80\x94", "none" },
		{ "sev-info", "i", "info" },
		{ "sev-warn", "!", "warn" },
		{ "sev-fail", "\xe2\x9c\x97", "fail" },
		{ "sev-none waived", "waived", "" },
	};
	const char *const *l;

	if (a == b) {
		sb_adds(sb, "<td class=\"self\"><span class=\"sr\">same "
			    "partner</span></td>");
		return;
	}
	l = look[cells[a * n + b]];
	sb_addf(sb, "<td class=\"%s\">%s", l[0], l[1]);
	if (*l[2])
		sb_addf(sb, "<span class=\"sr\"> %s</span>", l[2]);
	sb_adds(sb, "</td>");
}

void
matrix_html(report *r, const char *const *ids, size_t n,
	    const unsigned char *cells)
{
	strbuf sb, title;
	size_t a, b;

	sb_init(&sb);
	sb_init(&title);
	sb_adds(&title, "Compatibility matrix");
	if (r->origin_input) {
		sb_adds(&title, ": ");
		sb_adds(&title, r->origin_input);
	}
	html_head(&sb, title.buf);
	sb_adds(&sb, "<header>\n<h1>Compatibility matrix</h1>\n");
	html_origin(&sb, r);
	sb_addf(&sb, "<p class=\"summary\">%zu partner%s</p>\n</header>\n", n,
		n == 1 ? "" : "s");
	sb_adds(&sb, "<main>\n<div class=\"scroll\"><table class=\"matrix\">\n"
		     "<caption>Worst finding between each two partners "
		     "(\xe2\x9c\x97 fail, ! warn, i info, ");
	if (any_waived(n, cells))
		sb_adds(&sb, "waived: only findings a waiver covers, ");
	sb_adds(&sb, "\xe2\x80\x94 none)</caption>\n<thead><tr><td></td>");
	for (b = 0; b < n; b++) {
		sb_adds(&sb, "<th scope=\"col\">");
		html_add(&sb, ids[b]);
		sb_adds(&sb, "</th>");
	}
	sb_adds(&sb, "</tr></thead>\n<tbody>\n");
	for (a = 0; a < n; a++) {
		sb_adds(&sb, "<tr><th scope=\"row\">");
		html_add(&sb, ids[a]);
		sb_adds(&sb, "</th>");
		for (b = 0; b < n; b++)
			html_cell(&sb, n, cells, a, b);
		sb_adds(&sb, "</tr>\n");
		if (sb.len >= EMIT_BATCH_BYTES)
			sb_write(&sb, r->out);
	}
	sb_adds(&sb,
		"</tbody>\n</table></div>\n<p>Each pair&#39;s findings "
		"are in <code>partnercheck conflicts -f html</code>, which "
		"also draws the matrix with them for up to 30 "
		"partners.</p>\n</main>\n");
	html_foot(&sb);
	sb_write(&sb, r->out);
	sb_free(&sb);
	sb_free(&title);
}
