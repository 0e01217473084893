/* SPDX-License-Identifier: ISC */
/*
 * column.c - the column registry: name, help, which types have it, how it
 * aligns, which costly pass it needs, and its getter.
 *
 * Getters only read the model: they make no system call.  What a column
 * needs beyond the base listing (its NEED_* flags) is fetched beforehand
 * by collect_enrich() when column_needs() says so; names too, into
 * proc.c's cache, which the getters read with user_name_cached() and
 * group_name_cached().
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ipctool.h"

enum {
	C_TYPE,
	C_KEY, C_ID, C_NAME, C_OWNER, C_PERMS, C_CUID, C_CUSER, C_CGID,
	C_CGROUP, C_UID, C_USER, C_GID, C_GROUP, C_CTIME, C_MTIME,
	C_SIZE, C_NATTCH, C_STATUS, C_ATTACH, C_DETACH, C_COMMAND, C_CPID,
	C_LPID, C_RSS, C_SWAP,
	C_USEDBYTES, C_MSGS, C_SEND, C_RECV, C_LSPID, C_LRPID, C_QBYTES,
	C_USEPCT,
	C_NSEMS, C_OTIME, C_SVAL,
	C_ATTACHED, C_STALE, C_NS,
	C_COUNT
};

#define SHM	TBIT(T_SHM)
#define MSG	TBIT(T_MSG)
#define SEM	TBIT(T_SEM)
#define PSHM	TBIT(T_PSHM)
#define PMQ	TBIT(T_PMQ)
#define PSEM	TBIT(T_PSEM)
#define R	COL_RIGHT
#define T	COL_TRUNC
#define TN	COL_TRUNC_NAME

const struct column columns[] = {
	[C_TYPE] = { "TYPE", "Resource type: shm, msg, sem, pshm, pmq, psem",
	    TYPES_ALL, 0, 0 },
	[C_KEY] = { "KEY", "Resource key", TYPES_SYSV, 0, 0 },
	[C_ID] = { "ID", "Resource ID", TYPES_SYSV, R, 0 },
	[C_NAME] = { "NAME", "POSIX object name, with its leading /",
	    TYPES_POSIX, T, 0 },
	[C_OWNER] = { "OWNER", "Owner's username or UID", TYPES_ALL, TN,
	    NEED_UNAME },
	[C_PERMS] = { "PERMS", "Permissions", TYPES_ALL, R, 0 },
	[C_CUID] = { "CUID", "Creator UID", TYPES_SYSV, R, 0 },
	[C_CUSER] = { "CUSER", "Creator user", TYPES_SYSV, TN, NEED_CUNAME },
	[C_CGID] = { "CGID", "Creator GID", TYPES_SYSV, R, 0 },
	[C_CGROUP] = { "CGROUP", "Creator group", TYPES_SYSV, TN,
	    NEED_CGNAME },
	[C_UID] = { "UID", "User ID", TYPES_ALL, R, 0 },
	[C_USER] = { "USER", "User name", TYPES_ALL, TN, NEED_UNAME },
	[C_GID] = { "GID", "Group ID", TYPES_ALL, R, 0 },
	[C_GROUP] = { "GROUP", "Group name", TYPES_ALL, TN, NEED_GNAME },
	[C_CTIME] = { "CTIME", "Time of the last change", TYPES_SYSV, R, 0 },
	[C_MTIME] = { "MTIME", "Time of the last modification",
	    TYPES_POSIX, R, 0 },
	[C_SIZE] = { "SIZE", "Segment or object size", SHM | PSHM, R, 0 },
	[C_NATTCH] = { "NATTCH", "Number of attached processes", SHM, R, 0 },
	[C_STATUS] = { "STATUS", "Status (dest, locked)", SHM, 0, 0 },
	[C_ATTACH] = { "ATTACH", "Attach time", SHM, R, 0 },
	[C_DETACH] = { "DETACH", "Detach time", SHM, R, 0 },
	[C_COMMAND] = { "COMMAND", "Creator command line", SHM,
	    T, NEED_CMD },
	[C_CPID] = { "CPID", "PID of the creator", SHM, R, 0 },
	[C_LPID] = { "LPID", "PID of last user", SHM, R, 0 },
	[C_RSS] = { "RSS", "Resident size", SHM, R, NEED_RSS },
	[C_SWAP] = { "SWAP", "Swapped-out size", SHM, R, NEED_RSS },
	[C_USEDBYTES] = { "USEDBYTES", "Bytes used", MSG | PMQ, R, 0 },
	[C_MSGS] = { "MSGS", "Number of messages", MSG | PMQ, R, 0 },
	[C_SEND] = { "SEND", "Time of last msg sent", MSG, R, 0 },
	[C_RECV] = { "RECV", "Time of last msg received", MSG, R, 0 },
	[C_LSPID] = { "LSPID", "PID of the last msg sender", MSG, R, 0 },
	[C_LRPID] = { "LRPID", "PID of the last msg receiver", MSG, R, 0 },
	[C_QBYTES] = { "QBYTES", "Queue capacity in bytes", MSG, R,
	    NEED_QBYTES },
	[C_USEPCT] = { "USE%", "Queue fill, USEDBYTES of QBYTES", MSG, R,
	    NEED_QBYTES },
	[C_NSEMS] = { "NSEMS", "Number of semaphores", SEM, R, 0 },
	[C_OTIME] = { "OTIME", "Time of the last operation", SEM, R, 0 },
	[C_SVAL] = { "SVAL", "Semaphore value", PSEM, R, 0 },
	[C_ATTACHED] = { "ATTACHED",
	    "PIDs that map the segment, or map or hold the POSIX object",
	    SHM | TYPES_POSIX, T, NEED_ATTACHED },
	[C_STALE] = { "STALE", "Why the resource is stale, empty if not",
	    TYPES_ALL, T, NEED_ALIVE | NEED_SEMPIDS },
	[C_NS] = { "NS", "IPC namespace inode", TYPES_ALL, R, NEED_NS },
};
const size_t ncolumns = C_COUNT;

static const int defaults[T_NTYPES][12] = {
	[T_SHM] = { C_KEY, C_ID, C_PERMS, C_OWNER, C_SIZE, C_NATTCH, C_STATUS,
	    C_CTIME, C_CPID, C_LPID, -1 },
	[T_MSG] = { C_KEY, C_ID, C_PERMS, C_OWNER, C_USEDBYTES, C_MSGS,
	    C_LSPID, C_LRPID, -1 },
	[T_SEM] = { C_KEY, C_ID, C_PERMS, C_OWNER, C_NSEMS, C_OTIME, -1 },
	[T_PSHM] = { C_NAME, C_PERMS, C_OWNER, C_SIZE, C_MTIME, -1 },
	[T_PMQ] = { C_NAME, C_PERMS, C_OWNER, C_USEDBYTES, C_MSGS, C_MTIME,
	    -1 },
	[T_PSEM] = { C_NAME, C_PERMS, C_OWNER, C_SVAL, C_MTIME, -1 },
};

/* The index of a column by name, any case; -1 if unknown. */
int
column_find(const char *name)
{
	size_t	i;

	for (i = 0; i < ncolumns; i++)
		if (strcasecmp(name, columns[i].name) == 0)
			return (int)i;
	return -1;
}

