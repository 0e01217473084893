# SPDX-License-Identifier: ISC
# lib/posix.bash: what the POSIX test files (70, 71) share; load after common.
# shellcheck shell=bash

# py CODE ARGS...: run python with `libc` (ctypes, errno kept) defined.
py() {
	local code=$1
	shift
	"$PYTHON" -c "import ctypes, os, sys, json
libc = ctypes.CDLL('libc.so.6', use_errno=True)
libc.sem_open.restype = ctypes.c_void_p
def die(what):
    sys.exit('%s: %s' % (what, os.strerror(ctypes.get_errno())))
$code" "$@"
}

# qsize FILE: the QSIZE the kernel reports in a queue's file.
qsize() {
	sed -n 's/^QSIZE:\([0-9]*\) .*/\1/p' "$1"
}

# pmq_attr NAME: "maxmsg msgsize curmsgs" of queue NAME, from mq_getattr().
pmq_attr() {
	py '
class A(ctypes.Structure):
    _fields_ = [("flags", ctypes.c_long), ("maxmsg", ctypes.c_long),
                ("msgsize", ctypes.c_long), ("curmsgs", ctypes.c_long),
                ("pad", ctypes.c_long * 4)]
q = libc.mq_open(sys.argv[1].encode(), ctypes.c_int(os.O_RDONLY))
if q < 0: die("mq_open")
a = A()
if libc.mq_getattr(q, ctypes.byref(a)) != 0: die("mq_getattr")
print(a.maxmsg, a.msgsize, a.curmsgs)' "$1"
}

# psem_value NAME: the value sem_getvalue() gives for named semaphore NAME.
psem_value() {
	py '
s = libc.sem_open(sys.argv[1].encode(), 0)
if not s: die("sem_open")
v = ctypes.c_int()
if libc.sem_getvalue(ctypes.c_void_p(s), ctypes.byref(v)) != 0: die("sem_getvalue")
print(v.value)' "$1"
}
