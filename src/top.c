/* SPDX-License-Identifier: ISC */
/*
 * top.c - the model of "ipctool top", apart from curses: one view per
 * type holding the latest sample, rows matched by identity across
 * samples (new rows, changed cells, per-queue rates, tombstones of
 * removed rows), the display order (text filter, sort column) and the
 * selection, which follows a resource's identity, not a row number.
 *
 * Identity is the id and key for System V (a sem set's ctime changes
 * with every SETVAL, a queue's with IPC_SET, so ctime cannot be part of
 * it; the id's sequence number tells a reused slot apart) and the name
 * for POSIX objects, and with -A the inode of the IPC namespace first:
 * new namespaces all number their resources from 0.  With -A each
 * refresh surveys the namespaces again (containers come and go), enters
 * each to sample it, and the show pane and removal enter the row's
 * namespace for what they do and come back.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

#define DETAIL_SEMS	1024	/* semaphores read for the show pane */
#define DETAIL_MSGS	10	/* messages peeked in the show pane */

static int	ns_enter_row(struct top *, const struct top_row *, int *);
static void	ns_leave(struct top *, int);

/* The sort comparator's context (qsort has none). */
static const struct top		*sort_tp;
static const struct top_view	*sort_view;

/* A sampled object and the namespace it was sampled in. */
struct ref {
	uint64_t	 ns;
	struct ipc_obj	*o;
};

/* Order of two objects of type t (of namespaces na, nb) by identity. */
static int
ident_cmp(enum ipc_type t, uint64_t na, const struct ipc_obj *a, uint64_t nb,
    const struct ipc_obj *b)
{
	if (na != nb)
		return na < nb ? -1 : 1;
	if (TBIT(t) & TYPES_POSIX)
		return strcmp(a->name != NULL ? a->name : "",
		    b->name != NULL ? b->name : "");
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return (a->key > b->key) - (a->key < b->key);
}

static int
cmp_sysv(const void *pa, const void *pb)
{
	const struct ref	*a = pa, *b = pb;

	return ident_cmp(T_SHM, a->ns, a->o, b->ns, b->o);
}

static int
cmp_posix(const void *pa, const void *pb)
{
	const struct ref	*a = pa, *b = pb;

	return ident_cmp(T_PSHM, a->ns, a->o, b->ns, b->o);
}

/* Whether row r is the selected resource of v. */
static int
is_selected(const struct top_view *v, const struct top_row *r)
{
	if (r->ns != v->sel_ns)
		return 0;
	if (TBIT(v->type) & TYPES_POSIX)
		return r->o.name != NULL && v->sel_name != NULL &&
		    strcmp(r->o.name, v->sel_name) == 0;
	return r->o.id == v->sel_id && r->o.key == v->sel_key;
}

/*
 * top's default columns of type t: list's, and on the msg tab the fill
 * (USE%, after MSGS) and the net rates.
 */
void
top_default_columns(enum ipc_type t, struct colset *cs)
{
	int	k, msgs, use;

	column_defaults(t, cs);
	if (t != T_MSG)
		return;
	msgs = column_find("MSGS");
	use = column_find("USE%");
	for (k = 0; k < cs->n && cs->col[k] != msgs; k++)
		;
	if (k < cs->n)
		k++;
	memmove(cs->col + k + 1, cs->col + k, (size_t)(cs->n - k) *
	    sizeof(int));
	cs->col[k] = use;
	cs->n++;
	cs->col[cs->n++] = TOPCOL_MSGRATE;
	cs->col[cs->n++] = TOPCOL_BYTERATE;
}

/* The TOPCOL_ of a rate column's name (any case), or -1. */
int
top_rate_find(const char *name)
{
	if (strcasecmp(name, "MSGS/S") == 0)
		return TOPCOL_MSGRATE;
	if (strcasecmp(name, "BYTES/S") == 0)
		return TOPCOL_BYTERATE;
	return -1;
}

/*
 * After v's columns were set: what they need collected (the sort column
 * is one of them), where its STALE column is (rows are marked only while
 * it is shown), and a sideways scroll that still shows a column.
 */
static void
view_columns_changed(struct top_view *v)
{
	int	k, stale = column_find("STALE");

	v->needs = 0;
	v->stalecol = -1;
	for (k = 0; k < v->ncols; k++) {
		if (v->col[k] >= (int)ncolumns)
			continue;
		v->needs |= columns[v->col[k]].needs;
		if (v->col[k] == stale)
			v->stalecol = k;
	}
	if (v->hcol >= v->ncols)
		v->hcol = v->ncols > 0 ? v->ncols - 1 : 0;
}

/*
 * Set up the model for the types asked for, with their columns (cols,
 * per type; NULL: top's defaults), the list's filters and an initial
 * sort (the first of --sort that a type has, else its id or name);
 * allns: every IPC namespace, with an NS column first.
 */
void
top_init(struct top *tp, unsigned types, const struct colset *cols,
    const struct filter *filt, const int *sort, int nsort, int reverse,
    int allns)
{
	struct top_view	*v;
	struct colset	 cs;
	int		 t, k, s, off, ns;

	memset(tp, 0, sizeof(*tp));
	tp->allns = allns;
	tp->focus = -1;
	tp->filt = *filt;
	tp->needs = filter_needs(filt);
	tp->oo.mode = OUT_TABLE;
	tp->oo.tf = TF_SHORT;
	if (gethostname(tp->host, sizeof(tp->host) - 1) == -1)
		strlcpy(tp->host, "?", sizeof(tp->host));
	ns = column_find("NS");
	for (t = 0; t < T_NTYPES; t++) {
		v = &tp->v[t];
		v->type = (enum ipc_type)t;
		v->shown = (types & TBIT(t)) != 0;
		if (cols != NULL && cols[t].n > 0)
			cs = cols[t];
		else
			top_default_columns(v->type, &cs);
		off = 0;
		if (allns) {
			v->col[0] = ns;
			off = 1;
		}
		v->ncols = off;
		for (k = 0; k < cs.n && v->ncols < TOP_MAXCOLS; k++)
			if (!allns || cs.col[k] != ns)
				v->col[v->ncols++] = cs.col[k];
		v->sortcol = 0;
		for (k = 0; k < v->ncols; k++)
			if (v->col[k] == column_find(
			    (TBIT(t) & TYPES_POSIX) ? "NAME" : "ID"))
				v->sortcol = k;
		for (s = nsort - 1; s >= 0; s--)
			for (k = 0; k < v->ncols; k++)
				if (v->col[k] == sort[s])
					v->sortcol = k;
		v->reverse = reverse;
		view_columns_changed(v);
	}
}

