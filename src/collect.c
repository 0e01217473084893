/* SPDX-License-Identifier: ISC */
/*
 * collect.c - fill an ipc_set: pick the source (/proc/sysvipc, or the
 * *ctl interface where it is missing), then run only the costly passes
 * the request needs (queue capacity, semaphore pids, attachments, the
 * creator's command, the stale verdict, the namespace, user and group
 * names).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipctool.h"

/*
 * Read /proc/sysvipc/<type> into set: 0; -1 if the file is absent or its
 * header unusable (the *ctl interface can answer); -2, said, if it could
 * not be read, which is a failure and never a shorter list.
 */
static int
read_proc(enum ipc_type t, struct ipc_set *set, int stop_id)
{
	struct sysv_parser	*p;
	char			 path[64], buf[65536];
	ssize_t			 n;
	size_t			 seen = 0;
	int			 fd, r;

	snprintf(path, sizeof(path), SYSVIPC_DIR "/%s", type_name(t));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT || errno == ENOTDIR)
			return -1;
		warn_("%s", path);
		return -2;
	}
	p = sysv_parser_new(t, set);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		sysv_parser_feed(p, buf, (size_t)n);
		/* The kernel writes the rest as it is read: not needed. */
		for (; stop_id >= 0 && seen < set->n; seen++)
			if (set->v[seen].id == stop_id) {
				close(fd);
				sysv_parser_abort(p);
				set->from_proc = 1;
				return 0;
			}
	}
	if (n == -1) {
		warn_("%s", path);
		close(fd);
		/* Not even the cut last line: the whole read failed. */
		sysv_parser_abort(p);
		set_free(set);
		return -2;
	}
	close(fd);
	r = sysv_parser_finish(p);
	if (r == -1) {
		warnx_("%s: unexpected header, using the kernel interface",
		    path);
		set_free(set);
		return -1;
	}
	if (r > 0)
		warnx_("%s: %d malformed line%s skipped", path, r,
		    r == 1 ? "" : "s");
	set->from_proc = 1;
	return 0;
}

/*
 * Fill o's RSS and SWAP (a segment's, from /proc/sysvipc/shm, which alone
 * has them), reading only as far as its row.  0; -1 if they cannot be had
 * (no such file or row: left unknown); -2 if the file could not be read
 * (said).
 */
int
collect_shm_rss(struct ipc_obj *o)
{
	struct ipc_set	set;
	size_t		i;
	int		rval;

	set_init(&set, T_SHM);
	if ((rval = read_proc(T_SHM, &set, o->id)) == 0)
		for (i = 0; i < set.n; i++)
			if (set.v[i].id == o->id && (set.v[i].has & HAS_RSS)) {
				o->u.shm.rss = set.v[i].u.shm.rss;
				o->u.shm.swap = set.v[i].u.shm.swap;
				o->has |= HAS_RSS;
				break;
			}
	set_free(&set);
	if (rval == 0 && !(o->has & HAS_RSS))
		rval = -1;
	return rval;
}

/*
 * Which source the base listing comes from: "ctl" or "proc" in
 * IPCTOOL_SYSV_SOURCE makes the tests compare the two; otherwise 0, the
 * cheapest that has what is needed.
 */
static int
forced_source(void)
{
	static int	 source = -1;
	const char	*e;

	if (source == -1) {
		e = getenv("IPCTOOL_SYSV_SOURCE");
		source = e == NULL ? 0 : strcmp(e, "proc") == 0 ? 'p' :
		    strcmp(e, "ctl") == 0 ? 'c' : 0;
	}
	return source;
}

/*
 * The base listing of a SysV type: by kernel index with *_STAT_ANY,
 * which costs a third of the kernel's /proc/sysvipc text, unless shm RSS
 * or SWAP is needed (/proc alone has them) or the kernel lacks it; then
 * /proc/sysvipc, and where that is missing the *ctl interface again.
 */
int
collect_sysv_base(enum ipc_type t, unsigned needs, struct ipc_set *set)
{
	int	source = forced_source();

	if (source == 'c' || (source == 0 &&
	    !(t == T_SHM && (needs & NEED_RSS)))) {
		switch (sysvctl_enumerate_any(t, set)) {
		case 0:
			return 0;
		case -2:
			warn_("%s", type_name(t));
			return -1;
		default:
			break;
		}
	}
	switch (read_proc(t, set, -1)) {
	case 0:
		return 0;
	case -2:
		return -1;
	default:
		break;
	}
	if (sysvctl_enumerate(t, set) == -1) {
		warn_("%s", type_name(t));
		set_free(set);
		return -1;
	}
	return 0;
}

