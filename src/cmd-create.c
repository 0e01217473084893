/* SPDX-License-Identifier: ISC */
/*
 * cmd-create.c - "ipctool create": make a resource and print its id.
 *
 * options -> struct mk (validated in full) -> make by type -> print.
 * Nothing is made until every option is known to be good, and a resource
 * whose set-up fails after creation (SETALL, IPC_SET of msg_qbytes) is
 * removed again: create never leaves a half-made resource behind.
 *
 * POSIX objects are named: "create pshm NAME --size SIZE", "create pmq
 * NAME", "create psem NAME"; they get exactly the mode asked (no umask),
 * and the name is printed, with its leading '/'.
 */
#include <sys/random.h>

#include <errno.h>
#include <limits.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

#define SEMVMX		32767	/* the kernel's largest semaphore value */
#define FTOK_PROJ	1	/* ftok()'s default project, as perl's ftok */
#define RANDOM_TRIES	64
#define MQ_HARD_MAXMSG	65536		/* the kernel's HARD_MSGMAX */
#define MQ_HARD_MSGSIZE	(16u << 20)	/* the kernel's HARD_MSGSIZEMAX */

/* Where the key comes from. */
enum keysrc {
	KEY_RANDOM,
	KEY_GIVEN,
	KEY_FILE,
	KEY_PRIVATE
};

/* What to make, as the options said (wide fields first: no padding). */
struct mk {
	char		*keyfile;	/* PATH of --key-file, a copy */
	const char	*valuearg;
	uint64_t	 size;		/* shm size */
	uint64_t	 qbytes;
	uint64_t	 nsems;
	uint64_t	 value;		/* sem: 0..32767, psem: 0..SEM_VALUE_MAX */
	uint64_t	 maxmsg;	/* pmq */
	uint64_t	 msgsize;	/* pmq */
	enum ipc_type	 type;
	enum keysrc	 keysrc;
	uint32_t	 key;
	int		 proj;
	uint32_t	 mode;
	int		 exclusive;
	int		 json;
	int		 has_size;
	int		 has_qbytes;
	int		 has_nsems;
	int		 has_value;
	int		 has_maxmsg;
	int		 has_msgsize;
	char		 name[POSIX_NAME_LEN];	/* POSIX: "/name" */
};

/*
 * Split --key-file's PATH[:PROJ].  PROJ, after the last ':', is a number
 * 1..255 or a single character; a path holding ':' takes an explicit
 * PROJ.  Returns 0, or -1 with *bad naming what is wrong.
 */
static int
parse_key_file(const char *in, struct mk *mk, const char **bad)
{
	char		*arg, *colon;
	const char	*e;
	uint64_t	 v;

	free(mk->keyfile);
	arg = mk->keyfile = xstrdup(in);
	mk->proj = FTOK_PROJ;
	if ((colon = strrchr(arg, ':')) != NULL)
		*colon++ = '\0';
	if (arg[0] == '\0') {
		*bad = "empty path";
		return -1;
	}
	if (colon == NULL)
		return 0;
	if (parse_uint(colon, 1, 255, &v, &e) == 0)
		mk->proj = (int)v;
	else if (colon[0] != '\0' && colon[1] == '\0' &&
	    (colon[0] < '0' || colon[0] > '9'))
		mk->proj = (unsigned char)colon[0];
	else {
		*bad = "project id is not 1..255 or one character";
		return -1;
	}
	return 0;
}