/* Which columns of o changed from old, as a bit per view column. */
static uint64_t
diff_row(const struct top *tp, const struct top_view *v,
    const struct ipc_obj *old, const struct ipc_obj *cur)
{
	struct cell	a, b;
	uint64_t	mask = 0;
	int		k;

	if (old->mode == cur->mode && old->uid == cur->uid &&
	    old->gid == cur->gid && old->ctime == cur->ctime &&
	    /* Only a fast path: a false mismatch compares the columns. */
	    /* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison,cert-exp42-c,cert-flp37-c) */
	    memcmp(&old->u, &cur->u, sizeof(old->u)) == 0 &&
	    old->npids == cur->npids && (old->npids == 0 ||
	    memcmp(old->pids, cur->pids, old->npids * sizeof(pid_t)) == 0))
		return 0;
	for (k = 0; k < v->ncols && k < 64; k++) {
		/*
		 * Not a rate, nor a getter that asks the system (COMMAND,
		 * STALE): those are read only for the rows drawn.
		 */
		if (v->col[k] >= (int)ncolumns ||
		    (columns[v->col[k]].needs & (NEED_CMD | NEED_ALIVE)))
			continue;
		column_value(v->col[k], v->type, old, &tp->ctx, &a);
		column_value(v->col[k], v->type, cur, &tp->ctx, &b);
		if (a.kind != b.kind || cell_cmp(&a, &b) != 0)
			mask |= (uint64_t)1 << k;
	}
	return mask;
}

/*
 * Turn a live row into a tombstone: it keeps its name, not its pids or
 * strings.
 */
static void
bury(struct top_row *r, double now)
{
	r->flags = ROW_GONE;
	r->age = 0;
	r->since = now;
	r->changed = 0;
	r->has_rate = 0;
	r->o.pids = NULL;
	r->o.npids = 0;
	/* Its strings go with the sample's sets, as its pids do. */
	r->o.cmd = NULL;
	r->o.stale_why = NULL;
	r->o.has &= ~(unsigned)(HAS_ATTACHED | HAS_SEMPIDS | HAS_CMD |
	    HAS_STALE);
}

/*
 * Match a new sample ns against v's rows (both by identity) into a new
 * row array: rows in both carry over with their changes and rates, rows
 * only in ns are new, rows only in v become or stay tombstones.  The
 * rows take the sample's names: a row owns its name.
 */
static void
merge(struct top *tp, struct top_view *v, const struct ref *ns, size_t nns,
    double dt)
{
	struct top_row	*nr, *old, r;
	struct ipc_obj	*cur;
	size_t		 i = 0, j = 0, n = 0, cap;
	int		 c;

	cap = v->nrows + nns;
	nr = xreallocarray(NULL, cap > 0 ? cap : 1, sizeof(*nr));
	v->nlive = nns;
	while (i < v->nrows || j < nns) {
		if (i == v->nrows)
			c = 1;
		else if (j == nns)
			c = -1;
		else
			c = ident_cmp(v->type, v->rows[i].ns, &v->rows[i].o,
			    ns[j].ns, ns[j].o);
		if (c < 0) {
			r = v->rows[i++];
			if (!(r.flags & ROW_GONE))
				bury(&r, tp->mono);
			else if (++r.age >= TOP_TOMB_AGE &&
			    tp->mono - r.since >= TOP_MARK_SECS) {
				free(r.o.name);
				continue;
			}
			nr[n++] = r;
			continue;
		}
		memset(&r, 0, sizeof(r));
		r.ns = ns[j].ns;
		cur = ns[j++].o;
		r.o = *cur;
		cur->name = NULL;	/* the row's now */
		r.flags = v->sampled ? ROW_NEW : 0;
		r.since = tp->mono;
		if (c > 0) {
			nr[n++] = r;
			continue;
		}
		old = &v->rows[i++];
		if (old->flags & ROW_GONE) {
			/* The same name made again: a new resource. */
			free(old->o.name);
			nr[n++] = r;
			continue;
		}
		r.flags = old->flags;
		r.age = old->age + 1;
		r.since = old->since;
		if ((r.flags & ROW_NEW) && r.age >= TOP_NEW_AGE &&
		    tp->mono - r.since >= TOP_MARK_SECS)
			r.flags &= ~(unsigned)ROW_NEW;
		if (!tp->batch)
			r.changed = diff_row(tp, v, &old->o, &r.o);
		free(old->o.name);
		if (v->type == T_MSG && dt > 0) {
			r.has_rate = 1;
			r.rate_msgs = ((double)cur->u.msg.qnum -
			    (double)old->o.u.msg.qnum) / dt;
			r.rate_bytes = ((double)cur->u.msg.cbytes -
			    (double)old->o.u.msg.cbytes) / dt;
		}
		nr[n++] = r;
	}
	free(v->rows);
	v->rows = nr;
	v->nrows = n;
	v->order = xreallocarray(v->order, n > 0 ? n : 1, sizeof(size_t));
	/* Until top_ready: no index into the old rows survives. */
	v->norder = 0;
}

/* Free a sample: one set per namespace. */
static void
sets_free(struct ipc_set *sets, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		set_free(&sets[i]);
	free(sets);
}

/*
 * Take v's new sample, sets[i] from the namespace of inode inos[i]; err
 * is the errno of a type that could be read in none of them.
 */
static void
view_update(struct top *tp, struct top_view *v, struct ipc_set *sets,
    const uint64_t *inos, size_t nns, int err)
{
	struct ref	*refs;
	double		 dt;
	size_t		 i, k, n = 0;
	int		(*cmp)(const void *, const void *);

	if (err != 0) {
		v->err = err;
		sets_free(sets, nns);
		if (err == ENOSYS && (TBIT(v->type) & TYPES_POSIX))
			v->shown = 0;
		return;
	}
	v->err = 0;
	/* Each view's own interval: a tab not shown is sampled less. */
	dt = v->sampled ? tp->mono - v->mono : 0;
	for (i = 0; i < nns; i++)
		n += sets[i].n;
	refs = xreallocarray(NULL, n > 0 ? n : 1, sizeof(*refs));
	for (n = 0, i = 0; i < nns; i++)
		for (k = 0; k < sets[i].n; k++) {
			refs[n].ns = inos[i];
			refs[n++].o = &sets[i].v[k];
		}
	/* Read by index, ids mostly come in order: sort only if not. */
	cmp = (TBIT(v->type) & TYPES_POSIX) ? cmp_posix : cmp_sysv;
	for (i = 1; i < n; i++)
		if (cmp(&refs[i - 1], &refs[i]) > 0)
			break;
	if (i < n)
		sort_array(refs, n, sizeof(*refs), cmp);
	merge(tp, v, refs, n, dt);
	free(refs);
	/*
	 * The rows hold the sample now (names included): keep of it only
	 * the storage of the pids they borrow, not a second copy.
	 */
	for (i = 0; i < nns; i++) {
		free(sets[i].v);
		sets[i].v = NULL;
		sets[i].n = sets[i].cap = 0;
	}
	sets_free(v->sets, v->nsets);
	v->sets = sets;
	v->nsets = nns;
	v->sampled = 1;
	v->behind = 0;
	v->mono = tp->mono;
	v->dirty = 1;
}

