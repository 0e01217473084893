/* SPDX-License-Identifier: ISC */
/*
 * fmt.c - the text of values: sizes, times, permissions, numbers, and the
 * escaping of untrusted strings.  No system calls besides the C library's
 * time conversion.
 */
#include <string.h>
#include <time.h>

#include "ipctool.h"

/* Escape modes for fmt_escape(). */
#define ESC_SPACE	0x1	/* raw: spaces become \x20 */
#define ESC_QUOTE	0x2	/* export: " \ $ ` get a backslash */

/* Write v in decimal to buf (at least 21 bytes); returns the length. */
size_t
fmt_u64(uint64_t v, char *buf)
{
	/* Two digits per division, from the right. */
	static const char	pairs[] =
	    "00010203040506070809"
	    "10111213141516171819"
	    "20212223242526272829"
	    "30313233343536373839"
	    "40414243444546474849"
	    "50515253545556575859"
	    "60616263646566676869"
	    "70717273747576777879"
	    "80818283848586878889"
	    "90919293949596979899";
	uint64_t		t;
	size_t			n;
	char			*p;

	/* The length first, so that the digits go straight to buf. */
	for (n = 1, t = v; t >= 10; t /= 10)
		n++;
	p = buf + n;
	*p = '\0';
	while (v >= 100) {
		p -= 2;
		memcpy(p, pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, pairs + 2 * v, 2);
	} else
		*--p = (char)('0' + v);
	return n;
}

/* A size for people: 4K, 1.5M, 0B (powers of 1024, one decimal). */
size_t
fmt_size(uint64_t v, char *buf, size_t len)
{
	static const char	units[] = "BKMGTPE";
	uint64_t		unit = 1, tenths;
	size_t			n;
	int			u = 0;

	while (u < 6 && v >= unit * 1024) {
		unit *= 1024;
		u++;
	}
	if ((u == 0 || v % unit == 0) && len >= 23) {
		n = fmt_u64(v / unit, buf);
		buf[n++] = units[u];
		buf[n] = '\0';
		return n;
	}
	if (u == 0 || v % unit == 0)
		return (size_t)snprintf(buf, len, "%llu%c",
		    (unsigned long long)(v / unit), units[u]);
	/* Round to tenths without overflow: whole part, then remainder. */
	tenths = (v / unit) * 10 + ((v % unit) * 10 + unit / 2) / unit;
	if (tenths % 10 == 0)
		return (size_t)snprintf(buf, len, "%llu%c",
		    (unsigned long long)(tenths / 10), units[u]);
	return (size_t)snprintf(buf, len, "%llu.%llu%c",
	    (unsigned long long)(tenths / 10),
	    (unsigned long long)(tenths % 10), units[u]);
}

static time_t		cached_now = -1;
static struct tm	cached_tm;

/*
 * One local day known to have no change of UTC offset inside it: times in
 * [day_lo, day_lo + 86399] are that day's midnight plus the seconds since,
 * without asking the time zone again.  A window is set up (two more
 * conversions) only when two conversions in a row fell on the same day,
 * so times all on different days cost what they did.
 */
static struct {
	int		valid;
	int64_t		lo;		/* local midnight, as a time_t */
	int64_t		cand;		/* midnight of the last conversion */
	int		failed;		/* cand's day has an offset change */
	struct tm	base;		/* the local time at lo */
	int64_t		textnow;	/* "now" the day's short text is for */
	size_t		textlen;	/* 0: not made yet */
	char		text[32];	/* the day in TF_SHORT, when not today */
} day;

