/* SPDX-License-Identifier: ISC */
/*
 * watch.c - the model of "ipctool watch": what happened to IPC resources
 * since the last look, as events handed to a callback.
 *
 * System V resources are sampled (the kernel offers no notification):
 * one base listing per type and sample, rows matched by identity with the
 * last sample's, as top matches them: the id and key (the id's sequence
 * number tells a reused slot apart; a sem set's ctime changes with every
 * SETVAL and a queue's with IPC_SET, so ctime is not part of it), and for
 * a segment its creator pid too, which nothing changes.  A sample whose
 * rows come in the same order with the same identities, as they do when
 * nothing was made or removed, is compared row by row with no sorting.
 *
 * POSIX objects are seen through inotify on /dev/shm and the mqueue file
 * system, opened as listing opens them (inside the -N root, the
 * namespace's own mqueue mount): each name an event names is stat-ed
 * again once the events have settled, so a file made and unlinked at
 * once (glibc's sem_open makes a temporary one) makes no event.
 *
 * Resources that are there when the watch starts make no event; their
 * state (NATTCH, fill level, stale) is the baseline.
 */
#include <sys/inotify.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

#define POSIX_STALE_SECS	5.0	/* POSIX holders scan at most this often */
#define SETTLE_MS		20	/* for a burst of inotify events */
#define FULL_EVERY		10	/* msg, sem: list at least every 10th
					   sample, changed or not */

static const int	fill_pct[FILL_LEVELS] = { 50, 80, 100 };

/* What is remembered of a row beyond the object. */
struct rowstate {
	int		 level;		/* fill levels reached, 0..3 */
	int		 stale;		/* reported stale (or stale at start) */
	int		 gone;		/* shm: removed, still attached */
};

/* One type's last look: its objects and their states, in the same order. */
struct look {
	struct ipc_set	 set;
	struct rowstate	*st;
};

struct watch {
	unsigned	 types;
	struct filter	 filt;
	void		(*emit)(const struct watch_event *, void *);
	void		*arg;
	struct look	 look[T_NTYPES];
	int		 ifd;		/* inotify, or -1 */
	int		 shmfd;		/* /dev/shm, or -1 */
	int		 mqfd;		/* the mqueue file system, or -1 */
	int		 shmwd;
	int		 mqwd;
	double		 posix_judged;	/* monotonic time of the last scan */
	uint64_t	 fp[T_NTYPES][4]; /* msg, sem: *_INFO at the last list */
	int		 fp_ok[T_NTYPES];
	int		 skipped[T_NTYPES]; /* samples not listed since */
};

/* Start an event of type t about o. */
static void
event_init(struct watch_event *ev, const char *what, enum ipc_type t,
    const struct ipc_obj *o)
{
	memset(ev, 0, sizeof(*ev));
	ev->event = what;
	ev->type = t;
	ev->id = o->id;
	ev->key = o->key;
	ev->name = o->name;
	ev->time = (int64_t)time(NULL);
	ev->use_pct = -1;
}

/* A new watch over types, with filters f, telling emit what happens. */
struct watch *
watch_new(unsigned types, const struct filter *f,
    void (*emit)(const struct watch_event *, void *), void *arg)
{
	struct watch	*w;
	int		 t;

	w = xcalloc(1, sizeof(*w));
	w->types = types;
	w->filt = *f;
	w->emit = emit;
	w->arg = arg;
	w->ifd = w->shmfd = w->mqfd = w->shmwd = w->mqwd = -1;
	for (t = 0; t < T_NTYPES; t++)
		set_init(&w->look[t].set, (enum ipc_type)t);
	return w;
}

/* Whether a row is the same resource as another. */
static int
same_identity(enum ipc_type t, const struct ipc_obj *a,
    const struct ipc_obj *b)
{
	if (a->id != b->id)
		return 0;
	if (t != T_SHM)
		return a->key == b->key;
	/* Removed while attached, a segment's key turns IPC_PRIVATE. */
	return (a->key == b->key || (b->mode & SHM_DEST)) &&
	    a->u.shm.cpid == b->u.shm.cpid;
}

