#include <cjson/cJSON.h>
#include <string.h>

#include "packs.h"
#include "xalloc.h"

/*
 * The registry of embedded packs.  The rows themselves are generated
 * (tools/embed_packs.sh writes pack_sources); this file only reads them.
 */

const pack_source *
pack_find(const char *name)
{
	const pack_source *p;

	if (!name)
		return NULL;
	for (p = pack_sources; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

size_t
pack_count(void)
{
	size_t n = 0;

	while (pack_sources[n].name)
		n++;
	return n;
}

char *
pack_description(const pack_source *p)
{
	cJSON *root = cJSON_Parse(p->json);
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(root, "description");
	char *s = cJSON_IsString(d) ? xstrdup(d->valuestring) : NULL;

	cJSON_Delete(root);
	return s;
}

const char **
pack_names(void)
{
	size_t n = pack_count(), i;
	const char **v = xcalloc(n + 1, sizeof *v);

	for (i = 0; i < n; i++)
		v[i] = pack_sources[i].name;
	return v;
}
