/* SPDX-License-Identifier: ISC */
/*
 * sysvipc.c - parsers for /proc/sysvipc/{shm,msg,sem}.
 *
 * Pure string-in, struct-out: the caller reads the file and feeds it in
 * chunks of any size.  The header line names the columns, so kernels
 * with and without shm's rss/swap columns parse alike.  Keys come as
 * signed decimals.  A row the kernel repeats (5.6.8-5.6.13 did) is kept
 * once.  A malformed line is skipped and counted; one warning per file.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

enum field {
	F_KEY, F_ID, F_PERMS, F_UID, F_GID, F_CUID, F_CGID, F_CTIME,
	F_SIZE, F_CPID, F_LPID, F_NATTCH, F_ATIME, F_DTIME, F_RSS, F_SWAP,
	F_CBYTES, F_QNUM, F_LSPID, F_LRPID, F_STIME, F_RTIME,
	F_NSEMS, F_OTIME,
	F_IGNORED
};

static const struct {
	const char	*name;
	enum field	 f;
} field_names[] = {
	{ "key", F_KEY }, { "shmid", F_ID }, { "msqid", F_ID },
	{ "semid", F_ID }, { "perms", F_PERMS }, { "uid", F_UID },
	{ "gid", F_GID }, { "cuid", F_CUID }, { "cgid", F_CGID },
	{ "ctime", F_CTIME }, { "size", F_SIZE }, { "cpid", F_CPID },
	{ "lpid", F_LPID }, { "nattch", F_NATTCH }, { "atime", F_ATIME },
	{ "dtime", F_DTIME }, { "rss", F_RSS }, { "swap", F_SWAP },
	{ "cbytes", F_CBYTES }, { "qnum", F_QNUM }, { "lspid", F_LSPID },
	{ "lrpid", F_LRPID }, { "stime", F_STIME }, { "rtime", F_RTIME },
	{ "nsems", F_NSEMS }, { "otime", F_OTIME },
};

#define MAXFIELDS	32
#define MAXLINE		1024

/* Fields every row of a type must have. */
static const enum field required[T_SEM + 1][16] = {
	[T_SHM] = { F_KEY, F_ID, F_PERMS, F_SIZE, F_CPID, F_LPID, F_NATTCH,
	    F_UID, F_GID, F_CUID, F_CGID, F_ATIME, F_DTIME, F_CTIME,
	    F_IGNORED },
	[T_MSG] = { F_KEY, F_ID, F_PERMS, F_CBYTES, F_QNUM, F_LSPID, F_LRPID,
	    F_UID, F_GID, F_CUID, F_CGID, F_STIME, F_RTIME, F_CTIME,
	    F_IGNORED },
	[T_SEM] = { F_KEY, F_ID, F_PERMS, F_NSEMS, F_UID, F_GID, F_CUID,
	    F_CGID, F_OTIME, F_CTIME, F_IGNORED },
};

struct sysv_parser {
	enum ipc_type	 type;
	struct ipc_set	*set;
	enum field	 map[MAXFIELDS];
	int		 nfields;	/* 0 until the header is read */
	int		 bad_header;
	int		 has_rss;
	size_t		 malformed;
	char		 line[MAXLINE];
	size_t		 len;
	int		 overlong;	/* dropping the rest of a long line */
	struct idset	 seen;		/* the ids kept so far */
};

/* Create a parser that appends objects of type t to set. */
struct sysv_parser *
sysv_parser_new(enum ipc_type t, struct ipc_set *set)
{
	struct sysv_parser	*p;

	p = xcalloc(1, sizeof(*p));
	p->type = t;
	p->set = set;
	return p;
}

/* Split a line on blanks in place; returns the number of words. */
static int
split(char *s, char **words, int max)
{
	int	n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			return n;
		if (n == max)
			return max + 1;
		words[n++] = s;
		while (*s != '\0' && *s != ' ' && *s != '\t')
			s++;
		if (*s != '\0')
			*s++ = '\0';
	}
}

/* Read the header's column names into the field map. */
static void
parse_header(struct sysv_parser *p, char *line)
{
	char	*w[MAXFIELDS + 1];
	int	 n, i, r;
	size_t	 j;
	int	 have[F_IGNORED + 1] = { 0 };

	n = split(line, w, MAXFIELDS);
	if (n > MAXFIELDS || n == 0) {
		p->bad_header = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		p->map[i] = F_IGNORED;
		for (j = 0; j < sizeof(field_names) / sizeof(field_names[0]);
		    j++) {
			if (strcmp(w[i], field_names[j].name) == 0) {
				p->map[i] = field_names[j].f;
				break;
			}
		}
		have[p->map[i]] = 1;
	}
	for (r = 0; required[p->type][r] != F_IGNORED; r++) {
		if (!have[required[p->type][r]]) {
			p->bad_header = 1;
			return;
		}
	}
	if (p->type == T_SHM && have[F_RSS] && have[F_SWAP])
		p->has_rss = 1;
	p->nfields = n;
}

