/* SPDX-License-Identifier: ISC */
/*
 * populate - fill the current IPC namespace with System V IPC objects
 *            for the ipctool speed benchmark (see bench/README).
 *
 *   populate [-r] SHM MSG SEM     create SHM segments, MSG queues, SEM sets
 *   populate -x SHM MSG SEM       only check that exactly that many exist
 *   populate -o distinct|one      only re-own what exists (see -o)
 *
 *   -r   first remove every SysV IPC object listed in /proc/sysvipc/{shm,msg,sem}
 *   -x   exit 0 iff /proc/sysvipc/{shm,msg,sem} list exactly SHM/MSG/SEM
 *   -a   every queue gets messages and every set a semop, so that every
 *        object is stale once populate has exited
 *   -o distinct   set the owner uid of the i-th object of each type (in
 *        /proc/sysvipc order) to 100000 + i: as many distinct uids as the
 *        largest type has objects; -o one sets every owner uid to 0
 *   -q   quiet
 *
 * Objects: shm segments of 4096 bytes (every 8th one attached and detached
 * once so atime/lpid are set); message queues, every 4th holding 1-3 small
 * messages; semaphore sets of 4 semaphores, every 3rd with a semop done.
 * Keys are distinct pseudo-random values; every 16th object is IPC_PRIVATE.
 * Permissions cycle through a few common modes.
 *
 * Limits (kernel.shmmni, kernel.msgmni, kernel.sem) are raised when the
 * requested counts need it; in a private IPC namespace those are
 * per-namespace.
 *
 * SAFETY: this program creates and (with -r) deletes IPC objects in the
 * namespace it runs in.  It refuses to run unless the environment variable
 * IPCTOOL_BENCH_IPCNS equals the inode of its own IPC namespace (as printed
 * by `readlink /proc/self/ns/ipc`), which bench/run sets only after it has
 * verified that it is inside a freshly unshared IPC namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/types.h>

#define SHM_SIZE 4096
#define NSEMS 4

static int quiet, all_used;

static void die(const char *fmt, const char *what, int err)
{
	fprintf(stderr, "populate: ");
	fprintf(stderr, fmt, what);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
	exit(1);
}

static long parse_count(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 16 * 1024 * 1024)
		die("bad count '%s'", s, 0);
	return v;
}

static void check_namespace(void)
{
	const char *want = getenv("IPCTOOL_BENCH_IPCNS");
	char have[64];
	ssize_t n;

	n = readlink("/proc/self/ns/ipc", have, sizeof(have) - 1);
	if (n < 0)
		die("cannot read %s", "/proc/self/ns/ipc", errno);
	have[n] = 0;
	if (!want || strcmp(want, have) != 0) {
		fprintf(stderr,
			"populate: refusing to run: IPCTOOL_BENCH_IPCNS (%s) does "
			"not name this IPC namespace (%s).\n"
			"populate: run it through bench/run, which creates a "
			"private namespace.\n", want ? want : "unset", have);
		exit(2);
	}
}

/* Number of objects listed in a /proc/sysvipc file (lines minus header). */
static long count_proc(const char *type)
{
	char path[64], buf[65536];
	long lines = 0;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", type);
	f = fopen(path, "r");
	if (!f)
		die("cannot open %s", path, errno);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		for (size_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	fclose(f);
	return lines > 0 ? lines - 1 : 0;
}

/* Remove every object listed in /proc/sysvipc/TYPE; return how many. */
static long remove_all(const char *type)
{
	char path[64], line[1024];
	long removed = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", type);
	f = fopen(path, "r");
	if (!f)
		die("cannot open %s", path, errno);
	if (!fgets(line, sizeof(line), f)) {	/* header */
		fclose(f);
		return 0;
	}
	while (fgets(line, sizeof(line), f)) {
		long key;
		int id, r;

		if (sscanf(line, "%ld %d", &key, &id) != 2)
			continue;
		if (type[1] == 'h')
			r = shmctl(id, IPC_RMID, NULL);
		else if (type[1] == 's')
			r = msgctl(id, IPC_RMID, NULL);
		else
			r = semctl(id, 0, IPC_RMID);
		if (r == 0)
			removed++;
		else if (errno != EINVAL && errno != EIDRM)
			die("removing %s object failed", type, errno);
	}
	fclose(f);
	return removed;
}

/* Read the integers of /proc/sys/kernel/NAME into v[]; return how many. */
static int read_sysctl(const char *name, long *v, int max)
{
	char path[128];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (n < max && fscanf(f, "%ld", &v[n]) == 1)
		n++;
	fclose(f);
	return n;
}

static void write_sysctl(const char *name, const long *v, int n)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	f = fopen(path, "w");
	if (!f)
		die("cannot open %s for writing", path, errno);
	for (int i = 0; i < n; i++)
		fprintf(f, i ? " %ld" : "%ld", v[i]);
	fputc('\n', f);
	if (fclose(f) != 0) {
		int e = errno;

		if (e == ERANGE || e == EINVAL)
			fprintf(stderr, "populate: the kernel caps shmmni/msgmni/"
				"semmni at 32768 (IPCMNI) unless booted with "
				"ipcmni_extend\n");
		die("cannot raise %s", path, e);
	}
	if (!quiet) {
		fprintf(stderr, "populate: raised kernel.%s to", name);
		for (int i = 0; i < n; i++)
			fprintf(stderr, " %ld", v[i]);
		fputc('\n', stderr);
	}
}

