#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 21-show-waiters: "show sem" and "show msg" name the processes blocked on
# the resource (PID, command, which semaphore and for what, send or
# receive and msgtyp), in text and -J; --pid matches a process blocked on
# a resource.  The blocked processes are real: python3 (tests/fixture)
# and perl calling semop, msgsnd and msgrcv through libc.  That they are
# blocked, and where, is checked against the kernel: /proc/PID/wchan and
# ipcs -s -i's ncount and zcount.

load common

# jget EXPR: evaluate a Python expression over the JSON in $output (as d);
# strings print as they are, everything else as JSON.
jget() {
	"$PYTHON" -c '
import json, sys
d = json.loads(sys.stdin.read())
v = eval(sys.argv[1])
print(v if isinstance(v, str) else json.dumps(v))' "$1" <<<"$output"
}

# blocked_in PID FUNC: the kernel has PID asleep in FUNC (its wchan).
blocked_in() {
	[[ $(cat "/proc/$1/wchan" 2>/dev/null) == *"$2" ]]
}

# semcnt ID SEMNUM COLUMN: ncount (4) or zcount (5) of ipcs -s -i.
semcnt() {
	ipcs -s -i "$1" | awk -v n="$2" -v c="$3" '$1 == n && NF >= 5 { print $c }'
}

# perl_bg CODE: run perl CODE in the background; sets HOLD_PID.
perl_bg() {
	perl -e "$1" </dev/null >/dev/null 2>&1 3>&- &
	HOLD_PID=$!
	HOLD_PIDS+=("$HOLD_PID")
}

@test "show sem: a process blocked decrementing, its semaphore, op and command" {
	local id
	id=$(fixture sem-create --nsems 3)
	bg_hold sem-op "$id" 2 -3 --wait
	wait_until blocked_in "$HOLD_PID" do_semtimedop
	wait_until bash -c "[[ \$(ipcs -s -i $id | awk '\$1 == 2 { print \$3 }') == 1 ]]"
	run ipctool show sem "$id"
	assert_success
	assert_line 'waiting processes: 1'
	assert_line --regexp '^ *PID SEMNUM WAITS FOR +OP COMMAND$'
	assert_line --regexp "^ *$HOLD_PID +2 decrement +-3 .*fixture sem-op $id 2 -3 --wait$"
	# The kernel's count agrees: one waiting to decrement semaphore 2.
	assert_equal "$(semcnt "$id" 2 3)" 1
	assert_equal "$(semcnt "$id" 0 3)" 0
}

@test "show sem: a wait for zero, told from a decrement, in a multi-op semop" {
	local id
	id=$(fixture sem-create --nsems 3)
	fixture sem-setval "$id" 1 4
	fixture sem-setval "$id" 0 1
	# perl: decrement 0 (can be done), then wait for 1 to be zero.
	perl_bg "semop($id, pack('s!*', 0, -1, 0, 1, 0, 0)) or die"
	wait_until blocked_in "$HOLD_PID" do_semtimedop
	wait_until bash -c "[[ \$(ipcs -s -i $id | awk '\$1 == 1 { print \$4 }') == 1 ]]"
	run ipctool show sem "$id"
	assert_success
	assert_line 'waiting processes: 1'
	assert_line --regexp "^ *$HOLD_PID +1 zero +0 perl -e semop"
	run ipctool show sem "$id" -J
	assert_success
	assert_equal "$(jget 'len(d["waiters"])')" 1
	assert_equal "$(jget 'd["waiters"][0]["pid"]')" "$HOLD_PID"
	assert_equal "$(jget 'd["waiters"][0]["semnum"]')" 1
	assert_equal "$(jget 'd["waiters"][0]["waits_for"]')" zero
	assert_equal "$(jget 'd["waiters"][0]["op"]')" 0
	assert_equal "$(jget 'd["waiters"][0]["command"]')" \
	    "perl -e semop($id, pack('s!*', 0, -1, 0, 1, 0, 0)) or die"
	assert_equal "$(jget 'd["waiters_complete"]')" true
	# Once it may go on, it no longer waits.
	fixture sem-setval "$id" 1 0
	wait_until bash -c "! kill -0 $HOLD_PID 2>/dev/null || ! grep -q semtimedop /proc/$HOLD_PID/wchan"
	run ipctool show sem "$id"
	assert_line 'waiting processes: none'
}

