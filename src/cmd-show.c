/* SPDX-License-Identifier: ISC */
/*
 * cmd-show.c - "ipctool show": one resource, in full.
 *
 * options -> show.c finds the object, gathers what its type adds
 * (attached processes, semaphore rows, queued messages) and renders it
 * -> stdout, as text or JSON.  A POSIX object is named, not numbered:
 * "show pshm NAME", with or without the leading '/'.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

#define DEFAULT_MSGS	10

/* Take one option into sh, a type flag into types; bad values exit. */
static void
show_option(const struct cmd_entry *self, struct show_req *sh,
    const struct cmd_arg *a, unsigned *types)
{
	const char	*err;
	uint64_t	 v;

	switch (a->id) {
	case OPT_KEY:
		if (parse_key(a->value, &sh->key, &err) == -1)
			usage_error(self, "invalid key '%s': %s", a->value,
			    err);
		if (sh->key == 0)
			usage_error(self, "key 0 (IPC_PRIVATE) names no single "
			    "resource: give its id");
		sh->by_key = 1;
		break;
	case OPT_JSON:
		sh->oo.mode = OUT_JSON;
		break;
	case OPT_BYTES:
		sh->oo.bytes = 1;
		break;
	case OPT_NUMERIC_PERMS:
		sh->oo.numeric_perms = 1;
		break;
	case OPT_NOTRUNCATE:
		sh->oo.notruncate = 1;
		break;
	case OPT_TIME_FORMAT:
		if (parse_time_format(a->value, &sh->oo.tf) == -1)
			usage_error(self, "invalid time format '%s': use short, "
			    "full, iso or relative", a->value);
		break;
	case OPT_MESSAGES:
		sh->messages = DEFAULT_MSGS;
		if (a->value != NULL) {
			if (parse_uint(a->value, 1, INT_MAX, &v, &err) == -1)
				usage_error(self, "invalid number of messages "
				    "'%s': %s", a->value, err);
			sh->messages = (long)v;
		}
		break;
	default:
		parse_type_flag(a->opt->letter, types);
		break;
	}
}

/* Whether --messages was given without its =N. */
static int
bare_messages(const struct args *args)
{
	size_t	i;

	for (i = 0; i < args->n; i++)
		if (args->v[i].id == OPT_MESSAGES && args->v[i].value == NULL)
			return 1;
	return 0;
}

/* Parse the options and operands into sh; usage errors exit. */
static void
show_args(const struct cmd_entry *self, struct show_req *sh,
    struct args *args)
{
	const char	*err;
	unsigned	 types = 0;
	char		**argv = args->operands;
	size_t		 i;
	int		 t, nargs, argc = args->noperands;

	for (i = 0; i < args->n; i++)
		show_option(self, sh, &args->v[i], &types);
	if (types == 0) {
		if (argc == 0)
			usage_error(self, "missing type");
		if ((t = type_from_name(argv[0])) == -1)
			usage_error(self, "unknown type '%s'",
			    fmt_esc(argv[0]));
		types = TBIT(t);
		argc--;
		argv++;
	}
	for (nargs = 0, t = 0; t < T_NTYPES; t++)
		if (types & TBIT(t)) {
			sh->type = (enum ipc_type)t;
			nargs++;
		}
	if (nargs != 1)
		usage_error(self, "give one type");
	if (argc > 1 && bare_messages(args) && argv[1][0] != '\0' &&
	    strspn(argv[1], "0123456789") == strlen(argv[1]))
		usage_error(self, "unexpected argument '%s': the number of "
		    "messages is given as --messages=%s", argv[1], argv[1]);
	if (argc > 1)
		usage_error(self, "unexpected argument '%s'", fmt_esc(argv[1]));
	if (TBIT(sh->type) & TYPES_POSIX) {
		if (sh->by_key)
			usage_error(self, "%s objects have names, not keys",
			    type_name(sh->type));
		if (argc == 0)
			usage_error(self, "missing name");
		if (posix_name_arg(sh->type, argv[0], sh->name,
		    sizeof(sh->name), &err) == -1)
			usage_error(self, "invalid name '%s': %s",
			    fmt_esc(argv[0]), err);
		if (sh->messages >= 0)
			usage_error(self, "--messages applies to msg only");
		return;
	}
	if (argc == 1 && sh->by_key)
		usage_error(self, "give an id or --key, not both");
	if (argc == 0 && !sh->by_key)
		usage_error(self, "missing id or --key");
	if (argc == 1 && parse_id(argv[0], &sh->id, &err) == -1)
		usage_error(self, "invalid id '%s': %s", argv[0], err);
	if (sh->messages >= 0 && sh->type != T_MSG)
		usage_error(self, "--messages applies to msg only");
}

