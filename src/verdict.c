#include <string.h>

#include "verdict.h"

/*
 * Names of the verdict enums as every output format prints them.  An
 * out-of-range value prints as "?" rather than crashing an emitter: it can
 * only come from a bug, and a visible "?" in a report is easier to trace.
 */

static const char *const severity_names[] = { "info", "warn", "fail" };
static const char *const status_names[] = { "pass", "warn", "fail", "error" };
static const char *const outcome_names[] = { "fail", "missing", "waived",
					     "error" };

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Returns "info", "warn" or "fail" (static storage). */
const char *
severity_name(severity s)
{
	return (unsigned)s < NELEM(severity_names) ? severity_names[s] : "?";
}

/* Returns "pass", "warn", "fail" or "error" (static storage). */
const char *
status_name(status s)
{
	return (unsigned)s < NELEM(status_names) ? status_names[s] : "?";
}

/* Returns "fail", "missing", "waived" or "error" (static storage). */
const char *
outcome_name(outcome o)
{
	return (unsigned)o < NELEM(outcome_names) ? outcome_names[o] : "?";
}

/* Returns the severity spelt exactly "info", "warn" or "fail", or -1 for
 * anything else, NULL included.  Case matters: rule files and options use
 * the lowercase names only. */
int
severity_from_name(const char *s)
{
	size_t i;

	if (!s)
		return -1;
	for (i = 0; i < NELEM(severity_names); i++)
		if (strcmp(s, severity_names[i]) == 0)
			return (int)i;
	return -1;
}
