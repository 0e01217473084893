/* SPDX-License-Identifier: ISC */
/*
 * pers-lsipc-table.c - the lsipc personality's table: cells of text laid
 * out as util-linux 2.38's libsmartcols lays out lsipc's tables, so that
 * the output is the same byte for byte.  Human tables take the width of
 * the widest cell or heading; on a terminal the truncatable columns
 * (COMMAND) give up width until the line fits.  Raw, export, newline and
 * JSON forms escape as libsmartcols does.
 */
#include <sys/ioctl.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "ipctool.h"
#include "pers-lsipc.h"

/* Make t an empty table printed in format fmt. */
void
lt_init(struct lstab *t, enum lt_format fmt)
{
	memset(t, 0, sizeof(*t));
	t->fmt = fmt;
}

/* Add a column named name with LT_* flags. */
void
lt_add_column(struct lstab *t, const char *name, unsigned flags)
{
	if (t->ncols == LT_MAXCOLS)
		fatal("too many columns");
	t->col[t->ncols].name = name;
	t->col[t->ncols].flags = flags;
	t->ncols++;
}

/* Start a new row, every cell without data. */
void
lt_new_row(struct lstab *t)
{
	size_t	i;

	if ((t->nrows + 1) * t->ncols > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64 * LT_MAXCOLS;
		t->cells = xreallocarray(t->cells, t->cap, sizeof(*t->cells));
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = LT_NULL;
	t->nrows++;
}

/* Set cell c of the last row to a copy of s (NULL: no data). */
void
lt_set(struct lstab *t, size_t c, const char *s)
{
	size_t	len;

	if (s == NULL || t->nrows == 0)
		return;
	len = strlen(s) + 1;
	if (t->tlen + len > t->tcap) {
		while (t->tlen + len > t->tcap)
			t->tcap = t->tcap ? t->tcap * 2 : 65536;
		t->text = xreallocarray(t->text, t->tcap, 1);
	}
	memcpy(t->text + t->tlen, s, len);
	t->cells[(t->nrows - 1) * t->ncols + c] = t->tlen;
	t->tlen += len;
}

/* Set cell c of the last row to printf text. */
void
lt_setf(struct lstab *t, size_t c, const char *fmt, ...)
{
	char	buf[128];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	lt_set(t, c, buf);
}

/* The data of cell c of row r, or NULL. */
const char *
lt_get(const struct lstab *t, size_t r, size_t c)
{
	size_t	off = t->cells[r * t->ncols + c];

	return off == LT_NULL ? NULL : t->text + off;
}

/* Free what t holds. */
void
lt_free(struct lstab *t)
{
	free(t->cells);
	free(t->text);
	memset(t, 0, sizeof(*t));
}

/*
 * The column's name as a shell variable: "USE%" is "USE_PCT", a name not
 * starting with a letter gets a leading "_", other odd bytes become "_".
 */
static const char *
shellvar_name(const char *name, char *buf, size_t len)
{
	const char	*s;
	size_t		 n = 0;

	if (len < strlen(name) + 5)
		return name;
	if (!isalpha((unsigned char)*name))
		buf[n++] = '_';
	for (s = name; *s != '\0'; s++)
		buf[n++] = isalnum((unsigned char)*s) ? *s : '_';
	if (s > name && s[-1] == '%') {
		memcpy(buf + n, "PCT", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

/* The name a column is printed under. */
static const char *
col_name(const struct lstab *t, size_t c, char *buf, size_t len)
{
	return t->shellvar ? shellvar_name(t->col[c].name, buf, len) :
	    t->col[c].name;
}

/*
 * Encode s for a human table into out (4 * strlen + 1 bytes): control
 * bytes, bytes that are no printable character in the locale and a
 * backslash before "x" as \xHH.  Returns the width on screen.
 */
static size_t
encode_safe(const char *s, char *out)
{
	mbstate_t	 st;
	wchar_t		 wc;
	const char	*end = s + strlen(s);
	size_t		 width = 0, len;
	int		 w;

	memset(&st, 0, sizeof(st));
	while (s < end) {
		if ((*s == '\\' && s[1] == 'x') || iscntrl((unsigned char)*s)) {
			out += sprintf(out, "\\x%02x", (unsigned char)*s++);
			width += 4;
			continue;
		}
		len = mbrtowc(&wc, s, (size_t)(end - s), &st);
		if (len == 0)
			break;
		if (len == (size_t)-1 || len == (size_t)-2 ||
		    len > (size_t)(end - s)) {
			memset(&st, 0, sizeof(st));
			if (isprint((unsigned char)*s)) {
				*out++ = *s++;
				width++;
			} else {
				out += sprintf(out, "\\x%02x",
				    (unsigned char)*s++);
				width += 4;
			}
			continue;
		}
		if (!iswprint((wint_t)wc)) {
			/* Its other bytes are no character: \xHH too. */
			memset(&st, 0, sizeof(st));
			out += sprintf(out, "\\x%02x", (unsigned char)*s++);
			width += 4;
			continue;
		} else {
			memcpy(out, s, len);
			out += len;
			w = wcwidth(wc);
			width += w > 0 ? (size_t)w : 0;
		}
		s += len;
	}
	*out = '\0';
	return width;
}

/* Cut encoded text s to at most *width columns; the width it keeps. */
static void
truncate_safe(char *s, size_t *width)
{
	mbstate_t	 st;
	wchar_t		 wc;
	size_t		 len, used = 0;
	char		*p = s;
	int		 w;

	memset(&st, 0, sizeof(st));
	while (*p != '\0') {
		len = mbrtowc(&wc, p, MB_CUR_MAX, &st);
		if (len == 0 || len == (size_t)-1 || len == (size_t)-2) {
			len = 1;
			w = 1;
			memset(&st, 0, sizeof(st));
		} else if ((w = wcwidth(wc)) < 0)
			w = 0;
		if (used + (size_t)w > *width)
			break;
		used += (size_t)w;
		p += len;
	}
	*p = '\0';
	*width = used;
}

/* A buffer big enough for any cell of t, encoded. */
static char *
encode_buffer(const struct lstab *t, size_t *len)
{
	size_t	i, n, max = 64;

	for (i = 0; i < t->ncols; i++)
		if ((n = strlen(t->col[i].name) + 8) > max)
			max = n;
	for (i = 0; i < t->nrows * t->ncols; i++)
		if (t->cells[i] != LT_NULL &&
		    (n = strlen(t->text + t->cells[i])) > max)
			max = n;
	*len = 4 * max + 1;
	return xreallocarray(NULL, *len, 1);
}

/*
 * Width of column c from its cells: the widest, or for a column whose
 * wide cells are rare (STATUS) once they are known as such, the widest
 * of the others.  Never narrower than its heading.
 */
static void
count_width(struct lstab *t, size_t c, char *buf)
{
	struct lt_col	*cl = &t->col[c];
	const char	*s;
	size_t		 r, len, sum = 0, cnt = 0;

	cl->width = 0;
	if (cl->wmin == 0) {
		cl->wmin = encode_safe(cl->name, buf);
		if (cl->wmin == 0)
			cl->wmin = 1;
	}
	for (r = 0; r < t->nrows; r++) {
		s = lt_get(t, r, c);
		len = s != NULL ? encode_safe(s, buf) : 0;
		if (len > cl->wmax)
			cl->wmax = len;
		if (cl->extreme && cl->avg && len > cl->avg * 2)
			continue;
		if (cl->flags & LT_NOEXTREMES) {
			sum += len;
			cnt++;
		}
		if (len > cl->width)
			cl->width = len;
	}
	if (cnt > 0 && cl->avg == 0) {
		cl->avg = sum / cnt;
		if (cl->avg && cl->wmax > cl->avg * 2)
			cl->extreme = 1;
	}
	if (cl->width < cl->wmin)
		cl->width = cl->wmin;
}

/* The terminal's width, as util-linux asks for it. */
static size_t
lsipc_term_width(void)
{
	struct winsize	 ws;
	const char	*cp;
	char		*end;
	long		 w;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((cp = getenv("COLUMNS")) != NULL) {
		errno = 0;
		w = strtol(cp, &end, 10);
		if (errno == 0 && *end == '\0' && end > cp && w > 0 &&
		    w <= INT_MAX)
			return (size_t)w;
	}
	return 80;
}

/* Fit the columns of t into the terminal's width, as libsmartcols does. */
static void
fit_terminal(struct lstab *t, size_t width, int extremes, char *buf)
{
	struct lt_col	*cl;
	size_t		 tw = lsipc_term_width(), c, before, add;

	if (width > tw && extremes)
		for (c = 0; c < t->ncols; c++) {
			cl = &t->col[c];
			if (!cl->extreme)
				continue;
			before = cl->width;
			count_width(t, c, buf);
			if (before > cl->width)
				width -= before - cl->width;
			else
				extremes--;
		}
	if (width < tw && extremes)
		for (c = 0; c < t->ncols && width < tw; c++) {
			cl = &t->col[c];
			if (!cl->extreme)
				continue;
			add = tw - width;
			if (cl->width + add > cl->wmax)
				add = cl->wmax - cl->width;
			cl->width += add;
			width += add;
		}
	if (width < tw && !(t->col[t->ncols - 1].flags & LT_RIGHT)) {
		t->col[t->ncols - 1].width += tw - width;
		width = tw;
	}
	/* Only the truncatable columns give way, a cell at a time. */
	while (width > tw) {
		before = width;
		for (c = 0; c < t->ncols && width > tw; c++) {
			cl = &t->col[c];
			if (cl->width == cl->wmin || cl->width == 0 ||
			    !(cl->flags & LT_TRUNC))
				continue;
			cl->width--;
			width--;
		}
		if (width == before)
			break;
	}
}

/* Size every column of a human table. */
static void
layout(struct lstab *t, char *buf)
{
	size_t	c, width = 0;
	int	extremes = 0;

	for (c = 0; c < t->ncols; c++) {
		t->col[c].wmin = t->col[c].wmax = t->col[c].avg = 0;
		t->col[c].extreme = 0;
		count_width(t, c, buf);
		width += t->col[c].width + (c + 1 < t->ncols ? 1 : 0);
		extremes += t->col[c].extreme;
	}
	if (isatty(STDOUT_FILENO))
		fit_terminal(t, width, extremes, buf);
}

static void
pad(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc(' ', fp);
}

/*
 * One cell of a human table: right or left in its width, cut if its
 * column may be cut, the last column unpadded; a cell too wide for a
 * column that may not be cut pushes the next one to a new line (a
 * heading, -y's, only pushes the next one aside).
 */
static void
print_cell(struct lstab *t, size_t c, const char *data, int heading,
    char *buf, FILE *fp)
{
	struct lt_col	*cl = &t->col[c];
	size_t		 len = 0, width = cl->width, i;
	int		 last = c + 1 == t->ncols;

	if (data != NULL && *data != '\0')
		len = encode_safe(data, buf);
	else
		buf[0] = '\0';
	if (last && (len == 0 || (len < width && !(cl->flags & LT_RIGHT))))
		width = len;
	if (len > width && (cl->flags & LT_TRUNC)) {
		len = width;
		truncate_safe(buf, &len);
	}
	if (buf[0] != '\0') {
		if (cl->flags & LT_RIGHT) {
			pad(fp, width > len ? width - len : 0);
			len = width > len ? width : len;
		}
		fputs(buf, fp);
	}
	if (len < width)
		pad(fp, width - len);
	if (last)
		return;
	if (len > width && !(cl->flags & LT_TRUNC) && !heading) {
		putc('\n', fp);
		for (i = 0; i <= c; i++) {
			pad(fp, t->col[i].width);
			putc(' ', fp);
		}
	} else
		putc(' ', fp);
}

static void
print_human(struct lstab *t, FILE *fp, char *buf)
{
	char	name[64];
	size_t	r, c;

	layout(t, buf);
	if (!t->noheadings) {
		for (c = 0; c < t->ncols; c++)
			print_cell(t, c, col_name(t, c, name, sizeof(name)),
			    1, buf, fp);
		putc('\n', fp);
	}
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			print_cell(t, c, lt_get(t, r, c), 0, buf, fp);
		putc('\n', fp);
	}
}

/* Raw: blanks, backslashes and unprintable bytes as \xHH. */
static void
put_nonblank(const char *s, FILE *fp)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (isblank((unsigned char)*s) || *s == '\\' ||
		    !isprint((unsigned char)*s) || iscntrl((unsigned char)*s))
			fprintf(fp, "\\x%02x", (unsigned char)*s);
		else
			putc(*s, fp);
	}
}

/* Export: NAME="value" with quotes, $, ` and \ as \xHH. */
static void
put_quoted(const char *s, FILE *fp)
{
	putc('"', fp);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"' || *s == '\\' || *s == '`' || *s == '$' ||
		    !isprint((unsigned char)*s) || iscntrl((unsigned char)*s))
			fprintf(fp, "\\x%02x", (unsigned char)*s);
		else
			putc(*s, fp);
	}
	putc('"', fp);
}

