/* SPDX-License-Identifier: ISC */
/*
 * show.c - one resource in full, for "ipctool show" and top's detail
 * pane: find it, gather what its type adds (attached processes,
 * semaphore rows, queued messages), then render it as lines of text or
 * as JSON.  Everything that reads the system happens in show_find() and
 * show_gather(); the renderers only format what was gathered.
 */
#include <sys/ipc.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

#define PREVIEW_BYTES	60		/* of a message, in the preview */
#define PREVIEW_WIDTH	60		/* of its escaped text */
#define PEEK_MAX	(64u << 20)	/* largest message we try to copy */

/* A message copied off a queue, as far as the preview goes. */
struct peeked {
	long	 type;
	size_t	 size;
	char	 text[PREVIEW_BYTES];
	size_t	 len;			/* bytes in text */
};

/* One semaphore's row: its state, or why it could not be read. */
struct semrow {
	struct semstate	 s;
	int		 err;		/* 0, or the errno of the failed read */
	const char	*cmd;		/* last operator's, if it still runs */
};

/* One mapping of the segment, with who holds it. */
struct attrow {
	struct attach	 a;
	const char	*cmd;		/* NULL: unknown */
	const char	*user;		/* NULL: no name, see uid */
	uid_t		 uid;
	int		 has_uid;
};

/* Everything show knows about the one object, before any output. */
struct show {
	struct show_req	 rq;
	struct ctx	 ctx;
	int		 found;		/* 0: only the fields of a copy */
	char		 stale[STALE_REASON_LEN + 32];
	struct colset	 cols;
	struct ipc_set	 set;		/* holds the object and its pids */
	struct ipc_obj	*o;

	/* shm; POSIX: the holders, without addresses */
	struct attrow	*att;		/* this segment's mappings */
	size_t		 natt;
	int		 scanned;	/* 0: /proc could not be scanned */
	int		 has_orig_key;
	uint32_t	 orig_key;	/* from the mapping name, after IPC_RMID */

	/* sem */
	struct semrow	*sems;
	size_t		 nsems;		/* rows read */
	size_t		 more_sems;	/* rows past rq.max_sems, not read */

	/* msg */
	struct peeked	*msgs;
	size_t		 nmsgs;
	int		 peek_err;	/* errno that stopped the peeking, or 0 */

	/* msg and sem: the processes blocked on it */
	struct waiter_info *w;
	size_t		 nw;
	int		 w_partial;	/* some processes could not be read */
	const char	**w_cmd;	/* their commands, NULL: unknown */
	int		*w_sop;		/* sem: the op it blocks on, or -1 */
};

static void	gather_waiters(struct show *);
static void	text_waiters(struct show *, struct lines *);
static void	json_waiters(struct show *, struct json *);

/* How each type is found, completed and printed. */
struct show_type {
	int	(*find)(const char *, struct show *);
	void	(*gather)(struct show *);
	void	(*text)(struct show *, struct lines *);
	void	(*json)(struct show *, struct json *);
};

/*
 * The name of the resource for messages: "shm 42", "shm key 0x.." or
 * "pshm /name" (escaped).
 */
const char *
show_what(const struct show *sh)
{
	static char	buf[POSIX_NAME_LEN * 4 + 16];
	size_t		n;

	if (TBIT(sh->rq.type) & TYPES_POSIX) {
		n = (size_t)snprintf(buf, sizeof(buf), "%s ",
		    type_name(sh->rq.type));
		fmt_escape(sh->rq.name, 0, buf + n, sizeof(buf) - n);
	} else if (sh->rq.by_key)
		snprintf(buf, sizeof(buf), "%s key 0x%08x",
		    type_name(sh->rq.type), sh->rq.key);
	else
		snprintf(buf, sizeof(buf), "%s %d", type_name(sh->rq.type),
		    sh->rq.id);
	return buf;
}

/*
 * Read the one object (id for SysV, name for POSIX) with needs into
 * sh->set, for find_sysv() and find_posix(): 1 if found, 0 if not, -1 on
 * error (reported, naming context, unless context is NULL; a pass that
 * failed has said so itself).
 */
static int
find_one(const char *context, struct show *sh, int id, const char *name,
    unsigned needs)
{
	switch (pipeline_one(sh->rq.type, id, name, needs, &sh->set)) {
	case 1:
		sh->o = &sh->set.v[0];
		return 1;
	case 0:
		return 0;
	case -1:
		if (context != NULL)
			warn_("%s: %s", context, show_what(sh));
		return -1;
	default:
		return -1;
	}
}

/*
 * Find a SysV object by id (*_STAT_ANY) or key (the listing, which costs
 * little without RSS) and keep it as the only member of sh->set; a
 * segment's RSS and SWAP come from /proc/sysvipc/shm, read only as far
 * as its row.  1 if found, 0 if not, -1 on error (reported, naming
 * context, unless context is NULL).
 */
static int
find_sysv(const char *context, struct show *sh)
{
	struct ipc_set	 all;
	size_t		 i;
	unsigned	 needs;
	int		 id = sh->rq.id, found = !sh->rq.by_key;

	if (sh->rq.by_key) {
		if (pipeline_collect(sh->rq.type, 0, NULL, 0, &all) == -1)
			return -1;
		for (i = 0; i < all.n && !found; i++)
			if (all.v[i].key == sh->rq.key) {
				id = all.v[i].id;
				found = 1;
			}
		set_free(&all);
	}
	set_init(&sh->set, sh->rq.type);
	if (!found)
		return 0;
	/* gather_shm() finds the attachments; a queue's capacity is shown. */
	needs = column_needs(&sh->cols) & ~NEED_ATTACHED;
	if (sh->rq.type == T_MSG)
		needs |= NEED_QBYTES;
	return find_one(context, sh, id, NULL, needs);
}

