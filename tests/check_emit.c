#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "emit_matrix.h"
#include "emit_util.h"
#include "report.h"
#include "strbuf.h"
#include "testutil.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * The emitters, format by format and mode by mode, compared byte for byte
 * against the expected output; JSON and NDJSON output is also parsed with
 * cJSON, since a document that merely looks right is not enough.
 */

/* Shared fixture: four partners, two conflicts, two consortium findings,
 * with the awkward strings the emitters must escape. */

static const finding f_p2[] = {
	{ "viability.reserves",
	  SEV_FAIL,
	  OUT_FAIL,
	  "free_reserves_months is 1.5, below the minimum 3",
	  "Reserves carry a partner through late payments.",
	  { .title = "At least three months of free reserves" },
	  0 },
	{ "governance.trustees",
	  SEV_WARN,
	  OUT_MISSING,
	  "trustee_count is missing",
	  NULL,
	  { 0 },
	  0 },
};
static const finding f_p3[] = {
	{ "viability.surplus",
	  SEV_WARN,
	  OUT_WAIVED,
	  "surplus_gbp is -12000, below the minimum 0; waived: agreed at board",
	  NULL,
	  { .title = "No deficit | <b>loss</b>" },
	  0 },
};
static const finding f_p4[] = {
	{ "input",
	  SEV_FAIL,
	  OUT_ERROR,
	  "bad number \"12,5\" in income_gbp",
	  NULL,
	  { 0 },
	  0 },
};

static const category_score c_p1[] = { { "quality", 100, 1 },
				       { "viability", 100, 1 } };
static const category_score c_p2[] = { { "quality", 80, 1 },
				       { "viability", 2.0 / 3 * 100, 1 } };
static const category_score c_p3[] = { { "quality", 100, 1 },
				       { "viability", 75, 1 } };
static const category_score c_p4[] = { { "quality", 0, 0 },
				       { "viability", 0, 0 } };

static const char *const keep2[] = { "region", "income_gbp" };
static const char *const k_p1[] = { "North", "1250000" };
static const char *const k_p2[] = { "=HYPERLINK(\"x\")", "-280" };
static const char *const k_p3[] = { "Sud-Ouest, \"FR\"", "+12.5" };
static const char *const k_p4[] = { "", "12,5" };

static const verdict partners[] = {
	{ "P1", "Haven Housing Trust", ST_PASS, 100, 1, NULL, 0, c_p1, 2, k_p1,
	  2, 1 },
	{ "P2", "Riverside | Youth <Trust> & Co", ST_FAIL, 72.7, 1, f_p2, 2,
	  c_p2, 2, k_p2, 3, 2 },
	{ "@P3", "Caf\xc3\xa9 \"\xe4\xb8\xad\xe6\x96\x87\"", ST_WARN, 86.7, 1,
	  f_p3, 1, c_p3, 2, k_p3, 4, 3 },
	{ "-P4", "Line\nbreak\ttab\x01\x7f\xc2\x85!\\", ST_ERROR, 0, 0, f_p4, 1,
	  c_p4, 2, k_p4, 5, 4 },
};
#define NPARTNERS (sizeof partners / sizeof partners[0])

static const conflict conflicts[] = {
	{ .a = "P1",
	  .b = "P2",
	  .rule = "pairs.postcode",
	  .sev = SEV_FAIL,
	  .message = "both serve postcode \"LS1\"",
	  .d = { .title = "No shared postcode" },
	  .a_line = 2,
	  .b_line = 3,
	  .out = OUT_FAIL,
	  .rationale = "Two partners in one postcode compete." },
	{ .a = "@P3",
	  .b = "-P4",
	  .rule = "pairs.region",
	  .sev = SEV_INFO,
	  .message = "same region",
	  .d = { 0 },
	  .a_line = 4,
	  .b_line = 5,
	  .out = OUT_FAIL,
	  .rationale = NULL },
};
static const char *const fp2[] = { "-P4", "P1" };
static const cfinding cfindings[] = {
	{ "consortium.lead",
	  SEV_FAIL,
	  "no lead partner with income above 1000000",
	  NULL,
	  0,
	  OUT_FAIL,
	  { .title = "A lead partner" },
	  "Commissioners contract with one lead." },
	{ "consortium.region",
	  SEV_WARN,
	  "2 partners share region North",
	  fp2,
	  2,
	  OUT_FAIL,
	  { 0 },
	  NULL },
};

static const summary fixture_summary = { 5,           4, { 1, 1, 1, 1 },
					 { 0, 1, 2 }, 1, { 10, 3, 2 },
					 { 0, 1, 1 }, 2, NULL,
					 0,           0, 0,
					 0,           0, 0,
					 { 0, 0, 0 } };
static const summary empty_summary = { 0,           0, { 0, 0, 0, 0 },
				       { 0, 0, 0 }, 0, { 0, 0, 0 },
				       { 0, 0, 0 }, 0, NULL,
				       0,           0, 0,
				       0,           0, 0,
				       { 0, 0, 0 } };

enum {
	PLAIN = 0,
	RICH = 1,
	EMPTY = 2,
	NONAME = 3
};

/* Runs format fmt in mode over the fixture and returns what it printed
 * (caller frees).  RICH adds kept columns, category scores, the formula
 * guard and colour; EMPTY sends no items; NONAME sends NULL names. */
static char *
render(const char *fmt, report_mode mode, int variant)
{
	report r;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);

	memset(&r, 0, sizeof r);
	r.out = f;
	r.em = emitter_find(fmt);
	r.mode = mode;
	if (variant == RICH) {
		r.color = r.sanitize = r.by_category = 1;
		r.keep = keep2;
		r.nkeep = 2;
	}
	report_begin(&r);
	if (variant != EMPTY && mode != MODE_CONFLICTS)
		for (i = 0; i < NPARTNERS; i++) {
			verdict v = partners[i];

			if (variant == NONAME)
				v.name = NULL;
			report_partner(&r, &v);
		}
	if (variant != EMPTY && mode != MODE_SCREEN)
		for (i = 0; i < 2; i++)
			report_conflict(&r, &conflicts[i]);
	if (variant != EMPTY && mode == MODE_CHECK)
		for (i = 0; i < 2; i++)
			report_consortium(&r, &cfindings[i]);
	report_end(&r, variant == EMPTY ? &empty_summary : &fixture_summary);
	report_free(&r);
	fclose(f);
	return buf;
}

/*
 * Expected output of render(format, mode, variant), indexed
 * [mode][variant].  The fixture's awkward strings show each format's
 * escaping: "|" "<" "&" in P2's name, quotes and non-ASCII in P3's, and in
 * P4's a newline, a tab, \001, DEL and the C1 control U+0085.
 */
static const char *const expect_text[3][4] = {
	{
	    /* screen, plain */
	    "ID   NAME                            STATUS  SCORE  FINDINGS\n"
	    "P1   Haven Housing Trust             pass    100.0\n"
	    "P2   Riverside | Youth <Trust> & Co  fail     72.7  viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3\n"
	    "                                                    governance.trustees (warn, missing): trustee_count is missing\n"
	    "@P3  Caf\303\251 \"\344\270\255\346\226\207\"                     warn     86.7  viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\n"
	    "-P4  Line break tab!\\                error       -  input (fail, error): bad number \"12,5\" in income_gbp\n"
	    "\n"
	    "5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\n",
	    /* screen, rich */
	    "ID   NAME                            STATUS  SCORE  region           income_gbp  FINDINGS\n"
	    "P1   Haven Housing Trust             \033[32mpass\033[0m    100.0  North            1250000     scores: quality 100.0, viability 100.0\n"
	    "P2   Riverside | Youth <Trust> & Co  \033[31mfail\033[0m     72.7  =HYPERLINK(\"x\")  -280        viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3\n"
	    "                                                                                 governance.trustees (warn, missing): trustee_count is missing\n"
	    "                                                                                 scores: quality 80.0, viability 66.7\n"
	    "@P3  Caf\303\251 \"\344\270\255\346\226\207\"                     \033[33mwarn\033[0m     86.7  Sud-Ouest, \"FR\"  +12.5       viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\n"
	    "                                                                                 scores: quality 100.0, viability 75.0\n"
	    "-P4  Line break tab!\\                \033[1;31merror\033[0m       -                   12,5        input (fail, error): bad number \"12,5\" in income_gbp\n"
	    "                                                                                 scores: quality -, viability -\n"
	    "\n"
	    "5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\n",
	    /* screen, empty */
	    "0 rows read, 0 reported: 0 pass, 0 warn, 0 fail, 0 error\n",
	    /* screen, noname */
	    "ID   STATUS  SCORE  FINDINGS\n"
	    "P1   pass    100.0\n"
	    "P2   fail     72.7  viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3\n"
	    "                    governance.trustees (warn, missing): trustee_count is missing\n"
	    "@P3  warn     86.7  viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\n"
	    "-P4  error       -  input (fail, error): bad number \"12,5\" in income_gbp\n"
	    "\n"
	    "5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\n",
	},
	{
	    /* check, plain */
	    "ID   NAME                            STATUS  SCORE  FINDINGS\n"
	    "P1   Haven Housing Trust             pass    100.0\n"
	    "P2   Riverside | Youth <Trust> & Co  fail     72.7  viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3\n"
	    "                                                    governance.trustees (warn, missing): trustee_count is missing\n"
	    "@P3  Caf\303\251 \"\344\270\255\346\226\207\"                     warn     86.7  viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\n"
	    "-P4  Line break tab!\\                error       -  input (fail, error): bad number \"12,5\" in income_gbp\n"
	    "\n"
	    "Conflicts:\n"
	    "A    B    SEVERITY  RULE            MESSAGE\n"
	    "P1   P2   fail      pairs.postcode  both serve postcode \"LS1\"\n"
	    "@P3  -P4  info      pairs.region    same region\n"
	    "\n"
	    "Consortium:\n"
	    "SEVERITY  RULE               MESSAGE                                    PARTNERS\n"
	    "fail      consortium.lead    no lead partner with income above 1000000\n"
	    "warn      consortium.region  2 partners share region North              -P4, P1\n"
	    "\n"
	    "5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\n"
	    "pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown; consortium: 2 findings (1 fail, 1 warn, 0 info)\n",
	    /* check, rich */
	    "ID   NAME                            STATUS  SCORE  region           income_gbp  FINDINGS\n"
	    "P1   Haven Housing Trust             \033[32mpass\033[0m    100.0  North            1250000     scores: quality 100.0, viability 100.0\n"
	    "P2   Riverside | Youth <Trust> & Co  \033[31mfail\033[0m     72.7  =HYPERLINK(\"x\")  -280        viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3\n"
	    "                                                                                 governance.trustees (warn, missing): trustee_count is missing\n"
	    "                                                                                 scores: quality 80.0, viability 66.7\n"
	    "@P3  Caf\303\251 \"\344\270\255\346\226\207\"                     \033[33mwarn\033[0m     86.7  Sud-Ouest, \"FR\"  +12.5       viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\n"
	    "                                                                                 scores: quality 100.0, viability 75.0\n"
	    "-P4  Line break tab!\\                \033[1;31merror\033[0m       -                   12,5        input (fail, error): bad number \"12,5\" in income_gbp\n"
	    "                                                                                 scores: quality -, viability -\n"
	    "\n"
	    "Conflicts:\n"
	    "A    B    SEVERITY  RULE            MESSAGE\n"
	    "P1   P2   \033[31mfail\033[0m      pairs.postcode  both serve postcode \"LS1\"\n"
	    "@P3  -P4  \033[36minfo\033[0m      pairs.region    same region\n"
	    "\n"
	    "Consortium:\n"
	    "SEVERITY  RULE               MESSAGE                                    PARTNERS\n"
	    "\033[31mfail\033[0m      consortium.lead    no lead partner with income above 1000000\n"
	    "\033[33mwarn\033[0m      consortium.region  2 partners share region North              -P4, P1\n"
	    "\n"
	    "5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\n"
	    "pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown; consortium: 2 findings (1 fail, 1 warn, 0 info)\n",
	    /* check, empty */
	    "Conflicts: none\n"
	    "\n"
	    "Consortium: none\n"
	    "\n"
	    "0 rows read, 0 reported: 0 pass, 0 warn, 0 fail, 0 error\n"
	    "pairs: 0 findings (0 fail, 0 warn, 0 info), 0 shown; consortium: 0 findings (0 fail, 0 warn, 0 info)\n",
	    /* check, noname */
	    "ID   STATUS  SCORE  FINDINGS\n"
	    "P1   pass    100.0\n"
	    "P2   fail     72.7  viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3\n"
	    "                    governance.trustees (warn, missing): trustee_count is missing\n"
	    "@P3  warn     86.7  viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\n"
	    "-P4  error       -  input (fail, error): bad number \"12,5\" in income_gbp\n"
	    "\n"
	    "Conflicts:\n"
	    "A    B    SEVERITY  RULE            MESSAGE\n"
	    "P1   P2   fail      pairs.postcode  both serve postcode \"LS1\"\n"
	    "@P3  -P4  info      pairs.region    same region\n"
	    "\n"
	    "Consortium:\n"
	    "SEVERITY  RULE               MESSAGE                                    PARTNERS\n"
	    "fail      consortium.lead    no lead partner with income above 1000000\n"
	    "warn      consortium.region  2 partners share region North              -P4, P1\n"
	    "\n"
	    "5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\n"
	    "pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown; consortium: 2 findings (1 fail, 1 warn, 0 info)\n",
	},
	{
	    /* conflicts, plain */
	    "A    B    SEVERITY  RULE            MESSAGE\n"
	    "P1   P2   fail      pairs.postcode  both serve postcode \"LS1\"\n"
	    "@P3  -P4  info      pairs.region    same region\n"
	    "\n"
	    "pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown\n",
	    /* conflicts, rich */
	    "A    B    SEVERITY  RULE            MESSAGE\n"
	    "P1   P2   \033[31mfail\033[0m      pairs.postcode  both serve postcode \"LS1\"\n"
	    "@P3  -P4  \033[36minfo\033[0m      pairs.region    same region\n"
	    "\n"
	    "pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown\n",
	    /* conflicts, empty */
	    "no conflicts\n"
	    "\n"
	    "pairs: 0 findings (0 fail, 0 warn, 0 info), 0 shown\n",
	    /* conflicts, noname */
	    "A    B    SEVERITY  RULE            MESSAGE\n"
	    "P1   P2   fail      pairs.postcode  both serve postcode \"LS1\"\n"
	    "@P3  -P4  info      pairs.region    same region\n"
	    "\n"
	    "pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown\n",
	},
};