/* Take one option into mk; a bad value is a usage error. */
static void
create_option(const struct cmd_entry *self, struct mk *mk, enum opt_id ch,
    const char *arg, int *keyopts)
{
	const char	*e = NULL;
	uint64_t	 v;

	switch (ch) {
	case OPT_SIZE:
		if (parse_size(arg, &mk->size, &e) == -1 || mk->size == 0)
			usage_error(self, "invalid size '%s': %s", arg,
			    mk->size == 0 && e == NULL ? "zero" : e);
		mk->has_size = 1;
		break;
	case OPT_QBYTES:
		if (parse_size(arg, &mk->qbytes, &e) == -1 || mk->qbytes == 0)
			usage_error(self, "invalid qbytes '%s': %s", arg,
			    mk->qbytes == 0 && e == NULL ? "zero" : e);
		/*
		 * msgctl(IPC_SET) hands msg_qbytes to the kernel as an int:
		 * 4G would become a queue of capacity 0.
		 */
		if (mk->qbytes > INT_MAX)
			usage_error(self, "invalid qbytes '%s': above %d bytes, "
			    "the most the kernel takes", arg, INT_MAX);
		mk->has_qbytes = 1;
		break;
	case OPT_NSEMS:
		if (parse_uint(arg, 1, INT32_MAX, &mk->nsems, &e) == -1)
			usage_error(self, "invalid nsems '%s': %s", arg, e);
		mk->has_nsems = 1;
		break;
	case OPT_VALUE:
		/* The type may come later: sem's bound is checked then. */
		if (parse_uint(arg, 0, SEM_VALUE_MAX, &v, &e) == -1)
			usage_error(self, "invalid value '%s': %s (0..%d for "
			    "sem, 0..%d for psem)", arg, e, SEMVMX,
			    SEM_VALUE_MAX);
		mk->value = v;
		mk->valuearg = arg;
		mk->has_value = 1;
		break;
	case OPT_MAXMSG:
		if (parse_uint(arg, 1, MQ_HARD_MAXMSG, &mk->maxmsg, &e) == -1)
			usage_error(self, "invalid maxmsg '%s': %s (1..%d)",
			    arg, e, MQ_HARD_MAXMSG);
		mk->has_maxmsg = 1;
		break;
	case OPT_MSGSIZE:
		if (parse_size(arg, &mk->msgsize, &e) == -1)
			usage_error(self, "invalid msgsize '%s': %s", arg, e);
		if (mk->msgsize == 0 || mk->msgsize > MQ_HARD_MSGSIZE)
			usage_error(self, "invalid msgsize '%s': %s (1..16M)",
			    arg, mk->msgsize == 0 ? "zero" : "too large");
		mk->has_msgsize = 1;
		break;
	case OPT_KEY:
		if (parse_key(arg, &mk->key, &e) == -1)
			usage_error(self, "invalid key '%s': %s", arg, e);
		mk->keysrc = mk->key == 0 ? KEY_PRIVATE : KEY_GIVEN;
		(*keyopts)++;
		break;
	case OPT_KEY_FILE:
		if (parse_key_file(arg, mk, &e) == -1)
			usage_error(self, "invalid key file '%s': %s", arg, e);
		mk->keysrc = KEY_FILE;
		(*keyopts)++;
		break;
	case OPT_PRIVATE:
		mk->keysrc = KEY_PRIVATE;
		(*keyopts)++;
		break;
	case OPT_MODE:
		if (parse_mode(arg, &mk->mode, &e) == -1)
			usage_error(self, "invalid mode '%s': %s", arg, e);
		break;
	case OPT_EXCLUSIVE:
		mk->exclusive = 1;
		break;
	case OPT_JSON:
		mk->json = 1;
		break;
	default:
		break;
	}
}

/* Check that the options fit the type; usage error otherwise. */
static void
create_check(const struct cmd_entry *self, const struct mk *mk)
{
	const char	*tn = type_name(mk->type);
	long		 semmsl;

	if (mk->has_size && mk->type != T_SHM && mk->type != T_PSHM)
		usage_error(self, "--size is for shm and pshm, not %s", tn);
	if (mk->has_qbytes && mk->type != T_MSG)
		usage_error(self, "--qbytes is for msg, not %s", tn);
	if (mk->has_nsems && mk->type != T_SEM)
		usage_error(self, "--nsems is for sem, not %s", tn);
	if (mk->has_value && mk->type != T_SEM && mk->type != T_PSEM)
		usage_error(self, "--value is for sem and psem, not %s", tn);
	if ((mk->has_maxmsg || mk->has_msgsize) && mk->type != T_PMQ)
		usage_error(self, "--%s is for pmq, not %s",
		    mk->has_maxmsg ? "maxmsg" : "msgsize", tn);
	if (mk->has_value && mk->type == T_SEM && mk->value > SEMVMX)
		usage_error(self, "invalid value '%s': too large (0..%d)",
		    mk->valuearg, SEMVMX);
	if ((mk->type == T_SHM || mk->type == T_PSHM) && !mk->has_size)
		usage_error(self, "%s needs --size", tn);
	if (mk->type == T_SEM && !mk->has_nsems)
		usage_error(self, "sem needs --nsems");
	if (mk->type == T_SEM && (semmsl = sysvctl_semmsl()) > 0 &&
	    mk->nsems > (uint64_t)semmsl)
		usage_error(self, "invalid nsems '%llu': above semmsl (%ld)",
		    (unsigned long long)mk->nsems, semmsl);
}

