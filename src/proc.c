/* SPDX-License-Identifier: ISC */
/*
 * proc.c - per-process facts read on demand from /proc, each cached:
 * liveness with start time (so a reused PID is told apart), command
 * lines, user and group names (looked up once per id), the scan of
 * every process's maps for attached SysV segments, and the scan of maps
 * and open files for POSIX objects.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

#define CMDMAX		4096

/*
 * A process whose start time lies this far after a resource's last
 * recorded use cannot have made that use: resource times are whole
 * seconds, and the boot-time offset is exact only to clock adjustments.
 */
#define START_SLACK	2.0

static int	maps_devino(const char *, uint64_t *, uint64_t *);

#define SHMDEVS_MAX	4
struct shmdevs {		/* the devices SysV segments live on */
	uint64_t	 v[SHMDEVS_MAX];
	size_t		 n;
};

struct pinfo {
	pid_t	 pid;		/* 0: empty slot */
	int	 state;		/* 0 unread, 1 alive, 2 there but start
				   unknown, -1 gone or zombie */
	double	 read_at;	/* epoch seconds state was read */
	double	 start;		/* epoch seconds */
	char	*cmd;		/* NULL until read; "" if unreadable */
};

struct idname {
	unsigned long	 id;
	char		*name;	/* NULL: no such id */
	unsigned	 gen;	/* names_gen when it was looked up */
};

static struct pinfo	*ptab;
static size_t		 pcap, pcount;
static double		 boot_epoch = -1;
static long		 clk_tck;

/* The cache slot for pid, created empty if new. */
static struct pinfo *
pslot(pid_t pid)
{
	struct pinfo	*old;
	size_t		 oldcap, i, mask;

	if (pcount * 2 >= pcap) {
		old = ptab;
		oldcap = pcap;
		pcap = pcap ? pcap * 2 : 256;
		ptab = xcalloc(pcap, sizeof(*ptab));
		pcount = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i].pid != 0)
				*pslot(old[i].pid) = old[i];
		free(old);
	}
	mask = pcap - 1;
	for (i = ((unsigned)pid * 2654435761u) & mask; ptab[i].pid != 0;
	    i = (i + 1) & mask)
		if (ptab[i].pid == pid)
			return &ptab[i];
	ptab[i].pid = pid;
	pcount++;
	return &ptab[i];
}

/* When the system booted, in epoch seconds, to sub-second precision. */
static double
boot_time(void)
{
	struct timespec	rt, bt;

	if (boot_epoch < 0) {
		clock_gettime(CLOCK_REALTIME, &rt);
		clock_gettime(CLOCK_BOOTTIME, &bt);
		boot_epoch = (double)(rt.tv_sec - bt.tv_sec) +
		    (double)(rt.tv_nsec - bt.tv_nsec) / 1e9;
		clk_tck = sysconf(_SC_CLK_TCK);
		if (clk_tck <= 0)
			clk_tck = 100;
	}
	return boot_epoch;
}

/* The time now, in epoch seconds. */
static double
now_epoch(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Read /proc/PID/stat's state (field 3) and start time (field 22, in
 * clock ticks since boot): 0; -1 with errno set if it could not be read,
 * EINVAL if it could not be parsed.
 */
