/* SPDX-License-Identifier: ISC */
/*
 * ns.c - IPC namespaces: enter one, name the current one, and survey
 * every namespace of the host (one representative process each).
 *
 * The survey walks /proc/PID/ns/ipc and groups processes by the
 * namespace's inode.  Moving between namespaces is setns() back and
 * forth, with a descriptor of the namespace we started in kept open:
 * joining an IPC namespace is allowed to a single-threaded process with
 * CAP_SYS_ADMIN, and nothing but the IPC namespace changes.
 *
 * A process's namespace is taken with its root directory, both as
 * descriptors opened while the process is known to be the same one (its
 * start time before and after): POSIX objects are then read inside that
 * root (root_open()), and a pid that exits and is reused later cannot
 * redirect a command to another container.
 */
#include <sys/stat.h>
#include <sys/statfs.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipctool.h"

const char	*ns_arg;

/* The inode of the IPC namespace this process is in now (0 if unknown). */
uint64_t
ns_ipc_inode(void)
{
	return proc_ipc_ns(0);
}

/* The start time of pid, field 22 of /proc/PID/stat; -1 if unreadable. */
static int
pid_start(pid_t pid, unsigned long long *start)
{
	char	state;

	return proc_stat_start(pid, &state, start);
}

/*
 * Take pid's IPC namespace (*ipcfd) and root directory (*rootfd, O_PATH)
 * together, while pid is the same process (the same start time before
 * and after opening them).  -1 with errno set, ESRCH if pid is gone or
 * was reused meanwhile.
 */
static int
ns_take(pid_t pid, int *ipcfd, int *rootfd, unsigned long long *start)
{
	unsigned long long	 before, after;
	char			 path[64];
	int			 saved;

	*ipcfd = *rootfd = -1;
	if (pid_start(pid, &before) == -1)
		goto fail;
	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)pid);
	if ((*ipcfd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		goto fail;
	snprintf(path, sizeof(path), "/proc/%d/root", (int)pid);
	if ((*rootfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC)) == -1)
		goto fail;
	if (pid_start(pid, &after) == -1)
		goto fail;
	if (after != before) {
		errno = ESRCH;
		goto fail;
	}
	if (start != NULL)
		*start = before;
	return 0;
fail:
	saved = errno == ENOENT ? ESRCH : errno;
	if (*ipcfd != -1)
		close(*ipcfd);
	if (*rootfd != -1)
		close(*rootfd);
	*ipcfd = *rootfd = -1;
	errno = saved;
	return -1;
}

/*
 * Open a namespace file given by path without blocking on a FIFO or
 * acting on a device, and check it is one: -1 (reported) if not.
 */
