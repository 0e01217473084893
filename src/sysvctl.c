/* SPDX-License-Identifier: ISC */
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
#include <unistd.h>

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
	/* Valgrind 3.19 does not know *_STAT_ANY fill the buffer. */
	switch (t) {
	case T_SHM:
		memset(&ds_shm, 0, sizeof(ds_shm));
		id = shmctl(idx, any ? SHM_STAT_ANY : SHM_STAT, &ds_shm);
		if (id != -1)
			from_shm(o, &ds_shm);
		break;
	case T_MSG:
		memset(&ds_msg, 0, sizeof(ds_msg));
		id = msgctl(idx, any ? MSG_STAT_ANY : MSG_STAT, &ds_msg);
		if (id != -1)
			from_msg(o, &ds_msg);
		break;
	case T_SEM:
		memset(&ds_sem, 0, sizeof(ds_sem));
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

/*
 * Call fn with each object of a SysV type, read through the *ctl
 * interface by kernel index, as soon as it is read.  -1 with errno set
 * if the type cannot be enumerated, or if an index could not be read
 * for another reason than holding nothing (or, by *_STAT, holding what
 * we may not read): the others are still passed to fn.
 */
int
sysvctl_each(enum ipc_type t, void (*fn)(const struct ipc_obj *, void *),
    void *arg)
{
	struct ipc_obj	o;
	int		max, idx, any, found, err;

	if ((max = max_index(t)) == -1)
		return -1;
	for (any = 1; any >= 0; any--) {
		found = err = 0;
		for (idx = 0; idx <= max; idx++) {
			if (stat_index(t, idx, any, &o) == -1) {
				if (errno != EINVAL && errno != EIDRM &&
				    (any || errno != EACCES) && err == 0)
					err = errno;
				continue;
			}
			fn(&o, arg);
			found = 1;
		}
		/* Before 4.17 *_STAT_ANY is EINVAL everywhere: try *_STAT. */
		if (found || err != 0 || max < 0)
			break;
	}
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

/* How many objects of type t the kernel has, from *_INFO; -1 on error. */
long
sysvctl_count(enum ipc_type t)
{
	struct shm_info	si;
	struct msginfo	mi;
	struct seminfo	ei;
	union semun	arg;

	switch (t) {
	case T_SHM:
		if (shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&si) == -1)
			return -1;
		return (long)si.used_ids;
	case T_MSG:
		/* MSG_INFO puts the number of queues in msgpool. */
		if (msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&mi) == -1)
			return -1;
		return mi.msgpool;
	case T_SEM:
		/* SEM_INFO: semusz sets in use. */
		arg.__buf = &ei;
		if (semctl(0, 0, SEM_INFO, arg) == -1)
			return -1;
		return ei.semusz;
	default:
		errno = EINVAL;
		return -1;
	}
}

/*
 * What *_INFO says of type t as a whole, which changes when an object is
 * made or removed, or for msg when a message is sent or received: the
 * highest index in use, the count of objects and, for msg, of messages
 * and bytes, for sem of semaphores.  One call: 0, or -1 with errno set.
 */
