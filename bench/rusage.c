/*
 * rusage: runs a command and reports its wall time, CPU time and peak
 * resident memory, like GNU time -f '%e %U+%S %M' but with microsecond
 * wall-clock resolution (GNU time's %e has 10 ms, a tenth of a short run)
 * and an optional time limit.
 *
 *   rusage [-o FILE] [-t SECONDS] COMMAND [ARG...]
 *
 * Writes one line to FILE (default standard error):
 *
 *   WALL_SECONDS CPU_SECONDS MAXRSS_KIB STATUS
 *
 * where STATUS is the command's exit status, "sigN" if a signal ended it,
 * or "timeout" if it ran past SECONDS and was killed (127 if it could
 * not be started).  The command's own standard streams are left alone.
 * Exits 0 once the command has been measured, 127 if this program failed,
 * 2 on a usage error.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;

static void
on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
seconds(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

static void
usage(void)
{
	fprintf(stderr,
		"usage: rusage [-o FILE] [-t SECONDS] COMMAND [ARG...]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *out = NULL;
	unsigned limit = 0;
	struct sigaction sa;
	struct rusage ru;
	char status[32];
	double t0, wall;
	FILE *fp = stderr;
	pid_t pid, w;
	int i = 1, st;

	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = argv[i + 1];
			i += 2;
		} else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
			limit = (unsigned)strtoul(argv[i + 1], NULL, 10);
			i += 2;
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			usage();
		}
	}
	if (i >= argc)
		usage();

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the alarm must interrupt waitpid. */
	sigaction(SIGALRM, &sa, NULL);

	t0 = now();
	pid = fork();
	if (pid < 0) {
		perror("rusage: fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[i], argv + i);
		perror(argv[i]);
		_exit(127);
	}
	if (limit > 0)
		alarm(limit);
	for (;;) {
		w = waitpid(pid, &st, 0);
		if (w == pid)
			break;
		if (w < 0 && errno == EINTR) {
			if (timed_out)
				kill(pid, SIGKILL);
			continue;
		}
		perror("rusage: waitpid");
		return 127;
	}
	wall = now() - t0;
	alarm(0);
	/* The only child this process ever waits for is the command. */
	getrusage(RUSAGE_CHILDREN, &ru);

	if (timed_out)
		snprintf(status, sizeof status, "timeout");
	else if (WIFSIGNALED(st))
		snprintf(status, sizeof status, "sig%d", WTERMSIG(st));
	else
		snprintf(status, sizeof status, "%d", WEXITSTATUS(st));

	if (out != NULL && (fp = fopen(out, "w")) == NULL) {
		perror(out);
		return 127;
	}
	fprintf(fp, "%.4f %.3f %ld %s\n", wall,
		seconds(&ru.ru_utime) + seconds(&ru.ru_stime), ru.ru_maxrss,
		status);
	if (fp != stderr && fclose(fp) != 0) {
		perror(out);
		return 127;
	}
	return 0;
}