/*
 * The segment's mappings: every maps line whose inode is the shmid (the
 * scan keeps to our IPC namespace, where shmids are unique).  One line is
 * one attach as NATTCH counts them.
 */
static void
gather_shm(struct show *sh)
{
	struct attach	*a;
	size_t		 na, i, n = 0, k;
	pid_t		*pids;

	if (proc_scan_sysv_maps(&a, &na) == -1)
		return;
	sh->scanned = 1;
	for (i = 0; i < na; i++)
		if (attach_is_of(&a[i], sh->o))
			a[n++] = a[i];
	sort_array(a, n, sizeof(*a), attach_cmp);
	sh->att = n > 0 ? xcalloc(n, sizeof(*sh->att)) : NULL;
	sh->natt = n;
	for (i = 0; i < n; i++) {
		if (sh->o->key == 0 && a[i].key != 0) {
			sh->has_orig_key = 1;
			sh->orig_key = a[i].key;
		}
		sh->att[i].a = a[i];
		sh->att[i].cmd = proc_cmdline(a[i].pid);
		if (proc_uid(a[i].pid, &sh->att[i].uid) == 0) {
			sh->att[i].has_uid = 1;
			sh->att[i].user = user_name(sh->att[i].uid);
		}
	}
	/* ATTACHED: the distinct pids. */
	for (k = 0, i = 0; i < n; i++)
		k += i == 0 || a[i].pid != a[i - 1].pid;
	pids = k > 0 ? set_pids(&sh->set, k) : NULL;
	for (k = 0, i = 0; i < n; i++)
		if (i == 0 || a[i].pid != a[i - 1].pid)
			pids[k++] = a[i].pid;
	sh->o->pids = pids;
	sh->o->npids = (uint32_t)k;
	sh->o->has |= HAS_ATTACHED;
	free(a);
}

/*
 * Find a POSIX object by name and keep it as the only member of sh->set.
 * 1 if found, 0 if not, -1 on error (reported, naming context, unless
 * context is NULL).
 */
static int
find_posix(const char *context, struct show *sh)
{
	/* The names its columns print; gather_posix() finds the holders. */
	return find_one(context, sh, 0, sh->rq.name,
	    column_needs(&sh->cols) & NEED_NAMES);
}

/*
 * The processes that map the object or hold it open, by device and
 * inode, with their users and commands.
 */
static void
gather_posix(struct show *sh)
{
	struct attrow	*r;
	size_t		 i;

	posix_enrich_holders(&sh->set);
	if (!(sh->o->has & HAS_ATTACHED))
		return;
	sh->scanned = 1;
	sh->natt = sh->o->npids;
	sh->att = sh->natt > 0 ? xcalloc(sh->natt, sizeof(*sh->att)) : NULL;
	for (i = 0; i < sh->natt; i++) {
		r = &sh->att[i];
		r->a.pid = sh->o->pids[i];
		r->cmd = proc_cmdline(r->a.pid);
		if (proc_uid(r->a.pid, &r->uid) == 0) {
			r->has_uid = 1;
			r->user = user_name(r->uid);
		}
	}
}

/*
 * Each semaphore's state; one that cannot be read keeps its errno.  The
 * last operator's command is shown only if that process still runs (a
 * process started after the set was last used has only reused the pid).
 */
static void
gather_sem(struct show *sh)
{
	struct semrow	*r;
	int64_t		 used;
	size_t		 i;

	sh->nsems = (size_t)sh->o->u.sem.nsems;
	if (sh->nsems > INT_MAX)
		sh->nsems = INT_MAX;
	/* top's pane, redrawn every refresh, reads only the first ones. */
	if (sh->rq.max_sems > 0 && sh->nsems > sh->rq.max_sems) {
		sh->more_sems = sh->nsems - sh->rq.max_sems;
		sh->nsems = sh->rq.max_sems;
	}
	if (sh->nsems == 0)
		return;
	used = last_activity(T_SEM, sh->o);
	sh->sems = xcalloc(sh->nsems, sizeof(*sh->sems));
	for (i = 0; i < sh->nsems; i++) {
		r = &sh->sems[i];
		if (sysvctl_semstate(sh->o->id, (int)i, &r->s) == -1)
			r->err = errno;
		else if (proc_alive(r->s.pid, used))
			r->cmd = proc_cmdline(r->s.pid);
	}
	gather_waiters(sh);
}

/*
 * With --messages, copy the first messages off the queue, leaving it as
 * it was.  Stops at the first error, which is kept for the note.
 */
