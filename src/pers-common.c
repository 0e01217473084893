/* SPDX-License-Identifier: ISC */
/*
 * pers-common.c - what the ipcs, ipcrm and ipcmk personalities share:
 * their name for messages, util-linux's message shapes ("NAME: what" and
 * "Try 'NAME --help'"), and its number parsers with their exact errors.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipctool.h"

/* The name a personality goes by in messages: argv[0]'s last component. */
const char *
pers_name(const char *argv0)
{
	const char	*p;

	if ((p = strrchr(argv0, '/')) != NULL)
		return p + 1;
	return argv0;
}

/* "NAME: message", then ": strerror(err)" if err is not 0, on stderr. */
void
pers_warn(const char *name, int err, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (err != 0)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}

/* util-linux's pointer to --help after a usage error; returns 1. */
int
pers_tryhelp(const char *name)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", name);
	return 1;
}

/*
 * util-linux's check of stdout at exit: a write error other than a
 * closed pipe is "NAME: write error: REASON" and status 1; else rc.
 */
int
pers_stdout(const char *name, int rc)
{
	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout)) {
		if (errno == EPIPE)
			return rc;
		if (errno == 0)
			pers_warn(name, 0, "write error");
		else
			pers_warn(name, errno, "write error");
		return 1;
	}
	return rc;
}

/* What -V prints: util-linux's shape, ipctool's own version. */
int
pers_version(const char *name)
{
	printf("%s from %s %s\n", name, PROGNAME, PACKAGE_VERSION);
	return pers_stdout(name, 0);
}

/*
 * A signed 32-bit decimal as util-linux's strtos32_or_err reads it
 * (leading blanks and a sign allowed, nothing after); on failure print
 * "NAME: WHAT: 'S'" (with strerror for a number out of range) and
 * return -1.
 */
int
pers_s32(const char *name, const char *what, const char *s, int *out)
{
	char		*end;
	intmax_t	 v;

	errno = 0;
	if (*s == '\0') {
		pers_warn(name, 0, "%s: '%s'", what, s);
		return -1;
	}
	v = strtoimax(s, &end, 10);
	if (errno == 0 && (v < INT32_MIN || v > INT32_MAX))
		errno = ERANGE;
	if (errno == ERANGE) {
		pers_warn(name, ERANGE, "%s: '%s'", what, s);
		return -1;
	}
	if (errno != 0 || end == s || *end != '\0') {
		pers_warn(name, 0, "%s: '%s'", what, s);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/*
 * Whether the caller may read o (the kernel's ipcperms for S_IRUGO, with
 * root taken to have CAP_IPC_OWNER): what *_STAT and IPC_STAT need, and
 * so what util-linux's tools see there, where ipctool's *_STAT_ANY sees
 * everything.
 */
int
pers_readable(const struct ipc_obj *o)
{
	gid_t	groups[256];
	uid_t	euid = geteuid();
	gid_t	egid = getegid();
	int	n, i, shift = 0;

	if (euid == 0)
		return 1;
	if (euid == o->uid || euid == o->cuid)
		shift = 6;
	else if (egid == o->gid || egid == o->cgid)
		shift = 3;
	else if ((n = getgroups(256, groups)) > 0)
		for (i = 0; i < n && shift == 0; i++)
			if (groups[i] == o->gid || groups[i] == o->cgid)
				shift = 3;
	return (o->mode >> shift) & 04;
}
