/*
 * Option parsing shared by screen, check and conflicts: defaults, every
 * option, and the usage errors (status 2) each command refuses.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "testutil.h"
#include "utf8.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

/* Usage errors go to stderr; keep test output quiet. */
/* The command that each mode stands for. */
static const cli_command *
command(report_mode mode)
{
	return mode == MODE_SCREEN ? &screen_command :
	       mode == MODE_CHECK  ? &check_command :
				     &conflicts_command;
}

static cli_result
parse_quiet(cli *c, int argc, char **argv, report_mode mode)
{
	FILE *saved = stderr;
	FILE *null = fopen("/dev/null", "w");
	cli_result rc;

	ck_assert_ptr_nonnull(null);
	stderr = null;
	rc = cli_parse(c, argc, argv, command(mode));
	stderr = saved;
	fclose(null);
	return rc;
}

START_TEST(test_defaults)
{
	char *argv[] = { "screen", NULL };
	cli c;

	ck_assert_int_eq(parse_quiet(&c, ARGC(argv), argv, MODE_SCREEN),
			 CLI_RUN);
	ck_assert_str_eq(c.format, "text");
	ck_assert_str_eq(c.input, "-");
	ck_assert_ptr_null(c.rules);
	ck_assert_int_eq(c.fail_on, FAIL_ON_FAIL);
	ck_assert_int_eq(c.encoding, -1);
	ck_assert_int_eq(c.color, -1);
	ck_assert_int_eq(c.sanitize, 1);
	ck_assert_uint_eq(c.max_field_bytes, 1 << 20);
	ck_assert_uint_eq(c.max_rows, 0);
	ck_assert_int_eq(c.severity, SEV_INFO);
	cli_free(&c);
}
END_TEST

START_TEST(test_every_option)
{
	char *argv[] = { "check",
			 "-r",
			 "r.json",
			 "-f",
			 "ndjson",
			 "-o",
			 "out",
			 "--keep",
			 "a,b",
			 "--fail-on",
			 "warn",
			 "--waivers",
			 "w1.csv",
			 "--waivers",
			 "w2.csv",
			 "--as-of",
			 "2026-11-25",
			 "--delimiter",
			 "semicolon",
			 "--encoding",
			 "windows-1252",
			 "--id-column",
			 "Org",
			 "--name-column",
			 "Name",
			 "--color",
			 "always",
			 "--no-sanitize",
			 "--by-category",
			 "--max-field-bytes",
			 "4M",
			 "--max-rows",
			 "10K",
			 "--set",
			 "contract.need=5",
			 "--severity",
			 "warn",
			 "--max-conflicts",
			 "7",
			 "in.csv",
			 NULL };
	cli c;

	ck_assert_int_eq(parse_quiet(&c, ARGC(argv), argv, MODE_CHECK),
			 CLI_RUN);
	ck_assert_str_eq(c.rules, "r.json");
	ck_assert_str_eq(c.format, "ndjson");
	ck_assert_str_eq(c.output, "out");
	ck_assert_str_eq(c.keep, "a,b");
	ck_assert_int_eq(c.fail_on, FAIL_ON_WARN);
	ck_assert_uint_eq(c.nwaivers, 2);
	ck_assert_str_eq(c.waivers[1], "w2.csv");
	ck_assert_str_eq(c.as_of, "2026-11-25");
	ck_assert_int_eq(c.delimiter, ';');
	ck_assert_int_eq(c.encoding, ENC_WINDOWS_1252);
	ck_assert_str_eq(c.id_column, "Org");
	ck_assert_str_eq(c.name_column, "Name");
	ck_assert_int_eq(c.color, 1);
	ck_assert_int_eq(c.sanitize, 0);
	ck_assert_int_eq(c.by_category, 1);
	ck_assert_uint_eq(c.max_field_bytes, 4 << 20);
	ck_assert_uint_eq(c.max_rows, 10 << 10);
	ck_assert_uint_eq(c.nsets, 1);
	ck_assert_str_eq(c.sets[0], "need=5");
	ck_assert_int_eq(c.severity, SEV_WARN);
	ck_assert_uint_eq(c.max_conflicts, 7);
	ck_assert_str_eq(c.input, "in.csv");
	cli_free(&c);
}
END_TEST

