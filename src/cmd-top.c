/* SPDX-License-Identifier: ISC */
/*
 * cmd-top.c - "ipctool top": options, then either the curses view
 * (tui.c over the model in top.c) or, with --batch, plain-text frames on
 * stdout as "top -b" prints them: each a header line and the model's
 * tables laid out as "list" lays them out, with the live view's columns
 * and rates.  With -A, every IPC namespace: an NS column, and in --batch
 * a heading per namespace as "list -A" has it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

#define DELAY_DEFAULT	2000	/* ms */
#define DELAY_MIN_TUI	100	/* ms: the interactive view's fastest */
#define FRAMES_MAX	1000000000

/*
 * Take --sort's comma-separated columns: every one into sort (nsort),
 * which top orders by, those of list (not the rates) into rq too, which
 * checks they fit the types.  *rates: a rate was named.
 */
static void
parse_sort(const struct cmd_entry *self, struct request *rq, int *sort,
    int *nsort, int *rates, const char *arg)
{
	char	 buf[256], *p, *name;
	int	 c;

	if (strlcpy(buf, arg, sizeof(buf)) >= sizeof(buf))
		usage_error(self, "invalid sort columns '%s'", arg);
	rq->nsort = *nsort = *rates = 0;
	for (p = buf; (name = strsep(&p, ",")) != NULL; ) {
		if ((c = top_rate_find(name)) != -1)
			*rates = 1;
		else if ((c = column_find(name)) == -1)
			usage_error(self, "unknown sort column '%s'", name);
		if (*nsort == MAXSORT)
			usage_error(self, "too many sort columns");
		sort[(*nsort)++] = c;
		if (c < (int)ncolumns)
			rq->sort[rq->nsort++] = c;
	}
}

/*
 * Resolve -o into per-type columns (into cols): list's names, and the
 * rate columns MSGS/S and BYTES/S of the msg tab.  Without -o, or with -o +COLS, top's defaults come first.
 * An unknown name, or one no requested type has, is a usage error.
 */
static void
top_columns(const struct cmd_entry *self, struct request *rq,
    struct colset *cols)
{
	char		 rest[1024], name[64], tt[64];
	const char	*list, *p, *e, *err, *given = rq->output;
	size_t		 len, n = 0;
	int		 t, c, k, plus, rates = 0;

	list = given != NULL && *given == '+' ? given + 1 : given;
	plus = given == NULL || *given == '+';
	/* list's columns to request_columns, the rates apart. */
	rest[0] = '\0';
	for (p = list; p != NULL; p = e != NULL ? e + 1 : NULL) {
		e = strchr(p, ',');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		if (len >= sizeof(name))
			usage_error(self, "unknown column '%.*s'", (int)len, p);
		memcpy(name, p, len);
		name[len] = '\0';
		if (top_rate_find(name) != -1) {
			if (!(rq->types & TBIT(T_MSG)))
				usage_error(self, "column '%s' does not apply "
				    "to %s; it is a column of msg", name,
				    types_text(rq->types, tt, sizeof(tt)));
			rates = 1;
			continue;
		}
		if (n + len + 2 >= sizeof(rest))
			usage_error(self, "too many columns");
		if (n > 0)
			rest[n++] = ',';
		memcpy(rest + n, name, len);
		n += len;
		rest[n] = '\0';
	}
	rq->output = n > 0 || (!rates && given != NULL) ? rest : NULL;
	if (request_columns(rq, &err) == -1)
		usage_error(self, "%s", err);
	rq->output = given;
	for (t = 0; t < T_NTYPES; t++) {
		if (plus)
			top_default_columns((enum ipc_type)t, &cols[t]);
		else
			cols[t].n = 0;
		for (p = list; p != NULL; p = e != NULL ? e + 1 : NULL) {
			e = strchr(p, ',');
			len = e != NULL ? (size_t)(e - p) : strlen(p);
			memcpy(name, p, len);
			name[len] = '\0';
			if ((c = top_rate_find(name)) != -1) {
				if (t != T_MSG)
					continue;
			} else if ((c = column_find(name)) == -1 ||
			    !(columns[c].types & TBIT(t)))
				continue;
			for (k = 0; k < cols[t].n && cols[t].col[k] != c; k++)
				;
			if (k == cols[t].n && cols[t].n < MAXCOLS)
				cols[t].col[cols[t].n++] = c;
		}
	}
	for (t = 0; t < T_NTYPES; t++) {
		/* A tab none of -o's columns fits shows its identity. */
		if (cols[t].n == 0)
			cols[t].col[cols[t].n++] = column_find((TBIT(t) &
			    TYPES_POSIX) ? "NAME" : "ID");
	}
}

