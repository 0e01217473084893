/* SPDX-License-Identifier: ISC */
/*
 * main.c - global options (-N is only recorded: each command enters it
 * with ns_enter_arg once its arguments are checked), dispatch, and the
 * final check that everything written to stdout got there.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

static const char global_usage[] =
    "Usage: " PROGNAME " [GLOBAL OPTIONS] COMMAND [ARGS...]\n"
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
static void
global_help(FILE *fp)
{
	const struct cmd_entry *const	*e;

	fputs(global_usage, fp);
	cmd_help_options(global_options, fp);
	fputs("\nCommands:\n", fp);
	for (e = cmd_table; *e != NULL; e++)
		fprintf(fp, "  %-9s %s\n", (*e)->name, (*e)->summary);
	fprintf(fp, "\nRun '%s help COMMAND' for a command's options.\n",
	    PROGNAME);
}

/* help [COMMAND]: the global help, or one command's. */
static int
cmd_help_exec(const struct cmd_entry *self, struct args *args)
{
	const struct cmd_entry	*e;

	if (args->noperands > 1)
		usage_error(self, "too many arguments");
	if (args->noperands == 0) {
		global_help(stdout);
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

/* Take --color's argument. */
static void
set_color(const char *when)
{
	if (when == NULL || strcmp(when, "always") == 0)
		color_mode = 1;
	else if (strcmp(when, "never") == 0)
		color_mode = 0;
	else if (strcmp(when, "auto") == 0)
		color_mode = 2;
	else
		usage_error(NULL, "invalid --color '%s': use auto, always or "
		    "never", when);
}

/* Act on the global options; return -1 when one answered (help, version). */
static int
global_args(const struct args *ga)
{
	size_t	i;

	for (i = 0; i < ga->n; i++)
		switch (ga->v[i].id) {
		case OPT_HELP:
			global_help(stdout);
			return -1;
		case OPT_VERSION:
			printf("%s %s\n", PROGNAME, PACKAGE_VERSION);
			return -1;
		case OPT_NAMESPACE:
			ns_arg = ga->v[i].value;
			break;
		case OPT_COLOR:
			set_color(ga->v[i].value);
			break;
		default:
			break;
		}
	return 0;
}

int
main(int argc, char **argv)
{
	const struct cmd_entry	*e;
	struct args		 ga, args;
	const char		*nc;
	static char		 list[] = "list";
	char			*default_argv[] = { list, NULL };
	char			**cargv;
	int			 cargc, r;

	setlocale(LC_ALL, "");
	args_parse(NULL, global_options, ARGS_STOP, argc, argv, &ga);
	if (global_args(&ga) == -1) {
		args_free(&ga);
		return stdout_check();
	}
	if ((nc = getenv("NO_COLOR")) != NULL && nc[0] != '\0' &&
	    color_mode == 2)
		color_mode = 0;
	if (ga.noperands == 0) {
		cargc = 1;
		cargv = default_argv;
	} else {
		cargc = ga.noperands;
		cargv = ga.operands;
	}
	if ((e = cmd_find(cargv[0])) == NULL) {
		fprintf(stderr, "%s: '%s' is not a command; see '%s --help'\n",
		    PROGNAME, cargv[0], PROGNAME);
		cmd_suggest(cargv[0]);
		args_free(&ga);
		return 2;
	}
	cmd_parse_args(e, cargc, cargv, &args);
	r = e->exec(e, &args);
	args_free(&args);
	args_free(&ga);
	if (stdout_check())
		r = 1;
	return r;
}
