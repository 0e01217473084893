/* SPDX-License-Identifier: ISC */
/*
 * cmd-list.c - "ipctool list": tables of resources.
 *
 * options -> request -> for each type: collect -> filter -> sort -> out.
 * The output options and the per-type loop are shared with rm and top
 * through request_option() and list_run().
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipctool.h"

enum {
	OPT_OUTPUT_ALL = OPT_FIRST_FREE, OPT_LIST_COLUMNS, OPT_TIME_FORMAT,
	OPT_SORT, OPT_REVERSE
};

static const struct option list_longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "output-all", no_argument, NULL, OPT_OUTPUT_ALL },
	{ "list-columns", no_argument, NULL, OPT_LIST_COLUMNS },
	{ "json", no_argument, NULL, 'J' },
	{ "raw", no_argument, NULL, 'r' },
	{ "export", no_argument, NULL, 'e' },
	{ "noheadings", no_argument, NULL, 'n' },
	{ "bytes", no_argument, NULL, 'b' },
	{ "numeric-perms", no_argument, NULL, 'P' },
	{ "time-format", required_argument, NULL, OPT_TIME_FORMAT },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "reverse", no_argument, NULL, OPT_REVERSE },
	{ "all-namespaces", no_argument, NULL, 'A' },
	{ "help", no_argument, NULL, 'h' },
	FILTER_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* Set up an empty request: default types, no filter, table output. */
void
request_init(struct request *rq)
{
	memset(rq, 0, sizeof(*rq));
	filter_init(&rq->filt);
	rq->out.mode = OUT_TABLE;
	rq->out.tf = TF_SHORT;
	rq->out.now = (int64_t)time(NULL);
}

/* Parse --sort's comma-separated columns. */
static int
parse_sort(struct request *rq, const char *list, const char **bad)
{
	static char	 name[64];
	const char	*p, *e;
	size_t		 len;
	int		 c;

	rq->nsort = 0;
	for (p = list; ; p = e + 1) {
		e = strchr(p, ',');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		if (len >= sizeof(name))
			len = sizeof(name) - 1;
		memcpy(name, p, len);
		name[len] = '\0';
		if ((c = column_find(name)) == -1 || rq->nsort == MAXSORT) {
			*bad = name;
			return -1;
		}
		rq->sort[rq->nsort++] = c;
		if (e == NULL)
			return 0;
	}
}

/*
 * Take one output, sort or filter option into rq: 1 taken, 0 not one of
 * these.  A bad value is a usage error.
 */
int
request_option(const struct cmd_entry *self, struct request *rq, int ch,
    const char *arg)
{
	const char	*what, *bad;
	int		 r;

	switch (ch) {
	case 'o':
		rq->output = arg;
		return 1;
	case OPT_OUTPUT_ALL:
		rq->output_all = 1;
		return 1;
	case 'J':
	case 'r':
	case 'e':
		if (rq->out.mode != OUT_TABLE && rq->out.mode !=
		    (ch == 'J' ? OUT_JSON : ch == 'r' ? OUT_RAW : OUT_EXPORT))
			usage_error(self, "--json, --raw and --export are "
			    "mutually exclusive");
		rq->out.mode = ch == 'J' ? OUT_JSON : ch == 'r' ? OUT_RAW :
		    OUT_EXPORT;
		return 1;
	case 'n':
		rq->out.noheadings = 1;
		return 1;
	case 'b':
		rq->out.bytes = 1;
		return 1;
	case 'P':
		rq->out.numeric_perms = 1;
		return 1;
	case OPT_TIME_FORMAT:
		if (parse_time_format(arg, &rq->out.tf) == -1)
			usage_error(self, "invalid time format '%s': use short, "
			    "full, iso or relative", arg);
		return 1;
	case OPT_SORT:
		if (parse_sort(rq, arg, &bad) == -1)
			usage_error(self, "unknown sort column '%s'", bad);
		return 1;
	case OPT_REVERSE:
		rq->reverse = 1;
		return 1;
	}
	if ((r = filter_option(&rq->filt, ch, arg, &what)) == -1)
		usage_error(self, "invalid %s '%s'", what, arg);
	return r;
}

/* Take the positional type words into rq->types; default sysv. */
void
request_types(const struct cmd_entry *self, struct request *rq, int argc,
    char **argv, unsigned dflt)
{
	int	i;

	for (i = 0; i < argc; i++)
		if (parse_type(argv[i], &rq->types) == -1)
			usage_error(self, "unknown type '%s'", argv[i]);
	if (rq->types == 0)
		rq->types = dflt;
}

/* Keep the objects of set that pass the filter, freeing the rest. */
void
filter_set(struct ipc_set *set, const struct filter *f, int64_t now)
{
	size_t	i, n = 0;

	for (i = 0; i < set->n; i++) {
		if (filter_match(f, set->type, &set->v[i], now))
			set->v[n++] = set->v[i];
		else
			free(set->v[i].name);
	}
	set->n = n;
}

/* What the sort columns need. */
static unsigned
sort_needs(const struct request *rq)
{
	unsigned	needs = 0;
	int		i;

	for (i = 0; i < rq->nsort; i++)
		needs |= columns[rq->sort[i]].needs;
	return needs;
}

