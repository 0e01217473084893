/* SPDX-License-Identifier: ISC */
/*
 * parse.c - strict parsers for what users type: ids, keys, sizes, modes,
 * durations, users, groups and type words.
 *
 * Each parser takes the whole string or fails: no blanks, no trailing
 * text, no sign where none makes sense, no overflow.  On failure *errstr
 * names the problem in a few words, for "invalid key 'x': out of range".
 */
#include <ctype.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdint.h>
#include <string.h>

#include "ipctool.h"

/* Parse unsigned digits of one base; the whole string must be digits. */
static int
parse_digits(const char *s, int base, uint64_t *out, const char **errstr)
{
	uint64_t	v = 0;
	unsigned	d;

	if (*s == '\0') {
		*errstr = "not a number";
		return -1;
	}
	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s))
			d = (unsigned)(*s - '0');
		else if (base == 16 && isxdigit((unsigned char)*s))
			d = (unsigned)(tolower((unsigned char)*s) - 'a' + 10);
		else {
			*errstr = "not a number";
			return -1;
		}
		if (d >= (unsigned)base) {
			*errstr = "not a number";
			return -1;
		}
		if (v > (UINT64_MAX - d) / (unsigned)base) {
			*errstr = "out of range";
			return -1;
		}
		v = v * (unsigned)base + d;
	}
	*out = v;
	return 0;
}

/* Parse a number in C notation: 0x hex, leading-0 octal, or decimal. */
static int
parse_cnum(const char *s, uint64_t *out, const char **errstr)
{
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return parse_digits(s + 2, 16, out, errstr);
	if (s[0] == '0' && s[1] != '\0')
		return parse_digits(s + 1, 8, out, errstr);
	return parse_digits(s, 10, out, errstr);
}

/*
 * Parse an IPC key: hex, octal or decimal in 0..0xffffffff, or a negative
 * decimal as the kernel prints keys in /proc/sysvipc (-2147483647).
 */
int
parse_key(const char *s, uint32_t *key, const char **errstr)
{
	uint64_t	v;

	if (s[0] == '-') {
		if (parse_digits(s + 1, 10, &v, errstr) == -1)
			return -1;
		if (v == 0 || v > (uint64_t)INT32_MAX + 1) {
			*errstr = "out of range";
			return -1;
		}
		*key = (uint32_t)(0x100000000ULL - v);
		return 0;
	}
	if (parse_cnum(s, &v, errstr) == -1)
		return -1;
	if (v > UINT32_MAX) {
		*errstr = "out of range";
		return -1;
	}
	*key = (uint32_t)v;
	return 0;
}

/* Parse a decimal IPC id, 0..INT_MAX. */
int
parse_id(const char *s, int *id, const char **errstr)
{
	uint64_t	v;

	if (parse_uint(s, 0, INT_MAX, &v, errstr) == -1)
		return -1;
	*id = (int)v;
	return 0;
}

/* Parse a decimal number in [min, max]. */
int
parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out,
    const char **errstr)
{
	uint64_t	v;

	if (parse_digits(s, 10, &v, errstr) == -1)
		return -1;
	if (v < min || v > max) {
		*errstr = v < min ? "too small" : "too large";
		return -1;
	}
	*out = v;
	return 0;
}

/*
 * The digits of a size: hex after "0x", else decimal with an optional
 * fraction (which parse_size allows only before a unit).  *ip is the
 * whole part, *fp and *fdiv the fraction as fp/fdiv, *pp what follows.
 * Fraction digits past the 18th are checked but no longer count.
 */
static int
size_number(const char *s, uint64_t *ip, uint64_t *fp, uint64_t *fdiv,
    const char **pp, const char **errstr)
{
	const char	*p = s;
	uint64_t	 v = 0, f = 0, div = 1;
	unsigned	 d, base = 10;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!(base == 16 ? isxdigit((unsigned char)*p) :
	    isdigit((unsigned char)*p))) {
		*errstr = "not a size";
		return -1;
	}
	for (; base == 16 ? isxdigit((unsigned char)*p) :
	    isdigit((unsigned char)*p); p++) {
		d = isdigit((unsigned char)*p) ? (unsigned)(*p - '0') :
		    (unsigned)(tolower((unsigned char)*p) - 'a' + 10);
		if (v > (UINT64_MAX - d) / base) {
			*errstr = "out of range";
			return -1;
		}
		v = v * base + d;
	}
	if (base == 10 && *p == '.') {
		if (!isdigit((unsigned char)*++p)) {
			*errstr = "not a size";
			return -1;
		}
		for (; isdigit((unsigned char)*p); p++)
			if (div <= UINT64_MAX / 100) {
				f = f * 10 + (uint64_t)(*p - '0');
				div *= 10;
			}
	}
	*ip = v;
	*fp = f;
	*fdiv = div;
	*pp = p;
	return 0;
}

