#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

static void
vdiag(const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("partnercheck: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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
