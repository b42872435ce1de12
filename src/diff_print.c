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

/* "B2 viability.reserves", "A1 C3 conflict.lead" or "consortium.size". */
static void
finding_key(strbuf *sb, const rfinding *f, esc_fn esc)
{
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
	esc(sb, f->severity);
	if (f->outcome && strcmp(f->outcome, "fail")) {
		sb_adds(sb, ", ");
		esc(sb, f->outcome);
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
		esc(sb, o->severity);
		sb_adds(sb, " -> ");
		esc(sb, n->severity);
		sep = ", ";
	}
	if (o->outcome && n->outcome && strcmp(o->outcome, n->outcome)) {
		sb_addf(sb, "%soutcome ", sep);
		esc(sb, o->outcome);
		sb_adds(sb, " -> ");
		esc(sb, n->outcome);
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

/* One list: its lines, each "prefix item", in text or markdown. */
static void
lines(strbuf *sb, const char *prefix, const diff_result *r, int md,
      const size_t *idx, size_t n, int what)
{
	esc_fn esc = md ? esc_md : esc_text;
	size_t i;

	for (i = 0; i < n; i++) {
		sb_adds(sb, prefix);
		switch (what) {
		case 0: /* added */
			partner_text(sb, &r->new_->partners[idx[i]], esc);
			sb_adds(sb, " added: ");
			esc(sb, r->new_->partners[idx[i]].status);
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
			esc(sb, r->old->partners[o].status);
			sb_adds(sb, " -> ");
			esc(sb, p->status);
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
		sb_adds(sb, md ? "\n" : "\n");
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
	lines(sb, "+ partner ", r, 0, r->added, r->nadded, 0);
	lines(sb, "- partner ", r, 0, r->removed, r->nremoved, 1);
	lines(sb, "~ partner ", r, 0, r->renamed, r->nrenamed, 2);
	lines(sb, "~ partner ", r, 0, r->restatus, r->nrestatus, 3);
	lines(sb, "+ ", r, 0, r->fnew, r->nfnew, 4);
	lines(sb, "- ", r, 0, r->resolved, r->nresolved, 5);
	lines(sb, "~ ", r, 0, r->changed, r->nchanged, 6);
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
	lines(sb, "- ", r, 1, idx, n, what);
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
	sb_adds(sb, "},\n\"new\": {\"path\": ");
	add_json_str(sb, r->new_->path);
	json_key(sb, "rules_sha256", 0);
	add_json_str(sb, r->new_->rules_sha256);
	json_key(sb, "as_of", 0);
	add_json_str(sb, r->new_->as_of);
	sb_addf(sb, "},\n\"rules_changed\": %s,\n\"partners\": {",
		r->rules_changed ? "true" : "false");
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
