/* SPDX-License-Identifier: ISC */
/*
 * test-fmt.c - fmt.c's text of values: sizes for people, times in each
 * format, permissions, the escaping of untrusted text, and where text is
 * cut to fit a width.
 */
#include <stdlib.h>
#include <time.h>

#include "unit.h"

/* fmt.c's private escape flags (ESC_SPACE, ESC_QUOTE). */
#define RAW	0x1
#define EXPORT	0x2

/* Assert that fmt_size(v) reads s. */
static void
check_size(uint64_t v, const char *s)
{
	char	buf[32];

	assert_int_equal(fmt_size(v, buf, sizeof(buf)), strlen(s));
	assert_string_equal(buf, s);
}

static void
size_exact(void **state)
{
	check_size(0, "0B");
	check_size(1, "1B");
	check_size(1023, "1023B");
	check_size(1024, "1K");
	check_size(4096, "4K");
	check_size(1048576, "1M");
	check_size(1ULL << 30, "1G");
	check_size(1ULL << 40, "1T");
	check_size(1ULL << 50, "1P");
	check_size(1ULL << 60, "1E");
	/* E is the largest unit: no Z. */
	check_size(8ULL << 60, "8E");
}

/* One decimal, rounded half up; a .0 is dropped. */
static void
size_rounded(void **state)
{
	check_size(1536, "1.5K");
	check_size(1025, "1K");
	check_size(1126, "1.1K");
	check_size(1075, "1K");
	check_size(2047, "2K");
	check_size(10000, "9.8K");
	check_size(1048575, "1024K");
	check_size(1572864, "1.5M");
	/* No overflow at the top. */
	check_size(UINT64_MAX, "16E");
}