/* How many fill levels a queue has reached (msg: bytes; pmq: messages). */
static int
fill_level(enum ipc_type t, const struct ipc_obj *o)
{
	uint64_t	used, cap;
	int		l;

	if (t == T_MSG && (o->has & HAS_QBYTES)) {
		used = o->u.msg.cbytes;
		cap = o->u.msg.qbytes;
	} else if (t == T_PMQ && (o->has & HAS_MSGS)) {
		used = o->u.px.msgs;
		cap = o->u.px.maxmsg;
	} else
		return 0;
	if (cap == 0)
		return 0;
	for (l = 0; l < FILL_LEVELS; l++)
		if (used * 100 < cap * (uint64_t)fill_pct[l])
			break;
	return l;
}

/* A queue's fill in whole per cent. */
static int
use_pct(enum ipc_type t, const struct ipc_obj *o)
{
	uint64_t	used, cap;

	used = t == T_MSG ? o->u.msg.cbytes : o->u.px.msgs;
	cap = t == T_MSG ? o->u.msg.qbytes : o->u.px.maxmsg;
	if (cap == 0)
		return 0;
	return (int)(used * 100 / cap);
}

/*
 * Whether o may turn stale from what its own record says, so is worth
 * judging: what nobody ever used is never stale, and judging it costs
 * nothing, but this spares the sem pids calls.
 */
static int
stale_candidate(enum ipc_type t, const struct ipc_obj *o)
{
	switch (t) {
	case T_SHM:
		return o->u.shm.nattch == 0;
	case T_MSG:
		return o->u.msg.lspid != 0 || o->u.msg.lrpid != 0 ||
		    o->u.msg.stime != 0 || o->u.msg.rtime != 0;
	case T_SEM:
		return o->u.sem.otime != 0;
	default:
		return 1;
	}
}

/* Judge o: 1 and why in buf if it is stale, 0 if not or unknown. */
static int
judge(enum ipc_type t, struct ipc_set *set, struct ipc_obj *o, char *buf,
    size_t len)
{
	if (!stale_candidate(t, o))
		return 0;
	if (t == T_SEM && !(o->has & HAS_SEMPIDS))
		sysvctl_sempids(set, o);
	return stale_judge(t, o, NULL, buf, len) == STALE_YES;
}

/* Tell of a resource that appeared: its creator and their name, read now. */
static void
emit_created(struct watch *w, enum ipc_type t, const struct ipc_obj *o,
    pid_t pid, int64_t used_at)
{
	struct watch_event	ev;

	event_init(&ev, "created", t, o);
	ev.has_creator_uid = 1;
	ev.creator_uid = (TBIT(t) & TYPES_SYSV) ? o->cuid : o->uid;
	ev.creator_user = user_name(ev.creator_uid);
	if (pid > 0 && proc_alive(pid, used_at) == 1) {
		ev.creator_pid = pid;
		ev.creator_command = proc_cmdline(pid);
	}
	w->emit(&ev, w->arg);
}

/* Tell of a resource that went, with its last NATTCH or messages. */
static void
emit_removed(struct watch *w, enum ipc_type t, const struct ipc_obj *o)
{
	struct watch_event	ev;

	event_init(&ev, "removed", t, o);
	if (t == T_SHM) {
		ev.has_nattch = 1;
		ev.nattch = o->u.shm.nattch;
	} else if (t == T_MSG) {
		ev.has_msgs = 1;
		ev.msgs = o->u.msg.qnum;
	} else if (t == T_PMQ && (o->has & HAS_MSGS)) {
		ev.has_msgs = 1;
		ev.msgs = o->u.px.msgs;
	}
	w->emit(&ev, w->arg);
}

/* Tell of each fill level crossed from level from to level to. */
static void
emit_fill(struct watch *w, enum ipc_type t, const struct ipc_obj *o,
    int from, int to)
{
	struct watch_event	ev;
	int			l;

	event_init(&ev, "fill", t, o);
	ev.use_pct = use_pct(t, o);
	if (t == T_MSG) {
		ev.has_msgs = 1;
		ev.msgs = o->u.msg.qnum;
	} else {
		ev.has_msgs = 1;
		ev.msgs = o->u.px.msgs;
	}
	for (l = from; l < to; l++) {
		ev.threshold = fill_pct[l];
		ev.up = 1;
		w->emit(&ev, w->arg);
	}
	for (l = from; l > to; l--) {
		ev.threshold = fill_pct[l - 1];
		ev.up = 0;
		w->emit(&ev, w->arg);
	}
}

