#include <stdlib.h>
#include <string.h>

#include "emit_util.h"
#include "lineup_report.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * The line-up report in each format.  One walk over the document per
 * format; every format says the same things: each line-up with its value,
 * members and remaining findings, why every other candidate is out, and
 * whether the answer is proven optimal.
 */

static const char *const why_names[] = { "in",       "screened-out", "excluded",
					 "conflict", "consortium",   "cost",
					 "no-fit",   "open",         "top" };

const char *
lr_why_name(lr_why w)
{
	return (size_t)w < sizeof why_names / sizeof why_names[0] ?
		   why_names[w] :
		   "open";
}

void
lr_add_value(strbuf *sb, long tenths)
{
	long a = tenths < 0 ? -tenths : tenths;

	sb_addf(sb, "%s%ld.%ld", tenths < 0 ? "-" : "", a / 10, a % 10);
}

static void
add_value(strbuf *sb, long tenths)
{
	lr_add_value(sb, tenths);
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
json_ids(strbuf *sb, const char *const *ids, size_t n)
{
	size_t i;

	sb_addc(sb, '[');
	for (i = 0; i < n; i++) {
		if (i)
			sb_adds(sb, ", ");
		add_json_str(sb, ids[i]);
	}
	sb_addc(sb, ']');
}

/* The "meta" object every command's json has, its options completed with
 * lineup's own: the effective size, --must, --exclude, --top, the search
 * limits and --fail-on.  Nothing without a report to take it from. */
static void
json_meta(strbuf *sb, const lr_doc *d)
{
	const report_meta *m = d->origin ? d->origin->meta : NULL;

	if (!m)
		return;
	report_meta_json_open(sb, m);
	sb_addf(sb, ", \"size\": {\"min\": %zu, \"max\": %zu}, \"must\": ",
		d->min_size, d->max_size);
	json_ids(sb, d->must, d->nmust);
	sb_adds(sb, ", \"exclude\": ");
	json_ids(sb, d->exclude, d->nexclude);
	sb_addf(sb, ", \"top\": %zu, \"max_nodes\": ", d->top);
	if (d->max_nodes)
		sb_addf(sb, "%lld", d->max_nodes);
	else
		sb_adds(sb, "null");
	sb_adds(sb, ", \"time_limit\": ");
	if (d->time_limit > 0)
		sb_addf(sb, "%g", d->time_limit);
	else
		sb_adds(sb, "null");
	sb_adds(sb, ", \"fail_on\": ");
	add_json_str(sb, d->fail_on);
	sb_adds(sb, "}},\n");
}

static void
lu_json(strbuf *sb, const lr_doc *d)
{
	size_t i, q;
	int first = 1;

	sb_addc(sb, '{');
	json_meta(sb, d);
	sb_adds(sb, "\"lineups\":[");
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

static void
lu_csv(strbuf *sb, const lr_doc *d)
{
	lu_table(sb, d, 0);
}

static void
lu_tsv(strbuf *sb, const lr_doc *d)
{
	lu_table(sb, d, 1);
}

/* ---- markdown ---- */

/* The title the rule set gives rule id of kind, or NULL for none.
 * min_score is no check of the set, but has a name for people. */
static const char *
rule_title(const lr_doc *d, const char *id, rule_kind kind)
{
	size_t i;

	for (i = 0; d->origin && id && i < d->origin->nrules; i++) {
		const rule_info *ri = &d->origin->rules[i];

		if (ri->kind == kind && ri->id && !strcmp(ri->id, id))
			return ri->title && *ri->title ? ri->title : NULL;
	}
	if (kind == RULE_CHECK && id && !strcmp(id, "min_score"))
		return "Minimum score";
	return NULL;
}

/* The rule for people: "Title (id)", or the id alone when the rule set
 * gives it no title. */
static void
md_rule(strbuf *sb, const lr_doc *d, const char *id, rule_kind kind)
{
	const char *title = rule_title(d, id, kind);

	if (title) {
		add_md(sb, title);
		sb_adds(sb, " (");
		add_md(sb, id);
		sb_addc(sb, ')');
	} else {
		add_md(sb, id);
	}
}

static void
md_members(strbuf *sb, const lr_doc *d, const lr_lineup *l)
{
	size_t q;

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
}

/* "- **Title (rule)** (warn): A, B: message" */
static void
md_finding(strbuf *sb, const lr_doc *d, const lr_finding *f)
{
	sb_adds(sb, "- **");
	md_rule(sb, d, f->rule, f->a ? RULE_PAIR : RULE_CONSORTIUM);
	sb_addf(sb, "** (%s): ", severity_label(f->sev, f->out));
	if (f->a) {
		add_md(sb, f->a);
		sb_adds(sb, ", ");
		add_md(sb, f->b);
		sb_adds(sb, ": ");
	}
	add_md(sb, f->message);
	sb_addc(sb, '\n');
}

/* Whether s starts with the text of prefix (built in *t, reset first);
 * returns what follows it, or NULL. */
static const char *
after(const char *s, strbuf *t)
{
	size_t n = t->len;

	return s && t->buf && !strncmp(s, t->buf, n) ? s + n : NULL;
}

/* A why-out cell in plain words: the rule behind it by title.  The reason
 * is made by cmd_lineup.c; where it does not read as expected, it is
 * printed as it is. */
static void
md_why(strbuf *sb, const lr_doc *d, const lr_cand *c)
{
	strbuf t;
	const char *rest = NULL;

	sb_init(&t);
	/* a rule without a title: the reason already reads "(id)" */
	if (c->rule &&
	    !rule_title(d, c->rule,
			c->why == LR_CONFLICT ? RULE_PAIR : RULE_CONSORTIUM)) {
		/* nothing to put in plainer words */
	} else if (c->why == LR_CONFLICT && c->member && c->rule) {
		sb_addf(&t, "conflicts with %s (%s): ", c->member, c->rule);
		if ((rest = after(c->reason, &t)) != NULL) {
			sb_adds(sb, "conflicts with ");
			add_md(sb, c->member);
			sb_adds(sb, ": ");
			md_rule(sb, d, c->rule, RULE_PAIR);
		}
	} else if (c->why == LR_CONSORTIUM && c->rule) {
		sb_addf(&t, "adding it breaks %s: ", c->rule);
		if ((rest = after(c->reason, &t)) != NULL) {
			sb_adds(sb, "adding it breaks ");
			md_rule(sb, d, c->rule, RULE_CONSORTIUM);
		}
	}
	if (rest) {
		sb_adds(sb, ": ");
		add_md(sb, rest);
	} else {
		add_md(sb, c->reason);
	}
	sb_free(&t);
}

/* One fail finding of a screened-out candidate: "Title (rule): message"
 * for a check with a title, else as text has it, "rule (fail): message";
 * a row in error is its message alone (it names the line). */
static void
md_fail(strbuf *sb, const lr_doc *d, const lr_finding *f)
{
	if (f->out != OUT_ERROR && rule_title(d, f->rule, RULE_CHECK)) {
		md_rule(sb, d, f->rule, RULE_CHECK);
		sb_adds(sb, ": ");
	} else if (f->out != OUT_ERROR) {
		add_md(sb, f->rule);
		sb_addf(sb, " (%s", severity_name(f->sev));
		if (f->out != OUT_FAIL)
			sb_addf(sb, ", %s", outcome_name(f->out));
		sb_adds(sb, "): ");
	}
	add_md(sb, f->message);
}

/* A row of the why-out table; a candidate screened out for several
 * findings takes a row for each (no HTML line breaks), its own cells on
 * the first only. */
static void
md_out_row(strbuf *sb, const lr_doc *d, const lr_cand *c)
{
	size_t i;

	sb_adds(sb, "| ");
	add_md(sb, c->id);
	sb_adds(sb, " | ");
	add_md(sb, c->name);
	sb_addf(sb, " | %s | ", status_name(c->st));
	add_score(sb, c);
	sb_adds(sb, " | ");
	if (c->why != LR_SCREENED || !c->nfails) {
		md_why(sb, d, c);
		sb_adds(sb, " |\n");
		return;
	}
	for (i = 0; i < c->nfails; i++) {
		if (i)
			sb_adds(sb, "| | | | | ");
		else
			sb_adds(sb, c->st == ST_ERROR ? "in error: " :
							"screened out: ");
		md_fail(sb, d, &c->fails[i]);
		sb_adds(sb, " |\n");
	}
}

static void
lu_markdown(strbuf *sb, const lr_doc *d)
{
	size_t i, q;
	int any = 0;
	strbuf t;

	sb_adds(sb, "# Line-up\n\n");
	for (i = 0; i < d->nlineups; i++) {
		const lr_lineup *l = &d->lineups[i];

		sb_addf(sb, "## Line-up %zu: value ", i + 1);
		add_value(sb, l->value);
		sb_addf(sb, ", %zu member%s\n\n", l->k, l->k == 1 ? "" : "s");
		md_members(sb, d, l);
		if (l->nf)
			sb_adds(sb, "\nFindings:\n\n");
		for (q = 0; q < l->nf; q++)
			md_finding(sb, d, &l->f[q]);
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
		if (d->cands[i].why == LR_IN)
			continue;
		if (!any++)
			sb_addf(sb,
				"## %s\n\n| Partner | Name | Status | Score | "
				"Why |\n|---|---|---|---:|---|\n",
				d->nlineups ? "Why the others are out" :
					      "Candidates");
		md_out_row(sb, d, &d->cands[i]);
	}
	if (any)
		sb_addc(sb, '\n');
	sb_init(&t);
	text_summary(&t, d);
	if (t.len && t.buf[t.len - 1] == '\n')
		t.buf[--t.len] = '\0';
	add_md(sb, t.buf);
	sb_addc(sb, '\n');
	sb_free(&t);
}

/* ---- the table of writers ---- */

typedef void (*lr_writer)(strbuf *sb, const lr_doc *d);

/* One row per format: adding one is its function and a row here; the
 * list in messages and the check of -f are made from it. */
static const struct {
	const char *name;
	lr_writer write;
} writers[] = {
	{ "text", lu_text },     { "csv", lu_csv },
	{ "tsv", lu_tsv },       { "json", lu_json },
	{ "ndjson", lu_ndjson }, { "markdown", lu_markdown },
	{ "html", lu_html },     { "dot", lu_dot },
	{ "sarif", lu_sarif },   { "junit", lu_junit },
	{ "github", lu_github }, { "tap", lu_tap },
};
#define NWRITERS (sizeof writers / sizeof writers[0])

static lr_writer
writer_of(const char *format)
{
	size_t i;

	for (i = 0; format && i < NWRITERS; i++)
		if (!strcmp(writers[i].name, format))
			return writers[i].write;
	return NULL;
}

int
lineup_has_format(const char *format)
{
	return writer_of(format) != NULL;
}

const char *
lineup_formats(void)
{
	static char buf[256];
	size_t i, len = 0;

	if (buf[0])
		return buf;
	for (i = 0; i < NWRITERS; i++) {
		size_t n = strlen(writers[i].name);

		if (len + n + 3 > sizeof buf)
			break;
		if (i) {
			memcpy(buf + len, ", ", 2);
			len += 2;
		}
		memcpy(buf + len, writers[i].name, n);
		len += n;
		buf[len] = '\0';
	}
	return buf;
}

void
lr_cand_note_row(lr_cand *c, const verdict *v)
{
	size_t i;

	c->line = v->line;
	if (v->st != ST_FAIL && v->st != ST_ERROR)
		return;
	/* the findings screened_reason in cmd_lineup.c names */
	for (i = 0; i < v->nfindings; i++) {
		const finding *f = &v->findings[i];
		lr_finding *g;

		if (f->out == OUT_WAIVED ||
		    (f->sev != SEV_FAIL && f->out != OUT_ERROR))
			continue;
		c->fails = xrealloc(c->fails, (c->nfails + 1) * sizeof *g);
		g = &c->fails[c->nfails++];
		memset(g, 0, sizeof *g);
		g->rule = xstrdup(f->rule ? f->rule : "");
		g->sev = f->sev;
		g->out = f->out;
		g->message = xstrdup(f->message ? f->message : "");
	}
}

void
lineup_report_to(strbuf *sb, const char *format, const lr_doc *doc)
{
	lr_writer w = writer_of(format);

	(w ? w : lu_text)(sb, doc);
}

void
lineup_report(FILE *out, const char *format, const lr_doc *doc)
{
	strbuf sb;

	sb_init(&sb);
	lineup_report_to(&sb, format, doc);
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
		for (q = 0; q < c->nfails; q++) {
			free(c->fails[q].rule);
			free(c->fails[q].message);
		}
		free(c->fails);
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
