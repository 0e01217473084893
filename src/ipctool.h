/* SPDX-License-Identifier: ISC */
/*
 * ipctool.h - the one project header: the model, then each file's
 * interface under a comment naming the file.
 *
 * A request flows one way: argv -> command entry -> request -> collector
 * fills an ipc_set -> filter/sort -> output driver or curses view.
 * Collectors never print; formatters never make system calls.
 */
#ifndef IPCTOOL_H
#define IPCTOOL_H

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "compat.h"

#define PROGNAME	"ipctool"

/* Resource types. */
enum ipc_type {
	T_SHM,
	T_MSG,
	T_SEM,
	T_PSHM,
	T_PMQ,
	T_PSEM,
	T_NTYPES
};
#define TBIT(t)		(1u << (t))
#define TYPES_SYSV	(TBIT(T_SHM) | TBIT(T_MSG) | TBIT(T_SEM))
#define TYPES_POSIX	(TBIT(T_PSHM) | TBIT(T_PMQ) | TBIT(T_PSEM))
#define TYPES_ALL	(TYPES_SYSV | TYPES_POSIX)

/* Optional facts about an object; set in ipc_obj.has when known. */
#define HAS_RSS		0x0001	/* shm rss and swap (16-column /proc) */
#define HAS_QBYTES	0x0002	/* msg qbytes (kernel IPC_STAT) */
#define HAS_SEMPIDS	0x0004	/* sem per-semaphore pids read */
#define HAS_ATTACHED	0x0008	/* shm attached pids scanned */
#define HAS_MSGS	0x0010	/* pmq message count known */
#define HAS_SVAL	0x0020	/* psem value known */
#define HAS_QSIZE	0x0040	/* pmq QSIZE read */
#define HAS_ALLPROCS	0x0080	/* POSIX: every process's maps/fds read */
#define HAS_CMD		0x0100	/* shm: the creator's command looked up */
#define HAS_STALE	0x0200	/* the stale verdict judged */

/*
 * What a request needs beyond the base listing; OR-ed by columns, filters
 * and sort keys (request_needs), filled by collect_enrich() before any
 * output, so that the getters only read the model.
 */
#define NEED_QBYTES	0x0001
#define NEED_SEMPIDS	0x0002
#define NEED_ATTACHED	0x0004
#define NEED_CMD	0x0008	/* shm: the creator's command (COMMAND) */
#define NEED_ALIVE	0x0010	/* the stale verdict (STALE, --stale) */
#define NEED_NS		0x0020	/* the set's IPC namespace inode (NS) */
#define NEED_RSS	0x0040	/* shm RSS and SWAP: /proc/sysvipc alone */
/*
 * Names looked up into proc.c's cache (user_name(), group_name()), each
 * distinct id once, for the getters' user_name_cached(): the owner's
 * user (OWNER, USER) and group (GROUP), the creator's user (CUSER) and
 * group (CGROUP).
 */
#define NEED_UNAME	0x0080
#define NEED_GNAME	0x0100
#define NEED_CUNAME	0x0200
#define NEED_CGNAME	0x0400
#define NEED_NAMES	(NEED_UNAME | NEED_GNAME | NEED_CUNAME | NEED_CGNAME)

/*
 * One IPC object.  Times are seconds since the epoch, 0 for "never".
 * Arrays (attached, sempids) and name are owned by the ipc_set.
 */
struct ipc_obj {
	int		 id;
	uint32_t	 key;
	uint32_t	 mode;		/* as the kernel keeps it, with SHM_DEST &c */
	uid_t		 uid;
	gid_t		 gid;
	uid_t		 cuid;
	gid_t		 cgid;
	int64_t		 ctime;
	unsigned	 has;
	union {
		struct {
			uint64_t	 size;
			uint64_t	 nattch;
			uint64_t	 rss;
			uint64_t	 swap;
			int64_t		 atime;
			int64_t		 dtime;
			pid_t		 cpid;
			pid_t		 lpid;
		} shm;
		struct {
			uint64_t	 cbytes;
			uint64_t	 qnum;
			uint64_t	 qbytes;
			int64_t		 stime;
			int64_t		 rtime;
			pid_t		 lspid;
			pid_t		 lrpid;
		} msg;
		struct {
			uint64_t	 nsems;
			int64_t		 otime;
		} sem;
		struct {		/* POSIX shm, mqueue and semaphores */
			uint64_t	 size;	/* file size; pmq QSIZE */
			uint64_t	 msgs;	/* pmq mq_curmsgs */
			uint64_t	 maxmsg;
			uint64_t	 msgsize;
			int64_t		 mtime;
			int64_t		 sval;	/* psem value */
			uint64_t	 dev;	/* st_dev and st_ino of the file */
			uint64_t	 ino;
		} px;
	} u;
	char		*name;		/* POSIX: "/name" as passed to *_open */
	pid_t		*pids;		/* shm attached pids or sem sempids */
	uint32_t	 npids;
	short		 stale;		/* HAS_STALE: STALE_NO, _YES, _UNKNOWN */
	short		 stale_cause;	/* STALE_UNKNOWN: the cause, else -1 */
	const char	*stale_why;	/* HAS_STALE: the verdict's reason */
	const char	*cmd;		/* HAS_CMD: the creator's command line
					   if it still runs, or NULL */
};