/* Tell of a resource that turned stale. */
static void
emit_stale(struct watch *w, enum ipc_type t, const struct ipc_obj *o,
    const char *why)
{
	struct watch_event	ev;

	event_init(&ev, "stale", t, o);
	ev.reason = why;
	w->emit(&ev, w->arg);
}

/*
 * Whether the record of a resource says it was used between two looks
 * (attached, sent to, operated on, set), which a stale verdict does not
 * outlive.
 */
static int
used_since(enum ipc_type t, const struct ipc_obj *a, const struct ipc_obj *b)
{
	if (a->ctime != b->ctime)
		return 1;
	switch (t) {
	case T_SHM:
		return a->u.shm.nattch != b->u.shm.nattch ||
		    a->u.shm.atime != b->u.shm.atime ||
		    a->u.shm.dtime != b->u.shm.dtime ||
		    a->u.shm.lpid != b->u.shm.lpid ||
		    a->u.shm.size != b->u.shm.size;
	case T_MSG:
		return a->u.msg.cbytes != b->u.msg.cbytes ||
		    a->u.msg.qnum != b->u.msg.qnum ||
		    a->u.msg.qbytes != b->u.msg.qbytes ||
		    a->u.msg.stime != b->u.msg.stime ||
		    a->u.msg.rtime != b->u.msg.rtime ||
		    a->u.msg.lspid != b->u.msg.lspid ||
		    a->u.msg.lrpid != b->u.msg.lrpid;
	case T_SEM:
		return a->u.sem.otime != b->u.sem.otime ||
		    a->u.sem.nsems != b->u.sem.nsems;
	default:
		return a->u.px.size != b->u.px.size ||
		    a->u.px.msgs != b->u.px.msgs ||
		    a->u.px.mtime != b->u.px.mtime ||
		    a->u.px.sval != b->u.px.sval ||
		    a->u.px.ino != b->u.px.ino;
	}
}

/*
 * Compare a row with its last look: NATTCH, fill level and staleness.
 * st comes as the last look's state and leaves as the row's.
 */
static void
compare_row(struct watch *w, enum ipc_type t, struct ipc_set *set,
    const struct ipc_obj *old, struct ipc_obj *cur, struct rowstate *st,
    int quiet)
{
	struct watch_event	ev;
	char			why[STALE_REASON_LEN];
	int			level, changed;

	changed = old == NULL || used_since(t, old, cur);
	if (t == T_SHM && (cur->mode & SHM_DEST) && !st->gone) {
		st->gone = 1;
		if (!quiet) {
			event_init(&ev, "removed", t, old != NULL ? old : cur);
			ev.has_nattch = 1;
			ev.nattch = cur->u.shm.nattch;
			ev.marked = 1;
			w->emit(&ev, w->arg);
		}
	}
	if (!quiet && t == T_SHM && old != NULL &&
	    old->u.shm.nattch != cur->u.shm.nattch) {
		event_init(&ev, cur->u.shm.nattch > old->u.shm.nattch ?
		    "attached" : "detached", t, cur);
		ev.has_nattch = 1;
		ev.nattch = cur->u.shm.nattch;
		w->emit(&ev, w->arg);
	}
	level = fill_level(t, cur);
	if (!quiet && level != st->level)
		emit_fill(w, t, cur, st->level, level);
	st->level = level;
	/* Used again since it was stale: it may turn stale again. */
	if (changed)
		st->stale = 0;
	if (st->stale)
		return;
	if (judge(t, set, cur, why, sizeof(why))) {
		st->stale = 1;
		if (!quiet)
			emit_stale(w, t, cur, why);
	}
}

/* Order of rows by id, which is unique in a sample. */
static int
cmp_obj(const struct ipc_obj *x, const struct ipc_obj *y)
{
	return (x->id > y->id) - (x->id < y->id);
}

/* The rows by_id() sorts the indexes of (qsort has no context). */
static const struct ipc_obj	*sort_rows;