/* Print the request's listing; 0, or 1 if a type could not be read. */
int
list_run(struct request *rq)
{
	struct ipc_set	 set;
	struct out	*out;
	struct ctx	 ctx;
	unsigned	 needs;
	int		 t, ntypes = 0, rval = 0;

	for (t = 0; t < T_NTYPES; t++)
		ntypes += (rq->types & TBIT(t)) != 0;
	memset(&ctx, 0, sizeof(ctx));
	ctx.now = rq->out.now;
	ctx.ns = ns_ipc_inode();
	out = out_new(&rq->out, stdout);
	for (t = 0; t < T_NTYPES; t++) {
		if (!(rq->types & TBIT(t)))
			continue;
		needs = column_needs(&rq->cols[t]) | filter_needs(&rq->filt) |
		    sort_needs(rq);
		if (collect(t, needs, &set) == -1) {
			rval = 1;
			continue;
		}
		if (filter_is_set(&rq->filt))
			filter_set(&set, &rq->filt, rq->out.now);
		sort_set(&set, rq->sort, rq->nsort, rq->reverse, &ctx);
		out_set(out, &set, &rq->cols[t], ntypes > 1);
		set_free(&set);
	}
	out_finish(out);
	out_free(out);
	return rval;
}

/* --list-columns: each column of the requested types with its help. */
static void
list_columns(unsigned types)
{
	size_t	i;
	int	t, sep;

	for (i = 0; i < ncolumns; i++) {
		if (!(columns[i].types & types))
			continue;
		printf("%10s  %s", columns[i].name, columns[i].help);
		if ((columns[i].types & TYPES_ALL) != TYPES_ALL) {
			printf(" (");
			for (sep = 0, t = 0; t < T_NTYPES; t++)
				if (columns[i].types & TBIT(t))
					printf("%s%s", sep++ ? "," : "",
					    type_name(t));
			printf(")");
		}
		putchar('\n');
	}
}

/*
 * An unknown option: a long one is its argv word; a short one is the
 * letter getopt stopped at, wherever it sits in a cluster ("-Jz").
 */
static void
bad_option(const struct cmd_entry *self, const char *word)
{
	if (optopt != 0 && strncmp(word, "--", 2) != 0)
		usage_error(self, "unknown option '-%c'", optopt);
	usage_error(self, "unknown option '%s'", word);
}

static int
cmd_list_exec(const struct cmd_entry *self, int argc, char **argv)
{
	struct request	 rq;
	const char	*err;
	int		 ch, listcols = 0, allns = 0, rval;

	request_init(&rq);
	opterr = 0;
	optind = 1;
	/* A leading ':' makes a missing argument ':', not '?'. */
	while ((ch = getopt_long(argc, argv,
	    ":o:JrenbPmqsahA" FILTER_SHORTOPTS, list_longopts, NULL)) != -1) {
		if (ch == 'h') {
			cmd_help(self, stdout);
			return 0;
		}
		if (ch == OPT_LIST_COLUMNS) {
			listcols = 1;
			continue;
		}
		if (ch == 'A') {
			allns = 1;
			continue;
		}
		if (parse_type_flag(ch, &rq.types) == 0)
			continue;
		if (ch == ':')
			usage_error(self, "missing argument for '%s'",
			    argv[optind - 1]);
		if (ch == '?')
			bad_option(self, argv[optind - 1]);
		request_option(self, &rq, ch, optarg);
	}
	request_types(self, &rq, argc - optind, argv + optind,
	    listcols ? TYPES_ALL : TYPES_SYSV);
	if (listcols) {
		list_columns(rq.types);
		return 0;
	}
	if (request_columns(&rq, &err) == -1)
		usage_error(self, "%s", err);
	if (ns_enter_arg() == -1)
		return 1;
	rval = allns ? list_run_namespaces(&rq) : list_run(&rq);
	stale_report(self->name);
	return rval;
}

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.alias = "ls",
	.summary = "list resources in tables, raw, export or JSON",
	.usage = "list [TYPE...] [OUTPUT OPTIONS] [FILTERS]",
	.help =
	    "\n"
	    "List IPC resources, one section per type.\n"
	    "\n"
	    "Types (default: sysv):\n"
	    "  shm, -m     System V shared memory segments\n"
	    "  msg, -q     System V message queues\n"
	    "  sem, -s     System V semaphore sets\n"
	    "  pshm        POSIX shared memory objects\n"
	    "  pmq         POSIX message queues\n"
	    "  psem        POSIX named semaphores\n"
	    "  sysv        shm, msg and sem\n"
	    "  posix       pshm, pmq and psem\n"
	    "  all, -a     every type\n"
	    "\n"
	    "Output options:\n"
	    "  -o, --output COLS        columns to show (+COLS adds to the default)\n"
	    "      --output-all         show every column\n"
	    "      --list-columns       list the columns and what they mean\n"
	    "  -J, --json               JSON output\n"
	    "  -r, --raw                raw output: no alignment, escaped blanks\n"
	    "  -e, --export             KEY=\"value\" pairs\n"
	    "  -n, --noheadings         no header line\n"
	    "  -b, --bytes              sizes in bytes\n"
	    "  -P, --numeric-perms      permissions as octal numbers\n"
	    "      --time-format FMT    short, full, iso or relative\n"
	    "      --sort COL[,COL]     sort by these columns\n"
	    "      --reverse            reverse the order\n"
	    "  -A, --all-namespaces     every IPC namespace that has resources\n"
	    "\n"
	    "Filters (all given must match):\n"
	    "  -k, --key KEY            this key (hex 0x.., decimal or octal)\n"
	    FILTER_HELP
	    "\n"
	    "  -h, --help               show this help\n",
	.exec = cmd_list_exec,
};