static void
peek_msgs(struct show *sh)
{
	struct peeked	*p;
	uint64_t	 want;
	size_t		 textsz;
	ssize_t		 r;
	char		*buf;
	long		 i;

	if (sh->rq.messages < 0)
		return;
	want = sh->o->u.msg.qnum < (uint64_t)sh->rq.messages ?
	    sh->o->u.msg.qnum : (uint64_t)sh->rq.messages;
	if (want == 0)
		return;
	/* No message is larger than all the queue holds. */
	textsz = sh->o->u.msg.cbytes > PEEK_MAX ? PEEK_MAX :
	    (size_t)sh->o->u.msg.cbytes;
	if (textsz < 8192)
		textsz = 8192;
	buf = xcalloc(1, sizeof(long) + textsz);
	sh->msgs = xcalloc((size_t)want, sizeof(*sh->msgs));
	for (i = 0; (uint64_t)i < want; i++) {
		if ((r = sysvctl_peek(sh->o->id, i, buf, textsz)) == -1) {
			/* ENOMSG: the queue shrank meanwhile. */
			if (errno != ENOMSG)
				sh->peek_err = errno;
			break;
		}
		p = &sh->msgs[sh->nmsgs++];
		memcpy(&p->type, buf, sizeof(long));
		p->size = (size_t)r;
		p->len = p->size < PREVIEW_BYTES ? p->size : PREVIEW_BYTES;
		memcpy(p->text, buf + sizeof(long), p->len);
	}
	free(buf);
}

/*
 * Which operation of a blocked semop waits, by the values now: the first
 * that cannot be done once those before it are (a decrement below zero,
 * or a wait for zero on a non-zero value), as the kernel tries them; -1
 * if the operations or values are unknown, or none would block now.
 */
static int
blocking_op(const struct show *sh, const struct waiter_info *wi)
{
	int	val[WAITER_MAXOPS], i, k;

	if (wi->nops <= 0 || (unsigned long)wi->nops != wi->nsops)
		return -1;
	for (i = 0; i < wi->nops; i++) {
		if (wi->ops[i].num >= sh->nsems ||
		    sh->sems[wi->ops[i].num].err != 0)
			return -1;
		val[i] = sh->sems[wi->ops[i].num].s.val;
		/* An earlier operation on the same semaphore changed it. */
		for (k = 0; k < i; k++)
			if (wi->ops[k].num == wi->ops[i].num)
				val[i] = val[k] + wi->ops[k].op;
		if (wi->ops[i].flg & IPC_NOWAIT)
			continue;
		if (wi->ops[i].op == 0 && val[i] != 0)
			return i;
		if (wi->ops[i].op < 0 && val[i] + wi->ops[i].op < 0)
			return i;
	}
	return -1;
}

/*
 * The processes blocked on the queue or set (in msgsnd, msgrcv, semop),
 * from /proc/PID/syscall, with their commands.
 */
static void
gather_waiters(struct show *sh)
{
	size_t	i;

	sh->w_partial = waiters_of(sh->rq.type, sh->o->id, &sh->w, &sh->nw) ==
	    -1;
	if (sh->nw == 0)
		return;
	sh->w_cmd = xcalloc(sh->nw, sizeof(*sh->w_cmd));
	sh->w_sop = xcalloc(sh->nw, sizeof(*sh->w_sop));
	for (i = 0; i < sh->nw; i++) {
		sh->w_cmd[i] = proc_cmdline(sh->w[i].pid);
		sh->w_sop[i] = sh->rq.type == T_SEM ?
		    blocking_op(sh, &sh->w[i]) : -1;
	}
}

/* With --messages the first messages; and who is blocked on it. */
static void
gather_msg(struct show *sh)
{
	peek_msgs(sh);
	gather_waiters(sh);
}

/* Text of one cell for the field lines. */
static void
field_text(const struct show *sh, const struct cell *c, char *buf,
    size_t len)
{
	char	tmp[64], human[32];
	size_t	n;

	/* Exact bytes first: this is the detailed view. */
	if (c->kind == CELL_SIZE && !sh->rq.oo.bytes) {
		fmt_u64(c->u, tmp);
		if (c->u < 1024) {
			snprintf(buf, len, "%s", tmp);
			return;
		}
		fmt_size(c->u, human, sizeof(human));
		snprintf(buf, len, "%s (%s)", tmp, human);
		return;
	}
	n = fmt_cell(c, &sh->rq.oo, buf, len);
	tmp[0] = '\0';
	if (c->kind == CELL_PERMS && !sh->rq.oo.numeric_perms)
		snprintf(tmp, sizeof(tmp), " (%03o)",
		    (unsigned)(c->u & 0777));
	else if (c->kind == CELL_KEY && sh->has_orig_key)
		snprintf(tmp, sizeof(tmp), " (was 0x%08x before removal)",
		    sh->orig_key);
	if (n + strlen(tmp) < len)
		memcpy(buf + n, tmp, strlen(tmp) + 1);
}

/*
 * The stale field: stale and why, or why not ("not stale: never used"),
 * or why it cannot be told, from the verdict collect_stale() kept.
 */
static void
stale_text(struct show *sh)
{
	const char	*why = sh->o->stale_why != NULL ? sh->o->stale_why : "";

	if (!(sh->o->has & HAS_STALE))
		snprintf(sh->stale, sizeof(sh->stale), "unknown: not judged, "
		    "so not stale");
	else if (sh->o->stale == STALE_YES)
		snprintf(sh->stale, sizeof(sh->stale), "stale: %s", why);
	else if (sh->o->stale == STALE_NO)
		snprintf(sh->stale, sizeof(sh->stale), "not stale: %s", why);
	else	/* why says "unknown: ..." */
		snprintf(sh->stale, sizeof(sh->stale), "%s, so not stale",
		    why);
}

