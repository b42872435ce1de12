#include <string.h>

#include "emit_ci.h"
#include "emit_util.h"
#include "utf8.h"

const char *
ci_sarif_level(severity s)
{
	return s == SEV_FAIL ? "error" : s == SEV_WARN ? "warning" : "note";
}

int
ci_has_baseline(const report *r)
{
	return r->meta && r->meta->baseline;
}

const char *
ci_github_level(severity s)
{
	return s == SEV_FAIL ? "error" : s == SEV_WARN ? "warning" : "notice";
}

const rule_info *
ci_rule_find(const report *r, const char *id, size_t *index)
{
	size_t i;

	if (!id)
		return NULL;
	for (i = 0; i < r->nrules; i++)
		if (r->rules[i].id && !strcmp(r->rules[i].id, id)) {
			*index = i;
			return &r->rules[i];
		}
	return NULL;
}

/* U+FFFD, what XML gets for what it cannot hold. */
#define REPLACEMENT "\xef\xbf\xbd"

/* keep_lines: tab and LF as themselves (element content). */
static void
add_xml(strbuf *sb, const char *s, int keep_lines)
{
	size_t n, i = 0;

	if (!s)
		return;
	n = strlen(s);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k;

		switch (c) {
		case '&':
			sb_adds(sb, "&amp;");
			break;
		case '<':
			sb_adds(sb, "&lt;");
			break;
		case '>':
			sb_adds(sb, "&gt;");
			break;
		case '"':
			sb_adds(sb, "&quot;");
			break;
		case '\'':
			sb_adds(sb, "&apos;");
			break;
		case '\t':
		case '\n':
			if (keep_lines) {
				sb_addc(sb, (char)c);
				break;
			}
			/* fall through */
		case '\r':
			sb_addf(sb, "&#%d;", c);
			break;
		default:
			if (c < 0x20) {
				sb_adds(sb, REPLACEMENT);
				break;
			}
			if (c < 0x80) {
				sb_addc(sb, (char)c);
				break;
			}
			k = utf8_seq_len(s + i, n - i);
			/* U+FFFE and U+FFFF are EF BF BE and EF BF BF. */
			if (k == 0 || (k == 3 && c == 0xef &&
				       (unsigned char)s[i + 1] == 0xbf &&
				       (unsigned char)s[i + 2] >= 0xbe)) {
				sb_adds(sb, REPLACEMENT);
				i += k ? k : 1;
				continue;
			}
			sb_add(sb, s + i, k);
			i += k;
			continue;
		}
		i++;
	}
}

void
ci_add_xml(strbuf *sb, const char *s)
{
	add_xml(sb, s, 0);
}

void
ci_add_xml_text(strbuf *sb, const char *s)
{
	add_xml(sb, s, 1);
}

void
ci_add_uri(strbuf *sb, const char *path)
{
	static const char keep[] = "-._~/!$&'()*+;=@";
	const unsigned char *p = (const unsigned char *)path;

	if (!path || !strcmp(path, "-")) {
		sb_adds(sb, "stdin");
		return;
	}
	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p))
			sb_addc(sb, (char)*p);
		else
			sb_addf(sb, "%%%02X", *p);
	}
}

/* Percent-encodes the bytes of s found in set, copying the rest. */
static void
add_percent(strbuf *sb, const char *s, const char *set)
{
	if (!s)
		return;
	for (; *s; s++) {
		if (strchr(set, *s))
			sb_addf(sb, "%%%02X", (unsigned char)*s);
		else
			sb_addc(sb, *s);
	}
}

void
ci_add_gh_property(strbuf *sb, const char *s)
{
	add_percent(sb, s, "%\r\n:,");
}

void
ci_add_gh_data(strbuf *sb, const char *s)
{
	strbuf t;

	sb_init(&t);
	add_term(&t, s);
	add_percent(sb, t.buf, "%\r\n");
	sb_free(&t);
}

void
ci_add_tap_desc(strbuf *sb, const char *s)
{
	strbuf t;
	size_t i;

	sb_init(&t);
	add_term(&t, s);
	for (i = 0; i < t.len; i++) {
		if (t.buf[i] == '\\' || t.buf[i] == '#')
			sb_addc(sb, '\\');
		sb_addc(sb, t.buf[i]);
	}
	sb_free(&t);
}

/* The code point of the well-formed sequence s[0..k). */
static unsigned long
code_point(const unsigned char *s, size_t k)
{
	static const unsigned char lead_mask[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	unsigned long cp = s[0] & lead_mask[k];
	size_t i;

	for (i = 1; i < k; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return cp;
}

void
ci_add_yaml_str(strbuf *sb, const char *s)
{
	size_t n, i = 0;

	sb_addc(sb, '"');
	n = s ? strlen(s) : 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k;
		unsigned long cp;

		if (c < 0x80) {
			if (c == '"' || c == '\\') {
				sb_addc(sb, '\\');
				sb_addc(sb, (char)c);
			} else if (c == '\n') {
				sb_adds(sb, "\\n");
			} else if (c == '\r') {
				sb_adds(sb, "\\r");
			} else if (c == '\t') {
				sb_adds(sb, "\\t");
			} else if (c < 0x20 || c == 0x7f) {
				sb_addf(sb, "\\u%04x", c);
			} else {
				sb_addc(sb, (char)c);
			}
			i++;
			continue;
		}
		k = utf8_seq_len(s + i, n - i);
		if (!k) {
			sb_adds(sb, "\\ufffd");
			i++;
			continue;
		}
		cp = code_point((const unsigned char *)s + i, k);
		/* C1 controls (NEL a line break), the line and paragraph
		 * separators, the byte order mark and the non-characters
		 * U+FFFE and U+FFFF are not printable YAML, or break it. */
		if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
		    cp == 0x2029 || cp == 0xfeff || cp == 0xfffe ||
		    cp == 0xffff)
			sb_addf(sb, "\\u%04lx", cp);
		else
			sb_add(sb, s + i, k);
		i += k;
	}
	sb_addc(sb, '"');
}
