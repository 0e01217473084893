/* SPDX-License-Identifier: ISC */
/*
 * cmd-metrics.c - "ipctool metrics": counts, bytes, limits and use in the
 * Prometheus text exposition format, for the node exporter's textfile
 * collector.
 *
 * options -> for each namespace (one, or every one with -A): collect each
 * type and the limits into a sample -> print family by family (all
 * samples of a family together, as the format wants).  Every family is a
 * gauge.  With -A the unlabelled series are the host's: totals over every
 * namespace, and the limits of the one we started in; a namespace adds
 * only its non-zero series and the limits where they differ, so that a
 * host with hundreds of containers stays a few series each.  -o FILE writes a new file made by mkstemp beside FILE, then
 * renames it over FILE, so the collector never reads half a file; a
 * failed measurement or write leaves FILE as it was.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

enum {
	M_SHM_SEGMENTS, M_SHM_BYTES, M_SHM_ATTACHED, M_SHM_RSS, M_SHM_SWAP,
	M_MSG_QUEUES, M_MSG_MESSAGES, M_MSG_BYTES, M_MSG_WAITERS,
	M_SEM_ARRAYS, M_SEM_SEMAPHORES, M_SEM_WAITERS,
	M_PSHM_OBJECTS, M_PSHM_BYTES,
	M_PMQ_QUEUES, M_PMQ_MESSAGES, M_PMQ_BYTES,
	M_PSEM_SEMAPHORES,
	M_COUNT
};

#define MBIT(m)		(1u << (m))

/* The families each type's listing fills. */
static const uint32_t typefams[T_NTYPES] = {
	[T_SHM] = MBIT(M_SHM_SEGMENTS) | MBIT(M_SHM_BYTES) |
	    MBIT(M_SHM_ATTACHED) | MBIT(M_SHM_RSS) | MBIT(M_SHM_SWAP),
	[T_MSG] = MBIT(M_MSG_QUEUES) | MBIT(M_MSG_MESSAGES) |
	    MBIT(M_MSG_BYTES),
	[T_SEM] = MBIT(M_SEM_ARRAYS) | MBIT(M_SEM_SEMAPHORES),
	[T_PSHM] = MBIT(M_PSHM_OBJECTS) | MBIT(M_PSHM_BYTES),
	[T_PMQ] = MBIT(M_PMQ_QUEUES) | MBIT(M_PMQ_MESSAGES) |
	    MBIT(M_PMQ_BYTES),
	[T_PSEM] = MBIT(M_PSEM_SEMAPHORES),
};

static const struct {
	const char	*name;
	const char	*help;
} families[M_COUNT] = {
	[M_SHM_SEGMENTS] = { "ipc_shm_segments",
	    "System V shared memory segments." },
	[M_SHM_BYTES] = { "ipc_shm_bytes",
	    "Size of all System V shared memory segments in bytes." },
	[M_SHM_ATTACHED] = { "ipc_shm_attached",
	    "Attachments to System V shared memory segments (sum of nattch)." },
	[M_SHM_RSS] = { "ipc_shm_resident_bytes",
	    "Resident memory of System V shared memory segments in bytes." },
	[M_SHM_SWAP] = { "ipc_shm_swapped_bytes",
	    "Swapped-out memory of System V shared memory segments in bytes." },
	[M_MSG_QUEUES] = { "ipc_msg_queues",
	    "System V message queues." },
	[M_MSG_MESSAGES] = { "ipc_msg_messages",
	    "Messages waiting in System V message queues." },
	[M_MSG_BYTES] = { "ipc_msg_bytes",
	    "Bytes of messages waiting in System V message queues." },
	[M_MSG_WAITERS] = { "ipc_msg_waiters",
	    "Processes blocked in msgsnd or msgrcv." },
	[M_SEM_ARRAYS] = { "ipc_sem_arrays",
	    "System V semaphore sets." },
	[M_SEM_SEMAPHORES] = { "ipc_sem_semaphores",
	    "Semaphores in all System V semaphore sets." },
	[M_SEM_WAITERS] = { "ipc_sem_waiters",
	    "Processes blocked in semop or semtimedop." },
	[M_PSHM_OBJECTS] = { "ipc_pshm_objects",
	    "POSIX shared memory objects." },
	[M_PSHM_BYTES] = { "ipc_pshm_bytes",
	    "Size of all POSIX shared memory objects in bytes." },
	[M_PMQ_QUEUES] = { "ipc_pmq_queues",
	    "POSIX message queues." },
	[M_PMQ_MESSAGES] = { "ipc_pmq_messages",
	    "Messages waiting in POSIX message queues." },
	[M_PMQ_BYTES] = { "ipc_pmq_bytes",
	    "Bytes of messages waiting in POSIX message queues (QSIZE)." },
	[M_PSEM_SEMAPHORES] = { "ipc_psem_semaphores",
	    "POSIX named semaphores." },
};

