/*
 * stale.c - whether a resource can still be in use, and when it last was.
 * Pure over the model and proc_alive().
 *
 * shm: NATTCH 0 and neither creator nor last user alive.
 * msg: neither last sender nor last receiver alive.
 * sem: no semaphore's last operator alive (unreadable: not stale).
 * msg and sem: and no process blocked in a call on it (waiters.c), as a
 * blocked caller leaves no pid behind; not stale if that cannot be read.
 * POSIX: no process maps or holds the object (posixipc.c's pass).
 * Each pid is checked against the time of its recorded use, so a process
 * that has since taken over the pid does not count.
 */
#include <stdio.h>

#include "ipctool.h"

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

/*
 * Why o is stale, written to buf, or NULL if a live process may still be
 * using it (or that cannot be known).
 */
const char *
stale_reason(enum ipc_type t, const struct ipc_obj *o, char *buf,
    size_t len)
{
	uint32_t	i;
	int64_t		ref;

	switch (t) {
	case T_SHM:
		if (o->u.shm.nattch > 0 ||
		    proc_alive(o->u.shm.cpid, o->ctime) ||
		    proc_alive(o->u.shm.lpid, last_activity(t, o)))
			return NULL;
		snprintf(buf, len, "unattached, creator %d and last user %d gone",
		    (int)o->u.shm.cpid, (int)o->u.shm.lpid);
		return buf;
	case T_MSG:
		if (proc_alive(o->u.msg.lspid, max3(o->u.msg.stime, o->ctime, 0)) ||
		    proc_alive(o->u.msg.lrpid, max3(o->u.msg.rtime, o->ctime, 0)) ||
		    waiting_on(t, o->id) != 0)
			return NULL;
		if (o->u.msg.lspid == 0 && o->u.msg.lrpid == 0)
			snprintf(buf, len, "never used, nothing waiting on it");
		else if (o->u.msg.lrpid == 0)
			snprintf(buf, len, "sender %d gone, never received from",
			    (int)o->u.msg.lspid);
		else if (o->u.msg.lspid == 0)
			snprintf(buf, len, "receiver %d gone, never sent to",
			    (int)o->u.msg.lrpid);
		else
			snprintf(buf, len, "sender %d and receiver %d gone",
			    (int)o->u.msg.lspid, (int)o->u.msg.lrpid);
		return buf;
	case T_SEM:
		if (!(o->has & HAS_SEMPIDS))
			return NULL;
		ref = last_activity(t, o);
		for (i = 0; i < o->npids; i++)
			if (proc_alive(o->pids[i], ref))
				return NULL;
		if (waiting_on(t, o->id) != 0)
			return NULL;
		snprintf(buf, len, "no last operator of %u semaphore%s alive",
		    o->npids, o->npids == 1 ? "" : "s");
		return buf;
	default:
		return posix_stale_reason(t, o, buf, len);
	}
}