/*
 * Parse a size as util-linux reads one: decimal or 0x hex, then
 * optionally a unit K M G T P E Z Y (either case) alone or with "iB"
 * (powers of 1024) or with "B" (powers of 1000); a lone "B" is bytes.  A
 * decimal fraction (1.5M) needs a unit; the result is rounded down.
 * Nothing else may follow, and no sign or blank may lead.
 */
int
parse_size(const char *s, uint64_t *out, const char **errstr)
{
	static const char	 units[] = "kmgtpezy";
	const char		*p, *u;
	unsigned __int128	 mult = 1, v;
	uint64_t		 ip, fp, fdiv, base = 1024;
	int			 pwr = 0, i;

	if (size_number(s, &ip, &fp, &fdiv, &p, errstr) == -1)
		return -1;
	if ((*p == 'b' || *p == 'B') && p[1] == '\0')
		p++;
	else if (*p != '\0' && (u = strchr(units,
	    tolower((unsigned char)*p))) != NULL) {
		pwr = (int)(u - units) + 1;
		p++;
		if (p[0] == 'i' && (p[1] == 'B' || p[1] == 'b') && p[2] == '\0')
			p += 2;
		else if ((p[0] == 'B' || p[0] == 'b') && p[1] == '\0') {
			p++;
			base = 1000;
		}
	}
	if (*p != '\0' || (fdiv > 1 && pwr == 0)) {
		*errstr = "not a size";
		return -1;
	}
	for (i = 0; i < pwr; i++)
		mult *= base;
	v = (unsigned __int128)ip * mult;
	/* fp < fdiv <= 10^18 and mult <= 1024^8: neither product overflows. */
	if (fp != 0)
		v += fp * (mult / fdiv) + fp * (mult % fdiv) / fdiv;
	if ((ip != 0 && mult > UINT64_MAX) || v > UINT64_MAX) {
		*errstr = "out of range";
		return -1;
	}
	*out = (uint64_t)v;
	return 0;
}

/*
 * Parse an octal mode, at most 07777: 600, 0600 or 0o600 (as Python and
 * YAML write it).  Any other digit or character is "not octal".
 */
int
parse_mode(const char *s, uint32_t *mode, const char **errstr)
{
	uint32_t	v = 0;

	if (s[0] == '0' && (s[1] == 'o' || s[1] == 'O'))
		s += 2;
	if (*s == '\0') {
		*errstr = "not octal";
		return -1;
	}
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '7') {
			*errstr = "not octal";
			return -1;
		}
		/* Stop before it could overflow; the rest must be octal. */
		if (v <= 07777)
			v = v * 8 + (uint32_t)(*s - '0');
	}
	if (v > 07777) {
		*errstr = "above 07777";
		return -1;
	}
	*mode = v;
	return 0;
}

/* Parse a duration: seconds, or a number with s, m, h, d or w. */
int
parse_duration(const char *s, int64_t *out, const char **errstr)
{
	char		 num[32];
	const char	*p;
	uint64_t	 v, mult = 1;
	size_t		 len;

	for (p = s; isdigit((unsigned char)*p); p++)
		;
	len = (size_t)(p - s);
	for (; len > 1 && *s == '0'; s++)
		len--;
	if (len == 0 || len >= sizeof(num)) {
		*errstr = len == 0 ? "not a duration" : "out of range";
		return -1;
	}
	if (*p != '\0') {
		if (p[1] != '\0') {
			*errstr = "not a duration";
			return -1;
		}
		switch (*p) {
		case 's':
			break;
		case 'm':
			mult = 60;
			break;
		case 'h':
			mult = 3600;
			break;
		case 'd':
			mult = 86400;
			break;
		case 'w':
			mult = 7 * 86400;
			break;
		default:
			*errstr = "not a duration";
			return -1;
		}
	}
	memcpy(num, s, len);
	num[len] = '\0';
	if (parse_digits(num, 10, &v, errstr) == -1)
		return -1;
	/* Keep now - duration representable. */
	if (v > (uint64_t)(INT64_MAX / 4) / mult) {
		*errstr = "out of range";
		return -1;
	}
	*out = (int64_t)(v * mult);
	return 0;
}

