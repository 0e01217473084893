/* SPDX-License-Identifier: ISC */
/*
 * out.c - output drivers for lists: aligned table, raw, export and JSON.
 *
 * Raw, export and JSON stream row by row.  The table formats each cell
 * once into an arena (one growing buffer for the whole section), measures
 * the widths, then prints from the arena: no allocation per cell.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

/* --color: 0 never, 1 always, 2 auto (top's view reads it, tui.c). */
int		 color_mode = 2;

#define CELLMAX		16384	/* escaped text of one cell, at most */
#define OBUFSIZE	65536

struct out {
	const struct outopts	*oo;
	FILE			*fp;
	struct json		 js;
	int			 sections;
	char			*arena;
	size_t			 alen;
	size_t			 acap;
	uint32_t		*offs;
	uint16_t		*widths;
	size_t			 offcap;
	char			 cellbuf[CELLMAX];
	size_t			 olen;
	char			 obuf[OBUFSIZE];
};

/* Write the output buffer out. */
static void
ob_flush(struct out *out)
{
	if (out->olen > 0)
		fwrite(out->obuf, 1, out->olen, out->fp);
	out->olen = 0;
}

/* Append n bytes to the output buffer. */
static inline void
ob_put(struct out *out, const char *s, size_t n)
{
	if (out->olen + n > sizeof(out->obuf)) {
		ob_flush(out);
		if (n > sizeof(out->obuf)) {
			fwrite(s, 1, n, out->fp);
			return;
		}
	}
	memcpy(out->obuf + out->olen, s, n);
	out->olen += n;
}

/* Append a string to the output buffer. */
static void
ob_puts(struct out *out, const char *s)
{
	ob_put(out, s, strlen(s));
}

/* Append one byte to the output buffer. */
static inline void
ob_putc(struct out *out, char c)
{
	if (out->olen == sizeof(out->obuf))
		ob_flush(out);
	out->obuf[out->olen++] = c;
}

/* Append n spaces. */
static void
ob_pad(struct out *out, size_t n)
{
	size_t	k;

	while (n > 0) {
		if (out->olen == sizeof(out->obuf))
			ob_flush(out);
		k = sizeof(out->obuf) - out->olen;
		if (k > n)
			k = n;
		memset(out->obuf + out->olen, ' ', k);
		out->olen += k;
		n -= k;
	}
}

/* Start output in the given mode to fp. */
struct out *
out_new(const struct outopts *oo, FILE *fp)
{
	struct out	*out;

	out = xcalloc(1, sizeof(*out));
	out->oo = oo;
	out->fp = fp;
	json_init(&out->js, fp);
	if (oo->mode == OUT_JSON)
		json_open(&out->js, NULL, 0);
	return out;
}

/* Make room for len more bytes in the arena. */
static inline void
arena_reserve(struct out *out, size_t len)
{
	if (out->alen + len > UINT32_MAX)
		fatal("output table too large");
	if (out->alen + len > out->acap) {
		while (out->alen + len > out->acap)
			out->acap = out->acap ? out->acap * 2 : 65536;
		out->arena = xreallocarray(out->arena, out->acap, 1);
	}
}

/* Append a cell's text to the arena and record where it starts. */
static void
arena_add(struct out *out, size_t idx, const char *s, size_t len)
{
	arena_reserve(out, len + 1);
	memcpy(out->arena + out->alen, s, len + 1);
	out->offs[idx] = (uint32_t)out->alen;
	out->alen += len + 1;
}

#define MINCUT		6	/* a cut column keeps this many, or its name */
#define MINFLOOR	3	/* ... and, when nothing else fits, this many */

/*
 * Cut the columns with flag until the table is excess columns narrower,
 * none below its minimum (its name or MINCUT; floor if not 0), a column at
 * a time from the widest: the cut ones end up sharing what the others
 * leave.  Returns what is still in excess.
 */
static size_t
cut_columns(const struct colset *cs, size_t *width, unsigned flag,
    size_t excess, size_t floor)
{
	size_t	min[MAXCOLS];
	int	k, widest;

	for (k = 0; k < cs->n; k++) {
		min[k] = strlen(columns[cs->col[k]].name);
		if (min[k] < MINCUT)
			min[k] = MINCUT;
		if (floor > 0)
			min[k] = floor;
	}
	for (; excess > 0; excess--) {
		widest = -1;
		for (k = 0; k < cs->n; k++)
			if ((columns[cs->col[k]].flags & flag) &&
			    width[k] > min[k] &&
			    (widest == -1 || width[k] > width[widest]))
				widest = k;
		if (widest == -1)
			break;
		width[widest]--;
	}
	return excess;
}

