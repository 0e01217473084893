/* SPDX-License-Identifier: ISC */
/*
 * pers-ipcmk.c - the ipcmk personality: util-linux 2.38's ipcmk options,
 * output and errors.  Like ipcmk, each object gets a random key.
 */
#include <sys/random.h>

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

/*
 * util-linux 2.38's options, in its order (an ambiguous abbreviation
 * lists them so); the letter is what ipcmk_run() reads.
 */
static const struct cmd_option ipcmk_options[] = {
	{ 'M', "shmem", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'S', "semaphore", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'Q', "queue", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'p', "mode", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'V', "version", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'h', "help", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec ipcmk_secs[] = {
	{ NULL, ipcmk_options },
	{ NULL, NULL }
};

static int
ipcmk_usage(const char *name)
{
	printf("\nUsage:\n"
	    " %s [options]\n"
	    "\nCreate various IPC resources.\n"
	    "\nOptions:\n"
	    " -M, --shmem <size>       create shared memory segment of size "
	    "<size>\n"
	    " -S, --semaphore <number> create semaphore array with <number> "
	    "elements\n"
	    " -Q, --queue              create message queue\n"
	    " -p, --mode <mode>        permission for the resource (default "
	    "is 0644)\n"
	    "\n"
	    " -h, --help               display this help\n"
	    " -V, --version            display version\n"
	    "\nArguments:\n"
	    " <size> arguments may be followed by the suffixes for\n"
	    "   GiB, TiB, PiB, EiB, ZiB, and YiB (the \"iB\" is optional)\n"
	    "\nFor more details see ipcmk(1).\n", name);
	return pers_stdout(name, 0);
}

/* A random key, as ipcmk picks one. */
static uint32_t
ipcmk_key(void)
{
	uint32_t	key;

	if (getrandom(&key, sizeof(key), 0) != (ssize_t)sizeof(key))
		arc4random_buf(&key, sizeof(key));
	return key;
}

/*
 * A size exactly as util-linux 2.38's ipcmk reads one, so that the same
 * argument makes the same segment: the number as strtoumax(3) with base
 * 0 reads it (010 is octal, 0x10 hex), a fraction only before a unit,
 * units K M G T P E Z Y in either case alone or with "iB"/"ib" (1024) or
 * "B"/"b" (1000), and the fraction's digits scaled one at a time, each
 * rounded down (1.25K is 1279 there).  ipctool's own parse_size rounds
 * the exact value instead.  0, or EINVAL or ERANGE.
 */
static int
ul_size(const char *s, uint64_t *out)
{
	static const char	 units[] = "KMGTPEZY";
	const char		*u;
	char			*p;
	uintmax_t		 v, frac = 0, mult = 1, fdiv, poz, seg, sdiv;
	uintmax_t		 x = 0;
	unsigned		 base = 1024;
	int			 zeros = 0, dot = 0, pwr, i;

	if (*s == '-')
		return EINVAL;
	errno = 0;
	v = strtoumax(s, &p, 0);
	if (p == s)
		return EINVAL;
	if (errno == ERANGE)
		return ERANGE;
	if (*p == '.') {
		dot = 1;
		for (p++; *p == '0'; p++)
			zeros++;
		if (isdigit((unsigned char)*p)) {
			errno = 0;
			frac = strtoumax(p, &p, 10);
			if (errno == ERANGE)
				return ERANGE;
		}
	}
	if (*p == '\0') {
		if (dot)
			return EINVAL;
		*out = v;
		return 0;
	}
	if ((u = strchr(units, toupper((unsigned char)*p))) == NULL)
		return EINVAL;
	pwr = (int)(u - units) + 1;
	p++;
	if (p[0] == 'i' && (p[1] == 'B' || p[1] == 'b') && p[2] == '\0')
		p += 2;
	else if ((p[0] == 'B' || p[0] == 'b') && p[1] == '\0') {
		base = 1000;
		p++;
	}
	if (*p != '\0')
		return EINVAL;
	for (i = 0; i < pwr; i++) {
		if (mult > UINTMAX_MAX / base)
			return ERANGE;
		mult *= base;
	}
	if (v > UINTMAX_MAX / mult)
		return ERANGE;
	*out = v * mult;
	if (frac == 0)
		return 0;
	for (fdiv = 10; fdiv < frac; fdiv *= 10)
		if (fdiv > UINTMAX_MAX / 10)
			return ERANGE;
	for (i = 0; i < zeros; i++) {
		if (fdiv > UINTMAX_MAX / 10)
			return ERANGE;
		fdiv *= 10;
	}
	for (poz = 1; frac != 0; poz *= 10) {
		seg = frac % 10;
		sdiv = fdiv / poz;
		frac /= 10;
		if (seg != 0 && sdiv / seg != 0)
			x += mult / (sdiv / seg);
	}
	if (*out + x < *out)
		return ERANGE;
	*out += x;
	return 0;
}

/* -M's size, as ipcmk reads it (blanks may lead); -1 after the error. */
static int
ipcmk_size(const char *name, const char *arg, uint64_t *size)
{
	const char	*s = arg;
	int		 err;

	while (isspace((unsigned char)*s))
		s++;
	if ((err = ul_size(s, size)) == 0)
		return 0;
	pers_warn(name, err, "failed to parse size: '%s'", arg);
	return -1;
}

/* -p's mode: octal as strtoul reads it; -1 after ipcmk's odd error. */
static int
ipcmk_mode(const char *name, const char *arg, int *mode)
{
	unsigned long	 v;
	char		*end = NULL;

	errno = 0;
	v = strtoul(arg, &end, 8);
	if (errno != 0 || end == arg || *end != '\0') {
		/* ipcmk reports errno even when it is 0 ("Success"). */
		fprintf(stderr, "%s: failed to parse mode: %s\n", name,
		    strerror(errno));
		return -1;
	}
	*mode = (int)v;
	return 0;
}

/* Make what was asked, shm then queue then semaphores, as ipcmk does. */
static int
ipcmk_make(const char *name, const uint64_t *size, int queue,
    const int *nsems, int mode)
{
	int	id;

	if (size != NULL) {
		if ((id = sysvctl_get(T_SHM, ipcmk_key(), *size,
		    mode | IPC_CREAT)) == -1) {
			pers_warn(name, errno, "create share memory failed");
			return 1;
		}
		printf("Shared memory id: %d\n", id);
	}
	if (queue) {
		if ((id = sysvctl_get(T_MSG, ipcmk_key(), 0,
		    mode | IPC_CREAT)) == -1) {
			pers_warn(name, errno, "create message queue failed");
			return 1;
		}
		printf("Message queue id: %d\n", id);
	}
	if (nsems != NULL) {
		/* semget takes an int: a negative count is its EINVAL. */
		if ((id = sysvctl_get(T_SEM, ipcmk_key(),
		    (uint64_t)(uint32_t)*nsems, mode | IPC_CREAT)) == -1) {
			pers_warn(name, errno, "create semaphore failed");
			return 1;
		}
		printf("Semaphore id: %d\n", id);
	}
	return 0;
}

/*
 * Act on the options of a in order, as ipcmk on getopt's answers, then on
 * the mistake that ended them; the exit status.
 */
static int
ipcmk_run(const char *name, const struct args *a)
{
	const char	*arg;
	uint64_t	 size = 0;
	size_t		 i;
	int		 doshm = 0, queue = 0, dosem = 0, nsems = 0;
	int		 mode = 0644, r;

	for (i = 0; i < a->n; i++) {
		arg = a->v[i].value;
		switch (a->v[i].opt->letter) {
		case 'M':
			if (ipcmk_size(name, arg, &size) == -1)
				return 1;
			doshm = 1;
			break;
		case 'Q':
			queue = 1;
			break;
		case 'S':
			if (pers_s32(name, "failed to parse elements", arg,
			    &nsems) == -1)
				return 1;
			dosem = 1;
			break;
		case 'p':
			if (ipcmk_mode(name, arg, &mode) == -1)
				return 1;
			break;
		case 'h':
			return ipcmk_usage(name);
		case 'V':
			return pers_version(name);
		}
	}
	if (a->error != NULL) {
		fputs(a->error, stderr);
		return pers_tryhelp(name);
	}
	if (!doshm && !queue && !dosem) {
		pers_warn(name, 0, "bad usage");
		return pers_tryhelp(name);
	}
	r = ipcmk_make(name, doshm ? &size : NULL, queue,
	    dosem ? &nsems : NULL, mode);
	return pers_stdout(name, r);
}

/* ipcmk [-M SIZE] [-Q] [-S NSEMS] [-p MODE] */
int
ipcmk_main(int argc, char **argv)
{
	struct args	a;
	int		r;

	args_parse(NULL, ipcmk_secs, ARGS_GNU, argc, argv, &a);
	r = ipcmk_run(pers_name(argv[0]), &a);
	args_free(&a);
	return r;
}
