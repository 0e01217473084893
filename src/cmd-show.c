/* SPDX-License-Identifier: ISC */
/*
 * cmd-show.c - "ipctool show": one resource, in full.
 *
 * options -> find the object -> gather what its type adds (attached
 * processes, semaphore rows, queued messages) -> text or JSON.
 * Each type has a row in show_types[].  A POSIX object is named, not
 * numbered: "show pshm NAME", with or without the leading '/'.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

#define PREVIEW_BYTES	60		/* of a message, in the preview */
#define PREVIEW_WIDTH	60		/* of its escaped text */
#define PEEK_MAX	(64u << 20)	/* largest message we try to copy */
#define DEFAULT_MSGS	10

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
	enum ipc_type	 type;
	int		 id;
	char		 name[POSIX_NAME_LEN];	/* POSIX: "/name" */
	int		 by_key;
	uint32_t	 key;
	long		 messages;	/* -1: not asked for */
	struct outopts	 out;
	struct ctx	 ctx;
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
	size_t		 nsems;

	/* msg */
	struct peeked	*msgs;
	size_t		 nmsgs;
	int		 peek_err;	/* errno that stopped the peeking, or 0 */
};

/* How each type is found, completed and printed. */
struct show_type {
	int	(*find)(const struct cmd_entry *, struct show *);
	void	(*gather)(struct show *);
	void	(*text)(struct show *);
	void	(*json)(struct show *, struct json *);
};

/*
 * The name of the resource for messages: "shm 42", "shm key 0x.." or
 * "pshm /name" (escaped).
 */
static const char *
what(const struct show *sh)
{
	static char	buf[POSIX_NAME_LEN * 4 + 16];
	size_t		n;

	if (TBIT(sh->type) & TYPES_POSIX) {
		n = (size_t)snprintf(buf, sizeof(buf), "%s ",
		    type_name(sh->type));
		fmt_escape(sh->name, 0, buf + n, sizeof(buf) - n);
	} else if (sh->by_key)
		snprintf(buf, sizeof(buf), "%s key 0x%08x",
		    type_name(sh->type), sh->key);
	else
		snprintf(buf, sizeof(buf), "%s %d", type_name(sh->type),
		    sh->id);
	return buf;
}

/*
 * Find a SysV object by id (*_STAT_ANY) or key (the listing, which costs
 * little without RSS) and keep it as the only member of sh->set; a
 * segment's RSS and SWAP come from /proc/sysvipc/shm, read only as far
 * as its row.  1 if found, 0 if not, -1 on error (reported).
 */
static int
find_sysv(const struct cmd_entry *self, struct show *sh)
{
	struct ipc_set	 all;
	struct ipc_obj	 o;
	size_t		 i;
	int		 found = 0;

	set_init(&sh->set, sh->type);
	if (sh->by_key) {
		set_init(&all, sh->type);
		if (collect_sysv_base(sh->type,
		    column_needs(&sh->cols) & ~NEED_RSS, &all) == -1)
			return -1;
		for (i = 0; i < all.n && !found; i++) {
			if (sh->by_key ? all.v[i].key == sh->key :
			    all.v[i].id == sh->id) {
				*set_add(&sh->set) = all.v[i];
				all.v[i].name = NULL;
				found = 1;
			}
		}
		set_free(&all);
	}
	if (!found && !sh->by_key) {
		if (sysvctl_stat(sh->type, sh->id, &o) == 0) {
			*set_add(&sh->set) = o;
			found = 1;
		} else if (errno != EINVAL && errno != EIDRM) {
			warn_("%s: %s", self->name, what(sh));
			return -1;
		}
	}
	if (!found)
		return 0;
	sh->o = &sh->set.v[0];
	if (sh->type == T_SHM && (column_needs(&sh->cols) & NEED_RSS) &&
	    collect_shm_rss(sh->o) == -2)
		return -1;
	if (sh->type == T_MSG)
		sysvctl_qbytes(sh->o);
	collect_enrich(&sh->set, column_needs(&sh->cols) & ~NEED_ATTACHED);
	return 1;
}

