/* SPDX-License-Identifier: ISC */
/*
 * fuzz-escape.c - fmt_escape(), the escaper for untrusted text.
 *
 * Input: one byte of flags, one byte choosing the buffer size, then the
 * text.  The output must fit the buffer (ASan sees the exact size), be
 * terminal-safe (no byte below 0x20, no DEL, no ESC, no C1 control or
 * bidi override, only valid UTF-8 above 0x7f), and unescape to a prefix
 * of the input, to all of it when the buffer is large enough.
 */
#include "textcheck.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*src, *buf, *back;
	size_t	 len, n, srclen, m;
	int	 flags;

	if (size < 2)
		return 0;
	flags = data[0] & (ESC_SPACE | ESC_QUOTE);
	src = fuzz_cstr(data + 2, size - 2);
	srclen = strlen(src);
	/* Small buffers to test truncation, or one always large enough. */
	len = data[1] < 0xf0 ? data[1] : 4 * srclen + 1;
	buf = len > 0 ? malloc(len) : NULL;
	n = fmt_escape(src, flags, buf, len);
	if (len == 0)
		CHECK(n == 0);
	else {
		CHECK(n < len);
		CHECK(strlen(buf) == n);
		back = malloc(n + 1);
		CHECK(back != NULL);
		m = tc_check_unescape(buf, flags, back);
		CHECK(m <= srclen);
		CHECK(memcmp(back, src, m) == 0);
		if (len >= 4 * srclen + 1)
			CHECK(m == srclen);
		free(back);
	}
	free(buf);
	free(src);
	return 0;
}
