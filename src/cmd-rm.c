/* SPDX-License-Identifier: ISC */
/*
 * cmd-rm.c - "ipctool rm": remove resources by id, by key, by filters or
 * all of them.
 *
 * options -> selection (explicit ids/keys, or collect + filter, as list
 * does) -> for each selected resource: stat it again, check it is still
 * the one selected and still matches, then remove it.  The last check is
 * what lets a cron job run "rm --stale" safely while other programs
 * create and remove resources: an id reused by a new resource, or a
 * resource someone attached to since, is skipped and said so.
 *
 * POSIX objects are named ("rm pshm NAME..."), and checked again by
 * device and inode: a name removed and made again since the selection is
 * another object, skipped.  Removing one that processes still map or hold
 * open takes only its name away; they keep using it, and rm says so.
 *
 * Being destructive, rm takes no prefix of its name and no abbreviated
 * long option: "--al" is not "--all".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipctool.h"

/* What rm was asked for, and how it went. */
struct rm {
	const struct cmd_entry	*self;
	struct request		 rq;	/* types, filters, -J's output */
	int			 all;
	int			 dry;
	int			 verbose;
	int			*ids;
	size_t			 nids;
	uint32_t		*keys;
	size_t			 nkeys;
	int			 bykey;	/* --key given: operands are keys */
	char			**names;	/* POSIX "/name"s */
	size_t			 nnames;
	struct out		*out;	/* --dry-run -J */
	int			 rval;
};

/* Append a key to r->keys. */
static void
add_key(struct rm *r, const char *arg)
{
	const char	*e;
	uint32_t	 key;

	if (parse_key(arg, &key, &e) == -1)
		usage_error(r->self, "invalid key '%s': %s", arg, e);
	if (key == 0)
		usage_error(r->self, "invalid key '%s': 0 is IPC_PRIVATE, "
		    "shared by every private resource; remove those by id",
		    arg);
	r->keys = xreallocarray(r->keys, r->nkeys + 1, sizeof(*r->keys));
	r->keys[r->nkeys++] = key;
}

/* Append an id to r->ids. */
static void
add_id(struct rm *r, const char *arg)
{
	const char	*e;
	int		 id;

	if (parse_id(arg, &id, &e) == -1)
		usage_error(r->self, "invalid id '%s': %s", arg, e);
	r->ids = xreallocarray(r->ids, r->nids + 1, sizeof(*r->ids));
	r->ids[r->nids++] = id;
}

/* Append a POSIX object name (with or without its '/') to r->names. */
static void
add_name(struct rm *r, enum ipc_type t, const char *arg)
{
	char		 name[POSIX_NAME_LEN];
	const char	*e;

	if (posix_name_arg(t, arg, name, sizeof(name), &e) == -1)
		usage_error(r->self, "invalid name '%s': %s", fmt_esc(arg), e);
	r->names = xreallocarray(r->names, r->nnames + 1, sizeof(*r->names));
	r->names[r->nnames++] = xstrdup(name);
}

/* The one type in types, or -1. */
static int
single_type(unsigned types)
{
	int	t;

	if (types == 0 || (types & (types - 1)))
		return -1;
	for (t = 0; !(types & TBIT(t)); t++)
		;
	return t;
}

/* Take one option into r; a bad value is a usage error. */
static void
rm_option(struct rm *r, const struct cmd_arg *a)
{
	switch (a->id) {
	case OPT_TYPE_ALL:
		usage_error(r->self, "-a is not a type flag here: use --all "
		    "to remove every resource of the types");
	case OPT_ALL:
		r->all = 1;
		break;
	case OPT_DRY_RUN:
		r->dry = 1;
		break;
	case OPT_VERBOSE:
		r->verbose = 1;
		break;
	case OPT_KEY:
		r->bykey = 1;
		add_key(r, a->value);
		break;
	default:
		request_option(r->self, &r->rq, a->id, a->value);
		break;
	}
}

