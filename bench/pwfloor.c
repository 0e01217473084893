/* SPDX-License-Identifier: ISC */
/*
 * pwfloor - the floor of owner name look-ups: one getpwuid(3) for each
 * distinct owner uid in /proc/sysvipc/{shm,msg,sem}, what any tool that
 * shows OWNER names must pay at least once per uid.  bench/run's owners
 * group sets ipctool's cost with distinct owners against its cost with
 * one owner plus this.  Prints the number of distinct uids.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static unsigned char seen[1 << 21];	/* uids below 2^24, as bits */

static long
scan(const char *path)
{
	FILE	*f;
	char	 line[1024], *tok, *save;
	int	 col = -1, i;
	long	 n = 0, uid;

	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		for (i = 0, tok = strtok_r(line, " \n", &save); tok != NULL;
		    i++, tok = strtok_r(NULL, " \n", &save)) {
			if (col == -1 && strcmp(tok, "uid") == 0) {
				col = i;
				break;
			}
			if (i != col)
				continue;
			uid = strtol(tok, NULL, 10);
			if (uid < 0 || uid >= (long)sizeof seen * 8 ||
			    (seen[uid / 8] & (1 << (uid % 8))))
				break;
			seen[uid / 8] |= 1 << (uid % 8);
			(void)getpwuid((uid_t)uid);
			n++;
			break;
		}
	}
	fclose(f);
	return n;
}

int
main(void)
{
	long	n;

	n = scan("/proc/sysvipc/shm");
	n += scan("/proc/sysvipc/msg");
	n += scan("/proc/sysvipc/sem");
	printf("%ld\n", n);
	return 0;
}
