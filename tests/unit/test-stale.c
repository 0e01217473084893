/* SPDX-License-Identifier: ISC */
/*
 * test-stale.c - stale.c's judgments, as SPEC.md's list section states
 * the rules, with liveness, the blocked-process scan and the PID namespace
 * faked (fake_proc.c): unknown is never stale, a 0 pid that may be a
 * process out of sight is unknown, and each pid is checked against the
 * time of its recorded use.
 */
#include "unit.h"
#include "fake_proc.h"

#define T0	1795598500	/* creation */
#define T1	1795598600	/* a later use */
#define T2	1795598700	/* a later one still */

struct verdict {
	int	 v;
	int	 cause;
	char	 why[STALE_REASON_LEN];
};

static int
setup(void **state)
{
	fake_reset();
	return 0;
}

/* Judge o of type t into *r; returns the verdict. */
static int
judge(enum ipc_type t, const struct ipc_obj *o, struct verdict *r)
{
	r->cause = -1;
	r->why[0] = '\0';
	r->v = stale_judge(t, o, &r->cause, r->why, sizeof(r->why));
	return r->v;
}

/* Assert that o of type t is judged v for the reason why. */
#define JUDGED(t, o, verdict_, why_) do {				\
	struct verdict	r_;						\
									\
	assert_int_equal(judge((t), (o), &r_), (verdict_));		\
	assert_string_equal(r_.why, (why_));				\
} while (0)

/* Assert that o of type t cannot be judged, for cause. */
#define UNKNOWN_FOR(t, o, cause_, why_) do {				\
	struct verdict	r_;						\
									\
	assert_int_equal(judge((t), (o), &r_), STALE_UNKNOWN);		\
	assert_int_equal(r_.cause, (cause_));				\
	assert_string_equal(r_.why, (why_));				\
} while (0)

#define HIDDEN	"unknown: used by a process outside this PID namespace"
#define NOSTART	"unknown: a process's start time unreadable"
#define NOSCAN	"unknown: blocked processes unreadable (/proc/PID/syscall)"

/* An unattached segment made by cpid at T0 and last used by lpid. */
static struct ipc_obj
shm(pid_t cpid, pid_t lpid, int64_t atime, int64_t dtime)
{
	struct ipc_obj	o;

	memset(&o, 0, sizeof(o));
	o.id = 1;
	o.ctime = T0;
	o.u.shm.cpid = cpid;
	o.u.shm.lpid = lpid;
	o.u.shm.atime = atime;
	o.u.shm.dtime = dtime;
	return o;
}

static void
shm_attached_not_stale(void **state)
{
	struct ipc_obj	o = shm(100, 200, T1, 0);

	o.u.shm.nattch = 2;
	JUDGED(T_SHM, &o, STALE_NO, "attached (NATTCH 2)");
	/* Attached settles it: no process is looked at. */
	assert_int_equal(fake.alive_calls, 0);
}

/* A segment always has a creator: CPID 0 is one out of sight. */
static void
shm_cpid_zero_unknown(void **state)
{
	struct ipc_obj	o = shm(0, 0, 0, 0);
	char		buf[STALE_REASON_LEN];

	UNKNOWN_FOR(T_SHM, &o, STALE_HIDDEN, HIDDEN);
	/* What is unknown is not stale. */
	assert_null(stale_reason(T_SHM, &o, buf, sizeof(buf)));
}

/* LPID 0 with an attach time: a last user out of sight. */
static void
shm_lpid_zero_with_atime_unknown(void **state)
{
	struct ipc_obj	o = shm(100, 0, T1, 0);

	UNKNOWN_FOR(T_SHM, &o, STALE_HIDDEN, HIDDEN);
	o = shm(100, 0, 0, T2);
	UNKNOWN_FOR(T_SHM, &o, STALE_HIDDEN, HIDDEN);
}

static void
shm_never_attached_creator_gone(void **state)
{
	struct ipc_obj	o = shm(100, 0, 0, 0);
	char		buf[STALE_REASON_LEN];

	JUDGED(T_SHM, &o, STALE_YES, "never attached, creator 100 gone");
	/* The creator is checked against the creation time. */
	assert_int_equal(fake_asked_at(100), T0);
	assert_non_null(stale_reason(T_SHM, &o, buf, sizeof(buf)));
	assert_string_equal(buf, "never attached, creator 100 gone");
}

static void
shm_creator_or_last_user_alive(void **state)
{
	struct ipc_obj	o = shm(100, 200, T1, T2);

	fake_pid(100, 1);
	JUDGED(T_SHM, &o, STALE_NO, "creator 100 alive");
	fake_reset();
	fake_pid(200, 1);
	JUDGED(T_SHM, &o, STALE_NO, "last user 200 alive");
	/* The last user is checked against the last activity. */
	assert_int_equal(fake_asked_at(200), T2);
}

