/*
 * genpool: writes a deterministic pool of would-be consortium partners as
 * CSV in the default schema (rules/collaborate.json), for benchmarks and
 * examples.
 *
 *   genpool N SEED [sparse|medium|dense|PCT] > pool.csv
 *
 * The third argument sets how often partners have deal-breakers (and so
 * how dense the conflicts between them are), for the line-up benchmark;
 * sparse, the default, is the pool every other use has always had.  A
 * number is the percentage of partners with deal-breakers (sparse is 16,
 * medium 40, dense 70; bench/pairs.sh uses 60, which makes fail-level
 * conflicts about 7% of pairs).
 *
 * bench/bench.sh builds it into bench/out/ and makes its pools with it;
 * examples/pool.csv is `genpool 300 42`.
 *
 * The same N and SEED give the same bytes on every platform: the generator
 * is a fixed 64-bit PRNG and every value is computed in integers, with no
 * libm and no locale.  Values are realistic rather than uniform: money in
 * mixed formats, booleans typed in several ways, mostly empty deal-breakers,
 * skewed reserves, and a few rows with a missing cell.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define NCOLS 27
#define ROW_MAX 4096
#define FIELD_MAX 1024

static const char *const header[NCOLS] = { "id",
					   "name",
					   "qaf_level",
					   "turnover_gbp",
					   "surplus_gbp",
					   "free_reserves_months",
					   "current_ratio",
					   "largest_funder_pct",
					   "years_trading",
					   "audited_accounts",
					   "public_liability_gbp",
					   "employers_liability_gbp",
					   "exclusive",
					   "confidentiality_signed",
					   "contribution_paid_gbp",
					   "board_approval",
					   "values_agreed",
					   "min_share_pct",
					   "lead_role",
					   "deal_breakers",
					   "tags",
					   "specialisms",
					   "infrastructure",
					   "capacity_units",
					   "unit_cost_gbp",
					   "decision_making",
					   "ethos" };

/* Columns that may be left empty in a "missing cell" row: never the id,
 * the name or a list (an empty list is an ordinary value). */
static const int blankable[] = { 2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12,
				 13, 14, 15, 16, 17, 18, 23, 24, 25, 26 };

static const char *const places[] = {
	"Riverside",  "Northgate", "Eastfield", "Westbrook",    "Hillside",
	"Meadowbank", "Oakwood",   "Ashford",   "Brackenridge", "Calder",
	"Dunmore",    "Elmsworth", "Fairhaven", "Greenacre",    "Harbourside",
	"Kingsmead",  "Lowther",   "Millbrook", "Newtown",      "Parkside",
	"Queensway",  "Redhill",   "Southbank", "Thornbury",    "Underhill",
	"Valley",     "Wearside",  "Tyneside",  "Citywide",     "Borough",
	"County",     "Lakeland",  "Moorland",  "Coastal",      "Pennine",
	"Dales"
};

static const char *const saints[] = {
	"Aidan", "Anne",   "Bede",    "Cuthbert", "Hilda", "Martin", "Mary",
	"Mungo", "Oswald", "Vincent", "Winifred", "Giles", "Luke",   "Columba"
};

static const char *const adjectives[] = { "Bright", "New",      "Open",
					  "Safe",   "Fresh",    "Better",
					  "Shared", "Stepping", "Young",
					  "Golden", "Common",   "Rising",
					  "Second", "Brighter", "Together" };

static const char *const subjects[] = {
	"Housing",   "Tenancy", "Advice",     "Recovery",      "Women's",
	"Youth",     "Family",  "Carers",     "Mental Health", "Employment",
	"Homeless",  "Refugee", "Disability", "Veterans",      "Older People's",
	"Wellbeing", "Debt",    "Learning",   "Community",     "Foyer"
};

static const char *const nouns[] = { "Futures", "Horizons", "Pathways",
				     "Steps",   "Doors",    "Roots",
				     "Lives",   "Starts",   "Chances",
				     "Ground",  "Hope",     "Ways" };

