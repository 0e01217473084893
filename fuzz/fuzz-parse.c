/* SPDX-License-Identifier: ISC */
/*
 * fuzz-parse.c - the strict parsers for what users type (parse.c).
 *
 * Every parser runs on every input and is checked against a reference
 * written from the SPEC's grammar, not from parse.c: it must accept
 * exactly the strings the grammar allows, give their value, and set
 * errstr whenever it fails.
 */
#include <ctype.h>
#include <limits.h>

#include "fuzz.h"

/*
 * The n bytes at s are digits of base (at least one): 1 with the value
 * in *v, or *overflow set if it does not fit 64 bits.
 */
static int
ref_digits_n(const char *s, size_t n, int base, uint64_t *v, int *overflow)
{
	unsigned __int128	acc = 0;
	const char		*end = s + n;
	int			d;

	*overflow = 0;
	if (n == 0)
		return 0;
	for (; s < end; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return 0;
		if (d >= base)
			return 0;
		acc = acc * (unsigned)base + (unsigned)d;
		if (acc > UINT64_MAX) {
			*overflow = 1;
			acc = (unsigned __int128)UINT64_MAX + 1;
		}
	}
	*v = (uint64_t)acc;
	return 1;
}

/* All of the string s is digits of base. */
static int
ref_digits(const char *s, int base, uint64_t *v, int *overflow)
{
	return ref_digits_n(s, strlen(s), base, v, overflow);
}

/* Reference key: -N (1..2^31), 0xHEX, 0OCT, or decimal, <= 0xffffffff. */
static int
ref_key(const char *s, uint32_t *key)
{
	uint64_t	v;
	int		ovf;

	if (s[0] == '-') {
		if (!ref_digits(s + 1, 10, &v, &ovf) || ovf || v == 0 ||
		    v > 0x80000000ULL)
			return 0;
		*key = (uint32_t)(0x100000000ULL - v);
		return 1;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (!ref_digits(s + 2, 16, &v, &ovf))
			return 0;
	} else if (s[0] == '0' && s[1] != '\0') {
		if (!ref_digits(s + 1, 8, &v, &ovf))
			return 0;
	} else if (!ref_digits(s, 10, &v, &ovf))
		return 0;
	if (ovf || v > UINT32_MAX)
		return 0;
	*key = (uint32_t)v;
	return 1;
}

/*
 * Reference size, as util-linux reads one: 0x HEX or DIGITS[.DIGITS],
 * then "", "B", or a unit [KMGTPEZY] (either case) alone, with "iB"/"ib"
 * (powers of 1024) or with "B"/"b" (powers of 1000).  A fraction needs a
 * unit, counts up to 18 digits and is rounded down: here by long
 * multiplication of the fraction, one power at a time.
 */
static int
ref_size(const char *s, uint64_t *out)
{
	static const char	 units[] = "KMGTPEZY";
	const char		*p = s, *dot = NULL, *num = s;
	unsigned __int128	 whole = 0, rem = 0, tenn = 1, total;
	uint64_t		 v, base = 1024;
	size_t			 n, i;
	int			 pwr = 0, ovf, hex = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		hex = 1;
		num = p = s + 2;
		while (isxdigit((unsigned char)*p))
			p++;
	} else {
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '.') {
			dot = p++;
			if (!(*p >= '0' && *p <= '9'))
				return 0;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	n = (size_t)((dot != NULL ? dot : p) - num);
	if (!ref_digits_n(num, n, hex ? 16 : 10, &v, &ovf) || ovf)
		return 0;
	if (strcmp(p, "B") == 0 || strcmp(p, "b") == 0)
		p++;
	else if (*p != '\0') {
		for (i = 0; units[i] != '\0'; i++)
			if (toupper((unsigned char)*p) == units[i])
				break;
		if (units[i] == '\0')
			return 0;
		pwr = (int)i + 1;
		p++;
		if (strcmp(p, "iB") == 0 || strcmp(p, "ib") == 0)
			p += 2;
		else if (strcmp(p, "B") == 0 || strcmp(p, "b") == 0) {
			p++;
			base = 1000;
		}
	}
	if (*p != '\0' || (dot != NULL && pwr == 0))
		return 0;
	if (dot != NULL)
		for (p = dot + 1, i = 0; *p >= '0' && *p <= '9' && i < 18;
		    p++, i++) {
			rem = rem * 10 + (unsigned)(*p - '0');
			tenn *= 10;
		}
	/* whole + rem / tenn = fraction * base^k, after k steps. */
	total = v;
	for (i = 0; i < (size_t)pwr; i++) {
		total *= base;
		whole = whole * base + rem * base / tenn;
		rem = rem * base % tenn;
		if (total > UINT64_MAX && v != 0)
			return 0;
		if (whole > UINT64_MAX)
			return 0;
	}
	total += whole;
	if (total > UINT64_MAX)
		return 0;
	*out = (uint64_t)total;
	return 1;
}