static void
shm_all_gone(void **state)
{
	struct ipc_obj	o = shm(100, 200, T1, T2);

	JUDGED(T_SHM, &o, STALE_YES,
	    "unattached, creator 100 and last user 200 gone");
	o = shm(100, 100, T1, T2);
	JUDGED(T_SHM, &o, STALE_YES,
	    "unattached, creator and last user 100 gone");
}

/* A start time that cannot be read leaves it unknown, never stale. */
static void
shm_start_time_unreadable(void **state)
{
	struct ipc_obj	o = shm(100, 200, T1, 0);

	fake_pid(100, -1);
	UNKNOWN_FOR(T_SHM, &o, STALE_NOSTART, NOSTART);
	fake_reset();
	fake_pid(200, -1);
	UNKNOWN_FOR(T_SHM, &o, STALE_NOSTART, NOSTART);
	/* But a live one still settles it. */
	fake_reset();
	fake_pid(100, -1);
	fake_pid(200, 1);
	JUDGED(T_SHM, &o, STALE_NO, "last user 200 alive");
}

/* A queue last sent to by s at stime and received from by r at rtime. */
static struct ipc_obj
msg(pid_t s, int64_t stime, pid_t r, int64_t rtime)
{
	struct ipc_obj	o;

	memset(&o, 0, sizeof(o));
	o.id = 2;
	o.ctime = T0;
	o.u.msg.lspid = s;
	o.u.msg.stime = stime;
	o.u.msg.lrpid = r;
	o.u.msg.rtime = rtime;
	return o;
}

/* The kernel records no creator for a queue: never used is not stale. */
static void
msg_never_used_not_stale(void **state)
{
	struct ipc_obj	o = msg(0, 0, 0, 0);

	JUDGED(T_MSG, &o, STALE_NO,
	    "never used; the kernel records no creator for queues");
	assert_int_equal(fake.alive_calls, 0);
}

static void
msg_lspid_zero_with_stime_unknown(void **state)
{
	struct ipc_obj	o = msg(0, T1, 0, 0);

	UNKNOWN_FOR(T_MSG, &o, STALE_HIDDEN, HIDDEN);
	o = msg(11, T1, 0, T2);
	UNKNOWN_FOR(T_MSG, &o, STALE_HIDDEN, HIDDEN);
}

static void
msg_sender_or_receiver_alive(void **state)
{
	struct ipc_obj	o = msg(11, T1, 12, T2);

	fake_pid(11, 1);
	JUDGED(T_MSG, &o, STALE_NO, "last sender 11 alive");
	assert_int_equal(fake_asked_at(11), T1);
	fake_reset();
	fake_pid(12, 1);
	JUDGED(T_MSG, &o, STALE_NO, "last receiver 12 alive");
	assert_int_equal(fake_asked_at(12), T2);
}

/* A blocked caller leaves no pid behind: it is asked about. */
static void
msg_blocked_waiter_not_stale(void **state)
{
	struct ipc_obj	o = msg(11, T1, 0, 0);

	fake.waiting = 1;
	JUDGED(T_MSG, &o, STALE_NO,
	    "a process is blocked in msgsnd/msgrcv on it");
}

static void
msg_waiter_scan_unknown(void **state)
{
	struct ipc_obj	o = msg(11, T1, 12, T2);

	fake.waiting = -1;
	UNKNOWN_FOR(T_MSG, &o, STALE_NOSCAN, NOSCAN);
}

static void
msg_all_gone(void **state)
{
	struct ipc_obj	o = msg(11, T1, 12, T2);

	JUDGED(T_MSG, &o, STALE_YES, "sender 11 and receiver 12 gone");
	assert_int_equal(fake.waiting_calls, 1);
	o = msg(11, T1, 11, T2);
	JUDGED(T_MSG, &o, STALE_YES, "sender and receiver 11 gone");
	o = msg(11, T1, 0, 0);
	JUDGED(T_MSG, &o, STALE_YES, "sender 11 gone, never received from");
	o = msg(0, 0, 12, T2);
	JUDGED(T_MSG, &o, STALE_YES, "receiver 12 gone, never sent to");
}

static void
msg_start_time_unreadable(void **state)
{
	struct ipc_obj	o = msg(11, T1, 12, T2);

	fake_pid(12, -1);
	UNKNOWN_FOR(T_MSG, &o, STALE_NOSTART, NOSTART);
}

/* A set of n semaphores, last operated on at otime by pids. */
static struct ipc_obj
sem(int64_t otime, pid_t *pids, uint32_t n)
{
	struct ipc_obj	o;

	memset(&o, 0, sizeof(o));
	o.id = 3;
	o.ctime = T0;
	o.u.sem.nsems = n;
	o.u.sem.otime = otime;
	o.pids = pids;
	o.npids = n;
	o.has = HAS_SEMPIDS;
	return o;
}

static void
sem_pids_unread_unknown(void **state)
{
	pid_t		pids[1] = { 5 };
	struct ipc_obj	o = sem(T1, pids, 1);

	o.has = 0;
	UNKNOWN_FOR(T_SEM, &o, STALE_NOPIDS,
	    "unknown: last operators unreadable");
}