static const char *const orgs[] = { "Trust",      "Association", "Project",
				    "Network",    "Service",     "Centre",
				    "Foundation", "Partnership", "Society",
				    "Alliance",   "Aid",         "Support",
				    "Collective", "Forum",       "Hub",
				    "CIC",        "Ltd",         "Initiative" };

static const char *const triples[] = { "Health",  "Housing",  "Hope",
				       "Homes",   "Work",     "Skills",
				       "Care",    "Advice",   "Learning",
				       "Justice", "Recovery", "Families" };

static const char *const deal_breakers[] = { "for-profit", "faith-based",
					     "statutory", "political" };

static const char *const specialisms[] = { "supported housing",
					   "floating support",
					   "tenancy sustainment",
					   "domestic abuse",
					   "women's refuge",
					   "young people",
					   "care leavers",
					   "employment support",
					   "welfare advice",
					   "debt advice",
					   "mental health",
					   "substance misuse",
					   "rough sleeping",
					   "hostels",
					   "learning disabilities",
					   "older people",
					   "carers support",
					   "refugees and asylum",
					   "offender resettlement",
					   "veterans",
					   "family support",
					   "early help",
					   "befriending",
					   "advocacy",
					   "peer support",
					   "digital inclusion",
					   "financial capability",
					   "health outreach",
					   "education and training",
					   "youth work" };

static const char *const infrastructure[] = { "hr",
					      "finance",
					      "it",
					      "payroll",
					      "call centre",
					      "case management system",
					      "training room",
					      "refuge building",
					      "hostel",
					      "fleet",
					      "bid writing",
					      "data protection officer",
					      "quality assurance",
					      "safeguarding lead",
					      "volunteer bureau" };

static const char *const ethos[] = { "community-led",  "faith-based",
				     "housing first",  "recovery",
				     "enterprise",     "rights-based",
				     "person-centred", "trauma-informed" };

/* Pairs of (true, false) spellings, weighted by their place in the list. */
static const char *const bool_forms[][2] = {
	{ "yes", "no" },     { "yes", "no" },     { "yes", "no" },
	{ "yes", "no" },     { "Y", "N" },        { "Y", "N" },
	{ "true", "false" }, { "true", "false" }, { "Yes", "No" },
	{ "TRUE", "FALSE" }
};

/*
 * 50,000 * 10^(k/20) for k = 0..40: log-spaced steps from 50k to 5m, so
 * that turnover can be log-uniform without libm.
 */
static const uint32_t turnover_steps[] = {
	50000,   56101,   62946,   70627,   79245,   88914,   99763,
	111936,  125594,  140919,  158114,  177407,  199054,  223342,
	250594,  281171,  315479,  353973,  397164,  445625,  500000,
	561009,  629463,  706268,  792447,  889140,  997631,  1119360,
	1255943, 1409191, 1581139, 1774067, 1990536, 2233418, 2505936,
	2811707, 3154787, 3539729, 3971641, 4456255, 5000000
};

struct rng {
	uint64_t s;
};

/* splitmix64: tiny, fast and fully specified, hence portable. */
static uint64_t
next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* Uniform in [0, n); the modulo bias is far below anything visible. */
static uint32_t
below(struct rng *r, uint32_t n)
{
	return (uint32_t)((next(r) >> 32) % n);
}

/* Uniform in [lo, hi]. */
static int32_t
between(struct rng *r, int32_t lo, int32_t hi)
{
	return lo + (int32_t)below(r, (uint32_t)(hi - lo + 1));
}

/* True with probability pct percent. */
static int
chance(struct rng *r, uint32_t pct)
{
	return below(r, 1000) < pct * 10;
}

/* True with probability permille per thousand. */
static int
chance_pm(struct rng *r, uint32_t permille)
{
	return below(r, 1000) < permille;
}

