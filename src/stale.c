/* SPDX-License-Identifier: ISC */
/*
 * stale.c - whether a resource can still be in use, and when it last was.
 * Pure over the model, proc_alive() and waiting_on().
 *
 * A resource is stale only when its kernel records prove that nothing
 * alive can still use it; what cannot be known is never stale:
 * shm: NATTCH 0, creator gone, and last user gone (if it ever had one).
 * msg: a last sender or receiver recorded, every recorded one gone.
 * sem: a last operator recorded, every recorded one gone.
 * msg and sem: and no process blocked in a call on it (waiters.c), as a
 * blocked caller leaves no pid behind.
 * POSIX: no process maps or holds the object (posixipc.c's pass).
 *
 * The kernel reports a pid as 0 both for "none" and for a process outside
 * the reader's PID namespace (a pod's sidecar sees the other containers'
 * pids so).  The times tell them apart: a segment always has a creator, a
 * send time means a sender, a receive time a receiver, an attach time a
 * last user.  Semaphores keep no time of their own, so outside the initial
 * PID namespace a 0 there is unknown.  Each pid is checked against the
 * time of its recorded use, so a process that has since taken the pid
 * over does not count.
 */
#include <stdio.h>
#include <string.h>

#include "ipctool.h"

/* How many resources could not be judged, by cause, since the last report. */
static size_t	tally[STALE_NCAUSES];

static const char *const cause_text[STALE_NCAUSES] = {
	[STALE_HIDDEN] = "used by a process outside this PID namespace",
	[STALE_NOSTART] = "a process's start time unreadable",
	[STALE_NOSCAN] = "blocked processes unreadable (/proc/PID/syscall)",
	[STALE_NOPIDS] = "last operators unreadable",
	[STALE_NOHOLDERS] = "holders unreadable",
};

static int64_t
max3(int64_t a, int64_t b, int64_t c)
{
	int64_t	m = a > b ? a : b;

	return m > c ? m : c;
}

/* The last time anything used o: attach, detach, send, receive, semop. */
int64_t
last_activity(enum ipc_type t, const struct ipc_obj *o)
{
	switch (t) {
	case T_SHM:
		return max3(o->u.shm.atime, o->u.shm.dtime, o->ctime);
	case T_MSG:
		return max3(o->u.msg.stime, o->u.msg.rtime, o->ctime);
	case T_SEM:
		return max3(o->u.sem.otime, o->ctime, 0);
	default:
		return o->u.px.mtime;
	}
}

/* The evidence so far: the first unknown cause seen, if any. */
struct judge {
	int	 unknown;	/* -1, or the STALE_* cause */
};

/*
 * Note what proc_alive() said of a recorded pid: 1 if it is alive (the
 * resource is in use), 0 otherwise; an unreadable start time is kept.
 */
static int
alive(struct judge *j, pid_t pid, int64_t used_at)
{
	int	r = proc_alive(pid, used_at);

	if (r == -1 && j->unknown == -1)
		j->unknown = STALE_NOSTART;
	return r == 1;
}

/* Note an unknown cause; the first one stands. */
static void
unknown(struct judge *j, int cause)
{
	if (j->unknown == -1)
		j->unknown = cause;
}

/* The verdict once no live user was found: unknown or stale. */
static int
verdict(const struct judge *j, int *cause, char *buf, size_t len)
{
	if (j->unknown == -1)
		return STALE_YES;
	if (cause != NULL)
		*cause = j->unknown;
	snprintf(buf, len, "unknown: %s", cause_text[j->unknown]);
	return STALE_UNKNOWN;
}

/* Whether a process is blocked on o: 1 yes (said in buf), 0 no. */
static int
blocked_on(struct judge *j, enum ipc_type t, const struct ipc_obj *o,
    char *buf, size_t len)
{
	switch (waiting_on(t, o->id)) {
	case 1:
		snprintf(buf, len, "a process is blocked in %s on it",
		    t == T_MSG ? "msgsnd/msgrcv" : "semop");
		return 1;
	case -1:
		unknown(j, STALE_NOSCAN);
		break;
	}
	return 0;
}