/*
 * -A: survey the namespaces again; say once on stderr what cannot be
 * seen.  Falls back to this namespace alone if /proc cannot be read.
 */
static void
survey(struct top *tp)
{
	if (tp->sv != NULL)
		ns_survey_free(tp->sv);
	else
		tp->sv = xcalloc(1, sizeof(*tp->sv));
	if (ns_survey(tp->sv) == -1) {
		warn_("top: %s", tp->sv->errpath);
		free(tp->sv);
		tp->sv = NULL;
		return;
	}
	if (tp->sv->denied != tp->rep_denied ||
	    tp->sv->unreadable != tp->rep_unreadable)
		ns_survey_report(tp->sv, "top");
	tp->rep_denied = tp->sv->denied;
	tp->rep_unreadable = tp->sv->unreadable;
}

/* How often top looks the names it shows up again, in seconds. */
#define TOP_NAMES_SECS	60

/* The passes that read every process's maps, files or command line. */
#define NEED_PROCSCAN	(NEED_ATTACHED | NEED_ALIVE | NEED_CMD)

/*
 * What view t's sample needs: the filters' passes and its columns'.  A
 * tab not on screen (of this one namespace) is sampled without the scans
 * of every process its columns ask for (a POSIX tab's ATTACHED or STALE):
 * *partial (if not NULL) says so, and top_focus samples it in full when
 * it is shown.
 */
static unsigned
sample_needs(const struct top *tp, int t, int *partial)
{
	unsigned	needs = tp->v[t].needs;
	int		part = 0;

	if (tp->sv == NULL && tp->focus >= 0 && t != tp->focus &&
	    (needs & NEED_PROCSCAN)) {
		needs &= ~(unsigned)NEED_PROCSCAN;
		part = 1;
	}
	if (partial != NULL)
		*partial = part;
	return tp->needs | needs;
}

/*
 * Collect type t of the namespace we are in into set, filtered; on
 * failure keep in *err the first errno and leave set empty.  1 if read.
 */
static int
sample(struct top *tp, int t, struct ipc_set *set, int *err)
{
	if (pipeline_collect((enum ipc_type)t, sample_needs(tp, t, NULL),
	    &tp->filt, tp->ctx.now, set) == -1) {
		if (*err == 0)
			*err = errno != 0 ? errno : EIO;
		set_free(set);
		set_init(set, (enum ipc_type)t);
		return 0;
	}
	return 1;
}

/*
 * -A: take a new sample of every shown type in every namespace, each
 * entered once, then update the views.
 */
static void
refresh_all(struct top *tp)
{
	struct ipc_set	*sets[T_NTYPES];
	uint64_t	*inos;
	size_t		 i, nns = tp->sv->n, nok[T_NTYPES];
	int		 t, err[T_NTYPES];

	inos = xcalloc(nns > 0 ? nns : 1, sizeof(*inos));
	for (t = 0; t < T_NTYPES; t++) {
		sets[t] = xcalloc(nns > 0 ? nns : 1, sizeof(**sets));
		nok[t] = 0;
		err[t] = 0;
	}
	for (i = 0; i < nns; i++) {
		inos[i] = tp->sv->v[i].ino;
		for (t = 0; t < T_NTYPES; t++)
			set_init(&sets[t][i], (enum ipc_type)t);
		if (ns_switch(tp->sv, i) == -1)
			continue;	/* gone since the survey */
		for (t = 0; t < T_NTYPES; t++)
			if (tp->v[t].shown)
				nok[t] += (size_t)sample(tp, t, &sets[t][i],
				    &err[t]);
	}
	ns_restore(tp->sv);
	tp->nns = nns;
	for (t = 0; t < T_NTYPES; t++) {
		if (tp->v[t].shown)
			view_update(tp, &tp->v[t], sets[t], inos, nns,
			    nok[t] > 0 ? 0 : err[t]);
		else
			sets_free(sets[t], nns);
	}
	free(inos);
}

/* Sample shown type t of this namespace into its view. */
static void
view_sample(struct top *tp, int t)
{
	struct ipc_set	*set;
	int		 err = 0, partial;

	set = xcalloc(1, sizeof(*set));
	set_init(set, (enum ipc_type)t);
	sample_needs(tp, t, &partial);
	view_update(tp, &tp->v[t], set, &tp->ctx.ns, 1,
	    sample(tp, t, set, &err) ? 0 : err);
	if (partial && tp->v[t].err == 0)
		tp->v[t].behind = 1;
}

/*
 * Whether view t, not on screen, may skip this refresh: a System V type
 * of this one namespace with no filter, whose count the kernel's *_INFO
 * gives (into its nlive) as its tab shows it.  Sampled once first, so
 * that when it is shown its marks tell what changed since.
 */
static int
view_skips(struct top *tp, int t)
{
	struct top_view	*v = &tp->v[t];
	long		 n;

	if (t == tp->focus || tp->focus < 0 || !(TBIT(t) & TYPES_SYSV) ||
	    !v->sampled || v->err != 0 || filter_is_set(&tp->filt))
		return 0;
	if ((n = sysvctl_count((enum ipc_type)t)) < 0)
		return 0;
	v->nlive = (size_t)n;
	v->behind = 1;
	return 1;
}

/*
 * --batch: let go of the rows of each view that shows no rate before it
 * is sampled again.  A frame shows no change marks, no new rows nor
 * tombstones: only the rates need the sample before, and a view without
 * them then holds one sample, not two, and merges against none.
 */
