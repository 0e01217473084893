/* SPDX-License-Identifier: ISC */
/* pers-lsipc.c - the lsipc personality (not written yet). */
#include <stdio.h>

#include "ipctool.h"

int
lsipc_main(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "%s: not implemented yet\n", argv[0]);
	return 1;
}