/* The default columns of a type. */
void
column_defaults(enum ipc_type t, struct colset *cs)
{
	int	i;

	cs->n = 0;
	for (i = 0; defaults[t][i] != -1; i++)
		cs->col[cs->n++] = defaults[t][i];
}

/*
 * Every column a type has but TYPE, which show and top say otherwise
 * (list's --output-all puts it first).
 */
void
column_all(enum ipc_type t, struct colset *cs)
{
	size_t	i;

	cs->n = 0;
	for (i = 0; i < ncolumns; i++)
		if ((columns[i].types & TBIT(t)) && i != C_TYPE)
			cs->col[cs->n++] = (int)i;
}

/* Put column c first in cs. */
static void
column_prepend(int c, struct colset *cs)
{
	if (cs->n == MAXCOLS)
		cs->n--;
	memmove(cs->col + 1, cs->col, (size_t)cs->n * sizeof(cs->col[0]));
	cs->col[0] = c;
	cs->n++;
}

/* What the costly passes for a column set are. */
unsigned
column_needs(const struct colset *cs)
{
	unsigned	needs = 0;
	int		i;

	for (i = 0; i < cs->n; i++)
		needs |= columns[cs->col[i]].needs;
	return needs;
}

/*
 * Append the columns of a comma-separated list valid for type t to cs.
 * Unknown names fail; a name the type lacks is skipped (the caller checks
 * that each name fits one of the requested types).
 */
