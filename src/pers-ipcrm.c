/* SPDX-License-Identifier: ISC */
/* pers-ipcrm.c - the ipcrm personality (not written yet). */
#include <stdio.h>

#include "ipctool.h"

int
ipcrm_main(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "%s: not implemented yet\n", argv[0]);
	return 1;
}