/* Parse n bytes of decimal, optionally signed; 0 on success. */
static int
number(const char *s, size_t n, int sign_ok, int64_t *sv, uint64_t *uv)
{
	uint64_t	v = 0;
	size_t		i = 0;
	int		neg = 0;

	if (n > 0 && *s == '-' && sign_ok) {
		neg = 1;
		i++;
	}
	if (i == n)
		return -1;
	/* Up to 19 digits cannot overflow 64 bits: check only longer ones. */
	for (; i < n; i++) {
		if ((unsigned)(s[i] - '0') > 9)
			return -1;
		if (n > 19 && v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (neg) {
		if (v > (uint64_t)INT64_MAX)
			return -1;
		*sv = -(int64_t)v;
	} else
		*sv = (int64_t)v;
	*uv = v;
	return 0;
}

/* Parse n bytes of octal (the kernel prints perms with %o). */
static int
octal(const char *s, size_t n, uint64_t *v)
{
	size_t	i;

	*v = 0;
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '7' || *v > 0xffffff)
			return -1;
		*v = *v * 8 + (uint64_t)(s[i] - '0');
	}
	return 0;
}

/* Store one parsed field into o; -1 if out of range for it. */
static int
store(struct ipc_obj *o, enum field f, int64_t sv, uint64_t uv)
{
	switch (f) {
	case F_KEY:
		if (sv < INT32_MIN || sv > (int64_t)UINT32_MAX)
			return -1;
		o->key = (uint32_t)sv;
		return 0;
	case F_ID: case F_CPID: case F_LPID: case F_LSPID: case F_LRPID:
		if (uv > INT_MAX)
			return -1;
		break;
	case F_UID: case F_GID: case F_CUID: case F_CGID:
		if (uv > UINT32_MAX)
			return -1;
		break;
	default:
		if (uv > INT64_MAX)
			return -1;
		break;
	}
	switch (f) {
	case F_ID:	o->id = (int)uv; break;
	case F_PERMS:	o->mode = (uint32_t)uv; break;
	case F_UID:	o->uid = (uid_t)uv; break;
	case F_GID:	o->gid = (gid_t)uv; break;
	case F_CUID:	o->cuid = (uid_t)uv; break;
	case F_CGID:	o->cgid = (gid_t)uv; break;
	case F_CTIME:	o->ctime = (int64_t)uv; break;
	case F_SIZE:	o->u.shm.size = uv; break;
	case F_CPID:	o->u.shm.cpid = (pid_t)uv; break;
	case F_LPID:	o->u.shm.lpid = (pid_t)uv; break;
	case F_NATTCH:	o->u.shm.nattch = uv; break;
	case F_ATIME:	o->u.shm.atime = (int64_t)uv; break;
	case F_DTIME:	o->u.shm.dtime = (int64_t)uv; break;
	case F_RSS:	o->u.shm.rss = uv; break;
	case F_SWAP:	o->u.shm.swap = uv; break;
	case F_CBYTES:	o->u.msg.cbytes = uv; break;
	case F_QNUM:	o->u.msg.qnum = uv; break;
	case F_LSPID:	o->u.msg.lspid = (pid_t)uv; break;
	case F_LRPID:	o->u.msg.lrpid = (pid_t)uv; break;
	case F_STIME:	o->u.msg.stime = (int64_t)uv; break;
	case F_RTIME:	o->u.msg.rtime = (int64_t)uv; break;
	case F_NSEMS:	o->u.sem.nsems = uv; break;
	case F_OTIME:	o->u.sem.otime = (int64_t)uv; break;
	default:	break;
	}
	return 0;
}

/*
 * The first byte at or after s that is not a blank.  The kernel pads its
 * columns with runs of spaces: those are passed eight at a time.
 */