@test "show sem -J: two waiters, each on its semaphore" {
	local id a b
	id=$(fixture sem-create --nsems 2)
	bg_hold sem-op "$id" 0 -1 --wait
	a=$HOLD_PID
	fixture sem-setval "$id" 1 2
	bg_hold sem-op "$id" 1 0 --wait
	b=$HOLD_PID
	wait_until blocked_in "$a" do_semtimedop
	wait_until blocked_in "$b" do_semtimedop
	wait_until bash -c "[[ \$(ipcs -s -i $id | awk '\$1 == 1 { print \$4 }') == 1 ]]"
	run ipctool show sem "$id" -J
	assert_success
	assert_equal "$(jget '[(w["pid"], w["semnum"], w["waits_for"], w["op"]) for w in d["waiters"]]')" \
	    "[[$a, 0, \"decrement\", -1], [$b, 1, \"zero\", 0]]"
	assert_equal "$(semcnt "$id" 0 3)" 1
	assert_equal "$(semcnt "$id" 1 4)" 1
}

@test "show msg: a reader blocked in msgrcv, with its msgtyp, and a writer on a full queue" {
	local q r w
	q=$(fixture msg-create)
	bg_hold msg-recv "$q" --type 7 --wait
	r=$HOLD_PID
	wait_until blocked_in "$r" do_msgrcv
	# A full queue: 8 bytes of 8, so the next msgsnd blocks.
	fixture msg-setqbytes "$q" 8
	fixture msg-send "$q" 1 12345678 >/dev/null
	perl_bg "msgsnd($q, pack('l! a*', 3, 'more'), 0) or die"
	w=$HOLD_PID
	wait_until blocked_in "$w" do_msgsnd
	assert_equal "$(kstat msg "$q" cbytes)" 8
	run ipctool show msg "$q"
	assert_success
	assert_line 'waiting processes: 2'
	assert_line --regexp '^ *PID CALL +MSGTYP COMMAND$'
	assert_line --regexp "^ *$r receive +7 .*fixture msg-recv $q --type 7 --wait$"
	assert_line --regexp "^ *$w send +- perl -e msgsnd"
	run ipctool show msg "$q" -J
	assert_success
	assert_equal "$(jget '[(w["pid"], w["call"], w["msgtyp"]) for w in sorted(d["waiters"], key=lambda w: w["pid"])]')" \
	    "$(
		if ((r < w)); then
			echo "[[$r, \"receive\", 7], [$w, \"send\", null]]"
		else
			echo "[[$w, \"send\", null], [$r, \"receive\", 7]]"
		fi
	    )"
	assert_equal "$(jget 'd["waiters_complete"]')" true
}

@test "show msg: a negative msgtyp (the lowest type up to |n|) is kept signed" {
	local q
	q=$(fixture msg-create)
	perl_bg "msgrcv($q, my \$b, 64, -5, 0) or die"
	wait_until blocked_in "$HOLD_PID" do_msgrcv
	run ipctool show msg "$q"
	assert_line --regexp "^ *$HOLD_PID receive +-5 perl -e msgrcv"
	run ipctool show msg "$q" -J
	assert_equal "$(jget 'd["waiters"][0]["msgtyp"]')" -5
}

@test "show msg, --stale: a thread that is not the first, blocked in msgrcv, is a waiter" {
	local q tid
	q=$(fixture msg-create --key 0x2201)
	# The last sender is gone and nothing was ever received: stale, but
	# for the thread still waiting for a message of type 5.
	fixture msg-send "$q" 1 gone >/dev/null
	py_holder "import threading
t = threading.Thread(target=lambda: libc.msgrcv($q, ctypes.create_string_buffer(64), 32, ctypes.c_long(5), 0), daemon=True)
t.start()"
	# The kernel has that thread, not the first, asleep in msgrcv.
	wait_until bash -c "grep -l do_msgrcv /proc/$HOLD_PID/task/*/wchan 2>/dev/null | grep -qv '/task/$HOLD_PID/'"
	[[ $(cat "/proc/$HOLD_PID/wchan") != *do_msgrcv ]]
	run ipctool show msg "$q"
	assert_success
	assert_line 'waiting processes: 1'
	assert_line --regexp "^ *$HOLD_PID receive +5 "
	assert_line --regexp '^stale: +not stale: a process is blocked in msgsnd/msgrcv on it$'
	run ipctool list -q -rn --stale -o ID
	assert_success
	assert_output ''
	# Once the thread has its message, the queue is stale as the rules say.
	fixture msg-send "$q" 5 wake >/dev/null
	wait_until bash -c "! grep -q do_msgrcv /proc/$HOLD_PID/task/*/wchan"
	kill_holders
	run ipctool list -q -rn --stale -o ID
	assert_output "$q"
}

