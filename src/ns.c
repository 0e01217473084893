/*
 * ns.c - IPC namespaces: enter one, name the current one, and survey
 * every namespace of the host (one representative process each).
 *
 * The survey walks /proc/PID/ns/ipc and groups processes by the
 * namespace's inode.  Moving between namespaces is setns() back and
 * forth, with a descriptor of the namespace we started in kept open:
 * joining an IPC namespace is allowed to a single-threaded process with
 * CAP_SYS_ADMIN, and nothing but the IPC namespace changes.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipctool.h"

/* The inode of the IPC namespace this process is in now (0 if unknown). */
uint64_t
ns_ipc_inode(void)
{
	struct stat	st;

	/* Not cached: the survey moves this process between namespaces. */
	if (stat("/proc/self/ns/ipc", &st) == 0)
		return (uint64_t)st.st_ino;
	return 0;
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

	if (*arg != '\0' && strspn(arg, "0123456789") == strlen(arg)) {
		if (parse_uint(arg, 1, INT32_MAX, &pid, &e) == -1) {
			errno = ESRCH;
			warn_("namespace '%s'", arg);
			return -1;
		}
		snprintf(path, sizeof(path), "/proc/%llu/ns/ipc",
		    (unsigned long long)pid);
		snprintf(root, sizeof(root), "/proc/%llu/root",
		    (unsigned long long)pid);
	} else {
		if (*arg == '\0' || strlen(arg) >= sizeof(path)) {
			errno = *arg == '\0' ? ENOENT : ENAMETOOLONG;
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
		/* EINVAL: the file is not an IPC namespace. */
		if (errno == EINVAL)
			warnx_("namespace '%s': not an IPC namespace", arg);
		else
			warn_("namespace '%s'", arg);
		close(fd);
		return -1;
	}
	close(fd);
	posix_root = root;
	return 0;
}

/* Read a small /proc file into buf (NUL-terminated); its length or -1. */
static ssize_t
read_small(const char *path, char *buf, size_t len)
{
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	do
		n = read(fd, buf, len - 1);
	while (n == -1 && errno == EINTR);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
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
	if (read_small(path, buf, sizeof(buf)) <= 0)
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

/* Whether this process can join ns and come back; errno set if not. */
static int
ns_try(struct ns_survey *sv, const struct ns_info *ns)
{
	char	path[64];
	int	fd, r, saved;

	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)ns->pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	r = setns(fd, CLONE_NEWIPC) == 0;
	saved = errno;
	close(fd);
	errno = saved;
	if (r) {
		sv->away = 1;
		ns_restore(sv);
	}
	return r;
}

/*
 * Survey the IPC namespaces of the host: one entry per namespace this
 * process can enter, sorted by inode, each with its lowest pid, that
 * pid's command and cgroup name.  Namespaces found but not enterable are
 * counted in sv->denied (errno of the first in sv->denied_errno),
 * processes whose namespace could not be read in sv->unreadable.  The
 * hook for every command that covers all namespaces (list -A, metrics
 * -A, top).  -1 with errno if /proc cannot be read.
 */
int
ns_survey(struct ns_survey *sv)
{
	struct ns_info	*ns;
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	const char	*cmd;
	char		 path[64], *ep;
	size_t		 cap = 0, i, n;
	long		 pid;
	int		 saved;

	memset(sv, 0, sizeof(*sv));
	sv->self = ns_ipc_inode();
	sv->orig_root = posix_root;
	if ((sv->origfd = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC)) ==
	    -1)
		return -1;	/* origfd -1: nothing to free */
	if ((d = opendir("/proc")) == NULL) {
		close(sv->origfd);
		sv->origfd = -1;
		return -1;
	}
	/* errno tells a failed readdir from the end of /proc. */
	while ((errno = 0, de = readdir(d)) != NULL) {
		pid = strtol(de->d_name, &ep, 10);
		if (*ep != '\0' || pid <= 0 || pid > INT32_MAX)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/ns/ipc", pid);
		if (stat(path, &st) == -1) {
			if (errno != ENOENT && errno != ESRCH &&
			    sv->unreadable++ == 0)
				sv->unreadable_errno = errno;
			continue;
		}
		ns = ns_slot(sv, (uint64_t)st.st_ino, &cap);
		if (ns->pid == 0 || (pid_t)pid < ns->pid)
			ns->pid = (pid_t)pid;
	}
	if (errno != 0) {
		saved = errno;
		closedir(d);
		close(sv->origfd);
		sv->origfd = -1;
		free(sv->v);
		sv->v = NULL;
		sv->n = 0;
		errno = saved;
		return -1;
	}
	closedir(d);
	for (i = 0, n = 0; i < sv->n; i++) {
		ns = &sv->v[i];
		ns->self = ns->ino == sv->self;
		if (!ns->self && !ns_try(sv, ns)) {
			if (errno == ENOENT || errno == ESRCH)
				continue;	/* gone meanwhile */
			if (sv->denied++ == 0)
				sv->denied_errno = errno;
			continue;
		}
		snprintf(ns->root, sizeof(ns->root), "/proc/%d/root",
		    (int)ns->pid);
		cmd = proc_cmdline(ns->pid);
		ns->command = cmd != NULL ? xstrdup(cmd) : NULL;
		ns->cgroup = ns_cgroup(ns->pid);
		sv->v[n++] = *ns;
	}
	sv->n = n;
	sort_array(sv->v, sv->n, sizeof(*sv->v), cmp_ns);
	return 0;
}

/*
 * Enter namespace i of the survey, and read POSIX objects under its
 * process's root; -1 (errno set) if it is gone, and then this process
 * is back in its original namespace.
 */
int
ns_switch(struct ns_survey *sv, size_t i)
{
	struct ns_info	*ns = &sv->v[i];
	struct stat	 st;
	char		 path[64];
	int		 fd, saved;

	if (ns->self) {
		ns_restore(sv);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)ns->pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	/* The pid may have been reused by a process in another namespace. */
	errno = ESRCH;
	if (fstat(fd, &st) == -1 || (uint64_t)st.st_ino != ns->ino ||
	    setns(fd, CLONE_NEWIPC) == -1) {
		saved = errno;
		close(fd);
		ns_restore(sv);
		errno = saved;
		return -1;
	}
	close(fd);
	sv->away = 1;
	posix_root = ns->root;
	return 0;
}

/* Go back to the namespace the survey started in. */
void
ns_restore(struct ns_survey *sv)
{
	/* Even joining one's own namespace needs CAP_SYS_ADMIN. */
	if (sv->away && setns(sv->origfd, CLONE_NEWIPC) == -1)
		fatal("cannot return to the original IPC namespace: %s",
		    strerror(errno));
	sv->away = 0;
	posix_root = sv->orig_root;
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
	}
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
	sv->origfd = -1;
}
