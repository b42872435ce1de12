#ifndef PARTNERCHECK_EMIT_MATRIX_H
#define PARTNERCHECK_EMIT_MATRIX_H

#include "report.h"
#include <stddef.h>

/* The compatibility matrix needs n*n cells; past this it is unreadable
 * anyway. */
#define MATRIX_MAX 2000

/* A cell between two partners whose only findings a waiver covers. */
#define MATRIX_WAIVED 4

/* Records a finding of severity sev between partners a and b in the n*n
 * cells: each cell keeps the worst severity + 1 of the findings a waiver
 * does not cover, or MATRIX_WAIVED when every finding is waived (waived
 * nonzero), or 0 for none. */
void matrix_mark(unsigned char *cells, size_t n, size_t a, size_t b,
		 severity sev, int waived);

/*
 * The matrix slots of the formats that have one (emitter.matrix): each
 * prints the compatibility matrix of the n partners named ids[0..n) to
 * r->out, partners by partners, each cell the worst severity between the
 * two ("fail", "warn", "info"), "waived" when a waiver covers every
 * finding between the two, "ok" when none, "-" on the diagonal;
 * cells[a * n + b] holds what matrix_mark left there.  They read ids and cells
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

/* A whole HTML page (the report's head, policy and style sheet) with the
 * matrix as a heat map: a real table with a caption and th scope, each
 * cell coloured by its severity and marked by a sign and a word too;
 * r->origin_* name where it comes from.  Ids are escaped. */
void matrix_html(report *r, const char *const *ids, size_t n,
		 const unsigned char *cells);

#endif