/*
 * What one namespace measured; has and has_stale say which are known,
 * unk which were tried and could not be (a host total is then unknown).
 */
struct sample {
	const struct ns_info	*ns;		/* NULL: the host's, unlabelled */
	uint64_t		 v[M_COUNT];
	uint32_t		 has;		/* bit per M_* */
	uint32_t		 unk;		/* bit per M_* */
	double			 fill;		/* fullest msg queue, 0..1 */
	int			 has_fill;	/* -1: unknown */
	uint64_t		 stale[T_NTYPES];
	unsigned		 has_stale;	/* TBIT per type */
	struct limit		 lim[LIMIT_COUNT];
};

struct mopts {
	int		 allns;
	int		 stale;
	const char	*file;
};

/* Add one collected set's counts to s. */
static void
sample_set(struct sample *s, const struct ipc_set *set)
{
	const struct ipc_obj	*o;
	size_t			 i;
	double			 f;
	int			 rss = 1, qsize = 1, qbytes = 1;

	/* Counted under the namespace that lists it: no sample. */
	if (set->elsewhere)
		return;
	if (set->unknown) {
		s->unk |= typefams[set->type];
		if (set->type == T_MSG)
			s->has_fill = -1;
		return;
	}
	for (i = 0; i < set->n; i++) {
		o = &set->v[i];
		switch (set->type) {
		case T_SHM:
			s->v[M_SHM_BYTES] += o->u.shm.size;
			s->v[M_SHM_ATTACHED] += o->u.shm.nattch;
			s->v[M_SHM_RSS] += o->u.shm.rss;
			s->v[M_SHM_SWAP] += o->u.shm.swap;
			rss &= (o->has & HAS_RSS) != 0;
			break;
		case T_MSG:
			s->v[M_MSG_MESSAGES] += o->u.msg.qnum;
			s->v[M_MSG_BYTES] += o->u.msg.cbytes;
			if (!(o->has & HAS_QBYTES)) {
				qbytes = 0;
				break;
			}
			/* A lowered qbytes may leave more than it allows. */
			f = o->u.msg.qbytes == 0 ? 1 :
			    (double)o->u.msg.cbytes / (double)o->u.msg.qbytes;
			if (f > 1)
				f = 1;
			if (f > s->fill)
				s->fill = f;
			break;
		case T_SEM:
			s->v[M_SEM_SEMAPHORES] += o->u.sem.nsems;
			break;
		case T_PSHM:
			s->v[M_PSHM_BYTES] += o->u.px.size;
			break;
		case T_PMQ:
			s->v[M_PMQ_MESSAGES] += o->u.px.msgs;
			s->v[M_PMQ_BYTES] += o->u.px.size;
			qsize &= (o->has & HAS_QSIZE) != 0;
			break;
		default:
			break;
		}
	}
	switch (set->type) {
	case T_SHM:
		s->v[M_SHM_SEGMENTS] = set->n;
		s->has |= MBIT(M_SHM_SEGMENTS) | MBIT(M_SHM_BYTES) |
		    MBIT(M_SHM_ATTACHED);
		/* Old kernels' /proc and the *ctl fallback have no rss. */
		if (rss && set->from_proc)
			s->has |= MBIT(M_SHM_RSS) | MBIT(M_SHM_SWAP);
		break;
	case T_MSG:
		s->v[M_MSG_QUEUES] = set->n;
		s->has |= MBIT(M_MSG_QUEUES) | MBIT(M_MSG_MESSAGES) |
		    MBIT(M_MSG_BYTES);
		if (!qbytes)
			s->has_fill = -1;
		else if (s->has_fill == 0)
			s->has_fill = 1;
		break;
	case T_SEM:
		s->v[M_SEM_ARRAYS] = set->n;
		s->has |= MBIT(M_SEM_ARRAYS) | MBIT(M_SEM_SEMAPHORES);
		break;
	case T_PSHM:
		s->v[M_PSHM_OBJECTS] = set->n;
		s->has |= MBIT(M_PSHM_OBJECTS) | MBIT(M_PSHM_BYTES);
		break;
	case T_PMQ:
		s->v[M_PMQ_QUEUES] = set->n;
		s->has |= MBIT(M_PMQ_QUEUES);
		for (i = 0; i < set->n && (set->v[i].has & HAS_MSGS); i++)
			;
		if (i == set->n)
			s->has |= MBIT(M_PMQ_MESSAGES);
		if (qsize)
			s->has |= MBIT(M_PMQ_BYTES);
		break;
	case T_PSEM:
		s->v[M_PSEM_SEMAPHORES] = set->n;
		s->has |= MBIT(M_PSEM_SEMAPHORES);
		break;
	default:
		break;
	}
	/* What this listing should have given and did not is unknown. */
	s->unk |= typefams[set->type] & ~s->has;
}

