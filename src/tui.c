/* SPDX-License-Identifier: ISC */
/*
 * tui.c - the curses view of "ipctool top"; the only file that uses
 * curses.  It draws the model of top.c (header with gauges, one tab per
 * type, the table, a status line, the show pane and the help) and maps
 * keys to actions through one table; an action returns what has to happen
 * (redraw, re-sort, rescan, quit), not how to paint it.
 *
 * Signal handlers only set a flag; the loop waits in ppoll() with the
 * signals unblocked, so a signal ends the wait at once and the loop
 * restores the terminal.  atexit() restores it on the error paths
 * (fatal()).  While the view is up, stderr goes to a pipe: warnings show
 * on the status line instead of smearing the screen, and are printed
 * again on the real stderr when the view ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "ipctool.h"

#define R_REDRAW	0x1	/* paint the screen again */
#define R_REORDER	0x2	/* filter and sort the views again */
#define R_RESCAN	0x4	/* take a new sample now */
#define R_QUIT		0x8

#define KEY_ESC		27
#define CTRL(c)		((c) & 0x1f)
#define ERRKEEP		4096	/* bytes of captured stderr kept */

enum mode {
	M_TABLE,
	M_PANE,
	M_HELP,
	M_FILTER,
	M_CONFIRM,
	M_PICK
};

struct tui {
	struct top	*tp;
	int		 tab;		/* type shown */
	enum mode	 mode;
	int64_t		 delay;		/* ms */
	int		 paused;
	double		 next;		/* monotonic time of the next sample */
	uint64_t	 frames;
	uint64_t	 maxframes;
	char		 status[256];
	int		 status_err;
	struct lines	 pane;
	size_t		 pane_first;
	uint64_t	 pane_ns;	/* identity of the row shown in the pane */
	int		 pane_id;
	uint32_t	 pane_key;
	char		 pane_name[256];
	uint64_t	 conf_ns;	/* the row to remove, as it was */
	struct ipc_obj	 conf_obj;	/* when d was pressed (owned) */
	int64_t		 conf_at;	/* when conf_obj was read */
	char		 conf_label[TOP_LABEL_MAX];	/* shown, escaped */
	char		 conf_short[TOP_LABEL_MAX];	/* without the key */
	int		 conf_known;	/* conf_holders could be read */
	uint64_t	 conf_holders;	/* processes that attach or hold it */
	int		 pick_col;	/* the picker's column (id) */
	size_t		 pick_first;	/* first line of the picker shown */
	char		 saved[sizeof(((struct top *)0)->text)];
};

struct action {
	int		 key;
	const char	*name;		/* for the help; NULL: an alias */
	const char	*help;
	int		(*fn)(struct tui *, int);
};

static volatile sig_atomic_t	 got_signal;
static int			 screen_up;
static int			 err_pipe = -1;	/* read end */
static int			 err_saved = -1;	/* the real stderr */
static char			 err_text[ERRKEEP];
static size_t			 err_len;
static attr_t			 at_head, at_new, at_gone, at_changed, at_tab,
				 at_err, at_stale, at_bar[3];

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* Read what was written to stderr into err_text; the last line, or NULL. */
static const char *
err_drain(void)
{
	static char	 line[256];
	char		 buf[1024], *nl, *start;
	ssize_t		 n;
	int		 got = 0;

	if (err_pipe == -1)
		return NULL;
	while ((n = read(err_pipe, buf, sizeof(buf))) > 0) {
		if ((size_t)n > sizeof(err_text))
			n = sizeof(err_text);
		if (err_len + (size_t)n > sizeof(err_text)) {
			memmove(err_text, err_text + (err_len + (size_t)n -
			    sizeof(err_text)), sizeof(err_text) - (size_t)n);
			err_len = sizeof(err_text) - (size_t)n;
		}
		memcpy(err_text + err_len, buf, (size_t)n);
		err_len += (size_t)n;
		got = 1;
	}
	if (!got || err_len == 0)
		return NULL;
	/* The last complete line. */
	nl = memrchr(err_text, '\n', err_len - 1);
	start = nl != NULL ? nl + 1 : err_text;
	n = (ssize_t)(err_text + err_len - start);
	if (n > 0 && start[n - 1] == '\n')
		n--;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	memcpy(line, start, (size_t)n);
	line[n] = '\0';
	return line;
}

/* Send stderr to a pipe while the screen is up. */
static void
err_capture(void)
{
	int	fds[2];

	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) == -1)
		return;
	fflush(stderr);
	if ((err_saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)) == -1 ||
	    dup2(fds[1], STDERR_FILENO) == -1) {
		close(fds[0]);
		close(fds[1]);
		if (err_saved != -1)
			close(err_saved);
		err_saved = -1;
		return;
	}
	close(fds[1]);
	err_pipe = fds[0];
}

