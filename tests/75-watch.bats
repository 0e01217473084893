#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 75-watch: `ipctool watch` against event lists the tests expect, for
# resources made and changed by tests/fixture and python3 through libc
# (never by ipctool): create, attach, detach, fill, remove and the creator
# killed, in text and -J; the creator's command line of a process that
# lives one second; POSIX objects seen through inotify; a reused id;
# SIGTERM and SIGINT; --log to a fake journal socket; bad options.

load common

# teardown: stop the watch, then the holders, empty the namespace.
teardown() {
	if [[ -n ${W_PID:-} ]]; then
		kill -KILL "$W_PID" 2>/dev/null || true
		wait "$W_PID" 2>/dev/null || true
	fi
	if [[ -n ${J_PID:-} ]]; then
		kill -KILL "$J_PID" 2>/dev/null || true
		wait "$J_PID" 2>/dev/null || true
	fi
	kill_holders
	ipc_reset
	sysctl -qw kernel.msg_next_id=-1 kernel.shm_next_id=-1 2>/dev/null || true
}

# watch_ready: the watch has its baseline (taken before the POSIX
# directories are watched) once its inotify descriptor has watches.
watch_ready() {
	pid_alive "$W_PID" || return 1
	grep -qs '^inotify wd:' /proc/"$W_PID"/fdinfo/*
}

# start_watch ARGS...: run `ipctool watch ARGS` in the background, output
# to $W_OUT (stderr to $W_ERR), and wait until it watches.  The types
# must include a POSIX one (the readiness sign).
start_watch() {
	W_OUT=$BATS_TEST_TMPDIR/watch.out
	W_ERR=$BATS_TEST_TMPDIR/watch.err
	"$IPCTOOL" "${W_GLOBAL[@]}" watch "$@" >"$W_OUT" 2>"$W_ERR" </dev/null 3>&- &
	W_PID=$!
	wait_until watch_ready || {
		cat "$W_ERR" >&2
		return 1
	}
}

W_GLOBAL=()

# stop_watch [SIG]: end the watch (SIGTERM by default); W_RC its status.
stop_watch() {
	kill -"${1:-TERM}" "$W_PID"
	W_RC=0
	wait "$W_PID" || W_RC=$?
	W_PID=
}

# seen ERE: the watch printed a line matching ERE.
seen() {
	grep -Eq -- "$1" "$W_OUT"
}

# wait_seen ERE: wait for such a line.
wait_seen() {
	wait_until seen "$1" || {
		echo "--- watch output:" >&2
		cat "$W_OUT" "$W_ERR" >&2
		return 1
	}
}

# events: the event, type, id and key/name of each text line.
events() {
	awk '{ print $2, $3, $4, $5 }' "$W_OUT"
}

# jfield N EXPR: EXPR (python, over the object `e`) of JSON line N (from 1).
jfield() {
	"$PYTHON" -c '
import json, sys
e = [json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2]) - 1]
print(eval(sys.argv[3]))' "$W_OUT" "$1" "$2"
}

# jevents: event, type, id and key or name of each JSON line; fails on a
# line that is not a JSON object with the members every event has.
jevents() {
	"$PYTHON" -c '
import json, re, sys
for l in open(sys.argv[1]):
    e = json.loads(l)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", e["time"]), e
    print(e["event"], e["type"], e["id"], e.get("key", e.get("name")))' "$W_OUT"
}

@test "watch: a segment created, attached, detached and removed, in text" {
	start_watch shm pshm -d 0.1
	bg_hold shm-create --key 0x1234 --size 4096 --hold
	local id=$HOLD_OUT maker=$HOLD_PID
	wait_seen "created +shm +$id 0x00001234 pid=$maker user=root command=.*fixture shm-create --key 0x1234"
	bg_hold shm-attach "$id" --hold
	local att=$HOLD_PID
	wait_seen "attached shm +$id 0x00001234 nattch=1\$"
	kill_hold "$att"
	wait_seen "detached shm +$id 0x00001234 nattch=0\$"
	fixture shm-rm "$id"
	wait_seen "removed +shm +$id 0x00001234 nattch=0\$"
	stop_watch
	assert_equal "$W_RC" 0
	run events
	assert_output "created shm $id 0x00001234
attached shm $id 0x00001234
detached shm $id 0x00001234
removed shm $id 0x00001234"
	# The time first, as ISO 8601.
	run awk '$1 !~ /^[0-9-]+T[0-9:]+[+-][0-9:]+$/' "$W_OUT"
	assert_output ""
}

@test "watch -J: the same sequence as JSON lines, with what each event knows" {
	start_watch shm pshm -J -d 0.1
	bg_hold shm-create --key 0x2345 --size 4096 --hold
	local id=$HOLD_OUT maker=$HOLD_PID
	wait_seen '"event":"created"'
	bg_hold shm-attach "$id" --hold
	local a1=$HOLD_PID
	wait_seen '"event":"attached".*"nattch":1'
	bg_hold shm-attach "$id" --hold
	local a2=$HOLD_PID
	wait_seen '"event":"attached".*"nattch":2'
	# Removed while attached: marked, gone at the last detach.
	fixture shm-rm "$id"
	wait_seen '"event":"removed"'
	kill_hold "$a1"
	wait_seen '"event":"detached"'
	kill_hold "$a2"
	wait_until bash -c '[[ $(wc -l </proc/sysvipc/shm) == 1 ]]'
	# Gone at last: said already, no second removal.  Another segment
	# shows a sample has passed since.
	bg_hold shm-create --key 0x2346 --size 4096 --hold
	wait_seen '"event":"created".*"key":"0x00002346"'
	stop_watch
	run jevents
	assert_success
	assert_output --regexp "^created shm $id 0x00002345
attached shm $id 0x00002345
attached shm $id 0x00002345
removed shm $id 0x00002345
detached shm $id 0x00002345
created shm [0-9]+ 0x00002346\$"
	assert_equal "$(jfield 1 'e["creator_pid"]')" "$maker"
	assert_equal "$(jfield 1 'e["creator_user"]')" root
	assert_equal "$(jfield 1 '"fixture shm-create" in e["creator_command"]')" True
	assert_equal "$(jfield 2 'e["nattch"]')" 1
	assert_equal "$(jfield 4 '(e["nattch"], e["marked"])')" "(2, True)"
	assert_equal "$(jfield 5 'e["nattch"]')" 1
}

@test "watch -J: a queue filling past 50, 80 and 100% and back, and its removal" {
	start_watch msg pmq -J -d 0.1
	local id
	id=$(fixture msg-create --key 0x3456)
	fixture msg-setqbytes "$id" 1000
	wait_seen '"event":"created"'
	head -c 500 /dev/zero | tr '\0' a >"$BATS_TEST_TMPDIR/m500"
	head -c 300 /dev/zero | tr '\0' b >"$BATS_TEST_TMPDIR/m300"
	head -c 200 /dev/zero | tr '\0' c >"$BATS_TEST_TMPDIR/m200"
	# Senders and receivers stay alive: the queue never turns stale.
	bg_hold msg-send "$id" 1 "@$BATS_TEST_TMPDIR/m500" --hold
	wait_seen '"threshold":50,"direction":"up"'
	bg_hold msg-send "$id" 1 "@$BATS_TEST_TMPDIR/m300" --hold
	wait_seen '"threshold":80,"direction":"up"'
	bg_hold msg-send "$id" 1 "@$BATS_TEST_TMPDIR/m200" --hold
	wait_seen '"threshold":100,"direction":"up"'
	bg_hold msg-recv "$id" --hold
	wait_seen '"threshold":80,"direction":"down"'
	bg_hold msg-recv "$id" --hold
	wait_seen '"threshold":50,"direction":"down"'
	fixture msg-rm "$id"
	wait_seen '"event":"removed"'
	stop_watch
	run jevents
	assert_output "created msg $id 0x00003456
fill msg $id 0x00003456
fill msg $id 0x00003456
fill msg $id 0x00003456
fill msg $id 0x00003456
fill msg $id 0x00003456
fill msg $id 0x00003456
removed msg $id 0x00003456"
	run "$PYTHON" -c '
import json, sys
for l in open(sys.argv[1]):
    e = json.loads(l)
    if e["event"] == "fill":
        print(e["use%"], e["direction"], e["threshold"], e["msgs"])
    if e["event"] == "removed":
        print("removed", e["msgs"])' "$W_OUT"
	assert_output "50 up 50 1
80 up 80 2
100 up 100 3
50 down 100 2
50 down 80 2
20 down 50 1
removed 1"
}

@test "watch: a POSIX queue filling past 50, 80 and 100%" {
	start_watch pmq -d 0.1
	fixture pmq-create /wfill --maxmsg 10 --msgsize 16
	wait_seen "created +pmq +- /wfill"
	fixture pmq-send /wfill x --count 5
	wait_seen "fill +pmq +- /wfill use%=50 above 50%"
	fixture pmq-send /wfill x --count 3
	wait_seen "fill +pmq +- /wfill use%=80 above 80%"
	fixture pmq-send /wfill x --count 2
	wait_seen "fill +pmq +- /wfill use%=100 above 100% msgs=10"
	stop_watch
	run events
	assert_output "created pmq - /wfill
fill pmq - /wfill
fill pmq - /wfill
fill pmq - /wfill"
}

@test "watch -J: the creator killed, a segment and a queue turn stale" {
	start_watch sysv pshm -J -d 0.1
	bg_hold shm-create --key 0x4567 --size 4096 --hold
	local shm=$HOLD_OUT maker=$HOLD_PID
	wait_seen '"event":"created","type":"shm"'
	kill_hold "$maker"
	wait_seen '"event":"stale","type":"shm"'
	local q
	q=$(fixture msg-create --key 0x5678)
	wait_seen '"event":"created","type":"msg"'
	bg_hold msg-send "$q" 1 hello --hold
	local sender=$HOLD_PID
	# Alive, the sender keeps it from being stale.
	kill_hold "$sender"
	wait_seen '"event":"stale","type":"msg"'
	stop_watch
	run jevents
	assert_output "created shm $shm 0x00004567
stale shm $shm 0x00004567
created msg $q 0x00005678
stale msg $q 0x00005678"
	assert_equal "$(jfield 2 'e["reason"]')" "never attached, creator $maker gone"
	assert_equal "$(jfield 4 'e["reason"]')" "sender $sender gone, never received from"
	# A queue is created with no creator the kernel records.
	assert_equal "$(jfield 3 'e["creator_pid"]')" None
}

@test "watch: a semaphore set whose last operator is killed turns stale, in text" {
	start_watch sem pshm -d 0.1
	local id
	# One semaphore: outside the initial PID namespace (as here) a
	# semaphore never operated on has an unknown last operator.
	id=$(fixture sem-create --nsems 1 --key 0x6666)
	wait_seen "created +sem +$id 0x00006666 pid=- user=root\$"
	bg_hold sem-op "$id" 0 1 --hold
	local op=$HOLD_PID
	# Alive, the last operator keeps it from being stale.
	run ! env WAIT_TIMEOUT=1 bash -c "
		for i in \$(seq 20); do grep -q stale '$W_OUT' && exit 0; sleep 0.05; done; exit 1"
	kill_hold "$op"
	wait_seen "stale +sem +$id 0x00006666 reason=last operator $op gone\$"
	fixture sem-rm "$id"
	wait_seen "removed +sem +$id 0x00006666\$"
	stop_watch
	run events
	assert_output "created sem $id 0x00006666
stale sem $id 0x00006666
removed sem $id 0x00006666"
}

@test "watch: a queue used again with its totals unchanged is judged as it is now" {
	start_watch msg pmq -d 0.1
	local q
	q=$(fixture msg-create --key 0x5679)
	fixture msg-setqbytes "$q" 20
	bg_hold msg-send "$q" 1 abcdefghij --hold
	local s1=$HOLD_PID
	wait_seen "fill +msg +$q 0x00005679 use%=50 above 50%"
	# One process sends a message of its own type and receives it:
	# MSG_INFO (queues, messages, bytes) stays as it was, the queue's
	# last sender and receiver do not (and no fill level is crossed on
	# the way, should a sample fall in between).
	py_holder "
class M(ctypes.Structure): _fields_ = [('t', ctypes.c_long), ('b', ctypes.c_char * 16)]
m = M(2, b'fghij')
assert libc.msgsnd($q, ctypes.byref(m), 5, 0o4000) == 0
assert libc.msgrcv($q, ctypes.byref(m), 16, 2, 0o4000) == 5"
	local p=$HOLD_PID
	kill_hold "$s1"
	# The dead first sender alone would make it stale: it must not be.
	run ! env WAIT_TIMEOUT=2 bash -c "
		for i in \$(seq 40); do grep -q stale '$W_OUT' && exit 0; sleep 0.05; done; exit 1"
	kill_hold "$p"
	wait_seen "stale +msg +$q 0x00005679 reason=sender and receiver $p gone"
	stop_watch
	run events
	assert_output "created msg $q 0x00005679
fill msg $q 0x00005679
stale msg $q 0x00005679"
}

@test "watch: the command line of a creator that lives one second is kept" {
	start_watch shm pshm -d 0.2
	"$PYTHON" -c '
import ctypes, sys, time
libc = ctypes.CDLL("libc.so.6", use_errno=True)
id = libc.shmget(0x6789, 4096, 0o1600)
assert id >= 0
time.sleep(1)' brief-life-marker "arg with space"
	# The creator has exited: what was read while it lived stays.
	wait_seen "stale +shm .* 0x00006789 reason=never attached, creator [0-9]+ gone"
	stop_watch
	run grep -E "^[^ ]+ created +shm +[0-9]+ 0x00006789 pid=[0-9]+ user=root command=.*python3? -c .* brief-life-marker arg with space\$" "$W_OUT"
	assert_success
}

@test "watch: POSIX objects through inotify, with no sampling at all" {
	# One baseline sample, the next in an hour: events come from inotify.
	start_watch posix -d 3600
	py_holder 'fd = os.open("/dev/shm/wshm", os.O_CREAT | os.O_RDWR, 0o600)'
	local holder=$HOLD_PID
	wait_seen "created +pshm +- /wshm pid=$holder user=root command=.*python"
	fixture pmq-create /wq
	wait_seen "created +pmq +- /wq"
	fixture psem-create /wsem 3
	wait_seen "created +psem +- /wsem"
	rm /dev/shm/wshm
	wait_seen "removed +pshm +- /wshm"
	rm /dev/mqueue/wq
	wait_seen "removed +pmq +- /wq"
	rm /dev/shm/sem.wsem
	wait_seen "removed +psem +- /wsem"
	# A file renamed into place is an object too.
	echo x >/dev/shm/.tmp && mv /dev/shm/.tmp /dev/shm/moved
	wait_seen "created +pshm +- /moved"
	stop_watch
	# sem_open's temporary file made no event of its own.
	run events
	assert_output "created pshm - /wshm
created pmq - /wq
created psem - /wsem
removed pshm - /wshm
removed pmq - /wq
removed psem - /wsem
created pshm - /moved"
}

@test "watch: a POSIX object whose holder is killed turns stale" {
	start_watch pshm -d 0.2
	py_holder 'fd = os.open("/dev/shm/wstale", os.O_CREAT | os.O_RDWR, 0o600)'
	wait_seen "created +pshm +- /wstale"
	kill_hold "$HOLD_PID"
	WAIT_TIMEOUT=$((${WAIT_TIMEOUT:-5} + 10)) wait_seen "stale +pshm +- /wstale reason=no process maps or holds it"
	stop_watch
	run events
	assert_output "created pshm - /wstale
stale pshm - /wstale"
}

@test "watch: a reused id is a removal and a creation, in one sample" {
	start_watch sysv pshm -d 0.5
	local q s
	q=$(fixture msg-create --key 0x1111)
	bg_hold shm-create --key 0x2222 --size 4096 --hold
	s=$HOLD_OUT
	local first=$HOLD_PID
	wait_seen "created +msg +$q 0x00001111"
	wait_seen "created +shm +$s 0x00002222"
	# The same ids again at once: the queue with another key, the
	# segment with the same key by another process.
	kill_hold "$first"
	"$PYTHON" -c '
import ctypes, sys
libc = ctypes.CDLL("libc.so.6", use_errno=True)
q, s = int(sys.argv[1]), int(sys.argv[2])
assert libc.msgctl(q, 0, None) == 0 and libc.shmctl(s, 0, None) == 0
open("/proc/sys/kernel/msg_next_id", "w").write(sys.argv[1])
open("/proc/sys/kernel/shm_next_id", "w").write(sys.argv[2])
assert libc.msgget(0x3333, 0o1600) == q
assert libc.shmget(0x2222, 4096, 0o1600) == s' "$q" "$s"
	wait_seen "created +msg +$q 0x00003333"
	wait_seen "created +shm +$s 0x00002222 pid=[0-9]+ .*python"
	stop_watch
	run events
	assert_line "removed msg $q 0x00001111"
	assert_line "removed shm $s 0x00002222"
	run grep -c "created" "$W_OUT"
	assert_output 4
}

@test "watch with filters: only the resources that match make events" {
	start_watch sysv pshm -k 0x1111 -d 0.1
	local other mine
	other=$(fixture msg-create --key 0x2222)
	mine=$(fixture msg-create --key 0x1111)
	wait_seen "created +msg +$mine 0x00001111"
	fixture msg-rm "$other"
	fixture msg-rm "$mine"
	wait_seen "removed +msg +$mine 0x00001111"
	stop_watch
	run events
	assert_output "created msg $mine 0x00001111
removed msg $mine 0x00001111"
}

@test "watch -N PID: the events of that IPC namespace, not of ours" {
	ns_start 'echo ready; exec sleep 1000'
	W_GLOBAL=(-N "$NS_PID")
	start_watch shm pshm -d 0.1
	fixture shm-create --key 0x8888 --size 4096 >/dev/null
	nsenter --ipc="/proc/$NS_PID/ns/ipc" "$PYTHON" "$FIXTURE" shm-create \
	    --key 0x9999 --size 4096 >/dev/null
	wait_seen "created +shm +[0-9]+ 0x00009999"
	stop_watch
	run events
	assert_line --index 0 --regexp "^created shm [0-9]+ 0x00009999\$"
	refute_output --partial 0x00008888
}

@test "watch: each line reaches a pipe at once; SIGTERM and SIGINT end it, exit 0" {
	local out=$BATS_TEST_TMPDIR/piped
	for sig in TERM INT; do
		: >"$out"
		W_OUT=$BATS_TEST_TMPDIR/watch.out
		"$IPCTOOL" watch shm pshm -J -d 0.1 2>"$BATS_TEST_TMPDIR/err" </dev/null 3>&- |
			cat >"$out" &
		# The pipeline's last process is cat; find the watch itself.
		wait_until pgrep -f "watch shm pshm -J" >/dev/null
		W_PID=$(pgrep -f "watch shm pshm -J")
		wait_until watch_ready
		id=$(fixture shm-create --key 0x7777 --size 4096)
		wait_until grep -q "\"id\":$id" "$out"
		pid_alive "$W_PID"
		kill -"$sig" "$W_PID"
		wait_until bash -c "! kill -0 $W_PID 2>/dev/null"
		wait
		fixture shm-rm "$id"
		W_PID=
		run cat "$BATS_TEST_TMPDIR/err"
		assert_output ""
	done
	# Status of the watch itself, not of cat.
	start_watch shm pshm
	stop_watch TERM
	assert_equal "$W_RC" 0
	start_watch shm pshm
	stop_watch INT
	assert_equal "$W_RC" 0
}

@test "watch --log: fields to a journal socket (a fake one), nothing on stdout" {
	local sock=$BATS_TEST_TMPDIR/journal.sock log=$BATS_TEST_TMPDIR/journal.json
	"$PYTHON" -c '
import json, socket, struct, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("ready", flush=True)
while True:
    d = s.recv(1 << 20)
    f = {}
    while d:
        nl = d.index(b"\n")
        line = d[:nl]
        if b"=" in line:
            k, v = line.split(b"=", 1)
            d = d[nl + 1:]
        else:
            k = line
            n = struct.unpack("<Q", d[nl + 1:nl + 9])[0]
            v = d[nl + 9:nl + 9 + n]
            assert d[nl + 9 + n:nl + 10 + n] == b"\n"
            d = d[nl + 10 + n:]
        f[k.decode()] = v.decode()
    with open(sys.argv[2], "a") as o:
        o.write(json.dumps(f) + "\n")' "$sock" "$log" >"$BATS_TEST_TMPDIR/j.out" 2>&1 &
	J_PID=$!
	wait_until grep -q ready "$BATS_TEST_TMPDIR/j.out"
	IPCTOOL_JOURNAL_SOCKET=$sock start_watch shm pshm --log -d 0.1
	# A command line with a newline takes the binary field form.
	"$PYTHON" -c '
import ctypes, time
libc = ctypes.CDLL("libc.so.6", use_errno=True)
assert libc.shmget(0x4444, 4096, 0o1600) >= 0
print("ready", flush=True)
time.sleep(3600)' $'line one\nline two' >"$BATS_TEST_TMPDIR/mk.out" 2>&1 </dev/null 3>&- &
	local maker=$! id
	HOLD_PIDS+=("$maker")
	wait_until grep -q ready "$BATS_TEST_TMPDIR/mk.out"
	id=$(awk 'NR == 2 { print $2 }' /proc/sysvipc/shm)
	wait_until grep -q '"IPC_EVENT": "created"' "$log"
	stop_watch
	assert_equal "$W_RC" 0
	run cat "$W_OUT"
	assert_output ""
	run "$PYTHON" -c '
import json, sys
f = json.loads(open(sys.argv[1]).readline())
for k in ("IPC_EVENT", "IPC_TYPE", "IPC_ID", "IPC_KEY", "CREATOR_PID", "PRIORITY", "SYSLOG_IDENTIFIER"):
    print(k, f[k])
print("CMDLINE_END", repr(f["CREATOR_CMDLINE"][-17:]))
print("MESSAGE", f["MESSAGE"].split(" command=")[0])' "$log"
	assert_output "IPC_EVENT created
IPC_TYPE shm
IPC_ID $id
IPC_KEY 0x00004444
CREATOR_PID $maker
PRIORITY 6
SYSLOG_IDENTIFIER ipctool
CMDLINE_END 'line one\\nline two'
MESSAGE created shm $id 0x00004444 pid=$maker user=root"
}

@test "watch --log: syslog where there is no journal (a fake /dev/log)" {
	local fake=$BATS_TEST_TMPDIR/dev log=$BATS_TEST_TMPDIR/syslog.txt
	mkdir -p "$fake/shm" "$fake/mqueue"
	touch "$fake/null"
	"$PYTHON" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("ready", flush=True)
while True:
    d = s.recv(65536)
    with open(sys.argv[2], "ab") as o:
        o.write(d.rstrip(b"\0\n") + b"\n")' "$fake/log" "$log" >"$BATS_TEST_TMPDIR/j.out" 2>&1 &
	J_PID=$!
	wait_until grep -q ready "$BATS_TEST_TMPDIR/j.out"
	# Our own /dev, in a mount namespace of the watch's own: the host's
	# is not touched.  No journal: its socket is a plain file.
	touch "$BATS_TEST_TMPDIR/not-a-socket"
	W_OUT=$BATS_TEST_TMPDIR/watch.out
	IPCTOOL_JOURNAL_SOCKET=$BATS_TEST_TMPDIR/not-a-socket unshare --mount sh -c '
		mount --bind /dev/null "$1/null" && mount --bind /dev/shm "$1/shm" &&
		mount --bind /dev/mqueue "$1/mqueue" && mount --bind "$1" /dev &&
		exec "$2" watch shm pshm --log -d 0.1' sh "$fake" "$IPCTOOL" \
		>"$W_OUT" 2>"$BATS_TEST_TMPDIR/watch.err" </dev/null 3>&- &
	W_PID=$!
	wait_until watch_ready
	bg_hold shm-create --key 0x5555 --size 4096 --hold
	local id=$HOLD_OUT maker=$HOLD_PID
	wait_until grep -q 'created shm' "$log"
	stop_watch
	assert_equal "$W_RC" 0
	run cat "$W_OUT" "$BATS_TEST_TMPDIR/watch.err"
	assert_output ""
	# daemon.info (3 * 8 + 6), tagged with the name and pid.
	run grep -E "^<30>.* ipctool\[[0-9]+\]: created shm $id 0x00005555 pid=$maker user=root command=.*fixture shm-create" "$log"
	assert_success
}

@test "watch: a failing listing is exit 1 and the reason" {
	fixture msg-create --key 0x1 >/dev/null
	fixture msg-create --key 0x2 >/dev/null
	# msgctl: MSG_INFO twice and two MSG_STAT_ANY for the baseline, then
	# the first sample's calls fail.
	run --separate-stderr env \
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    timeout 30 strace -qq -f -o /dev/null \
	    -e inject=msgctl:error=EIO:when=5+ "$IPCTOOL" watch msg -d 0.1
	assert_failure 1
	assert_equal "$stderr" "ipctool: msg: Input/output error"
	assert_output ""
}

@test "watch: bad options are usage errors, exit 2, nothing on stdout" {
	local bad
	for bad in "-d x" "-d 0" "-d 1.2345" "-d -1" "-d 86401" "-d ''" \
	    "--delay=1s" "nosuchtype" "-J --log" "--frob" "-k 0xzz" \
	    "--idle 5x" "-d"; do
		eval "run --separate-stderr \"\$IPCTOOL\" watch $bad"
		assert_failure 2
		assert_output ""
		[[ $stderr == "ipctool: watch: "* ]] || fail "$bad: $stderr"
	done
	run --separate-stderr "$IPCTOOL" watch -d 1.2345
	assert_equal "$stderr" "ipctool: watch: invalid delay '1.2345': more than three decimals
Try 'ipctool watch --help' for more information."
}

@test "contrib: ipctool-watch.service runs watch --log, hardened, systemd-analyze verify clean" {
	local units=$BATS_TEST_DIRNAME/../contrib/systemd u d=$BATS_TEST_TMPDIR/units
	grep -qx 'ExecStart=/usr/bin/ipctool watch --log' "$units/ipctool-watch.service"
	for u in ProtectSystem=strict ProtectHome=yes PrivateTmp=yes PrivateNetwork=yes NoNewPrivileges=yes; do
		grep -qx "$u" "$units/ipctool-watch.service"
	done
	# Not one that would hide the host's resources.
	run grep -E '^(PrivateIPC|PrivateDevices)=yes' "$units/ipctool-watch.service"
	assert_failure
	# Shipped: in the tarball and the package (debian/ is in a checkout,
	# not in the tarball distcheck tests from).
	grep -q 'contrib/systemd/ipctool-watch.service' "$BATS_TEST_DIRNAME/../Makefile.am"
	if [[ -d $BATS_TEST_DIRNAME/../debian ]]; then
		grep -qx 'contrib/systemd/ipctool-watch.service lib/systemd/system/' \
		    "$BATS_TEST_DIRNAME/../debian/ipctool.install"
	fi
	command -v systemd-analyze >/dev/null || fail "systemd-analyze not found"
	mkdir -p "$d/man/man1"
	cp "$units/ipctool-watch.service" "$d/"
	# verify checks that the command and the documentation exist.
	sed -i "s#^ExecStart=/usr/bin/ipctool #ExecStart=$IPCTOOL #" "$d/ipctool-watch.service"
	cp "$BATS_TEST_DIRNAME/../man/ipctool.1" "$d/man/man1/"
	run env MANPATH="$d/man" systemd-analyze verify "$d/ipctool-watch.service"
	assert_success
	assert_output ""
}
