#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

/*
 * partnercheck lineup against an independent solver: 20 pools made by
 * tools/genpool (with required specialisms, capacity, --must, --exclude
 * and other sizes), each solved by partnercheck and, from its
 * --write-lp file, by GLPK's glpsol and, when it is installed, by
 * COIN-OR's cbc too.  The optimal values must agree (or all must find no
 * line-up).  Without glpsol the test cannot run, and without cbc that
 * half of it: it says so loudly on stderr (CI installs both, and .ci/run
 * fails when cbc is missing).  PARTNERCHECK names the binary; GENPOOL (set
 * by the Makefile) the pool generator.
 */

#ifndef GENPOOL
#define GENPOOL "build/genpool"
#endif

static char dir[64];

static int
have_glpsol(void)
{
	return system("command -v glpsol >/dev/null 2>&1") == 0;
}

static int
have_cbc(void)
{
	return system("command -v cbc >/dev/null 2>&1") == 0;
}

/* Runs cmd and returns its output (caller frees), or NULL. */
static char *
run(const char *cmd)
{
	FILE *f = popen(cmd, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	char chunk[4096];

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + n + 1 > cap) {
			char *grown;

			cap = (len + n + 1) * 2;
			grown = realloc(buf, cap);
			ck_assert_ptr_nonnull(grown);
			buf = grown;
		}
		memcpy(buf + len, chunk, n);
		len += n;
	}
	pclose(f);
	if (!buf)
		buf = calloc(1, 1);
	else
		buf[len] = '\0';
	return buf;
}

/* The best value in tenths from partnercheck's ndjson summary; -1 for
 * none (no feasible line-up). */
static long
pc_value(const char *out)
{
	const char *s = strstr(out, "\"kind\":\"summary\"");
	const char *v;
	long whole, tenth;

	ck_assert_msg(s != NULL, "no summary in: %s", out);
	v = strstr(s, "\"value\":");
	ck_assert_ptr_nonnull(v);
	v += 8;
	if (!strncmp(v, "null", 4))
		return -1;
	ck_assert_int_eq(sscanf(v, "%ld.%ld", &whole, &tenth), 2);
	return whole * 10 + (whole < 0 ? -tenth : tenth);
}

/* glpsol's optimum, -1 when it proves there is none. */
static long
glpk_value(const char *sol)
{
	const char *st = strstr(sol, "Status:");
	const char *ob = strstr(sol, "obj = ");
	double v;

	ck_assert_msg(st != NULL, "no status in glpsol output");
	st += 7;
	st += strspn(st, " ");
	if (!strncmp(st, "INTEGER EMPTY", 13))
		return -1;
	ck_assert_msg(!strncmp(st, "INTEGER OPTIMAL", 15),
		      "glpsol did not prove an optimum: %.40s", st);
	ck_assert_ptr_nonnull(ob);
	ck_assert_int_eq(sscanf(ob + 6, "%lf", &v), 1);
	return (long)(v < 0 ? v - 0.5 : v + 0.5);
}

/* cbc's optimum from its solution file's first line, -1 when it proves
 * there is none. */
static long
cbc_value(const char *sol)
{
	const char *ob = strstr(sol, "objective value");
	double v;

	if (!strncmp(sol, "Infeasible", 10))
		return -1;
	ck_assert_msg(!strncmp(sol, "Optimal", 7),
		      "cbc did not prove an optimum: %.40s", sol);
	ck_assert_ptr_nonnull(ob);
	ck_assert_int_eq(sscanf(ob + 15, "%lf", &v), 1);
	return (long)(v < 0 ? v - 0.5 : v + 0.5);
}

/* An eligible candidate that the unconstrained best line-up leaves out. */
static void
outsider(const char *pc, const char *pool, char *id, size_t idsz)
{
	char cmd[512], *out, *line;

	snprintf(cmd, sizeof cmd,
		 "%s lineup --as-of 2026-01-01 -f csv %s 2>/dev/null", pc,
		 pool);
	out = run(cmd);
	id[0] = '\0';
	for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
		if (strstr(line, ",pass,") &&
		    !strstr(line, "in the best line-up") &&
		    strstr(line, "fits, but")) {
			size_t n = strcspn(line, ",");

			if (n < idsz) {
				memcpy(id, line, n);
				id[n] = '\0';
			}
			break;
		}
	free(out);
}