/* Put stderr back and print on it what was captured. */
static void
err_restore(void)
{
	ssize_t	n;
	size_t	off = 0;

	if (err_saved == -1)
		return;
	fflush(stderr);
	err_drain();
	dup2(err_saved, STDERR_FILENO);
	close(err_saved);
	close(err_pipe);
	err_saved = err_pipe = -1;
	while (off < err_len) {
		n = write(STDERR_FILENO, err_text + off, err_len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	err_len = 0;
}

/* Leave curses and give stderr back; safe to call twice (atexit too). */
static void
screen_end(void)
{
	if (screen_up) {
		screen_up = 0;
		endwin();
	}
	err_restore();
}

/* Pick attributes: colours when allowed and the terminal has them. */
static void
screen_colors(void)
{
	at_head = A_REVERSE;
	at_tab = A_REVERSE | A_BOLD;
	at_new = A_BOLD;
	at_gone = A_DIM;
	at_changed = A_UNDERLINE;
	at_err = A_BOLD;
	at_stale = A_NORMAL;
	at_bar[0] = at_bar[1] = at_bar[2] = A_BOLD;
	if (color_mode == 0 || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	init_pair(1, COLOR_BLACK, COLOR_CYAN);
	init_pair(2, COLOR_GREEN, -1);
	init_pair(3, COLOR_RED, -1);
	init_pair(4, COLOR_YELLOW, -1);
	init_pair(5, COLOR_MAGENTA, -1);
	at_head = COLOR_PAIR(1);
	at_new = COLOR_PAIR(2) | A_BOLD;
	at_gone = COLOR_PAIR(3) | A_DIM;
	at_changed = COLOR_PAIR(4) | A_BOLD;
	at_err = COLOR_PAIR(3) | A_BOLD;
	at_stale = COLOR_PAIR(5);
	at_bar[0] = COLOR_PAIR(2);
	at_bar[1] = COLOR_PAIR(4);
	at_bar[2] = COLOR_PAIR(3) | A_BOLD;
}

/*
 * Start curses on the terminal; -1 if it cannot be used: TERM unset or
 * unknown, or a terminal that cannot move the cursor (dumb, hardcopy),
 * where every redraw would print garbage.
 */
static int
screen_start(void)
{
	SCREEN		*sp;
	const char	*cup, *term;

	/* No TERM: refused before newterm(), which would leak its prescreen. */
	if ((term = getenv("TERM")) == NULL || *term == '\0')
		return -1;
	if ((sp = newterm(NULL, stdout, stdin)) == NULL)
		return -1;
	/* NULL: absent or cancelled ("cup" is a string capability). */
	cup = tigetstr("cup");
	if (cup == NULL) {
		endwin();
		delscreen(sp);
		return -1;
	}
	screen_up = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	screen_colors();
	return 0;
}

/* Catch the signals that end the view; they stay blocked but in ppoll. */
static void
signals_setup(sigset_t *waitmask)
{
	struct sigaction	sa;
	sigset_t		block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, waitmask);
	sigdelset(waitmask, SIGINT);
	sigdelset(waitmask, SIGTERM);
	sigdelset(waitmask, SIGHUP);
	sigdelset(waitmask, SIGQUIT);
}

/* Write at most maxw characters of s at y, x; returns the count. */
static int
put_text(int y, int x, const char *s, int maxw, attr_t at)
{
	const char	*p = s;
	int		 w = 0;

	if (maxw > COLS - x)
		maxw = COLS - x;
	while (*p != '\0' && w < maxw) {
		p++;
		while (((unsigned char)*p & 0xc0) == 0x80)
			p++;
		w++;
	}
	if (w > 0) {
		attrset(at);
		mvaddnstr(y, x, s, (int)(p - s));
	}
	return w;
}

/* A count for a gauge: 12345, 123k, 18.4E. */
static void
fmt_count(uint64_t v, char *buf, size_t len)
{
	static const char	units[] = "kMGTPE";
	int			u = -1;
	uint64_t		div = 1;

	if (v < 100000) {
		snprintf(buf, len, "%llu", (unsigned long long)v);
		return;
	}
	while (u < 5 && v / div >= 1000) {
		div *= 1000;
		u++;
	}
	if (v / div < 10)
		snprintf(buf, len, "%llu.%llu%c", (unsigned long long)(v / div),
		    (unsigned long long)(v % div * 10 / div), units[u]);
	else
		snprintf(buf, len, "%llu%c", (unsigned long long)(v / div),
		    units[u]);
}

/* The text of a gauge: used/limit. */
static int
gauge_text(const struct limit *l, char *buf, size_t len)
{
	char	a[24], b[24];

	fmt_count(l->used, a, sizeof(a));
	fmt_count(l->limit, b, sizeof(b));
	return snprintf(buf, len, "%s/%s", a, b);
}

/* The gauges of every limit with a known use; returns the rows used. */
static int
draw_gauges(struct tui *ui, int y0, int maxrows)
{
	const struct limit	*l;
	char			 text[64];
	int			 gcols, gw, i, n = 0, y, x, bar, fill, lw = 0;
	int			 level, tl, tw = 0;

	gcols = COLS >= 120 ? 3 : COLS >= 60 ? 2 : 1;
	gw = COLS / gcols;
	for (i = 0; i < LIMIT_COUNT; i++) {
		l = &ui->tp->lim[i];
		if (!l->has_limit || !l->has_used)
			continue;
		if ((int)strlen(l->name) > lw)
			lw = (int)strlen(l->name);
		if ((tl = gauge_text(l, text, sizeof(text))) > tw)
			tw = tl;
	}
	bar = gw - lw - tw - 5;
	for (i = 0; i < LIMIT_COUNT; i++) {
		l = &ui->tp->lim[i];
		if (!l->has_limit || !l->has_used)
			continue;
		y = y0 + n / gcols;
		if (y - y0 >= maxrows)
			break;
		x = (n % gcols) * gw;
		n++;
		tl = gauge_text(l, text, sizeof(text));
		put_text(y, x, l->name, lw, A_BOLD);
		if (bar < 4) {
			put_text(y, x + lw + 1, text, gw - lw - 2, A_NORMAL);
			continue;
		}
		fill = l->limit == 0 ? 0 : (int)((double)l->used * bar /
		    (double)l->limit + 0.5);
		if (fill == 0 && l->used > 0)
			fill = 1;
		if (fill > bar)
			fill = bar;
		level = l->limit == 0 || l->used * 10 < l->limit * 7 ? 0 :
		    l->used * 10 < l->limit * 9 ? 1 : 2;
		put_text(y, x + lw + 1, "[", 1, A_NORMAL);
		if (fill > 0) {
			attrset(at_bar[level]);
			mvhline(y, x + lw + 2, '|', fill);
		}
		put_text(y, x + lw + 2 + bar, "]", 1, A_NORMAL);
		put_text(y, x + lw + 4 + bar + tw - tl, text, tl, A_NORMAL);
	}
	return (n + gcols - 1) / gcols < maxrows ? (n + gcols - 1) / gcols :
	    maxrows;
}

/* The title line: host, time of the sample, interval, pause. */
static void
draw_title(struct tui *ui)
{
	char		buf[512], when[16], nsbuf[48];
	struct tm	tm;
	time_t		t = (time_t)ui->tp->ctx.now;

	snprintf(nsbuf, sizeof(nsbuf), " - %zu IPC namespace%s", ui->tp->nns,
	    ui->tp->nns == 1 ? "" : "s");
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof(when), "%H:%M:%S", &tm) == 0)
		strlcpy(when, "?", sizeof(when));
	snprintf(buf, sizeof(buf), "%s top - %s - %s - every %lld.%llds%s%s",
	    PROGNAME, ui->tp->host, when, (long long)(ui->delay / 1000),
	    (long long)(ui->delay % 1000 / 100), ui->tp->allns ? nsbuf : "",
	    ui->paused ? " - PAUSED" : "");
	put_text(0, 0, buf, COLS, A_BOLD);
}

