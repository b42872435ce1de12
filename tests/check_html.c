#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_html.h"
#include "graph.h"
#include "html_esc.h"
#include "strbuf.h"
#include "testutil.h"

/* The HTML escaping (html_esc.c) and the conflict graph's model and
 * writers (graph.c, graph_dot.c, graph_svg.c); the size of a pool's HTML
 * report, made by the binary (PARTNERCHECK) from pools that tools/genpool
 * (GENPOOL, set by the Makefile) writes. */

#ifndef GENPOOL
#define GENPOOL "build/genpool"
#endif

static const char *
esc(strbuf *sb, const char *s)
{
	sb_reset(sb);
	html_add(sb, s);
	return sb->buf;
}

START_TEST(test_escape_markup)
{
	strbuf sb;

	sb_init(&sb);
	ck_assert_str_eq(esc(&sb, "<script>alert(1)</script>"),
			 "&lt;script&gt;alert(1)&lt;/script&gt;");
	ck_assert_str_eq(esc(&sb, "\"onmouseover=alert(1) x='"),
			 "&quot;onmouseover=alert(1) x=&#39;");
	ck_assert_str_eq(esc(&sb, "A&B &amp;"), "A&amp;B &amp;amp;");
	ck_assert_str_eq(esc(&sb, "plain text"), "plain text");
	ck_assert_str_eq(esc(&sb, ""), "");
	ck_assert_str_eq(esc(&sb, NULL), "");
	/* UTF-8 text passes through. */
	ck_assert_str_eq(esc(&sb, "\xc2\xa3"
				  "1,000 \xe5\x90\x8d \xf0\x9f\x8e\x89"),
			 "\xc2\xa3"
			 "1,000 \xe5\x90\x8d \xf0\x9f\x8e\x89");
	sb_free(&sb);
}
END_TEST

