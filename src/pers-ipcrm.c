/* SPDX-License-Identifier: ISC */
/*
 * pers-ipcrm.c - the ipcrm personality: util-linux 2.38's options, the
 * legacy "ipcrm shm|msg|sem ID..." form, its messages and exit status.
 * An id or key given goes straight to the kernel's IPC_RMID (sysvctl_rm):
 * ipcrm removes what it is told.  What -a lists goes through remove.c,
 * which takes it only if its id still names it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

/*
 * util-linux 2.38's options, in its order (an ambiguous abbreviation
 * lists them so); the letter is what ipcrm_run() reads.
 */
static const struct cmd_option ipcrm_options[] = {
	{ 'm', "shmem-id", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'M', "shmem-key", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'q', "queue-id", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'Q', "queue-key", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 's', "semaphore-id", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'S', "semaphore-key", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'a', "all", ARG_OPTIONAL, OPT_PERS, NULL, NULL },
	{ 'v', "verbose", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'V', "version", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'h', "help", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec ipcrm_secs[] = {
	{ NULL, ipcrm_options },
	{ NULL, NULL }
};

struct ipcrm {
	const char	*name;
	int		 verbose;
};

static int
ipcrm_usage(const char *name)
{
	printf("\nUsage:\n"
	    " %s [options]\n"
	    " %s shm|msg|sem <id>...\n"
	    "\nRemove certain IPC resources.\n"
	    "\nOptions:\n"
	    " -m, --shmem-id <id>        remove shared memory segment by id\n"
	    " -M, --shmem-key <key>      remove shared memory segment by key\n"
	    " -q, --queue-id <id>        remove message queue by id\n"
	    " -Q, --queue-key <key>      remove message queue by key\n"
	    " -s, --semaphore-id <id>    remove semaphore by id\n"
	    " -S, --semaphore-key <key>  remove semaphore by key\n"
	    " -a, --all[=shm|msg|sem]    remove all (in the specified "
	    "category)\n"
	    " -v, --verbose              explain what is being done\n"
	    "\n"
	    " -h, --help                 display this help\n"
	    " -V, --version              display version\n"
	    "\nFor more details see ipcrm(1).\n", name, name);
	return pers_stdout(name, 0);
}

static const char *const ipcrm_what[T_NTYPES] = {
	"shared memory segment", "message queue", "semaphore"
};

/*
 * ipcrm's word on a removal that failed with err: a warning naming the
 * id, and 1; an unexpected error ends the program (exit 1).
 */
static int
ipcrm_failed(const struct ipcrm *rm, int iskey, int id, int err)
{
	const char	*msg;

	switch (err) {
	case EACCES:
	case EPERM:
		msg = iskey ? "permission denied for key" :
		    "permission denied for id";
		break;
	case EINVAL:
		msg = iskey ? "invalid key" : "invalid id";
		break;
	case EIDRM:
		msg = iskey ? "already removed key" : "already removed id";
		break;
	default:
		pers_warn(rm->name, err, "%s", iskey ? "key failed" :
		    "id failed");
		exit(1);
	}
	pers_warn(rm->name, 0, "%s (%d)", msg, id);
	return 1;
}

/* Remove id of type t as ipcrm does: 0, or 1 after its warning. */
static int
ipcrm_id(const struct ipcrm *rm, enum ipc_type t, int iskey, int id)
{
	if (rm->verbose)
		printf("removing %s id `%d'\n", ipcrm_what[t], id);
	if (sysvctl_rm(t, id) == 0)
		return 0;
	return ipcrm_failed(rm, iskey, id, errno);
}

/* A key's id, or -1 after a warning; bad syntax ends the program. */
static int
ipcrm_key(const struct ipcrm *rm, enum ipc_type t, const char *s)
{
	unsigned long	 v;
	char		*end;
	int		 id;
	const char	*msg;

	errno = 0;
	v = *s == '\0' ? 0 : strtoul(s, &end, 0);
	if (*s == '\0' || errno != 0 || end == s || *end != '\0') {
		pers_warn(rm->name, *s == '\0' ? 0 : errno,
		    "failed to parse argument: '%s'", s);
		exit(1);
	}
	if ((uint32_t)v == 0) {
		pers_warn(rm->name, 0, "illegal key (%s)", s);
		return -1;
	}
	if ((id = sysvctl_get(t, (uint32_t)v, 0, 0)) != -1)
		return id;
	switch (errno) {
	case EACCES:
		msg = "permission denied for key";
		break;
	case EIDRM:
		msg = "already removed key";
		break;
	case ENOENT:
		msg = "invalid key";
		break;
	default:
		pers_warn(rm->name, errno, "key failed");
		exit(1);
	}
	pers_warn(rm->name, 0, "%s (%s)", msg, s);
	return -1;
}

/*
 * One object -a listed, through remove.c: removed only if its id still
 * names it (an object made since under that id is not ipcrm's to take).
 */
static int
ipcrm_listed(const struct ipcrm *rm, enum ipc_type t,
    const struct ipc_obj *o, int64_t now)
{
	struct removal	res;

	if (rm->verbose)
		printf("removing %s id `%d'\n", ipcrm_what[t], o->id);
	switch (remove_checked(t, o, now, NULL, &res)) {
	case RM_GONE:
	case RM_FAILED:
		return ipcrm_failed(rm, 0, o->id, res.err);
	default:
		return 0;
	}
}

/* -a: every object of the types asked for that ipcrm would see. */
static int
ipcrm_all(const struct ipcrm *rm, unsigned types)
{
	static const enum ipc_type order[] = { T_SHM, T_SEM, T_MSG };
	struct ipc_set	 set;
	size_t		 i, j;
	int64_t		 now = (int64_t)time(NULL);
	int		 r = 0;

	/* ipcrm walks with *_STAT, which shows only what it may read. */
	for (i = 0; i < 3; i++) {
		if (!(types & TBIT(order[i])))
			continue;
		if (pipeline_collect(order[i], 0, NULL, 0, &set) == -1)
			return 1;
		for (j = 0; j < set.n; j++)
			if (pers_readable(&set.v[j]))
				r |= ipcrm_listed(rm, order[i], &set.v[j],
				    now);
		set_free(&set);
	}
	return r;
}

/* ipcrm shm|msg|sem ID...: the form before options; -1 if not it. */
static int
ipcrm_legacy(const struct ipcrm *rm, int argc, char **argv)
{
	int		 t, errs = 0, i, id;
	unsigned long	 v;
	char		*end;

	if (strcmp(argv[1], "shm") == 0)
		t = T_SHM;
	else if (strcmp(argv[1], "msg") == 0)
		t = T_MSG;
	else if (strcmp(argv[1], "sem") == 0)
		t = T_SEM;
	else
		return -1;
	if (argc < 3) {
		pers_warn(rm->name, 0, "not enough arguments");
		return pers_tryhelp(rm->name);
	}
	for (i = 2; i < argc; i++) {
		errno = 0;
		end = NULL;
		v = strtoul(argv[i], &end, 10);
		id = (int)v;
		if (errno != 0 || end == NULL || *end != '\0') {
			pers_warn(rm->name, 0, "invalid id: %s", argv[i]);
			errs++;
		} else if (ipcrm_id(rm, t, 0, id))
			errs++;
	}
	if (errs != 0)
		return 1;
	printf("resource(s) deleted\n");
	return pers_stdout(rm->name, 0);
}

/* One of -m -q -s (by id) or -M -Q -S (by key); 1 if it failed. */
static int
ipcrm_one(const struct ipcrm *rm, int opt, const char *arg)
{
	enum ipc_type	t;
	int		id;

	t = opt == 'm' || opt == 'M' ? T_SHM : opt == 'q' || opt == 'Q' ?
	    T_MSG : T_SEM;
	if (opt == 'M' || opt == 'Q' || opt == 'S') {
		if ((id = ipcrm_key(rm, t, arg)) == -1)
			return 1;
		return ipcrm_id(rm, t, 1, id);
	}
	if (pers_s32(rm->name, "failed to parse argument", arg, &id) == -1)
		exit(1);
	return ipcrm_id(rm, t, 0, id);
}

/*
 * Act on the options of a in order, as ipcrm on getopt's answers, then on
 * the mistake that ended them or the operands left; the exit status.
 */
static int
ipcrm_run(struct ipcrm *rm, const struct args *a)
{
	const char	*arg;
	size_t		 i;
	unsigned	 all = 0;
	int		 opt, errs = 0;

	for (i = 0; i < a->n; i++) {
		opt = a->v[i].opt->letter;
		arg = a->v[i].value;
		switch (opt) {
		case 'm': case 'M': case 'q': case 'Q': case 's': case 'S':
			errs += ipcrm_one(rm, opt, arg);
			break;
		case 'a':
			if (arg == NULL)
				all = TYPES_SYSV;
			else if (strcmp(arg, "shm") == 0)
				all = TBIT(T_SHM);
			else if (strcmp(arg, "msg") == 0)
				all = TBIT(T_MSG);
			else if (strcmp(arg, "sem") == 0)
				all = TBIT(T_SEM);
			else {
				pers_warn(rm->name, 0, "unknown argument: %s",
				    arg);
				return 1;
			}
			break;
		case 'v':
			rm->verbose = 1;
			break;
		case 'h':
			return ipcrm_usage(rm->name);
		case 'V':
			return pers_version(rm->name);
		}
	}
	if (a->error != NULL) {
		fputs(a->error, stderr);
		return pers_tryhelp(rm->name);
	}
	if (all != 0 && ipcrm_all(rm, all))
		errs++;
	if (a->noperands > 0) {
		pers_warn(rm->name, 0, "unknown argument: %s", a->operands[0]);
		return pers_tryhelp(rm->name);
	}
	return pers_stdout(rm->name, errs == 0 ? 0 : 1);
}

/* ipcrm [options] | ipcrm shm|msg|sem ID... */
int
ipcrm_main(int argc, char **argv)
{
	struct ipcrm	 rm;
	struct args	 a;
	int		 r;

	memset(&rm, 0, sizeof(rm));
	rm.name = pers_name(argv[0]);
	/* Run with no arguments, 2.38 does nothing and succeeds. */
	if (argc > 1 && (r = ipcrm_legacy(&rm, argc, argv)) != -1)
		return r;
	args_parse(NULL, ipcrm_secs, ARGS_GNU, argc, argv, &a);
	r = ipcrm_run(&rm, &a);
	args_free(&a);
	return r;
}