int
column_parse_list(enum ipc_type t, const char *list, struct colset *cs,
    const char **bad)
{
	static char	 name[64];
	const char	*p, *e;
	size_t		 len;
	int		 c, i, dup;

	for (p = list; ; p = e + 1) {
		e = strchr(p, ',');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		if (len == 0 || len >= sizeof(name)) {
			*bad = len == 0 ? "" : p;
			return -1;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		if ((c = column_find(name)) == -1) {
			*bad = name;
			return -1;
		}
		for (dup = 0, i = 0; i < cs->n; i++)
			dup |= cs->col[i] == c;
		if ((columns[c].types & TBIT(t)) && !dup && cs->n < MAXCOLS)
			cs->col[cs->n++] = c;
		if (e == NULL)
			return 0;
	}
}

/* -t, -c and -p of list: what each adds, where the type has it. */
static const struct {
	unsigned	 bit;
	const char	*cols;
} presets[] = {
	{ PRESET_TIME, "CTIME,ATTACH,DETACH,SEND,RECV,OTIME,MTIME" },
	{ PRESET_CREATOR, "CUID,CUSER,CGID,CGROUP" },
	{ PRESET_PID, "CPID,LPID,LSPID,LRPID" },
};

/* The types of a mask as words: "shm", "shm or msg", "shm, msg or sem". */
const char *
types_text(unsigned types, char *buf, size_t len)
{
	size_t	o = 0;
	int	t, n, left;

	buf[0] = '\0';
	for (left = 0, t = 0; t < T_NTYPES; t++)
		left += (types & TBIT(t)) != 0;
	for (n = 0, t = 0; t < T_NTYPES && o < len; t++) {
		if (!(types & TBIT(t)))
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%s%s",
		    n == 0 ? "" : n + 1 == left ? " or " : ", ", type_name(t));
		n++;
	}
	return buf;
}

/*
 * Resolve the request's -o/--output-all/--sort into per-type column sets;
 * on a usage error return -1 with a message in *err.
 */
int
request_columns(struct request *rq, const char **err)
{
	static char	 msg[256];
	const char	*list, *bad, *p, *e;
	char		 name[64], tt[64], tt2[64];
	size_t		 len, i;
	int		 t, c, mixed;

	list = rq->output;
	if (list != NULL && *list == '+')
		list++;
	/*
	 * TYPE leads the default columns of raw or export output mixing
	 * types, so that a script tells rows apart, and --output-all but in
	 * JSON, whose members name the type.
	 */
	mixed = (rq->types & (rq->types - 1)) != 0 &&
	    (rq->oo.mode == OUT_RAW || rq->oo.mode == OUT_EXPORT);
	for (t = 0; t < T_NTYPES; t++) {
		if (!(rq->types & TBIT(t)))
			continue;
		if (rq->output_all)
			column_all(t, &rq->cols[t]);
		else if (rq->output == NULL || rq->output[0] == '+')
			column_defaults(t, &rq->cols[t]);
		else
			rq->cols[t].n = 0;
		if ((rq->output_all && rq->oo.mode != OUT_JSON) ||
		    (mixed && (rq->output == NULL || rq->output[0] == '+')))
			column_prepend(C_TYPE, &rq->cols[t]);
		if (list != NULL && column_parse_list(t, list, &rq->cols[t],
		    &bad) == -1) {
			snprintf(msg, sizeof(msg), "unknown column '%s'", bad);
			*err = msg;
			return -1;
		}
		for (i = 0; i < sizeof(presets) / sizeof(presets[0]); i++)
			if ((rq->presets & presets[i].bit) &&
			    column_parse_list(t, presets[i].cols,
			    &rq->cols[t], &bad) == -1)
				fatal("preset column '%s'", bad);
	}
	/* Each named column must fit at least one requested type. */
	for (p = list; p != NULL; p = e != NULL ? e + 1 : NULL) {
		e = strchr(p, ',');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		if (len >= sizeof(name))
			len = sizeof(name) - 1;
		memcpy(name, p, len);
		name[len] = '\0';
		c = column_find(name);
		if (c == -1 || !(columns[c].types & rq->types)) {
			snprintf(msg, sizeof(msg), "column '%s' does not apply "
			    "to %s", name, types_text(rq->types, tt,
			    sizeof(tt)));
			*err = msg;
			return -1;
		}
	}
	/* A sort column sorts the types that have it, and one of them. */
	for (c = 0; c < rq->nsort; c++)
		if (!(columns[rq->sort[c]].types & rq->types)) {
			snprintf(msg, sizeof(msg), "sort column '%s' does not "
			    "apply to %s; it is a column of %s",
			    columns[rq->sort[c]].name, types_text(rq->types,
			    tt, sizeof(tt)), types_text(columns[rq->sort[c]].
			    types, tt2, sizeof(tt2)));
			*err = msg;
			return -1;
		}
	return 0;
}

/* Name or number, for user-like columns. */
static void
idname(struct cell *c, const char *name, unsigned long id)
{
	c->kind = CELL_STR;
	if (name != NULL)
		c->str = name;
	else {
		fmt_u64(id, c->buf);
		c->str = c->buf;
	}
}

static void
num(struct cell *c, uint64_t v)
{
	c->kind = CELL_NUM;
	c->u = v;
}

static void
when(struct cell *c, int64_t t)
{
	c->kind = t > 0 ? CELL_TIME : CELL_NULL;
	c->i = t;
}

static void
size(struct cell *c, uint64_t v)
{
	c->kind = CELL_SIZE;
	c->u = v;
}

