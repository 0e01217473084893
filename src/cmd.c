/* SPDX-License-Identifier: ISC */
/*
 * cmd.c - the option parser, the option groups commands share, the
 * global options, usage errors and a command's --help.  The command
 * table is above the commands, in cmd-help.c: nothing here names a
 * command, so the commands call down into this file and it never calls
 * up into them.
 *
 * Each entry declares its options (the shared groups below, and its own);
 * cmd_parse_args() is the one parser of every command line, and the one
 * place a mistake in one is worded.  Long options are never abbreviated:
 * "--al" is not "--all", in rm least of all.
 *
 * The util-linux personalities (pers-*.c) use the same parser with
 * ARGS_GNU: then it follows GNU getopt_long's rules instead, abbreviations
 * and messages included, so that they answer as util-linux's tools do.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ipctool.h"

#define HELP_COLUMN	27	/* where an option's help begins */

/* -h, --help: every command has it. */
const struct cmd_option help_options[] = {
	{ 'h', "help", ARG_NONE, OPT_HELP, NULL, "show this help" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

/* The ipcs-style type flags, which each --help gives with the types. */
const struct cmd_option type_flag_options[] = {
	{ 'm', NULL, ARG_NONE, OPT_TYPE_SHM, NULL, NULL },
	{ 'q', NULL, ARG_NONE, OPT_TYPE_MSG, NULL, NULL },
	{ 's', NULL, ARG_NONE, OPT_TYPE_SEM, NULL, NULL },
	{ 'a', NULL, ARG_NONE, OPT_TYPE_ALL, NULL, NULL },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

/* The output options of list, taken by request_option(). */
const struct cmd_option output_options[] = {
	{ 'o', "output", ARG_REQUIRED, OPT_OUTPUT, "COLS",
	    "columns to show (+COLS adds to the default)" },
	{ 0, "output-all", ARG_NONE, OPT_OUTPUT_ALL, NULL,
	    "show every column" },
	{ 0, "list-columns", ARG_NONE, OPT_LIST_COLUMNS, NULL,
	    "list the columns and what they mean" },
	{ 'J', "json", ARG_NONE, OPT_JSON, NULL, "JSON output" },
	{ 'r', "raw", ARG_NONE, OPT_RAW, NULL,
	    "raw output: no alignment, escaped blanks" },
	{ 'e', "export", ARG_NONE, OPT_EXPORT, NULL, "KEY=\"value\" pairs" },
	{ 'n', "noheadings", ARG_NONE, OPT_NOHEADINGS, NULL,
	    "no header line" },
	{ 'b', "bytes", ARG_NONE, OPT_BYTES, NULL, "sizes in bytes" },
	{ 'P', "numeric-perms", ARG_NONE, OPT_NUMERIC_PERMS, NULL,
	    "permissions as octal numbers" },
	{ 0, "time-format", ARG_REQUIRED, OPT_TIME_FORMAT, "FMT",
	    "short, full, iso or relative" },
	{ 0, "sort", ARG_REQUIRED, OPT_SORT, "COL[,COL]",
	    "sort by these columns" },
	{ 0, "reverse", ARG_NONE, OPT_REVERSE, NULL, "reverse the order" },
	{ 0, "notruncate", ARG_NONE, OPT_NOTRUNCATE, NULL,
	    "do not cut text to fit the terminal" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

/* -k as a filter (rm gives it its own meaning and help line). */
const struct cmd_option filter_key_options[] = {
	{ 'k', "key", ARG_REQUIRED, OPT_KEY, "KEY",
	    "this key (hex 0x.., decimal or octal)" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

/* The filters of list, rm and top, but -k; taken by filter_option(). */
const struct cmd_option filter_options[] = {
	{ 'i', "id", ARG_REQUIRED, OPT_ID, "ID", "this id" },
	{ 'u', "user", ARG_REQUIRED, OPT_USER, "USER",
	    "owned by USER (name or uid)" },
	{ 'g', "group", ARG_REQUIRED, OPT_GROUP, "GROUP",
	    "owned by GROUP (name or gid)" },
	{ 0, "creator", ARG_REQUIRED, OPT_CREATOR, "USER",
	    "created by USER" },
	{ 0, "pid", ARG_REQUIRED, OPT_PID, "PID",
	    "created, last used, attached or waited on by PID" },
	{ 0, "unattached", ARG_NONE, OPT_UNATTACHED, NULL,
	    "shm segments with no attachment" },
	{ 0, "idle", ARG_REQUIRED, OPT_IDLE, "DURATION",
	    "unused for DURATION (90s, 15m, 2h, 7d)" },
	{ 0, "older-than", ARG_REQUIRED, OPT_OLDER, "DURATION",
	    "changed longer ago than DURATION" },
	{ 0, "stale", ARG_NONE, OPT_STALE, NULL,
	    "no live process can still use it" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};


/* Print one option's --help line: its forms, then its help, aligned. */
static void
help_line(const struct cmd_option *o, FILE *fp)
{
	char		 left[80];
	const char	*h;
	int		 len;

	len = snprintf(left, sizeof(left), "  %c%c%c %s%s%s%s%s",
	    o->letter != 0 ? '-' : ' ', o->letter != 0 ? o->letter : ' ',
	    o->letter != 0 && o->name != NULL ? ',' : ' ',
	    o->name != NULL ? "--" : "", o->name != NULL ? o->name : "",
	    o->argname == NULL ? "" : o->arg == ARG_OPTIONAL ? "[=" : " ",
	    o->argname == NULL ? "" : o->argname,
	    o->argname != NULL && o->arg == ARG_OPTIONAL ? "]" : "");
	if (len < 0)
		return;
	fprintf(fp, "%-*s", len < HELP_COLUMN ? HELP_COLUMN : len + 2, left);
	for (h = o->help; *h != '\0'; h++) {
		putc(*h, fp);
		if (*h == '\n')
			fprintf(fp, "%*s", HELP_COLUMN, "");
	}
	putc('\n', fp);
}

/* Print the option sections of a --help. */
void
cmd_help_options(const struct cmd_optsec *secs, FILE *fp)
{
	const struct cmd_optsec	*s;
	const struct cmd_option	*o;

	for (s = secs; s != NULL && s->opts != NULL; s++) {
		if (s->title != NULL && s->title[0] != '\0')
			fprintf(fp, "\n%s:\n", s->title);
		else if (s->title != NULL)
			putc('\n', fp);
		for (o = s->opts; o->id != OPT_NONE; o++)
			if (o->help != NULL)
				help_line(o, fp);
	}
}

/* Print a command's full help. */
void
cmd_help(const struct cmd_entry *e, FILE *fp)
{
	fprintf(fp, "Usage: %s %s\n", PROGNAME, e->usage);
	if (e->alias != NULL)
		fprintf(fp, "Alias: %s\n", e->alias);
	fputs(e->help, fp);
	cmd_help_options(e->options, fp);
	if (e->help_end != NULL)
		fputs(e->help_end, fp);
}

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

/* The option of secs with this letter, or NULL. */
static const struct cmd_option *
find_letter(const struct cmd_optsec *secs, int c)
{
	const struct cmd_optsec	*s;
	const struct cmd_option	*o;

	for (s = secs; s->opts != NULL; s++)
		for (o = s->opts; o->id != OPT_NONE; o++)
			if (o->letter == c)
				return o;
	return NULL;
}

/* The option of secs with this long name (len bytes), or NULL. */
static const struct cmd_option *
find_long(const struct cmd_optsec *secs, const char *name, size_t len)
{
	const struct cmd_optsec	*s;
	const struct cmd_option	*o;

	for (s = secs; s->opts != NULL; s++)
		for (o = s->opts; o->id != OPT_NONE; o++)
			if (o->name != NULL && strlen(o->name) == len &&
			    strncmp(o->name, name, len) == 0)
				return o;
	return NULL;
}

/*
 * The long option of secs most like the unknown name: one it begins
 * (abbreviations are refused, not guessed), or one a typo or two away.
 */
static const struct cmd_option *
find_similar(const struct cmd_optsec *secs, const char *name)
{
	const struct cmd_optsec	*s;
	const struct cmd_option	*o, *best = NULL;
	size_t			 d, bestd = 3;

	for (s = secs; s->opts != NULL; s++)
		for (o = s->opts; o->id != OPT_NONE; o++) {
			if (o->name == NULL)
				continue;
			d = strncmp(o->name, name, strlen(name)) == 0 ? 0 :
			    edit_distance(name, o->name);
			if (d < bestd) {
				best = o;
				bestd = d;
			}
		}
	return best;
}

/* An unknown long option (len bytes of name): say what was meant. */
static void
bad_long(const struct cmd_entry *e, const struct cmd_optsec *secs,
    const char *name, size_t len)
{
	const struct cmd_option	*o;
	char			 word[64];

	if (len >= sizeof(word))
		usage_error(e, "unknown option '--%.*s'", (int)len, name);
	memcpy(word, name, len);
	word[len] = '\0';
	if (e != NULL && find_long(global_options, word, len) != NULL)
		usage_error(e, "unknown option '--%s': --%s is a global "
		    "option, give it before the command", word, word);
	if ((o = find_similar(secs, word)) != NULL)
		usage_error(e, "unknown option '--%s': did you mean '--%s'?",
		    word, o->name);
	usage_error(e, "unknown option '--%s'", word);
}

/*
 * ARGS_GNU: add to the message of the mistake that ended the options (it
 * begins with "ARGV0: " and ends with a newline, as GNU getopt words it);
 * the caller prints it when it has acted on the options before it.
 */
static void
gnu_error(struct args *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
gnu_error(struct args *a, const char *fmt, ...)
{
	va_list	ap;
	size_t	have = 0;
	int	len;

	if (a->error != NULL)
		have = strlen(a->error);
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		fatal("cannot word an option error");
	a->error = xreallocarray(a->error, have + (size_t)len + 1, 1);
	va_start(ap, fmt);
	vsnprintf(a->error + have, (size_t)len + 1, fmt, ap);
	va_end(ap);
}

/*
 * Whether two long options are one to GNU getopt, which takes a prefix
 * of both as either: the same argument and the same value.
 */
static int
gnu_same(const struct cmd_option *o, const struct cmd_option *p)
{
	return o->arg == p->arg && o->letter == p->letter;
}

/*
 * ARGS_GNU: the long option that name (len bytes) means, as GNU getopt
 * reads it: the one so named, else the one it begins; NULL after
 * recording the mistake.  Only the first section may be abbreviated: the
 * others are ipctool's own additions, taken only written out whole, so
 * that an abbreviation means what it means to util-linux.  Several
 * options the word begins are ambiguous unless all of them are one (see
 * gnu_same()) with the first.
 */
static const struct cmd_option *
gnu_find_long(const struct cmd_optsec *secs, char **argv, const char *name,
    size_t len, struct args *a)
{
	const struct cmd_option	*o, *first = NULL;
	int			 ambiguous = 0;

	if ((o = find_long(secs, name, len)) != NULL)
		return o;
	for (o = secs[0].opts; o != NULL && o->id != OPT_NONE; o++) {
		if (o->name == NULL || strncmp(o->name, name, len) != 0)
			continue;
		if (first == NULL)
			first = o;
		else if (!gnu_same(first, o))
			ambiguous = 1;
	}
	if (first == NULL) {
		gnu_error(a, "%s: unrecognized option '--%s'\n", argv[0],
		    name);
		return NULL;
	}
	if (!ambiguous)
		return first;
	gnu_error(a, "%s: option '--%s' is ambiguous; possibilities:",
	    argv[0], name);
	for (o = first; o->id != OPT_NONE; o++)
		if (o->name != NULL && strncmp(o->name, name, len) == 0 &&
		    (o == first || !gnu_same(first, o)))
			gnu_error(a, " '--%s'", o->name);
	gnu_error(a, "\n");
	return NULL;
}

/* Append an option found to a. */
static void
args_add(struct args *a, const struct cmd_option *o, const char *value)
{
	a->v = xreallocarray(a->v, a->n + 1, sizeof(*a->v));
	a->v[a->n].opt = o;
	a->v[a->n].id = o->id;
	a->v[a->n].value = value;
	a->n++;
}

/*
 * ARGS_GNU: take the long option argv[i] as GNU getopt does (an argument
 * it requires may be the next word; an optional one only after "=");
 * return the last word used.  A mistake is recorded in a->error.
 */
static int
parse_gnu_long(const struct cmd_optsec *secs, int argc, char **argv, int i,
    struct args *a)
{
	const struct cmd_option	*o;
	const char		*name = argv[i] + 2, *eq;
	size_t			 len;

	eq = strchr(name, '=');
	len = eq != NULL ? (size_t)(eq - name) : strlen(name);
	if ((o = gnu_find_long(secs, argv, name, len, a)) == NULL)
		return i;
	if (eq != NULL && o->arg == ARG_NONE)
		gnu_error(a, "%s: option '--%s' doesn't allow an argument\n",
		    argv[0], o->name);
	else if (eq != NULL)
		args_add(a, o, eq + 1);
	else if (o->arg != ARG_REQUIRED)
		args_add(a, o, NULL);
	else if (i + 1 == argc)
		gnu_error(a, "%s: option '--%s' requires an argument\n",
		    argv[0], o->name);
	else
		args_add(a, o, argv[++i]);
	return i;
}

/*
 * Take the long option argv[i] ("--name" or "--name=value"); return the
 * last word used.
 */
static int
parse_long(const struct cmd_entry *e, const struct cmd_optsec *secs,
    int flags, int argc, char **argv, int i, struct args *a)
{
	const struct cmd_option	*o;
	const char		*name = argv[i] + 2, *eq;
	size_t			 len;

	if (flags & ARGS_GNU)
		return parse_gnu_long(secs, argc, argv, i, a);
	eq = strchr(name, '=');
	len = eq != NULL ? (size_t)(eq - name) : strlen(name);
	if ((o = find_long(secs, name, len)) == NULL)
		bad_long(e, secs, name, len);
	switch (o->arg) {
	case ARG_NONE:
		if (eq != NULL)
			usage_error(e, "option '--%s' takes no argument",
			    o->name);
		args_add(a, o, NULL);
		break;
	case ARG_REQUIRED:
		if (eq == NULL && i + 1 == argc)
			usage_error(e, "missing argument for '--%s'", o->name);
		args_add(a, o, eq != NULL ? eq + 1 : argv[++i]);
		break;
	case ARG_OPTIONAL:
		args_add(a, o, eq != NULL ? eq + 1 : NULL);
		break;
	}
	return i;
}

/*
 * What an ipcs habit means here, for the letters ipcs has that ipctool's
 * commands lack or read otherwise; NULL for any other letter.
 */
static const char *
ipcs_hint(int letter)
{
	switch (letter) {
	case 'l':
		return "ipcs -l is 'ipctool limits'";
	case 'u':
		return "-u takes a user here; ipcs -u is 'ipctool ipcs -u'";
	default:
		return NULL;
	}
}

/*
 * ARGS_GNU: take the short options of argv[i] as GNU getopt does ("-ma",
 * "-i5", "-i 5"; an optional argument only attached, "-ashm"); return the
 * last word used.  A mistake is recorded in a->error.
 */
static int
parse_gnu_short(const struct cmd_optsec *secs, int argc, char **argv, int i,
    struct args *a)
{
	const struct cmd_option	*o;
	const char		*w = argv[i];
	int			 j;

	for (j = 1; w[j] != '\0'; j++) {
		if ((o = find_letter(secs, w[j])) == NULL) {
			gnu_error(a, "%s: invalid option -- '%c'\n", argv[0],
			    w[j]);
			return i;
		}
		if (o->arg == ARG_NONE) {
			args_add(a, o, NULL);
			continue;
		}
		if (w[j + 1] != '\0')
			args_add(a, o, w + j + 1);
		else if (o->arg == ARG_OPTIONAL)
			args_add(a, o, NULL);
		else if (i + 1 == argc)
			gnu_error(a, "%s: option requires an argument -- "
			    "'%c'\n", argv[0], w[j]);
		else
			args_add(a, o, argv[++i]);
		break;
	}
	return i;
}

/*
 * Take the short options of argv[i] ("-Jn", "-kKEY", "-k KEY"); return
 * the last word used.
 */
static int
parse_short(const struct cmd_entry *e, const struct cmd_optsec *secs,
    int flags, int argc, char **argv, int i, struct args *a)
{
	const struct cmd_option	*o;
	const char		*w = argv[i];
	int			 j;

	if (flags & ARGS_GNU)
		return parse_gnu_short(secs, argc, argv, i, a);
	for (j = 1; w[j] != '\0'; j++) {
		if ((o = find_letter(secs, w[j])) == NULL) {
			if (e != NULL && find_letter(global_options,
			    w[j]) != NULL)
				usage_error(e, "unknown option '-%c': -%c is a "
				    "global option, give it before the "
				    "command", w[j], w[j]);
			if (ipcs_hint(w[j]) != NULL)
				usage_error(e, "unknown option '-%c': %s",
				    w[j], ipcs_hint(w[j]));
			usage_error(e, "unknown option '-%c'", w[j]);
		}
		if (o->arg == ARG_NONE) {
			args_add(a, o, NULL);
			if (o->id == OPT_HELP)
				break;
			continue;
		}
		if (w[j + 1] != '\0')
			args_add(a, o, w + j + 1);
		else if (o->arg == ARG_OPTIONAL)
			args_add(a, o, NULL);
		else if (i + 1 == argc && ipcs_hint(w[j]) != NULL)
			usage_error(e, "missing argument for '-%c': %s", w[j],
			    ipcs_hint(w[j]));
		else if (i + 1 == argc)
			usage_error(e, "missing argument for '-%c'", w[j]);
		else
			args_add(a, o, argv[++i]);
		break;
	}
	return i;
}

/*
 * Parse argv[1..] by the options of secs into a, as GNU getopt_long would
 * with permutation: operands may come between options, "--" ends the
 * options.  With ARGS_STOP the first operand ends them (the global
 * options, before the command).  Parsing stops at --help, which the
 * caller then acts on.  Every mistake is a usage error of e (NULL:
 * global).
 *
 * ARGS_GNU is a util-linux personality's: GNU getopt's rules (long
 * options abbreviated, see gnu_find_long(); POSIXLY_CORRECT in the
 * environment stops at the first operand) and its messages, with argv[0]
 * as given.  The options are the caller's to tell apart by their letter
 * (a long-only one has a value above 255); --help is one of them.  A
 * mistake does not exit: parsing stops there, a holds the options before
 * it and a->error its message, which the caller prints after acting on
 * them, as it would when getopt reached the word.
 */
void
args_parse(const struct cmd_entry *e, const struct cmd_optsec *secs,
    int flags, int argc, char **argv, struct args *a)
{
	const char	*w;
	int		 i;

	memset(a, 0, sizeof(*a));
	if ((flags & ARGS_GNU) && getenv("POSIXLY_CORRECT") != NULL)
		flags |= ARGS_STOP;
	a->operands = xreallocarray(NULL, (size_t)argc + 1,
	    sizeof(*a->operands));
	for (i = 1; i < argc; i++) {
		w = argv[i];
		if (strcmp(w, "--") == 0) {
			i++;
			break;
		}
		if (w[0] != '-' || w[1] == '\0') {
			if (flags & ARGS_STOP)
				break;
			a->operands[a->noperands++] = argv[i];
			continue;
		}
		if (w[1] == '-')
			i = parse_long(e, secs, flags, argc, argv, i, a);
		else
			i = parse_short(e, secs, flags, argc, argv, i, a);
		if (a->error != NULL ||
		    (a->n > 0 && a->v[a->n - 1].id == OPT_HELP)) {
			a->operands[a->noperands] = NULL;
			return;
		}
	}
	for (; i < argc; i++)
		a->operands[a->noperands++] = argv[i];
	a->operands[a->noperands] = NULL;
}

/*
 * Parse a command's argv by its entry's options, and the global -N and
 * --color, which a hand also puts after the command word: those are acted
 * on here and left out of a.  --help is answered here.
 */
void
cmd_parse_args(const struct cmd_entry *e, int argc, char **argv,
    struct args *a)
{
	struct cmd_optsec	secs[16];
	size_t			n, i, k;

	for (n = 0; e->options[n].opts != NULL; n++) {
		if (n + 2 >= sizeof(secs) / sizeof(secs[0]))
			fatal("%s: too many option sections", e->name);
		secs[n] = e->options[n];
	}
	secs[n].title = NULL;
	secs[n++].opts = global_cmd_options;
	secs[n].title = NULL;
	secs[n].opts = NULL;
	args_parse(e, secs, 0, argc, argv, a);
	if (args_has(a, OPT_HELP)) {
		cmd_help(e, stdout);
		exit(stdout_check());
	}
	for (i = k = 0; i < a->n; i++) {
		if (a->v[i].id == OPT_NAMESPACE || a->v[i].id == OPT_COLOR)
			global_option(e, a->v[i].id, a->v[i].value);
		else
			a->v[k++] = a->v[i];
	}
	a->n = k;
}

/* Whether option id was given. */
int
args_has(const struct args *a, enum opt_id id)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		if (a->v[i].id == id)
			return 1;
	return 0;
}

/* Free what args_parse allocated (not the borrowed words). */
void
args_free(struct args *a)
{
	free(a->v);
	free(a->operands);
	free(a->error);
	memset(a, 0, sizeof(*a));
}

/* Report a usage error for a command (NULL: global) and exit 2. */
void
usage_error(const struct cmd_entry *e, const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", PROGNAME);
	if (e != NULL)
		fprintf(stderr, "%s: ", e->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (e != NULL)
		fprintf(stderr, "\nTry '%s %s --help' for more information.\n",
		    PROGNAME, e->name);
	else
		fprintf(stderr, "\nTry '%s --help' for more information.\n",
		    PROGNAME);
	exit(2);
}
