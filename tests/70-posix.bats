#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 70-posix: POSIX shared memory (/dev/shm), message queues (/dev/mqueue) and
# named semaphores (/dev/shm/sem.*): what `ipctool list` shows of objects
# made by tests/fixture, Python's multiprocessing.shared_memory, glibc through
# ctypes and a real PostgreSQL server, checked against stat(1), the queue
# file's QSIZE line, mq_getattr() and sem_getvalue().

load common
load lib/posix

# teardown: stop the holders, remount /dev/mqueue if a test took it away,
# empty the namespace.
teardown() {
	if [[ ${PG_DIR:-} ]]; then
		runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate \
			-w stop >/dev/null 2>&1 || true
		rm -rf "$PG_DIR"
	fi
	local f
	for f in /dev/mqueue/*; do
		if mountpoint -q "$f"; then umount "$f"; fi
	done
	while mountpoint -q /dev/mqueue && [[ $(stat -f -c %t /dev/mqueue) != 19800202 ]]; do
		umount /dev/mqueue || break
	done
	if ! mountpoint -q /dev/mqueue; then
		mount -t mqueue -o nosuid,nodev,noexec mqueue /dev/mqueue
	fi
	kill_holders
	ipc_reset
}

PG_BIN=/usr/lib/postgresql/15/bin

# jget TYPE NAME FIELD [LIST-OPTION...]: FIELD of object NAME in
# `ipctool list TYPE --output-all -J` (null when unknown); fails when NAME
# is not listed.
jget() {
	local type=$1 name=$2 field=$3
	shift 3
	"$IPCTOOL" list "$type" --output-all -J "$@" | jq -r --arg n "$name" --arg f "$field" \
		--arg t "$type" '[.[$t][] | select(.name == $n)] | if length == 1 then .[0][$f] else error("not listed") end'
}

# names TYPE [LIST-OPTION...]: the names `ipctool list TYPE -J` gives, one a
# line, in its order.
names() {
	local type=$1
	shift
	"$IPCTOOL" list "$type" -J "$@" | jq -r --arg t "$type" '.[$t][].name'
}

# pg_settled: ipctool's pshm names are /dev/shm's PostgreSQL.* files.
pg_settled() {
	local want
	want=$(cd /dev/shm && printf '/%s\n' PostgreSQL.* | LC_ALL=C sort)
	[[ $want != '/PostgreSQL.*' && $(names pshm) == "$want" ]]
}

# --- pshm -------------------------------------------------------------------

@test "pshm: fixture objects listed with stat's size, owner, group, mode, mtime" {
	fixture pshm-create /alpha 10000 --mode 0640
	fixture pshm-create /beta 0 --mode 0600
	chown nobody:nogroup /dev/shm/beta
	touch -d '2020-01-02 03:04:05' /dev/shm/alpha
	for n in alpha beta; do
		assert_equal "$(jget pshm /$n size)" "$(stat -c %s /dev/shm/$n)"
		assert_equal "$(jget pshm /$n uid)" "$(stat -c %u /dev/shm/$n)"
		assert_equal "$(jget pshm /$n gid)" "$(stat -c %g /dev/shm/$n)"
		assert_equal "$(jget pshm /$n user)" "$(stat -c %U /dev/shm/$n)"
		assert_equal "$(jget pshm /$n group)" "$(stat -c %G /dev/shm/$n)"
		assert_equal "$(jget pshm /$n mtime)" "$(stat -c %Y /dev/shm/$n)"
		assert_equal "$(jget pshm /$n perms -P)" "$(stat -c %a /dev/shm/$n)"
	done
	assert_equal "$(jget pshm /alpha perms)" rw-r-----
	assert_equal "$(jget pshm /beta owner)" nobody
	# The table, in name order, with human sizes.
	run --separate-stderr ipctool list pshm
	assert_success
	assert_line --index 0 --regexp '^NAME +PERMS +OWNER +SIZE +MTIME$'
	assert_line --index 1 --regexp '^/alpha +rw-r----- +root +9\.8K +'
	assert_line --index 2 --regexp '^/beta +rw------- +nobody +0B +'
	assert_equal "${#lines[@]}" 3
	[ -z "$stderr" ]
}

@test "pshm: Python SharedMemory held by a process: size, holder, not stale" {
	py_holder 'from multiprocessing import shared_memory
shm = shared_memory.SharedMemory(name="pyseg", create=True, size=123457)
shm.buf[0] = 1'
	assert_equal "$(jget pshm /pyseg size)" "$(stat -c %s /dev/shm/pyseg)"
	assert_equal "$(jget pshm /pyseg size)" 123457
	assert_equal "$(jget pshm /pyseg attached | jq -c .)" "[$HOLD_PID]"
	assert_equal "$(jget pshm /pyseg stale)" ""
	# --pid: what does this process hold?
	fixture pshm-create /other 4096
	run names pshm --pid "$HOLD_PID"
	assert_success
	assert_output /pyseg
	run names pshm --stale
	assert_output /other
}

@test "pshm: PostgreSQL's dynamic shared memory, owner postgres, mapped by its processes" {
	[[ -x $PG_BIN/initdb ]] || fail "PostgreSQL 15 not installed in $PG_BIN"
	PG_DIR=$(mktemp -d /tmp/ipctool-pg.XXXXXX)
	chown postgres: "$PG_DIR"
	runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
	runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
		-o "-k $PG_DIR -c listen_addresses='' -c dynamic_shared_memory_type=posix" start >/dev/null
	local files f name pids want
	# Settled: what ipctool lists is what is in /dev/shm.
	wait_until pg_settled
	files=(/dev/shm/PostgreSQL.*)
	[ -e "${files[0]}" ]
	for f in "${files[@]}"; do
		name=/${f#/dev/shm/}
		assert_equal "$(jget pshm "$name" owner)" postgres
		assert_equal "$(stat -c %U "$f")" postgres
		assert_equal "$(jget pshm "$name" size)" "$(stat -c %s "$f")"
		assert_equal "$(jget pshm "$name" perms -P)" "$(stat -c %a "$f")"
		# The processes whose maps name the file, as the kernel lists them.
		want=$(grep -l " $f\$" /proc/[0-9]*/maps 2>/dev/null | cut -d/ -f3 | sort -n | paste -sd,)
		[ -n "$want" ]
		pids=$(jget pshm "$name" attached | jq -r 'sort | join(",")')
		assert_equal "$pids" "$want"
		assert_equal "$(jget pshm "$name" stale)" ""
	done
	# --pid: the objects the postmaster maps, as its maps says.
	local pm
	pm=$(head -1 "$PG_DIR/data/postmaster.pid")
	want=$(grep -o ' /dev/shm/PostgreSQL\..*' "/proc/$pm/maps" | sed 's| /dev/shm||' | LC_ALL=C sort -u)
	[ -n "$want" ]
	run names pshm --pid "$pm"
	assert_output "$want"
	run names pshm --user postgres
	assert_equal "${#lines[@]}" "${#files[@]}"
	run names pshm --user root
	assert_output ""
}

