#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 00-harness: the test harness itself: tests/ns-run's private namespaces,
# tests/fixture's resources as util-linux (ipcs, lsipc) and the kernel
# (/proc/sysvipc, /dev/shm, /dev/mqueue) see them, and common.bash's helpers.
# Nothing here runs ipctool.

load common

# ipcs_sem_row SEMID SEMNUM: "value ncount zcount pid" of one semaphore in
# `ipcs -s -i SEMID`.
ipcs_sem_row() {
	ipcs -s -i "$1" | awk -v n="$2" 'f && $1 == n { print $2, $3, $4, $5 } /^semnum/ { f = 1 }'
}

# gone PID: true when no process PID exists, not even a zombie.
gone() {
	[[ ! -e /proc/$1 ]]
}

# dead PID: true when PID is not running (gone, or a zombie).
dead() {
	! pid_alive "$1"
}

# zombie PID: true when PID is a zombie.
zombie() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[[ ${stat:0:1} == Z ]]
}

# run_bg_pid ARGS...: run `fixture ARGS...` to its end, print its PID.
run_bg_pid() {
	"$PYTHON" "$FIXTURE" "$@" >/dev/null 3>&- &
	local pid=$!
	wait "$pid" || return 1
	echo "$pid"
}

# --- namespaces ---------------------------------------------------------------

@test "runs in private IPC, PID and mount namespaces" {
	[ "$IPCTOOL_IN_NS" = 1 ]
	[ "$(readlink /proc/self/ns/ipc)" != "$IPCTOOL_HOST_IPCNS" ]
	# PID 1 is ns-run, waiting for bats.
	run cat /proc/1/cmdline
	assert_output --partial ns-run
}

@test "the namespace starts with no System V resource" {
	for t in shm msg sem; do
		run wc -l <"/proc/sysvipc/$t"
		assert_output 1
	done
	run ipcs -m
	refute_line --regexp '^0x'
	run ipcs -q
	refute_line --regexp '^0x'
	run ipcs -s
	refute_line --regexp '^0x'
}

@test "/dev/shm is a fresh, empty tmpfs" {
	run stat -f -c %T /dev/shm
	assert_output tmpfs
	run stat -c %a /dev/shm
	assert_output 1777
	run ls -A /dev/shm
	assert_output ''
}

@test "/dev/mqueue is a fresh, empty mqueue file system" {
	run stat -f -c %T /dev/mqueue
	assert_output mqueue
	run ls -A /dev/mqueue
	assert_output ''
}

@test "orphans are reaped by PID 1, never left as zombies" {
	# The inner process outlives its parent, so PID 1 inherits it.
	pid=$(bash -c 'sleep 0.1 3>&- & echo $!')
	wait_until gone "$pid"
}

@test "fixture refuses to run outside a private namespace" {
	IPCTOOL_IN_NS=0 run -1 fixture shm-create
	assert_output --partial "refusing to touch the host's IPC"
	IPCTOOL_HOST_IPCNS=$(readlink /proc/self/ns/ipc) run -1 fixture shm-create
	assert_output --partial "refusing to touch the host's IPC"
	run wc -l </proc/sysvipc/shm
	assert_output 1
}

# --- System V shared memory -----------------------------------------------------

@test "shm-create: key, size and mode as ipcs, lsipc and /proc show them" {
	run -0 fixture shm-create --key 0x162e --size 10000 --mode 0640
	id=$output
	assert_output --regexp '^[0-9]+$'
	run ipcs -m
	assert_line --regexp "^0x0000162e +$id +root +640 +10000 +0 +$"
	run sysvipc_field shm "$id" key
	assert_output 5678
	assert_equal "$(sysvipc_field shm "$id" size)" 10000
	assert_equal "$(sysvipc_field shm "$id" perms)" 640
	assert_equal "$(lsipc_col -m "$id" KEY)" 0x0000162e
	assert_equal "$(lsipc_col -m "$id" SIZE)" 10000
	assert_equal "$(lsipc_col -m "$id" PERMS)" rw-r-----
}

