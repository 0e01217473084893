#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 40-rm: "ipctool rm" removes exactly what it selects -- by id, by key, by
# filters, --all -- checked against /proc/sysvipc, ipcs and the fixture's
# IPC_STAT; never a live resource through --stale (PID reuse included,
# under churn, and with a real PostgreSQL server); skips what changed since
# it was selected; reports each failure and still removes the rest.

load common

# count TYPE: how many resources of TYPE the kernel has.
count() {
	echo $(($(wc -l <"/proc/sysvipc/$1") - 1))
}

# exists TYPE ID: the kernel still has resource ID (marked ones too).
exists() {
	sysvipc_field "$1" "$2" key >/dev/null
}

# ids TYPE: the ids of TYPE, sorted, on one line.
ids() {
	awk 'NR > 1 { print $2 }' "/proc/sysvipc/$1" | sort -n | xargs
}

# past SECONDS EPOCH: true once the clock is SECONDS past EPOCH.
past() {
	(($(date +%s) >= $2 + $1))
}

# stale_of ID: the STALE column of shm ID in `ipctool list -J` ("" if not).
stale_of() {
	ipctool list shm -o ID,STALE -J | python3 -c '
import json, sys
for o in json.load(sys.stdin)["shm"]:
    if o["id"] == int(sys.argv[1]):
        print(o["stale"] or "")' "$1"
}

# traced_rm SYSCALL ARGS...: run `ipctool rm ARGS...` in the background
# under strace, its first SYSCALL (the re-stat before the first removal,
# after the selection) delayed by 10 s (room for a loaded machine);
# returns once that call has begun.  The selection reads /proc/sysvipc
# (IPCTOOL_SYSV_SOURCE=proc), so that the first *ctl call is the re-stat.
# RM_PID is its PID, RM_OUT the prefix of its .stdout and .stderr files.
traced_rm() {
	local call=$1
	shift
	RM_OUT=$BATS_TEST_TMPDIR/rm
	IPCTOOL_SYSV_SOURCE=proc strace -f -o "$RM_OUT.trace" -e trace="$call" \
	    -e inject="$call":delay_enter=10000000:when=1 \
	    "$IPCTOOL" rm "$@" >"$RM_OUT.stdout" 2>"$RM_OUT.stderr" 3>&- &
	RM_PID=$!
	wait_until grep -q "$call(" "$RM_OUT.trace"
}

# attach_detach_hold ID: a new process attaches shm ID, detaches, and stays
# alive; sets HOLD_PID (killed at teardown).
attach_detach_hold() {
	local ready=$BATS_TEST_TMPDIR/adh.ready
	"$PYTHON" - "$1" "$ready" 3>&- <<-'EOF' &
		import ctypes, signal, sys
		libc = ctypes.CDLL("libc.so.6", use_errno=True)
		libc.shmat.restype = ctypes.c_void_p
		libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
		libc.shmdt.argtypes = [ctypes.c_void_p]
		a = libc.shmat(int(sys.argv[1]), None, 0)
		assert a not in (None, ctypes.c_void_p(-1).value)
		assert libc.shmdt(ctypes.c_void_p(a)) == 0
		open(sys.argv[2], "w").write("ready")
		signal.pause()
	EOF
	HOLD_PID=$!
	HOLD_PIDS+=("$HOLD_PID")
	wait_until test -s "$ready"
}

# populate: 3 shm, 2 msg, 2 sem made by the fixture (creators gone).
populate() {
	local i
	for i in 1 2 3; do fixture shm-create --size 100 >/dev/null; done
	for i in 1 2; do fixture msg-create >/dev/null; done
	for i in 1 2; do fixture sem-create --nsems 2 >/dev/null; done
}

# --- by id and key ---------------------------------------------------------------