START_TEST(test_glpsol_agrees)
{
	const char *pc = getenv("PARTNERCHECK");
	int i, compared = 0, cbc = have_cbc();

	if (!have_glpsol()) {
		fprintf(
		    stderr,
		    "\n*** check_lineup_lp: NOTICE: glpsol is not installed, so the "
		    "20 generated pools were NOT re-solved by an independent solver."
		    "\n*** Install it with 'apt-get install glpk-utils' (make deps "
		    "does); CI always has it.\n\n");
		return;
	}
	if (!cbc)
		fprintf(
		    stderr,
		    "\n*** check_lineup_lp: NOTICE: cbc is not installed, so "
		    "the pools were re-solved by glpsol only.\n*** Install "
		    "it with 'apt-get install coinor-cbc' (make deps does); "
		    "CI always has it.\n\n");
	ck_assert_msg(pc != NULL, "set PARTNERCHECK to the binary");
	ck_assert_ptr_nonnull(mkdtemp(strcpy(dir, "/tmp/pc-lp-XXXXXX")));
	for (i = 0; i < 20; i++) {
		char pool[128], lp[128], sol[128], cmd[1024], opts[256], id[64];
		char *out, *text;
		long a, b;
		int n = 30 + 4 * i;
		FILE *f;

		snprintf(pool, sizeof pool, "%s/pool%d.csv", dir, i);
		snprintf(lp, sizeof lp, "%s/pool%d.lp", dir, i);
		snprintf(sol, sizeof sol, "%s/pool%d.sol", dir, i);
		snprintf(cmd, sizeof cmd, "%s %d %d > %s", GENPOOL, n, 100 + i,
			 pool);
		ck_assert_int_eq(system(cmd), 0);
		opts[0] = '\0';
		switch (i % 5) {
		case 1:
			snprintf(opts, sizeof opts,
				 "--set 'contract.required_specialisms="
				 "supported housing;welfare advice'");
			break;
		case 2:
			snprintf(opts, sizeof opts,
				 "--set contract.capacity_needed=120 "
				 "--size 2..12");
			break;
		case 3:
			outsider(pc, pool, id, sizeof id);
			if (id[0])
				snprintf(opts, sizeof opts,
					 "--must %s --size 3..6", id);
			break;
		case 4:
			snprintf(opts, sizeof opts,
				 "--exclude P000001,P000002 --size 4");
			break;
		}
		snprintf(cmd, sizeof cmd,
			 "%s lineup --as-of 2026-01-01 %s --write-lp %s "
			 "-f ndjson %s 2>&1",
			 pc, opts, lp, pool);
		out = run(cmd);
		a = pc_value(out);
		free(out);
		snprintf(cmd, sizeof cmd,
			 "glpsol --lp %s -o %s >/dev/null 2>&1", lp, sol);
		ck_assert_int_eq(system(cmd), 0);
		f = fopen(sol, "r");
		ck_assert_ptr_nonnull(f);
		fclose(f);
		snprintf(cmd, sizeof cmd, "cat %s", sol);
		text = run(cmd);
		b = glpk_value(text);
		free(text);
		ck_assert_msg(
		    a == b,
		    "pool %d (n %d, %s): partnercheck %ld, glpsol %ld "
		    "(tenths; -1 is none)",
		    i, n, opts, a, b);
		if (cbc) {
			snprintf(cmd, sizeof cmd,
				 "cbc %s solve solu %s >/dev/null 2>&1 && "
				 "cat %s",
				 lp, sol, sol);
			text = run(cmd);
			b = cbc_value(text);
			free(text);
			ck_assert_msg(a == b,
				      "pool %d (n %d, %s): partnercheck %ld, "
				      "cbc %ld (tenths; -1 is none)",
				      i, n, opts, a, b);
		}
		compared++;
		unlink(pool);
		unlink(lp);
		unlink(sol);
	}
	rmdir(dir);
	ck_assert_int_eq(compared, 20);
}
END_TEST

static Suite *
lp_suite(void)
{
	Suite *s = suite_create("lineup_lp");
	TCase *tc = tcase_create("glpsol");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_glpsol_agrees);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(lp_suite)
