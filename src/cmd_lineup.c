#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "cond.h"
#include "consortium.h"
#include "diag.h"
#include "emit_util.h"
#include "exit_status.h"
#include "lineup.h"
#include "lineup_lp.h"
#include "lineup_model.h"
#include "lineup_report.h"
#include "pairs.h"
#include "partners.h"
#include "session.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"

static const char usage[] =
    "usage: partnercheck lineup [-r RULES.json] [--size MIN..MAX] [--must ID,...]\n"
    "                           [--exclude ID,...] [--top N] [--set contract.KEY=VALUE]\n"
    "                           [--waivers FILE] [--as-of DATE] [-f FORMAT] [-o FILE]\n"
    "                           [--fail-on LEVEL] [POOL|-]\n"
    "\n"
    "Reads a pool of candidate partners, one a row, and finds the best compatible\n"
    "line-up: the eligible candidates (status pass or warn) with the highest sum of\n"
    "scores, less a penalty for each warn finding among them, such that no fail-level\n"
    "pairwise or consortium rule is broken.  Ties go to fewer members, then to the\n"
    "members that come first in the file.  Says why every other candidate is out.\n"
    "\n"
    "  -r, --rules FILE        rule set (default: the embedded 'collaborate' rules)\n"
    /* one line: bash completion reads the formats from it */
    "  -f, --format FORMAT     text, csv, tsv, json, ndjson, markdown, html, dot, sarif, junit, github or tap (default text)\n"
    "  -o, --output FILE       write the report to FILE (replaced only on success)\n"
    "      --size MIN..MAX     line-up size (default: the rule set's lineup.size)\n"
    "      --must ID,...       partners every line-up includes (repeatable)\n"
    "      --exclude ID,...    partners no line-up includes (repeatable)\n"
    "      --top N             report the N best line-ups (default 1)\n"
    "      --max-nodes N       stop the search after N nodes (then exit 3)\n"
    "      --time-limit SECS   stop the search after SECS seconds (then exit 3)\n"
    "      --write-lp FILE     also write the problem as a CPLEX LP file\n"
    "      --graph-info        html, dot: draw pairs with only info findings too\n"
    "      --set contract.KEY=VALUE  override a contract value (number or a;b;c list)\n"
    "      --fail-on LEVEL     exit 1 on: fail (default: no feasible line-up), warn\n"
    "                          (also when the best line-up has a warn finding), never\n"
    "      --waivers FILE      CSV of waivers: partner, rule, reason[, expires]\n"
    "      --as-of DATE        evaluate dates as of YYYY-MM-DD (default today)\n"
    "      --delimiter D       comma, semicolon or tab (default from the rules)\n"
    "      --encoding E        utf-8, windows-1252 or iso-8859-1\n"
    "      --id-column COL     column holding the partner id ('' for row numbers)\n"
    "      --name-column COL   column holding the partner name\n"
    "      --no-sanitize       do not guard csv/tsv cells against formula injection\n"
    "      --max-field-bytes N refuse fields longer than N bytes (default 1M)\n"
    "      --max-rows N        refuse more than N data rows (default 100000)\n"
    "\n"
    "Exit status: 0 a feasible line-up exists, 1 none does (the report says why),\n"
    "2 usage, input or rule-set error, 3 best found, not proven optimal (a limit\n"
    "stopped the search).  See partnercheck(1).\n";

typedef struct lopts {
	size_t min_size, max_size;
	int has_size;
	char **must; /* ids, as given */
	size_t nmust;
	char **exclude;
	size_t nexclude;
	size_t top;
	long long max_nodes;
	double time_limit;
	const char *write_lp;
} lopts;

static void
split_ids(const char *s, char ***v, size_t *n)
{
	for (;;) {
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		const char *t = str_trim_blanks(s, len, &len);

		if (len) {
			*v = xrealloc(*v, (*n + 1) * sizeof **v);
			(*v)[(*n)++] = xstrndup(t, len);
		}
		if (!end)
			break;
		s = end + 1;
	}
}

static int
parse_whole(const char *s, long long *out)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoll(s, &end, 10);
	if (*end || v < 0)
		return -1;
	*out = v;
	return 0;
}

/* The values of lineup's own options while cli_parse reads them: struct
 * cli has no room for one command's options, so their setters write
 * here, to the job being opened (set around session_open). */
static lopts *parsing;

/* "MIN..MAX" or "N". */
static cli_set_result
set_size(cli *c, const cli_option *opt, const char *val, const char *use)
{
	long long lo, hi;
	const char *dots = strstr(val, "..");
	char buf[32];

	(void)c, (void)opt, (void)use;
	if (!dots) {
		if (parse_whole(val, &lo) < 0)
			return CLI_SET_BAD;
		hi = lo;
	} else if ((size_t)(dots - val) >= sizeof buf) {
		return CLI_SET_BAD;
	} else {
		memcpy(buf, val, (size_t)(dots - val));
		buf[dots - val] = '\0';
		if (parse_whole(buf, &lo) < 0 || parse_whole(dots + 2, &hi) < 0)
			return CLI_SET_BAD;
	}
	if (lo < 1 || lo > hi || hi > 1000000)
		return CLI_SET_BAD;
	parsing->min_size = (size_t)lo;
	parsing->max_size = (size_t)hi;
	parsing->has_size = 1;
	return CLI_SET_OK;
}