@test "rm TYPE ID...: those, and nothing else" {
	a=$(fixture shm-create)
	b=$(fixture shm-create)
	c=$(fixture shm-create)
	q=$(fixture msg-create)
	s=$(fixture sem-create --nsems 2)
	run --separate-stderr -0 ipctool rm shm "$a" "$c"
	assert_output ''
	assert_equal "$stderr" ''
	assert_equal "$(ids shm)" "$b"
	run -0 ipctool rm msg "$q"
	assert_equal "$(count msg)" 0
	run -0 ipctool remove sem "$s"
	assert_equal "$(count sem)" 0
	run ipcs -m
	assert_line --regexp "^0x[0-9a-f]+ +$b "
}

@test "rm -v: one line per removal, with the key" {
	a=$(fixture shm-create --key 0x162e)
	run --separate-stderr -0 ipctool rm -v shm "$a"
	assert_output "removed shm $a (key 0x0000162e)"
	assert_equal "$(count shm)" 0
}

@test "rm: a nonexistent id is a failure, named; the others still go" {
	a=$(fixture shm-create)
	b=$(fixture shm-create)
	run --separate-stderr -1 ipctool rm shm "$a" 99999 "$b"
	assert_output ''
	assert_equal "$stderr" "ipctool: rm: shm 99999: no such id"
	assert_equal "$(count shm)" 0
}

@test "rm TYPE --key KEY...: by key, repeated or as operands" {
	a=$(fixture shm-create --key 0x10)
	b=$(fixture msg-create --key 0x11)
	c=$(fixture msg-create --key 0x12)
	d=$(fixture msg-create --key 0x13)
	e=$(fixture msg-create --key 14)
	keep=$(fixture shm-create --key 0x11)
	run -0 ipctool rm shm --key 0x10
	assert_equal "$(ids shm)" "$keep"
	run -0 ipctool rm msg --key 0x11 0x12
	assert_equal "$(ids msg)" "$d $e"
	run -0 ipctool rm msg -k 0x13 --key 016
	assert_equal "$(count msg)" 0
	assert_equal "$(ids shm)" "$keep"
	# A key nobody has: named, exit 1, the rest removed.
	fixture sem-create --nsems 1 --key 0x20 >/dev/null
	run --separate-stderr -1 ipctool rm sem --key 0x21 0x20
	assert_equal "$stderr" "ipctool: rm: sem key 0x00000021: no such key"
	assert_equal "$(count sem)" 0
}

# --- --all ------------------------------------------------------------------------

@test "rm TYPE --all: every resource of that type only" {
	populate
	run -0 ipctool rm shm --all
	assert_equal "$(count shm)" 0
	assert_equal "$(count msg)" 2
	assert_equal "$(count sem)" 2
	run -0 ipctool rm sem --all
	assert_equal "$(count sem)" 0
	assert_equal "$(count msg)" 2
	run -0 ipctool rm -q --all
	assert_equal "$(count msg)" 0
}

@test "rm --all: every System V resource by default" {
	populate
	run --separate-stderr -0 ipctool rm --all
	assert_output ''
	for t in shm msg sem; do
		assert_equal "$(count "$t")" 0
	done
	run ipcs
	refute_line --regexp '^0x'
	# Nothing to remove is no error.
	run -0 ipctool rm --all
}

# --- dry run ----------------------------------------------------------------------

@test "rm --dry-run: lists what would go, removes nothing" {
	populate
	before=$(ipcs)
	run --separate-stderr -0 ipctool rm --all --dry-run
	assert_equal "${#lines[@]}" 7
	for id in $(ids shm); do
		key=$(kstat shm "$id" key)
		assert_line "would remove shm $id (key $key)"
	done
	for id in $(ids sem); do
		assert_line --regexp "^would remove sem $id \(key 0x[0-9a-f]{8}\)$"
	done
	assert_equal "$(ipcs)" "$before"
	run -0 ipctool rm shm "$(ids shm | cut -d' ' -f1)" --dry-run
	assert_equal "${#lines[@]}" 1
	assert_equal "$(ipcs)" "$before"
}

