/*
 * collect.c - fill an ipc_set: pick the source (/proc/sysvipc, or the
 * *ctl interface where it is missing), then run only the costly passes
 * the request needs (queue capacity, semaphore pids, attachments).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipctool.h"

#define PIDBLOCK	4096

struct pidblock {
	struct pidblock	*next;
	size_t		 used;
	size_t		 cap;
	pid_t		 v[];
};

/* Make set an empty set of type t. */
void
set_init(struct ipc_set *set, enum ipc_type t)
{
	memset(set, 0, sizeof(*set));
	set->type = t;
}

/* A new zeroed object at the end of set. */
struct ipc_obj *
set_add(struct ipc_set *set)
{
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 256;
		set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	memset(&set->v[set->n], 0, sizeof(set->v[0]));
	return &set->v[set->n++];
}

/* Room for n objects in set, so that filling it copies nothing. */
void
set_reserve(struct ipc_set *set, size_t n)
{
	if (n <= set->cap)
		return;
	set->cap = n;
	set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
}

/* Room for n pids owned by set, valid until set_free(). */
pid_t *
set_pids(struct ipc_set *set, size_t n)
{
	struct pidblock	*b = set->pool;
	size_t		 cap;

	if (b == NULL || b->cap - b->used < n) {
		cap = n > PIDBLOCK ? n : PIDBLOCK;
		b = xcalloc(1, sizeof(*b) + cap * sizeof(pid_t));
		b->cap = cap;
		b->next = set->pool;
		set->pool = b;
	}
	b->used += n;
	return b->v + b->used - n;
}

/* Free everything set owns. */
void
set_free(struct ipc_set *set)
{
	struct pidblock	*b, *next;
	size_t		 i;

	for (i = 0; i < set->n; i++)
		free(set->v[i].name);
	free(set->v);
	for (b = set->pool; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	set_init(set, set->type);
}

/*
 * Read /proc/sysvipc/<type> into set: 0; -1 if the file is absent or its
 * header unusable (the *ctl interface can answer); -2, said, if it could
 * not be read, which is a failure and never a shorter list.
 */
static int
read_proc(enum ipc_type t, struct ipc_set *set)
{
	struct sysv_parser	*p;
	char			 path[64], buf[65536];
	ssize_t			 n;
	int			 fd, r;

	snprintf(path, sizeof(path), SYSVIPC_DIR "/%s", type_name(t));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT || errno == ENOTDIR)
			return -1;
		warn_("%s", path);
		return -2;
	}
	p = sysv_parser_new(t, set);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		sysv_parser_feed(p, buf, (size_t)n);
	}
	if (n == -1) {
		warn_("%s", path);
		close(fd);
		/* Not even the cut last line: the whole read failed. */
		sysv_parser_abort(p);
		set_free(set);
		return -2;
	}
	close(fd);
	r = sysv_parser_finish(p);
	if (r == -1) {
		warnx_("%s: unexpected header, using the kernel interface",
		    path);
		set_free(set);
		return -1;
	}
	if (r > 0)
		warnx_("%s: %d malformed line%s skipped", path, r,
		    r == 1 ? "" : "s");
	set->from_proc = 1;
	return 0;
}

/*
 * Which source the base listing comes from: "ctl" or "proc" in
 * IPCTOOL_SYSV_SOURCE makes the tests compare the two; otherwise 0, the
 * cheapest that has what is needed.
 */
static int
forced_source(void)
{
	static int	 source = -1;
	const char	*e;

	if (source == -1) {
		e = getenv("IPCTOOL_SYSV_SOURCE");
		source = e == NULL ? 0 : strcmp(e, "proc") == 0 ? 'p' :
		    strcmp(e, "ctl") == 0 ? 'c' : 0;
	}
	return source;
}