static cli_set_result
set_must(cli *c, const cli_option *opt, const char *val, const char *use)
{
	(void)c, (void)opt, (void)use;
	split_ids(val, &parsing->must, &parsing->nmust);
	return CLI_SET_OK;
}

static cli_set_result
set_exclude(cli *c, const cli_option *opt, const char *val, const char *use)
{
	(void)c, (void)opt, (void)use;
	split_ids(val, &parsing->exclude, &parsing->nexclude);
	return CLI_SET_OK;
}

static cli_set_result
set_top(cli *c, const cli_option *opt, const char *val, const char *use)
{
	long long t;

	(void)c, (void)opt, (void)use;
	if (parse_whole(val, &t) < 0 || t < 1 || t > 1000)
		return CLI_SET_BAD;
	parsing->top = (size_t)t;
	return CLI_SET_OK;
}

static cli_set_result
set_max_nodes(cli *c, const cli_option *opt, const char *val, const char *use)
{
	(void)c, (void)opt, (void)use;
	return parse_whole(val, &parsing->max_nodes) < 0 ||
		       !parsing->max_nodes ?
		   CLI_SET_BAD :
		   CLI_SET_OK;
}

static cli_set_result
set_time_limit(cli *c, const cli_option *opt, const char *val, const char *use)
{
	char *end;

	(void)c, (void)opt, (void)use;
	parsing->time_limit = strtod(val, &end);
	return *val < '0' || *val > '9' || *end || !(parsing->time_limit > 0) ?
		   CLI_SET_BAD :
		   CLI_SET_OK;
}

static cli_set_result
set_write_lp(cli *c, const cli_option *opt, const char *val, const char *use)
{
	(void)c, (void)opt, (void)use;
	parsing->write_lp = val;
	return CLI_SET_OK;
}

