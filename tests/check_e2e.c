#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

/*
 * The end-to-end golden cases: every directory under tests/cases/ holds a
 * `cmd` (a few lines of sh that run the tool as `$PC ...`), its inputs, and
 * the expected `stdout`, `stderr` and `status` (a missing output file
 * means empty, a missing status means 0).  Each case runs with its own
 * directory as the working directory and stdin from /dev/null, and its
 * three results must match byte for byte.
 *
 * Environment:
 *   PARTNERCHECK          the binary (default ./partnercheck), made absolute
 *   PARTNERCHECK_WRAPPER  a command put before it in $PC, e.g. valgrind
 *   PARTNERCHECK_CASE     fnmatch(3) patterns, separated by spaces or commas:
 *                         run only the cases they match
 *   PARTNERCHECK_UPDATE=1 rewrite the expected files from what the cases
 *                         produce (read every change before committing it)
 */

#define CASES_DIR "tests/cases"
#define MAX_SHOWN 160 /* bytes of a differing line shown in a message */

static char **cases;
static size_t ncases;
/* "Today" for every case (2026-01-15, UTC): a -f json report's meta
 * prints the as-of date, which without --as-of is today's. */
#define E2E_TODAY_EPOCH "1768435200"

static char *pc_value; /* what $PC expands to in every case */

/* ---- discovery ---- */

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes "a/b" into out; a path too long for PATH_MAX ends the run. */
static void
join(char *out, const char *a, const char *b)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", a, b);

	if (n < 0 || n >= PATH_MAX) {
		fprintf(stderr, "check_e2e: path too long: %s/%s\n", a, b);
		abort();
	}
}

static int
is_dir(const char *parent, const char *name)
{
	char path[PATH_MAX];
	struct stat st;

	join(path, parent, name);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether name matches one of the fnmatch(3) patterns in list, which
 * are separated by spaces or commas. */
static int
selected(const char *list, const char *name)
{
	char pat[256];
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, " ,");

		if (n > 0 && n < sizeof pat) {
			memcpy(pat, p, n);
			pat[n] = '\0';
			if (fnmatch(pat, name, 0) == 0)
				return 1;
		}
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

/* Fills cases with the case directory names, sorted bytewise. */
static void
discover(void)
{
	const char *only = getenv("PARTNERCHECK_CASE");
	DIR *d = opendir(CASES_DIR);
	struct dirent *e;
	size_t cap = 0;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !is_dir(CASES_DIR, e->d_name))
			continue;
		if (only && *only && !selected(only, e->d_name))
			continue;
		if (ncases == cap) {
			char **grown;

			cap = cap ? cap * 2 : 128;
			grown = realloc(cases, cap * sizeof *cases);
			if (!grown)
				abort();
			cases = grown;
		}
		cases[ncases] = strdup(e->d_name);
		if (!cases[ncases])
			abort();
		ncases++;
	}
	closedir(d);
	if (ncases)
		qsort(cases, ncases, sizeof *cases, cmp_names);
}

/* $PC: the wrapper, if any, then the binary's absolute path (the cases
 * run in their own directories, so a relative path would not do). */
static void
make_pc(void)
{
	const char *bin = getenv("PARTNERCHECK");
	const char *wrap = getenv("PARTNERCHECK_WRAPPER");
	char abs[PATH_MAX], cwd[PATH_MAX];
	size_t n;

	if (!bin || !*bin)
		bin = "./partnercheck";
	if (bin[0] == '/') {
		snprintf(abs, sizeof abs, "%s", bin);
	} else {
		if (!getcwd(cwd, sizeof cwd))
			abort();
		join(abs, cwd, bin);
	}
	n = strlen(abs) + (wrap ? strlen(wrap) : 0) + 2;
	pc_value = malloc(n);
	if (!pc_value)
		abort();
	if (wrap && *wrap)
		snprintf(pc_value, n, "%s %s", wrap, abs);
	else
		snprintf(pc_value, n, "%s", abs);
}

/* ---- files ---- */

typedef struct blob {
	char *buf;
	size_t len;
	int exists;
} blob;

