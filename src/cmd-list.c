/*
 * cmd-list.c - "ipctool list": tables of resources.
 *
 * options -> request -> for each type: collect -> filter -> sort -> out.
 * The output options and the per-type loop are shared with rm and top
 * through request_option() and list_run().
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipctool.h"

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
request_option(const struct cmd_entry *self, struct request *rq,
    enum opt_id ch, const char *arg)
{
	const char	*what, *bad;
	int		 r;

	switch (ch) {
	case OPT_OUTPUT:
		rq->output = arg;
		return 1;
	case OPT_OUTPUT_ALL:
		rq->output_all = 1;
		return 1;
	case OPT_JSON:
	case OPT_RAW:
	case OPT_EXPORT:
		if (rq->out.mode != OUT_TABLE && rq->out.mode !=
		    (ch == OPT_JSON ? OUT_JSON : ch == OPT_RAW ? OUT_RAW :
		    OUT_EXPORT))
			usage_error(self, "--json, --raw and --export are "
			    "mutually exclusive");
		rq->out.mode = ch == OPT_JSON ? OUT_JSON : ch == OPT_RAW ?
		    OUT_RAW : OUT_EXPORT;
		return 1;
	case OPT_NOHEADINGS:
		rq->out.noheadings = 1;
		return 1;
	case OPT_BYTES:
		rq->out.bytes = 1;
		return 1;
	case OPT_NUMERIC_PERMS:
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
	default:
		break;
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

/* Take one option of list's own into rq and the flags. */
static void
list_option(const struct cmd_entry *self, struct request *rq,
    const struct cmd_arg *a, int *listcols, int *allns)
{
	switch (a->id) {
	case OPT_LIST_COLUMNS:
		*listcols = 1;
		break;
	case OPT_ALL_NAMESPACES:
		*allns = 1;
		break;
	case OPT_TYPE_SHM:
	case OPT_TYPE_MSG:
	case OPT_TYPE_SEM:
	case OPT_TYPE_ALL:
		parse_type_flag(a->opt->letter, &rq->types);
		break;
	default:
		request_option(self, rq, a->id, a->value);
		break;
	}
}

static int
cmd_list_exec(const struct cmd_entry *self, struct args *args)
{
	struct request	 rq;
	const char	*err;
	size_t		 i;
	int		 listcols = 0, allns = 0, rval;

	request_init(&rq);
	for (i = 0; i < args->n; i++)
		list_option(self, &rq, &args->v[i], &listcols, &allns);
	request_types(self, &rq, args->noperands, args->operands,
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

static const struct cmd_option list_table[] = {
	{ 'A', "all-namespaces", ARG_NONE, OPT_ALL_NAMESPACES, NULL,
	    "every IPC namespace that has resources" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec list_sections[] = {
	{ NULL, type_flag_options },
	{ "Output options", output_options },
	{ NULL, list_table },
	{ "Filters (all given must match)", filter_key_options },
	{ NULL, filter_options },
	{ "", help_options },
	{ NULL, NULL }
};

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
	    "  all, -a     every type\n",
	.options = list_sections,
	.exec = cmd_list_exec,
};
