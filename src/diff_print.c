#include <string.h>

#include "diff_print.h"
#include "emit_util.h"

typedef void (*esc_fn)(strbuf *sb, const char *s);

static void
esc_text(strbuf *sb, const char *s)
{
	add_term(sb, s ? s : "");
}

static void
esc_md(strbuf *sb, const char *s)
{
	add_md(sb, s ? s : "");
}

/* A Markdown code span of s, made safe for a terminal first (add_term:
 * line breaks as spaces, controls and bidirectional marks dropped).  The
 * comment format puts everything that comes from a report in one: inside
 * a code span no Markdown or HTML works, and GitHub and GitLab turn no
 * @mention, #reference, :emoji: or bare URL into anything, so a partner
 * name cannot ping a team or plant a link in a pull request.  The fence is
 * one backtick longer than the longest run in s, with a space inside each
 * end (CommonMark strips one), so s may start or end with a backtick. */
static void
esc_code(strbuf *sb, const char *s)
{
	strbuf t;
	size_t i, run = 0, longest = 0;
	int pad;

	sb_init(&t);
	add_term(&t, s ? s : "");
	for (i = 0; i < t.len; i++) {
		run = t.buf[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	/* padded only when it must be: empty, or a backtick or a space at
	 * either end */
	pad = !t.len || t.buf[0] == '`' || t.buf[0] == ' ' ||
	      t.buf[t.len - 1] == '`' || t.buf[t.len - 1] == ' ';
	for (i = 0; i <= longest; i++)
		sb_addc(sb, '`');
	if (pad)
		sb_addc(sb, ' ');
	sb_add(sb, t.buf ? t.buf : "", t.len);
	if (pad)
		sb_addc(sb, ' ');
	for (i = 0; i <= longest; i++)
		sb_addc(sb, '`');
	sb_free(&t);
}

/* A severity, outcome or status: as it is when it is one of the words
 * partnercheck writes, else escaped as esc escapes (a report may have been
 * edited by hand). */
static void
esc_word(strbuf *sb, const char *s, esc_fn esc)
{
	static const char *const words[] = { "fail", "warn",    "info",
					     "pass", "missing", "waived",
					     "error" };
	size_t i;

	for (i = 0; s && i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(s, words[i])) {
			sb_adds(sb, s);
			return;
		}
	esc(sb, s);
}

/* "B2 viability.reserves", "A1 C3 conflict.lead" or "consortium.size". */
static void
finding_key(strbuf *sb, const rfinding *f, esc_fn esc)
{
	if (esc == esc_code) {
		/* one code span for the whole key, which reads better */
		strbuf k;

		sb_init(&k);
		finding_key(&k, f, esc_text);
		esc_code(sb, k.buf);
		sb_free(&k);
		return;
	}
	if (f->id) {
		esc(sb, f->id);
		sb_addc(sb, ' ');
	}
	if (f->other) {
		esc(sb, f->other);
		sb_addc(sb, ' ');
	}
	esc(sb, f->rule);
}

/* "B2 viability.reserves (fail): reserves is 2.5, below the minimum 3" */
static void
finding_text(strbuf *sb, const rfinding *f, esc_fn esc)
{
	finding_key(sb, f, esc);
	sb_adds(sb, " (");
	esc_word(sb, f->severity, esc);
	if (f->outcome && strcmp(f->outcome, "fail")) {
		sb_adds(sb, ", ");
		esc_word(sb, f->outcome, esc);
	}
	sb_adds(sb, ")");
	if (f->message && *f->message) {
		sb_adds(sb, ": ");
		esc(sb, f->message);
	}
}

/* "value 2.5 -> 2.8, severity warn -> fail" */
static void
change_text(strbuf *sb, const rfinding *o, const rfinding *n, esc_fn esc)
{
	const char *sep = "";

	finding_key(sb, n, esc);
	sb_adds(sb, ": ");
	if ((o->value || n->value) &&
	    (!o->value || !n->value || strcmp(o->value, n->value))) {
		sb_adds(sb, "value ");
		esc(sb, o->value ? o->value : "(none)");
		sb_adds(sb, " -> ");
		esc(sb, n->value ? n->value : "(none)");
		sep = ", ";
	}
	if (o->severity && n->severity && strcmp(o->severity, n->severity)) {
		sb_addf(sb, "%sseverity ", sep);
		esc_word(sb, o->severity, esc);
		sb_adds(sb, " -> ");
		esc_word(sb, n->severity, esc);
		sep = ", ";
	}
	if (o->outcome && n->outcome && strcmp(o->outcome, n->outcome)) {
		sb_addf(sb, "%soutcome ", sep);
		esc_word(sb, o->outcome, esc);
		sb_adds(sb, " -> ");
		esc_word(sb, n->outcome, esc);
	}
}

static void
partner_text(strbuf *sb, const rpartner *p, esc_fn esc)
{
	esc(sb, p->id);
	if (p->name) {
		sb_adds(sb, " (");
		esc(sb, p->name);
		sb_addc(sb, ')');
	}
}

static void
rules_note(strbuf *sb, const diff_result *r, esc_fn esc)
{
	sb_adds(sb, "the rule set changed between the runs (sha256 ");
	esc(sb, r->old->rules_sha256);
	sb_adds(sb, " -> ");
	esc(sb, r->new_->rules_sha256);
	sb_adds(sb, "): some differences may come from the rules, not the "
		    "partners");
}

/* "partners", "partners and conflicts", "partners, conflicts and the
 * consortium", "nothing" for a set of RD_* bits. */
static void
sections_words(strbuf *sb, unsigned set)
{
	static const struct {
		unsigned bit;
		const char *word;
	} w[] = { { RD_PARTNERS, "partners" },
		  { RD_CONFLICTS, "conflicts" },
		  { RD_CONSORTIUM, "the consortium" } };
	size_t i, n = 0, k = 0;

	for (i = 0; i < 3; i++)
		n += (set & w[i].bit) != 0;
	if (!n)
		sb_adds(sb, "nothing");
	for (i = 0; i < 3; i++) {
		if (!(set & w[i].bit))
			continue;
		if (k)
			sb_adds(sb, k == n - 1 ? " and " : ", ");
		sb_adds(sb, w[i].word);
		k++;
	}
}

/* Said when the two reports have different sections (a screen report
 * and a check report): only what both have is compared. */
static void
sections_note(strbuf *sb, const diff_result *r, esc_fn esc)
{
	sb_adds(sb, "the reports cover different sections (");
	esc(sb, r->old->path);
	sb_adds(sb, ": ");
	sections_words(sb, r->old->sections);
	sb_adds(sb, "; ");
	esc(sb, r->new_->path);
	sb_adds(sb, ": ");
	sections_words(sb, r->new_->sections);
	if (!r->compared) {
		sb_adds(sb, "): nothing to compare");
		return;
	}
	sb_adds(sb, "): only ");
	sections_words(sb, r->compared);
	sb_adds(sb, r->compared == RD_CONSORTIUM ? " is compared" :
						   " are compared");
}

static void
options_note(strbuf *sb)
{
	sb_adds(sb, "the runs' options differ (--set, --waivers, --severity, "
		    "--max-conflicts or --missing-columns): some differences "
		    "may come from them, not the partners");
}

static void
summary_text(strbuf *sb, const diff_result *r)
{
	sb_addf(sb,
		"partners: %zu added, %zu removed, %zu renamed, %zu changed "
		"status; findings: %zu new, %zu resolved, %zu changed, %zu "
		"unchanged",
		r->nadded, r->nremoved, r->nrenamed, r->nrestatus, r->nfnew,
		r->nresolved, r->nchanged, r->unchanged);
}

/* How lines() escapes what comes from the reports. */
enum style {
	STYLE_TEXT,    /* add_term */
	STYLE_MD,      /* add_md */
	STYLE_COMMENT, /* esc_code */
};

/* One list: its lines, each "prefix item", in text, markdown or the
 * comment's markdown; at most limit of them (0: all), then a line saying
 * how many more. */
static void
lines(strbuf *sb, const char *prefix, const diff_result *r, enum style style,
      const size_t *idx, size_t n, int what, size_t limit)
{
	esc_fn esc = style == STYLE_TEXT ? esc_text :
		     style == STYLE_MD   ? esc_md :
					   esc_code;
	size_t i;

	for (i = 0; i < n; i++) {
		if (limit && i == limit) {
			sb_addf(sb,
				"%sand %zu more (partnercheck diff -f text "
				"lists them all)\n",
				prefix, n - limit);
			break;
		}
		sb_adds(sb, prefix);
		switch (what) {
		case 0: /* added */
			partner_text(sb, &r->new_->partners[idx[i]], esc);
			sb_adds(sb, " added: ");
			esc_word(sb, r->new_->partners[idx[i]].status, esc);
			break;
		case 1: /* removed */
			partner_text(sb, &r->old->partners[idx[i]], esc);
			sb_adds(sb, " removed");
			break;
		case 2: { /* renamed */
			const rpartner *p = &r->new_->partners[idx[i]];
			long o = report_doc_partner(r->old, p->id);

			esc(sb, p->id);
			sb_adds(sb, " renamed: ");
			esc(sb, r->old->partners[o].name ?
				    r->old->partners[o].name :
				    "(no name)");
			sb_adds(sb, " -> ");
			esc(sb, p->name ? p->name : "(no name)");
			break;
		}
		case 3: { /* status */
			const rpartner *p = &r->new_->partners[idx[i]];
			long o = report_doc_partner(r->old, p->id);

			partner_text(sb, p, esc);
			sb_adds(sb, " status: ");
			esc_word(sb, r->old->partners[o].status, esc);
			sb_adds(sb, " -> ");
			esc_word(sb, p->status, esc);
			break;
		}
		case 4: /* new */
			finding_text(sb, &r->new_->findings[idx[i]], esc);
			break;
		case 5: /* resolved */
			finding_text(sb, &r->old->findings[idx[i]], esc);
			break;
		default: /* changed */
			change_text(sb, &r->old->findings[r->changed_old[i]],
				    &r->new_->findings[idx[i]], esc);
			break;
		}
		sb_addc(sb, '\n');
	}
}

void
diff_print_text(strbuf *sb, const diff_result *r)
{
	if (r->rules_changed) {
		sb_adds(sb, "note: ");
		rules_note(sb, r, esc_text);
		sb_addc(sb, '\n');
	}
	if (r->options_changed) {
		sb_adds(sb, "note: ");
		options_note(sb);
		sb_addc(sb, '\n');
	}
	if (r->sections_differ) {
		sb_adds(sb, "note: ");
		sections_note(sb, r, esc_text);
		sb_addc(sb, '\n');
	}
	lines(sb, "+ partner ", r, STYLE_TEXT, r->added, r->nadded, 0, 0);
	lines(sb, "- partner ", r, STYLE_TEXT, r->removed, r->nremoved, 1, 0);
	lines(sb, "~ partner ", r, STYLE_TEXT, r->renamed, r->nrenamed, 2, 0);
	lines(sb, "~ partner ", r, STYLE_TEXT, r->restatus, r->nrestatus, 3, 0);
	lines(sb, "+ ", r, STYLE_TEXT, r->fnew, r->nfnew, 4, 0);
	lines(sb, "- ", r, STYLE_TEXT, r->resolved, r->nresolved, 5, 0);
	lines(sb, "~ ", r, STYLE_TEXT, r->changed, r->nchanged, 6, 0);
	if (r->nadded + r->nremoved + r->nrenamed + r->nrestatus + r->nfnew +
		r->nresolved + r->nchanged ==
	    0)
		sb_adds(sb, "no changes\n");
	sb_addc(sb, '\n');
	summary_text(sb, r);
	sb_addc(sb, '\n');
}

static void
md_section(strbuf *sb, const char *title, const diff_result *r,
	   const size_t *idx, size_t n, int what)
{
	if (!n)
		return;
	sb_addf(sb, "## %s\n\n", title);
	lines(sb, "- ", r, STYLE_MD, idx, n, what, 0);
	sb_addc(sb, '\n');
}

void
diff_print_markdown(strbuf *sb, const diff_result *r)
{
	sb_adds(sb, "# Changes since the last report\n\n");
	if (r->rules_changed) {
		sb_adds(sb, "**Note:** ");
		rules_note(sb, r, esc_md);
		sb_adds(sb, ".\n\n");
	}
	if (r->options_changed) {
		sb_adds(sb, "**Note:** ");
		options_note(sb);
		sb_adds(sb, ".\n\n");
	}
	if (r->sections_differ) {
		sb_adds(sb, "**Note:** ");
		sections_note(sb, r, esc_md);
		sb_adds(sb, ".\n\n");
	}
	md_section(sb, "Partners added", r, r->added, r->nadded, 0);
	md_section(sb, "Partners removed", r, r->removed, r->nremoved, 1);
	md_section(sb, "Partners renamed", r, r->renamed, r->nrenamed, 2);
	md_section(sb, "Status changes", r, r->restatus, r->nrestatus, 3);
	md_section(sb, "New findings", r, r->fnew, r->nfnew, 4);
	md_section(sb, "Resolved findings", r, r->resolved, r->nresolved, 5);
	md_section(sb, "Changed findings", r, r->changed, r->nchanged, 6);
	sb_adds(sb, "**Summary:** ");
	summary_text(sb, r);
	sb_addc(sb, '\n');
}

/* One collapsible section of the comment: a <details> block whose
 * summary (HTML, so fixed words and a count only) names the list, then
 * the list in Markdown.  The blank lines end each HTML block, so that
 * GitHub and GitLab render the Markdown between them. */
static void
comment_section(strbuf *sb, const char *title, const diff_result *r,
		const size_t *idx, size_t n, int what, int open)
{
	if (!n)
		return;
	sb_addf(sb, "<details%s>\n<summary>%s (%zu)</summary>\n\n",
		open ? " open" : "", title, n);
	lines(sb, "- ", r, STYLE_COMMENT, idx, n, what, DIFF_COMMENT_MAX);
	sb_adds(sb, "\n</details>\n\n");
}

/* "`june.json` (as of `2026-06-01`)" */
static void
comment_side(strbuf *sb, const report_doc *d)
{
	esc_code(sb, d->path);
	if (d->as_of) {
		sb_adds(sb, " (as of ");
		esc_code(sb, d->as_of);
		sb_addc(sb, ')');
	}
}

void
diff_print_comment(strbuf *sb, const diff_result *r)
{
	sb_adds(sb, "### partnercheck diff\n\n");
	if (r->regress_fail)
		sb_addf(sb,
			"**%zu new fail-level finding%s** that the old "
			"report did not have.\n\n",
			r->regress_fail, r->regress_fail == 1 ? "" : "s");
	else if (r->regress_warn)
		sb_addf(sb,
			"No new fail-level finding; **%zu new warn-level "
			"finding%s**.\n\n",
			r->regress_warn, r->regress_warn == 1 ? "" : "s");
	else
		sb_adds(sb, "No new fail-level or warn-level finding.\n\n");
	sb_adds(sb, "Compared ");
	comment_side(sb, r->old);
	sb_adds(sb, " with ");
	comment_side(sb, r->new_);
	sb_adds(sb, ".\n\n");
	if (r->rules_changed) {
		sb_adds(sb, "> **Note:** ");
		rules_note(sb, r, esc_code);
		sb_adds(sb, ".\n\n");
	}
	if (r->options_changed) {
		sb_adds(sb, "> **Note:** ");
		options_note(sb);
		sb_adds(sb, ".\n\n");
	}
	if (r->sections_differ) {
		sb_adds(sb, "> **Note:** ");
		sections_note(sb, r, esc_code);
		sb_adds(sb, ".\n\n");
	}
	if (r->nadded + r->nremoved + r->nrenamed + r->nrestatus + r->nfnew +
		r->nresolved + r->nchanged ==
	    0)
		sb_adds(sb, "No changes.\n\n");
	comment_section(sb, "New findings", r, r->fnew, r->nfnew, 4, 1);
	comment_section(sb, "Changed findings", r, r->changed, r->nchanged, 6,
			1);
	comment_section(sb, "Resolved findings", r, r->resolved, r->nresolved,
			5, 0);
	comment_section(sb, "Status changes", r, r->restatus, r->nrestatus, 3,
			0);
	comment_section(sb, "Partners added", r, r->added, r->nadded, 0, 0);
	comment_section(sb, "Partners removed", r, r->removed, r->nremoved, 1,
			0);
	comment_section(sb, "Partners renamed", r, r->renamed, r->nrenamed, 2,
			0);
	sb_adds(sb, "**Summary:** ");
	summary_text(sb, r);
	sb_addc(sb, '\n');
}

static void
json_key(strbuf *sb, const char *k, int first)
{
	if (!first)
		sb_adds(sb, ", ");
	add_json_str(sb, k);
	sb_adds(sb, ": ");
}

static void
json_finding(strbuf *sb, const rfinding *f)
{
	static const char *const kinds[] = { "partner", "conflict",
					     "consortium" };

	sb_adds(sb, "{\"kind\": ");
	add_json_str(sb, kinds[f->kind]);
	json_key(sb, "id", 0);
	add_json_str(sb, f->id);
	json_key(sb, "other", 0);
	add_json_str(sb, f->other);
	json_key(sb, "rule", 0);
	add_json_str(sb, f->rule);
	json_key(sb, "severity", 0);
	add_json_str(sb, f->severity);
	json_key(sb, "outcome", 0);
	add_json_str(sb, f->outcome);
	json_key(sb, "value", 0);
	add_json_str(sb, f->value);
	json_key(sb, "message", 0);
	add_json_str(sb, f->message);
	sb_addc(sb, '}');
}

static void
json_partner(strbuf *sb, const rpartner *p)
{
	sb_adds(sb, "{\"id\": ");
	add_json_str(sb, p->id);
	json_key(sb, "name", 0);
	add_json_str(sb, p->name);
	json_key(sb, "status", 0);
	add_json_str(sb, p->status);
	sb_addc(sb, '}');
}

/* "key": [ ... ] of partners (old or new) or findings, or of changes. */
static void
json_list(strbuf *sb, const char *key, const diff_result *r, const size_t *idx,
	  size_t n, int what, int first)
{
	size_t i;

	json_key(sb, key, first);
	sb_addc(sb, '[');
	for (i = 0; i < n; i++) {
		long o;

		sb_adds(sb, i ? ",\n  " : "\n  ");
		switch (what) {
		case 0:
			json_partner(sb, &r->new_->partners[idx[i]]);
			break;
		case 1:
			json_partner(sb, &r->old->partners[idx[i]]);
			break;
		case 2:
		case 3:
			o = report_doc_partner(r->old,
					       r->new_->partners[idx[i]].id);
			sb_adds(sb, "{\"old\": ");
			json_partner(sb, &r->old->partners[o]);
			sb_adds(sb, ", \"new\": ");
			json_partner(sb, &r->new_->partners[idx[i]]);
			sb_addc(sb, '}');
			break;
		case 4:
			json_finding(sb, &r->new_->findings[idx[i]]);
			break;
		case 5:
			json_finding(sb, &r->old->findings[idx[i]]);
			break;
		default:
			sb_adds(sb, "{\"old\": ");
			json_finding(sb, &r->old->findings[r->changed_old[i]]);
			sb_adds(sb, ", \"new\": ");
			json_finding(sb, &r->new_->findings[idx[i]]);
			sb_addc(sb, '}');
			break;
		}
	}
	sb_adds(sb, n ? "\n]" : "]");
}

void
diff_print_json(strbuf *sb, const diff_result *r)
{
	sb_adds(sb, "{\"old\": {\"path\": ");
	add_json_str(sb, r->old->path);
	json_key(sb, "rules_sha256", 0);
	add_json_str(sb, r->old->rules_sha256);
	json_key(sb, "as_of", 0);
	add_json_str(sb, r->old->as_of);
	json_key(sb, "command", 0);
	add_json_str(sb, r->old->command);
	sb_adds(sb, "},\n\"new\": {\"path\": ");
	add_json_str(sb, r->new_->path);
	json_key(sb, "rules_sha256", 0);
	add_json_str(sb, r->new_->rules_sha256);
	json_key(sb, "as_of", 0);
	add_json_str(sb, r->new_->as_of);
	json_key(sb, "command", 0);
	add_json_str(sb, r->new_->command);
	sb_addf(sb,
		"},\n\"rules_changed\": %s,\n\"options_changed\": %s,\n"
		"\"compared\": [",
		r->rules_changed ? "true" : "false",
		r->options_changed ? "true" : "false");
	{
		static const struct {
			unsigned bit;
			const char *name;
		} sec[] = { { RD_PARTNERS, "partners" },
			    { RD_CONFLICTS, "conflicts" },
			    { RD_CONSORTIUM, "consortium" } };
		size_t i, k = 0;

		for (i = 0; i < 3; i++)
			if (r->compared & sec[i].bit)
				sb_addf(sb, "%s\"%s\"", k++ ? ", " : "",
					sec[i].name);
	}
	sb_adds(sb, "],\n\"partners\": {");
	json_list(sb, "added", r, r->added, r->nadded, 0, 1);
	json_list(sb, "removed", r, r->removed, r->nremoved, 1, 0);
	json_list(sb, "renamed", r, r->renamed, r->nrenamed, 2, 0);
	json_list(sb, "status_changed", r, r->restatus, r->nrestatus, 3, 0);
	sb_adds(sb, "},\n\"findings\": {");
	json_list(sb, "new", r, r->fnew, r->nfnew, 4, 1);
	json_list(sb, "resolved", r, r->resolved, r->nresolved, 5, 0);
	json_list(sb, "changed", r, r->changed, r->nchanged, 6, 0);
	sb_addf(sb,
		"},\n\"summary\": {\"added\": %zu, \"removed\": %zu, "
		"\"renamed\": %zu, \"status_changed\": %zu, \"new\": %zu, "
		"\"resolved\": %zu, \"changed\": %zu, \"unchanged\": %zu, "
		"\"regressions\": {\"fail\": %zu, \"warn\": %zu}}}\n",
		r->nadded, r->nremoved, r->nrenamed, r->nrestatus, r->nfnew,
		r->nresolved, r->nchanged, r->unchanged, r->regress_fail,
		r->regress_warn);
}