/* A short buffer truncates as snprintf() does, and says the full length. */
static void
size_short_buffer(void **state)
{
	char	buf[3];

	assert_int_equal(fmt_size(1536, buf, sizeof(buf)), 4);
	assert_string_equal(buf, "1.");
	assert_int_equal(fmt_size(1024, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "1K");
}

/* Assert that t, relative to now, reads s. */
static void
check_relative(int64_t t, int64_t now, const char *s)
{
	char	buf[64];

	assert_int_equal(fmt_time(t, TF_RELATIVE, now, buf, sizeof(buf)),
	    strlen(s));
	assert_string_equal(buf, s);
}

static void
time_relative(void **state)
{
	int64_t	now = 1795598549;

	check_relative(now, now, "0s ago");
	check_relative(now - 1, now, "1s ago");
	check_relative(now - 119, now, "119s ago");
	check_relative(now - 120, now, "2m ago");
	check_relative(now - 7199, now, "119m ago");
	check_relative(now - 7200, now, "2h ago");
	check_relative(now - 2 * 86400 + 1, now, "47h ago");
	check_relative(now - 2 * 86400, now, "2d ago");
	check_relative(now - 400 * 86400, now, "400d ago");
	/* A clock set back: the future says so. */
	check_relative(now + 5, now, "in 5s");
	/* Far-off times do not overflow. */
	check_relative(INT64_MIN, INT64_MAX, "213503982334601d ago");
	check_relative(INT64_MAX, INT64_MIN, "in 18446744073709551615s");
}

/* Assert that t in format tf at now reads s (TZ is UTC). */
static void
check_time(int64_t t, enum time_fmt tf, int64_t now, const char *s)
{
	char	buf[64];

	assert_int_equal(fmt_time(t, tf, now, buf, sizeof(buf)), strlen(s));
	assert_string_equal(buf, s);
}

static void
time_absolute(void **state)
{
	/* 2026-11-24 12:34:56 UTC, a Tuesday. */
	int64_t	t = 1795523696;

	check_time(0, TF_ISO, 0, "1970-01-01T00:00:00+00:00");
	check_time(t, TF_ISO, 0, "2026-11-24T12:34:56+00:00");
	check_time(t, TF_FULL, 0, "Tue Nov 24 12:34:56 2026");
	check_time(0, TF_FULL, 0, "Thu Jan  1 00:00:00 1970");
	/* Short: the time today, the day this year, else the date. */
	check_time(t, TF_SHORT, t + 3600, "12:34");
	check_time(t, TF_SHORT, t + 86400, "Nov24");
	check_time(t, TF_SHORT, t + 366 * 86400, "2026-11-24");
	check_time(t, TF_SHORT, t - 366 * 86400, "2026-11-24");
}

static void
perms(void **state)
{
	char	buf[16];

	assert_int_equal(fmt_perms(0644, 0, buf, sizeof(buf)), 9);
	assert_string_equal(buf, "rw-r--r--");
	assert_int_equal(fmt_perms(0777, 0, buf, sizeof(buf)), 9);
	assert_string_equal(buf, "rwxrwxrwx");
	assert_int_equal(fmt_perms(0, 0, buf, sizeof(buf)), 9);
	assert_string_equal(buf, "---------");
	assert_int_equal(fmt_perms(0640, 1, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "640");
	/* The kernel's SHM_DEST and SHM_LOCKED bits are not permissions. */
	assert_int_equal(fmt_perms(03600, 0, buf, sizeof(buf)), 9);
	assert_string_equal(buf, "rw-------");
	assert_int_equal(fmt_perms(03600, 1, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "600");
	/* Too short for nine letters: nothing. */
	assert_int_equal(fmt_perms(0644, 0, buf, 9), 0);
}

/* Assert that src escaped with flags reads s. */
static void
check_escape(const char *src, int flags, const char *s)
{
	char	buf[128];

	assert_int_equal(fmt_escape(src, flags, buf, sizeof(buf)), strlen(s));
	assert_string_equal(buf, s);
}

static void
escape_controls(void **state)
{
	check_escape("", 0, "");
	check_escape("plain /name-1.x", 0, "plain /name-1.x");
	check_escape("a\nb", 0, "a\\nb");
	check_escape("a\tb", 0, "a\\tb");
	check_escape("a\\b", 0, "a\\\\b");
	check_escape("\033[31mred", 0, "\\033[31mred");
	check_escape("\r\001\177", 0, "\\015\\001\\177");
}

static void
escape_utf8(void **state)
{
	/* U+202E built byte by byte, so no source line holds one. */
	static const char	rlo[] = { 'a', (char)0xe2, (char)0x80,
	    (char)0xae, 'b', '\0' };

	/* Printable UTF-8 stays. */
	check_escape("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xa7", 0,
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xa7");
	/* A lone lead byte, a lone continuation byte, a cut sequence. */
	check_escape("\xc3", 0, "\\303");
	check_escape("\xa9", 0, "\\251");
	check_escape("\xe2\x82", 0, "\\342\\202");
	/* Overlong, surrogate, above U+10FFFF. */
	check_escape("\xc0\xaf", 0, "\\300\\257");
	check_escape("\xe0\x80\xaf", 0, "\\340\\200\\257");
	check_escape("\xed\xa0\x80", 0, "\\355\\240\\200");
	check_escape("\xf4\x90\x80\x80", 0, "\\364\\220\\200\\200");
	/* C1 controls (U+0085) and bidirectional overrides (U+202E). */
	check_escape("\xc2\x85", 0, "\\302\\205");
	check_escape(rlo, 0, "a\\342\\200\\256b");
}

static void
escape_modes(void **state)
{
	check_escape("a b", 0, "a b");
	check_escape("a b", RAW, "a\\x20b");
	check_escape("\"$`\\'", 0, "\"$`\\\\'");
	check_escape("\"$`\\'", EXPORT, "\\\"\\$\\`\\\\'");
}

/* Truncation keeps the NUL and never cuts an escape or a character. */
static void
escape_truncated(void **state)
{
	char	buf[8];

	assert_int_equal(fmt_escape("ab\ncd", 0, buf, 4), 2);
	assert_string_equal(buf, "ab");
	assert_int_equal(fmt_escape("ab\ncd", 0, buf, 5), 4);
	assert_string_equal(buf, "ab\\n");
	assert_int_equal(fmt_escape("a\xc3\xa9", 0, buf, 3), 1);
	assert_string_equal(buf, "a");
	assert_int_equal(fmt_escape("abcdefghij", 0, buf, sizeof(buf)), 7);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(fmt_escape("abc", 0, buf, 1), 0);
	assert_string_equal(buf, "");
	buf[0] = 'x';
	assert_int_equal(fmt_escape("abc", 0, buf, 0), 0);
	assert_int_equal(buf[0], 'x');
}

/* text_cut: whole characters only, as text_width counts them. */
static void
cut(void **state)
{
	const char	*u = "\xc3\xa9t\xc3\xa9";	/* "été" */

	assert_int_equal(text_cut("abcdef", 6, 3), 3);
	assert_int_equal(text_cut("abcdef", 6, 6), 6);
	assert_int_equal(text_cut("abcdef", 6, 10), 6);
	assert_int_equal(text_cut("abcdef", 6, 0), 0);
	assert_int_equal(text_cut("", 0, 3), 0);
	/* Never in the middle of a character. */
	assert_int_equal(text_cut(u, 5, 1), 2);
	assert_int_equal(text_cut(u, 5, 2), 3);
	assert_int_equal(text_cut(u, 5, 3), 5);
	assert_int_equal(text_width(u, text_cut(u, 5, 2)), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(size_exact),
		cmocka_unit_test(size_rounded),
		cmocka_unit_test(size_short_buffer),
		cmocka_unit_test(time_relative),
		cmocka_unit_test(time_absolute),
		cmocka_unit_test(perms),
		cmocka_unit_test(escape_controls),
		cmocka_unit_test(escape_utf8),
		cmocka_unit_test(escape_modes),
		cmocka_unit_test(escape_truncated),
		cmocka_unit_test(cut),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