static int
cmp_index(const void *a, const void *b)
{
	return cmp_obj(&sort_rows[*(const size_t *)a],
	    &sort_rows[*(const size_t *)b]);
}

/* Indexes 0..n-1 of objs, sorted by id. */
static size_t *
by_id(const struct ipc_obj *objs, size_t n)
{
	size_t	*ix, i;

	ix = xreallocarray(NULL, n + 1, sizeof(*ix));
	for (i = 0; i < n; i++)
		ix[i] = i;
	sort_rows = objs;
	sort_array(ix, n, sizeof(*ix), cmp_index);
	return ix;
}

/*
 * Match the rows of cur with the last look lk: match[i] is the last
 * look's index of cur's row i, or -1 for a new row; seen[j] says whether
 * the last look's row j is still there.
 */
static void
match_rows(enum ipc_type t, const struct look *lk, const struct ipc_set *cur,
    ssize_t *match, char *seen)
{
	const struct ipc_set	*old = &lk->set;
	size_t			*a, *b, i, j, k;
	int			 c;

	memset(seen, 0, old->n + 1);
	if (old->n == cur->n) {
		for (i = 0; i < cur->n; i++)
			if (!same_identity(t, &old->v[i], &cur->v[i]))
				break;
		if (i == cur->n) {
			for (i = 0; i < cur->n; i++) {
				match[i] = (ssize_t)i;
				seen[i] = 1;
			}
			return;
		}
	}
	/* Something came or went: merge the two by id. */
	a = by_id(old->v, old->n);
	b = by_id(cur->v, cur->n);
	for (k = 0; k < cur->n; k++)
		match[k] = -1;
	for (i = j = 0; i < old->n && j < cur->n; ) {
		c = cmp_obj(&old->v[a[i]], &cur->v[b[j]]);
		if (c == 0) {
			/* The same id: another key or maker is another. */
			if (same_identity(t, &old->v[a[i]], &cur->v[b[j]])) {
				match[b[j]] = (ssize_t)a[i];
				seen[a[i]] = 1;
			}
			i++;
			j++;
		} else if (c < 0)
			i++;
		else
			j++;
	}
	free(a);
	free(b);
}

/* Hand lk a new sample cur and its states st, freeing the last look. */
static void
look_replace(struct look *lk, const struct ipc_set *cur, struct rowstate *st)
{
	set_free(&lk->set);
	free(lk->st);
	lk->set = *cur;
	lk->st = st;
}

/*
 * A sample with nothing changed: the rows of the last look that may
 * have turned stale (their processes died) are judged, and each found
 * stale is read again first, as the look may be older than its last use
 * (a message sent and another received leave *_INFO as it was): one used
 * since is taken as it is now and judged at the next sample.
 */
static void
recheck_stale(struct watch *w, enum ipc_type t)
{
	struct look	*lk = &w->look[t];
	struct ipc_obj	*o, now;
	char		 why[STALE_REASON_LEN];
	size_t		 i;

	for (i = 0; i < lk->set.n; i++) {
		o = &lk->set.v[i];
		if (lk->st[i].stale || !judge(t, &lk->set, o, why, sizeof(why)))
			continue;
		/* Gone or another: the next listing tells. */
		if (sysvctl_stat(t, o->id, &now) == -1 || now.key != o->key)
			continue;
		if (used_since(t, o, &now)) {
			*o = now;
			continue;
		}
		lk->st[i].stale = 1;
		emit_stale(w, t, o, why);
	}
}

/*
 * Whether msg or sem type t can go unlisted this sample: *_INFO says
 * the same as at the last listing (no object made or removed, for msg
 * no message sent or received), it was listed less than FULL_EVERY
 * samples ago and no filter depends on the clock.  fp gets *_INFO.
 */
static int
unchanged(struct watch *w, enum ipc_type t, uint64_t *fp, int *fpok)
{
	*fpok = (t == T_MSG || t == T_SEM) && sysvctl_fingerprint(t, fp) == 0;
	return *fpok && w->fp_ok[t] && w->skipped[t] < FULL_EVERY - 1 &&
	    !filter_is_set(&w->filt) &&
	    memcmp(fp, w->fp[t], sizeof(w->fp[t])) == 0;
}

/*
 * Sample SysV type t and tell what changed since the last look (nothing
 * when quiet: the baseline).  0, or -1 (said) if it could not be read.
 */
