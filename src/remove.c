/* SPDX-License-Identifier: ISC */
/*
 * remove.c - remove exactly the resource that was shown, or nothing.
 *
 * rm and top's `d` both come here.  The caller hands over the resource as
 * it was when the user chose it (rm: when it was selected; top: when `d`
 * was pressed), and it is removed only if it is still that resource:
 * SysV by the same id with the same key and change time, POSIX by the
 * same name naming the same file (device and inode).  When filters chose
 * it, they must still match its fresh state, with liveness read again.
 *
 * Between the last check and the removal the kernel offers no lock: a
 * POSIX name can be made again in that window (the man page says so).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipctool.h"

/*
 * Whether cur, the fresh state of what was shown as shown (read at
 * shown_at), still matches the filters at now.  Liveness comes from
 * proc.c's cache, which reads a process again whenever what it holds
 * was read before the use it is asked about; the attachments found when
 * it was shown stand.
 */
static int
still_matches(const struct filter *f, enum ipc_type t,
    const struct ipc_obj *shown, int64_t shown_at, struct ipc_obj *cur,
    int64_t now)
{
	struct ipc_set	tmp;
	int		match;

	cur->pids = shown->pids;
	cur->npids = shown->npids;
	cur->has |= shown->has & (HAS_ATTACHED | HAS_SEMPIDS);
	set_init(&tmp, t);
	/*
	 * Each semop sets a last operator and the operation time: read the
	 * operators again unless that time is as it was and lies before they
	 * were read (a semop in that same second would leave it unchanged).
	 * SETVAL and SETALL change the change time, which the caller checked.
	 */
	if (t == T_SEM && f->stale && (cur->u.sem.otime !=
	    shown->u.sem.otime || cur->u.sem.otime >= shown_at)) {
		cur->has &= ~HAS_SEMPIDS;
		sysvctl_sempids(&tmp, cur);
	}
	/* A process may have blocked on it since the selection. */
	waiters_expire();
	match = filter_match(f, t, cur, now);
	set_free(&tmp);
	return match;
}

/* remove_checked for SysV. */
static int
remove_sysv(enum ipc_type t, const struct ipc_obj *shown, int64_t shown_at,
    const struct filter *f, int64_t now, struct removal *res)
{
	struct ipc_obj	cur;

	if (sysvctl_stat(t, shown->id, &cur) == -1) {
		res->err = errno;
		return res->status = errno == EINVAL || errno == EIDRM ?
		    RM_GONE : RM_FAILED;
	}
	res->key = cur.key;
	if (cur.key != shown->key || cur.ctime != shown->ctime)
		return res->status = RM_CHANGED;
	if (f != NULL && filter_is_set(f) &&
	    !still_matches(f, t, shown, shown_at, &cur, now))
		return res->status = RM_NOMATCH;
	if (sysvctl_rm(t, shown->id) == -1) {
		res->err = errno;
		return res->status = errno == EINVAL || errno == EIDRM ?
		    RM_GONE : RM_FAILED;
	}
	if (t == T_SHM && cur.u.shm.nattch > 0) {
		res->holders = cur.u.shm.nattch;
		return res->status = RM_MARKED;
	}
	return res->status = RM_REMOVED;
}

/* remove_checked for POSIX objects. */
static int
remove_posix(enum ipc_type t, const struct ipc_obj *shown,
    const struct filter *f, int64_t now, struct removal *res)
{
	struct ipc_set	 tmp;
	struct ipc_obj	 o, *cur;

	if (posix_stat_one(t, shown->name, &o) == -1) {
		res->err = errno;
		return res->status = errno == ENOENT ? RM_GONE : RM_FAILED;
	}
	set_init(&tmp, t);
	cur = set_add(&tmp);
	*cur = o;
	if (cur->u.px.dev != shown->u.px.dev ||
	    cur->u.px.ino != shown->u.px.ino) {
		set_free(&tmp);
		return res->status = RM_CHANGED;
	}
	/*
	 * Its holders are scanned again when the filters look at them, and
	 * taken from when it was shown otherwise (a scan reads every process).
	 */
	if (f != NULL && (filter_needs(f) & (NEED_ALIVE | NEED_ATTACHED))) {
		proc_cache_free();
		posix_enrich_holders(&tmp);
		cur = &tmp.v[0];
	} else {
		cur->pids = shown->pids;
		cur->npids = shown->npids;
		cur->has |= shown->has & (HAS_ATTACHED | HAS_ALLPROCS);
	}
	if (f != NULL && filter_is_set(f) && !filter_match(f, t, cur, now)) {
		set_free(&tmp);
		return res->status = RM_NOMATCH;
	}
	if ((cur->has & HAS_ATTACHED) && cur->npids > 0)
		res->holders = cur->npids;
	set_free(&tmp);
	if (posix_unlink(t, shown->name) == -1) {
		res->err = errno;
		return res->status = errno == ENOENT ? RM_GONE : RM_FAILED;
	}
	return res->status = res->holders > 0 ? RM_MARKED : RM_REMOVED;
}

/*
 * Remove the resource of type t that was shown as shown (as read at
 * shown_at, epoch seconds), if it still is that resource and (f not NULL)
 * still passes f now.  The outcome
 * is res->status, also returned: RM_REMOVED, RM_MARKED (removed while
 * still held: res->holders processes or attaches), RM_GONE, RM_CHANGED
 * (its id or name now names another resource), RM_NOMATCH, RM_FAILED
 * (res->err).
 */
int
remove_checked(enum ipc_type t, const struct ipc_obj *shown, int64_t shown_at,
    const struct filter *f, struct removal *res)
{
	int64_t	now = (int64_t)time(NULL);

	memset(res, 0, sizeof(*res));
	if (TBIT(t) & TYPES_SYSV)
		return remove_sysv(t, shown, shown_at, f, now, res);
	return remove_posix(t, shown, f, now, res);
}
