#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit_ci.h"
#include "emit_util.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * GitHub Actions workflow commands: "::error file=F,line=N,title=RULE::
 * MESSAGE", one a finding, which the runner turns into annotations on the
 * input file.  GitHub shows at most ten annotations of each level per
 * step, so the rest are counted and a closing line says how many; the
 * summary line follows.  With --baseline a known finding (the baseline
 * has it, so it does not fail the run) is a notice titled "RULE (known)",
 * whatever its severity: the errors and warnings are the new findings.  With
 * report.step_summary a markdown summary is appended to that file (the job's
 * summary page) at the end.
 */

/* GitHub's limit per level and step; also the rows of each markdown
 * list in the step summary. */
#define GH_MAX 10
#define MD_MAX 50

typedef struct github_state {
	strbuf line;
	size_t shown[3], more[3]; /* annotations by severity */
	strbuf md_partners;       /* the step summary's table rows */
	strbuf md_findings;       /* its list of pair and consortium findings */
	size_t md_np, md_nf;      /* their rows, written or not */
} github_state;

static void
github_begin(report *r)
{
	github_state *st = xcalloc(1, sizeof *st);

	sb_init(&st->line);
	sb_init(&st->md_partners);
	sb_init(&st->md_findings);
	r->state = st;
}

/* One annotation, or one more counted when its level has had GH_MAX; a
 * known finding is a notice. */
static void
annotate(report *r, severity sev, int known, size_t line, const char *rule,
	 const char *msg)
{
	github_state *st = r->state;
	int comma = 0;

	if (known)
		sev = SEV_INFO;
	if (st->shown[sev] >= GH_MAX) {
		st->more[sev]++;
		return;
	}
	st->shown[sev]++;
	sb_addf(&st->line, "::%s ", ci_github_level(sev));
	if (r->input && strcmp(r->input, "-")) {
		sb_adds(&st->line, "file=");
		ci_add_gh_property(&st->line, r->input);
		if (line)
			sb_addf(&st->line, ",line=%zu", line);
		comma = 1;
	}
	if (rule) {
		sb_adds(&st->line, comma ? ",title=" : "title=");
		ci_add_gh_property(&st->line, rule);
		if (known)
			sb_adds(&st->line, " (known)");
	}
	sb_adds(&st->line, "::");
	ci_add_gh_data(&st->line, msg);
	sb_addc(&st->line, '\n');
	if (st->line.len >= EMIT_BATCH_BYTES || r->live)
		sb_write(&st->line, r->out);
}

static void
github_partner(report *r, const verdict *v)
{
	github_state *st = r->state;
	strbuf msg;
	size_t i;

	sb_init(&msg);
	for (i = 0; i < v->nfindings; i++) {
		const finding *f = &v->findings[i];

		if (f->out == OUT_WAIVED)
			continue;
		sb_reset(&msg);
		sb_adds(&msg, v->id ? v->id : "");
		if (v->name && *v->name) {
			sb_adds(&msg, " (");
			sb_adds(&msg, v->name);
			sb_addc(&msg, ')');
		}
		sb_adds(&msg, ": ");
		sb_adds(&msg, f->message ? f->message : "");
		annotate(r, f->sev, f->d.known, v->line, f->rule, msg.buf);
	}
	sb_free(&msg);
	if (v->st == ST_PASS || st->md_np++ >= MD_MAX)
		return;
	sb_adds(&st->md_partners, "| ");
	add_md(&st->md_partners, v->id);
	sb_adds(&st->md_partners, " | ");
	add_md(&st->md_partners, v->name);
	sb_addf(&st->md_partners, " | %zu | %s | ", v->line,
		status_name(v->st));
	for (i = 0; i < v->nfindings; i++) {
		strbuf one;

		sb_init(&one);
		finding_line(&one, &v->findings[i]);
		if (i)
			sb_adds(&st->md_partners, "<br>");
		add_md(&st->md_partners, one.buf);
		sb_free(&one);
	}
	sb_adds(&st->md_partners, " |\n");
}

/* A bullet of the step summary's list of pair and consortium findings. */
static void
md_finding(github_state *st, const char *rule, severity sev, int known,
	   const char *msg)
{
	if (st->md_nf++ >= MD_MAX)
		return;
	sb_adds(&st->md_findings, "- ");
	add_md(&st->md_findings, rule);
	sb_addf(&st->md_findings,
		" (%s): ", severity_cell(sev, OUT_FAIL, known));
	add_md(&st->md_findings, msg);
	sb_addc(&st->md_findings, '\n');
}

