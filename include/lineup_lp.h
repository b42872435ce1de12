#ifndef PARTNERCHECK_LINEUP_LP_H
#define PARTNERCHECK_LINEUP_LP_H

#include "lineup.h"
#include <stddef.h>

/*
 * Writes a line-up problem as a CPLEX LP file, for an independent solver
 * (glpsol --lp, cbc) to re-solve: binary x_i per candidate, a conflict
 * constraint per fail-level pair, a product variable per penalised pair,
 * and the consortium rules linearised with indicator variables.  The
 * objective is in tenths of a point, so the solver's optimum is the
 * search's best value times ten.  impossible: the caller knows there is
 * no solution for a reason outside p (a --must partner screened out); the
 * file then says so with a constraint no solution meets.  Returns 0, or -1
 * with a message in err (the file cannot be written).
 */
int lineup_lp_write(const lu_problem *p, int impossible, const char *path,
		    char *err, size_t errsz);

#endif