/*
 * Measure the current namespace into s; 0, or 1 if a type that should be
 * readable could not be read (POSIX types not built yet are left out).
 */
static int
sample_collect(struct sample *s, const struct mopts *mo, int64_t now)
{
	struct ipc_set	 set;
	struct filter	 stale;
	unsigned	 needs = 0;
	size_t		 i;
	int		 t, rval = 0;

	filter_init(&stale);
	stale.stale = 1;
	/*
	 * ipc_shm_resident_bytes and ipc_shm_swapped_bytes; qbytes (an
	 * IPC_STAT per queue) for ipc_msg_queue_fill_ratio_max.
	 */
	needs = NEED_RSS | NEED_QBYTES;
	if (mo->stale)
		needs |= filter_needs(&stale);
	for (t = 0; t < T_NTYPES; t++) {
		if (pipeline_collect(t, needs, NULL, now, &set) == -1) {
			if (!(TBIT(t) & TYPES_SYSV) && errno != ENOSYS) {
				warn_("metrics: %s", type_name(t));
				rval = 1;
			} else if (TBIT(t) & TYPES_SYSV)
				rval = 1;
			set_free(&set);
			continue;
		}
		sample_set(s, &set);
		if (mo->stale) {
			for (i = 0; i < set.n; i++)
				s->stale[t] += filter_match(&stale, t,
				    &set.v[i], now) != 0;
			s->has_stale |= TBIT(t);
		}
		set_free(&set);
	}
	/* The blocked-process scan: a sample only if every process read. */
	if (waiters_count(&s->v[M_MSG_WAITERS], &s->v[M_SEM_WAITERS]) == 0)
		s->has |= MBIT(M_MSG_WAITERS) | MBIT(M_SEM_WAITERS);
	else
		s->unk |= MBIT(M_MSG_WAITERS) | MBIT(M_SEM_WAITERS);
	if (limits_read(s->lim) == -1)
		rval = 1;
	return rval;
}