@test "rm --dry-run -J: what would go, in list's JSON shape" {
	populate
	held=$(fixture shm-create --size 10)
	bg_hold shm-attach "$held" --hold
	before=$(ipcs)
	run --separate-stderr -0 ipctool rm --unattached --dry-run -J
	assert_equal "$(ipcs)" "$before"
	python3 - "$output" "$(ids shm)" "$held" <<-'EOF'
		import json, sys
		d = json.loads(sys.argv[1])
		assert sorted(d) == ["msg", "sem", "shm"], d
		want = sorted(int(i) for i in sys.argv[2].split() if i != sys.argv[3])
		assert sorted(o["id"] for o in d["shm"]) == want, d
		assert all(o["nattch"] == 0 and o["key"].startswith("0x") for o in d["shm"]), d
		assert d["msg"] == [] and d["sem"] == [], d
	EOF
	# The same pipeline as list: identical objects.
	run -0 ipctool rm shm --all --dry-run -J
	rm_json=$output
	run -0 ipctool list shm -J
	assert_equal "$rm_json" "$output"
}

# --- attached segments ------------------------------------------------------------

@test "rm of an attached segment only marks it, and says how many hold it" {
	id=$(fixture shm-create --size 100)
	bg_hold shm-attach "$id" --hold
	holder=$HOLD_PID
	run --separate-stderr -0 ipctool rm shm "$id"
	assert_output "shm $id marked for removal; 1 attached process still holds it"
	assert_equal "$(kstat shm "$id" dest)" 1
	pid_alive "$holder"
	run ipcs -m
	assert_line --regexp "^0x00000000 +$id .* dest *$"
	# A second holder: the count follows.
	id=$(fixture shm-create --size 100)
	bg_hold shm-attach "$id" --hold
	bg_hold shm-attach "$id" --hold
	run -0 ipctool rm shm "$id"
	assert_output "shm $id marked for removal; 2 attached processes still hold it"
	# Once the holders go, the kernel frees it.
	kill_holders
	wait_until bash -c "! grep -qE '^ *-?[0-9]+ +$id ' /proc/sysvipc/shm"
}

# --- permissions and partial failures ------------------------------------------------

@test "rm as an unprivileged user: root's resource fails (exit 1), its own go" {
	mine=$(fixture shm-create --mode 0666)
	fixture set shm "$mine" --uid 65534 >/dev/null
	roots=$(fixture shm-create --mode 0666)
	q=$(fixture msg-create --mode 0666)
	fixture set msg "$q" --uid 65534 >/dev/null
	run --separate-stderr -1 setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$IPCTOOL" rm shm "$roots" "$mine"
	assert_output ''
	assert_equal "$stderr" "ipctool: rm: shm $roots: Operation not permitted"
	assert_equal "$(ids shm)" "$roots"
	# Filters too: what the user may remove goes, the rest is reported.
	s=$(fixture sem-create --nsems 1)
	run --separate-stderr -1 setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$IPCTOOL" rm --all
	assert_output ''
	[[ $stderr == *"rm: shm $roots: Operation not permitted"* ]]
	[[ $stderr == *"rm: sem $s: Operation not permitted"* ]]
	exists shm "$roots"
	exists sem "$s"
	assert_equal "$(count msg)" 0
}

# --- filters ------------------------------------------------------------------------

@test "rm --unattached: only segments nobody maps" {
	a=$(fixture shm-create)
	b=$(fixture shm-create)
	bg_hold shm-attach "$b" --hold
	c=$(fixture shm-create)
	q=$(fixture msg-create)
	run -0 ipctool rm --unattached
	assert_equal "$(ids shm)" "$b"
	assert_equal "$(kstat shm "$b" dest)" 0
	assert_equal "$(ids msg)" "$q"
}

