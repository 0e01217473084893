/* SPDX-License-Identifier: ISC */
/*
 * filter.c - the filters shared by list, rm and top: option parsing and
 * matching.  Matching is pure over the model, proc_alive() and the clock
 * the caller passes in.
 */
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

/* An empty filter: matches everything. */
void
filter_init(struct filter *f)
{
	memset(f, 0, sizeof(*f));
	f->id = UNSET;
	f->pid = UNSET;
	f->idle = UNSET;
	f->older = UNSET;
}

/*
 * Take option ch with argument arg if it is a filter option: 1 taken,
 * 0 not a filter option, -1 bad value (*what names the option).
 */
int
filter_option(struct filter *f, enum opt_id ch, const char *arg,
    const char **what)
{
	const char	*e;
	uint64_t	 v;

	switch (ch) {
	case OPT_KEY:
		*what = "key";
		if (parse_key(arg, &f->key, &e) == -1)
			return -1;
		f->has_key = 1;
		return 1;
	case OPT_ID:
		*what = "id";
		return parse_id(arg, &f->id, &e) == -1 ? -1 : 1;
	case OPT_USER:
		*what = "user";
		if (parse_user(arg, &f->uid, &e) == -1)
			return -1;
		f->has_uid = 1;
		return 1;
	case OPT_GROUP:
		*what = "group";
		if (parse_group(arg, &f->gid, &e) == -1)
			return -1;
		f->has_gid = 1;
		return 1;
	case OPT_CREATOR:
		*what = "creator";
		if (parse_user(arg, &f->cuid, &e) == -1)
			return -1;
		f->has_cuid = 1;
		return 1;
	case OPT_PID:
		*what = "pid";
		if (parse_uint(arg, 1, INT32_MAX, &v, &e) == -1)
			return -1;
		f->pid = (pid_t)v;
		return 1;
	case OPT_UNATTACHED:
		f->unattached = 1;
		return 1;
	case OPT_IDLE:
		*what = "duration";
		return parse_duration(arg, &f->idle, &e) == -1 ? -1 : 1;
	case OPT_OLDER:
		*what = "duration";
		return parse_duration(arg, &f->older, &e) == -1 ? -1 : 1;
	case OPT_STALE:
		f->stale = 1;
		return 1;
	default:
		return 0;
	}
}

/* Whether any filter is set. */
int
filter_is_set(const struct filter *f)
{
	return f->has_key || f->id != UNSET || f->has_uid || f->has_gid ||
	    f->has_cuid || f->pid != UNSET || f->unattached ||
	    f->idle != UNSET || f->older != UNSET || f->stale;
}

/* The costly passes the filters need. */
unsigned
filter_needs(const struct filter *f)
{
	unsigned	needs = 0;

	if (f->stale)
		needs |= NEED_ALIVE | NEED_SEMPIDS;
	if (f->pid != UNSET)
		needs |= NEED_ATTACHED | NEED_SEMPIDS;
	return needs;
}

/* Whether pid created, last used, maps or is blocked on o. */
static int
involves(enum ipc_type t, const struct ipc_obj *o, pid_t pid)
{
	uint32_t	i;

	switch (t) {
	case T_SHM:
		if (o->u.shm.cpid == pid || o->u.shm.lpid == pid)
			return 1;
		break;
	case T_MSG:
		if (o->u.msg.lspid == pid || o->u.msg.lrpid == pid)
			return 1;
		return waiting_pid(t, o->id, pid) == 1;
	case T_SEM:
		if (waiting_pid(t, o->id, pid) == 1)
			return 1;
		break;
	default:
		break;
	}
	/* shm attachers, sem last operators, POSIX holders. */
	for (i = 0; i < o->npids; i++)
		if (o->pids[i] == pid)
			return 1;
	return 0;
}

/*
 * Whether o has been idle since before the time since: no recorded use
 * after it, nothing attached, no process blocked on it.  A blocked-process
 * scan that could not be read leaves it not idle, counted as unjudged.
 */
static int
idle_since(enum ipc_type t, const struct ipc_obj *o, int64_t since)
{
	if (last_activity(t, o) > since)
		return 0;
	if (t == T_SHM)
		return o->u.shm.nattch == 0;
	if (t != T_MSG && t != T_SEM)
		return 1;
	switch (waiting_on(t, o->id)) {
	case 0:
		return 1;
	case -1:
		stale_tally(STALE_NOSCAN);
		break;
	}
	return 0;
}

/* Whether o is proved stale; one that cannot be judged is counted. */
static int
is_stale(enum ipc_type t, const struct ipc_obj *o)
{
	char	buf[STALE_REASON_LEN];
	int	cause, verdict;

	/* Judged by the collector (NEED_ALIVE), or now. */
	if (o->has & HAS_STALE) {
		verdict = o->stale;
		cause = o->stale_cause;
	} else
		verdict = stale_judge(t, o, &cause, buf, sizeof(buf));
	switch (verdict) {
	case STALE_YES:
		return 1;
	case STALE_UNKNOWN:
		stale_tally(cause);
		break;
	}
	return 0;
}

/* Whether o (of type t) passes every set filter at time now. */
int
filter_match(const struct filter *f, enum ipc_type t, const struct ipc_obj *o,
    int64_t now)
{
	if (f->has_key && ((TBIT(t) & TYPES_POSIX) || o->key != f->key))
		return 0;
	if (f->id != UNSET && ((TBIT(t) & TYPES_POSIX) || o->id != f->id))
		return 0;
	if (f->has_uid && o->uid != f->uid)
		return 0;
	if (f->has_gid && o->gid != f->gid)
		return 0;
	if (f->has_cuid && ((TBIT(t) & TYPES_POSIX) || o->cuid != f->cuid))
		return 0;
	if (f->unattached && (t != T_SHM || o->u.shm.nattch != 0))
		return 0;
	if (f->older != UNSET && (TBIT(t) & TYPES_SYSV) &&
	    o->ctime > now - f->older)
		return 0;
	if (f->older != UNSET && (TBIT(t) & TYPES_POSIX) &&
	    o->u.px.mtime > now - f->older)
		return 0;
	if (f->pid != UNSET && !involves(t, o, f->pid))
		return 0;
	if (f->idle != UNSET && !idle_since(t, o, now - f->idle))
		return 0;
	if (f->stale && !is_stale(t, o))
		return 0;
	return 1;
}

/*
 * Keep the objects of set that pass the filter, freeing the rest; tell
 * dropped (if not NULL) of each one left out, before it is freed.
 */
void
filter_set(struct ipc_set *set, const struct filter *f, int64_t now,
    void (*dropped)(const struct ipc_set *, const struct ipc_obj *, void *),
    void *arg)
{
	size_t	i, n = 0;

	for (i = 0; i < set->n; i++) {
		if (filter_match(f, set->type, &set->v[i], now))
			set->v[n++] = set->v[i];
		else {
			if (dropped != NULL)
				dropped(set, &set->v[i], arg);
			free(set->v[i].name);
		}
	}
	set->n = n;
}