static const cli_option lineup_options[] = {
	{ "size", NULL, 0, 1, set_size, 0,
	  "--size takes MIN..MAX with 1 <= MIN <= MAX, such as 2..8, not '%s'",
	  NULL },
	{ "must", NULL, 0, 1, set_must, 0, NULL, NULL },
	{ "exclude", NULL, 0, 1, set_exclude, 0, NULL, NULL },
	{ "top", NULL, 0, 1, set_top, 0,
	  "--top takes a number from 1 to 1000, not '%s'", NULL },
	{ "max-nodes", NULL, 0, 1, set_max_nodes, 0,
	  "--max-nodes takes a positive number, not '%s'", NULL },
	{ "time-limit", NULL, 0, 1, set_time_limit, 0,
	  "--time-limit takes a positive number of seconds, not '%s'", NULL },
	{ "write-lp", NULL, 0, 1, set_write_lp, 0, NULL, NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

/* lineup takes the report options, --set and its own. */
static const cli_option *const lineup_tables[] = { cli_common_options,
						   cli_pair_options,
						   cli_graph_options,
						   lineup_options, NULL };

const cli_command lineup_command = { "lineup", usage, lineup_tables };

static void
free_lopts(lopts *o)
{
	size_t i;

	for (i = 0; i < o->nmust; i++)
		free(o->must[i]);
	for (i = 0; i < o->nexclude; i++)
		free(o->exclude[i]);
	free(o->must);
	free(o->exclude);
}

/* The command's state between reading and reporting. */
typedef struct job {
	session s;
	lopts o;
	lr_doc doc;
	partner_set ps; /* the eligible candidates, in row order */
	size_t *row_of; /* eligible index -> candidate (row) index */
	long *elig_of;  /* candidate index -> eligible index, or -1 */
	lineup_model m;
	lu_result *res;
} job;

/* Index of the candidate with id, or -1; *hint the closest id when none. */
static long
find_id(const job *j, const char *id, const char **hint)
{
	size_t i, bestd = 3;

	*hint = NULL;
	for (i = 0; i < j->doc.ncands; i++)
		if (!strcmp(j->doc.cands[i].id, id))
			return (long)i;
	for (i = 0; i < j->doc.ncands; i++) {
		size_t d = strcasecmp(j->doc.cands[i].id, id) ?
			       suggest_distance(id, j->doc.cands[i].id) :
			       0;

		/* a short id is too easily "close" to another */
		if (d < bestd && 2 * d <= strlen(id)) {
			bestd = d;
			*hint = j->doc.cands[i].id;
		}
	}
	return -1;
}

/* The text built in sb, which is freed: the caller owns the result. */
static char *
take(strbuf *sb)
{
	char *r = sb_detach(sb);

	sb_free(sb);
	return r;
}

/* Appends a candidate's fail findings ("rule (fail): message; ..."). */
static char *
screened_reason(const verdict *v)
{
	strbuf sb;
	size_t i, n = 0;

	sb_init(&sb);
	sb_adds(&sb, v->st == ST_ERROR ? "in error: " : "screened out: ");
	for (i = 0; i < v->nfindings; i++) {
		const finding *f = &v->findings[i];

		if (f->out == OUT_WAIVED ||
		    (f->sev != SEV_FAIL && f->out != OUT_ERROR))
			continue;
		if (n++)
			sb_adds(&sb, "; ");
		finding_line(&sb, f);
	}
	if (!n && v->has_score)
		sb_adds(&sb, "score below the rule set's min_score");
	return take(&sb);
}

static char *
ids_of(const job *j, const size_t *rows, size_t k)
{
	strbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < k; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "",
			j->doc.cands[j->row_of[rows[i]]].id);
	return take(&sb);
}

static void
add_value(strbuf *sb, long tenths)
{
	long a = tenths < 0 ? -tenths : tenths;

	sb_addf(sb, "%s%ld.%ld", tenths < 0 ? "-" : "", a / 10, a % 10);
}

/* A partner set of the eligible candidates rows[0..k) (ascending). */
static void
subset(const job *j, const size_t *rows, size_t k, partner_set *sub)
{
	size_t i;

	pset_init(sub, j->s.rs, j->ps.used);
	for (i = 0; i < k; i++)
		pset_add(sub, j->ps.ids[rows[i]], pset_row(&j->ps, rows[i]));
}

typedef struct fcollect {
	lr_lineup *l;
	const partner_set *sub;
	const job *j;
	const size_t *rows;
} fcollect;

static void
add_finding(lr_lineup *l, const char *a, const char *b, const char *rule,
	    severity sev, outcome out, const char *msg)
{
	lr_finding *f;

	l->f = xrealloc(l->f, (l->nf + 1) * sizeof *l->f);
	f = &l->f[l->nf++];
	f->a = a;
	f->b = b;
	f->rule = xstrdup(rule);
	f->sev = sev;
	f->out = out;
	f->message = xstrdup(msg ? msg : "");
}

static void
on_member_pair(void *ctx, size_t a, size_t b, const pair_rule *r, outcome out,
	       const char *msg)
{
	fcollect *c = ctx;
	const job *j = c->j;

	add_finding(c->l, j->doc.cands[j->row_of[c->rows[a]]].id,
		    j->doc.cands[j->row_of[c->rows[b]]].id, r->id, r->sev, out,
		    msg);
}

static void
on_member_cons(void *ctx, const cfinding *f)
{
	fcollect *c = ctx;

	add_finding(c->l, NULL, NULL, f->rule, f->sev, f->out, f->message);
}

/* The line-up's own findings (warn and info: it is feasible), found by
 * the same engines that `check` runs over it. */
static void
lineup_findings(job *j, lr_lineup *l, const size_t *rows)
{
	partner_set sub;
	fcollect c;

	assess a;
	summary scratch;

	subset(j, rows, l->k, &sub);
	c.l = l;
	c.sub = &sub;
	c.j = j;
	c.rows = rows;
	/* the same path check takes, over the line-up; its counts are not
	 * the pool's */
	memset(&scratch, 0, sizeof scratch);
	session_assess(&j->s, &a);
	a.min_sev = SEV_INFO;
	a.max_conflicts = 0;
	a.sum = &scratch;
	a.on_partner = NULL;
	a.on_pair = on_member_pair;
	a.on_conflict = NULL;
	a.on_consortium = on_member_cons;
	a.ctx = &c;
	assess_pairs(&a, &sub);
	assess_consortium(&a, &sub);
	pset_free(&sub);
}

/* ---- why the others are out ---- */

/* The waiver of rule's finding between partners a and b (a pair rule),
 * or of the consortium's (a and b NULL), or NULL for none. */
static const waiver *
waiver_of(const job *j, const char *a, const char *b, const char *rule)
{
	return a ? waivers_find_pair(j->s.ws, a, b, rule, j->s.today) :
		   waivers_find_consortium(j->s.ws, rule, j->s.today);
}

/* 1 when w is in force: its finding binds no line-up, as in the model. */
static int
waived(const job *j, const waiver *w)
{
	return w && waiver_in_force(w, j->s.today);
}

typedef struct conflicts_with {
	job *j;
	const unsigned char *member; /* by eligible index */
	unsigned char *done;
} conflicts_with;

static void
on_fail_pair(void *ctx, size_t a, size_t b, const pair_rule *r, const char *msg)
{
	conflicts_with *c = ctx;
	job *j = c->j;
	size_t out, in;
	lr_cand *cand;
	strbuf sb;
	const waiver *w;

	if (c->member[a] == c->member[b])
		return;
	w = waiver_of(j, j->ps.ids[a], j->ps.ids[b], r->id);
	if (waived(j, w))
		return;
	out = c->member[a] ? b : a;
	in = c->member[a] ? a : b;
	if (c->done[out])
		return;
	cand = &j->doc.cands[j->row_of[out]];
	if (cand->why != LR_OPEN)
		return;
	c->done[out] = 1;
	cand->why = LR_CONFLICT;
	cand->rule = xstrdup(r->id);
	cand->member = xstrdup(j->doc.cands[j->row_of[in]].id);
	sb_init(&sb);
	sb_addf(&sb, "conflicts with %s (%s): %s", cand->member, r->id, msg);
	/* an expired waiver is said, as in every finding's message */
	if (w)
		waivers_note(&sb, w, j->s.today);
	cand->reason = take(&sb);
}

typedef struct first_fail {
	char *rule;
	char *message;
	const job *j;
	const partner_set *ps; /* pairs: the set the engine runs over */
} first_fail;

static void
on_first_fail(void *ctx, const cfinding *f)
{
	first_fail *ff = ctx;

	const waiver *w;
	strbuf sb;

	if (ff->rule || f->sev != SEV_FAIL)
		return;
	w = waiver_of(ff->j, NULL, NULL, f->rule);
	if (waived(ff->j, w))
		return;
	ff->rule = xstrdup(f->rule);
	sb_init(&sb);
	sb_adds(&sb, f->message);
	/* an expired waiver is said, as in every finding's message */
	if (w)
		waivers_note(&sb, w, ff->j->s.today);
	ff->message = take(&sb);
}

/* The largest line-up allowed: --size's maximum, or a fail-level count
 * rule's when lower (the search folds those into the size range). */
static size_t
max_members(const lu_problem *p)
{
	size_t hi = p->max_size, i;

	for (i = 0; i < p->nrules; i++) {
		const lu_rule *r = &p->rules[i];

		if (r->kind == LU_COUNT && r->fail && r->has_hi &&
		    (double)hi > r->hi)
			hi = r->hi < 0 ? 0 : (size_t)floor(r->hi);
	}
	return hi;
}

/* Candidate e fits (or could come in for someone): the exact best
 * line-up with it, by a re-solve with it forced in, as its reason. */
static void
explain_cost(job *j, size_t e, lr_cand *c)
{
	const lu_set *best = &j->res->sets[0];
	size_t n = j->ps.n, i;
	lu_opts o;
	lu_result *r;
	strbuf sb;

	sb_init(&sb);
	/* It fits with the members; what is the best line-up that
	 * has it?  An exact solve with it as a must. */
	memset(&o, 0, sizeof o);
	o.top = 1;
	o.force = (long)e;
	o.max_nodes = j->o.max_nodes;
	o.time_limit = j->o.time_limit;
	/* a line-up with it that the first search met: nothing worse
	 * need be looked at */
	if (j->res->best_with && j->res->best_with[e] != LU_NONE) {
		o.floor = j->res->best_with[e];
		o.has_floor = 1;
	}
	/* none is worth more than the best; the best with one member
	 * swapped for it is a good start */
	o.ceiling = best->value;
	o.has_ceiling = j->res->proven;
	o.hint = best;
	o.track = j->res->best_with != NULL;
	r = lu_solve(&j->m.p, &o);
	/* what this search met are floors for the candidates after */
	for (i = 0; o.track && i < n; i++)
		if (r->best_with[i] > j->res->best_with[i])
			j->res->best_with[i] = r->best_with[i];
	if (r->nsets) {
		char *with = ids_of(j, r->sets[0].members, r->sets[0].k);

		c->why = LR_COST;
		c->value = r->sets[0].value;
		c->less = best->value - r->sets[0].value;
		c->with = with;
		sb_adds(&sb, "fits, but the best line-up with it is worth ");
		add_value(&sb, c->value);
		sb_adds(&sb, " (");
		add_value(&sb, c->less);
		sb_addf(&sb, " less than the best%s): %s",
			r->proven ? "" : ", not proven optimal", with);
	} else if (r->proven) {
		c->why = LR_NO_FIT;
		sb_adds(&sb, "no feasible line-up includes it");
	} else {
		sb_adds(&sb, "the search stopped before finding a line-up "
			     "with it");
	}
	c->reason = take(&sb);
	lu_result_free(r);
}

static void
explain_out(job *j)
{
	const lu_set *best = &j->res->sets[0];
	size_t n = j->ps.n, i, e;
	unsigned char *member = xcalloc(n + 1, 1);
	conflicts_with cw;
	pair_engine *pe;
	size_t counts[3] = { 0, 0, 0 };
	size_t *rows = xmalloc((best->k + 2) * sizeof *rows);

	for (i = 0; i < best->k; i++)
		member[best->members[i]] = 1;
	cw.j = j;
	cw.member = member;
	cw.done = xcalloc(n + 1, 1);
	pe = pairs_new(j->s.rs, &j->ps, j->s.today);
	/* markdown calls fields by their labels, as in every message */
	pairs_use_labels(pe, j->s.rep.em->labels);
	pairs_run(pe, SEV_FAIL, on_fail_pair, &cw, counts);
	pairs_free(pe);
	free(cw.done);
	for (e = 0; e < n; e++) {
		lr_cand *c = &j->doc.cands[j->row_of[e]];
		first_fail ff = { NULL, NULL, j, NULL };
		partner_set sub;
		size_t k = 0;
		strbuf sb;

		if (member[e] || c->why != LR_OPEN)
			continue;
		/* best + e, in row order */
		for (i = 0; i < best->k && best->members[i] < e; i++)
			rows[k++] = best->members[i];
		rows[k++] = e;
		for (; i < best->k; i++)
			rows[k++] = best->members[i];
		/* at the largest size, adding it is no option: it could
		 * only come in for someone, which the re-solve below
		 * weighs exactly */
		if (best->k < max_members(&j->m.p)) {
			subset(j, rows, k, &sub);
			consortium_run_labelled(j->s.rs, &sub, j->s.today,
						SEV_FAIL, j->s.rep.em->labels,
						on_first_fail, &ff, counts);
			pset_free(&sub);
		}
		if (ff.rule) {
			sb_init(&sb);
			c->why = LR_CONSORTIUM;
			c->rule = ff.rule;
			sb_addf(&sb, "adding it breaks %s: %s", ff.rule,
				ff.message);
			c->reason = take(&sb);
			free(ff.message);
			continue;
		}
		explain_cost(j, e, c);
	}
	free(rows);
	free(member);
}

/* ---- why there is no line-up at all ---- */

static void
add_reason(lr_doc *d, char *r)
{
	d->reasons = xrealloc(d->reasons,
			      (d->nreasons + 1) * sizeof *d->reasons);
	d->reasons[d->nreasons++] = r;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
on_first_pair(void *ctx, size_t a, size_t b, const pair_rule *r,
	      const char *msg)
{
	first_fail *ff = ctx;
	const waiver *w;
	strbuf sb;

	if (ff->rule)
		return;
	w = waiver_of(ff->j, ff->ps->ids[a], ff->ps->ids[b], r->id);
	if (waived(ff->j, w))
		return;
	ff->rule = xstrdup(r->id);
	sb_init(&sb);
	sb_adds(&sb, msg);
	/* an expired waiver is said, as in every finding's message */
	if (w)
		waivers_note(&sb, w, ff->j->s.today);
	ff->message = take(&sb);
}

/* "--must partners A and B conflict at fail level (RULE): MESSAGE", the
 * two in file order and the first fail-level rule between them, so the
 * user sees what to settle, not only that something clashes. */
static char *
must_clash(job *j, size_t x, size_t y)
{
	size_t rows[2], counts[3] = { 0, 0, 0 };
	first_fail ff = { NULL, NULL, j, NULL };
	partner_set sub;
	pair_engine *pe;
	strbuf sb;

	rows[0] = x < y ? x : y;
	rows[1] = x < y ? y : x;
	subset(j, rows, 2, &sub);
	ff.ps = &sub;
	pe = pairs_new(j->s.rs, &sub, j->s.today);
	pairs_run(pe, SEV_FAIL, on_first_pair, &ff, counts);
	pairs_free(pe);
	pset_free(&sub);
	sb_init(&sb);
	sb_addf(&sb, "--must partners %s and %s conflict at fail level",
		j->doc.cands[j->row_of[rows[0]]].id,
		j->doc.cands[j->row_of[rows[1]]].id);
	if (ff.rule)
		sb_addf(&sb, " (%s): %s", ff.rule, ff.message);
	free(ff.rule);
	free(ff.message);
	return take(&sb);
}

/* explain_none(): requirements of coverage rule r that no available
 * candidate offers. */
static void
none_coverage(job *j, const lu_rule *r, const cons_rule *cr, strbuf *sb)
{
	const lu_problem *p = &j->m.p;
	const contract_value *cv = cr->required_ref ?
				       rules_contract(j->s.rs,
						      cr->required_ref) :
				       NULL;
	char *const *req = cv ? (cv->items ? cv->items : &cv->text) :
				cr->required;
	size_t k, u;

	for (k = 0; k < r->nreq; k++) {
		for (u = 0; u < p->n; u++)
			if (!p->excluded[u] &&
			    (r->covers[u * r->req_words + k / 64] &
			     ((uint64_t)1 << (k % 64))))
				break;
		if (u == p->n) {
			sb_addf(sb, "no eligible candidate offers %s (%s)",
				req[k], cr->id);
			add_reason(&j->doc, sb_detach(sb));
		}
	}
}

/* explain_none(): nobody satisfies count_where rule r, or all who do
 * conflict with a must. */
static void
none_count_where(job *j, const lu_rule *r, const cons_rule *cr,
		 const size_t *must, size_t nmust, strbuf *sb)
{
	const lu_problem *p = &j->m.p;
	size_t W = (p->n + 63) / 64, have = 0, free_ok = 0, u, k;

	for (u = 0; u < p->n; u++) {
		int clash = 0;

		if (!r->flag[u] || p->excluded[u])
			continue;
		for (k = 0; k < nmust; k++)
			if (must[k] != u && (p->conflict[must[k] * W + u / 64] &
					     ((uint64_t)1 << (u % 64))))
				clash = 1;
		have++;
		free_ok += !clash;
	}
	cond_text(cr->where, sb);
	if (!have) {
		char *what = sb_detach(sb);

		sb_addf(sb, "no eligible candidate has %s (%s)", what, cr->id);
		free(what);
		add_reason(&j->doc, sb_detach(sb));
	} else if (!free_ok && nmust) {
		char *what = sb_detach(sb);

		sb_addf(sb,
			"every candidate with %s conflicts with "
			"a --must partner (%s)",
			what, cr->id);
		free(what);
		add_reason(&j->doc, sb_detach(sb));
	} else {
		sb_reset(sb);
	}
}

/* explain_none(): the smallest sum of sum rule r over MIN of the avail
 * candidates is above its maximum. */
static void
none_sum(job *j, const lu_rule *r, const cons_rule *cr, size_t avail,
	 strbuf *sb)
{
	const lu_problem *p = &j->m.p;
	double *v = xmalloc((p->n + 1) * sizeof *v), sum = 0;
	size_t nv = 0, q = j->doc.min_size, u;

	for (u = 0; u < p->n; u++)
		if (!p->excluded[u] && r->present[u])
			v[nv++] = r->val[u];
	qsort(v, nv, sizeof *v, cmp_double);
	if (nv + (avail - nv) >= q && nv > 0) {
		/* members without a value add nothing */
		size_t take = q > avail - nv ? q - (avail - nv) : 0;

		if (take && take <= nv) {
			for (u = 0; u < take; u++)
				sum += v[u];
			if (sum > r->hi) {
				sb_addf(sb,
					"the smallest %s of any "
					"%zu eligible candidate%s adds "
					"up to ",
					j->s.rs->fields[cr->field].name, q,
					q == 1 ? "" : "s");
				sb_addnum(sb, sum);
				sb_adds(sb, ", above ");
				sb_addnum(sb, r->hi);
				sb_addf(sb, " (%s)", cr->id);
				add_reason(&j->doc, sb_detach(sb));
			}
		}
	}
	free(v);
}

/* explain_none(): too few candidates, too many musts, musts that clash. */
static void
none_size(job *j, const size_t *must, size_t nmust, size_t avail, strbuf *sb)
{
	lr_doc *d = &j->doc;
	const lu_problem *p = &j->m.p;
	size_t W = (p->n + 63) / 64, a, b;

	if (avail < d->min_size) {
		sb_addf(
		    sb,
		    "only %zu eligible candidate%s (status pass or warn)%s, "
		    "fewer than the %zu a line-up needs",
		    avail, avail == 1 ? "" : "s",
		    avail < p->n ? " once --exclude is applied" : "",
		    d->min_size);
		add_reason(d, sb_detach(sb));
	}
	if (nmust > d->max_size) {
		sb_addf(sb,
			"%zu --must partners, more than the %zu a line-up may "
			"have",
			nmust, d->max_size);
		add_reason(d, sb_detach(sb));
	}
	for (a = 0; a < nmust; a++)
		for (b = a + 1; b < nmust; b++)
			if (p->conflict[must[a] * W + must[b] / 64] &
			    ((uint64_t)1 << (must[b] % 64)))
				add_reason(d, must_clash(j, must[a], must[b]));
}

/* The reasons a user can act on, from the simplest: too few candidates,
 * must partners that cannot go together, requirements nobody offers,
 * rules that no MIN candidates can meet. */
static void
explain_none(job *j, const size_t *must, size_t nmust)
{
	lr_doc *d = &j->doc;
	const lu_problem *p = &j->m.p;
	size_t i, avail = 0;
	strbuf sb;

	sb_init(&sb);
	for (i = 0; i < p->n; i++)
		avail += !p->excluded[i];
	none_size(j, must, nmust, avail, &sb);
	for (i = 0; i < p->nrules; i++) {
		const lu_rule *r = &p->rules[i];
		const cons_rule *cr = &j->s.rs->cons[j->m.cons_index[i]];

		if (!r->fail)
			continue;
		if (r->kind == LU_COVERAGE)
			none_coverage(j, r, cr, &sb);
		else if (r->kind == LU_COUNT_WHERE && r->has_lo && r->lo >= 1)
			none_count_where(j, r, cr, must, nmust, &sb);
		else if (r->kind == LU_SUM && r->has_hi && d->min_size > 0)
			none_sum(j, r, cr, avail, &sb);
	}
	if (!d->nreasons) {
		sb_addf(&sb,
			"no set of %zu to %zu eligible candidates avoids every "
			"fail-level pairwise and consortium finding (searched "
			"%lld nodes)",
			d->min_size, d->max_size, j->res->nodes);
		add_reason(d, sb_detach(&sb));
	}
	sb_free(&sb);
}

/* ---- the command ---- */

static void
free_job(job *j)
{
	free_lopts(&j->o);
	lr_doc_free(&j->doc);
	lu_result_free(j->res);
	lineup_model_free(&j->m);
	pset_free(&j->ps);
	free(j->row_of);
	free(j->elig_of);
}

static void
add_candidate(job *j, const verdict *v, const value *vals)
{
	lr_doc *d = &j->doc;
	lr_cand *c;

	d->cands = xrealloc(d->cands, (d->ncands + 1) * sizeof *d->cands);
	j->elig_of = xrealloc(j->elig_of, (d->ncands + 1) * sizeof *j->elig_of);
	c = &d->cands[d->ncands];
	memset(c, 0, sizeof *c);
	c->id = xstrdup(v->id);
	c->name = v->name ? xstrdup(v->name) : NULL;
	c->st = v->st;
	c->has_score = v->has_score;
	c->score = v->has_score ? lineup_tenths(v->score) : 0;
	c->why = LR_OPEN;
	lr_cand_note_row(c, v);
	j->elig_of[d->ncands] = -1;
	if ((v->st == ST_PASS || v->st == ST_WARN) && vals) {
		j->elig_of[d->ncands] = (long)j->ps.n;
		j->row_of = xrealloc(j->row_of,
				     (j->ps.n + 1) * sizeof *j->row_of);
		j->row_of[j->ps.n] = d->ncands;
		pset_add(&j->ps, v->id, vals);
	} else {
		c->why = LR_SCREENED;
		c->reason = screened_reason(v);
	}
	d->ncands++;
}

/* Marks the --must or --exclude ids; returns -1 after a diagnostic for an
 * unknown id. */
static int
mark_ids(job *j, char **ids, size_t n, const char *opt, unsigned char *flag,
	 size_t **list, size_t *nlist, int *ineligible_must)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *hint;
		long c = find_id(j, ids[i], &hint);
		long e;

		if (c < 0) {
			if (hint)
				diag(
				    "%s: unknown partner '%s' (did you mean '%s'?)",
				    opt, ids[i], hint);
			else
				diag("%s: unknown partner '%s'", opt, ids[i]);
			return -1;
		}
		e = j->elig_of[c];
		if (e < 0) {
			if (list) {
				strbuf sb;

				sb_init(&sb);
				sb_addf(&sb,
					"--must partner %s is not eligible: %s",
					j->doc.cands[c].id,
					j->doc.cands[c].reason);
				add_reason(&j->doc, take(&sb));
				*ineligible_must = 1;
			}
			continue;
		}
		if (list && !flag[e]) {
			*list = xrealloc(*list, (*nlist + 1) * sizeof **list);
			(*list)[(*nlist)++] = (size_t)e;
		}
		flag[e] = 1;
	}
	return 0;
}

