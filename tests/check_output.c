/*
 * The report's destination: written to a temporary file beside the real
 * one and moved into place only when the run completed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "testutil.h"

static char dir[64];

static void
make_dir(void)
{
	strcpy(dir, "/tmp/pc-output-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static char *
read_file(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Files in dir other than . and .. */
static int
count_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void
cleanup(const char *path)
{
	unlink(path);
	rmdir(dir);
}

START_TEST(test_success_replaces)
{
	char path[128], err[256];
	FILE *f;

	make_dir();
	snprintf(path, sizeof path, "%s/report.csv", dir);
	write_file(path, "old\n");
	f = output_open(path, err, sizeof err);
	ck_assert_ptr_nonnull(f);
	fputs("new\n", f);
	/* until the run completes, the old report stands */
	ck_assert_str_eq(read_file(path), "old\n");
	ck_assert_int_eq(count_files(), 2);
	ck_assert_int_eq(output_close(1), 0);
	ck_assert_str_eq(read_file(path), "new\n");
	ck_assert_int_eq(count_files(), 1);
	cleanup(path);
}
END_TEST

START_TEST(test_failure_keeps_old)
{
	char path[128], err[256];
	FILE *f;

	make_dir();
	snprintf(path, sizeof path, "%s/report.csv", dir);
	write_file(path, "good\n");
	f = output_open(path, err, sizeof err);
	ck_assert_ptr_nonnull(f);
	fputs("half a rep", f);
	ck_assert_int_eq(output_close(0), 0);
	ck_assert_str_eq(read_file(path), "good\n");
	ck_assert_int_eq(count_files(), 1); /* no temporary left behind */
	cleanup(path);
}
END_TEST

START_TEST(test_failure_leaves_nothing_new)
{
	char path[128], err[256];

	make_dir();
	snprintf(path, sizeof path, "%s/fresh.json", dir);
	ck_assert_ptr_nonnull(output_open(path, err, sizeof err));
	output_close(0);
	ck_assert_ptr_null(read_file(path));
	ck_assert_int_eq(count_files(), 0);
	cleanup(path);
}
END_TEST

START_TEST(test_unwritable_directory)
{
	char err[256];

	ck_assert_ptr_null(output_open("/nonexistent-dir/r.csv", err, sizeof err));
	ck_assert_str_eq(err, "/nonexistent-dir/r.csv: cannot write: No such "
			 "file or directory");
}
END_TEST

START_TEST(test_device_written_directly)
{
	char err[256];
	FILE *f = output_open("/dev/null", err, sizeof err);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(output_is_live(), 0);
	fputs("x", f);
	ck_assert_int_eq(output_close(1), 0);
}
END_TEST

START_TEST(test_full_disk_reported)
{
	char err[256];
	FILE *f = output_open("/dev/full", err, sizeof err);
	int i;

	ck_assert_ptr_nonnull(f);
	for (i = 0; i < 10000; i++)
		fputs("a line of a report that will not fit\n", f);
	ck_assert_int_eq(output_close(1), -1);
}
END_TEST

static Suite *
output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_success_replaces);
	tcase_add_test(tc, test_failure_keeps_old);
	tcase_add_test(tc, test_failure_leaves_nothing_new);
	tcase_add_test(tc, test_unwritable_directory);
	tcase_add_test(tc, test_device_written_directly);
	tcase_add_test(tc, test_full_disk_reported);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(output_suite)
