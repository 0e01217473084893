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

/* Act on the global options; return -1 when one answered (help, version). */
static int
global_args(const struct args *ga)
{
	size_t	i;

	for (i = 0; i < ga->n; i++)
		switch (ga->v[i].id) {
		case OPT_HELP:
			cmd_global_help(stdout);
			return -1;
		case OPT_VERSION:
			printf("%s %s\n", PROGNAME, PACKAGE_VERSION);
			return -1;
		case OPT_NAMESPACE:
		case OPT_COLOR:
			global_option(NULL, ga->v[i].id, ga->v[i].value);
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
	int			(*pers)(int, char **);
	const char		*base;

	setlocale(LC_ALL, "");
	/* Run as ipcs, ipcrm, ipcmk or lsipc, or "ipctool ipcs ...". */
	base = strrchr(argv[0], '/') != NULL ? strrchr(argv[0], '/') + 1 :
	    argv[0];
	if ((pers = pers_find(base)) != NULL)
		return pers(argc, argv);
	if (argc > 1 && (pers = pers_find(argv[1])) != NULL)
		return pers(argc - 1, argv + 1);
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
