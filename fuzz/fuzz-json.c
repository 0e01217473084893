/* SPDX-License-Identifier: ISC */
/*
 * fuzz-json.c - the streaming JSON writer (json.c) as the drivers use it.
 *
 * The input is a program: each byte picks an operation (open an object
 * or array, close one, write a string, number, null or typed cell) and
 * the following bytes give its key and value.  The harness nests them
 * properly, as callers must; whatever the program, the document written
 * must be exactly one valid JSON value.
 */
#include "jsoncheck.h"

#define MAXDEPTH	24

struct prog {
	const uint8_t	*p;
	size_t		 n;
};

static uint8_t
byte(struct prog *pr)
{
	if (pr->n == 0)
		return 0;
	pr->n--;
	return *pr->p++;
}

static uint64_t
u64(struct prog *pr)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < 8; i++)
		v = v << 8 | byte(pr);
	return v;
}

/* A string of a length byte and that many bytes, cut at any NUL. */
static char *
text(struct prog *pr, size_t *len)
{
	size_t	n;
	char	*s;

	n = byte(pr);
	if (n > pr->n)
		n = pr->n;
	s = fuzz_cstr(pr->p, n);
	*len = n;
	pr->p += n;
	pr->n -= n;
	return s;
}

static void
cell(struct json *js, const char *key, struct prog *pr)
{
	static pid_t	 pids[] = { 1, 42, 2147483647, -1 };
	struct cell	 c;
	struct outopts	 oo;
	char		*s;
	size_t		 len;

	memset(&c, 0, sizeof(c));
	memset(&oo, 0, sizeof(oo));
	c.kind = (enum cell_kind)(byte(pr) % (CELL_PIDS + 1));
	oo.tf = (enum time_fmt)(byte(pr) & 3);
	oo.numeric_perms = byte(pr) & 1;
	c.u = u64(pr);
	c.i = (int64_t)u64(pr);
	c.npids = byte(pr) % 5;
	c.pids = pids;
	s = text(pr, &len);
	c.str = s;
	json_cell(js, key, &c, &oo);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prog	 pr = { data, size };
	struct json	 js;
	FILE		*fp;
	char		*out = NULL, *key, *s;
	size_t		 outlen = 0, klen, len;
	int		 stack[MAXDEPTH];	/* 1: array */
	int		 depth = 0, op;

	fp = open_memstream(&out, &outlen);
	CHECK(fp != NULL);
	json_init(&js, fp);
	json_open(&js, NULL, 0);
	stack[depth++] = 0;
	while (pr.n > 0) {
		op = byte(&pr) % 8;
		/* Members of objects have keys; elements of arrays do not. */
		key = stack[depth - 1] ? NULL : text(&pr, &klen);
		switch (op) {
		case 0:
		case 1:
			if (depth == MAXDEPTH)
				break;
			json_open(&js, key, op);
			stack[depth++] = op;
			break;
		case 2:
			if (depth > 1)
				json_close(&js, stack[--depth]);
			break;
		case 3:
			s = text(&pr, &len);
			if (byte(&pr) & 1)
				json_strn(&js, key, s, len);
			else
				json_str(&js, key, byte(&pr) & 1 ? s : NULL);
			free(s);
			break;
		case 4:
			json_u64(&js, key, u64(&pr));
			break;
		case 5:
			json_i64(&js, key, (int64_t)u64(&pr));
			break;
		case 6:
			json_null(&js, key);
			break;
		case 7:
			cell(&js, key, &pr);
			break;
		}
		free(key);
	}
	while (depth > 0)
		json_close(&js, stack[--depth]);
	CHECK(fclose(fp) == 0);
	CHECK(js.depth == 0);
	CHECK(outlen > 0 && out[outlen - 1] == '\n');
	CHECK(jc_document(out, outlen));
	free(out);
	return 0;
}
