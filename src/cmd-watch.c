/* SPDX-License-Identifier: ISC */
/*
 * cmd-watch.c - "ipctool watch": one line per event (watch.c finds
 * them), as text for people, JSON lines with -J, or with --log to the
 * journal (its native protocol, written here: no libsystemd) or to
 * syslog where there is no journal.  Each line is flushed as written.
 * SIGTERM and SIGINT end it cleanly; they are blocked but inside ppoll(),
 * so one is never lost between a check and a wait.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "ipctool.h"

#define DELAY_DEFAULT	1000		/* ms */
#define DELAY_MIN	10		/* ms */
#define JOURNAL_SOCKET	"/run/systemd/journal/socket"
#define JOURNAL_MAX	(128 * 1024)	/* one datagram, well under the
					   kernel's default limit */

enum sink {
	SINK_TEXT,
	SINK_JSON,
	SINK_JOURNAL,
	SINK_SYSLOG
};

/* Where the events go, and whether writing failed. */
struct writer {
	enum sink	 sink;
	int		 sock;		/* journal datagram socket */
	struct sockaddr_un sun;
	socklen_t	 sunlen;
	int		 failed;
};

static volatile sig_atomic_t	quit;

static void
on_signal(int sig)
{
	(void)sig;
	quit = 1;
}

/* The id and key, or the name, of an event's resource, for text. */
static void
event_subject(const struct watch_event *ev, char *buf, size_t len)
{
	char	esc[4 * POSIX_NAME_LEN];

	if (TBIT(ev->type) & TYPES_SYSV)
		snprintf(buf, len, "%d 0x%08x", ev->id, ev->key);
	else {
		fmt_escape(ev->name, 0, esc, sizeof(esc));
		snprintf(buf, len, "- %s", esc);
	}
}

/* The creator's name (the event's), or the uid. */
static const char *
uid_text(const struct watch_event *ev, char *buf, size_t len)
{
	if (ev->creator_user != NULL)
		return ev->creator_user;
	snprintf(buf, len, "%lu", (unsigned long)ev->creator_uid);
	return buf;
}

/* What an event knows beyond its subject, as text: "nattch=2" &c. */
static void
event_details(const struct watch_event *ev, char *buf, size_t len)
{
	char	 num[32], esc[4096];
	size_t	 off = 0;

	buf[0] = '\0';
#define ADD(...) do {							\
	if (off < len)							\
		off += (size_t)snprintf(buf + off, len - off, __VA_ARGS__); \
} while (0)
	if (ev->has_creator_uid) {
		if (ev->creator_pid > 0)
			ADD(" pid=%d", (int)ev->creator_pid);
		else
			ADD(" pid=-");
		ADD(" user=%s", uid_text(ev, num, sizeof(num)));
	}
	if (ev->has_nattch)
		ADD(" nattch=%llu", (unsigned long long)ev->nattch);
	if (ev->marked)
		ADD(" marked");
	if (ev->threshold > 0)
		ADD(" use%%=%d %s %d%%", ev->use_pct, ev->up ? "above" :
		    "below", ev->threshold);
	if (ev->has_msgs)
		ADD(" msgs=%llu", (unsigned long long)ev->msgs);
	if (ev->creator_command != NULL) {
		fmt_escape(ev->creator_command, 0, esc, sizeof(esc));
		ADD(" command=%s", esc);
	}
	if (ev->reason != NULL)
		ADD(" reason=%s", ev->reason);
#undef ADD
}

/* An event's time as ISO 8601 with the offset. */
static void
event_time(const struct watch_event *ev, char *buf, size_t len)
{
	if (fmt_time(ev->time, TF_ISO, ev->time, buf, len) == 0)
		strlcpy(buf, "-", len);
}

/* One text line: time, event, type, id and key or name, details. */
static void
write_text(const struct watch_event *ev)
{
	char	when[64], subj[4 * POSIX_NAME_LEN + 32], det[8192];

	event_time(ev, when, sizeof(when));
	event_subject(ev, subj, sizeof(subj));
	event_details(ev, det, sizeof(det));
	printf("%s %-8s %-4s %s%s\n", when, ev->event, type_name(ev->type),
	    subj, det);
}

/* One JSON member "name": string, after a comma. */
static void
json_member_str(const char *name, const char *val)
{
	printf(",\"%s\":", name);
	json_write_string(stdout, val, strlen(val));
}