int
proc_stat_start(pid_t pid, char *state, unsigned long long *start)
{
	char		 path[64], buf[1024];
	const char	*p;
	ssize_t		 n;
	int		 field;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((n = read_proc_record(path, buf, sizeof(buf))) == -1)
		return -1;
	if (n == 0) {		/* gone while it was read */
		errno = ESRCH;
		return -1;
	}
	/* comm may hold anything, ')' too: the fields follow the last ')'. */
	if ((p = strrchr(buf, ')')) == NULL || p[1] != ' ')
		goto bad;
	p += 2;
	*state = *p;
	for (field = 3; field < 22 && *p != '\0'; p++)
		if (*p == ' ')
			field++;
	if (field != 22 || !isdigit((unsigned char)*p))
		goto bad;
	*start = strtoull(p, NULL, 10);
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

/* Read state and start time of pid into its slot. */
static void
read_stat(struct pinfo *pi)
{
	unsigned long long	 start;
	char			 state;

	pi->state = -1;
	if (proc_stat_start(pi->pid, &state, &start) == -1) {
		/*
		 * /proc may hide other users' processes (hidepid): if the
		 * kernel still knows the pid, the process is there but its
		 * start time is unknown, and so is whether it is the one
		 * that used the resource.  Unparsable: there, but unknown.
		 */
		if (errno == EINVAL || kill(pi->pid, 0) == 0 ||
		    errno == EPERM)
			pi->state = 2;
		return;
	}
	if (state == 'Z' || state == 'X')
		return;
	pi->start = boot_time() + (double)start / (double)clk_tck;
	pi->state = 1;
}

/*
 * Whether the process that used a resource at used_at (epoch seconds,
 * 0 if unknown) is still alive as pid: 1 if it is, 0 if it is gone (no
 * such process, a zombie, or a process that started after the use and
 * so only took the pid over), -1 if a process has the pid but its start
 * time cannot be read.  pid 0 is nobody: 0.
 */
int
proc_alive(pid_t pid, int64_t used_at)
{
	struct pinfo	*pi;

	if (pid <= 0)
		return 0;
	pi = pslot(pid);
	/*
	 * What was read before the use (or within its second) proves nothing
	 * about it: the pid may have been free then and taken by the user
	 * since.  What was read after it stands (the dead do not come back).
	 */
	if (pi->state == 0 || (used_at > 0 &&
	    pi->read_at < (double)used_at + 1)) {
		pi->read_at = now_epoch();
		/*
		 * Gone then, and no process has the pid now: still gone.  One
		 * kill(2) costs far less than a look-up of a missing /proc
		 * entry, which rm --stale would make for every resource.
		 */
		if (pi->state == -1 && kill(pid, 0) == -1 && errno == ESRCH)
			return 0;
		read_stat(pi);
	}
	if (pi->state == 2)
		return used_at > 0 ? -1 : 1;
	if (pi->state != 1)
		return 0;
	if (used_at > 0 && pi->start > (double)used_at + START_SLACK)
		return 0;
	return 1;
}

/*
 * Whether this process is in the initial PID namespace, where a pid the
 * kernel reports as 0 means "none" rather than "not visible from here".
 * Anything unreadable counts as "not the initial one".
 */
int
proc_init_pidns(void)
{
	static int	known = -1;
	struct stat	st;

	if (known == -1)
		known = stat("/proc/self/ns/pid", &st) == 0 &&
		    st.st_ino == PROC_PID_INIT_INO;
	return known;
}

/*
 * The command line of pid, arguments joined by spaces, or "[comm]" for a
 * process without one; NULL if it cannot be read.  Borrowed from the cache.
 */
const char *
proc_cmdline(pid_t pid)
{
	struct pinfo	*pi;
	char		 path[64], buf[CMDMAX];
	ssize_t		 n, i;

	if (pid <= 0)
		return NULL;
	pi = pslot(pid);
	if (pi->cmd == NULL) {
		snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
		n = read_small_file(path, buf, sizeof(buf));
		while (n > 0 && buf[n - 1] == '\0')
			n--;
		if (n > 0) {
			for (i = 0; i < n; i++)
				if (buf[i] == '\0')
					buf[i] = ' ';
			buf[n] = '\0';
			pi->cmd = xstrdup(buf);
		} else {
			snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
			buf[0] = '[';
			n = read_small_file(path, buf + 1, sizeof(buf) - 2);
			if (n > 0) {
				if (buf[n] == '\n')
					n--;
				buf[n + 1] = ']';
				buf[n + 2] = '\0';
				pi->cmd = xstrdup(buf);
			} else
				pi->cmd = xstrdup("");
		}
	}
	return pi->cmd[0] != '\0' ? pi->cmd : NULL;
}

/*
 * Up to len - 1 bytes of pid's command line as the kernel keeps it (NULs
 * between the arguments), NUL-terminated in buf, uncached: bytes read, 0
 * for none, -1 if it could not be read.  For showing it exactly as
 * another tool does (lsipc).
 */
ssize_t
proc_cmdline_raw(pid_t pid, char *buf, size_t len)
{
	char	path[64];

	buf[0] = '\0';
	if (pid <= 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	return read_small_file(path, buf, len);
}

/* A name cache: open addressing on the id; 0 stands for itself. */
struct names {
	struct idname	*v;		/* cap slots; name NULL and id 0 free */
	size_t		 cap;
	size_t		 n;
	int		 has0;		/* id 0 looked up */
	char		*name0;
	unsigned	 gen0;		/* names_gen when it was */
};

/* Bumped by names_forget(): older names are looked up again when asked. */
static unsigned	 names_gen;

/* The slot of id in c (c->cap > 0): its own, or the free one it would take. */
static struct idname *
names_slot(const struct names *c, unsigned long id)
{
	size_t	i, mask = c->cap - 1;

	for (i = (id * 2654435761u) & mask; c->v[i].id != 0 &&
	    c->v[i].id != id; i = (i + 1) & mask)
		;
	return &c->v[i];
}

/* Double c's slots (at most half are used, so probes stay short). */
static void
names_grow(struct names *c)
{
	struct idname	*old = c->v;
	size_t		 oldcap = c->cap, i;

	c->cap = c->cap ? c->cap * 2 : 64;
	c->v = xcalloc(c->cap, sizeof(*c->v));
	for (i = 0; i < oldcap; i++)
		if (old[i].id != 0)
			*names_slot(c, old[i].id) = old[i];
	free(old);
}

/*
 * Look an id up in a name cache, adding it through the system if new (or
 * looked up before the last names_forget()): each id costs one
 * getpwuid/getgrgid, each lookup one hash probe.
 */
static const char *
cached_name(struct names *c, unsigned long id, int user)
{
	struct passwd	*pw;
	struct group	*gr;
	struct idname	*slot = NULL;
	const char	*name;

	if (id == 0 && c->has0 && c->gen0 == names_gen)
		return c->name0;
	if (id != 0 && c->cap > 0 && (slot = names_slot(c, id))->id == id &&
	    slot->gen == names_gen)
		return slot->name;
	if (user)
		name = (pw = getpwuid((uid_t)id)) != NULL ? pw->pw_name : NULL;
	else
		name = (gr = getgrgid((gid_t)id)) != NULL ? gr->gr_name : NULL;
	if (id == 0) {
		free(c->name0);
		c->has0 = 1;
		c->gen0 = names_gen;
		c->name0 = name != NULL ? xstrdup(name) : NULL;
		return c->name0;
	}
	if (slot != NULL && slot->id == id) {
		/* Looked up before the last names_forget(): again. */
		free(slot->name);
	} else {
		if ((c->n + 1) * 2 > c->cap)
			names_grow(c);
		slot = names_slot(c, id);
		slot->id = id;
		c->n++;
	}
	slot->name = name != NULL ? xstrdup(name) : NULL;
	slot->gen = names_gen;
	return slot->name;
}

static struct names	users, groups;

/* Free a name cache. */
static void
names_free(struct names *c)
{
	size_t	i;

	for (i = 0; i < c->cap; i++)
		free(c->v[i].name);
	free(c->v);
	free(c->name0);
	memset(c, 0, sizeof(*c));
}

/*
 * The name of a uid, or NULL if it has none: looked up through the system
 * (NSS: /etc/passwd and the like) the first time, then from the cache.
 * For the collector's NEED_*NAME pass and for code that gathers; getters
 * call user_name_cached().
 */
const char *
user_name(uid_t uid)
{
	return cached_name(&users, uid, 1);
}

/* The name of a gid, or NULL if it has none; as user_name(). */
const char *
group_name(gid_t gid)
{
	return cached_name(&groups, gid, 0);
}

/* Only what a name cache holds for id: NULL if it has no name or is new. */
static const char *
cache_only(const struct names *c, unsigned long id)
{
	const struct idname	*slot;

	if (id == 0)
		return c->has0 ? c->name0 : NULL;
	if (c->cap > 0 && (slot = names_slot(c, id))->id == id)
		return slot->name;
	return NULL;
}

/*
 * The name of a uid as looked up before (user_name()), or NULL: never a
 * system call, so the getters may use it.  NULL for a uid never looked
 * up, as for one without a name: it is shown as its number.
 */
const char *
user_name_cached(uid_t uid)
{
	return cache_only(&users, uid);
}

/* The name of a gid as looked up before (group_name()), or NULL. */
const char *
group_name_cached(gid_t gid)
{
	return cache_only(&groups, gid);
}

/*
 * Names change: have user_name() and group_name() look each id up again
 * the next time they are asked for it.  Until then the cached accessors
 * keep giving the name of before, so that nothing looked up is ever
 * missing from them (top's rows of a tab not sampled, its tombstones).
 */
void
names_forget(void)
{
	names_gen++;
}

/*
 * The device of the kernel's internal shm mount, where every SysV segment
 * lives, or (uint64_t)-1 if it cannot be learnt.  A shared anonymous
 * mapping is backed on the same mount: map one page of our own and read
 * its device off our maps.
 */
static uint64_t
shm_mount_device(void)
{
	FILE		*fp;
	void		*p;
	char		 line[512], *ep;
	uint64_t	 d, ino, dev = (uint64_t)-1;
	unsigned long	 start;

	p = mmap(NULL, 1, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return dev;
	if ((fp = fopen("/proc/self/maps", "re")) != NULL) {
		while (fgets(line, sizeof(line), fp) != NULL) {
			start = strtoul(line, &ep, 16);
			if (*ep != '-' || start != (unsigned long)p)
				continue;
			if (maps_devino(line, &d, &ino) == 0)
				dev = d;
			break;
		}
		fclose(fp);
	}
	munmap(p, 1);
	return dev;
}

/*
 * The devices SysV segments live on: the internal shm mount, and for
 * SHM_HUGETLB segments the kernel's internal hugetlbfs mounts (one per
 * huge page size), learnt from huge-page memfds of our own, which the
 * kernel makes on the same mounts (no huge page is taken until one is
 * touched).  Nothing else can be made on these mounts under the name
 * /SYSV..., so a mapping there so named is a segment.
 */
static const struct shmdevs *
shm_devices(void)
{
	static const unsigned	sizes[] = { 0, 21, 30 };	/* default, 2M, 1G */
	static struct shmdevs	d;
	static int		known;
	struct stat		st;
	size_t			i, j;
	int			fd;

	if (known)
		return &d;
	known = 1;
	if ((d.v[0] = shm_mount_device()) != (uint64_t)-1)
		d.n = 1;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		fd = memfd_create("ipctool", MFD_CLOEXEC | MFD_HUGETLB |
		    (sizes[i] << MFD_HUGE_SHIFT));
		if (fd == -1)
			continue;
		if (fstat(fd, &st) == 0) {
			for (j = 0; j < d.n && d.v[j] != (uint64_t)st.st_dev; j++)
				;
			if (j == d.n && d.n < SHMDEVS_MAX)
				d.v[d.n++] = (uint64_t)st.st_dev;
		}
		close(fd);
	}
	return &d;
}

/*
 * Parse one maps line naming a SysV segment; 0 if it is one.  Only a
 * mapping on the kernel's shm device counts, whose inode is the shmid and
 * whose name is exactly "/SYSV" and the key in 8 hex digits: a file of
 * that name anyone can make elsewhere is not a segment.
 */
static int
maps_line(const char *line, pid_t pid, const struct shmdevs *shm,
    struct attach *a)
{
	unsigned long long	 start, end;
	uint64_t		 dev, ino;
	const char		*p;
	char			*ep;
	unsigned long		 key;
	int			 i;

	start = strtoull(line, &ep, 16);
	if (*ep != '-')
		return -1;
	end = strtoull(ep + 1, &ep, 16);
	if (maps_devino(line, &dev, &ino) == -1 || ino > INT32_MAX)
		return -1;
	for (i = 0; i < (int)shm->n && shm->v[i] != dev; i++)
		;
	if (i == (int)shm->n)
		return -1;
	/* perms, offset, device, inode, then the name. */
	p = ep;
	for (i = 0; i < 4; i++) {
		while (*p == ' ')
			p++;
		while (*p != ' ' && *p != '\0')
			p++;
	}
	while (*p == ' ')
		p++;
	if (strncmp(p, "/SYSV", 5) != 0)
		return -1;
	for (i = 0; i < 8; i++)
		if (!isxdigit((unsigned char)p[5 + i]))
			return -1;
	key = strtoul(p + 5, &ep, 16);
	if (ep != p + 13 || (*ep != '\0' && *ep != '\n' &&
	    strcmp(ep, " (deleted)\n") != 0 && strcmp(ep, " (deleted)") != 0))
		return -1;
	a->shmid = (int)ino;
	a->pid = pid;
	a->key = (uint32_t)key;
	a->start = start;
	a->end = end;
	return 0;
}

/*
 * The walk over the processes of /proc every scan shares: 0, or -1 with
 * errno if /proc cannot be opened.
 */
int
pidwalk_open(struct pidwalk *w)
{
	return (w->dir = opendir("/proc")) == NULL ? -1 : 0;
}

/*
 * The next process's pid; 0 at the end, -1 with errno if /proc could not
 * be read to the end (so that some processes were not seen).
 */
pid_t
pidwalk_next(struct pidwalk *w)
{
	struct dirent	*de;
	char		*ep;
	long		 pid;

	for (;;) {
		/* errno tells a failed readdir from the end of /proc. */
		errno = 0;
		if ((de = readdir(w->dir)) == NULL)
			return errno != 0 ? -1 : 0;
		pid = strtol(de->d_name, &ep, 10);
		if (*ep == '\0' && pid > 0 && pid <= INT32_MAX)
			return (pid_t)pid;
	}
}

/* End a walk, keeping errno. */
void
pidwalk_close(struct pidwalk *w)
{
	int	saved = errno;

	if (w->dir != NULL)
		closedir(w->dir);
	w->dir = NULL;
	errno = saved;
}

/* End a /proc walk whose readdir failed: -1, errno kept. */
static int
scan_failed(struct pidwalk *w, void *v)
{
	pidwalk_close(w);
	free(v);
	return -1;
}

/* Order mappings by segment, then process, then address. */
int
attach_cmp(const void *a, const void *b)
{
	const struct attach	*x = a, *y = b;

	if (x->shmid != y->shmid)
		return x->shmid < y->shmid ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/*
 * Whether mapping a is an attachment of the segment o: the same shmid,
 * and the key in its name the segment's (a segment removed while still
 * attached has key 0 in the kernel, but keeps its old name).
 */
int
attach_is_of(const struct attach *a, const struct ipc_obj *o)
{
	return a->shmid == o->id && (a->key == o->key || o->key == 0);
}

/*
 * Scan every visible process of our IPC namespace for the SysV segments
 * it maps; *out gets one entry per mapping (the caller frees it).
 */
int
proc_scan_sysv_maps(struct attach **out, size_t *nout)
{
	struct attach	 a, *v = NULL;
	struct pidwalk	 w;
	FILE		*fp;
	char		 path[64], line[4096];
	size_t		 n = 0, cap = 0, len;
	const struct shmdevs *shm = shm_devices();
	uint64_t	 ns, myns = proc_ipc_ns(0);
	pid_t		 pid;
	int		 ours, partial, was;

	if (pidwalk_open(&w) == -1)
		return -1;
	while ((pid = pidwalk_next(&w)) > 0) {
		snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
		if ((fp = fopen(path, "re")) == NULL)
			continue;
		ours = -1;
		partial = 0;
		while (fgets(line, sizeof(line), fp) != NULL) {
			/*
			 * The tail of a line longer than the buffer is not a
			 * line: a long file name must not pose as a mapping.
			 */
			len = strlen(line);
			was = partial;
			partial = len > 0 && line[len - 1] != '\n';
			if (was || maps_line(line, pid, shm, &a) == -1)
				continue;
			/* Another IPC namespace numbers its segments anew. */
			if (ours == -1) {
				ns = proc_ipc_ns(pid);
				ours = ns == 0 || myns == 0 || ns == myns;
			}
			if (!ours)
				break;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[n++] = a;
		}
		fclose(fp);
	}
	if (pid == -1)
		return scan_failed(&w, v);
	pidwalk_close(&w);
	*out = v;
	*nout = n;
	return 0;
}

/* The effective uid of pid, from its status; -1 if it cannot be read. */
int
proc_uid(pid_t pid, uid_t *uid)
{
	char		 path[64], buf[4096];
	const char	*p;
	char		*real, *end;
	unsigned long	 e;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_small_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	if ((p = strstr(buf, "\nUid:")) == NULL)
		return -1;
	/* "Uid:\tREAL\tEFFECTIVE\t...": the second number. */
	errno = 0;
	(void)strtoul(p + 5, &real, 10);
	e = strtoul(real, &end, 10);
	if (errno != 0 || real == p + 5 || end == real || e > UINT32_MAX)
		return -1;
	*uid = (uid_t)e;
	return 0;
}

/*
 * The inode of pid's IPC namespace (pid 0: this process's, now, not
 * cached: -A moves this process between namespaces), or 0 if it cannot be
 * read.
 */
uint64_t
proc_ipc_ns(pid_t pid)
{
	struct stat	st;
	char		path[64];

	if (pid == 0)
		snprintf(path, sizeof(path), "/proc/self/ns/ipc");
	else
		snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)pid);
	if (stat(path, &st) == -1)
		return 0;
	return (uint64_t)st.st_ino;
}

/* Whether dev is one of devs. */
static int
dev_in(uint64_t dev, const uint64_t *devs, size_t ndevs)
{
	size_t	i;

	for (i = 0; i < ndevs; i++)
		if (devs[i] == dev)
			return 1;
	return 0;
}

/* Append one use to a growing array. */
static void
use_add(struct fileuse **v, size_t *n, size_t *cap, uint64_t dev,
    uint64_t ino, pid_t pid)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[*n].dev = dev;
	(*v)[*n].ino = ino;
	(*v)[*n].pid = pid;
	(*n)++;
}

