#include <stdarg.h>
#include <stdlib.h>

#include "diaglist.h"
#include "strbuf.h"
#include "xalloc.h"

void
diaglist_add(diaglist *dl, const char *fmt, ...)
{
	strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	dl->msgs = xgrow(dl->msgs, &dl->cap, dl->n + 1, sizeof *dl->msgs);
	dl->msgs[dl->n++] = sb_detach(&sb);
	sb_free(&sb);
}

void
diaglist_free(diaglist *dl)
{
	size_t i;

	if (!dl)
		return;
	for (i = 0; i < dl->n; i++)
		free(dl->msgs[i]);
	free(dl->msgs);
	dl->msgs = NULL;
	dl->n = dl->cap = 0;
}
