/* SPDX-License-Identifier: ISC */
/*
 * test-parse.c - parse.c's strict parsers: the whole string or nothing,
 * no sign where none makes sense, no overflow, and the word that says why.
 */
#include "unit.h"

/* Assert that parser call expr fails with errstr e. */
#define FAILS(expr, e) do {						\
	errstr = NULL;							\
	assert_int_equal((expr), -1);					\
	assert_non_null(errstr);					\
	assert_string_equal(errstr, (e));				\
} while (0)

static void
key_bases(void **state)
{
	const char	*errstr;
	uint32_t	 k;

	assert_int_equal(parse_key("0", &k, &errstr), 0);
	assert_int_equal(k, 0);
	assert_int_equal(parse_key("42", &k, &errstr), 0);
	assert_int_equal(k, 42);
	assert_int_equal(parse_key("0x1A2b", &k, &errstr), 0);
	assert_int_equal(k, 0x1a2b);
	assert_int_equal(parse_key("0X10", &k, &errstr), 0);
	assert_int_equal(k, 16);
	/* A leading 0 is octal, as in C. */
	assert_int_equal(parse_key("010", &k, &errstr), 0);
	assert_int_equal(k, 8);
	assert_int_equal(parse_key("0xffffffff", &k, &errstr), 0);
	assert_int_equal(k, 0xffffffffu);
	assert_int_equal(parse_key("4294967295", &k, &errstr), 0);
	assert_int_equal(k, 0xffffffffu);
	FAILS(parse_key("08", &k, &errstr), "not a number");
	FAILS(parse_key("0x", &k, &errstr), "not a number");
	FAILS(parse_key("0xg", &k, &errstr), "not a number");
}

/* Negative decimals, as /proc/sysvipc prints keys above INT32_MAX. */
static void
key_negative(void **state)
{
	const char	*errstr;
	uint32_t	 k;

	assert_int_equal(parse_key("-1", &k, &errstr), 0);
	assert_int_equal(k, 0xffffffffu);
	assert_int_equal(parse_key("-2", &k, &errstr), 0);
	assert_int_equal(k, 0xfffffffeu);
	assert_int_equal(parse_key("-2147483647", &k, &errstr), 0);
	assert_int_equal(k, 0x80000001u);
	assert_int_equal(parse_key("-2147483648", &k, &errstr), 0);
	assert_int_equal(k, 0x80000000u);
	FAILS(parse_key("-2147483649", &k, &errstr), "out of range");
	FAILS(parse_key("-0", &k, &errstr), "out of range");
	FAILS(parse_key("-", &k, &errstr), "not a number");
	FAILS(parse_key("-0x1", &k, &errstr), "not a number");
	FAILS(parse_key("--1", &k, &errstr), "not a number");
}

static void
key_garbage_and_overflow(void **state)
{
	const char	*errstr;
	uint32_t	 k = 7;

	FAILS(parse_key("", &k, &errstr), "not a number");
	FAILS(parse_key("12abc", &k, &errstr), "not a number");
	FAILS(parse_key(" 1", &k, &errstr), "not a number");
	FAILS(parse_key("1 ", &k, &errstr), "not a number");
	FAILS(parse_key("+1", &k, &errstr), "not a number");
	FAILS(parse_key("0x100000000", &k, &errstr), "out of range");
	FAILS(parse_key("4294967296", &k, &errstr), "out of range");
	FAILS(parse_key("99999999999999999999999", &k, &errstr),
	    "out of range");
	/* A failure leaves the result alone. */
	assert_int_equal(k, 7);
}

static void
id(void **state)
{
	const char	*errstr;
	int		 i;

	assert_int_equal(parse_id("0", &i, &errstr), 0);
	assert_int_equal(i, 0);
	assert_int_equal(parse_id("2147483647", &i, &errstr), 0);
	assert_int_equal(i, 2147483647);
	/* Ids are decimal: a leading zero is not octal. */
	assert_int_equal(parse_id("010", &i, &errstr), 0);
	assert_int_equal(i, 10);
	FAILS(parse_id("2147483648", &i, &errstr), "too large");
	FAILS(parse_id("18446744073709551616", &i, &errstr), "out of range");
	FAILS(parse_id("-1", &i, &errstr), "not a number");
	FAILS(parse_id("0x10", &i, &errstr), "not a number");
	FAILS(parse_id("1x", &i, &errstr), "not a number");
	FAILS(parse_id("", &i, &errstr), "not a number");
}

