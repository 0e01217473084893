/* SPDX-License-Identifier: ISC */
/*
 * pers-lsipc.c - the lsipc personality: run as lsipc (a link to the
 * binary) or as "ipctool lsipc ...", ipctool takes util-linux 2.38's
 * lsipc options and prints what it prints for the same resources, byte
 * for byte, its quirks included (they are marked "as lsipc").  The
 * resources come from ipctool's own collectors; the table is laid out by
 * pers-lsipc-table.c.
 */
#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/time.h>

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"
#include "pers-lsipc.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define CMDLINE_MAX	8192	/* lsipc reads this much of a cmdline */

/* lsipc's columns, in its order: the order of the --id form. */
enum {
	C_KEY, C_ID, C_OWNER, C_PERMS, C_CUID, C_CUSER, C_CGID, C_CGROUP,
	C_UID, C_USER, C_GID, C_GROUP, C_CTIME,
	C_USEDBYTES, C_MSGS, C_SEND, C_RECV, C_LSPID, C_LRPID,
	C_SIZE, C_NATTCH, C_STATUS, C_ATTACH, C_DETACH, C_COMMAND, C_CPID,
	C_LPID,
	C_NSEMS, C_OTIME,
	C_RESOURCE, C_DESC, C_LIMIT, C_USED, C_USEPERC,
	C_NCOLS
};
#define FIRST_MSG	C_USEDBYTES
#define LAST_MSG	C_LRPID
#define FIRST_SHM	C_SIZE
#define LAST_SHM	C_LPID
#define FIRST_SEM	C_NSEMS
#define LAST_SEM	C_OTIME
#define FIRST_SUM	C_RESOURCE
#define LAST_SUM	C_USEPERC

static const struct lscol {
	const char	*name;
	const char	*help;
	const char	*pretty;
	unsigned	 flags;
} lscols[C_NCOLS] = {
	{ "KEY", "Resource key", "Key", 0 },
	{ "ID", "Resource ID", "ID", 0 },
	{ "OWNER", "Owner's username or UID", "Owner", LT_RIGHT },
	{ "PERMS", "Permissions", "Permissions", LT_RIGHT },
	{ "CUID", "Creator UID", "Creator UID", LT_RIGHT },
	{ "CUSER", "Creator user", "Creator user", 0 },
	{ "CGID", "Creator GID", "Creator GID", LT_RIGHT },
	{ "CGROUP", "Creator group", "Creator group", 0 },
	{ "UID", "User ID", "UID", LT_RIGHT },
	{ "USER", "User name", "User name", 0 },
	{ "GID", "Group ID", "GID", LT_RIGHT },
	{ "GROUP", "Group name", "Group name", 0 },
	{ "CTIME", "Time of the last change", "Last change", LT_RIGHT },
	{ "USEDBYTES", "Bytes used", "Bytes used", LT_RIGHT },
	{ "MSGS", "Number of messages", "Messages", 0 },
	{ "SEND", "Time of last msg sent", "Msg sent", LT_RIGHT },
	{ "RECV", "Time of last msg received", "Msg received", LT_RIGHT },
	{ "LSPID", "PID of the last msg sender", "Msg sender", LT_RIGHT },
	{ "LRPID", "PID of the last msg receiver", "Msg receiver", LT_RIGHT },
	{ "SIZE", "Segment size", "Segment size", LT_RIGHT },
	{ "NATTCH", "Number of attached processes", "Attached processes",
	    LT_RIGHT },
	{ "STATUS", "Status", "Status", LT_NOEXTREMES },
	{ "ATTACH", "Attach time", "Attach time", LT_RIGHT },
	{ "DETACH", "Detach time", "Detach time", LT_RIGHT },
	{ "COMMAND", "Creator command line", "Creator command", LT_TRUNC },
	{ "CPID", "PID of the creator", "Creator PID", LT_RIGHT },
	{ "LPID", "PID of last user", "Last user PID", LT_RIGHT },
	{ "NSEMS", "Number of semaphores", "Semaphores", LT_RIGHT },
	{ "OTIME", "Time of the last operation", "Last operation", LT_RIGHT },
	{ "RESOURCE", "Resource name", "Resource", 0 },
	{ "DESCRIPTION", "Resource description", "Description", 0 },
	{ "LIMIT", "System-wide limit", "Limit", LT_RIGHT },
	{ "USED", "Currently used", "Used", LT_RIGHT },
	{ "USE%", "Currently use percentage", "Use", LT_RIGHT },
};

enum { TM_SHORT = 1, TM_FULL, TM_ISO };
enum { MODE_TABLE, MODE_EXPORT, MODE_NEWLINE, MODE_RAW, MODE_JSON,
    MODE_PRETTY, MODE_LIST };

/* What the command line asked for. */
struct lsipc {
	const char	*prog;		/* lsipc's name in messages */
	int		 mode;
	int		 noheadings, notrunc, shellvar, bytes, numperms;
	int		 time_mode;
	int		 cols[LT_MAXCOLS];
	size_t		 ncols;
	size_t		 lower, upper;	/* the columns -o may name */
	struct filter	 filt;		/* --stale */
	struct timeval	 now;
};