START_TEST(test_escape_drops_what_parsers_reject)
{
	strbuf sb;

	sb_init(&sb);
	/* C0 controls but tab and LF; CR becomes a space; DEL, C1. */
	ck_assert_str_eq(esc(&sb, "a\x01"
				  "b\x1f"
				  "c\td\ne\rf\x7fg"),
			 "abc\td\ne fg");
	ck_assert_str_eq(esc(&sb, "a\xc2\x85"
				  "b\xc2\x9f"
				  "c\xc2\xa0"
				  "d"),
			 "abc\xc2\xa0"
			 "d");
	/* Bidirectional controls and noncharacters. */
	ck_assert_str_eq(esc(&sb, "x\xe2\x80\xae"
				  "y\xe2\x81\xa6"
				  "z"),
			 "xyz");
	ck_assert_str_eq(esc(&sb, "x\xef\xb7\x90"
				  "y\xef\xbf\xbe"
				  "z"),
			 "xyz");
	/* Invalid UTF-8: a stray byte, an overlong form, a surrogate. */
	ck_assert_str_eq(esc(&sb, "a\xff"
				  "b"),
			 "a\xef\xbf\xbd"
			 "b");
	ck_assert_str_eq(esc(&sb, "\xc0\xbc"), "\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert_str_eq(esc(&sb, "\xed\xa0\x80"),
			 "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* A sequence cut short at the end of the length. */
	sb_reset(&sb);
	html_add_n(&sb, "ab\xe5\x90", 4);
	ck_assert_str_eq(sb.buf, "ab\xef\xbf\xbd\xef\xbf\xbd");
	/* A NUL byte inside a length is dropped. */
	sb_reset(&sb);
	html_add_n(&sb, "a\0b", 3);
	ck_assert_str_eq(sb.buf, "ab");
	sb_free(&sb);
}
END_TEST

START_TEST(test_html_ids)
{
	strbuf sb;

	sb_init(&sb);
	html_add_id(&sb, "p-", "HHT");
	ck_assert_str_eq(sb.buf, "p-HHT");
	sb_reset(&sb);
	html_add_id(&sb, "p-", "a b\"<.");
	ck_assert_str_eq(sb.buf, "p-a.20b.22.3c.2e");
	/* "a.20b" must not meet "a b". */
	sb_reset(&sb);
	html_add_id(&sb, "p-", "a.20b");
	ck_assert_str_eq(sb.buf, "p-a.2e20b");
	sb_reset(&sb);
	html_add_id(&sb, "r-", NULL);
	ck_assert_str_eq(sb.buf, "r-");
	sb_free(&sb);
}
END_TEST

START_TEST(test_graph_model)
{
	graph *g = graph_new();
	size_t e;

	ck_assert_uint_eq(graph_node_add(g, "A", "Alpha", ST_PASS), 0);
	ck_assert_uint_eq(graph_node_add(g, "B", NULL, ST_FAIL), 1);
	/* Again: same place, name and status updated. */
	ck_assert_uint_eq(graph_node_add(g, "A", "Alpha Ltd", GRAPH_NO_STATUS),
			  0);
	ck_assert_str_eq(g->nodes[0].name, "Alpha Ltd");
	ck_assert_int_eq(g->nodes[0].st, ST_PASS);
	/* Findings of one pair, in either order, make one edge. */
	e = graph_edge_add(g, "B", "A", SEV_INFO, "r.one");
	ck_assert_uint_eq(e, 0);
	ck_assert_uint_eq(graph_edge_add(g, "A", "B", SEV_FAIL, "r.two"), 0);
	ck_assert_uint_eq(graph_edge_add(g, "A", "B", SEV_WARN, "r.one"), 0);
	ck_assert_uint_eq(g->nedges, 1);
	ck_assert_uint_eq(g->edges[0].a, 0);
	ck_assert_uint_eq(g->edges[0].b, 1);
	ck_assert_int_eq(g->edges[0].sev, SEV_FAIL);
	ck_assert_uint_eq(g->edges[0].n, 3);
	ck_assert_str_eq(g->edges[0].rules, "r.one, r.two");
	/* A rule whose id is a prefix of one listed is still added. */
	graph_edge_add(g, "A", "B", SEV_WARN, "r.");
	ck_assert_str_eq(g->edges[0].rules, "r.one, r.two, r.");
	/* An unknown partner becomes a node without status. */
	ck_assert_uint_eq(graph_edge_add(g, "C", "A", SEV_WARN, "r.three"), 1);
	ck_assert_uint_eq(g->nnodes, 3);
	ck_assert_int_eq(g->nodes[2].st, GRAPH_NO_STATUS);
	ck_assert_str_eq(graph_status_word(g->nodes[2].st), "not screened");
	/* A partner with itself is no edge. */
	ck_assert_uint_eq(graph_edge_add(g, "C", "C", SEV_FAIL, "r"),
			  (size_t)-1);
	ck_assert_uint_eq(g->nedges, 2);
	graph_free(g);
	graph_free(NULL);
}
END_TEST

START_TEST(test_graph_many_nodes)
{
	graph *g = graph_new();
	char a[16], b[16];
	size_t i;

	/* Enough to grow the tables several times. */
	for (i = 0; i < 5000; i++) {
		snprintf(a, sizeof a, "P%zu", i);
		graph_node_add(g, a, NULL, ST_PASS);
	}
	for (i = 0; i + 1 < 5000; i++) {
		snprintf(a, sizeof a, "P%zu", i);
		snprintf(b, sizeof b, "P%zu", i + 1);
		graph_edge_add(g, a, b, SEV_WARN, "w");
		graph_edge_add(g, b, a, SEV_WARN, "w");
	}
	ck_assert_uint_eq(g->nnodes, 5000);
	ck_assert_uint_eq(g->nedges, 4999);
	ck_assert_uint_eq(graph_node_add(g, "P4321", NULL, GRAPH_NO_STATUS),
			  4321);
	graph_free(g);
}
END_TEST

START_TEST(test_graph_view)
{
	graph *g = graph_new();
	graph_view v;
	char a[16];
	size_t i;

	graph_node_add(g, "A", NULL, ST_PASS);
	graph_node_add(g, "B", NULL, ST_FAIL);
	graph_node_add(g, "C", NULL, ST_WARN);
	graph_edge_add(g, "A", "B", SEV_FAIL, "f");
	graph_edge_add(g, "B", "C", SEV_WARN, "w");
	graph_edge_add(g, "A", "C", SEV_INFO, "i");
	graph_view_make(&v, g);
	/* Small: every partner; info edges below the default warn. */
	ck_assert_uint_eq(v.nnodes, 3);
	ck_assert_uint_eq(v.nedges, 2);
	ck_assert_uint_eq(v.below, 1);
	ck_assert_int_eq(v.fail_only, 0);
	ck_assert_uint_eq(v.left_out, 0);
	graph_view_free(&v);
	/* Past max_nodes: only partners with a fail edge, fail edges only. */
	g->max_nodes = 2;
	graph_view_make(&v, g);
	ck_assert_int_eq(v.fail_only, 1);
	ck_assert_uint_eq(v.nnodes, 2);
	ck_assert_uint_eq(v.nodes[0], 0);
	ck_assert_uint_eq(v.nodes[1], 1);
	ck_assert_uint_eq(v.pos[2], (size_t)-1);
	ck_assert_uint_eq(v.nedges, 1);
	ck_assert_uint_eq(v.left_out, 1);
	graph_view_free(&v);
	/* A pool with fail edges everywhere draws at most 60. */
	for (i = 0; i < 200; i++) {
		snprintf(a, sizeof a, "X%zu", i);
		graph_edge_add(g, a, "A", SEV_FAIL, "f");
	}
	graph_view_make(&v, g);
	ck_assert_uint_eq(v.nnodes, 60);
	ck_assert_uint_eq(v.left_out, g->nnodes - 60);
	graph_view_free(&v);
	graph_view_free(NULL);
	graph_free(g);
}
END_TEST

START_TEST(test_graph_dot)
{
	graph *g = graph_new();
	strbuf sb;

	sb_init(&sb);
	graph_node_add(g, "back\\slash\"q", "two\nlines", ST_FAIL);
	graph_edge_add(g, "back\\slash\"q", "x\x01y", SEV_FAIL, "r\"1");
	graph_write_dot(&sb, g, "t\"itle");
	ck_assert_str_eq(
	    sb.buf,
	    "graph \"t\\\"itle\" {\n"
	    "\tgraph [fontname=\"sans-serif\", overlap=false, "
	    "splines=true];\n"
	    "\tnode [fontname=\"sans-serif\", style=filled];\n"
	    "\tedge [fontname=\"sans-serif\", fontsize=10];\n"
	    "\t\"back\\\\slash\\\"q\" [label=\"back\\\\slash\\\"q\\ntwo lines"
	    "\\n(fail)\", shape=box, fillcolor=\"#fbe3e3\", "
	    "color=\"#b3261e\"];\n"
	    "\t\"x y\" [label=\"x y\", shape=ellipse, fillcolor=\"#ffffff\", "
	    "color=\"#424242\"];\n"
	    "\t\"back\\\\slash\\\"q\" -- \"x y\" [label=\"fail: r\\\"1\", "
	    "color=\"#b3261e\", style=solid, penwidth=2.5];\n"
	    "}\n");
	sb_free(&sb);
	graph_free(g);
}
END_TEST

START_TEST(test_graph_svg_escapes)
{
	graph *g = graph_new();
	strbuf sb;

	sb_init(&sb);
	graph_node_add(g, "<script>", "\"onmouseover=x", ST_WARN);
	graph_edge_add(g, "<script>", "a&b", SEV_FAIL, "<r>");
	graph_write_svg(&sb, g, "cg");
	ck_assert_ptr_null(strstr(sb.buf, "<script"));
	ck_assert_ptr_null(strstr(sb.buf, "\"onmouseover"));
	ck_assert_ptr_null(strstr(sb.buf, "a&b"));
	ck_assert_ptr_nonnull(strstr(sb.buf, "&lt;script&gt;"));
	ck_assert_ptr_nonnull(strstr(sb.buf, "&quot;onmouseover=x"));
	ck_assert_ptr_nonnull(strstr(sb.buf, "(&lt;r&gt;)"));
	ck_assert_ptr_nonnull(strstr(sb.buf, "aria-labelledby=\"cg-t cg-d\""));
	ck_assert_ptr_nonnull(
	    strstr(sb.buf, "2 partners drawn, 1 fail-level and 0 warn-level"));
	ck_assert(strncmp(sb.buf, "<svg ", 5) == 0);
	ck_assert_str_eq(sb.buf + sb.len - 6, "</svg>");
	/* An empty graph still says something. */
	graph_free(g);
	g = graph_new();
	sb_reset(&sb);
	graph_write_svg(&sb, g, "e");
	ck_assert_ptr_nonnull(strstr(sb.buf, "No partners to draw"));
	sb_free(&sb);
	graph_free(g);
}
END_TEST

/* The policy names the sort script by its SHA-256 in base64 (known
 * vectors: "" and "abc"), and the script stays polyglot: no '<' or '&'
 * that an XML parser of the page would trip on. */
START_TEST(test_script_hash)
{
	strbuf sb;

	sb_init(&sb);
	html_add_script_hash(&sb, "");
	ck_assert_str_eq(
	    sb.buf, "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
	sb_reset(&sb);
	html_add_script_hash(&sb, "abc");
	ck_assert_str_eq(
	    sb.buf, "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='");
	sb_reset(&sb);
	html_head_script(&sb, "t", "abc");
	ck_assert_ptr_nonnull(
	    strstr(sb.buf, "form-action 'none'; script-src "
			   "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/"
			   "YfIAFa0='\"/>"));
	sb_reset(&sb);
	html_head(&sb, "t");
	ck_assert_ptr_null(strstr(sb.buf, "script-src"));
	ck_assert_ptr_null(strpbrk(html_sort_script, "<&"));
	sb_free(&sb);
}
END_TEST

/* The bytes `partnercheck CMD -f html` writes for a pool of n partners. */
static long
report_bytes(const char *pc, const char *cmd, int n)
{
	char line[1024];
	long bytes = -1;
	FILE *p;

	snprintf(line, sizeof line,
		 "%s %d 42 | %s %s --as-of 2026-11-25 -f html - | wc -c",
		 GENPOOL, n, pc, cmd);
	p = popen(line, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(fscanf(p, "%ld", &bytes), 1);
	pclose(p);
	return bytes;
}

/* The promise: a report on 500 partners under 1 MB, on 10,000
 * under 10 MB (screen keeps cards to those that did not pass; check of a
 * pool keeps its lists to fail-level findings).  A report that is cut
 * short would pass a size limit too: each must also end its document. */
START_TEST(test_pool_report_sizes)
{
	const char *pc = getenv("PARTNERCHECK");
	long s500, s10k, c500;
	char line[512];

	ck_assert_msg(pc != NULL, "set PARTNERCHECK to the binary");
	s500 = report_bytes(pc, "screen", 500);
	s10k = report_bytes(pc, "screen", 10000);
	c500 = report_bytes(pc, "check", 500);
	fprintf(stderr,
		"html sizes: screen 500 %ld, screen 10000 %ld, "
		"check 500 %ld bytes\n",
		s500, s10k, c500);
	ck_assert_int_gt(s500, 100000);
	ck_assert_int_lt(s500, 1000000);
	ck_assert_int_gt(s10k, 1000000);
	ck_assert_int_lt(s10k, 10000000);
	ck_assert_int_gt(c500, 100000);
	ck_assert_int_lt(c500, 1000000);
	snprintf(line, sizeof line,
		 "%s 10000 42 | %s screen --as-of 2026-11-25 -f html - | "
		 "tail -n 1 | grep -qx '</html>'",
		 GENPOOL, pc);
	ck_assert_int_eq(system(line), 0);
}
END_TEST

static Suite *
html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_escape_markup);
	tcase_add_test(tc, test_escape_drops_what_parsers_reject);
	tcase_add_test(tc, test_html_ids);
	tcase_add_test(tc, test_graph_model);
	tcase_add_test(tc, test_graph_many_nodes);
	tcase_add_test(tc, test_graph_view);
	tcase_add_test(tc, test_graph_dot);
	tcase_add_test(tc, test_graph_svg_escapes);
	tcase_add_test(tc, test_script_hash);
	suite_add_tcase(s, tc);
	tc = tcase_create("sizes");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_pool_report_sizes);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(html_suite)
