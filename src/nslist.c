/* SPDX-License-Identifier: ISC */
/*
 * nslist.c - "ipctool list --all-namespaces": the list of every IPC
 * namespace of the host that has resources, one block per namespace.
 *
 * Table: a "====== IPC namespace INODE: pid PID (COMMAND), cgroup NAME
 * ======" heading, then the usual sections.  Raw and export: a one-row
 * NS PID COMMAND CGROUP section, then the usual sections.  In these text
 * modes the default columns start with NS.  JSON: {"namespaces":[{"ns",
 * "pid","command","cgroup", then "shm":[...] &c as list -J has them}]}.
 */
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

/*
 * Start each type's default (or +COLS) column set with NS (list -A, top
 * --batch -A).
 */
void
nslist_columns(struct request *rq)
{
	struct colset	*cs;
	int		 t, k, ns;

	if ((rq->output != NULL && rq->output[0] != '+') || rq->output_all)
		return;
	ns = column_find("NS");
	for (t = 0; t < T_NTYPES; t++) {
		if (!(rq->types & TBIT(t)))
			continue;
		cs = &rq->cols[t];
		for (k = 0; k < cs->n; k++)
			if (cs->col[k] == ns)
				break;
		if (k < cs->n || cs->n == MAXCOLS)
			continue;
		memmove(cs->col + 1, cs->col, (size_t)cs->n * sizeof(int));
		cs->col[0] = ns;
		cs->n++;
	}
}

/* One text field of the namespace line, escaped for the output mode. */
static const char *
field(const struct outopts *oo, const char *s, char *buf, size_t len)
{
	struct cell	c;

	memset(&c, 0, sizeof(c));
	c.kind = s != NULL ? CELL_STR : CELL_NULL;
	c.str = s;
	fmt_cell(&c, oo, buf, len);
	return buf;
}

/*
 * Cut the command and cgroup of a table's heading line, the longer first,
 * until the line fits the terminal's width or both are down to 8.
 */
static void
heading_fit(const struct outopts *oo, const struct ns_info *ns, char *cmd,
    char *cg)
{
	char	fixed[128];
	size_t	wc, wg, total;

	if (oo->width == 0 || oo->notruncate)
		return;
	total = (size_t)snprintf(fixed, sizeof(fixed), "====== IPC namespace "
	    "%llu: pid %d () ======", (unsigned long long)ns->ino,
	    (int)ns->pid);
	if (ns->cgroup != NULL)
		total += strlen(", cgroup ");
	wc = text_width(cmd, strlen(cmd));
	wg = ns->cgroup != NULL ? text_width(cg, strlen(cg)) : 0;
	while (total + wc + wg > oo->width && (wc > 8 || wg > 8)) {
		if (wc >= wg)
			wc--;
		else
			wg--;
	}
	cmd[text_cut(cmd, strlen(cmd), wc)] = '\0';
	cg[text_cut(cg, strlen(cg), wg)] = '\0';
}

/*
 * What comes before a namespace's sections in the text modes (list -A,
 * top --batch -A).  A table's heading fits the terminal as its rows do.
 */
void
nslist_heading(FILE *fp, const struct outopts *oo, const struct ns_info *ns,
    int first)
{
	char	cmd[4096], cg[1024];

	field(oo, ns->command, cmd, sizeof(cmd));
	field(oo, ns->cgroup, cg, sizeof(cg));
	switch (oo->mode) {
	case OUT_TABLE:
		heading_fit(oo, ns, cmd, cg);
		fprintf(fp, "%s====== IPC namespace %llu: pid %d (%s)", first ?
		    "" : "\n", (unsigned long long)ns->ino, (int)ns->pid, cmd);
		if (ns->cgroup != NULL)
			fprintf(fp, ", cgroup %s", cg);
		fprintf(fp, " ======\n");
		break;
	case OUT_RAW:
		if (!oo->noheadings)
			fprintf(fp, "NS PID COMMAND CGROUP\n");
		fprintf(fp, "%llu %d %s %s\n", (unsigned long long)ns->ino,
		    (int)ns->pid, cmd, cg);
		break;
	case OUT_EXPORT:
		fprintf(fp, "NS=\"%llu\" PID=\"%d\" COMMAND=\"%s\" "
		    "CGROUP=\"%s\"\n", (unsigned long long)ns->ino,
		    (int)ns->pid, cmd, cg);
		break;
	case OUT_JSON:
		break;
	}
}

