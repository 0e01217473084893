/* SPDX-License-Identifier: ISC */
/*
 * fuzz-posix.c - the POSIX IPC parsers: posix_parse_qsize() on what a
 * message queue's file in /dev/mqueue reads as, posix_name_check() on
 * object names.
 *
 * The input is the file's text (in a buffer of exactly its size, so ASan
 * sees any read past it) and, cut at its first NUL, a name.  A parsed
 * QSIZE must be the first field's number, the text one line ending in
 * its only newline; a name must be accepted exactly as a reference
 * written from the *_open() rules says.
 */
#include <errno.h>
#include <limits.h>

#include "fuzz.h"

/* Reference: "/" then 1..max bytes without '/', not "." or "..". */
static int
ref_name(const char *s, size_t max)
{
	size_t	len;

	if (s[0] != '/')
		return 0;
	len = strlen(s + 1);
	return len >= 1 && len <= max && strchr(s + 1, '/') == NULL &&
	    strcmp(s, "/.") != 0 && strcmp(s, "/..") != 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*buf, *s, *end, again[128];
	const char	*err;
	uint64_t	 q, q2;
	unsigned long long v;
	int		 ok;

	buf = malloc(size > 0 ? size : 1);
	CHECK(buf != NULL);
	memcpy(buf, data, size);
	if (posix_parse_qsize(buf, size, &q) == 0) {
		CHECK(size >= 7 && memcmp(buf, "QSIZE:", 6) == 0);
		CHECK(buf[size - 1] == '\n');
		CHECK(memchr(buf, '\n', size) == buf + size - 1);
		errno = 0;
		v = strtoull(buf + 6, &end, 10);
		CHECK(errno == 0 && end > buf + 6 && v == q);
		/* What the kernel writes for that size parses back to it. */
		snprintf(again, sizeof(again),
		    "QSIZE:%-10llu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
		    v, 0, 0, 0);
		CHECK(posix_parse_qsize(again, strlen(again), &q2) == 0);
		CHECK(q2 == q);
	}
	free(buf);

	s = fuzz_cstr(data, size);
	err = NULL;
	ok = posix_name_check(T_PSHM, s, &err) == 0;
	CHECK(ok == ref_name(s, NAME_MAX));
	CHECK(ok || err != NULL);
	err = NULL;
	ok = posix_name_check(T_PSEM, s, &err) == 0;
	CHECK(ok == ref_name(s, NAME_MAX - 4));
	CHECK(ok || err != NULL);
	free(s);
	return 0;
}
