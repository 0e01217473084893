/* SPDX-License-Identifier: ISC */
/*
 * cmd-list.c - "ipctool list": tables of resources.
 *
 * options -> request -> for each type: collect -> filter -> sort -> out,
 * through request.c's pipeline (list_run, or nslist.c's for -A).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

/* --list-columns: each column of the requested types with its help. */
static void
list_columns(unsigned types)
{
	size_t	i;
	int	t, sep;

	for (i = 0; i < ncolumns; i++) {
		if (!(columns[i].types & types))
			continue;
		printf("%10s  %s", columns[i].name, columns[i].help);
		if ((columns[i].types & TYPES_ALL) != TYPES_ALL) {
			printf(" (");
			for (sep = 0, t = 0; t < T_NTYPES; t++)
				if (columns[i].types & TBIT(t))
					printf("%s%s", sep++ ? "," : "",
					    type_name(t));
			printf(")");
		}
		putchar('\n');
	}
}

/* Take one option of list's own into rq and the flags. */
static void
list_option(const struct cmd_entry *self, struct request *rq,
    const struct cmd_arg *a, int *listcols, int *allns)
{
	switch (a->id) {
	case OPT_LIST_COLUMNS:
		*listcols = 1;
		break;
	case OPT_ALL_NAMESPACES:
		*allns = 1;
		break;
	case OPT_PRESET_TIME:
		rq->presets |= PRESET_TIME;
		break;
	case OPT_PRESET_CREATOR:
		rq->presets |= PRESET_CREATOR;
		break;
	case OPT_PRESET_PID:
		rq->presets |= PRESET_PID;
		break;
	default:
		request_option(self, rq, a->id, a->value);
		break;
	}
}

static int
cmd_list_exec(const struct cmd_entry *self, struct args *args)
{
	struct request	 rq;
	const char	*err;
	size_t		 i;
	int		 listcols = 0, allns = 0, rval;

	request_init(&rq);
	for (i = 0; i < args->n; i++)
		list_option(self, &rq, &args->v[i], &listcols, &allns);
	request_types(self, &rq, args->noperands, args->operands,
	    listcols ? TYPES_ALL : TYPES_SYSV);
	if (listcols) {
		list_columns(rq.types);
		return 0;
	}
	if (request_columns(&rq, &err) == -1)
		usage_error(self, "%s", err);
	/* A table to a terminal fits it; a pipe or a file is never cut. */
	rq.oo.width = term_width(STDOUT_FILENO);
	if (ns_enter_arg() == -1)
		return 1;
	rval = allns ? list_run_namespaces(&rq) : list_run(&rq);
	stale_report(self->name);
	return rval;
}

static const struct cmd_option list_table[] = {
	{ 't', "time", ARG_NONE, OPT_PRESET_TIME, NULL,
	    "add the time columns (as ipcs -t)" },
	{ 'c', NULL, ARG_NONE, OPT_PRESET_CREATOR, NULL,
	    "add the creator columns (as ipcs -c)" },
	{ 'p', NULL, ARG_NONE, OPT_PRESET_PID, NULL,
	    "add the pid columns (as ipcs -p)" },
	{ 'A', "all-namespaces", ARG_NONE, OPT_ALL_NAMESPACES, NULL,
	    "every IPC namespace that has resources" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec list_sections[] = {
	{ NULL, type_flag_options },
	{ "Output options", output_options },
	{ NULL, list_table },
	{ "Filters (all given must match)", filter_key_options },
	{ NULL, filter_options },
	{ "", help_options },
	{ NULL, NULL }
};

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.alias = "ls",
	.summary = "list resources in tables, raw, export or JSON",
	.usage = "list [TYPE...] [OUTPUT OPTIONS] [FILTERS]",
	.help =
	    "\n"
	    "List IPC resources, one section per type.\n"
	    "\n"
	    "Types (default: sysv):\n"
	    "  shm, -m     System V shared memory segments\n"
	    "  msg, -q     System V message queues\n"
	    "  sem, -s     System V semaphore sets\n"
	    "  pshm        POSIX shared memory objects\n"
	    "  pmq         POSIX message queues\n"
	    "  psem        POSIX named semaphores\n"
	    "  sysv        shm, msg and sem\n"
	    "  posix       pshm, pmq and psem\n"
	    "  all, -a     every type\n",
	.options = list_sections,
	.exec = cmd_list_exec,
};