/* The opening members of a namespace's JSON object. */
static void
ns_json(struct json *js, const struct ns_info *ns)
{
	json_open(js, NULL, 0);
	json_u64(js, "ns", ns->ino);
	json_i64(js, "pid", ns->pid);
	if (ns->command != NULL)
		json_str(js, "command", ns->command);
	else
		json_null(js, "command");
	if (ns->cgroup != NULL)
		json_str(js, "cgroup", ns->cgroup);
	else
		json_null(js, "cgroup");
}

/*
 * Collect, filter and sort the requested types in the current namespace;
 * the number of objects kept, or -1 if a type could not be read.
 */
static long
ns_collect(struct request *rq, struct ipc_set *sets, const struct ctx *ctx,
    int *rval)
{
	long	total = 0;
	int	t;

	for (t = 0; t < T_NTYPES; t++) {
		set_init(&sets[t], t);
		if (!(rq->types & TBIT(t)))
			continue;
		if (request_collect(rq, t, &sets[t]) == -1) {
			*rval = 1;
			continue;
		}
		sort_set(&sets[t], rq->sort, rq->nsort, rq->reverse, ctx);
		total += (long)sets[t].n;
	}
	return total;
}

/* Print every namespace that has resources; 0, or 1 if any failed. */
int
list_run_namespaces(struct request *rq)
{
	struct ns_survey	 sv;
	struct ipc_set		 sets[T_NTYPES];
	struct out		*out = NULL;
	struct json		*js = NULL;
	struct ctx		 ctx;
	size_t			 i;
	int			 t, ntypes = 0, shown = 0, rval = 0;

	if (ns_survey(&sv) == -1) {
		warn_("list: %s", sv.errpath);
		return 1;
	}
	if (rq->oo.mode != OUT_JSON)
		nslist_columns(rq);
	for (t = 0; t < T_NTYPES; t++)
		ntypes += (rq->types & TBIT(t)) != 0;
	if (rq->oo.mode == OUT_JSON) {
		out = out_new(&rq->oo, stdout);
		js = out_writer(out);
		json_open(js, "namespaces", 1);
	}
	for (i = 0; i < sv.n; i++) {
		if (ns_switch(&sv, i) == -1)
			continue;	/* gone since the survey */
		memset(&ctx, 0, sizeof(ctx));
		ctx.now = rq->oo.now;
		ctx.ns = sv.v[i].ino;
		if (ns_collect(rq, sets, &ctx, &rval) > 0) {
			if (js != NULL)
				ns_json(js, &sv.v[i]);
			else {
				nslist_heading(stdout, &rq->oo, &sv.v[i],
				    shown == 0);
				out = out_new(&rq->oo, stdout);
			}
			for (t = 0; t < T_NTYPES; t++)
				if (rq->types & TBIT(t))
					out_set(out, &sets[t], &rq->cols[t],
					    ntypes > 1);
			if (js != NULL)
				json_close(js, 0);
			else {
				out_finish(out);
				out_free(out);
				out = NULL;
			}
			shown++;
		}
		for (t = 0; t < T_NTYPES; t++)
			set_free(&sets[t]);
	}
	if (js != NULL) {
		json_close(js, 1);
		out_finish(out);
		out_free(out);
	}
	ns_survey_report(&sv, "list");
	ns_survey_free(&sv);
	return rval;
}