static const char *const expect_csv[3][4] = {
	{
	    /* screen, plain */
	    "id,name,status,score,findings\n"
	    "P1,Haven Housing Trust,pass,100.0,\n"
	    "P2,Riverside | Youth <Trust> & Co,fail,72.7,\"viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\"\n"
	    "@P3,\"Caf\303\251 \"\"\344\270\255\346\226\207\"\"\",warn,86.7,\"viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\"\n"
	    "-P4,\"Line\n"
	    "break\ttab\001\177\302\205!\\\",error,,\"input (fail, error): bad number \"\"12,5\"\" in income_gbp\"\n",
	    /* screen, rich */
	    "id,name,status,score,findings,region,income_gbp,categories\n"
	    "P1,Haven Housing Trust,pass,100.0,,North,1250000,quality 100.0; viability 100.0\n"
	    "P2,Riverside | Youth <Trust> & Co,fail,72.7,\"viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\",\"'=HYPERLINK(\"\"x\"\")\",-280,quality 80.0; viability 66.7\n"
	    "'@P3,\"Caf\303\251 \"\"\344\270\255\346\226\207\"\"\",warn,86.7,\"viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\",\"Sud-Ouest, \"\"FR\"\"\",+12.5,quality 100.0; viability 75.0\n"
	    "'-P4,\"Line\n"
	    "break\ttab\001\177\302\205!\\\",error,,\"input (fail, error): bad number \"\"12,5\"\" in income_gbp\",,\"12,5\",quality -; viability -\n",
	    /* screen, empty */
	    "id,name,status,score,findings\n",
	    /* screen, noname */
	    "id,name,status,score,findings\n"
	    "P1,,pass,100.0,\n"
	    "P2,,fail,72.7,\"viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\"\n"
	    "@P3,,warn,86.7,\"viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\"\n"
	    "-P4,,error,,\"input (fail, error): bad number \"\"12,5\"\" in income_gbp\"\n",
	},
	{
	    /* check, plain */
	    "kind,id,name,status,score,findings,a,b,rule,severity,message,partners\n"
	    "partner,P1,Haven Housing Trust,pass,100.0,,,,,,,\n"
	    "partner,P2,Riverside | Youth <Trust> & Co,fail,72.7,\"viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\",,,,,,\n"
	    "partner,@P3,\"Caf\303\251 \"\"\344\270\255\346\226\207\"\"\",warn,86.7,\"viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\",,,,,,\n"
	    "partner,-P4,\"Line\n"
	    "break\ttab\001\177\302\205!\\\",error,,\"input (fail, error): bad number \"\"12,5\"\" in income_gbp\",,,,,,\n"
	    "conflict,,,,,,P1,P2,pairs.postcode,fail,\"both serve postcode \"\"LS1\"\"\",\n"
	    "conflict,,,,,,@P3,-P4,pairs.region,info,same region,\n"
	    "consortium,,,,,,,,consortium.lead,fail,no lead partner with income above 1000000,\n"
	    "consortium,,,,,,,,consortium.region,warn,2 partners share region North,-P4;P1\n",
	    /* check, rich */
	    "kind,id,name,status,score,findings,a,b,rule,severity,message,partners,region,income_gbp,categories\n"
	    "partner,P1,Haven Housing Trust,pass,100.0,,,,,,,,North,1250000,quality 100.0; viability 100.0\n"
	    "partner,P2,Riverside | Youth <Trust> & Co,fail,72.7,\"viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\",,,,,,,\"'=HYPERLINK(\"\"x\"\")\",-280,quality 80.0; viability 66.7\n"
	    "partner,'@P3,\"Caf\303\251 \"\"\344\270\255\346\226\207\"\"\",warn,86.7,\"viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\",,,,,,,\"Sud-Ouest, \"\"FR\"\"\",+12.5,quality 100.0; viability 75.0\n"
	    "partner,'-P4,\"Line\n"
	    "break\ttab\001\177\302\205!\\\",error,,\"input (fail, error): bad number \"\"12,5\"\" in income_gbp\",,,,,,,,\"12,5\",quality -; viability -\n"
	    "conflict,,,,,,P1,P2,pairs.postcode,fail,\"both serve postcode \"\"LS1\"\"\",,,,\n"
	    "conflict,,,,,,'@P3,'-P4,pairs.region,info,same region,,,,\n"
	    "consortium,,,,,,,,consortium.lead,fail,no lead partner with income above 1000000,,,,\n"
	    "consortium,,,,,,,,consortium.region,warn,2 partners share region North,'-P4;P1,,,\n",
	    /* check, empty */
	    "kind,id,name,status,score,findings,a,b,rule,severity,message,partners\n",
	    /* check, noname */
	    "kind,id,name,status,score,findings,a,b,rule,severity,message,partners\n"
	    "partner,P1,,pass,100.0,,,,,,,\n"
	    "partner,P2,,fail,72.7,\"viability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\",,,,,,\n"
	    "partner,@P3,,warn,86.7,\"viability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\",,,,,,\n"
	    "partner,-P4,,error,,\"input (fail, error): bad number \"\"12,5\"\" in income_gbp\",,,,,,\n"
	    "conflict,,,,,,P1,P2,pairs.postcode,fail,\"both serve postcode \"\"LS1\"\"\",\n"
	    "conflict,,,,,,@P3,-P4,pairs.region,info,same region,\n"
	    "consortium,,,,,,,,consortium.lead,fail,no lead partner with income above 1000000,\n"
	    "consortium,,,,,,,,consortium.region,warn,2 partners share region North,-P4;P1\n",
	},
	{
	    /* conflicts, plain */
	    "a,b,rule,severity,message\n"
	    "P1,P2,pairs.postcode,fail,\"both serve postcode \"\"LS1\"\"\"\n"
	    "@P3,-P4,pairs.region,info,same region\n",
	    /* conflicts, rich */
	    "a,b,rule,severity,message\n"
	    "P1,P2,pairs.postcode,fail,\"both serve postcode \"\"LS1\"\"\"\n"
	    "'@P3,'-P4,pairs.region,info,same region\n",
	    /* conflicts, empty */
	    "a,b,rule,severity,message\n",
	    /* conflicts, noname */
	    "a,b,rule,severity,message\n"
	    "P1,P2,pairs.postcode,fail,\"both serve postcode \"\"LS1\"\"\"\n"
	    "@P3,-P4,pairs.region,info,same region\n",
	},
};

static const char *const expect_tsv[3][4] = {
	{
	    /* screen, plain */
	    "id\tname\tstatus\tscore\tfindings\n"
	    "P1\tHaven Housing Trust\tpass\t100.0\t\n"
	    "P2\tRiverside | Youth <Trust> & Co\tfail\t72.7\tviability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\n"
	    "@P3\tCaf\303\251 \"\344\270\255\346\226\207\"\twarn\t86.7\tviability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\n"
	    "-P4\tLine\\nbreak\\ttab\001\177\302\205!\\\\\terror\t\tinput (fail, error): bad number \"12,5\" in income_gbp\n",
	    /* screen, rich */
	    "id\tname\tstatus\tscore\tfindings\tregion\tincome_gbp\tcategories\n"
	    "P1\tHaven Housing Trust\tpass\t100.0\t\tNorth\t1250000\tquality 100.0; viability 100.0\n"
	    "P2\tRiverside | Youth <Trust> & Co\tfail\t72.7\tviability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\t'=HYPERLINK(\"x\")\t-280\tquality 80.0; viability 66.7\n"
	    "'@P3\tCaf\303\251 \"\344\270\255\346\226\207\"\twarn\t86.7\tviability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\tSud-Ouest, \"FR\"\t+12.5\tquality 100.0; viability 75.0\n"
	    "'-P4\tLine\\nbreak\\ttab\001\177\302\205!\\\\\terror\t\tinput (fail, error): bad number \"12,5\" in income_gbp\t\t12,5\tquality -; viability -\n",
	    /* screen, empty */
	    "id\tname\tstatus\tscore\tfindings\n",
	    /* screen, noname */
	    "id\tname\tstatus\tscore\tfindings\n"
	    "P1\t\tpass\t100.0\t\n"
	    "P2\t\tfail\t72.7\tviability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\n"
	    "@P3\t\twarn\t86.7\tviability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\n"
	    "-P4\t\terror\t\tinput (fail, error): bad number \"12,5\" in income_gbp\n",
	},
	{
	    /* check, plain */
	    "kind\tid\tname\tstatus\tscore\tfindings\ta\tb\trule\tseverity\tmessage\tpartners\n"
	    "partner\tP1\tHaven Housing Trust\tpass\t100.0\t\t\t\t\t\t\t\n"
	    "partner\tP2\tRiverside | Youth <Trust> & Co\tfail\t72.7\tviability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\t\t\t\t\t\t\n"
	    "partner\t@P3\tCaf\303\251 \"\344\270\255\346\226\207\"\twarn\t86.7\tviability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\t\t\t\t\t\t\n"
	    "partner\t-P4\tLine\\nbreak\\ttab\001\177\302\205!\\\\\terror\t\tinput (fail, error): bad number \"12,5\" in income_gbp\t\t\t\t\t\t\n"
	    "conflict\t\t\t\t\t\tP1\tP2\tpairs.postcode\tfail\tboth serve postcode \"LS1\"\t\n"
	    "conflict\t\t\t\t\t\t@P3\t-P4\tpairs.region\tinfo\tsame region\t\n"
	    "consortium\t\t\t\t\t\t\t\tconsortium.lead\tfail\tno lead partner with income above 1000000\t\n"
	    "consortium\t\t\t\t\t\t\t\tconsortium.region\twarn\t2 partners share region North\t-P4;P1\n",
	    /* check, rich */
	    "kind\tid\tname\tstatus\tscore\tfindings\ta\tb\trule\tseverity\tmessage\tpartners\tregion\tincome_gbp\tcategories\n"
	    "partner\tP1\tHaven Housing Trust\tpass\t100.0\t\t\t\t\t\t\t\tNorth\t1250000\tquality 100.0; viability 100.0\n"
	    "partner\tP2\tRiverside | Youth <Trust> & Co\tfail\t72.7\tviability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\t\t\t\t\t\t\t'=HYPERLINK(\"x\")\t-280\tquality 80.0; viability 66.7\n"
	    "partner\t'@P3\tCaf\303\251 \"\344\270\255\346\226\207\"\twarn\t86.7\tviability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\t\t\t\t\t\t\tSud-Ouest, \"FR\"\t+12.5\tquality 100.0; viability 75.0\n"
	    "partner\t'-P4\tLine\\nbreak\\ttab\001\177\302\205!\\\\\terror\t\tinput (fail, error): bad number \"12,5\" in income_gbp\t\t\t\t\t\t\t\t12,5\tquality -; viability -\n"
	    "conflict\t\t\t\t\t\tP1\tP2\tpairs.postcode\tfail\tboth serve postcode \"LS1\"\t\t\t\t\n"
	    "conflict\t\t\t\t\t\t'@P3\t'-P4\tpairs.region\tinfo\tsame region\t\t\t\t\n"
	    "consortium\t\t\t\t\t\t\t\tconsortium.lead\tfail\tno lead partner with income above 1000000\t\t\t\t\n"
	    "consortium\t\t\t\t\t\t\t\tconsortium.region\twarn\t2 partners share region North\t'-P4;P1\t\t\t\n",
	    /* check, empty */
	    "kind\tid\tname\tstatus\tscore\tfindings\ta\tb\trule\tseverity\tmessage\tpartners\n",
	    /* check, noname */
	    "kind\tid\tname\tstatus\tscore\tfindings\ta\tb\trule\tseverity\tmessage\tpartners\n"
	    "partner\tP1\t\tpass\t100.0\t\t\t\t\t\t\t\n"
	    "partner\tP2\t\tfail\t72.7\tviability.reserves (fail): free_reserves_months is 1.5, below the minimum 3; governance.trustees (warn, missing): trustee_count is missing\t\t\t\t\t\t\n"
	    "partner\t@P3\t\twarn\t86.7\tviability.surplus (warn, waived): surplus_gbp is -12000, below the minimum 0; waived: agreed at board\t\t\t\t\t\t\n"
	    "partner\t-P4\t\terror\t\tinput (fail, error): bad number \"12,5\" in income_gbp\t\t\t\t\t\t\n"
	    "conflict\t\t\t\t\t\tP1\tP2\tpairs.postcode\tfail\tboth serve postcode \"LS1\"\t\n"
	    "conflict\t\t\t\t\t\t@P3\t-P4\tpairs.region\tinfo\tsame region\t\n"
	    "consortium\t\t\t\t\t\t\t\tconsortium.lead\tfail\tno lead partner with income above 1000000\t\n"
	    "consortium\t\t\t\t\t\t\t\tconsortium.region\twarn\t2 partners share region North\t-P4;P1\n",
	},
	{
	    /* conflicts, plain */
	    "a\tb\trule\tseverity\tmessage\n"
	    "P1\tP2\tpairs.postcode\tfail\tboth serve postcode \"LS1\"\n"
	    "@P3\t-P4\tpairs.region\tinfo\tsame region\n",
	    /* conflicts, rich */
	    "a\tb\trule\tseverity\tmessage\n"
	    "P1\tP2\tpairs.postcode\tfail\tboth serve postcode \"LS1\"\n"
	    "'@P3\t'-P4\tpairs.region\tinfo\tsame region\n",
	    /* conflicts, empty */
	    "a\tb\trule\tseverity\tmessage\n",
	    /* conflicts, noname */
	    "a\tb\trule\tseverity\tmessage\n"
	    "P1\tP2\tpairs.postcode\tfail\tboth serve postcode \"LS1\"\n"
	    "@P3\t-P4\tpairs.region\tinfo\tsame region\n",
	},
};

