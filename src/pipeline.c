/* SPDX-License-Identifier: ISC */
/*
 * pipeline.c - the one way to the collector: collect what a caller needs
 * and keep what its filter lets by, for a whole type
 * (pipeline_collect), a set already selected (pipeline_enrich), one
 * object by id or name (pipeline_one), or one object at a time as the
 * kernel reports it (pipeline_each).  Every listing, top, watch, show,
 * metrics, rm and the personalities come here; nothing else calls
 * collect.c or filter_set().  It sits over the model, beside filter.c:
 * it calls down only.
 */
#include <time.h>

#include "ipctool.h"

/*
 * The pipeline's first half, the one way every listing reaches the
 * collector: collect type t into set with needs and what filter f (NULL:
 * none) needs, then keep what f lets by at time now.  -1 if it could not
 * be read (errno as the collector left it, set empty).
 */
int
pipeline_collect(enum ipc_type t, unsigned needs, const struct filter *f,
    int64_t now, struct ipc_set *set)
{
	if (f != NULL)
		needs |= filter_needs(f);
	if (collect(t, needs, set) == -1)
		return -1;
	if (f != NULL && filter_is_set(f))
		filter_set(set, f, now, NULL, NULL);
	return 0;
}

/*
 * The same for a set already selected (by id, key or name, or a base
 * listing of its own): run the passes needs and f ask for, then keep what
 * f lets by at time now, telling dropped (if not NULL) of each object
 * left out before it is freed.  -1, said, if a walk of /proc failed (the
 * set is still filtered).
 */
int
pipeline_enrich(struct ipc_set *set, unsigned needs, const struct filter *f,
    int64_t now, void (*dropped)(const struct ipc_set *,
    const struct ipc_obj *, void *), void *arg)
{
	int	rval;

	if (f != NULL)
		needs |= filter_needs(f);
	rval = collect_enrich(set, needs);
	if (f != NULL && filter_is_set(f))
		filter_set(set, f, now, dropped, arg);
	return rval;
}

struct each_filter {
	enum ipc_type		  t;
	const struct filter	 *f;
	void			(*fn)(const struct ipc_obj *, void *);
	void			 *arg;
};

static void
each_match(const struct ipc_obj *o, void *arg)
{
	struct each_filter	*ef = arg;

	if (filter_match(ef->f, ef->t, o, (int64_t)time(NULL)))
		ef->fn(o, ef->arg);
}

/*
 * The pipeline one object at a time, for acting on each as soon as it is
 * read (rm): call fn with each object of SysV type t that f lets by, each
 * read with needs and what f needs just before it is judged, at the time
 * it is judged.  0; 1, without calling fn, where objects cannot be had
 * one at a time (collect_each: then collect a set); -1, errno set, if one
 * or the type could not be read (those read are still passed on).
 */
int
pipeline_each(enum ipc_type t, unsigned needs, const struct filter *f,
    void (*fn)(const struct ipc_obj *, void *), void *arg)
{
	struct each_filter	ef;

	ef.t = t;
	ef.f = f;
	ef.fn = fn;
	ef.arg = arg;
	return collect_each(t, needs | filter_needs(f), each_match, &ef);
}

/*
 * The one object of type t with this id (SysV) or name (POSIX), as the
 * only member of set, with what needs asks for: 1; 0 if there is none;
 * -1 with errno set if it could not be read; -2 if a pass failed (said).
 */
int
pipeline_one(enum ipc_type t, int id, const char *name, unsigned needs,
    struct ipc_set *set)
{
	return collect_one(t, id, name, needs, set);
}
