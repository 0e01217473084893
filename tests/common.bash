# SPDX-License-Identifier: ISC
# common.bash: what every ipctool .bats file shares (`load common`).
#
# It refuses to go on outside the private namespaces tests/ns-run makes, loads
# bats-support and bats-assert, and gives:
#   IPCTOOL              the binary under test ($IPCTOOL, else ../src/ipctool)
#   FIXTURE              tests/fixture, the independent resource maker
#   ipctool ARGS...      run $IPCTOOL
#   fixture ARGS...      run tests/fixture
#   kstat TYPE ID FIELD  one field of the kernel's IPC_STAT (fixture stat)
#   bg_hold ARGS...      start a fixture holder, wait for its "ready"
#   kill_hold PID        stop one holder and reap it
#   kill_holders         stop every holder (the default teardown does it)
#   pid_alive PID        true when PID runs (exists and is not a zombie)
#   wait_until CMD...    poll CMD until it succeeds, bounded
#   sysvipc_field TYPE ID COLUMN   a column of /proc/sysvipc/TYPE for ID
#   ipc_reset            remove every IPC resource of the namespace
#   key_hex SIGNED       a key as /proc/sysvipc prints it, in hex
#   lsipc_col FLAG ID COL  one column of lsipc's raw listing for ID
# tests/lib/*.bash hold what only some files share (load lib/NAME).
# The default teardown() runs kill_holders and ipc_reset, so each test starts
# with an empty namespace; a file that defines its own teardown() must call
# them itself.

# shellcheck shell=bash
# shellcheck disable=SC2034  # HOLD_* are set here for the test files to read

bats_require_minimum_version 1.5.0

# in_private_ns: true when ns-run started us in an IPC namespace of our own.
in_private_ns() {
	[[ ${IPCTOOL_IN_NS:-} == 1 && -n ${IPCTOOL_HOST_IPCNS:-} ]] &&
		[[ $(readlink /proc/self/ns/ipc) != "$IPCTOOL_HOST_IPCNS" ]]
}

# Never touch the host's IPC resources: without the namespaces, every test
# of the file fails here, before it can run anything.
if ! in_private_ns; then
	echo "common.bash: not in private namespace (IPCTOOL_IN_NS=${IPCTOOL_IN_NS:-unset}):" \
		"run the file through tests/ns-run" >&2
	return 1
fi

# bats-support and bats-assert: from BATS_LIB_PATH, else Debian's and
# /usr/local's places.
BATS_LIB_PATH=${BATS_LIB_PATH:+$BATS_LIB_PATH:}/usr/lib/bats:/usr/local/lib/bats:/usr/local/lib/node_modules
bats_load_library bats-support
bats_load_library bats-assert

IPCTOOL=${IPCTOOL:-$BATS_TEST_DIRNAME/../src/ipctool}
# ns-run sets IPCTOOL_FIXTURE to a copy others can reach, when they cannot
# reach this one (a checkout under /root).
FIXTURE=${IPCTOOL_FIXTURE:-$BATS_TEST_DIRNAME/fixture}
# The system python starts in 30 ms; a version manager's shim can take 10
# times that, for each of the many fixture calls.
if [[ -z ${PYTHON:-} ]]; then
	if [[ -x /usr/bin/python3 ]]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi

# Set by bg_hold, for the tests to read.
HOLD_PID='' HOLD_OUT='' HOLD_FILE=''
HOLD_PIDS=()

# ipctool ARGS...: run the binary under test.
ipctool() {
	"$IPCTOOL" "$@"
}

# fixture ARGS...: run tests/fixture (see its header for the subcommands).
fixture() {
	"$PYTHON" "$FIXTURE" "$@"
}

# kstat TYPE ID FIELD: print FIELD of `fixture stat TYPE ID` (e.g. nattch,
# lpid, qnum, semval.0); fails when the resource or the field is missing.
kstat() {
	local out
	out=$(fixture stat "$1" "$2") || return 1
	out=$(grep -m1 "^$3=" <<<"$out") || {
		echo "kstat: no field '$3' for $1 $2" >&2
		return 1
	}
	echo "${out#*=}"
}

