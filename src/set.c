/* SPDX-License-Identifier: ISC */
/*
 * set.c - the model's container: a counted array of objects of one type,
 * the pids and strings they point to (in blocks the set owns), and copies
 * of one object that outlive its set.
 */
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

#define PIDBLOCK	4096

struct pidblock {
	struct pidblock	*next;
	size_t		 used;
	size_t		 cap;
	pid_t		 v[];
};

/* Make set an empty set of type t. */
void
set_init(struct ipc_set *set, enum ipc_type t)
{
	memset(set, 0, sizeof(*set));
	set->type = t;
}

/* A new zeroed object at the end of set. */
struct ipc_obj *
set_add(struct ipc_set *set)
{
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 256;
		set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	memset(&set->v[set->n], 0, sizeof(set->v[0]));
	return &set->v[set->n++];
}

/* Room for n objects in set, so that filling it copies nothing. */
void
set_reserve(struct ipc_set *set, size_t n)
{
	if (n <= set->cap)
		return;
	set->cap = n;
	set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
}

/* Room for n pids owned by set, valid until set_free(). */
pid_t *
set_pids(struct ipc_set *set, size_t n)
{
	struct pidblock	*b = set->pool;
	size_t		 cap;

	if (b == NULL || b->cap - b->used < n) {
		cap = n > PIDBLOCK ? n : PIDBLOCK;
		b = xcalloc(1, sizeof(*b) + cap * sizeof(pid_t));
		b->cap = cap;
		b->next = set->pool;
		set->pool = b;
	}
	b->used += n;
	return b->v + b->used - n;
}

/* A copy of s owned by set, valid until set_free(); NULL for NULL. */
const char *
set_strdup(struct ipc_set *set, const char *s)
{
	size_t	 len;
	char	*p;

	if (s == NULL)
		return NULL;
	len = strlen(s) + 1;
	/* In the pids' blocks, in whole pids. */
	p = (char *)set_pids(set, (len + sizeof(pid_t) - 1) / sizeof(pid_t));
	memcpy(p, s, len);
	return p;
}

/* Free everything set owns. */
void
set_free(struct ipc_set *set)
{
	struct pidblock	*b, *next;
	size_t		 i;

	for (i = 0; i < set->n; i++)
		free(set->v[i].name);
	free(set->v);
	for (b = set->pool; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	set_init(set, set->type);
}

/*
 * A copy of o that owns its name and pids, for holding a resource's
 * identity across samples (top's `d` until `y`); free with obj_free_copy.
 */
void
obj_copy(struct ipc_obj *dst, const struct ipc_obj *o)
{
	*dst = *o;
	dst->name = o->name != NULL ? xstrdup(o->name) : NULL;
	dst->pids = NULL;
	/* The strings stay with o's set: not part of an identity. */
	dst->cmd = NULL;
	dst->stale_why = NULL;
	dst->has &= ~(unsigned)(HAS_CMD | HAS_STALE);
	if (o->npids > 0) {
		dst->pids = xreallocarray(NULL, o->npids, sizeof(*dst->pids));
		memcpy(dst->pids, o->pids, o->npids * sizeof(*dst->pids));
	}
}

/* Free what obj_copy made. */
void
obj_free_copy(struct ipc_obj *o)
{
	free(o->name);
	free(o->pids);
	o->name = NULL;
	o->pids = NULL;
	o->npids = 0;
}