static void
batch_forget(struct top *tp)
{
	struct top_view	*v;
	size_t		 i;
	int		 t, k;

	for (t = 0; t < T_NTYPES; t++) {
		v = &tp->v[t];
		for (k = 0; k < v->ncols && v->col[k] < (int)ncolumns; k++)
			;
		if (k < v->ncols)
			continue;
		for (i = 0; i < v->nrows; i++)
			free(v->rows[i].o.name);
		free(v->rows);
		v->rows = NULL;
		v->nrows = v->norder = 0;
		sets_free(v->sets, v->nsets);
		v->sets = NULL;
		v->nsets = 0;
	}
}

/* Start a new sample: the clocks, and with -A the namespaces. */
static void
refresh_begin(struct top *tp)
{
	/* Pids get reused: forget what was looked up about them. */
	proc_cache_free();
	tp->mono = mono_secs();
	/*
	 * Names change, seldom: look them up again now and then, not at
	 * every refresh (each distinct owner is a look-up).
	 */
	if (tp->mono - tp->names_mono >= TOP_NAMES_SECS) {
		names_forget();
		tp->names_mono = tp->mono;
	}
	tp->ctx.now = tp->oo.now = (int64_t)time(NULL);
	tp->ctx.ns = ns_ipc_inode();
}

/*
 * Take a new sample of every shown type (in every namespace with -A) and,
 * for the gauges, of the limits (of this namespace).  In one namespace
 * each type is taken and merged before the next, so that one type's
 * sample at most is held beside the rows, and a System V tab not on
 * screen is only counted (view_skips): top_focus samples it when it is
 * shown.
 */
void
top_refresh(struct top *tp)
{
	int	t;

	refresh_begin(tp);
	if (tp->batch)
		batch_forget(tp);
	/* Blocked callers as they are now, once for this refresh. */
	waiters_forget();
	if (tp->allns)
		survey(tp);
	if (tp->sv != NULL)
		refresh_all(tp);
	else {
		tp->nns = 1;
		for (t = 0; t < T_NTYPES; t++)
			if (tp->v[t].shown && !view_skips(tp, t))
				view_sample(tp, t);
	}
	/* Counting shm's use (SHM_INFO) walks every segment. */
	if (!tp->batch)
		limits_read(tp->lim);
}

/*
 * Put type t on screen (-1: none, every type is then sampled); sample it
 * now if the last refresh only counted it.
 */
void
top_focus(struct top *tp, int t)
{
	tp->focus = t;
	if (t < 0 || t >= T_NTYPES || !tp->v[t].behind || !tp->v[t].shown)
		return;
	refresh_begin(tp);
	view_sample(tp, t);
}

/* The namespace of inode ino in the last survey (-A), or NULL. */
const struct ns_info *
top_ns(const struct top *tp, uint64_t ino)
{
	size_t	i;

	if (tp->sv == NULL)
		return NULL;
	for (i = 0; i < tp->sv->n; i++)
		if (tp->sv->v[i].ino == ino)
			return &tp->sv->v[i];
	return NULL;
}

/* The name of column id col: a registry column or a rate. */
const char *
top_colid_name(int col)
{
	switch (col) {
	case TOPCOL_MSGRATE:
		return "MSGS/S";
	case TOPCOL_BYTERATE:
		return "BYTES/S";
	default:
		return columns[col].name;
	}
}

/* What column id col shows, for the column picker. */
const char *
top_colid_help(int col)
{
	switch (col) {
	case TOPCOL_MSGRATE:
		return "Net messages per second, from successive samples";
	case TOPCOL_BYTERATE:
		return "Net bytes per second, from successive samples";
	default:
		return columns[col].help;
	}
}

/* The header of view column k. */
const char *
top_col_name(const struct top_view *v, int k)
{
	return top_colid_name(v->col[k]);
}

/*
 * The column picker's list of v (into list, TOP_MAXCOLS at most): the
 * columns shown, in their order, then those its type has that are not,
 * in the registry's order.  Returns how many there are, and in *nshown
 * how many are shown.  With -A the NS column stays first and is not
 * offered.
 */
int
top_pick_list(const struct top *tp, const struct top_view *v, int *list,
    int *nshown)
{
	struct colset	cs;
	int		i, k, n = 0, ns = column_find("NS");

	for (k = 0; k < v->ncols; k++)
		if (!tp->allns || v->col[k] != ns)
			list[n++] = v->col[k];
	*nshown = n;
	column_all(v->type, &cs);
	if (v->type == T_MSG) {
		cs.col[cs.n++] = TOPCOL_MSGRATE;
		cs.col[cs.n++] = TOPCOL_BYTERATE;
	}
	for (i = 0; i < cs.n && n < TOP_MAXCOLS; i++) {
		if (tp->allns && cs.col[i] == ns)
			continue;
		for (k = 0; k < v->ncols && v->col[k] != cs.col[i]; k++)
			;
		if (k == v->ncols)
			list[n++] = cs.col[i];
	}
	return n;
}

/*
 * After v's columns changed: the sort column stays the one it was (or
 * becomes the identity's), and no cell is marked as changed by index.
 */
static void
view_recolumn(struct top_view *v, int sortid)
{
	size_t	i;
	int	k, id;

	id = column_find((TBIT(v->type) & TYPES_POSIX) ? "NAME" : "ID");
	v->sortcol = 0;
	for (k = 0; k < v->ncols; k++)
		if (v->col[k] == id)
			v->sortcol = k;
	for (k = 0; k < v->ncols; k++)
		if (v->col[k] == sortid)
			v->sortcol = k;
	for (i = 0; i < v->nrows; i++)
		v->rows[i].changed = 0;
	view_columns_changed(v);
	v->dirty = 1;
}

/*
 * Show column id col on v if it is hidden (at the end), hide it if it is
 * shown (the last one shown stays).  1 when the rows now need a pass
 * their sample lacks: the caller samples again.
 */
int
top_col_toggle(struct top *tp, struct top_view *v, int col)
{
	unsigned	old = v->needs;
	int		k, sortid = v->col[v->sortcol];

	for (k = 0; k < v->ncols && v->col[k] != col; k++)
		;
	if (k < v->ncols) {
		if (v->ncols - (tp->allns ? 1 : 0) <= 1)
			return 0;
		memmove(v->col + k, v->col + k + 1, (size_t)(v->ncols - k - 1) *
		    sizeof(int));
		v->ncols--;
	} else if (v->ncols < TOP_MAXCOLS)
		v->col[v->ncols++] = col;
	view_recolumn(v, sortid);
	return (v->needs & ~old) != 0;
}