static inline const char *
skip_blanks(const char *s, const char *end)
{
	uint64_t	w;

	while (end - s >= 8) {
		memcpy(&w, s, sizeof(w));
		if (w != 0x2020202020202020ULL)
			break;
		s += 8;
	}
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* Parse one data row, the bytes [s, end), in one pass; -1 if malformed. */
static int
parse_row(struct sysv_parser *p, const char *s, const char *end)
{
	struct ipc_obj	 o;
	const char	*w;
	int64_t		 sv;
	uint64_t	 uv;
	size_t		 n;
	int		 i;

	memset(&o, 0, sizeof(o));
	/*
	 * Blanks separate.  The kernel prints no other control byte: a NUL
	 * or another one marks the line as garbage, even a line of nothing
	 * else, which would otherwise pass for a blank line.
	 */
	for (i = 0; ; i++) {
		s = skip_blanks(s, end);
		if (s == end)
			break;
		if ((unsigned char)*s < ' ' || i == p->nfields)
			return -1;
		for (w = s; s < end && (unsigned char)*s > ' '; s++)
			;
		n = (size_t)(s - w);
		if (p->map[i] == F_PERMS) {
			if (octal(w, n, &uv) == -1)
				return -1;
			sv = (int64_t)uv;
		} else if (number(w, n, p->map[i] == F_KEY, &sv, &uv) == -1)
			return -1;
		if (store(&o, p->map[i], sv, uv) == -1)
			return -1;
	}
	if (i == 0)
		return 0;	/* a blank line is not an error */
	if (i != p->nfields)
		return -1;
	if (p->has_rss)
		o.has |= HAS_RSS;
	/* A duplicate row (an id seen before) is dropped. */
	if (!idset_add(&p->seen, (uint32_t)o.id))
		return 0;
	*set_add(p->set) = o;
	return 0;
}

/* Handle one complete line of n bytes (not NUL-terminated). */
static void
parse_line(struct sysv_parser *p, const char *line, size_t n)
{
	if (p->bad_header)
		return;
	if (p->nfields == 0) {
		/* The header is split in place: copy it first. */
		if (n >= MAXLINE) {
			p->bad_header = 1;
			return;
		}
		memmove(p->line, line, n);
		p->line[n] = '\0';
		parse_header(p, p->line);
		return;
	}
	if (parse_row(p, line, line + n) == -1)
		p->malformed++;
}

/* Feed a chunk of the file; lines may span chunks. */
int
sysv_parser_feed(struct sysv_parser *p, const char *buf, size_t len)
{
	const char	*nl;
	size_t		 n;

	while (len > 0) {
		nl = memchr(buf, '\n', len);
		n = nl != NULL ? (size_t)(nl - buf) : len;
		if (nl != NULL && p->len == 0 && !p->overlong) {
			/* The common case: a whole line inside the chunk. */
			if (n >= MAXLINE)
				p->nfields == 0 ? (void)(p->bad_header = 1) :
				    (void)p->malformed++;
			else
				parse_line(p, buf, n);
		} else if (!p->overlong) {
			if (p->len + n >= MAXLINE) {
				p->overlong = 1;
				p->len = 0;
			} else {
				memcpy(p->line + p->len, buf, n);
				p->len += n;
			}
			if (nl != NULL) {
				if (!p->overlong)
					parse_line(p, p->line, p->len);
				p->len = 0;
			}
		}
		if (nl == NULL)
			break;
		if (p->overlong) {
			if (p->nfields == 0)
				p->bad_header = 1;
			else
				p->malformed++;
			p->overlong = 0;
		}
		buf += n + 1;
		len -= n + 1;
	}
	return 0;
}

/*
 * End the input and free the parser: -1 if the header was unusable (the
 * caller may fall back to the *ctl interface), else the number of
 * malformed lines skipped.
 */
int
sysv_parser_finish(struct sysv_parser *p)
{
	int	r;

	if (p->overlong) {
		if (p->nfields == 0)
			p->bad_header = 1;
		else
			p->malformed++;
	} else if (p->len > 0)
		parse_line(p, p->line, p->len);
	r = p->bad_header ? -1 : (int)(p->malformed > INT_MAX ? INT_MAX :
	    p->malformed);
	idset_free(&p->seen);
	free(p);
	return r;
}

/*
 * Free the parser after a failed read: an unterminated last line is a
 * cut one, and is dropped rather than parsed.
 */
void
sysv_parser_abort(struct sysv_parser *p)
{
	idset_free(&p->seen);
	free(p);
}

/* Parse a whole buffer at once; as sysv_parser_finish(). */
int
sysv_parse_buffer(enum ipc_type t, const char *buf, size_t len,
    struct ipc_set *set)
{
	struct sysv_parser	*p;

	p = sysv_parser_new(t, set);
	sysv_parser_feed(p, buf, len);
	return sysv_parser_finish(p);
}
