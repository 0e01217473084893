/* SPDX-License-Identifier: ISC */
/*
 * util.c - error reporting, checked allocation, stdout checks, and the
 * system helpers the kernel sources share: opening a path inside an
 * untrusted root directory, and a file system mounted nowhere.
 *
 * Messages follow "ipctool: CONTEXT: REASON" on stderr.
 */
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

static void
vmsg(const char *fmt, va_list ap, int errnum)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", PROGNAME);
	vfprintf(stderr, fmt, ap);
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

/* Print a warning. */
void
warnx_(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, 0);
	va_end(ap);
}

/* Print a warning followed by the reason errno gives. */
void
warn_(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	va_start(ap, fmt);
	vmsg(fmt, ap, saved);
	va_end(ap);
	errno = saved;
}

/* Print an error and exit 1. */
void
fatal(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, 0);
	va_end(ap);
	exit(1);
}

/* reallocarray() that exits on failure. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	void	*q;

	if ((q = reallocarray(p, n, size)) == NULL && n != 0 && size != 0)
		fatal("out of memory");
	return q;
}

/*
 * qsort() of n elements, any n: the C standard wants a valid pointer even
 * for none, and an empty scan's array is NULL (UBSan stops there).
 */
void
sort_array(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

/* calloc() that exits on failure. */
void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n, size)) == NULL)
		fatal("out of memory");
	return p;
}

/* strdup() that exits on failure. */
char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		fatal("out of memory");
	return p;
}

/* Flush stdout and report a write error; returns 1 on error. */
int
stdout_check(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		if (errno == 0)
			errno = EIO;
		warn_("stdout");
		return 1;
	}
	return 0;
}

/* Set once openat2() is known to be missing (ENOSYS). */
static int	openat2_missing;

/*
 * Open path inside the directory rootfd as if rootfd were "/": a symlink,
 * absolute or climbing with "..", stays inside it (openat2 with
 * RESOLVE_IN_ROOT), and where openat2 is missing every symlink and ".."
 * on the way is refused (a walk with O_NOFOLLOW).  rootfd -1 is the real
 * root, opened as it always was.  -1 with errno set.
 */
int
root_open(int rootfd, const char *path, int flags, mode_t mode)
{
	char	 buf[PATH_MAX], *comp, *next;
	int	 dfd, fd, saved;

	flags |= O_CLOEXEC;
	if (!(flags & O_CREAT))
		mode = 0;	/* openat2 takes a mode only to create */
	if (rootfd < 0)
		return open(path, flags, mode);
	while (*path == '/')
		path++;
	if (!openat2_missing) {
		fd = compat_openat2(rootfd, *path != '\0' ? path : ".", flags,
		    mode, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
		if (fd != -1 || errno != ENOSYS)
			return fd;
		openat2_missing = 1;
	}
	if (strlcpy(buf, path, sizeof(buf)) >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	dfd = rootfd;
	for (comp = buf;; comp = next) {
		if ((next = strchr(comp, '/')) != NULL) {
			*next++ = '\0';
			while (*next == '/')
				next++;
			if (*next == '\0')
				next = NULL;
		}
		if (strcmp(comp, "..") == 0) {
			fd = -1;
			errno = EXDEV;
		} else if (next == NULL)
			fd = openat(dfd, *comp != '\0' ? comp : ".",
			    flags | O_NOFOLLOW, mode);
		else
			fd = openat(dfd, comp, O_PATH | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
		saved = errno;
		if (dfd != rootfd)
			close(dfd);
		errno = saved;
		if (fd == -1 || next == NULL)
			return fd;
		dfd = fd;
	}
}

/*
 * Send fd (or, if it is -1, the errno err) over the socket sock; the
 * child's half of mount_by_child().
 */
static void
send_fd(int sock, int fd, int err)
{
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int))];
	}		 cm;
	struct msghdr	 mh;
	struct iovec	 iov;

	memset(&mh, 0, sizeof(mh));
	iov.iov_base = &err;
	iov.iov_len = sizeof(err);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (fd != -1) {
		memset(&cm, 0, sizeof(cm));
		mh.msg_control = cm.buf;
		mh.msg_controllen = sizeof(cm.buf);
		CMSG_FIRSTHDR(&mh)->cmsg_level = SOL_SOCKET;
		CMSG_FIRSTHDR(&mh)->cmsg_type = SCM_RIGHTS;
		CMSG_FIRSTHDR(&mh)->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(CMSG_FIRSTHDR(&mh)), &fd, sizeof(int));
	}
	(void)sendmsg(sock, &mh, MSG_NOSIGNAL);
}

