#include <stdlib.h>
#include <string.h>

#include "emit_util.h"
#include "lineup_report.h"
#include "strbuf.h"

/*
 * The line-up report in each format.  One walk over the document per
 * format; every format says the same things: each line-up with its value,
 * members and remaining findings, why every other candidate is out, and
 * whether the answer is proven optimal.
 */

static const char *const why_names[] = { "in",       "screened-out", "excluded",
					 "conflict", "consortium",   "cost",
					 "no-fit",   "open",         "top" };

static void
add_value(strbuf *sb, long tenths)
{
	long a = tenths < 0 ? -tenths : tenths;

	sb_addf(sb, "%s%ld.%ld", tenths < 0 ? "-" : "", a / 10, a % 10);
}

static void
add_score(strbuf *sb, const lr_cand *c)
{
	if (c->has_score)
		add_value(sb, c->score);
	else
		sb_adds(sb, "-");
}

static void
add_json_value(strbuf *sb, long tenths)
{
	add_value(sb, tenths);
}

static void
add_json_score(strbuf *sb, const lr_cand *c)
{
	if (c->has_score)
		add_value(sb, c->score);
	else
		sb_adds(sb, "null");
}

static const char *
size_words(const lr_doc *d, strbuf *sb)
{
	sb_reset(sb);
	if (d->min_size == d->max_size)
		sb_addf(sb, "%zu", d->min_size);
	else
		sb_addf(sb, "%zu to %zu", d->min_size, d->max_size);
	return sb->buf;
}

/* ---- text ---- */

static void
text_finding(strbuf *sb, const lr_finding *f)
{
	sb_adds(sb, "  ");
	add_term(sb, f->rule);
	sb_addf(sb, " (%s): ", severity_label(f->sev, f->out));
	if (f->a) {
		add_term(sb, f->a);
		sb_adds(sb, ", ");
		add_term(sb, f->b);
		sb_adds(sb, ": ");
	}
	add_term(sb, f->message);
	sb_addc(sb, '\n');
}

static void
text_cand(strbuf *sb, const lr_cand *c, int with_reason)
{
	sb_adds(sb, "  ");
	add_term(sb, c->id);
	if (c->name) {
		sb_adds(sb, "  ");
		add_term(sb, c->name);
	}
	sb_addf(sb, "  %s ", status_name(c->st));
	add_score(sb, c);
	if (with_reason) {
		sb_adds(sb, ": ");
		add_term(sb, c->reason);
	}
	sb_addc(sb, '\n');
}

static void
text_summary(strbuf *sb, const lr_doc *d)
{
	strbuf w;

	sb_init(&w);
	sb_addf(sb, "summary: %zu candidate%s, %zu eligible; line-ups of %s; ",
		d->ncands, d->ncands == 1 ? "" : "s", d->eligible,
		size_words(d, &w));
	if (d->nlineups) {
		sb_adds(sb, "best value ");
		add_value(sb, d->lineups[0].value);
	} else {
		sb_adds(sb, d->proven ?
				"no feasible line-up" :
				"no line-up found before the search stopped");
	}
	if (d->proven)
		sb_adds(sb, d->nlineups ? ", proven optimal\n" : "\n");
	else {
		sb_adds(sb, d->nlineups ? ", best found, not proven optimal: "
					  "no line-up is worth more than " :
					  "; none is worth more "
					  "than ");
		add_value(sb, d->upper);
		if (d->nlineups) {
			sb_adds(sb, " (gap ");
			add_value(sb, d->upper - d->lineups[0].value);
			sb_addc(sb, ')');
		}
		sb_addc(sb, '\n');
	}
	sb_free(&w);
}

void
lr_summary(strbuf *sb, const lr_doc *d)
{
	text_summary(sb, d);
}