/* Local time of t, through the day window where it holds; NULL on error. */
static struct tm *
local_tm(int64_t t, struct tm *tm)
{
	struct tm	end;
	time_t		tt = (time_t)t, lo, hi;
	int64_t		d, cand;

	/* Unsigned: t - day.lo overflows for a far-off t (t >= day.lo). */
	if (day.valid && t >= day.lo &&
	    (uint64_t)t - (uint64_t)day.lo < 86400) {
		d = (int64_t)((uint64_t)t - (uint64_t)day.lo);
		*tm = day.base;
		tm->tm_hour = (int)(d / 3600);
		tm->tm_min = (int)(d / 60 % 60);
		tm->tm_sec = (int)(d % 60);
		return tm;
	}
	if (localtime_r(&tt, tm) == NULL)
		return NULL;
	cand = t - (tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec);
	if (cand != day.cand) {
		day.cand = cand;
		day.failed = 0;
		return tm;
	}
	if (day.failed)
		return tm;
	/*
	 * Both ends of the day at the same offset, 00:00:00 and 23:59:59 of
	 * the same date: no offset change between them (time zones never
	 * change twice and back within one day).
	 */
	lo = (time_t)cand;
	hi = (time_t)(cand + 86399);
	day.valid = 0;
	day.failed = 1;
	if (localtime_r(&lo, &day.base) == NULL ||
	    localtime_r(&hi, &end) == NULL)
		return tm;
	if (day.base.tm_hour != 0 || day.base.tm_min != 0 ||
	    day.base.tm_sec != 0 || end.tm_hour != 23 || end.tm_min != 59 ||
	    end.tm_sec != 59 || end.tm_yday != day.base.tm_yday ||
	    end.tm_year != day.base.tm_year ||
	    end.tm_gmtoff != day.base.tm_gmtoff ||
	    end.tm_isdst != day.base.tm_isdst ||
	    tm->tm_gmtoff != day.base.tm_gmtoff)
		return tm;
	day.valid = 1;
	day.failed = 0;
	day.lo = cand;
	day.textlen = 0;
	return tm;
}

/* Two decimal digits of v (0..99). */
static void
two_digits(char *buf, int v)
{
	buf[0] = (char)('0' + v / 10);
	buf[1] = (char)('0' + v % 10);
}

/*
 * The year of tm, computed wide: strftime's %Y adds 1900 to tm_year in an
 * int, which goes negative for a year near 2^31.
 */
static long long
year(const struct tm *tm)
{
	return (long long)tm->tm_year + 1900;
}

/* What snprintf wrote, as the length kept in a buffer of len bytes. */
static size_t
clamp(int r, size_t len)
{
	if (r < 0 || len == 0)
		return 0;
	return (size_t)r < len ? (size_t)r : len - 1;
}

/*
 * A point in time in one of the formats; now is for short and relative.
 * Years are written in as many digits as they have (10000, 2147483648).
 */
size_t
fmt_time(int64_t t, enum time_fmt tf, int64_t now, char *buf, size_t len)
{
	struct tm	tm, tmnow;
	time_t		tn = (time_t)now;
	uint64_t	d;
	size_t		n;
	long		off;

	switch (tf) {
	case TF_RELATIVE:
		/* Unsigned: now - t overflows int64_t for far-off times. */
		if (t > now)
			return (size_t)snprintf(buf, len, "in %llus",
			    (unsigned long long)((uint64_t)t - (uint64_t)now));
		d = (uint64_t)now - (uint64_t)t;
		if (d < 120)
			return (size_t)snprintf(buf, len, "%llus ago",
			    (unsigned long long)d);
		if (d < 7200)
			return (size_t)snprintf(buf, len, "%llum ago",
			    (unsigned long long)(d / 60));
		if (d < 2 * 86400)
			return (size_t)snprintf(buf, len, "%lluh ago",
			    (unsigned long long)(d / 3600));
		return (size_t)snprintf(buf, len, "%llud ago",
		    (unsigned long long)(d / 86400));
	case TF_ISO:
		if (local_tm(t, &tm) == NULL)
			break;
		/* RFC 3339 wants the offset as +hh:mm. */
		off = tm.tm_gmtoff < 0 ? -tm.tm_gmtoff : tm.tm_gmtoff;
		return clamp(snprintf(buf, len,
		    "%lld-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", year(&tm),
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, tm.tm_gmtoff < 0 ? '-' : '+', off / 3600,
		    off / 60 % 60), len);
	case TF_FULL:
		if (local_tm(t, &tm) == NULL)
			break;
		if ((n = strftime(buf, len, "%a %b %e %H:%M:%S ", &tm)) == 0)
			return 0;
		return n + clamp(snprintf(buf + n, len - n, "%lld",
		    year(&tm)), len - n);
	case TF_SHORT:
		/* "now" is the same for a whole listing: convert it once. */
		if (tn != cached_now) {
			if (localtime_r(&tn, &cached_tm) == NULL)
				break;
			cached_now = tn;
		}
		tmnow = cached_tm;
		if (local_tm(t, &tm) == NULL)
			break;
		if (tm.tm_year == tmnow.tm_year && tm.tm_yday == tmnow.tm_yday) {
			if (len < 6)
				return strftime(buf, len, "%H:%M", &tm);
			two_digits(buf, tm.tm_hour);
			buf[2] = ':';
			two_digits(buf + 3, tm.tm_min);
			buf[5] = '\0';
			return 5;
		}
		/* Another day: its text is the same for the whole day. */
		if (day.valid && t >= day.lo && t - day.lo < 86400 &&
		    day.textlen > 0 && day.textnow == now &&
		    day.textlen < len) {
			memcpy(buf, day.text, day.textlen + 1);
			return day.textlen;
		}
		if (tm.tm_year == tmnow.tm_year)
			n = strftime(buf, len, "%b%d", &tm);
		else
			n = clamp(snprintf(buf, len, "%lld-%02d-%02d",
			    year(&tm), tm.tm_mon + 1, tm.tm_mday), len);
		if (day.valid && t >= day.lo && t - day.lo < 86400 &&
		    n > 0 && n < sizeof(day.text) && n < len) {
			memcpy(day.text, buf, n + 1);
			day.textlen = n;
			day.textnow = now;
		}
		return n;
	}
	return (size_t)snprintf(buf, len, "%lld", (long long)t);
}

