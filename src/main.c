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

/* Whether w is a type flag of list (-m, -q, -s, -a, or several: -mq). */
static int
type_flag_word(const char *w)
{
	if (w[0] != '-' || w[1] == '\0')
		return 0;
	return strspn(w + 1, "mqsa") == strlen(w + 1);
}

/*
 * Where a type flag stands first after the global options (-N, --color),
 * "ipctool -m" means "ipctool list -m": the index to put "list" before,
 * or 0.
 */
static int
implied_list(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-N") == 0 ||
		    strcmp(argv[i], "--namespace") == 0)
			i++;
		else if (strncmp(argv[i], "-N", 2) == 0 ||
		    strncmp(argv[i], "--namespace=", 12) == 0 ||
		    strcmp(argv[i], "--color") == 0 ||
		    strncmp(argv[i], "--color=", 8) == 0)
			continue;
		else
			return i < argc && type_flag_word(argv[i]) ? i : 0;
	}
	return 0;
}

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
	char			**nargv = NULL;
	int			 at;

	setlocale(LC_ALL, "");
	/* Run as ipcs, ipcrm, ipcmk or lsipc, or "ipctool ipcs ...". */
	base = strrchr(argv[0], '/') != NULL ? strrchr(argv[0], '/') + 1 :
	    argv[0];
	if ((pers = pers_find(base)) != NULL)
		return pers(argc, argv);
	if (argc > 1 && (pers = pers_find(argv[1])) != NULL)
		return pers(argc - 1, argv + 1);
	if ((at = implied_list(argc, argv)) != 0) {
		nargv = xreallocarray(NULL, (size_t)argc + 2, sizeof(*nargv));
		memcpy(nargv, argv, (size_t)at * sizeof(*nargv));
		nargv[at] = list;
		memcpy(nargv + at + 1, argv + at,
		    (size_t)(argc - at + 1) * sizeof(*nargv));
		argv = nargv;
		argc++;
	}
	args_parse(NULL, global_options, ARGS_STOP, argc, argv, &ga);
	if (global_args(&ga) == -1) {
		args_free(&ga);
		free(nargv);
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
	/* "ipctool -N PID ipcs ...": the personality, in that namespace. */
	if ((pers = pers_find(cargv[0])) != NULL) {
		r = ns_enter_arg() == -1 ? 1 : pers(cargc, cargv);
		args_free(&ga);
		free(nargv);
		return r;
	}
	if ((e = cmd_find(cargv[0])) == NULL) {
		fprintf(stderr, "%s: '%s' is not a command; see '%s --help'\n",
		    PROGNAME, cargv[0], PROGNAME);
		cmd_suggest(cargv[0]);
		args_free(&ga);
		free(nargv);
		return 2;
	}
	cmd_parse_args(e, cargc, cargv, &args);
	r = e->exec(e, &args);
	args_free(&args);
	args_free(&ga);
	free(nargv);
	if (stdout_check())
		r = 1;
	return r;
}
