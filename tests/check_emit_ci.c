/*
 * What the CI formats share: the escaping of XML, URI references, GitHub
 * workflow commands, TAP descriptions and YAML strings (src/emit_ci.c),
 * and the positions rules lint finds by walking a rule file along a
 * loader path (src/json_locate.c).
 */
#include <string.h>

#include "emit_ci.h"
#include "json_locate.h"
#include "strbuf.h"
#include "testutil.h"

typedef void (*adder)(strbuf *, const char *);

static void
expect(adder add, const char *in, const char *want)
{
	strbuf sb;

	sb_init(&sb);
	add(&sb, in);
	ck_assert_str_eq(sb.buf ? sb.buf : "", want);
	sb_free(&sb);
}

START_TEST(test_xml)
{
	expect(ci_add_xml, "a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&apos;");
	expect(ci_add_xml, "t\tl\nr\r", "t&#9;l&#10;r&#13;");
	expect(ci_add_xml_text, "t\tl\nr\r", "t\tl\nr&#13;");
	/* what XML 1.0 cannot hold: C0 controls, U+FFFE, U+FFFF, bad UTF-8 */
	expect(ci_add_xml,
	       "a\x01"
	       "b\x1b"
	       "c",
	       "a\xef\xbf\xbd"
	       "b\xef\xbf\xbd"
	       "c");
	expect(ci_add_xml, "\xef\xbf\xbe\xef\xbf\xbf",
	       "\xef\xbf\xbd\xef\xbf\xbd");
	expect(ci_add_xml,
	       "\xff"
	       "x\xc3",
	       "\xef\xbf\xbd"
	       "x\xef\xbf\xbd");
	expect(ci_add_xml, "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80",
	       "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80");
	expect(ci_add_xml, NULL, "");
}
END_TEST

START_TEST(test_uri)
{
	expect(ci_add_uri, "dir/partners.csv", "dir/partners.csv");
	expect(ci_add_uri, "my file #1.csv", "my%20file%20%231.csv");
	expect(ci_add_uri, "c:100%?.csv", "c%3A100%25%3F.csv");
	expect(ci_add_uri, "caf\xc3\xa9.csv", "caf%C3%A9.csv");
	expect(ci_add_uri, "a\\b", "a%5Cb");
	expect(ci_add_uri, "-", "stdin");
	expect(ci_add_uri, NULL, "stdin");
}
END_TEST

START_TEST(test_github)
{
	expect(ci_add_gh_property, "a,b:c%d\r\ne", "a%2Cb%3Ac%25d%0D%0Ae");
	expect(ci_add_gh_data, "50% a,b:c", "50%25 a,b:c");
	/* line breaks become spaces, controls and bidi controls go */
	expect(ci_add_gh_data,
	       "a\nb\rc\x1b[31md\xe2\x80\xae"
	       "e",
	       "a b c[31mde");
}
END_TEST

START_TEST(test_tap)
{
	expect(ci_add_tap_desc, "A#1 \\ x", "A\\#1 \\\\ x");
	expect(ci_add_tap_desc,
	       "a\nb\x07"
	       "c",
	       "a bc");
	expect(ci_add_yaml_str, "say \"hi\"\\\n", "\"say \\\"hi\\\"\\\\\\n\"");
	expect(ci_add_yaml_str, "x\xe2\x80\xa9y\xc2\x85z\xef\xbb\xbf",
	       "\"x\\u2029y\\u0085z\\ufeff\"");
	expect(ci_add_yaml_str, "\x01\x7f\xff", "\"\\u0001\\u007f\\ufffd\"");
	expect(ci_add_yaml_str, "caf\xc3\xa9", "\"caf\xc3\xa9\"");
	expect(ci_add_yaml_str, NULL, "\"\"");
}
END_TEST

static void
at(const char *text, const char *path, int steps, size_t line, size_t col)
{
	size_t l, c;

	ck_assert_int_eq(json_locate(text, strlen(text), path, &l, &c), steps);
	ck_assert_uint_eq(l, line);
	ck_assert_uint_eq(c, col);
}

START_TEST(test_locate)
{
	static const char doc[] =
	    "{\n"
	    "  \"fields\": { \"a.b\": \"number\", \"a\": {\"b\": 1} },\n"
	    "  \"checks\": [\n"
	    "    { \"id\": \"x\", \"op\": \">=\" },\n"
	    "    { \"id\": \"y\\\"z\", \"value\": [1, {\"k\": \"]}\"}, 3],\n"
	    "      \"op\": \"gte\" }\n"
	    "  ],\n"
	    "  \"n\\u00e9\": 1, \"caf\xc3\xa9\": 2\n"
	    "}\n";

	at(doc, "", 0, 1, 1);
	at(doc, "fields", 1, 2, 3);
	/* the longest key the path goes on with: "a.b", not "a" then "b" */
	at(doc, "fields.a.b", 2, 2, 15);
	at(doc, "fields.a", 2, 2, 32);
	at(doc, "checks[0]", 2, 4, 5);
	at(doc, "checks[0].op", 3, 4, 18);
	/* strings holding brackets and escaped quotes are skipped whole */
	at(doc, "checks[1].op", 3, 6, 7);
	at(doc, "checks[1].value[2]", 4, 5, 47);
	/* as far as the path goes: the element, then no such key */
	at(doc, "checks[1].weight", 2, 5, 5);
	at(doc, "checks[5]", 1, 3, 3);
	at(doc, "nope", 0, 1, 1);
	/* a column counts characters, not bytes */
	at(doc, "min_score", 0, 1, 1);
	at("\xef\xbb\xbf{\"a\": 1}", "a", 1, 1, 3);
	at("{\"x\": 1, \"caf\xc3\xa9\": {\"b\": 2}}", "x", 1, 1, 2);
	at("{\"\xc3\xa9\": 0, \"b\": 2}", "b", 1, 1, 10);
	/* not a path: left at the start */
	at(doc, "fields: key", -1, 1, 1);
	at(doc, "checks[x]", -1, 1, 1);
	ck_assert_int_eq(json_path_like("checks[3].op", 12), 1);
	ck_assert_int_eq(json_path_like("this is", 7), 0);
	ck_assert_int_eq(json_path_like("[1]", 3), 0);
}
END_TEST

START_TEST(test_locate_deep)
{
	/* deep nesting costs no stack: skipping is by counting brackets */
	static char doc[200020];
	size_t i, l, c;

	doc[0] = '{';
	memcpy(doc + 1, "\"a\": ", 5);
	for (i = 0; i < 100000; i++)
		doc[6 + i] = '[';
	for (i = 0; i < 100000; i++)
		doc[100006 + i] = ']';
	memcpy(doc + 200006, ", \"b\": 1}", 9);
	ck_assert_int_eq(json_locate(doc, 200015, "b", &l, &c), 1);
	ck_assert_uint_eq(l, 1);
	ck_assert_uint_eq(c, 200009);
}
END_TEST

static Suite *
emit_ci_suite(void)
{
	Suite *s = suite_create("emit_ci");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_xml);
	tcase_add_test(tc, test_uri);
	tcase_add_test(tc, test_github);
	tcase_add_test(tc, test_tap);
	tcase_add_test(tc, test_locate);
	tcase_add_test(tc, test_locate_deep);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(emit_ci_suite)