/*
 * Move shown column id col of v one place left (dir < 0) or right; with
 * -A the NS column stays first.
 */
void
top_col_move(struct top_view *v, int col, int dir)
{
	int	k, j, t, sortid = v->col[v->sortcol], first;

	first = v->ncols > 0 && v->col[0] == column_find("NS") &&
	    col != v->col[0] ? 1 : 0;
	for (k = 0; k < v->ncols && v->col[k] != col; k++)
		;
	if (k == v->ncols)
		return;
	j = dir < 0 ? k - 1 : k + 1;
	if (j < first || j >= v->ncols)
		return;
	t = v->col[j];
	v->col[j] = v->col[k];
	v->col[k] = t;
	view_recolumn(v, sortid);
}

/*
 * Whether row r of v is stale, as its STALE column says: asked only when
 * that column is shown, and only of rows drawn.
 */
int
top_is_stale(const struct top *tp, const struct top_view *v,
    const struct top_row *r)
{
	char	buf[256];

	if (v->stalecol < 0 || (r->flags & ROW_GONE))
		return 0;
	return top_cell(tp, v, r, v->stalecol, buf, sizeof(buf)) > 0 &&
	    strcmp(buf, "-") != 0;
}

/*
 * How many hold row r now, as remove.c counts them when the removal only
 * marks it: a segment's attaches (the kernel's count, read again), a
 * POSIX object's holders (a scan of /proc, which then go into shown, the
 * copy d removes, for remove.c to count).  With -A in the row's
 * namespace.  -1 when it cannot be told; message queues and semaphore
 * sets are removed at once and have none.
 */
int
top_holders(struct top *tp, const struct top_view *v, const struct top_row *r,
    struct ipc_obj *shown, uint64_t *n)
{
	struct ipc_set	 tmp;
	struct ipc_obj	 o, *h;
	int		 moved, rval = -1;

	*n = 0;
	if (v->type == T_MSG || v->type == T_SEM)
		return 0;
	if (ns_enter_row(tp, r, &moved) == -1)
		return -1;
	if (v->type == T_SHM) {
		if (sysvctl_stat(T_SHM, r->o.id, &o) == 0) {
			*n = o.u.shm.nattch;
			rval = 0;
		}
	} else if (r->o.name != NULL && posix_stat_one(v->type, r->o.name,
	    &o) == 0) {
		set_init(&tmp, v->type);
		*set_add(&tmp) = o;
		proc_cache_free();
		posix_enrich_holders(&tmp);
		h = &tmp.v[0];
		if ((h->has & HAS_ATTACHED) && h->u.px.dev == shown->u.px.dev &&
		    h->u.px.ino == shown->u.px.ino) {
			*n = h->npids;
			free(shown->pids);
			shown->pids = NULL;
			if (h->npids > 0) {
				shown->pids = xreallocarray(NULL, h->npids,
				    sizeof(*shown->pids));
				memcpy(shown->pids, h->pids, h->npids *
				    sizeof(*shown->pids));
			}
			shown->npids = h->npids;
			shown->has |= h->has & (HAS_ATTACHED | HAS_ALLPROCS);
			rval = 0;
		}
		set_free(&tmp);
	}
	ns_leave(tp, moved);
	return rval;
}

/* Whether view column k is right-aligned. */
int
top_col_right(const struct top_view *v, int k)
{
	if (v->col[k] >= (int)ncolumns)
		return 1;
	return (columns[v->col[k]].flags & COL_RIGHT) != 0;
}

/* A rate as a cell: signed tenths. */
static void
rate_cell(const struct top_row *r, int col, struct cell *c)
{
	double	x;

	c->kind = CELL_NULL;
	if (!r->has_rate)
		return;
	x = col == TOPCOL_MSGRATE ? r->rate_msgs : r->rate_bytes;
	c->kind = CELL_SNUM;
	c->i = (int64_t)(x * 10 + (x < 0 ? -0.5 : 0.5));
}

/* The value of view column k of row r. */
static void
view_value(const struct top *tp, const struct top_view *v,
    const struct top_row *r, int k, struct cell *c)
{
	struct ctx	ctx;

	if (v->col[k] >= (int)ncolumns) {
		rate_cell(r, v->col[k], c);
		return;
	}
	ctx = tp->ctx;
	ctx.ns = r->ns;
	column_value(v->col[k], v->type, &r->o, &ctx, c);
}

/* The text of view column k of row r into buf; returns its length. */
size_t
top_cell(const struct top *tp, const struct top_view *v,
    const struct top_row *r, int k, char *buf, size_t len)
{
	struct cell	c;
	int64_t		a;
	char		tmp[32];
	size_t		n;

	view_value(tp, v, r, k, &c);
	if (v->col[k] < (int)ncolumns || c.kind == CELL_NULL)
		return fmt_cell(&c, &tp->oo, buf, len);
	/* Tenths: one decimal below 10000, none above. */
	a = c.i < 0 ? -c.i : c.i;
	n = 0;
	if (c.i < 0)
		tmp[n++] = '-';
	n += fmt_u64((uint64_t)(a / 10), tmp + n);
	if (a < 100000) {
		tmp[n++] = '.';
		tmp[n++] = (char)('0' + a % 10);
	}
	tmp[n] = '\0';
	strlcpy(buf, tmp, len);
	return n < len ? n : len - 1;
}

/*
 * A row's sort value, taken once per reorder: comparisons read these
 * and never call the column getter, except for a text built into the
 * cell's own buffer (a uid without a name), which is taken again.
 */
struct sortkey {
	size_t		 idx;		/* into v->rows */
	enum cell_kind	 kind;
	uint64_t	 u;
	int64_t		 i;
	const char	*str;		/* NULL: built, take the cell again */
	const pid_t	*pids;
	size_t		 npids;
};

/* Fill k with the sort column's value of row idx. */
static void
sortkey_take(const struct top *tp, const struct top_view *v, size_t idx,
    struct sortkey *k)
{
	struct cell	c;

	view_value(tp, v, &v->rows[idx], v->sortcol, &c);
	k->idx = idx;
	k->kind = c.kind;
	k->u = c.u;
	k->i = c.i;
	k->str = c.kind == CELL_STR && c.str != c.buf ? c.str : NULL;
	k->pids = c.pids;
	k->npids = c.npids;
}

