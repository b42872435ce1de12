#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "cond.h"
#include "diag.h"
#include "exit_status.h"
#include "explain_int.h"
#include "expr.h"
#include "fmt_value.h"
#include "ops.h"
#include "packs.h"
#include "rules_describe.h"
#include "rules_extends.h"
#include "session.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"

/*
 * `partnercheck explain RULE-ID`: one rule in words, with where it came
 * from; with --partner ID and a partner file, each step of its check for
 * that one partner.
 */

static const char usage[] =
    "usage: partnercheck explain [-r RULES]... RULE-ID\n"
    "       partnercheck explain --partner ID[,ID] [OPTIONS] RULE-ID FILE|-\n"
    "\n"
    "Explains one rule of the rule set: its title, severity, condition in\n"
    "words, the fields it reads and the forms their cells take, its\n"
    "rationale, and where it came from (pack, file, override).  With\n"
    "--partner, reads FILE and follows the partner with that id through\n"
    "the rule: for a check, the values it compares and each step (when it\n"
    "applies, each part of its condition, the missing-value policy, the\n"
    "result); for a pairwise rule, each pair the partner is in (or only\n"
    "the pair ID,ID) with both values and each step; for a consortium\n"
    "rule, each member's contribution, the aggregate and its bounds.\n"
    "\n"
    "  -r, --rules RULES     rule file or pack; again to extend it\n"
    "  -p, --partner ID      the partner to follow through the rule; A,B\n"
    "                        or a second --partner names one pair\n"
    "      --set contract.KEY=VALUE or check.ID.KEY=VALUE, as check does\n"
    "      --as-of DATE      the day dates are measured from\n"
    "  and the input options of check (--delimiter, --encoding, ...).\n"
    "\n"
    "Exit status: 0 explained, 2 unknown rule or partner, or usage error.\n"
    "See partnercheck(1).\n";

/* --partner's values: the setters write only into struct cli, which has
 * no field for them.  A second --partner, or "A,B", names a pair. */
static const char *partner_id;
static const char *partner2_id;
static char *partner_pair; /* "A,B" split: owns both ids */

static cli_set_result
set_partner(cli *c, const cli_option *opt, const char *arg, const char *u)
{
	const char *comma = strchr(arg, ',');

	(void)c, (void)opt, (void)u;
	if (!*arg || partner2_id || (partner_id && comma) ||
	    (comma && (comma == arg || !comma[1] || strchr(comma + 1, ','))))
		return CLI_SET_BAD;
	if (comma) {
		free(partner_pair);
		partner_pair = xstrdup(arg);
		partner_pair[comma - arg] = '\0';
		partner_id = partner_pair;
		partner2_id = partner_pair + (comma - arg) + 1;
		return CLI_SET_OK;
	}
	if (partner_id)
		partner2_id = arg;
	else
		partner_id = arg;
	return CLI_SET_OK;
}

/* --set as check takes it (contract values bound the consortium
 * rules): the setter of cli_pair_options' row, which is cli.c's own. */
static cli_set_result
set_any(cli *c, const cli_option *opt, const char *arg, const char *u)
{
	const cli_option *o;

	for (o = cli_pair_options; o->name; o++)
		if (!strcmp(o->name, "set"))
			return o->set(c, opt, arg, u);
	return CLI_SET_BAD;
}