enum { OPT_NOTRUNC = 256, OPT_NOHEAD, OPT_TIME_FMT };

/*
 * util-linux 2.38's options, in its order (an ambiguous abbreviation
 * lists them so); the letter is what parse_options() reads.
 */
static const struct cmd_option options[] = {
	{ 'b', "bytes", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'c', "creator", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'e', "export", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'g', "global", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'h', "help", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'i', "id", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'J', "json", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'l', "list", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'n', "newline", ARG_NONE, OPT_PERS, NULL, NULL },
	{ OPT_NOHEAD, "noheadings", ARG_NONE, OPT_PERS, NULL, NULL },
	{ OPT_NOTRUNC, "notruncate", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'P', "numeric-perms", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'o', "output", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'q', "queues", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'r', "raw", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 's', "semaphores", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'm', "shmems", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 't', "time", ARG_NONE, OPT_PERS, NULL, NULL },
	{ OPT_TIME_FMT, "time-format", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'V', "version", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'y', "shell", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec option_secs[] = {
	{ NULL, options },
	{ NULL, NULL }
};

/* Options that exclude each other; rows in lsipc's order (see excl()). */
static const int exclusive[][6] = {
	{ 'J', 'e', 'l', 'n', 'r', 0 },
	{ 'g', 'i', 0 },
	{ 'c', 'o', 't', 0 },
	{ 'm', 'q', 's', 0 },
	{ 0 }
};

static void
lsipc_warnx(const struct lsipc *ls, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
lsipc_warnx(const struct lsipc *ls, const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", ls->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	putc('\n', stderr);
}

static void
lsipc_errx(const struct lsipc *ls, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

static void
lsipc_errx(const struct lsipc *ls, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", ls->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	putc('\n', stderr);
	exit(1);
}

static void
usage(const struct lsipc *ls)
{
	size_t	i;

	printf("\nUsage:\n %s [options]\n\n"
	    "Show information on IPC facilities.\n\n"
	    "Resource options:\n"
	    " -m, --shmems      shared memory segments\n"
	    " -q, --queues      message queues\n"
	    " -s, --semaphores  semaphores\n"
	    " -g, --global      info about system-wide usage (may be used "
	    "with -m, -q and -s)\n"
	    " -i, --id <id>     print details on resource identified by "
	    "<id>\n\n", ls->prog);
	fputs("Options:\n"
	    "     --noheadings         don't print headings\n"
	    "     --notruncate         don't truncate output\n"
	    "     --time-format=<type> display dates in short, full or iso "
	    "format\n"
	    " -b, --bytes              print SIZE in bytes rather than in "
	    "human readable format\n"
	    " -c, --creator            show creator and owner\n"
	    " -e, --export             display in an export-able output "
	    "format\n"
	    " -J, --json               use the JSON output format\n"
	    " -n, --newline            display each piece of information on "
	    "a new line\n"
	    " -l, --list               force list output format (for example "
	    "with --id)\n"
	    " -o, --output[=<list>]    define the columns to output\n"
	    " -P, --numeric-perms      print numeric permissions (PERMS "
	    "column)\n"
	    " -r, --raw                display in raw mode\n"
	    " -t, --time               show attach, detach and change times\n"
	    " -y, --shell              use column names to be usable as shell "
	    "variable identifiers\n\n"
	    " -h, --help               display this help\n"
	    " -V, --version            display version\n", stdout);
	for (i = 0; i < C_NCOLS; i++) {
		if (i == 0)
			fputs("\nGeneric columns:\n", stdout);
		else if (i == FIRST_SHM)
			fputs("\nShared-memory columns (--shmems):\n", stdout);
		else if (i == FIRST_MSG)
			fputs("\nMessage-queue columns (--queues):\n", stdout);
		else if (i == FIRST_SEM)
			fputs("\nSemaphore columns (--semaphores):\n", stdout);
		else if (i == FIRST_SUM)
			fputs("\nSummary columns (--global):\n", stdout);
		printf(" %14s  %s\n", lscols[i].name, lscols[i].help);
		/* lsipc lists shm's columns before msg's. */
		if (i == C_CTIME)
			i = FIRST_SHM - 1;
		else if (i == LAST_SHM)
			i = FIRST_MSG - 1;
		else if (i == LAST_MSG)
			i = FIRST_SEM - 1;
	}
	printf("\nFor more details see lsipc(1).\n");
	exit(stdout_check());
}

static void
try_help(const struct lsipc *ls)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", ls->prog);
	exit(1);
}

/* The long name of option c, for excl(). */
static const char *
long_name(int c)
{
	size_t	i;

	for (i = 0; options[i].name != NULL; i++)
		if (options[i].letter == c)
			return options[i].name;
	return NULL;
}

/*
 * As lsipc: two options of one row of exclusive[] are an error.  Rows
 * are searched while their first option sorts before c, as util-linux's
 * err_exclusive_options() does; lsipc's rows are not in that order, so
 * -c is never checked (-c -o is taken, -o -t is not).
 */
static void
excl(const struct lsipc *ls, int c, int *status)
{
	const int	*op;
	int		 e;

	for (e = 0; exclusive[e][0] != 0 && exclusive[e][0] <= c; e++) {
		for (op = exclusive[e]; *op != 0 && *op <= c; op++) {
			if (*op != c)
				continue;
			if (status[e] == 0)
				status[e] = c;
			else if (status[e] != c) {
				fprintf(stderr, "%s: mutually exclusive "
				    "arguments:", ls->prog);
				for (op = exclusive[e]; *op != 0; op++)
					fprintf(stderr, " --%s",
					    long_name(*op));
				putc('\n', stderr);
				exit(1);
			}
			break;
		}
	}
}

static void
add_column(struct lsipc *ls, int c)
{
	if (ls->ncols >= LT_MAXCOLS)
		lsipc_errx(ls, "too many columns specified, the limit is %d "
		    "columns", LT_MAXCOLS - 1);
	ls->cols[ls->ncols++] = c;
}

static void
add_columns(struct lsipc *ls, const int *c, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		add_column(ls, c[i]);
}

/*
 * The column named by the len bytes at name, or -1, said.  As lsipc, the
 * message quotes the rest of the list, not only the name.
 */
static int
column_id(const struct lsipc *ls, const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < C_NCOLS; i++) {
		if (strncasecmp(name, lscols[i].name, len) != 0 ||
		    lscols[i].name[len] != '\0')
			continue;
		if (i > C_CTIME && (i < ls->lower || i > ls->upper)) {
			lsipc_warnx(ls, "column %s does not apply to the "
			    "specified IPC", name);
			return -1;
		}
		return (int)i;
	}
	lsipc_warnx(ls, "unknown column: %s", name);
	return -1;
}

/*
 * -o LIST (or +LIST, added to the columns there are), read as util-linux
 * reads column lists: -1 on a bad name or an empty one (which it does not
 * mention), the list cut where it no longer fits.
 */
static int
output_list(struct lsipc *ls, const char *list)
{
	const char	*p, *begin = NULL, *end;
	int		 id;

	if (*list == '+')
		list++;
	else
		ls->ncols = 0;
	if (*list == '\0')
		return -1;
	for (p = list; *p != '\0'; p++) {
		if (ls->ncols >= LT_MAXCOLS)
			return -1;
		end = NULL;
		if (begin == NULL)
			begin = p;
		if (*p == ',')
			end = p;
		if (p[1] == '\0')
			end = p + 1;
		if (end == NULL)
			continue;
		if (end <= begin)
			return -1;
		if ((id = column_id(ls, begin, (size_t)(end - begin))) == -1)
			return -1;
		ls->cols[ls->ncols++] = id;
		begin = NULL;
		if (*end == '\0')
			break;
	}
	return 0;
}

/* -i ID as util-linux's strtos32_or_err reads it. */
static int
parse_ipc_id(const struct lsipc *ls, const char *s)
{
	char		*end;
	intmax_t	 v;

	errno = 0;
	if (*s == '\0')
		goto bad;
	v = strtoimax(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		goto bad;
	if (v < INT32_MIN || v > INT32_MAX) {
		errno = ERANGE;
		goto bad;
	}
	return (int)v;
bad:
	if (errno == ERANGE)
		lsipc_errx(ls, "failed to parse IPC identifier: '%s': %s", s,
		    strerror(ERANGE));
	lsipc_errx(ls, "failed to parse IPC identifier: '%s'", s);
}

/* A size as util-linux's size_to_human_string(SIZE_SUFFIX_1LETTER). */
static void
human_size(uint64_t bytes, char *buf, size_t len)
{
	static const char	 letters[] = "BKMGTPE";
	struct lconv		*lc;
	const char		*dp;
	uint64_t		 frac = 0, dec;
	int			 exp;

	for (exp = 10; exp <= 60; exp += 10)
		if (bytes < (1ULL << exp))
			break;
	exp -= 10;
	dec = exp ? bytes / (1ULL << exp) : bytes;
	if (exp)
		frac = bytes % (1ULL << exp);
	if (frac) {
		if (frac >= UINT64_MAX / 1000)
			frac = ((frac / 1024) * 1000) / (1ULL << (exp - 10));
		else
			frac = (frac * 1000) / (1ULL << exp);
		frac = ((frac + 50) / 100) * 10;
		if (frac == 100) {
			dec++;
			frac = 0;
		}
	}
	if (frac) {
		lc = localeconv();
		dp = lc != NULL && lc->decimal_point != NULL &&
		    *lc->decimal_point != '\0' ? lc->decimal_point : ".";
		/* frac is whole tens: its second digit, a 0, is left off. */
		snprintf(buf, len, "%d%s%d%c", (int)dec, dp, (int)(frac / 10),
		    letters[exp / 10]);
	} else
		snprintf(buf, len, "%d%c", (int)dec, letters[exp / 10]);
}

static void
set_size(struct lstab *t, const struct lsipc *ls, size_t c, uint64_t v)
{
	char	buf[64];

	if (ls->bytes)
		lt_setf(t, c, "%" PRIu64, v);
	else {
		human_size(v, buf, sizeof(buf));
		lt_set(t, c, buf);
	}
}

/* A time as lsipc's --time-format has it; 0 is no data. */
static void
set_time(struct lstab *t, struct lsipc *ls, size_t c, int64_t when)
{
	struct tm	 tm, tmnow;
	time_t		 tt = (time_t)when;
	char		 buf[64];
	long		 tmin;

	if (when == 0)
		return;
	localtime_r(&tt, &tm);
	switch (ls->time_mode) {
	case TM_FULL:
		asctime_r(&tm, buf);
		buf[strcspn(buf, "\n")] = '\0';
		break;
	case TM_ISO:
		tmin = tm.tm_gmtoff / 60;
		snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d"
		    "%+03ld:%02ld", tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tmin / 60,
		    labs(tmin % 60));
		break;
	default:
		if (ls->now.tv_sec == 0)
			gettimeofday(&ls->now, NULL);
		localtime_r(&ls->now.tv_sec, &tmnow);
		if (tm.tm_yday == tmnow.tm_yday && tm.tm_year == tmnow.tm_year)
			strftime(buf, sizeof(buf), "%H:%M", &tm);
		else if (tm.tm_year == tmnow.tm_year)
			strftime(buf, sizeof(buf), "%b%d", &tm);
		else
			strftime(buf, sizeof(buf), "%Y-%b%d", &tm);
		break;
	}
	lt_set(t, c, buf);
}

/*
 * A creator's command line as lsipc reads it: at most CMDLINE_MAX bytes,
 * NULs as spaces, and the last byte read dropped (the NUL that ends the
 * last argument, or a character of a longer line).
 */
static void
set_command(struct lstab *t, size_t c, pid_t pid)
{
	char	buf[CMDLINE_MAX + 1];
	ssize_t	n, i;

	if ((n = proc_cmdline_raw(pid, buf, sizeof(buf))) <= 0)
		return;
	for (i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[n - 1] = '\0';
	lt_set(t, c, buf);
}

/* The STATUS of a segment; as lsipc, only "dest" is followed by a comma. */
static void
set_status(struct lstab *t, size_t c, uint32_t mode)
{
	char	buf[64];
	int	comma = 0;

	buf[0] = '\0';
	if (mode & SHM_DEST) {
		strlcat(buf, "dest", sizeof(buf));
		comma = 1;
	}
	if (mode & SHM_LOCKED) {
		if (comma)
			strlcat(buf, ",", sizeof(buf));
		strlcat(buf, "locked", sizeof(buf));
	}
	if (mode & 04000) {		/* SHM_HUGETLB */
		if (comma)
			strlcat(buf, ",", sizeof(buf));
		strlcat(buf, "hugetlb", sizeof(buf));
	}
	if (mode & 010000) {		/* SHM_NORESERVE */
		if (comma)
			strlcat(buf, ",", sizeof(buf));
		strlcat(buf, "noreserve", sizeof(buf));
	}
	lt_set(t, c, buf);
}

/* The cells every type has; names from the collector's cache. */
static void
set_generic(struct lstab *t, struct lsipc *ls, size_t c, int col,
    enum ipc_type type, const struct ipc_obj *o)
{
	const char	*s;
	char		 buf[16];

	switch (col) {
	case C_KEY:
		lt_setf(t, c, "0x%08x", o->key);
		break;
	case C_ID:
		lt_setf(t, c, "%d", o->id);
		break;
	case C_OWNER:
		if ((s = user_name_cached(o->uid)) != NULL)
			lt_set(t, c, s);
		else
			lt_setf(t, c, "%u", (unsigned)o->uid);
		break;
	case C_PERMS:
		/* As lsipc: a queue's numeric PERMS is left empty. */
		if (ls->numperms && type == T_MSG)
			break;
		if (ls->numperms)
			lt_setf(t, c, "%#o", (unsigned)(o->mode & 0777));
		else {
			fmt_perms(o->mode & 0777, 0, buf, sizeof(buf));
			lt_set(t, c, buf);
		}
		break;
	case C_CUID:
		lt_setf(t, c, "%u", (unsigned)o->cuid);
		break;
	case C_CUSER:
		lt_set(t, c, user_name_cached(o->cuid));
		break;
	case C_CGID:
		/* As lsipc: a segment's or queue's CGID is its creator's uid. */
		lt_setf(t, c, "%u", type != T_SEM ? (unsigned)o->cuid :
		    (unsigned)o->cgid);
		break;
	case C_CGROUP:
		lt_set(t, c, group_name_cached(o->cgid));
		break;
	case C_UID:
		lt_setf(t, c, "%u", (unsigned)o->uid);
		break;
	case C_USER:
		lt_set(t, c, user_name_cached(o->uid));
		break;
	case C_GID:
		lt_setf(t, c, "%u", (unsigned)o->gid);
		break;
	case C_GROUP:
		lt_set(t, c, group_name_cached(o->gid));
		break;
	case C_CTIME:
		set_time(t, ls, c, o->ctime);
		break;
	default:
		break;
	}
}

/* A segment's own cells. */
static void
set_shm(struct lstab *t, struct lsipc *ls, size_t c, int col,
    const struct ipc_obj *o)
{
	switch (col) {
	case C_SIZE:
		set_size(t, ls, c, o->u.shm.size);
		break;
	case C_NATTCH:
		lt_setf(t, c, "%" PRIu64, o->u.shm.nattch);
		break;
	case C_STATUS:
		set_status(t, c, o->mode);
		break;
	case C_ATTACH:
		set_time(t, ls, c, o->u.shm.atime);
		break;
	case C_DETACH:
		set_time(t, ls, c, o->u.shm.dtime);
		break;
	case C_CPID:
		lt_setf(t, c, "%u", (unsigned)o->u.shm.cpid);
		break;
	case C_LPID:
		lt_setf(t, c, "%u", (unsigned)o->u.shm.lpid);
		break;
	case C_COMMAND:
		set_command(t, c, o->u.shm.cpid);
		break;
	default:
		break;
	}
}

/* A queue's own cells. */
static void
set_msg(struct lstab *t, struct lsipc *ls, size_t c, int col,
    const struct ipc_obj *o)
{
	switch (col) {
	case C_USEDBYTES:
		set_size(t, ls, c, o->u.msg.cbytes);
		break;
	case C_MSGS:
		lt_setf(t, c, "%" PRIu64, o->u.msg.qnum);
		break;
	case C_SEND:
		set_time(t, ls, c, o->u.msg.stime);
		break;
	case C_RECV:
		set_time(t, ls, c, o->u.msg.rtime);
		break;
	case C_LSPID:
		lt_setf(t, c, "%u", (unsigned)o->u.msg.lspid);
		break;
	case C_LRPID:
		lt_setf(t, c, "%u", (unsigned)o->u.msg.lrpid);
		break;
	default:
		break;
	}
}

/* One row for object o of type type. */
static void
add_row(struct lstab *t, struct lsipc *ls, enum ipc_type type,
    const struct ipc_obj *o)
{
	size_t	c;
	int	col;

	lt_new_row(t);
	for (c = 0; c < ls->ncols; c++) {
		col = ls->cols[c];
		if (col <= C_CTIME)
			set_generic(t, ls, c, col, type, o);
		else if (type == T_SHM)
			set_shm(t, ls, c, col, o);
		else if (type == T_MSG)
			set_msg(t, ls, c, col, o);
		else if (col == C_NSEMS)
			lt_setf(t, c, "%" PRIu64, o->u.sem.nsems);
		else if (col == C_OTIME)
			set_time(t, ls, c, o->u.sem.otime);
	}
}

/* The elements of semaphore set o, for the --id form. */
static void
sem_elements(struct lstab *sub, const struct ipc_obj *o)
{
	struct semstate	st;
	uint64_t	i;

	lt_add_column(sub, "SEMNUM", LT_RIGHT);
	lt_add_column(sub, "VALUE", LT_RIGHT);
	lt_add_column(sub, "NCOUNT", LT_RIGHT);
	lt_add_column(sub, "ZCOUNT", LT_RIGHT);
	lt_add_column(sub, "PID", LT_RIGHT);
	lt_add_column(sub, "COMMAND", LT_RIGHT);
	for (i = 0; i < o->u.sem.nsems; i++) {
		memset(&st, 0, sizeof(st));
		sysvctl_semstate(o->id, (int)i, &st);
		lt_new_row(sub);
		lt_setf(sub, 0, "%" PRIu64, i);
		lt_setf(sub, 1, "%d", st.val);
		lt_setf(sub, 2, "%d", st.ncnt);
		lt_setf(sub, 3, "%d", st.zcnt);
		lt_setf(sub, 4, "%d", (int)st.pid);
		set_command(sub, 5, st.pid);
	}
}

/* The --id form: "Name:" and the value, for the cells that have data. */
static void
print_pretty(struct lsipc *ls, struct lstab *t, struct lstab *sub)
{
	const char	*s, *name;
	size_t		 c;

	for (c = 0; c < t->ncols && t->nrows > 0; c++) {
		if ((s = lt_get(t, 0, c)) == NULL)
			continue;
		name = lscols[ls->cols[c]].pretty;
		printf("%s:%*c%-36s\n", name, 35 - (int)strlen(name), ' ', s);
	}
	if (sub != NULL && sub->ncols > 0) {
		printf("Elements:\n\n");
		lt_print(sub, stdout);
	}
}

/*
 * The rows of one type: all, or the one with id (id > -1); as lsipc, an
 * id that is not there is said (exit 0) and a table with no rows has no
 * name, but the semaphores'.
 */
static int
do_type(struct lsipc *ls, struct lstab *t, struct lstab *sub,
    enum ipc_type type, int id)
{
	static const char	*names[] = { "sharedmemory", "messages",
	    "semaphores" };
	struct ipc_set		 set;
	size_t			 i, n = 0;

	if (type == T_SEM)
		t->name = names[T_SEM];
	/* The names its cells print, looked up before any is set. */
	if (pipeline_collect(type, NEED_NAMES, &ls->filt, (int64_t)time(NULL),
	    &set) == -1)
		return 1;
	for (i = 0; i < set.n; i++) {
		if (id > -1 && set.v[i].id != id)
			continue;
		add_row(t, ls, type, &set.v[i]);
		if (n++ == 0 && id > -1 && type == T_SEM && sub != NULL &&
		    set.v[i].u.sem.nsems > 0)
			sem_elements(sub, &set.v[i]);
		if (id > -1)
			break;
	}
	if (n > 0)
		t->name = names[type];
	else if (id > -1)
		lsipc_warnx(ls, "id %d not found", id);
	set_free(&set);
	return 0;
}

static void
global_row(struct lstab *t, struct lsipc *ls, const char *res,
    const char *desc, uint64_t used, uint64_t limit, int usage, int bytes)
{
	char	buf[64];
	size_t	c;

	lt_new_row(t);
	for (c = 0; c < ls->ncols; c++) {
		switch (ls->cols[c]) {
		case C_RESOURCE:
			lt_set(t, c, res);
			break;
		case C_DESC:
			lt_set(t, c, desc);
			break;
		case C_USED:
			if (!usage)
				lt_set(t, c, "-");
			else if (!bytes || ls->bytes)
				lt_setf(t, c, "%" PRIu64, used);
			else {
				human_size(used, buf, sizeof(buf));
				lt_set(t, c, buf);
			}
			break;
		case C_USEPERC:
			if (usage)
				lt_setf(t, c, "%2.2f%%",
				    (double)used / (double)limit * 100);
			else
				lt_set(t, c, "-");
			break;
		case C_LIMIT:
			if (!bytes || ls->bytes)
				lt_setf(t, c, "%" PRIu64, limit);
			else {
				human_size(limit, buf, sizeof(buf));
				lt_set(t, c, buf);
			}
			break;
		}
	}
}

/* Count type's objects, and add up their sizes (shm) or semaphores. */
static void
count_type(enum ipc_type type, uint64_t *n, uint64_t *sum)
{
	struct ipc_set	set;
	size_t		i;

	*n = *sum = 0;
	if (pipeline_collect(type, 0, NULL, 0, &set) == -1)
		return;
	*n = set.n;
	/* As lsipc: every set is counted as having the first one's size. */
	for (i = 0; i < set.n; i++)
		*sum += type == T_SHM ? set.v[i].u.shm.size :
		    set.v[0].u.sem.nsems;
	set_free(&set);
}

static void
do_global(struct lstab *t, struct lsipc *ls, enum ipc_type type)
{
	struct limit	lim[LIMIT_COUNT];
	uint64_t	n, sum;

	memset(lim, 0, sizeof(lim));
	limits_read(lim);
	count_type(type, &n, &sum);
	switch (type) {
	case T_MSG:
		global_row(t, ls, "MSGMNI", "Number of message queues", n,
		    lim[LIM_MSGMNI].limit, 1, 0);
		global_row(t, ls, "MSGMAX", "Max size of message (bytes)", 0,
		    lim[LIM_MSGMAX].limit, 0, 1);
		global_row(t, ls, "MSGMNB", "Default max size of queue (bytes)",
		    0, lim[LIM_MSGMNB].limit, 0, 1);
		break;
	case T_SHM:
		global_row(t, ls, "SHMMNI", "Shared memory segments", n,
		    lim[LIM_SHMMNI].limit, 1, 0);
		global_row(t, ls, "SHMALL", "Shared memory pages",
		    sum / (uint64_t)getpagesize(), lim[LIM_SHMALL].limit, 1, 0);
		global_row(t, ls, "SHMMAX",
		    "Max size of shared memory segment (bytes)", 0,
		    lim[LIM_SHMMAX].limit, 0, 1);
		global_row(t, ls, "SHMMIN",
		    "Min size of shared memory segment (bytes)", 0, 1, 0, 1);
		break;
	default:
		global_row(t, ls, "SEMMNI", "Number of semaphore identifiers",
		    n, lim[LIM_SEMMNI].limit, 1, 0);
		global_row(t, ls, "SEMMNS", "Total number of semaphores", sum,
		    lim[LIM_SEMMNS].limit, 1, 0);
		global_row(t, ls, "SEMMSL", "Max semaphores per semaphore set.",
		    0, lim[LIM_SEMMSL].limit, 0, 0);
		global_row(t, ls, "SEMOPM",
		    "Max number of operations per semop(2)", 0,
		    lim[LIM_SEMOPM].limit, 0, 0);
		global_row(t, ls, "SEMVMX", "Semaphore max value", 0, 32767,
		    0, 0);
		break;
	}
}

/* The rows of one type: its limits and use (--global), or its objects. */
static int
run_type(struct lsipc *ls, struct lstab *t, struct lstab *sub,
    enum ipc_type type, int id, int global)
{
	if (!global)
		return do_type(ls, t, sub, type, id);
	do_global(t, ls, type);
	return 0;
}

static const int shm_cols[] = { C_KEY, C_ID, C_PERMS, C_OWNER, C_SIZE,
    C_NATTCH, C_STATUS, C_CTIME, C_CPID, C_LPID, C_COMMAND };
static const int msg_cols[] = { C_KEY, C_ID, C_PERMS, C_OWNER, C_USEDBYTES,
    C_MSGS, C_LSPID, C_LRPID };
static const int sem_cols[] = { C_KEY, C_ID, C_PERMS, C_OWNER, C_NSEMS };
static const int sum_cols[] = { C_RESOURCE, C_DESC, C_LIMIT, C_USED,
    C_USEPERC };

/* The columns -c and -t add, after the type's own. */
static void
extra_columns(struct lsipc *ls, int shm, int msg, int sem, int creat,
    int times)
{
	static const int	creator[] = { C_CUID, C_CGID, C_UID, C_GID };
	int			cmd;

	if (creat)
		add_columns(ls, creator, NELEM(creator));
	if (msg && times) {
		add_column(ls, C_SEND);
		add_column(ls, C_RECV);
		add_column(ls, C_CTIME);
	}
	if (shm && times) {
		/* As lsipc: COMMAND stays last. */
		cmd = ls->ncols > 0 && ls->cols[ls->ncols - 1] == C_COMMAND;
		if (cmd)
			ls->ncols--;
		add_column(ls, C_ATTACH);
		add_column(ls, C_DETACH);
		if (cmd)
			add_column(ls, C_COMMAND);
	}
	if (sem && times) {
		add_column(ls, C_OTIME);
		add_column(ls, C_CTIME);
	}
}

static void
print_version(void)
{
	/* lsipc's shape, but ipctool's name and version: it is not 2.38.1. */
	printf("lsipc from %s %s\n", PROGNAME, PACKAGE_VERSION);
	exit(stdout_check());
}

/* ipctool's filters, which lsipc lacks; taken only written out whole. */
static const struct {
	const char	*name;
	enum opt_id	 id;
	int		 arg;
} own_opts[] = {
	{ "key", OPT_KEY, 1 },
	{ "user", OPT_USER, 1 },
	{ "group", OPT_GROUP, 1 },
	{ "pid", OPT_PID, 1 },
	{ "unattached", OPT_UNATTACHED, 0 },
	{ "idle", OPT_IDLE, 1 },
	{ "older-than", OPT_OLDER, 1 },
	{ "stale", OPT_STALE, 0 },
};

/*
 * If argv[*i] is one of ipctool's filters (--NAME, --NAME=VALUE or --NAME
 * VALUE), take it into the filter: 1; 0 if it is not one.
 */
static int
own_option(struct lsipc *ls, int argc, char **argv, int *i)
{
	const char	*word = argv[*i], *eq, *value = NULL, *what;
	size_t		 k, len;

	if (strncmp(word, "--", 2) != 0)
		return 0;
	word += 2;
	eq = strchr(word, '=');
	len = eq != NULL ? (size_t)(eq - word) : strlen(word);
	for (k = 0; k < NELEM(own_opts); k++)
		if (strncmp(word, own_opts[k].name, len) == 0 &&
		    own_opts[k].name[len] == '\0')
			break;
	if (k == NELEM(own_opts))
		return 0;
	if (own_opts[k].arg && eq != NULL)
		value = eq + 1;
	else if (own_opts[k].arg && *i + 1 < argc)
		value = argv[++*i];
	else if (own_opts[k].arg || eq != NULL) {
		fprintf(stderr, own_opts[k].arg ? "%s: option '--%s' requires "
		    "an argument\n" : "%s: option '--%s' doesn't allow an "
		    "argument\n", argv[0], own_opts[k].name);
		try_help(ls);
	}
	if (filter_option(&ls->filt, own_opts[k].id, value, &what) == -1)
		lsipc_errx(ls, "invalid %s '%s'", what, value);
	return 1;
}

/*
 * Take ipctool's own options out of argv before parsing the rest: in
 * lsipc's table they would change what an abbreviation means ("--s"
 * names its candidates).
 */
static int
own_options(struct lsipc *ls, int argc, char **argv)
{
	int	i, n = 1;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[n++] = argv[i++];
			break;
		}
		if (!own_option(ls, argc, argv, &i))
			argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}

/* Take the options; returns the id asked for, -1 for none. */
static int
parse_options(struct lsipc *ls, int argc, char **argv, int *shm, int *msg,
    int *sem, int *global, int *creat, int *times, const char **outarg)
{
	struct args	 a;
	const char	*arg;
	size_t		 i;
	int		 status[NELEM(exclusive)], ch, id = -1;

	memset(status, 0, sizeof(status));
	argc = own_options(ls, argc, argv);
	args_parse(NULL, option_secs, ARGS_GNU, argc, argv, &a);
	for (i = 0; i < a.n; i++) {
		ch = a.v[i].opt->letter;
		arg = a.v[i].value;
		excl(ls, ch, status);
		switch (ch) {
		case 'b':
			ls->bytes = 1;
			break;
		case 'i':
			id = parse_ipc_id(ls, arg);
			break;
		case 'e':
			ls->mode = MODE_EXPORT;
			break;
		case 'r':
			ls->mode = MODE_RAW;
			break;
		case 'o':
			*outarg = arg;
			break;
		case 'g':
			*global = 1;
			break;
		case 'q':
			*msg = 1;
			add_columns(ls, msg_cols, NELEM(msg_cols));
			ls->lower = FIRST_MSG;
			ls->upper = LAST_MSG;
			break;
		case 'l':
			ls->mode = MODE_LIST;
			break;
		case 'm':
			*shm = 1;
			add_columns(ls, shm_cols, NELEM(shm_cols));
			ls->lower = FIRST_SHM;
			ls->upper = LAST_SHM;
			break;
		case 'n':
			ls->mode = MODE_NEWLINE;
			break;
		case 'P':
			ls->numperms = 1;
			break;
		case 's':
			*sem = 1;
			add_columns(ls, sem_cols, NELEM(sem_cols));
			ls->lower = FIRST_SEM;
			ls->upper = LAST_SEM;
			break;
		case OPT_NOTRUNC:
			ls->notrunc = 1;
			break;
		case OPT_NOHEAD:
			ls->noheadings = 1;
			break;
		case OPT_TIME_FMT:
			if (strcmp(arg, "iso") == 0)
				ls->time_mode = TM_ISO;
			else if (strcmp(arg, "full") == 0)
				ls->time_mode = TM_FULL;
			else if (strcmp(arg, "short") == 0)
				ls->time_mode = TM_SHORT;
			else
				lsipc_errx(ls, "unknown time format: %s",
				    arg);
			break;
		case 'J':
			ls->mode = MODE_JSON;
			break;
		case 't':
			*times = 1;
			break;
		case 'c':
			*creat = 1;
			break;
		case 'y':
			ls->shellvar = 1;
			break;
		case 'h':
			usage(ls);
			break;
		case 'V':
			print_version();
			break;
		}
	}
	if (a.error != NULL) {
		fputs(a.error, stderr);
		try_help(ls);
	}
	args_free(&a);
	return id;
}

/* Choose the columns from the types and options given. */
static void
choose_columns(struct lsipc *ls, int shm, int msg, int sem, int creat,
    int times)
{
	size_t	i;

	if (ls->mode == MODE_PRETTY && !creat && !times) {
		/* As lsipc: the --id form has every column. */
		for (ls->ncols = 0, i = 0; i < C_NCOLS; i++)
			ls->cols[ls->ncols++] = (int)i;
	} else
		extra_columns(ls, shm, msg, sem, creat, times);
}

static enum lt_format
table_format(int mode)
{
	switch (mode) {
	case MODE_EXPORT:
		return LT_EXPORT;
	case MODE_NEWLINE:
		return LT_NEWLINE;
	case MODE_RAW:
		return LT_RAW;
	case MODE_JSON:
		return LT_JSON;
	default:
		return LT_HUMAN;
	}
}

/* Make the table with the chosen columns. */
static void
setup_table(struct lsipc *ls, struct lstab *t)
{
	size_t		i;
	unsigned	flags;

	lt_init(t, table_format(ls->mode));
	t->noheadings = ls->noheadings || ls->mode == MODE_PRETTY;
	t->shellvar = ls->shellvar;
	for (i = 0; i < ls->ncols; i++) {
		flags = lscols[ls->cols[i]].flags;
		if (ls->notrunc)
			flags &= ~LT_TRUNC;
		lt_add_column(t, lscols[ls->cols[i]].name, flags);
	}
}

/* lsipc NAME...: util-linux 2.38's lsipc. */
int
lsipc_main(int argc, char **argv)
{
	struct lsipc	 ls;
	struct lstab	 t, sub;
	const char	*outarg = NULL, *p;
	int		 shm = 0, msg = 0, sem = 0, global = 0, creat = 0;
	int		 times = 0, id, rval = 0;

	memset(&ls, 0, sizeof(ls));
	p = strrchr(argv[0], '/');
	ls.prog = p != NULL ? p + 1 : argv[0];
	filter_init(&ls.filt);
	id = parse_options(&ls, argc, argv, &shm, &msg, &sem, &global, &creat,
	    &times, &outarg);
	if (shm + msg + sem == 0) {
		shm = msg = sem = global = 1;
		if (times || creat || id != -1)
			lsipc_errx(&ls, "--global is mutually exclusive with "
			    "--creator, --id and --time");
	}
	if (global) {
		add_columns(&ls, sum_cols, NELEM(sum_cols));
		ls.lower = FIRST_SUM;
		ls.upper = LAST_SUM;
	}
	if (id != -1 && ls.mode == MODE_TABLE)
		ls.mode = MODE_PRETTY;
	if (ls.time_mode == 0)
		ls.time_mode = ls.mode == MODE_PRETTY ? TM_FULL : TM_SHORT;
	choose_columns(&ls, shm, msg, sem, creat, times);
	if (outarg != NULL && output_list(&ls, outarg) == -1)
		return 1;

	setup_table(&ls, &t);
	lt_init(&sub, LT_HUMAN);
	sub.shellvar = ls.shellvar;
	if (global)
		t.name = "ipclimits";
	if (msg)
		rval |= run_type(&ls, &t, NULL, T_MSG, id, global);
	if (shm)
		rval |= run_type(&ls, &t, NULL, T_SHM, id, global);
	if (sem)
		rval |= run_type(&ls, &t, ls.mode == MODE_PRETTY ? &sub : NULL,
		    T_SEM, id, global);
	if (ls.mode == MODE_PRETTY)
		print_pretty(&ls, &t, &sub);
	else
		lt_print(&t, stdout);
	lt_free(&t);
	lt_free(&sub);
	return stdout_check() | rval;
}
