/* SPDX-License-Identifier: ISC */
/* pers-ipcs.c - the ipcs personality (not written yet). */
#include <stdio.h>

#include "ipctool.h"

int
ipcs_main(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "%s: not implemented yet\n", argv[0]);
	return 1;
}