static int
judge_shm(const struct ipc_obj *o, int *cause, char *buf, size_t len)
{
	struct judge	j = { -1 };
	pid_t		cpid = o->u.shm.cpid, lpid = o->u.shm.lpid;

	if (o->u.shm.nattch > 0) {
		snprintf(buf, len, "attached (NATTCH %llu)",
		    (unsigned long long)o->u.shm.nattch);
		return STALE_NO;
	}
	/* A segment always has a creator: 0 is one we cannot see. */
	if (cpid == 0)
		unknown(&j, STALE_HIDDEN);
	else if (alive(&j, cpid, o->ctime)) {
		snprintf(buf, len, "creator %d alive", (int)cpid);
		return STALE_NO;
	}
	if (lpid != 0 &&
	    alive(&j, lpid, last_activity(T_SHM, o))) {
		snprintf(buf, len, "last user %d alive", (int)lpid);
		return STALE_NO;
	}
	if (lpid == 0 && (o->u.shm.atime != 0 || o->u.shm.dtime != 0))
		unknown(&j, STALE_HIDDEN);
	if (verdict(&j, cause, buf, len) == STALE_UNKNOWN)
		return STALE_UNKNOWN;
	if (lpid == 0)
		snprintf(buf, len, "never attached, creator %d gone",
		    (int)cpid);
	else if (lpid == cpid)
		snprintf(buf, len, "unattached, creator and last user %d gone",
		    (int)cpid);
	else
		snprintf(buf, len, "unattached, creator %d and last user %d "
		    "gone", (int)cpid, (int)lpid);
	return STALE_YES;
}

static int
judge_msg(const struct ipc_obj *o, int *cause, char *buf, size_t len)
{
	struct judge	j = { -1 };
	pid_t		s = o->u.msg.lspid, r = o->u.msg.lrpid;
	int		sent = s != 0 || o->u.msg.stime != 0;
	int		recv = r != 0 || o->u.msg.rtime != 0;

	if (!sent && !recv) {
		snprintf(buf, len, "never used; the kernel records no creator "
		    "for queues");
		return STALE_NO;
	}
	if (s != 0 && alive(&j, s, max3(o->u.msg.stime, o->ctime, 0))) {
		snprintf(buf, len, "last sender %d alive", (int)s);
		return STALE_NO;
	}
	if (r != 0 && alive(&j, r, max3(o->u.msg.rtime, o->ctime, 0))) {
		snprintf(buf, len, "last receiver %d alive", (int)r);
		return STALE_NO;
	}
	if ((sent && s == 0) || (recv && r == 0))
		unknown(&j, STALE_HIDDEN);
	if (blocked_on(&j, T_MSG, o, buf, len))
		return STALE_NO;
	if (verdict(&j, cause, buf, len) == STALE_UNKNOWN)
		return STALE_UNKNOWN;
	if (!recv)
		snprintf(buf, len, "sender %d gone, never received from",
		    (int)s);
	else if (!sent)
		snprintf(buf, len, "receiver %d gone, never sent to", (int)r);
	else if (s == r)
		snprintf(buf, len, "sender and receiver %d gone", (int)s);
	else
		snprintf(buf, len, "sender %d and receiver %d gone", (int)s,
		    (int)r);
	return STALE_YES;
}