/*
 * The device and inode of one maps line ("start-end perms offset
 * MAJ:MIN inode path", the device numbers in hex); 0 if it has them (an
 * anonymous mapping has inode 0, and so has the SysV segment of id 0).
 */
static int
maps_devino(const char *line, uint64_t *dev, uint64_t *ino)
{
	unsigned long long	 maj, min, i;
	const char		*p = line;
	char			*ep;
	int			 f;

	for (f = 0; f < 3; f++) {
		while (*p != ' ' && *p != '\0')
			p++;
		while (*p == ' ')
			p++;
	}
	if (!isxdigit((unsigned char)*p))
		return -1;
	maj = strtoull(p, &ep, 16);
	if (*ep != ':' || !isxdigit((unsigned char)ep[1]))
		return -1;
	min = strtoull(ep + 1, &ep, 16);
	if (*ep != ' ' || !isdigit((unsigned char)ep[1]))
		return -1;
	i = strtoull(ep + 1, &ep, 10);
	if (maj > UINT32_MAX || min > UINT32_MAX)
		return -1;
	*dev = (uint64_t)makedev((unsigned)maj, (unsigned)min);
	*ino = i;
	return 0;
}

/* Add the mappings of pid that lie on one of devs; -1 if unreadable. */
static int
scan_maps(pid_t pid, const uint64_t *devs, size_t ndevs, struct fileuse **v,
    size_t *n, size_t *cap)
{
	FILE		*fp;
	char		 path[64], line[4096];
	uint64_t	 dev, ino;
	size_t		 len;
	int		 partial = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if ((fp = fopen(path, "re")) == NULL)
		return errno == ENOENT ? 0 : -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		/* The tail of a line longer than the buffer is skipped. */
		len = strlen(line);
		if (partial) {
			partial = len > 0 && line[len - 1] != '\n';
			continue;
		}
		partial = len > 0 && line[len - 1] != '\n';
		if (maps_devino(line, &dev, &ino) == 0 && ino != 0 &&
		    dev_in(dev, devs, ndevs))
			use_add(v, n, cap, dev, ino, pid);
	}
	fclose(fp);
	return 0;
}

