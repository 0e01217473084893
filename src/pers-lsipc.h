/* SPDX-License-Identifier: ISC */
/*
 * pers-lsipc.h - what the lsipc personality's two files share: a table of
 * text cells laid out as util-linux 2.38's libsmartcols lays them out
 * (pers-lsipc-table.c), filled by the personality (pers-lsipc.c).
 */
#ifndef PERS_LSIPC_H
#define PERS_LSIPC_H

#include <stdio.h>

#define LT_MAXCOLS	68	/* lsipc's own limit: twice its 34 columns */

/* Column flags, as lsipc gives them to libsmartcols. */
#define LT_RIGHT	0x1
#define LT_TRUNC	0x2
#define LT_NOEXTREMES	0x4

enum lt_format {
	LT_HUMAN,
	LT_RAW,
	LT_EXPORT,
	LT_NEWLINE,
	LT_JSON
};

struct lt_col {
	const char	*name;
	unsigned	 flags;
	size_t		 width;		/* set while printing */
	size_t		 wmin;
	size_t		 wmax;
	int		 extreme;
	size_t		 avg;
};

/*
 * Rows of ncols cells; a cell is an offset into text, or LT_NULL for no
 * data (null in JSON, a line left out of the --id form).
 */
#define LT_NULL		((size_t)-1)
struct lstab {
	enum lt_format	 fmt;
	int		 noheadings;
	int		 shellvar;	/* -y: names usable as shell variables */
	const char	*name;		/* JSON's array name, NULL for "" */
	struct lt_col	 col[LT_MAXCOLS];
	size_t		 ncols;
	size_t		*cells;
	size_t		 nrows;
	size_t		 cap;
	char		*text;
	size_t		 tlen;
	size_t		 tcap;
};

void		 lt_init(struct lstab *, enum lt_format);
void		 lt_add_column(struct lstab *, const char *, unsigned);
void		 lt_new_row(struct lstab *);
void		 lt_set(struct lstab *, size_t, const char *);
void		 lt_setf(struct lstab *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
const char	*lt_get(const struct lstab *, size_t, size_t);
void		 lt_print(struct lstab *, FILE *);
void		 lt_free(struct lstab *);

#endif /* PERS_LSIPC_H */