@test "show msg and sem: nobody waiting says none, -J an empty array" {
	local q s
	q=$(fixture msg-create)
	s=$(fixture sem-create --nsems 1)
	# A process asleep in another call is no waiter.
	bg_hold shm-create --hold
	run ipctool show msg "$q"
	assert_success
	assert_line 'waiting processes: none'
	run ipctool show sem "$s"
	assert_line 'waiting processes: none'
	run ipctool show msg "$q" -J
	assert_equal "$(jget 'd["waiters"]')" '[]'
	assert_equal "$(jget 'd["waiters_complete"]')" true
}

@test "show: a waiter on another queue or set is not this one's" {
	local q1 q2
	q1=$(fixture msg-create)
	q2=$(fixture msg-create)
	bg_hold msg-recv "$q2" --wait
	wait_until blocked_in "$HOLD_PID" do_msgrcv
	run ipctool show msg "$q1"
	assert_line 'waiting processes: none'
	run ipctool show msg "$q2"
	assert_line 'waiting processes: 1'
}

@test "show: waiters other users' processes hide are not claimed to be none" {
	local q
	q=$(fixture msg-create --mode 0666)
	bg_hold msg-recv "$q" --wait
	wait_until blocked_in "$HOLD_PID" do_msgrcv
	# nobody cannot read root's /proc/PID/syscall.
	run setpriv --reuid 65534 --regid 65534 --clear-groups \
	    "$IPCTOOL" show msg "$q"
	assert_success
	assert_line 'waiting processes: 0 visible (processes this user cannot inspect may wait too)'
	refute_line 'waiting processes: none'
	run setpriv --reuid 65534 --regid 65534 --clear-groups \
	    "$IPCTOOL" show msg "$q" -J
	assert_equal "$(jget 'd["waiters"]')" '[]'
	assert_equal "$(jget 'd["waiters_complete"]')" false
}

@test "--pid: list, top and rm match a resource the process is blocked on" {
	local q s other
	q=$(fixture msg-create --key 0x2101)
	s=$(fixture sem-create --key 0x3101 --nsems 1)
	other=$(fixture sem-create --key 0x3102 --nsems 1)
	bg_hold msg-recv "$q" --wait
	local r=$HOLD_PID
	bg_hold sem-op "$s" 0 -1 --wait
	local p=$HOLD_PID
	wait_until blocked_in "$r" do_msgrcv
	wait_until blocked_in "$p" do_semtimedop
	# The kernel records no pid for either: only the block tells.
	assert_equal "$(kstat msg "$q" lrpid)" 0
	assert_equal "$(kstat sem "$s" sempid.0)" 0
	run ipctool list -q -rn --pid "$r" -o ID
	assert_success
	assert_output "$q"
	run ipctool list -s -rn --pid "$p" -o ID
	assert_success
	assert_output "$s"
	run ipctool list -s -rn --pid "$r" -o ID
	assert_output ''
	# top's frames filter the same way.
	run ipctool top --batch -n 1 --pid "$p" sem
	assert_success
	assert_output --partial 0x00003101
	refute_output --partial 0x00003102
	run ipctool rm --pid "$p"
	assert_success
	run ipcs -s
	refute_output --partial 0x00003101
	assert_output --partial 0x00003102
}

@test "show sem: malformed ids and types still exit 2, waiters or not" {
	run ipctool show sem x1
	assert_failure 2
	assert_output --partial "invalid id 'x1'"
	run ipctool show sem 99999
	assert_failure 1
	assert_output --partial 'no such resource'
}