/*
 * Give each segment the distinct pids that map it; -1, said, if /proc
 * could not be walked (no segment is then called unattached).
 */
static int
enrich_attached(struct ipc_set *set)
{
	struct attach	*a;
	size_t		 na, i, lo, hi, mid, k, n;
	pid_t		*pids, prev;

	if (proc_scan_sysv_maps(&a, &na) == -1) {
		warn_("/proc");
		return -1;
	}
	sort_array(a, na, sizeof(*a), attach_cmp);
	for (i = 0; i < set->n; i++) {
		lo = 0;
		hi = na;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (a[mid].shmid < set->v[i].id)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (n = 0, prev = 0, k = lo; k < na &&
		    a[k].shmid == set->v[i].id; k++)
			if (attach_is_of(&a[k], &set->v[i]) && a[k].pid != prev) {
				prev = a[k].pid;
				n++;
			}
		pids = NULL;
		if (n > 0) {
			pids = set_pids(set, n);
			for (n = 0, prev = 0, k = lo; k < na &&
			    a[k].shmid == set->v[i].id; k++)
				if (attach_is_of(&a[k], &set->v[i]) &&
				    a[k].pid != prev)
					pids[n++] = prev = a[k].pid;
		}
		set->v[i].pids = pids;
		set->v[i].npids = (uint32_t)n;
		set->v[i].has |= HAS_ATTACHED;
	}
	free(a);
	return 0;
}

/*
 * Each segment's creator's command line, while the creator runs (a process
 * that took its pid since is not it): what COMMAND shows.
 */
static void
enrich_cmd(struct ipc_set *set)
{
	struct ipc_obj	*o;
	size_t		 i;

	for (i = 0; i < set->n; i++) {
		o = &set->v[i];
		o->cmd = NULL;
		if (proc_alive(o->u.shm.cpid, o->ctime) == 1)
			o->cmd = set_strdup(set, proc_cmdline(o->u.shm.cpid));
		o->has |= HAS_CMD;
	}
}

/*
 * Judge every object of set, keeping the verdict and its reason (STALE,
 * --stale, show): after the passes the rules read (sempids, holders).
 */
void
collect_stale(struct ipc_set *set)
{
	struct ipc_obj	*o;
	char		 why[STALE_REASON_LEN];
	size_t		 i;
	int		 cause;

	for (i = 0; i < set->n; i++) {
		o = &set->v[i];
		cause = -1;
		o->stale = (short)stale_judge(set->type, o, &cause, why,
		    sizeof(why));
		o->stale_cause = (short)cause;
		o->stale_why = set_strdup(set, why);
		o->has |= HAS_STALE;
	}
}

/*
 * Look up the names that needs asks for (NEED_*NAME) into proc.c's
 * cache, where the getters read them: each distinct id costs one look-up
 * through the system, every other object one hash probe.
 */
static void
enrich_names(struct ipc_set *set, unsigned needs)
{
	const struct ipc_obj	*o;
	size_t			 i;
	int			 sysv = (TBIT(set->type) & TYPES_SYSV) != 0;

	for (i = 0; i < set->n; i++) {
		o = &set->v[i];
		if (needs & NEED_UNAME)
			(void)user_name(o->uid);
		if (needs & NEED_GNAME)
			(void)group_name(o->gid);
		if (sysv && (needs & NEED_CUNAME))
			(void)user_name(o->cuid);
		if (sysv && (needs & NEED_CGNAME))
			(void)group_name(o->cgid);
	}
}

/*
 * Run the costly passes that needs asks for, where they apply; -1, said,
 * if a walk of /proc failed.  Everything a column, filter or sort key
 * reads beyond the base listing is filled here, before any output.
 */