static int
judge_sem(const struct ipc_obj *o, int *cause, char *buf, size_t len)
{
	struct judge	j = { -1 };
	int64_t		ref = last_activity(T_SEM, o);
	uint32_t	i, used = 0, zero = 0;
	pid_t		last = 0;
	int		same = 1;

	if (!(o->has & HAS_SEMPIDS)) {
		snprintf(buf, len, "unknown: %s", cause_text[STALE_NOPIDS]);
		if (cause != NULL)
			*cause = STALE_NOPIDS;
		return STALE_UNKNOWN;
	}
	for (i = 0; i < o->npids; i++) {
		if (o->pids[i] == 0) {
			zero++;
			continue;
		}
		if (alive(&j, o->pids[i], ref)) {
			snprintf(buf, len, "last operator %d alive",
			    (int)o->pids[i]);
			return STALE_NO;
		}
		if (used++ > 0 && o->pids[i] != last)
			same = 0;
		last = o->pids[i];
	}
	/*
	 * semop always sets the operation time: with none and no pid, no
	 * process ever operated on the set.
	 */
	if (used == 0 && o->u.sem.otime == 0) {
		snprintf(buf, len, "never used; the kernel records no creator "
		    "for sets");
		return STALE_NO;
	}
	if (zero > 0 && !proc_init_pidns())
		unknown(&j, STALE_HIDDEN);
	if (blocked_on(&j, T_SEM, o, buf, len))
		return STALE_NO;
	if (verdict(&j, cause, buf, len) == STALE_UNKNOWN)
		return STALE_UNKNOWN;
	if (same)
		snprintf(buf, len, "last operator %d gone", (int)last);
	else
		snprintf(buf, len, "last operators of %u semaphore%s gone",
		    used, used == 1 ? "" : "s");
	return STALE_YES;
}

/* POSIX: stale when no process maps it or holds it open, all looked at. */
static int
judge_posix(enum ipc_type t, const struct ipc_obj *o, int *cause, char *buf,
    size_t len)
{
	if ((o->has & HAS_ATTACHED) && o->npids > 0) {
		snprintf(buf, len, "held by %u process%s", o->npids,
		    o->npids == 1 ? "" : "es");
		return STALE_NO;
	}
	if (posix_stale_reason(t, o, buf, len) != NULL)
		return STALE_YES;
	/* Another user's process, unreadable, may hold it. */
	snprintf(buf, len, "unknown: %s", cause_text[STALE_NOHOLDERS]);
	if (cause != NULL)
		*cause = STALE_NOHOLDERS;
	return STALE_UNKNOWN;
}

/*
 * Judge o: STALE_YES, STALE_NO or STALE_UNKNOWN, with why in buf either
 * way, and for STALE_UNKNOWN the cause in *cause (if cause is not NULL).
 */
int
stale_judge(enum ipc_type t, const struct ipc_obj *o, int *cause, char *buf,
    size_t len)
{
	switch (t) {
	case T_SHM:
		return judge_shm(o, cause, buf, len);
	case T_MSG:
		return judge_msg(o, cause, buf, len);
	case T_SEM:
		return judge_sem(o, cause, buf, len);
	default:
		return judge_posix(t, o, cause, buf, len);
	}
}

/*
 * Why o is stale, written to buf, or NULL if a live process may still be
 * using it (or that cannot be known).
 */
const char *
stale_reason(enum ipc_type t, const struct ipc_obj *o, char *buf,
    size_t len)
{
	return stale_judge(t, o, NULL, buf, len) == STALE_YES ? buf : NULL;
}

/* Count one resource that could not be judged, for stale_report(). */
void
stale_tally(int cause)
{
	if (cause >= 0 && cause < STALE_NCAUSES)
		tally[cause]++;
}

/*
 * Say on stderr, once, how many resources --stale could not judge and
 * why, and start counting afresh.
 */
void
stale_report(const char *context)
{
	char	buf[512];
	size_t	n = 0, off = 0;
	int	c;

	for (c = 0; c < STALE_NCAUSES; c++)
		n += tally[c];
	if (n == 0)
		return;
	buf[0] = '\0';
	for (c = 0; c < STALE_NCAUSES; c++) {
		if (tally[c] == 0 || off >= sizeof(buf))
			continue;
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s%zu %s",
		    off > 0 ? ", " : "", tally[c], cause_text[c]);
	}
	warnx_("%s: %zu resource%s not judged, kept as live: %s", context, n,
	    n == 1 ? "" : "s", buf);
	memset(tally, 0, sizeof(tally));
}
