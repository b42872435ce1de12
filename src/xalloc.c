#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xalloc.h"

static void *
checked(void *p)
{
	if (!p)
		die("out of memory");
	return p;
}

void *
xmalloc(size_t n)
{
	return checked(malloc(n ? n : 1));
}

void *
xcalloc(size_t count, size_t size)
{
	return checked(calloc(count ? count : 1, size ? size : 1));
}

void *
xrealloc(void *p, size_t n)
{
	return checked(realloc(p, n ? n : 1));
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;

	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			die("out of memory");
		c *= 2;
	}
	if (c > SIZE_MAX / size)
		die("out of memory");
	*cap = c;
	return xrealloc(p, c * size);
}

char *
xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}
