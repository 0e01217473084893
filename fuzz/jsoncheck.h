/* SPDX-License-Identifier: ISC */
/*
 * jsoncheck.h - a strict RFC 8259 validator for the JSON targets: one
 * value, UTF-8 only (shortest form, no surrogates), no raw control
 * characters in strings, numbers and escapes as the grammar has them.
 * Strings can be decoded, \u00XX back to the byte XX, to check that the
 * writer kept every byte.
 */
#ifndef JSONCHECK_H
#define JSONCHECK_H

#include "fuzz.h"

struct jc {
	const unsigned char	*s;
	size_t			 n;
	size_t			 i;
	int			 depth;
};

static int	jc_value(struct jc *);

static void
jc_ws(struct jc *j)
{
	while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' ||
	    j->s[j->i] == '\n' || j->s[j->i] == '\r'))
		j->i++;
}

static int
jc_lit(struct jc *j, const char *w)
{
	size_t	l = strlen(w);

	if (j->n - j->i < l || memcmp(j->s + j->i, w, l) != 0)
		return 0;
	j->i += l;
	return 1;
}

static int
jc_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Length of a valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t
jc_utf8(const unsigned char *s, size_t n)
{
	uint32_t	cp;
	size_t		k, i;

	if (s[0] >= 0xc0 && s[0] <= 0xdf)
		k = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf7)
		k = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (k > n)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) ||
	    (k == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return k;
}

/* Write BMP code point cp (above U+007F) as UTF-8 at out. */
static void
jc_put_utf8(unsigned char *out, unsigned cp)
{
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return;
	}
	out[0] = (unsigned char)(0xe0 | cp >> 12);
	out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	out[2] = (unsigned char)(0x80 | (cp & 0x3f));
}

/*
 * A string at j->i; its bytes decoded into out (if not NULL, room for
 * the literal's length), \u00XX as the byte XX, \uXXXX above U+00FF as
 * the character's UTF-8.  1 if valid.
 */
static int
jc_string(struct jc *j, unsigned char *out, size_t *outlen)
{
	size_t		 o = 0, k;
	unsigned	 cp;
	int		 h, x;

	if (j->i >= j->n || j->s[j->i] != '"')
		return 0;
	j->i++;
	for (;;) {
		if (j->i >= j->n)
			return 0;
		if (j->s[j->i] == '"') {
			j->i++;
			break;
		}
		if (j->s[j->i] < 0x20)
			return 0;
		if (j->s[j->i] >= 0x80) {
			if ((k = jc_utf8(j->s + j->i, j->n - j->i)) == 0)
				return 0;
			if (out != NULL)
				memcpy(out + o, j->s + j->i, k);
			o += k;
			j->i += k;
			continue;
		}
		if (j->s[j->i] != '\\') {
			if (out != NULL)
				out[o] = j->s[j->i];
			o++;
			j->i++;
			continue;
		}
		if (++j->i >= j->n)
			return 0;
		switch (j->s[j->i]) {
		case '"': case '\\': case '/':
			cp = j->s[j->i];
			break;
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u':
			if (j->n - j->i < 5)
				return 0;
			for (cp = 0, h = 1; h <= 4; h++) {
				if ((x = jc_hex(j->s[j->i + h])) == -1)
					return 0;
				cp = cp << 4 | (unsigned)x;
			}
			j->i += 4;
			/*
			 * Above U+00FF only the BMP characters our writer
			 * escapes (bidi and invisible ones): as UTF-8.
			 */
			if (cp > 0xff) {
				if (cp >= 0xd800 && cp <= 0xdfff)
					return 0;
				if (out != NULL)
					jc_put_utf8(out + o, cp);
				o += cp < 0x800 ? 2 : 3;
				j->i++;
				continue;
			}
			break;
		default:
			return 0;
		}
		if (out != NULL)
			out[o] = (unsigned char)cp;
		o++;
		j->i++;
	}
	if (outlen != NULL)
		*outlen = o;
	return 1;
}

static int
jc_digits(struct jc *j)
{
	size_t	start = j->i;

	while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
		j->i++;
	return j->i > start;
}

static int
jc_number(struct jc *j)
{
	if (j->i < j->n && j->s[j->i] == '-')
		j->i++;
	if (j->i < j->n && j->s[j->i] == '0')
		j->i++;
	else if (!jc_digits(j))
		return 0;
	if (j->i < j->n && j->s[j->i] == '.') {
		j->i++;
		if (!jc_digits(j))
			return 0;
	}
	if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
		j->i++;
		if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-'))
			j->i++;
		if (!jc_digits(j))
			return 0;
	}
	return 1;
}

/* Members or elements up to the closing bracket. */
static int
jc_container(struct jc *j, int object)
{
	int	close = object ? '}' : ']';

	if (++j->depth > 64)
		return 0;
	j->i++;
	jc_ws(j);
	if (j->i < j->n && j->s[j->i] == close) {
		j->i++;
		j->depth--;
		return 1;
	}
	for (;;) {
		jc_ws(j);
		if (object) {
			if (!jc_string(j, NULL, NULL))
				return 0;
			jc_ws(j);
			if (j->i >= j->n || j->s[j->i] != ':')
				return 0;
			j->i++;
		}
		if (!jc_value(j))
			return 0;
		jc_ws(j);
		if (j->i >= j->n)
			return 0;
		if (j->s[j->i] == ',') {
			j->i++;
			continue;
		}
		if (j->s[j->i] != close)
			return 0;
		j->i++;
		j->depth--;
		return 1;
	}
}

static int
jc_value(struct jc *j)
{
	jc_ws(j);
	if (j->i >= j->n)
		return 0;
	switch (j->s[j->i]) {
	case '{':
		return jc_container(j, 1);
	case '[':
		return jc_container(j, 0);
	case '"':
		return jc_string(j, NULL, NULL);
	case 't':
		return jc_lit(j, "true");
	case 'f':
		return jc_lit(j, "false");
	case 'n':
		return jc_lit(j, "null");
	}
	return jc_number(j);
}

/* 1 if s (n bytes) is exactly one JSON value with optional blanks. */
static inline int
jc_document(const char *s, size_t n)
{
	struct jc	j = { (const unsigned char *)s, n, 0, 0 };

	if (!jc_value(&j))
		return 0;
	jc_ws(&j);
	return j.i == n;
}

#endif /* JSONCHECK_H */