/* Key k back as a cell (str into c's buffer when it was built there). */
static void
sortkey_cell(const struct sortkey *k, struct cell *c)
{
	if (k->kind == CELL_STR && k->str == NULL) {
		view_value(sort_tp, sort_view, &sort_view->rows[k->idx],
		    sort_view->sortcol, c);
		return;
	}
	c->kind = k->kind;
	c->u = k->u;
	c->i = k->i;
	c->str = k->str;
	c->pids = k->pids;
	c->npids = k->npids;
}

static int
cmp_order(const void *pa, const void *pb)
{
	const struct sortkey	*a = pa, *b = pb;
	struct cell		 ca, cb;
	int			 r;

	sortkey_cell(a, &ca);
	sortkey_cell(b, &cb);
	if ((r = cell_cmp(&ca, &cb)) == 0)
		r = (a->idx > b->idx) - (a->idx < b->idx);
	return sort_view->reverse ? -r : r;
}

/*
 * Whether v's sort column orders rows as the identity does (the rows'
 * own order): the ID of System V, the NAME of POSIX objects, ties by
 * row; with -A the NS column.  Then sorting is a no-op, or a reversal.
 */
static int
identity_sorted(const struct top *tp, const struct top_view *v)
{
	int	col = v->col[v->sortcol];

	if (col >= (int)ncolumns)
		return 0;
	if (tp->allns)
		return strcmp(columns[col].name, "NS") == 0;
	return strcmp(columns[col].name, (TBIT(v->type) & TYPES_POSIX) ?
	    "NAME" : "ID") == 0;
}

/* Put v->order (norder rows, by index) in the sort column's order. */
static void
sort_order(struct top *tp, struct top_view *v)
{
	struct sortkey	*keys;
	size_t		 i, n = v->norder, t;

	if (identity_sorted(tp, v)) {
		if (v->reverse)
			for (i = 0; i < n / 2; i++) {
				t = v->order[i];
				v->order[i] = v->order[n - 1 - i];
				v->order[n - 1 - i] = t;
			}
		return;
	}
	keys = xreallocarray(NULL, n > 0 ? n : 1, sizeof(*keys));
	for (i = 0; i < n; i++)
		sortkey_take(tp, v, v->order[i], &keys[i]);
	sort_tp = tp;
	sort_view = v;
	sort_array(keys, n, sizeof(*keys), cmp_order);
	for (i = 0; i < n; i++)
		v->order[i] = keys[i].idx;
	free(keys);
}

/* Whether row r's text holds the filter text, in any case. */
static int
row_matches(const struct top *tp, const struct top_view *v,
    const struct top_row *r)
{
	char	line[1024], cell[256];
	size_t	n = 0, m;
	int	k;

	for (k = 0; k < v->ncols; k++) {
		m = top_cell(tp, v, r, k, cell, sizeof(cell));
		if (n + m + 2 >= sizeof(line))
			break;
		if (k > 0)
			line[n++] = ' ';
		memcpy(line + n, cell, m);
		n += m;
	}
	line[n] = '\0';
	return strcasestr(line, tp->text) != NULL;
}

/*
 * Work out v's display: the rows passing the text filter, in the sort
 * column's order, and where the selection now is.  Column widths are
 * the view's, from the rows it draws (top_size_columns).
 */
void
top_reorder(struct top *tp, struct top_view *v)
{
	size_t	i;

	v->dirty = 0;
	v->norder = 0;
	for (i = 0; i < v->nrows; i++) {
		if (tp->text[0] != '\0' && !row_matches(tp, v, &v->rows[i]))
			continue;
		v->order[v->norder++] = i;
	}
	sort_order(tp, v);
	if (v->has_sel)
		for (i = 0; i < v->norder; i++)
			if (is_selected(v, &v->rows[v->order[i]])) {
				v->cursor = i;
				return;
			}
	/* The selection went (or is filtered out): stay at that place. */
	if (v->cursor >= v->norder)
		v->cursor = v->norder > 0 ? v->norder - 1 : 0;
	if (v->norder > 0)
		top_select(v, v->cursor);
}

/* Reorder v if a sample or a change of filter or sort came since. */
void
top_ready(struct top *tp, struct top_view *v)
{
	if (v->dirty)
		top_reorder(tp, v);
}

/*
 * Size v's columns for the display rows from..to-1: the widest of the
 * header and those rows' text, at most TOP_COLMAX.
 */
void
top_size_columns(const struct top *tp, struct top_view *v, size_t from,
    size_t to)
{
	char	buf[256];
	size_t	i, w;
	int	k;

	for (k = 0; k < v->ncols; k++)
		v->width[k] = strlen(top_col_name(v, k));
	for (i = from; i < to && i < v->norder; i++)
		for (k = 0; k < v->ncols; k++) {
			w = text_width(buf, top_cell(tp, v,
			    &v->rows[v->order[i]], k, buf, sizeof(buf)));
			if (w > v->width[k])
				v->width[k] = w > TOP_COLMAX ? TOP_COLMAX : w;
		}
}

/* The selected row of v, or NULL when it shows none. */
struct top_row *
top_selected(struct top_view *v)
{
	if (v->cursor >= v->norder)
		return NULL;
	return &v->rows[v->order[v->cursor]];
}

/* Select the row at display index idx (clamped) and remember who it is. */
void
top_select(struct top_view *v, size_t idx)
{
	struct top_row	*r;

	if (v->norder == 0) {
		v->cursor = 0;
		return;
	}
	v->cursor = idx < v->norder ? idx : v->norder - 1;
	r = &v->rows[v->order[v->cursor]];
	v->has_sel = 1;
	v->sel_ns = r->ns;
	v->sel_id = r->o.id;
	v->sel_key = r->o.key;
	free(v->sel_name);
	v->sel_name = r->o.name != NULL ? xstrdup(r->o.name) : NULL;
}

/*
 * -A: enter the IPC namespace of row r (reading POSIX objects under its
 * process's root), to look at or remove r there.  0 when in it (*moved
 * set when ns_leave must bring us back), -1 when it is gone.
 */
static int
ns_enter_row(struct top *tp, const struct top_row *r, int *moved)
{
	size_t	i;

	*moved = 0;
	if (tp->sv == NULL)
		return 0;
	for (i = 0; i < tp->sv->n; i++)
		if (tp->sv->v[i].ino == r->ns) {
			if (ns_switch(tp->sv, i) == -1)
				return -1;
			*moved = 1;
			return 0;
		}
	return -1;
}

/* Back to the namespace top started in, after ns_enter_row. */
static void
ns_leave(struct top *tp, int moved)
{
	if (moved)
		ns_restore(tp->sv);
}

