/* `explain --partner` for pairwise and consortium rules: each pair of the
 * partner with the values compared and each step of the condition, and
 * each member's contribution to the consortium's aggregate.  The results
 * are the assessment's own (assess_pairs, assess_consortium), waivers
 * included, so that the explanation says what check reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "exit_status.h"
#include "explain_int.h"
#include "fmt_value.h"
#include "pairs_steps.h"
#include "rules_describe.h"
#include "textkey.h"
#include "xalloc.h"

/* One finding of a rule with the id, as the assessment handed it on. */
typedef struct group_finding {
	const pair_rule *pr; /* the pair rule, or NULL */
	const cons_rule *cr; /* the consortium rule, or NULL */
	size_t a, b;         /* the pair, indexes into ps */
	outcome out;
	char *message;
} group_finding;

void
explain_group_init(explain_group *g, session *s, const char *rule,
		   const char *partner, const char *other)
{
	memset(g, 0, sizeof *g);
	g->s = s;
	g->rule = rule;
	g->partner = partner;
	g->other = other;
	pset_init(&g->ps, s->rs, NULL);
}

int
explain_group_has(const ruleset *rs, const char *rule)
{
	size_t i;

	for (i = 0; i < rs->npairs; i++)
		if (!strcmp(rs->pairs[i].id, rule))
			return 1;
	for (i = 0; i < rs->ncons; i++)
		if (!strcmp(rs->cons[i].id, rule))
			return 1;
	return 0;
}

void
explain_group_row(explain_group *g, const verdict *v, const value *vals)
{
	int k;

	for (k = 0; k < 2; k++) {
		const char *want = k ? g->other : g->partner;

		if (want && !g->seen_line[k] && !strcmp(v->id, want)) {
			g->seen_line[k] = v->line;
			g->in_error[k] = !vals;
		}
	}
	if (!vals)
		return; /* not added to the set */
	g->names = xrealloc(g->names, (g->ps.n + 1) * sizeof *g->names);
	g->names[g->ps.n] = v->name ? xstrdup(v->name) : NULL;
}

void
explain_group_free(explain_group *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->ps.n; i++)
		free(g->names[i]);
	free(g->names);
	for (i = 0; i < g->nfound; i++)
		free(g->found[i].message);
	free(g->found);
	pset_free(&g->ps);
}

/* ---- the assessment's findings ---- */

static void
keep(explain_group *g, const pair_rule *pr, const cons_rule *cr, size_t a,
     size_t b, outcome out, const char *message)
{
	group_finding *f;

	g->found = xgrow(g->found, &g->capfound, g->nfound + 1,
			 sizeof *g->found);
	f = &g->found[g->nfound++];
	f->pr = pr;
	f->cr = cr;
	f->a = a;
	f->b = b;
	f->out = out;
	f->message = xstrdup(message ? message : "");
}

static void
on_pair(void *ctx, size_t a, size_t b, const pair_rule *r, outcome out,
	const char *message)
{
	explain_group *g = ctx;

	if (!strcmp(r->id, g->rule))
		keep(g, r, NULL, a, b, out, message);
}

/* consortium.c hands on the rule's own id string, which tells two rules
 * of one id (a minimum and a maximum) apart. */
static void
on_cons(void *ctx, const cfinding *f)
{
	explain_group *g = ctx;
	const ruleset *rs = g->s->rs;
	size_t i;

	for (i = 0; i < rs->ncons; i++)
		if (rs->cons[i].id == f->rule)
			keep(g, NULL, &rs->cons[i], 0, 0, f->out, f->message);
}

static const group_finding *
cons_finding(const explain_group *g, const cons_rule *cr)
{
	size_t i;

	for (i = 0; i < g->nfound; i++)
		if (g->found[i].cr == cr)
			return &g->found[i];
	return NULL;
}