static const char *
pick(struct rng *r, const char *const *v, size_t n)
{
	return v[below(r, (uint32_t)n)];
}

#define PICK(r, a) pick((r), (a), NELEM(a))

/* One field under construction. */
struct field {
	char s[FIELD_MAX];
	size_t n;
};

static void
f_reset(struct field *f)
{
	f->n = 0;
	f->s[0] = '\0';
}

static void
f_add(struct field *f, const char *s)
{
	size_t len = strlen(s);

	if (f->n + len >= FIELD_MAX)
		len = FIELD_MAX - 1 - f->n;
	memcpy(f->s + f->n, s, len);
	f->n += len;
	f->s[f->n] = '\0';
}

static void
f_printf_int(struct field *f, const char *fmt, long v)
{
	int k = snprintf(f->s + f->n, FIELD_MAX - f->n, fmt, v);

	if (k > 0)
		f->n += (size_t)k < FIELD_MAX - f->n ? (size_t)k :
						       FIELD_MAX - 1 - f->n;
}

/* Appends v with a comma between each group of three digits. */
static void
f_grouped(struct field *f, uint64_t v)
{
	char digits[24];
	int n = snprintf(digits, sizeof digits, "%" PRIu64, v);
	int i;
	char c[2] = { 0, 0 };

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			f_add(f, ",");
		c[0] = digits[i];
		f_add(f, c);
	}
}

/* Appends a whole number of units with d decimals: 1234, 2 -> "12.34". */
static void
f_fixed(struct field *f, long v, int d)
{
	long scale = d == 1 ? 10 : 100;
	const char *fmt = d == 1 ? "%ld.%01ld" : "%ld.%02ld";
	int k;

	if (v < 0) {
		f_add(f, "-");
		v = -v;
	}
	k = snprintf(f->s + f->n, FIELD_MAX - f->n, fmt, v / scale, v % scale);
	if (k > 0 && (size_t)k < FIELD_MAX - f->n)
		f->n += (size_t)k;
}

/*
 * Money as a spreadsheet user types it: "£1,250,000", "1250000",
 * "£1250000", "1,250,000"; a negative amount sometimes in brackets.
 */
static void
f_money(struct field *f, struct rng *r, long v)
{
	uint32_t style = below(r, 100);
	int neg = v < 0;
	uint64_t a = (uint64_t)(neg ? -v : v);
	int paren = neg && chance(r, 10);

	if (paren)
		f_add(f, "(");
	else if (neg)
		f_add(f, "-");
	if (style < 45) {
		f_add(f, "\xC2\xA3");
		f_grouped(f, a);
	} else if (style < 80) {
		f_printf_int(f, "%ld", (long)a);
	} else if (style < 90) {
		f_add(f, "\xC2\xA3");
		f_printf_int(f, "%ld", (long)a);
	} else {
		f_grouped(f, a);
	}
	if (paren)
		f_add(f, ")");
}

/* A percentage with or without its sign. */
static void
f_percent(struct field *f, struct rng *r, long v)
{
	f_printf_int(f, "%ld", v);
	if (chance(r, 60))
		f_add(f, "%");
}

static void
f_bool(struct field *f, struct rng *r, int v)
{
	f_add(f, bool_forms[below(r, NELEM(bool_forms))][v ? 0 : 1]);
}

/* Appends k distinct items of v, separated by ";". */
static void
f_list(struct field *f, struct rng *r, const char *const *v, size_t n,
       unsigned k)
{
	uint64_t used = 0;
	unsigned i;
	uint32_t j;

	for (i = 0; i < k && i < n; i++) {
		do
			j = below(r, (uint32_t)n);
		while (used & (UINT64_C(1) << j));
		used |= UINT64_C(1) << j;
		if (i > 0)
			f_add(f, ";");
		f_add(f, v[j]);
	}
}