/* Parse the command line into r; every error is a usage error. */
static void
rm_parse(struct rm *r, struct args *args)
{
	const char	*err;
	char		**argv = args->operands;
	size_t		 j;
	int		 i, t, operands = 0, first = 0, argc = args->noperands;

	for (j = 0; j < args->n; j++)
		rm_option(r, &args->v[j]);
	for (i = 0; i < argc; i++) {
		if (operands == 0 && parse_type(argv[i], &r->rq.types) == 0)
			continue;
		if (operands++ == 0)
			first = i;
	}
	/* Operands name POSIX objects, or are SysV ids or keys. */
	for (i = first; operands > 0 && i < argc; i++) {
		if (r->rq.types & TYPES_POSIX) {
			if ((t = single_type(r->rq.types)) == -1)
				usage_error(r->self, "names need exactly one "
				    "type: rm pshm|pmq|psem NAME...");
			if (r->bykey)
				usage_error(r->self, "%s objects have names, "
				    "not keys", type_name(t));
			add_name(r, (enum ipc_type)t, argv[i]);
		} else if (r->bykey)
			add_key(r, argv[i]);
		else
			add_id(r, argv[i]);
	}
	if (r->bykey && (r->rq.types & TYPES_POSIX))
		usage_error(r->self, "--key is for shm, msg and sem: POSIX "
		    "objects have names");
	if (r->rq.oo.mode != OUT_TABLE && r->rq.oo.mode != OUT_JSON)
		usage_error(r->self, "only -J applies to rm");
	if (r->rq.oo.mode == OUT_JSON && !r->dry)
		usage_error(r->self, "--json needs --dry-run");
	if (r->nnames > 0 && r->all)
		usage_error(r->self, "--all and names are mutually exclusive");
	if (r->nids > 0 || r->nkeys > 0) {
		if (r->all)
			usage_error(r->self, "--all and %s are mutually "
			    "exclusive", r->bykey ? "keys" : "ids");
		if (r->rq.types == 0 || (r->rq.types & (r->rq.types - 1)))
			usage_error(r->self, "%s need exactly one type: "
			    "rm shm|msg|sem %s...", r->bykey ? "keys" : "ids",
			    r->bykey ? "--key KEY" : "ID");
	} else if (r->nnames == 0 && !r->all && !filter_is_set(&r->rq.filt))
		usage_error(r->self, "nothing selected: give ids, --key, "
		    "names, filters or --all");
	if (r->rq.types == 0)
		r->rq.types = TYPES_SYSV;
	if (r->rq.oo.mode == OUT_JSON && request_columns(&r->rq, &err) == -1)
		usage_error(r->self, "%s", err);
}

/*
 * Stat id into set, as selected, unless seen holds it already; a missing
 * id is a failure.
 */
static void
select_id(struct rm *r, enum ipc_type t, int id, struct ipc_set *set,
    struct idset *seen)
{
	struct ipc_obj	o;

	if (!idset_add(seen, (uint32_t)id))
		return;
	if (sysvctl_stat(t, id, &o) == -1) {
		if (errno == EINVAL || errno == EIDRM)
			warnx_("rm: %s %d: no such id", type_name(t), id);
		else
			warn_("rm: %s %d", type_name(t), id);
		r->rval = 1;
		return;
	}
	*set_add(set) = o;
}

/* Select the ids and keys named on the command line, of type t. */
static void
select_explicit(struct rm *r, enum ipc_type t, struct ipc_set *set)
{
	struct idset	seen;
	size_t		i;
	int		id;

	memset(&seen, 0, sizeof(seen));
	for (i = 0; i < r->nids; i++)
		select_id(r, t, r->ids[i], set, &seen);
	for (i = 0; i < r->nkeys; i++) {
		if ((id = sysvctl_find_key(t, r->keys[i])) == -1) {
			if (errno == ENOENT)
				warnx_("rm: %s key 0x%08x: no such key",
				    type_name(t), r->keys[i]);
			else
				warn_("rm: %s key 0x%08x", type_name(t),
				    r->keys[i]);
			r->rval = 1;
			continue;
		}
		select_id(r, t, id, set, &seen);
	}
	idset_free(&seen);
}