/*
 * The tab line: each shown type with its count, then sort and filter at
 * the right.  Those matter more than spacing: when all does not fit the
 * tabs lose their padding, then their tail.
 */
static void
draw_tabs(struct tui *ui, int y)
{
	struct top_view	*v;
	char		 tabs[T_NTYPES][64], right[256];
	int		 t, x = 0, n = 0, w, full = 0, tight;

	for (t = 0; t < T_NTYPES; t++) {
		v = &ui->tp->v[t];
		tabs[t][0] = '\0';
		if (!v->shown)
			continue;
		if (v->err != 0)
			snprintf(tabs[t], sizeof(tabs[t]), "%d:%s !", ++n,
			    type_name(t));
		else
			snprintf(tabs[t], sizeof(tabs[t]), "%d:%s %zu", ++n,
			    type_name(t), v->nlive);
		full += (int)strlen(tabs[t]) + 2;
	}
	v = &ui->tp->v[ui->tab];
	w = snprintf(right, sizeof(right), "%s%s sort:%s%c ",
	    ui->tp->text[0] != '\0' ? " filter:" : "", ui->tp->text,
	    top_col_name(v, v->sortcol), v->reverse ? 'v' : '^');
	if (w >= COLS)
		w = 0;
	tight = full + w >= COLS;
	for (t = 0; t < T_NTYPES; t++) {
		if (tabs[t][0] == '\0')
			continue;
		if (!tight)
			x += put_text(y, x, " ", COLS - w - x, A_NORMAL);
		x += put_text(y, x, tabs[t], COLS - w - x, t == ui->tab ?
		    at_tab : A_NORMAL);
		x += put_text(y, x, " ", COLS - w - x, A_NORMAL);
	}
	if (w > 0)
		put_text(y, COLS - w, right, w, A_NORMAL);
}

/*
 * One table row, from column v->hcol on.  Its mark: - removed, + new, !
 * stale (asked only when the tab shows STALE, only of rows drawn).
 */
static void
draw_row(struct tui *ui, struct top_view *v, const struct top_row *r, int y,
    int sel)
{
	char		 buf[256];
	const char	*mark = " ";
	attr_t		 base = A_NORMAL, at;
	int		 k, x = 2, w, pad, right;

	if (r->flags & ROW_GONE) {
		base = at_gone;
		mark = "-";
	} else if (r->flags & ROW_NEW) {
		base = at_new;
		mark = "+";
	} else if (top_is_stale(ui->tp, v, r)) {
		base = at_stale;
		mark = "!";
	}
	if (sel) {
		base |= A_REVERSE;
		attrset(base);
		mvhline(y, 0, ' ', COLS);
	}
	put_text(y, 0, mark, 1, base);
	for (k = v->hcol; k < v->ncols && x < COLS; k++) {
		w = (int)text_width(buf, top_cell(ui->tp, v, r, k, buf,
		    sizeof(buf)));
		if (w > (int)v->width[k])
			w = (int)v->width[k];
		pad = (int)v->width[k] - w;
		right = top_col_right(v, k);
		at = base;
		if (k < 64 && (r->changed >> k & 1))
			at |= at_changed;
		if (right)
			x += pad;
		if (x < COLS)
			put_text(y, x, buf, w, at);
		x += w + (right ? 0 : pad) + 1;
	}
}

/* The screen column just past v's last column, drawn from v->hcol. */
static int
table_end(const struct top_view *v)
{
	int	k, x = 2;

	for (k = v->hcol; k < v->ncols; k++)
		x += (int)v->width[k] + 1;
	return x - 1;
}

/*
 * The table of the current tab, keeping the cursor in sight; scrolled
 * sideways, the header too, with < and > where columns are out of sight.
 */