/* Add namespace s into the host's totals h. */
static void
sample_add(struct sample *h, const struct sample *s)
{
	int	m, t;

	for (m = 0; m < M_COUNT; m++)
		h->v[m] += s->v[m];
	h->has |= s->has;
	h->unk |= s->unk;
	if (s->has_fill == -1 || h->has_fill == -1)
		h->has_fill = -1;
	else if (s->has_fill == 1) {
		h->has_fill = 1;
		if (s->fill > h->fill)
			h->fill = s->fill;
	}
	for (t = 0; t < T_NTYPES; t++)
		h->stale[t] += s->stale[t];
	h->has_stale |= s->has_stale;
}

/* Whether a sample counts any resource. */
static int
sample_any(const struct sample *s)
{
	static const int	counts[] = { M_SHM_SEGMENTS, M_MSG_QUEUES,
	    M_SEM_ARRAYS, M_PSHM_OBJECTS, M_PMQ_QUEUES, M_PSEM_SEMAPHORES };
	size_t			i;

	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		if (s->v[counts[i]] > 0)
			return 1;
	return 0;
}

/*
 * Write a label value: escaped as ipctool escapes untrusted text (so no
 * control byte or invalid UTF-8 is left), then as the format wants
 * (backslash, double quote, newline).
 */
static void
label_value(FILE *fp, const char *v)
{
	char		 buf[16384];
	const char	*p;

	fmt_escape(v, 0, buf, sizeof(buf));
	putc('"', fp);
	for (p = buf; *p != '\0'; p++) {
		if (*p == '\\' || *p == '"')
			putc('\\', fp);
		if (*p == '\n')
			fputs("\\n", fp);
		else
			putc(*p, fp);
	}
	putc('"', fp);
}

/* Write name{ns="..",extra="value"}, without braces when unlabelled. */
static void
series(FILE *fp, const char *name, const struct sample *s,
    const char *extra, const char *value)
{
	fputs(name, fp);
	if (s->ns == NULL && extra == NULL)
		return;
	putc('{', fp);
	if (s->ns != NULL)
		fprintf(fp, "ns=\"%llu\"%s", (unsigned long long)s->ns->ino,
		    extra != NULL ? "," : "");
	if (extra != NULL) {
		fprintf(fp, "%s=", extra);
		label_value(fp, value);
	}
	putc('}', fp);
}