static const char
    *const
	expect_json
	    [3][4] = {
		    {
			/* screen, plain */
			"{\"partners\": [\n"
			"{\"id\": \"P1\", \"name\": \"Haven Housing Trust\", \"status\": \"pass\", \"score\": 100, \"findings\": []},\n"
			"{\"id\": \"P2\", \"name\": \"Riverside | Youth <Trust> & Co\", \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]},\n"
			"{\"id\": \"@P3\", \"name\": \"Caf\303\251 \\\"\344\270\255\346\226\207\\\"\", \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]},\n"
			"{\"id\": \"-P4\", \"name\": \"Line\\nbreak\\ttab\\u0001\\u007f\302\205!\\\\\", \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
			"],\n"
			"\"summary\": {\"rows_read\": 5, \"rows_reported\": 4, \"pass\": 1, \"warn\": 1, \"fail\": 1, \"error\": 1, \"findings\": {\"fail\": 2, \"warn\": 1, \"info\": 0}, \"waived\": 1}}\n",
			/* screen, rich */
			"{\"partners\": [\n"
			"{\"id\": \"P1\", \"name\": \"Haven Housing Trust\", \"status\": \"pass\", \"score\": 100, \"findings\": [], \"fields\": {\"region\": \"North\", \"income_gbp\": \"1250000\"}, \"categories\": {\"quality\": 100, \"viability\": 100}},\n"
			"{\"id\": \"P2\", \"name\": \"Riverside | Youth <Trust> & Co\", \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"=HYPERLINK(\\\"x\\\")\", \"income_gbp\": \"-280\"}, \"categories\": {\"quality\": 80, \"viability\": 66.7}},\n"
			"{\"id\": \"@P3\", \"name\": \"Caf\303\251 \\\"\344\270\255\346\226\207\\\"\", \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"Sud-Ouest, \\\"FR\\\"\", \"income_gbp\": \"+12.5\"}, \"categories\": {\"quality\": 100, \"viability\": 75}},\n"
			"{\"id\": \"-P4\", \"name\": \"Line\\nbreak\\ttab\\u0001\\u007f\302\205!\\\\\", \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"\", \"income_gbp\": \"12,5\"}, \"categories\": {\"quality\": null, \"viability\": null}}\n"
			"],\n"
			"\"summary\": {\"rows_read\": 5, \"rows_reported\": 4, \"pass\": 1, \"warn\": 1, \"fail\": 1, \"error\": 1, \"findings\": {\"fail\": 2, \"warn\": 1, \"info\": 0}, \"waived\": 1}}\n",
			/* screen, empty */
			"{\"partners\": [\n"
			"],\n"
			"\"summary\": {\"rows_read\": 0, \"rows_reported\": 0, \"pass\": 0, \"warn\": 0, \"fail\": 0, \"error\": 0, \"findings\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"waived\": 0}}\n",
			/* screen, noname */
			"{\"partners\": [\n"
			"{\"id\": \"P1\", \"name\": null, \"status\": \"pass\", \"score\": 100, \"findings\": []},\n"
			"{\"id\": \"P2\", \"name\": null, \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]},\n"
			"{\"id\": \"@P3\", \"name\": null, \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]},\n"
			"{\"id\": \"-P4\", \"name\": null, \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
			"],\n"
			"\"summary\": {\"rows_read\": 5, \"rows_reported\": 4, \"pass\": 1, \"warn\": 1, \"fail\": 1, \"error\": 1, \"findings\": {\"fail\": 2, \"warn\": 1, \"info\": 0}, \"waived\": 1}}\n",
		    },
		    {
			/* check, plain */
			"{\"partners\": [\n"
			"{\"id\": \"P1\", \"name\": \"Haven Housing Trust\", \"status\": \"pass\", \"score\": 100, \"findings\": []},\n"
			"{\"id\": \"P2\", \"name\": \"Riverside | Youth <Trust> & Co\", \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]},\n"
			"{\"id\": \"@P3\", \"name\": \"Caf\303\251 \\\"\344\270\255\346\226\207\\\"\", \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]},\n"
			"{\"id\": \"-P4\", \"name\": \"Line\\nbreak\\ttab\\u0001\\u007f\302\205!\\\\\", \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
			"],\n"
			"\"conflicts\": [\n"
			"{\"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3},\n"
			"{\"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
			"],\n"
			"\"consortium\": [\n"
			"{\"rule\": \"consortium.lead\", \"severity\": \"fail\", \"message\": \"no lead partner with income above 1000000\", \"title\": \"A lead partner\"},\n"
			"{\"rule\": \"consortium.region\", \"severity\": \"warn\", \"message\": \"2 partners share region North\", \"partners\": [\"-P4\", \"P1\"], \"title\": null}\n"
			"],\n"
			"\"summary\": {\"rows_read\": 5, \"rows_reported\": 4, \"pass\": 1, \"warn\": 1, \"fail\": 1, \"error\": 1, \"findings\": {\"fail\": 2, \"warn\": 1, \"info\": 0}, \"waived\": 1, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2, \"consortium\": {\"fail\": 1, \"warn\": 1, \"info\": 0}}}\n",
			/* check, rich */
			"{\"partners\": [\n"
			"{\"id\": \"P1\", \"name\": \"Haven Housing Trust\", \"status\": \"pass\", \"score\": 100, \"findings\": [], \"fields\": {\"region\": \"North\", \"income_gbp\": \"1250000\"}, \"categories\": {\"quality\": 100, \"viability\": 100}},\n"
			"{\"id\": \"P2\", \"name\": \"Riverside | Youth <Trust> & Co\", \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"=HYPERLINK(\\\"x\\\")\", \"income_gbp\": \"-280\"}, \"categories\": {\"quality\": 80, \"viability\": 66.7}},\n"
			"{\"id\": \"@P3\", \"name\": \"Caf\303\251 \\\"\344\270\255\346\226\207\\\"\", \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"Sud-Ouest, \\\"FR\\\"\", \"income_gbp\": \"+12.5\"}, \"categories\": {\"quality\": 100, \"viability\": 75}},\n"
			"{\"id\": \"-P4\", \"name\": \"Line\\nbreak\\ttab\\u0001\\u007f\302\205!\\\\\", \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"\", \"income_gbp\": \"12,5\"}, \"categories\": {\"quality\": null, \"viability\": null}}\n"
			"],\n"
			"\"conflicts\": [\n"
			"{\"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3},\n"
			"{\"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
			"],\n"
			"\"consortium\": [\n"
			"{\"rule\": \"consortium.lead\", \"severity\": \"fail\", \"message\": \"no lead partner with income above 1000000\", \"title\": \"A lead partner\"},\n"
			"{\"rule\": \"consortium.region\", \"severity\": \"warn\", \"message\": \"2 partners share region North\", \"partners\": [\"-P4\", \"P1\"], \"title\": null}\n"
			"],\n"
			"\"summary\": {\"rows_read\": 5, \"rows_reported\": 4, \"pass\": 1, \"warn\": 1, \"fail\": 1, \"error\": 1, \"findings\": {\"fail\": 2, \"warn\": 1, \"info\": 0}, \"waived\": 1, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2, \"consortium\": {\"fail\": 1, \"warn\": 1, \"info\": 0}}}\n",
			/* check, empty */
			"{\"partners\": [\n"
			"],\n"
			"\"conflicts\": [\n"
			"],\n"
			"\"consortium\": [\n"
			"],\n"
			"\"summary\": {\"rows_read\": 0, \"rows_reported\": 0, \"pass\": 0, \"warn\": 0, \"fail\": 0, \"error\": 0, \"findings\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"waived\": 0, \"conflicts\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"conflicts_shown\": 0, \"consortium\": {\"fail\": 0, \"warn\": 0, \"info\": 0}}}\n",
			/* check, noname */
			"{\"partners\": [\n"
			"{\"id\": \"P1\", \"name\": null, \"status\": \"pass\", \"score\": 100, \"findings\": []},\n"
			"{\"id\": \"P2\", \"name\": null, \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]},\n"
			"{\"id\": \"@P3\", \"name\": null, \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]},\n"
			"{\"id\": \"-P4\", \"name\": null, \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
			"],\n"
			"\"conflicts\": [\n"
			"{\"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3},\n"
			"{\"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
			"],\n"
			"\"consortium\": [\n"
			"{\"rule\": \"consortium.lead\", \"severity\": \"fail\", \"message\": \"no lead partner with income above 1000000\", \"title\": \"A lead partner\"},\n"
			"{\"rule\": \"consortium.region\", \"severity\": \"warn\", \"message\": \"2 partners share region North\", \"partners\": [\"-P4\", \"P1\"], \"title\": null}\n"
			"],\n"
			"\"summary\": {\"rows_read\": 5, \"rows_reported\": 4, \"pass\": 1, \"warn\": 1, \"fail\": 1, \"error\": 1, \"findings\": {\"fail\": 2, \"warn\": 1, \"info\": 0}, \"waived\": 1, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2, \"consortium\": {\"fail\": 1, \"warn\": 1, \"info\": 0}}}\n",
		    },
		    {
			/* conflicts, plain */
			"{\"conflicts\": [\n"
			"{\"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3},\n"
			"{\"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
			"],\n"
			"\"summary\": {\"rows_read\": 5, \"rows_reported\": 4, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2}}\n",
			/* conflicts, rich */
			"{\"conflicts\": [\n"
			"{\"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3},\n"
			"{\"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
			"],\n"
			"\"summary\": {\"rows_read\": 5, \"rows_reported\": 4, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2}}\n",
			/* conflicts, empty */
			"{\"conflicts\": [\n"
			"],\n"
			"\"summary\": {\"rows_read\": 0, \"rows_reported\": 0, \"conflicts\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"conflicts_shown\": 0}}\n",
			/* conflicts, noname */
			"{\"conflicts\": [\n"
			"{\"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3},\n"
			"{\"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
			"],\n"
			"\"summary\": {\"rows_read\": 5, \"rows_reported\": 4, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2}}\n",
		    },
	    };

static const char
    *const
	expect_ndjson[3]
		     [4] = {
			     {
				 /* screen, plain */
				 "{\"id\": \"P1\", \"name\": \"Haven Housing Trust\", \"status\": \"pass\", \"score\": 100, \"findings\": []}\n"
				 "{\"id\": \"P2\", \"name\": \"Riverside | Youth <Trust> & Co\", \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
				 "{\"id\": \"@P3\", \"name\": \"Caf\303\251 \\\"\344\270\255\346\226\207\\\"\", \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
				 "{\"id\": \"-P4\", \"name\": \"Line\\nbreak\\ttab\\u0001\\u007f\302\205!\\\\\", \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n",
				 /* screen, rich */
				 "{\"id\": \"P1\", \"name\": \"Haven Housing Trust\", \"status\": \"pass\", \"score\": 100, \"findings\": [], \"fields\": {\"region\": \"North\", \"income_gbp\": \"1250000\"}, \"categories\": {\"quality\": 100, \"viability\": 100}}\n"
				 "{\"id\": \"P2\", \"name\": \"Riverside | Youth <Trust> & Co\", \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"=HYPERLINK(\\\"x\\\")\", \"income_gbp\": \"-280\"}, \"categories\": {\"quality\": 80, \"viability\": 66.7}}\n"
				 "{\"id\": \"@P3\", \"name\": \"Caf\303\251 \\\"\344\270\255\346\226\207\\\"\", \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"Sud-Ouest, \\\"FR\\\"\", \"income_gbp\": \"+12.5\"}, \"categories\": {\"quality\": 100, \"viability\": 75}}\n"
				 "{\"id\": \"-P4\", \"name\": \"Line\\nbreak\\ttab\\u0001\\u007f\302\205!\\\\\", \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"\", \"income_gbp\": \"12,5\"}, \"categories\": {\"quality\": null, \"viability\": null}}\n",
				 /* screen, empty */
				 "",
				 /* screen, noname */
				 "{\"id\": \"P1\", \"name\": null, \"status\": \"pass\", \"score\": 100, \"findings\": []}\n"
				 "{\"id\": \"P2\", \"name\": null, \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
				 "{\"id\": \"@P3\", \"name\": null, \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
				 "{\"id\": \"-P4\", \"name\": null, \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n",
			     },
			     {
				 /* check, plain */
				 "{\"kind\": \"partner\", \"id\": \"P1\", \"name\": \"Haven Housing Trust\", \"status\": \"pass\", \"score\": 100, \"findings\": []}\n"
				 "{\"kind\": \"partner\", \"id\": \"P2\", \"name\": \"Riverside | Youth <Trust> & Co\", \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
				 "{\"kind\": \"partner\", \"id\": \"@P3\", \"name\": \"Caf\303\251 \\\"\344\270\255\346\226\207\\\"\", \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
				 "{\"kind\": \"partner\", \"id\": \"-P4\", \"name\": \"Line\\nbreak\\ttab\\u0001\\u007f\302\205!\\\\\", \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
				 "{\"kind\": \"conflict\", \"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3}\n"
				 "{\"kind\": \"conflict\", \"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
				 "{\"kind\": \"consortium\", \"rule\": \"consortium.lead\", \"severity\": \"fail\", \"message\": \"no lead partner with income above 1000000\", \"title\": \"A lead partner\"}\n"
				 "{\"kind\": \"consortium\", \"rule\": \"consortium.region\", \"severity\": \"warn\", \"message\": \"2 partners share region North\", \"partners\": [\"-P4\", \"P1\"], \"title\": null}\n"
				 "{\"kind\": \"summary\", \"rows_read\": 5, \"rows_reported\": 4, \"pass\": 1, \"warn\": 1, \"fail\": 1, \"error\": 1, \"findings\": {\"fail\": 2, \"warn\": 1, \"info\": 0}, \"waived\": 1, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2, \"consortium\": {\"fail\": 1, \"warn\": 1, \"info\": 0}}\n",
				 /* check, rich */
				 "{\"kind\": \"partner\", \"id\": \"P1\", \"name\": \"Haven Housing Trust\", \"status\": \"pass\", \"score\": 100, \"findings\": [], \"fields\": {\"region\": \"North\", \"income_gbp\": \"1250000\"}, \"categories\": {\"quality\": 100, \"viability\": 100}}\n"
				 "{\"kind\": \"partner\", \"id\": \"P2\", \"name\": \"Riverside | Youth <Trust> & Co\", \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"=HYPERLINK(\\\"x\\\")\", \"income_gbp\": \"-280\"}, \"categories\": {\"quality\": 80, \"viability\": 66.7}}\n"
				 "{\"kind\": \"partner\", \"id\": \"@P3\", \"name\": \"Caf\303\251 \\\"\344\270\255\346\226\207\\\"\", \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"Sud-Ouest, \\\"FR\\\"\", \"income_gbp\": \"+12.5\"}, \"categories\": {\"quality\": 100, \"viability\": 75}}\n"
				 "{\"kind\": \"partner\", \"id\": \"-P4\", \"name\": \"Line\\nbreak\\ttab\\u0001\\u007f\302\205!\\\\\", \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}], \"fields\": {\"region\": \"\", \"income_gbp\": \"12,5\"}, \"categories\": {\"quality\": null, \"viability\": null}}\n"
				 "{\"kind\": \"conflict\", \"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3}\n"
				 "{\"kind\": \"conflict\", \"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
				 "{\"kind\": \"consortium\", \"rule\": \"consortium.lead\", \"severity\": \"fail\", \"message\": \"no lead partner with income above 1000000\", \"title\": \"A lead partner\"}\n"
				 "{\"kind\": \"consortium\", \"rule\": \"consortium.region\", \"severity\": \"warn\", \"message\": \"2 partners share region North\", \"partners\": [\"-P4\", \"P1\"], \"title\": null}\n"
				 "{\"kind\": \"summary\", \"rows_read\": 5, \"rows_reported\": 4, \"pass\": 1, \"warn\": 1, \"fail\": 1, \"error\": 1, \"findings\": {\"fail\": 2, \"warn\": 1, \"info\": 0}, \"waived\": 1, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2, \"consortium\": {\"fail\": 1, \"warn\": 1, \"info\": 0}}\n",
				 /* check, empty */
				 "{\"kind\": \"summary\", \"rows_read\": 0, \"rows_reported\": 0, \"pass\": 0, \"warn\": 0, \"fail\": 0, \"error\": 0, \"findings\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"waived\": 0, \"conflicts\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"conflicts_shown\": 0, \"consortium\": {\"fail\": 0, \"warn\": 0, \"info\": 0}}\n",
				 /* check, noname */
				 "{\"kind\": \"partner\", \"id\": \"P1\", \"name\": null, \"status\": \"pass\", \"score\": 100, \"findings\": []}\n"
				 "{\"kind\": \"partner\", \"id\": \"P2\", \"name\": null, \"status\": \"fail\", \"score\": 72.7, \"findings\": [{\"rule\": \"viability.reserves\", \"severity\": \"fail\", \"outcome\": \"fail\", \"message\": \"free_reserves_months is 1.5, below the minimum 3\", \"title\": \"At least three months of free reserves\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}, {\"rule\": \"governance.trustees\", \"severity\": \"warn\", \"outcome\": \"missing\", \"message\": \"trustee_count is missing\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
				 "{\"kind\": \"partner\", \"id\": \"@P3\", \"name\": null, \"status\": \"warn\", \"score\": 86.7, \"findings\": [{\"rule\": \"viability.surplus\", \"severity\": \"warn\", \"outcome\": \"waived\", \"message\": \"surplus_gbp is -12000, below the minimum 0; waived: agreed at board\", \"title\": \"No deficit | <b>loss</b>\", \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
				 "{\"kind\": \"partner\", \"id\": \"-P4\", \"name\": null, \"status\": \"error\", \"score\": null, \"findings\": [{\"rule\": \"input\", \"severity\": \"fail\", \"outcome\": \"error\", \"message\": \"bad number \\\"12,5\\\" in income_gbp\", \"title\": null, \"category\": null, \"field\": null, \"value\": null, \"threshold\": null, \"line\": 0}]}\n"
				 "{\"kind\": \"conflict\", \"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3}\n"
				 "{\"kind\": \"conflict\", \"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
				 "{\"kind\": \"consortium\", \"rule\": \"consortium.lead\", \"severity\": \"fail\", \"message\": \"no lead partner with income above 1000000\", \"title\": \"A lead partner\"}\n"
				 "{\"kind\": \"consortium\", \"rule\": \"consortium.region\", \"severity\": \"warn\", \"message\": \"2 partners share region North\", \"partners\": [\"-P4\", \"P1\"], \"title\": null}\n"
				 "{\"kind\": \"summary\", \"rows_read\": 5, \"rows_reported\": 4, \"pass\": 1, \"warn\": 1, \"fail\": 1, \"error\": 1, \"findings\": {\"fail\": 2, \"warn\": 1, \"info\": 0}, \"waived\": 1, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2, \"consortium\": {\"fail\": 1, \"warn\": 1, \"info\": 0}}\n",
			     },
			     {
				 /* conflicts, plain */
				 "{\"kind\": \"conflict\", \"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3}\n"
				 "{\"kind\": \"conflict\", \"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
				 "{\"kind\": \"summary\", \"rows_read\": 5, \"rows_reported\": 4, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2}\n",
				 /* conflicts, rich */
				 "{\"kind\": \"conflict\", \"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3}\n"
				 "{\"kind\": \"conflict\", \"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
				 "{\"kind\": \"summary\", \"rows_read\": 5, \"rows_reported\": 4, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2}\n",
				 /* conflicts, empty */
				 "{\"kind\": \"summary\", \"rows_read\": 0, \"rows_reported\": 0, \"conflicts\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"conflicts_shown\": 0}\n",
				 /* conflicts, noname */
				 "{\"kind\": \"conflict\", \"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3}\n"
				 "{\"kind\": \"conflict\", \"a\": \"@P3\", \"b\": \"-P4\", \"rule\": \"pairs.region\", \"severity\": \"info\", \"message\": \"same region\", \"title\": null, \"a_line\": 4, \"b_line\": 5}\n"
				 "{\"kind\": \"summary\", \"rows_read\": 5, \"rows_reported\": 4, \"conflicts\": {\"fail\": 2, \"warn\": 3, \"info\": 10}, \"conflicts_shown\": 2}\n",
			     },
		     };

static const char *const expect_markdown[3][4] = {
	{
	    /* screen, plain */
	    "| ID | Name | Status | Score | Check | Severity | Finding |\n"
	    "|---|---|---|---:|---|---|---|\n"
	    "| P1 | Haven Housing Trust | pass | 100.0 | | | |\n"
	    "| P2 | Riverside \\| Youth &lt;Trust&gt; &amp; Co | fail | 72.7 | At least three months of free reserves (viability.reserves) | fail | free_reserves_months is 1.5, below the minimum 3 |\n"
	    "| | | | | governance.trustees | warn, missing | trustee_count is missing |\n"
	    "| @P3 | Caf\303\251 \"\344\270\255\346\226\207\" | warn | 86.7 | No deficit \\| &lt;b&gt;loss&lt;/b&gt; (viability.surplus) | warn, waived | surplus_gbp is -12000, below the minimum 0; waived: agreed at board |\n"
	    "| -P4 | Line break tab!\\\\ | error | - | input | fail, error | bad number \"12,5\" in income_gbp |\n"
	    "\n"
	    "**Summary:** 5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\n",
	    /* screen, rich */
	    "| ID | Name | Status | Score | Scores | region | income_gbp | Check | Severity | Finding |\n"
	    "|---|---|---|---:|---|---|---|---|---|---|\n"
	    "| P1 | Haven Housing Trust | pass | 100.0 | quality 100.0, viability 100.0 | North | 1250000 | | | |\n"
	    "| P2 | Riverside \\| Youth &lt;Trust&gt; &amp; Co | fail | 72.7 | quality 80.0, viability 66.7 | =HYPERLINK(\"x\") | -280 | At least three months of free reserves (viability.reserves) | fail | free_reserves_months is 1.5, below the minimum 3 |\n"
	    "| | | | | | | | governance.trustees | warn, missing | trustee_count is missing |\n"
	    "| @P3 | Caf\303\251 \"\344\270\255\346\226\207\" | warn | 86.7 | quality 100.0, viability 75.0 | Sud-Ouest, \"FR\" | +12.5 | No deficit \\| &lt;b&gt;loss&lt;/b&gt; (viability.surplus) | warn, waived | surplus_gbp is -12000, below the minimum 0; waived: agreed at board |\n"
	    "| -P4 | Line break tab!\\\\ | error | - | quality -, viability - | | 12,5 | input | fail, error | bad number \"12,5\" in income_gbp |\n"
	    "\n"
	    "**Summary:** 5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\n",
	    /* screen, empty */
	    "None.\n"
	    "\n"
	    "**Summary:** 0 rows read, 0 reported: 0 pass, 0 warn, 0 fail, 0 error\n",
	    /* screen, noname */
	    "| ID | Status | Score | Check | Severity | Finding |\n"
	    "|---|---|---:|---|---|---|\n"
	    "| P1 | pass | 100.0 | | | |\n"
	    "| P2 | fail | 72.7 | At least three months of free reserves (viability.reserves) | fail | free_reserves_months is 1.5, below the minimum 3 |\n"
	    "| | | | governance.trustees | warn, missing | trustee_count is missing |\n"
	    "| @P3 | warn | 86.7 | No deficit \\| &lt;b&gt;loss&lt;/b&gt; (viability.surplus) | warn, waived | surplus_gbp is -12000, below the minimum 0; waived: agreed at board |\n"
	    "| -P4 | error | - | input | fail, error | bad number \"12,5\" in income_gbp |\n"
	    "\n"
	    "**Summary:** 5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\n",
	},
	{
	    /* check, plain */
	    "## Partners\n"
	    "\n"
	    "| ID | Name | Status | Score | Check | Severity | Finding |\n"
	    "|---|---|---|---:|---|---|---|\n"
	    "| P1 | Haven Housing Trust | pass | 100.0 | | | |\n"
	    "| P2 | Riverside \\| Youth &lt;Trust&gt; &amp; Co | fail | 72.7 | At least three months of free reserves (viability.reserves) | fail | free_reserves_months is 1.5, below the minimum 3 |\n"
	    "| | | | | governance.trustees | warn, missing | trustee_count is missing |\n"
	    "| @P3 | Caf\303\251 \"\344\270\255\346\226\207\" | warn | 86.7 | No deficit \\| &lt;b&gt;loss&lt;/b&gt; (viability.surplus) | warn, waived | surplus_gbp is -12000, below the minimum 0; waived: agreed at board |\n"
	    "| -P4 | Line break tab!\\\\ | error | - | input | fail, error | bad number \"12,5\" in income_gbp |\n"
	    "\n"
	    "## Conflicts\n"
	    "\n"
	    "| A | B | Severity | Check | Finding |\n"
	    "|---|---|---|---|---|\n"
	    "| P1 | P2 | fail | No shared postcode (pairs.postcode) | both serve postcode \"LS1\" |\n"
	    "| @P3 | -P4 | info | pairs.region | same region |\n"
	    "\n"
	    "## Consortium\n"
	    "\n"
	    "| Severity | Check | Finding | Partners |\n"
	    "|---|---|---|---|\n"
	    "| fail | A lead partner (consortium.lead) | no lead partner with income above 1000000 | |\n"
	    "| warn | consortium.region | 2 partners share region North | -P4, P1 |\n"
	    "\n"
	    "**Summary:** 5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\\\n"
	    "pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown; consortium: 2 findings (1 fail, 1 warn, 0 info)\n",
	    /* check, rich */
	    "## Partners\n"
	    "\n"
	    "| ID | Name | Status | Score | Scores | region | income_gbp | Check | Severity | Finding |\n"
	    "|---|---|---|---:|---|---|---|---|---|---|\n"
	    "| P1 | Haven Housing Trust | pass | 100.0 | quality 100.0, viability 100.0 | North | 1250000 | | | |\n"
	    "| P2 | Riverside \\| Youth &lt;Trust&gt; &amp; Co | fail | 72.7 | quality 80.0, viability 66.7 | =HYPERLINK(\"x\") | -280 | At least three months of free reserves (viability.reserves) | fail | free_reserves_months is 1.5, below the minimum 3 |\n"
	    "| | | | | | | | governance.trustees | warn, missing | trustee_count is missing |\n"
	    "| @P3 | Caf\303\251 \"\344\270\255\346\226\207\" | warn | 86.7 | quality 100.0, viability 75.0 | Sud-Ouest, \"FR\" | +12.5 | No deficit \\| &lt;b&gt;loss&lt;/b&gt; (viability.surplus) | warn, waived | surplus_gbp is -12000, below the minimum 0; waived: agreed at board |\n"
	    "| -P4 | Line break tab!\\\\ | error | - | quality -, viability - | | 12,5 | input | fail, error | bad number \"12,5\" in income_gbp |\n"
	    "\n"
	    "## Conflicts\n"
	    "\n"
	    "| A | B | Severity | Check | Finding |\n"
	    "|---|---|---|---|---|\n"
	    "| P1 | P2 | fail | No shared postcode (pairs.postcode) | both serve postcode \"LS1\" |\n"
	    "| @P3 | -P4 | info | pairs.region | same region |\n"
	    "\n"
	    "## Consortium\n"
	    "\n"
	    "| Severity | Check | Finding | Partners |\n"
	    "|---|---|---|---|\n"
	    "| fail | A lead partner (consortium.lead) | no lead partner with income above 1000000 | |\n"
	    "| warn | consortium.region | 2 partners share region North | -P4, P1 |\n"
	    "\n"
	    "**Summary:** 5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\\\n"
	    "pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown; consortium: 2 findings (1 fail, 1 warn, 0 info)\n",
	    /* check, empty */
	    "## Partners\n"
	    "\n"
	    "None.\n"
	    "\n"
	    "## Conflicts\n"
	    "\n"
	    "None.\n"
	    "\n"
	    "## Consortium\n"
	    "\n"
	    "None.\n"
	    "\n"
	    "**Summary:** 0 rows read, 0 reported: 0 pass, 0 warn, 0 fail, 0 error\\\n"
	    "pairs: 0 findings (0 fail, 0 warn, 0 info), 0 shown; consortium: 0 findings (0 fail, 0 warn, 0 info)\n",
	    /* check, noname */
	    "## Partners\n"
	    "\n"
	    "| ID | Status | Score | Check | Severity | Finding |\n"
	    "|---|---|---:|---|---|---|\n"
	    "| P1 | pass | 100.0 | | | |\n"
	    "| P2 | fail | 72.7 | At least three months of free reserves (viability.reserves) | fail | free_reserves_months is 1.5, below the minimum 3 |\n"
	    "| | | | governance.trustees | warn, missing | trustee_count is missing |\n"
	    "| @P3 | warn | 86.7 | No deficit \\| &lt;b&gt;loss&lt;/b&gt; (viability.surplus) | warn, waived | surplus_gbp is -12000, below the minimum 0; waived: agreed at board |\n"
	    "| -P4 | error | - | input | fail, error | bad number \"12,5\" in income_gbp |\n"
	    "\n"
	    "## Conflicts\n"
	    "\n"
	    "| A | B | Severity | Check | Finding |\n"
	    "|---|---|---|---|---|\n"
	    "| P1 | P2 | fail | No shared postcode (pairs.postcode) | both serve postcode \"LS1\" |\n"
	    "| @P3 | -P4 | info | pairs.region | same region |\n"
	    "\n"
	    "## Consortium\n"
	    "\n"
	    "| Severity | Check | Finding | Partners |\n"
	    "|---|---|---|---|\n"
	    "| fail | A lead partner (consortium.lead) | no lead partner with income above 1000000 | |\n"
	    "| warn | consortium.region | 2 partners share region North | -P4, P1 |\n"
	    "\n"
	    "**Summary:** 5 rows read, 4 reported: 1 pass, 1 warn, 1 fail, 1 error, 1 finding waived\\\n"
	    "pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown; consortium: 2 findings (1 fail, 1 warn, 0 info)\n",
	},
	{
	    /* conflicts, plain */
	    "| A | B | Severity | Check | Finding |\n"
	    "|---|---|---|---|---|\n"
	    "| P1 | P2 | fail | No shared postcode (pairs.postcode) | both serve postcode \"LS1\" |\n"
	    "| @P3 | -P4 | info | pairs.region | same region |\n"
	    "\n"
	    "**Summary:** pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown\n",
	    /* conflicts, rich */
	    "| A | B | Severity | Check | Finding |\n"
	    "|---|---|---|---|---|\n"
	    "| P1 | P2 | fail | No shared postcode (pairs.postcode) | both serve postcode \"LS1\" |\n"
	    "| @P3 | -P4 | info | pairs.region | same region |\n"
	    "\n"
	    "**Summary:** pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown\n",
	    /* conflicts, empty */
	    "None.\n"
	    "\n"
	    "**Summary:** pairs: 0 findings (0 fail, 0 warn, 0 info), 0 shown\n",
	    /* conflicts, noname */
	    "| A | B | Severity | Check | Finding |\n"
	    "|---|---|---|---|---|\n"
	    "| P1 | P2 | fail | No shared postcode (pairs.postcode) | both serve postcode \"LS1\" |\n"
	    "| @P3 | -P4 | info | pairs.region | same region |\n"
	    "\n"
	    "**Summary:** pairs: 15 findings (2 fail, 3 warn, 10 info), 2 shown\n",
	},
};

static const char *const mode_names[] = { "screen", "check", "conflicts" };
static const char *const variant_names[] = { "plain", "rich", "empty",
					     "noname" };

static void
check_format(const char *fmt, const char *const expect[3][4])
{
	int m, v;

	for (m = 0; m < 3; m++)
		for (v = 0; v < 4; v++) {
			char *got = render(fmt, (report_mode)m, v);

			ck_assert_msg(strcmp(got, expect[m][v]) == 0,
				      "%s %s %s: got\n%s\nwant\n%s", fmt,
				      mode_names[m], variant_names[v], got,
				      expect[m][v]);
			free(got);
		}
}

/* Parses s as one JSON value, failing the test if it is not exactly that;
 * returns the tree (caller deletes). */
static cJSON *
parse_json(const char *s, size_t len)
{
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithLengthOpts(s, len, &end, 0);

	ck_assert_msg(j != NULL, "invalid JSON near: %.40s", end ? end : s);
	/* A document's final newline is fine; anything else is not. */
	while (end < s + len && *end == '\n')
		end++;
	ck_assert_msg(end == s + len, "trailing text after JSON: %s", end);
	return j;
}

START_TEST(test_names)
{
	ck_assert_str_eq(severity_name(SEV_INFO), "info");
	ck_assert_str_eq(severity_name(SEV_WARN), "warn");
	ck_assert_str_eq(severity_name(SEV_FAIL), "fail");
	ck_assert_str_eq(severity_name((severity)7), "?");
	ck_assert_str_eq(status_name(ST_PASS), "pass");
	ck_assert_str_eq(status_name(ST_WARN), "warn");
	ck_assert_str_eq(status_name(ST_FAIL), "fail");
	ck_assert_str_eq(status_name(ST_ERROR), "error");
	ck_assert_str_eq(outcome_name(OUT_FAIL), "fail");
	ck_assert_str_eq(outcome_name(OUT_MISSING), "missing");
	ck_assert_str_eq(outcome_name(OUT_WAIVED), "waived");
	ck_assert_str_eq(outcome_name(OUT_ERROR), "error");
	ck_assert_int_eq(severity_from_name("info"), SEV_INFO);
	ck_assert_int_eq(severity_from_name("warn"), SEV_WARN);
	ck_assert_int_eq(severity_from_name("fail"), SEV_FAIL);
	ck_assert_int_eq(severity_from_name("FAIL"), -1);
	ck_assert_int_eq(severity_from_name("warning"), -1);
	ck_assert_int_eq(severity_from_name(""), -1);
	ck_assert_int_eq(severity_from_name(NULL), -1);
}
END_TEST

START_TEST(test_emitter_table)
{
	static const char *const names[] = {
		"text",
		"csv",
		"tsv",
		"json",
		"ndjson",
		"markdown",
		"html",
		"dot",
		"findings-csv",
		"findings-tsv",
		"findings-ndjson",
		"sarif",
		"junit",
		"github",
		"tap",
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		const emitter *e = emitter_find(names[i]);

		ck_assert_ptr_nonnull(e);
		ck_assert_str_eq(e->name, names[i]);
		ck_assert(e->begin && e->partner && e->conflict &&
			  e->consortium && e->end && e->free);
	}
	ck_assert_ptr_null(emitter_find("xml"));
	ck_assert_ptr_null(emitter_find("JSON"));
	ck_assert_ptr_null(emitter_find(""));
	ck_assert_ptr_null(emitter_find(NULL));
	ck_assert_str_eq(emitter_names(),
			 "text, csv, tsv, json, ndjson, markdown, html, dot, "
			 "findings-csv, findings-tsv, findings-ndjson, sarif, "
			 "junit, github, tap");
	ck_assert_str_eq(
	    emitter_names_or(),
	    "text, csv, tsv, json, ndjson, markdown, html, dot, findings-csv, "
	    "findings-tsv, findings-ndjson, sarif, junit, github or tap");
}
END_TEST

START_TEST(test_finding_line)
{
	static const finding f[] = {
		{ "viability.reserves",
		  SEV_FAIL,
		  OUT_FAIL,
		  "free_reserves_months is 1.5",
		  NULL,
		  { 0 },
		  0 },
		{ "viability.surplus",
		  SEV_WARN,
		  OUT_WAIVED,
		  "surplus_gbp is -12000, below the minimum 0; waived: agreed at board",
		  NULL,
		  { 0 },
		  0 },
		{ "governance.trustees",
		  SEV_INFO,
		  OUT_MISSING,
		  "trustee_count is missing",
		  NULL,
		  { 0 },
		  0 },
		{ "input", SEV_FAIL, OUT_ERROR, "bad date", NULL, { 0 }, 0 },
		{ "x.y", SEV_WARN, OUT_FAIL, "", NULL, { 0 }, 0 },
		{ "x.z", SEV_WARN, OUT_FAIL, NULL, NULL, { 0 }, 0 },
	};
	static const char *const want[] = {
		"viability.reserves (fail): free_reserves_months is 1.5",
		("viability.surplus (warn, waived): surplus_gbp is -12000, below "
		 "the minimum 0; waived: agreed at board"),
		"governance.trustees (info, missing): trustee_count is missing",
		"input (fail, error): bad date",
		"x.y (warn)",
		"x.z (warn)",
	};
	strbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		sb_reset(&sb);
		finding_line(&sb, &f[i]);
		ck_assert_str_eq(sb.buf, want[i]);
	}
	/* It appends. */
	sb_reset(&sb);
	sb_adds(&sb, "> ");
	finding_line(&sb, &f[3]);
	ck_assert_str_eq(sb.buf, "> input (fail, error): bad date");
	sb_free(&sb);
}
END_TEST

START_TEST(test_summary_wording)
{
	summary s = { 1,           1, { 1, 0, 0, 0 },
		      { 0, 0, 0 }, 1, { 1, 0, 0 },
		      { 0, 0, 1 }, 1, NULL,
		      0,           0, 0,
		      0,           0, 0,
		      { 0, 0, 0 } };
	strbuf sb;

	sb_init(&sb);
	add_summary_line(&sb, &s);
	ck_assert_str_eq(
	    sb.buf,
	    "1 row read, 1 reported: 1 pass, 0 warn, 0 fail, 0 error, 1 finding waived");
	{
		static const char *const absent[] = { "qaf_level", "tags" };

		s.absent = absent;
		s.nabsent = 2;
		sb_reset(&sb);
		add_summary_line(&sb, &s);
		ck_assert_str_eq(
		    sb.buf,
		    "1 row read, 1 reported: 1 pass, 0 warn, 0 "
		    "fail, 0 error, 1 finding waived; read as empty, not in the "
		    "header: qaf_level, tags");
		s.absent = NULL;
		s.nabsent = 0;
	}
	sb_reset(&sb);
	add_pairs_line(&sb, &s, 1);
	ck_assert_str_eq(sb.buf,
			 "pairs: 1 finding (0 fail, 0 warn, 1 info), 1 shown; "
			 "consortium: 1 finding (1 fail, 0 warn, 0 info)");
	sb_reset(&sb);
	s.conflicts[SEV_FAIL] = 2;
	s.conflicts[SEV_WARN] = 3;
	s.conflicts[SEV_INFO] = 10;
	s.conflicts_shown = 5;
	add_pairs_line(&sb, &s, 0);
	ck_assert_str_eq(
	    sb.buf, "pairs: 15 findings (2 fail, 3 warn, 10 info), 5 shown");
	sb_reset(&sb);
	s.waived = 0;
	s.rows_read = s.rows_reported = 6;
	add_summary_line(&sb, &s);
	ck_assert_str_eq(
	    sb.buf, "6 rows read, 6 reported: 1 pass, 0 warn, 0 fail, 0 error");
	/* Blank rows are never dropped silently: the summary line says so,
	 * and so does the pairs line of conflicts, which has no other. */
	sb_reset(&sb);
	s.blank_rows = 2;
	add_summary_line(&sb, &s);
	ck_assert_str_eq(
	    sb.buf, "6 rows read, 6 reported: 1 pass, 0 warn, 0 fail, 0 error, "
		    "2 blank rows skipped");
	sb_reset(&sb);
	add_pairs_line(&sb, &s, 0);
	ck_assert_str_eq(
	    sb.buf, "pairs: 15 findings (2 fail, 3 warn, 10 info), 5 shown, "
		    "2 blank rows skipped");
	sb_reset(&sb);
	s.blank_rows = 1;
	add_summary_line(&sb, &s);
	ck_assert_str_eq(
	    sb.buf, "6 rows read, 6 reported: 1 pass, 0 warn, 0 fail, 0 error, "
		    "1 blank row skipped");
	sb_free(&sb);
}
END_TEST

START_TEST(test_escapers)
{
	strbuf sb;

	sb_init(&sb);
#define ESC(fn, in, want) \
	do { \
		sb_reset(&sb); \
		fn; \
		ck_assert_str_eq(sb.buf, want); \
		(void)in; \
	} while (0)
	/* Formula guard: numbers stay numbers. */
	ck_assert_int_eq(formula_like("=1+2"), 1);
	ck_assert_int_eq(formula_like("+A1"), 1);
	ck_assert_int_eq(formula_like("-A1"), 1);
	ck_assert_int_eq(formula_like("@SUM(A1)"), 1);
	ck_assert_int_eq(formula_like("\tx"), 1);
	ck_assert_int_eq(formula_like("\rx"), 1);
	ck_assert_int_eq(formula_like("-"), 1);
	ck_assert_int_eq(formula_like("-1e5"), 1);
	ck_assert_int_eq(formula_like("-1+2"), 1);
	ck_assert_int_eq(formula_like("-2+3+cmd|' /C calc'!A0"), 1);
	ck_assert_int_eq(formula_like("+ "), 1);
	ck_assert_int_eq(formula_like("-\xC2"), 1);
	ck_assert_int_eq(formula_like("=12"), 1);
	ck_assert_int_eq(formula_like("@12"), 1);
	/* Figures as people write them are kept as read. */
	ck_assert_int_eq(formula_like("-.5"), 0);
	ck_assert_int_eq(formula_like("-5."), 0);
	ck_assert_int_eq(formula_like("-\xC2\xA3"
				      "12,000"),
			 0);
	ck_assert_int_eq(formula_like("-$1,250,000.50"), 0);
	ck_assert_int_eq(formula_like("-\xE2\x82\xAC"
				      "3.20"),
			 0);
	ck_assert_int_eq(formula_like("-(1,250)"), 0);
	ck_assert_int_eq(formula_like("-4.5%"), 0);
	ck_assert_int_eq(formula_like("+44 20 7946 0000"), 0);
	ck_assert_int_eq(formula_like("-280"), 0);
	ck_assert_int_eq(formula_like("-12.5"), 0);
	ck_assert_int_eq(formula_like("+12.5"), 0);
	ck_assert_int_eq(formula_like("12"), 0);
	ck_assert_int_eq(formula_like("a=b"), 0);
	ck_assert_int_eq(formula_like(""), 0);
	ck_assert_int_eq(formula_like(NULL), 0);

	ESC(add_csv_cell(&sb, "plain", 0), 0, "plain");
	ESC(add_csv_cell(&sb, "", 0), 0, "");
	ESC(add_csv_cell(&sb, NULL, 0), 0, "");
	ESC(add_csv_cell(&sb, "a,b", 0), 0, "\"a,b\"");
	ESC(add_csv_cell(&sb, "say \"hi\"", 0), 0, "\"say \"\"hi\"\"\"");
	ESC(add_csv_cell(&sb, "two\nlines", 0), 0, "\"two\nlines\"");
	ESC(add_csv_cell(&sb, "cr\r", 0), 0, "\"cr\r\"");
	ESC(add_csv_cell(&sb, " lead", 0), 0, "\" lead\"");
	ESC(add_csv_cell(&sb, "trail ", 0), 0, "\"trail \"");
	ESC(add_csv_cell(&sb, "in side", 0), 0, "in side");
	ESC(add_csv_cell(&sb, "tab\there", 0), 0, "tab\there");
	ESC(add_csv_cell(&sb, "=1+2", 0), 0, "=1+2");
	ESC(add_csv_cell(&sb, "=1+2", 1), 0, "'=1+2");
	ESC(add_csv_cell(&sb, "=A1,B1", 1), 0, "\"'=A1,B1\"");
	ESC(add_csv_cell(&sb, "\rx", 1), 0, "\"'\rx\"");
	ESC(add_csv_cell(&sb, "-280", 1), 0, "-280");
	ESC(add_csv_cell(&sb, "@x", 1), 0, "'@x");

	/* add_csv_cell_n writes exactly what add_csv_cell writes, for cells
	 * long enough to take its block scans too. */
	{
		static const char *const cells[] = {
			"plain",
			"",
			"a,b",
			"say \"hi\"",
			"two\nlines",
			"cr\r",
			" lead",
			"trail ",
			"=A1,B1",
			"=1+2",
			"-280",
			"@x",
			"viability.liquidity (fail): current_ratio is 0.7, below 1",
			"a long cell with no special byte in it at all, ok no",
			"a long cell with no special byte in it at all and none",
			"a long cell whose only special byte is at its end\n",
			"a long cell whose only special byte is at its very end\"",
			"x (fail): name is \"Acme\" on line 3 of this very long file",
			"-12.5",
			"\rx"
		};
		strbuf want;
		size_t k;
		int g;

		sb_init(&want);
		for (k = 0; k < sizeof cells / sizeof cells[0]; k++) {
			for (g = 0; g <= 1; g++) {
				sb_reset(&want);
				add_csv_cell(&want, cells[k], g);
				sb_reset(&sb);
				add_csv_cell_n(&sb, cells[k], strlen(cells[k]),
					       g);
				ck_assert_str_eq(sb.buf, want.buf);
			}
		}
		sb_free(&want);
	}

	ESC(add_tsv_cell(&sb, "a\\b\tc\nd\re", 0), 0, "a\\\\b\\tc\\nd\\re");
	ESC(add_tsv_cell(&sb, "\"quoted\", fine", 0), 0, "\"quoted\", fine");
	ESC(add_tsv_cell(&sb, "\tx", 1), 0, "'\\tx");
	ESC(add_tsv_cell(&sb, "-12.5", 1), 0, "-12.5");
	ESC(add_tsv_cell(&sb, NULL, 1), 0, "");

	ESC(add_json_str(&sb, "q\" b\\ n\n r\r t\t b\b f\f"), 0,
	    "\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f\"");
	ESC(add_json_str(&sb, "\001\037\177/\303\251\344\270\255"), 0,
	    "\"\\u0001\\u001f\\u007f/\303\251\344\270\255\"");
	ESC(add_json_str(&sb, ""), 0, "\"\"");
	ESC(add_json_str(&sb, NULL), 0, "null");

	ESC(add_md(&sb, "a|b\\c<d>e&f"), 0, "a\\|b\\\\c&lt;d&gt;e&amp;f");
	ESC(add_md(&sb, "1\n2\r\n3\r4\t5"), 0, "1 2 3 4 5");
	ESC(add_md(&sb, "x\001\177\302\205\302\240y"), 0, "x\302\240y");
	ESC(add_md(&sb, NULL), 0, "");

	ESC(add_term(&sb, "a\tb\nc\rd"), 0, "a b c d");
	ESC(add_term(&sb, "\033[31mred\007"), 0, "[31mred");
	ESC(add_term(&sb, "x\302\233y\302\237z\302\240\303\251"), 0,
	    "xyz\302\240\303\251");
	ESC(add_term(&sb, "end\302"), 0, "end\302");
	ESC(add_term(&sb, NULL), 0, "");
	/* Bidirectional controls are dropped, line and paragraph
	 * separators are spaces; the characters that share their first
	 * bytes (an em dash, a Euro sign, U+2069's neighbour U+206A, an
	 * Arabic letter) are text. */
	ESC(add_term(&sb, "a\342\200\256b\342\200\254c\342\200\216d"
			  "\342\200\217e\342\201\246f\342\201\251g\330\234h"),
	    0, "abcdefgh");
	ESC(add_term(&sb, "1\342\200\2502\342\200\2513"), 0, "1 2 3");
	ESC(add_term(&sb, "\342\200\224\342\202\254\342\201\252\330\250"
			  "\342\200\253"),
	    0, "\342\200\224\342\202\254\342\201\252\330\250");
	ESC(add_term(&sb, "cut\342\200"), 0, "cut\342\200");
	ESC(add_term(&sb, "0123456789abcdef\342\200\256xyz0123456789abcdef"), 0,
	    "0123456789abcdefxyz0123456789abcdef");
	ESC(add_md(&sb, "a\342\200\256b\342\201\247c\330\234d"), 0, "abcd");
	ESC(add_md(&sb, "1\342\200\2502\342\200\2513"), 0, "1 2 3");
	ESC(add_md(&sb, "\342\200\224\330\250\342\200"), 0,
	    "\342\200\224\330\250\342\200");
#undef ESC
	ck_assert_uint_eq(display_width("abc", 3), 3);
	ck_assert_uint_eq(display_width("Caf\303\251", 5), 4);
	ck_assert_uint_eq(display_width("\344\270\255\346\226\207", 6), 4);
	ck_assert_uint_eq(display_width("", 0), 0);
	sb_free(&sb);
}
END_TEST

START_TEST(test_text)
{
	check_format("text", expect_text);
}
END_TEST

START_TEST(test_csv)
{
	check_format("csv", expect_csv);
}
END_TEST

START_TEST(test_tsv)
{
	check_format("tsv", expect_tsv);
}
END_TEST

START_TEST(test_json)
{
	check_format("json", expect_json);
}
END_TEST

START_TEST(test_ndjson)
{
	check_format("ndjson", expect_ndjson);
}
END_TEST

START_TEST(test_markdown)
{
	check_format("markdown", expect_markdown);
}
END_TEST

/* Every JSON document parses; every NDJSON line parses on its own. */
START_TEST(test_json_valid)
{
	int m, v;

	for (m = 0; m < 3; m++)
		for (v = 0; v < 4; v++) {
			char *s = render("json", (report_mode)m, v), *p, *nl;
			cJSON *j = parse_json(s, strlen(s));

			ck_assert_ptr_nonnull(
			    cJSON_GetObjectItemCaseSensitive(j, "summary"));
			cJSON_Delete(j);
			free(s);

			s = render("ndjson", (report_mode)m, v);
			for (p = s; *p; p = nl + 1) {
				nl = strchr(p, '\n');
				ck_assert_ptr_nonnull(nl);
				j = parse_json(p, (size_t)(nl - p));
				if (m != MODE_SCREEN)
					ck_assert_str_eq(j->child->string,
							 "kind");
				cJSON_Delete(j);
			}
			free(s);
		}
}
END_TEST

/* What the escaping does must read back as the input. */
START_TEST(test_json_round_trip)
{
	char *s = render("json", MODE_CHECK, RICH);
	cJSON *j = parse_json(s, strlen(s));
	cJSON *ps = cJSON_GetObjectItemCaseSensitive(j, "partners");
	size_t i;

	ck_assert_int_eq(cJSON_GetArraySize(ps), (int)NPARTNERS);
	for (i = 0; i < NPARTNERS; i++) {
		cJSON *p = cJSON_GetArrayItem(ps, (int)i);
		cJSON *fields = cJSON_GetObjectItemCaseSensitive(p, "fields");

		ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(p, "id")
				     ->valuestring,
				 partners[i].id);
		ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(p, "name")
				     ->valuestring,
				 partners[i].name);
		ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(fields,
								  "region")
				     ->valuestring,
				 partners[i].kept[0]);
	}
	ck_assert(cJSON_IsNull(
	    cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(ps, 3),
					     "score")));
	cJSON_Delete(j);
	free(s);
}
END_TEST

