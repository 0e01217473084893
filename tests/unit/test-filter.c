/* SPDX-License-Identifier: ISC */
/*
 * test-filter.c - filter.c: each filter alone matches what it should and
 * nothing else, the SysV-only ones leave POSIX objects out, and --idle
 * and --stale ask about liveness through the fakes (fake_proc.c).
 */
#include "unit.h"
#include "fake_proc.h"

#define NOW	1795600000
#define HOUR	3600

static int
setup(void **state)
{
	fake_reset();
	return 0;
}

/* A filter with option ch (filter.c's option codes) set to arg. */
static struct filter
filt(enum opt_id ch, const char *arg)
{
	struct filter	 f;
	const char	*what;

	filter_init(&f);
	assert_int_equal(filter_option(&f, ch, arg, &what), 1);
	return f;
}

/* A segment: key 0x1234, id 7, owner 1000:100, creator 1001. */
static struct ipc_obj
seg(void)
{
	struct ipc_obj	o;

	memset(&o, 0, sizeof(o));
	o.id = 7;
	o.key = 0x1234;
	o.uid = 1000;
	o.gid = 100;
	o.cuid = 1001;
	o.cgid = 101;
	o.ctime = NOW - 2 * HOUR;
	o.u.shm.cpid = 50;
	o.u.shm.lpid = 60;
	o.u.shm.atime = NOW - 2 * HOUR;
	o.u.shm.dtime = NOW - 2 * HOUR;
	return o;
}

/* A POSIX object with the same owner, modified two hours ago. */
static struct ipc_obj
pobj(void)
{
	struct ipc_obj	o;

	memset(&o, 0, sizeof(o));
	o.uid = 1000;
	o.gid = 100;
	o.u.px.mtime = NOW - 2 * HOUR;
	return o;
}

static void
empty_matches_all(void **state)
{
	struct filter	f;
	struct ipc_obj	o = seg(), p = pobj();

	filter_init(&f);
	assert_false(filter_is_set(&f));
	assert_int_equal(filter_needs(&f), 0);
	assert_true(filter_match(&f, T_SHM, &o, NOW));
	assert_true(filter_match(&f, T_PSEM, &p, NOW));
}

static void
key(void **state)
{
	struct filter	f = filt(OPT_KEY, "0x1234");
	struct ipc_obj	o = seg(), p = pobj();

	assert_true(filter_is_set(&f));
	assert_true(filter_match(&f, T_SHM, &o, NOW));
	o.key = 0x1235;
	assert_false(filter_match(&f, T_SHM, &o, NOW));
	/* POSIX objects have no key. */
	assert_false(filter_match(&f, T_PSHM, &p, NOW));
}

static void
id(void **state)
{
	struct filter	f = filt(OPT_ID, "7");
	struct ipc_obj	o = seg(), p = pobj();

	assert_true(filter_match(&f, T_MSG, &o, NOW));
	o.id = 8;
	assert_false(filter_match(&f, T_MSG, &o, NOW));
	assert_false(filter_match(&f, T_PMQ, &p, NOW));
}

static void
user_group_creator(void **state)
{
	struct filter	fu = filt(OPT_USER, "1000"), fg = filt(OPT_GROUP, "100");
	struct filter	fc = filt(OPT_CREATOR, "1001");
	struct ipc_obj	o = seg(), p = pobj();

	assert_true(filter_match(&fu, T_SEM, &o, NOW));
	assert_true(filter_match(&fu, T_PSEM, &p, NOW));
	assert_true(filter_match(&fg, T_SEM, &o, NOW));
	assert_true(filter_match(&fg, T_PSEM, &p, NOW));
	assert_true(filter_match(&fc, T_SEM, &o, NOW));
	/* The creator is the creator: not the owner. */
	o.uid = 1001;
	o.cuid = 1000;
	o.gid = 101;
	assert_false(filter_match(&fu, T_SEM, &o, NOW));
	assert_false(filter_match(&fg, T_SEM, &o, NOW));
	assert_false(filter_match(&fc, T_SEM, &o, NOW));
	/* POSIX objects record no creator. */
	assert_false(filter_match(&fc, T_PSEM, &p, NOW));
}

static void
unattached(void **state)
{
	struct filter	f = filt(OPT_UNATTACHED, NULL);
	struct ipc_obj	o = seg(), p = pobj();

	assert_true(filter_match(&f, T_SHM, &o, NOW));
	o.u.shm.nattch = 1;
	assert_false(filter_match(&f, T_SHM, &o, NOW));
	/* Only segments attach. */
	o.u.shm.nattch = 0;
	assert_false(filter_match(&f, T_MSG, &o, NOW));
	assert_false(filter_match(&f, T_PSHM, &p, NOW));
}

/* --older-than: SysV by ctime, POSIX by mtime. */
static void
older_than(void **state)
{
	struct filter	f = filt(OPT_OLDER, "1h");
	struct filter	g = filt(OPT_OLDER, "3h");
	struct ipc_obj	o = seg(), p = pobj();

	assert_true(filter_match(&f, T_SHM, &o, NOW));
	assert_false(filter_match(&g, T_SHM, &o, NOW));
	assert_true(filter_match(&f, T_PSHM, &p, NOW));
	assert_false(filter_match(&g, T_PSHM, &p, NOW));
	/* Exactly that old matches. */
	o.ctime = NOW - HOUR;
	assert_true(filter_match(&f, T_SHM, &o, NOW));
	o.ctime = NOW - HOUR + 1;
	assert_false(filter_match(&f, T_SHM, &o, NOW));
}