/* -A: the namespace of row r, as the pane's first line. */
static void
detail_ns(const struct top *tp, const struct top_row *r, struct lines *ls)
{
	const struct ns_info	*ns;
	char			 cmd[256], cg[256];

	if ((ns = top_ns(tp, r->ns)) == NULL) {
		lines_add(ls, "IPC namespace %llu: gone",
		    (unsigned long long)r->ns);
		return;
	}
	fmt_escape(ns->command != NULL ? ns->command : "-", 0, cmd,
	    sizeof(cmd));
	fmt_escape(ns->cgroup != NULL ? ns->cgroup : "-", 0, cg, sizeof(cg));
	lines_add(ls, "IPC namespace %llu%s: pid %d (%s), cgroup %s",
	    (unsigned long long)ns->ino, ns->self ? " (this one)" : "",
	    (int)ns->pid, cmd, cg);
}

/*
 * The show view of row r, as "ipctool show" renders it: with -A its
 * namespace first; then, read now in its namespace, every field and
 * what its type adds (attachers, semaphores and their waiters, the first
 * messages and the queue's waiters).  A row that is gone shows its
 * fields as last seen.
 */
void
top_detail(struct top *tp, const struct top_view *v, const struct top_row *r,
    struct lines *ls)
{
	struct show_req	 rq;
	struct show	*sh;
	int		 moved = 0, found = 0;

	lines_clear(ls);
	if (tp->allns)
		detail_ns(tp, r, ls);
	memset(&rq, 0, sizeof(rq));
	rq.type = v->type;
	rq.id = r->o.id;
	if (r->o.name != NULL)
		strlcpy(rq.name, r->o.name, sizeof(rq.name));
	rq.messages = (v->type == T_MSG) ? DETAIL_MSGS : -1;
	rq.max_sems = DETAIL_SEMS;
	rq.oo = tp->oo;
	rq.oo.tf = TF_FULL;
	rq.ns = r->ns;
	sh = show_new(&rq);
	if (!(r->flags & ROW_GONE) && ns_enter_row(tp, r, &moved) == 0) {
		/* Warnings would land on the curses screen: keep them. */
		found = show_find(sh, NULL) == 1;
		if (found)
			show_gather(sh);
		ns_leave(tp, moved);
	}
	if (!found) {
		lines_add(ls, "(removed: as last seen)");
		show_copy(sh, &r->o);
	}
	show_text(sh, ls);
	show_free(sh);
}

/*
 * Name row r for messages: "shm 3", with withkey "shm 3 (key 0x00001041)";
 * a POSIX object "pshm /name", its name escaped (TOP_LABEL_MAX holds the
 * longest).
 */
void
top_label(const struct top_view *v, const struct top_row *r, int withkey,
    char *buf, size_t len)
{
	int	n;

	n = snprintf(buf, len, "%s ", type_name(v->type));
	if (n < 0 || (size_t)n >= len)
		return;
	if (!(TBIT(v->type) & TYPES_SYSV))
		fmt_escape(r->o.name != NULL ? r->o.name : "", 0, buf + n,
		    len - (size_t)n);
	else if (withkey)
		snprintf(buf + n, len - (size_t)n, "%d (key 0x%08x)", r->o.id,
		    r->o.key);
	else
		snprintf(buf + n, len - (size_t)n, "%d", r->o.id);
}

/*
 * Say in msg what became of a removal of shown (label: its name, where:
 * its namespace): -1 when nothing was removed, 0 when it was.
 */
static int
removal_message(enum ipc_type t, const struct removal *res,
    const char *label, const char *where, char *msg, size_t len)
{
	uint64_t	h = res->holders;

	switch (res->status) {
	case RM_REMOVED:
		snprintf(msg, len, "removed %s%s", label, where);
		return 0;
	case RM_MARKED:
		if (t == T_SHM)
			snprintf(msg, len, "%s%s marked for removal: %llu "
			    "process%s still attached", label, where,
			    (unsigned long long)h, h == 1 ? "" : "es");
		else
			snprintf(msg, len, "removed %s%s; %llu process%s "
			    "still hold%s it", label, where,
			    (unsigned long long)h, h == 1 ? "" : "es",
			    h == 1 ? "s" : "");
		return 0;
	case RM_GONE:
		snprintf(msg, len, "%s%s is already gone", label, where);
		break;
	case RM_CHANGED:
		if (TBIT(t) & TYPES_SYSV && res->key != 0)
			snprintf(msg, len, "%s%s now names another resource "
			    "(key 0x%08x) or changed since d: not removed",
			    label, where, res->key);
		else
			snprintf(msg, len, "%s%s %s since d: not removed",
			    label, where, TBIT(t) & TYPES_SYSV ? "changed" :
			    "was made again");
		break;
	case RM_NOMATCH:
		snprintf(msg, len, "%s%s no longer matches the filters: not "
		    "removed", label, where);
		break;
	default:
		snprintf(msg, len, "cannot remove %s%s: %s", label, where,
		    strerror(res->err));
		break;
	}
	return -1;
}

/*
 * Remove the resource shown as shown (taken when d was pressed, from the
 * sample read at shown_at) in the namespace ns, if it is still that resource and still matches top's
 * filters (remove.c); with -A in that namespace, entered for the removal.
 * The outcome, success or failure, is written to msg.  -1 when nothing
 * was removed, 0 when it was removed.
 */
int
top_remove(struct top *tp, const struct top_view *v,
    const struct ipc_obj *shown, int64_t shown_at, uint64_t ns, char *msg,
    size_t len)
{
	struct top_row	 r;
	struct removal	 res;
	char		 label[TOP_LABEL_MAX], where[64];
	int		 moved;

	memset(&r, 0, sizeof(r));
	r.o = *shown;
	r.ns = ns;
	top_label(v, &r, 0, label, sizeof(label));
	where[0] = '\0';
	if (tp->allns)
		snprintf(where, sizeof(where), " in IPC namespace %llu",
		    (unsigned long long)ns);
	if (ns_enter_row(tp, &r, &moved) == -1) {
		snprintf(msg, len, "%s not removed: IPC namespace %llu is "
		    "gone", label, (unsigned long long)ns);
		return -1;
	}
	remove_checked(v->type, shown, shown_at, &tp->filt, &res);
	ns_leave(tp, moved);
	return removal_message(v->type, &res, label, where, msg, len);
}

#define PRINT_CELL	4096	/* a cell of a --batch frame, at most */

