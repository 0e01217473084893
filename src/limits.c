/* SPDX-License-Identifier: ISC */
/*
 * limits.c - the kernel's IPC limits and how much of each is in use.
 *
 * Limits come from /proc/sys (per IPC namespace); use comes from the
 * *_INFO calls, which count without listing, and from the IPC
 * namespace's mqueue file system.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipctool.h"

/*
 * Each limit and where it is read: a word of a /proc/sys file, or (path
 * NULL) the IPC_INFO call, for the two the kernel fixes at build time:
 * SHMMIN (1, include/uapi/linux/shm.h) and SEMVMX (32767,
 * include/uapi/linux/sem.h).
 */
static const struct {
	const char	*name;
	const char	*path;
	int		 field;		/* word of the file, for kernel/sem */
	enum limit_unit	 unit;
	const char	*desc;
} limit_defs[] = {
	{ "shmmax", "kernel/shmmax", 0, LU_BYTES, "Max size of a shared memory segment (bytes)" },
	{ "shmall", "kernel/shmall", 0, LU_PAGES, "Shared memory in all segments (pages)" },
	{ "shmmni", "kernel/shmmni", 0, LU_COUNT, "Shared memory segments" },
	{ "shmmin", NULL, 0, LU_BYTES, "Min size of a shared memory segment (bytes)" },
	{ "msgmni", "kernel/msgmni", 0, LU_COUNT, "Message queues" },
	{ "msgmax", "kernel/msgmax", 0, LU_BYTES, "Max size of a message (bytes)" },
	{ "msgmnb", "kernel/msgmnb", 0, LU_BYTES, "Default max size of a queue (bytes)" },
	{ "semmsl", "kernel/sem", 0, LU_COUNT, "Max semaphores per set" },
	{ "semmns", "kernel/sem", 1, LU_COUNT, "Semaphores in all sets" },
	{ "semopm", "kernel/sem", 2, LU_COUNT, "Max operations per semop call" },
	{ "semmni", "kernel/sem", 3, LU_COUNT, "Semaphore sets" },
	{ "semvmx", NULL, 0, LU_COUNT, "Max value of a semaphore" },
	{ "mq_queues_max", "fs/mqueue/queues_max", 0, LU_COUNT, "POSIX message queues" },
	{ "mq_msg_max", "fs/mqueue/msg_max", 0, LU_COUNT, "Max messages per POSIX queue" },
	{ "mq_msgsize_max", "fs/mqueue/msgsize_max", 0, LU_BYTES, "Max POSIX message size (bytes)" },
};

/*
 * Read word `field` of /proc/sys/<path> as a number: 0; -1 if the kernel
 * has no such file or it holds no number (unknown); -2, said, if it
 * could not be read.
 */
static int
read_sys(const char *path, int field, uint64_t *v)
{
	char		 full[128], buf[256];
	char		*p, *ep;
	ssize_t		 n;
	int		 i;

	snprintf(full, sizeof(full), "/proc/sys/%s", path);
	if ((n = read_small_file(full, buf, sizeof(buf))) == -1) {
		if (errno == ENOENT)
			return -1;
		warn_("%s", full);
		return -2;
	}
	if (n == 0)
		return -1;
	p = buf;
	for (i = 0; ; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		errno = 0;
		*v = strtoull(p, &ep, 10);
		if (ep == p || errno != 0)
			return -1;
		if (i == field)
			return 0;
		p = ep;
	}
}

/*
 * Fill lim[] (LIMIT_COUNT entries) with every limit and its use; a limit
 * the kernel lacks has has_limit 0, a use that cannot be counted
 * has_used 0.  0, or -1 if a file that is there could not be read (said,
 * and left unknown).
 */
int
limits_read(struct limit *lim)
{
	struct shm_info	 si;
	struct shminfo	 shi;
	struct msginfo	 mi;
	struct seminfo	 ei;
	union semun	 arg;
	uint64_t	 v;
	size_t		 i;
	int		 shm_ok, msg_ok, sem_ok, r, rval = 0;

	memset(lim, 0, LIMIT_COUNT * sizeof(*lim));
	for (i = 0; i < LIMIT_COUNT; i++) {
		lim[i].name = limit_defs[i].name;
		lim[i].desc = limit_defs[i].desc;
		lim[i].unit = limit_defs[i].unit;
		if (limit_defs[i].path == NULL)
			continue;
		r = read_sys(limit_defs[i].path, limit_defs[i].field, &v);
		if (r == 0) {
			lim[i].limit = v;
			lim[i].has_limit = 1;
		} else if (r == -2)
			rval = -1;
	}
	if (shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&shi) != -1) {
		lim[LIM_SHMMIN].limit = (uint64_t)shi.shmmin;
		lim[LIM_SHMMIN].has_limit = 1;
	}
	arg.__buf = &ei;
	if (semctl(0, 0, IPC_INFO, arg) != -1) {
		lim[LIM_SEMVMX].limit = (uint64_t)ei.semvmx;
		lim[LIM_SEMVMX].has_limit = 1;
	}
	shm_ok = shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&si) != -1;
	msg_ok = msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&mi) != -1;
	arg.__buf = &ei;
	sem_ok = semctl(0, 0, SEM_INFO, arg) != -1;
	if (shm_ok) {
		lim[LIM_SHMMNI].used = si.used_ids;
		lim[LIM_SHMALL].used = si.shm_tot;
		lim[LIM_SHMMNI].has_used = lim[LIM_SHMALL].has_used = 1;
	}
	if (msg_ok) {
		/* MSG_INFO puts the number of queues in msgpool. */
		lim[LIM_MSGMNI].used = (uint64_t)mi.msgpool;
		lim[LIM_MSGMNI].has_used = 1;
	}
	if (sem_ok) {
		/* SEM_INFO: semusz sets in use, semaem semaphores. */
		lim[LIM_SEMMNI].used = (uint64_t)ei.semusz;
		lim[LIM_SEMMNS].used = (uint64_t)ei.semaem;
		lim[LIM_SEMMNI].has_used = lim[LIM_SEMMNS].has_used = 1;
	}
	if ((r = posix_count_mq(&v)) == 0) {
		lim[LIM_MQ_QUEUES_MAX].used = v;
		lim[LIM_MQ_QUEUES_MAX].has_used = 1;
	} else if (r == -2)
		rval = -1;
	return rval;
}