/* One JSON line. */
static void
write_json(const struct watch_event *ev)
{
	char	when[64], key[16];

	event_time(ev, when, sizeof(when));
	printf("{\"time\":\"%s\",\"event\":\"%s\",\"type\":\"%s\"", when,
	    ev->event, type_name(ev->type));
	if (TBIT(ev->type) & TYPES_SYSV) {
		snprintf(key, sizeof(key), "0x%08x", ev->key);
		printf(",\"id\":%d,\"key\":\"%s\"", ev->id, key);
	} else {
		printf(",\"id\":null");
		json_member_str("name", ev->name);
	}
	if (ev->has_creator_uid) {
		if (ev->creator_pid > 0)
			printf(",\"creator_pid\":%d", (int)ev->creator_pid);
		else
			printf(",\"creator_pid\":null");
		printf(",\"creator_uid\":%lu", (unsigned long)ev->creator_uid);
		if (ev->creator_user != NULL)
			json_member_str("creator_user", ev->creator_user);
		if (ev->creator_command != NULL)
			json_member_str("creator_command",
			    ev->creator_command);
		else
			printf(",\"creator_command\":null");
	}
	if (ev->has_nattch)
		printf(",\"nattch\":%llu", (unsigned long long)ev->nattch);
	if (ev->marked)
		printf(",\"marked\":true");
	if (ev->threshold > 0)
		printf(",\"use%%\":%d,\"threshold\":%d,\"direction\":\"%s\"",
		    ev->use_pct, ev->threshold, ev->up ? "up" : "down");
	if (ev->has_msgs)
		printf(",\"msgs\":%llu", (unsigned long long)ev->msgs);
	if (ev->reason != NULL)
		json_member_str("reason", ev->reason);
	printf("}\n");
}

/* Append FIELD=value to a journal datagram, binary-safe. */
static void
jfield(char *buf, size_t *off, const char *field, const char *val)
{
	size_t		flen, vlen, i;
	uint64_t	le;

	flen = strlen(field);
	vlen = strlen(val);
	if (*off + flen + vlen + 10 > JOURNAL_MAX)
		return;
	/* NOLINTNEXTLINE(bugprone-not-null-terminated-result) */
	memcpy(buf + *off, field, flen);
	*off += flen;
	if (strchr(val, '\n') == NULL) {
		buf[(*off)++] = '=';
	} else {
		/* A value with a newline: its length, little-endian. */
		buf[(*off)++] = '\n';
		for (le = vlen, i = 0; i < 8; i++, le >>= 8)
			buf[(*off)++] = (char)(le & 0xff);
	}
	/* NOLINTNEXTLINE(bugprone-not-null-terminated-result) */
	memcpy(buf + *off, val, vlen);
	*off += vlen;
	buf[(*off)++] = '\n';
}

/* How urgent an event is, as syslog has it. */
static int
event_priority(const struct watch_event *ev)
{
	if (strcmp(ev->event, "stale") == 0 ||
	    (ev->threshold == 100 && ev->up))
		return LOG_WARNING;
	return LOG_INFO;
}

/* The line an event makes, without the time (the log has its own). */
static void
event_message(const struct watch_event *ev, char *buf, size_t len)
{
	char	subj[4 * POSIX_NAME_LEN + 32], det[8192];

	event_subject(ev, subj, sizeof(subj));
	event_details(ev, det, sizeof(det));
	/* A long command line is cut: the message is for people. */
	if (snprintf(buf, len, "%s %s %s%s", ev->event, type_name(ev->type),
	    subj, det) >= (int)len && len > 0)
		buf[len - 1] = '\0';
}

/*
 * Send an event to the journal as one datagram: 0, or -1 with errno set
 * (no journal listening: the caller turns to syslog).
 */