/* Parse a user: a name known to the system, or a numeric uid. */
int
parse_user(const char *s, uid_t *uid, const char **errstr)
{
	struct passwd	*pw;
	uint64_t	 v;
	const char	*e;

	if (parse_uint(s, 0, UINT32_MAX - 1, &v, &e) == 0) {
		*uid = (uid_t)v;
		return 0;
	}
	if ((pw = getpwnam(s)) == NULL) {
		*errstr = "no such user";
		return -1;
	}
	*uid = pw->pw_uid;
	return 0;
}

/* Parse a group: a name known to the system, or a numeric gid. */
int
parse_group(const char *s, gid_t *gid, const char **errstr)
{
	struct group	*gr;
	uint64_t	 v;
	const char	*e;

	if (parse_uint(s, 0, UINT32_MAX - 1, &v, &e) == 0) {
		*gid = (gid_t)v;
		return 0;
	}
	if ((gr = getgrnam(s)) == NULL) {
		*errstr = "no such group";
		return -1;
	}
	*gid = gr->gr_gid;
	return 0;
}

static const struct {
	const char	*name;
	const char	*title;
} types[T_NTYPES] = {
	[T_SHM] = { "shm", "Shared Memory Segments" },
	[T_MSG] = { "msg", "Message Queues" },
	[T_SEM] = { "sem", "Semaphore Arrays" },
	[T_PSHM] = { "pshm", "POSIX Shared Memory" },
	[T_PMQ] = { "pmq", "POSIX Message Queues" },
	[T_PSEM] = { "psem", "POSIX Semaphores" },
};

/* The word for a type, as on the command line and in JSON. */
const char *
type_name(enum ipc_type t)
{
	return types[t].name;
}

/* The section title for a type, as ipcs has them. */
const char *
type_title(enum ipc_type t)
{
	return types[t].title;
}

/* The type named by a single-type word, or -1. */
int
type_from_name(const char *s)
{
	int	t;

	for (t = 0; t < T_NTYPES; t++)
		if (strcmp(s, types[t].name) == 0)
			return t;
	return -1;
}

/* Add the types a word names (shm ... all) to *mask; -1 if not a type. */
int
parse_type(const char *s, unsigned *mask)
{
	int	t;

	if ((t = type_from_name(s)) != -1)
		*mask |= TBIT(t);
	else if (strcmp(s, "sysv") == 0)
		*mask |= TYPES_SYSV;
	else if (strcmp(s, "posix") == 0)
		*mask |= TYPES_POSIX;
	else if (strcmp(s, "all") == 0)
		*mask |= TYPES_ALL;
	else
		return -1;
	return 0;
}

/* Add the types an ipcs-style flag (-m -q -s -a) names; -1 if none. */
int
parse_type_flag(int ch, unsigned *mask)
{
	switch (ch) {
	case 'm':
		*mask |= TBIT(T_SHM);
		return 0;
	case 'q':
		*mask |= TBIT(T_MSG);
		return 0;
	case 's':
		*mask |= TBIT(T_SEM);
		return 0;
	case 'a':
		*mask |= TYPES_ALL;
		return 0;
	}
	return -1;
}

/* A --time-format argument: short, full, iso or relative. */
int
parse_time_format(const char *s, enum time_fmt *tf)
{
	static const char *const	names[] = {
		[TF_SHORT] = "short", [TF_FULL] = "full", [TF_ISO] = "iso",
		[TF_RELATIVE] = "relative"
	};
	size_t				i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i]) == 0) {
			*tf = (enum time_fmt)i;
			return 0;
		}
	}
	return -1;
}

/*
 * Parse seconds with up to three decimals ("2", "0.5", ".25") into
 * milliseconds, at most a day (SECONDS_MAX_MS).
 */
int
parse_seconds(const char *s, int64_t *ms, const char **errstr)
{
	int64_t	whole = 0, frac = 0;
	int	nd = 0, nf = 0;

	*errstr = "not a number of seconds";
	for (; *s >= '0' && *s <= '9'; s++, nd++) {
		whole = whole * 10 + (*s - '0');
		if (whole > SECONDS_MAX_MS / 1000) {
			*errstr = "too large";
			return -1;
		}
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, nf++) {
			if (nf == 3) {
				*errstr = "more than three decimals";
				return -1;
			}
			frac = frac * 10 + (*s - '0');
		}
	if (*s != '\0' || (nd == 0 && nf == 0))
		return -1;
	for (; nf < 3; nf++)
		frac *= 10;
	*ms = whole * 1000 + frac;
	if (*ms > SECONDS_MAX_MS) {
		*errstr = "too large";
		return -1;
	}
	return 0;
}
