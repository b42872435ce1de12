#ifndef PARTNERCHECK_RULE_INFO_H
#define PARTNERCHECK_RULE_INFO_H

#include <stddef.h>

#include "report.h"
#include "rules.h"

/*
 * The rule set as the report sees it (report.rules): one rule_info per
 * check, pairwise rule and consortium rule, in that order and in file
 * order within each, so that emitters can describe every rule without
 * knowing the rule set's types.
 */

/* Returns a new array of every rule of rs with its length in *n (0 and
 * NULL for a set without rules); the caller frees the array with free(),
 * the strings it points to stay rs's, so rs must outlive it. */
rule_info *rule_info_list(const ruleset *rs, size_t *n);

#endif