static void
draw_table(struct tui *ui, int y0, int h)
{
	struct top_view	*v = &ui->tp->v[ui->tab];
	char		 buf[256];
	size_t		 i;
	int		 k, x = 2, w, right;

	if (h < 2)
		return;
	h--;
	if (v->cursor < v->first)
		v->first = v->cursor;
	if (v->cursor >= v->first + (size_t)h)
		v->first = v->cursor - (size_t)h + 1;
	if (v->norder > (size_t)h && v->first > v->norder - (size_t)h)
		v->first = v->norder - (size_t)h;
	if (v->norder <= (size_t)h)
		v->first = 0;
	/* Only the rows on screen are formatted, for widths and to draw. */
	top_size_columns(ui->tp, v, v->first, v->err != 0 ? v->first :
	    v->first + (size_t)h);
	attrset(at_head);
	mvhline(y0, 0, ' ', COLS);
	if (v->hcol > 0)
		put_text(y0, 0, "<", 1, at_head);
	for (k = v->hcol; k < v->ncols && x < COLS; k++) {
		w = (int)strlen(top_col_name(v, k));
		right = top_col_right(v, k);
		if (right)
			x += (int)v->width[k] - w;
		put_text(y0, x, top_col_name(v, k), w, at_head |
		    (k == v->sortcol ? A_BOLD | A_UNDERLINE : 0));
		x += w + (right ? 0 : (int)v->width[k] - w) + 1;
	}
	if (table_end(v) > COLS)
		put_text(y0, COLS - 1, ">", 1, at_head);
	if (v->err != 0) {
		snprintf(buf, sizeof(buf), "cannot read %s: %s",
		    type_name(v->type), strerror(v->err));
		put_text(y0 + 1, 2, buf, COLS, at_err);
		return;
	}
	if (v->norder == 0) {
		snprintf(buf, sizeof(buf), "(no %s resources%s)",
		    type_name(v->type), ui->tp->text[0] != '\0' ?
		    " match the filter" : "");
		put_text(y0 + 1, 2, buf, COLS, A_NORMAL);
		return;
	}
	for (i = v->first; i < v->norder && i < v->first + (size_t)h; i++)
		draw_row(ui, v, &v->rows[v->order[i]], y0 + 1 + (int)(i -
		    v->first), i == v->cursor);
}

/* Where column id col is in the picker's list of n, or 0. */
static size_t
pick_index(const int *list, int n, int col)
{
	int	i;

	for (i = 0; i < n; i++)
		if (list[i] == col)
			return (size_t)i;
	return 0;
}

/*
 * The column picker of the current tab: the columns shown, in order and
 * ticked, then the others its type has; the cursor on one of them.
 */
static void
draw_pick(struct tui *ui, int y0, int h)
{
	struct top_view	*v = &ui->tp->v[ui->tab];
	int		 list[TOP_MAXCOLS], n, nshown, i;
	size_t		 cur;
	char		 buf[256];
	attr_t		 at;

	if (h < 2)
		return;
	snprintf(buf, sizeof(buf), " columns of the %s tab - Space shows or "
	    "hides, [ ] move, Esc closes", type_name(ui->tab));
	attrset(at_head);
	mvhline(y0, 0, ' ', COLS);
	put_text(y0, 0, buf, COLS, at_head);
	h--;
	n = top_pick_list(ui->tp, v, list, &nshown);
	cur = pick_index(list, n, ui->pick_col);
	if (cur < ui->pick_first)
		ui->pick_first = cur;
	if (cur >= ui->pick_first + (size_t)h)
		ui->pick_first = cur - (size_t)h + 1;
	for (i = (int)ui->pick_first; i < n && i < (int)ui->pick_first + h;
	    i++) {
		snprintf(buf, sizeof(buf), "%c[%c] %-10s %s", (size_t)i == cur ?
		    '>' : ' ', i < nshown ? 'x' : ' ', top_colid_name(list[i]),
		    top_colid_help(list[i]));
		at = (size_t)i == cur ? A_REVERSE : A_NORMAL;
		if ((size_t)i == cur) {
			attrset(at);
			mvhline(y0 + 1 + i - (int)ui->pick_first, 0, ' ', COLS);
		}
		put_text(y0 + 1 + i - (int)ui->pick_first, 0, buf, COLS, at);
	}
}

/* The show pane of the selected resource. */
static void
draw_pane(struct tui *ui, int y0, int h)
{
	char	buf[300];
	size_t	i;

	if (h < 2)
		return;
	snprintf(buf, sizeof(buf), " show %.4s %.200s - Up/Down scroll, Esc "
	    "closes", type_name(ui->tab), ui->pane_name);
	attrset(at_head);
	mvhline(y0, 0, ' ', COLS);
	put_text(y0, 0, buf, COLS, at_head);
	h--;
	if (ui->pane.n > (size_t)h && ui->pane_first > ui->pane.n - (size_t)h)
		ui->pane_first = ui->pane.n - (size_t)h;
	if (ui->pane.n <= (size_t)h)
		ui->pane_first = 0;
	for (i = ui->pane_first; i < ui->pane.n &&
	    i < ui->pane_first + (size_t)h; i++)
		put_text(y0 + 1 + (int)(i - ui->pane_first), 1, ui->pane.v[i],
		    COLS, A_NORMAL);
}

static const struct action actions[];

/* The keys, from the action table. */
static void
draw_help(struct tui *ui, int y0, int h)
{
	char	buf[256];
	int	i, y = y0 + 1;

	attrset(at_head);
	mvhline(y0, 0, ' ', COLS);
	put_text(y0, 0, " keys - any key closes this help", COLS, at_head);
	for (i = 0; actions[i].fn != NULL && y < y0 + h; i++) {
		if (actions[i].name == NULL)
			continue;
		snprintf(buf, sizeof(buf), "  %-12s %s", actions[i].name,
		    actions[i].help);
		put_text(y++, 0, buf, COLS, A_NORMAL);
	}
	(void)ui;
}

/*
 * The question d asks: what is removed, and when processes still hold
 * it, how many and that the removal only marks it (a segment) or only
 * unlinks its name (a POSIX object); then the label has no key, to fit.
 */
static void
confirm_text(struct tui *ui, char *buf, size_t len)
{
	char		 where[64], held[96];
	uint64_t	 h = ui->conf_holders;
	const char	*label = ui->conf_label;

	where[0] = held[0] = '\0';
	if (ui->tp->allns)
		snprintf(where, sizeof(where), " in IPC namespace %llu",
		    (unsigned long long)ui->conf_ns);
	if (ui->conf_known && h > 0) {
		label = ui->conf_short;
		if (ui->tab == T_SHM)
			snprintf(held, sizeof(held), " %llu process%s still "
			    "attach%s it: removal only marks it",
			    (unsigned long long)h, h == 1 ? "" : "es",
			    h == 1 ? "es" : "");
		else
			snprintf(held, sizeof(held), " %llu process%s still "
			    "hold%s it: only the name goes",
			    (unsigned long long)h, h == 1 ? "" : "es",
			    h == 1 ? "s" : "");
	}
	/* Longer than the buffer only past the screen's edge: cut. */
	if (snprintf(buf, len, "remove %s%s?%s [y/n]", label, where, held) < 0)
		buf[0] = '\0';
}