static void
github_conflict(report *r, const conflict *c)
{
	if (c->out == OUT_WAIVED) /* waived ones left out, as for partners */
		return;
	annotate(r, c->sev, c->d.known, c->a_line, c->rule, c->message);
	md_finding(r->state, c->rule, c->sev, c->d.known, c->message);
}

static void
github_consortium(report *r, const cfinding *f)
{
	if (f->out == OUT_WAIVED)
		return;
	annotate(r, f->sev, f->d.known, 0, f->rule, f->message);
	md_finding(r->state, f->rule, f->sev, f->d.known, f->message);
}

/* The summary lines every format ends with, without a final newline. */
static void
add_summary(report *r, strbuf *sb, const summary *s)
{
	if (r->mode != MODE_CONFLICTS)
		add_summary_line(sb, s);
	if (r->mode == MODE_CHECK)
		sb_adds(sb, "\n");
	if (r->mode != MODE_SCREEN)
		add_pairs_line(sb, s, r->mode == MODE_CHECK);
}

static const char *const mode_name[] = {
	[MODE_SCREEN] = "screen",
	[MODE_CHECK] = "check",
	[MODE_CONFLICTS] = "conflicts",
};

/* Appends the markdown summary to report.step_summary; a file that cannot
 * be written is said on stderr but does not fail the report. */
static void
write_step_summary(report *r, const summary *s)
{
	github_state *st = r->state;
	strbuf md;
	FILE *f;
	size_t n;
	int ok;

	sb_init(&md);
	sb_addf(&md, "### partnercheck %s: ", mode_name[r->mode]);
	add_md(&md, r->input && strcmp(r->input, "-") ? r->input : "stdin");
	sb_adds(&md, "\n\n");
	add_summary(r, &md, s);
	sb_adds(&md, "\n\n");
	if (st->md_np) {
		sb_adds(&md, "| partner | name | line | status | findings |\n"
			     "|---|---|---|---|---|\n");
		sb_add(&md, st->md_partners.buf, st->md_partners.len);
		n = st->md_np > MD_MAX ? st->md_np - MD_MAX : 0;
		if (n)
			sb_addf(&md, "\n%zu more partner%s not shown\n", n,
				n == 1 ? "" : "s");
		sb_addc(&md, '\n');
	}
	if (st->md_nf) {
		sb_add(&md, st->md_findings.buf, st->md_findings.len);
		n = st->md_nf > MD_MAX ? st->md_nf - MD_MAX : 0;
		if (n)
			sb_addf(&md, "- and %zu more\n", n);
		sb_addc(&md, '\n');
	}
	f = fopen(r->step_summary, "a");
	ok = f && fwrite(md.buf, 1, md.len, f) == md.len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok)
		diag("%s: cannot append the step summary: %s", r->step_summary,
		     strerror(errno));
	sb_free(&md);
}

static void
github_end(report *r, const summary *s)
{
	github_state *st = r->state;
	static const char *const word[] = { "notice", "warning", "error" };
	size_t total = st->more[0] + st->more[1] + st->more[2];
	int sev, k = 0;

	if (total) {
		sb_adds(&st->line, "partnercheck: ");
		for (sev = SEV_FAIL; sev >= SEV_INFO; sev--) {
			if (!st->more[sev])
				continue;
			sb_addf(&st->line, "%s%zu more %s%s", k++ ? ", " : "",
				st->more[sev], word[sev],
				st->more[sev] == 1 ? "" : "s");
		}
		sb_addf(&st->line,
			" not annotated (GitHub shows %d of each "
			"per step)\n",
			GH_MAX);
	}
	add_summary(r, &st->line, s);
	sb_addc(&st->line, '\n');
	sb_write(&st->line, r->out);
	if (r->step_summary)
		write_step_summary(r, s);
}

static void
github_flush(report *r)
{
	github_state *st = r->state;

	sb_write(&st->line, r->out);
}

static void
github_free(report *r)
{
	github_state *st = r->state;

	if (!st)
		return;
	sb_free(&st->line);
	sb_free(&st->md_partners);
	sb_free(&st->md_findings);
	free(st);
	r->state = NULL;
}

const emitter emit_github = {
	.name = "github",
	.begin = github_begin,
	.partner = github_partner,
	.conflict = github_conflict,
	.consortium = github_consortium,
	.end = github_end,
	.flush = github_flush,
	.free = github_free,
};