static int
cmp_att(const void *a, const void *b)
{
	const struct attach	*x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
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
	sort_array(a, n, sizeof(*a), cmp_att);
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
 * 1 if found, 0 if not, -1 on error (reported).
 */
static int
find_posix(const struct cmd_entry *self, struct show *sh)
{
	struct ipc_obj	o;

	set_init(&sh->set, sh->type);
	if (posix_stat_one(sh->type, sh->name, &o) == -1) {
		if (errno == ENOENT)
			return 0;
		warn_("%s: %s", self->name, what(sh));
		return -1;
	}
	*set_add(&sh->set) = o;
	sh->o = &sh->set.v[0];
	return 1;
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
	if (sh->nsems == 0 || sh->nsems > INT_MAX)
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
}

/*
 * With --messages, copy the first messages off the queue, leaving it as
 * it was.  Stops at the first error, which is kept for the note.
 */
static void
gather_msg(struct show *sh)
{
	struct peeked	*p;
	uint64_t	 want;
	size_t		 textsz;
	ssize_t		 r;
	char		*buf;
	long		 i;

	if (sh->messages < 0)
		return;
	want = sh->o->u.msg.qnum < (uint64_t)sh->messages ?
	    sh->o->u.msg.qnum : (uint64_t)sh->messages;
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

/* Text of one cell for the field lines. */
static void
field_text(const struct show *sh, const struct cell *c, char *buf,
    size_t len)
{
	char	tmp[64], human[32];
	size_t	n;

	/* Exact bytes first: this is the detailed view. */
	if (c->kind == CELL_SIZE && !sh->out.bytes) {
		fmt_u64(c->u, tmp);
		if (c->u < 1024) {
			snprintf(buf, len, "%s", tmp);
			return;
		}
		fmt_size(c->u, human, sizeof(human));
		snprintf(buf, len, "%s (%s)", tmp, human);
		return;
	}
	n = fmt_cell(c, &sh->out, buf, len);
	tmp[0] = '\0';
	if (c->kind == CELL_PERMS && !sh->out.numeric_perms)
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
 * or why it cannot be told.
 */
static void
stale_text(struct show *sh, char *buf, size_t len)
{
	char	why[STALE_REASON_LEN];

	switch (stale_judge(sh->type, sh->o, NULL, why, sizeof(why))) {
	case STALE_YES:
		snprintf(buf, len, "stale: %s", why);
		break;
	case STALE_NO:
		snprintf(buf, len, "not stale: %s", why);
		break;
	default:
		/* why says "unknown: ..." */
		snprintf(buf, len, "%s, so not stale", why);
		break;
	}
}

/* Print the "name: value" lines of every list column. */
static void
print_fields(struct show *sh)
{
	struct cell	 c;
	char		 name[32], buf[16384];
	size_t		 w = 0, l;
	int		 i, j;

	for (i = 0; i < sh->cols.n; i++)
		if ((l = strlen(columns[sh->cols.col[i]].name)) > w)
			w = l;
	printf("%-*s %s\n", (int)w + 1, "type:", type_name(sh->type));
	for (i = 0; i < sh->cols.n; i++) {
		for (j = 0; j < (int)sizeof(name) - 2 &&
		    columns[sh->cols.col[i]].name[j] != '\0'; j++)
			name[j] = (char)tolower((unsigned char)
			    columns[sh->cols.col[i]].name[j]);
		name[j++] = ':';
		name[j] = '\0';
		if (strcmp(columns[sh->cols.col[i]].name, "STALE") == 0)
			stale_text(sh, buf, sizeof(buf));
		else {
			column_value(sh->cols.col[i], sh->type, sh->o,
			    &sh->ctx, &c);
			field_text(sh, &c, buf, sizeof(buf));
		}
		if (buf[0] == '\0')
			printf("%s\n", name);
		else
			printf("%-*s %s\n", (int)w + 1, name, buf);
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
text_shm(struct show *sh)
{
	char		 user[256], cmd[4096], addr[64];
	size_t		 i;
	int		 wpid = 3, wuser = 4, waddr = 7, n;

	printf("\n");
	if (!sh->scanned) {
		printf("attached processes: unknown (/proc cannot be read)\n");
		return;
	}
	if (sh->natt == 0 && sh->o->u.shm.nattch == 0) {
		printf("attached processes: none\n");
		return;
	}
	if (sh->natt < sh->o->u.shm.nattch)
		printf("attached processes: %zu of %llu visible (the others "
		    "are in processes this user cannot inspect or in another "
		    "PID namespace)\n", sh->natt,
		    (unsigned long long)sh->o->u.shm.nattch);
	else
		printf("attached processes: %zu\n", sh->natt);
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
	printf("%*s %-*s %-*s %s\n", wpid, "PID", wuser, "USER", waddr,
	    "ADDRESS", "COMMAND");
	for (i = 0; i < sh->natt; i++) {
		user_text(&sh->att[i], user, sizeof(user));
		cmd_text(sh->att[i].cmd, cmd, sizeof(cmd));
		snprintf(addr, sizeof(addr), "%llx-%llx",
		    (unsigned long long)sh->att[i].a.start,
		    (unsigned long long)sh->att[i].a.end);
		n = wuser - (int)text_width(user, strlen(user));
		out_fit(cmd, (size_t)wpid + (size_t)wuser + (size_t)waddr + 3,
		    &sh->out);
		printf("%*d %s%*s %-*s %s\n", wpid, (int)sh->att[i].a.pid, user,
		    n, "", waddr, addr, cmd);
	}
}

/* A POSIX object's holders: PID, user, command. */
static void
text_holders(struct show *sh)
{
	char	user[256], cmd[4096];
	size_t	i;
	int	wpid = 3, wuser = 4, n;

	printf("\n");
	if (!sh->scanned) {
		printf("holders: unknown (/proc cannot be read)\n");
		return;
	}
	if (sh->natt == 0 && (sh->o->has & HAS_ALLPROCS)) {
		printf("holders: none\n");
		return;
	}
	if (!(sh->o->has & HAS_ALLPROCS))
		printf("holders: %zu visible (processes this user cannot "
		    "inspect may hold it too)\n", sh->natt);
	else
		printf("holders: %zu (processes that map it or hold it open)\n",
		    sh->natt);
	if (sh->natt == 0)
		return;
	for (i = 0; i < sh->natt; i++) {
		if ((n = digits((uint64_t)sh->att[i].a.pid)) > wpid)
			wpid = n;
		user_text(&sh->att[i], user, sizeof(user));
		if ((n = (int)text_width(user, strlen(user))) > wuser)
			wuser = n;
	}
	printf("%*s %-*s %s\n", wpid, "PID", wuser, "USER", "COMMAND");
	for (i = 0; i < sh->natt; i++) {
		user_text(&sh->att[i], user, sizeof(user));
		cmd_text(sh->att[i].cmd, cmd, sizeof(cmd));
		n = wuser - (int)text_width(user, strlen(user));
		out_fit(cmd, (size_t)wpid + (size_t)wuser + 2, &sh->out);
		printf("%*d %s%*s %s\n", wpid, (int)sh->att[i].a.pid, user, n,
		    "", cmd);
	}
}

/* A POSIX queue's limits and use, from mq_getattr() and QSIZE. */
static void
text_pmq_use(const struct ipc_obj *o)
{
	printf("\n");
	if (!(o->has & HAS_MSGS)) {
		printf("maxmsg: unknown (the queue cannot be opened)\n");
		printf("msgsize: unknown\n");
	} else {
		printf("maxmsg:  %llu\n", (unsigned long long)o->u.px.maxmsg);
		printf("msgsize: %llu\n", (unsigned long long)o->u.px.msgsize);
		printf("queue use: %llu of %llu message%s",
		    (unsigned long long)o->u.px.msgs,
		    (unsigned long long)o->u.px.maxmsg,
		    o->u.px.maxmsg == 1 ? "" : "s");
		if (o->has & HAS_QSIZE)
			printf(", %llu bytes (QSIZE)",
			    (unsigned long long)o->u.px.size);
		printf("\n");
	}
}

static void
text_posix(struct show *sh)
{
	if (sh->type == T_PMQ)
		text_pmq_use(sh->o);
	text_holders(sh);
}

static void
text_sem(struct show *sh)
{
	const struct semrow	*r;
	char			 cmd[4096];
	size_t			 i;
	int			 wn, wv = 5, wp = 3, n;

	printf("\n");
	if (sh->nsems == 0) {
		printf("semaphores: none\n");
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
	printf("%*s %*s %4s %4s %*s %s\n", wn, "SEMNUM", wv, "VALUE", "NCNT",
	    "ZCNT", wp, "PID", "COMMAND");
	for (i = 0; i < sh->nsems; i++) {
		r = &sh->sems[i];
		if (r->err != 0) {
			printf("%*zu %*s %4s %4s %*s unreadable: %s\n", wn, i,
			    wv, "-", "-", "-", wp, "-", strerror(r->err));
			continue;
		}
		cmd_text(r->cmd, cmd, sizeof(cmd));
		printf("%*zu %*d %4d %4d %*d %s\n", wn, i, wv, r->s.val,
		    r->s.ncnt, r->s.zcnt, wp, (int)r->s.pid, cmd);
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
text_msg(struct show *sh)
{
	const struct ipc_obj	*o = sh->o;
	char			 text[PREVIEW_WIDTH * 2];
	uint64_t		 pct;
	size_t			 i;
	int			 wi, wt = 4, ws = 4, n;

	printf("\n");
	if ((o->has & HAS_QBYTES) && o->u.msg.qbytes > 0) {
		/* Rounded as the USE% column is. */
		pct = (o->u.msg.cbytes * 10000 + o->u.msg.qbytes / 2) /
		    o->u.msg.qbytes;
		printf("queue use: %llu of %llu bytes (%llu.%02llu%%), %llu "
		    "message%s\n", (unsigned long long)o->u.msg.cbytes,
		    (unsigned long long)o->u.msg.qbytes,
		    (unsigned long long)(pct / 100),
		    (unsigned long long)(pct % 100),
		    (unsigned long long)o->u.msg.qnum,
		    o->u.msg.qnum == 1 ? "" : "s");
	} else if (o->has & HAS_QBYTES)
		printf("queue use: %llu of 0 bytes, %llu message%s\n",
		    (unsigned long long)o->u.msg.cbytes,
		    (unsigned long long)o->u.msg.qnum,
		    o->u.msg.qnum == 1 ? "" : "s");
	else
		printf("queue use: %llu bytes of unknown capacity, %llu "
		    "message%s\n", (unsigned long long)o->u.msg.cbytes,
		    (unsigned long long)o->u.msg.qnum,
		    o->u.msg.qnum == 1 ? "" : "s");
	if (sh->messages < 0)
		return;
	printf("\n");
	if (sh->nmsgs == 0 && sh->peek_err == 0) {
		printf("messages: none\n");
		return;
	}
	if (sh->nmsgs > 0) {
		printf("messages: first %zu of %llu, copied without removing "
		    "them\n", sh->nmsgs, (unsigned long long)o->u.msg.qnum);
		wi = digits(sh->nmsgs - 1) > 5 ? digits(sh->nmsgs - 1) : 5;
		for (i = 0; i < sh->nmsgs; i++) {
			if ((n = digits((uint64_t)sh->msgs[i].type)) > wt)
				wt = n;
			if ((n = digits(sh->msgs[i].size)) > ws)
				ws = n;
		}
		printf("%*s %*s %*s %s\n", wi, "INDEX", wt, "TYPE", ws, "SIZE",
		    "TEXT");
		for (i = 0; i < sh->nmsgs; i++) {
			preview(&sh->msgs[i], text, sizeof(text));
			printf("%*zu %*ld %*zu %s\n", wi, i, wt,
			    sh->msgs[i].type, ws, sh->msgs[i].size, text);
		}
	}
	if (sh->peek_err == ENOSYS)
		printf("messages: cannot be read without removing them: this "
		    "kernel lacks MSG_COPY (CONFIG_CHECKPOINT_RESTORE)\n");
	else if (sh->peek_err == EACCES || sh->peek_err == EPERM)
		printf("messages: cannot be read: no read permission on the "
		    "queue (%s)\n", strerror(sh->peek_err));
	else if (sh->peek_err != 0)
		printf("messages: cannot read message %zu: %s\n", sh->nmsgs,
		    strerror(sh->peek_err));
}

/* The list columns as JSON members. */
static void
json_fields(struct show *sh, struct json *js)
{
	struct cell	 c;
	char		 name[32], key[16];
	int		 i, j;

	json_str(js, "type", type_name(sh->type));
	for (i = 0; i < sh->cols.n; i++) {
		/* "attached" is the detailed array json_shm() writes. */
		if (strcmp(columns[sh->cols.col[i]].name, "ATTACHED") == 0)
			continue;
		for (j = 0; j < (int)sizeof(name) - 1 &&
		    columns[sh->cols.col[i]].name[j] != '\0'; j++)
			name[j] = (char)tolower((unsigned char)
			    columns[sh->cols.col[i]].name[j]);
		name[j] = '\0';
		column_value(sh->cols.col[i], sh->type, sh->o, &sh->ctx, &c);
		json_cell(js, name, &c, &sh->out);
		if (c.kind == CELL_KEY && sh->has_orig_key) {
			snprintf(key, sizeof(key), "0x%08x", sh->orig_key);
			json_str(js, "original_key", key);
		}
	}
}

static void
json_shm(struct show *sh, struct json *js)
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
		json_u64(js, "start", r->a.start);
		json_u64(js, "end", r->a.end);
		json_close(js, 0);
	}
	json_close(js, 1);
}

/* The holders, as "attached", and a queue's limits. */
static void
json_posix(struct show *sh, struct json *js)
{
	const struct attrow	*r;
	char			 num[24];
	size_t			 i;

	if (sh->type == T_PMQ) {
		if (sh->o->has & HAS_MSGS) {
			json_u64(js, "maxmsg", sh->o->u.px.maxmsg);
			json_u64(js, "msgsize", sh->o->u.px.msgsize);
		} else {
			json_null(js, "maxmsg");
			json_null(js, "msgsize");
		}
	}
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
		json_close(js, 0);
	}
	json_close(js, 1);
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
}

static void
json_msg(struct show *sh, struct json *js)
{
	size_t	i;

	if (sh->messages < 0)
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

static const struct show_type show_types[T_NTYPES] = {
	[T_SHM] = { find_sysv, gather_shm, text_shm, json_shm },
	[T_MSG] = { find_sysv, gather_msg, text_msg, json_msg },
	[T_SEM] = { find_sysv, gather_sem, text_sem, json_sem },
	[T_PSHM] = { find_posix, gather_posix, text_posix, json_posix },
	[T_PMQ] = { find_posix, gather_posix, text_posix, json_posix },
	[T_PSEM] = { find_posix, gather_posix, text_posix, json_posix },
};

/* Untrusted text made safe for a message on stderr (one at a time). */
static const char *
esc(const char *s)
{
	static char	buf[1024];

	fmt_escape(s, 0, buf, sizeof(buf));
	return buf;
}

/* Take one option into sh, a type flag into types; bad values exit. */
static void
show_option(const struct cmd_entry *self, struct show *sh,
    const struct cmd_arg *a, unsigned *types)
{
	const char	*err;
	uint64_t	 v;

	switch (a->id) {
	case OPT_KEY:
		if (parse_key(a->value, &sh->key, &err) == -1)
			usage_error(self, "invalid key '%s': %s", a->value,
			    err);
		if (sh->key == 0)
			usage_error(self, "key 0 (IPC_PRIVATE) names no single "
			    "resource: give its id");
		sh->by_key = 1;
		break;
	case OPT_JSON:
		sh->out.mode = OUT_JSON;
		break;
	case OPT_BYTES:
		sh->out.bytes = 1;
		break;
	case OPT_NUMERIC_PERMS:
		sh->out.numeric_perms = 1;
		break;
	case OPT_NOTRUNCATE:
		sh->out.notruncate = 1;
		break;
	case OPT_TIME_FORMAT:
		if (parse_time_format(a->value, &sh->out.tf) == -1)
			usage_error(self, "invalid time format '%s': use short, "
			    "full, iso or relative", a->value);
		break;
	case OPT_MESSAGES:
		sh->messages = DEFAULT_MSGS;
		if (a->value != NULL) {
			if (parse_uint(a->value, 1, INT_MAX, &v, &err) == -1)
				usage_error(self, "invalid number of messages "
				    "'%s': %s", a->value, err);
			sh->messages = (long)v;
		}
		break;
	default:
		parse_type_flag(a->opt->letter, types);
		break;
	}
}

/* Whether --messages was given without its =N. */
static int
bare_messages(const struct args *args)
{
	size_t	i;

	for (i = 0; i < args->n; i++)
		if (args->v[i].id == OPT_MESSAGES && args->v[i].value == NULL)
			return 1;
	return 0;
}

/* Parse the options and operands into sh; usage errors exit. */
static void
show_args(const struct cmd_entry *self, struct show *sh, struct args *args)
{
	const char	*err;
	unsigned	 types = 0;
	char		**argv = args->operands;
	size_t		 i;
	int		 t, nargs, argc = args->noperands;

	for (i = 0; i < args->n; i++)
		show_option(self, sh, &args->v[i], &types);
	if (types == 0) {
		if (argc == 0)
			usage_error(self, "missing type");
		if ((t = type_from_name(argv[0])) == -1)
			usage_error(self, "unknown type '%s'", esc(argv[0]));
		types = TBIT(t);
		argc--;
		argv++;
	}
	for (nargs = 0, t = 0; t < T_NTYPES; t++)
		if (types & TBIT(t)) {
			sh->type = (enum ipc_type)t;
			nargs++;
		}
	if (nargs != 1)
		usage_error(self, "give one type");
	if (argc > 1 && bare_messages(args) && argv[1][0] != '\0' &&
	    strspn(argv[1], "0123456789") == strlen(argv[1]))
		usage_error(self, "unexpected argument '%s': the number of "
		    "messages is given as --messages=%s", argv[1], argv[1]);
	if (argc > 1)
		usage_error(self, "unexpected argument '%s'", esc(argv[1]));
	if (TBIT(sh->type) & TYPES_POSIX) {
		if (sh->by_key)
			usage_error(self, "%s objects have names, not keys",
			    type_name(sh->type));
		if (argc == 0)
			usage_error(self, "missing name");
		if (posix_name_arg(sh->type, argv[0], sh->name,
		    sizeof(sh->name), &err) == -1)
			usage_error(self, "invalid name '%s': %s", esc(argv[0]),
			    err);
		if (sh->messages >= 0)
			usage_error(self, "--messages applies to msg only");
		return;
	}
	if (argc == 1 && sh->by_key)
		usage_error(self, "give an id or --key, not both");
	if (argc == 0 && !sh->by_key)
		usage_error(self, "missing id or --key");
	if (argc == 1 && parse_id(argv[0], &sh->id, &err) == -1)
		usage_error(self, "invalid id '%s': %s", argv[0], err);
	if (sh->messages >= 0 && sh->type != T_MSG)
		usage_error(self, "--messages applies to msg only");
}

static int
cmd_show_exec(const struct cmd_entry *self, struct args *args)
{
	const struct show_type	*st;
	struct show		 sh;
	struct json		 js;
	int			 r;

	memset(&sh, 0, sizeof(sh));
	sh.messages = -1;
	sh.out.mode = OUT_TABLE;
	sh.out.tf = TF_FULL;
	sh.out.now = (int64_t)time(NULL);
	show_args(self, &sh, args);
	sh.out.width = term_width(STDOUT_FILENO);
	if (ns_enter_arg() == -1)
		return 1;
	sh.ctx.now = sh.out.now;
	sh.ctx.ns = ns_ipc_inode();
	column_all(sh.type, &sh.cols);
	st = &show_types[sh.type];

	if ((r = st->find(self, &sh)) != 1) {
		if (r == 0)
			warnx_("%s: %s: no such resource", self->name,
			    what(&sh));
		set_free(&sh.set);
		return 1;
	}
	st->gather(&sh);

	if (sh.out.mode == OUT_JSON) {
		json_init(&js, stdout);
		json_open(&js, NULL, 0);
		json_fields(&sh, &js);
		st->json(&sh, &js);
		json_close(&js, 0);
	} else {
		print_fields(&sh);
		st->text(&sh);
	}
	free(sh.att);
	free(sh.sems);
	free(sh.msgs);
	set_free(&sh.set);
	return 0;
}

static const struct cmd_option show_table[] = {
	{ 'k', "key", ARG_REQUIRED, OPT_KEY, "KEY",
	    "find the resource by key instead of id" },
	{ 'J', "json", ARG_NONE, OPT_JSON, NULL, "JSON output" },
	{ 'b', "bytes", ARG_NONE, OPT_BYTES, NULL, "sizes in bytes only" },
	{ 'P', "numeric-perms", ARG_NONE, OPT_NUMERIC_PERMS, NULL,
	    "permissions as octal numbers" },
	{ 0, "time-format", ARG_REQUIRED, OPT_TIME_FORMAT, "FMT",
	    "short, full (default), iso or relative" },
	{ 0, "messages", ARG_OPTIONAL, OPT_MESSAGES, "N",
	    "msg: show the first N messages (10)" },
	{ 0, "notruncate", ARG_NONE, OPT_NOTRUNCATE, NULL,
	    "do not cut commands to fit the terminal" },
	{ 'm', NULL, ARG_NONE, OPT_TYPE_SHM, NULL, NULL },
	{ 'q', NULL, ARG_NONE, OPT_TYPE_MSG, NULL, NULL },
	{ 's', NULL, ARG_NONE, OPT_TYPE_SEM, NULL, NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec show_sections[] = {
	{ "Options", show_table },
	{ NULL, help_options },
	{ NULL, NULL }
};

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.alias = "info",
	.summary = "show one resource in full",
	.usage = "show TYPE ID | show TYPE --key KEY | show PTYPE NAME  [-J] "
	    "[--messages[=N]]",
	.help =
	    "\n"
	    "Show every field of one resource, then what its type adds:\n"
	    "shm: the processes attached (found by the mapping's inode, so\n"
	    "private segments are told apart); sem: one row per semaphore;\n"
	    "msg: queue use against capacity, and with --messages the first\n"
	    "messages, copied without removing them (MSG_COPY); POSIX objects:\n"
	    "the processes that map them or hold them open, and for pmq its\n"
	    "limits (maxmsg, msgsize) and use.\n"
	    "\n"
	    "Types: shm (-m), msg (-q), sem (-s) by ID or --key; pshm, pmq,\n"
	    "psem (PTYPE) by NAME, with or without its leading '/'.\n",
	.options = show_sections,
	.exec = cmd_show_exec,
};