static const group_finding *
pair_finding(const explain_group *g, const pair_rule *pr, size_t a, size_t b)
{
	size_t i;

	for (i = 0; i < g->nfound; i++)
		if (g->found[i].pr == pr && g->found[i].a == a &&
		    g->found[i].b == b)
			return &g->found[i];
	return NULL;
}

static void
print_result(const group_finding *f, severity sev, int indent)
{
	if (!f)
		printf("%*sresult: %s\n", indent, "",
		       indent > 2 ? "no finding" : "pass");
	else if (f->out == OUT_WAIVED)
		printf("%*sresult: a %s finding, waived: %s\n", indent, "",
		       severity_name(sev), f->message);
	else
		printf("%*sresult: a %s finding: %s\n", indent, "",
		       severity_name(sev), f->message);
}

/* "HHT (Haven Housing Trust) (line 2)" */
static void
print_who(const explain_group *g, size_t i)
{
	printf("%s", g->ps.ids[i]);
	if (g->names[i])
		printf(" (%s)", g->names[i]);
	if (g->ps.lines[i])
		printf(" (line %zu)", g->ps.lines[i]);
}

static size_t
index_of(const explain_group *g, const char *id)
{
	size_t i;

	for (i = 0; i < g->ps.n; i++)
		if (!strcmp(g->ps.ids[i], id))
			return i;
	return g->ps.n;
}

/* ---- pairs ---- */

typedef struct pair_walk {
	explain_group *g;
	cond_ctx *cx;
	size_t a, b;
	int n;
} pair_walk;

/* One step of a pair's condition; both and either go on with each
 * partner's steps of their condition. */
static void
pair_step(void *ctx, const cond *c, tri r, const char *holds)
{
	pair_walk *w = ctx;
	const partner_set *ps = &w->g->ps;
	strbuf sb;
	int k;

	sb_init(&sb);
	explain_plain(w->cx->rs, c, &sb);
	printf("    %d. %s: %s\n", ++w->n, sb.buf, explain_tri_words(r));
	if (c->op == C_BOTH || c->op == C_EITHER) {
		for (k = 0; k < 2; k++) {
			size_t p = k ? w->b : w->a;

			sb_reset(&sb);
			sb_addf(&sb, "for %s: ", ps->ids[p]);
			explain_steps(w->cx, c->kids[0], pset_row(ps, p), NULL,
				      7, sb.buf);
		}
	} else if (holds) {
		printf("       %s\n", holds);
	}
	sb_free(&sb);
}

/* The values of the fields pair rule i reads, for both partners. */
static void
pair_values(const explain_group *g, size_t i, size_t a, size_t b)
{
	const ruleset *rs = g->s->rs;
	unsigned char *used = xcalloc(rs->nfields + 1, 1);
	strbuf sb;
	size_t f;
	int k;

	sb_init(&sb);
	rules_describe_reads(rs, DK_PAIR, i, used);
	for (f = 0; f < rs->nfields; f++) {
		if (!used[f])
			continue;
		sb_reset(&sb);
		for (k = 0; k < 2; k++) {
			size_t p = k ? b : a;

			size_t at;

			if (k)
				sb_adds(&sb, ", ");
			at = sb.len;
			fmt_value(&sb, &rs->fields[f].type,
				  &pset_row(&g->ps, p)[f]);
			if (sb.len == at) /* a list of no items */
				sb_adds(&sb, "empty");
			sb_addf(&sb, " (%s)", g->ps.ids[p]);
		}
		printf("    %s: %s\n", rs->fields[f].name, sb.buf);
	}
	sb_free(&sb);
	free(used);
}

