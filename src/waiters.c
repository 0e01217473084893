/* SPDX-License-Identifier: ISC */
/*
 * waiters.c - processes blocked in a System V queue or semaphore call.
 *
 * The kernel records no pid for a process that is still waiting: a
 * reader blocked in msgrcv() on a queue nobody has sent to leaves lspid
 * and lrpid 0, a process blocked in semop() sets no sempid.  Such a
 * resource is in use all the same, and the stale rules must not call it
 * stale.  /proc/PID/syscall gives the call a blocked process is in and
 * its arguments (/proc/PID/task/TID/syscall for its other threads); the
 * first argument of msgsnd, msgrcv, semop and semtimedop is the id.
 *
 * Who waits is told too: the pid, the call (msgsnd or msgrcv, and
 * msgrcv's msgtyp, its fourth argument), and for semop the operations it
 * asked for, read from the caller's memory (/proc/PID/mem at the second
 * argument) when that may be read, so show can say which semaphore it
 * waits on and for what.
 *
 * One scan serves every question until the caller says it wants a fresh
 * one: a listing is judged against one snapshot (a rescan per row would
 * cost rows x processes), rm re-checks each resource against a scan at
 * most MAX_AGE seconds old (waiters_expire), top scans once a refresh.
 */
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

struct waiter {
	enum ipc_type	 type;
	int		 id;
	pid_t		 pid;
	long		 nr;		/* the call */
	unsigned long	 arg[6];	/* its arguments, as the kernel shows */
};

#define MAX_AGE		0.25	/* seconds a scan is trusted */

static struct waiter	*waiters;
static size_t		 nwaiters, capwaiters;
static double		 scanned_at = -1;
static int		 unknown;	/* a process of ours could not be read */

/* The resource type a blocked call is on, or -1 for any other call. */
static int
call_type(long nr)
{
#if defined(SYS_msgrcv) && defined(SYS_msgsnd)
	if (nr == SYS_msgrcv || nr == SYS_msgsnd)
		return T_MSG;
#endif
#ifdef SYS_semop
	if (nr == SYS_semop)
		return T_SEM;
#endif
#ifdef SYS_semtimedop
	if (nr == SYS_semtimedop)
		return T_SEM;
#endif
	return -1;
}

/*
 * Read a thread's syscall file (/proc/PID/syscall, the first thread's, or
 * /proc/PID/task/TID/syscall): 1 and the call and its six arguments (0
 * for any not shown) if the thread is blocked in a call, 0 if it is
 * running or gone, -1 if it cannot be read.
 */
static int
read_syscall(const char *path, long *nr, unsigned long *arg)
{
	char	 buf[256], *p, *ep;
	int	 i;

	memset(arg, 0, 6 * sizeof(*arg));
	if (read_proc_record(path, buf, sizeof(buf)) == -1)
		return errno == ENOENT || errno == ESRCH ? 0 : -1;
	/* "running", or "-1 SP PC" for a thread in no call. */
	errno = 0;
	*nr = strtol(buf, &ep, 10);
	if (ep == buf || *ep != ' ' || errno != 0 || *nr < 0)
		return 0;
	/* "NR 0xA1 0xA2 0xA3 0xA4 0xA5 0xA6 0xSP 0xPC": the first is the id. */
	for (i = 0; i < 6; i++) {
		p = ep;
		arg[i] = strtoul(p, &ep, 16);
		if (ep == p || errno != 0)
			return i > 0 ? 1 : 0;
	}
	return 1;
}

