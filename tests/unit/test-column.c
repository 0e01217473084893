/* SPDX-License-Identifier: ISC */
/*
 * test-column.c - column.c's registry as -o sees it: names in any case,
 * unknown names refused, a name a type lacks skipped for that type but
 * refused when no requested type has it (naming the types), +COLS after
 * the defaults, TYPE in mixed raw output, the -t/-c/-p presets; and
 * getters that read only what the collector filled, names included.
 */
#include <unistd.h>

#include "unit.h"

/* The column names of cs, comma-separated, into buf. */
static const char *
names(const struct colset *cs, char *buf, size_t len)
{
	size_t	n = 0;
	int	i;

	buf[0] = '\0';
	for (i = 0; i < cs->n && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s",
		    i > 0 ? "," : "", columns[cs->col[i]].name);
	return buf;
}

/* Assert that list parsed for type t gives the columns want. */
static void
check_list(enum ipc_type t, const char *list, const char *want)
{
	struct colset	 cs;
	const char	*bad = NULL;
	char		 buf[512];

	cs.n = 0;
	assert_int_equal(column_parse_list(t, list, &cs, &bad), 0);
	assert_string_equal(names(&cs, buf, sizeof(buf)), want);
}

/* Assert that list is refused, naming bad. */
static void
check_bad_list(enum ipc_type t, const char *list, const char *want_bad)
{
	struct colset	 cs;
	const char	*bad = NULL;

	cs.n = 0;
	assert_int_equal(column_parse_list(t, list, &cs, &bad), -1);
	assert_non_null(bad);
	assert_string_equal(bad, want_bad);
}

static void
find(void **state)
{
	assert_true(column_find("KEY") >= 0);
	assert_int_equal(column_find("key"), column_find("KEY"));
	assert_int_equal(column_find("Use%"), column_find("USE%"));
	assert_int_equal(column_find("NOPE"), -1);
	assert_int_equal(column_find(""), -1);
}

static void
parse_list(void **state)
{
	check_list(T_SHM, "id,key,size", "ID,KEY,SIZE");
	check_list(T_SHM, "Id,KEY,size", "ID,KEY,SIZE");
	/* Once each, in the order first named. */
	check_list(T_SHM, "id,key,id", "ID,KEY");
	check_list(T_MSG, "qbytes,use%", "QBYTES,USE%");
}

/* A name the type lacks is skipped for that type. */
static void
per_type_validity(void **state)
{
	check_list(T_MSG, "id,size,msgs", "ID,MSGS");
	check_list(T_SHM, "id,size,msgs", "ID,SIZE");
	check_list(T_PSHM, "key,id,name,size", "NAME,SIZE");
	check_list(T_PSEM, "sval,nsems", "SVAL");
	check_list(T_SEM, "sval,nsems", "NSEMS");
}

static void
bad_lists(void **state)
{
	check_bad_list(T_SHM, "id,nope,key", "nope");
	check_bad_list(T_SHM, "", "");
	check_bad_list(T_SHM, "id,,key", "");
	check_bad_list(T_SHM, "id,", "");
}

/* A request for types with output list; 0 or -1 with *err. */
static int
request(unsigned types, const char *output, struct request *rq,
    const char **err)
{
	/* Only what request_columns() reads: request_init() is in cmd-list.c,
	   whose command table would drag in main.c's help entry. */
	memset(rq, 0, sizeof(*rq));
	rq->types = types;
	rq->output = output;
	return request_columns(rq, err);
}

