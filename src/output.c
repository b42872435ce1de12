/* readlink(), fchmod() and the SIGBUS, SIGXCPU, ... family are X/Open,
 * beyond the POSIX base the build asks for. */
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

/* Links followed before giving up with ELOOP, as the kernel does. */
#define MAX_LINKS 40

static FILE *out;
/* Where the report goes (the end of -o's chain of links), and -o as the
 * user gave it, which every message names. */
static char *final_path;
static char *shown_path;
/* Read by the signal handler, so a fixed buffer rather than the heap. */
static char tmp_path[4096];
static volatile sig_atomic_t have_tmp;
static int exit_hook; /* remove_tmp_at_exit is registered */

/*
 * The signals whose default action ends the process and that a handler
 * can catch (SIGKILL and SIGSTOP cannot be): while a temporary file
 * exists, each of them removes it first.  The real-time signals are
 * added at run time, as SIGRTMIN need not be a constant.
 */
static const int fatal_signals[] = {
	SIGHUP,    SIGINT,  SIGQUIT,   SIGILL,  SIGTRAP, SIGABRT, SIGBUS,
	SIGFPE,    SIGUSR1, SIGSEGV,   SIGUSR2, SIGPIPE, SIGALRM, SIGTERM,
	SIGXCPU,   SIGXFSZ, SIGVTALRM, SIGPROF, SIGSYS,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
};
#define NFIXED (sizeof fatal_signals / sizeof fatal_signals[0])
#define MAX_CAUGHT (NFIXED + 64)

static int caught[MAX_CAUGHT];                  /* signals we installed for */
static struct sigaction caught_old[MAX_CAUGHT]; /* and what they had */
static size_t ncaught;
static sigset_t fatal_set;

static void
on_fatal(int sig)
{
	struct sigaction dfl;
	sigset_t self;

	/* unlink, sigaction, sigprocmask and raise are async-signal-safe;
	 * nothing else is called here.  The default disposition, raised
	 * again, ends the process with the status that names the signal. */
	if (have_tmp)
		unlink(tmp_path);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	sigemptyset(&self);
	sigaddset(&self, sig);
	sigprocmask(SIG_UNBLOCK, &self, NULL);
	raise(sig);
}

static void
fill_fatal_set(void)
{
	size_t i;
	int sig;

	sigemptyset(&fatal_set);
	for (i = 0; i < NFIXED; i++)
		sigaddset(&fatal_set, fatal_signals[i]);
#if defined(SIGRTMIN) && defined(SIGRTMAX)
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		sigaddset(&fatal_set, sig);
#else
	(void)sig;
#endif
}

/* Installs on_fatal for every fatal signal not ignored: a signal the
 * parent ignored (nohup's SIGHUP) stays ignored. */
static void
catch_fatal(void)
{
	struct sigaction sa, old;
	int sig;

	fill_fatal_set();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	/* One handler at a time: a second signal waits until the first has
	 * removed the file and ended the process. */
	sa.sa_mask = fatal_set;
	ncaught = 0;
	for (sig = 1; sig < 128 && ncaught < MAX_CAUGHT; sig++) {
		if (sigismember(&fatal_set, sig) != 1 ||
		    sigaction(sig, NULL, &old) != 0 ||
		    old.sa_handler == SIG_IGN)
			continue;
		if (sigaction(sig, &sa, NULL) != 0)
			continue;
		caught[ncaught] = sig;
		caught_old[ncaught++] = old;
	}
}

/* Puts back what catch_fatal replaced. */
static void
release_fatal(void)
{
	while (ncaught > 0) {
		ncaught--;
		sigaction(caught[ncaught], &caught_old[ncaught], NULL);
	}
}

/* An exit(3) while the report is still a temporary file (die, after an
 * allocation failure, say) removes it too. */
static void
remove_tmp_at_exit(void)
{
	if (have_tmp) {
		unlink(tmp_path);
		have_tmp = 0;
	}
}

/*
 * The file that path names once symbolic links are followed, through a
 * relative target (read from the link's own directory) and a chain of
 * links, to the last name, which need not exist: a dangling link names
 * the file to create.  Returns a copy the caller frees, or NULL with
 * errno set (ELOOP, ENAMETOOLONG, or readlink's error).  A name that
 * cannot be looked at is returned as it is, for the open to report.
 */