/* Make sure the namespace limits allow `want` more objects on top of `have`. */
static void raise_limits(long shm, long msg, long sem)
{
	long v[4];

	if (read_sysctl("shmmni", v, 1) == 1 && v[0] < shm) {
		v[0] = shm;
		write_sysctl("shmmni", v, 1);
	}
	if (read_sysctl("msgmni", v, 1) == 1 && v[0] < msg) {
		v[0] = msg;
		write_sysctl("msgmni", v, 1);
	}
	/* kernel.sem = SEMMSL SEMMNS SEMOPM SEMMNI */
	if (read_sysctl("sem", v, 4) == 4 &&
	    (v[0] < NSEMS || v[1] < sem * NSEMS || v[3] < sem)) {
		if (v[0] < NSEMS)
			v[0] = NSEMS;
		if (v[1] < sem * NSEMS)
			v[1] = sem * NSEMS;
		if (v[3] < sem)
			v[3] = sem;
		write_sysctl("sem", v, 4);
	}
}

static const int modes[] = { 0600, 0644, 0660, 0666, 0640, 0600, 0664, 0600 };

/*
 * Key for object i of a given type: a bijection of i over 32 bits (odd
 * multiplier plus seed), so keys are distinct within a type; every 16th
 * object is IPC_PRIVATE.  *bump skips keys that collide (0 or EEXIST).
 */
static key_t make_key(long i, unsigned seed, unsigned bump)
{
	if (i % 16 == 15)
		return IPC_PRIVATE;
	return (key_t)((unsigned)(i + bump) * 2654435761u + seed);
}

static void enospc(const char *what, long done, long want)
{
	fprintf(stderr, "populate: %s: limit reached after %ld of %ld "
		"(check kernel.shmmni/msgmni/sem, shmall)\n", what, done, want);
	exit(1);
}

static void create_shm(long n, unsigned seed)
{
	unsigned bump = 0;

	for (long i = 0; i < n; i++) {
		int mode = modes[i % 8];
		key_t key;
		int id;

		for (;;) {
			key = make_key(i, seed, bump);
			if (key == IPC_PRIVATE && i % 16 != 15) {
				bump += 0x10000;
				continue;
			}
			id = shmget(key, SHM_SIZE, IPC_CREAT | IPC_EXCL | mode);
			if (id >= 0 || errno != EEXIST)
				break;
			bump += 0x10000;
		}
		if (id < 0) {
			if (errno == ENOSPC || errno == ENOMEM)
				enospc("shmget", i, n);
			die("%s failed", "shmget", errno);
		}
		if (i % 8 == 0) {
			void *p = shmat(id, NULL, 0);

			if (p == (void *)-1)
				die("%s failed", "shmat", errno);
			*(volatile char *)p = 1;
			shmdt(p);
		}
	}
}

static void create_msg(long n, unsigned seed)
{
	struct { long mtype; char mtext[128]; } m;
	unsigned bump = 0;

	memset(&m, 'x', sizeof(m));
	m.mtype = 1;
	for (long i = 0; i < n; i++) {
		int mode = modes[i % 8];
		key_t key;
		int id;

		for (;;) {
			key = make_key(i, seed, bump);
			if (key == IPC_PRIVATE && i % 16 != 15) {
				bump += 0x10000;
				continue;
			}
			id = msgget(key, IPC_CREAT | IPC_EXCL | mode);
			if (id >= 0 || errno != EEXIST)
				break;
			bump += 0x10000;
		}
		if (id < 0) {
			if (errno == ENOSPC || errno == ENOMEM)
				enospc("msgget", i, n);
			die("%s failed", "msgget", errno);
		}
		if (i % 4 == 0 || all_used) {
			int k = 1 + (int)(i / 4 % 3);

			for (int j = 0; j < k; j++) {
				size_t len = 16 + (size_t)((i + j) % 7) * 16;

				if (msgsnd(id, &m, len, IPC_NOWAIT) < 0)
					die("%s failed", "msgsnd", errno);
			}
		}
	}
}