static void
print_flat(struct lstab *t, FILE *fp)
{
	char		 name[64];
	const char	*sep = t->fmt == LT_NEWLINE ? "\n" : " ";
	size_t		 r, c;

	if (t->fmt == LT_RAW && !t->noheadings) {
		for (c = 0; c < t->ncols; c++) {
			put_nonblank(col_name(t, c, name, sizeof(name)), fp);
			fputs(c + 1 < t->ncols ? sep : "\n", fp);
		}
	}
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			if (t->fmt == LT_RAW)
				put_nonblank(lt_get(t, r, c), fp);
			else {
				fputs(col_name(t, c, name, sizeof(name)), fp);
				putc('=', fp);
				put_quoted(lt_get(t, r, c), fp);
			}
			fputs(c + 1 < t->ncols ? sep : "\n", fp);
		}
}

/* A JSON string as libsmartcols writes it; lower: names in lower case. */
static void
put_json(const char *s, int lower, FILE *fp)
{
	unsigned char	c;

	putc('"', fp);
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			putc('\\', fp);
			putc(c, fp);
		} else if (c >= 0x20)
			putc(lower ? tolower(c) : c, fp);
		else if (c == '\b')
			fputs("\\b", fp);
		else if (c == '\f')
			fputs("\\f", fp);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else
			fprintf(fp, "\\u00%02x", c);
	}
	putc('"', fp);
}

