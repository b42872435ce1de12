#include <stddef.h>

#include "report.h"

/*
 * The report layer: the one place that knows which sections a mode has
 * and in what order they come.  Each emitter used to keep its own copy of
 * that state machine; here it is walked once and each emitter only hears
 * "leave this section, enter that one".
 */

#define BIT(s) (1u << (s))

/* The sections each mode has, by report_mode. */
static const unsigned mode_sections[] = {
	[MODE_SCREEN] = BIT(SECTION_PARTNERS),
	[MODE_CHECK] = BIT(SECTION_PARTNERS) | BIT(SECTION_CONFLICTS) |
		       BIT(SECTION_CONSORTIUM),
	[MODE_CONFLICTS] = BIT(SECTION_CONFLICTS),
};

/* Moves from the open section to the next one the mode has, or to
 * SECTION_END after the last. */
static void
step(report *r)
{
	report_section to = r->sec;

	do
		to = (report_section)(to + 1);
	while (to < SECTION_END && !(mode_sections[r->mode] & BIT(to)));
	if (r->em->section)
		r->em->section(r, r->sec, to);
	r->sec = to;
	r->nitems = 0;
}

/* Opens section s, stepping through those before it; returns 0 when the
 * mode has no section s or it is already behind. */
static int
enter(report *r, report_section s)
{
	if (!(mode_sections[r->mode] & BIT(s)) || r->sec > s)
		return 0;
	while (r->sec < s)
		step(r);
	return 1;
}

void
report_begin(report *r)
{
	r->sec = SECTION_NONE;
	r->nitems = 0;
	r->em->begin(r);
	step(r);
}

void
report_partner(report *r, const verdict *v)
{
	if (!enter(r, SECTION_PARTNERS))
		return;
	r->em->partner(r, v);
	r->nitems++;
}

void
report_conflict(report *r, const conflict *c)
{
	if (!enter(r, SECTION_CONFLICTS))
		return;
	r->em->conflict(r, c);
	r->nitems++;
}

void
report_consortium(report *r, const cfinding *f)
{
	if (!enter(r, SECTION_CONSORTIUM))
		return;
	r->em->consortium(r, f);
	r->nitems++;
}

void
report_end(report *r, const summary *s)
{
	while (r->sec < SECTION_END)
		step(r);
	r->em->end(r, s);
}

void
report_flush(report *r)
{
	if (r->em && r->em->flush && r->state)
		r->em->flush(r);
}

void
report_free(report *r)
{
	if (!r)
		return;
	if (r->em && r->state)
		r->em->free(r);
	r->state = NULL;
	r->sec = SECTION_NONE;
	r->nitems = 0;
}

int
report_has_matrix(const report *r)
{
	return r->em && r->em->matrix;
}

void
report_matrix(report *r, const char *const *ids, size_t n,
	      const unsigned char *cells)
{
	if (report_has_matrix(r))
		r->em->matrix(r, ids, n, cells);
}