static void
on_row(void *ctx, const verdict *v, const value *vals)
{
	add_candidate(ctx, v, vals);
}

static int
has_warn(const lr_lineup *l)
{
	size_t i;

	for (i = 0; i < l->nf; i++)
		if (l->f[i].sev == SEV_WARN)
			return 1;
	return 0;
}

/* --size, else the rule set's lineup.size, else any size. */
static void
choose_size(job *j)
{
	if (j->o.has_size) {
		j->doc.min_size = j->o.min_size;
		j->doc.max_size = j->o.max_size;
	} else if (j->s.rs->lineup.has_size) {
		j->doc.min_size = j->s.rs->lineup.min_size;
		j->doc.max_size = j->s.rs->lineup.max_size;
	} else {
		j->doc.min_size = 1;
		j->doc.max_size = j->ps.n ? j->ps.n : 1;
	}
}

/* The line-ups found, into the report: members, which line-ups each
 * candidate is in, and the findings that remain in each. */
static void
fill_lineups(job *j)
{
	size_t i, q;

	j->doc.lineups = xcalloc(j->res->nsets + 1, sizeof *j->doc.lineups);
	for (i = 0; i < j->res->nsets; i++) {
		const lu_set *s = &j->res->sets[i];
		lr_lineup *l = &j->doc.lineups[j->doc.nlineups++];

		l->value = s->value;
		l->k = s->k;
		l->members = xcalloc(s->k + 1, sizeof *l->members);
		for (q = 0; q < s->k; q++) {
			lr_cand *c = &j->doc.cands[j->row_of[s->members[q]]];
			strbuf sb;

			l->members[q] = j->row_of[s->members[q]];
			sb_init(&sb);
			if (c->in)
				sb_adds(&sb, c->in);
			sb_addf(&sb, "%s%zu", c->in ? ";" : "", i + 1);
			free(c->in);
			c->in = take(&sb);
			if (!i) {
				c->why = LR_IN;
				c->reason = xstrdup("in the best line-up");
			}
		}
		lineup_findings(j, l, s->members);
	}
}