static const cli_option explain_rows[] = {
	{ "partner", NULL, 'p', 1, set_partner, 0,
	  "--partner takes a partner id, or two for a pair (A,B or a second "
	  "--partner), not '%s'",
	  NULL },
	{ "set", NULL, 0, 1, set_any, 0,
	  "--set takes contract.KEY=VALUE or check.ID.KEY=VALUE, not '%s'",
	  NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

static const cli_option *const tables[] = { cli_common_options, explain_rows,
					    NULL };

static const cli_command explain_command = { "explain", usage, tables };

/* Whether arg is an option of ours that takes its value as the next
 * word ("-r x", "--rules x", not "--rules=x" or "-rx"). */
static int
takes_next(const char *arg)
{
	const cli_option *const *t;
	const cli_option *o;

	for (t = tables; *t; t++)
		for (o = *t; o->name; o++) {
			if (!o->has_arg)
				continue;
			if (arg[1] == '-' && !strcmp(arg + 2, o->name))
				return 1;
			if (arg[1] == o->short_name && arg[2] == '\0')
				return 1;
		}
	return 0;
}

/* Takes the first operand out of argv as the rule id; NULL when none. */
static const char *
take_rule_id(int *argc, char **argv)
{
	const char *id;
	int i;

	for (i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			break;
		if (takes_next(argv[i]))
			i++;
	}
	if (i >= *argc)
		return NULL;
	id = argv[i];
	for (; i + 1 < *argc; i++)
		argv[i] = argv[i + 1];
	argv[--*argc] = NULL;
	return id;
}

/* ---- conditions in words ---- */

static const char *
op_words(cond_op op)
{
	switch (op) {
	case C_EQ:
		return "is";
	case C_NE:
		return "is not";
	case C_LT:
		return "is below";
	case C_LE:
		return "is at most";
	case C_GT:
		return "is above";
	case C_GE:
		return "is at least";
	case C_BETWEEN:
		return "is between";
	case C_IN:
		return "is one of";
	case C_NOT_IN:
		return "is none of";
	case C_CONTAINS:
		return "includes";
	case C_CONTAINS_ANY:
		return "includes any of";
	case C_CONTAINS_ALL:
		return "includes all of";
	case C_EMPTY:
		return "is empty";
	case C_NOT_EMPTY:
		return "is not empty";
	case C_PRESENT:
		return "is given";
	case C_ABSENT:
		return "is not given";
	case C_MATCHES:
		return "matches the pattern";
	default:
		return op_info_of(op)->text;
	}
}

static void
plain_kids(const ruleset *rs, const cond *c, const char *join, strbuf *sb)
{
	size_t i;

	for (i = 0; i < c->nkids; i++) {
		int nested = c->kids[i]->op == C_ALL || c->kids[i]->op == C_ANY;

		if (i)
			sb_adds(sb, join);
		if (nested)
			sb_addc(sb, '(');
		explain_plain(rs, c->kids[i], sb);
		if (nested)
			sb_addc(sb, ')');
	}
}

void
explain_plain(const ruleset *rs, const cond *c, strbuf *sb)
{
	const char *subj = c->subject ? c->subject : "?";
	size_t i;

	switch (c->op) {
	case C_ALL:
		plain_kids(rs, c, " and ", sb);
		return;
	case C_ANY:
		plain_kids(rs, c, " or ", sb);
		return;
	case C_NOT:
		sb_adds(sb, "it is not so that ");
		plain_kids(rs, c, "", sb);
		return;
	case C_BOTH:
		sb_adds(sb, "for both partners, ");
		plain_kids(rs, c, "", sb);
		return;
	case C_EITHER:
		sb_adds(sb, "for either partner, ");
		plain_kids(rs, c, "", sb);
		return;
	case C_MEETS:
		sb_addf(sb,
			"one partner's %s includes an item of the other's %s",
			subj,
			c->field2 >= 0 ? rs->fields[c->field2].name : "?");
		return;
	case C_APART:
		sb_addf(sb, "the two partners' %s are more than %g%s apart",
			subj, c->tolerance, c->relative ? "%" : "");
		return;
	case C_DIFFER:
		sb_addf(sb, "the two partners' %s differ", subj);
		return;
	case C_SAME:
		sb_addf(sb, "the two partners' %s are the same", subj);
		return;
	default:
		break;
	}
	sb_addf(sb, "%s %s", subj, op_words(c->op));
	for (i = 0; i < c->nargs; i++) {
		sb_adds(sb, i ? (c->op == C_BETWEEN ? " and " : ", ") : " ");
		sb_add(sb, c->args[i].text, c->args[i].len);
	}
}

static const char *
missing_words(missing_policy m)
{
	switch (m) {
	case MISSING_PASS:
		return "a missing value passes the check";
	case MISSING_SKIP:
		return "the check does not apply to a partner with a missing "
		       "value";
	default:
		return "a missing value fails the check";
	}
}

/* ---- the rule ---- */

/* One line per field that the rule reads: its column, type and forms. */
static void
print_fields(const ruleset *rs, describe_kind kind, size_t i)
{
	unsigned char *used = xcalloc(rs->nfields + 1, 1);
	strbuf sb;
	size_t f, n = 0;

	sb_init(&sb);
	rules_describe_reads(rs, kind, i, used);
	for (f = 0; f < rs->nfields; f++) {
		if (!used[f])
			continue;
		sb_reset(&sb);
		rules_describe_forms(&rs->fields[f].type, &sb);
		printf("  %-11s%s (column '%s'): %s, %s",
		       n++ ? "" : "fields:", rs->fields[f].name,
		       rs->fields[f].column,
		       field_type_name(rs->fields[f].type.type), sb.buf);
		sb_reset(&sb);
		rules_describe_allowed(&rs->fields[f].type, &sb);
		if (sb.len)
			printf(" [%s]", sb.buf);
		putchar('\n');
	}
	free(used);
	sb_free(&sb);
}

/* Where the rule came from: its origin in a layered set, else the one
 * file or pack the set is. */
static void
print_source(const ruleset *rs, const cli *c, const char *id)
{
	const rule_origin *o = rules_origin(rs, id);
	size_t k;

	if (!o) {
		const char *ref = c->nrules ? c->rules_list[0] : NULL;

		if (!ref)
			printf("  source:    pack:%s (the default rule set)\n",
			       pack_sources[0].name);
		else if (rules_ref_is_pack(ref))
			printf("  source:    pack:%s\n", ref);
		else
			printf("  source:    %s\n",
			       strcmp(ref, "-") ? ref : "<stdin>");
		return;
	}
	printf("  source:    %s\n", o->file);
	for (k = 0; k < o->nov; k++)
		printf("  override:  %s set by %s\n", o->ov_keys[k],
		       o->ov_files[k]);
}

static void
print_head(const char *id, const char *title, const char *kind, severity sev)
{
	printf("%s: %s\n", id, title ? title : "(no title)");
	printf("  rule:      %s\n", kind);
	printf("  severity:  %s\n", severity_name(sev));
}

/* The rule's rationale, then the citation its "source" gives (document,
 * section, address), if any. */
static void
print_rationale(const char *r, const char *cites)
{
	if (r)
		printf("  rationale: %s\n", r);
	if (cites)
		printf("  cites:     %s\n", cites);
}

static void
explain_check(const ruleset *rs, const cli *c, size_t i)
{
	const check *ck = &rs->checks[i];
	strbuf sb;

	sb_init(&sb);
	sb_addf(&sb, "check of each partner%s%s", ck->category ? ", in " : "",
		ck->category ? ck->category : "");
	print_head(ck->id, ck->title, sb.buf, ck->sev);
	sb_reset(&sb);
	explain_plain(rs, ck->test, &sb);
	printf("  passes:    when %s\n", sb.buf);
	sb_reset(&sb);
	if (ck->when) {
		explain_plain(rs, ck->when, &sb);
		printf("  applies:   only when %s\n", sb.buf);
	} else {
		puts("  applies:   to every partner");
	}
	printf("  missing:   %s\n", missing_words(ck->missing));
	print_fields(rs, DK_CHECK, i);
	print_rationale(ck->rationale, ck->source);
	print_source(rs, c, ck->id);
	sb_free(&sb);
}

static void
explain_pair(const ruleset *rs, const cli *c, size_t i)
{
	const pair_rule *pr = &rs->pairs[i];
	strbuf sb;

	sb_init(&sb);
	print_head(pr->id, pr->title, "pairwise, for each two partners",
		   pr->sev);
	explain_plain(rs, pr->test, &sb);
	printf("  finding:   when %s\n", sb.buf);
	print_fields(rs, DK_PAIR, i);
	print_rationale(pr->rationale, pr->source);
	print_source(rs, c, pr->id);
	sb_free(&sb);
}

/* A contract reference as the rule file writes it: the loader keeps
 * some with their "contract." and some without. */
static void
add_ref(strbuf *sb, const char *ref)
{
	sb_addf(sb, "%s%s", strncmp(ref, "contract.", 9) ? "contract." : "",
		ref);
}

/* "at least 2", "at most contract.capacity_needed" */
static void
add_bounds(const cons_rule *cr, strbuf *sb)
{
	if (cr->has_min || cr->min_ref) {
		sb_adds(sb, "at least ");
		if (cr->min_ref)
			add_ref(sb, cr->min_ref);
		else
			sb_addnum(sb, cr->min);
	}
	if (cr->has_max || cr->max_ref) {
		sb_adds(sb, sb->len ? " and at most " : "at most ");
		if (cr->max_ref)
			add_ref(sb, cr->max_ref);
		else
			sb_addnum(sb, cr->max);
	}
}

static void
explain_cons(const ruleset *rs, const cli *c, size_t i)
{
	const cons_rule *cr = &rs->cons[i];
	const char *f = cr->field >= 0 ? rs->fields[cr->field].name : "?";
	strbuf sb, b;
	size_t k;

	sb_init(&sb);
	sb_init(&b);
	print_head(cr->id, cr->title, "consortium, over the whole line-up",
		   cr->sev);
	add_bounds(cr, &b);
	switch (cr->kind) {
	case AGG_COUNT:
		sb_addf(&sb, "the number of partners is %s", b.buf);
		break;
	case AGG_SUM:
		sb_addf(&sb, "the partners' %s add up to %s", f, b.buf);
		break;
	case AGG_MIN:
		sb_addf(&sb, "the lowest %s is %s", f, b.buf);
		break;
	case AGG_MAX:
		sb_addf(&sb, "the highest %s is %s", f, b.buf);
		break;
	case AGG_COUNT_WHERE:
		sb_adds(&sb, "the number of partners for whom ");
		if (cr->where)
			explain_plain(rs, cr->where, &sb);
		sb_addf(&sb, " is %s", b.buf);
		break;
	case AGG_COVERAGE:
		sb_addf(&sb, "the partners' %s together include every item of ",
			f);
		if (cr->required_ref)
			add_ref(&sb, cr->required_ref);
		for (k = 0; k < cr->nrequired; k++)
			sb_addf(&sb, "%s%s", k ? ", " : "", cr->required[k]);
		break;
	case AGG_DISTINCT:
		sb_adds(&sb, "each partner has an item of ");
		for (k = 0; k < cr->nfields; k++)
			sb_addf(&sb, "%s%s", k ? " or " : "",
				rs->fields[cr->fields[k]].name);
		sb_adds(&sb, " that no other partner has");
		break;
	}
	printf("  passes:    when %s\n", sb.buf);
	print_fields(rs, DK_CONSORTIUM, i);
	print_rationale(cr->rationale, cr->source);
	print_source(rs, c, cr->id);
	sb_free(&sb);
	sb_free(&b);
}

/* Every rule with the id, explained; 0 when there is none. */
static int
explain_rule(const ruleset *rs, const cli *c, const char *id)
{
	size_t i;
	int n = 0;

	for (i = 0; i < rs->nchecks; i++)
		if (!strcmp(rs->checks[i].id, id)) {
			if (n++)
				putchar('\n');
			explain_check(rs, c, i);
		}
	for (i = 0; i < rs->npairs; i++)
		if (!strcmp(rs->pairs[i].id, id)) {
			if (n++)
				putchar('\n');
			explain_pair(rs, c, i);
		}
	/* consortium.size has two rules: one paragraph each */
	for (i = 0; i < rs->ncons; i++)
		if (!strcmp(rs->cons[i].id, id)) {
			if (n++)
				putchar('\n');
			explain_cons(rs, c, i);
		}
	return n;
}

/* "no rule has the id 'x' (did you mean 'y'?)" */
static int
unknown_rule(const ruleset *rs, const char *id)
{
	const char **names = xcalloc(rs->nchecks + rs->npairs + rs->ncons + 1,
				     sizeof *names);
	const char *hint;
	const rule_origin *o = rules_origin(rs, id);
	size_t i, n = 0;

	if (o && o->disabled_by) {
		/* the id is right: say who dropped it rather than guess */
		fprintf(stderr,
			"partnercheck explain: no rule has the id '%s': "
			"%s disables it (it comes from %s)\n",
			id, o->disabled_by, o->file);
		free(names);
		return EXIT_USAGE;
	}
	for (i = 0; i < rs->nchecks; i++)
		names[n++] = rs->checks[i].id;
	for (i = 0; i < rs->npairs; i++)
		names[n++] = rs->pairs[i].id;
	for (i = 0; i < rs->ncons; i++)
		names[n++] = rs->cons[i].id;
	hint = suggest_name(id, names);
	fprintf(stderr, "partnercheck explain: no rule has the id '%s'%s%s%s\n",
		id, hint ? " (did you mean '" : "", hint ? hint : "",
		hint ? "'?)" : "");
	free(names);
	return EXIT_USAGE;
}

/* ---- one partner ---- */

typedef struct follow {
	session *s;
	const char *rule;
	int check;            /* index of the check, or -1 */
	int found[2];         /* --partner's row [0], the other's [1] */
	explain_group *group; /* the pair and consortium rules, or NULL */
} follow;

const char *
explain_tri_words(tri r)
{
	return r == T_TRUE  ? "holds" :
	       r == T_FALSE ? "does not hold" :
			      "cannot be decided (a "
			      "value is missing)";
}

static void
mark_field(void *ctx, int f)
{
	((unsigned char *)ctx)[f] = 1;
}

/* The formula's first step: the value of each field it reads, in the
 * field's type ("from surplus_gbp £5,000, turnover_gbp £250,000"). */
static void
formula_inputs(const ruleset *rs, const cond *c, const value *vals, int indent)
{
	unsigned char *used = xcalloc(rs->nfields + 1, 1);
	strbuf sb;
	size_t f, n = 0;

	sb_init(&sb);
	expr_fields(c->expr, mark_field, used);
	for (f = 0; f < rs->nfields; f++) {
		if (!used[f])
			continue;
		sb_addf(&sb, "%s%s ", n++ ? ", " : "", rs->fields[f].name);
		fmt_value(&sb, &rs->fields[f].type, &vals[f]);
	}
	if (n)
		printf("%*sfrom %s\n", indent, "", sb.buf);
	sb_free(&sb);
	free(used);
}

void
explain_steps(cond_ctx *cx, const cond *c, const value *vals, int *n,
	      int indent, const char *who)
{
	strbuf sb;
	tri r;
	size_t i;

	if (c->op == C_ALL || c->op == C_ANY || c->op == C_NOT) {
		for (i = 0; i < c->nkids; i++)
			explain_steps(cx, c->kids[i], vals, n, indent, who);
		return;
	}
	sb_init(&sb);
	r = cond_eval(cx, c, vals);
	explain_plain(cx->rs, c, &sb);
	if (n)
		printf("%*s%d. %s%s: %s\n", indent, "", ++*n, who ? who : "",
		       sb.buf, explain_tri_words(r));
	else
		printf("%*s%s%s: %s\n", indent, "", who ? who : "", sb.buf,
		       explain_tri_words(r));
	sb_reset(&sb);
	if (r == T_TRUE)
		cond_describe_holds(cx, c, vals, &sb);
	else
		cond_describe(cx, c, vals, r, &sb);
	if (c->expr) {
		printf("%*s   %s is a formula; its value here: %s\n", indent,
		       "", c->subject, sb.buf);
		formula_inputs(cx->rs, c, vals, indent + 3);
	} else {
		printf("%*s   %s\n", indent, "", sb.buf);
	}
	sb_free(&sb);
}

static void
follow_partner(void *ctx, const verdict *v, const value *vals)
{
	follow *fw = ctx;
	const ruleset *rs = fw->s->rs;
	const check *ck;
	cond_ctx cx;
	tri r;
	int n = 0;

	if (fw->group)
		explain_group_row(fw->group, v, vals);
	if (fw->check < 0)
		return;
	if (!fw->found[0] && !strcmp(v->id, partner_id))
		fw->found[0] = 1;
	else if (partner2_id && !fw->found[1] && !strcmp(v->id, partner2_id))
		fw->found[1] = 1;
	else
		return;
	if (fw->found[0] + fw->found[1] == 2)
		putchar('\n');
	printf("%s for partner %s%s%s%s (line %zu)\n", fw->rule, v->id,
	       v->name ? " (" : "", v->name ? v->name : "", v->name ? ")" : "",
	       v->line);
	if (!vals) {
		puts("  the row is in error: no check was made (see check)");
		return;
	}
	ck = &rs->checks[fw->check];
	cond_ctx_init(&cx, rs, fw->s->today);
	if (ck->when) {
		strbuf sb;

		sb_init(&sb);
		explain_plain(rs, ck->when, &sb);
		r = cond_eval(&cx, ck->when, vals);
		printf("  when: %s: %s\n", sb.buf, explain_tri_words(r));
		sb_free(&sb);
		if (r == T_FALSE) {
			puts("  result: the check does not apply to this "
			     "partner");
			cond_ctx_free(&cx);
			return;
		}
	}
	explain_steps(&cx, ck->test, vals, &n, 2, NULL);
	r = cond_eval(&cx, ck->test, vals);
	if (r == T_MISSING) {
		printf("  missing: %s\n", missing_words(ck->missing));
		r = ck->missing == MISSING_FAIL ? T_FALSE :
		    ck->missing == MISSING_PASS ? T_TRUE :
						  T_MISSING;
	}
	if (r == T_TRUE)
		puts("  result: pass");
	else if (r == T_MISSING)
		puts("  result: the check does not apply (missing value)");
	else
		printf("  result: a %s finding\n", severity_name(ck->sev));
	cond_ctx_free(&cx);
}

/* Whether the rule set of c names id as a pair or consortium rule, so
 * that the run reads the fields they compare; 1 too when the rule set
 * comes from standard input, which can be read only once. */
static int
needs_pairs(const cli *c, const char *id)
{
	diaglist dl = { NULL, 0, 0 };
	ruleset *rs;
	size_t k;
	int yes;

	for (k = 0; k < c->nrules; k++)
		if (!strcmp(c->rules_list[k], "-"))
			return 1;
	/* problems are left for session_open to report */
	rs = rules_load_chain(c->rules_list, c->nrules, c->check_sets,
			      c->ncheck_sets, &dl);
	diaglist_free(&dl);
	yes = !rs || explain_group_has(rs, id);
	rules_free(rs);
	return yes;
}

static int
explain_partner(int argc, char **argv, const char *id, report_mode mode)
{
	session s;
	assess a;
	follow fw;
	explain_group g;
	int rc, k;

	/* session_open parses the options again: --partner starts afresh */
	partner_id = partner2_id = NULL;
	if ((rc = session_open(&s, argc, argv, &explain_command, mode)) !=
		EXIT_OK ||
	    !s.rep.em)
		return rc;
	memset(&fw, 0, sizeof fw);
	fw.s = &s;
	fw.rule = id;
	fw.check = rules_check(s.rs, id);
	if (explain_group_has(s.rs, id)) {
		explain_group_init(&g, &s, id, partner_id, partner2_id);
		fw.group = &g;
	} else if (fw.check < 0) {
		unknown_rule(s.rs, id);
		return session_abort(&s);
	}
	session_assess(&s, &a);
	a.on_partner = follow_partner;
	a.ctx = &fw;
	rc = assess_rows(&a, s.ev, session_next, &s, fw.group ? &g.ps : NULL) <
		     0 ?
		 EXIT_USAGE :
		 EXIT_OK;
	for (k = 0; k < 2 && rc == EXIT_OK && fw.check >= 0; k++) {
		const char *want = k ? partner2_id : partner_id;

		if (want && !fw.found[k]) {
			fprintf(stderr,
				"partnercheck explain: %s: no partner has the "
				"id '%s'\n",
				s.opt.input, want);
			rc = EXIT_USAGE;
		}
	}
	if (rc == EXIT_OK && fw.group) {
		/* a check with the same id was explained above */
		if (fw.check >= 0)
			putchar('\n');
		rc = explain_group_print(&g, &a);
	}
	if (fw.group)
		explain_group_free(&g);
	if (rc != EXIT_OK)
		return session_abort(&s);
	rc = session_finish(&s);
	return rc == EXIT_USAGE ? rc : EXIT_OK;
}

int
cmd_explain(int argc, char **argv)
{
	const char *id;
	diaglist dl = { NULL, 0, 0 };
	ruleset *rs;
	cli c;
	size_t k;
	int rc;

	partner_id = partner2_id = NULL;
	id = take_rule_id(&argc, argv);
	switch (cli_parse(&c, argc, argv, &explain_command)) {
	case CLI_RUN:
		break;
	case CLI_DONE: /* --help or --version was printed */
		cli_free(&c);
		return EXIT_OK;
	default:
		cli_free(&c);
		return EXIT_USAGE;
	}
	if (!id) {
		cli_free(&c);
		fputs("partnercheck explain: name a rule id\nTry 'partnercheck "
		      "explain --help'.\n",
		      stderr);
		return EXIT_USAGE;
	}
	if (partner_id) {
		report_mode mode = needs_pairs(&c, id) ? MODE_CHECK :
							 MODE_SCREEN;

		cli_free(&c);
		rc = explain_partner(argc, argv, id, mode);
		free(partner_pair);
		partner_pair = NULL;
		return rc;
	}
	if (strcmp(c.input, "-")) {
		fprintf(stderr,
			"partnercheck explain: a partner file ('%s') needs "
			"--partner ID\nTry 'partnercheck explain --help'.\n",
			c.input);
		cli_free(&c);
		return EXIT_USAGE;
	}
	rs = rules_load_chain(c.rules_list, c.nrules, c.check_sets,
			      c.ncheck_sets, &dl);
	for (k = 0; k < dl.n; k++)
		diag("%s", dl.msgs[k]);
	diaglist_free(&dl);
	rc = EXIT_USAGE;
	if (rs)
		rc = explain_rule(rs, &c, id) ? EXIT_OK : unknown_rule(rs, id);
	rules_free(rs);
	cli_free(&c);
	return rc;
}