/* Print the "name: value" lines of every list column. */
static void
print_fields(struct show *sh, struct lines *ls)
{
	struct cell	 c;
	char		 name[32], buf[16384];
	size_t		 w = 0, l;
	int		 i, j;

	for (i = 0; i < sh->cols.n; i++)
		if ((l = strlen(columns[sh->cols.col[i]].name)) > w)
			w = l;
	lines_add(ls, "%-*s %s", (int)w + 1, "type:", type_name(sh->rq.type));
	for (i = 0; i < sh->cols.n; i++) {
		for (j = 0; j < (int)sizeof(name) - 2 &&
		    columns[sh->cols.col[i]].name[j] != '\0'; j++)
			name[j] = (char)tolower((unsigned char)
			    columns[sh->cols.col[i]].name[j]);
		name[j++] = ':';
		name[j] = '\0';
		if (strcmp(columns[sh->cols.col[i]].name, "STALE") == 0)
			strlcpy(buf, sh->stale, sizeof(buf));
		else {
			column_value(sh->cols.col[i], sh->rq.type, sh->o,
			    &sh->ctx, &c);
			field_text(sh, &c, buf, sizeof(buf));
		}
		if (buf[0] == '\0')
			lines_add(ls, "%s", name);
		else
			lines_add(ls, "%-*s %s", (int)w + 1, name, buf);
	}
}

