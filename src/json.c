/* SPDX-License-Identifier: ISC */
/*
 * json.c - a streaming JSON writer: no document tree, values go straight
 * to the stream.  Strings are escaped per RFC 8259; bytes that are not
 * valid UTF-8 are written as \u00XX so the output is always valid JSON,
 * and no control character (C0, DEL or C1), bidi control or invisible
 * character is written raw (as \uXXXX: the same string once decoded).
 * Members at depth 1 and 2 go on their own lines; deeper objects (one
 * resource each) stay on one line.
 */
#include <string.h>

#include "ipctool.h"

#define INLINE_DEPTH	2

/* Start writing JSON to fp. */
void
json_init(struct json *js, FILE *fp)
{
	memset(js, 0, sizeof(*js));
	js->fp = fp;
	js->first = 1;
}

/* Hand the buffered text to the stream. */
static void
jflush(struct json *js)
{
	if (js->blen > 0)
		fwrite(js->buf, 1, js->blen, js->fp);
	js->blen = 0;
}

/* Append n bytes. */
static void
jput(struct json *js, const char *s, size_t n)
{
	if (js->blen + n > sizeof(js->buf)) {
		jflush(js);
		if (n > sizeof(js->buf)) {
			fwrite(s, 1, n, js->fp);
			return;
		}
	}
	memcpy(js->buf + js->blen, s, n);
	js->blen += n;
}

/* Append one byte. */
static void
jputc(struct json *js, char c)
{
	if (js->blen == sizeof(js->buf))
		jflush(js);
	js->buf[js->blen++] = c;
}

/*
 * Text is held only inside a resource's one-line object: the document's
 * outer lines reach the stream as each call returns, so nothing written
 * to it between calls comes out of order.
 */
static void
settle(struct json *js)
{
	if (js->depth <= INLINE_DEPTH)
		jflush(js);
}

/* Append a signed number in decimal. */
static void
jput_i64(struct json *js, int64_t v)
{
	char	buf[24];
	size_t	n;

	if (v < 0) {
		jputc(js, '-');
		/* -(v + 1) + 1: no overflow at INT64_MIN. */
		n = fmt_u64((uint64_t)-(v + 1) + 1, buf);
	} else
		n = fmt_u64((uint64_t)v, buf);
	jput(js, buf, n);
}

/* Append \uXXXX for code point cp (at most U+FFFF). */
static void
jput_uescape(struct json *js, uint32_t cp)
{
	static const char	hex[] = "0123456789abcdef";
	char			e[6];

	e[0] = '\\';
	e[1] = 'u';
	e[2] = hex[(cp >> 12) & 0xf];
	e[3] = hex[(cp >> 8) & 0xf];
	e[4] = hex[(cp >> 4) & 0xf];
	e[5] = hex[cp & 0xf];
	jput(js, e, sizeof(e));
}

/* 1: a byte a JSON string holds as itself (printable ASCII but " and \\). */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	/* 0x80-0xff: UTF-8, checked sequence by sequence. */
};

/* Append s (len bytes) as a JSON string literal. */
static void
jput_string(struct json *js, const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i, j, k, room, lim;
	uint32_t		 cp;
	char			*d;

	jputc(js, '"');
	for (i = 0; i < len; i++) {
		/*
		 * Bytes that stand for themselves are copied straight into
		 * the buffer, as many as fit.
		 */
		if (js->blen == sizeof(js->buf))
			jflush(js);
		room = sizeof(js->buf) - js->blen;
		lim = len - i < room ? len - i : room;
		d = js->buf + js->blen;
		for (j = 0; j < lim && plain[s[i + j]]; j++)
			d[j] = (char)s[i + j];
		js->blen += j;
		i += j;
		if (i == len)
			break;
		if (j == lim) {
			i--;
			continue;
		}
		switch (s[i]) {
		case '"':
			jput(js, "\\\"", 2);
			continue;
		case '\\':
			jput(js, "\\\\", 2);
			continue;
		case '\n':
			jput(js, "\\n", 2);
			continue;
		case '\t':
			jput(js, "\\t", 2);
			continue;
		case '\r':
			jput(js, "\\r", 2);
			continue;
		}
		if (s[i] >= 0x80 && (k = utf8_decode(s + i, len - i, &cp)) > 0) {
			/*
			 * A C1 control (U+0080..U+009F) is a terminal escape;
			 * an invisible or bidi character disguises text.  The
			 * escape decodes to the same string.
			 */
			if (cp < 0xa0 || cp_invisible(cp))
				jput_uescape(js, cp);
			else
				jput(js, str + i, k);
			i += k - 1;
			continue;
		}
		jput_uescape(js, s[i]);
	}
	jputc(js, '"');
}