int
sysvctl_fingerprint(enum ipc_type t, uint64_t *fp)
{
	struct msginfo	mi;
	struct seminfo	ei;
	union semun	arg;
	int		max;

	memset(fp, 0, 4 * sizeof(*fp));
	switch (t) {
	case T_MSG:
		if ((max = msgctl(0, MSG_INFO,
		    (struct msqid_ds *)(void *)&mi)) == -1)
			return -1;
		fp[1] = (uint64_t)mi.msgpool;
		fp[2] = (uint64_t)mi.msgmap;
		fp[3] = (uint64_t)mi.msgtql;
		break;
	case T_SEM:
		arg.__buf = &ei;
		if ((max = semctl(0, 0, SEM_INFO, arg)) == -1)
			return -1;
		fp[1] = (uint64_t)ei.semusz;
		fp[2] = (uint64_t)ei.semaem;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	fp[0] = (uint64_t)max;
	return 0;
}

/*
 * List every object of a SysV type with *_STAT_ANY by kernel index, the
 * cheapest way to read them all (the kernel formats no text): 0; -1 where
 * the kernel lacks *_STAT_ANY (before 4.17: it found nothing although
 * *_INFO counts objects); -2 on any other error, errno set.
 */
int
sysvctl_enumerate_any(enum ipc_type t, struct ipc_set *set)
{
	struct ipc_obj	 o;
	long		 used;
	int		 max, idx;

	if ((max = max_index(t)) == -1 || (used = sysvctl_count(t)) == -1)
		return -2;
	/* Room for those counted (and a few more): no copying as it fills. */
	set_reserve(set, set->n + (size_t)used + 64);
	for (idx = 0; idx <= max; idx++) {
		if (stat_index(t, idx, 1, &o) == -1) {
			/* A free slot, or one removed since *_INFO. */
			if (errno == EINVAL || errno == EIDRM)
				continue;
			set_free(set);
			return -2;
		}
		*set_add(set) = o;
	}
	if (set->n == 0 && used > 0)
		return -1;
	return 0;
}

static void
add_to_set(const struct ipc_obj *o, void *arg)
{
	*set_add(arg) = *o;
}

/* List every object of a SysV type through the *ctl interface. */
int
sysvctl_enumerate(enum ipc_type t, struct ipc_set *set)
{
	return sysvctl_each(t, add_to_set, set);
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
 * Read semaphore semnum of set id (value, waiters, last operator); -1
 * with errno set if it cannot be read.
 */
int
sysvctl_semstate(int id, int semnum, struct semstate *s)
{
	union semun	arg;
	int		r;

	memset(&arg, 0, sizeof(arg));
	memset(s, 0, sizeof(*s));
	if ((r = semctl(id, semnum, GETVAL, arg)) == -1)
		return -1;
	s->val = r;
	if ((r = semctl(id, semnum, GETNCNT, arg)) == -1)
		return -1;
	s->ncnt = r;
	if ((r = semctl(id, semnum, GETZCNT, arg)) == -1)
		return -1;
	s->zcnt = r;
	if ((r = semctl(id, semnum, GETPID, arg)) == -1)
		return -1;
	s->pid = r;
	return 0;
}

/*
 * Copy message number index (0 is the oldest) of queue id into msgp (a
 * long type, then up to textsz bytes of text) without taking it off the
 * queue (MSG_COPY).  Its size, or -1 with errno set: ENOMSG past the last
 * message, ENOSYS where the kernel lacks MSG_COPY, E2BIG or EINVAL for a
 * message larger than textsz or than msgmax now is.
 */
ssize_t
sysvctl_peek(int id, long index, void *msgp, size_t textsz)
{
	return msgrcv(id, msgp, textsz, index, IPC_NOWAIT | MSG_COPY);
}

/*
 * Get or make an object: shmget, msgget or semget with flags.  arg is the
 * size (shm) or the number of semaphores (sem).  The id, or -1.
 */
int
sysvctl_get(enum ipc_type t, uint32_t key, uint64_t arg, int flags)
{
	switch (t) {
	case T_SHM:
		return shmget((key_t)key, (size_t)arg, flags);
	case T_MSG:
		return msgget((key_t)key, flags);
	case T_SEM:
		return semget((key_t)key, (int)arg, flags);
	default:
		errno = EINVAL;
		return -1;
	}
}

/* Set owner and mode of an object its caller owns (IPC_SET). */
int
sysvctl_set_mode(enum ipc_type t, int id, uint32_t mode)
{
	struct shmid_ds	ds_shm;
	struct semid_ds	ds_sem;
	struct ipc_obj	o;
	union semun	arg;
	struct ipc_perm	perm;

	memset(&perm, 0, sizeof(perm));
	perm.uid = geteuid();
	perm.gid = getegid();
	perm.mode = mode & 0777;
	switch (t) {
	case T_SHM:
		memset(&ds_shm, 0, sizeof(ds_shm));
		ds_shm.shm_perm = perm;
		return shmctl(id, IPC_SET, &ds_shm);
	case T_MSG:
		/* IPC_SET sets msg_qbytes too: keep what there is. */
		if (sysvctl_stat(T_MSG, id, &o) == -1)
			return -1;
		return sysvctl_set_qbytes(id, mode, o.u.msg.qbytes);
	case T_SEM:
		memset(&ds_sem, 0, sizeof(ds_sem));
		ds_sem.sem_perm = perm;
		arg.buf = &ds_sem;
		return semctl(id, 0, IPC_SET, arg);
	default:
		errno = EINVAL;
		return -1;
	}
}

/*
 * Set a new queue's capacity.  IPC_SET also sets owner and mode, given
 * here as the creator made them, so no read permission is needed.
 */
int
sysvctl_set_qbytes(int id, uint32_t mode, uint64_t qbytes)
{
	struct msqid_ds	ds;

	memset(&ds, 0, sizeof(ds));
	ds.msg_perm.uid = geteuid();
	ds.msg_perm.gid = getegid();
	ds.msg_perm.mode = mode & 0777;
	ds.msg_qbytes = (msglen_t)qbytes;
	return msgctl(id, IPC_SET, &ds);
}

/* Set each of the nsems semaphores of a set to value (SETALL). */
int
sysvctl_setall(int id, uint64_t nsems, unsigned short value)
{
	unsigned short	*vals;
	union semun	 arg;
	uint64_t	 i;
	int		 r;

	vals = xreallocarray(NULL, (size_t)nsems, sizeof(*vals));
	for (i = 0; i < nsems; i++)
		vals[i] = value;
	arg.array = vals;
	r = semctl(id, 0, SETALL, arg);
	free(vals);
	return r;
}

/* The id an existing key names, without creating anything; -1 if none. */
int
sysvctl_find_key(enum ipc_type t, uint32_t key)
{
	return sysvctl_get(t, key, 0, 0);
}

/* The most semaphores one set may hold (semmsl), or -1. */
long
sysvctl_semmsl(void)
{
	struct seminfo	si;
	union semun	arg;

	memset(&si, 0, sizeof(si));
	arg.__buf = &si;
	if (semctl(0, 0, IPC_INFO, arg) == -1)
		return -1;
	return si.semmsl;
}

/* What SHM_INFO, MSG_INFO or SEM_INFO says of a type's use; -1 on error. */
int
sysvctl_status(enum ipc_type t, struct sysv_status *st)
{
	struct shm_info	si;
	struct msginfo	mi;
	struct seminfo	ei;
	union semun	arg;

	memset(st, 0, sizeof(*st));
	memset(&si, 0, sizeof(si));
	memset(&mi, 0, sizeof(mi));
	memset(&ei, 0, sizeof(ei));
	switch (t) {
	case T_SHM:
		if (shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&si) == -1)
			return -1;
		st->used = si.used_ids;
		st->shm_tot = si.shm_tot;
		st->shm_rss = si.shm_rss;
		st->shm_swp = si.shm_swp;
		st->swap_attempts = si.swap_attempts;
		st->swap_successes = si.swap_successes;
		return 0;
	case T_MSG:
		if (msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&mi) == -1)
			return -1;
		st->used = mi.msgpool;
		st->msgmap = mi.msgmap;
		st->msgtql = mi.msgtql;
		return 0;
	case T_SEM:
		arg.__buf = &ei;
		if (semctl(0, 0, SEM_INFO, arg) == -1)
			return -1;
		st->used = ei.semusz;
		st->semaem = ei.semaem;
		return 0;
	default:
		errno = EINVAL;
		return -1;
	}
}
