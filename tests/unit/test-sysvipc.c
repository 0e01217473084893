/* SPDX-License-Identifier: ISC */
/*
 * test-sysvipc.c - sysvipc.c's parsers of /proc/sysvipc text: the columns
 * found by the header, signed keys, repeated rows kept once, malformed
 * lines skipped and counted, headers that cannot be trusted.
 */
#include <stdlib.h>

#include "unit.h"

#define SHM16_HEAD \
	"       key      shmid perms                  size  cpid  lpid " \
	"nattch   uid   gid  cuid  cgid      atime      dtime      ctime" \
	"                   rss                  swap\n"
#define SHM16_ROW0 \
	"      5678          0   640                 10000     5     6      1" \
	"     0     0     0     0 1795598549          0 1795598547" \
	"                 12288                     0\n"
#define SHM16_ROW1 \
	"-2147483647          1   644                     1     7     0      0" \
	"     0     0     0     0          0          0 1795598549" \
	"                     0                  4096\n"
#define SHM14_HEAD \
	"       key      shmid perms                  size  cpid  lpid " \
	"nattch   uid   gid  cuid  cgid      atime      dtime      ctime\n"
#define SHM14_ROW \
	"         0          2   600                 65536     8     0      0" \
	"  4241  4242     0     0          0          0 1795598550\n"
#define MSG_HEAD \
	"       key      msqid perms      cbytes       qnum lspid lrpid   " \
	"uid   gid  cuid  cgid      stime      rtime      ctime\n"
#define MSG_ROW \
	"        -2          1   644          10          2    11    12" \
	"     0     0     0     0 1795598551 1795598552 1795598550\n"
#define SEM_HEAD \
	"       key      semid perms      nsems   uid   gid  cuid  cgid" \
	"      otime      ctime\n"
#define SEM_ROW \
	"-2147483647          0   644          4     0     0     0     0" \
	" 1795598553 1795598553\n"

/* Parse text as type t into set; returns what sysv_parse_buffer() did. */
static int
parse(enum ipc_type t, const char *text, struct ipc_set *set)
{
	set_init(set, t);
	return sysv_parse_buffer(t, text, strlen(text), set);
}

static void
shm_16_columns(void **state)
{
	struct ipc_set	 set;
	struct ipc_obj	*o;

	assert_int_equal(parse(T_SHM, SHM16_HEAD SHM16_ROW0 SHM16_ROW1, &set),
	    0);
	assert_int_equal(set.n, 2);
	o = &set.v[0];
	assert_int_equal(o->key, 5678);
	assert_int_equal(o->id, 0);
	assert_int_equal(o->mode, 0640);
	assert_int_equal(o->u.shm.size, 10000);
	assert_int_equal(o->u.shm.cpid, 5);
	assert_int_equal(o->u.shm.lpid, 6);
	assert_int_equal(o->u.shm.nattch, 1);
	assert_int_equal(o->u.shm.atime, 1795598549);
	assert_int_equal(o->u.shm.dtime, 0);
	assert_int_equal(o->ctime, 1795598547);
	assert_true(o->has & HAS_RSS);
	assert_int_equal(o->u.shm.rss, 12288);
	assert_int_equal(o->u.shm.swap, 0);
	o = &set.v[1];
	assert_int_equal(o->id, 1);
	assert_int_equal(o->u.shm.swap, 4096);
	set_free(&set);
}

/* Kernels before 4.16: no rss or swap, and the row says it lacks them. */
static void
shm_14_columns(void **state)
{
	struct ipc_set	 set;
	struct ipc_obj	*o;

	assert_int_equal(parse(T_SHM, SHM14_HEAD SHM14_ROW, &set), 0);
	assert_int_equal(set.n, 1);
	o = &set.v[0];
	assert_int_equal(o->id, 2);
	assert_int_equal(o->key, 0);
	assert_int_equal(o->mode, 0600);
	assert_int_equal(o->u.shm.size, 65536);
	assert_int_equal(o->uid, 4241);
	assert_int_equal(o->gid, 4242);
	assert_int_equal(o->ctime, 1795598550);
	assert_false(o->has & HAS_RSS);
	set_free(&set);
}