static int
ns_open_path(const char *arg)
{
	struct statfs	sfs;
	int		fd;

	if ((fd = open(arg, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) == -1) {
		warn_("namespace '%s'", arg);
		return -1;
	}
	if (fstatfs(fd, &sfs) == -1) {
		warn_("namespace '%s'", arg);
		close(fd);
		return -1;
	}
	if ((unsigned long)sfs.f_type != NSFS_MAGIC) {
		warnx_("namespace '%s': not an IPC namespace", arg);
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Enter the namespace given with -N, if any: each command calls this once
 * its arguments are checked, so that a usage error is exit 2 even when
 * the namespace is gone.  -1 (reported) on failure.
 */
int
ns_enter_arg(void)
{
	if (ns_arg == NULL)
		return 0;
	return ns_enter(ns_arg);
}

/*
 * Enter the IPC namespace of a process (all digits: a PID) or of a
 * namespace file (a path).  For a PID, POSIX objects are then read inside
 * its root directory, taken with its namespace.  Reports the error
 * itself; -1 on failure.
 */
int
ns_enter(const char *arg)
{
	const char	*e;
	uint64_t	 pid;
	int		 fd, rootfd = -1;

	if (*arg != '\0' && strspn(arg, "0123456789") == strlen(arg)) {
		if (parse_uint(arg, 1, INT32_MAX, &pid, &e) == -1) {
			errno = ESRCH;
			warn_("namespace '%s'", arg);
			return -1;
		}
		if (ns_take((pid_t)pid, &fd, &rootfd, NULL) == -1) {
			warn_("namespace '%s'", arg);
			return -1;
		}
	} else if (*arg == '\0') {
		errno = ENOENT;
		warn_("namespace '%s'", arg);
		return -1;
	} else if ((fd = ns_open_path(arg)) == -1)
		return -1;
	if (setns(fd, CLONE_NEWIPC) == -1) {
		/* EINVAL: the file is not an IPC namespace. */
		if (errno == EINVAL)
			warnx_("namespace '%s': not an IPC namespace", arg);
		else
			warn_("namespace '%s'", arg);
		close(fd);
		if (rootfd != -1)
			close(rootfd);
		return -1;
	}
	close(fd);
	if (rootfd != -1) {
		if (posix_rootfd != -1)
			close(posix_rootfd);
		posix_rootfd = rootfd;
	}
	return 0;
}

/*
 * The name of pid's cgroup: the last component of its cgroup v2 path
 * ("docker-ID.scope", "session-3.scope"), else of the v1 systemd or first
 * hierarchy; NULL for the root cgroup or if unreadable.
 */
static char *
ns_cgroup(pid_t pid)
{
	char		 path[64], buf[8192];
	char		*line, *next, *p, *pick = NULL, *first = NULL;
	size_t		 len;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	if (read_small_file(path, buf, sizeof(buf)) <= 0)
		return NULL;
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((p = strchr(line, ':')) == NULL ||
		    (p = strchr(p + 1, ':')) == NULL)
			continue;
		if (strncmp(line, "0::", 3) == 0) {
			pick = p + 1;
			break;
		}
		if (strstr(line, ":name=systemd:") != NULL)
			pick = p + 1;
		else if (first == NULL)
			first = p + 1;
	}
	if (pick == NULL)
		pick = first;
	if (pick == NULL)
		return NULL;
	len = strlen(pick);
	while (len > 0 && pick[len - 1] == '/')
		pick[--len] = '\0';
	if ((p = strrchr(pick, '/')) != NULL)
		pick = p + 1;
	return *pick != '\0' ? xstrdup(pick) : NULL;
}

static int
cmp_ns(const void *a, const void *b)
{
	const struct ns_info	*x = a, *y = b;

	return (x->ino > y->ino) - (x->ino < y->ino);
}

/* The entry for inode ino in sv, added if new. */
static struct ns_info *
ns_slot(struct ns_survey *sv, uint64_t ino, size_t *cap)
{
	size_t	i;

	for (i = 0; i < sv->n; i++)
		if (sv->v[i].ino == ino)
			return &sv->v[i];
	if (sv->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		sv->v = xreallocarray(sv->v, *cap, sizeof(*sv->v));
	}
	memset(&sv->v[sv->n], 0, sizeof(sv->v[0]));
	sv->v[sv->n].ino = ino;
	return &sv->v[sv->n++];
}

/*
 * Take ns's namespace and root from its process, and check this process
 * can join it and come back; errno set if not.
 */
static int
ns_try(struct ns_survey *sv, struct ns_info *ns)
{
	struct stat	st;
	int		r, saved;

	if (ns_take(ns->pid, &ns->ipcfd, &ns->rootfd, &ns->start) == -1)
		return 0;
	/* The process may have moved to another namespace since. */
	errno = ESRCH;
	r = fstat(ns->ipcfd, &st) == 0 && (uint64_t)st.st_ino == ns->ino &&
	    setns(ns->ipcfd, CLONE_NEWIPC) == 0;
	saved = errno;
	if (r) {
		sv->away = 1;
		ns_restore(sv);
		return 1;
	}
	close(ns->ipcfd);
	close(ns->rootfd);
	ns->ipcfd = ns->rootfd = -1;
	errno = saved;
	return 0;
}

/*
 * Mark each namespace whose /dev/shm (by device and inode of the
 * directory) an earlier one has, ours first: its POSIX shared memory and
 * semaphores are listed there, once.
 */
static void
ns_shm_dedupe(struct ns_survey *sv)
{
	struct ns_info	*ns;
	uint64_t	*seen, dev, ino;
	size_t		 i, j, nseen = 0;
	int		 pass;

	seen = xcalloc(sv->n > 0 ? 2 * sv->n : 1, sizeof(*seen));
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < sv->n; i++) {
			ns = &sv->v[i];
			if (ns->self != (pass == 0) ||
			    posix_shm_ident(ns->rootfd, &dev, &ino) == -1)
				continue;
			for (j = 0; j < nseen; j++)
				if (seen[2 * j] == dev && seen[2 * j + 1] == ino)
					break;
			if (j < nseen)
				ns->shm_elsewhere = 1;
			else {
				seen[2 * nseen] = dev;
				seen[2 * nseen++ + 1] = ino;
			}
		}
	free(seen);
}

/*
 * Survey the IPC namespaces of the host: one entry per namespace this
 * process can enter, sorted by inode, each with its lowest pid, that
 * pid's command and cgroup name, and its namespace and root held open.
 * Namespaces found but not enterable are counted in sv->denied (errno of
 * the first in sv->denied_errno), processes whose namespace could not be
 * read in sv->unreadable.  The hook for every command that covers all
 * namespaces (list -A, metrics -A, top).  -1 with errno and sv->errpath
 * (the file that failed) if /proc cannot be read.
 */
int
ns_survey(struct ns_survey *sv)
{
	struct ns_info	*ns;
	struct pidwalk	 pw;
	struct stat	 st;
	const char	*cmd;
	char		 path[64];
	size_t		 cap = 0, i, n;
	pid_t		 pid;
	int		 saved;

	memset(sv, 0, sizeof(*sv));
	sv->self = ns_ipc_inode();
	sv->orig_rootfd = posix_rootfd;
	sv->errpath = "/proc/self/ns/ipc";
	if ((sv->origfd = open(sv->errpath, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;	/* origfd -1: nothing to free */
	sv->errpath = "/proc";
	if (pidwalk_open(&pw) == -1) {
		saved = errno;
		close(sv->origfd);
		sv->origfd = -1;
		errno = saved;
		return -1;
	}
	while ((pid = pidwalk_next(&pw)) > 0) {
		snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)pid);
		if (stat(path, &st) == -1) {
			if (errno != ENOENT && errno != ESRCH &&
			    sv->unreadable++ == 0)
				sv->unreadable_errno = errno;
			continue;
		}
		ns = ns_slot(sv, (uint64_t)st.st_ino, &cap);
		if (ns->pid == 0 || pid < ns->pid)
			ns->pid = pid;
	}
	if (pid == -1) {
		pidwalk_close(&pw);
		saved = errno;
		close(sv->origfd);
		sv->origfd = -1;
		free(sv->v);
		sv->v = NULL;
		sv->n = 0;
		errno = saved;
		return -1;
	}
	pidwalk_close(&pw);
	sv->errpath = NULL;
	for (i = 0, n = 0; i < sv->n; i++) {
		ns = &sv->v[i];
		ns->self = ns->ino == sv->self;
		ns->ipcfd = -1;
		ns->rootfd = sv->orig_rootfd;
		if (!ns->self && !ns_try(sv, ns)) {
			if (errno == ENOENT || errno == ESRCH)
				continue;	/* gone meanwhile */
			if (sv->denied++ == 0)
				sv->denied_errno = errno;
			continue;
		}
		cmd = proc_cmdline(ns->pid);
		ns->command = cmd != NULL ? xstrdup(cmd) : NULL;
		ns->cgroup = ns_cgroup(ns->pid);
		sv->v[n++] = *ns;
	}
	sv->n = n;
	sort_array(sv->v, sv->n, sizeof(*sv->v), cmp_ns);
	ns_shm_dedupe(sv);
	return 0;
}

/*
 * Enter namespace i of the survey, and read POSIX objects inside the
 * root taken with it; -1 (errno set) if it cannot be joined, or its
 * process is gone (ESRCH), and then this process is back in its original
 * namespace.  The descriptors held since the survey name the namespace
 * found then: a pid reused meanwhile never leads to another one.
 */
int
ns_switch(struct ns_survey *sv, size_t i)
{
	struct ns_info		*ns = &sv->v[i];
	unsigned long long	 start;
	int			 saved;

	if (ns->self) {
		ns_restore(sv);
		posix_shm_elsewhere = ns->shm_elsewhere;
		return 0;
	}
	/* Its process gone (or its pid reused): the namespace is gone. */
	if (pid_start(ns->pid, &start) == -1 || start != ns->start) {
		saved = ESRCH;
		goto fail;
	}
	if (setns(ns->ipcfd, CLONE_NEWIPC) == -1) {
		saved = errno;
		goto fail;
	}
	sv->away = 1;
	/* A scan of blocked processes is of the namespace it was made in. */
	waiters_forget();
	posix_rootfd = ns->rootfd;
	posix_shm_elsewhere = ns->shm_elsewhere;
	return 0;
fail:
	ns_restore(sv);
	errno = saved;
	return -1;
}

/* Go back to the namespace the survey started in. */
void
ns_restore(struct ns_survey *sv)
{
	/* Even joining one's own namespace needs CAP_SYS_ADMIN. */
	if (sv->away && setns(sv->origfd, CLONE_NEWIPC) == -1)
		fatal("cannot return to the original IPC namespace: %s",
		    strerror(errno));
	if (sv->away)
		waiters_forget();
	sv->away = 0;
	posix_rootfd = sv->orig_rootfd;
	posix_shm_elsewhere = 0;
}

/* Say on stderr, in one line, what the survey could not see. */
void
ns_survey_report(const struct ns_survey *sv, const char *cmd)
{
	if (sv->denied > 0 && sv->unreadable > 0)
		warnx_("%s: %zu IPC namespace%s could not be entered (%s), "
		    "and the IPC namespace of %zu process%s could not be "
		    "read (%s)", cmd, sv->denied, sv->denied == 1 ? "" : "s",
		    strerror(sv->denied_errno), sv->unreadable,
		    sv->unreadable == 1 ? "" : "es",
		    strerror(sv->unreadable_errno));
	else if (sv->denied > 0)
		warnx_("%s: %zu IPC namespace%s could not be entered: %s",
		    cmd, sv->denied, sv->denied == 1 ? "" : "s",
		    strerror(sv->denied_errno));
	else if (sv->unreadable > 0)
		warnx_("%s: the IPC namespace of %zu process%s could not be "
		    "read: %s", cmd, sv->unreadable,
		    sv->unreadable == 1 ? "" : "es",
		    strerror(sv->unreadable_errno));
}

/* Return to the original namespace and free the survey. */
void
ns_survey_free(struct ns_survey *sv)
{
	size_t	i;

	if (sv->origfd >= 0) {
		ns_restore(sv);
		close(sv->origfd);
	}
	for (i = 0; i < sv->n; i++) {
		free(sv->v[i].command);
		free(sv->v[i].cgroup);
		if (sv->v[i].ipcfd != -1)
			close(sv->v[i].ipcfd);
		if (!sv->v[i].self && sv->v[i].rootfd != -1)
			close(sv->v[i].rootfd);
	}
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
	sv->origfd = -1;
}