@test "shm-create: private by default, a new id each time, default mode 0644" {
	a=$(fixture shm-create)
	b=$(fixture shm-create --private --size 1)
	[ "$a" != "$b" ]
	assert_equal "$(sysvipc_field shm "$a" key)" 0
	assert_equal "$(sysvipc_field shm "$b" key)" 0
	assert_equal "$(sysvipc_field shm "$a" size)" 4096
	assert_equal "$(sysvipc_field shm "$b" size)" 1
	assert_equal "$(sysvipc_field shm "$a" perms)" 644
}

@test "shm-create: a key above 0x7fffffff is signed in /proc, hex in ipcs" {
	id=$(fixture shm-create --key 0x80000001)
	assert_equal "$(sysvipc_field shm "$id" key)" -2147483647
	run ipcs -m
	assert_line --regexp "^0x80000001 +$id "
	assert_equal "$(kstat shm "$id" key)" 0x80000001
}

@test "shm-create: keys in decimal and C octal" {
	a=$(fixture shm-create --key 1000)
	b=$(fixture shm-create --key 0777)
	assert_equal "$(sysvipc_field shm "$a" key)" 1000
	assert_equal "$(sysvipc_field shm "$b" key)" 511
}

@test "shm-create --hold: the holder is the creator (CPID)" {
	bg_hold shm-create --key 0x51 --hold
	id=$HOLD_OUT
	assert_equal "$(sysvipc_field shm "$id" cpid)" "$HOLD_PID"
	assert_equal "$(lsipc_col -m "$id" CPID)" "$HOLD_PID"
	pid_alive "$HOLD_PID"
	kill_hold "$HOLD_PID"
	refute pid_alive "$HOLD_PID"
	# The segment outlives its creator.
	assert_equal "$(sysvipc_field shm "$id" cpid)" "$HOLD_PID"
}

@test "shm-attach --hold: NATTCH and LPID while held, 0 attaches once killed" {
	id=$(fixture shm-create --size 8192)
	bg_hold shm-attach "$id" --hold
	[[ $HOLD_OUT =~ ^0x[0-9a-f]+$ ]]
	assert_equal "$(sysvipc_field shm "$id" nattch)" 1
	assert_equal "$(sysvipc_field shm "$id" lpid)" "$HOLD_PID"
	assert_equal "$(lsipc_col -m "$id" NATTCH)" 1
	run ipcs -m
	assert_line --regexp "^0x00000000 +$id +root +644 +8192 +1 +$"
	# The mapping is named after the key, its inode is the shmid.
	run grep "SYSV00000000" "/proc/$HOLD_PID/maps"
	assert_output --regexp " $id +/SYSV00000000 "
	first=$HOLD_PID
	bg_hold shm-attach "$id" --hold
	assert_equal "$(sysvipc_field shm "$id" nattch)" 2
	assert_equal "$(sysvipc_field shm "$id" lpid)" "$HOLD_PID"
	kill_hold "$first"
	assert_equal "$(sysvipc_field shm "$id" nattch)" 1
	assert_equal "$(sysvipc_field shm "$id" lpid)" "$first"
	kill_holders
	assert_equal "$(sysvipc_field shm "$id" nattch)" 0
}

@test "shm-attach --detach: sets LPID, attach and detach times, no attach left" {
	id=$(fixture shm-create)
	assert_equal "$(kstat shm "$id" atime)" 0
	pid=$(run_bg_pid shm-attach "$id" --detach)
	assert_equal "$(sysvipc_field shm "$id" nattch)" 0
	assert_equal "$(sysvipc_field shm "$id" lpid)" "$pid"
	[ "$(sysvipc_field shm "$id" atime)" -gt 0 ]
	[ "$(sysvipc_field shm "$id" dtime)" -ge "$(sysvipc_field shm "$id" atime)" ]
	run ipcs -m -i "$id"
	assert_line --regexp "lpid=$pid"
	refute_line --partial "att_time=Not set"
	refute_line --partial "det_time=Not set"
}

@test "shm-attach --touch: the pages become resident (rss)" {
	id=$(fixture shm-create --size 65536)
	assert_equal "$(sysvipc_field shm "$id" rss)" 0
	fixture shm-attach "$id" --touch --detach
	assert_equal "$(sysvipc_field shm "$id" rss)" 65536
}

@test "shm-attach --rdonly attaches read-only" {
	id=$(fixture shm-create)
	bg_hold shm-attach "$id" --rdonly --hold
	run grep SYSV "/proc/$HOLD_PID/maps"
	assert_output --regexp ' r--s '
}

