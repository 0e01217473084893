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
    "Show, create, inspect, remove and watch System V and POSIX IPC.\n"
    "\n"
    "Global options:\n"
    "  -h, --help               show this help\n"
    "  -V, --version            show the version\n"
    "  -N, --namespace PID|PATH enter that IPC namespace first\n"
    "      --color[=WHEN]       colour: auto, always or never\n"
    "\n"
    "Commands:\n";

/* Print the global help with the command list. */
static void
global_help(FILE *fp)
{
	const struct cmd_entry *const	*e;

	fputs(global_usage, fp);
	for (e = cmd_table; *e != NULL; e++)
		fprintf(fp, "  %-9s %s\n", (*e)->name, (*e)->summary);
	fprintf(fp, "\nRun '%s help COMMAND' for a command's options.\n",
	    PROGNAME);
}

/* help [COMMAND]: the global help, or one command's. */
static int
cmd_help_exec(const struct cmd_entry *self, int argc, char **argv)
{
	const struct cmd_entry	*e;

	if (argc > 2)
		usage_error(self, "too many arguments");
	if (argc < 2) {
		global_help(stdout);
		return stdout_check();
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cmd_help(self, stdout);
		return stdout_check();
	}
	if ((e = cmd_find(argv[1])) == NULL) {
		fprintf(stderr, "%s: help: unknown command '%s'\n", PROGNAME,
		    argv[1]);
		cmd_suggest(argv[1]);
		exit(2);
	}
	cmd_help(e, stdout);
	return stdout_check();
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.summary = "show the help of ipctool or of one command",
	.usage = "help [COMMAND]",
	.help = "\nPrint the help of COMMAND, or the list of commands.\n"
	    "\nOptions:\n"
	    "  -h, --help               show this help\n",
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

int
main(int argc, char **argv)
{
	const struct cmd_entry	*e;
	const char		*a, *nc;
	static char		 list[] = "list";
	char			*default_argv[] = { list, NULL };
	int			 i, r;

	setlocale(LC_ALL, "");
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			global_help(stdout);
			return stdout_check();
		}
		if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("%s %s\n", PROGNAME, PACKAGE_VERSION);
			return stdout_check();
		}
		if (strcmp(a, "-N") == 0 || strcmp(a, "--namespace") == 0) {
			if (++i == argc)
				usage_error(NULL, "option '%s' needs an "
				    "argument", a);
			ns_arg = argv[i];
		} else if (strncmp(a, "--namespace=", 12) == 0)
			ns_arg = a + 12;
		else if (strncmp(a, "-N", 2) == 0)
			ns_arg = a + 2;
		else if (strcmp(a, "--color") == 0)
			set_color(NULL);
		else if (strncmp(a, "--color=", 8) == 0)
			set_color(a + 8);
		else
			usage_error(NULL, "unknown option '%s'", a);
	}
	if ((nc = getenv("NO_COLOR")) != NULL && nc[0] != '\0' &&
	    color_mode == 2)
		color_mode = 0;
	if (i == argc) {
		argc = 1;
		argv = default_argv;
	} else {
		argc -= i;
		argv += i;
	}
	if ((e = cmd_find(argv[0])) == NULL) {
		fprintf(stderr, "%s: '%s' is not a command; see '%s --help'\n",
		    PROGNAME, argv[0], PROGNAME);
		cmd_suggest(argv[0]);
		return 2;
	}
	r = e->exec(e, argc, argv);
	if (stdout_check())
		r = 1;
	return r;
}
