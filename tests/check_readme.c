/*
 * The README's examples still produce what the README shows.  Every
 * ```console block is a run of "$ partnercheck ..." lines, each followed by
 * the output it prints; this test runs each command from the repository
 * root and compares stdout and stderr together with what the README shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "strbuf.h"
#include "testutil.h"

typedef struct example {
	char *cmd;
	char *want;
	size_t line;
} example;

static example *examples;
static size_t nexamples;

static void
add_example(const char *cmd, const char *want, size_t line)
{
	examples = realloc(examples, (nexamples + 1) * sizeof *examples);
	if (!examples)
		abort();
	examples[nexamples].cmd = strdup(cmd);
	examples[nexamples].want = strdup(want);
	examples[nexamples].line = line;
	nexamples++;
}

static void
load_readme(void)
{
	FILE *f = fopen("README.md", "r");
	char line[4096];
	strbuf cmd, want;
	size_t lineno = 0, cmdline = 0;
	int in_block = 0, have_cmd = 0;

	if (!f)
		return;
	sb_init(&cmd);
	sb_init(&want);
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (!in_block) {
			in_block = !strcmp(line, "```console\n");
			continue;
		}
		if (!strcmp(line, "```\n") || !strncmp(line, "$ ", 2)) {
			if (have_cmd)
				add_example(cmd.buf, want.buf, cmdline);
			have_cmd = 0;
			sb_reset(&want);
			if (line[0] == '`') {
				in_block = 0;
				continue;
			}
			sb_reset(&cmd);
			sb_add(&cmd, line + 2, strcspn(line + 2, "\n"));
			have_cmd = 1;
			cmdline = lineno;
			continue;
		}
		sb_adds(&want, line);
	}
	fclose(f);
	sb_free(&cmd);
	sb_free(&want);
}

static char *
run(const char *cmd, int *status)
{
	const char *bin = getenv("PARTNERCHECK");
	strbuf sh, out;
	char buf[4096], *result;
	size_t n;
	FILE *p;

	sb_init(&sh);
	sb_init(&out);
	/* "partnercheck" in the README means the binary under test. */
	sb_addf(
	    &sh,
	    "partnercheck() { \"%s\" \"$@\"; }; NO_COLOR=1; export NO_COLOR; %s 2>&1",
	    bin ? bin : "./partnercheck", cmd);
	p = popen(sh.buf, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		sb_add(&out, buf, n);
	*status = pclose(p);
	sb_free(&sh);
	result = sb_detach(&out);
	sb_free(&out);
	return result;
}

START_TEST(test_examples)
{
	const example *e = &examples[_i];
	int status;
	char *got = run(e->cmd, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) <= 2,
		      "README.md:%zu: '%s' exited with %d", e->line, e->cmd,
		      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	ck_assert_msg(!strcmp(got, e->want),
		      "README.md:%zu: '%.*s' no longer prints what the README "
		      "shows; got:\n%s",
		      e->line, (int)strlen(e->cmd), e->cmd, got);
	free(got);
}
END_TEST

START_TEST(test_readme_has_examples)
{
	ck_assert_msg(nexamples >= 5, "README.md shows %zu examples",
		      nexamples);
}
END_TEST

static Suite *
readme_suite(void)
{
	Suite *s = suite_create("readme");
	TCase *tc = tcase_create("examples");

	load_readme();
	tcase_add_test(tc, test_readme_has_examples);
	if (nexamples)
		tcase_add_loop_test(tc, test_examples, 0, (int)nexamples);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(readme_suite)
