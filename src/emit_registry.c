#include <stddef.h>
#include <string.h>

#include "emit_util.h"
#include "report.h"

/*
 * The table of emitters: adding a format is adding its file, which defines
 * "const emitter emit_NAME", and one row here.  Every list of format names
 * in a message or a usage text is made from this table, so none can drift
 * from it.
 */
/* One line of rows per group of formats, kept as written. */
/* clang-format off */
#define EMITTERS(X) \
	X(text) X(csv) X(tsv) X(json) X(ndjson) X(markdown) X(html) X(dot) \
	X(findings_csv) X(findings_tsv) X(findings_ndjson) \
	X(sarif) X(junit) X(github) X(tap)
/* clang-format on */

/* Each row declares its emitter here, where it is used, rather than in a
 * header that would be a second list to keep. */
#define DECLARE(name) extern const emitter emit_##name;
EMITTERS(DECLARE)

#define ROW(name) &emit_##name,
static const emitter *const emitters[] = { EMITTERS(ROW) };
#define NEMITTERS (sizeof emitters / sizeof emitters[0])

const emitter *
emitter_find(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < NEMITTERS; i++)
		if (strcmp(name, emitters[i]->name) == 0)
			return emitters[i];
	return NULL;
}

/* Joins the names of the emitters (those with a matrix only, if
 * matrix_only) into buf with ", ", and last before the final one.  The
 * names are short and few: a name that would not fit is left out rather
 * than cut. */
static const char *
join_names(char *buf, size_t size, int matrix_only, const char *last)
{
	size_t i, n = 0, k = 0, len = 0;

	for (i = 0; i < NEMITTERS; i++)
		n += !matrix_only || emitters[i]->matrix;
	buf[0] = '\0';
	for (i = 0; i < NEMITTERS; i++) {
		const char *sep = k == 0 ? "" : k + 1 == n ? last : ", ";
		size_t add;

		if (matrix_only && !emitters[i]->matrix)
			continue;
		add = strlen(sep) + strlen(emitters[i]->name);
		k++;
		if (len + add >= size)
			continue;
		memcpy(buf + len, sep, strlen(sep));
		len += strlen(sep);
		memcpy(buf + len, emitters[i]->name,
		       strlen(emitters[i]->name) + 1);
		len += strlen(emitters[i]->name);
	}
	return buf;
}

const char *
emitter_names(void)
{
	static char buf[512];

	return join_names(buf, sizeof buf, 0, ", ");
}

const char *
emitter_names_or(void)
{
	static char buf[512];

	return join_names(buf, sizeof buf, 0, " or ");
}

const char *
emitter_matrix_names(void)
{
	static char buf[512];

	return join_names(buf, sizeof buf, 1, " or ");
}