/* Candidates no reason was found for: none fits (a proven empty answer),
 * or the search stopped first. */
static void
settle_open(job *j)
{
	size_t i;

	for (i = 0; i < j->doc.ncands; i++) {
		lr_cand *c = &j->doc.cands[i];

		if (c->why == LR_OPEN && j->res->proven)
			c->why = LR_NO_FIT;
		if ((c->why == LR_OPEN || c->why == LR_NO_FIT) && !c->reason)
			c->reason = xstrdup(j->res->proven ?
						"no feasible line-up" :
						"not decided: the search "
						"stopped at its limit");
	}
}

/* 0 a line-up, 1 none, 3 not proven; --fail-on never makes "none" 0,
 * --fail-on warn makes a best line-up with a warn finding 1. */
static int
exit_for(const job *j)
{
	int rc = j->res->nsets  ? (j->res->proven ? EXIT_OK : EXIT_UNPROVEN) :
		 j->res->proven ? EXIT_FINDINGS :
				  EXIT_UNPROVEN;

	if (rc == EXIT_FINDINGS && j->s.opt.fail_on == FAIL_ON_NEVER)
		rc = EXIT_OK;
	if (rc == EXIT_OK && j->s.opt.fail_on == FAIL_ON_WARN &&
	    j->doc.nlineups && has_warn(&j->doc.lineups[0]))
		rc = EXIT_FINDINGS;
	return rc;
}