/* A random key that is neither IPC_PRIVATE nor 0xffffffff. */
static uint32_t
random_key(void)
{
	uint32_t	k;

	do {
		if (getrandom(&k, sizeof(k), 0) != sizeof(k))
			fatal("create: getrandom failed");
	} while (k == 0 || k == UINT32_MAX);
	return k;
}

/*
 * Undo a creation whose set-up failed; the caller has reported why.
 * Returns 1 (the exit status).
 */
static int
unmake(const struct mk *mk, int id)
{
	if (sysvctl_rm(mk->type, id) == -1)
		warn_("create: %s %d: could not remove the half-made resource",
		    type_name(mk->type), id);
	return 1;
}

/*
 * Make a SysV object.  *made tells a new object from an existing one of
 * the same key (given or ftok key, no --exclusive).  The id, or -1 with
 * the reason reported.
 */
static int
make_sysv(const struct mk *mk, uint32_t *key, int *made)
{
	uint64_t	 arg;
	uint32_t	 mode;
	int		 id, tries, flags;

	arg = mk->type == T_SHM ? mk->size : mk->nsems;
	mode = mk->mode & 0777;
	/* SETALL needs write permission; a read-only set gets its mode after. */
	if (mk->type == T_SEM && mk->has_value)
		mode |= 0200;
	*made = 1;
	if (mk->keysrc == KEY_PRIVATE) {
		*key = 0;
		return sysvctl_get(mk->type, 0, arg, IPC_CREAT | mode);
	}
	if (mk->keysrc == KEY_RANDOM) {
		for (tries = 0; tries < RANDOM_TRIES; tries++) {
			*key = random_key();
			id = sysvctl_get(mk->type, *key, arg,
			    IPC_CREAT | IPC_EXCL | mode);
			if (id != -1 || errno != EEXIST)
				return id;
		}
		return -1;
	}
	flags = IPC_CREAT | IPC_EXCL | mode;
	for (tries = 0; tries < 3; tries++) {
		if ((id = sysvctl_get(mk->type, *key, arg, flags)) != -1 ||
		    errno != EEXIST || mk->exclusive)
			return id;
		/* Not --exclusive: the existing object, as *get(2) gives it. */
		*made = 0;
		if ((id = sysvctl_get(mk->type, *key, arg, mode)) != -1 ||
		    errno != ENOENT)
			return id;
		*made = 1;
	}
	return -1;
}

/* Say why making failed, in the terms of the options. */
static void
make_failed(const struct mk *mk, uint32_t key)
{
	const char	*tn = type_name(mk->type);
	int		 saved = errno;

	if (saved == EEXIST && mk->keysrc != KEY_RANDOM)
		warnx_("create: %s key 0x%08x: already exists (--exclusive)",
		    tn, key);
	else if (saved == EEXIST)
		warnx_("create: %s: no free random key after %d tries", tn,
		    RANDOM_TRIES);
	else if (saved == EINVAL && mk->type == T_SHM)
		warnx_("create: shm of %llu bytes: %s (above shmmax, or larger "
		    "than the existing segment of that key)",
		    (unsigned long long)mk->size, strerror(saved));
	else if (saved == EINVAL && mk->type == T_SEM)
		warnx_("create: sem of %llu semaphores: %s (more than the "
		    "existing set of that key has)",
		    (unsigned long long)mk->nsems, strerror(saved));
	else if (saved == ENOSPC)
		warnx_("create: %s: %s (the system limit of %s is reached)", tn,
		    strerror(saved), mk->type == T_SHM ? "shmmni or shmall" :
		    mk->type == T_MSG ? "msgmni" : "semmni or semmns");
	else if (mk->keysrc == KEY_PRIVATE)
		warnx_("create: %s: %s", tn, strerror(saved));
	else
		warnx_("create: %s key 0x%08x: %s", tn, key, strerror(saved));
}