/* Add the open files of pid that lie on one of devs; -1 if unreadable. */
static int
scan_fds(pid_t pid, const uint64_t *devs, size_t ndevs, struct fileuse **v,
    size_t *n, size_t *cap)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		 path[64];

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	if ((d = opendir(path)) == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((errno = 0, de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		/* stat follows the link to the open file, deleted or not. */
		if (fstatat(dirfd(d), de->d_name, &st, 0) == -1)
			continue;
		if (dev_in((uint64_t)st.st_dev, devs, ndevs))
			use_add(v, n, cap, (uint64_t)st.st_dev,
			    (uint64_t)st.st_ino, pid);
	}
	/* Some of its descriptors unread: as if none could be. */
	if (errno != 0) {
		closedir(d);
		return errno == ENOENT || errno == ESRCH ? 0 : -1;
	}
	closedir(d);
	return 0;
}

/*
 * Scan every visible process's maps and open files for files on one of
 * devs (st_dev values): *out gets one entry per mapping or descriptor (the
 * caller frees it), *nhidden the number of processes whose maps or
 * descriptors could not be read.
 */
int
proc_scan_files(const uint64_t *devs, size_t ndevs, struct fileuse **out,
    size_t *nout, size_t *nhidden)
{
	struct fileuse	*v = NULL;
	struct pidwalk	 w;
	size_t		 n = 0, cap = 0;
	pid_t		 pid, self = getpid();
	int		 bad;

	*nhidden = 0;
	if (pidwalk_open(&w) == -1)
		return -1;
	while ((pid = pidwalk_next(&w)) > 0) {
		if (pid == self)
			continue;
		bad = scan_maps(pid, devs, ndevs, &v, &n, &cap);
		bad |= scan_fds(pid, devs, ndevs, &v, &n, &cap);
		if (bad)
			(*nhidden)++;
	}
	if (pid == -1)
		return scan_failed(&w, v);
	pidwalk_close(&w);
	*out = v;
	*nout = n;
	return 0;
}

/*
 * Free the caches of processes (pids get reused).  The names are kept:
 * names_forget() has them looked up again.
 */
void
proc_cache_free(void)
{
	size_t	i;

	for (i = 0; i < pcap; i++)
		free(ptab[i].cmd);
	free(ptab);
	ptab = NULL;
	pcap = pcount = 0;
}

/* Free the name caches: the end of a program that looked names up. */
void
names_free_all(void)
{
	names_free(&users);
	names_free(&groups);
}