/* Emits n partners named "short" but for the one at index long_at, and
 * returns the output (caller frees).  If probe, the output is a reader
 * who waits on each line, and the test checks that nothing is written
 * while the window fills and that each row after it is written at once. */
static char *
render_many(size_t n, size_t long_at, int probe)
{
	report r;
	char *buf = NULL, id[32];
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);
	summary s;

	memset(&r, 0, sizeof r);
	memset(&s, 0, sizeof s);
	s.rows_read = s.rows_reported = s.by_status[ST_PASS] = n;
	r.out = f;
	r.em = emitter_find("text");
	r.mode = MODE_SCREEN;
	r.live = probe;
	report_begin(&r);
	for (i = 0; i < n; i++) {
		verdict v;

		memset(&v, 0, sizeof v);
		snprintf(id, sizeof id, "R%04zu", i);
		v.id = id;
		v.name = i == long_at ? "a much longer name" : "short";
		v.st = ST_PASS;
		v.score = 100;
		v.has_score = 1;
		report_partner(&r, &v);
		if (probe) {
			fflush(f);
			if (i < 999)
				ck_assert_uint_eq(len, 0);
			else
				ck_assert(len > 0 && buf[len - 1] == '\n');
			if (i >= 1000)
				ck_assert_ptr_nonnull(strstr(buf, id));
		}
	}
	report_end(&r, &s);
	report_free(&r);
	fclose(f);
	return buf;
}