@test "shm-rm on an attached segment: marked dest, key private, name kept in maps" {
	id=$(fixture shm-create --key 0x162e)
	bg_hold shm-attach "$id" --hold
	fixture shm-rm "$id"
	run ipcs -m
	assert_line --regexp "^0x00000000 +$id +root +644 +4096 +1 +dest +$"
	assert_equal "$(kstat shm "$id" dest)" 1
	assert_equal "$(kstat shm "$id" mode)" 1644
	assert_equal "$(lsipc_col -m "$id" STATUS)" dest
	run grep SYSV "/proc/$HOLD_PID/maps"
	assert_output --regexp " $id +/SYSV0000162e \(deleted\)$"
	kill_hold "$HOLD_PID"
	run sysvipc_field shm "$id" key
	assert_failure
}

@test "fixture stat shm: every field equals /proc/sysvipc/shm" {
	# Distinct values in every id field catch a misplaced struct member.
	id=$(setpriv --reuid=4243 --regid=4244 --clear-groups \
		"$PYTHON" "$FIXTURE" shm-create --key 0x12345678 --size 12345 --mode 0606)
	fixture set shm "$id" --uid 4241 --gid 4242
	bg_hold shm-attach "$id" --touch --hold
	run fixture stat shm "$id"
	assert_line "id=$id"
	assert_line key=0x12345678
	assert_line "key=$(key_hex "$(sysvipc_field shm "$id" key)")"
	assert_line "uid=$(sysvipc_field shm "$id" uid)"
	assert_line uid=4241
	assert_line "gid=$(sysvipc_field shm "$id" gid)"
	assert_line gid=4242
	assert_line "cuid=$(sysvipc_field shm "$id" cuid)"
	assert_line cuid=4243
	assert_line "cgid=$(sysvipc_field shm "$id" cgid)"
	assert_line cgid=4244
	assert_line "perms=$(sysvipc_field shm "$id" perms)"
	assert_line mode=0606
	assert_line "segsz=$(sysvipc_field shm "$id" size)"
	assert_line "cpid=$(sysvipc_field shm "$id" cpid)"
	assert_line "lpid=$(sysvipc_field shm "$id" lpid)"
	assert_line "lpid=$HOLD_PID"
	assert_line "nattch=$(sysvipc_field shm "$id" nattch)"
	assert_line nattch=1
	assert_line "atime=$(sysvipc_field shm "$id" atime)"
	assert_line "dtime=$(sysvipc_field shm "$id" dtime)"
	assert_line "ctime=$(sysvipc_field shm "$id" ctime)"
	assert_line dest=0
	run ipcs -m -c
	assert_line --regexp "^$id +606 +4243 +4244 +4241 +4242 *$"
}

@test "set shm --mode changes the permissions" {
	id=$(fixture shm-create --mode 0600)
	fixture set shm "$id" --mode 0444
	assert_equal "$(sysvipc_field shm "$id" perms)" 444
}

# --- System V message queues ----------------------------------------------------

@test "msg-create: key and mode as ipcs, lsipc and /proc show them" {
	id=$(fixture msg-create --key 0xabc --mode 0620)
	run ipcs -q
	assert_line --regexp "^0x00000abc +$id +root +620 +0 +0 +$"
	assert_equal "$(sysvipc_field msg "$id" key)" 2748
	assert_equal "$(lsipc_col -q "$id" PERMS)" rw--w----
	assert_equal "$(kstat msg "$id" qbytes)" "$(cat /proc/sys/kernel/msgmnb)"
}

@test "msg-send: cbytes, qnum and lspid in ipcs, lsipc and /proc" {
	id=$(fixture msg-create)
	pid=$(run_bg_pid msg-send "$id" 7 hello)
	fixture msg-send "$id" 9 'two words' --count 3
	run ipcs -q
	assert_line --regexp "^0x00000000 +$id +root +644 +32 +4 +$"
	assert_equal "$(sysvipc_field msg "$id" cbytes)" 32
	assert_equal "$(sysvipc_field msg "$id" qnum)" 4
	assert_equal "$(lsipc_col -q "$id" USEDBYTES)" 32
	assert_equal "$(lsipc_col -q "$id" MSGS)" 4
	pid2=$(run_bg_pid msg-send "$id" 1 x)
	assert_equal "$(sysvipc_field msg "$id" lspid)" "$pid2"
	assert_equal "$(lsipc_col -q "$id" LSPID)" "$pid2"
	[ "$pid" != "$pid2" ]
	assert_equal "$(sysvipc_field msg "$id" lrpid)" 0
}