/*
 * The base listing of a SysV type: by kernel index with *_STAT_ANY,
 * which costs a third of the kernel's /proc/sysvipc text, unless shm RSS
 * or SWAP is needed (/proc alone has them) or the kernel lacks it; then
 * /proc/sysvipc, and where that is missing the *ctl interface again.
 */
int
collect_sysv_base(enum ipc_type t, unsigned needs, struct ipc_set *set)
{
	int	source = forced_source();

	if (source == 'c' || (source == 0 &&
	    !(t == T_SHM && (needs & NEED_RSS)))) {
		switch (sysvctl_enumerate_any(t, set)) {
		case 0:
			return 0;
		case -2:
			warn_("%s", type_name(t));
			return -1;
		default:
			break;
		}
	}
	switch (read_proc(t, set)) {
	case 0:
		return 0;
	case -2:
		return -1;
	default:
		break;
	}
	if (sysvctl_enumerate(t, set) == -1) {
		warn_("%s", type_name(t));
		return -1;
	}
	return 0;
}

static int
cmp_attach(const void *a, const void *b)
{
	const struct attach	*x = a, *y = b;

	if (x->shmid != y->shmid)
		return x->shmid < y->shmid ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/*
 * Give each segment the distinct pids that map it; -1, said, if /proc
 * could not be walked (no segment is then called unattached).
 */
static int
enrich_attached(struct ipc_set *set)
{
	struct attach	*a;
	size_t		 na, i, lo, hi, mid, k, n;
	pid_t		*pids, prev;

	if (proc_scan_sysv_maps(&a, &na) == -1) {
		warn_("/proc");
		return -1;
	}
	sort_array(a, na, sizeof(*a), cmp_attach);
	for (i = 0; i < set->n; i++) {
		lo = 0;
		hi = na;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (a[mid].shmid < set->v[i].id)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (n = 0, prev = 0, k = lo; k < na &&
		    a[k].shmid == set->v[i].id; k++)
			if (attach_is_of(&a[k], &set->v[i]) && a[k].pid != prev) {
				prev = a[k].pid;
				n++;
			}
		pids = NULL;
		if (n > 0) {
			pids = set_pids(set, n);
			for (n = 0, prev = 0, k = lo; k < na &&
			    a[k].shmid == set->v[i].id; k++)
				if (attach_is_of(&a[k], &set->v[i]) &&
				    a[k].pid != prev)
					pids[n++] = prev = a[k].pid;
		}
		set->v[i].pids = pids;
		set->v[i].npids = (uint32_t)n;
		set->v[i].has |= HAS_ATTACHED;
	}
	free(a);
	return 0;
}

/*
 * Run the costly passes that needs asks for, where they apply; -1, said,
 * if a walk of /proc failed.
 */
int
collect_enrich(struct ipc_set *set, unsigned needs)
{
	size_t	i;
	int	rval = 0;

	if (set->type == T_MSG && (needs & NEED_QBYTES))
		for (i = 0; i < set->n; i++)
			sysvctl_qbytes(&set->v[i]);
	if (set->type == T_SEM && (needs & NEED_SEMPIDS))
		for (i = 0; i < set->n; i++)
			sysvctl_sempids(set, &set->v[i]);
	if (set->type == T_SHM && (needs & NEED_ATTACHED))
		rval = enrich_attached(set);
	if ((TBIT(set->type) & TYPES_POSIX) &&
	    (needs & (NEED_ATTACHED | NEED_ALIVE)))
		posix_enrich_holders(set);
	return rval;
}

/* Collect every object of type t, with what needs asks for. */
int
collect(enum ipc_type t, unsigned needs, struct ipc_set *set)
{
	set_init(set, t);
	if (TBIT(t) & TYPES_SYSV) {
		if (collect_sysv_base(t, needs, set) == -1)
			return -1;
	} else if (posix_collect(t, set) == -1)
		return -1;
	if (collect_enrich(set, needs) == -1) {
		set_free(set);
		return -1;
	}
	return 0;
}
