/* SPDX-License-Identifier: ISC */
/*
 * posixipc.c - POSIX shared memory objects (/dev/shm), message queues
 * (/dev/mqueue) and named semaphores (/dev/shm/sem.*): listing, the
 * holders pass, staleness, and the create, remove and stat operations.
 *
 * Every object is found by reading its directory and lstat-ing each entry,
 * so an object the caller may stat but not open is still listed, with the
 * facts that need an open descriptor (semaphore value, queue length)
 * unknown.  Under -N PID the directories are read inside /proc/PID/root,
 * from a descriptor taken on entering (see root_open()): a container's
 * symlinks never lead out of it.  Queues are read through the IPC
 * namespace's own mqueue file system where that can be mounted.
 * Nothing here opens an object through sem_open() or mq_open() to look at
 * it: a plain open() of the file has no side effect on the object.
 */
#include <sys/stat.h>
#include <sys/statfs.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

int		 posix_rootfd = -1;
int		 posix_shm_elsewhere;

#define SHM_DIR		"/dev/shm"
#define MQ_DIR		"/dev/mqueue"
#define SEM_PREFIX	"sem."
#define SEM_PREFIXLEN	4

/* What a pmq's file reads as longest, with room to spare. */
#define QSIZE_MAX_LINE	256

/* The directory of type t's objects, under the root they are read in. */
static const char *
type_dir(enum ipc_type t)
{
	return t == T_PMQ ? MQ_DIR : SHM_DIR;
}

/*
 * The object name ("/name") of directory entry fname for type t, in buf,
 * or NULL if the entry is not one of t's: sem.* files are semaphores, the
 * rest of /dev/shm shared memory.
 */
static const char *
entry_name(enum ipc_type t, const char *fname, char *buf, size_t len)
{
	int	sem = strncmp(fname, SEM_PREFIX, SEM_PREFIXLEN) == 0;

	if (t == T_PSEM) {
		if (!sem || fname[SEM_PREFIXLEN] == '\0')
			return NULL;
		fname += SEM_PREFIXLEN;
	} else if (t == T_PSHM && sem)
		return NULL;
	if (snprintf(buf, len, "/%s", fname) >= (int)len)
		return NULL;
	return buf;
}

/* The file name in the type's directory of a checked object name. */
static void
file_name(enum ipc_type t, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", t == T_PSEM ? SEM_PREFIX : "", name + 1);
}

/*
 * Check an object name as *_open() takes it: one leading '/', then 1 to
 * NAME_MAX bytes (NAME_MAX - 4 for a semaphore, whose file is "sem.name")
 * without '/', and not "." or "..".  -1 with *err saying why.
 */
int
posix_name_check(enum ipc_type t, const char *name, const char **err)
{
	size_t	len, max;

	max = t == T_PSEM ? NAME_MAX - SEM_PREFIXLEN : NAME_MAX;
	if (name[0] != '/') {
		*err = "must start with '/'";
		return -1;
	}
	len = strlen(name + 1);
	if (len == 0) {
		*err = "empty after the '/'";
		return -1;
	}
	if (strchr(name + 1, '/') != NULL) {
		*err = "no '/' allowed after the first";
		return -1;
	}
	if (strcmp(name, "/.") == 0 || strcmp(name, "/..") == 0) {
		*err = "'.' and '..' are not names";
		return -1;
	}
	if (len > max) {
		*err = t == T_PSEM ? "longer than 251 bytes after the '/'" :
		    "longer than 255 bytes after the '/'";
		return -1;
	}
	return 0;
}

/*
 * An object name from the command line, with or without its leading '/',
 * as "/name" in buf (at least POSIX_NAME_LEN bytes); -1 with *err saying
 * why it is no name of type t.
 */