/* Permissions as rw-r--r--, or as octal 644 when numeric. */
size_t
fmt_perms(uint32_t mode, int numeric, char *buf, size_t len)
{
	static const char	rwx[] = "rwxrwxrwx";
	int			i;

	if (numeric)
		return (size_t)snprintf(buf, len, "%o", mode & 0777);
	if (len < 10)
		return 0;
	for (i = 0; i < 9; i++)
		buf[i] = (mode & (0400u >> i)) ? rwx[i] : '-';
	buf[9] = '\0';
	return 9;
}

/*
 * Whether code point cp is invisible or reorders what surrounds it: the
 * bidirectional controls (overrides, embeddings, isolates, marks),
 * zero-width characters, the byte order mark, and the line and paragraph
 * separators.  Shown raw they hide or disguise text.
 */
int
cp_invisible(uint32_t cp)
{
	return cp == 0x061c || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) ||
	    cp == 0xfeff;
}

/*
 * Length of a valid UTF-8 sequence at s (of at most n bytes), or 0 for
 * an invalid, overlong or truncated one or a surrogate; *cpp gets its
 * code point.  The one decoder of fmt.c and json.c.
 */
size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cpp)
{
	uint32_t	cp;
	size_t		k, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (k > n)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	*cpp = cp;
	return k;
}

/*
 * Length of a valid UTF-8 sequence of a printable character at s (a
 * NUL-terminated string: the NUL ends a short sequence), or 0.
 */
static size_t
utf8_printable(const unsigned char *s)
{
	uint32_t	cp;
	size_t		n;

	if ((n = utf8_decode(s, SIZE_MAX, &cp)) == 0)
		return 0;
	/* A C1 control (U+0080..9F), or invisible. */
	if (cp < 0xa0 || cp_invisible(cp))
		return 0;
	return n;
}

/* Whether byte c stands for itself in fmt_escape()'s output. */
static inline int
plain(unsigned char c, int flags)
{
	if (c <= ' ' || c >= 0x7f)
		return c == ' ' && !(flags & ESC_SPACE);
	if (c == '\\')
		return 0;
	return !(flags & ESC_QUOTE) || (c != '"' && c != '$' && c != '`');
}

/*
 * Copy untrusted text to buf, escaped so that no control character or
 * terminal escape survives: C-style escapes for \n \t \\, octal \ooo for
 * other control bytes and invalid UTF-8, printable UTF-8 kept.  Returns
 * the length written (truncated to fit, never mid-escape).
 */
size_t
fmt_escape(const char *src, int flags, char *buf, size_t len)
{
	const unsigned char	*s = (const unsigned char *)src;
	char			 e[8];
	size_t			 o = 0, n, k;

	if (len == 0)
		return 0;
	while (*s != '\0') {
		/* Most text is plain ASCII: copied with one test a byte. */
		while (plain(*s, flags) && o + 1 < len)
			buf[o++] = (char)*s++;
		if (*s == '\0' || plain(*s, flags))
			break;
		n = 0;
		if (*s >= 0x80 && (k = utf8_printable(s)) > 0) {
			if (o + k >= len)
				break;
			memcpy(buf + o, s, k);
			o += k;
			s += k;
			continue;
		}
		if (*s == '\\' || ((flags & ESC_QUOTE) &&
		    (*s == '"' || *s == '$' || *s == '`'))) {
			e[n++] = '\\';
			e[n++] = (char)*s;
		} else if (*s == '\n') {
			e[n++] = '\\';
			e[n++] = 'n';
		} else if (*s == '\t') {
			e[n++] = '\\';
			e[n++] = 't';
		} else if (*s == ' ' && (flags & ESC_SPACE)) {
			e[n++] = '\\';
			e[n++] = 'x';
			e[n++] = '2';
			e[n++] = '0';
		} else if (*s < 0x20 || *s >= 0x7f) {
			e[n++] = '\\';
			e[n++] = (char)('0' + (*s >> 6));
			e[n++] = (char)('0' + ((*s >> 3) & 7));
			e[n++] = (char)('0' + (*s & 7));
		} else
			e[n++] = (char)*s;
		if (o + n >= len)
			break;
		memcpy(buf + o, e, n);
		o += n;
		s++;
	}
	buf[o] = '\0';
	return o;
}