@test "pshm: only regular files: no directory, symlink, fifo or socket, and sem.* apart" {
	fixture pshm-create /real 100
	fixture psem-create /sem1 1
	mkdir /dev/shm/adir
	ln -s real /dev/shm/alink
	ln -s sem.sem1 /dev/shm/sem.slink
	mkfifo /dev/shm/afifo /dev/shm/sem.fifo
	"$PYTHON" -c 'import socket; socket.socket(socket.AF_UNIX).bind("/dev/shm/asock")'
	run names pshm
	assert_success
	assert_output /real
	run names psem
	assert_success
	assert_output /sem1
}

@test "pshm: an object the caller can stat but not open is listed" {
	fixture pshm-create /secret 5000 --mode 0600
	fixture psem-create /secretsem 7 --mode 0600
	fixture pmq-create /secretq --mode 0600
	fixture pmq-send /secretq hello
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups "$IPCTOOL" list posix -J
	assert_success
	assert_equal "$(jq -c '.pshm[0] | [.name, .owner, .size]' <<<"$output")" '["/secret","root",5000]'
	assert_equal "$(jq -c '.psem[0] | [.name, .owner, .sval]' <<<"$output")" '["/secretsem","root",null]'
	assert_equal "$(jq -c '.pmq[0] | [.name, .owner, .usedbytes, .msgs]' <<<"$output")" \
		'["/secretq","root",null,null]'
	# Not stale as far as nobody knows: root's processes cannot be read.
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$IPCTOOL" list pshm --stale -J
	assert_equal "$(jq -c . <<<"$output")" '{"pshm":[]}'
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$IPCTOOL" list psem -o NAME,SVAL -n
	assert_output --regexp '^/secretsem +-$'
}