@test "rm --user: only that owner's resources, by name or uid" {
	a=$(fixture shm-create)
	b=$(fixture shm-create)
	fixture set shm "$b" --uid 65534 >/dev/null
	q=$(fixture msg-create)
	fixture set msg "$q" --uid 65534 >/dev/null
	r=$(fixture msg-create)
	run -0 ipctool rm shm --user nobody
	assert_equal "$(ids shm)" "$a"
	assert_equal "$(ids msg)" "$q $r"
	run -0 ipctool rm -u 65534
	assert_equal "$(ids msg)" "$r"
	assert_equal "$(ids shm)" "$a"
}

@test "rm --older-than: only resources changed longer ago" {
	old=$(fixture shm-create)
	oldq=$(fixture msg-create)
	t0=$(kstat shm "$old" ctime)
	wait_until past 3 "$t0"
	new=$(fixture shm-create)
	run -0 ipctool rm shm --older-than 2s
	assert_equal "$(ids shm)" "$new"
	assert_equal "$(ids msg)" "$oldq"
	run -0 ipctool rm --older-than 1h
	assert_equal "$(ids shm)" "$new"
	assert_equal "$(ids msg)" "$oldq"
}

@test "rm --idle: only resources unused for that long" {
	a=$(fixture shm-create)
	b=$(fixture shm-create)
	t0=$(kstat shm "$b" ctime)
	# Margins a loaded machine under valgrind still keeps: b idle for 7 s
	# and more, a (just detached) for less than 6.
	WAIT_TIMEOUT=$((WAIT_TIMEOUT + 8)) wait_until past 8 "$t0"
	fixture shm-attach "$a" --detach >/dev/null
	run -0 ipctool rm shm --idle 6s
	assert_equal "$(ids shm)" "$a"
	run -0 ipctool rm shm --idle 1h
	assert_equal "$(ids shm)" "$a"
}

# stale_of_each_type: make stale, live and never-used resources of each
# System V type; rm --stale must remove exactly the stale ones.
stale_of_each_type() {
	stale_shm=$(fixture shm-create)
	bg_hold shm-create --hold
	live_creator=$HOLD_OUT
	attached=$(fixture shm-create)
	bg_hold shm-attach "$attached" --hold
	stale_msg=$(fixture msg-create)
	fixture msg-send "$stale_msg" 1 hello >/dev/null
	live_msg=$(fixture msg-create)
	bg_hold msg-send "$live_msg" 1 hello --hold
	stale_sem=$(fixture sem-create --nsems 2)
	fixture sem-op "$stale_sem" 0 1 >/dev/null
	fixture sem-op "$stale_sem" 1 1 >/dev/null
	live_sem=$(fixture sem-create --nsems 2)
	bg_hold sem-op "$live_sem" 0 1 --hold
	# Never used: the kernel records no maker for them, so nothing says
	# their maker is gone.
	unused_msg=$(fixture msg-create)
	unused_sem=$(fixture sem-create --nsems 1)
	run --separate-stderr -0 ipctool rm --stale -v
	assert_line "removed shm $stale_shm (key 0x00000000)"
	assert_line "removed msg $stale_msg (key 0x00000000)"
	assert_line "removed sem $stale_sem (key 0x00000000)"
	assert_equal "${#lines[@]}" 3
	assert_equal "$(ids shm)" "$(echo "$live_creator $attached" | xargs -n1 | sort -n | xargs)"
	assert_equal "$(ids msg)" "$(echo "$live_msg $unused_msg" | xargs -n1 | sort -n | xargs)"
	assert_equal "$(ids sem)" "$(echo "$live_sem $unused_sem" | xargs -n1 | sort -n | xargs)"
	assert_equal "$(kstat shm "$attached" dest)" 0
	# Filters combine: stale and idle for an hour is nothing here.
	run -0 ipctool rm --stale --idle 1h
	assert_equal "$(count shm)" 2
}

@test "rm --stale: stale resources of each type go, live ones stay" {
	stale_of_each_type
}

