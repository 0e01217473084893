/* SPDX-License-Identifier: ISC */
/*
 * textcheck.h - properties of escaped text, shared by the escape and
 * cell targets: what fmt_escape() promises a terminal.
 */
#ifndef TEXTCHECK_H
#define TEXTCHECK_H

#include "fuzz.h"

/* fmt.c's private escape flags (raw and export modes). */
#define ESC_SPACE	0x1
#define ESC_QUOTE	0x2

/*
 * Length of the UTF-8 sequence at s if it is one fmt_escape() may pass
 * through: valid, shortest form, not a surrogate, not a C1 control, not
 * a bidirectional override or isolate; else 0.
 */
static inline size_t
tc_utf8_ok(const unsigned char *s)
{
	uint32_t	cp;
	size_t		n, i;

	if (s[0] >= 0xc0 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf7)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	if (cp < 0xa0 || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return n;
}

/*
 * Check escaped text t (as written with flags) is terminal-safe, and
 * undo the escapes into out (room for strlen(t) + 1): returns the length
 * of the unescaped text.
 */
static inline size_t
tc_check_unescape(const char *t, int flags, char *out)
{
	const unsigned char	*s = (const unsigned char *)t;
	size_t			 o = 0, k;

	while (*s != '\0') {
		CHECK(*s >= 0x20 && *s != 0x7f);
		if (*s >= 0x80) {
			k = tc_utf8_ok(s);
			CHECK(k > 0);
			memcpy(out + o, s, k);
			o += k;
			s += k;
			continue;
		}
		if (flags & ESC_SPACE)
			CHECK(*s != ' ');
		if (flags & ESC_QUOTE)
			CHECK(*s != '"' && *s != '$' && *s != '`');
		if (*s != '\\') {
			out[o++] = (char)*s++;
			continue;
		}
		s++;
		if (*s == '\\')
			out[o++] = '\\';
		else if (*s == 'n')
			out[o++] = '\n';
		else if (*s == 't')
			out[o++] = '\t';
		else if ((flags & ESC_QUOTE) &&
		    (*s == '"' || *s == '$' || *s == '`'))
			out[o++] = (char)*s;
		else if ((flags & ESC_SPACE) && s[0] == 'x' && s[1] == '2' &&
		    s[2] == '0') {
			out[o++] = ' ';
			s += 2;
		} else {
			CHECK(s[0] >= '0' && s[0] <= '3');
			CHECK(s[1] >= '0' && s[1] <= '7');
			CHECK(s[2] >= '0' && s[2] <= '7');
			out[o++] = (char)((s[0] - '0') << 6 |
			    (s[1] - '0') << 3 | (s[2] - '0'));
			/* Only what could not pass raw is written in octal. */
			CHECK((unsigned char)out[o - 1] < 0x20 ||
			    (unsigned char)out[o - 1] >= 0x7f);
			s += 2;
		}
		s++;
	}
	out[o] = '\0';
	return o;
}

#endif /* TEXTCHECK_H */
