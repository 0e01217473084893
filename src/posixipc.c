/*
 * posixipc.c - POSIX shared memory, message queues and named semaphores.
 * Not written yet: issue 5.
 */
#include <errno.h>

#include "ipctool.h"

/* Collect POSIX objects of type t. */
int
posix_collect(enum ipc_type t, struct ipc_set *set)
{
	(void)t;
	(void)set;
	errno = ENOSYS;
	return -1;
}

/* Why a POSIX object is stale, or NULL. */
const char *
posix_stale_reason(enum ipc_type t, const struct ipc_obj *o, char *buf,
    size_t len)
{
	(void)t;
	(void)o;
	(void)buf;
	(void)len;
	return NULL;
}