/* --pid: creator, last user, attachers, last operators, waiters. */
static void
pid(void **state)
{
	struct filter	f = filt(OPT_PID, "60");
	struct ipc_obj	o = seg(), q;
	pid_t		pids[2] = { 70, 60 };

	assert_int_equal(filter_needs(&f), NEED_ATTACHED | NEED_SEMPIDS);
	assert_true(filter_match(&f, T_SHM, &o, NOW));
	o.u.shm.lpid = 61;
	assert_false(filter_match(&f, T_SHM, &o, NOW));
	o.pids = pids;
	o.npids = 2;
	assert_true(filter_match(&f, T_SHM, &o, NOW));
	assert_true(filter_match(&f, T_SEM, &o, NOW));
	memset(&q, 0, sizeof(q));
	q.u.msg.lrpid = 60;
	assert_true(filter_match(&f, T_MSG, &q, NOW));
	q.u.msg.lrpid = 0;
	q.u.msg.lspid = 60;
	assert_true(filter_match(&f, T_MSG, &q, NOW));
	q.u.msg.lspid = 59;
	assert_false(filter_match(&f, T_MSG, &q, NOW));
	/* Blocked on it (msgsnd, msgrcv, semop), with no pid recorded. */
	fake.waiter_pid = 60;
	assert_true(filter_match(&f, T_MSG, &q, NOW));
	memset(&q, 0, sizeof(q));
	assert_true(filter_match(&f, T_SEM, &q, NOW));
	fake.waiter_pid = 61;
	assert_false(filter_match(&f, T_SEM, &q, NOW));
	assert_false(filter_match(&f, T_MSG, &q, NOW));
	fake.waiter_pid = 0;
}

/* --idle: no recorded use since, nothing attached, nobody blocked. */
static void
idle(void **state)
{
	struct filter	f = filt(OPT_IDLE, "1h");
	struct ipc_obj	o = seg();

	assert_true(filter_match(&f, T_SHM, &o, NOW));
	o.u.shm.dtime = NOW - 60;
	assert_false(filter_match(&f, T_SHM, &o, NOW));
	o = seg();
	o.u.shm.nattch = 1;
	assert_false(filter_match(&f, T_SHM, &o, NOW));
	o = seg();
	assert_true(filter_match(&f, T_MSG, &o, NOW));
	fake.waiting = 1;
	assert_false(filter_match(&f, T_MSG, &o, NOW));
	assert_false(filter_match(&f, T_SEM, &o, NOW));
	/* A scan that could not be read is not idle. */
	fake.waiting = -1;
	assert_false(filter_match(&f, T_SEM, &o, NOW));
	stale_report("test");
}

/* --stale: only what is proved stale; unknown is kept. */
static void
stale(void **state)
{
	struct filter	f = filt(OPT_STALE, NULL);
	struct ipc_obj	o = seg();

	assert_int_equal(filter_needs(&f), NEED_ALIVE | NEED_SEMPIDS);
	assert_true(filter_match(&f, T_SHM, &o, NOW));
	fake_pid(60, 1);
	assert_false(filter_match(&f, T_SHM, &o, NOW));
	fake_reset();
	fake_pid(50, -1);
	assert_false(filter_match(&f, T_SHM, &o, NOW));
	stale_report("test");
}

/* Every set filter must match. */
static void
all_must_match(void **state)
{
	struct filter	 f;
	struct ipc_obj	 o = seg();
	const char	*what;

	filter_init(&f);
	assert_int_equal(filter_option(&f, OPT_USER, "1000", &what), 1);
	assert_int_equal(filter_option(&f, OPT_UNATTACHED, NULL, &what), 1);
	assert_true(filter_match(&f, T_SHM, &o, NOW));
	o.u.shm.nattch = 3;
	assert_false(filter_match(&f, T_SHM, &o, NOW));
}

static void
option_values(void **state)
{
	struct filter	 f;
	const char	*what = NULL;

	filter_init(&f);
	assert_int_equal(filter_option(&f, OPT_KEY, "0x1x", &what), -1);
	assert_string_equal(what, "key");
	assert_int_equal(filter_option(&f, OPT_PID, "0", &what), -1);
	assert_string_equal(what, "pid");
	assert_int_equal(filter_option(&f, OPT_IDLE, "1y", &what), -1);
	assert_string_equal(what, "duration");
	assert_int_equal(filter_option(&f, OPT_NONE, "1", &what), 0);
	assert_false(filter_is_set(&f));
}

#define TEST(fn)	cmocka_unit_test_setup(fn, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(empty_matches_all),
		TEST(key),
		TEST(id),
		TEST(user_group_creator),
		TEST(unattached),
		TEST(older_than),
		TEST(pid),
		TEST(idle),
		TEST(stale),
		TEST(all_must_match),
		TEST(option_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