/* The kernel prints keys as signed ints. */
static void
signed_keys(void **state)
{
	struct ipc_set	set;

	assert_int_equal(parse(T_SHM, SHM16_HEAD SHM16_ROW1, &set), 0);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.v[0].key, 0x80000001u);
	set_free(&set);
	assert_int_equal(parse(T_MSG, MSG_HEAD MSG_ROW, &set), 0);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.v[0].key, 0xfffffffeu);
	assert_int_equal(set.v[0].u.msg.cbytes, 10);
	assert_int_equal(set.v[0].u.msg.qnum, 2);
	assert_int_equal(set.v[0].u.msg.lspid, 11);
	assert_int_equal(set.v[0].u.msg.lrpid, 12);
	assert_int_equal(set.v[0].u.msg.stime, 1795598551);
	assert_int_equal(set.v[0].u.msg.rtime, 1795598552);
	set_free(&set);
	assert_int_equal(parse(T_SEM, SEM_HEAD SEM_ROW, &set), 0);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.v[0].key, 0x80000001u);
	assert_int_equal(set.v[0].u.sem.nsems, 4);
	assert_int_equal(set.v[0].u.sem.otime, 1795598553);
	set_free(&set);
}

/* Linux 5.6.8-5.6.13 printed rows more than once: each is kept once. */
static void
repeated_rows(void **state)
{
	struct ipc_set	set;

	assert_int_equal(parse(T_SHM, SHM16_HEAD SHM16_ROW0 SHM16_ROW0
	    SHM16_ROW1 SHM16_ROW0, &set), 0);
	assert_int_equal(set.n, 2);
	assert_int_equal(set.v[0].id, 0);
	assert_int_equal(set.v[1].id, 1);
	set_free(&set);
}

/* Many ids: the seen set grows and still finds each repeat. */
static void
repeated_many(void **state)
{
	struct ipc_set	 set;
	char		*text, *p;
	size_t		 cap = 64 + 2 * 5000 * 64;
	int		 i, r;

	text = malloc(cap);
	assert_non_null(text);
	p = text + snprintf(text, cap, "%s", SEM_HEAD);
	for (r = 0; r < 2; r++)
		for (i = 0; i < 5000; i++)
			p += snprintf(p, cap - (size_t)(p - text),
			    "%d %d 600 1 0 0 0 0 0 1\n", i, i);
	assert_int_equal(parse(T_SEM, text, &set), 0);
	assert_int_equal(set.n, 5000);
	assert_int_equal(set.v[4999].id, 4999);
	set_free(&set);
	free(text);
}

/* Each bad line is skipped and counted; the good rows stay. */
static void
malformed_lines(void **state)
{
	static const char text[] = SHM16_HEAD SHM16_ROW0
	    "5678 777 640 10000 5 6 1 0 0 0 0 1795598549 0 1795598547 12288\n"
	    "5678 777 6x4 10000 5 6 1 0 0 0 0 1795598549 0 1795598547 12288 0\n"
	    "5678 99999999999999999999 640 10000 5 6 1 0 0 0 0 1 0 1 0 0\n"
	    "5678 777 640 -10000 5 6 1 0 0 0 0 1795598549 0 1795598547 0 0\n"
	    "5678 777 640 10000 5 6 1 0 0 0 0 1795598549 0 1795598547 0 0 9\n"
	    "\001\002\003\n"
	    "\n"
	    SHM16_ROW1;
	struct ipc_set	set;

	/* A NUL inside a line, too: sizeof, not strlen. */
	set_init(&set, T_SHM);
	assert_int_equal(sysv_parse_buffer(T_SHM, text, sizeof(text) - 1,
	    &set), 6);
	assert_int_equal(set.n, 2);
	assert_int_equal(set.v[0].id, 0);
	assert_int_equal(set.v[1].id, 1);
	set_free(&set);
	set_init(&set, T_SHM);
	assert_int_equal(sysv_parse_buffer(T_SHM, SHM16_HEAD "5 7\0" "77 1\n",
	    sizeof(SHM16_HEAD) + 7, &set), 1);
	assert_int_equal(set.n, 0);
	set_free(&set);
}