static int
sample_sysv(struct watch *w, enum ipc_type t, int quiet)
{
	struct look	*lk = &w->look[t];
	struct ipc_set	 cur;
	struct rowstate	*st;
	ssize_t		*match;
	char		*seen;
	uint64_t	 fp[4];
	size_t		 i, j;
	int		 fpok;

	if (unchanged(w, t, fp, &fpok) && !quiet) {
		w->skipped[t]++;
		recheck_stale(w, t);
		return 0;
	}
	/* Taken before the list: what changes during it is listed again. */
	w->skipped[t] = 0;
	w->fp_ok[t] = fpok;
	memcpy(w->fp[t], fp, sizeof(w->fp[t]));
	/* A queue's capacity, for its fill (*_STAT_ANY gives it free). */
	if (pipeline_collect(t, NEED_QBYTES, &w->filt, (int64_t)time(NULL),
	    &cur) == -1)
		return -1;
	st = xcalloc(cur.n + 1, sizeof(*st));
	match = xreallocarray(NULL, cur.n + 1, sizeof(*match));
	seen = xcalloc(lk->set.n + 1, 1);
	match_rows(t, lk, &cur, match, seen);
	for (j = 0; j < lk->set.n; j++)
		if (!seen[j] && !quiet && !lk->st[j].gone)
			emit_removed(w, t, &lk->set.v[j]);
	for (i = 0; i < cur.n; i++) {
		if (match[i] < 0) {
			if (!quiet)
				emit_created(w, t, &cur.v[i], t == T_SHM ?
				    cur.v[i].u.shm.cpid : 0, cur.v[i].ctime);
			compare_row(w, t, &cur, NULL, &cur.v[i], &st[i], quiet);
			continue;
		}
		st[i] = lk->st[match[i]];
		/* A segment removed while attached keeps its key for us. */
		if (t == T_SHM && (cur.v[i].mode & SHM_DEST))
			cur.v[i].key = lk->set.v[match[i]].key;
		compare_row(w, t, &cur, &lk->set.v[match[i]], &cur.v[i],
		    &st[i], quiet);
	}
	free(match);
	free(seen);
	look_replace(lk, &cur, st);
	return 0;
}

/* The index of POSIX object name in the last look of t, or -1. */
static ssize_t
posix_find(const struct look *lk, const char *name)
{
	size_t	i;

	for (i = 0; i < lk->set.n; i++)
		if (strcmp(lk->set.v[i].name, name) == 0)
			return (ssize_t)i;
	return -1;
}

/* Forget object k of a POSIX look. */
static void
posix_forget(struct look *lk, size_t k)
{
	free(lk->set.v[k].name);
	lk->set.n--;
	if (k != lk->set.n) {
		lk->set.v[k] = lk->set.v[lk->set.n];
		lk->st[k] = lk->st[lk->set.n];
	}
}

/*
 * Judge the POSIX objects of t not yet known stale, from one scan of
 * every process's descriptors and maps; tell of those that turned stale
 * (unless quiet).
 */
static void
posix_judge(struct watch *w, enum ipc_type t, int quiet)
{
	struct look	*lk = &w->look[t];
	struct ipc_set	 tmp;
	char		 why[STALE_REASON_LEN];
	size_t		 i, n = 0;
	int		 r;

	for (i = 0; i < lk->set.n; i++)
		n += !lk->st[i].stale;
	if (n == 0)
		return;
	set_init(&tmp, t);
	for (i = 0; i < lk->set.n; i++)
		obj_copy(set_add(&tmp), &lk->set.v[i]);
	posix_enrich_holders(&tmp);
	for (i = 0; i < tmp.n; i++) {
		r = stale_judge(t, &tmp.v[i], NULL, why, sizeof(why));
		if (r == STALE_NO)
			lk->st[i].stale = 0;
		else if (r == STALE_YES && !lk->st[i].stale) {
			lk->st[i].stale = 1;
			if (!quiet)
				emit_stale(w, t, &lk->set.v[i], why);
		}
	}
	set_free(&tmp);
}

/*
 * The process that holds a new POSIX object (its creator, as far as can
 * be told: the lowest pid holding it as it appears), or 0.
 */