/* A counted array of objects of one type. */
struct ipc_set {
	struct ipc_obj	*v;
	size_t		 n;
	size_t		 cap;
	enum ipc_type	 type;
	int		 from_proc;	/* 1: /proc/sysvipc, 0: *ctl fallback */
	int		 unknown;	/* could not be read: count unknown */
	int		 elsewhere;	/* -A: listed under another namespace */
	struct pidblock	*pool;		/* storage behind ipc_obj.pids and
					   its strings */
	uint64_t	 ns;		/* NEED_NS: its IPC namespace's inode */
};

/* How a duration-like filter is unset. */
#define UNSET	(-1)

/* Filters shared by list, rm and top.  All set ones must match. */
struct filter {
	int		 has_key;
	uint32_t	 key;
	int		 id;		/* UNSET or >= 0 */
	int		 has_uid;
	uid_t		 uid;
	int		 has_gid;
	gid_t		 gid;
	int		 has_cuid;
	uid_t		 cuid;
	pid_t		 pid;		/* UNSET or > 0 */
	int		 unattached;
	int64_t		 idle;		/* UNSET or seconds */
	int64_t		 older;		/* UNSET or seconds */
	int		 stale;
};

/* Output modes and their options. */
enum out_mode {
	OUT_TABLE,
	OUT_RAW,
	OUT_EXPORT,
	OUT_JSON
};

enum time_fmt {
	TF_SHORT,
	TF_FULL,
	TF_ISO,
	TF_RELATIVE
};

#define MAXCOLS		64
#define MAXSORT		8

/*
 * How values are written (named oo wherever it goes: o is always an
 * object, out the output driver).
 */
struct outopts {
	enum out_mode	 mode;
	enum time_fmt	 tf;
	int		 noheadings;
	int		 bytes;
	int		 numeric_perms;
	int64_t		 now;
	int		 notruncate;	/* --notruncate */
	size_t		 width;		/* table fits this; 0: no limit */
};

/* One column set for one type. */
struct colset {
	int		 col[MAXCOLS];
	int		 n;
};

/* What list (and rm --dry-run -J, top) was asked for. */
struct request {
	unsigned	 types;
	struct filter	 filt;
	struct outopts	 oo;
	const char	*output;	/* -o argument, or NULL */
	int		 output_all;
	struct colset	 cols[T_NTYPES];
	int		 sort[MAXSORT];	/* column indexes */
	int		 nsort;
	int		 reverse;
	unsigned	 presets;	/* PRESET_*: -t, -c, -p */
	int		 types_named;	/* a single type named: shm, -m, ... */
};
#define PRESET_TIME	0x1	/* -t: the time columns, as ipcs -t */
#define PRESET_CREATOR	0x2	/* -c: the creator columns, as ipcs -c */
#define PRESET_PID	0x4	/* -p: the pid columns, as ipcs -p */

/* A cell: one column's value for one object, typed, before formatting. */
enum cell_kind {
	CELL_NULL,	/* unknown or never: "-" in text, null in JSON */
	CELL_STR,	/* untrusted text: escaped on output */
	CELL_NUM,	/* unsigned number */
	CELL_SNUM,	/* signed number */
	CELL_SIZE,	/* bytes: human or exact */
	CELL_TIME,	/* epoch seconds, never 0 */
	CELL_KEY,	/* "0x%08x" */
	CELL_PERMS,	/* mode bits */
	CELL_PCT,	/* percentage, as hundredths */
	CELL_PIDS	/* list of pids */
};

struct cell {
	enum cell_kind	 kind;
	const char	*str;
	uint64_t	 u;
	int64_t		 i;
	const pid_t	*pids;
	size_t		 npids;
	char		 buf[64];	/* backing store for str when built */
};

/* JSON kinds of a column, for the writer. */
enum col_flags {
	COL_RIGHT = 0x1,	/* right-aligned in tables */
	COL_TRUNC = 0x4,	/* free text: cut first to fit a terminal */
	COL_TRUNC_NAME = 0x8	/* a user or group name: cut last */
};

struct column {
	const char	*name;
	const char	*help;
	unsigned	 types;		/* TBIT mask of types having it */
	unsigned	 flags;
	unsigned	 needs;		/* NEED_* */
};

/* Context the getters and filters read: the clock and caches. */
struct ctx {
	int64_t		 now;
	uint64_t	 ns;		/* IPC namespace inode of the objects */
};

/*
 * Set by main.c (and cmd.c's global_option()), defined in the library
 * (out.c, ns.c, posixipc.c) so that libipctool.a links without main.c.
 */
extern int		 color_mode;	/* 0 never, 1 always, 2 auto */
extern const char	*ns_arg;	/* -N, entered by ns_enter_arg */
extern int		 posix_rootfd;	/* -1, or a directory fd of the root
					   POSIX objects are read under */
extern int		 posix_shm_elsewhere; /* -A: this /dev/shm is listed
					   under another namespace */

/* cmd.c */

/*
 * Option value ids, one per meaning across every command: the parser hands
 * a command these, never a letter, so no two commands' options collide.
 */