@test "pshm: a hostile name is escaped in table, raw and export, exact in JSON" {
	"$PYTHON" -c 'import os; os.close(os.open(b"/dev/shm/\x1b[31mevil\n\x07x", os.O_CREAT | os.O_WRONLY, 0o600))'
	local mode
	for mode in "" -r -e; do
		run --separate-stderr ipctool list pshm $mode
		assert_success
		[[ $output != *$'\e'* && $output != *$'\a'* ]]
		assert_output --partial '/\033[31mevil\n\007x'
		[ -z "$stderr" ]
	done
	run ipctool list pshm -n -o NAME
	assert_equal "${#lines[@]}" 1
	ipctool list pshm -J | "$PYTHON" -c 'import json, sys
d = json.load(sys.stdin)
assert [o["name"] for o in d["pshm"]] == ["/\x1b[31mevil\n\x07x"], d'
}

@test "pshm: filters --user, --group, --older-than and --idle work on owner and mtime" {
	fixture pshm-create /old 10
	fixture pshm-create /new 10
	chown nobody:nogroup /dev/shm/old
	touch -d '3 hours ago' /dev/shm/old
	run names pshm --user nobody
	assert_output /old
	run names pshm --group nogroup
	assert_output /old
	run names pshm --older-than 2h
	assert_output /old
	run names pshm --idle 2h
	assert_output /old
	run names pshm --older-than 4h
	assert_output ""
	run names pshm --user root --older-than 1h
	assert_output ""
	# SysV-only filters select no POSIX object.
	run names pshm --key 0x1
	assert_output ""
	run names pshm --unattached
	assert_output ""
}

# --- psem -------------------------------------------------------------------

@test "psem: SVAL is sem_getvalue()'s value, read without opening the semaphore" {
	py '
for name, value, posts in (("/zero", 0, 0), ("/posted", 5, 3), ("/max", 2147483647, 0)):
    s = libc.sem_open(name.encode(), os.O_CREAT | os.O_EXCL, ctypes.c_uint(0o644), ctypes.c_uint(value))
    if not s: die("sem_open")
    for _ in range(posts):
        libc.sem_post(ctypes.c_void_p(s))'
	local n
	for n in zero posted max; do
		assert_equal "$(jget psem /$n sval)" "$(psem_value /$n)"
		assert_equal "$(jget psem /$n owner)" "$(stat -c %U /dev/shm/sem.$n)"
		assert_equal "$(jget psem /$n mtime)" "$(stat -c %Y /dev/shm/sem.$n)"
	done
	assert_equal "$(jget psem /posted sval)" 8
	assert_equal "$(jget psem /max sval)" 2147483647
	# The table shows the name without "sem.".
	run ipctool list psem -o NAME,SVAL -n
	assert_line --index 0 --regexp '^/max +2147483647$'
	assert_line --index 1 --regexp '^/posted +8$'
	assert_line --index 2 --regexp '^/zero +0$'
}

@test "psem: a waiter blocked on the semaphore does not change SVAL; the waiter holds it" {
	fixture psem-create /gate 0
	py_holder '
import threading
s = libc.sem_open(b"/gate", 0)
if not s: sys.exit("sem_open")
threading.Thread(target=libc.sem_wait, args=(ctypes.c_void_p(s),), daemon=True).start()'
	# glibc counts waiters in the high half of the first word.
	wait_until test "$(od -An -tu4 -j4 -N4 /dev/shm/sem.gate | tr -d ' ')" -gt 0
	assert_equal "$(psem_value /gate)" 0
	assert_equal "$(jget psem /gate sval)" 0
	assert_equal "$(jget psem /gate attached | jq -c .)" "[$HOLD_PID]"
	# A post wakes the waiter: the value goes 1 then back to 0.
	py 's = libc.sem_open(b"/gate", 0); libc.sem_post(ctypes.c_void_p(s))'
	wait_until test "$(od -An -tu4 -j4 -N4 /dev/shm/sem.gate | tr -d ' ')" -eq 0
	assert_equal "$(jget psem /gate sval)" "$(psem_value /gate)"
}

@test "psem: a sem.* file that is no sem_t has an unknown SVAL" {
	printf 'abc' >/dev/shm/sem.short
	run jget psem /short sval
	assert_success
	assert_output null
}

# --- pmq --------------------------------------------------------------------