static void
print_json(struct lstab *t, FILE *fp)
{
	char		 name[64];
	const char	*s;
	size_t		 r, c;

	fputs("{\n   ", fp);
	put_json(t->name != NULL ? t->name : "", 0, fp);
	fputs(": [\n", fp);
	for (r = 0; r < t->nrows; r++) {
		fputs(r == 0 ? "      {\n" : ",{\n", fp);
		for (c = 0; c < t->ncols; c++) {
			fputs("         ", fp);
			put_json(col_name(t, c, name, sizeof(name)), 1, fp);
			fputs(": ", fp);
			if ((s = lt_get(t, r, c)) == NULL || *s == '\0')
				fputs("null", fp);
			else
				put_json(s, 0, fp);
			fputs(c + 1 < t->ncols ? ",\n" : "\n", fp);
		}
		fputs("      }", fp);
	}
	fputs("\n   ]\n}\n", fp);
}

/* Print t to fp; an empty table prints nothing but in JSON. */
void
lt_print(struct lstab *t, FILE *fp)
{
	char	*buf;
	size_t	 len;

	if (t->fmt == LT_JSON) {
		print_json(t, fp);
		return;
	}
	if (t->nrows == 0 || t->ncols == 0)
		return;
	if (t->fmt != LT_HUMAN) {
		print_flat(t, fp);
		return;
	}
	buf = encode_buffer(t, &len);
	print_human(t, fp, buf);
	free(buf);
}