static pid_t
posix_holder(enum ipc_type t, const struct ipc_obj *o)
{
	struct ipc_set	tmp;
	pid_t		pid = 0;
	uint32_t	i;

	set_init(&tmp, t);
	obj_copy(set_add(&tmp), o);
	posix_enrich_holders(&tmp);
	for (i = 0; i < tmp.v[0].npids; i++)
		if (pid == 0 || tmp.v[0].pids[i] < pid)
			pid = tmp.v[0].pids[i];
	set_free(&tmp);
	return pid;
}

/* Add a POSIX object that appeared to the look of t, and tell of it. */
static void
posix_add(struct watch *w, enum ipc_type t, const struct ipc_obj *o)
{
	struct look	*lk = &w->look[t];
	size_t		 k = lk->set.n;

	*set_add(&lk->set) = *o;
	lk->st = xreallocarray(lk->st, lk->set.n + 1, sizeof(*lk->st));
	memset(&lk->st[k], 0, sizeof(lk->st[k]));
	lk->st[k].level = fill_level(t, &lk->set.v[k]);
	emit_created(w, t, &lk->set.v[k], posix_holder(t, &lk->set.v[k]), 0);
}

/*
 * Look at directory entry fname again as an object of type t: tell of
 * it if it appeared, went, or is another file of the same name.
 */
static void
posix_resolve(struct watch *w, enum ipc_type t, const char *fname)
{
	struct look	*lk = &w->look[t];
	struct ipc_obj	 o;
	char		 name[NAME_MAX + 2];
	ssize_t		 k;
	int		 dfd = t == T_PMQ ? w->mqfd : w->shmfd;
	int		 r;

	r = posix_stat_entry(t, dfd, fname, &o);
	if (r == -1 && errno == EINVAL)
		return;			/* not one of t's */
	snprintf(name, sizeof(name), "/%s", t == T_PSEM ? fname + 4 : fname);
	k = posix_find(lk, name);
	if (r == 0 && !filter_match(&w->filt, t, &o, (int64_t)time(NULL))) {
		free(o.name);
		r = -1;
	}
	if (r == 0 && k >= 0 && lk->set.v[k].u.px.dev == o.u.px.dev &&
	    lk->set.v[k].u.px.ino == o.u.px.ino) {
		free(o.name);
		return;			/* the same file */
	}
	if (k >= 0) {
		emit_removed(w, t, &lk->set.v[k]);
		posix_forget(lk, (size_t)k);
	}
	if (r == 0)
		posix_add(w, t, &o);
}

/* Take a POSIX baseline of type t; 0, or -1 (said) if it failed. */
static int
posix_baseline(struct watch *w, enum ipc_type t)
{
	struct look	*lk = &w->look[t];
	size_t		 i, n = 0;

	if (pipeline_collect(t, 0, NULL, 0, &lk->set) == -1)
		return -1;
	for (i = 0; i < lk->set.n; i++)
		if (filter_match(&w->filt, t, &lk->set.v[i],
		    (int64_t)time(NULL)))
			lk->set.v[n++] = lk->set.v[i];
		else
			free(lk->set.v[i].name);
	lk->set.n = n;
	lk->st = xcalloc(n + 1, sizeof(*lk->st));
	for (i = 0; i < n; i++)
		lk->st[i].level = fill_level(t, &lk->set.v[i]);
	posix_judge(w, t, 1);
	return 0;
}