/*
 * Fit the table to the terminal as lsipc does: the other columns keep
 * their width; free text (COMMAND, ATTACHED, STALE, NAME) is cut first,
 * then user and group names, then free text again, headings included;
 * a table still too wide is left so.
 */
static void
fit_width(const struct outopts *oo, const struct colset *cs, size_t *width)
{
	size_t	total = 0;
	int	k;

	if (oo->width == 0 || oo->notruncate || cs->n == 0)
		return;
	for (k = 0; k < cs->n; k++)
		total += width[k] + (k > 0);
	if (total <= oo->width)
		return;
	total = cut_columns(cs, width, COL_TRUNC, total - oo->width, 0);
	total = cut_columns(cs, width, COL_TRUNC_NAME, total, 0);
	/* Still too wide: free text gives up its heading's width too. */
	cut_columns(cs, width, COL_TRUNC, total, MINFLOOR);
}

/*
 * Cut s, escaped text written after used columns of a line, to fit the
 * terminal as a table's last column is cut (show's COMMAND): never below
 * 20 columns, never when o has no width or --notruncate.
 */
void
out_fit(char *s, size_t used, const struct outopts *oo)
{
	size_t	room;

	if (oo->width == 0 || oo->notruncate)
		return;
	room = oo->width > used + 20 ? oo->width - used : 20;
	s[text_cut(s, strlen(s), room)] = '\0';
}

/* The aligned table of one section. */
static void
out_table(struct out *out, const struct ipc_set *set,
    const struct colset *cs, const struct ctx *ctx)
{
	size_t		 width[MAXCOLS];
	size_t		 rows, r, i, w, n, cells;
	struct cell	 c;
	const char	*s;
	int		 k, head = !out->oo->noheadings;

	rows = set->n + (size_t)head;
	if (rows * (size_t)cs->n > out->offcap) {
		out->offcap = rows * (size_t)cs->n;
		free(out->offs);
		free(out->widths);
		out->offs = xreallocarray(NULL, out->offcap, sizeof(*out->offs));
		out->widths = xreallocarray(NULL, out->offcap,
		    sizeof(*out->widths));
	}
	out->alen = 0;
	memset(width, 0, sizeof(width));
	for (r = 0; r < rows; r++) {
		for (k = 0; k < cs->n; k++) {
			i = r * (size_t)cs->n + (size_t)k;
			if (head && r == 0) {
				s = columns[cs->col[k]].name;
				n = strlen(s);
				arena_add(out, i, s, n);
				w = n;
			} else {
				/* Formatted in place: no copy per cell. */
				column_value(cs->col[k], set->type,
				    &set->v[r - (size_t)head], ctx, &c);
				arena_reserve(out, CELLMAX);
				s = out->arena + out->alen;
				n = fmt_cell(&c, out->oo, out->arena + out->alen,
				    CELLMAX);
				out->offs[i] = (uint32_t)out->alen;
				out->alen += n + 1;
				/* Only text and times can hold UTF-8. */
				w = n;
				if (c.kind == CELL_STR || c.kind == CELL_TIME)
					w = text_width(s, n);
			}
			out->widths[i] = (uint16_t)(w > UINT16_MAX ? UINT16_MAX : w);
			if (out->widths[i] > width[k])
				width[k] = out->widths[i];
		}
	}
	fit_width(out->oo, cs, width);
	cells = rows * (size_t)cs->n;
	for (r = 0; r < rows; r++) {
		for (k = 0; k < cs->n; k++) {
			i = r * (size_t)cs->n + (size_t)k;
			s = out->arena + out->offs[i];
			/* Cells lie end to end, each with its NUL. */
			n = (i + 1 < cells ? out->offs[i + 1] : out->alen) -
			    out->offs[i] - 1;
			w = out->widths[i];
			if (w > width[k]) {
				n = text_cut(s, n, width[k]);
				w = width[k];
			}
			if (k > 0)
				ob_putc(out, ' ');
			if (columns[cs->col[k]].flags & COL_RIGHT)
				ob_pad(out, width[k] - w);
			ob_put(out, s, n);
			if (!(columns[cs->col[k]].flags & COL_RIGHT) &&
			    k + 1 < cs->n)
				ob_pad(out, width[k] - w);
		}
		ob_putc(out, '\n');
	}
	ob_flush(out);
}