/* The status line: a prompt, a message, or the main keys. */
static void
draw_status(struct tui *ui)
{
	char	buf[sizeof(ui->conf_label) + 128];
	attr_t	at = A_NORMAL;

	switch (ui->mode) {
	case M_FILTER:
		snprintf(buf, sizeof(buf), "filter: %s_  (Enter keeps, Esc "
		    "cancels)", ui->tp->text);
		break;
	case M_CONFIRM:
		confirm_text(ui, buf, sizeof(buf));
		at = A_BOLD;
		break;
	case M_PICK:
		strlcpy(buf, "Space show/hide  [ ] move left/right  Up Down  "
		    "Esc done", sizeof(buf));
		break;
	default:
		if (ui->status[0] != '\0') {
			strlcpy(buf, ui->status, sizeof(buf));
			at = ui->status_err ? at_err : A_BOLD;
		} else
			strlcpy(buf, "q quit  ? help  Enter show  d remove  "
			    "/ filter  <> sort  Space pause", sizeof(buf));
		break;
	}
	put_text(LINES - 1, 0, buf, COLS - 1, at);
}

/* Paint everything. */
static void
draw(struct tui *ui)
{
	int	y, g;

	top_ready(ui->tp, &ui->tp->v[ui->tab]);
	erase();
	draw_title(ui);
	y = 1;
	/* The help and the picker take the gauges' lines too. */
	if (LINES >= 12 && ui->mode != M_HELP && ui->mode != M_PICK) {
		g = draw_gauges(ui, y, LINES >= 20 ? 3 : 1);
		y += g;
	}
	draw_tabs(ui, y++);
	switch (ui->mode) {
	case M_HELP:
		draw_help(ui, y, LINES - 1 - y);
		break;
	case M_PANE:
		draw_pane(ui, y, LINES - 1 - y);
		break;
	case M_PICK:
		draw_pick(ui, y, LINES - 1 - y);
		break;
	default:
		draw_table(ui, y, LINES - 1 - y);
		break;
	}
	draw_status(ui);
	attrset(A_NORMAL);
	refresh();
}

/* Set the status message. */
static void
status(struct tui *ui, int err, const char *msg)
{
	strlcpy(ui->status, msg, sizeof(ui->status));
	ui->status_err = err;
}

/* Rebuild the pane from the row it shows; close it when that is gone. */
static void
pane_update(struct tui *ui)
{
	struct top_view	*v = &ui->tp->v[ui->tab];
	struct top_row	*r = top_selected(v);
	char		 msg[300], name[sizeof(ui->pane_name)];

	/* pane_name is escaped: compare it with the escaped name. */
	name[0] = '\0';
	if (r != NULL && r->o.name != NULL)
		fmt_escape(r->o.name, 0, name, sizeof(name));
	if (r == NULL || r->ns != ui->pane_ns || r->o.id != ui->pane_id ||
	    r->o.key != ui->pane_key ||
	    ((TBIT(v->type) & TYPES_POSIX) && (r->o.name == NULL ||
	    strcmp(name, ui->pane_name) != 0))) {
		snprintf(msg, sizeof(msg), "%s %s is gone", type_name(ui->tab),
		    ui->pane_name);
		status(ui, 0, msg);
		ui->mode = M_TABLE;
		lines_clear(&ui->pane);
		return;
	}
	top_detail(ui->tp, v, r, &ui->pane);
}

/* Show the tab of type t: the model samples it if it only counted it. */
static void
set_tab(struct tui *ui, int t)
{
	ui->tab = t;
	top_focus(ui->tp, t);
}

/* Take a new sample now. */
static void
rescan(struct tui *ui)
{
	int	t;

	top_refresh(ui->tp);
	ui->frames++;
	ui->next = mono_secs() + (double)ui->delay / 1000;
	if (!ui->tp->v[ui->tab].shown) {
		for (t = 0; t < T_NTYPES - 1 && !ui->tp->v[t].shown; t++)
			;
		set_tab(ui, t);
	}
	/* The other tabs are ordered when they are shown. */
	top_ready(ui->tp, &ui->tp->v[ui->tab]);
	if (ui->mode == M_PANE)
		pane_update(ui);
}

static int
act_quit(struct tui *ui, int key)
{
	return R_QUIT;
}

static int
act_help(struct tui *ui, int key)
{
	ui->mode = M_HELP;
	return R_REDRAW;
}

/* Switch to the n-th shown tab (from 0). */
static int
goto_tab(struct tui *ui, int n)
{
	int	t;

	for (t = 0; t < T_NTYPES; t++)
		if (ui->tp->v[t].shown && n-- == 0) {
			set_tab(ui, t);
			return R_REDRAW;
		}
	return 0;
}

static int
act_tab_n(struct tui *ui, int key)
{
	return goto_tab(ui, key - '1');
}

static int
act_tab_step(struct tui *ui, int key)
{
	int	t, i;

	for (i = 1; i <= T_NTYPES; i++) {
		t = (ui->tab + (key == KEY_BTAB ? T_NTYPES - i : i)) %
		    T_NTYPES;
		if (ui->tp->v[t].shown) {
			set_tab(ui, t);
			break;
		}
	}
	return R_REDRAW;
}

/* Move the cursor by delta rows (clamped). */
static int
move_cursor(struct tui *ui, long delta)
{
	struct top_view	*v = &ui->tp->v[ui->tab];
	long		 c = (long)v->cursor + delta;

	if (c < 0)
		c = 0;
	top_select(v, (size_t)c);
	return R_REDRAW;
}