/* Select the POSIX objects named on the command line, of type t. */
static void
select_names(struct rm *r, enum ipc_type t, struct ipc_set *set)
{
	struct ipc_obj	o;
	size_t		i, j;

	for (i = 0; i < r->nnames; i++) {
		for (j = 0; j < set->n; j++)
			if (strcmp(set->v[j].name, r->names[i]) == 0)
				break;
		if (j < set->n)
			continue;
		if (posix_stat_one(t, r->names[i], &o) == -1) {
			if (errno == ENOENT)
				warnx_("rm: %s %s: no such object",
				    type_name(t), fmt_esc(r->names[i]));
			else
				warn_("rm: %s %s", type_name(t),
				    fmt_esc(r->names[i]));
			r->rval = 1;
			continue;
		}
		*set_add(set) = o;
	}
}

/* "shm 42" or "pshm /name" (escaped), for messages. */
static const char *
what(enum ipc_type t, const struct ipc_obj *o)
{
	static char	buf[POSIX_NAME_LEN * 4 + 16];

	if (TBIT(t) & TYPES_POSIX)
		snprintf(buf, sizeof(buf), "%s %s", type_name(t),
		    fmt_esc(o->name));
	else
		snprintf(buf, sizeof(buf), "%s %d", type_name(t), o->id);
	return buf;
}

/*
 * An object named on the command line that the filters leave out: say
 * that it is skipped (the pipeline frees it).
 */
static void
narrow_explicit(const struct ipc_set *set, const struct ipc_obj *o,
    void *arg)
{
	(void)arg;
	warnx_("rm: %s: does not match the filters, skipped",
	    what(set->type, o));
}

/*
 * Remove one selected object, if it is still the one selected and still
 * matches the filters (remove.c), and say what became of it.
 */
static void
rm_one(struct rm *r, enum ipc_type t, const struct ipc_obj *sel)
{
	struct removal	 res;
	const char	*w = what(t, sel);

	switch (remove_checked(t, sel, r->rq.oo.now, &r->rq.filt, &res)) {
	case RM_REMOVED:
		if (!r->verbose)
			break;
		if (TBIT(t) & TYPES_SYSV)
			printf("removed %s (key 0x%08x)\n", w, sel->key);
		else
			printf("removed %s\n", w);
		break;
	case RM_MARKED:
		if (t == T_SHM)
			printf("%s marked for removal; %llu attached "
			    "process%s still hold%s it\n", w,
			    (unsigned long long)res.holders,
			    res.holders == 1 ? "" : "es",
			    res.holders == 1 ? "s" : "");
		else
			printf("removed %s; %llu process%s still hold%s it\n",
			    w, (unsigned long long)res.holders,
			    res.holders == 1 ? "" : "es",
			    res.holders == 1 ? "s" : "");
		break;
	case RM_GONE:
		if (r->verbose)
			printf("%s already gone\n", w);
		break;
	case RM_CHANGED:
		if (TBIT(t) & TYPES_SYSV)
			warnx_("rm: %s: changed since listed, skipped", w);
		else
			warnx_("rm: %s: changed since listed (made again "
			    "under that name), skipped", w);
		break;
	case RM_NOMATCH:
		warnx_("rm: %s: no longer matches the filters, skipped", w);
		break;
	default:
		errno = res.err;
		warn_("rm: %s", w);
		r->rval = 1;
		break;
	}
}

/* Remove cur, a SysV object just read, and say what became of it. */
static void
rm_fresh(struct rm *r, enum ipc_type t, const struct ipc_obj *cur)
{
	const char	*tn = type_name(t);

	if (sysvctl_rm(t, cur->id) == -1) {
		if (errno != EINVAL && errno != EIDRM) {
			warn_("rm: %s %d", tn, cur->id);
			r->rval = 1;
		}
		return;
	}
	if (t == T_SHM && cur->u.shm.nattch > 0)
		printf("shm %d marked for removal; %llu attached process%s "
		    "still hold%s it\n", cur->id,
		    (unsigned long long)cur->u.shm.nattch,
		    cur->u.shm.nattch == 1 ? "" : "es",
		    cur->u.shm.nattch == 1 ? "s" : "");
	else if (r->verbose)
		printf("removed %s %d (key 0x%08x)\n", tn, cur->id, cur->key);
}

struct stream {
	struct rm	*r;
	enum ipc_type	 t;
};

static void
stream_one(const struct ipc_obj *o, void *arg)
{
	struct stream	*st = arg;

	rm_fresh(st->r, st->t, o);
}