static void
explain_pair(explain_group *g, pair_engine *pe, cond_ctx *cx, size_t i,
	     size_t me, size_t other)
{
	const pair_rule *pr = &g->s->rs->pairs[i];
	size_t j;

	printf("%s for partner ", pr->id);
	print_who(g, me);
	putchar('\n');
	if (g->ps.n < 2)
		puts("  no other partner was read: there is no pair");
	for (j = 0; j < g->ps.n; j++) {
		size_t a = me < j ? me : j, b = me < j ? j : me;
		pair_walk w;

		if (j == me || (other < g->ps.n && j != other))
			continue;
		printf("  with ");
		print_who(g, j);
		puts(":");
		pair_values(g, i, a, b);
		w.g = g;
		w.cx = cx;
		w.a = a;
		w.b = b;
		w.n = 0;
		pairs_steps(pe, i, a, b, pair_step, &w);
		print_result(pair_finding(g, pr, a, b), pr->sev, 4);
	}
}

/* ---- the consortium ---- */

/* One member's contribution to consortium rule cr. */
static void
member(explain_group *g, cond_ctx *cx, const cons_rule *cr, size_t i,
       const char *const *req, size_t nreq)
{
	const ruleset *rs = g->s->rs;
	const value *row = pset_row(&g->ps, i);
	strbuf sb;
	size_t k, f, n = 0;

	sb_init(&sb);
	printf("  ");
	print_who(g, i);
	switch (cr->kind) {
	case AGG_COUNT:
		puts(": counted");
		break;
	case AGG_COUNT_WHERE:
		puts(":");
		explain_steps(cx, cr->where, row, NULL, 4, NULL);
		printf("    %s\n", cond_eval(cx, cr->where, row) == T_TRUE ?
				       "counted" :
				       "not counted");
		break;
	case AGG_SUM:
	case AGG_MIN:
	case AGG_MAX:
		if (row[cr->field].kind == V_MISSING) {
			printf(": %s is missing, left out\n",
			       rs->fields[cr->field].name);
			break;
		}
		fmt_value(&sb, &rs->fields[cr->field].type, &row[cr->field]);
		printf(": %s is %s\n", rs->fields[cr->field].name, sb.buf);
		break;
	case AGG_COVERAGE:
		for (k = 0; k < nreq; k++)
			for (f = 0; f < row[cr->field].nitems; f++) {
				const item *it = &row[cr->field].items[f];

				if (text_key_eq(it->s, it->len, req[k],
						strlen(req[k]))) {
					sb_addf(&sb, "%s%s", n++ ? ", " : "",
						req[k]);
					break;
				}
			}
		if (n)
			printf(": offers %s\n", sb.buf);
		else
			puts(": offers none of the items required");
		break;
	case AGG_DISTINCT:
		for (f = 0; f < cr->nfields; f++) {
			const value *v = &row[cr->fields[f]];

			for (k = 0; k < v->nitems; k++) {
				size_t j, m;
				int shared = 0;

				for (j = 0; j < g->ps.n && !shared; j++) {
					if (j == i)
						continue;
					for (m = 0; m < cr->nfields && !shared;
					     m++) {
						const value *o = &pset_row(
						    &g->ps, j)[cr->fields[m]];
						size_t q;

						for (q = 0; q < o->nitems; q++)
							if (text_key_eq(
								v->items[k].s,
								v->items[k].len,
								o->items[q].s,
								o->items[q]
								    .len)) {
								shared = 1;
								break;
							}
					}
				}
				if (!shared) {
					if (n++)
						sb_adds(&sb, ", ");
					sb_add(&sb, v->items[k].s,
					       v->items[k].len);
				}
			}
		}
		if (n)
			printf(": adds %s, which no other partner has\n",
			       sb.buf);
		else
			puts(": adds nothing that no other partner has");
		break;
	}
	sb_free(&sb);
}

/* The items a coverage rule requires, as consortium.c resolves them;
 * *nreq 0 when a contract list it names is not set. */
static const char *const *
required(const ruleset *rs, const cons_rule *cr, size_t *nreq)
{
	const contract_value *cv;

	*nreq = cr->nrequired;
	if (!cr->required_ref)
		return (const char *const *)cr->required;
	cv = rules_contract(rs, cr->required_ref);
	*nreq = 0;
	if (!cv || cv->is_num)
		return NULL;
	if (!cv->items && cv->text && *cv->text) {
		*nreq = 1;
		return (const char *const *)&cv->text;
	}
	*nreq = cv->nitems;
	return (const char *const *)cv->items;
}