@test "msg-send @FILE sends the file's bytes; msg-recv reads by type" {
	id=$(fixture msg-create)
	printf 'line one\nline two' >"$BATS_TEST_TMPDIR/m"
	fixture msg-send "$id" 2 "@$BATS_TEST_TMPDIR/m"
	fixture msg-send "$id" 1 first
	assert_equal "$(sysvipc_field msg "$id" cbytes)" 22
	run -0 fixture msg-recv "$id" --type 2
	assert_output $'line one\nline two'
	pid=$(run_bg_pid msg-recv "$id")
	assert_equal "$(sysvipc_field msg "$id" lrpid)" "$pid"
	assert_equal "$(lsipc_col -q "$id" LRPID)" "$pid"
	assert_equal "$(sysvipc_field msg "$id" qnum)" 0
	run -1 fixture msg-recv "$id"
	assert_output --partial "No message of desired type"
}

@test "msg-send fails without blocking when the queue is full" {
	id=$(fixture msg-create)
	fixture msg-setqbytes "$id" 10
	fixture msg-send "$id" 1 0123456789
	run -1 fixture msg-send "$id" 1 x
	assert_output --partial "msgsnd($id): Resource temporarily unavailable"
}

@test "msg-recv --wait blocks until a message comes; --hold keeps the receiver" {
	id=$(fixture msg-create)
	bg_hold msg-recv "$id" --wait --hold
	fixture msg-send "$id" 3 late
	wait_until grep -qx late "$HOLD_FILE"
	assert_equal "$(sysvipc_field msg "$id" lrpid)" "$HOLD_PID"
	pid_alive "$HOLD_PID"
}

@test "msg-setqbytes: QBYTES in ipcs -q -i" {
	id=$(fixture msg-create)
	fixture msg-setqbytes "$id" 1000
	run ipcs -q -i "$id"
	assert_output --regexp "qbytes=1000"
	fixture set msg "$id" --qbytes 2000
	assert_equal "$(kstat msg "$id" qbytes)" 2000
}

@test "fixture stat msg: every field equals /proc/sysvipc/msg" {
	id=$(setpriv --reuid=4243 --regid=4244 --clear-groups \
		"$PYTHON" "$FIXTURE" msg-create --key 0x80000002 --mode 0666)
	fixture set msg "$id" --uid 4241 --gid 4242 --mode 0662 --qbytes 4321
	fixture msg-send "$id" 1 abc --count 5
	fixture msg-recv "$id"
	run fixture stat msg "$id"
	for f in uid gid cuid cgid perms cbytes qnum lspid lrpid stime rtime ctime; do
		assert_line "$f=$(sysvipc_field msg "$id" "$f")"
	done
	assert_line key=0x80000002
	assert_line "key=$(key_hex "$(sysvipc_field msg "$id" key)")"
	assert_line uid=4241
	assert_line gid=4242
	assert_line cuid=4243
	assert_line cgid=4244
	assert_line mode=0662
	assert_line cbytes=12
	assert_line qnum=4
	assert_line qbytes=4321
	run ipcs -q -i "$id"
	assert_output --regexp "cbytes=12.qbytes=4321.qnum=4"
}

# --- System V semaphores ----------------------------------------------------------

@test "sem-create: key, mode and nsems as ipcs, lsipc and /proc show them" {
	id=$(fixture sem-create --key 0x77 --nsems 3 --mode 0660)
	run ipcs -s
	assert_line --regexp "^0x00000077 +$id +root +660 +3 +$"
	assert_equal "$(sysvipc_field sem "$id" nsems)" 3
	assert_equal "$(lsipc_col -s "$id" NSEMS)" 3
	assert_equal "$(kstat sem "$id" otime)" 0
}