/* Whether row r is printed in a frame: live, and with -A of namespace ns. */
static int
print_row(const struct top *tp, const struct top_row *r, uint64_t ns)
{
	return !(r->flags & ROW_GONE) && (!tp->allns || r->ns == ns);
}

/* Text formatted for a --batch table: cells end to end, or a line. */
struct pbuf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

/* Room for n more bytes in b. */
static char *
pbuf_room(struct pbuf *b, size_t n)
{
	if (b->len + n > b->cap) {
		while (b->len + n > b->cap)
			b->cap = b->cap > 0 ? b->cap * 2 : 65536;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	return b->s + b->len;
}

/*
 * One view's live rows (with -A those of namespace ns) as list prints a
 * table: the header, then the rows in display order, the columns as wide
 * as their widest cell, numbers to the right, one space apart, no
 * padding after the last column.  Each cell is formatted once, into an
 * arena, and the lines are written 64 KiB at a time.
 */
static void
print_view(struct top *tp, struct top_view *v, uint64_t ns, FILE *fp)
{
	struct top_row	*r;
	struct pbuf	 cells, line;
	size_t		 width[TOP_MAXCOLS], i, m = 0, c, n, w, pad;
	uint32_t	*off;
	uint16_t	*wid;
	int		 k, nc = v->ncols;

	memset(&cells, 0, sizeof(cells));
	memset(&line, 0, sizeof(line));
	off = xreallocarray(NULL, (v->norder + 1) * (size_t)nc + 1,
	    sizeof(*off));
	wid = xreallocarray(NULL, (v->norder + 1) * (size_t)nc + 1,
	    sizeof(*wid));
	for (i = 0; i <= v->norder; i++) {
		r = i > 0 ? &v->rows[v->order[i - 1]] : NULL;
		if (r != NULL && !print_row(tp, r, ns))
			continue;
		for (k = 0; k < nc; k++) {
			pbuf_room(&cells, PRINT_CELL);
			if (r == NULL)
				n = strlcpy(cells.s + cells.len,
				    top_col_name(v, k), PRINT_CELL);
			else
				n = top_cell(tp, v, r, k, cells.s + cells.len,
				    PRINT_CELL);
			if (n >= PRINT_CELL)
				n = PRINT_CELL - 1;
			if (cells.len > UINT32_MAX - PRINT_CELL)
				fatal("output table too large");
			off[m * (size_t)nc + (size_t)k] = (uint32_t)cells.len;
			cells.len += n + 1;
			w = text_width(cells.s + cells.len - n - 1, n);
			wid[m * (size_t)nc + (size_t)k] = (uint16_t)w;
			if (r == NULL || w > width[k])
				width[k] = w;
		}
		m++;
	}
	for (i = 0; i < m; i++) {
		if (line.len >= 65536) {
			fwrite(line.s, 1, line.len, fp);
			line.len = 0;
		}
		for (k = 0; k < nc; k++) {
			c = i * (size_t)nc + (size_t)k;
			/* Cells lie end to end, each with its NUL. */
			n = (c + 1 < m * (size_t)nc ? off[c + 1] : cells.len) -
			    off[c] - 1;
			w = wid[c];
			pad = width[k] > w ? width[k] - w : 0;
			pbuf_room(&line, n + pad + 2);
			if (k > 0)
				line.s[line.len++] = ' ';
			if (top_col_right(v, k)) {
				memset(line.s + line.len, ' ', pad);
				line.len += pad;
			}
			memcpy(line.s + line.len, cells.s + off[c], n);
			line.len += n;
			if (!top_col_right(v, k) && k + 1 < nc) {
				memset(line.s + line.len, ' ', pad);
				line.len += pad;
			}
		}
		pbuf_room(&line, 1);
		line.s[line.len++] = '\n';
	}
	fwrite(line.s, 1, line.len, fp);
	free(off);
	free(wid);
	free(cells.s);
	free(line.s);
}

/*
 * The tables of every view read (with -A those of namespace ns), titled
 * as list titles them when more than one type was asked for.
 */
static void
print_tables(struct top *tp, uint64_t ns, int titled, FILE *fp)
{
	int	t, n = 0;

	for (t = 0; t < T_NTYPES; t++) {
		if (!tp->v[t].shown || tp->v[t].err != 0)
			continue;
		if (titled)
			fprintf(fp, "%s------ %s ------\n", n > 0 ? "\n" : "",
			    type_title((enum ipc_type)t));
		print_view(tp, &tp->v[t], ns, fp);
		n++;
	}
}

/* Whether namespace ns has a live row in a view read. */
static int
ns_has_rows(const struct top *tp, uint64_t ns)
{
	const struct top_view	*v;
	size_t			 i;
	int			 t;

	for (t = 0; t < T_NTYPES; t++) {
		v = &tp->v[t];
		if (!v->shown || v->err != 0)
			continue;
		for (i = 0; i < v->nrows; i++)
			if (print_row(tp, &v->rows[i], ns))
				return 1;
	}
	return 0;
}

/*
 * A --batch frame's tables, from the last refresh as the live view shows
 * it (its columns, rates included, and its order); ntypes: how many types
 * were asked for (more than one: titled tables).  With -A, each namespace
 * that has resources under its heading, as list -A prints it.
 */
void
top_print(struct top *tp, int ntypes, FILE *fp)
{
	size_t	i, n = 0;
	int	t;

	for (t = 0; t < T_NTYPES; t++)
		if (tp->v[t].shown && tp->v[t].err == 0)
			top_reorder(tp, &tp->v[t]);
	if (!tp->allns || tp->sv == NULL) {
		print_tables(tp, 0, ntypes > 1, fp);
		return;
	}
	for (i = 0; i < tp->sv->n; i++) {
		if (!ns_has_rows(tp, tp->sv->v[i].ino))
			continue;
		nslist_heading(fp, &tp->oo, &tp->sv->v[i], n++ == 0);
		print_tables(tp, tp->sv->v[i].ino, ntypes > 1, fp);
	}
}

/* Free everything the model holds. */
void
top_free(struct top *tp)
{
	struct top_view	*v;
	size_t		 i;
	int		 t;

	for (t = 0; t < T_NTYPES; t++) {
		v = &tp->v[t];
		for (i = 0; i < v->nrows; i++)
			free(v->rows[i].o.name);
		free(v->rows);
		free(v->order);
		free(v->sel_name);
		sets_free(v->sets, v->nsets);
	}
	if (tp->sv != NULL) {
		ns_survey_free(tp->sv);
		free(tp->sv);
	}
	proc_cache_free();
	names_free_all();
}