/* Reference duration: DIGITS [s|m|h|d|w], at most INT64_MAX / 4 s. */
static int
ref_duration(const char *s, int64_t *out)
{
	const char	*p;
	uint64_t	 v, mult;
	int		 ovf;

	for (p = s; *p >= '0' && *p <= '9'; p++)
		;
	if (!ref_digits_n(s, (size_t)(p - s), 10, &v, &ovf) || ovf)
		return 0;
	if (strcmp(p, "") == 0 || strcmp(p, "s") == 0)
		mult = 1;
	else if (strcmp(p, "m") == 0)
		mult = 60;
	else if (strcmp(p, "h") == 0)
		mult = 3600;
	else if (strcmp(p, "d") == 0)
		mult = 86400;
	else if (strcmp(p, "w") == 0)
		mult = 7 * 86400;
	else
		return 0;
	if ((unsigned __int128)v * mult > (uint64_t)INT64_MAX / 4)
		return 0;
	*out = (int64_t)(v * mult);
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s;
	const char	*errstr;
	uint32_t	 key, rkey, mode;
	uint64_t	 v, rv, lo, hi;
	int64_t		 d, rd;
	int		 id, ok, rok, ovf;
	unsigned	 mask;

	s = fuzz_cstr(data, size);

	errstr = NULL;
	ok = parse_key(s, &key, &errstr) == 0;
	rok = ref_key(s, &rkey);
	CHECK(ok == rok);
	CHECK(ok ? key == rkey : errstr != NULL);

	errstr = NULL;
	ok = parse_id(s, &id, &errstr) == 0;
	rok = ref_digits(s, 10, &rv, &ovf) && !ovf && rv <= INT_MAX;
	CHECK(ok == rok);
	CHECK(ok ? (uint64_t)id == rv : errstr != NULL);

	errstr = NULL;
	ok = parse_mode(s, &mode, &errstr) == 0;
	/* Octal digits, after an optional 0o (as Python writes modes). */
	rok = ref_digits(s + (s[0] == '0' && (s[1] == 'o' || s[1] == 'O') ?
	    2 : 0), 8, &rv, &ovf) && !ovf && rv <= 07777;
	CHECK(ok == rok);
	CHECK(ok ? mode == rv : errstr != NULL);

	errstr = NULL;
	ok = parse_size(s, &v, &errstr) == 0;
	rok = ref_size(s, &rv);
	CHECK(ok == rok);
	CHECK(ok ? v == rv : errstr != NULL);

	errstr = NULL;
	ok = parse_duration(s, &d, &errstr) == 0;
	rok = ref_duration(s, &rd);
	CHECK(ok == rok);
	CHECK(ok ? d == rd : errstr != NULL);

	/* Bounds from the first bytes, so the fuzzer can reach both ends. */
	lo = size > 0 ? data[0] : 0;
	hi = size > 1 ? (uint64_t)data[1] << (data[0] % 57) : UINT64_MAX;
	errstr = NULL;
	ok = parse_uint(s, lo, hi, &v, &errstr) == 0;
	rok = ref_digits(s, 10, &rv, &ovf) && !ovf && rv >= lo && rv <= hi;
	CHECK(ok == rok);
	CHECK(ok ? v == rv : errstr != NULL);

	mask = 0;
	if (parse_type(s, &mask) == 0)
		CHECK(mask != 0 && (mask & ~TYPES_ALL) == 0);
	else
		CHECK(mask == 0);
	ok = type_from_name(s);
	CHECK(ok >= -1 && ok < T_NTYPES);
	if (ok != -1)
		CHECK(strcmp(type_name(ok), s) == 0);

	free(s);
	return 0;
}
