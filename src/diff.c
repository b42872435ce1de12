#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "xalloc.h"

static void
push(size_t **v, size_t *n, size_t x)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = x;
}

static int
str_differs(const char *a, const char *b)
{
	if (!a || !b)
		return a != b;
	return strcmp(a, b) != 0;
}

/* Whether f counts against the run at sev: not waived, at that level. */
static int
counts_at(const rfinding *f, const char *sev)
{
	return f->severity && !strcmp(f->severity, sev) &&
	       !(f->outcome && !strcmp(f->outcome, "waived"));
}

static void
compare_partners(diff_result *r, const report_doc *old, const report_doc *nw)
{
	size_t i;

	for (i = 0; i < nw->npartners; i++) {
		const rpartner *p = &nw->partners[i];
		long o = report_doc_partner(old, p->id);

		if (o < 0) {
			push(&r->added, &r->nadded, i);
			continue;
		}
		if (str_differs(old->partners[o].name, p->name))
			push(&r->renamed, &r->nrenamed, i);
		if (str_differs(old->partners[o].status, p->status))
			push(&r->restatus, &r->nrestatus, i);
	}
	for (i = 0; i < old->npartners; i++)
		if (report_doc_partner(nw, old->partners[i].id) < 0)
			push(&r->removed, &r->nremoved, i);
}

/* Whether a finding of this kind is in a section both reports have. */
static int
compared(const diff_result *r, rkind kind)
{
	static const unsigned bit[] = { [RK_PARTNER] = RD_PARTNERS,
					[RK_CONFLICT] = RD_CONFLICTS,
					[RK_CONSORTIUM] = RD_CONSORTIUM };

	return (r->compared & bit[kind]) != 0;
}

static void
compare_findings(diff_result *r, const report_doc *old, const report_doc *nw)
{
	size_t i;

	for (i = 0; i < nw->nfindings; i++) {
		const rfinding *f = &nw->findings[i];
		long o;
		const rfinding *of;

		if (!compared(r, f->kind))
			continue;
		o = report_doc_find(old, f->kind, f->id, f->other, f->rule);
		of = o >= 0 ? &old->findings[o] : NULL;
		if (!of) {
			push(&r->fnew, &r->nfnew, i);
		} else if (str_differs(of->severity, f->severity) ||
			   str_differs(of->value, f->value) ||
			   str_differs(of->outcome, f->outcome)) {
			push(&r->changed, &r->nchanged, i);
			r->changed_old = xrealloc(r->changed_old,
						  r->nchanged *
						      sizeof *r->changed_old);
			r->changed_old[r->nchanged - 1] = (size_t)o;
		} else {
			r->unchanged++;
		}
		/* a regression: at the level now, and not at it before */
		if (counts_at(f, "fail") && !(of && counts_at(of, "fail")))
			r->regress_fail++;
		if (counts_at(f, "warn") && !(of && counts_at(of, "warn")))
			r->regress_warn++;
	}
	for (i = 0; i < old->nfindings; i++) {
		const rfinding *f = &old->findings[i];

		if (compared(r, f->kind) &&
		    report_doc_find(nw, f->kind, f->id, f->other, f->rule) < 0)
			push(&r->resolved, &r->nresolved, i);
	}
}

void
diff_compute(diff_result *r, const report_doc *old, const report_doc *new_)
{
	memset(r, 0, sizeof *r);
	r->old = old;
	r->new_ = new_;
	r->rules_changed = old->rules_sha256 && new_->rules_sha256 &&
			   strcmp(old->rules_sha256, new_->rules_sha256) != 0;
	r->options_changed = old->options && new_->options &&
			     strcmp(old->options, new_->options) != 0;
	r->compared = old->sections & new_->sections;
	r->sections_differ = old->sections != new_->sections;
	if (r->compared & RD_PARTNERS)
		compare_partners(r, old, new_);
	compare_findings(r, old, new_);
}

void
diff_free(diff_result *r)
{
	if (!r)
		return;
	free(r->added);
	free(r->removed);
	free(r->renamed);
	free(r->restatus);
	free(r->fnew);
	free(r->resolved);
	free(r->changed);
	free(r->changed_old);
	memset(r, 0, sizeof *r);
}