static void
f_name(struct field *f, struct rng *r)
{
	uint32_t style = below(r, 100);
	const char *a, *b, *c;

	if (style < 30) {
		f_add(f, PICK(r, places));
		f_add(f, " ");
		f_add(f, PICK(r, subjects));
	} else if (style < 45) {
		f_add(f, "St ");
		f_add(f, PICK(r, saints));
		f_add(f, "'s ");
		f_add(f, PICK(r, subjects));
	} else if (style < 70) {
		f_add(f, PICK(r, adjectives));
		f_add(f, " ");
		f_add(f, PICK(r, nouns));
	} else if (style < 85) {
		f_add(f, PICK(r, places));
		f_add(f, " ");
		f_add(f, PICK(r, adjectives));
		f_add(f, " ");
		f_add(f, PICK(r, nouns));
	} else if (style < 97) {
		a = PICK(r, places);
		do
			b = PICK(r, places);
		while (b == a);
		f_add(f, a);
		f_add(f, " and ");
		f_add(f, b);
		f_add(f, " ");
		f_add(f, PICK(r, subjects));
	} else {
		/* "Hope, Homes and Care Trust": a name that must be quoted. */
		a = PICK(r, triples);
		do
			b = PICK(r, triples);
		while (b == a);
		do
			c = PICK(r, triples);
		while (c == a || c == b);
		f_add(f, a);
		f_add(f, ", ");
		f_add(f, b);
		f_add(f, " and ");
		f_add(f, c);
	}
	f_add(f, " ");
	f_add(f, PICK(r, orgs));
	/* Once in a while a nickname in double quotes, as people write. */
	if (chance_pm(r, 3)) {
		f_add(f, " (\"");
		f_add(f, PICK(r, nouns));
		f_add(f, "\")");
	}
}

/* The output row, flushed to stdout through a large stdio buffer. */
struct row {
	char s[ROW_MAX];
	size_t n;
};

static void
put_raw(struct row *w, const char *s, size_t len)
{
	if (w->n + len > ROW_MAX)
		len = ROW_MAX - w->n;
	memcpy(w->s + w->n, s, len);
	w->n += len;
}

/* Appends one cell, quoted when it holds a comma, quote or line break. */
static void
put_cell(struct row *w, int col, const struct field *f, int blank)
{
	size_t i;

	if (col > 0)
		put_raw(w, ",", 1);
	if (blank)
		return;
	if (strpbrk(f->s, ",\"\r\n") == NULL) {
		put_raw(w, f->s, f->n);
		return;
	}
	put_raw(w, "\"", 1);
	for (i = 0; i < f->n; i++) {
		if (f->s[i] == '"')
			put_raw(w, "\"", 1);
		put_raw(w, f->s + i, 1);
	}
	put_raw(w, "\"", 1);
}

/* Builds column col of row number id into f. */
/* Rows whose draw is at least this have deal-breakers (see main). */
static uint32_t deal_breaker_from = 84;

