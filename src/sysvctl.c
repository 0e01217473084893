/*
 * sysvctl.c - System V IPC through the kernel's *ctl calls: enumeration
 * where /proc/sysvipc is missing, single-object stat, queue capacity,
 * per-semaphore pids, removal.
 *
 * Enumeration walks the kernel's index space with *_STAT_ANY (Linux
 * 4.17, no read permission needed), or *_STAT on older kernels.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

static void
from_perm(struct ipc_obj *o, const struct ipc_perm *p)
{
	o->key = (uint32_t)p->__key;
	o->mode = p->mode;
	o->uid = p->uid;
	o->gid = p->gid;
	o->cuid = p->cuid;
	o->cgid = p->cgid;
}

static void
from_shm(struct ipc_obj *o, const struct shmid_ds *ds)
{
	from_perm(o, &ds->shm_perm);
	o->u.shm.size = ds->shm_segsz;
	o->u.shm.nattch = ds->shm_nattch;
	o->u.shm.atime = ds->shm_atime;
	o->u.shm.dtime = ds->shm_dtime;
	o->u.shm.cpid = ds->shm_cpid;
	o->u.shm.lpid = ds->shm_lpid;
	o->ctime = ds->shm_ctime;
}

static void
from_msg(struct ipc_obj *o, const struct msqid_ds *ds)
{
	from_perm(o, &ds->msg_perm);
	o->u.msg.cbytes = ds->__msg_cbytes;
	o->u.msg.qnum = ds->msg_qnum;
	o->u.msg.qbytes = ds->msg_qbytes;
	o->u.msg.stime = ds->msg_stime;
	o->u.msg.rtime = ds->msg_rtime;
	o->u.msg.lspid = ds->msg_lspid;
	o->u.msg.lrpid = ds->msg_lrpid;
	o->ctime = ds->msg_ctime;
	o->has |= HAS_QBYTES;
}

static void
from_sem(struct ipc_obj *o, const struct semid_ds *ds)
{
	from_perm(o, &ds->sem_perm);
	o->u.sem.nsems = ds->sem_nsems;
	o->u.sem.otime = ds->sem_otime;
	o->ctime = ds->sem_ctime;
}

/*
 * Stat by kernel index with cmd (*_STAT_ANY or *_STAT); returns the id
 * found there, or -1.
 */
static int
stat_index(enum ipc_type t, int idx, int any, struct ipc_obj *o)
{
	struct shmid_ds	ds_shm;
	struct msqid_ds	ds_msg;
	struct semid_ds	ds_sem;
	union semun	arg;
	int		id;

	memset(o, 0, sizeof(*o));
	switch (t) {
	case T_SHM:
		id = shmctl(idx, any ? SHM_STAT_ANY : SHM_STAT, &ds_shm);
		if (id != -1)
			from_shm(o, &ds_shm);
		break;
	case T_MSG:
		id = msgctl(idx, any ? MSG_STAT_ANY : MSG_STAT, &ds_msg);
		if (id != -1)
			from_msg(o, &ds_msg);
		break;
	case T_SEM:
		arg.buf = &ds_sem;
		id = semctl(idx, 0, any ? SEM_STAT_ANY : SEM_STAT, arg);
		if (id != -1)
			from_sem(o, &ds_sem);
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	if (id != -1)
		o->id = id;
	return id;
}

/* The highest index in use, from *_INFO; -1 on error. */
static int
max_index(enum ipc_type t)
{
	struct shm_info	si;
	struct msginfo	mi;
	struct seminfo	ei;
	union semun	arg;

	switch (t) {
	case T_SHM:
		return shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&si);
	case T_MSG:
		return msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&mi);
	case T_SEM:
		arg.__buf = &ei;
		return semctl(0, 0, SEM_INFO, arg);
	default:
		errno = EINVAL;
		return -1;
	}
}

/* List every object of a SysV type through the *ctl interface. */
int
sysvctl_enumerate(enum ipc_type t, struct ipc_set *set)
{
	struct ipc_obj	o;
	int		max, idx, any, found;

	if ((max = max_index(t)) == -1)
		return -1;
	for (any = 1; any >= 0; any--) {
		found = 0;
		for (idx = 0; idx <= max; idx++) {
			if (stat_index(t, idx, any, &o) == -1)
				continue;
			*set_add(set) = o;
			found = 1;
		}
		/* Before 4.17 *_STAT_ANY is EINVAL everywhere: try *_STAT. */
		if (found || max < 0)
			break;
	}
	return 0;
}

/*
 * Stat one object by id.  The index-based *_STAT_ANY needs no read
 * permission; IPC_STAT is the fallback.  -1 with errno set (EINVAL or
 * EIDRM when there is no such id).
 */