/* A line longer than the parser's buffer is one malformed line. */
static void
overlong_line(void **state)
{
	struct ipc_set	 set;
	char		 text[4096];
	size_t		 n;

	n = (size_t)snprintf(text, sizeof(text), "%s", SEM_HEAD);
	memset(text + n, '1', 2000);
	n += 2000;
	n += (size_t)snprintf(text + n, sizeof(text) - n, "\n%s", SEM_ROW);
	set_init(&set, T_SEM);
	assert_int_equal(sysv_parse_buffer(T_SEM, text, n, &set), 1);
	assert_int_equal(set.n, 1);
	set_free(&set);
}

static void
header_only(void **state)
{
	struct ipc_set	set;

	assert_int_equal(parse(T_SHM, SHM16_HEAD, &set), 0);
	assert_int_equal(set.n, 0);
	set_free(&set);
	assert_int_equal(parse(T_MSG, MSG_HEAD, &set), 0);
	assert_int_equal(set.n, 0);
	set_free(&set);
}

/* An empty file has no resource and no error (lsipc hangs on it). */
static void
empty(void **state)
{
	struct ipc_set	set;

	assert_int_equal(parse(T_SEM, "", &set), 0);
	assert_int_equal(set.n, 0);
	set_free(&set);
}

/* The last line needs no newline. */
static void
no_final_newline(void **state)
{
	struct ipc_set	 set;
	char		 text[512];
	size_t		 n;

	n = (size_t)snprintf(text, sizeof(text), "%s%s", SEM_HEAD, SEM_ROW);
	text[--n] = '\0';
	assert_int_equal(parse(T_SEM, text, &set), 0);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.v[0].ctime, 1795598553);
	set_free(&set);
}

/* Columns are found by name: an unknown one is skipped, order is free. */
static void
header_names_columns(void **state)
{
	struct ipc_set	set;

	assert_int_equal(parse(T_SEM,
	    "semid foo key perms nsems uid gid cuid cgid otime ctime\n"
	    "3 99 -1 600 2 5 6 7 8 0 1795598553\n", &set), 0);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.v[0].id, 3);
	assert_int_equal(set.v[0].key, 0xffffffffu);
	assert_int_equal(set.v[0].uid, 5);
	assert_int_equal(set.v[0].cgid, 8);
	set_free(&set);
}

/* A header that lacks a needed column, or is no header: -1, no rows. */
static void
header_untrusted(void **state)
{
	struct ipc_set	set;

	assert_int_equal(parse(T_SEM,
	    "key semid nsems uid gid cuid cgid otime ctime\n"
	    "1 0 4 0 0 0 0 0 1795598553\n", &set), -1);
	assert_int_equal(set.n, 0);
	set_free(&set);
	/* msg's header is not shm's. */
	assert_int_equal(parse(T_SHM, MSG_HEAD MSG_ROW, &set), -1);
	assert_int_equal(set.n, 0);
	set_free(&set);
	assert_int_equal(parse(T_MSG, "\n" MSG_ROW, &set), -1);
	set_free(&set);
}

/* Fed a byte at a time, lines spanning chunks parse alike. */
static void
chunked(void **state)
{
	static const char	 text[] = SHM16_HEAD SHM16_ROW0 SHM16_ROW1;
	struct sysv_parser	*p;
	struct ipc_set		 set;
	size_t			 i;

	set_init(&set, T_SHM);
	p = sysv_parser_new(T_SHM, &set);
	for (i = 0; i < sizeof(text) - 1; i++)
		sysv_parser_feed(p, text + i, 1);
	assert_int_equal(sysv_parser_finish(p), 0);
	assert_int_equal(set.n, 2);
	assert_int_equal(set.v[1].key, 0x80000001u);
	assert_int_equal(set.v[1].u.shm.swap, 4096);
	set_free(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shm_16_columns),
		cmocka_unit_test(shm_14_columns),
		cmocka_unit_test(signed_keys),
		cmocka_unit_test(repeated_rows),
		cmocka_unit_test(repeated_many),
		cmocka_unit_test(malformed_lines),
		cmocka_unit_test(overlong_line),
		cmocka_unit_test(header_only),
		cmocka_unit_test(empty),
		cmocka_unit_test(no_final_newline),
		cmocka_unit_test(header_names_columns),
		cmocka_unit_test(header_untrusted),
		cmocka_unit_test(chunked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