enum opt_id {
	OPT_NONE,
	/* every command, and the global options */
	OPT_HELP, OPT_VERSION, OPT_NAMESPACE, OPT_COLOR,
	/* type flags */
	OPT_TYPE_SHM, OPT_TYPE_MSG, OPT_TYPE_SEM, OPT_TYPE_ALL,
	/* output */
	OPT_OUTPUT, OPT_OUTPUT_ALL, OPT_LIST_COLUMNS, OPT_JSON, OPT_RAW,
	OPT_EXPORT, OPT_NOHEADINGS, OPT_BYTES, OPT_NUMERIC_PERMS,
	OPT_TIME_FORMAT, OPT_SORT, OPT_REVERSE, OPT_ALL_NAMESPACES,
	OPT_NOTRUNCATE, OPT_PRESET_TIME, OPT_PRESET_CREATOR, OPT_PRESET_PID,
	/* filters */
	OPT_KEY, OPT_ID, OPT_USER, OPT_GROUP, OPT_CREATOR, OPT_PID,
	OPT_UNATTACHED, OPT_IDLE, OPT_OLDER, OPT_STALE,
	/* rm */
	OPT_ALL, OPT_DRY_RUN, OPT_VERBOSE,
	/* show */
	OPT_MESSAGES,
	/* create */
	OPT_SIZE, OPT_QBYTES, OPT_NSEMS, OPT_VALUE, OPT_KEY_FILE,
	OPT_PRIVATE, OPT_MODE, OPT_EXCLUSIVE, OPT_MAXMSG, OPT_MSGSIZE,
	/* top */
	OPT_DELAY, OPT_ITERATIONS, OPT_BATCH,
	/* metrics */
	OPT_OUTPUT_FILE,
	/* watch */
	OPT_LOG,
	/* a util-linux personality's option: it reads the letter (ARGS_GNU) */
	OPT_PERS
};

/* Whether an option takes an argument. */
enum opt_arg {
	ARG_NONE,
	ARG_REQUIRED,		/* --size SIZE, --size=SIZE, -kKEY, -k KEY */
	ARG_OPTIONAL		/* --messages[=N]: only in the = form */
};

/* One option of a command, as its table declares it. */
struct cmd_option {
	int		 letter;	/* short form, or 0 */
	const char	*name;		/* long form, or NULL */
	enum opt_arg	 arg;
	enum opt_id	 id;
	const char	*argname;	/* the argument in --help */
	const char	*help;		/* its --help line; NULL: not listed */
};

/*
 * A section of a command's --help, and the options it lists; the tables
 * end with an entry whose id is OPT_NONE.  A NULL title continues the
 * section before; "" starts one with no title.
 */
struct cmd_optsec {
	const char		*title;
	const struct cmd_option	*opts;
};

/* One option found on the command line, in the order given. */
struct cmd_arg {
	const struct cmd_option	*opt;
	enum opt_id		 id;
	const char		*value;		/* borrowed from argv, or NULL */
};

/* A parsed command line: the options, then the operands. */
struct args {
	struct cmd_arg	*v;
	size_t		 n;
	char		**operands;	/* borrowed words of argv */
	int		 noperands;
	char		*error;		/* ARGS_GNU: the message of the word
					   after v[n - 1], or NULL */
};

struct cmd_entry {
	const char		*name;
	const char		*alias;
	const char		*summary;	/* one line for the command list */
	const char		*usage;
	const char		*help;		/* --help text before the options */
	const struct cmd_optsec	*options;	/* ends with a NULL opts */
	const char		*help_end;	/* --help text after them */
	int			(*exec)(const struct cmd_entry *, struct args *);
};
extern const struct cmd_option help_options[];
extern const struct cmd_option type_flag_options[];
extern const struct cmd_option output_options[];
extern const struct cmd_option filter_options[];
extern const struct cmd_option filter_key_options[];
extern const struct cmd_optsec global_options[];
extern const struct cmd_option global_cmd_options[];
void		 global_option(const struct cmd_entry *, enum opt_id,
		    const char *);
void		 cmd_help(const struct cmd_entry *, FILE *);
void		 cmd_help_options(const struct cmd_optsec *, FILE *);
void		 cmd_parse_args(const struct cmd_entry *, int, char **,
		    struct args *);
#define ARGS_STOP	0x1	/* the first operand ends the options */
#define ARGS_GNU	0x2	/* a util-linux personality: GNU getopt's
				   rules and messages, see args_parse() */
void		 args_parse(const struct cmd_entry *, const struct cmd_optsec *,
		    int, int, char **, struct args *);
int		 args_has(const struct args *, enum opt_id);
void		 args_free(struct args *);
void		 usage_error(const struct cmd_entry *, const char *, ...)
		    __attribute__((format(printf, 2, 3), noreturn));

/*
 * pipeline.c: the way to the collector for list, list -A, rm, top,
 * metrics, watch, show and the personalities: no other file calls it.
 */
int		 pipeline_collect(enum ipc_type, unsigned,
		    const struct filter *, int64_t, struct ipc_set *);
int		 pipeline_enrich(struct ipc_set *, unsigned,
		    const struct filter *, int64_t,
		    void (*)(const struct ipc_set *, const struct ipc_obj *,
		    void *), void *);
int		 pipeline_each(enum ipc_type, unsigned, const struct filter *,
		    void (*)(const struct ipc_obj *, void *), void *);
int		 pipeline_one(enum ipc_type, int, const char *, unsigned,
		    struct ipc_set *);