int
sysvctl_stat(enum ipc_type t, int id, struct ipc_obj *o)
{
	static const int masks[] = { 0x7fff, 0xffffff };
	struct shmid_ds	 ds_shm;
	struct msqid_ds	 ds_msg;
	struct semid_ds	 ds_sem;
	union semun	 arg;
	size_t		 i;
	int		 r;

	for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++)
		if (stat_index(t, id & masks[i], 1, o) == id)
			return 0;
	memset(o, 0, sizeof(*o));
	switch (t) {
	case T_SHM:
		if ((r = shmctl(id, IPC_STAT, &ds_shm)) != -1)
			from_shm(o, &ds_shm);
		break;
	case T_MSG:
		if ((r = msgctl(id, IPC_STAT, &ds_msg)) != -1)
			from_msg(o, &ds_msg);
		break;
	case T_SEM:
		arg.buf = &ds_sem;
		if ((r = semctl(id, 0, IPC_STAT, arg)) != -1)
			from_sem(o, &ds_sem);
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	if (r == -1)
		return -1;
	o->id = id;
	return 0;
}

/* Fill a queue's capacity (msg_qbytes), which /proc does not show. */
int
sysvctl_qbytes(struct ipc_obj *o)
{
	struct ipc_obj	s;

	if (o->has & HAS_QBYTES)
		return 0;
	if (sysvctl_stat(T_MSG, o->id, &s) == -1)
		return -1;
	o->u.msg.qbytes = s.u.msg.qbytes;
	o->has |= HAS_QBYTES;
	return 0;
}

/* Read each semaphore's last operator pid (GETPID) into o->pids. */
int
sysvctl_sempids(struct ipc_set *set, struct ipc_obj *o)
{
	union semun	arg;
	pid_t	       *pids;
	uint64_t	i;
	int		r;

	if (o->has & HAS_SEMPIDS)
		return 0;
	if (o->u.sem.nsems == 0 || o->u.sem.nsems > 1u << 20)
		return -1;
	pids = set_pids(set, (size_t)o->u.sem.nsems);
	memset(&arg, 0, sizeof(arg));
	for (i = 0; i < o->u.sem.nsems; i++) {
		if ((r = semctl(o->id, (int)i, GETPID, arg)) == -1)
			return -1;
		pids[i] = r;
	}
	o->pids = pids;
	o->npids = (uint32_t)o->u.sem.nsems;
	o->has |= HAS_SEMPIDS;
	return 0;
}

/* Remove one object by id. */
int
sysvctl_rm(enum ipc_type t, int id)
{
	union semun	arg;

	switch (t) {
	case T_SHM:
		return shmctl(id, IPC_RMID, NULL);
	case T_MSG:
		return msgctl(id, IPC_RMID, NULL);
	case T_SEM:
		memset(&arg, 0, sizeof(arg));
		return semctl(id, 0, IPC_RMID, arg);
	default:
		errno = EINVAL;
		return -1;
	}
}

/*
 * Read semaphore semnum of set id: value, waiters for increase and for
 * zero, last operator.  -1 with errno (EACCES without read permission).
 */
int
sysvctl_semval(int id, int semnum, struct semval *sv)
{
	union semun	arg;
	int		r;

	memset(&arg, 0, sizeof(arg));
	if ((r = semctl(id, semnum, GETVAL, arg)) == -1)
		return -1;
	sv->val = r;
	if ((r = semctl(id, semnum, GETNCNT, arg)) == -1)
		return -1;
	sv->ncnt = r;
	if ((r = semctl(id, semnum, GETZCNT, arg)) == -1)
		return -1;
	sv->zcnt = r;
	if ((r = semctl(id, semnum, GETPID, arg)) == -1)
		return -1;
	sv->pid = r;
	return 0;
}

/*
 * Copy message number n (from 0) of queue id without removing it
 * (MSG_COPY): its type in *mtype, at most len bytes of text in text.
 * Returns the bytes copied, or -1 with errno: ENOMSG past the last
 * message, ENOSYS where the kernel lacks MSG_COPY, EACCES.
 */
ssize_t
sysvctl_peek(int id, long n, long *mtype, char *text, size_t len)
{
	struct {
		long	mtype;
		char	mtext[PEEKMAX];
	}	       *mb;
	ssize_t		r;

	mb = xcalloc(1, sizeof(*mb));
	if (len > sizeof(mb->mtext))
		len = sizeof(mb->mtext);
	r = msgrcv(id, mb, len, n, IPC_NOWAIT | MSG_COPY | MSG_NOERROR);
	if (r >= 0) {
		*mtype = mb->mtype;
		memcpy(text, mb->mtext, (size_t)r);
	}
	free(mb);
	return r;
}