/* Apply --value and --qbytes to a just-made object; -1 on failure. */
static int
set_up(const struct mk *mk, int id)
{
	struct ipc_obj	 o;
	const char	*tn = type_name(mk->type);

	if (mk->type == T_SEM && mk->has_value) {
		if (sysvctl_setall(id, mk->nsems,
		    (unsigned short)mk->value) == -1) {
			warn_("create: sem %d: setting the values", id);
			return -1;
		}
		if (!(mk->mode & 0200) &&
		    sysvctl_set_mode(T_SEM, id, mk->mode) == -1) {
			warn_("create: sem %d: setting mode %04o", id,
			    (unsigned)mk->mode);
			return -1;
		}
	}
	if (mk->type == T_MSG && mk->has_qbytes &&
	    sysvctl_set_qbytes(id, mk->mode, mk->qbytes) == 0) {
		/* What the kernel kept, where it lets us read it back. */
		memset(&o, 0, sizeof(o));
		o.id = id;
		if (sysvctl_qbytes(&o) == 0 && o.u.msg.qbytes != mk->qbytes) {
			warnx_("create: %s %d: qbytes %llu: the kernel set %llu",
			    tn, id, (unsigned long long)mk->qbytes,
			    (unsigned long long)o.u.msg.qbytes);
			return -1;
		}
	} else if (mk->type == T_MSG && mk->has_qbytes) {
		if (errno == EPERM)
			warnx_("create: %s %d: qbytes %llu: %s (above msgmnb "
			    "needs CAP_SYS_RESOURCE)", tn, id,
			    (unsigned long long)mk->qbytes, strerror(errno));
		else
			warn_("create: %s %d: qbytes %llu", tn, id,
			    (unsigned long long)mk->qbytes);
		return -1;
	}
	return 0;
}

/* Print the new id, alone or as JSON. */
static void
print_made(const struct mk *mk, int id, uint32_t key)
{
	struct json	js;
	char		kbuf[16];

	if (!mk->json) {
		printf("%d\n", id);
		return;
	}
	snprintf(kbuf, sizeof(kbuf), "0x%08x", key);
	json_init(&js, stdout);
	json_open(&js, NULL, 0);
	json_str(&js, "type", type_name(mk->type));
	json_i64(&js, "id", id);
	json_str(&js, "key", kbuf);
	json_close(&js, 0);
}

/* Make a System V object as mk says; the exit status. */
static int
create_sysv(const struct mk *mk)
{
	uint32_t	key = mk->key;
	key_t		k;
	int		id, made;

	if (mk->keysrc == KEY_FILE) {
		if ((k = ftok(mk->keyfile, mk->proj)) == -1) {
			warn_("create: %s", mk->keyfile);
			return 1;
		}
		key = (uint32_t)k;
	}
	if ((id = make_sysv(mk, &key, &made)) == -1) {
		make_failed(mk, key);
		return 1;
	}
	if (!made)
		warnx_("create: %s key 0x%08x exists: id %d, left as it is "
		    "(--exclusive to fail instead)", type_name(mk->type), key,
		    id);
	else if (set_up(mk, id) == -1)
		return unmake(mk, id);
	print_made(mk, id, key);
	/* An id nobody can read makes a resource nobody will remove. */
	if (stdout_check() != 0) {
		if (!made)
			return 1;
		warnx_("create: %s %d: removed, as its id could not be "
		    "written", type_name(mk->type), id);
		return unmake(mk, id);
	}
	return 0;
}

/* Say why making a POSIX object failed, in the terms of the options. */
static void
make_posix_failed(const struct mk *mk, const char *ename)
{
	const char	*tn = type_name(mk->type);
	int		 saved = errno;

	if (saved == EEXIST)
		warnx_("create: %s %s: already exists (--exclusive)", tn,
		    ename);
	else if (saved == EINVAL && mk->type == T_PSHM)
		warnx_("create: %s %s: %s (it exists, smaller than %llu "
		    "bytes)", tn, ename, strerror(saved),
		    (unsigned long long)mk->size);
	else if (saved == EINVAL && mk->type == T_PMQ)
		warnx_("create: %s %s: %s (maxmsg or msgsize above "
		    "/proc/sys/fs/mqueue/msg_max or msgsize_max)", tn, ename,
		    strerror(saved));
	else if (saved == EMFILE && mk->type == T_PMQ)
		warnx_("create: %s %s: %s (maxmsg times msgsize is above this "
		    "user's RLIMIT_MSGQUEUE)", tn, ename, strerror(saved));
	else if (saved == ENOSPC && mk->type == T_PMQ)
		warnx_("create: %s %s: %s (/proc/sys/fs/mqueue/queues_max is "
		    "reached)", tn, ename, strerror(saved));
	else if (saved == ENOSYS && mk->type == T_PMQ)
		warnx_("create: %s %s: %s (this kernel has no POSIX message "
		    "queues)", tn, ename, strerror(saved));
	else
		warnx_("create: %s %s: %s", tn, ename, strerror(saved));
}

