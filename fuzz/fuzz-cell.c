/* SPDX-License-Identifier: ISC */
/*
 * fuzz-cell.c - fmt_cell(), the text of any cell in table, raw and
 * export output.
 *
 * Input: kind, output options, buffer size, three 64-bit numbers (the
 * cell's u and i, and "now"), then the cell's string or pid list.  The
 * text must fit the buffer, its length must be what fmt_cell() returns,
 * and it must be terminal-safe for the mode; a string cell must unescape
 * to (a prefix of) the string.
 */
#include "textcheck.h"

#define CELLMAX		16384	/* out.c's buffer for one cell */
#define NKINDS		(CELL_PIDS + 1)

static uint64_t
u64_at(const uint8_t *p)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cell	 c;
	struct outopts	 oo;
	char		*buf, *back, *str = NULL;
	pid_t		*pids = NULL;
	size_t		 len, n, m, i;
	int		 flags;

	if (size < 27)
		return 0;
	memset(&c, 0, sizeof(c));
	memset(&oo, 0, sizeof(oo));
	c.kind = (enum cell_kind)(data[0] % NKINDS);
	oo.mode = (enum out_mode)(data[1] & 3);
	oo.tf = (enum time_fmt)((data[1] >> 2) & 3);
	oo.bytes = (data[1] >> 4) & 1;
	oo.numeric_perms = (data[1] >> 5) & 1;
	oo.noheadings = (data[1] >> 6) & 1;
	/* Mostly out.c's buffer size; sometimes a small one. */
	len = data[2] < 0xc0 ? CELLMAX : (size_t)(data[2] - 0xc0) + 1;
	c.u = u64_at(data + 3);
	c.i = (int64_t)u64_at(data + 11);
	oo.now = (int64_t)u64_at(data + 19);
	data += 27;
	size -= 27;
	if (c.kind == CELL_STR) {
		str = fuzz_cstr(data, size);
		c.str = str;
	} else if (c.kind == CELL_PIDS) {
		c.npids = size / sizeof(pid_t);
		pids = malloc(c.npids * sizeof(pid_t) + 1);
		CHECK(pids != NULL);
		memcpy(pids, data, c.npids * sizeof(pid_t));
		c.pids = pids;
	}
	flags = oo.mode == OUT_RAW ? ESC_SPACE :
	    oo.mode == OUT_EXPORT ? ESC_QUOTE : 0;

	buf = malloc(len);
	CHECK(buf != NULL);
	n = fmt_cell(&c, &oo, buf, len);
	CHECK(n < len);
	CHECK(strlen(buf) == n);
	back = malloc(n + 1);
	CHECK(back != NULL);
	m = tc_check_unescape(buf, flags, back);
	if (c.kind == CELL_STR) {
		CHECK(m <= strlen(str));
		CHECK(memcmp(back, str, m) == 0);
		if (len > 4 * strlen(str))
			CHECK(m == strlen(str));
	}
	if (c.kind == CELL_PIDS && len == CELLMAX && c.npids > 0 &&
	    c.npids < 1000) {
		/* All pids shown, comma-separated, when they fit. */
		for (i = 0, m = 1; i < n; i++)
			m += buf[i] == ',';
		CHECK(m == c.npids);
	}
	free(back);
	free(buf);
	free(str);
	free(pids);
	return 0;
}