static void
lu_text(strbuf *sb, const lr_doc *d)
{
	size_t i, q;
	int any = 0;

	for (i = 0; i < d->nlineups; i++) {
		const lr_lineup *l = &d->lineups[i];

		if (i)
			sb_addc(sb, '\n');
		sb_addf(sb, "line-up %zu: value ", i + 1);
		add_value(sb, l->value);
		sb_addf(sb, ", %zu member%s\n", l->k, l->k == 1 ? "" : "s");
		for (q = 0; q < l->k; q++)
			text_cand(sb, &d->cands[l->members[q]], 0);
		if (l->nf) {
			sb_adds(sb, "findings:\n");
			for (q = 0; q < l->nf; q++)
				text_finding(sb, &l->f[q]);
		}
	}
	if (!d->nlineups) {
		/* A stopped search has not shown that none exists. */
		sb_adds(sb, d->proven ? "no feasible line-up:\n" :
					"no line-up found:\n");
		for (i = 0; i < d->nreasons; i++) {
			sb_adds(sb, "  ");
			add_term(sb, d->reasons[i]);
			sb_addc(sb, '\n');
		}
	}
	for (i = 0; i < d->ncands; i++) {
		const lr_cand *c = &d->cands[i];

		if (c->why == LR_IN)
			continue;
		if (!any++)
			sb_adds(sb, d->nlineups ?
					"\nwhy the others are out:\n" :
					"\ncandidates:\n");
		text_cand(sb, c, 1);
	}
	sb_addc(sb, '\n');
	text_summary(sb, d);
}

/* ---- json and ndjson ---- */

static void
json_cand(strbuf *sb, const lr_cand *c, int with_reason)
{
	sb_adds(sb, "{\"id\":");
	add_json_str(sb, c->id);
	sb_adds(sb, ",\"name\":");
	add_json_str(sb, c->name);
	sb_addf(sb, ",\"status\":\"%s\",\"score\":", status_name(c->st));
	add_json_score(sb, c);
	if (with_reason) {
		sb_addf(sb,
			",\"reason\":\"%s\",\"message\":", why_names[c->why]);
		add_json_str(sb, c->reason);
		if (c->rule) {
			sb_adds(sb, ",\"rule\":");
			add_json_str(sb, c->rule);
		}
		if (c->member) {
			sb_adds(sb, ",\"member\":");
			add_json_str(sb, c->member);
		}
		if (c->why == LR_COST) {
			sb_adds(sb, ",\"value\":");
			add_json_value(sb, c->value);
			sb_adds(sb, ",\"less\":");
			add_json_value(sb, c->less);
			sb_adds(sb, ",\"lineup\":");
			add_json_str(sb, c->with);
		}
	}
	sb_addc(sb, '}');
}

static void
json_finding(strbuf *sb, const lr_finding *f)
{
	sb_addf(sb,
		"{\"scope\":\"%s\",\"rule\":", f->a ? "pair" : "consortium");
	add_json_str(sb, f->rule);
	sb_addf(sb, ",\"severity\":\"%s\"", severity_name(f->sev));
	if (f->out == OUT_WAIVED)
		sb_adds(sb, ",\"outcome\":\"waived\"");
	if (f->a) {
		sb_adds(sb, ",\"a\":");
		add_json_str(sb, f->a);
		sb_adds(sb, ",\"b\":");
		add_json_str(sb, f->b);
	}
	sb_adds(sb, ",\"message\":");
	add_json_str(sb, f->message);
	sb_addc(sb, '}');
}

static void
json_summary(strbuf *sb, const lr_doc *d)
{
	sb_addf(sb,
		"{\"candidates\":%zu,\"eligible\":%zu,\"min_size\":%zu,"
		"\"max_size\":%zu,\"feasible\":%s,\"proven\":%s,\"value\":",
		d->ncands, d->eligible, d->min_size, d->max_size,
		d->nlineups ? "true" : "false", d->proven ? "true" : "false");
	if (d->nlineups)
		add_json_value(sb, d->lineups[0].value);
	else
		sb_adds(sb, "null");
	sb_adds(sb, ",\"upper\":");
	if (!d->proven)
		add_json_value(sb, d->upper);
	else if (d->nlineups)
		add_json_value(sb, d->lineups[0].value);
	else
		sb_adds(sb, "null");
	sb_addf(sb, ",\"nodes\":%lld,\"reasons\":[", d->nodes);
	{
		size_t i;

		for (i = 0; i < d->nreasons; i++) {
			if (i)
				sb_addc(sb, ',');
			add_json_str(sb, d->reasons[i]);
		}
	}
	sb_adds(sb, "]}");
}