/*
 * rm --all or FILTERS of a SysV type, where the filters need no pass
 * over every process (--stale, --idle, --older, --user ...: not --pid):
 * each object is judged on the state the kernel has just reported (by
 * index, as ipcrm -a reads it), its last operators and the processes
 * blocked on it read right then, and removed at once if it passes.
 * Listing everything first would leave time for a process to take up an
 * object between the listing and its removal, and need a second stat of
 * each to close that gap.  0 if this cannot be done here: the caller
 * lists first.
 */
static int
rm_streamed(struct rm *r, enum ipc_type t, unsigned needs)
{
	struct stream	st;
	int		rval;

	if (r->out != NULL || r->dry || r->nids > 0 || r->nkeys > 0 ||
	    r->nnames > 0)
		return 0;
	st.r = r;
	st.t = t;
	if ((rval = pipeline_each(t, needs, &r->rq.filt, stream_one,
	    &st)) == -1) {
		warn_("rm: %s", type_name(t));
		r->rval = 1;
	}
	return rval != 1;
}

/* Append "; "-separated text to buf. */
static void
why_add(char *buf, size_t len, const char *fmt, ...)
{
	va_list	ap;
	size_t	off = strlen(buf);

	if (off > 0 && off + 2 < len) {
		memcpy(buf + off, "; ", 3);
		off += 2;
	}
	if (off >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + off, len - off, fmt, ap);
	va_end(ap);
}

/*
 * --dry-run: say what would go, and with -v why it was selected: the
 * stale reason, how long it has been idle or unchanged, and for an
 * attached segment that it would only be marked.
 */
static void
would_remove(struct rm *r, enum ipc_type t, const struct ipc_obj *o)
{
	char		 why[256], reason[STALE_REASON_LEN], ago[32];
	const struct filter *f = &r->rq.filt;
	int64_t		 now = r->rq.oo.now;

	if (TBIT(t) & TYPES_SYSV)
		printf("would remove %s (key 0x%08x)", what(t, o), o->key);
	else
		printf("would remove %s", what(t, o));
	if (!r->verbose) {
		putchar('\n');
		return;
	}
	why[0] = '\0';
	if (r->nids > 0 || r->nkeys > 0 || r->nnames > 0)
		why_add(why, sizeof(why), "named");
	else if (r->all)
		why_add(why, sizeof(why), "--all");
	if (f->stale &&
	    stale_judge(t, o, NULL, reason, sizeof(reason)) == STALE_YES)
		why_add(why, sizeof(why), "stale: %s", reason);
	if (f->idle != UNSET) {
		fmt_time(last_activity(t, o), TF_RELATIVE, now, ago,
		    sizeof(ago));
		why_add(why, sizeof(why), "last used %s", ago);
	}
	if (f->older != UNSET) {
		fmt_time((TBIT(t) & TYPES_SYSV) ? o->ctime : o->u.px.mtime,
		    TF_RELATIVE, now, ago, sizeof(ago));
		why_add(why, sizeof(why), "changed %s", ago);
	}
	if (f->unattached)
		why_add(why, sizeof(why), "unattached");
	if (t == T_SHM && o->u.shm.nattch > 0)
		why_add(why, sizeof(why), "attached (NATTCH %llu): would only "
		    "be marked", (unsigned long long)o->u.shm.nattch);
	if (why[0] == '\0')
		why_add(why, sizeof(why), "matches the filters");
	printf(": %s\n", why);
}

/* Select, then remove or show, the objects of type t. */
static void
rm_type(struct rm *r, enum ipc_type t, int ntypes)
{
	struct ipc_set	set;
	unsigned	needs;
	size_t		i;

	needs = filter_needs(&r->rq.filt);
	if (r->out != NULL)
		needs |= column_needs(&r->rq.cols[t]);
	/* POSIX: how many still hold what is removed, to say so. */
	if (TBIT(t) & TYPES_POSIX)
		needs |= NEED_ATTACHED;
	if (rm_streamed(r, t, needs))
		return;
	if (r->nnames > 0 || r->nids > 0 || r->nkeys > 0) {
		set_init(&set, t);
		if (r->nnames > 0)
			select_names(r, t, &set);
		else
			select_explicit(r, t, &set);
		(void)pipeline_enrich(&set, needs, &r->rq.filt, r->rq.oo.now,
		    narrow_explicit, NULL);
	} else if (pipeline_collect(t, needs, &r->rq.filt, r->rq.oo.now,
	    &set) == -1) {
		r->rval = 1;
		return;
	}
	if (r->out != NULL)
		out_set(r->out, &set, &r->rq.cols[t], ntypes > 1);
	else if (r->dry)
		for (i = 0; i < set.n; i++)
			would_remove(r, t, &set.v[i]);
	else
		for (i = 0; i < set.n; i++)
			rm_one(r, t, &set.v[i]);
	set_free(&set);
}

