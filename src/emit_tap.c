#include <stdio.h>
#include <stdlib.h>

#include "emit_ci.h"
#include "emit_util.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * TAP version 14: one test point per partner ("not ok" when it fails or
 * is in error; a warn passes), then one per pairwise and consortium
 * finding ("not ok" at fail severity), each with its findings in a YAML
 * block.  With --baseline, a point that fails only by known findings (the
 * baseline has them) is "not ok ... # TODO known": TAP counts a TODO
 * point as no failure, as the run's exit status does.  The plan comes last, as
 * TAP allows for a stream whose length is not known at the start.  YAML strings
 * are written double-quoted (see ci_add_yaml_str).
 */

typedef struct tap_state {
	strbuf line;
	size_t n; /* test points so far */
} tap_state;

static void
tap_begin(report *r)
{
	tap_state *st = xcalloc(1, sizeof *st);

	sb_init(&st->line);
	r->state = st;
	sb_adds(&st->line, "TAP version 14\n");
}

/* "ok 3 - " or "not ok 3 - " */
static void
open_point(tap_state *st, int ok)
{
	sb_addf(&st->line, "%sok %zu - ", ok ? "" : "not ", ++st->n);
}

/* Ends a test point's description line: " # TODO known" for a point that
 * fails by known findings only. */
static void
end_desc(strbuf *sb, int todo_known)
{
	if (todo_known)
		sb_adds(sb, " # TODO known");
	sb_addc(sb, '\n');
}

/* Whether a partner fails only by known findings: it fails, and every
 * finding that makes it fail (a fail not waived, an error) is known. */
static int
fails_by_known(const verdict *v)
{
	size_t i;

	if (v->st != ST_FAIL && v->st != ST_ERROR)
		return 0;
	for (i = 0; i < v->nfindings; i++) {
		const finding *f = &v->findings[i];

		if ((f->out == OUT_ERROR ||
		     (f->out != OUT_WAIVED && f->sev == SEV_FAIL)) &&
		    !f->d.known)
			return 0;
	}
	return v->nfindings > 0;
}

static void
yaml_key(strbuf *sb, const char *indent, const char *key, const char *value)
{
	sb_adds(sb, indent);
	sb_adds(sb, key);
	sb_adds(sb, ": ");
	ci_add_yaml_str(sb, value);
	sb_addc(sb, '\n');
}

static void
end_point(report *r)
{
	tap_state *st = r->state;

	/* live: the line goes to stdio now, and the report layer flushes */
	if (st->line.len >= EMIT_BATCH_BYTES || r->live)
		sb_write(&st->line, r->out);
}

static void
tap_partner(report *r, const verdict *v)
{
	tap_state *st = r->state;
	strbuf *sb = &st->line;
	size_t i;

	open_point(st, v->st == ST_PASS || v->st == ST_WARN);
	ci_add_tap_desc(sb, v->id);
	if (v->name && *v->name) {
		sb_addc(sb, ' ');
		ci_add_tap_desc(sb, v->name);
	}
	end_desc(sb, fails_by_known(v));
	if (v->nfindings || v->st != ST_PASS) {
		sb_adds(sb, "  ---\n");
		yaml_key(sb, "  ", "status", status_name(v->st));
		if (v->line)
			sb_addf(sb, "  line: %zu\n", v->line);
		if (v->has_score) {
			sb_adds(sb, "  score: ");
			add_score_short(sb, v->score);
			sb_addc(sb, '\n');
		}
		if (v->nfindings)
			sb_adds(sb, "  findings:\n");
		for (i = 0; i < v->nfindings; i++) {
			const finding *f = &v->findings[i];

			yaml_key(sb, "    - ", "rule", f->rule);
			yaml_key(sb, "      ", "severity",
				 severity_name(f->sev));
			yaml_key(sb, "      ", "outcome", outcome_name(f->out));
			yaml_key(sb, "      ", "message", f->message);
			if (f->d.known)
				sb_adds(sb, "      known: true\n");
		}
		sb_adds(sb, "  ...\n");
	}
	end_point(r);
}

static void
tap_conflict(report *r, const conflict *c)
{
	tap_state *st = r->state;
	strbuf *sb = &st->line;

	/* a waived fail no longer fails: ok, its outcome says why */
	open_point(st, c->sev != SEV_FAIL || c->out == OUT_WAIVED);
	ci_add_tap_desc(sb, c->rule);
	sb_adds(sb, ": ");
	ci_add_tap_desc(sb, c->a);
	sb_adds(sb, " and ");
	ci_add_tap_desc(sb, c->b);
	end_desc(sb, c->d.known && c->sev == SEV_FAIL && c->out != OUT_WAIVED);
	sb_adds(sb, "  ---\n");
	yaml_key(sb, "  ", "severity", severity_name(c->sev));
	yaml_key(sb, "  ", "outcome", outcome_name(c->out));
	yaml_key(sb, "  ", "a", c->a);
	yaml_key(sb, "  ", "b", c->b);
	if (c->a_line)
		sb_addf(sb, "  a_line: %zu\n", c->a_line);
	if (c->b_line)
		sb_addf(sb, "  b_line: %zu\n", c->b_line);
	yaml_key(sb, "  ", "message", c->message);
	if (c->d.known)
		sb_adds(sb, "  known: true\n");
	sb_adds(sb, "  ...\n");
	end_point(r);
}

static void
tap_consortium(report *r, const cfinding *f)
{
	tap_state *st = r->state;
	strbuf *sb = &st->line;
	size_t i;

	open_point(st, f->sev != SEV_FAIL || f->out == OUT_WAIVED);
	ci_add_tap_desc(sb, f->rule);
	sb_adds(sb, ": consortium");
	end_desc(sb, f->d.known && f->sev == SEV_FAIL && f->out != OUT_WAIVED);
	sb_adds(sb, "  ---\n");
	yaml_key(sb, "  ", "severity", severity_name(f->sev));
	yaml_key(sb, "  ", "outcome", outcome_name(f->out));
	yaml_key(sb, "  ", "message", f->message);
	if (f->d.known)
		sb_adds(sb, "  known: true\n");
	if (f->npartners) {
		sb_adds(sb, "  partners:\n");
		for (i = 0; i < f->npartners; i++)
			yaml_key(sb, "    - ", "id", f->partners[i]);
	}
	sb_adds(sb, "  ...\n");
	end_point(r);
}

static void
tap_end(report *r, const summary *s)
{
	tap_state *st = r->state;
	strbuf *sb = &st->line;

	sb_addf(sb, "1..%zu\n", st->n);
	/* The summary as comments, which every TAP reader skips. */
	sb_adds(sb, "# ");
	if (r->mode != MODE_CONFLICTS)
		add_summary_line(sb, s);
	if (r->mode == MODE_CHECK)
		sb_adds(sb, "\n# ");
	if (r->mode != MODE_SCREEN)
		add_pairs_line(sb, s, r->mode == MODE_CHECK);
	sb_addc(sb, '\n');
	sb_write(sb, r->out);
}

static void
tap_flush(report *r)
{
	tap_state *st = r->state;

	sb_write(&st->line, r->out);
}

static void
tap_free(report *r)
{
	tap_state *st = r->state;

	if (!st)
		return;
	sb_free(&st->line);
	free(st);
	r->state = NULL;
}

const emitter emit_tap = {
	.name = "tap",
	.begin = tap_begin,
	.partner = tap_partner,
	.conflict = tap_conflict,
	.consortium = tap_consortium,
	.end = tap_end,
	.flush = tap_flush,
	.free = tap_free,
};
