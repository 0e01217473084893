/* SPDX-License-Identifier: ISC */
/*
 * pers-ipcs.c - the ipcs personality: util-linux 2.38's ipcs options and
 * output, byte for byte, from ipctool's own collectors.  Beyond ipcs,
 * --stale and --user NAME filter the listings.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

enum ipcs_format {
	F_DEFAULT, F_LIMITS, F_STATUS, F_CREATOR, F_TIME, F_PID
};

enum ipcs_unit {
	U_DEFAULT, U_BYTES, U_KB, U_HUMAN
};

enum {
	OPT_IPCS_HUMAN = 256, OPT_IPCS_STALE, OPT_IPCS_USER
};

struct ipcs {
	const char	*name;
	int		 format;
	int		 unit;
	struct filter	 filt;
	int64_t		 now;
};

/*
 * util-linux 2.38's options, in its order (an ambiguous abbreviation
 * lists them so); the letter is what the loop in ipcs_main() reads.
 */
static const struct cmd_option ipcs_options[] = {
	{ 'i', "id", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'q', "queues", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'm', "shmems", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 's', "semaphores", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'a', "all", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 't', "time", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'p', "pid", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'c', "creator", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'l', "limits", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'u', "summary", ARG_NONE, OPT_PERS, NULL, NULL },
	{ OPT_IPCS_HUMAN, "human", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'b', "bytes", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'V', "version", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'h', "help", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

/* ipctool's filters, which ipcs lacks: taken only written out whole. */
static const struct cmd_option ipcs_own_options[] = {
	{ OPT_IPCS_STALE, "stale", ARG_NONE, OPT_PERS, NULL, NULL },
	{ OPT_IPCS_USER, "user", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec ipcs_secs[] = {
	{ NULL, ipcs_options },
	{ NULL, ipcs_own_options },
	{ NULL, NULL }
};

static int
ipcs_usage(const char *name)
{
	printf("\nUsage:\n"
	    " %s [resource-option...] [output-option]\n"
	    " %s -m|-q|-s -i <id>\n"
	    "\nShow information on IPC facilities.\n"
	    "\nOptions:\n"
	    " -i, --id <id>  print details on resource identified by <id>\n"
	    " -h, --help     display this help\n"
	    " -V, --version  display version\n"
	    "\nResource options:\n"
	    " -m, --shmems      shared memory segments\n"
	    " -q, --queues      message queues\n"
	    " -s, --semaphores  semaphores\n"
	    " -a, --all         all (default)\n"
	    "\nOutput options:\n"
	    " -t, --time        show attach, detach and change times\n"
	    " -p, --pid         show PIDs of creator and last operator\n"
	    " -c, --creator     show creator and owner\n"
	    " -l, --limits      show resource limits\n"
	    " -u, --summary     show status summary\n"
	    "     --human       show sizes in human-readable format\n"
	    " -b, --bytes       show sizes in bytes\n"
	    "\nFor more details see ipcs(1).\n", name, name);
	return pers_stdout(name, 0);
}

/* ctime(3)'s 24 characters for t, without the newline. */
static const char *
ipcs_ctime(int64_t t, char *buf)
{
	time_t	tt = (time_t)t;

	if (ctime_r(&tt, buf) == NULL)
		strlcpy(buf, "?", 26);
	buf[24] = '\0';
	return buf;
}

/* The short form of -t: "Mon DD HH:MM:SS " (16 columns) or "Not set". */
static const char *
ipcs_stime(int64_t t, char *buf)
{
	if (t == 0)
		return "Not set";
	ipcs_ctime(t, buf);
	buf[20] = '\0';
	return buf + 4;
}

/* The long form: ctime's 24 characters, or "Not set". */
static const char *
ipcs_ltime(int64_t t, char *buf)
{
	if (t == 0)
		return "Not set";
	return ipcs_ctime(t, buf);
}

/*
 * A size as util-linux's ipc_print_size writes it: an optional label
 * ("NAME (bytes) = ", or as given when it ends in '='), the value in
 * unit, padded to width (negative: left-aligned), then end.
 */
static void
ipcs_size(int unit, const char *label, uint64_t v, const char *end,
    int width)
{
	char	buf[32];
	size_t	n;

	if (label != NULL) {
		n = strlen(label);
		if (n > 0 && label[n - 1] == '=')
			fputs(label, stdout);
		else if (unit == U_BYTES)
			printf("%s (bytes) = ", label);
		else if (unit == U_KB)
			printf("%s (kbytes) = ", label);
		else
			printf("%s = ", label);
	}
	switch (unit) {
	case U_HUMAN:
		fmt_size(v, buf, sizeof(buf));
		printf("%*s", width, buf);
		break;
	case U_KB:
		printf("%*llu", width, (unsigned long long)(v / 1024));
		break;
	default:
		printf("%*llu", width, (unsigned long long)v);
		break;
	}
	if (end != NULL)
		fputs(end, stdout);
}

/*
 * "ID NAME" as the owner columns show it: a name cut to 10, or the uid.
 * Names are the collector's (NEED_UNAME): printing asks the system nothing.
 */
static void
ipcs_owner(int width, int id, uid_t uid)
{
	const char	*u;

	printf("%-*d", width, id);
	if ((u = user_name_cached(uid)) != NULL)
		printf(" %-10.10s", u);
	else
		printf(" %-10u", (unsigned)uid);
}

/*
 * One line of -c: id, perms, creator and owner names (the collector's,
 * NEED_NAMES) or numbers.
 */
static void
ipcs_perms(const struct ipc_obj *o)
{
	const char	*n;

	printf("%-10d %-10o", o->id, o->mode & 0777);
	if ((n = user_name_cached(o->cuid)) != NULL)
		printf(" %-10s", n);
	else
		printf(" %-10u", (unsigned)o->cuid);
	if ((n = group_name_cached(o->cgid)) != NULL)
		printf(" %-10s", n);
	else
		printf(" %-10u", (unsigned)o->cgid);
	if ((n = user_name_cached(o->uid)) != NULL)
		printf(" %-10s", n);
	else
		printf(" %-10u", (unsigned)o->uid);
	if ((n = group_name_cached(o->gid)) != NULL)
		printf(" %-10s\n", n);
	else
		printf(" %-10u\n", (unsigned)o->gid);
}

/*
 * Collect type t with needs (the names a listing prints) and keep what
 * the filters (--stale, --user) let by.
 */
static int
ipcs_collect(struct ipcs *is, enum ipc_type t, unsigned needs,
    struct ipc_set *set)
{
	return pipeline_collect(t, needs, &is->filt, is->now, set);
}

static void
ipcs_shm_limits(int unit)
{
	struct limit	lim[LIMIT_COUNT];
	uint64_t	tmp, all, pg = (uint64_t)getpagesize();

	if (limits_read(lim) == -1 || !lim[LIM_SHMALL].has_limit ||
	    !lim[LIM_SHMMAX].has_limit || !lim[LIM_SHMMNI].has_limit) {
		printf("unable to fetch shared memory limits\n");
		return;
	}
	all = lim[LIM_SHMALL].limit;
	printf("------ Shared Memory Limits --------\n");
	printf("max number of segments = %llu\n",
	    (unsigned long long)lim[LIM_SHMMNI].limit);
	ipcs_size(unit == U_DEFAULT ? U_KB : unit, "max seg size",
	    lim[LIM_SHMMAX].limit, "\n", 0);
	if (unit == U_DEFAULT || unit == U_KB) {
		tmp = all * (pg / 1024);
		if (all != 0 && tmp / all != pg / 1024)
			tmp = UINT64_MAX - (UINT64_MAX % (pg / 1024));
		ipcs_size(U_DEFAULT, "max total shared memory (kbytes)", tmp,
		    "\n", 0);
	} else {
		tmp = all * pg;
		if (all != 0 && tmp / all != pg)
			tmp = UINT64_MAX - (UINT64_MAX % pg);
		ipcs_size(unit, "max total shared memory", tmp, "\n", 0);
	}
	ipcs_size(unit == U_DEFAULT ? U_BYTES : unit, "min seg size", 1, "\n",
	    0);
}

static void
ipcs_msg_limits(int unit)
{
	struct limit	lim[LIMIT_COUNT];

	if (limits_read(lim) == -1 || !lim[LIM_MSGMNI].has_limit ||
	    !lim[LIM_MSGMAX].has_limit || !lim[LIM_MSGMNB].has_limit) {
		printf("unable to fetch message limits\n");
		return;
	}
	printf("------ Messages Limits --------\n");
	printf("max queues system wide = %d\n", (int)lim[LIM_MSGMNI].limit);
	ipcs_size(unit == U_DEFAULT ? U_BYTES : unit, "max size of message",
	    lim[LIM_MSGMAX].limit, "\n", 0);
	ipcs_size(unit == U_DEFAULT ? U_BYTES : unit,
	    "default max size of queue", (uint64_t)(int)lim[LIM_MSGMNB].limit,
	    "\n", 0);
}

static void
ipcs_sem_limits(void)
{
	struct limit	lim[LIMIT_COUNT];

	if (limits_read(lim) == -1 || !lim[LIM_SEMMNI].has_limit) {
		printf("unable to fetch semaphore limits\n");
		return;
	}
	printf("------ Semaphore Limits --------\n");
	printf("max number of arrays = %d\n", (int)lim[LIM_SEMMNI].limit);
	printf("max semaphores per array = %d\n", (int)lim[LIM_SEMMSL].limit);
	printf("max semaphores system wide = %d\n",
	    (int)lim[LIM_SEMMNS].limit);
	printf("max ops per semop call = %d\n", (int)lim[LIM_SEMOPM].limit);
	printf("semaphore max value = %u\n", 32767u);
}

/* -u: what *_INFO says. */
static void
ipcs_status(enum ipc_type t, int unit)
{
	struct sysv_status	st;

	if (sysvctl_status(t, &st) == -1) {
		printf("kernel not configured for %s\n", t == T_SHM ?
		    "shared memory" : t == T_MSG ? "message queues" :
		    "semaphores");
		return;
	}
	switch (t) {
	case T_SHM:
		printf("------ Shared Memory Status --------\n");
		printf("segments allocated %d\npages allocated %ld\n"
		    "pages resident  %ld\npages swapped   %ld\n"
		    "Swap performance: %ld attempts\t %ld successes\n",
		    st.used, (long)st.shm_tot, (long)st.shm_rss,
		    (long)st.shm_swp, (long)st.swap_attempts,
		    (long)st.swap_successes);
		break;
	case T_MSG:
		printf("------ Messages Status --------\n");
		printf("allocated queues = %d\n", st.used);
		printf("used headers = %d\n", st.msgmap);
		ipcs_size(unit, "used space", (uint64_t)(int64_t)st.msgtql,
		    unit == U_DEFAULT ? " bytes\n" : "\n", 0);
		break;
	default:
		printf("------ Semaphore Status --------\n");
		printf("used arrays = %d\n", st.used);
		printf("allocated semaphores = %d\n", st.semaem);
		break;
	}
}

static const char *const ipcs_creators[T_NTYPES] = {
	"------ Shared Memory Segment Creators/Owners --------\n"
	"shmid      perms      cuid       cgid       uid        gid       \n",
	"------ Message Queues Creators/Owners --------\n"
	"msqid      perms      cuid       cgid       uid        gid       \n",
	"------ Semaphore Arrays Creators/Owners --------\n"
	"semid      perms      cuid       cgid       uid        gid       \n",
};

/* The heading of a listing, or NULL when the format prints none. */
static void
ipcs_heading(enum ipc_type t, int format, int unit)
{
	if (format == F_CREATOR) {
		fputs(ipcs_creators[t], stdout);
		return;
	}
	switch (t) {
	case T_SHM:
		if (format == F_TIME)
			printf("------ Shared Memory Attach/Detach/Change Times "
			    "--------\n%-10s %-10s %-20s %-20s %-20s\n",
			    "shmid", "owner", "attached", "detached",
			    "changed");
		else if (format == F_PID)
			printf("------ Shared Memory Creator/Last-op PIDs "
			    "--------\n%-10s %-10s %-10s %-10s\n", "shmid",
			    "owner", "cpid", "lpid");
		else
			printf("------ Shared Memory Segments --------\n"
			    "%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n",
			    "key", "shmid", "owner", "perms",
			    unit == U_HUMAN ? "size" : "bytes", "nattch",
			    "status");
		break;
	case T_MSG:
		if (format == F_TIME)
			printf("------ Message Queues Send/Recv/Change Times "
			    "--------\n%-8s %-10s %-20s %-20s %-20s\n",
			    "msqid", "owner", "send", "recv", "change");
		else if (format == F_PID)
			printf("------ Message Queues PIDs --------\n"
			    "%-10s %-10s %-10s %-10s\n", "msqid", "owner",
			    "lspid", "lrpid");
		else
			printf("------ Message Queues --------\n"
			    "%-10s %-10s %-10s %-10s %-12s %-12s\n", "key",
			    "msqid", "owner", "perms",
			    unit == U_HUMAN ? "size" : "used-bytes",
			    "messages");
		break;
	default:
		if (format == F_TIME)
			printf("------ Semaphore Operation/Change Times "
			    "--------\n%-8s %-10s %-26.24s %-26.24s\n",
			    "semid", "owner", "last-op", "last-changed");
		else if (format != F_PID)
			printf("------ Semaphore Arrays --------\n"
			    "%-10s %-10s %-10s %-10s %-10s\n", "key", "semid",
			    "owner", "perms", "nsems");
		break;
	}
}

static void
ipcs_shm_row(const struct ipc_obj *o, int format, int unit)
{
	char	b1[32], b2[32], b3[32];

	switch (format) {
	case F_TIME:
		ipcs_owner(10, o->id, o->uid);
		printf(" %-20.16s %-20.16s %-20.16s\n",
		    ipcs_stime(o->u.shm.atime, b1),
		    ipcs_stime(o->u.shm.dtime, b2), ipcs_stime(o->ctime, b3));
		break;
	case F_PID:
		ipcs_owner(10, o->id, o->uid);
		printf(" %-10u %-10u\n", (unsigned)o->u.shm.cpid,
		    (unsigned)o->u.shm.lpid);
		break;
	default:
		printf("0x%08x ", o->key);
		ipcs_owner(10, o->id, o->uid);
		printf(" %-10o ", o->mode & 0777);
		if (unit == U_HUMAN)
			ipcs_size(unit, NULL, o->u.shm.size, "    ", 6);
		else
			ipcs_size(unit, NULL, o->u.shm.size, NULL, -10);
		printf(" %-10llu %-6s %-6s\n",
		    (unsigned long long)o->u.shm.nattch,
		    o->mode & SHM_DEST ? "dest" : " ",
		    o->mode & SHM_LOCKED ? "locked" : " ");
		break;
	}
}

static void
ipcs_msg_row(const struct ipc_obj *o, int format, int unit)
{
	char	b1[32], b2[32], b3[32];

	switch (format) {
	case F_TIME:
		ipcs_owner(8, o->id, o->uid);
		printf(" %-20.16s %-20.16s %-20.16s\n",
		    ipcs_stime(o->u.msg.stime, b1),
		    ipcs_stime(o->u.msg.rtime, b2), ipcs_stime(o->ctime, b3));
		break;
	case F_PID:
		ipcs_owner(8, o->id, o->uid);
		printf("  %5d     %5d\n", (int)o->u.msg.lspid,
		    (int)o->u.msg.lrpid);
		break;
	default:
		printf("0x%08x ", o->key);
		ipcs_owner(10, o->id, o->uid);
		printf(" %-10o ", o->mode & 0777);
		if (unit == U_HUMAN)
			ipcs_size(unit, NULL, o->u.msg.cbytes, "      ", 6);
		else
			ipcs_size(unit, NULL, o->u.msg.cbytes, NULL, -12);
		printf(" %-12llu\n", (unsigned long long)o->u.msg.qnum);
		break;
	}
}

static void
ipcs_sem_row(const struct ipc_obj *o, int format)
{
	char	b1[32], b2[32];

	switch (format) {
	case F_TIME:
		ipcs_owner(8, o->id, o->uid);
		printf("  %-26.24s %-26.24s\n", ipcs_ltime(o->u.sem.otime, b1),
		    ipcs_ltime(o->ctime, b2));
		break;
	case F_PID:
		break;
	default:
		printf("0x%08x ", o->key);
		ipcs_owner(10, o->id, o->uid);
		printf(" %-10o %-10llu\n", o->mode & 0777,
		    (unsigned long long)o->u.sem.nsems);
		break;
	}
}

/* One type's section, as ipcs -m, -q or -s prints it in any format. */
static int
ipcs_section(struct ipcs *is, enum ipc_type t)
{
	struct ipc_set	 set;
	size_t		 i;

	if (is->format == F_LIMITS) {
		if (t == T_SHM)
			ipcs_shm_limits(is->unit);
		else if (t == T_MSG)
			ipcs_msg_limits(is->unit);
		else
			ipcs_sem_limits();
		return 0;
	}
	if (is->format == F_STATUS) {
		ipcs_status(t, is->unit);
		return 0;
	}
	ipcs_heading(t, is->format, is->unit);
	/* -c shows every name, the others the owner's. */
	if (ipcs_collect(is, t, is->format == F_CREATOR ? NEED_NAMES :
	    NEED_UNAME, &set) == -1)
		return -1;
	for (i = 0; i < set.n; i++) {
		if (is->format == F_CREATOR)
			ipcs_perms(&set.v[i]);
		else if (t == T_SHM)
			ipcs_shm_row(&set.v[i], is->format, is->unit);
		else if (t == T_MSG)
			ipcs_msg_row(&set.v[i], is->format, is->unit);
		else
			ipcs_sem_row(&set.v[i], is->format);
	}
	set_free(&set);
	return 0;
}

static void
ipcs_shm_detail(const struct ipc_obj *o, int id, int unit)
{
	char	b[32];

	printf("\nShared memory Segment shmid=%d\n", id);
	printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\n", (unsigned)o->uid,
	    (unsigned)o->gid, (unsigned)o->cuid, (unsigned)o->cgid);
	printf("mode=%#o\taccess_perms=%#o\n", o->mode, o->mode & 0777);
	ipcs_size(unit, unit == U_HUMAN ? "size=" : "bytes=", o->u.shm.size,
	    "\t", 0);
	printf("lpid=%u\tcpid=%u\tnattch=%lld\n", (unsigned)o->u.shm.lpid,
	    (unsigned)o->u.shm.cpid, (long long)o->u.shm.nattch);
	printf("att_time=%-26.24s\n", ipcs_ltime(o->u.shm.atime, b));
	printf("det_time=%-26.24s\n", ipcs_ltime(o->u.shm.dtime, b));
	printf("change_time=%-26.24s\n", ipcs_ctime(o->ctime, b));
	printf("\n");
}

static void
ipcs_msg_detail(const struct ipc_obj *o, int id, int unit)
{
	char	b[32];

	printf("\nMessage Queue msqid=%d\n", id);
	printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\tmode=%#o\n",
	    (unsigned)o->uid, (unsigned)o->gid, (unsigned)o->cuid,
	    (unsigned)o->cgid, o->mode);
	ipcs_size(unit, unit == U_HUMAN ? "csize=" : "cbytes=",
	    o->u.msg.cbytes, "\t", 0);
	/* ipcs reads qbytes with IPC_STAT: 0 where that is refused. */
	ipcs_size(unit, unit == U_HUMAN ? "qsize=" : "qbytes=",
	    id >= 0 && pers_readable(o) ? o->u.msg.qbytes : 0, "\t", 0);
	printf("qnum=%lld\tlspid=%d\tlrpid=%d\n", (long long)o->u.msg.qnum,
	    (int)o->u.msg.lspid, (int)o->u.msg.lrpid);
	printf("send_time=%-26.24s\n", ipcs_ltime(o->u.msg.stime, b));
	printf("rcv_time=%-26.24s\n", ipcs_ltime(o->u.msg.rtime, b));
	printf("change_time=%-26.24s\n", ipcs_ltime(o->ctime, b));
	printf("\n");
}

/* -s -i: read every semaphore before printing, as ipcs does. */
static int
ipcs_sem_detail(const char *name, const struct ipc_obj *o)
{
	struct semstate	*ss;
	char		 b[32];
	uint64_t	 i;

	ss = xcalloc(o->u.sem.nsems + 1, sizeof(*ss));
	for (i = 0; i < o->u.sem.nsems; i++)
		if (sysvctl_semstate(o->id, (int)i, &ss[i]) == -1) {
			pers_warn(name, errno, "semctl(GETVAL) failed");
			free(ss);
			return 1;
		}
	printf("\nSemaphore Array semid=%d\n", o->id);
	printf("uid=%u\t gid=%u\t cuid=%u\t cgid=%u\n", (unsigned)o->uid,
	    (unsigned)o->gid, (unsigned)o->cuid, (unsigned)o->cgid);
	printf("mode=%#o, access_perms=%#o\n", o->mode, o->mode & 0777);
	printf("nsems = %llu\n", (unsigned long long)o->u.sem.nsems);
	printf("otime = %-26.24s\n", ipcs_ltime(o->u.sem.otime, b));
	printf("ctime = %-26.24s\n", ipcs_ctime(o->ctime, b));
	printf("%-10s %-10s %-10s %-10s %-10s\n", "semnum", "value", "ncount",
	    "zcount", "pid");
	for (i = 0; i < o->u.sem.nsems; i++)
		printf("%-10llu %-10d %-10d %-10d %-10d\n",
		    (unsigned long long)i, ss[i].val, ss[i].ncnt, ss[i].zcnt,
		    (int)ss[i].pid);
	printf("\n");
	free(ss);
	return 0;
}

/*
 * A negative -i ID: util-linux's ipcs then shows the first segment or
 * queue under that id (and qbytes 0); with semaphores it crashes, so
 * here they are not found.  0 if there is none.
 */
static int
ipcs_first(struct ipcs *is, enum ipc_type t, struct ipc_obj *o)
{
	struct ipc_set	set;
	int		found = 0;

	if (t == T_SEM || ipcs_collect(is, t, 0, &set) == -1)
		return 0;
	if (set.n > 0) {
		*o = set.v[0];
		o->pids = NULL;
		o->npids = 0;
		o->name = NULL;
		found = 1;
	}
	set_free(&set);
	return found;
}

/*
 * Resource id of type t if the filters let it by, read with what they
 * need (liveness, attachments) as in a listing; 0 if not.
 */
static int
ipcs_find(struct ipcs *is, enum ipc_type t, int id, struct ipc_obj *o)
{
	struct ipc_set	set;
	size_t		i;
	int		found = 0;

	if (!filter_is_set(&is->filt))
		return sysvctl_stat(t, id, o) == 0;
	if (ipcs_collect(is, t, 0, &set) == -1)
		return 0;
	for (i = 0; i < set.n && !found; i++)
		if (set.v[i].id == id) {
			*o = set.v[i];
			o->pids = NULL;
			o->npids = 0;
			o->name = NULL;
			found = 1;
		}
	set_free(&set);
	return found;
}

/* -i ID: the detail of one resource of type t. */
static int
ipcs_detail(struct ipcs *is, enum ipc_type t, int id)
{
	struct ipc_obj	o;
	int		found;

	if (id < 0)
		found = ipcs_first(is, t, &o);
	else
		found = ipcs_find(is, t, id, &o);
	if (!found) {
		pers_warn(is->name, 0, "id %d not found", id);
		return 0;
	}
	if (t == T_SHM)
		ipcs_shm_detail(&o, id, is->unit);
	else if (t == T_MSG)
		ipcs_msg_detail(&o, id, is->unit);
	else
		return ipcs_sem_detail(is->name, &o);
	return 0;
}

/* A --stale or --user option, into the filter; -1 if it is bad. */
static int
ipcs_filter(struct ipcs *is, int opt, const char *arg)
{
	const char	*what;

	if (filter_option(&is->filt, opt == OPT_IPCS_STALE ? OPT_STALE :
	    OPT_USER, arg, &what) == -1) {
		pers_warn(is->name, 0, "invalid %s: '%s'", what, arg);
		return -1;
	}
	return 0;
}

/*
 * Act on the options of a in order, as ipcs on getopt's answers; then on
 * the mistake that ended them, if any.  -1 to go on, else the status.
 */
static int
ipcs_options_run(struct ipcs *is, const struct args *a, unsigned *types,
    int *id, int *specific)
{
	const char	*arg;
	size_t		 i;
	int		 opt;

	for (i = 0; i < a->n; i++) {
		opt = a->v[i].opt->letter;
		arg = a->v[i].value;
		switch (opt) {
		case 'i':
			if (pers_s32(is->name, "failed to parse id argument",
			    arg, id) == -1)
				return 1;
			*specific = 1;
			break;
		case 'a':
			*types = TYPES_SYSV;
			break;
		case 'q':
			*types |= TBIT(T_MSG);
			break;
		case 'm':
			*types |= TBIT(T_SHM);
			break;
		case 's':
			*types |= TBIT(T_SEM);
			break;
		case 't':
			is->format = F_TIME;
			break;
		case 'c':
			is->format = F_CREATOR;
			break;
		case 'p':
			is->format = F_PID;
			break;
		case 'l':
			is->format = F_LIMITS;
			break;
		case 'u':
			is->format = F_STATUS;
			break;
		case OPT_IPCS_HUMAN:
			is->unit = U_HUMAN;
			break;
		case 'b':
			is->unit = U_BYTES;
			break;
		case OPT_IPCS_STALE:
		case OPT_IPCS_USER:
			if (ipcs_filter(is, opt, arg) == -1)
				return 1;
			break;
		case 'h':
			return ipcs_usage(is->name);
		case 'V':
			return pers_version(is->name);
		}
	}
	if (a->error != NULL) {
		fputs(a->error, stderr);
		return pers_tryhelp(is->name);
	}
	return -1;
}

/* What the options ask for. */
static int
ipcs_run(struct ipcs *is, unsigned types, int id, int specific)
{
	static const enum ipc_type order[] = { T_MSG, T_SHM, T_SEM };
	size_t		 i;
	int		 r = 0;

	if (specific && types != TBIT(T_MSG) && types != TBIT(T_SHM) &&
	    types != TBIT(T_SEM)) {
		pers_warn(is->name, 0, "when using an ID, a single resource "
		    "must be specified");
		return 1;
	}
	if (specific) {
		for (i = 0; i < 3; i++)
			if (types & TBIT(order[i]))
				r = ipcs_detail(is, order[i], id);
	} else {
		if (types == 0)
			types = TYPES_SYSV;
		printf("\n");
		for (i = 0; i < 3; i++) {
			if (!(types & TBIT(order[i])))
				continue;
			if (ipcs_section(is, order[i]) == -1)
				r = 1;
			printf("\n");
		}
	}
	return pers_stdout(is->name, r);
}

/* ipcs [resource-option...] [output-option] | -m|-q|-s -i ID */
int
ipcs_main(int argc, char **argv)
{
	struct ipcs	 is;
	struct args	 a;
	unsigned	 types = 0;
	int		 id = 0, specific = 0, r;

	memset(&is, 0, sizeof(is));
	is.name = pers_name(argv[0]);
	filter_init(&is.filt);
	is.now = (int64_t)time(NULL);
	args_parse(NULL, ipcs_secs, ARGS_GNU, argc, argv, &a);
	r = ipcs_options_run(&is, &a, &types, &id, &specific);
	args_free(&a);
	if (r != -1)
		return r;
	return ipcs_run(&is, types, id, specific);
}
