#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "emit_ci.h"
#include "emit_util.h"
#include "json_locate.h"
#include "lint_report.h"
#include "strbuf.h"
#include "xalloc.h"

typedef enum lint_format {
	LINT_JSON,
	LINT_GCC,
	LINT_SARIF
} lint_format;

struct lint_report {
	lint_format fmt;
	FILE *out;
	size_t nfiles, nresults;
	strbuf sb;
};

/* One problem, taken apart. */
typedef struct problem {
	size_t line, col;
	const char *path; /* into a copy of the message, or "" */
	size_t pathlen;
	const char *msg;
} problem;

lint_report *
lint_report_new(const char *format, FILE *out)
{
	lint_report *lr;
	lint_format fmt;

	if (!strcmp(format, "json"))
		fmt = LINT_JSON;
	else if (!strcmp(format, "gcc"))
		fmt = LINT_GCC;
	else if (!strcmp(format, "sarif"))
		fmt = LINT_SARIF;
	else
		return NULL;
	lr = xcalloc(1, sizeof *lr);
	lr->fmt = fmt;
	lr->out = out;
	sb_init(&lr->sb);
	if (fmt == LINT_JSON)
		sb_adds(&lr->sb, "{\"files\": [");
	else if (fmt == LINT_SARIF)
		sb_adds(
		    &lr->sb,
		    "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", "
		    "\"version\": \"2.1.0\", \"runs\": [{\n\"tool\": {\"driver\": "
		    "{\"name\": \"partnercheck\", \"version\": \"" PARTNERCHECK_VERSION
		    "\", \"rules\": [\n{\"id\": \"rules.invalid\", "
		    "\"shortDescription\": {\"text\": \"the rule set is not "
		    "valid\"}, \"help\": {\"text\": \"See partnercheck-rules(5) "
		    "for the rule language.\"}, \"defaultConfiguration\": "
		    "{\"level\": \"error\"}}\n]}},\n\"columnKind\": "
		    "\"unicodeCodePoints\",\n\"results\": [");
	return lr;
}

/* Reads a decimal at *s, moving past it; 0 when there is none. */
static size_t
read_num(const char **s)
{
	size_t v = 0;

	while (**s >= '0' && **s <= '9')
		v = v * 10 + (size_t)(*(*s)++ - '0');
	return v;
}

/* Takes apart a message of the loader, which starts with label: a
 * position (":L:C: " or ":L: "), a path (": PATH: " when the text has
 * it) or neither (": "). */
static void
parse_problem(const char *m, const char *label, const char *text, size_t len,
	      problem *p)
{
	size_t ll = strlen(label);

	p->line = p->col = 1;
	p->path = "";
	p->pathlen = 0;
	p->msg = m;
	if (strncmp(m, label, ll) != 0)
		return;
	m += ll;
	if (m[0] == ':' && m[1] >= '0' && m[1] <= '9') {
		const char *s = m + 1;
		size_t line = read_num(&s), col = 1;

		if (*s == ':' && s[1] >= '0' && s[1] <= '9') {
			s++;
			col = read_num(&s);
		}
		if (*s == ':' && s[1] == ' ') {
			p->line = line ? line : 1;
			p->col = col ? col : 1;
			p->msg = s + 2;
		}
		return;
	}
	if (m[0] != ':' || m[1] != ' ')
		return;
	m += 2;
	p->msg = m;
	{
		const char *end = strstr(m, ": ");
		size_t n = end ? (size_t)(end - m) : 0;
		char *path;
		size_t line, col;

		if (!n || !json_path_like(m, n) || !text)
			return;
		path = xmalloc(n + 1);
		memcpy(path, m, n);
		path[n] = '\0';
		if (json_locate(text, len, path, &line, &col) > 0) {
			p->line = line;
			p->col = col;
			p->path = m;
			p->pathlen = n;
			p->msg = end + 2;
		}
		free(path);
	}
}

static void
add_json_n(strbuf *sb, const char *s, size_t n)
{
	char *copy = xmalloc(n + 1);

	memcpy(copy, s, n);
	copy[n] = '\0';
	add_json_str(sb, copy);
	free(copy);
}

void
lint_report_file(lint_report *lr, const char *label, const char *path,
		 const char *text, size_t len, const diaglist *dl)
{
	strbuf *sb = &lr->sb;
	strbuf uri;
	size_t i;

	sb_init(&uri);
	ci_add_uri(&uri, path);
	if (lr->fmt == LINT_JSON) {
		sb_adds(sb, lr->nfiles ? ",\n{\"file\": " : "\n{\"file\": ");
		add_json_str(sb, label);
		sb_addf(sb, ", \"ok\": %s, \"problems\": [",
			dl->n ? "false" : "true");
	}
	for (i = 0; i < dl->n; i++) {
		problem p;

		parse_problem(dl->msgs[i], label, text, len, &p);
		switch (lr->fmt) {
		case LINT_GCC:
			sb_addf(sb, "%s:%zu:%zu: error: ", label, p.line,
				p.col);
			if (p.pathlen) {
				sb_add(sb, p.path, p.pathlen);
				sb_adds(sb, ": ");
			}
			sb_adds(sb, p.msg);
			sb_addc(sb, '\n');
			break;
		case LINT_JSON:
			sb_adds(sb, i ? ",\n{\"file\": " : "\n{\"file\": ");
			add_json_str(sb, label);
			sb_addf(sb,
				", \"line\": %zu, \"column\": %zu, "
				"\"path\": ",
				p.line, p.col);
			add_json_n(sb, p.path, p.pathlen);
			sb_adds(sb, ", \"severity\": \"error\", \"message\": ");
			add_json_str(sb, p.msg);
			sb_addc(sb, '}');
			break;
		case LINT_SARIF:
			sb_adds(sb, lr->nresults++ ? ",\n" : "\n");
			sb_adds(sb, "{\"ruleId\": \"rules.invalid\", "
				    "\"ruleIndex\": 0, \"level\": \"error\", "
				    "\"message\": {\"text\": ");
			add_json_str(sb, p.msg);
			sb_adds(sb, "}, \"locations\": [{\"physicalLocation\": "
				    "{\"artifactLocation\": {\"uri\": ");
			add_json_str(sb, uri.buf);
			sb_addf(sb,
				"}, \"region\": {\"startLine\": %zu, "
				"\"startColumn\": %zu}}",
				p.line, p.col);
			if (p.pathlen) {
				sb_adds(sb, ", \"logicalLocations\": "
					    "[{\"fullyQualifiedName\": ");
				add_json_n(sb, p.path, p.pathlen);
				sb_adds(sb, "}]");
			}
			sb_adds(sb, "}]}");
			break;
		}
	}
	if (lr->fmt == LINT_JSON)
		sb_adds(sb, dl->n ? "\n]}" : "]}");
	lr->nfiles++;
	sb_write(sb, lr->out);
	sb_free(&uri);
}

void
lint_report_free(lint_report *lr)
{
	if (!lr)
		return;
	if (lr->fmt == LINT_JSON)
		sb_adds(&lr->sb, lr->nfiles ? "\n]}\n" : "]}\n");
	else if (lr->fmt == LINT_SARIF)
		sb_adds(&lr->sb, lr->nresults ? "\n]\n}]}\n" : "]\n}]}\n");
	sb_write(&lr->sb, lr->out);
	sb_free(&lr->sb);
	free(lr);
}
