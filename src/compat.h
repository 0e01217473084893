/* SPDX-License-Identifier: ISC */
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
#include <sys/syscall.h>

#include <stdint.h>
#include <unistd.h>

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

/* openat2(2), Linux 5.6: glibc has no wrapper, old headers no struct. */
#ifndef SYS_openat2
#define SYS_openat2	437	/* the same number on every architecture */
#endif
#ifndef RESOLVE_NO_MAGICLINKS
#define RESOLVE_NO_MAGICLINKS	0x02
#endif
#ifndef RESOLVE_IN_ROOT
#define RESOLVE_IN_ROOT	0x10
#endif
struct compat_open_how {
	uint64_t	flags;
	uint64_t	mode;
	uint64_t	resolve;
};

/* openat2(2) through syscall(2); -1 with errno ENOSYS where it lacks. */
static inline int
compat_openat2(int dfd, const char *path, int flags, mode_t mode,
    uint64_t resolve)
{
	struct compat_open_how	how = { (uint64_t)(unsigned)flags,
	    (uint64_t)mode, resolve };

	return (int)syscall(SYS_openat2, dfd, path, &how, sizeof(how));
}

/* The new mount API, Linux 5.2: a file system mounted nowhere. */
#ifndef SYS_fsopen
#define SYS_fsopen	430
#endif
#ifndef SYS_fsconfig
#define SYS_fsconfig	431
#endif
#ifndef SYS_fsmount
#define SYS_fsmount	432
#endif
#define COMPAT_FSOPEN_CLOEXEC		0x1
#define COMPAT_FSCONFIG_CMD_CREATE	6
#define COMPAT_FSMOUNT_CLOEXEC		0x1
#define COMPAT_MOUNT_ATTR_NOSUID	0x2
#define COMPAT_MOUNT_ATTR_NODEV		0x4
#define COMPAT_MOUNT_ATTR_NOEXEC	0x8

/* memfd_create(2) huge page flags (linux/memfd.h). */
#ifndef MFD_HUGETLB
#define MFD_HUGETLB	0x0004U
#endif
#ifndef MFD_HUGE_SHIFT
#define MFD_HUGE_SHIFT	26
#endif

#ifndef NSFS_MAGIC
#define NSFS_MAGIC	0x6e736673
#endif
#ifndef MQUEUE_MAGIC
#define MQUEUE_MAGIC	0x19800202
#endif

/* The caller defines union semun (POSIX says so; glibc does not). */
union semun {
	int		 val;
	struct semid_ds	*buf;
	unsigned short	*array;
	struct seminfo	*__buf;
};

#endif /* COMPAT_H */
