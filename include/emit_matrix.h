#ifndef PARTNERCHECK_EMIT_MATRIX_H
#define PARTNERCHECK_EMIT_MATRIX_H

#include "report.h"
#include <stddef.h>

/* The compatibility matrix needs n*n cells; past this it is unreadable
 * anyway. */
#define MATRIX_MAX 2000

/*
 * The matrix slots of the formats that have one (emitter.matrix): each
 * prints the compatibility matrix of the n partners named ids[0..n) to
 * r->out, partners by partners, each cell the worst severity between the
 * two ("fail", "warn", "info"), "ok" when none, "-" on the diagonal;
 * cells[a * n + b] holds severity + 1, or 0.  They read ids and cells
 * only and need no begin.
 */

/* Aligned columns for a terminal, ids made safe for it, then a legend;
 * with r->color, each cell in its severity's colour (emit_util.h). */
void matrix_text(report *r, const char *const *ids, size_t n,
		 const unsigned char *cells);

/* One CSV line per partner under an "id" header line, no legend;
 * r->sanitize guards formula-like ids. */
void matrix_csv(report *r, const char *const *ids, size_t n,
		const unsigned char *cells);

/* A GitHub-flavoured table with escaped ids, then the legend. */
void matrix_markdown(report *r, const char *const *ids, size_t n,
		     const unsigned char *cells);

#endif