/* request.c: the request of list, list -A, rm and top. */
void		 request_init(struct request *);
unsigned	 request_needs(const struct request *, enum ipc_type);
int		 request_option(const struct cmd_entry *, struct request *,
		    enum opt_id, const char *);
void		 request_types(const struct cmd_entry *, struct request *, int,
		    char **, unsigned);
int		 request_collect(const struct request *, enum ipc_type,
		    struct ipc_set *);
int		 list_run(struct request *);

/* pers.c and pers-*.c: the util-linux personalities. */
int		(*pers_find(const char *))(int, char **);
int		 ipcs_main(int, char **);
int		 ipcrm_main(int, char **);
int		 ipcmk_main(int, char **);
int		 lsipc_main(int, char **);
const char	*pers_name(const char *);
void		 pers_warn(const char *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
int		 pers_tryhelp(const char *);
int		 pers_version(const char *);
int		 pers_stdout(const char *, int);
int		 pers_s32(const char *, const char *, const char *, int *);
int		 pers_readable(const struct ipc_obj *);

/*
 * cmd-help.c: the command table (above every command: main.c alone
 * looks commands up), and help, the one command that reads it.
 */
extern const struct cmd_entry *const cmd_table[];
const struct cmd_entry *cmd_find(const char *);
void		 cmd_suggest(const char *);
void		 cmd_global_help(FILE *);

/* cmd-*.c */
extern const struct cmd_entry cmd_create_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_limits_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_metrics_entry;
extern const struct cmd_entry cmd_rm_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_top_entry;
extern const struct cmd_entry cmd_watch_entry;

/* util.c */
size_t		 edit_distance(const char *, const char *);
void		 warnx_(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		 warn_(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
void		 fatal(const char *, ...)
		    __attribute__((format(printf, 1, 2), noreturn));
void		*xreallocarray(void *, size_t, size_t);
void		*xcalloc(size_t, size_t);
void		 sort_array(void *, size_t, size_t,
		    int (*)(const void *, const void *));
char		*xstrdup(const char *);
int		 stdout_check(void);
size_t		 term_width(int);
double		 mono_secs(void);
struct idset {			/* a hash set of integers */
	uint64_t	*v;
	size_t		 cap;
	size_t		 n;
};
int		 idset_add(struct idset *, uint64_t);
void		 idset_free(struct idset *);
int		 root_open(int, const char *, int, mode_t);
ssize_t		 read_small_file(const char *, char *, size_t);
ssize_t		 read_proc_record(const char *, char *, size_t);
int		 mount_detached(const char *);

/* parse.c: strict parsers; each returns 0 or -1 with *errstr set. */
int		 parse_key(const char *, uint32_t *, const char **);
int		 parse_id(const char *, int *, const char **);
int		 parse_size(const char *, uint64_t *, const char **);
int		 parse_mode(const char *, uint32_t *, const char **);
int		 parse_duration(const char *, int64_t *, const char **);
#define SECONDS_MAX_MS	86400000	/* parse_seconds: a day */
int		 parse_seconds(const char *, int64_t *, const char **);
int		 parse_uint(const char *, uint64_t, uint64_t, uint64_t *,
		    const char **);
int		 parse_user(const char *, uid_t *, const char **);
int		 parse_group(const char *, gid_t *, const char **);
int		 parse_type(const char *, unsigned *);
int		 parse_type_flag(int, unsigned *);
int		 parse_time_format(const char *, enum time_fmt *);
const char	*type_name(enum ipc_type);
const char	*type_title(enum ipc_type);
int		 type_from_name(const char *);

/* sysvipc.c: /proc/sysvipc parsers, pure string-in, struct-out. */
#define SYSVIPC_DIR	"/proc/sysvipc"
struct sysv_parser;
struct sysv_parser *sysv_parser_new(enum ipc_type, struct ipc_set *);
int		 sysv_parser_feed(struct sysv_parser *, const char *, size_t);
int		 sysv_parser_finish(struct sysv_parser *);
void		 sysv_parser_abort(struct sysv_parser *);
int		 sysv_parse_buffer(enum ipc_type, const char *, size_t,
		    struct ipc_set *);

/* sysvctl.c: the kernel's *ctl interface. */
int		 sysvctl_enumerate(enum ipc_type, struct ipc_set *);
int		 sysvctl_enumerate_any(enum ipc_type, struct ipc_set *);
long		 sysvctl_count(enum ipc_type);
int		 sysvctl_fingerprint(enum ipc_type, uint64_t *);
int		 sysvctl_stat(enum ipc_type, int, struct ipc_obj *);
int		 sysvctl_qbytes(struct ipc_obj *);
int		 sysvctl_sempids(struct ipc_set *, struct ipc_obj *);
int		 sysvctl_rm(enum ipc_type, int);
int		 sysvctl_each(enum ipc_type,
		    void (*)(const struct ipc_obj *, void *), void *);
struct semstate {
	int		 val;
	int		 ncnt;		/* waiting for an increase */
	int		 zcnt;		/* waiting for zero */
	pid_t		 pid;		/* last operator */
};
int		 sysvctl_semstate(int, int, struct semstate *);
ssize_t		 sysvctl_peek(int, long, void *, size_t);
int		 sysvctl_get(enum ipc_type, uint32_t, uint64_t, int);
int		 sysvctl_set_mode(enum ipc_type, int, uint32_t);
int		 sysvctl_set_qbytes(int, uint32_t, uint64_t);
int		 sysvctl_setall(int, uint64_t, unsigned short);
int		 sysvctl_find_key(enum ipc_type, uint32_t);
long		 sysvctl_semmsl(void);
struct sysv_status {		/* what *_INFO says of a type's use */
	int		 used;		/* shm used_ids, msgpool, semusz */
	int		 msgmap;	/* msg: messages queued */
	int		 msgtql;	/* msg: bytes queued */
	int		 semaem;	/* sem: semaphores allocated */
	unsigned long	 shm_tot;	/* shm: pages allocated */
	unsigned long	 shm_rss;
	unsigned long	 shm_swp;
	unsigned long	 swap_attempts;
	unsigned long	 swap_successes;
};
int		 sysvctl_status(enum ipc_type, struct sysv_status *);

/* set.c */
struct ipc_obj	*set_add(struct ipc_set *);
void		 set_reserve(struct ipc_set *, size_t);
void		 set_init(struct ipc_set *, enum ipc_type);
void		 set_free(struct ipc_set *);
pid_t		*set_pids(struct ipc_set *, size_t);
const char	*set_strdup(struct ipc_set *, const char *);
void		 obj_copy(struct ipc_obj *, const struct ipc_obj *);
void		 obj_free_copy(struct ipc_obj *);

/* collect.c */
int		 collect(enum ipc_type, unsigned, struct ipc_set *);
int		 collect_sysv_base(enum ipc_type, unsigned, struct ipc_set *);
int		 collect_shm_rss(struct ipc_obj *);
int		 collect_enrich(struct ipc_set *, unsigned);
int		 collect_one(enum ipc_type, int, const char *, unsigned,
		    struct ipc_set *);
int		 collect_each(enum ipc_type, unsigned,
		    void (*)(const struct ipc_obj *, void *), void *);
void		 collect_stale(struct ipc_set *);

/* waiters.c */
enum {
	WAITER_SEND, WAITER_RECV, WAITER_SEMOP
};
#define WAITER_MAXOPS	32		/* semop operations read per waiter */
struct waiter_op {		/* one struct sembuf of a blocked semop */
	unsigned short	 num;
	short		 op;
	short		 flg;
};
struct waiter_info {		/* a process blocked on one resource */
	pid_t		 pid;
	int		 call;		/* WAITER_* */
	long		 msgtyp;	/* WAITER_RECV: msgrcv's msgtyp */
	unsigned long	 nsops;		/* WAITER_SEMOP: as the call gave */
	int		 nops;		/* ops read; -1: unreadable */
	struct waiter_op ops[WAITER_MAXOPS];
};
int		 waiting_on(enum ipc_type, int);
int		 waiting_pid(enum ipc_type, int, pid_t);
int		 waiters_of(enum ipc_type, int, struct waiter_info **,
		    size_t *);
void		 waiters_expire(void);
int		 waiters_count(uint64_t *, uint64_t *);
void		 waiters_forget(void);

/* proc.c: per-process facts on demand, cached per pid/uid/gid. */
struct pidwalk {		/* the processes of /proc, one by one */
	void		*dir;		/* its DIR */
};
int		 pidwalk_open(struct pidwalk *);
pid_t		 pidwalk_next(struct pidwalk *);
void		 pidwalk_close(struct pidwalk *);
int		 proc_alive(pid_t, int64_t);
int		 proc_stat_start(pid_t, char *, unsigned long long *);
const char	*proc_cmdline(pid_t);
ssize_t		 proc_cmdline_raw(pid_t, char *, size_t);
const char	*user_name(uid_t);
const char	*group_name(gid_t);
const char	*user_name_cached(uid_t);
const char	*group_name_cached(gid_t);
struct attach {
	int		 shmid;
	pid_t		 pid;
	uint32_t	 key;		/* from the mapping's name */
	uint64_t	 start;
	uint64_t	 end;
};
int		 proc_scan_sysv_maps(struct attach **, size_t *);
int		 attach_is_of(const struct attach *, const struct ipc_obj *);
int		 attach_cmp(const void *, const void *);
int		 proc_init_pidns(void);
int		 proc_uid(pid_t, uid_t *);
uint64_t	 proc_ipc_ns(pid_t);
struct fileuse {
	uint64_t	 dev;
	uint64_t	 ino;
	pid_t		 pid;
};
int		 proc_scan_files(const uint64_t *, size_t, struct fileuse **,
		    size_t *, size_t *);
void		 proc_cache_free(void);
void		 names_forget(void);
void		 names_free_all(void);

/* filter.c */
void		 filter_init(struct filter *);
int		 filter_option(struct filter *, enum opt_id, const char *,
		    const char **);
int		 filter_is_set(const struct filter *);
unsigned	 filter_needs(const struct filter *);
int		 filter_match(const struct filter *, enum ipc_type,
		    const struct ipc_obj *, int64_t);
void		 filter_set(struct ipc_set *, const struct filter *,
		    int64_t, void (*)(const struct ipc_set *,
		    const struct ipc_obj *, void *), void *);

/* stale.c */
enum {
	STALE_NO, STALE_YES, STALE_UNKNOWN
};
enum {				/* why a resource could not be judged */
	STALE_HIDDEN, STALE_NOSTART, STALE_NOSCAN, STALE_NOPIDS,
	STALE_NOHOLDERS, STALE_NCAUSES
};
#define STALE_REASON_LEN	64	/* fits a cell's buffer */
int		 stale_judge(enum ipc_type, const struct ipc_obj *, int *,
		    char *, size_t);
const char	*stale_reason(enum ipc_type, const struct ipc_obj *, char *,
		    size_t);
void		 stale_tally(int);
void		 stale_report(const char *);
int64_t		 last_activity(enum ipc_type, const struct ipc_obj *);

/* sort.c */
int		 cell_cmp(const struct cell *, const struct cell *);
void		 sort_set(struct ipc_set *, const int *, int, int,
		    const struct ctx *);

/* column.c */
extern const struct column columns[];
extern const size_t ncolumns;
int		 column_find(const char *);
const char	*types_text(unsigned, char *, size_t);
int		 column_parse_list(enum ipc_type, const char *, struct colset *,
		    const char **);
void		 column_defaults(enum ipc_type, struct colset *);
void		 column_all(enum ipc_type, struct colset *);
unsigned	 column_needs(const struct colset *);
void		 column_value(int, enum ipc_type, const struct ipc_obj *,
		    const struct ctx *, struct cell *);
int		 request_columns(struct request *, const char **);

/* fmt.c: text of values; no system calls. */
size_t		 fmt_size(uint64_t, char *, size_t);
size_t		 fmt_time(int64_t, enum time_fmt, int64_t, char *, size_t);
size_t		 fmt_perms(uint32_t, int, char *, size_t);
size_t		 fmt_u64(uint64_t, char *);
size_t		 fmt_escape(const char *, int, char *, size_t);
const char	*fmt_esc(const char *);
int		 cp_invisible(uint32_t);
size_t		 utf8_decode(const unsigned char *, size_t, uint32_t *);
size_t		 fmt_cell(const struct cell *, const struct outopts *, char *,
		    size_t);
size_t		 text_width(const char *, size_t);
size_t		 text_cut(const char *, size_t, size_t);

/* json.c: a streaming JSON writer. */
struct json {
	FILE		*fp;
	int		 depth;
	int		 first;		/* no member written at this depth yet */
	unsigned	 commas;	/* bit per depth: need a comma */
	size_t		 blen;
	char		 buf[4096];	/* text not yet handed to fp */
};
void		 json_init(struct json *, FILE *);
void		 json_open(struct json *, const char *, int);
void		 json_close(struct json *, int);
void		 json_str(struct json *, const char *, const char *);
void		 json_strn(struct json *, const char *, const char *, size_t);
void		 json_u64(struct json *, const char *, uint64_t);
void		 json_i64(struct json *, const char *, int64_t);
void		 json_null(struct json *, const char *);
void		 json_raw(struct json *, const char *, const char *);
void		 json_cell(struct json *, const char *, const struct cell *,
		    const struct outopts *);
void		 json_write_string(FILE *, const char *, size_t);

/* out.c: table, raw, export and JSON drivers for lists. */
struct out;
struct out	*out_new(const struct outopts *, FILE *);
void		 out_set(struct out *, const struct ipc_set *,
		    const struct colset *, int);
void		 out_finish(struct out *);
void		 out_free(struct out *);
struct json	*out_writer(struct out *);
void		 out_fit(char *, size_t, const struct outopts *);

/* posixipc.c */
int		 posix_collect(enum ipc_type, struct ipc_set *);
void		 posix_enrich_holders(struct ipc_set *);
const char	*posix_stale_reason(enum ipc_type, const struct ipc_obj *,
		    char *, size_t);
int		 posix_parse_qsize(const char *, size_t, uint64_t *);
int		 posix_name_check(enum ipc_type, const char *, const char **);
#define POSIX_NAME_LEN	257	/* "/", NAME_MAX (255) bytes, NUL */
int		 posix_name_arg(enum ipc_type, const char *, char *, size_t,
		    const char **);
int		 posix_stat_one(enum ipc_type, const char *, struct ipc_obj *);
int		 posix_create_shm(const char *, uint64_t, uint32_t, int);
int		 posix_create_mq(const char *, uint64_t, uint64_t, uint32_t,
		    int);
int		 posix_create_sem(const char *, uint64_t, uint32_t, int);
int		 posix_unlink(enum ipc_type, const char *);
int		 posix_count_mq(uint64_t *);
int		 posix_shm_ident(int, uint64_t *, uint64_t *);
int		 posix_open_dir(enum ipc_type, int *);
int		 posix_stat_entry(enum ipc_type, int, const char *,
		    struct ipc_obj *);

/* remove.c: removal of exactly the resource that was shown. */
enum {
	RM_REMOVED, RM_MARKED, RM_GONE, RM_CHANGED, RM_NOMATCH, RM_FAILED
};
struct removal {
	int		 status;	/* RM_* */
	int		 err;		/* errno, for RM_FAILED */
	uint32_t	 key;		/* SysV: the key its id has now */
	uint64_t	 holders;	/* RM_MARKED: attaches or processes */
};
int		 remove_checked(enum ipc_type, const struct ipc_obj *, int64_t,
		    const struct filter *, struct removal *);

/* limits.c */
enum {
	LIM_SHMMAX, LIM_SHMALL, LIM_SHMMNI, LIM_SHMMIN, LIM_MSGMNI,
	LIM_MSGMAX, LIM_MSGMNB, LIM_SEMMSL, LIM_SEMMNS, LIM_SEMOPM,
	LIM_SEMMNI, LIM_SEMVMX,
	LIM_MQ_QUEUES_MAX, LIM_MQ_MSG_MAX, LIM_MQ_MSGSIZE_MAX,
	LIMIT_COUNT
};
enum limit_unit {
	LU_COUNT,
	LU_BYTES,
	LU_PAGES
};
struct limit {
	const char	*name;		/* sysctl name, mq_ before mqueue ones;
					   shmmin, semvmx: lsipc's */
	const char	*desc;
	enum limit_unit	 unit;
	uint64_t	 limit;
	uint64_t	 used;
	int		 has_limit;
	int		 has_used;
};
int		 limits_read(struct limit *);

/* show.c: one resource in full, for show and top's detail pane. */
struct lines {			/* text rendered for a pane or stdout */
	char		**v;
	size_t		  n;
	size_t		  cap;
};
void		 lines_add(struct lines *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 lines_clear(struct lines *);
struct show_req {		/* which resource, and how to render it */
	enum ipc_type	 type;
	int		 id;
	char		 name[POSIX_NAME_LEN];	/* POSIX: "/name" */
	int		 by_key;
	uint32_t	 key;
	long		 messages;	/* msg: peek this many; -1: none */
	size_t		 max_sems;	/* sem: read this many rows; 0: all */
	struct outopts	 oo;
	uint64_t	 ns;		/* the NS field */
};
struct show;
struct show	*show_new(const struct show_req *);
int		 show_find(struct show *, const char *);
void		 show_gather(struct show *);
void		 show_copy(struct show *, const struct ipc_obj *);
const char	*show_what(const struct show *);
void		 show_text(struct show *, struct lines *);
void		 show_json(struct show *, struct json *);
void		 show_free(struct show *);

/* nslist.c */
int		 list_run_namespaces(struct request *);
void		 nslist_columns(struct request *);
struct ns_info;
void		 nslist_heading(FILE *, const struct outopts *,
		    const struct ns_info *, int);

/* top.c: the live view's model: samples, changes, rates, tombstones. */
#define TOP_NEW_AGE	3	/* refreshes a new row stays marked */
#define TOP_TOMB_AGE	3	/* refreshes a removed row lingers */
#define TOP_MARK_SECS	3.0	/* and at least as many seconds, for both */
#define TOP_MAXCOLS	(MAXCOLS + 2)
#define TOP_COLMAX	40	/* widest column, in characters */
#define TOPCOL_MSGRATE	1000	/* msg: net messages per second */
#define TOPCOL_BYTERATE	1001	/* msg: net bytes per second */
#define ROW_NEW		0x1
#define ROW_GONE	0x2
struct top_row {
	struct ipc_obj	 o;		/* owns its name; pids borrowed from
					   the view's sets */
	uint64_t	 ns;		/* inode of its IPC namespace */
	unsigned	 flags;		/* ROW_NEW, ROW_GONE */
	int		 age;		/* refreshes since it came or went */
	double		 since;		/* monotonic time it came or went */
	uint64_t	 changed;	/* bit k: column k changed last refresh */
	int		 has_rate;
	double		 rate_msgs;
	double		 rate_bytes;
};
struct top_view {
	enum ipc_type	 type;
	int		 shown;		/* a tab: asked for and collectable */
	int		 sampled;	/* collected at least once */
	int		 behind;	/* not collected last refresh: nlive
					   from *_INFO, rows older */
	double		 mono;		/* monotonic seconds of its sample */
	int		 err;		/* errno of the last failed collect */
	struct ipc_set	*sets;		/* the pids the rows borrow, per namespace */
	size_t		 nsets;
	struct top_row	*rows;		/* by identity, tombstones included */
	size_t		 nrows;
	size_t		 nlive;
	size_t		*order;		/* shown rows, in display order */
	int		 dirty;		/* order is stale: top_ready redoes it */
	size_t		 norder;
	int		 col[TOP_MAXCOLS];
	int		 ncols;
	unsigned	 needs;		/* NEED_* of its columns and sort */
	int		 hcol;		/* first column drawn (Left, Right) */
	int		 stalecol;	/* index of STALE in col, or -1 */
	size_t		 width[TOP_MAXCOLS];
	int		 sortcol;	/* index into col */
	int		 reverse;
	size_t		 cursor;	/* index into order */
	size_t		 first;		/* first visible index into order */
	int		 has_sel;	/* selection, by identity */
	uint64_t	 sel_ns;
	int		 sel_id;
	uint32_t	 sel_key;
	char		*sel_name;
};
struct top {
	struct top_view	 v[T_NTYPES];
	struct filter	 filt;
	char		 text[128];	/* the / filter, "" for none */
	struct limit	 lim[LIMIT_COUNT];
	struct outopts	 oo;
	struct ctx	 ctx;
	double		 mono;		/* monotonic seconds of the sample */
	double		 names_mono;	/* when names were last forgotten */
	int		 focus;		/* the type on screen, -1: none */
	unsigned	 needs;
	char		 host[256];
	int		 allns;		/* -A: every IPC namespace */
	int		 batch;		/* --batch: no gauges (limits unread),
					   no change marks */
	struct ns_survey *sv;		/* -A: the namespaces sampled last */
	size_t		 nns;		/* namespaces sampled last */
	size_t		 rep_denied;	/* what the survey said last */
	size_t		 rep_unreadable;
};
void		 top_default_columns(enum ipc_type, struct colset *);
int		 top_rate_find(const char *);
void		 top_init(struct top *, unsigned, const struct colset *,
		    const struct filter *, const int *, int, int, int);
void		 top_refresh(struct top *);
void		 top_focus(struct top *, int);
void		 top_reorder(struct top *, struct top_view *);
void		 top_ready(struct top *, struct top_view *);
void		 top_size_columns(const struct top *, struct top_view *,
		    size_t, size_t);
const char	*top_col_name(const struct top_view *, int);
const char	*top_colid_name(int);
const char	*top_colid_help(int);
int		 top_col_right(const struct top_view *, int);
int		 top_pick_list(const struct top *, const struct top_view *,
		    int *, int *);
int		 top_col_toggle(struct top *, struct top_view *, int);
void		 top_col_move(struct top_view *, int, int);
int		 top_is_stale(const struct top *, const struct top_view *,
		    const struct top_row *);
int		 top_holders(struct top *, const struct top_view *,
		    const struct top_row *, struct ipc_obj *, uint64_t *);
void		 top_print(struct top *, int, FILE *);
size_t		 top_cell(const struct top *, const struct top_view *,
		    const struct top_row *, int, char *, size_t);
struct top_row	*top_selected(struct top_view *);
void		 top_select(struct top_view *, size_t);
void		 top_detail(struct top *, const struct top_view *,
		    const struct top_row *, struct lines *);
/* A row's name in messages: its type and id, or its escaped POSIX name. */
#define TOP_LABEL_MAX	(4 * POSIX_NAME_LEN + 32)	/* a name byte escapes to 4 */
void		 top_label(const struct top_view *, const struct top_row *,
		    int, char *, size_t);
int		 top_remove(struct top *, const struct top_view *,
		    const struct ipc_obj *, int64_t, uint64_t, char *, size_t);
const struct ns_info *top_ns(const struct top *, uint64_t);
void		 top_free(struct top *);

/* watch.c: the events of "ipctool watch"; SysV sampled, POSIX by inotify. */
#define FILL_LEVELS	3	/* 50, 80 and 100 per cent */
struct watch_event {
	const char	*event;		/* "created", "removed", "attached",
					   "detached", "fill", "stale" */
	enum ipc_type	 type;
	int		 id;		/* SysV */
	uint32_t	 key;		/* SysV */
	const char	*name;		/* POSIX "/name" */
	int64_t		 time;		/* epoch seconds */
	pid_t		 creator_pid;	/* created: 0 if not known */
	int		 has_creator_uid;
	uid_t		 creator_uid;
	const char	*creator_command; /* created: NULL if not read */
	const char	*creator_user;	/* created: the creator_uid's name,
					   read with it; NULL if it has none */
	int		 has_nattch;
	uint64_t	 nattch;
	int		 marked;	/* removed: shm still attached, gone at
					   its last detach */
	int		 has_msgs;
	uint64_t	 msgs;
	int		 use_pct;	/* fill: whole per cent; -1: none */
	int		 threshold;	/* fill: 50, 80 or 100 */
	int		 up;		/* fill: 1 rising past it, 0 falling */
	const char	*reason;	/* stale: why */
};
struct watch;
struct watch	*watch_new(unsigned, const struct filter *,
		    void (*)(const struct watch_event *, void *), void *);
int		 watch_start(struct watch *);
int		 watch_fd(const struct watch *);
int		 watch_sample(struct watch *);
int		 watch_posix_events(struct watch *);
void		 watch_free(struct watch *);

/* tui.c: the curses view of top; the only place curses is used. */
int		 tui_run(struct top *, int64_t, uint64_t);

/* ns.c */
int		 ns_enter(const char *);
int		 ns_enter_arg(void);
uint64_t	 ns_ipc_inode(void);
struct ns_info {
	uint64_t	 ino;		/* the namespace's inode (NS column) */
	pid_t		 pid;		/* the lowest pid living in it */
	char		*command;	/* its command line, or NULL */
	char		*cgroup;	/* its cgroup's last component, or NULL */
	unsigned long long start;	/* pid's start time, when taken */
	int		 ipcfd;		/* the namespace, held; -1 for ours */
	int		 rootfd;	/* its process's root, held, for POSIX
					   objects (ours: the original's) */
	int		 shm_elsewhere;	/* its /dev/shm is listed under another */
	int		 self;		/* the namespace we started in */
};
struct ns_survey {
	struct ns_info	*v;		/* enterable namespaces, by inode */
	size_t		 n;
	size_t		 denied;	/* found but not enterable */
	int		 denied_errno;
	size_t		 unreadable;	/* processes whose ns was unreadable */
	int		 unreadable_errno;
	uint64_t	 self;
	int		 origfd;
	int		 away;		/* in another namespace than origfd's */
	int		 orig_rootfd;
	const char	*errpath;	/* what failed when ns_survey() did */
};
int		 ns_survey(struct ns_survey *);
int		 ns_switch(struct ns_survey *, size_t);
void		 ns_restore(struct ns_survey *);
void		 ns_survey_report(const struct ns_survey *, const char *);
void		 ns_survey_free(struct ns_survey *);

#endif /* IPCTOOL_H */