@test "rm --stale: the same, selecting from a listing first (/proc/sysvipc)" {
	# Without a forced source each object is judged as the kernel reports
	# it; the listing path is the one --pid and the /proc source take.
	IPCTOOL_SYSV_SOURCE=proc stale_of_each_type
}

@test "rm --stale: each object is read once, judged and removed at once" {
	for i in 1 2 3; do fixture shm-create >/dev/null; done
	live=$(fixture shm-create)
	bg_hold shm-attach "$live" --hold
	trace=$BATS_TEST_TMPDIR/trace
	run -0 env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    strace -qq -f -o "$trace" -e trace=shmctl \
	    "${IPCTOOL_BIN:-$IPCTOOL}" rm shm --stale
	# SHM_INFO, then by index: SHM_STAT_ANY, and IPC_RMID of that same
	# id right after it when stale; no listing first, no second stat.
	run awk '
		/SHM_INFO/ || /SHM_STAT_ANY.* = -1 EINVAL/ { next }	# free slots
		/SHM_STAT_ANY/ { n++; split($0, f, "= "); id = f[2] + 0; prev = "stat"; next }
		/IPC_RMID/ { sub(/.*shmctl\(/, ""); sub(/,.*/, "");
			if (prev != "stat" || $0 + 0 != id) bad++; rm++; prev = "rm"; next }
		{ other++ }
		END { printf "%d %d %d %d\n", n, rm, bad, other }' "$trace"
	assert_output "4 3 0 0"
	assert_equal "$(ids shm)" "$live"
}

@test "rm --stale: a dead creator's PID reused after the last use is still stale" {
	id=$(fixture shm-create)
	cpid=$(kstat shm "$id" cpid)
	ctime=$(kstat shm "$id" ctime)
	wait_until bash -c "! kill -0 $cpid 2>/dev/null"
	# Past the slack stale.c allows between a use and a start time.
	wait_until past 4 "$ctime"
	# Give the creator's PID to a new, live process.
	echo $((cpid - 1)) >/proc/sys/kernel/ns_last_pid
	sleep 60 3>&- &
	HOLD_PIDS+=("$!")
	assert_equal "$!" "$cpid"
	pid_alive "$cpid"
	run -0 stale_of "$id"
	assert_output "never attached, creator $cpid gone"
	run -0 ipctool rm shm --stale
	assert_equal "$(count shm)" 0
}

@test "rm --stale: a PID reused before the last use counts as the user, alive" {
	id=$(fixture shm-create)
	cpid=$(kstat shm "$id" cpid)
	ctime=$(kstat shm "$id" ctime)
	wait_until bash -c "! kill -0 $cpid 2>/dev/null"
	wait_until past 4 "$ctime"
	# The new owner of the creator's PID, started well after the creation,
	# attaches and detaches: it is the last user, and it lives.
	echo $((cpid - 1)) >/proc/sys/kernel/ns_last_pid
	attach_detach_hold "$id"
	assert_equal "$HOLD_PID" "$cpid"
	assert_equal "$(kstat shm "$id" lpid)" "$cpid"
	assert_equal "$(kstat shm "$id" nattch)" 0
	run -0 stale_of "$id"
	assert_output ''
	run -0 ipctool rm shm --stale
	exists shm "$id"
	assert_equal "$(kstat shm "$id" dest)" 0
	# Once it is gone, the segment is stale.
	kill_holders
	run -0 ipctool rm shm --stale
	assert_equal "$(count shm)" 0
}

@test "rm --stale never removes a segment whose creator lives" {
	bg_hold shm-create --hold
	a=$HOLD_OUT
	creator=$HOLD_PID
	# Used and left by others since: the creator alone keeps it.
	fixture shm-attach "$a" --detach >/dev/null
	ctime=$(kstat shm "$a" ctime)
	wait_until past 3 "$ctime"
	for i in 1 2 3; do
		run -0 ipctool rm --stale
	done
	exists shm "$a"
	assert_equal "$(kstat shm "$a" dest)" 0
	pid_alive "$creator"
}

# --- what changed since it was selected ---------------------------------------------

@test "rm: a segment attached between selection and removal is skipped" {
	id=$(fixture shm-create)
	other=$(fixture shm-create)
	gone=$(fixture shm-create)
	# ipctool selected the three unattached segments from /proc and waits
	# in its first re-stat: two get attached, one is removed by another.
	traced_rm shmctl shm --unattached
	fixture shm-rm "$gone"
	bg_hold shm-attach "$id" --hold
	bg_hold shm-attach "$other" --hold
	wait "$RM_PID"
	run cat "$RM_OUT.stderr"
	assert_line "ipctool: rm: shm $id: no longer matches the filters, skipped"
	assert_line "ipctool: rm: shm $other: no longer matches the filters, skipped"
	assert_equal "${#lines[@]}" 2
	run cat "$RM_OUT.stdout"
	assert_output ''
	for s in "$id" "$other"; do
		assert_equal "$(kstat shm "$s" dest)" 0
	done
	# A vanished resource is no error: exit 0 (wait above returned it).
}

@test "rm: a resource changed since it was listed (new ctime) is skipped" {
	id=$(fixture sem-create --nsems 1)
	ctime=$(kstat sem "$id" ctime)
	wait_until past 1 "$ctime"
	# A filter, not --all: --all alone removes each set as it reads it,
	# with no listing to go stale; --user root selects from /proc first.
	traced_rm semctl sem --user root
	# Within the delay: IPC_SET gives the set a new ctime.
	fixture set sem "$id" --mode 0600
	wait "$RM_PID"
	run cat "$RM_OUT.stderr"
	assert_output "ipctool: rm: sem $id: changed since listed, skipped"
	exists sem "$id"
}

@test "rm: an id that now names another resource is skipped" {
	a=$(fixture shm-create --key 0x77)
	traced_rm shmctl shm --user root	# a listing first, as above
	# Within the delay: the segment goes and a new one takes its very id
	# (shm_next_id), with another key.
	fixture shm-rm "$a"
	echo "$a" >/proc/sys/kernel/shm_next_id
	b=$(fixture shm-create --key 0x78)
	assert_equal "$b" "$a"
	wait "$RM_PID"
	run cat "$RM_OUT.stderr"
	assert_output "ipctool: rm: shm $a: changed since listed, skipped"
	assert_equal "$(kstat shm "$a" key)" 0x00000078
}

# --- churn --------------------------------------------------------------------------

@test "rm --stale under churn: live segments survive, ipctool never crashes" {
	keep=()
	for i in 1 2 3; do
		id=$(fixture shm-create --size 100)
		bg_hold shm-attach "$id" --hold
		keep+=("$id")
	done
	bg_hold shm-create --hold
	keep+=("$HOLD_OUT")
	"$PYTHON" - 3>&- <<-'EOF' &
		import ctypes, os, random
		libc = ctypes.CDLL("libc.so.6", use_errno=True)
		libc.shmat.restype = ctypes.c_void_p
		libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
		libc.shmdt.argtypes = [ctypes.c_void_p]
		mine = []
		while True:
		    pid = os.fork()
		    if pid == 0:
		        # A short-lived creator: its segment turns stale at once.
		        i = libc.shmget(0, 4096, 0o1600)
		        a = libc.shmat(i, None, 0)
		        libc.shmdt(ctypes.c_void_p(a))
		        os._exit(0)
		    os.waitpid(pid, 0)
		    i = libc.shmget(0, 4096, 0o1600)
		    if i >= 0:
		        a = libc.shmat(i, None, 0)
		        mine.append((i, a))
		    if len(mine) > 8 or random.random() < 0.3:
		        i, a = mine.pop(0)
		        libc.shmdt(ctypes.c_void_p(a))
		        libc.shmctl(i, 0, None)
	EOF
	churn=$!
	HOLD_PIDS+=("$churn")
	for i in $(seq 50); do
		rc=0
		"$IPCTOOL" rm shm --stale 2>>"$BATS_TEST_TMPDIR/err" || rc=$?
		((rc == 0 || rc == 1)) || {
			echo "run $i: exit $rc" >&2
			cat "$BATS_TEST_TMPDIR/err" >&2
			false
		}
	done
	pid_alive "$churn"
	for id in "${keep[@]}"; do
		assert_equal "$(kstat shm "$id" dest)" 0
	done
	# No attached segment was marked (perms 1xxx: SHM_DEST).
	run awk 'NR > 1 && $4 ~ /^[13579][0-7][0-7][0-7]$/' /proc/sysvipc/shm
	assert_output ''
}

# --- a real program: PostgreSQL ------------------------------------------------------

@test "rm --stale with PostgreSQL: its segment lives while it runs, goes once it is killed" {
	pgbin=/usr/lib/postgresql/15/bin
	[ -x "$pgbin/initdb" ] || skip "PostgreSQL 15 not installed"
	dir=$(mktemp -d /tmp/ipctool-pg.XXXXXX)
	chown postgres "$dir"
	runuser -u postgres -- "$pgbin/initdb" -D "$dir/data" -A trust -U postgres \
	    >"$dir/initdb.log" 2>&1 3>&- || { cat "$dir/initdb.log" >&2; false; }
	runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
	    -o "-k $dir -c listen_addresses=''" start >/dev/null 3>&-
	pm=$(head -1 "$dir/data/postmaster.pid")
	pid_alive "$pm"
	# PostgreSQL's SysV segment: made by the postmaster, attached by all.
	run awk -v pm="$pm" 'NR > 1 && $5 == pm { print $2 }' /proc/sysvipc/shm
	assert_equal "${#lines[@]}" 1
	id=${lines[0]}
	(($(kstat shm "$id" nattch) >= 1))
	run -0 stale_of "$id"
	assert_output ''
	run -0 ipctool rm shm --stale
	exists shm "$id"
	assert_equal "$(kstat shm "$id" dest)" 0
	# Killed, it cannot clean up; its children notice and exit.
	kill -KILL "$pm"
	WAIT_TIMEOUT=30 wait_until bash -c "[ \"\$(awk -v id=$id 'NR > 1 && \$2 == id { print \$7 }' /proc/sysvipc/shm)\" = 0 ]"
	wait_until bash -c "! pgrep -u postgres >/dev/null"
	run -0 stale_of "$id"
	assert_output --regexp "^unattached, creator $pm "
	run -0 ipctool rm -v shm --stale
	assert_output --partial "removed shm $id"
	assert_equal "$(count shm)" 0
	rm -rf "$dir"
}

# --- usage ----------------------------------------------------------------------------

@test "rm: usage errors are exit 2, nothing on stdout, nothing removed" {
	populate
	before=$(ipcs)
	check() {
		run --separate-stderr -2 ipctool rm "$@"
		assert_output ''
		[ -n "$stderr" ]
		assert_equal "$(ipcs)" "$before"
	}
	check
	check shm
	check msg sem
	check 5
	check shm msg 0
	check shm abc
	check shm -1
	check shm 0x10
	check shm 99999999999999
	check shm 0 --all
	check --al
	check --dry
	check shm --all --json
	check --all -J -r --dry-run
	check --all -o ID
	check shm --key 0
	check shm --key xyz
	check shm --key
	check --stale --idle 1x
	check --older-than -1
	check --user no-such-user-here
	check --all --bogus
	check -a --all
	check pshm a/b
	check all --key 1
	check rmx
	run -0 ipctool rm --help
	assert_output --partial "Usage: ipctool rm"
	assert_equal "$(ipcs)" "$before"
}

@test "rm: no prefix of the command name is taken" {
	fixture shm-create >/dev/null
	run -2 ipctool r --all
	run -2 ipctool rem --all
	assert_equal "$(count shm)" 1
}
