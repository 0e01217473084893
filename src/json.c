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

/*
 * Length of a valid UTF-8 sequence at s (of at most n bytes), or 0; *cpp
 * gets its code point.
 */
static size_t
utf8_len(const unsigned char *s, size_t n, uint32_t *cpp)
{
	uint32_t	cp;
	size_t		k, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
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
	if ((k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	*cpp = cp;
	return k;
}

/* Write s (len bytes) as a JSON string literal. */
void
json_write_string(FILE *fp, const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i, k;
	uint32_t		 cp;

	putc_unlocked('"', fp);
	for (i = 0; i < len; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' &&
		    s[i] != '\\') {
			putc_unlocked(s[i], fp);
			continue;
		}
		switch (s[i]) {
		case '"':
			fputs("\\\"", fp);
			continue;
		case '\\':
			fputs("\\\\", fp);
			continue;
		case '\n':
			fputs("\\n", fp);
			continue;
		case '\t':
			fputs("\\t", fp);
			continue;
		case '\r':
			fputs("\\r", fp);
			continue;
		}
		if (s[i] >= 0x80 && (k = utf8_len(s + i, len - i, &cp)) > 0) {
			/*
			 * A C1 control (U+0080..U+009F) is a terminal escape;
			 * an invisible or bidi character disguises text.  The
			 * escape decodes to the same string.
			 */
			if (cp < 0xa0 || cp_invisible(cp)) {
				fprintf(fp, "\\u%04x", (unsigned)cp);
				i += k - 1;
				continue;
			}
			fwrite(s + i, 1, k, fp);
			i += k - 1;
			continue;
		}
		fprintf(fp, "\\u%04x", s[i]);
	}
	putc_unlocked('"', fp);
}

/* Separator, indentation and key before a value. */
static void
prefix(struct json *js, const char *key)
{
	int	i;

	if (js->depth > 0) {
		if (!js->first)
			putc_unlocked(',', js->fp);
		if (js->depth <= INLINE_DEPTH) {
			putc_unlocked('\n', js->fp);
			for (i = 0; i < js->depth; i++)
				fputs("  ", js->fp);
		} else if (!js->first)
			putc_unlocked(' ', js->fp);
	}
	js->first = 0;
	if (key != NULL) {
		json_write_string(js->fp, key, strlen(key));
		fputs(": ", js->fp);
	}
}

/* Open an object (or an array if array) as member key (NULL in arrays). */
void
json_open(struct json *js, const char *key, int array)
{
	prefix(js, key);
	putc_unlocked(array ? '[' : '{', js->fp);
	js->depth++;
	js->first = 1;
}

/* Close the innermost object or array. */
void
json_close(struct json *js, int array)
{
	int	i, empty = js->first;

	js->depth--;
	if (!empty && js->depth < INLINE_DEPTH) {
		putc_unlocked('\n', js->fp);
		for (i = 0; i < js->depth; i++)
			fputs("  ", js->fp);
	}
	putc_unlocked(array ? ']' : '}', js->fp);
	js->first = 0;
	if (js->depth == 0)
		putc_unlocked('\n', js->fp);
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
	json_write_string(js->fp, s, len);
}

/* An unsigned number member. */
void
json_u64(struct json *js, const char *key, uint64_t v)
{
	char	buf[24];

	prefix(js, key);
	fmt_u64(v, buf);
	fputs(buf, js->fp);
}

/* A signed number member. */
void
json_i64(struct json *js, const char *key, int64_t v)
{
	prefix(js, key);
	fprintf(js->fp, "%lld", (long long)v);
}

/* A null member. */
void
json_null(struct json *js, const char *key)
{
	prefix(js, key);
	fputs("null", js->fp);
}

/* A member whose value text is already JSON (numbers like 12.50). */
void
json_raw(struct json *js, const char *key, const char *text)
{
	prefix(js, key);
	fputs(text, js->fp);
}

/* A cell as a typed JSON member. */
void
json_cell(struct json *js, const char *key, const struct cell *c,
    const struct outopts *o)
{
	char	buf[64];
	size_t	i;

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
		if (o->tf == TF_ISO) {
			fmt_time(c->i, TF_ISO, o->now, buf, sizeof(buf));
			json_str(js, key, buf);
		} else
			json_i64(js, key, c->i);
		break;
	case CELL_KEY:
		snprintf(buf, sizeof(buf), "0x%08llx", (unsigned long long)c->u);
		json_str(js, key, buf);
		break;
	case CELL_PERMS:
		fmt_perms((uint32_t)c->u, o->numeric_perms, buf, sizeof(buf));
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
		putc_unlocked('[', js->fp);
		for (i = 0; i < c->npids; i++) {
			if (i > 0)
				fputs(", ", js->fp);
			fprintf(js->fp, "%d", (int)c->pids[i]);
		}
		putc_unlocked(']', js->fp);
		break;
	}
}