/*
 * Untrusted text made safe for one message or line on stderr: escaped into
 * a static buffer, so one at a time.
 */
const char *
fmt_esc(const char *s)
{
	static char	buf[1024];

	fmt_escape(s, 0, buf, sizeof(buf));
	return buf;
}

/* Display width of n bytes of escaped text: one column per character. */
size_t
text_width(const char *s, size_t n)
{
	size_t	w = n, i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			w--;
	return w;
}

/*
 * How many of the n bytes of escaped text s fit in width columns: whole
 * characters only, one column each, as text_width() counts them.
 */
size_t
text_cut(const char *s, size_t n, size_t width)
{
	size_t	i, w = 0;

	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (w == width)
			return i;
		w++;
	}
	return n;
}

/* A key as 0x%08x, without printf. */
static size_t
fmt_key(uint64_t key, char *buf)
{
	static const char	hex[] = "0123456789abcdef";
	int			i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 8; i++)
		buf[2 + i] = hex[(key >> (28 - 4 * i)) & 0xf];
	buf[10] = '\0';
	return 10;
}

/* The text of a cell; may return more than fits, as snprintf() does. */
static size_t
cell_text(const struct cell *c, const struct outopts *oo, char *buf,
    size_t len)
{
	char	tmp[64];
	size_t	n, i;
	int	flags;

	flags = oo->mode == OUT_RAW ? ESC_SPACE :
	    oo->mode == OUT_EXPORT ? ESC_QUOTE : 0;
	switch (c->kind) {
	case CELL_NULL:
		if (oo->mode == OUT_EXPORT)
			return 0;
		if (len < 2)
			return 1;
		buf[0] = '-';
		buf[1] = '\0';
		return 1;
	case CELL_STR:
		return fmt_escape(c->str, flags, buf, len);
	case CELL_NUM:
		if (len < 21)
			return 0;
		return fmt_u64(c->u, buf);
	case CELL_SNUM:
		return (size_t)snprintf(buf, len, "%lld", (long long)c->i);
	case CELL_SIZE:
		if (oo->bytes) {
			if (len < 21)
				return 0;
			return fmt_u64(c->u, buf);
		}
		return fmt_size(c->u, buf, len);
	case CELL_TIME:
		fmt_time(c->i, oo->tf, oo->now, tmp, sizeof(tmp));
		return fmt_escape(tmp, flags, buf, len);
	case CELL_KEY:
		if (len < 11)
			return 0;
		return fmt_key(c->u, buf);
	case CELL_PERMS:
		return fmt_perms((uint32_t)c->u, oo->numeric_perms, buf, len);
	case CELL_PCT:
		return (size_t)snprintf(buf, len, "%llu.%02llu%%",
		    (unsigned long long)(c->u / 100),
		    (unsigned long long)(c->u % 100));
	case CELL_PIDS:
		buf[0] = '\0';
		for (n = 0, i = 0; i < c->npids && n + 12 < len; i++)
			n += (size_t)snprintf(buf + n, len - n, "%s%d",
			    i > 0 ? "," : "", (int)c->pids[i]);
		if (c->npids == 0)
			n = (size_t)snprintf(buf, len, "%s",
			    oo->mode == OUT_EXPORT ? "" : "-");
		return n;
	}
	return 0;
}

/*
 * The text of a cell for the table, raw and export modes, cut to fit
 * len bytes with its NUL; returns its length.
 */
size_t
fmt_cell(const struct cell *c, const struct outopts *oo, char *buf,
    size_t len)
{
	size_t	n;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	n = cell_text(c, oo, buf, len);
	return n < len ? n : strlen(buf);
}