/* Fill one cell with column col of object o (of type t). */
void
column_value(int col, enum ipc_type t, const struct ipc_obj *o,
    const struct ctx *ctx, struct cell *c)
{
	c->kind = CELL_NULL;
	c->str = NULL;
	switch (col) {
	case C_TYPE:
		c->kind = CELL_STR;
		c->str = type_name(t);
		break;
	case C_KEY:
		c->kind = CELL_KEY;
		c->u = o->key;
		break;
	case C_ID:
		num(c, (uint64_t)o->id);
		break;
	case C_NAME:
		if (o->name != NULL) {
			c->kind = CELL_STR;
			c->str = o->name;
		}
		break;
	case C_OWNER:
	case C_USER:
		idname(c, user_name_cached(o->uid), o->uid);
		break;
	case C_PERMS:
		c->kind = CELL_PERMS;
		c->u = o->mode;
		break;
	case C_CUID:
		num(c, o->cuid);
		break;
	case C_CUSER:
		idname(c, user_name_cached(o->cuid), o->cuid);
		break;
	case C_CGID:
		num(c, o->cgid);
		break;
	case C_CGROUP:
		idname(c, group_name_cached(o->cgid), o->cgid);
		break;
	case C_UID:
		num(c, o->uid);
		break;
	case C_GID:
		num(c, o->gid);
		break;
	case C_GROUP:
		idname(c, group_name_cached(o->gid), o->gid);
		break;
	case C_CTIME:
		when(c, o->ctime);
		break;
	case C_MTIME:
		when(c, o->u.px.mtime);
		break;
	case C_SIZE:
		size(c, t == T_SHM ? o->u.shm.size : o->u.px.size);
		break;
	case C_NATTCH:
		num(c, o->u.shm.nattch);
		break;
	case C_STATUS:
		c->kind = CELL_STR;
		c->str = (o->mode & SHM_DEST) ?
		    ((o->mode & SHM_LOCKED) ? "dest,locked" : "dest") :
		    ((o->mode & SHM_LOCKED) ? "locked" : "");
		break;
	case C_ATTACH:
		when(c, o->u.shm.atime);
		break;
	case C_DETACH:
		when(c, o->u.shm.dtime);
		break;
	case C_COMMAND:
		if ((o->has & HAS_CMD) && o->cmd != NULL) {
			c->kind = CELL_STR;
			c->str = o->cmd;
		}
		break;
	case C_CPID:
		num(c, (uint64_t)o->u.shm.cpid);
		break;
	case C_LPID:
		num(c, (uint64_t)o->u.shm.lpid);
		break;
	case C_RSS:
		if (o->has & HAS_RSS)
			size(c, o->u.shm.rss);
		break;
	case C_SWAP:
		if (o->has & HAS_RSS)
			size(c, o->u.shm.swap);
		break;
	case C_USEDBYTES:
		if (t == T_MSG)
			size(c, o->u.msg.cbytes);
		else if (o->has & HAS_QSIZE)
			size(c, o->u.px.size);
		break;
	case C_MSGS:
		if (t == T_MSG)
			num(c, o->u.msg.qnum);
		else if (o->has & HAS_MSGS)
			num(c, o->u.px.msgs);
		break;
	case C_SEND:
		when(c, o->u.msg.stime);
		break;
	case C_RECV:
		when(c, o->u.msg.rtime);
		break;
	case C_LSPID:
		num(c, (uint64_t)o->u.msg.lspid);
		break;
	case C_LRPID:
		num(c, (uint64_t)o->u.msg.lrpid);
		break;
	case C_QBYTES:
		if (o->has & HAS_QBYTES)
			size(c, o->u.msg.qbytes);
		break;
	case C_USEPCT:
		if ((o->has & HAS_QBYTES) && o->u.msg.qbytes > 0) {
			c->kind = CELL_PCT;
			c->u = (o->u.msg.cbytes * 10000 + o->u.msg.qbytes / 2) /
			    o->u.msg.qbytes;
		}
		break;
	case C_NSEMS:
		num(c, o->u.sem.nsems);
		break;
	case C_OTIME:
		when(c, o->u.sem.otime);
		break;
	case C_SVAL:
		if (o->has & HAS_SVAL) {
			c->kind = CELL_SNUM;
			c->i = o->u.px.sval;
		}
		break;
	case C_ATTACHED:
		if (o->has & HAS_ATTACHED) {
			c->kind = CELL_PIDS;
			c->pids = o->pids;
			c->npids = o->npids;
		}
		break;
	case C_STALE:
		/* Why it is stale; empty if not.  Unjudged: unknown. */
		if (o->has & HAS_STALE) {
			c->kind = CELL_STR;
			c->str = o->stale == STALE_YES && o->stale_why != NULL ?
			    o->stale_why : "";
		}
		break;
	case C_NS:
		num(c, ctx->ns);
		break;
	}
}