static int
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

START_TEST(test_text_window)
{
	char *s;

	/* Past the window a longer name overflows; the table keeps the
	 * widths of the first 1000 rows. */
	s = render_many(1002, 1000, 1);
	ck_assert(starts_with(s, "ID     NAME   STATUS  SCORE  FINDINGS\n"
				 "R0000  short  pass    100.0\n"));
	ck_assert_ptr_nonnull(strstr(
	    s,
	    "\nR0999  short  pass    100.0\n"
	    "R1000  a much longer name  pass    100.0\n"
	    "R1001  short  pass    100.0\n\n"
	    "1002 rows read, 1002 reported: 1002 pass, 0 warn, 0 fail, 0 error\n"));
	free(s);

	/* Within the window it widens the column for every row. */
	s = render_many(1001, 999, 0);
	ck_assert(
	    starts_with(s,
			"ID     NAME                STATUS  SCORE  FINDINGS\n"
			"R0000  short               pass    100.0\n"));
	ck_assert_ptr_nonnull(
	    strstr(s, "\nR0999  a much longer name  pass    100.0\n"
		      "R1000  short               pass    100.0\n\n"));
	free(s);
}
END_TEST

/* Every line of every text output is free of trailing whitespace, even
 * when the last value on a line ends in spaces. */
