/*
 * msgwait - processes blocked in msgrcv, for the ipctool speed benchmark
 *           (group stale, see bench/README).
 *
 *   msgwait start N PIDFILE   N processes, each blocked in msgrcv on one of
 *                             the queues of /proc/sysvipc/msg (in turn), for
 *                             a message type no one sends; returns once all
 *                             are blocked; does nothing if PIDFILE names a
 *                             live leader already
 *   msgwait stop PIDFILE      end them: the leader kills and reaps its
 *                             children, then exits; returns once it has
 *
 * The leader is in a session of its own, so nothing waits for it; the
 * children are its own, so none lingers as a zombie.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/types.h>
#include <sys/wait.h>

#define NOTYPE 999999937L	/* no message of this type is ever sent */

static void die(const char *what)
{
	fprintf(stderr, "msgwait: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* The leader's pid from PIDFILE if it is alive (not a zombie), else 0. */
static pid_t live_leader(const char *pidfile)
{
	char path[64], buf[256], *p;
	FILE *f;
	long pid;

	f = fopen(pidfile, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	if (pid <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (!p || !(p = strrchr(buf, ')')) || p[1] == '\0' || p[2] == 'Z')
		return 0;
	return (pid_t)pid;
}

/* Whether process pid is asleep in msgrcv (its wchan names it). */
static int in_msgrcv(pid_t pid)
{
	char path[64], buf[128];
	FILE *f;
	int r = 0;

	snprintf(path, sizeof(path), "/proc/%d/wchan", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fgets(buf, sizeof(buf), f))
		r = strstr(buf, "msgrcv") != NULL;
	fclose(f);
	return r;
}

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int start(long n, const char *pidfile)
{
	int *qids = NULL, fds[2], nq = 0, cap = 0;
	char line[1024];
	pid_t *kids, leader;
	FILE *f;
	long i;

	if (live_leader(pidfile))
		return 0;
	f = fopen("/proc/sysvipc/msg", "r");
	if (!f)
		die("/proc/sysvipc/msg");
	if (fgets(line, sizeof(line), f)) {
		while (fgets(line, sizeof(line), f)) {
			long key;
			int id;

			if (sscanf(line, "%ld %d", &key, &id) != 2)
				continue;
			if (nq == cap) {
				cap = cap ? 2 * cap : 1024;
				qids = realloc(qids, (size_t)cap * sizeof(*qids));
				if (!qids)
					die("realloc");
			}
			qids[nq++] = id;
		}
	}
	fclose(f);
	if (nq == 0) {
		fprintf(stderr, "msgwait: no message queue to wait on\n");
		return 1;
	}
	kids = calloc((size_t)n, sizeof(*kids));
	if (!kids || pipe(fds) < 0)
		die("setup");
	leader = fork();
	if (leader < 0)
		die("fork");
	if (leader == 0) {
		struct sigaction sa;

		int null = open("/dev/null", O_RDWR);

		/* Hold no pipe of the caller's open: it waits for their end. */
		if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 ||
		    dup2(null, 2) < 0)
			die("/dev/null");
		close(null);
		setsid();
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_term;
		sigaction(SIGTERM, &sa, NULL);
		close(fds[0]);
		for (i = 0; i < n; i++) {
			kids[i] = fork();
			if (kids[i] < 0)
				die("fork");
			if (kids[i] == 0) {
				struct { long mtype; char mtext[8]; } m;
				pid_t me = getpid();

				signal(SIGTERM, SIG_DFL);
				if (write(fds[1], &me, sizeof(me)) != sizeof(me))
					_exit(1);
				close(fds[1]);
				for (;;)
					msgrcv(qids[i % nq], &m, sizeof(m.mtext),
					    NOTYPE, 0);
			}
		}
		close(fds[1]);
		while (!stop)
			pause();
		for (i = 0; i < n; i++)
			kill(kids[i], SIGKILL);
		while (wait(NULL) > 0 || errno == EINTR)
			;
		_exit(0);
	}
	close(fds[1]);
	/* Every child's pid, then every child asleep in msgrcv. */
	for (i = 0; i < n; i++) {
		pid_t pid;
		ssize_t r = read(fds[0], &pid, sizeof(pid));

		if (r != sizeof(pid)) {
			fprintf(stderr, "msgwait: only %ld of %ld started\n",
			    i, n);
			kill(leader, SIGTERM);
			return 1;
		}
		kids[i] = pid;
	}
	close(fds[0]);
	for (i = 0; i < n; i++) {
		int tries;

		for (tries = 0; tries < 2000 && !in_msgrcv(kids[i]); tries++)
			nap(1);
		if (tries == 2000) {
			fprintf(stderr, "msgwait: %d not in msgrcv\n", (int)kids[i]);
			kill(leader, SIGTERM);
			return 1;
		}
	}
	f = fopen(pidfile, "w");
	if (!f || fprintf(f, "%d\n", (int)leader) < 0 || fclose(f) != 0)
		die(pidfile);
	return 0;
}

static int stop_all(const char *pidfile)
{
	pid_t leader = live_leader(pidfile);
	int tries;

	if (!leader)
		return 0;
	kill(leader, SIGTERM);
	for (tries = 0; tries < 30000 && live_leader(pidfile); tries++)
		nap(1);
	if (live_leader(pidfile)) {
		fprintf(stderr, "msgwait: leader %d did not exit\n", (int)leader);
		return 1;
	}
	unlink(pidfile);
	return 0;
}

int main(int argc, char **argv)
{
	char *end;
	long n;

	if (argc == 4 && strcmp(argv[1], "start") == 0) {
		n = strtol(argv[2], &end, 10);
		if (*end || n < 1 || n > 100000) {
			fprintf(stderr, "msgwait: bad count '%s'\n", argv[2]);
			return 2;
		}
		return start(n, argv[3]);
	}
	if (argc == 3 && strcmp(argv[1], "stop") == 0)
		return stop_all(argv[2]);
	fprintf(stderr, "usage: msgwait start N PIDFILE | msgwait stop PIDFILE\n");
	return 2;
}