int
collect_enrich(struct ipc_set *set, unsigned needs)
{
	size_t	i;
	int	rval = 0;

	if (set->type == T_MSG && (needs & NEED_QBYTES))
		for (i = 0; i < set->n; i++)
			sysvctl_qbytes(&set->v[i]);
	if (set->type == T_SEM && (needs & NEED_SEMPIDS))
		for (i = 0; i < set->n; i++)
			sysvctl_sempids(set, &set->v[i]);
	if (set->type == T_SHM && (needs & NEED_ATTACHED))
		rval = enrich_attached(set);
	if ((TBIT(set->type) & TYPES_POSIX) &&
	    (needs & (NEED_ATTACHED | NEED_ALIVE)))
		posix_enrich_holders(set);
	if (set->type == T_SHM && (needs & NEED_CMD))
		enrich_cmd(set);
	if (needs & NEED_ALIVE)
		collect_stale(set);
	if (needs & NEED_NS)
		set->ns = ns_ipc_inode();
	if (needs & NEED_NAMES)
		enrich_names(set, needs);
	return rval;
}

struct each {
	struct ipc_set	  one;
	unsigned	  needs;
	void		(*fn)(const struct ipc_obj *, void *);
	void		 *arg;
};

static void
each_one(const struct ipc_obj *o, void *arg)
{
	struct each	*e = arg;

	/* Its pids and stale reason stay in the set's pool: let it go now and
	 * then rather than for each object. */
	if (e->one.n >= 1024)
		set_free(&e->one);
	e->one.n = 0;
	*set_add(&e->one) = *o;
	/* A process may have blocked on it since the last scan. */
	waiters_expire();
	collect_enrich(&e->one, e->needs);
	e->fn(&e->one.v[0], e->arg);
}

/*
 * Call fn with each object of SysV type t as soon as the kernel reports
 * it (by index), with what needs asks for read right after: what fn gets
 * is the object's state of a moment ago, not of a listing read before
 * it.  0; 1, without calling fn, where objects cannot be had one at a
 * time: POSIX types, needs that ask for a pass over every process
 * (NEED_ATTACHED, NEED_CMD: read for a whole set), or the /proc source
 * forced; -1, errno set, if an object or the type could not be read
 * (sysvctl_each: those read are passed on).
 */
int
collect_each(enum ipc_type t, unsigned needs,
    void (*fn)(const struct ipc_obj *, void *), void *arg)
{
	struct each	e;
	int		rval;

	if (!(TBIT(t) & TYPES_SYSV) || (needs & (NEED_ATTACHED | NEED_CMD)) ||
	    forced_source() == 'p')
		return 1;
	set_init(&e.one, t);
	e.needs = needs;
	e.fn = fn;
	e.arg = arg;
	rval = sysvctl_each(t, each_one, &e);
	set_free(&e.one);
	return rval;
}

/*
 * The one object of type t with this id (SysV) or name (POSIX), as the
 * only member of set (made here), with what needs asks for; a segment's
 * RSS and SWAP (NEED_RSS) from /proc/sysvipc/shm, read only as far as
 * its row.  1; 0 if there is no such object; -1 with errno set if it
 * could not be read; -2 if a pass failed (said).
 */
int
collect_one(enum ipc_type t, int id, const char *name, unsigned needs,
    struct ipc_set *set)
{
	struct ipc_obj	o;
	int		r;

	set_init(set, t);
	/* Absent: a SysV id names nothing (EINVAL, EIDRM), or a POSIX name
	 * no file (ENOENT; EINVAL there is a bad name, an error). */
	if (TBIT(t) & TYPES_SYSV) {
		if ((r = sysvctl_stat(t, id, &o)) == -1 &&
		    (errno == EINVAL || errno == EIDRM))
			return 0;
	} else if ((r = posix_stat_one(t, name, &o)) == -1 && errno == ENOENT)
		return 0;
	if (r == -1)
		return -1;
	*set_add(set) = o;
	if (t == T_SHM && (needs & NEED_RSS) &&
	    collect_shm_rss(&set->v[0]) == -2)
		return -2;
	return collect_enrich(set, needs) == -1 ? -2 : 1;
}

/* Collect every object of type t, with what needs asks for. */
int
collect(enum ipc_type t, unsigned needs, struct ipc_set *set)
{
	set_init(set, t);
	if (TBIT(t) & TYPES_SYSV) {
		if (collect_sysv_base(t, needs, set) == -1)
			return -1;
	} else if (posix_collect(t, set) == -1)
		return -1;
	if (collect_enrich(set, needs) == -1) {
		set_free(set);
		return -1;
	}
	return 0;
}
