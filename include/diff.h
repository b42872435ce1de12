#ifndef PARTNERCHECK_DIFF_H
#define PARTNERCHECK_DIFF_H

#include <stddef.h>

#include "report_read.h"

/*
 * What changed between two -f json reports (partnercheck diff OLD NEW):
 * partners added, removed, renamed (same id, another name) and with
 * another status; findings new, resolved and changed (another severity
 * or value), keyed as report_read.h keys them.  Indices point into the
 * two documents, which must outlive the result.
 */

typedef struct diff_result {
	const report_doc *old, *new_;
	int rules_changed;     /* both have a rule set sha256 and they differ */
	size_t *added, nadded; /* new_->partners */
	size_t *removed, nremoved;   /* old->partners */
	size_t *renamed, nrenamed;   /* new_->partners, name differs */
	size_t *restatus, nrestatus; /* new_->partners, status differs */
	size_t *fnew, nfnew;         /* new_->findings */
	size_t *resolved, nresolved; /* old->findings */
	size_t *changed, nchanged;   /* new_->findings; changed_old: old's */
	size_t *changed_old;
	size_t unchanged;
	/* new findings (or changed to the level) at fail and at warn, not
	 * waived: what --fail-on judges */
	size_t regress_fail, regress_warn;
	/* The sections compared (RD_* bits): those both reports have.  A
	 * screen report has no conflicts: compared with a check report, its
	 * conflicts are neither new nor a regression, and a conflicts
	 * report's missing partners are not removed.  sections_differ is 1
	 * when either report has a section the other has not. */
	unsigned compared;
	int sections_differ;
	/* both reports give their verdict-changing options (meta.options:
	 * --set, --waivers, --severity, --max-conflicts, --missing-columns)
	 * and they differ */
	int options_changed;
} diff_result;

/* Compares old with new_ into *r (zeroed first); free with diff_free. */
void diff_compute(diff_result *r, const report_doc *old,
		  const report_doc *new_);

/* Frees the index arrays of r (not the documents); NULL is a no-op. */
void diff_free(diff_result *r);

#endif