static int
cmd_show_exec(const struct cmd_entry *self, struct args *args)
{
	struct show_req	 rq;
	struct show	*sh;
	struct lines	 ls;
	struct json	 js;
	size_t		 i;
	int		 r;

	memset(&rq, 0, sizeof(rq));
	rq.messages = -1;
	rq.oo.mode = OUT_TABLE;
	rq.oo.tf = TF_FULL;
	rq.oo.now = (int64_t)time(NULL);
	show_args(self, &rq, args);
	rq.oo.width = term_width(STDOUT_FILENO);
	if (ns_enter_arg() == -1)
		return 1;
	rq.ns = ns_ipc_inode();
	sh = show_new(&rq);
	if ((r = show_find(sh, self->name)) != 1) {
		if (r == 0)
			warnx_("%s: %s: no such resource", self->name,
			    show_what(sh));
		show_free(sh);
		return 1;
	}
	show_gather(sh);
	if (rq.oo.mode == OUT_JSON) {
		json_init(&js, stdout);
		show_json(sh, &js);
	} else {
		memset(&ls, 0, sizeof(ls));
		show_text(sh, &ls);
		for (i = 0; i < ls.n; i++)
			printf("%s\n", ls.v[i]);
		lines_clear(&ls);
	}
	show_free(sh);
	return 0;
}

static const struct cmd_option show_table[] = {
	{ 'k', "key", ARG_REQUIRED, OPT_KEY, "KEY",
	    "find the resource by key instead of id" },
	{ 'J', "json", ARG_NONE, OPT_JSON, NULL, "JSON output" },
	{ 'b', "bytes", ARG_NONE, OPT_BYTES, NULL, "sizes in bytes only" },
	{ 'P', "numeric-perms", ARG_NONE, OPT_NUMERIC_PERMS, NULL,
	    "permissions as octal numbers" },
	{ 0, "time-format", ARG_REQUIRED, OPT_TIME_FORMAT, "FMT",
	    "short, full (default), iso or relative" },
	{ 0, "messages", ARG_OPTIONAL, OPT_MESSAGES, "N",
	    "msg: show the first N messages (10)" },
	{ 0, "notruncate", ARG_NONE, OPT_NOTRUNCATE, NULL,
	    "do not cut commands to fit the terminal" },
	{ 'm', NULL, ARG_NONE, OPT_TYPE_SHM, NULL, NULL },
	{ 'q', NULL, ARG_NONE, OPT_TYPE_MSG, NULL, NULL },
	{ 's', NULL, ARG_NONE, OPT_TYPE_SEM, NULL, NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec show_sections[] = {
	{ "Options", show_table },
	{ NULL, help_options },
	{ NULL, NULL }
};

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.alias = "info",
	.summary = "show one resource in full",
	.usage = "show TYPE ID | show TYPE --key KEY | show PTYPE NAME  [-J] "
	    "[--messages[=N]]",
	.help =
	    "\n"
	    "Show every field of one resource, then what its type adds:\n"
	    "shm: the processes attached (found by the mapping's inode, so\n"
	    "private segments are told apart); sem: one row per semaphore,\n"
	    "then the processes blocked in semop (which semaphore, for zero\n"
	    "or to decrement); msg: queue use against capacity, with\n"
	    "--messages the first messages, copied without removing them\n"
	    "(MSG_COPY), then the processes blocked in msgsnd or msgrcv\n"
	    "(send or receive, and msgtyp); POSIX objects:\n"
	    "the processes that map them or hold them open, and for pmq its\n"
	    "limits (maxmsg, msgsize) and use.\n"
	    "\n"
	    "Types: shm (-m), msg (-q), sem (-s) by ID or --key; pshm, pmq,\n"
	    "psem (PTYPE) by NAME, with or without its leading '/'.\n",
	.options = show_sections,
	.exec = cmd_show_exec,
};
