/* SPDX-License-Identifier: ISC */
/*
 * fuzz.h - what the libFuzzer targets share: an assertion that crashes
 * with a message (so libFuzzer records the input), and a small PRNG for
 * choices a target derives from its input.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/ipctool.h"

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
		    __LINE__, #cond);					\
		abort();						\
	}								\
} while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A NUL-terminated copy of the input, cut at its first NUL. */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char	*s;

	s = malloc(size + 1);
	CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* xorshift64*: splitting points and sizes derived from the input. */
static inline uint64_t
fuzz_rand(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * 2685821657736338717ULL;
}

/* FNV-1a of the input, to seed fuzz_rand(). */
static inline uint64_t
fuzz_hash(const uint8_t *data, size_t size)
{
	uint64_t	h = 14695981039346656037ULL;
	size_t		i;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 1099511628211ULL;
	return h | 1;
}

#endif /* FUZZ_H */
