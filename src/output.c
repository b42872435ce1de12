/* realpath() is an X/Open function, beyond the POSIX base the build asks
 * for. */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"
#include "xalloc.h"

static FILE *out;
static char *final_path;
/* Read by the signal handler, so a fixed buffer rather than the heap. */
static char tmp_path[4096];
static volatile sig_atomic_t have_tmp;

static void
on_signal(int sig)
{
	if (have_tmp)
		unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

FILE *
output_open(const char *path, char *err, size_t errsz)
{
	const char *slash;
	char *resolved;
	struct stat st, lst;
	int fd, exists;
	mode_t mask;

	if (!path || !strcmp(path, "-")) {
		out = stdout;
		return out;
	}
	/* A device or a pipe (/dev/null, /dev/full, a fifo) is written as
	 * it is: there is no earlier report to protect, and renaming over
	 * it would replace the device with a file. */
	exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		out = fopen(path, "w");
		if (!out)
			snprintf(err, errsz, "%s: cannot write: %s", path,
				 strerror(errno));
		else
			final_path = xstrdup(path);
		return out;
	}
	/* A symbolic link is written through: the new report replaces the
	 * file it points to, and the link stays. */
	if (exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
	    (resolved = realpath(path, NULL)) != NULL) {
		out = output_open(resolved, err, errsz);
		free(resolved);
		return out;
	}
	slash = strrchr(path, '/');
	if (snprintf(tmp_path, sizeof tmp_path, "%.*s.%s.XXXXXX",
		     slash ? (int)(slash - path + 1) : 0, path,
		     slash ? slash + 1 : path) >= (int)sizeof tmp_path) {
		snprintf(err, errsz, "%s: cannot write: path too long", path);
		return NULL;
	}
	fd = mkstemp(tmp_path);
	if (fd < 0) {
		snprintf(err, errsz, "%s: cannot write: %s", path, strerror(errno));
		return NULL;
	}
	/* mkstemp creates 0600: a report replacing another keeps its
	 * permissions, a new one gets an ordinary file's. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask);
	out = fdopen(fd, "w");
	if (!out) {
		snprintf(err, errsz, "%s: cannot write: %s", path, strerror(errno));
		close(fd);
		unlink(tmp_path);
		return NULL;
	}
	have_tmp = 1;
	final_path = xstrdup(path);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	return out;
}

int
output_close(int ok)
{
	int rc = 0;

	if (!out)
		return 0;
	if (fflush(out) != 0 || ferror(out)) {
		if (errno == EPIPE)
			exit(ok ? 0 : 2);
		if (ok)
			diag("%s: cannot write: %s",
			     final_path ? final_path : "standard output",
			     strerror(errno));
		rc = -1;
		clearerr(out); /* reported once, here */
	}
	if (out != stdout) {
		if (fclose(out) != 0 && rc == 0) {
			if (ok)
				diag("%s: cannot write: %s", final_path,
				     strerror(errno));
			rc = -1;
		}
		if (have_tmp && ok && rc == 0 &&
		    rename(tmp_path, final_path) != 0) {
			diag("%s: cannot write: %s", final_path, strerror(errno));
			rc = -1;
		}
		if (have_tmp && (!ok || rc != 0))
			unlink(tmp_path);
		have_tmp = 0;
		free(final_path);
		final_path = NULL;
	}
	out = NULL;
	return rc;
}

int
output_is_tty(void)
{
	return out && isatty(fileno(out));
}

int
output_is_live(void)
{
	struct stat st;

	if (!out || fstat(fileno(out), &st) != 0)
		return 0;
	return isatty(fileno(out)) || S_ISFIFO(st.st_mode) ||
	       S_ISSOCK(st.st_mode);
}