# pid_alive PID: true when PID exists and is not a zombie.
pid_alive() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[[ ${stat:0:1} != Z ]]
}

# bg_hold ARGS...: start `fixture ARGS...` (which should take --hold or
# --wait) in the background and wait, up to 5 s, for its "ready" line.
# Sets HOLD_PID (the fixture's PID, the one the kernel records as cpid,
# lpid, lspid or sempid), HOLD_OUT (what it printed before "ready", e.g. the
# id from `shm-create --hold`) and HOLD_FILE (the file its stdout goes to,
# for what it prints later); the holder is killed at teardown.
bg_hold() {
	local out
	out=$BATS_TEST_TMPDIR/hold.${#HOLD_PIDS[@]}
	HOLD_FILE=$out.out
	# fd 3 closed: bats waits for whatever holds it open.
	"$PYTHON" "$FIXTURE" "$@" >"$out.out" 2>"$out.err" </dev/null 3>&- &
	HOLD_PID=$!
	HOLD_PIDS+=("$HOLD_PID")
	wait_ready "bg_hold: 'fixture $*'" "$out" 100 || return 1
	HOLD_OUT=$(sed '/^ready$/,$d' "$out.out")
}

# wait_ready WHAT OUT TRIES: wait for holder HOLD_PID to print "ready" to
# OUT.out, polling every 0.05 s up to TRIES times; fails, saying so (with
# OUT.err when the holder exited first).
wait_ready() {
	local i
	for ((i = 0; i < $3; i++)); do
		grep -qx ready "$2.out" 2>/dev/null && return 0
		if ! pid_alive "$HOLD_PID"; then
			echo "$1 exited: $(cat "$2.err")" >&2
			return 1
		fi
		sleep 0.05
	done
	echo "$1 not ready after $(($3 / 20)) s" >&2
	return 1
}

# kill_hold PID: SIGTERM a holder (SIGKILL after 5 s) and reap it; once it
# returns, the kernel has dropped the holder's attaches.
kill_hold() {
	local i
	kill -TERM "$1" 2>/dev/null || true
	for ((i = 0; i < 100; i++)); do
		pid_alive "$1" || break
		sleep 0.05
	done
	kill -KILL "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# kill_holders: stop every holder bg_hold started in this test.
kill_holders() {
	local pid
	for pid in "${HOLD_PIDS[@]}"; do
		kill_hold "$pid"
	done
	HOLD_PIDS=()
}

# py_holder [[PREFIX...] --] CODE: start python (under PREFIX, e.g.
# setpriv) running CODE, which holds something, then prints "ready"; sets
# HOLD_PID like bg_hold (the python process: PREFIX must exec it).  CODE
# has os, sys, time, mmap, ctypes and libc (with sem_open's restype).
py_holder() {
	local prefix=() out=$BATS_TEST_TMPDIR/py.${#HOLD_PIDS[@]}
	if (($# > 1)); then
		while [[ $1 != -- ]]; do
			prefix+=("$1")
			shift
		done
		shift
	fi
	"${prefix[@]}" "$PYTHON" -c "import ctypes, os, sys, time, mmap
libc = ctypes.CDLL('libc.so.6', use_errno=True)
libc.sem_open.restype = ctypes.c_void_p
$1
print('ready', flush=True)
time.sleep(3600)" >"$out.out" 2>"$out.err" </dev/null 3>&- &
	HOLD_PID=$!
	HOLD_PIDS+=("$HOLD_PID")
	wait_ready py_holder "$out" 200
}

# strace ARGS...: strace, with LeakSanitizer off in what it traces: under
# ptrace LSan cannot run, and an ASan build would abort at exit.
strace() {
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    command strace "$@"
}

# gone_pid: the PID of a process that has exited and been reaped.  (Not
# "sleep & kill": a SIGTERM that lands before the child execs sleep can
# be lost, and the wait then lasts as long as the sleep.)
gone_pid() {
	sh -c 'echo $$'
}

# wait_until CMD...: run CMD every 0.05 s until it succeeds, for at most
# WAIT_TIMEOUT whole seconds (default 5); fails, naming CMD, on timeout.
wait_until() {
	# A deadline on the clock, not a count of tries: on a loaded machine
	# each try takes longer than its 0.05 s sleep.
	local now deadline
	now=${EPOCHREALTIME/./}
	deadline=$((now + ${WAIT_TIMEOUT:-5} * 1000000))
	while :; do
		"$@" && return 0
		now=${EPOCHREALTIME/./}
		((now < deadline)) || break
		sleep 0.05
	done
	echo "wait_until: timed out after ${WAIT_TIMEOUT:-5} s: $*" >&2
	return 1
}

# sysvipc_field TYPE ID COLUMN: print COLUMN (a header name of
# /proc/sysvipc/TYPE: key, perms, size, lpid, qnum, ...) of resource ID, as
# the kernel prints it (keys as signed decimals).
sysvipc_field() {
	awk -v id="$2" -v col="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
		$2 == id && c { print $c; found = 1; exit }
		END { exit !(c && found) }' "/proc/sysvipc/$1"
}

# ipc_reset: remove every System V resource, POSIX shared memory object,
# semaphore and message queue of this (private) namespace.
ipc_reset() {
	in_private_ns || return 1
	ipcrm --all 2>/dev/null || true
	find /dev/shm /dev/mqueue -mindepth 1 -delete 2>/dev/null || true
}

# teardown: the default per-test teardown: stop the holders, empty the
# namespace.
teardown() {
	kill_holders
	ipc_reset
}

# new_pane CMD: an 80x24 session "top" running CMD, on the tmux server of
# the test file's tm().  Under load a tmux server has been seen to die as
# it starts ("server exited unexpectedly"): that is tmux's, so try again,
# three times at most.
new_pane() {
	local i
	for i in 1 2 3; do
		tm new-session -d -x 80 -y 24 -s top "$1" && return 0
		tm kill-server 2>/dev/null || true
		sleep 0.2
	done
	return 1
}

# ns_ino PID: the inode of PID's IPC namespace.
ns_ino() {
	stat -L -c %i "/proc/$1/ns/ipc"
}

# ns_start SCRIPT [UNSHARE-OPTIONS...]: run sh -c SCRIPT in a new IPC
# namespace (unshare --ipc and the options), in the background, and wait
# (60 s at most: a dozen python starts on a loaded machine take more than
# 5) until it prints "ready"; sets NS_PID and NS_INO.
ns_start() {
	local script=$1 out
	shift
	out=$BATS_TEST_TMPDIR/ns.${#HOLD_PIDS[@]}
	unshare --ipc "$@" sh -c "$script" >"$out" 2>&1 </dev/null 3>&- &
	NS_PID=$!
	HOLD_PIDS+=("$NS_PID")
	WAIT_TIMEOUT=60 wait_until grep -qx ready "$out" || {
		cat "$out" >&2
		return 1
	}
	NS_INO=$(ns_ino "$NS_PID")
}

# key_hex SIGNED: a key as /proc/sysvipc prints it (signed decimal) in hex.
key_hex() {
	printf '0x%08x\n' $(($1 & 0xffffffff))
}

# lsipc_col TYPEFLAG ID COLUMN: one column of lsipc's raw, byte-exact
# listing for resource ID.  (Not --numeric-perms: lsipc 2.38 prints an empty
# PERMS with it for message queues.)
lsipc_col() {
	lsipc "$1" --raw --noheadings --bytes -o "ID,$3" | awk -v id="$2" '$1 == id { print $2 }'
}