/* Print the POSIX object's name, escaped, or as JSON. */
static void
print_named(const struct mk *mk)
{
	struct json	js;
	char		buf[POSIX_NAME_LEN * 4];

	if (!mk->json) {
		fmt_escape(mk->name, 0, buf, sizeof(buf));
		printf("%s\n", buf);
		return;
	}
	json_init(&js, stdout);
	json_open(&js, NULL, 0);
	json_str(&js, "type", type_name(mk->type));
	json_str(&js, "name", mk->name);
	json_close(&js, 0);
}

/* Make a POSIX object as mk says; the exit status. */
static int
create_posix(const struct mk *mk)
{
	char	ename[POSIX_NAME_LEN * 4];
	int	r;

	fmt_escape(mk->name, 0, ename, sizeof(ename));
	if (mk->type == T_PSHM)
		r = posix_create_shm(mk->name, mk->size, mk->mode,
		    mk->exclusive);
	else if (mk->type == T_PMQ)
		r = posix_create_mq(mk->name, mk->maxmsg, mk->msgsize,
		    mk->mode, mk->exclusive);
	else
		r = posix_create_sem(mk->name, mk->value, mk->mode,
		    mk->exclusive);
	if (r == -1) {
		make_posix_failed(mk, ename);
		return 1;
	}
	if (r == 0)
		warnx_("create: %s %s exists: left as it is (--exclusive to "
		    "fail instead)", type_name(mk->type), ename);
	print_named(mk);
	if (stdout_check() != 0) {
		if (r == 0)
			return 1;
		if (posix_unlink(mk->type, mk->name) == -1)
			warn_("create: %s %s: could not remove the half-made "
			    "object", type_name(mk->type), ename);
		else
			warnx_("create: %s %s: removed, as its name could not "
			    "be written", type_name(mk->type), ename);
		return 1;
	}
	return 0;
}

static int
cmd_create_exec(const struct cmd_entry *self, struct args *args)
{
	struct mk	 mk;
	const char	*err;
	char		**argv = args->operands;
	size_t		 i;
	int		 t, r, keyopts = 0, opnd = 0, argc = args->noperands;

	memset(&mk, 0, sizeof(mk));
	mk.mode = 0644;
	for (i = 0; i < args->n; i++)
		create_option(self, &mk, args->v[i].id, args->v[i].value,
		    &keyopts);
	if (keyopts > 1)
		usage_error(self, "--key, --key-file and --private are "
		    "mutually exclusive");
	if (opnd == argc)
		usage_error(self, "missing type: shm, msg, sem, pshm, pmq or "
		    "psem");
	if ((t = type_from_name(argv[opnd])) == -1)
		usage_error(self, "unknown type '%s'", fmt_esc(argv[opnd]));
	mk.type = (enum ipc_type)t;
	if (TBIT(t) & TYPES_POSIX) {
		if (keyopts > 0)
			usage_error(self, "%s objects have names, not keys: "
			    "--key, --key-file and --private are for shm, msg "
			    "and sem", type_name(mk.type));
		if (++opnd == argc)
			usage_error(self, "missing name: create %s NAME",
			    type_name(mk.type));
		if (posix_name_arg(mk.type, argv[opnd], mk.name,
		    sizeof(mk.name), &err) == -1)
			usage_error(self, "invalid name '%s': %s",
			    fmt_esc(argv[opnd]), err);
	}
	if (opnd + 1 < argc)
		usage_error(self, "unexpected argument '%s'",
		    fmt_esc(argv[opnd + 1]));
	create_check(self, &mk);
	if (ns_enter_arg() == -1)
		r = 1;
	else if (TBIT(t) & TYPES_POSIX)
		r = create_posix(&mk);
	else
		r = create_sysv(&mk);
	free(mk.keyfile);
	return r;
}