/* Sleep ms milliseconds. */
static void
sleep_ms(int64_t ms)
{
	struct timespec	ts;

	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/*
 * A frame's header line: host, time, the namespaces (nns, -A only) and
 * the count of each type read.
 */
static void
frame_header(time_t now, long nns, unsigned ok, const size_t *count)
{
	struct tm	tm;
	char		host[256], when[64];
	int		t, n;

	if (gethostname(host, sizeof(host) - 1) == -1)
		strlcpy(host, "?", sizeof(host));
	host[sizeof(host) - 1] = '\0';
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm) == 0)
		strlcpy(when, "?", sizeof(when));
	printf("%s top - %s - %s -", PROGNAME, host, when);
	if (nns >= 0)
		printf(" %ld IPC namespace%s -", nns, nns == 1 ? "" : "s");
	for (n = 0, t = 0; t < T_NTYPES; t++)
		if (ok & TBIT(t))
			printf("%s %s %zu", n++ > 0 ? "," : "", type_name(t),
			    count[t]);
	if (n == 0)
		printf(" nothing readable");
	putchar('\n');
}

/*
 * One batch frame of the model tp: a new sample, the header line, then
 * every type's table as the live view has it (rates from the frame
 * before); with -A each namespace's, as list -A has them.  A type that
 * cannot be read is an error, save a POSIX type this system lacks when
 * no type was asked for (dflt); so is -A when /proc cannot be surveyed.
 */
static int
batch_frame(struct top *tp, int dflt)
{
	size_t		 count[T_NTYPES];
	unsigned	 ok = 0, asked = 0;
	int		 t, nok = 0, nasked = 0, rval = 0;

	for (t = 0; t < T_NTYPES; t++)
		if (tp->v[t].shown) {
			asked |= TBIT(t);
			nasked++;
		}
	top_refresh(tp);
	if (tp->allns && tp->sv == NULL)
		rval = 1;
	for (t = 0; t < T_NTYPES; t++) {
		count[t] = tp->v[t].nlive;
		if (!(asked & TBIT(t)))
			continue;
		if (tp->v[t].err == 0) {
			ok |= TBIT(t);
			nok++;
			continue;
		}
		if (dflt && tp->v[t].err == ENOSYS && (TBIT(t) & TYPES_POSIX))
			continue;
		if (TBIT(t) & TYPES_POSIX)
			warnx_("%s: %s", type_name(t), strerror(tp->v[t].err));
		rval = 1;
	}
	frame_header((time_t)tp->ctx.now, tp->allns ? (long)tp->nns : -1, ok,
	    count);
	top_print(tp, tp->allns ? nasked : nok, stdout);
	return rval;
}

/* --batch: frames frames (0: until killed) of tp, delay_ms apart. */
static int
batch_run(struct top *tp, int dflt, int64_t delay_ms, uint64_t frames)
{
	uint64_t	f;
	int		rval = 0;

	for (f = 0; frames == 0 || f < frames; f++) {
		if (f > 0) {
			sleep_ms(delay_ms);
			putchar('\n');
		}
		rval |= batch_frame(tp, dflt);
		if (fflush(stdout) == EOF)
			return 1;
	}
	return rval;
}

/* What top was asked for beyond the request. */
struct topopts {
	uint64_t	 frames;
	int64_t		 delay;
	const char	*delay_arg;
	int		 batch;
	int		 has_frames;
	int		 allns;
	int		 sort[MAXSORT];	/* --sort, rates included */
	int		 nsort;
	int		 sort_rates;	/* --sort named a rate */
};

/* Take one option into rq or to; a bad value is a usage error. */
static void
top_option(const struct cmd_entry *self, struct request *rq,
    struct topopts *to, const struct cmd_arg *a)
{
	const char	*err;

	switch (a->id) {
	case OPT_DELAY:
		if (parse_seconds(a->value, &to->delay, &err) == -1)
			usage_error(self, "invalid delay '%s': %s", a->value,
			    err);
		to->delay_arg = a->value;
		break;
	case OPT_ITERATIONS:
		if (parse_uint(a->value, 0, FRAMES_MAX, &to->frames,
		    &err) == -1)
			usage_error(self, "invalid number of frames '%s': %s",
			    a->value, err);
		to->has_frames = 1;
		break;
	case OPT_BATCH:
		to->batch = 1;
		break;
	case OPT_ALL_NAMESPACES:
		to->allns = 1;
		break;
	case OPT_SORT:
		parse_sort(self, rq, to->sort, &to->nsort, &to->sort_rates,
		    a->value);
		break;
	case OPT_REVERSE:
		rq->reverse = 1;
		break;
	default:
		request_option(self, rq, a->id, a->value);
		break;
	}
}

