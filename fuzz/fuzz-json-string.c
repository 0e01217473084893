/* SPDX-License-Identifier: ISC */
/*
 * fuzz-json-string.c - json_write_string(), any bytes as a JSON string.
 *
 * The output must be one valid JSON document (a string: UTF-8, no raw
 * control character, C0, DEL or C1, only the escapes RFC 8259 has) and
 * must stand for the input byte for byte: every byte is either copied
 * as part of valid UTF-8, escaped as itself, or (not being valid UTF-8)
 * written \u00XX; a C1 control U+0080..U+009F is written \u0080..\u009f,
 * a bidi control or invisible character (U+200B, U+202E, ...) \uXXXX.
 */
#include "jsoncheck.h"

/* Walk the literal and the input together; 1 if they agree. */
static int
same_text(const unsigned char *js, size_t n, const uint8_t *in, size_t len)
{
	size_t		i = 1, p = 0, k;
	unsigned	cp;
	int		h;

	for (; i < n - 1; ) {
		if (js[i] != '\\') {
			k = js[i] >= 0x80 ? jc_utf8(js + i, n - i) : 1;
			if (k == 0 || p + k > len || memcmp(js + i, in + p, k))
				return 0;
			i += k;
			p += k;
			continue;
		}
		i++;
		if (js[i] == 'u') {
			for (cp = 0, h = 1; h <= 4; h++)
				cp = cp << 4 | (unsigned)jc_hex(js[i + h]);
			i += 5;
			if (p < len && in[p] == cp && jc_utf8(in + p,
			    len - p) == 0) {
				p++;
				continue;
			}
			/* A bidi or invisible character, as a code point. */
			if (cp >= 0x800 && p + 2 < len &&
			    in[p] == (0xe0 | cp >> 12) &&
			    in[p + 1] == (0x80 | ((cp >> 6) & 0x3f)) &&
			    in[p + 2] == (0x80 | (cp & 0x3f))) {
				p += 3;
				continue;
			}
			/* U+0080..U+00FF written as a code point. */
			if (cp >= 0x80 && p + 1 < len &&
			    in[p] == (0xc0 | cp >> 6) &&
			    in[p + 1] == (0x80 | (cp & 0x3f))) {
				p += 2;
				continue;
			}
			return 0;
		}
		cp = js[i] == 'n' ? '\n' : js[i] == 't' ? '\t' :
		    js[i] == 'r' ? '\r' : js[i] == 'b' ? '\b' :
		    js[i] == 'f' ? '\f' : js[i];
		if (p >= len || in[p] != cp)
			return 0;
		i++;
		p++;
	}
	return p == len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE		*fp;
	char		*out = NULL;
	size_t		 outlen = 0, i;
	unsigned char	 c;

	fp = open_memstream(&out, &outlen);
	CHECK(fp != NULL);
	json_write_string(fp, (const char *)data, size);
	CHECK(fclose(fp) == 0);

	CHECK(jc_document(out, outlen));
	CHECK(out[0] == '"' && out[outlen - 1] == '"');
	for (i = 0; i < outlen; i++) {
		c = (unsigned char)out[i];
		CHECK(c >= 0x20 && c != 0x7f);
		/* No C1 control as UTF-8 (0xc2 0x80..0x9f). */
		if (c == 0xc2 && i + 1 < outlen)
			CHECK((unsigned char)out[i + 1] >= 0xa0);
	}
	CHECK(same_text((const unsigned char *)out, outlen, data, size));
	free(out);
	return 0;
}
