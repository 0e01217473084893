/* SPDX-License-Identifier: ISC */
/*
 * fuzz-args.c - args_parse() with ARGS_GNU, the option parser of the
 * util-linux personalities, on command lines it was never meant for.
 *
 * Input: the words of argv after argv[0], separated by NUL bytes.  The
 * options are a table like ipcrm's and lsipc's: letters without, with
 * and with an optional argument, long names that begin one another
 * (abbreviations, ambiguity), a long-only option above 255, and a second
 * section taken only written out whole.  The parser must not print or
 * exit; every option it records is from the table, with a value where
 * and only where one may be, borrowed from argv; every operand is a word
 * of argv; a mistake is a message of getopt's shape ("ipcx: ...\n"; the
 * words it quotes are printed as given, as getopt prints them).
 */
#include "fuzz.h"

#define WORDS	64

static const struct cmd_option first[] = {
	{ 'a', "all", ARG_OPTIONAL, OPT_PERS, NULL, NULL },
	{ 'i', "id", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'm', "shmem-id", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'M', "shmem-key", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 't', "time", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 300, "time-format", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 'v', "verbose", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 'V', "version", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_option own[] = {
	{ 301, "stale", ARG_NONE, OPT_PERS, NULL, NULL },
	{ 302, "user", ARG_REQUIRED, OPT_PERS, NULL, NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec secs[] = {
	{ NULL, first },
	{ NULL, own },
	{ NULL, NULL }
};

/* Whether o is an entry of one of the tables. */
static int
in_table(const struct cmd_option *o)
{
	return (o >= first && o < first + sizeof(first) / sizeof(first[0]) -
	    1) || (o >= own && o < own + sizeof(own) / sizeof(own[0]) - 1);
}

/* Whether p points into one of the n words of argv (NUL included). */
static int
in_argv(char **argv, int n, const char *p)
{
	int	i;

	for (i = 0; i < n; i++)
		if (p >= argv[i] && p <= argv[i] + strlen(argv[i]))
			return 1;
	return 0;
}

/* Whether p is one of the n words of argv itself. */
static int
is_word(char **argv, int n, const char *p)
{
	int	i;

	for (i = 0; i < n; i++)
		if (p == argv[i])
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct args	 a;
	char		*buf, *argv[WORDS + 2];
	size_t		 i, len;
	int		 argc = 1;

	unsetenv("POSIXLY_CORRECT");
	buf = malloc(size + 1);
	CHECK(buf != NULL);
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = (char *)"ipcx";
	for (i = 0; i <= size && argc <= WORDS; i += len + 1) {
		len = strlen(buf + i);
		if (i == size && size > 0)
			break;
		argv[argc++] = buf + i;
	}
	argv[argc] = NULL;

	args_parse(NULL, secs, ARGS_GNU, argc, argv, &a);
	CHECK(a.noperands >= 0 && a.noperands < argc);
	CHECK(a.operands[a.noperands] == NULL);
	for (i = 0; i < (size_t)a.noperands; i++)
		CHECK(is_word(argv, argc, a.operands[i]));
	for (i = 0; i < a.n; i++) {
		CHECK(in_table(a.v[i].opt));
		CHECK(a.v[i].id == OPT_PERS);
		if (a.v[i].opt->arg == ARG_REQUIRED)
			CHECK(a.v[i].value != NULL);
		if (a.v[i].opt->arg == ARG_NONE)
			CHECK(a.v[i].value == NULL);
		if (a.v[i].value != NULL)
			CHECK(in_argv(argv, argc, a.v[i].value));
	}
	if (a.error != NULL) {
		len = strlen(a.error);
		CHECK(strncmp(a.error, "ipcx: ", 6) == 0);
		CHECK(len > 6 && a.error[len - 1] == '\n');
	}
	args_free(&a);
	free(buf);
	return 0;
}