START_TEST(test_text_no_trailing_space)
{
	static const finding f[] = {
		{ "x.y", SEV_WARN, OUT_FAIL, "ends in a tab\t", NULL, { 0 }, 0 }
	};
	static const char *const kept[] = { "value  ", "" };
	verdict v = { "P9 ", "name ", ST_WARN, 50,   1, NULL,
		      0,     NULL,    0,       kept, 1, 1 };
	report r;
	summary s;
	char *buf = NULL, *p;
	size_t len = 0;
	int m, var;

	memset(&r, 0, sizeof r);
	memset(&s, 0, sizeof s);
	r.out = open_memstream(&buf, &len);
	r.em = emitter_find("text");
	r.keep = keep2;
	r.nkeep = 2;
	report_begin(&r);
	report_partner(&r, &v);
	v.findings = f;
	v.nfindings = 1;
	report_partner(&r, &v);
	report_end(&r, &s);
	report_free(&r);
	fclose(r.out);
	ck_assert_str_eq(
	    buf,
	    "ID   NAME   STATUS  SCORE  region   income_gbp  FINDINGS\n"
	    "P9   name   warn     50.0  value\n"
	    "P9   name   warn     50.0  value                x.y (warn): ends in a tab\n"
	    "\n"
	    "0 rows read, 0 reported: 0 pass, 0 warn, 0 fail, 0 error\n");
	free(buf);

	for (m = 0; m < 3; m++)
		for (var = 0; var < 4; var++) {
			buf = render("text", (report_mode)m, var);
			for (p = buf; (p = strchr(p, '\n')) != NULL; p++)
				ck_assert(p == buf ||
					  (p[-1] != ' ' && p[-1] != '\t'));
			free(buf);
		}
}
END_TEST

/* Check mode with partners and consortium findings but no conflicts, and
 * with conflicts but no partners: each section still has its place. */
