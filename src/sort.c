/* SPDX-License-Identifier: ISC */
/*
 * sort.c - order a set by columns.  The comparison works on cells, so a
 * column sorts by its value (numbers as numbers), not by its text.
 */
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

static const int	 *sort_cols;
static int		  sort_ncols;
static int		  sort_reverse;
static enum ipc_type	  sort_type;
static const struct ctx	 *sort_ctx;

/* Compare two cells: nulls first, numbers by value, text bytewise. */
int
cell_cmp(const struct cell *a, const struct cell *b)
{
	uint64_t	x, y;

	if (a->kind == CELL_NULL || b->kind == CELL_NULL)
		return (a->kind != CELL_NULL) - (b->kind != CELL_NULL);
	switch (a->kind) {
	case CELL_STR:
		return strcmp(a->str, b->str);
	case CELL_SNUM:
	case CELL_TIME:
		return (a->i > b->i) - (a->i < b->i);
	case CELL_PIDS:
		x = a->npids > 0 ? (uint64_t)a->pids[0] : 0;
		y = b->npids > 0 ? (uint64_t)b->pids[0] : 0;
		if (a->npids != b->npids)
			return (a->npids > b->npids) - (a->npids < b->npids);
		return (x > y) - (x < y);
	default:
		return (a->u > b->u) - (a->u < b->u);
	}
}

static int
cmp_obj(const void *pa, const void *pb)
{
	const struct ipc_obj	*a = pa, *b = pb;
	struct cell		 ca, cb;
	int			 i, r;

	for (i = 0; i < sort_ncols; i++) {
		if (!(columns[sort_cols[i]].types & TBIT(sort_type)))
			continue;
		column_value(sort_cols[i], sort_type, a, sort_ctx, &ca);
		column_value(sort_cols[i], sort_type, b, sort_ctx, &cb);
		if ((r = cell_cmp(&ca, &cb)) != 0)
			return sort_reverse ? -r : r;
	}
	/* Ties keep a stable, meaningful order: by id, then name. */
	if (a->id != b->id)
		r = (a->id > b->id) - (a->id < b->id);
	else if (a->name != NULL && b->name != NULL)
		r = strcmp(a->name, b->name);
	else
		r = 0;
	return sort_reverse ? -r : r;
}

/* Sort set by the given columns; reverse flips the order. */
void
sort_set(struct ipc_set *set, const int *cols, int ncols, int reverse,
    const struct ctx *ctx)
{
	if (ncols == 0 && !reverse)
		return;
	sort_cols = cols;
	sort_ncols = ncols;
	sort_reverse = reverse;
	sort_type = set->type;
	sort_ctx = ctx;
	sort_array(set->v, set->n, sizeof(*set->v), cmp_obj);
}
