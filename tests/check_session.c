/*
 * The session (src/session.c): session_open parses, loads and reads the
 * header; session_next reads rows under --max-rows; session_finish gives
 * the exit status and puts the -o file in place; session_abort leaves no
 * half-written -o file behind.  Files are written to a temporary directory.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "exit_status.h"
#include "session.h"
#include "testutil.h"

static char dir[] = "/tmp/check_session.XXXXXX";
static char rules[64], csv[64], out[64];

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(rules, sizeof rules, "%s/r.json", dir);
	snprintf(csv, sizeof csv, "%s/p.csv", dir);
	snprintf(out, sizeof out, "%s/out.txt", dir);
	write_file(rules, "{\"input\": {\"id\": \"id\"}, \"fields\": "
			  "{\"n\": \"number\"}, \"checks\": [{\"id\": \"big\", "
			  "\"field\": \"n\", \"op\": \">\", \"value\": 1}]}");
	write_file(csv, "id,n\nA,2\nB,3\n");
}

/* Removes every file the test left, then the directory: a test that
 * leaves something unexpected fails in rmdir. */
static void
teardown(void)
{
	unlink(rules);
	unlink(csv);
	unlink(out);
	ck_assert_int_eq(rmdir(dir), 0);
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
}

/* How many entries the directory holds, . and .. aside. */
static int
files_in_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* Runs session_open with stdout and stderr sent to /dev/null. */
static int
open_quiet(session *s, int argc, char **argv, const cli_command *cmd,
	   report_mode mode)
{
	FILE *so = stdout, *se = stderr;
	FILE *null = fopen("/dev/null", "w");
	int rc;

	ck_assert_ptr_nonnull(null);
	fflush(stdout);
	stdout = stderr = null;
	rc = session_open(s, argc, argv, cmd, mode);
	stdout = so;
	stderr = se;
	fclose(null);
	return rc;
}

