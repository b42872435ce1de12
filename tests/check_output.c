/*
 * The report's destination: written to a temporary file beside the real
 * one and moved into place only when the run completed.
 */
/* setrlimit, SIGXCPU and the like are X/Open. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
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

	ck_assert_ptr_null(
	    output_open("/nonexistent-dir/r.csv", err, sizeof err));
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

START_TEST(test_refuses_an_input)
{
	char path[128], hard[128], slink[128], err[256], want[200];
	const char *inputs[3] = { NULL, NULL, NULL };

	make_dir();
	snprintf(path, sizeof path, "%s/in.csv", dir);
	snprintf(hard, sizeof hard, "%s/hard.csv", dir);
	snprintf(slink, sizeof slink, "%s/link.csv", dir);
	write_file(path, "id\n");
	ck_assert_int_eq(link(path, hard), 0);
	ck_assert_int_eq(symlink("in.csv", slink), 0);
	inputs[1] = path;
	err[0] = '\0';
	/* a hard link and a symbolic link are the same file as the input */
	ck_assert_int_eq(output_refuse_inputs(hard, inputs, 3, err, sizeof err),
			 -1);
	snprintf(want, sizeof want, "the report would replace the input %s",
		 hard);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(output_refuse_inputs(slink, inputs, 3, err,
					      sizeof err),
			 -1);
	snprintf(want, sizeof want, "the report would replace the input %s",
		 slink);
	ck_assert_str_eq(err, want);
	/* standard output, a new file and a skipped entry are no conflict */
	ck_assert_int_eq(output_refuse_inputs("-", inputs, 3, err, sizeof err),
			 0);
	ck_assert_int_eq(output_refuse_inputs(NULL, inputs, 3, err, sizeof err),
			 0);
	inputs[1] = NULL;
	ck_assert_int_eq(output_refuse_inputs(hard, inputs, 3, err, sizeof err),
			 0);
	unlink(hard);
	unlink(slink);
	cleanup(path);
}
END_TEST

START_TEST(test_dangling_link_creates_target)
{
	char path[128], slink[128], err[256];
	FILE *f;

	make_dir();
	snprintf(path, sizeof path, "%s/target.csv", dir);
	snprintf(slink, sizeof slink, "%s/slink.csv", dir);
	ck_assert_int_eq(symlink("target.csv", slink), 0);
	f = output_open(slink, err, sizeof err);
	ck_assert_ptr_nonnull(f);
	fputs("new\n", f);
	ck_assert_int_eq(output_close(1), 0);
	ck_assert_str_eq(read_file(path), "new\n");
	ck_assert_str_eq(read_file(slink), "new\n");
	{
		struct stat st;

		ck_assert_int_eq(lstat(slink, &st), 0);
		ck_assert(S_ISLNK(st.st_mode));
	}
	ck_assert_int_eq(count_files(), 2);
	unlink(slink);
	cleanup(path);
}
END_TEST

START_TEST(test_empty_name_refused)
{
	char err[256];

	ck_assert_ptr_null(output_open("", err, sizeof err));
	ck_assert_str_eq(err,
			 "-o: empty file name (use - for standard output)");
}
END_TEST

/* exit(3) with the report still a temporary file (die() does that)
 * removes the temporary file. */
START_TEST(test_exit_removes_tmp)
{
	char path[128], err[256];
	int status;
	pid_t pid;

	make_dir();
	snprintf(path, sizeof path, "%s/report.csv", dir);
	write_file(path, "old\n");
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		FILE *f = output_open(path, err, sizeof err);

		if (!f)
			_exit(99);
		fputs("half a rep", f);
		exit(2);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 2);
	ck_assert_str_eq(read_file(path), "old\n");
	ck_assert_int_eq(count_files(), 1);
	cleanup(path);
}
END_TEST

/* ---- the binary, ended by a signal while the temporary file exists ---- */

static const char *
binary(void)
{
	const char *b = getenv("PARTNERCHECK");

	return b && *b ? b : "./partnercheck";
}

/* The header and first partner of the example, which the default rules
 * accept: enough for the run to open its report. */
static void
example_head(char *buf, size_t size)
{
	FILE *f = fopen("examples/consortium.csv", "r");
	size_t n = 0;
	int lines = 0, c;

	ck_assert_ptr_nonnull(f);
	while (lines < 2 && n + 1 < size && (c = getc(f)) != EOF) {
		buf[n++] = (char)c;
		lines += c == '\n';
	}
	buf[n] = '\0';
	fclose(f);
	ck_assert_int_eq(lines, 2);
}

/* Whether dir holds a temporary report (".report.csv.XXXXXX"). */
static int
has_tmp(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (!strncmp(e->d_name, ".report.csv.", 12))
			found = 1;
	closedir(d);
	return found;
}

/* Starts `partnercheck screen -o dir/report.csv dir/in.fifo` with its
 * output to /dev/null and no core dumps, ignoring `ignored` (0: none). */
