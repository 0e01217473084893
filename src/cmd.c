/* SPDX-License-Identifier: ISC */
/*
 * cmd.c - the command table, lookup, suggestions, usage errors and help.
 *
 * Every command is one entry here, in alphabetical order.  Commands that
 * destroy (rm) are matched by exact name or alias only.
 */
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_create_entry,
	&cmd_help_entry,
	&cmd_limits_entry,
	&cmd_list_entry,
	&cmd_metrics_entry,
	&cmd_rm_entry,
	&cmd_show_entry,
	&cmd_top_entry,
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

/* Edit distance between two short words. */
static size_t
distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, prev, tmp, d[32];

	if (la >= 31 || lb >= 31)
		return 99;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = d[j];
			d[j] = a[i - 1] == b[j - 1] ? prev :
			    1 + (prev < d[j] ? (prev < d[j - 1] ? prev :
			    d[j - 1]) : (d[j] < d[j - 1] ? d[j] : d[j - 1]));
			prev = tmp;
		}
	}
	return d[lb];
}

/* Suggest commands close to an unknown name on stderr. */
void
cmd_suggest(const char *name)
{
	const struct cmd_entry *const	*e;
	size_t				 n = 0;

	for (e = cmd_table; *e != NULL; e++) {
		if (distance(name, (*e)->name) > 2 &&
		    strncmp(name, (*e)->name, strlen(name)) != 0)
			continue;
		if (n++ == 0)
			fputs("\nThe most similar command is\n", stderr);
		fprintf(stderr, "\t%s\n", (*e)->name);
	}
}

/* Print a command's full help. */
void
cmd_help(const struct cmd_entry *e, FILE *fp)
{
	fprintf(fp, "Usage: %s %s\n%s", PROGNAME, e->usage, e->help);
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
