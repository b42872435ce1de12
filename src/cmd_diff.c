#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "diag.h"
#include "diff.h"
#include "diff_print.h"
#include "emit_util.h"
#include "exit_status.h"
#include "output.h"
#include "strbuf.h"
#include "suggest.h"

static const char usage[] =
    "usage: partnercheck diff [-f text|json|markdown|comment] [-o FILE]\n"
    "                         [--fail-on fail|warn|never] OLD.json NEW.json\n"
    "\n"
    "Compares two -f json reports (of screen, check or conflicts, or a\n"
    "--baseline file): partners added, removed, renamed and with another\n"
    "status; findings new, resolved and changed, keyed by partner id (or\n"
    "pair) and rule.  Says so when the rule set changed between the runs.\n"
    "\n"
    "  -f, --format FORMAT     text, json, markdown or comment (default text);\n"
    "                          comment is html-ready markdown for a pull\n"
    "                          request: collapsible <details> lists\n"
    "  -o, --output FILE       write to FILE (replaced only on success)\n"
    "      --fail-on LEVEL     exit 1 on a new finding at: fail (default),\n"
    "                          warn (or fail), or never\n"
    "\n"
    "Exit status: 0 no regression, 1 NEW has a fail-level finding (warn with\n"
    "--fail-on warn) that OLD did not, 2 usage or unreadable report.\n";

static int
bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "partnercheck diff: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'partnercheck diff --help'.\n");
	return EXIT_USAGE;
}

/* An unknown option, with a did-you-mean among the long ones as the
 * other commands give. */
static int
unknown_option(const char *arg)
{
	static const char *const names[] = { "--format", "--output",
					     "--fail-on", "--help", NULL };
	const char *near = NULL;
	size_t n = strcspn(arg, "=");
	char word[64];

	if (!strncmp(arg, "--", 2) && n < sizeof word) {
		memcpy(word, arg, n);
		word[n] = '\0';
		near = suggest_name(word, names);
	}
	if (near) {
		fprintf(stderr,
			"partnercheck diff: unknown option '%.*s' (did you "
			"mean '%s'?)\nTry 'partnercheck diff --help'.\n",
			(int)n, arg, near);
		return EXIT_USAGE;
	}
	return bad_usage("unknown option '%s'", arg);
}

int
cmd_diff(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format = "text", *fail_level = "fail", *output = NULL;
	report_doc *old = NULL, *nw = NULL;
	char err[512];
	diff_result r;
	strbuf sb;
	FILE *out;
	int c, rc = EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:h", longs, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'F':
			fail_level = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		case ':':
			return bad_usage("%s needs a value", argv[optind - 1]);
		default:
			return unknown_option(argv[optind - 1]);
		}
	}
	if (strcmp(format, "text") && strcmp(format, "json") &&
	    strcmp(format, "markdown") && strcmp(format, "comment"))
		return bad_usage("unknown format '%s' (known: text, json, "
				 "markdown, comment)",
				 format);
	if (strcmp(fail_level, "fail") && strcmp(fail_level, "warn") &&
	    strcmp(fail_level, "never"))
		return bad_usage(
		    "--fail-on takes fail, warn or never, not '%s'",
		    fail_level);
	if (argc - optind != 2)
		return bad_usage("%s",
				 "expected two reports: OLD.json NEW.json");
	old = report_doc_load(argv[optind], err, sizeof err);
	if (old)
		nw = report_doc_load(argv[optind + 1], err, sizeof err);
	if (!old || !nw) {
		diag("%s", err);
		report_doc_free(old);
		return EXIT_USAGE;
	}
	{
		const char *in[2];

		in[0] = argv[optind];
		in[1] = argv[optind + 1];
		if (output_refuse_inputs(output, in, 2, err, sizeof err) < 0 ||
		    !(out = output_open(output, err, sizeof err))) {
			diag("%s", err);
			report_doc_free(old);
			report_doc_free(nw);
			return EXIT_USAGE;
		}
	}
	diff_compute(&r, old, nw);
	sb_init(&sb);
	if (!strcmp(format, "json"))
		diff_print_json(&sb, &r);
	else if (!strcmp(format, "markdown"))
		diff_print_markdown(&sb, &r);
	else if (!strcmp(format, "comment"))
		diff_print_comment(&sb, &r);
	else
		diff_print_text(&sb, &r);
	fwrite(sb.buf, 1, sb.len, out);
	if ((!strcmp(fail_level, "fail") && r.regress_fail) ||
	    (!strcmp(fail_level, "warn") && (r.regress_fail || r.regress_warn)))
		rc = EXIT_FINDINGS;
	/* flushes, checks and, with -o, moves the file into place */
	if (output_close(1) < 0)
		rc = EXIT_USAGE;
	sb_free(&sb);
	diff_free(&r);
	report_doc_free(old);
	report_doc_free(nw);
	return rc;
}