static void create_sem(long n, unsigned seed)
{
	/* With -a every semaphore gets a last operator: else it is unknown. */
	struct sembuf ops[NSEMS] = { { 0, 1, 0 }, { 1, 2, 0 }, { 2, 1, 0 },
	    { 3, 1, 0 } };
	size_t nops = all_used ? NSEMS : 2;
	unsigned bump = 0;

	for (long i = 0; i < n; i++) {
		int mode = modes[i % 8];
		key_t key;
		int id;

		for (;;) {
			key = make_key(i, seed, bump);
			if (key == IPC_PRIVATE && i % 16 != 15) {
				bump += 0x10000;
				continue;
			}
			id = semget(key, NSEMS, IPC_CREAT | IPC_EXCL | mode);
			if (id >= 0 || errno != EEXIST)
				break;
			bump += 0x10000;
		}
		if (id < 0) {
			if (errno == ENOSPC || errno == ENOMEM)
				enospc("semget", i, n);
			die("%s failed", "semget", errno);
		}
		if ((i % 3 == 0 || all_used) && semop(id, ops, nops) < 0)
			die("%s failed", "semop", errno);
	}
}

/*
 * Set the owner uid of every object listed in /proc/sysvipc/TYPE: to
 * 100000 + its position if distinct, else to 0.
 */
static void reown(const char *type, int distinct)
{
	char path[64], line[1024];
	long i = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", type);
	f = fopen(path, "r");
	if (!f)
		die("cannot open %s", path, errno);
	if (!fgets(line, sizeof(line), f)) {	/* header */
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		uid_t uid = distinct ? (uid_t)(100000 + i) : 0;
		long key;
		int id, r;

		if (sscanf(line, "%ld %d", &key, &id) != 2)
			continue;
		i++;
		if (type[1] == 'h') {
			struct shmid_ds ds;

			r = shmctl(id, IPC_STAT, &ds);
			ds.shm_perm.uid = uid;
			if (r == 0)
				r = shmctl(id, IPC_SET, &ds);
		} else if (type[1] == 's') {
			struct msqid_ds ds;

			r = msgctl(id, IPC_STAT, &ds);
			ds.msg_perm.uid = uid;
			if (r == 0)
				r = msgctl(id, IPC_SET, &ds);
		} else {
			struct semid_ds ds;

			r = semctl(id, 0, IPC_STAT, &ds);
			ds.sem_perm.uid = uid;
			if (r == 0)
				r = semctl(id, 0, IPC_SET, &ds);
		}
		if (r != 0)
			die("re-owning %s object failed", type, errno);
	}
	fclose(f);
}

static void usage(void)
{
	fprintf(stderr, "usage: populate [-r] [-a] [-q] SHM MSG SEM\n"
			"       populate -x SHM MSG SEM\n"
			"       populate -o distinct|one\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int opt, reset = 0, check = 0;
	long shm, msg, sem, have[3];
	unsigned seed;
	const char *owners = NULL;

	while ((opt = getopt(argc, argv, "rxqao:")) != -1) {
		switch (opt) {
		case 'r': reset = 1; break;
		case 'x': check = 1; break;
		case 'q': quiet = 1; break;
		case 'a': all_used = 1; break;
		case 'o': owners = optarg; break;
		default: usage();
		}
	}
	if (owners) {
		if (argc != optind || (strcmp(owners, "distinct") != 0 &&
		    strcmp(owners, "one") != 0))
			usage();
		check_namespace();
		reown("shm", owners[0] == 'd');
		reown("msg", owners[0] == 'd');
		reown("sem", owners[0] == 'd');
		return 0;
	}
	if (argc - optind != 3)
		usage();
	shm = parse_count(argv[optind]);
	msg = parse_count(argv[optind + 1]);
	sem = parse_count(argv[optind + 2]);

	if (check) {
		have[0] = count_proc("shm");
		have[1] = count_proc("msg");
		have[2] = count_proc("sem");
		if (have[0] == shm && have[1] == msg && have[2] == sem)
			return 0;
		fprintf(stderr, "populate: expected shm/msg/sem %ld/%ld/%ld, "
			"found %ld/%ld/%ld\n", shm, msg, sem,
			have[0], have[1], have[2]);
		return 1;
	}

	check_namespace();
	if (reset) {
		remove_all("shm");
		remove_all("msg");
		remove_all("sem");
	}
	have[0] = count_proc("shm");
	have[1] = count_proc("msg");
	have[2] = count_proc("sem");
	raise_limits(have[0] + shm, have[1] + msg, have[2] + sem);

	seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
	create_shm(shm, seed);
	create_msg(msg, seed * 3u + 1u);
	create_sem(sem, seed * 5u + 7u);
	return 0;
}