@test "sem-setval and sem-op: values and PIDs in ipcs -s -i" {
	id=$(fixture sem-create --nsems 3)
	# Linux records the SETVAL caller as sempid, but leaves otime alone.
	pid=$(run_bg_pid sem-setval "$id" 1 5)
	assert_equal "$(ipcs_sem_row "$id" 1)" "5 0 0 $pid"
	assert_equal "$(kstat sem "$id" otime)" 0
	pid=$(run_bg_pid sem-op "$id" 2 4)
	pid2=$(run_bg_pid sem-op "$id" 1 -2)
	assert_equal "$(ipcs_sem_row "$id" 0)" "0 0 0 0"
	assert_equal "$(ipcs_sem_row "$id" 1)" "3 0 0 $pid2"
	assert_equal "$(ipcs_sem_row "$id" 2)" "4 0 0 $pid"
	[ "$(sysvipc_field sem "$id" otime)" -gt 0 ]
	run -1 fixture sem-op "$id" 0 -1
	assert_output --partial "Resource temporarily unavailable"
}

@test "sem-op --wait: NCNT while blocked, released by another op" {
	id=$(fixture sem-create --nsems 2)
	bg_hold sem-op "$id" 1 -1 --wait
	wait_until test "$(kstat sem "$id" semncnt.1)" = 1
	assert_equal "$(ipcs_sem_row "$id" 1)" "0 1 0 0"
	waiter=$HOLD_PID
	fixture sem-op "$id" 1 1
	wait_until dead "$waiter"
	assert_equal "$(kstat sem "$id" semncnt.1)" 0
	assert_equal "$(kstat sem "$id" sempid.1)" "$waiter"
}

@test "sem-op 0 --wait: ZCNT while blocked" {
	id=$(fixture sem-create --nsems 1)
	pid=$(run_bg_pid sem-setval "$id" 0 1)
	bg_hold sem-op "$id" 0 0 --wait
	wait_until test "$(kstat sem "$id" semzcnt.0)" = 1
	assert_equal "$(ipcs_sem_row "$id" 0)" "1 0 1 $pid"
}

@test "sem-op --hold: the last operator stays alive" {
	id=$(fixture sem-create --nsems 1)
	bg_hold sem-op "$id" 0 2 --hold
	assert_equal "$(kstat sem "$id" sempid.0)" "$HOLD_PID"
	pid_alive "$HOLD_PID"
}

@test "fixture stat sem: every field equals /proc/sysvipc/sem" {
	id=$(setpriv --reuid=4243 --regid=4244 --clear-groups \
		"$PYTHON" "$FIXTURE" sem-create --key 0x7fffffff --nsems 4 --mode 0666)
	fixture set sem "$id" --uid 4241 --gid 4242 --mode 0640
	fixture sem-op "$id" 3 9
	run fixture stat sem "$id"
	for f in uid gid cuid cgid perms nsems otime ctime; do
		assert_line "$f=$(sysvipc_field sem "$id" "$f")"
	done
	assert_line key=0x7fffffff
	assert_line "key=$(key_hex "$(sysvipc_field sem "$id" key)")"
	assert_line uid=4241
	assert_line cuid=4243
	assert_line cgid=4244
	assert_line nsems=4
	assert_line semval.3=9
	assert_line semval.0=0
	run ipcs -s -i "$id"
	assert_line --regexp "^uid=4241.*gid=4242.*cuid=4243.*cgid=4244"
}

# --- POSIX ------------------------------------------------------------------------

@test "pshm-create: a file of SIZE bytes and MODE in /dev/shm" {
	fixture pshm-create /obj 1234 --mode 0600
	fixture pshm-create plain 0
	run stat -c '%n %s %a %F' /dev/shm/obj /dev/shm/plain
	assert_line '/dev/shm/obj 1234 600 regular file'
	assert_line '/dev/shm/plain 0 644 regular empty file'
	run -1 fixture pshm-create obj 1
	assert_output --partial "File exists"
}

@test "pmq-create and pmq-send: the queue in /dev/mqueue, its QSIZE" {
	fixture pmq-create /q1 --mode 0640
	fixture pmq-create q2 --maxmsg 2 --msgsize 16
	run stat -c '%n %a' /dev/mqueue/q1 /dev/mqueue/q2
	assert_line '/dev/mqueue/q1 640'
	assert_line '/dev/mqueue/q2 644'
	fixture pmq-send q1 hello --count 3 --prio 2
	run cat /dev/mqueue/q1
	assert_output --regexp '^QSIZE:15 '
	# --maxmsg and --msgsize took: a third message or a long one is refused.
	fixture pmq-send q2 x --count 2
	run -1 fixture pmq-send q2 x
	assert_output --partial "Resource temporarily unavailable"
	run -1 fixture pmq-send /q2 01234567890123456
	assert_output --partial "Message too long"
}