/* The aggregate in words: "the number of partners is 3". */
static void
aggregate(explain_group *g, cond_ctx *cx, const cons_rule *cr,
	  const char *const *req, size_t nreq)
{
	const ruleset *rs = g->s->rs;
	strbuf sb;
	size_t i, k, f, n = 0, present = 0;
	double acc = 0;
	decnum dacc = dec_from_int(0);

	sb_init(&sb);
	switch (cr->kind) {
	case AGG_COUNT:
		printf("  aggregate: the number of partners is %zu\n", g->ps.n);
		break;
	case AGG_COUNT_WHERE:
		for (i = 0; i < g->ps.n; i++)
			if (cond_eval(cx, cr->where, pset_row(&g->ps, i)) ==
			    T_TRUE)
				n++;
		explain_plain(rs, cr->where, &sb);
		printf("  aggregate: the number of partners for whom %s is "
		       "%zu\n",
		       sb.buf, n);
		break;
	case AGG_SUM:
	case AGG_MIN:
	case AGG_MAX:
		/* as consortium.c: the decimals' sum while they last */
		for (i = 0; i < g->ps.n; i++) {
			const value *v = &pset_row(&g->ps, i)[cr->field];

			if (v->kind == V_MISSING)
				continue;
			if (cr->kind == AGG_SUM) {
				acc += v->num;
				dacc = dec_add(dacc, v->dec);
			} else if (!present ||
				   (cr->kind == AGG_MIN ? v->num < acc :
							  v->num > acc)) {
				acc = v->num;
				dacc = v->dec;
			}
			present++;
		}
		if (!present) {
			printf("  aggregate: no partner has a %s: the rule "
			       "does not apply\n",
			       rs->fields[cr->field].name);
			break;
		}
		if (dacc.ok)
			acc = dec_to_double(dacc);
		fmt_number(&sb, &rs->fields[cr->field].type, acc, dacc);
		printf("  aggregate: %s %s is %s\n",
		       cr->kind == AGG_SUM ? "the sum of" :
		       cr->kind == AGG_MIN ? "the lowest" :
					     "the highest",
		       rs->fields[cr->field].name, sb.buf);
		break;
	case AGG_COVERAGE:
		if (cr->required_ref && !req)
			printf("  aggregate: contract.%s is not set: the rule "
			       "does not apply\n",
			       cr->required_ref);
		for (k = 0; k < nreq; k++) {
			int found = 0;

			for (i = 0; i < g->ps.n && !found; i++) {
				const value *v = &pset_row(&g->ps,
							   i)[cr->field];

				for (f = 0; f < v->nitems && !found; f++)
					found = text_key_eq(v->items[f].s,
							    v->items[f].len,
							    req[k],
							    strlen(req[k]));
			}
			if (!found)
				sb_addf(&sb, "%s%s", n++ ? ", " : "", req[k]);
		}
		if (req || !cr->required_ref)
			printf("  aggregate: %zu of %zu required item%s "
			       "covered%s%s\n",
			       nreq - n, nreq, nreq == 1 ? "" : "s",
			       n ? "; not covered: " : "", sb.buf);
		break;
	case AGG_DISTINCT:
		break; /* each member's line says it */
	}
	sb_free(&sb);
}

/* One side of the bounds: "at least 2", "at most contract.max_partners,
 * which is 6"; a contract value that is not set is said so. */