static int
cmd_top_exec(const struct cmd_entry *self, struct args *args)
{
	struct request	 rq;
	struct topopts	 to;
	struct top	 tp;
	struct colset	 cols[T_NTYPES];
	size_t		 i;
	char		 tt[64];
	int		 dflt, r;

	request_init(&rq);
	memset(&to, 0, sizeof(to));
	to.delay = DELAY_DEFAULT;
	for (i = 0; i < args->n; i++)
		top_option(self, &rq, &to, &args->v[i]);
	dflt = args->noperands == 0 && rq.types == 0;
	request_types(self, &rq, args->noperands, args->operands, TYPES_ALL);
	if (to.sort_rates && rq.nsort == 0 && !(rq.types & TBIT(T_MSG)))
		usage_error(self, "sort column does not apply to %s; it is a "
		    "column of msg", types_text(rq.types, tt, sizeof(tt)));
	top_columns(self, &rq, cols);
	if (!to.batch && to.delay < DELAY_MIN_TUI)
		usage_error(self, "invalid delay '%s': the interactive view "
		    "refreshes at most every 0.1 seconds", to.delay_arg);
	if (ns_enter_arg() == -1)
		return 1;
	if (!to.batch && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		warnx_("top: the interactive view needs a terminal "
		    "(use --batch for text)");
		return 1;
	}
	top_init(&tp, rq.types, cols, &rq.filt, to.sort, to.nsort, rq.reverse,
	    to.allns);
	tp.batch = to.batch;
	if (to.batch)
		r = batch_run(&tp, dflt, to.delay, to.has_frames ?
		    to.frames : 1);
	else
		r = tui_run(&tp, to.delay, to.frames);
	top_free(&tp);
	return r;
}

static const struct cmd_option top_table[] = {
	{ 'A', "all-namespaces", ARG_NONE, OPT_ALL_NAMESPACES, NULL,
	    "every IPC namespace: an NS column; Enter\n"
	    "names the namespace's process, d removes\n"
	    "in the row's namespace" },
	{ 'd', "delay", ARG_REQUIRED, OPT_DELAY, "SECONDS",
	    "refresh interval (default 2; decimals\n"
	    "allowed; at least 0.1, 0 with --batch)" },
	{ 'n', "iterations", ARG_REQUIRED, OPT_ITERATIONS, "N",
	    "stop after N refreshes (--batch: default\n"
	    "1; 0 means until interrupted)" },
	{ 'b', "batch", ARG_NONE, OPT_BATCH, NULL,
	    "print plain-text frames, no terminal needed" },
	{ 'o', "output", ARG_REQUIRED, OPT_OUTPUT, "COLS",
	    "each tab's columns, named as in list -o\n"
	    "(+COLS: after the defaults), and msg's\n"
	    "MSGS/S and BYTES/S; f in the view picks" },
	{ 0, "sort", ARG_REQUIRED, OPT_SORT, "COL",
	    "start sorted by this column (MSGS/S and\n"
	    "BYTES/S too)" },
	{ 0, "reverse", ARG_NONE, OPT_REVERSE, NULL,
	    "start in reverse order" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec top_sections[] = {
	{ NULL, type_flag_options },
	{ "Options", top_table },
	{ "Filters (all given must match)", filter_key_options },
	{ NULL, filter_options },
	{ "", help_options },
	{ NULL, NULL }
};

const struct cmd_entry cmd_top_entry = {
	.name = "top",
	.summary = "watch resources live, or print frames with --batch",
	.usage = "top [TYPE...] [-A] [-o COLS] [-d SECONDS] [FILTERS] "
	    "[-b [-n N]]",
	.help =
	    "\n"
	    "Watch IPC resources live: a header with usage against the limits,\n"
	    "one tab per type, a sortable table with changes highlighted, new\n"
	    "rows marked and removed rows shown briefly; message queues get net\n"
	    "rates (MSGS/S, BYTES/S: sent minus received) and USE%; with STALE\n"
	    "shown, stale rows are marked !.  In the view f picks each tab's\n"
	    "columns, Left and Right scroll wide rows; press ? for every key.\n"
	    "--batch frames have the view's columns and rates.\n"
	    "\n"
	    "Types (default: all there are): shm (-m), msg (-q), sem (-s),\n"
	    "pshm, pmq, psem, sysv, posix, all (-a).\n",
	.options = top_sections,
	.exec = cmd_top_exec,
};