/* Write s (len bytes) as a JSON string literal to fp. */
void
json_write_string(FILE *fp, const char *str, size_t len)
{
	struct json	js;

	json_init(&js, fp);
	jput_string(&js, str, len);
	jflush(&js);
}

/* Separator, indentation and key before a value. */
static void
prefix(struct json *js, const char *key)
{
	/* A newline and the indentation of the deepest line-broken level. */
	static const char	indent[] = "\n    ";

	if (js->depth > 0) {
		if (!js->first)
			jputc(js, ',');
		if (js->depth <= INLINE_DEPTH)
			jput(js, indent, 1 + 2 * (size_t)js->depth);
		else if (!js->first)
			jputc(js, ' ');
	}
	js->first = 0;
	if (key != NULL) {
		jput_string(js, key, strlen(key));
		jput(js, ": ", 2);
	}
}

/* Open an object (or an array if array) as member key (NULL in arrays). */
void
json_open(struct json *js, const char *key, int array)
{
	prefix(js, key);
	jputc(js, array ? '[' : '{');
	js->depth++;
	js->first = 1;
	settle(js);
}

/* Close the innermost object or array. */
void
json_close(struct json *js, int array)
{
	static const char	indent[] = "\n  ";
	int			empty = js->first;

	js->depth--;
	if (!empty && js->depth < INLINE_DEPTH)
		jput(js, indent, 1 + 2 * (size_t)js->depth);
	jputc(js, array ? ']' : '}');
	js->first = 0;
	if (js->depth == 0)
		jputc(js, '\n');
	settle(js);
}

/* A string member (key NULL in arrays); s NULL writes null. */
void
json_str(struct json *js, const char *key, const char *s)
{
	if (s == NULL) {
		json_null(js, key);
		return;
	}
	json_strn(js, key, s, strlen(s));
}

/* A string member of len bytes. */
void
json_strn(struct json *js, const char *key, const char *s, size_t len)
{
	prefix(js, key);
	jput_string(js, s, len);
	settle(js);
}

/* An unsigned number member. */
void
json_u64(struct json *js, const char *key, uint64_t v)
{
	char	buf[24];

	prefix(js, key);
	jput(js, buf, fmt_u64(v, buf));
	settle(js);
}

/* A signed number member. */
void
json_i64(struct json *js, const char *key, int64_t v)
{
	prefix(js, key);
	jput_i64(js, v);
	settle(js);
}

/* A null member. */
void
json_null(struct json *js, const char *key)
{
	prefix(js, key);
	jput(js, "null", 4);
	settle(js);
}

/* A member whose value text is already JSON (numbers like 12.50). */
void
json_raw(struct json *js, const char *key, const char *text)
{
	prefix(js, key);
	jput(js, text, strlen(text));
	settle(js);
}

/* A cell as a typed JSON member. */
void
json_cell(struct json *js, const char *key, const struct cell *c,
    const struct outopts *oo)
{
	static const char	hex[] = "0123456789abcdef";
	char			buf[64];
	size_t			i, d;

	switch (c->kind) {
	case CELL_NULL:
		json_null(js, key);
		break;
	case CELL_STR:
		json_str(js, key, c->str);
		break;
	case CELL_NUM:
	case CELL_SIZE:
		json_u64(js, key, c->u);
		break;
	case CELL_SNUM:
		json_i64(js, key, c->i);
		break;
	case CELL_TIME:
		if (oo->tf == TF_ISO) {
			fmt_time(c->i, TF_ISO, oo->now, buf, sizeof(buf));
			json_str(js, key, buf);
		} else
			json_i64(js, key, c->i);
		break;
	case CELL_KEY:
		/* 0x%08llx: at least eight digits, more when the key has. */
		for (i = 16; i > 8 && ((c->u >> (4 * (i - 1))) & 0xf) == 0;
		    i--)
			;
		buf[0] = '0';
		buf[1] = 'x';
		for (d = 0; d < i; d++)
			buf[2 + d] = hex[(c->u >> (4 * (i - 1 - d))) & 0xf];
		json_strn(js, key, buf, 2 + i);
		break;
	case CELL_PERMS:
		fmt_perms((uint32_t)c->u, oo->numeric_perms, buf, sizeof(buf));
		json_str(js, key, buf);
		break;
	case CELL_PCT:
		snprintf(buf, sizeof(buf), "%llu.%02llu",
		    (unsigned long long)(c->u / 100),
		    (unsigned long long)(c->u % 100));
		json_raw(js, key, buf);
		break;
	case CELL_PIDS:
		prefix(js, key);
		jputc(js, '[');
		for (i = 0; i < c->npids; i++) {
			if (i > 0)
				jput(js, ", ", 2);
			jput_i64(js, (int)c->pids[i]);
		}
		jputc(js, ']');
		settle(js);
		break;
	}
}