START_TEST(test_sparse_sections)
{
	static const struct {
		const char *fmt;
		const char *want_a; /* partners + consortium, no conflicts */
		const char *want_b; /* conflicts only */
	} cases[] = {
		{ "text",
		  "ID  NAME                 STATUS  SCORE  FINDINGS\n"
		  "P1  Haven Housing Trust  pass    100.0\n"
		  "\n"
		  "Conflicts: none\n"
		  "\n"
		  "Consortium:\n"
		  "SEVERITY  RULE               MESSAGE                        PARTNERS\n"
		  "warn      consortium.region  2 partners share region North  -P4, P1\n"
		  "\n"
		  "1 row read, 1 reported: 1 pass, 0 warn, 0 fail, 0 error\n"
		  "pairs: 0 findings (0 fail, 0 warn, 0 info), 0 shown; consortium: 1 finding (0 fail, 1 warn, 0 info)\n",
		  "Conflicts:\n"
		  "A   B   SEVERITY  RULE            MESSAGE\n"
		  "P1  P2  fail      pairs.postcode  both serve postcode \"LS1\"\n"
		  "\n"
		  "Consortium: none\n"
		  "\n"
		  "0 rows read, 0 reported: 0 pass, 0 warn, 0 fail, 0 error\n"
		  "pairs: 0 findings (0 fail, 0 warn, 0 info), 0 shown; consortium: 0 findings (0 fail, 0 warn, 0 info)\n" },
		{ "markdown",
		  "## Partners\n"
		  "\n"
		  "| ID | Name | Status | Score | Check | Severity | Finding |\n"
		  "|---|---|---|---:|---|---|---|\n"
		  "| P1 | Haven Housing Trust | pass | 100.0 | | | |\n"
		  "\n"
		  "## Conflicts\n"
		  "\n"
		  "None.\n"
		  "\n"
		  "## Consortium\n"
		  "\n"
		  "| Severity | Check | Finding | Partners |\n"
		  "|---|---|---|---|\n"
		  "| warn | consortium.region | 2 partners share region North | -P4, P1 |\n"
		  "\n"
		  "**Summary:** 1 row read, 1 reported: 1 pass, 0 warn, 0 fail, 0 error\\\n"
		  "pairs: 0 findings (0 fail, 0 warn, 0 info), 0 shown; consortium: 1 finding (0 fail, 1 warn, 0 info)\n",
		  "## Partners\n"
		  "\n"
		  "None.\n"
		  "\n"
		  "## Conflicts\n"
		  "\n"
		  "| A | B | Severity | Check | Finding |\n"
		  "|---|---|---|---|---|\n"
		  "| P1 | P2 | fail | No shared postcode (pairs.postcode) | both serve postcode \"LS1\" |\n"
		  "\n"
		  "## Consortium\n"
		  "\n"
		  "None.\n"
		  "\n"
		  "**Summary:** 0 rows read, 0 reported: 0 pass, 0 warn, 0 fail, 0 error\\\n"
		  "pairs: 0 findings (0 fail, 0 warn, 0 info), 0 shown; consortium: 0 findings (0 fail, 0 warn, 0 info)\n" },
		{ "json",
		  "{\"partners\": [\n"
		  "{\"id\": \"P1\", \"name\": \"Haven Housing Trust\", \"status\": \"pass\", \"score\": 100, \"findings\": []}\n"
		  "],\n"
		  "\"conflicts\": [\n"
		  "],\n"
		  "\"consortium\": [\n"
		  "{\"rule\": \"consortium.region\", \"severity\": \"warn\", \"message\": \"2 partners share region North\", \"partners\": [\"-P4\", \"P1\"], \"title\": null}\n"
		  "],\n"
		  "\"summary\": {\"rows_read\": 1, \"rows_reported\": 1, \"pass\": 1, \"warn\": 0, \"fail\": 0, \"error\": 0, \"findings\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"waived\": 0, \"conflicts\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"conflicts_shown\": 0, \"consortium\": {\"fail\": 0, \"warn\": 1, \"info\": 0}}}\n",
		  "{\"partners\": [\n"
		  "],\n"
		  "\"conflicts\": [\n"
		  "{\"a\": \"P1\", \"b\": \"P2\", \"rule\": \"pairs.postcode\", \"severity\": \"fail\", \"message\": \"both serve postcode \\\"LS1\\\"\", \"title\": \"No shared postcode\", \"a_line\": 2, \"b_line\": 3}\n"
		  "],\n"
		  "\"consortium\": [\n"
		  "],\n"
		  "\"summary\": {\"rows_read\": 0, \"rows_reported\": 0, \"pass\": 0, \"warn\": 0, \"fail\": 0, \"error\": 0, \"findings\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"waived\": 0, \"conflicts\": {\"fail\": 0, \"warn\": 0, \"info\": 0}, \"conflicts_shown\": 0, \"consortium\": {\"fail\": 0, \"warn\": 0, \"info\": 0}}}\n" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		report r;
		summary s;
		char *buf = NULL;
		size_t len = 0;
		int b;

		for (b = 0; b < 2; b++) {
			memset(&r, 0, sizeof r);
			memset(&s, 0, sizeof s);
			r.out = open_memstream(&buf, &len);
			r.em = emitter_find(cases[i].fmt);
			r.mode = MODE_CHECK;
			report_begin(&r);
			if (!b) {
				report_partner(&r, &partners[0]);
				report_consortium(&r, &cfindings[1]);
				s.rows_read = s.rows_reported =
				    s.by_status[ST_PASS] = 1;
				s.consortium[SEV_WARN] = 1;
			} else {
				report_conflict(&r, &conflicts[0]);
			}
			report_end(&r, &s);
			report_free(&r);
			fclose(r.out);
			ck_assert_msg(strcmp(buf, b ? cases[i].want_b :
						      cases[i].want_a) == 0,
				      "%s %d: got\n%s", cases[i].fmt, b, buf);
			if (strcmp(cases[i].fmt, "json") == 0)
				cJSON_Delete(parse_json(buf, len));
			free(buf);
			buf = NULL;
		}
	}
}
END_TEST

/*
 * Live output is batched, yet each line reaches a waiting reader: a line
 * made just after a flush stays in the stream's buffer (no write(2) a
 * line), report_idle (the input has nothing ready) sends it, and so does
 * the next item once REPORT_LIVE_MS have passed since the last flush
 * (flushed_ms is moved rather than slept on, so the test is not timed:
 * set ahead, the interval cannot pass however slow the machine is; set
 * back, it has passed).
 */
START_TEST(test_ndjson_live_batches)
{
	static const char line[] =
	    "{\"kind\": \"conflict\", \"a\": \"P1\", \"b\": \"P2\", "
	    "\"rule\": \"pairs.postcode\", \"severity\": \"fail\", "
	    "\"message\": \"both serve postcode \\\"LS1\\\"\", "
	    "\"title\": \"No shared postcode\", \"a_line\": 2, "
	    "\"b_line\": 3}\n";
	report r;
	summary s;
	char *buf = NULL;
	size_t len = 0;

	memset(&r, 0, sizeof r);
	memset(&s, 0, sizeof s);
	r.out = open_memstream(&buf, &len);
	/* A buffer larger than the output, so only fflush moves data. */
	setvbuf(r.out, NULL, _IOFBF, 1 << 16);
	r.em = emitter_find("ndjson");
	r.mode = MODE_CONFLICTS;
	r.live = 1;
	report_begin(&r);
	ck_assert_uint_eq(len, 0);
	r.flushed_ms += 1000000;
	report_conflict(&r, &conflicts[0]);
	ck_assert_uint_eq(len, 0);
	report_idle(&r);
	ck_assert_str_eq(buf, line);
	r.flushed_ms += 1000000;
	report_conflict(&r, &conflicts[0]);
	ck_assert_uint_eq(len, sizeof line - 1);
	r.flushed_ms -= 2000000;
	report_conflict(&r, &conflicts[0]);
	ck_assert_uint_eq(len, 3 * (sizeof line - 1));
	/* Not live: report_idle leaves the batch alone. */
	r.live = 0;
	report_conflict(&r, &conflicts[0]);
	report_idle(&r);
	ck_assert_uint_eq(len, 3 * (sizeof line - 1));
	report_end(&r, &s);
	report_free(&r);
	ck_assert_ptr_nonnull(
	    strstr(buf, "\n{\"kind\": \"summary\", \"rows_read\": 0, "));
	fclose(r.out);
	free(buf);
}
END_TEST

/* display_width adds up its pieces' columns on every length around its
 * eight-byte steps and past its 255-step sums, with and without the
 * characters that send it down the decoding path. */
START_TEST(test_display_width)
{
	static const struct {
		const char *s;
		size_t cols;
	} pieces[] = {
		{ "a", 1 },
		{ "\xC2\xA3", 1 },
		{ " ", 1 },
		{ "\x80", 0 },
		{ "\xE2\x82\xAC", 1 },
		{ "\xF0\x9F\x98\x80", 2 },
		{ "\xE4\xB8\xAD", 2 },
		{ "\xCC\x81", 0 },
	};
	char *s = xmalloc(6000);
	size_t len, i, want, kinds;
	unsigned seed = 3;

	for (kinds = 4; kinds <= 8; kinds += 4)
		for (len = 0; len < 6000; len += len < 100 ? 1 : 997) {
			for (i = 0, want = 0; i < len;) {
				const char *p;
				size_t n, c;

				seed = seed * 1103515245u + 12345u;
				p = pieces[(seed >> 8) % kinds].s;
				c = pieces[(seed >> 8) % kinds].cols;
				n = strlen(p);
				if (i + n > len)
					p = "z", n = 1, c = 1;
				memcpy(s + i, p, n);
				i += n;
				want += c;
			}
			ck_assert_uint_eq(display_width(s, len), want);
		}
	ck_assert_uint_eq(display_width("\xC2\xA3 12,\xE2\x82\xAC", 9), 6);
	/* Wide: CJK and emoji; zero: combining marks and zero-width space. */
	ck_assert_uint_eq(display_width("\xE6\x9D\xB1\xE4\xBA\xAC", 6), 4);
	ck_assert_uint_eq(display_width("Cafe\xCC\x81", 6), 4);
	ck_assert_uint_eq(display_width("a\xE2\x80\x8B"
					"b",
					5),
			  2);
	ck_assert_uint_eq(display_width("\xD0\x9C\xD0\xB8\xD1\x80", 6), 3);
	free(s);
}
END_TEST

/* add_score_short prints what sb_addnum prints, for every score in
 * tenths and for numbers that are not tenths. */
START_TEST(test_score_short)
{
	static const double others[] = { 33.333333333333336,
					 66.66666666666667,
					 -1,
					 1000.05,
					 1e300,
					 0.05,
					 99.95 };
	strbuf a, b;
	int k;
	size_t i;

	sb_init(&a);
	sb_init(&b);
	for (k = 0; k <= 10000; k++) {
		double v = k <= 1000 ? (double)k / 10 : (double)k / 7;

		sb_reset(&a);
		sb_reset(&b);
		add_score_short(&a, v);
		sb_addnum(&b, v);
		ck_assert_str_eq(a.buf, b.buf);
	}
	for (i = 0; i < sizeof others / sizeof others[0]; i++) {
		sb_reset(&a);
		sb_reset(&b);
		add_score_short(&a, others[i]);
		sb_addnum(&b, others[i]);
		ck_assert_str_eq(a.buf, b.buf);
	}
	sb_reset(&a);
	add_score_short(&a, 78.6);
	ck_assert_str_eq(a.buf, "78.6");
	sb_reset(&a);
	add_score_short(&a, 100);
	ck_assert_str_eq(a.buf, "100");
	sb_free(&a);
	sb_free(&b);
}
END_TEST

/* Sends the fixture's items of mode to r, as render() does. */
static void
send_items(report *r, report_mode mode)
{
	size_t i;

	if (mode != MODE_CONFLICTS)
		for (i = 0; i < NPARTNERS; i++)
			report_partner(r, &partners[i]);
	if (mode != MODE_SCREEN)
		for (i = 0; i < 2; i++)
			report_conflict(r, &conflicts[i]);
	if (mode == MODE_CHECK)
		for (i = 0; i < 2; i++)
			report_consortium(r, &cfindings[i]);
}

/* An aborted run calls report_free alone: it writes nothing more, no
 * summary in particular, releases the state (ASan and valgrind runs catch
 * a leak) and can be called again. */
START_TEST(test_free_without_end)
{
	static const char *const fmts[] = {
		"text",   "csv",      "tsv",  "json",
		"ndjson", "markdown", "html", "dot",
	};
	size_t i;
	int m;

	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		for (m = 0; m < 3; m++) {
			report r;
			char *buf = NULL;
			size_t len = 0, before;

			memset(&r, 0, sizeof r);
			r.out = open_memstream(&buf, &len);
			r.em = emitter_find(fmts[i]);
			r.mode = (report_mode)m;
			report_begin(&r);
			send_items(&r, (report_mode)m);
			report_flush(&r);
			fflush(r.out);
			before = len;
			report_free(&r);
			fflush(r.out);
			ck_assert_msg(len == before,
				      "%s %s: free wrote %zu bytes", fmts[i],
				      mode_names[m], len - before);
			ck_assert_ptr_null(r.state);
			ck_assert_int_eq(r.sec, SECTION_NONE);
			ck_assert_ptr_null(strstr(buf, "rows read"));
			ck_assert_ptr_null(strstr(buf, "summary"));
			report_free(&r);
			report_flush(&r);
			fclose(r.out);
			ck_assert_uint_eq(len, before);
			free(buf);
		}
}
END_TEST

/* report_free straight after report_begin, and with nothing begun (also
 * without an emitter), writes nothing and leaves nothing behind. */
START_TEST(test_free_after_begin_only)
{
	static const char *const fmts[] = {
		"text",   "csv",      "tsv",  "json",
		"ndjson", "markdown", "html", "dot",
	};
	size_t i;
	int m;
	report r;

	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		for (m = 0; m < 3; m++) {
			char *buf = NULL;
			size_t len = 0, before;

			memset(&r, 0, sizeof r);
			r.out = open_memstream(&buf, &len);
			r.em = emitter_find(fmts[i]);
			r.mode = (report_mode)m;
			report_free(&r); /* nothing begun */
			report_flush(&r);
			fflush(r.out);
			ck_assert_uint_eq(len, 0);
			report_begin(&r);
			ck_assert_ptr_nonnull(r.state);
			report_flush(&r);
			fflush(r.out);
			before = len;
			report_free(&r);
			fflush(r.out);
			ck_assert_uint_eq(len, before);
			ck_assert_ptr_null(r.state);
			fclose(r.out);
			free(buf);
		}
	memset(&r, 0, sizeof r);
	report_free(&r);
	report_flush(&r);
	ck_assert_ptr_null(r.state);
}
END_TEST

/* An emitter that writes down each call the report layer makes, with
 * r->nitems, to see the section driver at work. */
static char calls[512];
static int probe_state;

/* Appends s to calls. */
static void
note(const char *s)
{
	size_t len = strlen(calls);

	snprintf(calls + len, sizeof calls - len, "%s", s);
}

/* Appends an item's tag and r->nitems, as "p0;". */
static void
note_item(char tag, const report *r)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%c%zu;", tag, r->nitems);
	note(buf);
}