START_TEST(test_help)
{
	char *argv[] = { "screen", "--help", NULL };
	FILE *saved = stdout;
	FILE *null = fopen("/dev/null", "w");
	cli c;
	cli_result rc;

	ck_assert_ptr_nonnull(null);
	stdout = null;
	rc = cli_parse(&c, ARGC(argv), argv, &screen_command);
	stdout = saved;
	fclose(null);
	ck_assert_int_eq(rc, CLI_DONE);
	cli_free(&c);
}
END_TEST

/* Each of these is a usage error (2) for the mode given. */
static const struct {
	report_mode mode;
	const char *args[3];
} bad[] = {
	{ MODE_SCREEN, { "-f", "xml", NULL } },
	{ MODE_SCREEN, { "--fail-on", "always", NULL } },
	{ MODE_SCREEN, { "--delimiter", "pipe", NULL } },
	{ MODE_SCREEN, { "--encoding", "utf-16", NULL } },
	{ MODE_SCREEN, { "--color", "sometimes", NULL } },
	{ MODE_SCREEN, { "--max-field-bytes", "12Q", NULL } },
	{ MODE_SCREEN, { "--max-field-bytes", "0", NULL } },
	{ MODE_SCREEN, { "--max-rows", "-3", NULL } },
	{ MODE_SCREEN, { "--set", "contract.a=1", NULL } },
	{ MODE_SCREEN, { "--severity", "warn", NULL } },
	{ MODE_SCREEN, { "--max-conflicts", "5", NULL } },
	{ MODE_SCREEN, { "--matrix", NULL, NULL } },
	{ MODE_SCREEN, { "--bogus", NULL, NULL } },
	{ MODE_SCREEN, { "-r", NULL, NULL } },
	{ MODE_SCREEN, { "a.csv", "b.csv", NULL } },
	{ MODE_CHECK, { "--severity", "high", NULL } },
	{ MODE_CHECK, { "--set", "size=3", NULL } },
	{ MODE_CHECK, { "--set", "contract.=3", NULL } },
	{ MODE_CHECK, { "--set", "contract.size", NULL } },
	{ MODE_CHECK, { "--max-conflicts", "lots", NULL } },
	{ MODE_CHECK, { "--matrix", NULL, NULL } },
	{ MODE_CONFLICTS, { "--keep", "all", NULL } },
	{ MODE_CONFLICTS, { "--by-category", NULL, NULL } },
	{ MODE_SCREEN, { "-r", "-", NULL } },
	{ MODE_SCREEN, { "--waivers", "-", NULL } },
};

START_TEST(test_usage_errors)
{
	char *argv[5] = { "cmd", NULL, NULL, NULL, NULL };
	int argc = 1, k;
	cli c;

	for (k = 0; k < 3 && bad[_i].args[k]; k++)
		argv[argc++] = (char *)bad[_i].args[k];
	ck_assert_msg(parse_quiet(&c, argc, argv, bad[_i].mode) == CLI_FAILED,
		      "case %d (%s %s) was accepted", _i, bad[_i].args[0],
		      bad[_i].args[1] ? bad[_i].args[1] : "");
	cli_free(&c);
}
END_TEST

/* A refusal that waits for the end of the options lets --help answer. */
START_TEST(test_late_refusal_yields_to_help)
{
	char *help[] = { "conflicts", "--keep", "a", "--help", NULL };
	char *keep[] = { "conflicts", "--explain", "--keep", "a", NULL };
	FILE *saved = stdout;
	FILE *null = fopen("/dev/null", "w");
	cli c;

	ck_assert_ptr_nonnull(null);
	stdout = null;
	ck_assert_int_eq(cli_parse(&c, ARGC(help), help, &conflicts_command),
			 CLI_DONE);
	stdout = saved;
	fclose(null);
	cli_free(&c);
	ck_assert_int_eq(parse_quiet(&c, ARGC(keep), keep, MODE_CONFLICTS),
			 CLI_FAILED);
	cli_free(&c);
}
END_TEST