static void
read_file(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

START_TEST(test_success)
{
	char *argv[] = { "screen", "-r", rules, "-f", "csv",
			 "-o",     out,  csv,   NULL };
	char text[512];
	session s;
	csv_record rec;
	assess a;

	ck_assert_int_eq(open_quiet(&s, 8, argv, &screen_command, MODE_SCREEN),
			 EXIT_OK);
	ck_assert_ptr_nonnull(s.rep.em);
	ck_assert_str_eq(s.input.id_column, "id");
	session_assess(&s, &a);
	ck_assert_ptr_eq(a.sum, &s.sum);
	report_begin(&s.rep);
	s.began = 1;
	ck_assert_int_eq(session_next(&s, &rec), 1);
	ck_assert_str_eq(rec.fields[0], "A");
	ck_assert_int_eq(session_next(&s, &rec), 1);
	ck_assert_int_eq(session_next(&s, &rec), 0);
	report_end(&s.rep, &s.sum);
	ck_assert_int_eq(access(out, F_OK), -1); /* not before the end */
	ck_assert_int_eq(session_finish(&s), EXIT_OK);
	read_file(out, text, sizeof text);
	ck_assert_ptr_nonnull(strstr(text, "id,name,status,score,findings\n"));
}
END_TEST

/* The whole path, counted: a failing partner makes EXIT_FINDINGS, and
 * --fail-on never makes it EXIT_OK. */
static int
screen_status(const char *level)
{
	char *argv[] = { "screen", "-r", rules, "--fail-on", (char *)level,
			 "-o",     out,  csv,   NULL };
	session s;
	assess a;

	write_file(csv, "id,n\nA,2\nB,0\n");
	ck_assert_int_eq(open_quiet(&s, 8, argv, &screen_command, MODE_SCREEN),
			 EXIT_OK);
	session_assess(&s, &a);
	report_begin(&s.rep);
	s.began = 1;
	ck_assert_int_eq(assess_rows(&a, s.ev, session_next, &s, NULL), 0);
	report_end(&s.rep, &s.sum);
	ck_assert_uint_eq(s.sum.by_status[ST_FAIL], 1);
	return session_finish(&s);
}

START_TEST(test_findings)
{
	ck_assert_int_eq(screen_status("fail"), EXIT_FINDINGS);
	ck_assert_int_eq(screen_status("never"), EXIT_OK);
}
END_TEST

START_TEST(test_help)
{
	char *argv[] = { "check", "--help", NULL };
	session s;

	ck_assert_int_eq(open_quiet(&s, 2, argv, &check_command, MODE_CHECK),
			 EXIT_OK);
	ck_assert_ptr_null(s.rep.em); /* closed: nothing to run */
}
END_TEST

START_TEST(test_usage_error)
{
	char *bad_value[] = { "screen", "--fail-on", "always", csv, NULL };
	char *refused[] = { "screen", "--matrix", csv, NULL };
	session s;

	ck_assert_int_eq(open_quiet(&s, 4, bad_value, &screen_command,
				    MODE_SCREEN),
			 EXIT_USAGE);
	ck_assert_ptr_null(s.rep.em);
	ck_assert_int_eq(open_quiet(&s, 3, refused, &screen_command,
				    MODE_SCREEN),
			 EXIT_USAGE);
}
END_TEST

START_TEST(test_missing_file)
{
	char missing[80];
	char *argv[] = { "check", "-r", rules, "-o", out, missing, NULL };
	char *no_rules[] = { "check", "-r", missing, csv, NULL };
	session s;

	snprintf(missing, sizeof missing, "%s/absent.csv", dir);
	ck_assert_int_eq(open_quiet(&s, 6, argv, &check_command, MODE_CHECK),
			 EXIT_USAGE);
	ck_assert_int_eq(open_quiet(&s, 4, no_rules, &check_command,
				    MODE_CHECK),
			 EXIT_USAGE);
	ck_assert_int_eq(files_in_dir(), 2); /* no -o file made */
}
END_TEST

/* The command-line input overrides land in s->input; the rule set keeps
 * the rule file's own values. */
START_TEST(test_input_overrides)
{
	char *argv[] = { "screen", "-r",          rules,       "--id-column",
			 "",       "--delimiter", "semicolon", "-o",
			 out,      csv,           NULL };
	session s;

	write_file(csv, "id;n\nA;2\n");
	ck_assert_int_eq(open_quiet(&s, 10, argv, &screen_command, MODE_SCREEN),
			 EXIT_OK);
	ck_assert_ptr_null(s.input.id_column);
	ck_assert_int_eq(s.input.delimiter, ';');
	ck_assert_str_eq(s.rs->id_column, "id");
	/* the rule file fixes none: 0, for the reader to find */
	ck_assert_int_eq(s.rs->delimiter, 0);
	ck_assert_int_eq(session_abort(&s), EXIT_USAGE);
}
END_TEST

/* --max-rows: the row past the limit is a located error. */
START_TEST(test_max_rows)
{
	char *argv[] = { "screen", "-r", rules, "--max-rows", "1",
			 "-o",     out,  csv,   NULL };
	session s;
	csv_record rec;
	FILE *se = stderr, *null = fopen("/dev/null", "w");

	ck_assert_int_eq(open_quiet(&s, 8, argv, &screen_command, MODE_SCREEN),
			 EXIT_OK);
	ck_assert_int_eq(session_next(&s, &rec), 1);
	stderr = null;
	ck_assert_int_eq(session_next(&s, &rec), -1);
	stderr = se;
	fclose(null);
	ck_assert_int_eq(session_abort(&s), EXIT_USAGE);
}
END_TEST

/* A run that fails after the report began leaves no -o file, and an
 * earlier one where it was. */
START_TEST(test_abort_removes_output)
{
	char *argv[] = { "screen", "-r", rules, "-f", "json",
			 "-o",     out,  csv,   NULL };
	char text[64];
	session s;
	csv_record rec;
	assess a;
	verdict v;

	ck_assert_int_eq(open_quiet(&s, 8, argv, &screen_command, MODE_SCREEN),
			 EXIT_OK);
	session_assess(&s, &a);
	report_begin(&s.rep);
	s.began = 1;
	ck_assert_int_eq(session_next(&s, &rec), 1);
	eval_row(s.ev, &rec, &v);
	report_partner(&s.rep, &v);
	ck_assert_int_eq(session_abort(&s), EXIT_USAGE);
	ck_assert_int_eq(access(out, F_OK), -1);
	ck_assert_int_eq(files_in_dir(), 2);

	write_file(out, "earlier\n");
	ck_assert_int_eq(open_quiet(&s, 8, argv, &screen_command, MODE_SCREEN),
			 EXIT_OK);
	report_begin(&s.rep);
	s.began = 1;
	ck_assert_int_eq(session_abort(&s), EXIT_USAGE);
	read_file(out, text, sizeof text);
	ck_assert_str_eq(text, "earlier\n");
	ck_assert_int_eq(files_in_dir(), 3);
}
END_TEST

static Suite *
session_suite(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_success);
	tcase_add_test(tc, test_findings);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_usage_error);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_input_overrides);
	tcase_add_test(tc, test_max_rows);
	tcase_add_test(tc, test_abort_removes_output);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(session_suite)
