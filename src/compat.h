/*
 * compat.h - what the C library or kernel headers may lack.
 *
 * libbsd is used through its overlay (pkg-config libbsd-overlay), so
 * strtonum(), reallocarray(), stravis() and expand_number() come from the
 * usual headers.  Kernel constants newer than some libc headers are
 * defined here with their kernel values.
 */
#ifndef COMPAT_H
#define COMPAT_H

#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY	15
#endif
#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY	20
#endif
#ifndef MSG_STAT_ANY
#define MSG_STAT_ANY	13
#endif
#ifndef MSG_COPY
#define MSG_COPY	040000
#endif
#ifndef SHM_DEST
#define SHM_DEST	01000
#endif
#ifndef SHM_LOCKED
#define SHM_LOCKED	02000
#endif
#ifndef SHM_HUGETLB
#define SHM_HUGETLB	04000
#endif
#ifndef SHM_NORESERVE
#define SHM_NORESERVE	010000
#endif

/* The inode of the initial PID namespace (the kernel's PROC_PID_INIT_INO). */
#ifndef PROC_PID_INIT_INO
#define PROC_PID_INIT_INO	0xEFFFFFFCU
#endif

/* The caller defines union semun (POSIX says so; glibc does not). */
union semun {
	int		 val;
	struct semid_ds	*buf;
	unsigned short	*array;
	struct seminfo	*__buf;
};

#endif /* COMPAT_H */