/* Rows of the table on screen. */
static long
page(void)
{
	return LINES > 12 ? LINES - 10 : 1;
}

static int
act_move(struct tui *ui, int key)
{
	switch (key) {
	case KEY_UP:
	case 'k':
		return move_cursor(ui, -1);
	case KEY_DOWN:
	case 'j':
		return move_cursor(ui, 1);
	case KEY_PPAGE:
		return move_cursor(ui, -page());
	case KEY_NPAGE:
		return move_cursor(ui, page());
	case KEY_HOME:
	case 'g':
		return move_cursor(ui, -(long)ui->tp->v[ui->tab].norder);
	default:
		return move_cursor(ui, (long)ui->tp->v[ui->tab].norder);
	}
}

static int
act_sort(struct tui *ui, int key)
{
	struct top_view	*v = &ui->tp->v[ui->tab];

	if (key == '<' || key == ',')
		v->sortcol = (v->sortcol + v->ncols - 1) % v->ncols;
	else
		v->sortcol = (v->sortcol + 1) % v->ncols;
	return R_REORDER | R_REDRAW;
}

static int
act_reverse(struct tui *ui, int key)
{
	ui->tp->v[ui->tab].reverse ^= 1;
	return R_REORDER | R_REDRAW;
}

static int
act_filter(struct tui *ui, int key)
{
	strlcpy(ui->saved, ui->tp->text, sizeof(ui->saved));
	ui->mode = M_FILTER;
	return R_REDRAW;
}

static int
act_clear_filter(struct tui *ui, int key)
{
	ui->tp->text[0] = '\0';
	return R_REORDER | R_REDRAW;
}

static int
act_show(struct tui *ui, int key)
{
	struct top_view	*v = &ui->tp->v[ui->tab];
	struct top_row	*r = top_selected(v);

	if (r == NULL)
		return 0;
	ui->pane_ns = r->ns;
	ui->pane_id = r->o.id;
	ui->pane_key = r->o.key;
	if (r->o.name != NULL)
		fmt_escape(r->o.name, 0, ui->pane_name, sizeof(ui->pane_name));
	else
		snprintf(ui->pane_name, sizeof(ui->pane_name), "%d", r->o.id);
	ui->pane_first = 0;
	ui->mode = M_PANE;
	pane_update(ui);
	return R_REDRAW;
}

static int
act_remove(struct tui *ui, int key)
{
	struct top_view	*v = &ui->tp->v[ui->tab];
	struct top_row	*r = top_selected(v);

	if (r == NULL)
		return 0;
	if (r->flags & ROW_GONE) {
		status(ui, 1, "already gone");
		return R_REDRAW;
	}
	/* What is removed is what was shown now, whatever comes later. */
	ui->conf_ns = r->ns;
	obj_free_copy(&ui->conf_obj);
	obj_copy(&ui->conf_obj, &r->o);
	ui->conf_at = ui->tp->ctx.now;
	top_label(v, r, 1, ui->conf_label, sizeof(ui->conf_label));
	top_label(v, r, 0, ui->conf_short, sizeof(ui->conf_short));
	ui->conf_known = top_holders(ui->tp, v, r, &ui->conf_obj,
	    &ui->conf_holders) == 0;
	ui->mode = M_CONFIRM;
	return R_REDRAW;
}

/* Open the column picker on the first column shown. */
static int
act_pick(struct tui *ui, int key)
{
	struct top_view	*v = &ui->tp->v[ui->tab];
	int		 list[TOP_MAXCOLS], nshown;

	if (top_pick_list(ui->tp, v, list, &nshown) == 0)
		return 0;
	ui->pick_col = list[0];
	ui->pick_first = 0;
	ui->mode = M_PICK;
	return R_REDRAW;
}

/* Scroll the table a column left or right, while a row is wider. */
static int
act_hscroll(struct tui *ui, int key)
{
	struct top_view	*v = &ui->tp->v[ui->tab];

	if (key == KEY_LEFT) {
		if (v->hcol > 0)
			v->hcol--;
	} else if (table_end(v) > COLS && v->hcol + 1 < v->ncols)
		v->hcol++;
	return R_REDRAW;
}

static int
act_pause(struct tui *ui, int key)
{
	ui->paused ^= 1;
	if (!ui->paused)
		ui->next = mono_secs();
	return R_REDRAW;
}

/* The intervals + and - step through, in ms. */
static const int64_t	steps[] = {
	100, 200, 500, 1000, 1500, 2000, 3000, 5000, 10000, 30000, 60000
};

static int
act_delay(struct tui *ui, int key)
{
	size_t	i, n = sizeof(steps) / sizeof(steps[0]);
	char	msg[64];

	if (key == '+' || key == '=') {
		for (i = 0; i < n && steps[i] <= ui->delay; i++)
			;
		if (i < n)
			ui->delay = steps[i];
	} else {
		for (i = n; i > 0 && steps[i - 1] >= ui->delay; i--)
			;
		if (i > 0)
			ui->delay = steps[i - 1];
	}
	ui->next = mono_secs() + (double)ui->delay / 1000;
	snprintf(msg, sizeof(msg), "refresh every %lld.%llds",
	    (long long)(ui->delay / 1000), (long long)(ui->delay % 1000 / 100));
	status(ui, 0, msg);
	return R_REDRAW;
}

static int
act_redraw(struct tui *ui, int key)
{
	clearok(curscr, TRUE);
	return R_REDRAW;
}

static int
act_rescan(struct tui *ui, int key)
{
	return R_RESCAN;
}