/* otime 0 and every pid 0: nobody ever operated on it. */
static void
sem_never_used_not_stale(void **state)
{
	pid_t		pids[3] = { 0, 0, 0 };
	struct ipc_obj	o = sem(0, pids, 3);

	JUDGED(T_SEM, &o, STALE_NO,
	    "never used; the kernel records no creator for sets");
	/* So also outside the initial PID namespace. */
	fake.init_pidns = 0;
	JUDGED(T_SEM, &o, STALE_NO,
	    "never used; the kernel records no creator for sets");
}

/* A 0 last operator may be a process out of sight, unless in the initial
   PID namespace. */
static void
sem_zero_pid_outside_init_pidns_unknown(void **state)
{
	pid_t		pids[2] = { 0, 5 };
	struct ipc_obj	o = sem(T1, pids, 2);

	fake.init_pidns = 0;
	UNKNOWN_FOR(T_SEM, &o, STALE_HIDDEN, HIDDEN);
	fake.init_pidns = 1;
	JUDGED(T_SEM, &o, STALE_YES, "last operator 5 gone");
}

static void
sem_all_recorded_dead_stale(void **state)
{
	pid_t		pids[3] = { 5, 6, 0 };
	pid_t		same[2] = { 5, 5 };
	struct ipc_obj	o = sem(T1, pids, 3);

	JUDGED(T_SEM, &o, STALE_YES, "last operators of 2 semaphores gone");
	/* Each pid against the set's last activity. */
	assert_int_equal(fake_asked_at(5), T1);
	assert_int_equal(fake_asked_at(6), T1);
	o = sem(T1, same, 2);
	JUDGED(T_SEM, &o, STALE_YES, "last operator 5 gone");
}

static void
sem_operator_alive(void **state)
{
	pid_t		pids[3] = { 5, 6, 7 };
	struct ipc_obj	o = sem(T1, pids, 3);

	fake_pid(6, 1);
	JUDGED(T_SEM, &o, STALE_NO, "last operator 6 alive");
}

static void
sem_blocked_or_scan_unknown(void **state)
{
	pid_t		pids[1] = { 5 };
	struct ipc_obj	o = sem(T1, pids, 1);

	fake.waiting = 1;
	JUDGED(T_SEM, &o, STALE_NO, "a process is blocked in semop on it");
	fake.waiting = -1;
	UNKNOWN_FOR(T_SEM, &o, STALE_NOSCAN, NOSCAN);
}

static void
sem_start_time_unreadable(void **state)
{
	pid_t		pids[2] = { 5, 6 };
	struct ipc_obj	o = sem(T1, pids, 2);

	fake_pid(5, -1);
	UNKNOWN_FOR(T_SEM, &o, STALE_NOSTART, NOSTART);
}

/* POSIX: held is live; no holder among all processes read is stale. */
static void
posix_holders(void **state)
{
	pid_t		pids[2] = { 5, 6 };
	struct ipc_obj	o;

	memset(&o, 0, sizeof(o));
	o.pids = pids;
	o.npids = 2;
	o.has = HAS_ATTACHED | HAS_ALLPROCS;
	JUDGED(T_PSHM, &o, STALE_NO, "held by 2 processes");
	o.npids = 0;
	UNKNOWN_FOR(T_PMQ, &o, STALE_NOHOLDERS,
	    "unknown: holders unreadable");
	fake.posix_reason = "no process holds it open";
	JUDGED(T_PMQ, &o, STALE_YES, "no process holds it open");
}

static void
last_activity_is_latest(void **state)
{
	struct ipc_obj	o = shm(1, 2, T1, T2);
	pid_t		pids[1] = { 5 };

	assert_int_equal(last_activity(T_SHM, &o), T2);
	o = msg(1, T2, 2, T1);
	assert_int_equal(last_activity(T_MSG, &o), T2);
	o = sem(0, pids, 1);
	assert_int_equal(last_activity(T_SEM, &o), T0);
}

#define TEST(f)	cmocka_unit_test_setup(f, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(shm_attached_not_stale),
		TEST(shm_cpid_zero_unknown),
		TEST(shm_lpid_zero_with_atime_unknown),
		TEST(shm_never_attached_creator_gone),
		TEST(shm_creator_or_last_user_alive),
		TEST(shm_all_gone),
		TEST(shm_start_time_unreadable),
		TEST(msg_never_used_not_stale),
		TEST(msg_lspid_zero_with_stime_unknown),
		TEST(msg_sender_or_receiver_alive),
		TEST(msg_blocked_waiter_not_stale),
		TEST(msg_waiter_scan_unknown),
		TEST(msg_all_gone),
		TEST(msg_start_time_unreadable),
		TEST(sem_pids_unread_unknown),
		TEST(sem_never_used_not_stale),
		TEST(sem_zero_pid_outside_init_pidns_unknown),
		TEST(sem_all_recorded_dead_stale),
		TEST(sem_operator_alive),
		TEST(sem_blocked_or_scan_unknown),
		TEST(sem_start_time_unreadable),
		TEST(posix_holders),
		TEST(last_activity_is_latest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
