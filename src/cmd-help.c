/* SPDX-License-Identifier: ISC */
/*
 * cmd-help.c - the command table, lookup and suggestions for a word that
 * names no command; "ipctool help [COMMAND]" and the global help with
 * the command list, the one command that reads the table.
 *
 * Every command is one entry in the table, in alphabetical order.
 * Commands that destroy (rm) are matched by exact name or alias only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ipctool.h"

static const char global_usage[] =
    "Usage: " PROGNAME " [GLOBAL OPTIONS] COMMAND [ARGS...]\n"
    "       " PROGNAME " [GLOBAL OPTIONS] -m|-q|-s|-a [LIST ARGS...]\n"
    "       " PROGNAME " ipcs|ipcrm|ipcmk|lsipc [ARGS...]\n"
    "\n"
    "Show, create, inspect, remove and watch System V and POSIX IPC.\n";

const struct cmd_entry *const cmd_table[] = {
	&cmd_create_entry,
	&cmd_help_entry,
	&cmd_limits_entry,
	&cmd_list_entry,
	&cmd_metrics_entry,
	&cmd_rm_entry,
	&cmd_show_entry,
	&cmd_top_entry,
	&cmd_watch_entry,
	NULL
};

/* The command named name (or by its alias), or NULL. */
const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry *const	*e;

	for (e = cmd_table; *e != NULL; e++)
		if (strcmp((*e)->name, name) == 0 ||
		    ((*e)->alias != NULL && strcmp((*e)->alias, name) == 0))
			return *e;
	return NULL;
}

/*
 * Words people type for a command, from other tools and habits; the edit
 * distance cannot find these ("ps" is as close to rm as to ls).
 */
static const struct {
	const char	*word;
	const char	*cmd;
} synonyms[] = {
	{ "add", "create" }, { "cat", "show" }, { "del", "rm" },
	{ "delete", "rm" }, { "describe", "show" }, { "destroy", "rm" },
	{ "details", "show" }, { "dir", "list" }, { "drop", "rm" },
	{ "erase", "rm" }, { "export", "metrics" }, { "find", "list" },
	{ "get", "show" }, { "htop", "top" }, { "inspect", "show" },
	{ "kill", "rm" }, { "limit", "limits" },
	{ "make", "create" }, { "man", "help" }, { "monitor", "top" },
	{ "new", "create" }, { "prometheus", "metrics" }, { "ps", "list" },
	{ "purge", "rm" }, { "quota", "limits" }, { "rmipc", "rm" },
	{ "search", "list" }, { "stat", "show" }, { "stats", "metrics" },
	{ "status", "list" }, { "ulimit", "limits" }, { "unlink", "rm" },
	{ "usage", "help" }, { "view", "show" },
};

/*
 * How far word is from cmd as a typo: its edit distance, 0 for a
 * beginning of three letters or more ("cre", "lim"); 99 when it is not
 * one (short words allow one edit, others two).
 */
static size_t
typo(const char *word, const char *cmd)
{
	size_t	len = strlen(word), d;

	if (len >= 3 && strncmp(word, cmd, len) == 0)
		return 0;
	d = edit_distance(word, cmd);
	return d <= (len <= 3 ? 1u : 2u) ? d : 99;
}

/* Add e to the suggestions of cmd_suggest, once. */
static void
suggest_add(const struct cmd_entry **v, size_t *n, const struct cmd_entry *e)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (v[i] == e)
			return;
	v[(*n)++] = e;
}

/*
 * Suggest commands for an unknown name on stderr: what the word means
 * elsewhere (del is rm), else the names and aliases closest to it as a
 * typo.
 */
void
cmd_suggest(const char *name)
{
	const struct cmd_entry *const	*e;
	const struct cmd_entry		*v[32];
	size_t				 i, n = 0, d, best = 99;

	for (i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		if (strcasecmp(name, synonyms[i].word) == 0)
			suggest_add(v, &n, cmd_find(synonyms[i].cmd));
	for (e = cmd_table; n == 0 && *e != NULL; e++) {
		d = typo(name, (*e)->name);
		if ((*e)->alias != NULL && typo(name, (*e)->alias) < d)
			d = typo(name, (*e)->alias);
		if (d < best)
			best = d;
	}
	for (e = cmd_table; n == 0 && best < 99 && *e != NULL; e++)
		if (typo(name, (*e)->name) == best || ((*e)->alias != NULL &&
		    typo(name, (*e)->alias) == best))
			suggest_add(v, &n, *e);
	if (n == 0)
		return;
	fprintf(stderr, "\nThe most similar command%s\n",
	    n == 1 ? " is" : "s are");
	for (i = 0; i < n; i++)
		if (v[i] != NULL)
			fprintf(stderr, "\t%s\n", v[i]->name);
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
