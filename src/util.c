/*
 * util.c - error reporting, checked allocation, stdout checks.
 *
 * Messages follow "ipctool: CONTEXT: REASON" on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipctool.h"

static void
vmsg(const char *fmt, va_list ap, int errnum)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", PROGNAME);
	vfprintf(stderr, fmt, ap);
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

/* Print a warning. */
void
warnx_(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, 0);
	va_end(ap);
}

/* Print a warning followed by the reason errno gives. */
void
warn_(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	va_start(ap, fmt);
	vmsg(fmt, ap, saved);
	va_end(ap);
	errno = saved;
}

/* Print an error and exit 1. */
void
fatal(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, 0);
	va_end(ap);
	exit(1);
}

/* reallocarray() that exits on failure. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	void	*q;

	if ((q = reallocarray(p, n, size)) == NULL && n != 0 && size != 0)
		fatal("out of memory");
	return q;
}

/*
 * qsort() of n elements, any n: the C standard wants a valid pointer even
 * for none, and an empty scan's array is NULL (UBSan stops there).
 */
void
sort_array(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

/* calloc() that exits on failure. */
void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n, size)) == NULL)
		fatal("out of memory");
	return p;
}

/* strdup() that exits on failure. */
char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		fatal("out of memory");
	return p;
}

/* Flush stdout and report a write error; returns 1 on error. */
int
stdout_check(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		if (errno == 0)
			errno = EIO;
		warn_("stdout");
		return 1;
	}
	return 0;
}
