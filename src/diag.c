#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/*
 * The whole line in one write: stderr is unbuffered, and three calls made
 * three write(2)s (200,000 unused waivers took 1.4 s), and let another
 * process's line land inside ours.
 */
static void
vdiag(const char *fmt, va_list ap)
{
	static const char prefix[] = "partnercheck: ";
	char small[1024], *line = small;
	va_list again;
	int n;

	fflush(stdout);
	va_copy(again, ap);
	/* The text goes after the prefix; its NUL becomes the newline. */
	n = vsnprintf(small + sizeof prefix - 1, sizeof small - sizeof prefix,
		      fmt, ap);
	if (n < 0) {
		va_end(again);
		return;
	}
	if ((size_t)n >= sizeof small - sizeof prefix) {
		line = malloc(sizeof prefix + (size_t)n + 1);
		if (!line) { /* too little memory for the message: say less */
			va_end(again);
			fputs("partnercheck: out of memory\n", stderr);
			return;
		}
		vsnprintf(line + sizeof prefix - 1, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	memcpy(line, prefix, sizeof prefix - 1);
	line[sizeof prefix - 1 + (size_t)n] = '\n';
	fwrite(line, 1, sizeof prefix + (size_t)n, stderr);
	if (line != small)
		free(line);
}

void
diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(fmt, ap);
	va_end(ap);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(fmt, ap);
	va_end(ap);
	exit(2);
}