static void
lu_json(strbuf *sb, const lr_doc *d)
{
	size_t i, q;
	int first = 1;

	sb_adds(sb, "{\"lineups\":[");
	for (i = 0; i < d->nlineups; i++) {
		const lr_lineup *l = &d->lineups[i];

		sb_addf(sb, "%s{\"rank\":%zu,\"value\":", i ? "," : "", i + 1);
		add_json_value(sb, l->value);
		sb_adds(sb, ",\"members\":[");
		for (q = 0; q < l->k; q++) {
			if (q)
				sb_addc(sb, ',');
			json_cand(sb, &d->cands[l->members[q]], 0);
		}
		sb_adds(sb, "],\"findings\":[");
		for (q = 0; q < l->nf; q++) {
			if (q)
				sb_addc(sb, ',');
			json_finding(sb, &l->f[q]);
		}
		sb_adds(sb, "]}");
	}
	sb_adds(sb, "],\"excluded\":[");
	for (i = 0; i < d->ncands; i++) {
		if (d->cands[i].why == LR_IN)
			continue;
		if (!first)
			sb_addc(sb, ',');
		first = 0;
		json_cand(sb, &d->cands[i], 1);
	}
	sb_adds(sb, "],\"summary\":");
	json_summary(sb, d);
	sb_adds(sb, "}\n");
}

static void
lu_ndjson(strbuf *sb, const lr_doc *d)
{
	size_t i, q;

	for (i = 0; i < d->nlineups; i++) {
		const lr_lineup *l = &d->lineups[i];

		sb_addf(sb,
			"{\"kind\":\"lineup\",\"rank\":%zu,\"value\":", i + 1);
		add_json_value(sb, l->value);
		sb_addf(sb, ",\"size\":%zu}\n", l->k);
		for (q = 0; q < l->k; q++) {
			sb_addf(
			    sb,
			    "{\"kind\":\"member\",\"rank\":%zu,\"partner\":",
			    i + 1);
			json_cand(sb, &d->cands[l->members[q]], 0);
			sb_adds(sb, "}\n");
		}
		for (q = 0; q < l->nf; q++) {
			sb_addf(
			    sb,
			    "{\"kind\":\"finding\",\"rank\":%zu,\"finding\":",
			    i + 1);
			json_finding(sb, &l->f[q]);
			sb_adds(sb, "}\n");
		}
	}
	for (i = 0; i < d->ncands; i++) {
		if (d->cands[i].why == LR_IN)
			continue;
		sb_adds(sb, "{\"kind\":\"excluded\",\"partner\":");
		json_cand(sb, &d->cands[i], 1);
		sb_adds(sb, "}\n");
	}
	sb_adds(sb, "{\"kind\":\"summary\",\"summary\":");
	json_summary(sb, d);
	sb_adds(sb, "}\n");
}

/* ---- csv and tsv: one row per candidate ---- */

static void
lu_table(strbuf *sb, const lr_doc *d, int tsv)
{
	static const char *const head[] = { "id",    "name", "status",
					    "score", "in",   "reason" };
	size_t i, h;
	strbuf num;

	sb_init(&num);
	for (h = 0; h < 6; h++) {
		if (h)
			sb_addc(sb, tsv ? '\t' : ',');
		sb_adds(sb, head[h]);
	}
	sb_addc(sb, '\n');
	for (i = 0; i < d->ncands; i++) {
		const lr_cand *c = &d->cands[i];
		const char *cells[6];

		sb_reset(&num);
		add_score(&num, c);
		cells[0] = c->id;
		cells[1] = c->name ? c->name : "";
		cells[2] = status_name(c->st);
		cells[3] = c->has_score ? num.buf : "";
		cells[4] = c->in ? c->in : "";
		cells[5] = c->reason ? c->reason : "";
		for (h = 0; h < 6; h++) {
			if (h)
				sb_addc(sb, tsv ? '\t' : ',');
			if (tsv)
				add_tsv_cell(sb, cells[h],
					     d->sanitize && h != 3);
			else
				add_csv_cell(sb, cells[h],
					     d->sanitize && h != 3);
		}
		sb_addc(sb, '\n');
	}
	sb_free(&num);
}

/* ---- markdown ---- */