@test "pmq: USEDBYTES is the file's QSIZE, MSGS is mq_getattr()'s count" {
	fixture pmq-create /q1 --maxmsg 5 --msgsize 100 --mode 0620
	fixture pmq-send /q1 hello --count 3
	fixture pmq-create /empty
	printf '%0500d' 0 >"$BATS_TEST_TMPDIR/big"
	fixture pmq-send /empty "@$BATS_TEST_TMPDIR/big"
	local q
	for q in q1 empty; do
		assert_equal "$(jget pmq /$q usedbytes)" "$(qsize /dev/mqueue/$q)"
		assert_equal "$(jget pmq /$q msgs)" "$(pmq_attr /$q | cut -d' ' -f3)"
		assert_equal "$(jget pmq /$q mtime)" "$(stat -c %Y /dev/mqueue/$q)"
		assert_equal "$(jget pmq /$q owner)" "$(stat -c %U /dev/mqueue/$q)"
		assert_equal "$(jget pmq /$q perms -P)" "$(stat -c %a /dev/mqueue/$q)"
	done
	assert_equal "$(jget pmq /q1 usedbytes)" 15
	assert_equal "$(jget pmq /q1 msgs)" 3
	assert_equal "$(jget pmq /empty msgs)" 1
	run ipctool list pmq -b -o NAME,USEDBYTES,MSGS -n
	assert_line --index 0 --regexp '^/empty +500 +1$'
	assert_line --index 1 --regexp '^/q1 +15 +3$'
}

@test "pmq: a process holding a queue open is its holder" {
	fixture pmq-create /held
	fixture pmq-create /loose
	py_holder 'q = libc.mq_open(b"/held", ctypes.c_int(os.O_RDONLY))
if q < 0: sys.exit("mq_open")'
	assert_equal "$(jget pmq /held attached | jq -c .)" "[$HOLD_PID]"
	assert_equal "$(jget pmq /held stale)" ""
	assert_equal "$(jget pmq /loose stale)" "no process holds it open"
	run names pmq --pid "$HOLD_PID"
	assert_output /held
	run names pmq --stale
	assert_output /loose
}

@test "pmq: /dev/mqueue not mounted: root still reads the queues; others get a note, exit 0" {
	local nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	fixture pmq-create /q
	umount /dev/mqueue
	# Queues belong to the IPC namespace: root reads its own mqueue
	# file system, mounted or not.
	run --separate-stderr ipctool list pmq -J
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(jq -c '[.pmq[].name]' <<<"$output")" '["/q"]'
	# Without that privilege the queues are unknown, not none.
	run --separate-stderr "${nobody[@]}" "$IPCTOOL" list pmq
	assert_success
	assert_equal "$stderr" "ipctool: pmq: /dev/mqueue is not mounted"
	assert_output --regexp '^NAME +PERMS +OWNER +USEDBYTES +MSGS +MTIME$'
	run --separate-stderr "${nobody[@]}" "$IPCTOOL" list pmq -J
	assert_success
	assert_equal "$(jq -c . <<<"$output")" '{"pmq":null}'
	# The other POSIX types still list.
	fixture pshm-create /s 1
	run --separate-stderr "${nobody[@]}" "$IPCTOOL" list posix -J
	assert_success
	assert_equal "$(jq -c '[.pshm[].name, .pmq, (.psem | length)]' <<<"$output")" '["/s",null,0]'
	assert_equal "$stderr" "ipctool: pmq: /dev/mqueue is not mounted"
	# A directory that is no mqueue mount is not read as one.
	mount -t tmpfs tmpfs /dev/mqueue
	: >/dev/mqueue/fake
	run --separate-stderr "${nobody[@]}" "$IPCTOOL" list pmq -J
	assert_success
	assert_equal "$(jq -c . <<<"$output")" '{"pmq":null}'
	assert_equal "$stderr" "ipctool: pmq: /dev/mqueue is not mounted"
	run --separate-stderr ipctool list pmq -J
	assert_success
	assert_equal "$(jq -c '[.pmq[].name]' <<<"$output")" '["/q"]'
}

