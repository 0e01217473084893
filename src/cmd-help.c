/* SPDX-License-Identifier: ISC */
/*
 * cmd-help.c - "ipctool help [COMMAND]", the global options before the
 * command, and the global help with the command list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

static const char global_usage[] =
    "Usage: " PROGNAME " [GLOBAL OPTIONS] COMMAND [ARGS...]\n"
    "       " PROGNAME " [GLOBAL OPTIONS] -m|-q|-s|-a [LIST ARGS...]\n"
    "       " PROGNAME " ipcs|ipcrm|ipcmk|lsipc [ARGS...]\n"
    "\n"
    "Show, create, inspect, remove and watch System V and POSIX IPC.\n";

static const struct cmd_option global_table[] = {
	{ 'h', "help", ARG_NONE, OPT_HELP, NULL, "show this help" },
	{ 'V', "version", ARG_NONE, OPT_VERSION, NULL, "show the version" },
	{ 'N', "namespace", ARG_REQUIRED, OPT_NAMESPACE, "PID|PATH",
	    "enter that IPC namespace first" },
	{ 0, "color", ARG_OPTIONAL, OPT_COLOR, "WHEN",
	    "colour: auto, always or never" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

/* The options before the command. */
const struct cmd_optsec global_options[] = {
	{ "Global options", global_table },
	{ NULL, NULL }
};

/*
 * The global options a command also takes after its word ("list -N 501"),
 * as the user's hand puts them; not in the command's --help.
 */
const struct cmd_option global_cmd_options[] = {
	{ 'N', "namespace", ARG_REQUIRED, OPT_NAMESPACE, "PID|PATH", NULL },
	{ 0, "color", ARG_OPTIONAL, OPT_COLOR, "WHEN", NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

/*
 * Act on -N or --color, before or after the command word (the last one
 * given wins); e names the command for a usage error, NULL before it.
 */
void
global_option(const struct cmd_entry *e, enum opt_id id, const char *arg)
{
	switch (id) {
	case OPT_NAMESPACE:
		ns_arg = arg;
		break;
	case OPT_COLOR:
		if (arg == NULL || strcmp(arg, "always") == 0)
			color_mode = 1;
		else if (strcmp(arg, "never") == 0)
			color_mode = 0;
		else if (strcmp(arg, "auto") == 0)
			color_mode = 2;
		else
			usage_error(e, "invalid --color '%s': use auto, always "
			    "or never", arg);
		break;
	default:
		break;
	}
}

/* Print the global help with the command list. */
void
cmd_global_help(FILE *fp)
{
	const struct cmd_entry *const	*e;
	char				 name[32];

	fputs(global_usage, fp);
	cmd_help_options(global_options, fp);
	fputs("\nCommands:\n", fp);
	for (e = cmd_table; *e != NULL; e++) {
		if ((*e)->alias != NULL)
			snprintf(name, sizeof(name), "%s (%s)", (*e)->name,
			    (*e)->alias);
		else
			snprintf(name, sizeof(name), "%s", (*e)->name);
		fprintf(fp, "  %-16s %s\n", name, (*e)->summary);
	}
	fprintf(fp, "\nRun '%s help COMMAND' for a command's options.  -N and "
	    "--color\nmay also follow the command word.\n", PROGNAME);
	fputs("Run as ipcs, ipcrm, ipcmk or lsipc (links in the libexec "
	    "directory; see\nPERSONALITIES in ipctool(1)), it is that "
	    "util-linux tool.\n", fp);
}

/* help [COMMAND]: the global help, or one command's. */
static int
cmd_help_exec(const struct cmd_entry *self, struct args *args)
{
	const struct cmd_entry	*e;

	if (args->noperands > 1)
		usage_error(self, "too many arguments");
	if (args->noperands == 0) {
		cmd_global_help(stdout);
		return stdout_check();
	}
	if ((e = cmd_find(args->operands[0])) == NULL) {
		fprintf(stderr, "%s: help: unknown command '%s'\n", PROGNAME,
		    args->operands[0]);
		cmd_suggest(args->operands[0]);
		exit(2);
	}
	cmd_help(e, stdout);
	return stdout_check();
}

static const struct cmd_optsec help_sections[] = {
	{ "Options", help_options },
	{ NULL, NULL }
};

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.summary = "show the help of ipctool or of one command",
	.usage = "help [COMMAND]",
	.help = "\nPrint the help of COMMAND, or the list of commands.\n",
	.options = help_sections,
	.exec = cmd_help_exec,
};
