/* SPDX-License-Identifier: ISC */
/*
 * pers.c - the personalities: run as ipcs, ipcrm, ipcmk or lsipc (a link
 * to the binary, or "ipctool ipcs ..."), ipctool takes that tool's
 * options and prints what util-linux's prints.  Each lives in its own
 * file (pers-ipcs.c, pers-ipcrm.c, pers-ipcmk.c, pers-lsipc.c); this one
 * only finds it by name.
 */
#include <string.h>

#include "ipctool.h"

static const struct personality {
	const char	*name;
	int		(*main)(int, char **);
} personalities[] = {
	{ "ipcs",	ipcs_main },
	{ "ipcrm",	ipcrm_main },
	{ "ipcmk",	ipcmk_main },
	{ "lsipc",	lsipc_main },
};

/* The personality called NAME (a basename), or NULL. */
int
(*pers_find(const char *name))(int, char **)
{
	size_t	i;

	for (i = 0; i < sizeof personalities / sizeof personalities[0]; i++)
		if (strcmp(personalities[i].name, name) == 0)
			return personalities[i].main;
	return NULL;
}