static void
lu_markdown(strbuf *sb, const lr_doc *d)
{
	size_t i, q;
	int any = 0;

	sb_adds(sb, "# Line-up\n\n");
	for (i = 0; i < d->nlineups; i++) {
		const lr_lineup *l = &d->lineups[i];

		sb_addf(sb, "## Line-up %zu: value ", i + 1);
		add_value(sb, l->value);
		sb_addf(sb, ", %zu member%s\n\n", l->k, l->k == 1 ? "" : "s");
		sb_adds(sb, "| Partner | Name | Status | Score |\n"
			    "|---|---|---|---:|\n");
		for (q = 0; q < l->k; q++) {
			const lr_cand *c = &d->cands[l->members[q]];

			sb_adds(sb, "| ");
			add_md(sb, c->id);
			sb_adds(sb, " | ");
			add_md(sb, c->name);
			sb_addf(sb, " | %s | ", status_name(c->st));
			add_score(sb, c);
			sb_adds(sb, " |\n");
		}
		if (l->nf) {
			sb_adds(sb, "\nFindings:\n\n");
			for (q = 0; q < l->nf; q++) {
				const lr_finding *f = &l->f[q];

				sb_adds(sb, "- **");
				add_md(sb, f->rule);
				sb_addf(sb, "** (%s): ",
					severity_label(f->sev, f->out));
				if (f->a) {
					add_md(sb, f->a);
					sb_adds(sb, ", ");
					add_md(sb, f->b);
					sb_adds(sb, ": ");
				}
				add_md(sb, f->message);
				sb_addc(sb, '\n');
			}
		}
		sb_addc(sb, '\n');
	}
	if (!d->nlineups) {
		sb_adds(sb, d->proven ? "No feasible line-up:\n\n" :
					"No line-up found:\n\n");
		for (i = 0; i < d->nreasons; i++) {
			sb_adds(sb, "- ");
			add_md(sb, d->reasons[i]);
			sb_addc(sb, '\n');
		}
		sb_addc(sb, '\n');
	}
	for (i = 0; i < d->ncands; i++) {
		const lr_cand *c = &d->cands[i];

		if (c->why == LR_IN)
			continue;
		if (!any++)
			sb_addf(sb,
				"## %s\n\n| Partner | Name | Status | Score | "
				"Why |\n|---|---|---|---:|---|\n",
				d->nlineups ? "Why the others are out" :
					      "Candidates");
		sb_adds(sb, "| ");
		add_md(sb, c->id);
		sb_adds(sb, " | ");
		add_md(sb, c->name);
		sb_addf(sb, " | %s | ", status_name(c->st));
		add_score(sb, c);
		sb_adds(sb, " | ");
		add_md(sb, c->reason);
		sb_adds(sb, " |\n");
	}
	if (any)
		sb_addc(sb, '\n');
	{
		strbuf t;

		sb_init(&t);
		text_summary(&t, d);
		if (t.len && t.buf[t.len - 1] == '\n')
			t.buf[--t.len] = '\0';
		add_md(sb, t.buf);
		sb_addc(sb, '\n');
		sb_free(&t);
	}
}

void
lineup_report(FILE *out, const char *format, const lr_doc *doc)
{
	strbuf sb;

	sb_init(&sb);
	if (!strcmp(format, "json"))
		lu_json(&sb, doc);
	else if (!strcmp(format, "ndjson"))
		lu_ndjson(&sb, doc);
	else if (!strcmp(format, "csv"))
		lu_table(&sb, doc, 0);
	else if (!strcmp(format, "tsv"))
		lu_table(&sb, doc, 1);
	else if (!strcmp(format, "markdown"))
		lu_markdown(&sb, doc);
	else if (!strcmp(format, "html"))
		lu_html(&sb, doc);
	else if (!strcmp(format, "dot"))
		lu_dot(&sb, doc);
	else
		lu_text(&sb, doc);
	sb_write(&sb, out);
	sb_free(&sb);
}

void
lr_doc_free(lr_doc *doc)
{
	size_t i, q;

	for (i = 0; i < doc->ncands; i++) {
		lr_cand *c = &doc->cands[i];

		free(c->id);
		free(c->name);
		free(c->in);
		free(c->reason);
		free(c->rule);
		free(c->member);
		free(c->with);
	}
	free(doc->cands);
	for (i = 0; i < doc->nlineups; i++) {
		lr_lineup *l = &doc->lineups[i];

		for (q = 0; q < l->nf; q++) {
			free(l->f[q].rule);
			free(l->f[q].message);
		}
		free(l->f);
		free(l->members);
	}
	free(doc->lineups);
	for (i = 0; i < doc->nreasons; i++)
		free(doc->reasons[i]);
	free(doc->reasons);
	memset(doc, 0, sizeof *doc);
}