static int
cmd_rm_exec(const struct cmd_entry *self, struct args *args)
{
	struct rm	r;
	int		t, ntypes = 0;

	memset(&r, 0, sizeof(r));
	r.self = self;
	request_init(&r.rq);
	rm_parse(&r, args);
	if (ns_enter_arg() == -1) {
		r.rval = 1;
		goto out;
	}
	for (t = 0; t < T_NTYPES; t++)
		ntypes += (r.rq.types & TBIT(t)) != 0;
	if (r.dry && r.rq.oo.mode == OUT_JSON)
		r.out = out_new(&r.rq.oo, stdout);
	for (t = 0; t < T_NTYPES; t++)
		if (r.rq.types & TBIT(t))
			rm_type(&r, (enum ipc_type)t, ntypes);
	if (r.out != NULL) {
		out_finish(r.out);
		out_free(r.out);
	}
	stale_report(self->name);
out:
	free(r.ids);
	free(r.keys);
	for (t = 0; t < (int)r.nnames; t++)
		free(r.names[t]);
	free(r.names);
	return r.rval;
}

static const struct cmd_option rm_table[] = {
	{ 'k', "key", ARG_REQUIRED, OPT_KEY, "KEY",
	    "remove the resource of KEY; with --key,\n"
	    "the operands are keys too" },
	{ 0, "all", ARG_NONE, OPT_ALL, NULL, "every resource of the types" },
	{ 0, "dry-run", ARG_NONE, OPT_DRY_RUN, NULL,
	    "remove nothing, print what would go" },
	{ 'J', "json", ARG_NONE, OPT_JSON, NULL,
	    "with --dry-run: what would go, as list -J" },
	{ 'v', "verbose", ARG_NONE, OPT_VERBOSE, NULL,
	    "print each removal" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

/* -a is taken only to be refused with a better message than "unknown". */
static const struct cmd_optsec rm_sections[] = {
	{ NULL, type_flag_options },
	{ "Options", rm_table },
	{ NULL, help_options },
	{ "Filters (all given must match; rm needs one, or --all)",
	    filter_options },
	{ NULL, NULL }
};

const struct cmd_entry cmd_rm_entry = {
	.name = "rm",
	.alias = "remove",
	.summary = "remove resources by id, key, filters, or all",
	.usage = "rm TYPE ID... | rm TYPE --key KEY... | rm PTYPE NAME... | "
	    "rm [TYPE...] --all | rm [TYPE...] FILTERS...",
	.help =
	    "\n"
	    "Remove System V resources and POSIX objects.  Each is stat-ed again\n"
	    "just before its removal and skipped if its id or name now names\n"
	    "another resource or it no longer matches the filters.  A segment\n"
	    "still attached is only marked for removal: the kernel frees it at\n"
	    "the last detach.  A POSIX object loses its name at once; processes\n"
	    "that map it or hold it open keep using it.\n"
	    "\n"
	    "Types: shm (-m), msg (-q), sem (-s), sysv (default with --all or\n"
	    "filters); pshm, pmq, psem (PTYPE), posix; all.  Ids, keys and\n"
	    "names need exactly one type; a NAME is given with or without its\n"
	    "leading '/'.\n",
	.options = rm_sections,
	.help_end =
	    "\n"
	    "A resource is stale only when the kernel's records prove it; what\n"
	    "cannot be judged is kept, and said so on stderr.  For cron:\n"
	    "  ipctool rm --stale --idle 1h -v\n"
	    "\n"
	    "Exit status: 0 when every selected resource is gone (or marked),\n"
	    "1 when any could not be removed, 2 for a usage error.\n",
	.exec = cmd_rm_exec,
};
