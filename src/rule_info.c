#include <stdlib.h>

#include "rule_info.h"
#include "xalloc.h"

rule_info *
rule_info_list(const ruleset *rs, size_t *n)
{
	size_t total = rs->nchecks + rs->npairs + rs->ncons, i, k = 0;
	rule_info *ri;

	*n = total;
	if (!total)
		return NULL;
	ri = xcalloc(total, sizeof *ri);
	for (i = 0; i < rs->nchecks; i++, k++) {
		ri[k].id = rs->checks[i].id;
		ri[k].title = rs->checks[i].title;
		ri[k].category = rs->checks[i].category;
		ri[k].rationale = rs->checks[i].rationale;
		ri[k].sev = rs->checks[i].sev;
		ri[k].kind = RULE_CHECK;
	}
	for (i = 0; i < rs->npairs; i++, k++) {
		ri[k].id = rs->pairs[i].id;
		ri[k].title = rs->pairs[i].title;
		ri[k].rationale = rs->pairs[i].rationale;
		ri[k].sev = rs->pairs[i].sev;
		ri[k].kind = RULE_PAIR;
	}
	for (i = 0; i < rs->ncons; i++, k++) {
		ri[k].id = rs->cons[i].id;
		ri[k].title = rs->cons[i].title;
		ri[k].rationale = rs->cons[i].rationale;
		ri[k].sev = rs->cons[i].sev;
		ri[k].kind = RULE_CONSORTIUM;
	}
	return ri;
}
