/*
 * ns.c - IPC namespaces: enter one, and name the current one.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipctool.h"

/* The inode of the IPC namespace this process is in (0 if unknown). */
uint64_t
ns_ipc_inode(void)
{
	static uint64_t	ino;
	struct stat	st;

	if (ino == 0 && stat("/proc/self/ns/ipc", &st) == 0)
		ino = (uint64_t)st.st_ino;
	return ino;
}

/*
 * Enter the IPC namespace of a process (all digits: a PID) or of a
 * namespace file (a path).  For a PID, POSIX objects are then read under
 * /proc/PID/root.  Reports the error itself; -1 on failure.
 */
int
ns_enter(const char *arg)
{
	static char	 root[64];
	char		 path[4096];
	const char	*e;
	uint64_t	 pid;
	int		 fd;

	if (parse_uint(arg, 1, INT32_MAX, &pid, &e) == 0) {
		snprintf(path, sizeof(path), "/proc/%llu/ns/ipc",
		    (unsigned long long)pid);
		snprintf(root, sizeof(root), "/proc/%llu/root",
		    (unsigned long long)pid);
	} else {
		if (strlen(arg) >= sizeof(path)) {
			errno = ENAMETOOLONG;
			warn_("namespace '%s'", arg);
			return -1;
		}
		snprintf(path, sizeof(path), "%s", arg);
		root[0] = '\0';
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT && root[0] != '\0')
			errno = ESRCH;
		warn_("namespace '%s'", arg);
		return -1;
	}
	if (setns(fd, CLONE_NEWIPC) == -1) {
		warn_("namespace '%s'", arg);
		close(fd);
		return -1;
	}
	close(fd);
	posix_root = root;
	return 0;
}