static const struct action actions[] = {
	{ 'q', "q", "quit", act_quit },
	{ 'Q', NULL, NULL, act_quit },
	{ '?', "? h", "this help", act_help },
	{ 'h', NULL, NULL, act_help },
	{ KEY_F(1), NULL, NULL, act_help },
	{ '\t', "Tab S-Tab", "next, previous tab", act_tab_step },
	{ KEY_BTAB, NULL, NULL, act_tab_step },
	{ '1', "1..6", "go to that tab", act_tab_n },
	{ '2', NULL, NULL, act_tab_n },
	{ '3', NULL, NULL, act_tab_n },
	{ '4', NULL, NULL, act_tab_n },
	{ '5', NULL, NULL, act_tab_n },
	{ '6', NULL, NULL, act_tab_n },
	{ KEY_UP, "Up Down j k", "select the row above, below", act_move },
	{ KEY_DOWN, NULL, NULL, act_move },
	{ 'k', NULL, NULL, act_move },
	{ 'j', NULL, NULL, act_move },
	{ KEY_PPAGE, "PgUp PgDn", "a page up, down", act_move },
	{ KEY_NPAGE, NULL, NULL, act_move },
	{ KEY_HOME, "Home End g G", "first, last row", act_move },
	{ 'g', NULL, NULL, act_move },
	{ KEY_END, NULL, NULL, act_move },
	{ 'G', NULL, NULL, act_move },
	{ '<', "< >", "sort by the column to the left, right", act_sort },
	{ '>', NULL, NULL, act_sort },
	{ ',', NULL, NULL, act_sort },
	{ '.', NULL, NULL, act_sort },
	{ 'r', "r", "reverse the order", act_reverse },
	{ KEY_LEFT, "Left Right", "scroll a wide table sideways", act_hscroll },
	{ KEY_RIGHT, NULL, NULL, act_hscroll },
	{ 'f', "f", "choose the tab's columns, and their order", act_pick },
	{ '/', "/", "filter rows by text (Esc clears)", act_filter },
	{ KEY_ESC, NULL, NULL, act_clear_filter },
	{ '\r', "Enter", "show the selected resource", act_show },
	{ '\n', NULL, NULL, act_show },
	{ KEY_ENTER, NULL, NULL, act_show },
	{ 'd', "d Delete", "remove the selected resource (asks y/n)",
	    act_remove },
	{ KEY_DC, NULL, NULL, act_remove },
	{ ' ', "Space", "pause, resume", act_pause },
	{ '+', "+ -", "refresh less, more often", act_delay },
	{ '=', NULL, NULL, act_delay },
	{ '-', NULL, NULL, act_delay },
	{ CTRL('r'), "^R F5", "refresh now", act_rescan },
	{ KEY_F(5), NULL, NULL, act_rescan },
	{ CTRL('l'), "^L", "repaint the screen", act_redraw },
	{ KEY_RESIZE, NULL, NULL, act_redraw },
	{ 0, NULL, NULL, NULL }
};

