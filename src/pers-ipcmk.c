/* SPDX-License-Identifier: ISC */
/* pers-ipcmk.c - the ipcmk personality (not written yet). */
#include <stdio.h>

#include "ipctool.h"

int
ipcmk_main(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "%s: not implemented yet\n", argv[0]);
	return 1;
}