static void
plus_appends_to_defaults(void **state)
{
	struct request	 rq;
	struct colset	 def;
	const char	*err = NULL;
	char		 buf[512], want[512];

	assert_int_equal(request(TBIT(T_SHM), "+rss,attached", &rq, &err), 0);
	column_defaults(T_SHM, &def);
	snprintf(want, sizeof(want), "%s,RSS,ATTACHED",
	    names(&def, buf, sizeof(buf)));
	assert_string_equal(names(&rq.cols[T_SHM], buf, sizeof(buf)), want);
	/* The costly ones say what they need. */
	assert_int_equal(column_needs(&rq.cols[T_SHM]) & NEED_ATTACHED,
	    NEED_ATTACHED);
	/* A default named again stays once, where it was. */
	assert_int_equal(request(TBIT(T_SHM), "+key", &rq, &err), 0);
	assert_int_equal(rq.cols[T_SHM].n, def.n);
}

static void
output_replaces_defaults(void **state)
{
	struct request	 rq;
	const char	*err = NULL;
	char		 buf[512];

	assert_int_equal(request(TBIT(T_SHM) | TBIT(T_MSG), "id,size,msgs",
	    &rq, &err), 0);
	assert_string_equal(names(&rq.cols[T_SHM], buf, sizeof(buf)),
	    "ID,SIZE");
	assert_string_equal(names(&rq.cols[T_MSG], buf, sizeof(buf)),
	    "ID,MSGS");
}

static void
output_errors(void **state)
{
	struct request	 rq;
	const char	*err = NULL;

	assert_int_equal(request(TBIT(T_SHM), "id,nope", &rq, &err), -1);
	assert_string_equal(err, "unknown column 'nope'");
	assert_int_equal(request(TBIT(T_SHM), "+nope", &rq, &err), -1);
	assert_string_equal(err, "unknown column 'nope'");
	/* Known, but no requested type has it. */
	assert_int_equal(request(TBIT(T_SHM), "id,msgs", &rq, &err), -1);
	assert_string_equal(err, "column 'msgs' does not apply to shm");
	assert_int_equal(request(TBIT(T_PSHM) | TBIT(T_PMQ), "+key", &rq,
	    &err), -1);
	assert_string_equal(err, "column 'key' does not apply to pshm or pmq");
	assert_int_equal(request(TYPES_POSIX, "nsems", &rq, &err), -1);
	assert_string_equal(err,
	    "column 'nsems' does not apply to pshm, pmq or psem");
}

/* A sort column no requested type has names itself and its types. */
static void
sort_errors(void **state)
{
	struct request	 rq;
	const char	*err = NULL;

	memset(&rq, 0, sizeof(rq));
	rq.types = TBIT(T_SHM);
	rq.sort[rq.nsort++] = column_find("MTIME");
	assert_int_equal(request_columns(&rq, &err), -1);
	assert_string_equal(err, "sort column 'MTIME' does not apply to shm; "
	    "it is a column of pshm, pmq or psem");
	/* One type of several having it is enough. */
	rq.types = TBIT(T_SHM) | TBIT(T_PSHM);
	err = NULL;
	assert_int_equal(request_columns(&rq, &err), 0);
}

