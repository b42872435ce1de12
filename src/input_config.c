#include <stddef.h>

#include "input_config.h"

/* A column flag: NULL when not given (the rule set's column stands),
 * "" to have none. */
static const char *
column(const char *flag, const char *rule)
{
	if (!flag)
		return rule;
	return *flag ? flag : NULL;
}

void
input_config_resolve(input_config *ic, const ruleset *rs, const cli *c)
{
	ic->delimiter = rs->delimiter;
	ic->enc = rs->enc;
	ic->id_column = rs->id_column;
	ic->name_column = rs->name_column;
	if (!c)
		return;
	if (c->delimiter)
		ic->delimiter = (char)c->delimiter;
	if (c->encoding >= 0)
		ic->enc = (encoding)c->encoding;
	ic->id_column = column(c->id_column, rs->id_column);
	ic->name_column = column(c->name_column, rs->name_column);
}
