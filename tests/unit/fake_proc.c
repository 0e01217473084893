/* SPDX-License-Identifier: ISC */
/*
 * fake_proc.c - controllable stand-ins for proc_alive(), proc_init_pidns(),
 * waiting_on() and posix_stale_reason(); see fake_proc.h.
 */
#include <stdio.h>
#include <string.h>

#include "../../src/ipctool.h"
#include "fake_proc.h"

struct fake_proc fake;

/* Back to a world where every pid is gone, nothing waits, PID ns initial. */
void
fake_reset(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.init_pidns = 1;
}

/* Make proc_alive() answer alive (1, 0 or -1) for pid. */
void
fake_pid(pid_t pid, int alive)
{
	if (fake.npids < FAKE_MAXPIDS) {
		fake.pids[fake.npids].pid = pid;
		fake.pids[fake.npids].alive = alive;
		fake.npids++;
	}
}

/* The used_at proc_alive() was last asked with for pid, or -1. */
int64_t
fake_asked_at(pid_t pid)
{
	size_t	i;
	int64_t	at = -1;

	for (i = 0; i < FAKE_MAXPIDS && i < fake.alive_calls; i++)
		if (fake.asked_pid[i] == pid)
			at = fake.asked_at[i];
	return at;
}

int
proc_alive(pid_t pid, int64_t used_at)
{
	size_t	i;

	if (fake.alive_calls < FAKE_MAXPIDS) {
		fake.asked_pid[fake.alive_calls] = pid;
		fake.asked_at[fake.alive_calls] = used_at;
	}
	fake.alive_calls++;
	for (i = 0; i < fake.npids; i++)
		if (fake.pids[i].pid == pid)
			return fake.pids[i].alive;
	return 0;
}

int
proc_init_pidns(void)
{
	return fake.init_pidns;
}

int
waiting_on(enum ipc_type t, int id)
{
	fake.waiting_calls++;
	return fake.waiting;
}

int
waiting_pid(enum ipc_type t, int id, pid_t pid)
{
	return fake.waiter_pid != 0 && pid == fake.waiter_pid;
}

const char *
posix_stale_reason(enum ipc_type t, const struct ipc_obj *o, char *buf,
    size_t len)
{
	if (fake.posix_reason == NULL)
		return NULL;
	snprintf(buf, len, "%s", fake.posix_reason);
	return buf;
}