/* TYPE: first in mixed raw and export defaults and --output-all only. */
static void
type_column(void **state)
{
	struct request	 rq;
	const char	*err = NULL;
	char		 buf[512];

	memset(&rq, 0, sizeof(rq));
	rq.types = TBIT(T_SHM) | TBIT(T_MSG);
	rq.oo.mode = OUT_RAW;
	assert_int_equal(request_columns(&rq, &err), 0);
	assert_string_equal(names(&rq.cols[T_MSG], buf, sizeof(buf)),
	    "TYPE,KEY,ID,PERMS,OWNER,USEDBYTES,MSGS,LSPID,LRPID");
	rq.oo.mode = OUT_EXPORT;
	rq.output = "+uid,type";
	assert_int_equal(request_columns(&rq, &err), 0);
	assert_string_equal(names(&rq.cols[T_SEM], buf, sizeof(buf)), "");
	assert_string_equal(names(&rq.cols[T_SHM], buf, sizeof(buf)),
	    "TYPE,KEY,ID,PERMS,OWNER,SIZE,NATTCH,STATUS,CTIME,CPID,LPID,UID");
	rq.output = "id";
	assert_int_equal(request_columns(&rq, &err), 0);
	assert_string_equal(names(&rq.cols[T_SHM], buf, sizeof(buf)), "ID");
	/* Tables, JSON and one type: not unless asked for. */
	rq.output = NULL;
	rq.oo.mode = OUT_TABLE;
	assert_int_equal(request_columns(&rq, &err), 0);
	assert_string_equal(names(&rq.cols[T_SEM], buf, sizeof(buf)), "");
	assert_int_equal(rq.cols[T_SHM].col[0], column_find("KEY"));
	rq.oo.mode = OUT_RAW;
	rq.types = TBIT(T_SEM);
	assert_int_equal(request_columns(&rq, &err), 0);
	assert_string_equal(names(&rq.cols[T_SEM], buf, sizeof(buf)),
	    "KEY,ID,PERMS,OWNER,NSEMS,OTIME");
	rq.output_all = 1;
	assert_int_equal(request_columns(&rq, &err), 0);
	assert_int_equal(rq.cols[T_SEM].col[0], column_find("TYPE"));
	rq.oo.mode = OUT_JSON;
	assert_int_equal(request_columns(&rq, &err), 0);
	assert_int_equal(rq.cols[T_SEM].col[0], column_find("KEY"));
	/* show and top name the type themselves. */
	column_all(T_SEM, &rq.cols[T_SEM]);
	assert_int_not_equal(rq.cols[T_SEM].col[0], column_find("TYPE"));
}

/* -t, -c, -p: the columns the type has, after the others, once. */
static void
presets(void **state)
{
	struct request	 rq;
	const char	*err = NULL;
	char		 buf[512];

	memset(&rq, 0, sizeof(rq));
	rq.types = TBIT(T_MSG) | TBIT(T_PSEM);
	rq.output = "id,name,ctime";
	rq.presets = PRESET_TIME | PRESET_CREATOR | PRESET_PID;
	assert_int_equal(request_columns(&rq, &err), 0);
	assert_string_equal(names(&rq.cols[T_MSG], buf, sizeof(buf)),
	    "ID,CTIME,SEND,RECV,CUID,CUSER,CGID,CGROUP,LSPID,LRPID");
	assert_string_equal(names(&rq.cols[T_PSEM], buf, sizeof(buf)),
	    "NAME,MTIME");
}

static void
defaults_and_all(void **state)
{
	struct colset	cs;
	int		t, i;

	for (t = 0; t < T_NTYPES; t++) {
		column_defaults(t, &cs);
		assert_true(cs.n > 0);
		for (i = 0; i < cs.n; i++)
			assert_true(columns[cs.col[i]].types & TBIT(t));
		column_all(t, &cs);
		for (i = 0; i < cs.n; i++)
			assert_true(columns[cs.col[i]].types & TBIT(t));
	}
}

/*
 * The getters read what the collector filled and nothing else: a running
 * creator (this process) whose command was not collected has none, a
 * segment whose creator is gone but was judged not stale is not stale,
 * and NS is the context's, not this process's namespace.
 */