/* Export names must be shell variable names: USE% becomes USE_PCT. */
static const char *
export_name(const char *name, char *buf, size_t len)
{
	size_t	i, o = 0;

	for (i = 0; name[i] != '\0' && o + 5 < len; i++) {
		if (name[i] == '%') {
			memcpy(buf + o, "_PCT", 4);
			o += 4;
		} else
			buf[o++] = name[i];
	}
	buf[o] = '\0';
	return buf;
}

/* Raw and export rows, streamed. */
static void
out_lines(struct out *out, const struct ipc_set *set,
    const struct colset *cs, const struct ctx *ctx)
{
	char		names[MAXCOLS][24];
	size_t		nlen[MAXCOLS];
	struct cell	c;
	size_t		r, n;
	int		k;

	for (k = 0; k < cs->n; k++)
		nlen[k] = strlen(export_name(columns[cs->col[k]].name,
		    names[k], sizeof(names[k])));
	if (out->oo->mode == OUT_RAW && !out->oo->noheadings) {
		for (k = 0; k < cs->n; k++) {
			if (k > 0)
				ob_putc(out, ' ');
			ob_puts(out, columns[cs->col[k]].name);
		}
		ob_putc(out, '\n');
	}
	for (r = 0; r < set->n; r++) {
		for (k = 0; k < cs->n; k++) {
			column_value(cs->col[k], set->type, &set->v[r], ctx,
			    &c);
			n = fmt_cell(&c, out->oo, out->cellbuf,
			    sizeof(out->cellbuf));
			if (k > 0)
				ob_putc(out, ' ');
			if (out->oo->mode == OUT_EXPORT) {
				ob_put(out, names[k], nlen[k]);
				ob_put(out, "=\"", 2);
				ob_put(out, out->cellbuf, n);
				ob_putc(out, '"');
			} else
				ob_put(out, out->cellbuf, n);
		}
		ob_putc(out, '\n');
	}
	ob_flush(out);
}

/* One JSON member per type: an array of objects. */
static void
out_json(struct out *out, const struct ipc_set *set,
    const struct colset *cs, const struct ctx *ctx)
{
	char		names[MAXCOLS][24];
	struct cell	c;
	size_t		r, i;
	int		k;

	for (k = 0; k < cs->n; k++) {
		for (i = 0; columns[cs->col[k]].name[i] != '\0' &&
		    i + 1 < sizeof(names[k]); i++)
			names[k][i] = (char)tolower(
			    (unsigned char)columns[cs->col[k]].name[i]);
		names[k][i] = '\0';
	}
	/* Objects that could not be read: not an empty list. */
	if (set->unknown) {
		json_null(&out->js, type_name(set->type));
		return;
	}
	json_open(&out->js, type_name(set->type), 1);
	for (r = 0; r < set->n; r++) {
		json_open(&out->js, NULL, 0);
		for (k = 0; k < cs->n; k++) {
			column_value(cs->col[k], set->type, &set->v[r], ctx,
			    &c);
			json_cell(&out->js, names[k], &c, out->oo);
		}
		json_close(&out->js, 0);
	}
	json_close(&out->js, 1);
}

/*
 * Print one type's objects with its columns; titled puts an ipcs-style
 * title above a table (when more than one type is shown).
 */
void
out_set(struct out *out, const struct ipc_set *set, const struct colset *cs,
    int titled)
{
	struct ctx	ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.now = out->oo->now;
	ctx.ns = set->ns;	/* filled by the collector (NEED_NS) */
	switch (out->oo->mode) {
	case OUT_TABLE:
		if (titled)
			fprintf(out->fp, "%s------ %s ------\n",
			    out->sections > 0 ? "\n" : "",
			    type_title(set->type));

		out_table(out, set, cs, &ctx);
		break;
	case OUT_RAW:
	case OUT_EXPORT:
		out_lines(out, set, cs, &ctx);
		break;
	case OUT_JSON:
		out_json(out, set, cs, &ctx);
		break;
	}
	out->sections++;
}

/* End the output (closes the JSON document). */
void
out_finish(struct out *out)
{
	if (out->oo->mode == OUT_JSON)
		json_close(&out->js, 0);
}

/* Free the driver. */
void
out_free(struct out *out)
{
	if (out == NULL)
		return;
	free(out->arena);
	free(out->offs);
	free(out->widths);
	free(out);
}

/* The JSON writer of a JSON driver, for callers that wrap its sections. */
struct json *
out_writer(struct out *out)
{
	return &out->js;
}