/* Reads the whole of path; a missing file is an empty blob. */
static void
read_blob(const char *path, blob *b)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n;

	b->buf = malloc(cap);
	b->len = 0;
	b->exists = f != NULL;
	if (!b->buf)
		abort();
	if (!f)
		return;
	while ((n = fread(b->buf + b->len, 1, cap - b->len, f)) > 0) {
		b->len += n;
		if (b->len == cap) {
			char *grown = realloc(b->buf, cap * 2);

			if (!grown)
				abort();
			b->buf = grown;
			cap *= 2;
		}
	}
	fclose(f);
}

static int
write_file(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(buf, 1, len, f) == len;
	if (fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

/* A temporary file for one of the case's outputs; returns its fd. */
static int
make_temp(char *path, size_t size, const char *what)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(path, size, "%s/pc-e2e-%s.XXXXXX", tmp, what);
	fd = mkstemp(path);
	ck_assert_msg(fd >= 0, "cannot create a temporary file in %s: %s", tmp,
		      strerror(errno));
	return fd;
}

/* ---- running ---- */

/* Runs `sh ./cmd` in dir with $PC set; returns the exit status the shell
 * would report (128 + N for a signal), or -1 if it could not start. */
static int
run_case(const char *dir, int out_fd, int err_fd)
{
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);

		if (in < 0 || chdir(dir) != 0 || dup2(in, 0) < 0 ||
		    dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0 ||
		    setenv("PC", pc_value, 1) != 0 ||
		    setenv("SOURCE_DATE_EPOCH", E2E_TODAY_EPOCH, 1) != 0)
			_exit(127);
		close(in);
		close(out_fd);
		close(err_fd);
		execl("/bin/sh", "sh", "./cmd", (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return -1;
}

/* ---- comparing ---- */

typedef struct report_buf {
	char *buf;
	size_t len, cap;
} report_buf;

static void
rb_add(report_buf *r, const char *s, size_t n)
{
	if (r->len + n + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 256;
		char *grown;

		while (r->len + n + 1 > cap)
			cap *= 2;
		grown = realloc(r->buf, cap);
		if (!grown)
			abort();
		r->buf = grown;
		r->cap = cap;
	}
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	r->buf[r->len] = '\0';
}

static void
rb_adds(report_buf *r, const char *s)
{
	rb_add(r, s, strlen(s));
}

/* Appends one line (without its '\n') for a message: control bytes as
 * \xNN so that CR, tabs and escape sequences stay visible. */
static void
rb_line(report_buf *r, const char *s, size_t n)
{
	size_t i;
	char hex[8];

	if (n > MAX_SHOWN) {
		rb_line(r, s, MAX_SHOWN);
		rb_adds(r, "...");
		return;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c == '\\') {
			snprintf(hex, sizeof hex,
				 c == '\\' ? "\\\\" : "\\x%02X", c);
			rb_adds(r, hex);
		} else {
			rb_add(r, (const char *)&s[i], 1);
		}
	}
}

/* The line of b starting at off: its length without the '\n'. */
static size_t
line_len(const blob *b, size_t off)
{
	const char *nl = memchr(b->buf + off, '\n', b->len - off);

	return nl ? (size_t)(nl - (b->buf + off)) : b->len - off;
}

static void
show_line(report_buf *r, const char *label, const blob *b, size_t off)
{
	rb_adds(r, label);
	if (off >= b->len) {
		rb_adds(r, "<end of output>\n");
		return;
	}
	rb_adds(r, "\"");
	rb_line(r, b->buf + off, line_len(b, off));
	rb_adds(r,
		off + line_len(b, off) < b->len ? "\"\n" : "\" (no newline)\n");
}

/* Adds a short diff of want and got to r: the first line that differs. */
static void
diff_blobs(report_buf *r, const char *what, const blob *want, const blob *got)
{
	size_t i = 0, line = 1, start = 0;
	char head[128];

	while (i < want->len && i < got->len && want->buf[i] == got->buf[i]) {
		if (want->buf[i] == '\n') {
			line++;
			start = i + 1;
		}
		i++;
	}
	snprintf(head, sizeof head, "  %s differs at line %zu:\n", what, line);
	rb_adds(r, head);
	show_line(r, "    expected: ", want, start);
	show_line(r, "    actual:   ", got, start);
}

static int
blobs_equal(const blob *a, const blob *b)
{
	return a->len == b->len &&
	       (a->len == 0 || !memcmp(a->buf, b->buf, a->len));
}

/* Parses the expected status: a number, optionally followed by blanks. */
static int
parse_status(const blob *b, int *out)
{
	char tmp[32];
	char *end;
	long v;

	if (!b->exists) {
		*out = 0;
		return 0;
	}
	if (b->len == 0 || b->len >= sizeof tmp)
		return -1;
	memcpy(tmp, b->buf, b->len);
	tmp[b->len] = '\0';
	errno = 0;
	v = strtol(tmp, &end, 10);
	if (end == tmp || errno || v < 0 || v > 255)
		return -1;
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (*end)
		return -1;
	*out = (int)v;
	return 0;
}

static int
updating(void)
{
	const char *u = getenv("PARTNERCHECK_UPDATE");

	return u && !strcmp(u, "1");
}

START_TEST(test_golden_case)
{
	const char *name = cases[_i];
	char dir[PATH_MAX], path[PATH_MAX], out_tmp[PATH_MAX],
	    err_tmp[PATH_MAX];
	blob want_out, want_err, want_st, got_out, got_err;
	report_buf msg = { NULL, 0, 0 };
	struct stat st;
	int out_fd, err_fd, status, want_status = 0;

	join(dir, CASES_DIR, name);
	join(path, dir, "cmd");
	ck_assert_msg(stat(path, &st) == 0, "case '%s': no cmd file", name);

	out_fd = make_temp(out_tmp, sizeof out_tmp, "stdout");
	err_fd = make_temp(err_tmp, sizeof err_tmp, "stderr");
	status = run_case(dir, out_fd, err_fd);
	close(out_fd);
	close(err_fd);
	read_blob(out_tmp, &got_out);
	read_blob(err_tmp, &got_err);
	unlink(out_tmp);
	unlink(err_tmp);

	join(path, dir, "stdout");
	read_blob(path, &want_out);
	join(path, dir, "stderr");
	read_blob(path, &want_err);
	join(path, dir, "status");
	read_blob(path, &want_st);

	if (updating() && status >= 0) {
		char num[16];
		int bad = 0;

		join(path, dir, "stdout");
		bad |= write_file(path, got_out.buf, got_out.len);
		join(path, dir, "stderr");
		bad |= write_file(path, got_err.buf, got_err.len);
		join(path, dir, "status");
		snprintf(num, sizeof num, "%d\n", status);
		bad |= write_file(path, num, strlen(num));
		if (bad)
			rb_adds(&msg, "  cannot write the expected files\n");
	} else if (status < 0) {
		rb_adds(&msg, "  could not run /bin/sh ./cmd\n");
	} else {
		if (parse_status(&want_st, &want_status) < 0) {
			rb_adds(&msg,
				"  the status file does not hold a number\n");
		} else if (status != want_status) {
			char line[96];

			snprintf(line, sizeof line,
				 "  status: expected %d, got %d\n", want_status,
				 status);
			rb_adds(&msg, line);
		}
		if (!blobs_equal(&want_out, &got_out))
			diff_blobs(&msg, "stdout", &want_out, &got_out);
		if (!blobs_equal(&want_err, &got_err))
			diff_blobs(&msg, "stderr", &want_err, &got_err);
	}

	free(want_out.buf);
	free(want_err.buf);
	free(want_st.buf);
	free(got_out.buf);
	free(got_err.buf);
	if (msg.len) {
		/* Copied to the stack so nothing leaks when, without fork,
		 * the failure jumps out of this function. */
		char text[4096];

		snprintf(text, sizeof text, "case '%s':\n%s", name, msg.buf);
		free(msg.buf);
		ck_abort_msg("%s", text);
	}
}
END_TEST

/* With no case at all, every loop test would pass vacuously. */
START_TEST(test_cases_found)
{
	const char *only = getenv("PARTNERCHECK_CASE");

	ck_assert_msg(ncases > 0, "no case directories under %s%s%s", CASES_DIR,
		      only && *only ? " match " : "",
		      only && *only ? only : "");
}
END_TEST

static Suite *
e2e_suite(void)
{
	Suite *s = suite_create("e2e");
	TCase *tc = tcase_create("golden");

	discover();
	make_pc();
	/* Generous: under valgrind a case takes seconds. */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_cases_found);
	tcase_add_loop_test(tc, test_golden_case, 0, (int)ncases);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(e2e_suite)