static void
add_bound(const ruleset *rs, const type_spec *t, const char *word, double v,
	  int has, const char *ref, strbuf *sb)
{
	const contract_value *cv;

	if (!has && !ref)
		return;
	sb_addf(sb, "%s%s ", sb->len ? " and " : "", word);
	if (!ref) {
		fmt_number(sb, t, v, dec_from_double(v));
		return;
	}
	cv = rules_contract(rs, ref);
	sb_addf(sb, "%s%s", strncmp(ref, "contract.", 9) ? "contract." : "",
		ref);
	if (cv && cv->is_num) {
		sb_adds(sb, ", which is ");
		fmt_number(sb, t, cv->num, dec_from_double(cv->num));
	} else {
		sb_adds(sb, ", which is not set (this bound does not apply)");
	}
}

/* The bounds, with the contract values they name. */
static void
bounds(const ruleset *rs, const cons_rule *cr)
{
	const type_spec *t = NULL;
	strbuf sb;

	if (cr->kind == AGG_SUM || cr->kind == AGG_MIN || cr->kind == AGG_MAX)
		t = &rs->fields[cr->field].type;
	sb_init(&sb);
	add_bound(rs, t, "at least", cr->min, cr->has_min, cr->min_ref, &sb);
	add_bound(rs, t, "at most", cr->max, cr->has_max, cr->max_ref, &sb);
	if (sb.len)
		printf("  bounds: %s\n", sb.buf);
	sb_free(&sb);
}

static void
explain_cons(explain_group *g, cond_ctx *cx, size_t i, size_t me)
{
	const ruleset *rs = g->s->rs;
	const cons_rule *cr = &rs->cons[i];
	const char *const *req;
	size_t nreq, k;

	printf("%s for the consortium of %zu partner%s, with ", cr->id, g->ps.n,
	       g->ps.n == 1 ? "" : "s");
	print_who(g, me);
	putchar('\n');
	req = required(rs, cr, &nreq);
	for (k = 0; k < g->ps.n; k++)
		member(g, cx, cr, k, req, nreq);
	aggregate(g, cx, cr, req, nreq);
	bounds(rs, cr);
	if (g->ps.errors)
		printf("  %zu partner%s in error %s left out\n", g->ps.errors,
		       g->ps.errors == 1 ? "" : "s",
		       g->ps.errors == 1 ? "is" : "are");
	print_result(cons_finding(g, cr), cr->sev, 2);
}

int
explain_group_print(explain_group *g, assess *a)
{
	const ruleset *rs = g->s->rs;
	size_t me, other = (size_t)-1, i;
	pair_engine *pe;
	cond_ctx cx;
	int n = 0;

	for (i = 0; i < 2; i++) {
		const char *want = i ? g->other : g->partner;

		if (!want)
			continue;
		if (!g->seen_line[i]) {
			fprintf(stderr,
				"partnercheck explain: %s: no partner has the "
				"id '%s'\n",
				g->s->opt.input, want);
			return EXIT_USAGE;
		}
	}
	me = index_of(g, g->partner);
	if (g->other)
		other = index_of(g, g->other);
	if (g->in_error[0] || (g->other && g->in_error[1])) {
		printf("%s for partner %s\n", g->rule,
		       g->in_error[0] ? g->partner : g->other);
		puts("  the row is in error: no check was made (see check)");
		return EXIT_OK;
	}
	a->min_sev = SEV_INFO;
	a->on_partner = NULL;
	a->on_pair = on_pair;
	a->on_conflict = NULL;
	a->on_consortium = on_cons;
	a->ctx = g;
	assess_pairs(a, &g->ps);
	assess_consortium(a, &g->ps);
	pe = pairs_new(rs, &g->ps, g->s->today);
	cond_ctx_init(&cx, rs, g->s->today);
	for (i = 0; i < rs->npairs; i++)
		if (!strcmp(rs->pairs[i].id, g->rule)) {
			if (n++)
				putchar('\n');
			explain_pair(g, pe, &cx, i, me, other);
		}
	for (i = 0; i < rs->ncons; i++)
		if (!strcmp(rs->cons[i].id, g->rule)) {
			if (n++)
				putchar('\n');
			explain_cons(g, &cx, i, me);
		}
	cond_ctx_free(&cx);
	pairs_free(pe);
	return EXIT_OK;
}