/* Watch directory dfd for objects coming and going; its wd, or -1. */
static int
watch_dir(struct watch *w, int dfd, const char *what)
{
	char	path[64];
	int	wd;

	if (w->ifd == -1 &&
	    (w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1) {
		warn_("watch: inotify");
		return -1;
	}
	/* The directory opened safely, not a path walked again. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", dfd);
	wd = inotify_add_watch(w->ifd, path, IN_CREATE | IN_DELETE |
	    IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF |
	    IN_ONLYDIR);
	if (wd == -1)
		warn_("watch: inotify: %s", what);
	return wd;
}

/*
 * Take the baseline of every type watched (no events for what is there)
 * and start watching the POSIX directories; -1 (said) on failure.  A
 * POSIX directory that does not exist or is not mounted is said and left
 * unwatched.
 */
int
watch_start(struct watch *w)
{
	int	t, unmounted;

	proc_cache_free();
	names_forget();
	waiters_forget();
	for (t = 0; t < T_NTYPES; t++) {
		if (!(w->types & TBIT(t)))
			continue;
		if (TBIT(t) & TYPES_SYSV) {
			if (sample_sysv(w, (enum ipc_type)t, 1) == -1)
				return -1;
		} else if (posix_baseline(w, (enum ipc_type)t) == -1)
			return -1;
	}
	w->posix_judged = mono_secs();
	if (w->types & (TBIT(T_PSHM) | TBIT(T_PSEM)) &&
	    (w->shmfd = posix_open_dir(T_PSHM, &unmounted)) != -1 &&
	    (w->shmwd = watch_dir(w, w->shmfd, "/dev/shm")) == -1)
		return -1;
	if (w->types & TBIT(T_PMQ) &&
	    (w->mqfd = posix_open_dir(T_PMQ, &unmounted)) != -1 &&
	    (w->mqwd = watch_dir(w, w->mqfd, "/dev/mqueue")) == -1)
		return -1;
	return 0;
}

/* The inotify descriptor to poll, or -1 if no POSIX type is watched. */
int
watch_fd(const struct watch *w)
{
	return w->ifd;
}

/* Sample the pmq objects' fill (the mqueue file system tells nothing). */
static void
pmq_fill(struct watch *w)
{
	struct look	*lk = &w->look[T_PMQ];
	struct ipc_obj	 o;
	size_t		 i;
	int		 level;

	if (w->mqfd == -1)
		return;
	for (i = 0; i < lk->set.n; i++) {
		if (posix_stat_entry(T_PMQ, w->mqfd, lk->set.v[i].name + 1,
		    &o) == -1)
			continue;	/* gone: inotify will say */
		if (o.u.px.ino == lk->set.v[i].u.px.ino &&
		    (o.has & HAS_MSGS)) {
			level = fill_level(T_PMQ, &o);
			if (level != lk->st[i].level)
				emit_fill(w, T_PMQ, &o, lk->st[i].level,
				    level);
			lk->st[i].level = level;
			lk->set.v[i].u.px.msgs = o.u.px.msgs;
			lk->set.v[i].has |= HAS_MSGS;
		}
		free(o.name);
	}
}

/*
 * One sample: each SysV type listed and compared, pmq fill, and every
 * POSIX_STALE_SECS the POSIX objects judged.  0, or -1 (said) if a
 * listing failed.
 */
int
watch_sample(struct watch *w)
{
	double	now;
	int	t, rval = 0;

	proc_cache_free();
	names_forget();
	waiters_forget();
	for (t = T_SHM; t <= T_SEM; t++)
		if ((w->types & TBIT(t)) &&
		    sample_sysv(w, (enum ipc_type)t, 0) == -1)
			rval = -1;
	if (w->types & TBIT(T_PMQ))
		pmq_fill(w);
	now = mono_secs();
	if ((w->types & TYPES_POSIX) &&
	    now - w->posix_judged >= POSIX_STALE_SECS) {
		w->posix_judged = now;
		for (t = T_PSHM; t <= T_PSEM; t++)
			if (w->types & TBIT(t))
				posix_judge(w, (enum ipc_type)t, 0);
	}
	return rval;
}

/* A name an event named, to look at once the burst is over. */
struct pending {
	int		 wd;
	char		 name[NAME_MAX + 1];
};

/* Note name under wd once. */
static void
pending_add(struct pending **p, size_t *n, int wd, const char *name)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if ((*p)[i].wd == wd && strcmp((*p)[i].name, name) == 0)
			return;
	*p = xreallocarray(*p, *n + 1, sizeof(**p));
	(*p)[*n].wd = wd;
	strlcpy((*p)[*n].name, name, sizeof((*p)[*n].name));
	(*n)++;
}

/* Look again at every object of a watched directory (lost events). */
static void
posix_rescan(struct watch *w, int wd, struct pending **p, size_t *n)
{
	struct look	*lk;
	size_t		 i;
	int		 t;

	for (t = T_PSHM; t <= T_PSEM; t++) {
		if ((t == T_PMQ) != (wd == w->mqwd))
			continue;
		lk = &w->look[t];
		for (i = 0; i < lk->set.n; i++) {
			char	fname[NAME_MAX + 8];

			snprintf(fname, sizeof(fname), "%s%s", t == T_PSEM ?
			    "sem." : "", lk->set.v[i].name + 1);
			pending_add(p, n, wd, fname);
		}
	}
}

/*
 * Read the inotify events there are, waiting SETTLE_MS for more, into
 * the pending names; -1 (said) if a watched directory went away or the
 * read failed.
 */
static int
read_events(struct watch *w, struct pending **p, size_t *n, int *overflow)
{
	char				 buf[16384]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event	*ev;
	struct pollfd			 pfd;
	ssize_t				 len;
	char				*q;

	pfd.fd = w->ifd;
	pfd.events = POLLIN;
	for (;;) {
		len = read(w->ifd, buf, sizeof(buf));
		if (len == -1 && errno == EINTR)
			continue;
		if (len == -1 && errno == EAGAIN) {
			if (poll(&pfd, 1, SETTLE_MS) > 0)
				continue;
			return 0;
		}
		if (len <= 0) {
			warn_("watch: inotify");
			return -1;
		}
		for (q = buf; q < buf + len; q += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)(void *)q;
			if (ev->mask & IN_Q_OVERFLOW)
				*overflow = 1;
			if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF |
			    IN_UNMOUNT)) {
				warnx_("watch: %s: the directory went away",
				    ev->wd == w->mqwd ? "/dev/mqueue" :
				    "/dev/shm");
				return -1;
			}
			if (ev->len > 0 && ev->name[0] != '\0' &&
			    ev->name[0] != '.')
				pending_add(p, n, ev->wd, ev->name);
		}
	}
}