/* The descriptor, or the errno, send_fd() sent; -1 with errno set. */
static int
recv_fd(int sock)
{
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int))];
	}		 cm;
	struct cmsghdr	*c;
	struct msghdr	 mh;
	struct iovec	 iov;
	ssize_t		 n;
	int		 err = EIO, fd;

	memset(&mh, 0, sizeof(mh));
	iov.iov_base = &err;
	iov.iov_len = sizeof(err);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof(cm.buf);
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return -1;
	c = CMSG_FIRSTHDR(&mh);
	if (n == (ssize_t)sizeof(err) && c != NULL &&
	    c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
	    c->cmsg_len == CMSG_LEN(sizeof(int))) {
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
		return fd;
	}
	errno = n == (ssize_t)sizeof(err) && err != 0 ? err : EIO;
	return -1;
}

/*
 * mount_detached() without the new mount API: a child unshares its mount
 * namespace, mounts fstype over /dev there (seen by no one else, and gone
 * with the child) and sends back a descriptor of it.
 */
static int
mount_by_child(const char *fstype)
{
	pid_t	pid;
	int	sv[2], fd, saved, status;

	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) == -1)
		return -1;
	/*
	 * What stdio holds would be the child's too, and written twice if
	 * anything flushed it there (valgrind's exit does).
	 */
	fflush(NULL);
	if ((pid = fork()) == -1) {
		saved = errno;
		close(sv[0]);
		close(sv[1]);
		errno = saved;
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		fd = -1;
		if (unshare(CLONE_NEWNS) == 0 &&
		    mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0 &&
		    mount(fstype, "/dev", fstype, MS_NOSUID | MS_NODEV |
		    MS_NOEXEC, NULL) == 0)
			fd = open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		send_fd(sv[1], fd, errno);
		_exit(0);
	}
	close(sv[1]);
	fd = recv_fd(sv[0]);
	saved = errno;
	close(sv[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	errno = saved;
	return fd;
}

/*
 * A directory descriptor of a new instance of file system type fstype,
 * mounted nowhere (fsopen, fsmount: Linux 5.2; before, by a child in a
 * mount namespace of its own; CAP_SYS_ADMIN either way): it is made in
 * this process's namespaces (an mqueue one shows the current IPC
 * namespace's queues) and seen by no one else.  -1 with errno set.
 */
int
mount_detached(const char *fstype)
{
	int	fs, mnt, fd, saved;

	if ((fs = (int)syscall(SYS_fsopen, fstype,
	    COMPAT_FSOPEN_CLOEXEC)) == -1)
		return errno == ENOSYS ? mount_by_child(fstype) : -1;
	mnt = -1;
	if (syscall(SYS_fsconfig, fs, COMPAT_FSCONFIG_CMD_CREATE, NULL, NULL,
	    0) == 0)
		mnt = (int)syscall(SYS_fsmount, fs, COMPAT_FSMOUNT_CLOEXEC,
		    COMPAT_MOUNT_ATTR_NOSUID | COMPAT_MOUNT_ATTR_NODEV |
		    COMPAT_MOUNT_ATTR_NOEXEC);
	saved = errno;
	close(fs);
	if (mnt == -1) {
		errno = saved;
		return -1;
	}
	fd = openat(mnt, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	saved = errno;
	close(mnt);
	errno = saved;
	return fd;
}

/*
 * Add key to the hash set s: 1 if it was not there, 0 if it was.  An
 * open-addressing table of key + 1 (0 marks a free slot), at most half
 * full.
 */
int
idset_add(struct idset *s, uint64_t key)
{
	uint64_t	*old;
	size_t		 oldcap, i, mask;

	if ((s->n + 1) * 2 > s->cap) {
		old = s->v;
		oldcap = s->cap;
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xcalloc(s->cap, sizeof(*s->v));
		s->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				(void)idset_add(s, old[i] - 1);
		free(old);
	}
	mask = s->cap - 1;
	for (i = (size_t)((key + 1) * 0x9e3779b97f4a7c15ULL >> 32) & mask;
	    s->v[i] != 0; i = (i + 1) & mask)
		if (s->v[i] == key + 1)
			return 0;
	s->v[i] = key + 1;
	s->n++;
	return 1;
}

/* Free what idset_add() took. */
void
idset_free(struct idset *s)
{
	free(s->v);
	s->v = NULL;
	s->cap = s->n = 0;
}

/*
 * The width of the terminal fd writes to; 0 when it is not a terminal (a
 * pipe or a file is never cut).  The terminal's own size first, then
 * COLUMNS, then 80.
 */
size_t
term_width(int fd)
{
	struct winsize	 ws;
	const char	*cols;
	long		 v;
	char		*ep;

	if (!isatty(fd))
		return 0;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((cols = getenv("COLUMNS")) != NULL) {
		v = strtol(cols, &ep, 10);
		if (ep != cols && *ep == '\0' && v > 0 && v < 100000)
			return (size_t)v;
	}
	return 80;
}

/*
 * read_small_file, and read_proc_record with once set: stop after the
 * first read that returns something.
 */
static ssize_t
read_small(const char *path, char *buf, size_t len, int once)
{
	ssize_t	n = 0;
	size_t	got = 0;
	int	fd;

	buf[0] = '\0';
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	while (got + 1 < len) {
		n = read(fd, buf + got, len - 1 - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		if (once)
			break;
	}
	close(fd);
	if (n == -1) {
		buf[0] = '\0';
		return -1;
	}
	buf[got] = '\0';
	return (ssize_t)got;
}

/*
 * Read a small file (/proc, /sys) into buf, NUL-terminated: the bytes
 * read, or -1 with errno set if it could not be opened or read (never the
 * part read before an error).
 */
ssize_t
read_small_file(const char *path, char *buf, size_t len)
{
	return read_small(path, buf, len, 0);
}

/*
 * The same for a /proc file the kernel writes whole at the first read
 * (a one-record seq_file: /proc/PID/stat, /proc/PID/syscall) that fits
 * in buf: a single read, without the one more that would find its end.
 * The scans of every process read two of these for each.
 */
ssize_t
read_proc_record(const char *path, char *buf, size_t len)
{
	return read_small(path, buf, len, 1);
}

/* Seconds of the monotonic clock: for intervals, never for dates. */
double
mono_secs(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Edit distance between two short words, a swap of two neighbours
 * counting as one edit ("tpo" is one from "top").
 */
size_t
edit_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, v, d[3][32];
	size_t	*pp, *p, *c, *t;

	if (la >= 31 || lb >= 31)
		return 99;
	for (j = 0; j <= lb; j++)
		d[1][j] = j;
	pp = d[0];
	p = d[1];
	c = d[2];
	for (i = 1; i <= la; i++) {
		c[0] = i;
		for (j = 1; j <= lb; j++) {
			v = p[j - 1] + (a[i - 1] != b[j - 1]);
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
		}
		/* Rotate: this row becomes the previous one. */
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[lb];
}