static void
getters_read_the_model(void **state)
{
	struct ipc_obj	 o;
	struct ctx	 ctx;
	struct cell	 c;
	int		 cmd = column_find("COMMAND");
	int		 stale = column_find("STALE");
	int		 ns = column_find("NS");

	(void)state;
	memset(&o, 0, sizeof(o));
	memset(&ctx, 0, sizeof(ctx));
	o.u.shm.cpid = getpid();
	o.ctime = 1;
	column_value(cmd, T_SHM, &o, &ctx, &c);
	assert_int_equal(c.kind, CELL_NULL);
	o.has = HAS_CMD;
	o.cmd = "collected -c cmd";
	column_value(cmd, T_SHM, &o, &ctx, &c);
	assert_int_equal(c.kind, CELL_STR);
	assert_string_equal(c.str, "collected -c cmd");

	/*
	 * A creator that is gone, never attached: stale if judged now; the
	 * getter does not judge, so unjudged it says unknown.
	 */
	o.u.shm.cpid = 0x7ffffff0;
	column_value(stale, T_SHM, &o, &ctx, &c);
	assert_int_equal(c.kind, CELL_NULL);
	o.has |= HAS_STALE;
	o.stale = STALE_NO;
	o.stale_why = "creator alive";
	column_value(stale, T_SHM, &o, &ctx, &c);
	assert_int_equal(c.kind, CELL_STR);
	assert_string_equal(c.str, "");
	o.stale = STALE_YES;
	o.stale_why = "as collected";
	column_value(stale, T_MSG, &o, &ctx, &c);
	assert_string_equal(c.str, "as collected");

	ctx.ns = 4242;
	column_value(ns, T_SEM, &o, &ctx, &c);
	assert_int_equal(c.kind, CELL_NUM);
	assert_int_equal(c.u, 4242);
}

/*
 * The name columns read proc.c's cache only: before the collector's
 * NEED_*NAME pass looked an id up they show its number; after it, the
 * name.  Each asks for its own pass.
 */
static void
names_read_the_cache(void **state)
{
	struct ipc_obj	 o;
	struct ctx	 ctx;
	struct cell	 c;
	struct ipc_set	 set;
	struct colset	 cs;
	const char	*bad = NULL;

	(void)state;
	memset(&o, 0, sizeof(o));
	memset(&ctx, 0, sizeof(ctx));
	/* uid and gid 0 are root's, everywhere: not looked up yet. */
	column_value(column_find("OWNER"), T_SHM, &o, &ctx, &c);
	assert_int_equal(c.kind, CELL_STR);
	assert_string_equal(c.str, "0");
	column_value(column_find("CGROUP"), T_SHM, &o, &ctx, &c);
	assert_string_equal(c.str, "0");

	cs.n = 0;
	assert_int_equal(column_parse_list(T_SHM,
	    "OWNER,USER,GROUP,CUSER,CGROUP", &cs, &bad), 0);
	assert_int_equal(column_needs(&cs), NEED_NAMES);
	cs.n = 0;
	assert_int_equal(column_parse_list(T_SHM, "UID,GID,CUID,CGID", &cs,
	    &bad), 0);
	assert_int_equal(column_needs(&cs), 0);

	/* The collector's pass, on a set of one. */
	set_init(&set, T_SHM);
	*set_add(&set) = o;
	assert_int_equal(collect_enrich(&set, NEED_UNAME | NEED_CGNAME), 0);
	set_free(&set);
	column_value(column_find("OWNER"), T_SHM, &o, &ctx, &c);
	assert_string_equal(c.str, "root");
	column_value(column_find("CGROUP"), T_SHM, &o, &ctx, &c);
	assert_string_equal(c.str, "root");
	assert_string_equal(user_name_cached(0), "root");
	assert_string_equal(group_name_cached(0), "root");
	/* An id never looked up: NULL, as one without a name. */
	assert_null(user_name_cached(4242424));
	/* Forgotten names are looked up again, and read meanwhile. */
	names_forget();
	assert_string_equal(user_name_cached(0), "root");
	assert_string_equal(user_name(0), "root");
	assert_string_equal(user_name_cached(0), "root");
	names_free_all();
	assert_null(user_name_cached(0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(find),
		cmocka_unit_test(parse_list),
		cmocka_unit_test(per_type_validity),
		cmocka_unit_test(bad_lists),
		cmocka_unit_test(plus_appends_to_defaults),
		cmocka_unit_test(output_replaces_defaults),
		cmocka_unit_test(output_errors),
		cmocka_unit_test(sort_errors),
		cmocka_unit_test(type_column),
		cmocka_unit_test(presets),
		cmocka_unit_test(defaults_and_all),
		cmocka_unit_test(getters_read_the_model),
		cmocka_unit_test(names_read_the_cache),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