static void
size(void **state)
{
	const char	*errstr;
	uint64_t	 v;

	assert_int_equal(parse_size("0", &v, &errstr), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_size("4096", &v, &errstr), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(parse_size("10B", &v, &errstr), 0);
	assert_int_equal(v, 10);
	assert_int_equal(parse_size("1K", &v, &errstr), 0);
	assert_int_equal(v, 1024);
	assert_int_equal(parse_size("1k", &v, &errstr), 0);
	assert_int_equal(v, 1024);
	assert_int_equal(parse_size("1KiB", &v, &errstr), 0);
	assert_int_equal(v, 1024);
	/* As util-linux reads them: KB and the like are powers of 1000. */
	assert_int_equal(parse_size("1KB", &v, &errstr), 0);
	assert_int_equal(v, 1000);
	assert_int_equal(parse_size("1kb", &v, &errstr), 0);
	assert_int_equal(v, 1000);
	assert_int_equal(parse_size("1Kib", &v, &errstr), 0);
	assert_int_equal(v, 1024);
	assert_int_equal(parse_size("1MB", &v, &errstr), 0);
	assert_int_equal(v, 1000000);
	assert_int_equal(parse_size("2GB", &v, &errstr), 0);
	assert_int_equal(v, 2000000000ULL);
	assert_int_equal(parse_size("1EB", &v, &errstr), 0);
	assert_int_equal(v, 1000000000000000000ULL);
	assert_int_equal(parse_size("1.5M", &v, &errstr), 0);
	assert_int_equal(v, 1572864);
	assert_int_equal(parse_size("0.5MiB", &v, &errstr), 0);
	assert_int_equal(v, 524288);
	assert_int_equal(parse_size("1.5MB", &v, &errstr), 0);
	assert_int_equal(v, 1500000);
	assert_int_equal(parse_size("1.25K", &v, &errstr), 0);
	assert_int_equal(v, 1280);
	assert_int_equal(parse_size("0.3K", &v, &errstr), 0);
	assert_int_equal(v, 307);	/* rounded down */
	assert_int_equal(parse_size("0.000001Z", &v, &errstr), 0);
	assert_int_equal(v, 1180591620717411ULL);
	assert_int_equal(parse_size("15.99999E", &v, &errstr), 0);
	assert_int_equal(v, 18446732544494505547ULL);
	assert_int_equal(parse_size("0Y", &v, &errstr), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_size("0x1000", &v, &errstr), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(parse_size("0XfF", &v, &errstr), 0);
	assert_int_equal(v, 255);
	assert_int_equal(parse_size("0x10K", &v, &errstr), 0);
	assert_int_equal(v, 16384);
	assert_int_equal(parse_size("0xffffffffffffffff", &v, &errstr), 0);
	assert_int_equal(v, UINT64_MAX);
	assert_int_equal(parse_size("2M", &v, &errstr), 0);
	assert_int_equal(v, 2 << 20);
	assert_int_equal(parse_size("3g", &v, &errstr), 0);
	assert_int_equal(v, 3ULL << 30);
	assert_int_equal(parse_size("15E", &v, &errstr), 0);
	assert_int_equal(v, 15ULL << 60);
	assert_int_equal(parse_size("18446744073709551615", &v, &errstr), 0);
	assert_int_equal(v, UINT64_MAX);
	/* Leading zeros do not make a number too long. */
	assert_int_equal(parse_size("0000000000000000000000000000000001K", &v,
	    &errstr), 0);
	assert_int_equal(v, 1024);
}

static void
size_bad(void **state)
{
	const char	*errstr;
	uint64_t	 v = 7;

	/* expand_number() would take these two. */
	FAILS(parse_size("1Mfoo", &v, &errstr), "not a size");
	FAILS(parse_size("-1", &v, &errstr), "not a size");
	FAILS(parse_size("", &v, &errstr), "not a size");
	FAILS(parse_size("K", &v, &errstr), "not a size");
	FAILS(parse_size("1.5", &v, &errstr), "not a size");
	FAILS(parse_size("1.M", &v, &errstr), "not a size");
	FAILS(parse_size(".5M", &v, &errstr), "not a size");
	FAILS(parse_size("1.5.5M", &v, &errstr), "not a size");
	FAILS(parse_size("0x", &v, &errstr), "not a size");
	FAILS(parse_size("0x1.5M", &v, &errstr), "not a size");
	FAILS(parse_size("0xg", &v, &errstr), "not a size");
	FAILS(parse_size("+1", &v, &errstr), "not a size");
	FAILS(parse_size("1KBB", &v, &errstr), "not a size");
	FAILS(parse_size("1KIB", &v, &errstr), "not a size");
	FAILS(parse_size("1Bi", &v, &errstr), "not a size");
	FAILS(parse_size("1Z", &v, &errstr), "out of range");
	FAILS(parse_size("1ZB", &v, &errstr), "out of range");
	FAILS(parse_size("19EB", &v, &errstr), "out of range");
	FAILS(parse_size("16.5E", &v, &errstr), "out of range");
	FAILS(parse_size("0x10000000000000000", &v, &errstr), "out of range");
	FAILS(parse_size("1 K", &v, &errstr), "not a size");
	FAILS(parse_size(" 1", &v, &errstr), "not a size");
	FAILS(parse_size("1KK", &v, &errstr), "not a size");
	FAILS(parse_size("1iB", &v, &errstr), "not a size");
	FAILS(parse_size("1X", &v, &errstr), "not a size");
	FAILS(parse_size("16E", &v, &errstr), "out of range");
	FAILS(parse_size("18446744073709551616", &v, &errstr),
	    "out of range");
	FAILS(parse_size("17179869184G", &v, &errstr), "out of range");
	FAILS(parse_size("123456789012345678901234567890123", &v, &errstr),
	    "out of range");
	assert_int_equal(v, 7);
}

static void
mode(void **state)
{
	const char	*errstr;
	uint32_t	 m;

	assert_int_equal(parse_mode("644", &m, &errstr), 0);
	assert_int_equal(m, 0644);
	assert_int_equal(parse_mode("0600", &m, &errstr), 0);
	assert_int_equal(m, 0600);
	assert_int_equal(parse_mode("7777", &m, &errstr), 0);
	assert_int_equal(m, 07777);
	assert_int_equal(parse_mode("0", &m, &errstr), 0);
	assert_int_equal(m, 0);
	assert_int_equal(parse_mode("0o644", &m, &errstr), 0);
	assert_int_equal(m, 0644);
	assert_int_equal(parse_mode("0O7777", &m, &errstr), 0);
	assert_int_equal(m, 07777);
	FAILS(parse_mode("10000", &m, &errstr), "above 07777");
	FAILS(parse_mode("0o10000", &m, &errstr), "above 07777");
	FAILS(parse_mode("8", &m, &errstr), "not octal");
	FAILS(parse_mode("999", &m, &errstr), "not octal");
	FAILS(parse_mode("0o", &m, &errstr), "not octal");
	FAILS(parse_mode("0o-1", &m, &errstr), "not octal");
	FAILS(parse_mode("0x1ff", &m, &errstr), "not octal");
	FAILS(parse_mode("-644", &m, &errstr), "not octal");
	FAILS(parse_mode("+644", &m, &errstr), "not octal");
	FAILS(parse_mode(" 644", &m, &errstr), "not octal");
	FAILS(parse_mode("644 ", &m, &errstr), "not octal");
	FAILS(parse_mode("rw-r--r--", &m, &errstr), "not octal");
	FAILS(parse_mode("", &m, &errstr), "not octal");
	FAILS(parse_mode("77777777777777777777777", &m, &errstr),
	    "above 07777");
	FAILS(parse_mode("77777777777777777777778", &m, &errstr),
	    "not octal");
}

static void
duration(void **state)
{
	const char	*errstr;
	int64_t		 d;

	assert_int_equal(parse_duration("0", &d, &errstr), 0);
	assert_int_equal(d, 0);
	assert_int_equal(parse_duration("90", &d, &errstr), 0);
	assert_int_equal(d, 90);
	assert_int_equal(parse_duration("90s", &d, &errstr), 0);
	assert_int_equal(d, 90);
	assert_int_equal(parse_duration("15m", &d, &errstr), 0);
	assert_int_equal(d, 900);
	assert_int_equal(parse_duration("2h", &d, &errstr), 0);
	assert_int_equal(d, 7200);
	assert_int_equal(parse_duration("7d", &d, &errstr), 0);
	assert_int_equal(d, 7 * 86400);
	assert_int_equal(parse_duration("1w", &d, &errstr), 0);
	assert_int_equal(d, 7 * 86400);
	assert_int_equal(parse_duration("007m", &d, &errstr), 0);
	assert_int_equal(d, 420);
	/* The bound keeps now - duration representable. */
	assert_int_equal(parse_duration("2305843009213693951", &d, &errstr),
	    0);
	assert_int_equal(d, INT64_MAX / 4);
	FAILS(parse_duration("2305843009213693952", &d, &errstr),
	    "out of range");
	assert_int_equal(parse_duration("3812571113117w", &d, &errstr), 0);
	assert_int_equal(d, 3812571113117LL * 7 * 86400);
	FAILS(parse_duration("3812571113118w", &d, &errstr), "out of range");
	FAILS(parse_duration("99999999999999999999999999999999", &d, &errstr),
	    "out of range");
}

static void
duration_bad(void **state)
{
	const char	*errstr;
	int64_t		 d;

	FAILS(parse_duration("", &d, &errstr), "not a duration");
	FAILS(parse_duration("m", &d, &errstr), "not a duration");
	FAILS(parse_duration("-5", &d, &errstr), "not a duration");
	FAILS(parse_duration("1x", &d, &errstr), "not a duration");
	FAILS(parse_duration("1mm", &d, &errstr), "not a duration");
	FAILS(parse_duration("1M", &d, &errstr), "not a duration");
	FAILS(parse_duration("1.5h", &d, &errstr), "not a duration");
	FAILS(parse_duration("1 h", &d, &errstr), "not a duration");
	FAILS(parse_duration(" 1", &d, &errstr), "not a duration");
}

static void
seconds(void **state)
{
	const char	*errstr;
	int64_t		 ms;

	assert_int_equal(parse_seconds("2", &ms, &errstr), 0);
	assert_int_equal(ms, 2000);
	assert_int_equal(parse_seconds("0.5", &ms, &errstr), 0);
	assert_int_equal(ms, 500);
	assert_int_equal(parse_seconds(".25", &ms, &errstr), 0);
	assert_int_equal(ms, 250);
	assert_int_equal(parse_seconds("1.", &ms, &errstr), 0);
	assert_int_equal(ms, 1000);
	assert_int_equal(parse_seconds("86400", &ms, &errstr), 0);
	assert_int_equal(ms, SECONDS_MAX_MS);
	FAILS(parse_seconds("86400.001", &ms, &errstr), "too large");
	FAILS(parse_seconds("99999999999999999999", &ms, &errstr), "too large");
	FAILS(parse_seconds("0.0001", &ms, &errstr), "more than three decimals");
	FAILS(parse_seconds("", &ms, &errstr), "not a number of seconds");
	FAILS(parse_seconds(".", &ms, &errstr), "not a number of seconds");
	FAILS(parse_seconds("-1", &ms, &errstr), "not a number of seconds");
	FAILS(parse_seconds("1s", &ms, &errstr), "not a number of seconds");
	FAILS(parse_seconds(" 1", &ms, &errstr), "not a number of seconds");
}

static void
user(void **state)
{
	const char	*errstr;
	uid_t		 u;

	assert_int_equal(parse_user("0", &u, &errstr), 0);
	assert_int_equal(u, 0);
	assert_int_equal(parse_user("root", &u, &errstr), 0);
	assert_int_equal(u, 0);
	/* Any number is a uid, known to the system or not. */
	assert_int_equal(parse_user("4241", &u, &errstr), 0);
	assert_int_equal(u, 4241);
	assert_int_equal(parse_user("4294967294", &u, &errstr), 0);
	assert_int_equal(u, 4294967294u);
	/* (uid_t)-1 means "no change" to the kernel: not a uid. */
	FAILS(parse_user("4294967295", &u, &errstr), "no such user");
	FAILS(parse_user("-1", &u, &errstr), "no such user");
	FAILS(parse_user("", &u, &errstr), "no such user");
	FAILS(parse_user("no-such-user-ipctool", &u, &errstr),
	    "no such user");
	FAILS(parse_user("0x0", &u, &errstr), "no such user");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_bases),
		cmocka_unit_test(key_negative),
		cmocka_unit_test(key_garbage_and_overflow),
		cmocka_unit_test(id),
		cmocka_unit_test(size),
		cmocka_unit_test(size_bad),
		cmocka_unit_test(mode),
		cmocka_unit_test(duration),
		cmocka_unit_test(duration_bad),
		cmocka_unit_test(seconds),
		cmocka_unit_test(user),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