int
posix_name_arg(enum ipc_type t, const char *arg, char *buf, size_t len,
    const char **err)
{
	if (strlen(arg) + 2 > len) {
		*err = t == T_PSEM ? "longer than 251 bytes after the '/'" :
		    "longer than 255 bytes after the '/'";
		return -1;
	}
	snprintf(buf, len, "%s%s", arg[0] == '/' ? "" : "/", arg);
	return posix_name_check(t, buf, err);
}

/*
 * Parse what reading a message queue's file gives, "QSIZE:%-10lu
 * NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n": KEY:NUMBER fields apart by
 * blanks, QSIZE first, one line.  Fields after QSIZE are checked for form
 * only, so a kernel adding one is still read.  0 with *qsize set, or -1.
 */
int
posix_parse_qsize(const char *buf, size_t len, uint64_t *qsize)
{
	const char	*p = buf, *end = buf + len;
	uint64_t	 v = 0;
	size_t		 n;
	int		 first = 1;

	if (len < 6 || memcmp(buf, "QSIZE:", 6) != 0)
		return -1;
	while (p < end && *p != '\n') {
		n = 0;
		while (p < end && ((*p >= 'A' && *p <= 'Z') || *p == '_')) {
			p++;
			n++;
		}
		if (n == 0 || p == end || *p++ != ':')
			return -1;
		if (!first && p < end && *p == '-')
			p++;
		for (n = 0; p < end && *p >= '0' && *p <= '9'; p++, n++) {
			if (!first)
				continue;
			if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
				return -1;
			v = v * 10 + (uint64_t)(*p - '0');
		}
		if (n == 0 || n > 20)
			return -1;
		first = 0;
		if (p < end && *p != ' ' && *p != '\n')
			return -1;
		while (p < end && *p == ' ')
			p++;
	}
	if (p == end || p + 1 != end)
		return -1;
	*qsize = v;
	return 0;
}