/* --colour is --color, and so an abbreviation of both is not ambiguous;
 * conflicts takes --matrix. */
START_TEST(test_alias_and_abbreviation)
{
	char *a[] = { "conflicts", "--colour", "never", "--matrix", NULL };
	char *b[] = { "screen", "--col", "always", "--no-san", NULL };
	cli c;

	ck_assert_int_eq(parse_quiet(&c, ARGC(a), a, MODE_CONFLICTS), CLI_RUN);
	ck_assert_int_eq(c.color, 0);
	ck_assert_int_eq(c.matrix, 1);
	cli_free(&c);
	ck_assert_int_eq(parse_quiet(&c, ARGC(b), b, MODE_SCREEN), CLI_RUN);
	ck_assert_int_eq(c.color, 1);
	ck_assert_int_eq(c.sanitize, 0);
	cli_free(&c);
}
END_TEST

/* Parses argv as parse_quiet does and returns the first line of what it
 * wrote to stderr, in buf. */
static cli_result
parse_message(int argc, char **argv, report_mode mode, char *buf, size_t size)
{
	FILE *saved = stderr;
	FILE *tmp = tmpfile();
	cli_result rc;
	cli c;

	ck_assert_ptr_nonnull(tmp);
	stderr = tmp;
	rc = cli_parse(&c, argc, argv, command(mode));
	stderr = saved;
	cli_free(&c);
	rewind(tmp);
	buf[0] = '\0';
	if (fgets(buf, (int)size, tmp))
		buf[strcspn(buf, "\n")] = '\0';
	fclose(tmp);
	return rc;
}

/* Usage errors that name what was typed: the option itself, not the
 * argument before it; every option a prefix could be; a value given to a
 * flag; a near miss; a size too large to hold. */
static const struct {
	report_mode mode;
	char *args[4];
	const char *message;
} said[] = {
	{ MODE_SCREEN,
	  { "-r", "rules.json", "-xv", NULL },
	  "partnercheck screen: unknown option '-x'" },
	{ MODE_CHECK,
	  { "-f", "json", "-Q", NULL },
	  "partnercheck check: unknown option '-Q'" },
	{ MODE_SCREEN,
	  { "-r", "r.json", "--bogus=1", NULL },
	  "partnercheck screen: unknown option '--bogus'" },
	{ MODE_SCREEN,
	  { "--max", "3", NULL, NULL },
	  "partnercheck screen: option '--max' is ambiguous (could be "
	  "--max-field-bytes, --max-rows or --max-conflicts)" },
	{ MODE_CONFLICTS,
	  { "--e", NULL, NULL, NULL },
	  "partnercheck conflicts: option '--e' is ambiguous (could be "
	  "--encoding or --explain)" },
	{ MODE_SCREEN,
	  { "--no-sanitize=yes", NULL, NULL, NULL },
	  "partnercheck screen: option '--no-sanitize' takes no value, not "
	  "'yes'" },
	{ MODE_SCREEN,
	  { "--fial-on", "warn", NULL, NULL },
	  "partnercheck screen: unknown option '--fial-on' (did you mean "
	  "'--fail-on'?)" },
	{ MODE_CHECK,
	  { "--colr", "never", NULL, NULL },
	  "partnercheck check: unknown option '--colr' (did you mean "
	  "'--color'?)" },
	{ MODE_SCREEN,
	  { "--max-field-bytes", "20000000000G", NULL, NULL },
	  "partnercheck screen: --max-field-bytes value '20000000000G' is too "
	  "large (at most 9223372036854775807)" },
	{ MODE_SCREEN,
	  { "--max-rows", "99999999999999999999", NULL, NULL },
	  "partnercheck screen: --max-rows value '99999999999999999999' is too "
	  "large (at most 9223372036854775807)" },
	{ MODE_CHECK,
	  { "--max-conflicts", "18014398509481984K", NULL, NULL },
	  "partnercheck check: --max-conflicts value '18014398509481984K' is "
	  "too large (at most 9223372036854775807)" },
};