/* Digits in v, for column widths. */
static int
digits(uint64_t v)
{
	int	n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* The escaped user of a mapping, or "-". */
static void
user_text(const struct attrow *r, char *buf, size_t len)
{
	if (!r->has_uid)
		snprintf(buf, len, "-");
	else if (r->user != NULL)
		fmt_escape(r->user, 0, buf, len);
	else
		snprintf(buf, len, "%lu", (unsigned long)r->uid);
}

/* An escaped command line, or "-". */
static void
cmd_text(const char *cmd, char *buf, size_t len)
{
	if (cmd == NULL)
		snprintf(buf, len, "-");
	else
		fmt_escape(cmd, 0, buf, len);
}

static void
text_shm(struct show *sh, struct lines *ls)
{
	char		 user[256], cmd[4096], addr[64];
	size_t		 i;
	int		 wpid = 3, wuser = 4, waddr = 7, n;

	lines_add(ls, "%s", "");
	if (!sh->scanned) {
		lines_add(ls, "attached processes: unknown (/proc cannot be "
		    "read)");
		return;
	}
	if (sh->natt == 0 && sh->o->u.shm.nattch == 0) {
		lines_add(ls, "attached processes: none");
		return;
	}
	if (sh->natt < sh->o->u.shm.nattch)
		lines_add(ls, "attached processes: %zu of %llu visible (the "
		    "others are in processes this user cannot inspect or in "
		    "another PID namespace)", sh->natt,
		    (unsigned long long)sh->o->u.shm.nattch);
	else
		lines_add(ls, "attached processes: %zu", sh->natt);
	if (sh->natt == 0)
		return;
	for (i = 0; i < sh->natt; i++) {
		if ((n = digits((uint64_t)sh->att[i].a.pid)) > wpid)
			wpid = n;
		user_text(&sh->att[i], user, sizeof(user));
		if ((n = (int)text_width(user, strlen(user))) > wuser)
			wuser = n;
		n = snprintf(addr, sizeof(addr), "%llx-%llx",
		    (unsigned long long)sh->att[i].a.start,
		    (unsigned long long)sh->att[i].a.end);
		if (n > waddr)
			waddr = n;
	}
	lines_add(ls, "%*s %-*s %-*s %s", wpid, "PID", wuser, "USER", waddr,
	    "ADDRESS", "COMMAND");
	for (i = 0; i < sh->natt; i++) {
		user_text(&sh->att[i], user, sizeof(user));
		cmd_text(sh->att[i].cmd, cmd, sizeof(cmd));
		snprintf(addr, sizeof(addr), "%llx-%llx",
		    (unsigned long long)sh->att[i].a.start,
		    (unsigned long long)sh->att[i].a.end);
		n = wuser - (int)text_width(user, strlen(user));
		out_fit(cmd, (size_t)wpid + (size_t)wuser + (size_t)waddr + 3,
		    &sh->rq.oo);
		lines_add(ls, "%*d %s%*s %-*s %s", wpid,
		    (int)sh->att[i].a.pid, user, n, "", waddr, addr, cmd);
	}
}

/* A POSIX object's holders: PID, user, command. */
static void
text_holders(struct show *sh, struct lines *ls)
{
	char	user[256], cmd[4096];
	size_t	i;
	int	wpid = 3, wuser = 4, n;

	lines_add(ls, "%s", "");
	if (!sh->scanned) {
		lines_add(ls, "holders: unknown (/proc cannot be read)");
		return;
	}
	if (sh->natt == 0 && (sh->o->has & HAS_ALLPROCS)) {
		lines_add(ls, "holders: none");
		return;
	}
	if (!(sh->o->has & HAS_ALLPROCS))
		lines_add(ls, "holders: %zu visible (processes this user "
		    "cannot inspect may hold it too)", sh->natt);
	else
		lines_add(ls, "holders: %zu (processes that map it or hold it "
		    "open)", sh->natt);
	if (sh->natt == 0)
		return;
	for (i = 0; i < sh->natt; i++) {
		if ((n = digits((uint64_t)sh->att[i].a.pid)) > wpid)
			wpid = n;
		user_text(&sh->att[i], user, sizeof(user));
		if ((n = (int)text_width(user, strlen(user))) > wuser)
			wuser = n;
	}
	lines_add(ls, "%*s %-*s %s", wpid, "PID", wuser, "USER", "COMMAND");
	for (i = 0; i < sh->natt; i++) {
		user_text(&sh->att[i], user, sizeof(user));
		cmd_text(sh->att[i].cmd, cmd, sizeof(cmd));
		n = wuser - (int)text_width(user, strlen(user));
		out_fit(cmd, (size_t)wpid + (size_t)wuser + 2, &sh->rq.oo);
		lines_add(ls, "%*d %s%*s %s", wpid, (int)sh->att[i].a.pid,
		    user, n, "", cmd);
	}
}

/* A POSIX queue's limits and use, from mq_getattr() and QSIZE. */
static void
text_pmq_use(const struct ipc_obj *o, struct lines *ls)
{
	char	qsize[64];

	lines_add(ls, "%s", "");
	if (!(o->has & HAS_MSGS)) {
		lines_add(ls, "maxmsg: unknown (the queue cannot be opened)");
		lines_add(ls, "msgsize: unknown");
	} else {
		lines_add(ls, "maxmsg:  %llu",
		    (unsigned long long)o->u.px.maxmsg);
		lines_add(ls, "msgsize: %llu",
		    (unsigned long long)o->u.px.msgsize);
		if (o->has & HAS_QSIZE)
			snprintf(qsize, sizeof(qsize), ", %llu bytes (QSIZE)",
			    (unsigned long long)o->u.px.size);
		else
			qsize[0] = '\0';
		lines_add(ls, "queue use: %llu of %llu message%s%s",
		    (unsigned long long)o->u.px.msgs,
		    (unsigned long long)o->u.px.maxmsg,
		    o->u.px.maxmsg == 1 ? "" : "s", qsize);
	}
}

static void
text_posix(struct show *sh, struct lines *ls)
{
	if (sh->rq.type == T_PMQ)
		text_pmq_use(sh->o, ls);
	text_holders(sh, ls);
}

static void
text_sem(struct show *sh, struct lines *ls)
{
	const struct semrow	*r;
	char			 cmd[4096];
	size_t			 i;
	int			 wn, wv = 5, wp = 3, n;

	lines_add(ls, "%s", "");
	if (sh->nsems == 0) {
		lines_add(ls, "semaphores: none");
		return;
	}
	wn = digits(sh->nsems - 1) > 6 ? digits(sh->nsems - 1) : 6;
	for (i = 0; i < sh->nsems; i++) {
		r = &sh->sems[i];
		if (r->err != 0)
			continue;
		if ((n = digits((uint64_t)r->s.val)) > wv)
			wv = n;
		if ((n = digits((uint64_t)r->s.pid)) > wp)
			wp = n;
	}
	lines_add(ls, "%*s %*s %4s %4s %*s %s", wn, "SEMNUM", wv, "VALUE",
	    "NCNT", "ZCNT", wp, "PID", "COMMAND");
	for (i = 0; i < sh->nsems; i++) {
		r = &sh->sems[i];
		if (r->err != 0) {
			lines_add(ls, "%*zu %*s %4s %4s %*s unreadable: %s",
			    wn, i, wv, "-", "-", "-", wp, "-",
			    strerror(r->err));
			continue;
		}
		cmd_text(r->cmd, cmd, sizeof(cmd));
		lines_add(ls, "%*zu %*d %4d %4d %*d %s", wn, i, wv, r->s.val,
		    r->s.ncnt, r->s.zcnt, wp, (int)r->s.pid, cmd);
	}
	if (sh->more_sems > 0)
		lines_add(ls, "(%zu more)", sh->more_sems);
	text_waiters(sh, ls);
}

/* The blocked processes of a queue or set. */
static void
text_waiters(struct show *sh, struct lines *ls)
{
	const struct waiter_info	*wi;
	const struct waiter_op		*op;
	char				 cmd[4096], num[24], what[24];
	size_t				 i;
	int				 wpid = 3, n;

	lines_add(ls, "%s", "");
	if (sh->nw == 0 && !sh->w_partial) {
		lines_add(ls, "waiting processes: none");
		return;
	}
	if (sh->w_partial)
		lines_add(ls, "waiting processes: %zu visible (processes this "
		    "user cannot inspect may wait too)", sh->nw);
	else
		lines_add(ls, "waiting processes: %zu", sh->nw);
	if (sh->nw == 0)
		return;
	for (i = 0; i < sh->nw; i++)
		if ((n = digits((uint64_t)sh->w[i].pid)) > wpid)
			wpid = n;
	if (sh->rq.type == T_SEM)
		lines_add(ls, "%*s %6s %-9s %5s %s", wpid, "PID", "SEMNUM",
		    "WAITS FOR", "OP", "COMMAND");
	else
		lines_add(ls, "%*s %-7s %6s %s", wpid, "PID", "CALL", "MSGTYP",
		    "COMMAND");
	for (i = 0; i < sh->nw; i++) {
		wi = &sh->w[i];
		cmd_text(sh->w_cmd[i], cmd, sizeof(cmd));
		/* PID, then CALL MSGTYP (msg) or SEMNUM WAITS-FOR OP (sem). */
		out_fit(cmd, (size_t)wpid + (sh->rq.type == T_SEM ? 24 : 16),
		    &sh->rq.oo);
		if (sh->rq.type != T_SEM) {
			if (wi->call == WAITER_RECV)
				snprintf(num, sizeof(num), "%ld", wi->msgtyp);
			else
				snprintf(num, sizeof(num), "-");
			lines_add(ls, "%*d %-7s %6s %s", wpid, (int)wi->pid,
			    wi->call == WAITER_RECV ? "receive" : "send", num,
			    cmd);
			continue;
		}
		if (sh->w_sop[i] == -1) {
			lines_add(ls, "%*d %6s %-9s %5s %s", wpid, (int)wi->pid,
			    "-", "-", "-", cmd);
			continue;
		}
		op = &wi->ops[sh->w_sop[i]];
		snprintf(what, sizeof(what), "%s", op->op == 0 ? "zero" :
		    "decrement");
		lines_add(ls, "%*d %6u %-9s %5d %s", wpid, (int)wi->pid,
		    (unsigned)op->num, what, (int)op->op, cmd);
	}
}

/*
 * Escape a message preview (any bytes, NULs too) into buf, at most
 * PREVIEW_WIDTH characters; "..." follows when the message goes on.
 */
static void
preview(const struct peeked *p, char *buf, size_t len)
{
	char		 run[PREVIEW_BYTES + 1], full[PREVIEW_BYTES * 4 + 1];
	size_t		 i, j, o = 0, n, room;
	int		 cut = p->size > p->len;

	buf[0] = '\0';
	for (i = 0; i < p->len; i = j) {
		room = PREVIEW_WIDTH + 1 - o;
		if (len - o < room)
			room = len - o;
		if (p->text[i] == '\0') {
			if (room <= 4) {
				cut = 1;
				break;
			}
			memcpy(buf + o, "\\000", 5);
			o += 4;
			j = i + 1;
			continue;
		}
		for (j = i; j < p->len && p->text[j] != '\0'; j++)
			run[j - i] = p->text[j];
		run[j - i] = '\0';
		n = fmt_escape(run, 0, buf + o, room);
		/* Shorter than the whole run escaped: it was cut to fit. */
		if (n < fmt_escape(run, 0, full, sizeof(full))) {
			o += n;
			cut = 1;
			break;
		}
		o += n;
	}
	buf[o] = '\0';
	if (cut && o + 4 <= len)
		memcpy(buf + o, "...", 4);
}

static void
text_queue(struct show *sh, struct lines *ls)
{
	const struct ipc_obj	*o = sh->o;
	char			 text[PREVIEW_WIDTH * 2];
	uint64_t		 pct;
	size_t			 i;
	int			 wi, wt = 4, ws = 4, n;

	lines_add(ls, "%s", "");
	if ((o->has & HAS_QBYTES) && o->u.msg.qbytes > 0) {
		/* Rounded as the USE% column is. */
		pct = (o->u.msg.cbytes * 10000 + o->u.msg.qbytes / 2) /
		    o->u.msg.qbytes;
		lines_add(ls, "queue use: %llu of %llu bytes (%llu.%02llu%%), "
		    "%llu message%s", (unsigned long long)o->u.msg.cbytes,
		    (unsigned long long)o->u.msg.qbytes,
		    (unsigned long long)(pct / 100),
		    (unsigned long long)(pct % 100),
		    (unsigned long long)o->u.msg.qnum,
		    o->u.msg.qnum == 1 ? "" : "s");
	} else if (o->has & HAS_QBYTES)
		lines_add(ls, "queue use: %llu of 0 bytes, %llu message%s",
		    (unsigned long long)o->u.msg.cbytes,
		    (unsigned long long)o->u.msg.qnum,
		    o->u.msg.qnum == 1 ? "" : "s");
	else
		lines_add(ls, "queue use: %llu bytes of unknown capacity, %llu "
		    "message%s", (unsigned long long)o->u.msg.cbytes,
		    (unsigned long long)o->u.msg.qnum,
		    o->u.msg.qnum == 1 ? "" : "s");
	if (sh->rq.messages < 0)
		return;
	lines_add(ls, "%s", "");
	if (sh->nmsgs == 0 && sh->peek_err == 0) {
		lines_add(ls, "messages: none");
		return;
	}
	if (sh->nmsgs > 0) {
		lines_add(ls, "messages: first %zu of %llu, copied without "
		    "removing them", sh->nmsgs,
		    (unsigned long long)o->u.msg.qnum);
		wi = digits(sh->nmsgs - 1) > 5 ? digits(sh->nmsgs - 1) : 5;
		for (i = 0; i < sh->nmsgs; i++) {
			if ((n = digits((uint64_t)sh->msgs[i].type)) > wt)
				wt = n;
			if ((n = digits(sh->msgs[i].size)) > ws)
				ws = n;
		}
		lines_add(ls, "%*s %*s %*s %s", wi, "INDEX", wt, "TYPE", ws,
		    "SIZE", "TEXT");
		for (i = 0; i < sh->nmsgs; i++) {
			preview(&sh->msgs[i], text, sizeof(text));
			lines_add(ls, "%*zu %*ld %*zu %s", wi, i, wt,
			    sh->msgs[i].type, ws, sh->msgs[i].size, text);
		}
	}
	if (sh->peek_err == ENOSYS)
		lines_add(ls, "messages: cannot be read without removing "
		    "them: this kernel lacks MSG_COPY "
		    "(CONFIG_CHECKPOINT_RESTORE)");
	else if (sh->peek_err == EACCES || sh->peek_err == EPERM)
		lines_add(ls, "messages: cannot be read: no read permission "
		    "on the queue (%s)", strerror(sh->peek_err));
	else if (sh->peek_err != 0)
		lines_add(ls, "messages: cannot read message %zu: %s",
		    sh->nmsgs, strerror(sh->peek_err));
}

static void
text_msg(struct show *sh, struct lines *ls)
{
	text_queue(sh, ls);
	text_waiters(sh, ls);
}

/* The list columns as JSON members. */
static void
json_fields(struct show *sh, struct json *js)
{
	struct cell	 c;
	char		 name[32], key[16];
	int		 i, j;

	json_str(js, "type", type_name(sh->rq.type));
	for (i = 0; i < sh->cols.n; i++) {
		/* "attached" is the detailed array json_shm() writes. */
		if (strcmp(columns[sh->cols.col[i]].name, "ATTACHED") == 0)
			continue;
		for (j = 0; j < (int)sizeof(name) - 1 &&
		    columns[sh->cols.col[i]].name[j] != '\0'; j++)
			name[j] = (char)tolower((unsigned char)
			    columns[sh->cols.col[i]].name[j]);
		name[j] = '\0';
		column_value(sh->cols.col[i], sh->rq.type, sh->o, &sh->ctx, &c);
		json_cell(js, name, &c, &sh->rq.oo);
		if (c.kind == CELL_KEY && sh->has_orig_key) {
			snprintf(key, sizeof(key), "0x%08x", sh->orig_key);
			json_str(js, "original_key", key);
		}
	}
}

/*
 * "attached": the processes that map the resource (with their address
 * ranges, for a segment) or hold it, null when /proc could not be read.
 */
static void
json_attached(struct show *sh, struct json *js, int ranges)
{
	const struct attrow	*r;
	char			 num[24];
	size_t			 i;

	if (!sh->scanned) {
		json_null(js, "attached");
		return;
	}
	json_open(js, "attached", 1);
	for (i = 0; i < sh->natt; i++) {
		r = &sh->att[i];
		json_open(js, NULL, 0);
		json_i64(js, "pid", r->a.pid);
		if (!r->has_uid)
			json_null(js, "user");
		else if (r->user != NULL)
			json_str(js, "user", r->user);
		else {
			fmt_u64(r->uid, num);
			json_str(js, "user", num);
		}
		json_str(js, "command", r->cmd);
		if (ranges) {
			json_u64(js, "start", r->a.start);
			json_u64(js, "end", r->a.end);
		}
		json_close(js, 0);
	}
	json_close(js, 1);
}

static void
json_shm(struct show *sh, struct json *js)
{
	json_attached(sh, js, 1);
}

/* The holders, as "attached", and a queue's limits. */
static void
json_posix(struct show *sh, struct json *js)
{
	if (sh->rq.type == T_PMQ) {
		if (sh->o->has & HAS_MSGS) {
			json_u64(js, "maxmsg", sh->o->u.px.maxmsg);
			json_u64(js, "msgsize", sh->o->u.px.msgsize);
		} else {
			json_null(js, "maxmsg");
			json_null(js, "msgsize");
		}
	}
	json_attached(sh, js, 0);
	if (!sh->scanned)
		return;
	json_raw(js, "attached_complete",
	    (sh->o->has & HAS_ALLPROCS) ? "true" : "false");
}

static void
json_sem(struct show *sh, struct json *js)
{
	const struct semrow	*r;
	size_t			 i;

	json_open(js, "semaphores", 1);
	for (i = 0; i < sh->nsems; i++) {
		r = &sh->sems[i];
		json_open(js, NULL, 0);
		json_u64(js, "semnum", i);
		if (r->err != 0) {
			json_null(js, "value");
			json_null(js, "ncnt");
			json_null(js, "zcnt");
			json_null(js, "pid");
			json_null(js, "command");
			json_str(js, "error", strerror(r->err));
		} else {
			json_i64(js, "value", r->s.val);
			json_i64(js, "ncnt", r->s.ncnt);
			json_i64(js, "zcnt", r->s.zcnt);
			json_i64(js, "pid", r->s.pid);
			json_str(js, "command", r->cmd);
		}
		json_close(js, 0);
	}
	json_close(js, 1);
	json_waiters(sh, js);
}

static void
json_queue(struct show *sh, struct json *js)
{
	size_t	i;

	if (sh->rq.messages < 0)
		return;
	if (sh->peek_err != 0 && sh->nmsgs == 0)
		json_null(js, "messages");
	else {
		json_open(js, "messages", 1);
		for (i = 0; i < sh->nmsgs; i++) {
			json_open(js, NULL, 0);
			json_i64(js, "type", sh->msgs[i].type);
			json_u64(js, "size", sh->msgs[i].size);
			json_strn(js, "text", sh->msgs[i].text,
			    sh->msgs[i].len);
			json_close(js, 0);
		}
		json_close(js, 1);
	}
	if (sh->peek_err == ENOSYS)
		json_str(js, "messages_error", "the kernel lacks MSG_COPY");
	else if (sh->peek_err != 0)
		json_str(js, "messages_error", strerror(sh->peek_err));
}

/* The blocked processes, as "waiters". */
static void
json_waiters(struct show *sh, struct json *js)
{
	const struct waiter_info	*wi;
	const struct waiter_op		*op;
	size_t				 i;

	json_open(js, "waiters", 1);
	for (i = 0; i < sh->nw; i++) {
		wi = &sh->w[i];
		json_open(js, NULL, 0);
		json_i64(js, "pid", wi->pid);
		json_str(js, "command", sh->w_cmd[i]);
		if (sh->rq.type != T_SEM) {
			json_str(js, "call", wi->call == WAITER_RECV ?
			    "receive" : "send");
			if (wi->call == WAITER_RECV)
				json_i64(js, "msgtyp", wi->msgtyp);
			else
				json_null(js, "msgtyp");
		} else if (sh->w_sop[i] == -1) {
			json_null(js, "semnum");
			json_null(js, "waits_for");
			json_null(js, "op");
		} else {
			op = &wi->ops[sh->w_sop[i]];
			json_u64(js, "semnum", op->num);
			json_str(js, "waits_for", op->op == 0 ? "zero" :
			    "decrement");
			json_i64(js, "op", op->op);
		}
		json_close(js, 0);
	}
	json_close(js, 1);
	json_raw(js, "waiters_complete", sh->w_partial ? "false" : "true");
}

static void
json_msg(struct show *sh, struct json *js)
{
	json_queue(sh, js);
	json_waiters(sh, js);
}

static const struct show_type show_types[T_NTYPES] = {
	[T_SHM] = { find_sysv, gather_shm, text_shm, json_shm },
	[T_MSG] = { find_sysv, gather_msg, text_msg, json_msg },
	[T_SEM] = { find_sysv, gather_sem, text_sem, json_sem },
	[T_PSHM] = { find_posix, gather_posix, text_posix, json_posix },
	[T_PMQ] = { find_posix, gather_posix, text_posix, json_posix },
	[T_PSEM] = { find_posix, gather_posix, text_posix, json_posix },
};


/* Append a formatted line, of any length, to ls. */
void
lines_add(struct lines *ls, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	s = xcalloc(1, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 64;
		ls->v = xreallocarray(ls->v, ls->cap, sizeof(*ls->v));
	}
	ls->v[ls->n++] = s;
}

/* Empty ls. */
void
lines_clear(struct lines *ls)
{
	size_t	i;

	for (i = 0; i < ls->n; i++)
		free(ls->v[i]);
	free(ls->v);
	memset(ls, 0, sizeof(*ls));
}

/* A show of what rq names; nothing is read until show_find(). */
struct show *
show_new(const struct show_req *rq)
{
	struct show	*sh;

	sh = xcalloc(1, sizeof(*sh));
	sh->rq = *rq;
	sh->ctx.now = rq->oo.now;
	sh->ctx.ns = rq->ns;
	column_all(rq->type, &sh->cols);
	set_init(&sh->set, rq->type);
	return sh;
}

/*
 * Find the resource sh names, in this IPC namespace: 1 if found, 0 if
 * not, -1 on an error (said, naming context; NULL says nothing, for a
 * curses screen).
 */
int
show_find(struct show *sh, const char *context)
{
	int	r;

	if ((r = show_types[sh->rq.type].find(context, sh)) == 1)
		sh->found = 1;
	return r;
}

/* Read what the found resource's type adds, and judge it. */
void
show_gather(struct show *sh)
{
	if (!sh->found)
		return;
	show_types[sh->rq.type].gather(sh);
	/* Again, with what gathering added (a POSIX object's holders). */
	collect_stale(&sh->set);
	stale_text(sh);
}

/*
 * Show a copy of o, as it was last seen: its fields alone, nothing read.
 * For a resource that is gone, or cannot be looked at now.
 */
void
show_copy(struct show *sh, const struct ipc_obj *o)
{
	struct ipc_obj	*c;

	set_free(&sh->set);
	c = set_add(&sh->set);
	*c = *o;
	c->name = o->name != NULL ? xstrdup(o->name) : NULL;
	c->pids = NULL;
	c->npids = 0;
	c->has &= ~(unsigned)(HAS_ATTACHED | HAS_SEMPIDS);
	sh->o = c;
	sh->found = 0;
	stale_text(sh);
}

/* The found resource: every field, then what its type adds. */
void
show_text(struct show *sh, struct lines *ls)
{
	if (sh->o == NULL)
		return;
	print_fields(sh, ls);
	if (sh->found)
		show_types[sh->rq.type].text(sh, ls);
}

/* The found resource as one JSON object. */
void
show_json(struct show *sh, struct json *js)
{
	if (sh->o == NULL)
		return;
	json_open(js, NULL, 0);
	json_fields(sh, js);
	if (sh->found)
		show_types[sh->rq.type].json(sh, js);
	json_close(js, 0);
}

void
show_free(struct show *sh)
{
	if (sh == NULL)
		return;
	free(sh->att);
	free(sh->sems);
	free(sh->msgs);
	free(sh->w);
	free(sh->w_cmd);
	free(sh->w_sop);
	set_free(&sh->set);
	free(sh);
}