static int
write_journal(struct writer *wr, const struct watch_event *ev)
{
	static char	buf[JOURNAL_MAX];
	char		msg[8192], num[32];
	size_t		off = 0;
	ssize_t		n;

	event_message(ev, msg, sizeof(msg));
	jfield(buf, &off, "MESSAGE", msg);
	snprintf(num, sizeof(num), "%d", event_priority(ev));
	jfield(buf, &off, "PRIORITY", num);
	jfield(buf, &off, "SYSLOG_IDENTIFIER", PROGNAME);
	jfield(buf, &off, "IPC_EVENT", ev->event);
	jfield(buf, &off, "IPC_TYPE", type_name(ev->type));
	if (TBIT(ev->type) & TYPES_SYSV) {
		snprintf(num, sizeof(num), "%d", ev->id);
		jfield(buf, &off, "IPC_ID", num);
		snprintf(num, sizeof(num), "0x%08x", ev->key);
		jfield(buf, &off, "IPC_KEY", num);
	} else
		jfield(buf, &off, "IPC_NAME", ev->name);
	if (ev->creator_pid > 0) {
		snprintf(num, sizeof(num), "%d", (int)ev->creator_pid);
		jfield(buf, &off, "CREATOR_PID", num);
	}
	if (ev->creator_command != NULL)
		jfield(buf, &off, "CREATOR_CMDLINE", ev->creator_command);
	if (ev->has_nattch) {
		snprintf(num, sizeof(num), "%llu",
		    (unsigned long long)ev->nattch);
		jfield(buf, &off, "IPC_NATTCH", num);
	}
	if (ev->threshold > 0) {
		snprintf(num, sizeof(num), "%d", ev->use_pct);
		jfield(buf, &off, "IPC_USE_PERCENT", num);
	}
	if (ev->reason != NULL)
		jfield(buf, &off, "IPC_REASON", ev->reason);
	do
		n = sendto(wr->sock, buf, off, MSG_NOSIGNAL,
		    (const struct sockaddr *)&wr->sun, wr->sunlen);
	while (n == -1 && errno == EINTR);
	return n == -1 ? -1 : 0;
}

/* Turn from the journal to syslog. */
static void
use_syslog(struct writer *wr)
{
	if (wr->sock != -1)
		close(wr->sock);
	wr->sock = -1;
	wr->sink = SINK_SYSLOG;
	openlog(PROGNAME, LOG_PID, LOG_DAEMON);
}

/*
 * Set up --log: the journal where its socket is (IPCTOOL_JOURNAL_SOCKET,
 * for the tests, names another), syslog otherwise.
 */
static void
log_open(struct writer *wr)
{
	const char	*path;
	struct stat	 st;

	wr->sock = -1;
	if ((path = getenv("IPCTOOL_JOURNAL_SOCKET")) == NULL || *path == '\0')
		path = JOURNAL_SOCKET;
	if (strlen(path) >= sizeof(wr->sun.sun_path) ||
	    stat(path, &st) == -1 || !S_ISSOCK(st.st_mode) ||
	    (wr->sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC,
	    0)) == -1) {
		use_syslog(wr);
		return;
	}
	memset(&wr->sun, 0, sizeof(wr->sun));
	wr->sun.sun_family = AF_UNIX;
	strlcpy(wr->sun.sun_path, path, sizeof(wr->sun.sun_path));
	wr->sunlen = (socklen_t)sizeof(wr->sun);
	wr->sink = SINK_JOURNAL;
}

/* watch.c's callback: write one event where it goes, at once. */
static void
emit(const struct watch_event *ev, void *arg)
{
	struct writer	*wr = arg;
	char		 msg[8192];

	switch (wr->sink) {
	case SINK_TEXT:
		write_text(ev);
		break;
	case SINK_JSON:
		write_json(ev);
		break;
	case SINK_JOURNAL:
		if (write_journal(wr, ev) == 0)
			return;
		use_syslog(wr);
		/* FALLTHROUGH */
	case SINK_SYSLOG:
		event_message(ev, msg, sizeof(msg));
		syslog(event_priority(ev), "%s", msg);
		return;
	}
	if (fflush(stdout) == EOF || ferror(stdout))
		wr->failed = 1;
}

/* Block SIGTERM and SIGINT, which then end ppoll(); old gets the mask. */
static void
signals_catch(sigset_t *old)
{
	struct sigaction	sa;
	sigset_t		set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, old);
	sigdelset(old, SIGTERM);
	sigdelset(old, SIGINT);
}