/*
 * Read the POSIX directories' events and tell what appeared and went.
 * 0, or -1 (said) on failure.
 */
int
watch_posix_events(struct watch *w)
{
	struct pending	*p = NULL;
	size_t		 n = 0, i;
	int		 overflow = 0, rval = 0, t;
	struct ipc_set	 now;

	if (w->ifd == -1)
		return 0;
	proc_cache_free();
	names_forget();
	if (read_events(w, &p, &n, &overflow) == -1)
		rval = -1;
	if (overflow) {
		/* Events were lost: every file there and every one known. */
		for (t = T_PSHM; t <= T_PSEM; t++) {
			set_init(&now, (enum ipc_type)t);
			if (!(w->types & TBIT(t)) || pipeline_collect(
			    (enum ipc_type)t, 0, NULL, 0, &now) == -1)
				continue;
			for (i = 0; i < now.n; i++) {
				char	fname[NAME_MAX + 8];

				snprintf(fname, sizeof(fname), "%s%s",
				    t == T_PSEM ? "sem." : "",
				    now.v[i].name + 1);
				pending_add(&p, &n, t == T_PMQ ? w->mqwd :
				    w->shmwd, fname);
			}
			set_free(&now);
		}
		posix_rescan(w, w->shmwd, &p, &n);
		posix_rescan(w, w->mqwd, &p, &n);
	}
	for (i = 0; i < n; i++) {
		if (p[i].wd == w->mqwd) {
			if (w->types & TBIT(T_PMQ))
				posix_resolve(w, T_PMQ, p[i].name);
			continue;
		}
		if (p[i].wd != w->shmwd)
			continue;
		if (strncmp(p[i].name, "sem.", 4) == 0) {
			if (w->types & TBIT(T_PSEM))
				posix_resolve(w, T_PSEM, p[i].name);
		} else if (w->types & TBIT(T_PSHM))
			posix_resolve(w, T_PSHM, p[i].name);
	}
	free(p);
	return rval;
}

/* Free a watch. */
void
watch_free(struct watch *w)
{
	int	t;

	if (w == NULL)
		return;
	for (t = 0; t < T_NTYPES; t++) {
		set_free(&w->look[t].set);
		free(w->look[t].st);
	}
	if (w->ifd != -1)
		close(w->ifd);
	if (w->shmfd != -1)
		close(w->shmfd);
	if (w->mqfd != -1)
		close(w->mqfd);
	free(w);
}
