/* SPDX-License-Identifier: ISC */
/*
 * cmd-help.c - "ipctool help [COMMAND]", the global options before the
 * command, and the global help with the command list.
 */
#include <stdio.h>
#include <stdlib.h>

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

/* Print the global help with the command list. */
void
cmd_global_help(FILE *fp)
{
	const struct cmd_entry *const	*e;

	fputs(global_usage, fp);
	cmd_help_options(global_options, fp);
	fputs("\nCommands:\n", fp);
	for (e = cmd_table; *e != NULL; e++)
		fprintf(fp, "  %-9s %s\n", (*e)->name, (*e)->summary);
	fprintf(fp, "\nRun '%s help COMMAND' for a command's options.\n",
	    PROGNAME);
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
