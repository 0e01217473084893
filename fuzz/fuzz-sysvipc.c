/* SPDX-License-Identifier: ISC */
/*
 * fuzz-sysvipc.c - the /proc/sysvipc parsers.
 *
 * Each input is parsed as shm, msg and sem text three ways: whole
 * (sysv_parse_buffer), one byte per sysv_parser_feed() call (inputs up
 * to 4 KiB; larger ones get a second PRNG split), and in chunks whose
 * lengths come from a PRNG seeded by the input.  All three
 * must give the same objects and the same result; ids must be unique and
 * in range, and an unusable header must give no objects.
 */
#include <limits.h>

#include "fuzz.h"

/* Parse data split into chunks of step bytes (0: PRNG-chosen by salt). */
static int
parse_chunked(enum ipc_type t, const uint8_t *data, size_t size,
    size_t step, uint64_t salt, struct ipc_set *set)
{
	struct sysv_parser	*p;
	uint64_t		 st;
	size_t			 off = 0, n;

	st = fuzz_hash(data, size) ^ salt;
	p = sysv_parser_new(t, set);
	while (off < size) {
		if (step != 0)
			n = step;
		else {
			/* Mostly short chunks, sometimes long ones, some empty. */
			n = (size_t)(fuzz_rand(&st) % 8);
			if (n == 7)
				n = (size_t)(fuzz_rand(&st) % 2048);
		}
		if (n > size - off)
			n = size - off;
		CHECK(sysv_parser_feed(p, (const char *)data + off, n) == 0);
		off += n;
	}
	return sysv_parser_finish(p);
}

/* Two sets hold the same objects in the same order. */
static void
same_sets(const struct ipc_set *a, const struct ipc_set *b)
{
	const struct ipc_obj	*x, *y;
	size_t			 i;

	CHECK(a->n == b->n);
	for (i = 0; i < a->n; i++) {
		x = &a->v[i];
		y = &b->v[i];
		CHECK(x->id == y->id && x->key == y->key &&
		    x->mode == y->mode && x->uid == y->uid &&
		    x->gid == y->gid && x->cuid == y->cuid &&
		    x->cgid == y->cgid && x->ctime == y->ctime &&
		    x->has == y->has);
		CHECK(memcmp(&x->u, &y->u, sizeof(x->u)) == 0);
		CHECK(x->name == NULL && y->name == NULL);
		CHECK(x->pids == NULL && x->npids == 0);
	}
}

/* What every parsed set must satisfy. */
static void
check_set(enum ipc_type t, const struct ipc_set *set, int r)
{
	size_t	i, j;

	CHECK(r >= -1);
	if (r == -1)
		CHECK(set->n == 0);
	for (i = 0; i < set->n; i++) {
		CHECK(set->v[i].id >= 0);
		CHECK(set->v[i].ctime >= 0);
		CHECK((set->v[i].has & ~HAS_RSS) == 0);
		if (t != T_SHM)
			CHECK((set->v[i].has & HAS_RSS) == 0);
		if (t == T_SHM)
			CHECK(set->v[i].u.shm.cpid >= 0 &&
			    set->v[i].u.shm.lpid >= 0 &&
			    set->v[i].u.shm.atime >= 0 &&
			    set->v[i].u.shm.dtime >= 0);
		if (t == T_MSG)
			CHECK(set->v[i].u.msg.lspid >= 0 &&
			    set->v[i].u.msg.lrpid >= 0);
	}
	/* Quadratic, but inputs are small. */
	for (i = 0; i < set->n; i++)
		for (j = i + 1; j < set->n; j++)
			CHECK(set->v[i].id != set->v[j].id);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum ipc_type	 types[] = { T_SHM, T_MSG, T_SEM };
	struct ipc_set			 whole, bytes, chunks;
	int				 rw, rb, rc;
	size_t				 i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		set_init(&whole, types[i]);
		set_init(&bytes, types[i]);
		set_init(&chunks, types[i]);
		rw = sysv_parse_buffer(types[i], (const char *)data, size,
		    &whole);
		/* Byte by byte is slow: big inputs get PRNG chunks twice. */
		rb = parse_chunked(types[i], data, size, size <= 4096 ? 1 : 0,
		    0x9e3779b97f4a7c16ULL, &bytes);
		rc = parse_chunked(types[i], data, size, 0, 0, &chunks);
		check_set(types[i], &whole, rw);
		CHECK(rw == rb && rw == rc);
		same_sets(&whole, &bytes);
		same_sets(&whole, &chunks);
		set_free(&whole);
		set_free(&bytes);
		set_free(&chunks);
	}
	return 0;
}