static void
gen_field(struct field *f, struct rng *r, int col, unsigned long id,
	  long turnover)
{
	static const char *const tag_first[] = { "charity",
						 "charity",
						 "charity",
						 "charity",
						 "charity",
						 "charity",
						 "charity",
						 "charity",
						 "charity",
						 "charity",
						 "charity",
						 "charity",
						 "community",
						 "community",
						 "social-enterprise",
						 "social-enterprise",
						 "social-enterprise",
						 "housing-association",
						 "housing-association",
						 "for-profit",
						 "statutory",
						 "faith-based" };
	/* A second tag that fits the first: what a charity may also be,
	 * what a social enterprise may also be, and for everyone else. */
	static const char *const charity_more[] = { "community", "faith-based",
						    "housing-association",
						    "social-enterprise" };
	static const char *const enterprise_more[] = { "for-profit",
						       "community" };
	static const char *const other_more[] = { "charity", "community" };
	static const uint32_t liability[] = {
		1000000,  2000000,  5000000,  5000000,  5000000,
		5000000,  5000000,  5000000,  5000000,  5000000,
		5000000,  5000000,  5000000,  5000000,  10000000,
		10000000, 10000000, 10000000, 10000000, 10000000,
		10000000, 2000000,  5000000,  5000000,  5000000
	};
	const char *t;
	uint32_t u;
	long v;

	f_reset(f);
	switch (col) {
	case 0: /* id */
		f_printf_int(f, "P%06ld", (long)id);
		break;
	case 1: /* name */
		f_name(f, r);
		break;
	case 2: /* qaf_level: mostly B or A */
		u = below(r, 100);
		f_add(f, u < 55 ? "B" : u < 88 ? "A" : u < 97 ? "C" : "D");
		break;
	case 3: /* turnover_gbp */
		f_money(f, r, turnover);
		break;
	case 4: /* surplus_gbp: -8% .. +10% of turnover, a fifth in deficit */
		v = turnover / 1000 *
		    (chance(r, 20) ? between(r, -80, -1) : between(r, 0, 100));
		v = v / 500 * 500;
		f_money(f, r, v);
		break;
	case 5: /* free_reserves_months: 0.0 .. 9.0, peaked near 5 */
		f_fixed(f,
			chance(r, 4) ? between(r, 0, 15) :
				       between(r, 10, 50) + between(r, 0, 40),
			1);
		break;
	case 6: /* current_ratio: 0.50 .. 3.50, usually one decimal */
		v = between(r, 5, 17) + between(r, 2, 18);
		if (chance(r, 20))
			f_fixed(f, v * 10 + between(r, 0, 9), 2);
		else
			f_fixed(f, v, 1);
		break;
	case 7: /* largest_funder_pct */
		f_percent(f, r, between(r, 8, 48) + between(r, 2, 47));
		break;
	case 8: /* years_trading: skewed towards younger organisations */
		u = below(r, 100);
		f_printf_int(f, "%ld",
			     u < 6  ? between(r, 0, 2) :
			     u < 70 ? between(r, 2, 25) :
				      between(r, 25, 90));
		break;
	case 9: /* audited_accounts: nearly always when turnover > £1m */
		f_bool(f, r, chance(r, turnover > 1000000 ? 96 : 45));
		break;
	case 10: /* public_liability_gbp */
		f_money(f, r, (long)liability[below(r, NELEM(liability))]);
		break;
	case 11: /* employers_liability_gbp: a legal duty, rarely short */
		f_money(f, r,
			chance(r, 3)  ? 2000000 :
			chance(r, 70) ? 5000000 :
					10000000);
		break;
	case 12: /* exclusive */
		f_bool(f, r, chance(r, 94));
		break;
	case 13: /* confidentiality_signed */
		f_bool(f, r, chance(r, 96));
		break;
	case 14: /* contribution_paid_gbp */
		u = below(r, 100);
		f_money(f, r, u < 92 ? 1000 : u < 97 ? 500 : 0);
		break;
	case 15: /* board_approval */
	case 16: /* values_agreed */
		f_bool(f, r, chance(r, 86));
		break;
	case 17: /* min_share_pct */
		f_percent(f, r, between(r, 5, 40));
		break;
	case 18: /* lead_role */
		u = below(r, 100);
		f_add(f, u < 5 ? "must" : u < 40 ? "willing" : "no");
		break;
	case 19: /* deal_breakers: mostly empty */
		u = below(r, 100);
		if (u >= deal_breaker_from)
			f_list(f, r, deal_breakers, NELEM(deal_breakers),
			       u >= 97 ? 2 : 1);
		break;
	case 20: /* tags */
		t = PICK(r, tag_first);
		f_add(f, t);
		u = below(r, 100);
		if (u < 40) {
			const char *t2 = strcmp(t, "charity") == 0 ?
					     PICK(r, charity_more) :
					 strcmp(t, "social-enterprise") == 0 ?
					     PICK(r, enterprise_more) :
					     PICK(r, other_more);

			if (strcmp(t2, t) != 0) {
				f_add(f, ";");
				f_add(f, t2);
			}
		}
		break;
	case 21: /* specialisms: 0 .. 4 */
		u = below(r, 100);
		f_list(f, r, specialisms, NELEM(specialisms),
		       u < 6  ? 0 :
		       u < 35 ? 1 :
		       u < 75 ? 2 :
		       u < 93 ? 3 :
				4);
		break;
	case 22: /* infrastructure: often empty */
		u = below(r, 100);
		f_list(f, r, infrastructure, NELEM(infrastructure),
		       u < 45 ? 0 :
		       u < 75 ? 1 :
		       u < 92 ? 2 :
				3);
		break;
	case 23: /* capacity_units: 0 .. 200 */
		u = below(r, 100);
		f_printf_int(f, "%ld",
			     u < 4  ? 0 :
			     u < 80 ? between(r, 5, 80) :
				      between(r, 80, 200));
		break;
	case 24: /* unit_cost_gbp: 15.00 .. 40.00 */
		f_fixed(f, between(r, 1500, 2750) + between(r, 0, 1250), 2);
		break;
	case 25: /* decision_making */
		u = below(r, 100);
		f_add(f, u < 50 ? "consensus" :
			 u < 80 ? "hierarchical" :
				  "delegated");
		break;
	default: /* ethos */
		f_add(f, PICK(r, ethos));
		break;
	}
}