/* A key while the filter is typed: it applies as it is typed. */
static int
key_filter(struct tui *ui, int ch)
{
	char	*text = ui->tp->text;
	size_t	 n = strlen(text);

	switch (ch) {
	case KEY_ESC:
		strlcpy(text, ui->saved, sizeof(ui->tp->text));
		ui->mode = M_TABLE;
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		ui->mode = M_TABLE;
		break;
	case KEY_BACKSPACE:
	case 127:
	case CTRL('h'):
		while (n > 0 && ((unsigned char)text[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			text[n - 1] = '\0';
		else
			text[0] = '\0';
		break;
	case CTRL('u'):
		text[0] = '\0';
		break;
	case KEY_RESIZE:
		return R_REDRAW;
	default:
		if (ch >= 0x20 && ch < 0x100 && ch != 0x7f &&
		    n + 1 < sizeof(ui->tp->text)) {
			text[n] = (char)ch;
			text[n + 1] = '\0';
		}
		break;
	}
	return R_REORDER | R_REDRAW;
}

/* The answer to "remove?": y removes, anything else keeps. */
static int
key_confirm(struct tui *ui, int ch)
{
	struct top_view	*v = &ui->tp->v[ui->tab];
	char		 msg[sizeof(ui->conf_label) + 128];

	if (ch == KEY_RESIZE)
		return R_REDRAW;
	ui->mode = M_TABLE;
	if (ch != 'y' && ch != 'Y') {
		snprintf(msg, sizeof(msg), "kept %s", ui->conf_label);
		status(ui, 0, msg);
		obj_free_copy(&ui->conf_obj);
		return R_REDRAW;
	}
	status(ui, top_remove(ui->tp, v, &ui->conf_obj, ui->conf_at,
	    ui->conf_ns, msg, sizeof(msg)) == -1, msg);
	obj_free_copy(&ui->conf_obj);
	return R_RESCAN | R_REDRAW;
}

/* A key in the pane: scroll, or close it. */
static int
key_pane(struct tui *ui, int ch)
{
	switch (ch) {
	case KEY_UP:
	case 'k':
		if (ui->pane_first > 0)
			ui->pane_first--;
		break;
	case KEY_DOWN:
	case 'j':
		ui->pane_first++;
		break;
	case KEY_PPAGE:
		ui->pane_first = ui->pane_first > (size_t)page() ?
		    ui->pane_first - (size_t)page() : 0;
		break;
	case KEY_NPAGE:
		ui->pane_first += (size_t)page();
		break;
	case KEY_HOME:
		ui->pane_first = 0;
		break;
	case KEY_END:
		ui->pane_first = ui->pane.n;
		break;
	case KEY_ESC:
	case 'q':
	case '\r':
	case '\n':
	case KEY_ENTER:
	case KEY_LEFT:
	case KEY_BACKSPACE:
		ui->mode = M_TABLE;
		lines_clear(&ui->pane);
		break;
	case CTRL('l'):
	case KEY_RESIZE:
		return act_redraw(ui, ch);
	default:
		return 0;
	}
	return R_REDRAW;
}

/*
 * A key in the column picker: move, show or hide the column under the
 * cursor, move it left or right; Esc, q or f closes.  The cursor stays on
 * its column wherever it goes.
 */
static int
key_pick(struct tui *ui, int ch)
{
	struct top_view	*v = &ui->tp->v[ui->tab];
	int		 list[TOP_MAXCOLS], n, nshown, react = R_REDRAW;
	size_t		 cur;

	n = top_pick_list(ui->tp, v, list, &nshown);
	cur = pick_index(list, n, ui->pick_col);
	switch (ch) {
	case KEY_UP:
	case 'k':
		if (cur > 0)
			ui->pick_col = list[cur - 1];
		break;
	case KEY_DOWN:
	case 'j':
		if (cur + 1 < (size_t)n)
			ui->pick_col = list[cur + 1];
		break;
	case KEY_HOME:
		ui->pick_col = list[0];
		break;
	case KEY_END:
		ui->pick_col = list[n - 1];
		break;
	case ' ':
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (top_col_toggle(ui->tp, v, ui->pick_col))
			react |= R_RESCAN;
		react |= R_REORDER;
		break;
	case '[':
	case KEY_LEFT:
	case ']':
	case KEY_RIGHT:
		if (cur < (size_t)nshown)
			top_col_move(v, ui->pick_col, ch == '[' ||
			    ch == KEY_LEFT ? -1 : 1);
		react |= R_REORDER;
		break;
	case KEY_ESC:
	case 'q':
	case 'f':
		ui->mode = M_TABLE;
		break;
	case CTRL('l'):
	case KEY_RESIZE:
		return act_redraw(ui, ch);
	default:
		return 0;
	}
	return react;
}

/* Dispatch one key by mode; returns the reaction flags. */
static int
key(struct tui *ui, int ch)
{
	int	i;

	/* A tab switched to by an earlier key of this batch. */
	top_ready(ui->tp, &ui->tp->v[ui->tab]);
	switch (ui->mode) {
	case M_FILTER:
		return key_filter(ui, ch);
	case M_CONFIRM:
		return key_confirm(ui, ch);
	case M_PANE:
		return key_pane(ui, ch);
	case M_PICK:
		return key_pick(ui, ch);
	case M_HELP:
		if (ch != KEY_RESIZE)
			ui->mode = M_TABLE;
		return R_REDRAW;
	case M_TABLE:
		break;
	}
	if (ch != KEY_RESIZE)
		ui->status[0] = '\0';
	for (i = 0; actions[i].fn != NULL; i++)
		if (actions[i].key == ch)
			return actions[i].fn(ui, ch) | R_REDRAW;
	return R_REDRAW;
}

/*
 * Run the live view until q, a signal, or maxframes samples (0: no
 * limit), sampling every delay ms.  Returns the exit status: 128 + n
 * when signal n ended it.
 */
int
tui_run(struct top *tp, int64_t delay, uint64_t maxframes)
{
	static int	 registered;
	struct tui	 ui;
	struct pollfd	 pfd;
	struct timespec	 ts;
	sigset_t	 waitmask, pending;
	const char	*err;
	char		 term[256];
	double		 now, wait;
	int		 react, ch, t, r, rval = 0;

	memset(&ui, 0, sizeof(ui));
	ui.tp = tp;
	ui.delay = delay;
	ui.maxframes = maxframes;
	signals_setup(&waitmask);
	if (!registered++)
		atexit(screen_end);
	err_capture();
	if (screen_start() == -1) {
		err_restore();
		fmt_escape(getenv("TERM") != NULL ? getenv("TERM") : "", 0,
		    term, sizeof(term));
		warnx_("top: cannot use the terminal '%s' (it needs cursor "
		    "addressing; use --batch for text)", term);
		return 1;
	}
	for (t = 0; t < T_NTYPES && !tp->v[t].shown; t++)
		;
	set_tab(&ui, t < T_NTYPES ? t : 0);
	rescan(&ui);
	react = R_REDRAW;
	while (!got_signal) {
		if ((err = err_drain()) != NULL) {
			status(&ui, 1, err);
			react |= R_REDRAW;
		}
		if (react & R_QUIT)
			break;
		if (react & R_REORDER)
			for (t = 0; t < T_NTYPES; t++)
				tp->v[t].dirty = tp->v[t].shown;
		if (react & R_RESCAN)
			rescan(&ui);
		if (react & (R_REDRAW | R_RESCAN | R_REORDER))
			draw(&ui);
		react = 0;
		now = mono_secs();
		if (!ui.paused && now >= ui.next) {
			if (ui.maxframes != 0 && ui.frames >= ui.maxframes)
				break;
			react = R_RESCAN;
			continue;
		}
		wait = ui.paused ? -1 : ui.next - now;
		ts.tv_sec = (time_t)wait;
		ts.tv_nsec = (long)((wait - (double)ts.tv_sec) * 1e9);
		pfd.fd = STDIN_FILENO;
		pfd.events = POLLIN;
		pfd.revents = 0;
		r = ppoll(&pfd, 1, ui.paused ? NULL : &ts, &waitmask);
		if (r == -1 && errno != EINTR) {
			rval = 1;
			break;
		}
		/*
		 * The terminal went away.  It polls readable too (read
		 * gives 0), and a ppoll() that returns ready never delivers
		 * the SIGHUP left pending: without this the loop would spin.
		 */
		if (r > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))) {
			if (sigpending(&pending) == 0 &&
			    sigismember(&pending, SIGHUP) == 1)
				got_signal = SIGHUP;
			break;
		}
		while ((ch = getch()) != ERR)
			react |= key(&ui, ch);
	}
	lines_clear(&ui.pane);
	obj_free_copy(&ui.conf_obj);
	screen_end();
	/* As a shell reports a process a signal ended: 128 + its number. */
	if (got_signal != 0)
		rval = 128 + got_signal;
	return rval;
}