/* The options of each type, which the help gives with the types. */
static const struct cmd_option create_type_table[] = {
	{ 0, "size", ARG_REQUIRED, OPT_SIZE, "SIZE", NULL },
	{ 0, "qbytes", ARG_REQUIRED, OPT_QBYTES, "SIZE", NULL },
	{ 0, "nsems", ARG_REQUIRED, OPT_NSEMS, "N", NULL },
	{ 0, "value", ARG_REQUIRED, OPT_VALUE, "V", NULL },
	{ 0, "maxmsg", ARG_REQUIRED, OPT_MAXMSG, "N", NULL },
	{ 0, "msgsize", ARG_REQUIRED, OPT_MSGSIZE, "SIZE", NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_option create_table[] = {
	{ 0, "key", ARG_REQUIRED, OPT_KEY, "KEY",
	    "this key (hex 0x.., decimal or octal)" },
	{ 0, "key-file", ARG_REQUIRED, OPT_KEY_FILE, "PATH[:PROJ]",
	    "the key ftok(PATH, PROJ) makes;\n"
	    "PROJ 1..255 or one character, default 1" },
	{ 0, "private", ARG_NONE, OPT_PRIVATE, NULL,
	    "IPC_PRIVATE: no key (same as --key 0)\n"
	    "(default: a random unused key)" },
	{ 0, "mode", ARG_REQUIRED, OPT_MODE, "OCTAL",
	    "permissions: 600, 0600 or 0o600 (default\n"
	    "0644); POSIX "
"objects get exactly it,\n"
	    "umask aside" },
	{ 0, "exclusive", ARG_NONE, OPT_EXCLUSIVE, NULL,
	    "fail if the key or name exists\n"
	    "(default: print the existing\n"
	    "resource's id or name, left as it is)" },
	{ 'J', "json", ARG_NONE, OPT_JSON, NULL,
	    "print {\"type\",\"id\",\"key\"}, or\n"
	    "{\"type\",\"name\"} for POSIX objects" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec create_sections[] = {
	{ NULL, create_type_table },
	{ "Common options", create_table },
	{ NULL, help_options },
	{ NULL, NULL }
};

const struct cmd_entry cmd_create_entry = {
	.name = "create",
	.alias = "mk",
	.summary = "make a System V or POSIX segment, queue or semaphore",
	.usage = "create shm --size SIZE | msg [--qbytes SIZE] | "
	    "sem --nsems N [--value V]  [COMMON]\n"
	    "       ipctool create pshm NAME --size SIZE | pmq NAME [--maxmsg N] "
	    "[--msgsize SIZE] |\n"
	    "                      psem NAME [--value V]  [--mode OCTAL] "
	    "[--exclusive] [-J]",
	.help =
	    "\n"
	    "Make a System V resource and print its id, or a POSIX object and\n"
	    "print its name.\n"
	    "\n"
	    "  shm --size SIZE          a shared memory segment of SIZE bytes\n"
	    "  msg [--qbytes SIZE]      a message queue, of capacity SIZE\n"
	    "  sem --nsems N            a set of N semaphores (1..semmsl)\n"
	    "      [--value V]          each set to V (0..32767; default 0)\n"
	    "  pshm NAME --size SIZE    a POSIX shared memory object\n"
	    "  pmq NAME                 a POSIX message queue, of at most\n"
	    "      [--maxmsg N]         N messages (1..65536; default:\n"
	    "                           /proc/sys/fs/mqueue/msg_default)\n"
	    "      [--msgsize SIZE]     of SIZE bytes each (1..16M; default:\n"
	    "                           /proc/sys/fs/mqueue/msgsize_default)\n"
	    "  psem NAME [--value V]    a named semaphore (0..2147483647;\n"
	    "                           default 0)\n"
	    "  NAME: with or without its leading '/', no other '/'.\n",
	.options = create_sections,
	.help_end =
	    "\n"
	    "SIZE takes K, M, G, T, P, E suffixes (powers of 1024, optional iB).\n",
	.exec = cmd_create_exec,
};
