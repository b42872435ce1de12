#ifndef PARTNERCHECK_MATRIX_H
#define PARTNERCHECK_MATRIX_H

#include <stdio.h>
#include "partners.h"

/* The compatibility matrix needs n*n cells; past this it is unreadable
 * anyway. */
#define MATRIX_MAX 2000

/*
 * Prints the compatibility matrix: partners by partners, each cell the worst
 * severity between the two ("fail", "warn", "info"), "ok" when none, "-" on
 * the diagonal, then a legend.  cells[a * n + b] holds severity + 1, or 0.
 * format is "text", "csv" or "markdown"; guard neutralises formula-like ids
 * in csv.
 */
void matrix_print(FILE *out, const char *format, const partner_set *ps,
		  const unsigned char *cells, int guard);

#endif
