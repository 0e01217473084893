/* SPDX-License-Identifier: ISC */
/*
 * request.c - the request every listing command builds from the common
 * options (types, output options, filters, sort), what it needs
 * collected, and list's run of it for one namespace: collect and filter
 * (through pipeline.c), sort, print.  list, rm, top and list -A
 * (nslist.c) call it; no command file imports another's.
 */
#include <string.h>
#include <time.h>

#include "ipctool.h"

/* Set up an empty request: default types, no filter, table output. */
void
request_init(struct request *rq)
{
	memset(rq, 0, sizeof(*rq));
	filter_init(&rq->filt);
	rq->oo.mode = OUT_TABLE;
	rq->oo.tf = TF_SHORT;
	rq->oo.now = (int64_t)time(NULL);
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
		if (rq->oo.mode != OUT_TABLE && rq->oo.mode !=
		    (ch == OPT_JSON ? OUT_JSON : ch == OPT_RAW ? OUT_RAW :
		    OUT_EXPORT))
			usage_error(self, "--json, --raw and --export are "
			    "mutually exclusive");
		rq->oo.mode = ch == OPT_JSON ? OUT_JSON : ch == OPT_RAW ?
		    OUT_RAW : OUT_EXPORT;
		return 1;
	case OPT_NOHEADINGS:
		rq->oo.noheadings = 1;
		return 1;
	case OPT_BYTES:
		rq->oo.bytes = 1;
		return 1;
	case OPT_NUMERIC_PERMS:
		rq->oo.numeric_perms = 1;
		return 1;
	case OPT_TIME_FORMAT:
		if (parse_time_format(arg, &rq->oo.tf) == -1)
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
	case OPT_NOTRUNCATE:
		rq->oo.notruncate = 1;
		return 1;
	case OPT_TYPE_SHM:
		rq->types |= TBIT(T_SHM);
		rq->types_named = 1;
		return 1;
	case OPT_TYPE_MSG:
		rq->types |= TBIT(T_MSG);
		rq->types_named = 1;
		return 1;
	case OPT_TYPE_SEM:
		rq->types |= TBIT(T_SEM);
		rq->types_named = 1;
		return 1;
	case OPT_TYPE_ALL:
		rq->types |= TYPES_ALL;
		return 1;
	default:
		break;
	}
	if ((r = filter_option(&rq->filt, ch, arg, &what)) == -1)
		usage_error(self, "invalid %s '%s'", what, arg);
	return r;
}

/*
 * Take the positional type words into rq->types; default dflt.  A word of
 * one type (shm, not sysv or all) is a type named.
 */
void
request_types(const struct cmd_entry *self, struct request *rq, int argc,
    char **argv, unsigned dflt)
{
	unsigned	mask;
	int		i;

	for (i = 0; i < argc; i++) {
		mask = 0;
		if (parse_type(argv[i], &mask) == -1)
			usage_error(self, "unknown type '%s'", argv[i]);
		if ((mask & (mask - 1)) == 0)
			rq->types_named = 1;
		rq->types |= mask;
	}
	if (rq->types == 0)
		rq->types = dflt;
}

/*
 * What the request needs collected for type t: its columns, its filters
 * and its sort columns.
 */
unsigned
request_needs(const struct request *rq, enum ipc_type t)
{
	unsigned	needs;
	int		i;

	needs = column_needs(&rq->cols[t]) | filter_needs(&rq->filt);
	for (i = 0; i < rq->nsort; i++)
		needs |= columns[rq->sort[i]].needs;
	return needs;
}

/*
 * Collect type t into set with what the request needs, filtered: list's
 * and list -A's call of the pipeline; -1 if it could not be read.
 */
int
request_collect(const struct request *rq, enum ipc_type t,
    struct ipc_set *set)
{
	return pipeline_collect(t, request_needs(rq, t), &rq->filt,
	    rq->oo.now, set);
}

/* Sort set and hand it to out, then free it. */
static void
list_print(struct request *rq, int t, struct ipc_set *set, struct out *out,
    const struct ctx *ctx, int mixed)
{
	sort_set(set, rq->sort, rq->nsort, rq->reverse, ctx);
	out_set(out, set, &rq->cols[t], mixed);
	set_free(set);
}

/*
 * Print the request's listing; 0, or 1 if a type could not be read.
 * Where a filter is given and no type was named, the types it matched
 * nothing in are left out of tables and raw and export output, unless it
 * matched nothing anywhere (JSON keeps every member: scripts read them).
 * Each type is printed and freed before the next is read; only the empty
 * ones wait, in case nothing matches anywhere.
 */
int
list_run(struct request *rq)
{
	struct ipc_set	 sets[T_NTYPES];
	int		 waiting[T_NTYPES];
	struct out	*out;
	struct ctx	 ctx;
	int		 t, ntypes = 0, printed = 0, hideable, rval = 0;

	for (t = 0; t < T_NTYPES; t++)
		ntypes += (rq->types & TBIT(t)) != 0;
	memset(&ctx, 0, sizeof(ctx));
	ctx.now = rq->oo.now;
	ctx.ns = ns_ipc_inode();
	hideable = filter_is_set(&rq->filt) && !rq->types_named &&
	    rq->oo.mode != OUT_JSON;
	memset(waiting, 0, sizeof(waiting));
	out = out_new(&rq->oo, stdout);
	for (t = 0; t < T_NTYPES; t++) {
		if (!(rq->types & TBIT(t)))
			continue;
		if (request_collect(rq, t, &sets[t]) == -1) {
			rval = 1;
			continue;
		}
		if (hideable && sets[t].n == 0 && !sets[t].unknown) {
			waiting[t] = 1;
			continue;
		}
		list_print(rq, t, &sets[t], out, &ctx, ntypes > 1);
		printed++;
	}
	for (t = 0; t < T_NTYPES; t++) {
		if (!waiting[t])
			continue;
		if (printed == 0)
			list_print(rq, t, &sets[t], out, &ctx, ntypes > 1);
		else
			set_free(&sets[t]);
	}
	out_finish(out);
	out_free(out);
	return rval;
}
