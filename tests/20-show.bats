#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 20-show: "ipctool show TYPE ID|--key KEY": every field of one resource,
# checked against ipcs -i, /proc/sysvipc and the fixture's IPC_STAT; the
# attached processes of a segment (by mapping inode), "k of N visible",
# the original key of a removed segment, per-semaphore rows, and the
# MSG_COPY peek that leaves the queue as it was.

load common

NOBODY=(setpriv --reuid 65534 --regid 65534 --clear-groups)

# field NAME: the value of the "NAME: value" line of $output.
field() {
	sed -n "s/^$1: *//p" <<<"$output" | head -1
}

# jget EXPR: evaluate a Python expression over the JSON in $output (as d);
# strings print as they are, everything else as JSON.
jget() {
	"$PYTHON" -c '
import json, sys
d = json.loads(sys.stdin.read())
v = eval(sys.argv[1])
print(v if isinstance(v, str) else json.dumps(v))' "$1" <<<"$output"
}

# ipcs_i TYPEFLAG ID NAME: a "name=value" of `ipcs TYPEFLAG -i ID`.
ipcs_i() {
	ipcs "$1" -i "$2" | tr '\t' '\n' | sed -n "s/^ *$3 *= *//p" | sed 's/ *$//' | head -1
}

# hold_as_nobody ARGS...: like bg_hold, with the fixture running as nobody.
hold_as_nobody() {
	local out=$BATS_TEST_TMPDIR/nobody.${#HOLD_PIDS[@]}
	"${NOBODY[@]}" "$PYTHON" "$FIXTURE" "$@" >"$out" 2>&1 </dev/null 3>&- &
	HOLD_PID=$!
	HOLD_PIDS+=("$HOLD_PID")
	wait_until grep -qx ready "$out"
	HOLD_OUT=$(sed '/^ready$/,$d' "$out")
}

# hold_twice SHMID: one process attaching the segment twice, then holding;
# HOLD_PID is its pid, HOLD_OUT its two addresses.
hold_twice() {
	local out=$BATS_TEST_TMPDIR/twice
	"$PYTHON" -c '
import ctypes, sys, signal
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
for _ in range(2):
    a = libc.shmat(int(sys.argv[1]), None, 0)
    if a in (None, ctypes.c_void_p(-1).value):
        sys.exit("shmat failed")
    print("0x%x" % a)
print("ready", flush=True)
signal.pause()' "$1" >"$out" 2>&1 </dev/null 3>&- &
	HOLD_PID=$!
	HOLD_PIDS+=("$HOLD_PID")
	wait_until grep -qx ready "$out"
	HOLD_OUT=$(sed '/^ready$/,$d' "$out")
}

# --- shared memory -------------------------------------------------------------

@test "show shm: every field as ipcs -m -i and /proc/sysvipc give it" {
	id=$(fixture shm-create --key 0x162e --size 10000 --mode 640)
	bg_hold shm-attach "$id" --hold
	run ipctool show shm "$id"
	assert_success
	[ "$(field type)" = shm ]
	[ "$(field key)" = "$(key_hex "$(sysvipc_field shm "$id" key)")" ]
	[ "$(field key)" = 0x0000162e ]
	[ "$(field id)" = "$id" ]
	[ "$(field size)" = "10000 (9.8K)" ]
	[ "$(field size)" = "$(ipcs_i -m "$id" bytes) (9.8K)" ]
	[ "$(field nattch)" = "$(ipcs_i -m "$id" nattch)" ]
	[ "$(field nattch)" = 1 ]
	[ "$(field cpid)" = "$(ipcs_i -m "$id" cpid)" ]
	[ "$(field lpid)" = "$HOLD_PID" ]
	[ "$(field lpid)" = "$(sysvipc_field shm "$id" lpid)" ]
	[ "$(field perms)" = "rw-r----- (640)" ]
	[ "$(field ctime)" = "$(ipcs_i -m "$id" change_time)" ]
	[ "$(field attach)" = "$(ipcs_i -m "$id" att_time)" ]
	[ "$(field detach)" = - ]
	[ "$(field rss)" = "$(sysvipc_field shm "$id" rss)" ]
	[ "$(field owner)" = root ]
	[ "$(field attached)" = "$HOLD_PID" ]
	# Every shm list column is there, and the attachment table follows.
	for c in cuid cuser cgid cgroup uid user gid group status command swap stale ns; do
		grep -q "^$c:" <<<"$output"
	done
	assert_line "attached processes: 1"
	assert_line --regexp "^ *PID USER +ADDRESS +COMMAND$"
	start=${HOLD_OUT#0x}
	assert_line --regexp "^ *$HOLD_PID root +$start-[0-9a-f]+ .*fixture shm-attach $id --hold$"
}

@test "show shm -J: one object with the list columns and the attachments" {
	id=$(fixture shm-create --key 0x51 --size 4096)
	bg_hold shm-attach "$id" --hold
	holder=$HOLD_PID addr=$HOLD_OUT
	run ipctool show shm "$id" -J
	assert_success
	"$PYTHON" -m json.tool <<<"$output" >/dev/null
	[ "$(jget 'd["type"]')" = shm ]
	[ "$(jget 'd["key"]')" = 0x00000051 ]
	[ "$(jget 'd["id"]')" = "$id" ]
	[ "$(jget 'd["size"]')" = 4096 ]
	[ "$(jget 'd["nattch"]')" = "$(kstat shm "$id" nattch)" ]
	[ "$(jget 'd["cpid"]')" = "$(kstat shm "$id" cpid)" ]
	[ "$(jget 'd["lpid"]')" = "$holder" ]
	[ "$(jget 'd["ctime"]')" = "$(kstat shm "$id" ctime)" ]
	[ "$(jget 'd["attach"]')" = "$(kstat shm "$id" atime)" ]
	[ "$(jget 'd["detach"]')" = null ]
	[ "$(jget 'd["perms"]')" = rw-r--r-- ]
	[ "$(jget 'd["status"]')" = "" ]
	[ "$(jget 'len(d["attached"])')" = 1 ]
	[ "$(jget 'd["attached"][0]["pid"]')" = "$holder" ]
	[ "$(jget 'd["attached"][0]["user"]')" = root ]
	[ "$(jget 'hex(d["attached"][0]["start"])')" = "$addr" ]
	[ "$(jget 'd["attached"][0]["end"] - d["attached"][0]["start"]')" = 4096 ]
	[[ $(jget 'd["attached"][0]["command"]') == *"fixture shm-attach $id --hold" ]]
	# "attached" is the array, not also the ATTACHED pid list.
	[ "$(grep -c '"attached"' <<<"$output")" = 1 ]
}

@test "show shm: two private segments are told apart by the mapping inode" {
	a=$(fixture shm-create --private --size 4096)
	b=$(fixture shm-create --private --size 4096)
	bg_hold shm-attach "$a" --hold
	pa=$HOLD_PID
	bg_hold shm-attach "$b" --hold
	pb=$HOLD_PID
	# Both mappings are named SYSV00000000.
	grep -q 'SYSV00000000' "/proc/$pa/maps"
	grep -q 'SYSV00000000' "/proc/$pb/maps"
	run ipctool show shm "$a"
	assert_success
	assert_line --regexp "^ *$pa root "
	refute_line --regexp "^ *$pb "
	[ "$(field attached)" = "$pa" ]
	run ipctool show shm "$b" -J
	assert_success
	[ "$(jget '[x["pid"] for x in d["attached"]]')" = "[$pb]" ]
}

@test "show shm: NATTCH counts attaches, one row per mapping" {
	id=$(fixture shm-create --private --size 8192)
	hold_twice "$id"
	[ "$(kstat shm "$id" nattch)" = 2 ]
	run ipctool show shm "$id"
	assert_success
	assert_line "attached processes: 2"
	[ "$(grep -cE "^ *$HOLD_PID root " <<<"$output")" = 2 ]
	for a in $HOLD_OUT; do
		assert_line --regexp "^ *$HOLD_PID root +${a#0x}-"
	done
	[ "$(field attached)" = "$HOLD_PID" ]
}

@test "show shm: k of N visible when other users' maps cannot be read" {
	id=$(fixture shm-create --private --size 4096 --mode 666)
	bg_hold shm-attach "$id" --hold
	root_holder=$HOLD_PID
	hold_as_nobody shm-attach "$id" --hold
	nobody_holder=$HOLD_PID
	[ "$(kstat shm "$id" nattch)" = 2 ]
	run "${NOBODY[@]}" "$IPCTOOL" show shm "$id"
	assert_success
	assert_line --partial "attached processes: 1 of 2 visible"
	assert_line --regexp "^ *$nobody_holder nobody "
	refute_line --regexp "^ *$root_holder "
	# root sees both.
	run ipctool show shm "$id"
	assert_line "attached processes: 2"
	assert_line --regexp "^ *$root_holder root "
	assert_line --regexp "^ *$nobody_holder nobody "
}

@test "show shm: k of N visible from another PID namespace" {
	id=$(fixture shm-create --private --size 4096)
	bg_hold shm-attach "$id" --hold
	# ipctool in a child PID namespace with its own /proc: same IPC
	# namespace, but the holder's pid is not in its /proc.
	run unshare --pid --fork --mount --mount-proc "$IPCTOOL" show shm "$id"
	assert_success
	[ "$(field nattch)" = 1 ]
	assert_line --partial "attached processes: 0 of 1 visible"
	run unshare --pid --fork --mount --mount-proc "$IPCTOOL" show shm "$id" -J
	[ "$(jget 'd["attached"]')" = "[]" ]
	[ "$(jget 'd["nattch"]')" = 1 ]
}

# hold_in_new_ipcns N: in a new IPC namespace, create a private segment
# (id 0: the namespace's first) and hold it attached; HOLD_PID is the
# holder, which keeps the namespace alive.
hold_in_new_ipcns() {
	local out=$BATS_TEST_TMPDIR/ipcns.$1
	unshare --ipc sh -c 'id=$("$0" "$1" shm-create --private --size 4096) &&
		exec "$0" "$1" shm-attach "$id" --hold' "$PYTHON" "$FIXTURE" \
		>"$out" 2>&1 </dev/null 3>&- &
	HOLD_PID=$!
	HOLD_PIDS+=("$HOLD_PID")
	wait_until grep -qx ready "$out"
}

@test "show shm: a mapping of the same shmid in another IPC namespace is not counted" {
	hold_in_new_ipcns a
	pa=$HOLD_PID
	hold_in_new_ipcns b
	pb=$HOLD_PID
	[ "$(readlink /proc/$pa/ns/ipc)" != "$(readlink /proc/$pb/ns/ipc)" ]
	# Both map a segment whose inode (shmid) is 0.
	[ "$(awk '/SYSV/ { print $5 }' /proc/$pa/maps)" = 0 ]
	[ "$(awk '/SYSV/ { print $5 }' /proc/$pb/maps)" = 0 ]
	run ipctool -N "$pa" show shm 0
	assert_success
	assert_line "attached processes: 1"
	assert_line --regexp "^ *$pa root "
	refute_line --regexp "^ *$pb "
	run ipctool -N "$pb" show shm 0 -J
	assert_success
	[ "$(jget '[x["pid"] for x in d["attached"]]')" = "[$pb]" ]
}

@test "show shm: a segment removed while attached shows its original key" {
	id=$(fixture shm-create --key 0x162e --size 4096)
	bg_hold shm-attach "$id" --hold
	fixture shm-rm "$id"
	[ "$(kstat shm "$id" dest)" = 1 ]
	[ "$(sysvipc_field shm "$id" key)" = 0 ]
	run ipctool show shm "$id"
	assert_success
	[ "$(field key)" = "0x00000000 (was 0x0000162e before removal)" ]
	[ "$(field status)" = dest ]
	assert_line --regexp "^ *$HOLD_PID root "
	run ipctool show shm "$id" -J
	[ "$(jget 'd["key"]')" = 0x00000000 ]
	[ "$(jget 'd["original_key"]')" = 0x0000162e ]
	[ "$(jget 'd["status"]')" = dest ]
}

@test "show shm: an unattached segment says none" {
	id=$(fixture shm-create --key 0x77 --size 4096)
	run ipctool show shm "$id"
	assert_success
	assert_line "attached processes: none"
	run ipctool show shm "$id" -J
	[ "$(jget 'd["attached"]')" = "[]" ]
}

@test "show --key finds shm, msg and sem; info is an alias" {
	s=$(fixture shm-create --key 0x1234 --size 4096)
	q=$(fixture msg-create --key 0x1234)
	m=$(fixture sem-create --nsems 2 --key 0x1234)
	run ipctool show shm --key 0x1234
	assert_success
	[ "$(field id)" = "$s" ]
	run ipctool info msg --key 4660
	assert_success
	[ "$(field id)" = "$q" ]
	run ipctool show -s -k 0x1234 -J
	assert_success
	[ "$(jget 'd["id"]')" = "$m" ]
	[ "$(jget 'd["type"]')" = sem ]
}

@test "show: a missing id or key exits 1, names it, prints nothing" {
	run --separate-stderr ipctool show shm 42
	assert_failure 1
	[ -z "$output" ]
	[ "$stderr" = "ipctool: show: shm 42: no such resource" ]
	run --separate-stderr ipctool show msg --key 0x99 -J
	assert_failure 1
	[ -z "$output" ]
	[ "$stderr" = "ipctool: show: msg key 0x00000099: no such resource" ]
	run --separate-stderr ipctool show sem 7
	assert_failure 1
	[ -z "$output" ]
	[ "$stderr" = "ipctool: show: sem 7: no such resource" ]
}

@test "show: malformed input exits 2 with nothing on stdout" {
	id=$(fixture shm-create --key 0x5 --size 4096)
	local bad=(
		"shm 9x" "shm -1" "shm ''" "shm 99999999999" "shm 0x5"
		"shm --key 0xZZ" "shm --key 0" "shm --key 0x100000000"
		"shm $id --key 0x5" "shm" "shm $id $id" "nosuch $id" "$id"
		"shm $id --messages" "msg $id --messages=0"
		"msg $id --messages=x" "msg $id --messages=-3"
		"shm $id --bogus" "shm $id --time-format=never" "shm $id -k"
		"shm msg $id" "-m -q $id"
	)
	for args in "${bad[@]}"; do
		eval "run --separate-stderr ipctool show $args"
		if [ "$status" -ne 2 ] || [ -n "$output" ] ||
			[[ $stderr != "ipctool: show: "* ]]; then
			echo "show $args: exit $status, stdout '$output', stderr '$stderr'"
			return 1
		fi
	done
}

# --- semaphores ----------------------------------------------------------------

@test "show sem: one row per semaphore as ipcs -s -i and the kernel give it" {
	id=$(fixture sem-create --nsems 3 --key 0x42)
	fixture sem-setval "$id" 1 42
	bg_hold sem-op "$id" 2 5 --hold
	op=$HOLD_PID
	bg_hold sem-op "$id" 0 -1 --wait
	waiter=$HOLD_PID
	wait_until [ "$(kstat sem "$id" semncnt.0)" = 1 ]
	run ipctool show sem "$id"
	assert_success
	[ "$(field nsems)" = 3 ]
	[ "$(field key)" = 0x00000042 ]
	[ "$(field ctime)" = "$(ipcs_i -s "$id" ctime)" ]
	assert_line --regexp "^SEMNUM +VALUE +NCNT +ZCNT +PID COMMAND$"
	assert_line --regexp "^ +0 +0 +1 +0 +0 -$"
	assert_line --regexp "^ +1 +42 +0 +0 +$(kstat sem "$id" sempid.1) -$"
	assert_line --regexp "^ +2 +5 +0 +0 +$op .*fixture sem-op $id 2 5 --hold$"
	# Same values as ipcs prints them.
	for n in 0 1 2; do
		read -r v nc zc p < <(ipcs -s -i "$id" | awk -v n=$n 'f && $1 == n { print $2, $3, $4, $5 } /^semnum/ { f = 1 }')
		assert_line --regexp "^ +$n +$v +$nc +$zc +$p "
	done
	run ipctool show sem "$id" -J
	assert_success
	[ "$(jget 'len(d["semaphores"])')" = 3 ]
	[ "$(jget 'd["semaphores"][1]')" = "$(printf '{"semnum": 1, "value": 42, "ncnt": 0, "zcnt": 0, "pid": %d, "command": null}' "$(kstat sem "$id" sempid.1)")" ]
	[ "$(jget 'd["semaphores"][2]["value"]')" = 5 ]
	[ "$(jget 'd["semaphores"][2]["pid"]')" = "$op" ]
	[[ $(jget 'd["semaphores"][2]["command"]') == *"sem-op $id 2 5 --hold" ]]
	[ "$(jget 'd["semaphores"][0]["ncnt"]')" = 1 ]
	[ "$(jget 'd["nsems"]')" = 3 ]
	kill_hold "$waiter"
}

@test "show sem: unreadable semaphores are reported on their rows, the rest still shown" {
	id=$(fixture sem-create --nsems 2 --key 0x43 --mode 600)
	fixture sem-setval "$id" 0 7
	run --separate-stderr "${NOBODY[@]}" "$IPCTOOL" show sem "$id"
	assert_success
	# The fields come from SEM_STAT_ANY, which needs no read permission.
	[ "$(field nsems)" = 2 ]
	[ "$(field perms)" = "rw------- (600)" ]
	assert_line --regexp "^ +0 +- +- +- +- unreadable: Permission denied$"
	assert_line --regexp "^ +1 +- +- +- +- unreadable: Permission denied$"
	run "${NOBODY[@]}" "$IPCTOOL" show sem "$id" -J
	assert_success
	[ "$(jget 'd["semaphores"][0]')" = '{"semnum": 0, "value": null, "ncnt": null, "zcnt": null, "pid": null, "command": null, "error": "Permission denied"}' ]
	# ipcs gives up on the whole set here.
	run "${NOBODY[@]}" ipcs -s -i "$id"
	refute_output --partial "semnum"
}

@test "show sem: one semaphore failing to read leaves the others shown" {
	command -v strace >/dev/null || fail "strace is needed to inject the error"
	id=$(fixture sem-create --nsems 3 --key 0x47)
	fixture sem-setval "$id" 0 3
	fixture sem-setval "$id" 2 9
	# Make exactly the GETVAL of semaphore 1 fail, as if removed meanwhile.
	# Numbered among the semctl lines alone: anything else on stderr (a
	# note, a tool's message) must not shift the count.
	n=$(strace -qq -e trace=semctl "$IPCTOOL" show sem "$id" 2>&1 >/dev/null |
		grep '^semctl(' | grep -n "^semctl($id, 1, GETVAL" | cut -d: -f1)
	[[ $n =~ ^[0-9]+$ ]]
	run strace -qq -o /dev/null -e trace=semctl \
		-e inject=semctl:error=EIDRM:when="$n" "$IPCTOOL" show sem "$id"
	assert_success
	assert_line --regexp "^ +0 +3 +0 +0 +[0-9]+ -$"
	assert_line --regexp "^ +1 +- +- +- +- unreadable: Identifier removed$"
	assert_line --regexp "^ +2 +9 +0 +0 +[0-9]+ -$"
	run strace -qq -o /dev/null -e trace=semctl \
		-e inject=semctl:error=EIDRM:when="$n" "$IPCTOOL" show sem "$id" -J
	assert_success
	[ "$(jget '[s["value"] for s in d["semaphores"]]')" = "[3, null, 9]" ]
	[ "$(jget 'd["semaphores"][1]["error"]')" = "Identifier removed" ]
}

# --- message queues ------------------------------------------------------------

@test "show msg: queue use against capacity, as ipcs -q -i gives it" {
	id=$(fixture msg-create --key 0x44)
	fixture msg-setqbytes "$id" 1000
	fixture msg-send "$id" 1 "0123456789" --count 5
	run ipctool show msg "$id"
	assert_success
	[ "$(field usedbytes)" = "$(ipcs_i -q "$id" cbytes)" ]
	[ "$(field msgs)" = "$(ipcs_i -q "$id" qnum)" ]
	[ "$(field qbytes)" = "$(ipcs_i -q "$id" qbytes)" ]
	[ "$(field lspid)" = "$(ipcs_i -q "$id" lspid)" ]
	[ "$(field send)" = "$(ipcs_i -q "$id" send_time)" ]
	[ "$(field use%)" = "5.00%" ]
	assert_line "queue use: 50 of 1000 bytes (5.00%), 5 messages"
	refute_line --partial "INDEX"
	run ipctool show msg "$id" -J
	[ "$(jget 'd["qbytes"]')" = 1000 ]
	[ "$(jget 'd["use%"]')" = 5.0 ]
	[ "$(jget '"messages" in d')" = false ]
}

@test "show msg --messages: the first messages, copied, the queue unchanged" {
	id=$(fixture msg-create --key 0x45)
	fixture msg-send "$id" 7 "hello world"
	printf 'bin\001ary\ttab\000nul' >"$BATS_TEST_TMPDIR/bin"
	fixture msg-send "$id" 3 "@$BATS_TEST_TMPDIR/bin"
	long=$(printf 'x%.0s' {1..200})
	fixture msg-send "$id" 99 "$long"
	for i in 1 2 3 4 5 6 7 8 9 10 11; do fixture msg-send "$id" 1 "m$i"; done
	before="$(sysvipc_field msg "$id" qnum) $(sysvipc_field msg "$id" cbytes)"
	[ "$before" = "14 $((11 + 15 + 200 + 9 * 2 + 2 * 3))" ]
	ipcs_before=$(ipcs -q -i "$id" | grep -E '^cbytes')

	run ipctool show msg "$id" --messages
	assert_success
	assert_line "messages: first 10 of 14, copied without removing them"
	assert_line --regexp "^INDEX +TYPE +SIZE TEXT$"
	assert_line --regexp "^ +0 +7 +11 hello world$"
	assert_line --regexp '^ +1 +3 +15 bin\\001ary\\ttab\\000nul$'
	assert_line --regexp "^ +2 +99 +200 x{60}\.\.\.$"
	assert_line --regexp "^ +9 +1 +2 m7$"
	refute_line --regexp "m8$"
	[ "$(sysvipc_field msg "$id" qnum) $(sysvipc_field msg "$id" cbytes)" = "$before" ]
	[ "$(ipcs -q -i "$id" | grep -E '^cbytes')" = "$ipcs_before" ]

	run ipctool show msg "$id" --messages=2 -J
	assert_success
	"$PYTHON" -m json.tool <<<"$output" >/dev/null
	[ "$(jget 'len(d["messages"])')" = 2 ]
	[ "$(jget 'd["messages"][0]')" = '{"type": 7, "size": 11, "text": "hello world"}' ]
	[ "$(jget 'd["messages"][1]["text"] == "bin\x01ary\ttab\x00nul"')" = true ]
	[ "$(jget 'd["messages"][1]["size"]')" = 15 ]
	[ "$(jget 'd["msgs"]')" = 14 ]

	run ipctool show msg "$id" --messages=100
	assert_line "messages: first 14 of 14, copied without removing them"
	[ "$(sysvipc_field msg "$id" qnum) $(sysvipc_field msg "$id" cbytes)" = "$before" ]
	# The queue still delivers them in order.
	run fixture msg-recv "$id"
	assert_output --partial "hello world"
}

@test "show msg --messages: an empty queue, and a queue the user cannot read" {
	id=$(fixture msg-create --key 0x46 --mode 600)
	run ipctool show msg "$id" --messages
	assert_success
	assert_line "messages: none"
	fixture msg-send "$id" 1 secret
	run "${NOBODY[@]}" "$IPCTOOL" show msg "$id" --messages
	assert_success
	[ "$(field msgs)" = 1 ]
	assert_line "messages: cannot be read: no read permission on the queue (Permission denied)"
	refute_output --partial secret
	run "${NOBODY[@]}" "$IPCTOOL" show msg "$id" --messages -J
	assert_success
	[ "$(jget 'd["messages"]')" = null ]
	[ "$(jget 'd["messages_error"]')" = "Permission denied" ]
	[ "$(sysvipc_field msg "$id" qnum)" = 1 ]
}

@test "show msg --messages: a kernel without MSG_COPY gets a clear note" {
	command -v strace >/dev/null || fail "strace is needed to inject the error"
	id=$(fixture msg-create --key 0x48)
	fixture msg-send "$id" 1 hello
	# msgrcv(..., MSG_COPY) is ENOSYS without CONFIG_CHECKPOINT_RESTORE.
	run strace -qq -o /dev/null -e trace=msgrcv -e inject=msgrcv:error=ENOSYS \
		"$IPCTOOL" show msg "$id" --messages
	assert_success
	assert_line "messages: cannot be read without removing them: this kernel lacks MSG_COPY (CONFIG_CHECKPOINT_RESTORE)"
	refute_output --partial hello
	run strace -qq -o /dev/null -e trace=msgrcv -e inject=msgrcv:error=ENOSYS \
		"$IPCTOOL" show msg "$id" --messages -J
	assert_success
	[ "$(jget 'd["messages"]')" = null ]
	[ "$(jget 'd["messages_error"]')" = "the kernel lacks MSG_COPY" ]
	[ "$(sysvipc_field msg "$id" qnum)" = 1 ]
}

@test "show: untrusted text is escaped in text output and valid in JSON" {
	id=$(fixture shm-create --private --size 4096)
	cp "$PYTHON" "$BATS_TEST_TMPDIR/py"$'\e[31m'
	"$BATS_TEST_TMPDIR/py"$'\e[31m' "$FIXTURE" shm-attach "$id" --hold >"$BATS_TEST_TMPDIR/esc" 3>&- &
	HOLD_PIDS+=($!)
	wait_until grep -qx ready "$BATS_TEST_TMPDIR/esc"
	run ipctool show shm "$id"
	assert_success
	refute_output --partial $'\e'
	assert_output --partial 'py\033[31m'
	run ipctool show shm "$id" -J
	[[ $(jget 'd["attached"][0]["command"]') == *$'py\e[31m'* ]]
}