static char *
follow_links(const char *path)
{
	char *cur = xstrdup(path), *next;
	char target[4096];
	const char *slash;
	struct stat lst;
	ssize_t n;
	int hops;

	for (hops = 0;; hops++) {
		if (lstat(cur, &lst) != 0 || !S_ISLNK(lst.st_mode))
			return cur;
		if (hops == MAX_LINKS) {
			errno = ELOOP;
			break;
		}
		n = readlink(cur, target, sizeof target);
		if (n < 0)
			break;
		if ((size_t)n == sizeof target) {
			errno = ENAMETOOLONG;
			break;
		}
		target[n] = '\0';
		slash = strrchr(cur, '/');
		if (target[0] == '/' || !slash) {
			next = xstrdup(target);
		} else {
			size_t dl = (size_t)(slash - cur + 1);

			next = xmalloc(dl + (size_t)n + 1);
			memcpy(next, cur, dl);
			memcpy(next + dl, target, (size_t)n + 1);
		}
		free(cur);
		cur = next;
	}
	free(cur);
	return NULL;
}

/* "PATH: cannot write: REASON", naming the link's end when -o is a link,
 * so that a missing directory at the end of a link is found. */
static void
write_error(char *err, size_t errsz, const char *path, const char *dest,
	    int errnum)
{
	if (dest && strcmp(dest, path))
		snprintf(err, errsz,
			 "%s: cannot write through the link to "
			 "'%s': %s",
			 path, dest, strerror(errnum));
	else
		snprintf(err, errsz, "%s: cannot write: %s", path,
			 strerror(errnum));
}

int
output_refuse_inputs(const char *path, const char *const *inputs, size_t n,
		     char *err, size_t errsz)
{
	struct stat os, is;
	size_t i;

	/* Standard output, and a file that does not exist yet, replace no
	 * input; nor does a device or a fifo, which are written as they
	 * are. */
	if (!path || !strcmp(path, "-") || stat(path, &os) != 0 ||
	    !S_ISREG(os.st_mode))
		return 0;
	for (i = 0; i < n; i++) {
		int got;

		if (!inputs[i])
			continue;
		/* "-" is standard input: only a redirected regular file has
		 * an inode to compare. */
		got = strcmp(inputs[i], "-") ? stat(inputs[i], &is) :
					       fstat(STDIN_FILENO, &is);
		if (got == 0 && S_ISREG(is.st_mode) && is.st_dev == os.st_dev &&
		    is.st_ino == os.st_ino) {
			snprintf(err, errsz,
				 "the report would replace the "
				 "input %s",
				 path);
			return -1;
		}
	}
	return 0;
}

/*
 * Gives the report stream a 64 KiB buffer, the size of a Linux pipe,
 * before anything is written to it: stdio's default (the 4 KiB block
 * size) made a pipe cost 45% more CPU than a file for the same report,
 * each write(2) waking the reader for one page.  Live reports are flushed
 * by the report layer well before the buffer fills (report_idle).
 * Standard output gets its buffer once, as it lives to the end of the
 * process; a file gets the other, as only one report is open at a time
 * (out) and fclose lets go of it.
 */
static FILE *
big_buffer(FILE *f)
{
	static char stdout_buf[65536], file_buf[65536];
	static int stdout_done;

	if (f != stdout)
		setvbuf(f, file_buf, _IOFBF, sizeof file_buf);
	else if (!stdout_done++)
		setvbuf(f, stdout_buf, _IOFBF, sizeof stdout_buf);
	return f;
}