static void
probe_begin(report *r)
{
	r->state = &probe_state;
	note("begin;");
}

static void
probe_section(report *r, report_section from, report_section to)
{
	static const char letter[] = "-PCKE";
	char buf[32];

	snprintf(buf, sizeof buf, "%c%zu>%c;", letter[from], r->nitems,
		 letter[to]);
	note(buf);
}

static void
probe_partner(report *r, const verdict *v)
{
	(void)v;
	note_item('p', r);
}

static void
probe_conflict(report *r, const conflict *c)
{
	(void)c;
	note_item('c', r);
}

static void
probe_consortium(report *r, const cfinding *f)
{
	(void)f;
	note_item('k', r);
}

static void
probe_end(report *r, const summary *s)
{
	(void)r;
	(void)s;
	note("end;");
}

static void
probe_free(report *r)
{
	ck_assert_ptr_eq(r->state, &probe_state);
	r->state = NULL;
	note("free;");
}

static const emitter probe = {
	.name = "probe",
	.begin = probe_begin,
	.section = probe_section,
	.partner = probe_partner,
	.conflict = probe_conflict,
	.consortium = probe_consortium,
	.end = probe_end,
	.free = probe_free,
};

/* The report layer tells the emitter of each section change once, in
 * order, every section of the mode included even when empty, with the
 * count of the section being left; items out of place are dropped. */
START_TEST(test_section_driver)
{
	static const struct {
		report_mode mode;
		const char *items; /* p partner, c conflict, k consortium */
		const char *want;
	} cases[] = {
		{ MODE_SCREEN, "", "begin;-0>P;P0>E;end;free;" },
		{ MODE_SCREEN, "pp", "begin;-0>P;p0;p1;P2>E;end;free;" },
		/* not in the mode: dropped */
		{ MODE_SCREEN, "pck", "begin;-0>P;p0;P1>E;end;free;" },
		{ MODE_CONFLICTS, "", "begin;-0>C;C0>E;end;free;" },
		{ MODE_CONFLICTS, "pcc", "begin;-0>C;c0;c1;C2>E;end;free;" },
		{ MODE_CHECK, "", "begin;-0>P;P0>C;C0>K;K0>E;end;free;" },
		{ MODE_CHECK, "ppcckk",
		  "begin;-0>P;p0;p1;P2>C;c0;c1;C2>K;k0;k1;K2>E;end;free;" },
		/* skipping sections still passes through them, once each */
		{ MODE_CHECK, "k", "begin;-0>P;P0>C;C0>K;k0;K1>E;end;free;" },
		{ MODE_CHECK, "pk",
		  "begin;-0>P;p0;P1>C;C0>K;k0;K1>E;end;free;" },
		/* a partner after the conflicts began: dropped */
		{ MODE_CHECK, "cpc",
		  "begin;-0>P;P0>C;c0;c1;C2>K;K0>E;end;free;" },
	};
	size_t i;
	const char *p;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		report r;
		summary s;

		memset(&r, 0, sizeof r);
		memset(&s, 0, sizeof s);
		calls[0] = '\0';
		r.em = &probe;
		r.mode = cases[i].mode;
		report_begin(&r);
		for (p = cases[i].items; *p; p++)
			if (*p == 'p')
				report_partner(&r, &partners[0]);
			else if (*p == 'c')
				report_conflict(&r, &conflicts[0]);
			else
				report_consortium(&r, &cfindings[0]);
		report_end(&r, &s);
		ck_assert_int_eq(r.sec, SECTION_END);
		report_flush(&r); /* no flush slot: nothing to call */
		report_free(&r);
		report_free(&r); /* once only: the state is gone */
		ck_assert_msg(strcmp(calls, cases[i].want) == 0,
			      "case %zu: got %s, want %s", i, calls,
			      cases[i].want);
	}

	/* An aborted run: begin, some items, free; no end, no more sections. */
	{
		report r;

		memset(&r, 0, sizeof r);
		calls[0] = '\0';
		r.em = &probe;
		r.mode = MODE_CHECK;
		report_begin(&r);
		report_partner(&r, &partners[0]);
		report_free(&r);
		ck_assert_str_eq(calls, "begin;-0>P;p0;free;");
	}
}
END_TEST

/* Text, csv and markdown have a matrix; the others do not, and the
 * message that refuses them is made from the table. */
START_TEST(test_matrix_slot)
{
	static const struct {
		const char *fmt;
		const char *want; /* NULL: no matrix */
	} cases[] = {
		{ "text",
		  "      A     =B|x  C\n"
		  "A     -     fail  ok\n"
		  "=B|x  fail  -     info\n"
		  "C     ok    info  -\n"
		  "\n"
		  "legend: fail, warn, info = the worst finding between the two "
		  "partners; ok = none; - = the partner itself\n" },
		{ "csv", "id,A,'=B|x,C\n"
			 "A,-,fail,ok\n"
			 "'=B|x,fail,-,info\n"
			 "C,ok,info,-\n" },
		{ "tsv", NULL },
		{ "json", NULL },
		{ "ndjson", NULL },
		{ "markdown",
		  "| | A | =B\\|x | C |\n"
		  "|---|---|---|---|\n"
		  "| A | - | fail | ok |\n"
		  "| =B\\|x | fail | - | info |\n"
		  "| C | ok | info | - |\n"
		  "\n"
		  "legend: fail, warn, info = the worst finding between the two "
		  "partners; ok = none; - = the partner itself\n" },
	};
	static const char *const ids[] = { "A", "=B|x", "C" };
	/* worst severity + 1: A-B fail, B-C info, A-C none */
	static const unsigned char cells[] = {
		0, SEV_FAIL + 1, 0, SEV_FAIL + 1, 0, SEV_INFO + 1,
		0, SEV_INFO + 1, 0,
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		report r;
		char *buf = NULL;
		size_t len = 0;

		memset(&r, 0, sizeof r);
		r.out = open_memstream(&buf, &len);
		r.em = emitter_find(cases[i].fmt);
		r.sanitize = 1;
		ck_assert_int_eq(report_has_matrix(&r), cases[i].want != NULL);
		ck_assert_int_eq(r.em->matrix != NULL, cases[i].want != NULL);
		/* no report_begin: the matrix needs none */
		report_matrix(&r, ids, 3, cells);
		fclose(r.out);
		ck_assert_msg(strcmp(buf, cases[i].want ? cases[i].want : "") ==
				  0,
			      "%s: got\n%s", cases[i].fmt, buf);
		ck_assert_ptr_null(r.state);
		free(buf);
	}
	ck_assert_str_eq(emitter_matrix_names(), "text, csv, markdown or html");
	{
		report r;

		memset(&r, 0, sizeof r);
		ck_assert_int_eq(report_has_matrix(&r), 0);
	}
}
END_TEST

/* matrix_mark keeps the worst finding a waiver does not cover, "waived"
 * only where every finding is waived; the text matrix widens for it and
 * its legend says what it means. */
START_TEST(test_matrix_waived)
{
	static const char *const ids[] = { "A", "B", "C" };
	unsigned char cells[9] = { 0 };
	report r;
	char *buf = NULL;
	size_t len = 0;

	matrix_mark(cells, 3, 0, 1, SEV_FAIL, 1);
	matrix_mark(cells, 3, 0, 1, SEV_INFO, 0); /* info beats waived */
	matrix_mark(cells, 3, 0, 1, SEV_FAIL, 1); /* and stays */
	matrix_mark(cells, 3, 1, 2, SEV_WARN, 1);
	matrix_mark(cells, 3, 0, 2, SEV_WARN, 0);
	matrix_mark(cells, 3, 0, 2, SEV_FAIL, 1); /* a waived fail: warn */
	ck_assert_uint_eq(cells[0 * 3 + 1], SEV_INFO + 1);
	ck_assert_uint_eq(cells[1 * 3 + 0], SEV_INFO + 1);
	ck_assert_uint_eq(cells[1 * 3 + 2], MATRIX_WAIVED);
	ck_assert_uint_eq(cells[2 * 3 + 1], MATRIX_WAIVED);
	ck_assert_uint_eq(cells[0 * 3 + 2], SEV_WARN + 1);
	memset(&r, 0, sizeof r);
	r.out = open_memstream(&buf, &len);
	r.em = emitter_find("text");
	report_matrix(&r, ids, 3, cells);
	fclose(r.out);
	ck_assert_str_eq(buf, "        A       B       C\n"
			      "A       -       info    warn\n"
			      "B       info    -       waived\n"
			      "C       warn    waived  -\n"
			      "\n"
			      "legend: fail, warn, info = the worst finding "
			      "between the two partners; ok = none; - = the "
			      "partner itself; waived = only findings that a "
			      "waiver covers\n");
	free(buf);
}
END_TEST

/* Only text colours its status words. */
START_TEST(test_colors_flag)
{
	ck_assert_int_eq(emitter_find("text")->colors, 1);
	ck_assert_int_eq(emitter_find("csv")->colors, 0);
	ck_assert_int_eq(emitter_find("tsv")->colors, 0);
	ck_assert_int_eq(emitter_find("json")->colors, 0);
	ck_assert_int_eq(emitter_find("ndjson")->colors, 0);
	ck_assert_int_eq(emitter_find("markdown")->colors, 0);
}
END_TEST

/* --explain: every rationale the items carry, pairwise and consortium ones
 * too, under its finding in text and in a column of its own in markdown;
 * an item without one gets nothing (text) or an empty cell (markdown). */
static char *
render_explained(const char *fmt)
{
	report r;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);

	memset(&r, 0, sizeof r);
	r.out = f;
	r.em = emitter_find(fmt);
	r.mode = MODE_CHECK;
	r.explain = 1;
	report_begin(&r);
	report_partner(&r, &partners[1]);
	for (i = 0; i < 2; i++)
		report_conflict(&r, &conflicts[i]);
	for (i = 0; i < 2; i++)
		report_consortium(&r, &cfindings[i]);
	report_end(&r, &fixture_summary);
	report_free(&r);
	fclose(f);
	return buf;
}

START_TEST(test_explain)
{
	char *got = render_explained("text");

	ck_assert_ptr_nonnull(strstr(
	    got,
	    "P1   P2   fail      pairs.postcode  both serve postcode "
	    "\"LS1\"\n"
	    "                                      why: Two partners in one "
	    "postcode compete.\n"
	    "@P3  -P4  info      pairs.region    same region\n"));
	ck_assert_ptr_nonnull(strstr(
	    got,
	    "fail      consortium.lead    no lead partner with income "
	    "above 1000000\n"
	    "                               why: Commissioners contract with "
	    "one lead.\n"
	    "warn      consortium.region"));
	free(got);
	got = render_explained("markdown");
	ck_assert_ptr_nonnull(strstr(
	    got,
	    "| Check | Severity | Finding | Why it matters |\n"
	    "|---|---|---|---:|---|---|---|---|\n"
	    "| P2 | Riverside \\| Youth &lt;Trust&gt; &amp; Co | fail | "
	    "72.7 | At least three months of free reserves "
	    "(viability.reserves) | fail | free_reserves_months is 1.5, "
	    "below the minimum 3 | Reserves carry a partner through late "
	    "payments. |\n"
	    "| | | | | governance.trustees | warn, missing | trustee_count "
	    "is missing | |\n"));
	ck_assert_ptr_nonnull(strstr(
	    got,
	    "| A | B | Severity | Check | Finding | Why it matters |\n"
	    "|---|---|---|---|---|---|\n"
	    "| P1 | P2 | fail | No shared postcode (pairs.postcode) | both "
	    "serve postcode \"LS1\" | Two partners in one postcode "
	    "compete. |\n"
	    "| @P3 | -P4 | info | pairs.region | same region | |\n"));
	ck_assert_ptr_nonnull(strstr(
	    got,
	    "| Severity | Check | Finding | Partners | Why it matters |\n"
	    "|---|---|---|---|---|\n"
	    "| fail | A lead partner (consortium.lead) | no lead partner "
	    "with income above 1000000 | | Commissioners contract with one "
	    "lead. |\n"));
	ck_assert_ptr_null(strstr(got, "<br>"));
	free(got);
}
END_TEST

static Suite *
emit_suite(void)
{
	Suite *s = suite_create("emit");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_emitter_table);
	tcase_add_test(tc, test_finding_line);
	tcase_add_test(tc, test_summary_wording);
	tcase_add_test(tc, test_escapers);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_tsv);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_ndjson);
	tcase_add_test(tc, test_markdown);
	tcase_add_test(tc, test_explain);
	tcase_add_test(tc, test_json_valid);
	tcase_add_test(tc, test_json_round_trip);
	tcase_add_test(tc, test_text_window);
	tcase_add_test(tc, test_text_no_trailing_space);
	tcase_add_test(tc, test_sparse_sections);
	tcase_add_test(tc, test_ndjson_live_batches);
	tcase_add_test(tc, test_score_short);
	tcase_add_test(tc, test_display_width);
	tcase_add_test(tc, test_free_without_end);
	tcase_add_test(tc, test_free_after_begin_only);
	tcase_add_test(tc, test_section_driver);
	tcase_add_test(tc, test_matrix_slot);
	tcase_add_test(tc, test_matrix_waived);
	tcase_add_test(tc, test_colors_flag);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(emit_suite)