START_TEST(test_usage_messages)
{
	char *argv[5] = { NULL, NULL, NULL, NULL, NULL };
	char buf[256];
	int argc = 1;
	size_t k;

	argv[0] = (char *)command(said[_i].mode)->name;
	for (k = 0; said[_i].args[k]; k++)
		argv[argc++] = said[_i].args[k];
	ck_assert_int_eq(parse_message(argc, argv, said[_i].mode, buf,
				       sizeof buf),
			 CLI_FAILED);
	ck_assert_str_eq(buf, said[_i].message);
}
END_TEST

/* The largest size taken, suffix applied, is SIZE_MAX / 2: one more is
 * refused, not wrapped round. */
START_TEST(test_size_limits)
{
	char *ok[] = { "check",           "--max-field-bytes",   "8589934591G",
		       "--max-conflicts", "9223372036854775807", NULL };
	char *over[] = { "check", "--max-field-bytes", "8589934592G", NULL };
	cli c;

	if (SIZE_MAX != UINT64_MAX)
		return; /* the figures are those of a 64-bit size_t */
	ck_assert_int_eq(parse_quiet(&c, ARGC(ok), ok, MODE_CHECK), CLI_RUN);
	ck_assert_uint_eq(c.max_field_bytes, (size_t)8589934591u << 30);
	ck_assert_uint_eq(c.max_conflicts, SIZE_MAX / 2);
	cli_free(&c);
	ck_assert_int_eq(parse_quiet(&c, ARGC(over), over, MODE_CHECK),
			 CLI_FAILED);
	cli_free(&c);
}
END_TEST

/* --keep twice keeps both lists. */
START_TEST(test_keep_joined)
{
	char *a[] = { "check", "--keep", "a", "--keep", "b,c", NULL };
	cli c;

	ck_assert_int_eq(parse_quiet(&c, ARGC(a), a, MODE_CHECK), CLI_RUN);
	ck_assert_str_eq(c.keep, "a,b,c");
	cli_free(&c);
}
END_TEST

/* Every command knows every option by the same names (those it does not
 * take are refused by name), each name once: an abbreviation means the
 * same on every command. */
START_TEST(test_tables_agree)
{
	const cli_command *cmds[] = { &screen_command, &check_command,
				      &conflicts_command };
	const char *names[3][64];
	size_t n[3] = { 0, 0, 0 }, k, i, j;

	for (k = 0; k < 3; k++) {
		const cli_option *const *t;
		const cli_option *o;

		for (t = cmds[k]->tables; *t; t++)
			for (o = *t; o->name; o++) {
				for (i = 0; i < n[k]; i++)
					ck_assert_str_ne(names[k][i], o->name);
				ck_assert_uint_lt(n[k], 64);
				names[k][n[k]++] = o->name;
			}
	}
	for (k = 1; k < 3; k++) {
		ck_assert_uint_eq(n[k], n[0]);
		for (i = 0; i < n[0]; i++) {
			for (j = 0; j < n[k]; j++)
				if (!strcmp(names[0][i], names[k][j]))
					break;
			ck_assert_msg(j < n[k], "%s lacks --%s", cmds[k]->name,
				      names[0][i]);
		}
	}
}
END_TEST

static Suite *
cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_every_option);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_late_refusal_yields_to_help);
	tcase_add_test(tc, test_alias_and_abbreviation);
	tcase_add_test(tc, test_keep_joined);
	tcase_add_test(tc, test_tables_agree);
	tcase_add_loop_test(tc, test_usage_errors, 0,
			    (int)(sizeof bad / sizeof bad[0]));
	tcase_add_loop_test(tc, test_usage_messages, 0,
			    (int)(sizeof said / sizeof said[0]));
	tcase_add_test(tc, test_size_limits);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(cli_suite)
