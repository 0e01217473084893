/*
 * nshold N S: make N IPC namespaces, each holding S private shm segments
 * of 4096 bytes, kept alive by one child apiece; print "ready" when all
 * are made, then wait until killed.  The children die with us.  Refuses
 * to run unless IPCTOOL_BENCH_IPCNS names our IPC namespace (bench/run
 * sets it once it has checked the namespace is a private one).
 */
#define _GNU_SOURCE
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/wait.h>

#include <err.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
hold(int nseg, int fd)
{
	int	i;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1)
		err(1, "prctl");
	if (unshare(CLONE_NEWIPC) == -1)
		err(1, "unshare");
	for (i = 0; i < nseg; i++)
		if (shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600) == -1)
			err(1, "shmget");
	if (write(fd, "", 1) != 1)
		err(1, "write");
	close(fd);
	for (;;)
		pause();
}

int
main(int argc, char **argv)
{
	const char	*want;
	char		 ns[64], c;
	ssize_t		 len;
	int		 n, nseg, i, p[2];

	if (argc != 3)
		errx(2, "usage: nshold N SEGMENTS");
	n = atoi(argv[1]);
	nseg = atoi(argv[2]);
	if (n < 1 || nseg < 0)
		errx(2, "bad counts");
	want = getenv("IPCTOOL_BENCH_IPCNS");
	len = readlink("/proc/self/ns/ipc", ns, sizeof(ns) - 1);
	if (want == NULL || len < 0)
		errx(2, "refusing: not in bench/run's namespace");
	ns[len] = '\0';
	if (strcmp(ns, want) != 0)
		errx(2, "refusing: not in bench/run's namespace");
	for (i = 0; i < n; i++) {
		if (pipe(p) == -1)
			err(1, "pipe");
		switch (fork()) {
		case -1:
			err(1, "fork");
		case 0:
			close(p[0]);
			hold(nseg, p[1]);
			_exit(1);
		default:
			close(p[1]);
			if (read(p[0], &c, 1) != 1)
				errx(1, "namespace %d not made", i);
			close(p[0]);
		}
	}
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