@test "psem-create: sem.NAME in /dev/shm holding VALUE" {
	fixture psem-create /s1 7 --mode 0600
	fixture psem-create s2 0
	run stat -c '%n %a %s' /dev/shm/sem.s1 /dev/shm/sem.s2
	assert_line '/dev/shm/sem.s1 600 32'
	assert_line '/dev/shm/sem.s2 644 32'
	# glibc's 64-bit sem_t: the value is the low 32 bits of the first word.
	run od -An -tu4 -N4 /dev/shm/sem.s1
	assert_output --regexp '^ *7$'
}

# --- fixture errors ---------------------------------------------------------------

@test "fixture: failures exit 1 with a message, print nothing" {
	fixture shm-create --key 0x99 >/dev/null
	run -1 fixture shm-create --key 0x99
	assert_output "fixture: shmget(0x00000099): File exists"
	run -1 fixture stat shm 99999
	assert_output "fixture: shmctl(99999, IPC_STAT): Invalid argument"
	run -1 fixture shm-create --key 0x1zz
	assert_output "fixture: bad key: '0x1zz'"
	run -1 fixture shm-create --key 0x100000000
	assert_output "fixture: key out of range: '0x100000000'"
	run -1 fixture shm-create --mode 0800
	assert_output "fixture: bad mode: '0800'"
	run -1 fixture sem-create
	assert_output --partial "required: --nsems"
	run -1 fixture no-such-command
	assert_output --partial "invalid choice"
}

# --- common.bash helpers ------------------------------------------------------------

@test "wait_until polls until success, and gives up after WAIT_TIMEOUT" {
	touch "$BATS_TEST_TMPDIR/flag"
	wait_until test -e "$BATS_TEST_TMPDIR/flag"
	start=$SECONDS
	WAIT_TIMEOUT=1 run -1 wait_until false
	assert_output --partial "wait_until: timed out after 1 s: false"
	[ $((SECONDS - start)) -le 3 ]
}

@test "bg_hold reports a holder that dies instead of waiting" {
	start=$SECONDS
	run -1 bg_hold shm-attach 99999 --hold
	assert_output --partial "shmat(99999): Invalid argument"
	[ $((SECONDS - start)) -le 3 ]
}

@test "kill_holders stops every holder; pid_alive tells zombies from the living" {
	id=$(fixture shm-create)
	bg_hold shm-attach "$id" --hold
	a=$HOLD_PID
	bg_hold shm-attach "$id" --hold
	b=$HOLD_PID
	assert_equal "$(kstat shm "$id" nattch)" 2
	kill_holders
	refute pid_alive "$a"
	refute pid_alive "$b"
	assert_equal "$(kstat shm "$id" nattch)" 0
	# A zombie is not alive: the child of a parent that never reaps it
	# (sh exec-ing sleep).
	sh -c 'sleep 0 & echo $! >"$1"; exec sleep 60' sh "$BATS_TEST_TMPDIR/z" 3>&- &
	parent=$!
	wait_until test -s "$BATS_TEST_TMPDIR/z"
	z=$(cat "$BATS_TEST_TMPDIR/z")
	wait_until zombie "$z"
	refute pid_alive "$z"
	pid_alive "$parent"
	kill "$parent"
	wait "$parent" || true
}

@test "ipc_reset empties the namespace" {
	fixture shm-create --key 1 >/dev/null
	fixture msg-create --key 2 >/dev/null
	fixture sem-create --key 3 --nsems 1 >/dev/null
	fixture pshm-create a 1
	fixture pmq-create b
	fixture psem-create c 1
	ipc_reset
	for t in shm msg sem; do
		assert_equal "$(wc -l <"/proc/sysvipc/$t")" 1
	done
	assert_equal "$(find /dev/shm /dev/mqueue -mindepth 1 | wc -l)" 0
}

@test "kstat fails on a missing resource or field" {
	id=$(fixture sem-create --nsems 1)
	run -1 kstat sem "$id" nosuchfield
	assert_output --partial "no field 'nosuchfield'"
	run -1 kstat sem 424242 nsems
}
