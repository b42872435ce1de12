#ifndef PARTNERCHECK_RULES_EXTENDS_H
#define PARTNERCHECK_RULES_EXTENDS_H

#include <stddef.h>

#include "diaglist.h"
#include "rules.h"

/*
 * Layered rule sets: a rule file may say "extends" (an embedded pack by
 * name, or a file relative to itself), "override" (change a rule's value,
 * severity, bounds or wording) and "disable" (drop rules by id), and add
 * fields, checks, pair and consortium rules, contract values and lineup
 * settings.  Layers are merged as JSON into one plain rule-set document
 * before it is loaded, so rules_load's typed validation is the only one;
 * each problem still names the file (and override) that made it.  See
 * partnercheck-rules(5), "Extending a rule set".
 */

/*
 * The rule set made of the layers refs[0..n), each later one on top of
 * the ones before (as -r given more than once), then the command line's
 * check overrides sets[0..nsets) ("ID.KEY=VALUE", the text after
 * "check.").  A ref is a file, "-" for standard input, or the name of an
 * embedded pack when no file of that name exists; n == 0 is the default
 * pack.  Only the first layer may say "extends".  Returns the rule set
 * (free with rules_free), or NULL with every problem in dl.
 */
ruleset *rules_load_chain(const char *const *refs, size_t n,
			  const char *const *sets, size_t nsets, diaglist *dl);

/*
 * The resolved document of the same layers (no --set), as indented JSON
 * text that the caller frees: what `rules show` prints.  The document is
 * also loaded and validated; NULL with every problem in dl when it is not
 * a valid rule set.
 */
char *rules_show_chain(const char *const *refs, size_t n, diaglist *dl);

/* Non-zero when ref names an embedded pack rather than a file: a pack's
 * name for which no file of that name exists. */
int rules_ref_is_pack(const char *ref);

#endif