static int
cmp_waiter(const void *a, const void *b)
{
	const struct waiter	*x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Order by resource alone, for the look-ups. */
static int
cmp_resource(const void *a, const void *b)
{
	const struct waiter	*x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Keep a thread of process pid blocked in call nr, if on a resource. */
static void
note(pid_t pid, long nr, const unsigned long *arg)
{
	int	t;

	if ((t = call_type(nr)) == -1)
		return;
	if (nwaiters == capwaiters) {
		capwaiters = capwaiters ? capwaiters * 2 : 16;
		waiters = xreallocarray(waiters, capwaiters, sizeof(*waiters));
	}
	waiters[nwaiters].type = (enum ipc_type)t;
	waiters[nwaiters].id = (int)arg[0];
	waiters[nwaiters].pid = pid;
	waiters[nwaiters].nr = nr;
	memcpy(waiters[nwaiters].arg, arg, sizeof(waiters[nwaiters].arg));
	nwaiters++;
}

/*
 * The threads of process pid but its first, which /proc/PID/syscall
 * does not show: any blocked on a resource are kept.  0; -1 if some
 * could not be read.  /proc/PID/task's link count is two and the
 * threads, so that a process of one thread costs one stat.
 */
static int
scan_threads(pid_t pid)
{
	struct dirent	*de;
	struct stat	 st;
	unsigned long	 arg[6];
	DIR		*d;
	char		 path[64], *ep;
	long		 tid, nr;
	int		 bad = 0, r;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	if (stat(path, &st) == -1)
		return errno == ENOENT || errno == ESRCH ? 0 : -1;
	if (st.st_nlink <= 3)
		return 0;
	if ((d = opendir(path)) == NULL)
		return errno == ENOENT || errno == ESRCH ? 0 : -1;
	while ((errno = 0, de = readdir(d)) != NULL) {
		tid = strtol(de->d_name, &ep, 10);
		if (*ep != '\0' || tid <= 0 || tid == (long)pid)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%ld/syscall",
		    (int)pid, tid);
		if ((r = read_syscall(path, &nr, arg)) == -1)
			bad = 1;
		else if (r == 1)
			note(pid, nr, arg);
	}
	if (errno != 0)
		bad = 1;
	closedir(d);
	return bad ? -1 : 0;
}

/*
 * Scan every process of our IPC namespace once, every thread of it.  The
 * namespace of a process is looked at only when it waits or cannot be
 * read: another namespace's ids are not ours, readable or not.
 */
static void
scan(void)
{
	struct pidwalk	 pw;
	unsigned long	 arg[6];
	uint64_t	 ns, myns = proc_ipc_ns(0);
	char		 path[64];
	size_t		 mark;
	long		 nr;
	pid_t		 pid, self = getpid();
	int		 r, rt;

	nwaiters = 0;
	unknown = 0;
	scanned_at = mono_secs();
	if (pidwalk_open(&pw) == -1) {
		unknown = 1;
		return;
	}
	while ((pid = pidwalk_next(&pw)) > 0) {
		if (pid == self)
			continue;
		mark = nwaiters;
		snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
		if ((r = read_syscall(path, &nr, arg)) == 1)
			note(pid, nr, arg);
		/* Unreadable as a whole: its threads are too. */
		rt = r == -1 ? 0 : scan_threads(pid);
		if (r != -1 && rt == 0 && nwaiters == mark)
			continue;
		ns = proc_ipc_ns(pid);
		if (ns != 0 && myns != 0 && ns != myns) {
			nwaiters = mark;
			continue;
		}
		if (r == -1 || rt == -1)
			unknown = 1;
	}
	/* Processes left unread: none of them is known not to wait. */
	if (pid == -1)
		unknown = 1;
	pidwalk_close(&pw);
	/* Looked up once per resource: by binary search. */
	sort_array(waiters, nwaiters, sizeof(*waiters), cmp_waiter);
}

/*
 * Whether a process of our IPC namespace is blocked in msgsnd or msgrcv
 * (T_MSG), semop or semtimedop (T_SEM) on id: 1 if one is, 0 if none
 * is, -1 if that cannot be known (some process could not be read).
 */
int
waiting_on(enum ipc_type t, int id)
{
#if defined(SYS_msgrcv) && defined(SYS_semop)
	struct waiter	key;

	if (scanned_at < 0)
		scan();
	key.type = t;
	key.id = id;
	if (nwaiters > 0 && bsearch(&key, waiters, nwaiters, sizeof(*waiters),
	    cmp_resource) != NULL)
		return 1;
	return unknown ? -1 : 0;
#else
	/* Only the multiplexed ipc(2) here: the calls cannot be told. */
	(void)t;
	(void)id;
	return -1;
#endif
}

/*
 * Forget the last scan: this process has moved to another IPC namespace,
 * or wants what is true now (top's next refresh).
 */
void
waiters_forget(void)
{
	scanned_at = -1;
}

/* Forget the last scan if it is older than MAX_AGE seconds. */
void
waiters_expire(void)
{
	if (scanned_at >= 0 && mono_secs() - scanned_at > MAX_AGE)
		scanned_at = -1;
}

/*
 * Count the processes of our IPC namespace blocked in msgsnd or msgrcv
 * (*nmsg) and in semop or semtimedop (*nsem), from a fresh scan: 0, or
 * -1 if that cannot be known (some process could not be read).
 */
int
waiters_count(uint64_t *nmsg, uint64_t *nsem)
{
#if defined(SYS_msgrcv) && defined(SYS_semop)
	size_t	i;

	scan();
	*nmsg = *nsem = 0;
	if (unknown)
		return -1;
	for (i = 0; i < nwaiters; i++) {
		if (waiters[i].type == T_MSG)
			(*nmsg)++;
		else if (waiters[i].type == T_SEM)
			(*nsem)++;
	}
	return 0;
#else
	*nmsg = *nsem = 0;
	return -1;
#endif
}

#if defined(SYS_msgrcv) && defined(SYS_semop)
/*
 * The operations a process blocked in semop asked for, read from its
 * memory: how many were read into ops (at most max), or -1 if they
 * cannot be (no permission to read it, or it moved on).
 */
static int
read_sops(const struct waiter *w, struct waiter_op *ops, int max)
{
	struct sembuf	 sb[WAITER_MAXOPS];
	char		 path[64];
	size_t		 n = w->arg[2];
	ssize_t		 r;
	int		 fd, i;

	if (n > (size_t)max)
		n = (size_t)max;
	if (n == 0 || w->arg[1] == 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%ld/mem", (long)w->pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	r = pread(fd, sb, n * sizeof(sb[0]), (off_t)w->arg[1]);
	close(fd);
	if (r != (ssize_t)(n * sizeof(sb[0])))
		return -1;
	for (i = 0; i < (int)n; i++) {
		ops[i].num = sb[i].sem_num;
		ops[i].op = sb[i].sem_op;
		ops[i].flg = sb[i].sem_flg;
	}
	return (int)n;
}
#endif

/*
 * The processes of our IPC namespace blocked on resource id of type t,
 * by pid, from the last scan: *out (the caller frees it) and *nout.  0;
 * -1 if some process could not be read, so that others may wait too.
 */
int
waiters_of(enum ipc_type t, int id, struct waiter_info **out, size_t *nout)
{
#if defined(SYS_msgrcv) && defined(SYS_semop)
	struct waiter_info	*v = NULL, *wi;
	struct waiter		 key, *w;
	size_t			 i, lo, n = 0;

	*out = NULL;
	*nout = 0;
	if (scanned_at < 0)
		scan();
	key.type = t;
	key.id = id;
	/* The first of the run of this resource's waiters. */
	for (lo = 0; lo < nwaiters && cmp_resource(&waiters[lo], &key) < 0;
	    lo++)
		;
	for (i = lo; i < nwaiters && cmp_resource(&waiters[i], &key) == 0;
	    i++)
		n++;
	if (n > 0)
		v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		w = &waiters[lo + i];
		wi = &v[i];
		wi->pid = w->pid;
		if (t == T_SEM) {
			wi->call = WAITER_SEMOP;
			wi->nsops = w->arg[2];
			wi->nops = read_sops(w, wi->ops, WAITER_MAXOPS);
		} else if (w->nr == SYS_msgrcv) {
			wi->call = WAITER_RECV;
			wi->msgtyp = (long)w->arg[3];
		} else
			wi->call = WAITER_SEND;
	}
	*out = v;
	*nout = n;
	return unknown ? -1 : 0;
#else
	/* Only the multiplexed ipc(2) here: the calls cannot be told. */
	(void)t;
	(void)id;
	*out = NULL;
	*nout = 0;
	return -1;
#endif
}

/*
 * Whether process pid is blocked on resource id of type t, by the last
 * scan: 1 or 0 (for --pid).
 */
int
waiting_pid(enum ipc_type t, int id, pid_t pid)
{
#if defined(SYS_msgrcv) && defined(SYS_semop)
	struct waiter	key;

	if (scanned_at < 0)
		scan();
	key.type = t;
	key.id = id;
	key.pid = pid;
	return nwaiters > 0 && bsearch(&key, waiters, nwaiters,
	    sizeof(*waiters), cmp_waiter) != NULL;
#else
	(void)t;
	(void)id;
	(void)pid;
	return 0;
#endif
}