FILE *
output_open(const char *path, char *err, size_t errsz)
{
	const char *slash, *base;
	char *dest;
	struct stat st;
	sigset_t held;
	int fd, exists, saved;
	mode_t mask;

	if (!path || !strcmp(path, "-")) {
		out = stdout;
		return big_buffer(out);
	}
	if (!*path) {
		snprintf(err, errsz,
			 "-o: empty file name (use - for standard "
			 "output)");
		return NULL;
	}
	/* Whatever path leads to a device, a fifo or a socket is opened as
	 * given: /dev/stdout when standard output is a pipe links to
	 * "pipe:[...]", which is no path to write through to. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		out = fopen(path, "w");
		if (!out) {
			write_error(err, errsz, path, NULL, errno);
			return NULL;
		}
		final_path = xstrdup(path);
		shown_path = xstrdup(path);
		return big_buffer(out);
	}
	/* A symbolic link is written through, even a dangling one: the new
	 * report replaces (or becomes) the file it points to, and the link
	 * stays. */
	dest = follow_links(path);
	if (!dest) {
		write_error(err, errsz, path, NULL, errno);
		return NULL;
	}
	/* A device or a pipe (/dev/null, /dev/full, a fifo) is written as
	 * it is: there is no earlier report to protect, and renaming over
	 * it would replace the device with a file.  A directory fails here
	 * with EISDIR. */
	exists = stat(dest, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		out = fopen(dest, "w");
		if (!out) {
			write_error(err, errsz, path, dest, errno);
			free(dest);
			return NULL;
		}
		final_path = dest;
		shown_path = xstrdup(path);
		return big_buffer(out);
	}
	slash = strrchr(dest, '/');
	base = slash ? slash + 1 : dest;
	if (!*base) { /* "dir/": a directory's name, not a file's */
		write_error(err, errsz, path, dest, EISDIR);
		free(dest);
		return NULL;
	}
	/* The temporary file and the handlers that remove it come and go
	 * together: no signal can land between creating the file and
	 * knowing its name. */
	if (!exit_hook)
		exit_hook = atexit(remove_tmp_at_exit) == 0;
	catch_fatal();
	sigprocmask(SIG_BLOCK, &fatal_set, &held);
	fd = -1;
	if (snprintf(tmp_path, sizeof tmp_path, "%.*s.%s.XXXXXX",
		     (int)(base - dest), dest, base) >= (int)sizeof tmp_path)
		errno = ENAMETOOLONG;
	else
		fd = mkstemp(tmp_path);
	saved = errno;
	if (fd >= 0)
		have_tmp = 1;
	else
		release_fatal();
	sigprocmask(SIG_SETMASK, &held, NULL);
	if (fd < 0) {
		write_error(err, errsz, path, dest, saved);
		free(dest);
		return NULL;
	}
	/* mkstemp creates 0600: a report replacing another keeps its
	 * permissions, a new one gets an ordinary file's. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask);
	final_path = dest;
	shown_path = xstrdup(path);
	out = fdopen(fd, "w");
	if (!out) {
		write_error(err, errsz, path, dest, errno);
		close(fd);
		output_close(0);
		return NULL;
	}
	return big_buffer(out);
}

/* Moves the temporary file into place (keep) or removes it, then drops
 * the handlers; returns rename's result. */
static int
settle_tmp(int keep)
{
	sigset_t held;
	int rc = 0, saved = 0;

	sigprocmask(SIG_BLOCK, &fatal_set, &held);
	if (keep && rename(tmp_path, final_path) != 0) {
		saved = errno;
		rc = -1;
	}
	if (!keep || rc != 0)
		unlink(tmp_path);
	have_tmp = 0;
	release_fatal();
	sigprocmask(SIG_SETMASK, &held, NULL);
	errno = saved;
	return rc;
}

int
output_close(int ok)
{
	int rc = 0;

	if (!out && !have_tmp)
		return 0;
	if (out && (fflush(out) != 0 || ferror(out))) {
		if (errno == EPIPE)
			exit(ok ? 0 : 2);
		if (ok)
			diag("%s: cannot write: %s",
			     shown_path ? shown_path : "standard output",
			     strerror(errno));
		rc = -1;
		clearerr(out); /* reported once, here */
	}
	if (out != stdout) {
		if (out && fclose(out) != 0 && rc == 0) {
			if (ok)
				diag("%s: cannot write: %s", shown_path,
				     strerror(errno));
			rc = -1;
		}
		if (have_tmp && settle_tmp(ok && rc == 0) != 0) {
			diag("%s: cannot write: %s", shown_path,
			     strerror(errno));
			rc = -1;
		}
		free(final_path);
		free(shown_path);
		final_path = NULL;
		shown_path = NULL;
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
