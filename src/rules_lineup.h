#ifndef PARTNERCHECK_RULES_LINEUP_H
#define PARTNERCHECK_RULES_LINEUP_H

#include "rules.h"
#include <cjson/cJSON.h>

/*
 * The rule language's line-up additions, read by the loader: the
 * "lineup" section (size, penalty.warn, penalty.info) and each pairwise
 * and consortium rule's "penalty".  Fills rs->lineup (defaults when the
 * section is absent) and the rules' penalties; rs->pairs and rs->cons must
 * already be loaded from the same root.  Returns the number of problems
 * added to dl, each "LABEL: PATH: message" as the loader writes them.
 */
int rules_lineup_load(const char *label, const cJSON *root, ruleset *rs,
		      diaglist *dl);

#endif
