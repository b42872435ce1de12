#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "report.h"

/*
 * The report layer: the one place that knows which sections a mode has
 * and in what order they come.  Each emitter used to keep its own copy of
 * that state machine; here it is walked once and each emitter only hears
 * "leave this section, enter that one".
 */

#define BIT(s) (1u << (s))

/* Milliseconds on a clock that only goes forward.  The coarse clock, where
 * there is one, costs a few nanoseconds a call (no system call), which
 * matters once an item. */
static long long
now_ms(void)
{
	struct timespec ts;

#ifdef CLOCK_MONOTONIC_COARSE
	if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) == 0)
		return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
#endif
	if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0)
		return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	return 0;
}

static void
flush_now(report *r, long long now)
{
	fflush(r->out);
	r->flushed_ms = now;
}

/* After an item or a section change: a batch goes out once the interval
 * has passed since the last one. */
static void
tick(report *r)
{
	long long now;

	if (!r->live)
		return;
	now = now_ms();
	if (now - r->flushed_ms >= REPORT_LIVE_MS)
		flush_now(r, now);
}

void
report_idle(report *r)
{
	if (r->live && r->out)
		flush_now(r, now_ms());
}

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
	tick(r);
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
	r->flushed_ms = now_ms();
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
	tick(r);
}

void
report_conflict(report *r, const conflict *c)
{
	if (!enter(r, SECTION_CONFLICTS))
		return;
	r->em->conflict(r, c);
	r->nitems++;
	tick(r);
}

void
report_consortium(report *r, const cfinding *f)
{
	if (!enter(r, SECTION_CONSORTIUM))
		return;
	r->em->consortium(r, f);
	r->nitems++;
	tick(r);
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