@test "pmq: malformed QSIZE content: USEDBYTES unknown, a note, the rest listed" {
	local q i
	local -a bad=(
		''
		'garbage'
		'QSIZE:'
		'QSIZE:12x NOTIFY:0     SIGNO:0     NOTIFY_PID:0     \n'
		'QSIZE:-1 NOTIFY:0\n'
		'QSIZE:18446744073709551616 NOTIFY:0\n'
		'QSIZE:12 NOTIFY:0'
		'QSIZE:12 NOTIFY:0\nQSIZE:13\n'
		'qsize:12 NOTIFY:0\n'
		' QSIZE:12 NOTIFY:0\n'
		'QSIZE:12 NOTIFY\n'
		'QSIZE:12 NOTIFY:\n'
		'QSIZE:12\tNOTIFY:0\n'
		'QSIZE:12 NOTIFY:0\0\n'
	)
	for i in "${!bad[@]}"; do
		fixture pmq-create "/bad$i" --maxmsg 1 --msgsize 16
		printf "${bad[$i]}" >"$BATS_TEST_TMPDIR/fake$i"
		# A file bound over the queue's: read as the queue's contents.
		mount --bind "$BATS_TEST_TMPDIR/fake$i" "/dev/mqueue/bad$i"
	done
	fixture pmq-create /good --maxmsg 1 --msgsize 16
	fixture pmq-send /good 12345678
	printf 'QSIZE:18446744073709551615 NOTIFY:2 SIGNO:-1 NOTIFY_PID:0 NEWFIELD:7 \n' >"$BATS_TEST_TMPDIR/max"
	fixture pmq-create /max --maxmsg 1 --msgsize 16
	mount --bind "$BATS_TEST_TMPDIR/max" /dev/mqueue/max
	run --separate-stderr ipctool list pmq -J
	for i in "${!bad[@]}"; do umount "/dev/mqueue/bad$i"; done
	umount /dev/mqueue/max
	assert_success
	for i in "${!bad[@]}"; do
		assert_equal "$(jq -c --arg n "/bad$i" '.pmq[] | select(.name == $n) | .usedbytes' <<<"$output")" null
	done
	assert_equal "$(jq -c '.pmq[] | select(.name == "/good") | [.usedbytes, .msgs]' <<<"$output")" '[8,1]'
	# (jq rounds numbers past 2^53)
	"$PYTHON" -c 'import json, sys
d = {o["name"]: o for o in json.loads(sys.argv[1])["pmq"]}
assert d["/max"]["usedbytes"] == 18446744073709551615, d["/max"]' "$output"
	assert_equal "$(grep -c 'unexpected QSIZE line' <<<"$stderr")" "${#bad[@]}"
	assert_equal "$(wc -l <<<"$stderr")" "${#bad[@]}"
}

# --- all POSIX types ----------------------------------------------------------

@test "posix: one section per type; all lists SysV and POSIX" {
	fixture pshm-create /s 1
	fixture pmq-create /q
	fixture psem-create /m 2
	run --separate-stderr ipctool list posix
	assert_success
	assert_line --index 0 '------ POSIX Shared Memory ------'
	assert_line --regexp '^/s +rw-r--r-- +root +1B +'
	assert_line --regexp '^/q +rw-r--r-- +root +0B +0 +'
	assert_line --regexp '^/m +rw-r--r-- +root +2 +'
	run ipctool list all -J
	assert_success
	assert_equal "$(jq -c 'keys_unsorted' <<<"$output")" '["shm","msg","sem","pshm","pmq","psem"]'
	run ipctool list posix --output-all -J
	assert_equal "$(jq -c '.pshm[0] | keys_unsorted' <<<"$output")" \
		'["name","owner","perms","uid","user","gid","group","mtime","size","attached","stale","ns"]'
	assert_equal "$(jq -c '.pmq[0] | keys_unsorted' <<<"$output")" \
		'["name","owner","perms","uid","user","gid","group","mtime","usedbytes","msgs","attached","stale","ns"]'
	assert_equal "$(jq -c '.psem[0] | keys_unsorted' <<<"$output")" \
		'["name","owner","perms","uid","user","gid","group","mtime","sval","attached","stale","ns"]'
	# SysV-only columns are refused for POSIX types only.
	run --separate-stderr ipctool list pshm -o KEY
	assert_failure 2
	assert_output ""
	run ipctool list posix --sort SIZE --reverse -o NAME -n
	assert_success
}

@test "posix: -N PID reads the objects under /proc/PID/root" {
	fixture pshm-create /mine 1
	# A process in its own mount and IPC namespaces, with its own /dev/shm.
	unshare --ipc --mount --propagation private sh -c '
		mount -t tmpfs tmpfs /dev/shm && : >/dev/shm/theirs &&
		mount -t mqueue mqueue /dev/mqueue && echo ready && exec sleep 3600' \
		>"$BATS_TEST_TMPDIR/ns.out" 3>&- &
	HOLD_PIDS+=($!)
	local pid=$!
	wait_until grep -qx ready "$BATS_TEST_TMPDIR/ns.out"
	run names pshm
	assert_output /mine
	run "$IPCTOOL" -N "$pid" list pshm -J
	assert_success
	assert_equal "$(jq -r '.pshm[].name' <<<"$output")" /theirs
}