static pid_t
start_screen(const char *report, const char *fifo, int ignored)
{
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit no_core = { 0, 0 };
		int null = open("/dev/null", O_RDWR);

		setrlimit(RLIMIT_CORE, &no_core);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		if (ignored)
			signal(ignored, SIG_IGN);
		execl(binary(), "partnercheck", "screen", "-f", "csv", "-o",
		      report, fifo, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Feeds the head of the input through the fifo, then waits (without a
 * deadline of its own: the test case's timeout is the limit) until the
 * run has created its temporary report.  Returns the fifo's write end,
 * held open so that the run waits for more rows. */
static int
feed_until_tmp(const char *fifo)
{
	struct timespec tick = { 0, 5 * 1000 * 1000 };
	char head[4096];
	int fd;

	example_head(head, sizeof head);
	fd = open(fifo, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, head, strlen(head)), (int)strlen(head));
	while (!has_tmp())
		nanosleep(&tick, NULL);
	return fd;
}

static const int killers[] = {
	SIGHUP,    SIGINT,  SIGQUIT, SIGILL,  SIGABRT, SIGFPE,  SIGUSR1,
	SIGSEGV,   SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGXCPU, SIGXFSZ,
	SIGVTALRM, SIGPROF, SIGSYS,  SIGBUS,  SIGTRAP,
};
#define NKILLERS ((int)(sizeof killers / sizeof killers[0]))

/* Each catchable fatal signal, sent while the report is being written,
 * ends the run with that signal, removes the temporary file and leaves
 * the earlier report as it was.  Loop index NKILLERS is SIGRTMIN. */
START_TEST(test_signal_removes_tmp)
{
	int sig = _i < NKILLERS ? killers[_i] : SIGRTMIN;
	char report[128], fifo[128];
	int status, fd;
	pid_t pid;

	make_dir();
	snprintf(report, sizeof report, "%s/report.csv", dir);
	snprintf(fifo, sizeof fifo, "%s/in.fifo", dir);
	write_file(report, "old\n");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	pid = start_screen(report, fifo, 0);
	fd = feed_until_tmp(fifo);
	ck_assert_int_eq(kill(pid, sig), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	close(fd);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == sig,
		      "signal %d: status %#x", sig, status);
	ck_assert_int_eq(has_tmp(), 0);
	ck_assert_str_eq(read_file(report), "old\n");
	ck_assert_int_eq(count_files(), 2);
	unlink(fifo);
	cleanup(report);
}
END_TEST

/* A signal the parent ignored (nohup's SIGHUP) stays ignored: the run
 * goes on and completes its report. */
START_TEST(test_ignored_signal_stays_ignored)
{
	char report[128], fifo[128];
	int status, fd;
	pid_t pid;

	make_dir();
	snprintf(report, sizeof report, "%s/report.csv", dir);
	snprintf(fifo, sizeof fifo, "%s/in.fifo", dir);
	write_file(report, "old\n");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	pid = start_screen(report, fifo, SIGHUP);
	fd = feed_until_tmp(fifo);
	ck_assert_int_eq(kill(pid, SIGHUP), 0);
	close(fd);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(has_tmp(), 0);
	ck_assert_ptr_nonnull(strstr(read_file(report), "id,name,status"));
	unlink(fifo);
	cleanup(report);
}
END_TEST

/* A closed pipe on standard error kills the run with SIGPIPE at its first
 * diagnostic: here the unused waiver noted after the last row, while the
 * report is still a temporary file. */
START_TEST(test_sigpipe_on_stderr_removes_tmp)
{
	char report[128], waivers[128];
	int pfd[2], status;
	pid_t pid;

	make_dir();
	snprintf(report, sizeof report, "%s/report.csv", dir);
	snprintf(waivers, sizeof waivers, "%s/waivers.csv", dir);
	write_file(report, "old\n");
	write_file(waivers,
		   "partner,rule,reason,expires\n"
		   "NOBODY,viability.surplus,no such partner,2099-01-01\n");
	ck_assert_int_eq(pipe(pfd), 0);
	close(pfd[0]);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		signal(SIGPIPE, SIG_DFL);
		dup2(null, STDOUT_FILENO);
		dup2(pfd[1], STDERR_FILENO);
		execl(binary(), "partnercheck", "screen", "-f", "csv", "-o",
		      report, "--waivers", waivers, "examples/consortium.csv",
		      (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
		      "status %#x", status);
	ck_assert_int_eq(has_tmp(), 0);
	ck_assert_str_eq(read_file(report), "old\n");
	ck_assert_int_eq(count_files(), 2);
	unlink(waivers);
	cleanup(report);
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
	tcase_add_test(tc, test_refuses_an_input);
	tcase_add_test(tc, test_dangling_link_creates_target);
	tcase_add_test(tc, test_empty_name_refused);
	tcase_add_test(tc, test_exit_removes_tmp);
	suite_add_tcase(s, tc);

	tc = tcase_create("signals");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_signal_removes_tmp, 0, NKILLERS + 1);
	tcase_add_test(tc, test_ignored_signal_stays_ignored);
	tcase_add_test(tc, test_sigpipe_on_stderr_removes_tmp);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(output_suite)