/* Open an entry for reading, if it is still the regular file st says. */
static int
open_entry(int dfd, const char *fname, const struct stat *st)
{
	struct stat	now;
	int		fd;

	fd = openat(dfd, fname, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	if (fstat(fd, &now) == -1 || !S_ISREG(now.st_mode) ||
	    now.st_dev != st->st_dev || now.st_ino != st->st_ino) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * A named semaphore's value, read from its file: glibc's sem_t is the
 * file's contents, a struct new_sem whose first word holds the value.
 * With 64-bit atomics (every 64-bit target) that word is a uint64_t with
 * the value in its low 32 bits and the waiter count above; otherwise an
 * unsigned int with the value shifted left by one over a waiters bit.
 */
static void
read_sval(int fd, const struct stat *st, struct ipc_obj *o)
{
	unsigned char	b[8];
	uint64_t	w64;
	uint32_t	w32;

	if (st->st_size != (off_t)sizeof(sem_t))
		return;
	if (sizeof(long) == 8) {
		if (pread(fd, b, 8, 0) != 8)
			return;
		memcpy(&w64, b, 8);
		o->u.px.sval = (int64_t)(w64 & 0xffffffffu);
	} else {
		if (pread(fd, b, 4, 0) != 4)
			return;
		memcpy(&w32, b, 4);
		o->u.px.sval = (int64_t)(w32 >> 1);
	}
	o->has |= HAS_SVAL;
}

/*
 * A message queue's length and limits: reading its file gives QSIZE, and
 * a descriptor from open() on the mqueue file system is a message queue
 * descriptor, so mq_getattr() gives the message count and limits.
 */
static void
read_mq(int fd, const char *name, struct ipc_obj *o)
{
	struct mq_attr	attr;
	char		buf[QSIZE_MAX_LINE];
	ssize_t		n;

	do
		n = pread(fd, buf, sizeof(buf), 0);
	while (n == -1 && errno == EINTR);
	if (n == -1 && errno == ESPIPE)
		n = read(fd, buf, sizeof(buf));
	if (n >= 0 && posix_parse_qsize(buf, (size_t)n, &o->u.px.size) == 0)
		o->has |= HAS_QSIZE;
	else if (n >= 0)
		warnx_("pmq %s: unexpected QSIZE line", fmt_esc(name));
	if (mq_getattr(fd, &attr) == 0) {
		o->u.px.msgs = (uint64_t)attr.mq_curmsgs;
		o->u.px.maxmsg = (uint64_t)attr.mq_maxmsg;
		o->u.px.msgsize = (uint64_t)attr.mq_msgsize;
		o->has |= HAS_MSGS;
	}
}

/* Fill o with what the stat of object name says. */
static void
fill_stat(const char *name, const struct stat *st, struct ipc_obj *o)
{
	o->name = xstrdup(name);
	o->mode = (uint32_t)(st->st_mode & 07777);
	o->uid = st->st_uid;
	o->gid = st->st_gid;
	o->ctime = (int64_t)st->st_ctime;
	o->u.px.mtime = (int64_t)st->st_mtime;
	o->u.px.dev = (uint64_t)st->st_dev;
	o->u.px.ino = (uint64_t)st->st_ino;
}

/* Fill o from the stat of entry fname (object name name) of type t. */
static void
fill_obj(enum ipc_type t, int dfd, const char *fname, const char *name,
    const struct stat *st, struct ipc_obj *o)
{
	int	fd;

	fill_stat(name, st, o);
	if (t == T_PSHM) {
		o->u.px.size = (uint64_t)st->st_size;
		return;
	}
	if ((fd = open_entry(dfd, fname, st)) == -1)
		return;
	if (t == T_PSEM)
		read_sval(fd, st, o);
	else
		read_mq(fd, name, o);
	close(fd);
}

/* Whether dfd is the root of an mqueue file system. */
static int
is_mqueue(int dfd)
{
	struct statfs	sfs;

	return fstatfs(dfd, &sfs) == 0 &&
	    (unsigned long)sfs.f_type == MQUEUE_MAGIC;
}

/*
 * Open the directory of type t, under posix_rootfd; -1 with errno set.
 * For pmq, /dev/mqueue when it is this IPC namespace's mqueue file
 * system, else the namespace's own mounted nowhere (which needs
 * CAP_SYS_ADMIN), so that a /dev/mqueue not mounted or of another
 * namespace hides no queue; without either, ENOENT and *unmounted set.
 */
static int
open_dir(enum ipc_type t, int *unmounted)
{
	struct stat	st, ownst;
	int		dfd, own, saved;

	*unmounted = 0;
	dfd = root_open(posix_rootfd, type_dir(t), O_RDONLY | O_DIRECTORY, 0);
	if (t != T_PMQ)
		return dfd;
	saved = errno;
	if (dfd != -1 && !is_mqueue(dfd)) {
		close(dfd);
		dfd = -1;
		saved = ENOENT;
	}
	if ((own = mount_detached("mqueue")) == -1) {
		if (dfd == -1 && saved == ENOENT)
			*unmounted = 1;
		errno = saved;
		return dfd;
	}
	/* One superblock per IPC namespace: the same device, the same. */
	if (dfd != -1 && fstat(dfd, &st) == 0 && fstat(own, &ownst) == 0 &&
	    st.st_dev == ownst.st_dev) {
		close(own);
		return dfd;
	}
	if (dfd != -1)
		close(dfd);
	return own;
}

/*
 * Open the directory of type t's objects as listing reads it (under
 * posix_rootfd, the namespace's own mqueue file system): for watch's
 * inotify.  -1 with errno set, and *unmounted set as open_dir() says.
 */
int
posix_open_dir(enum ipc_type t, int *unmounted)
{
	return open_dir(t, unmounted);
}

/*
 * Stat directory entry fname of dfd (a directory from posix_open_dir())
 * as an object of type t into o (the caller frees o->name): 0; -1 with
 * errno set, ENOENT when it is gone or not a regular file, EINVAL when
 * the entry is not one of t's.
 */
int
posix_stat_entry(enum ipc_type t, int dfd, const char *fname,
    struct ipc_obj *o)
{
	struct stat	 st;
	char		 name[NAME_MAX + 2];
	const char	*oname;

	memset(o, 0, sizeof(*o));
	if ((oname = entry_name(t, fname, name, sizeof(name))) == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (fstatat(dfd, fname, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return -1;
	if (!S_ISREG(st.st_mode)) {
		errno = ENOENT;
		return -1;
	}
	fill_obj(t, dfd, fname, oname, &st, o);
	return 0;
}

/*
 * The device and inode of the /dev/shm directory inside rootfd (-1: the
 * real root), which tell one /dev/shm from another; -1 with errno set.
 */
int
posix_shm_ident(int rootfd, uint64_t *dev, uint64_t *ino)
{
	struct stat	st;
	int		fd, r;

	if ((fd = root_open(rootfd, SHM_DIR, O_RDONLY | O_DIRECTORY, 0)) == -1)
		return -1;
	if ((r = fstat(fd, &st)) == 0) {
		*dev = (uint64_t)st.st_dev;
		*ino = (uint64_t)st.st_ino;
	}
	close(fd);
	return r;
}

/*
 * Count the POSIX message queues of this IPC namespace: 0; -1 when there
 * is no mqueue file system to read them in; -2, said, when it could not
 * be read (a short count is no count).
 */
int
posix_count_mq(uint64_t *n)
{
	struct dirent	*de;
	DIR		*d;
	int		 dfd, unmounted;

	if ((dfd = open_dir(T_PMQ, &unmounted)) == -1) {
		if (unmounted || errno == ENOENT || errno == ENOTDIR)
			return -1;
		warn_("%s", type_dir(T_PMQ));
		return -2;
	}
	if ((d = fdopendir(dfd)) == NULL) {
		warn_("%s", type_dir(T_PMQ));
		close(dfd);
		return -2;
	}
	*n = 0;
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (de->d_name[0] != '.')
			(*n)++;
	}
	if (errno != 0) {
		warn_("%s", type_dir(T_PMQ));
		closedir(d);
		return -2;
	}
	closedir(d);
	return 0;
}

static int
cmp_name(const void *a, const void *b)
{
	const struct ipc_obj	*x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* Collect POSIX objects of type t, sorted by name. */
int
posix_collect(enum ipc_type t, struct ipc_set *set)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		 name[NAME_MAX + 2];
	const char	*oname, *path = type_dir(t);
	int		 dfd, unmounted, saved;

	if (t != T_PMQ && posix_shm_elsewhere) {
		set->elsewhere = 1;
		return 0;
	}
	if ((dfd = open_dir(t, &unmounted)) == -1) {
		set->unknown = unmounted;
		if (unmounted)
			warnx_("%s: %s is not mounted", type_name(t), path);
		else if (errno == ENOENT)
			warnx_("%s: %s does not exist", type_name(t), path);
		else {
			warn_("%s: %s", type_name(t), path);
			return -1;
		}
		return 0;
	}
	if ((d = fdopendir(dfd)) == NULL) {
		warn_("%s: %s", type_name(t), path);
		close(dfd);
		return -1;
	}
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (de->d_type != DT_REG && de->d_type != DT_UNKNOWN)
			continue;
		if ((oname = entry_name(t, de->d_name, name,
		    sizeof(name))) == NULL)
			continue;
		/* Gone since readdir: skipped, not an error. */
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISREG(st.st_mode))
			continue;
		fill_obj(t, dfd, de->d_name, oname, &st, set_add(set));
	}
	/* A listing cut by a failed readdir is no listing. */
	if ((saved = errno) != 0) {
		warn_("%s: %s", type_name(t), path);
		closedir(d);
		set_free(set);
		errno = saved;
		return -1;
	}
	closedir(d);
	sort_array(set->v, set->n, sizeof(*set->v), cmp_name);
	return 0;
}

static int
cmp_use(const void *a, const void *b)
{
	const struct fileuse	*x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Whether use u is for the file (dev, ino), and where it sorts. */
static int
cmp_key(const struct fileuse *u, uint64_t dev, uint64_t ino)
{
	if (u->dev != dev)
		return u->dev < dev ? -1 : 1;
	return (u->ino > ino) - (u->ino < ino);
}

/*
 * Give each object the distinct pids that map it or hold it open (from
 * /proc/PID/maps and /proc/PID/fd, by device and inode, so a renamed or
 * recreated file is told apart); HAS_ALLPROCS when every process could be
 * read.
 */
void
posix_enrich_holders(struct ipc_set *set)
{
	struct fileuse	*u;
	struct ipc_obj	*o;
	uint64_t	*devs = NULL;
	size_t		 ndevs = 0, nu, nhidden, i, j, lo, hi, mid, k, n;
	pid_t		*pids;
	int		 r;

	/* Usually one file system: /dev/shm or /dev/mqueue. */
	for (i = 0; i < set->n; i++) {
		for (j = 0; j < ndevs; j++)
			if (devs[j] == set->v[i].u.px.dev)
				break;
		if (j == ndevs) {
			devs = xreallocarray(devs, ndevs + 1, sizeof(*devs));
			devs[ndevs++] = set->v[i].u.px.dev;
		}
	}
	r = ndevs == 0 ? -1 : proc_scan_files(devs, ndevs, &u, &nu, &nhidden);
	free(devs);
	if (r == -1)
		return;
	sort_array(u, nu, sizeof(*u), cmp_use);
	for (i = 0; i < set->n; i++) {
		o = &set->v[i];
		lo = 0;
		hi = nu;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (cmp_key(&u[mid], o->u.px.dev, o->u.px.ino) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (n = 0, k = lo; k < nu &&
		    cmp_key(&u[k], o->u.px.dev, o->u.px.ino) == 0; k++)
			if (k == lo || u[k].pid != u[k - 1].pid)
				n++;
		pids = n > 0 ? set_pids(set, n) : NULL;
		for (n = 0, k = lo; k < nu &&
		    cmp_key(&u[k], o->u.px.dev, o->u.px.ino) == 0; k++)
			if (k == lo || u[k].pid != u[k - 1].pid)
				pids[n++] = u[k].pid;
		o->pids = pids;
		o->npids = (uint32_t)n;
		o->has |= HAS_ATTACHED;
		if (nhidden == 0)
			o->has |= HAS_ALLPROCS;
	}
	free(u);
}

/*
 * Why a POSIX object is stale, or NULL: stale when no process maps it or
 * holds it open, and only when every process could be looked at (another
 * user's process may hold it otherwise).
 */
const char *
posix_stale_reason(enum ipc_type t, const struct ipc_obj *o, char *buf,
    size_t len)
{
	if (!(o->has & HAS_ATTACHED) || !(o->has & HAS_ALLPROCS) ||
	    o->npids > 0)
		return NULL;
	snprintf(buf, len, "%s", t == T_PMQ ? "no process holds it open" :
	    "no process maps or holds it");
	return buf;
}

/*
 * Stat one object by name into o (the caller frees o->name); -1 with
 * errno set: ENOENT when there is no such object, EINVAL for a bad name.
 * A queue whose file system is not mounted is found through mq_open().
 */
int
posix_stat_one(enum ipc_type t, const char *name, struct ipc_obj *o)
{
	struct stat	 st;
	char		 fname[NAME_MAX + 8];
	const char	*err;
	int		 dfd, unmounted, fd;

	memset(o, 0, sizeof(*o));
	if (posix_name_check(t, name, &err) == -1) {
		errno = EINVAL;
		return -1;
	}
	file_name(t, name, fname, sizeof(fname));
	if ((dfd = open_dir(t, &unmounted)) == -1) {
		if (!unmounted)
			return -1;
		if ((fd = mq_open(name, O_RDONLY | O_NONBLOCK)) == -1)
			return -1;
		if (fstat(fd, &st) == -1) {
			close(fd);
			return -1;
		}
		fill_stat(name, &st, o);
		read_mq(fd, name, o);
		close(fd);
		return 0;
	}
	if (fstatat(dfd, fname, &st, AT_SYMLINK_NOFOLLOW) == -1) {
		close(dfd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(dfd);
		errno = ENOENT;
		return -1;
	}
	fill_obj(t, dfd, fname, name, &st, o);
	close(dfd);
	return 0;
}

/* Open the /dev/shm directory under posix_rootfd; -1 with errno set. */
static int
shm_dir(void)
{
	int	unmounted;

	return open_dir(T_PSHM, &unmounted);
}

/*
 * Create POSIX shared memory object name of size bytes with exactly mode
 * (no umask).  1 created; 0 it existed and excl is off (left as it is,
 * but an existing object smaller than size is EINVAL, as shmget() has
 * it); -1 with errno set.
 */
int
posix_create_shm(const char *name, uint64_t size, uint32_t mode, int excl)
{
	struct stat	 st;
	char		 fname[NAME_MAX + 8];
	const char	*err;
	mode_t		 mask;
	int		 dfd, fd, saved, r = 1;

	if (posix_name_check(T_PSHM, name, &err) == -1 || size > INT64_MAX ||
	    mode > 07777) {
		errno = EINVAL;
		return -1;
	}
	file_name(T_PSHM, name, fname, sizeof(fname));
	if ((dfd = shm_dir()) == -1)
		return -1;
	mask = umask(0);
	fd = openat(dfd, fname, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, (mode_t)mode);
	umask(mask);
	if (fd == -1 && errno == EEXIST && !excl) {
		r = 0;
		fd = openat(dfd, fname, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC);
		if (fd != -1 && (fstat(fd, &st) == -1 ||
		    !S_ISREG(st.st_mode) || (uint64_t)st.st_size < size)) {
			close(fd);
			fd = -1;
			errno = EINVAL;
		}
	} else if (fd != -1 && (fchmod(fd, (mode_t)mode) == -1 ||
	    ftruncate(fd, (off_t)size) == -1)) {
		saved = errno;
		unlinkat(dfd, fname, 0);
		close(fd);
		fd = -1;
		errno = saved;
	}
	saved = errno;
	close(dfd);
	if (fd == -1) {
		errno = saved;
		return -1;
	}
	close(fd);
	return r;
}

/* A default from /proc/sys/fs/mqueue, or dflt. */
static long
mq_default(const char *file, long dflt)
{
	char	path[64], buf[32], *ep;
	long	v;
	ssize_t	n;
	int	fd;

	snprintf(path, sizeof(path), "/proc/sys/fs/mqueue/%s", file);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return dflt;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return dflt;
	buf[n] = '\0';
	v = strtol(buf, &ep, 10);
	return (ep == buf || v <= 0) ? dflt : v;
}

/*
 * Create POSIX message queue name in the current IPC namespace, with at
 * most maxmsg messages of msgsize bytes (0: the system's default), with
 * exactly mode.  1 created, 0 it existed (excl off), -1 with errno set.
 */
int
posix_create_mq(const char *name, uint64_t maxmsg, uint64_t msgsize,
    uint32_t mode, int excl)
{
	struct mq_attr	 attr, *ap = NULL;
	const char	*err;
	mode_t		 mask;
	mqd_t		 q;
	int		 saved;

	if (posix_name_check(T_PMQ, name, &err) == -1 || mode > 07777 ||
	    maxmsg > LONG_MAX || msgsize > LONG_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (maxmsg != 0 || msgsize != 0) {
		memset(&attr, 0, sizeof(attr));
		attr.mq_maxmsg = maxmsg != 0 ? (long)maxmsg :
		    mq_default("msg_default", 10);
		attr.mq_msgsize = msgsize != 0 ? (long)msgsize :
		    mq_default("msgsize_default", 8192);
		ap = &attr;
	}
	mask = umask(0);
	q = mq_open(name, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    (mode_t)mode, ap);
	saved = errno;
	umask(mask);
	if (q == (mqd_t)-1 && saved == EEXIST && !excl) {
		if ((q = mq_open(name, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) ==
		    (mqd_t)-1 && errno != EACCES)
			return -1;
		if (q != (mqd_t)-1)
			mq_close(q);
		return 0;
	}
	if (q == (mqd_t)-1) {
		errno = saved;
		return -1;
	}
	mq_close(q);
	return 1;
}

/*
 * Create named semaphore name with value, exactly mode, as glibc's
 * sem_open() does, but under posix_rootfd: the sem_t image is written to a
 * temporary file that is then linked to "sem.NAME", so no process can
 * open a half-made semaphore.  1 created, 0 it existed (excl off), -1
 * with errno set.
 */
int
posix_create_sem(const char *name, uint64_t value, uint32_t mode, int excl)
{
	union {
		sem_t		 sem;
		unsigned char	 b[sizeof(sem_t)];
	}		 img;
	struct stat	 st;
	struct timespec	 ts;
	char		 fname[NAME_MAX + 8], tmp[64];
	const char	*err;
	uint64_t	 w64;
	uint32_t	 w32;
	int32_t		 shared = 128;	/* glibc's FUTEX_SHARED */
	mode_t		 mask;
	int		 dfd, fd = -1, i, r, saved;

	if (posix_name_check(T_PSEM, name, &err) == -1 || mode > 07777 ||
	    value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	memset(&img, 0, sizeof(img));
	if (sizeof(long) == 8) {
		w64 = value;
		memcpy(img.b, &w64, 8);
		memcpy(img.b + 8, &shared, 4);
	} else {
		w32 = (uint32_t)value << 1;
		memcpy(img.b, &w32, 4);
		memcpy(img.b + 4, &shared, 4);
	}
	file_name(T_PSEM, name, fname, sizeof(fname));
	if ((dfd = shm_dir()) == -1)
		return -1;
	mask = umask(0);
	for (i = 0; i < 100 && fd == -1; i++) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		snprintf(tmp, sizeof(tmp), SEM_PREFIX "ipctool-%d-%lx",
		    (int)getpid(), (unsigned long)ts.tv_nsec ^ (unsigned)i);
		fd = openat(dfd, tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, (mode_t)mode);
		if (fd == -1 && errno != EEXIST)
			break;
	}
	umask(mask);
	if (fd == -1) {
		saved = errno;
		close(dfd);
		errno = saved;
		return -1;
	}
	r = 1;
	if (fchmod(fd, (mode_t)mode) == -1 ||
	    pwrite(fd, img.b, sizeof(img.b), 0) != (ssize_t)sizeof(img.b))
		r = -1;
	else if (linkat(dfd, tmp, dfd, fname, 0) == -1) {
		r = -1;
		saved = errno;
		if (saved == EEXIST && !excl &&
		    fstatat(dfd, fname, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode))
			r = 0;
		errno = saved;
	}
	saved = errno;
	unlinkat(dfd, tmp, 0);
	close(fd);
	close(dfd);
	errno = saved;
	return r;
}

/* Remove POSIX object name of type t; -1 with errno set. */
int
posix_unlink(enum ipc_type t, const char *name)
{
	char		 fname[NAME_MAX + 8];
	const char	*err;
	int		 dfd, r, saved;

	if (posix_name_check(t, name, &err) == -1) {
		errno = EINVAL;
		return -1;
	}
	if (t == T_PMQ)
		return mq_unlink(name);
	file_name(t, name, fname, sizeof(fname));
	if ((dfd = shm_dir()) == -1)
		return -1;
	r = unlinkat(dfd, fname, 0);
	saved = errno;
	close(dfd);
	errno = saved;
	return r;
}