static void
family(FILE *fp, const char *name, const char *help)
{
	fprintf(fp, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

/* Print the namespaces' identities as an info family. */
static void
print_info(FILE *fp, const struct sample *s, size_t n)
{
	size_t	i;

	family(fp, "ipc_namespace_info", "An IPC namespace and the lowest "
	    "pid living in it, with its command and cgroup.");
	for (i = 0; i < n; i++) {
		fprintf(fp, "ipc_namespace_info{ns=\"%llu\",pid=\"%d\","
		    "command=", (unsigned long long)s[i].ns->ino,
		    (int)s[i].ns->pid);
		label_value(fp, s[i].ns->command != NULL ?
		    s[i].ns->command : "");
		fputs(",cgroup=", fp);
		label_value(fp, s[i].ns->cgroup != NULL ?
		    s[i].ns->cgroup : "");
		fputs("} 1\n", fp);
	}
}

/* Whether namespace s's limit k differs from the host's h. */
static int
limit_differs(const struct sample *h, const struct sample *s, size_t k)
{
	return h->lim[k].has_limit != s->lim[k].has_limit ||
	    h->lim[k].limit != s->lim[k].limit;
}

/*
 * Print every family that has a sample: h's unlabelled (the host's
 * totals with -A), then with -A each namespace's non-zero ones.
 */
static void
print_samples(FILE *fp, const struct sample *h, const struct sample *s,
    size_t n, int allns)
{
	uint32_t	known = h->has & ~h->unk;
	size_t		i, k;
	int		m, t;

	if (allns && n > 0)
		print_info(fp, s, n);
	for (m = 0; m < M_COUNT; m++) {
		if (!(known & MBIT(m)))
			continue;
		family(fp, families[m].name, families[m].help);
		series(fp, families[m].name, h, NULL, NULL);
		fprintf(fp, " %llu\n", (unsigned long long)h->v[m]);
		for (i = 0; allns && i < n; i++) {
			if (!(s[i].has & MBIT(m)) || s[i].v[m] == 0)
				continue;
			series(fp, families[m].name, &s[i], NULL, NULL);
			fprintf(fp, " %llu\n", (unsigned long long)s[i].v[m]);
		}
	}
	if (h->has_fill == 1) {
		family(fp, "ipc_msg_queue_fill_ratio_max", "Fill of the "
		    "fullest System V message queue (cbytes / qbytes), 0 to 1.");
		series(fp, "ipc_msg_queue_fill_ratio_max", h, NULL, NULL);
		fprintf(fp, " %.6g\n", h->fill);
		for (i = 0; allns && i < n; i++) {
			if (s[i].has_fill != 1 || s[i].fill == 0)
				continue;
			series(fp, "ipc_msg_queue_fill_ratio_max", &s[i],
			    NULL, NULL);
			fprintf(fp, " %.6g\n", s[i].fill);
		}
	}
	family(fp, "ipc_limit", "Kernel IPC limit, by sysctl name "
	    "(mq_ for fs/mqueue); units as the sysctl has them.");
	for (k = 0; k < LIMIT_COUNT; k++)
		if (h->lim[k].has_limit) {
			series(fp, "ipc_limit", h, "resource", h->lim[k].name);
			fprintf(fp, " %llu\n",
			    (unsigned long long)h->lim[k].limit);
		}
	for (i = 0; allns && i < n; i++)
		for (k = 0; k < LIMIT_COUNT; k++)
			if (s[i].lim[k].has_limit && limit_differs(h, &s[i], k)) {
				series(fp, "ipc_limit", &s[i], "resource",
				    s[i].lim[k].name);
				fprintf(fp, " %llu\n",
				    (unsigned long long)s[i].lim[k].limit);
			}
	/* Limits bind per namespace: with -A, use is per namespace only. */
	for (m = !allns, i = 0; i < n && !m; i++)
		for (k = 0; k < LIMIT_COUNT; k++)
			m |= s[i].lim[k].has_used && s[i].lim[k].used > 0;
	if (m)
		family(fp, "ipc_used", "Current use of a kernel IPC limit, "
		    "where it can be counted.");
	for (k = 0; !allns && k < LIMIT_COUNT; k++)
		if (h->lim[k].has_used) {
			series(fp, "ipc_used", h, "resource", h->lim[k].name);
			fprintf(fp, " %llu\n",
			    (unsigned long long)h->lim[k].used);
		}
	for (i = 0; allns && i < n; i++)
		for (k = 0; k < LIMIT_COUNT; k++)
			if (s[i].lim[k].has_used && s[i].lim[k].used > 0) {
				series(fp, "ipc_used", &s[i], "resource",
				    s[i].lim[k].name);
				fprintf(fp, " %llu\n",
				    (unsigned long long)s[i].lim[k].used);
			}
	if (h->has_stale == 0)
		return;
	family(fp, "ipc_stale_resources", "Resources no live process can "
	    "still be using (as list --stale finds them).");
	for (t = 0; t < T_NTYPES; t++)
		if (h->has_stale & TBIT(t)) {
			series(fp, "ipc_stale_resources", h, "type",
			    type_name(t));
			fprintf(fp, " %llu\n", (unsigned long long)h->stale[t]);
		}
	for (i = 0; allns && i < n; i++)
		for (t = 0; t < T_NTYPES; t++)
			if ((s[i].has_stale & TBIT(t)) && s[i].stale[t] > 0) {
				series(fp, "ipc_stale_resources", &s[i], "type",
				    type_name(t));
				fprintf(fp, " %llu\n",
				    (unsigned long long)s[i].stale[t]);
			}
}

/*
 * Measure this namespace, or with -A every one with resources and the
 * one we started in; *host gets the totals and our limits.
 */
static int
measure(const struct mopts *mo, struct ns_survey *sv, struct sample *host,
    struct sample **out, size_t *nout)
{
	struct sample	*s;
	int64_t		 now = (int64_t)time(NULL);
	size_t		 i, n = 0;
	int		 rval = 0, r;

	if (!mo->allns) {
		s = xcalloc(1, sizeof(*s));
		rval = sample_collect(s, mo, now);
		*host = *s;
		*out = s;
		*nout = 1;
		return rval;
	}
	memset(host, 0, sizeof(*host));
	s = xcalloc(sv->n > 0 ? sv->n : 1, sizeof(*s));
	for (i = 0; i < sv->n; i++) {
		if (ns_switch(sv, i) == -1)
			continue;	/* gone since the survey */
		memset(&s[n], 0, sizeof(s[n]));
		s[n].ns = &sv->v[i];
		r = sample_collect(&s[n], mo, now);
		if (r != 0)
			rval = r;
		/* Every namespace counts, listed or not. */
		sample_add(host, &s[n]);
		if (sv->v[i].self)
			memcpy(host->lim, s[n].lim, sizeof(host->lim));
		/*
		 * Ours always: its series (and limits) must not vanish
		 * when its last resource goes.
		 */
		if (sample_any(&s[n]) || sv->v[i].self)
			n++;
	}
	ns_restore(sv);
	*out = s;
	*nout = n;
	return rval;
}

/*
 * Whether path may be replaced: absent, or a regular file.  A symbolic
 * link is refused too: the rename would replace the link, not what it
 * names, and a device node or FIFO must never become a regular file.
 */
static int
target_ok(const char *path)
{
	struct stat	st;

	if (lstat(path, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		warn_("metrics: %s", path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		warnx_("metrics: %s: exists and is not a regular file",
		    path);
		return -1;
	}
	return 0;
}

/*
 * The directory of path ("." for a bare name) and a mkstemp template
 * beside path, ".NAME.XXXXXX": hidden, and not ending in .prom, so the
 * textfile collector never reads it.  Both are the caller's.
 */
static void
temp_names(const char *path, char **dir, char **tmpl)
{
	const char	*slash, *base;
	size_t		 dlen, len;

	if ((slash = strrchr(path, '/')) != NULL) {
		dlen = (size_t)(slash - path);
		base = slash + 1;
	} else {
		dlen = 0;
		base = path;
	}
	if (slash == NULL)
		*dir = xstrdup(".");
	else if (dlen == 0)
		*dir = xstrdup("/");
	else {
		*dir = xcalloc(1, dlen + 1);
		memcpy(*dir, path, dlen);
	}
	len = dlen + strlen(base) + 10;
	*tmpl = xcalloc(1, len);
	snprintf(*tmpl, len, "%.*s%s.%s.XXXXXX", (int)dlen, path,
	    slash != NULL ? "/" : "", base);
}

/* Make the rename itself durable; a directory that refuses fsync is fine. */
static void
sync_dir(const char *dir)
{
	int	fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	(void)fsync(fd);
	close(fd);
}

/*
 * Write the exposition to path: into a new file made by mkstemp in path's
 * directory (O_EXCL: never a planted FIFO, link or file), checked, synced,
 * made 0644 and renamed over path.  0, or 1 with path left as it was.
 */
static int
write_file(const char *path, const struct sample *h, const struct sample *s,
    size_t n, int allns)
{
	char	*dir, *tmp;
	FILE	*fp = NULL;
	int	 fd, r = 1;

	if (target_ok(path) == -1)
		return 1;
	temp_names(path, &dir, &tmp);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		warn_("metrics: %s", dir);
		goto out;
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		warn_("metrics: %s", tmp);
		close(fd);
		goto fail;
	}
	print_samples(fp, h, s, n, allns);
	if (fflush(fp) == EOF || ferror(fp)) {
		if (errno == 0)
			errno = EIO;
		warn_("metrics: %s", tmp);
		goto fail;
	}
	if (fsync(fd) == -1 || fchmod(fd, 0644) == -1) {
		warn_("metrics: %s", tmp);
		goto fail;
	}
	if (fclose(fp) == EOF) {
		fp = NULL;
		warn_("metrics: %s", tmp);
		goto fail;
	}
	fp = NULL;
	/* Checked again: the target may have changed while we measured. */
	if (target_ok(path) == -1)
		goto fail;
	if (rename(tmp, path) == -1) {
		warn_("metrics: %s", path);
		goto fail;
	}
	sync_dir(dir);
	r = 0;
	goto out;
fail:
	if (fp != NULL)
		fclose(fp);
	unlink(tmp);
out:
	free(dir);
	free(tmp);
	return r;
}

static int
cmd_metrics_exec(const struct cmd_entry *self, struct args *args)
{
	struct mopts		 mo;
	struct ns_survey	 sv;
	struct sample		*s, h;
	size_t			 n, i;
	int			 rval;

	memset(&mo, 0, sizeof(mo));
	for (i = 0; i < args->n; i++) {
		switch (args->v[i].id) {
		case OPT_ALL_NAMESPACES:
			mo.allns = 1;
			break;
		case OPT_OUTPUT_FILE:
			if (*args->v[i].value == '\0')
				usage_error(self, "empty output file name");
			mo.file = args->v[i].value;
			break;
		case OPT_STALE:
			mo.stale = 1;
			break;
		default:
			break;
		}
	}
	if (args->noperands > 0)
		usage_error(self, "unexpected argument '%s'",
		    args->operands[0]);
	if (ns_enter_arg() == -1)
		return 1;
	if (mo.allns && ns_survey(&sv) == -1) {
		warn_("metrics: %s", sv.errpath);
		return 1;
	}
	/*
	 * A type that could not be read would make smaller numbers, and
	 * a smaller answer must never replace the last true one.
	 */
	rval = measure(&mo, &sv, &h, &s, &n);
	if (rval != 0)
		warnx_("metrics: nothing written: a measurement failed");
	else if (mo.file != NULL)
		rval = write_file(mo.file, &h, s, n, mo.allns);
	else
		print_samples(stdout, &h, s, n, mo.allns);
	free(s);
	if (mo.allns) {
		ns_survey_report(&sv, "metrics");
		ns_survey_free(&sv);
	}
	stale_report("metrics");
	return rval;
}

static const struct cmd_option metrics_table[] = {
	{ 'A', "all-namespaces", ARG_NONE, OPT_ALL_NAMESPACES, NULL,
	    "host totals, then each IPC namespace's\n"
	    "non-zero series with an ns label" },
	{ 0, "stale", ARG_NONE, OPT_STALE, NULL,
	    "add ipc_stale_resources (costly: reads\n"
	    "every process's maps and fds in /proc)" },
	{ 'o', "output", ARG_REQUIRED, OPT_OUTPUT_FILE, "FILE",
	    "write FILE atomically (a new file, renamed)" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec metrics_sections[] = {
	{ "Options", metrics_table },
	{ NULL, help_options },
	{ NULL, NULL }
};

const struct cmd_entry cmd_metrics_entry = {
	.name = "metrics",
	.summary = "print counts, sizes and limits for Prometheus",
	.usage = "metrics [-A] [--stale] [-o FILE]",
	.help =
	    "\n"
	    "Print IPC counts, sizes, limits and use in the Prometheus text\n"
	    "format, for the node exporter's textfile collector.\n",
	.options = metrics_sections,
	.exec = cmd_metrics_exec,
};
