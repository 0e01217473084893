/* SPDX-License-Identifier: ISC */
/*
 * fake_proc.h - test doubles for what stale.c and filter.c ask of the
 * system: proc_alive() and proc_init_pidns() (proc.c), waiting_on()
 * and waiting_pid() (waiters.c) and posix_stale_reason() (posixipc.c).  A test program
 * links fake_proc.c before libipctool.a, so the archive's proc.o,
 * waiters.o and posixipc.o are never pulled in.
 */
#ifndef FAKE_PROC_H
#define FAKE_PROC_H

#include <sys/types.h>

#include <stdint.h>

#define FAKE_MAXPIDS	16

struct fake_proc {
	struct {
		pid_t	 pid;
		int	 alive;		/* what proc_alive() says: 1, 0, -1 */
	} pids[FAKE_MAXPIDS];		/* unlisted pids are gone (0) */
	size_t		 npids;
	int		 init_pidns;	/* proc_init_pidns() */
	int		 waiting;	/* waiting_on(): 1, 0, -1 */
	pid_t		 waiter_pid;	/* waiting_pid() says 1 for it */
	const char	*posix_reason;	/* posix_stale_reason(), or NULL */
	/* What the code asked, for the tests to check. */
	size_t		 alive_calls;
	pid_t		 asked_pid[FAKE_MAXPIDS];
	int64_t		 asked_at[FAKE_MAXPIDS];
	size_t		 waiting_calls;
};
extern struct fake_proc fake;

void	fake_reset(void);
void	fake_pid(pid_t, int);
int64_t	fake_asked_at(pid_t);

#endif /* FAKE_PROC_H */
