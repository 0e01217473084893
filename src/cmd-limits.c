/* SPDX-License-Identifier: ISC */
/*
 * cmd-limits.c - "ipctool limits": the kernel's IPC limits and their use.
 *
 * options -> limits_read() -> table, raw or JSON.  shmmax and shmall are
 * often near 2^64: the table gives them in a human form, -b, raw and JSON
 * exactly.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipctool.h"

#define NCOLS		5
#define HUGE_COUNT	(UINT64_C(1) << 32)

static const char *const headers[NCOLS] = {
	"RESOURCE", "DESCRIPTION", "LIMIT", "USED", "USE%"
};

/* Use as hundredths of a percent, rounded; 0 if it cannot be said. */
static int
use_pct(const struct limit *l, uint64_t *hundredths)
{
	long double	p;

	if (!l->has_limit || !l->has_used || l->limit == 0)
		return 0;
	p = (long double)l->used * 10000.0L / (long double)l->limit + 0.5L;
	*hundredths = p >= 18446744073709551615.0L ? UINT64_MAX :
	    (uint64_t)p;
	return 1;
}

/*
 * Column col of limit l as a cell; human: sizes as 8K or 16E, and counts
 * of HUGE_COUNT or more alike (shmall is often 2^64 - 2^24 - 1 pages).
 */
static void
limit_cell(const struct limit *l, int col, int human, struct cell *c)
{
	c->kind = CELL_NULL;
	switch (col) {
	case 0:
		c->kind = CELL_STR;
		c->str = l->name;
		break;
	case 1:
		c->kind = CELL_STR;
		c->str = l->desc;
		break;
	case 2:
		if (!l->has_limit)
			break;
		c->kind = CELL_NUM;
		c->u = l->limit;
		/* A size as lsipc -g shows it; a huge count alike. */
		if (human && (l->unit == LU_BYTES || l->limit >= HUGE_COUNT))
			c->kind = CELL_SIZE;
		break;
	case 3:
		if (l->has_used) {
			c->kind = CELL_NUM;
			c->u = l->used;
		}
		break;
	case 4:
		if (use_pct(l, &c->u))
			c->kind = CELL_PCT;
		break;
	}
}

static void
print_json(const struct limit *lim, const struct outopts *oo)
{
	static const char *const	keys[NCOLS] = {
		"resource", "description", "limit", "used", "use%"
	};
	struct json			js;
	struct cell			c;
	int				i, col;

	json_init(&js, stdout);
	json_open(&js, NULL, 0);
	json_open(&js, "limits", 1);
	for (i = 0; i < LIMIT_COUNT; i++) {
		json_open(&js, NULL, 0);
		for (col = 0; col < NCOLS; col++) {
			limit_cell(&lim[i], col, 0, &c);
			json_cell(&js, keys[col], &c, oo);
		}
		json_close(&js, 0);
	}
	json_close(&js, 1);
	json_close(&js, 0);
}

static void
print_text(const struct limit *lim, const struct outopts *oo)
{
	char		 text[LIMIT_COUNT][NCOLS][256];
	struct cell	 c;
	const char	*s;
	size_t		 w[NCOLS], l;
	int		 i, col, right;

	for (col = 0; col < NCOLS; col++)
		w[col] = oo->noheadings ? 0 : strlen(headers[col]);
	for (i = 0; i < LIMIT_COUNT; i++) {
		for (col = 0; col < NCOLS; col++) {
			limit_cell(&lim[i], col, oo->mode == OUT_TABLE &&
			    !oo->bytes, &c);
			l = fmt_cell(&c, oo, text[i][col], sizeof(text[i][col]));
			if ((l = text_width(text[i][col], l)) > w[col])
				w[col] = l;
		}
	}
	if (oo->mode == OUT_RAW)
		memset(w, 0, sizeof(w));
	for (i = oo->noheadings ? 0 : -1; i < LIMIT_COUNT; i++) {
		for (col = 0; col < NCOLS; col++) {
			/* False positive: i starts at -1 for the headings. */
			/* cppcheck-suppress knownConditionTrueFalse */
			s = i < 0 ? headers[col] : text[i][col];
			right = col >= 2;
			l = text_width(s, strlen(s));
			if (col > 0)
				putchar(' ');
			if (right && w[col] > l)
				printf("%*s", (int)(w[col] - l), "");
			fputs(s, stdout);
			if (!right && col < NCOLS - 1 && w[col] > l)
				printf("%*s", (int)(w[col] - l), "");
		}
		putchar('\n');
	}
}

static int
cmd_limits_exec(const struct cmd_entry *self, struct args *args)
{
	struct limit	lim[LIMIT_COUNT];
	struct outopts	oo;
	size_t		i;
	int		json, rval;

	memset(&oo, 0, sizeof(oo));
	oo.mode = OUT_TABLE;
	oo.now = (int64_t)time(NULL);
	for (i = 0; i < args->n; i++) {
		switch (args->v[i].id) {
		case OPT_JSON:
		case OPT_RAW:
			json = args->v[i].id == OPT_JSON;
			if (oo.mode != OUT_TABLE &&
			    oo.mode != (json ? OUT_JSON : OUT_RAW))
				usage_error(self, "--json and --raw are "
				    "mutually exclusive");
			oo.mode = json ? OUT_JSON : OUT_RAW;
			break;
		case OPT_NOHEADINGS:
			oo.noheadings = 1;
			break;
		case OPT_BYTES:
			oo.bytes = 1;
			break;
		default:
			break;
		}
	}
	if (args->noperands > 0)
		usage_error(self, "unexpected argument '%s'",
		    args->operands[0]);
	if (ns_enter_arg() == -1)
		return 1;
	/* What could not be read shows as unknown, and the exit says so. */
	rval = limits_read(lim) == 0 ? 0 : 1;
	if (oo.mode == OUT_JSON)
		print_json(lim, &oo);
	else
		print_text(lim, &oo);
	return rval;
}

static const struct cmd_option limits_table[] = {
	{ 'J', "json", ARG_NONE, OPT_JSON, NULL, "JSON output" },
	{ 'r', "raw", ARG_NONE, OPT_RAW, NULL,
	    "raw output: no alignment, escaped blanks" },
	{ 'n', "noheadings", ARG_NONE, OPT_NOHEADINGS, NULL,
	    "no header line" },
	{ 'b', "bytes", ARG_NONE, OPT_BYTES, NULL,
	    "exact numbers, not 8K or 16E" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec limits_sections[] = {
	{ "Options", limits_table },
	{ NULL, help_options },
	{ NULL, NULL }
};

const struct cmd_entry cmd_limits_entry = {
	.name = "limits",
	.summary = "show the system's IPC limits and their current use",
	.usage = "limits [-J | -r] [-n] [-b]",
	.help =
	    "\n"
	    "Show every System V IPC limit and POSIX message queue limit of\n"
	    "the IPC namespace, with its current use and USE% where the use\n"
	    "can be counted (\"-\" where it cannot).  The table shows sizes\n"
	    "as lsipc -g does (8K, 16E), and counts of 2^32 or more alike;\n"
	    "-b, -r and -J give every number exactly.\n",
	.options = limits_sections,
	.exec = cmd_limits_exec,
};