/* Sample every delay ms and read POSIX events until a signal: 0 or 1. */
static int
watch_loop(struct watch *w, struct writer *wr, int64_t delay)
{
	struct pollfd	pfd;
	struct timespec	ts;
	sigset_t	waitmask;
	int64_t		next, now;
	int		r;

	signals_catch(&waitmask);
	if (watch_start(w) == -1)
		return 1;
	pfd.fd = watch_fd(w);
	pfd.events = POLLIN;
	next = (int64_t)(mono_secs() * 1000) + delay;
	while (!quit && !wr->failed) {
		now = (int64_t)(mono_secs() * 1000);
		if (now >= next) {
			if (watch_sample(w) == -1)
				return 1;
			next += delay;
			if (next <= now)
				next = now + delay;
			continue;
		}
		ts.tv_sec = (time_t)((next - now) / 1000);
		ts.tv_nsec = (long)((next - now) % 1000) * 1000000L;
		r = ppoll(&pfd, pfd.fd == -1 ? 0 : 1, &ts, &waitmask);
		if (r == -1 && errno != EINTR) {
			warn_("watch: poll");
			return 1;
		}
		if (r > 0 && watch_posix_events(w) == -1)
			return 1;
	}
	return wr->failed;
}

static int
cmd_watch_exec(const struct cmd_entry *self, struct args *args)
{
	struct request	 rq;
	struct writer	 wr;
	struct watch	*w;
	const char	*err;
	int64_t		 delay = DELAY_DEFAULT;
	size_t		 i;
	int		 json = 0, log = 0, r;

	request_init(&rq);
	memset(&wr, 0, sizeof(wr));
	for (i = 0; i < args->n; i++) {
		switch (args->v[i].id) {
		case OPT_DELAY:
			if (parse_seconds(args->v[i].value, &delay, &err) == -1)
				usage_error(self, "invalid delay '%s': %s",
				    args->v[i].value, err);
			if (delay < DELAY_MIN)
				usage_error(self, "invalid delay '%s': less "
				    "than 0.01", args->v[i].value);
			break;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_LOG:
			log = 1;
			break;
		default:
			request_option(self, &rq, args->v[i].id,
			    args->v[i].value);
			break;
		}
	}
	if (json && log)
		usage_error(self, "--json and --log are mutually exclusive");
	request_types(self, &rq, args->noperands, args->operands, TYPES_ALL);
	if (ns_enter_arg() == -1)
		return 1;
	wr.sock = -1;
	wr.sink = json ? SINK_JSON : SINK_TEXT;
	if (log)
		log_open(&wr);
	w = watch_new(rq.types, &rq.filt, emit, &wr);
	r = watch_loop(w, &wr, delay);
	watch_free(w);
	if (wr.sock != -1)
		close(wr.sock);
	if (wr.sink == SINK_SYSLOG)
		closelog();
	if (stdout_check() != 0)
		r = 1;
	return r;
}

static const struct cmd_option watch_table[] = {
	{ 'd', "delay", ARG_REQUIRED, OPT_DELAY, "SECONDS",
	    "System V sampling interval (default 1;\n"
	    "decimals allowed)" },
	{ 'J', "json", ARG_NONE, OPT_JSON, NULL, "JSON lines, one per event" },
	{ 0, "log", ARG_NONE, OPT_LOG, NULL,
	    "to the journal, with fields (syslog\n"
	    "where there is no journal)" },
	{ 0, NULL, ARG_NONE, OPT_NONE, NULL, NULL }
};

static const struct cmd_optsec watch_sections[] = {
	{ NULL, type_flag_options },
	{ "Options", watch_table },
	{ "Filters (all given must match)", filter_key_options },
	{ NULL, filter_options },
	{ "", help_options },
	{ NULL, NULL }
};

const struct cmd_entry cmd_watch_entry = {
	.name = "watch",
	.summary = "log resources made, removed, attached, filled, stale",
	.usage = "watch [TYPE...] [FILTERS] [-d SECONDS] [-J | --log]",
	.help =
	    "\n"
	    "Print one line per event as it is seen: created (with the\n"
	    "creator's pid, user and command line, read while it lives),\n"
	    "removed (with its last NATTCH or message count), attached and\n"
	    "detached (NATTCH changes), fill (a queue crossing 50, 80 or 100%\n"
	    "of its capacity, up or down) and stale.  System V resources are\n"
	    "sampled every -d seconds; POSIX objects are seen through inotify\n"
	    "on /dev/shm and the mqueue file system as they come and go.\n"
	    "Resources there at the start make no event.  SIGTERM or SIGINT\n"
	    "ends it.\n"
	    "\n"
	    "Types (default: all there are): shm (-m), msg (-q), sem (-s),\n"
	    "pshm, pmq, psem, sysv, posix, all (-a).\n",
	.options = watch_sections,
	.exec = cmd_watch_exec,
};
