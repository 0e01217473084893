/* SPDX-License-Identifier: ISC */
/*
 * shmhold: create a private SysV shared memory segment, attach it, print
 * its id and "ready", then sleep until killed.  For bench/run's "show"
 * group: the process whose attachment `ipctool show shm ID` must find
 * among many.  Refuses to run outside the namespace bench/run made
 * (IPCTOOL_BENCH_IPCNS).
 */
#include <sys/ipc.h>
#include <sys/shm.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	const char	*want = getenv("IPCTOOL_BENCH_IPCNS");
	char		 ns[PATH_MAX];
	ssize_t		 n;
	void		*p;
	int		 id;

	n = readlink("/proc/self/ns/ipc", ns, sizeof(ns) - 1);
	if (want == NULL || n < 0 || (ns[n] = '\0', strcmp(ns, want) != 0)) {
		fprintf(stderr, "shmhold: not in the benchmark's IPC "
		    "namespace; refusing\n");
		return 2;
	}
	if ((id = shmget(IPC_PRIVATE, 65536, IPC_CREAT | 0600)) == -1) {
		perror("shmhold: shmget");
		return 1;
	}
	if ((p = shmat(id, NULL, 0)) == (void *)-1) {
		perror("shmhold: shmat");
		return 1;
	}
	*(volatile char *)p = 1;
	printf("%d\nready\n", id);
	fflush(stdout);
	for (;;)
		pause();
}