/* The line-up problem of the eligible rows, with --must and --exclude
 * marked (a partner both is a reason there is no line-up); returns -1
 * after a diagnostic (an unknown id). */
static int
build_problem(job *j, size_t **must, size_t *nmust, int *ineligible_must)
{
	size_t i, n = j->ps.n;
	int *score = xcalloc(n + 1, sizeof *score);

	for (i = 0; i < n; i++)
		score[i] = j->doc.cands[j->row_of[i]].score;
	lineup_model_build(&j->m, j->s.rs, &j->ps, score, j->s.today, j->s.ws);
	free(score);
	j->m.p.min_size = j->doc.min_size;
	j->m.p.max_size = j->doc.max_size;
	if (mark_ids(j, j->o.must, j->o.nmust, "--must", j->m.must, must, nmust,
		     ineligible_must) < 0 ||
	    mark_ids(j, j->o.exclude, j->o.nexclude, "--exclude", j->m.excluded,
		     NULL, NULL, NULL) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (j->m.excluded[i] && j->m.must[i]) {
			strbuf sb;

			sb_init(&sb);
			sb_addf(&sb,
				"%s is both a --must and an --exclude partner",
				j->doc.cands[j->row_of[i]].id);
			add_reason(&j->doc, take(&sb));
		}
	return 0;
}

/* The main search into j->res (none when a --must partner is not
 * eligible), and the reason of every --exclude partner. */
static void
solve_main(job *j, int ineligible_must)
{
	size_t i;
	lu_opts lo;

	memset(&lo, 0, sizeof lo);
	lo.top = j->doc.top;
	lo.max_nodes = j->o.max_nodes;
	lo.time_limit = j->o.time_limit;
	lo.force = -1;
	lo.track = 1;
	if (ineligible_must) {
		j->res = xcalloc(1, sizeof *j->res);
		j->res->sets = xcalloc(1, sizeof *j->res->sets);
		j->res->proven = 1;
	} else {
		j->res = lu_solve(&j->m.p, &lo);
	}
	j->doc.proven = j->res->proven;
	j->doc.upper = j->res->upper;
	j->doc.nodes = j->res->nodes;
	for (i = 0; i < j->ps.n; i++)
		if (j->m.excluded[i] && !j->m.must[i]) {
			lr_cand *c = &j->doc.cands[j->row_of[i]];

			c->why = LR_EXCLUDED;
			c->reason = xstrdup("left out by --exclude");
		}
}

int
cmd_lineup(int argc, char **argv)
{
	job j;
	int rc, ineligible_must = 0, frc;
	assess a;
	size_t n, *must = NULL, nmust = 0;

	memset(&j, 0, sizeof j);
	parsing = &j.o;
	rc = session_open(&j.s, argc, argv, &lineup_command, MODE_CHECK);
	parsing = NULL;
	if (rc != EXIT_OK || !j.s.rep.em) {
		free_lopts(&j.o);
		return rc;
	}
	if (!lineup_has_format(j.s.opt.format)) {
		diag("lineup: format '%s' is not available for lineup (known: "
		     "%s)",
		     j.s.opt.format, lineup_formats());
		free_lopts(&j.o);
		return session_abort(&j.s);
	}
	pset_init(&j.ps, j.s.rs, eval_used(j.s.ev));
	/* every row screened as screen does; the eligible ones kept */
	session_assess(&j.s, &a);
	a.on_partner = on_row;
	a.ctx = &j;
	if (assess_rows(&a, j.s.ev, session_next, &j.s, NULL) < 0)
		goto abort;
	n = j.ps.n;
	j.doc.eligible = n;
	j.doc.top = j.o.top ? j.o.top : 1;
	j.doc.sanitize = j.s.opt.sanitize;
	choose_size(&j);
	if (build_problem(&j, &must, &nmust, &ineligible_must) < 0)
		goto abort;
	if (j.o.write_lp) {
		char err[512];

		if (lineup_lp_write(&j.m.p, ineligible_must || j.doc.nreasons,
				    j.o.write_lp, err, sizeof err) < 0) {
			diag("%s", err);
			goto abort;
		}
	}
	solve_main(&j, ineligible_must);
	fill_lineups(&j);
	if (j.res->nsets)
		explain_out(&j);
	else if (j.res->proven && !j.doc.nreasons)
		explain_none(&j, must, nmust);
	else if (!j.res->proven)
		add_reason(&j.doc,
			   xstrdup("the search stopped at its limit before "
				   "finding a feasible line-up"));
	settle_open(&j);
	j.doc.origin = &j.s.rep;
	j.doc.must = (const char *const *)j.o.must;
	j.doc.nmust = j.o.nmust;
	j.doc.exclude = (const char *const *)j.o.exclude;
	j.doc.nexclude = j.o.nexclude;
	j.doc.max_nodes = j.o.max_nodes;
	j.doc.time_limit = j.o.time_limit;
	j.doc.graph_info = j.s.opt.graph_info;
	j.doc.fail_on = j.s.opt.fail_on == FAIL_ON_WARN  ? "warn" :
			j.s.opt.fail_on == FAIL_ON_NEVER ? "never" :
							   "fail";
	lineup_report(j.s.rep.out, j.s.opt.format, &j.doc);
	rc = exit_for(&j);
	free(must);
	free_job(&j);
	frc = session_finish(&j.s);
	return frc == EXIT_USAGE ? EXIT_USAGE : rc;
abort:
	free(must);
	free_job(&j);
	return session_abort(&j.s);
}