static int
parse_ulong(const char *s, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

int
main(int argc, char **argv)
{
	static char obuf[1 << 20];
	struct row w;
	struct field f;
	struct rng r;
	unsigned long n, seed, id, pct;
	int col;

	if (argc == 4 && !strcmp(argv[3], "medium"))
		deal_breaker_from = 60;
	else if (argc == 4 && !strcmp(argv[3], "dense"))
		deal_breaker_from = 30;
	else if (argc == 4 && parse_ulong(argv[3], &pct) == 0 && pct <= 100)
		deal_breaker_from = (uint32_t)(100 - pct);
	else if (argc == 4 && strcmp(argv[3], "sparse"))
		argc = 0;
	if ((argc != 3 && argc != 4) || parse_ulong(argv[1], &n) < 0 ||
	    parse_ulong(argv[2], &seed) < 0) {
		fprintf(stderr,
			"usage: genpool N SEED [sparse|medium|dense|PCT] > "
			"pool.csv\n");
		return 2;
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	r.s = (uint64_t)seed;
	/* Stir the seed so that seeds 1 and 2 start far apart. */
	(void)next(&r);

	w.n = 0;
	for (col = 0; col < NCOLS; col++) {
		f_reset(&f);
		f_add(&f, header[col]);
		put_cell(&w, col, &f, 0);
	}
	put_raw(&w, "\n", 1);
	fwrite(w.s, 1, w.n, stdout);

	for (id = 1; id <= n; id++) {
		uint32_t k = below(&r, NELEM(turnover_steps) - 1);
		long turnover;
		int blank;

		/* Log-uniform between adjacent steps, to the nearest £1,000. */
		turnover = (long)between(&r, (int32_t)turnover_steps[k],
					 (int32_t)turnover_steps[k + 1]);
		turnover = (turnover + 500) / 1000 * 1000;
		/* About 3% of rows lack one cell. */
		blank = chance(&r, 3) ? blankable[below(&r, NELEM(blankable))] :
					-1;
		w.n = 0;
		for (col = 0; col < NCOLS; col++) {
			gen_field(&f, &r, col, id, turnover);
			put_cell(&w, col, &f, col == blank);
		}
		put_raw(&w, "\n", 1);
		if (fwrite(w.s, 1, w.n, stdout) != w.n)
			break;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("genpool: write");
		return 1;
	}
	return 0;
}
