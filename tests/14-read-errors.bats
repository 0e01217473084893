#!/usr/bin/env bats
# 14-read-errors: a failed read of a kernel file or of /proc is a failure
# (a message naming the file and the reason, exit 1), never an empty or
# shorter answer with exit 0.  The errors are injected with strace -e
# inject (EIO on read, openat or getdents64; EMFILE on openat), only on
# the one path named with -P.  Resources are made by util-linux ipcmk and
# tests/fixture, never by ipctool.

load common

setup() {
	command -v strace >/dev/null || fail "strace is needed to inject the errors"
	FAKED=
	# Most tests here are of /proc/sysvipc reads, which list makes only
	# for RSS and SWAP otherwise; the *_STAT_ANY path has its own test.
	export IPCTOOL_SYSV_SOURCE=proc
}

teardown() {
	if [[ -n $FAKED ]]; then
		umount /proc/sysvipc
	fi
	kill_holders
	ipc_reset
}

# inject PATH SYSCALL ERROR [WHEN] -- ARGS...: run ipctool ARGS under strace,
# SYSCALL on PATH failing with ERROR (from call WHEN on, default every
# call); sets output and stderr as `run --separate-stderr` does.
inject() {
	local path=$1 call=$2 err=$3 when=${4:-1}
	shift 4
	# LeakSanitizer cannot run under ptrace (see strace in common.bash).
	run --separate-stderr env \
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    timeout 30 strace -qq -f -o /dev/null -P "$path" \
	    -e inject="$call":error="$err":when="$when+" "$IPCTOOL" "$@"
}

# a_segment: one System V segment, made by ipcmk; prints its id.
a_segment() {
	ipcmk -M 4096 | awk '{ print $NF }'
}

@test "list: EIO reading /proc/sysvipc/shm is exit 1 and the reason, no rows" {
	a_segment >/dev/null
	inject /proc/sysvipc/shm read EIO 1 -- list shm -r -n -o ID
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: /proc/sysvipc/shm: Input/output error"
}

@test "list -J: EIO on shm: no empty shm array, the other types still listed, exit 1" {
	a_segment >/dev/null
	q=$(ipcmk -Q | awk '{ print $NF }')
	inject /proc/sysvipc/shm read EIO 1 -- list -J
	assert_failure 1
	assert_equal "$stderr" "ipctool: /proc/sysvipc/shm: Input/output error"
	# Valid JSON, with no "shm" member at all: [] would say "none".
	assert_equal "$(jq -c 'has("shm")' <<<"$output")" false
	assert_equal "$(jq -c '[.msg[].id]' <<<"$output")" "[$q]"
}

@test "list: EIO or EMFILE opening /proc/sysvipc/shm is a failure, not a fallback" {
	a_segment >/dev/null
	inject /proc/sysvipc/shm openat EIO 1 -- list shm -r -n -o ID
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: /proc/sysvipc/shm: Input/output error"
	inject /proc/sysvipc/shm openat EMFILE 1 -- list shm -J
	assert_failure 1
	assert_equal "$stderr" "ipctool: /proc/sysvipc/shm: Too many open files"
}

@test "list: a read failing mid-file drops the cut last line, exit 1" {
	mount -t tmpfs -o mode=0555 none /proc/sysvipc
	FAKED=1
	FX=$BATS_TEST_DIRNAME/fixtures/sysvipc/real
	cp "$FX/msg" "$FX/sem" /proc/sysvipc/
	# Rows of the real capture, the one that spans the first 64 KiB read
	# padded so that the read ends inside its last column (swap): cut
	# there, it still has every column and would pass for a row.
	"$PYTHON" - "$FX/shm" /proc/sysvipc/shm <<-'EOF'
		import sys
		lines = open(sys.argv[1]).read().split("\n")
		head, row = lines[0] + "\n", lines[1].split()
		out, i = head, 0
		while True:
		    row[1], row[-1] = str(i), "123456789"
		    line = " ".join(row) + "\n"
		    if len(out) + len(line) > 65536:
		        cut = len(out) + len(line) - len("123456789\n") + 4
		        line = " " * (65536 - cut) + line
		        out += line
		        break
		    out += line
		    i += 1
		for j in range(i + 1, i + 50):
		    row[1] = str(j)
		    out += " ".join(row) + "\n"
		assert out[65536 - 4:65536] == "1234" and out[65536] == "5"
		open(sys.argv[2], "w").write(out)
	EOF
	# The fake file, whole, lists fine.
	run -0 --separate-stderr "$IPCTOOL" list shm -r -n -o ID
	n=${#lines[@]}
	((n > 100))
	inject /proc/sysvipc/shm read EIO 2 -- list shm -r -n -o ID,SWAP -b
	assert_failure 1
	assert_equal "$stderr" "ipctool: /proc/sysvipc/shm: Input/output error"
	assert_equal "$output" ""
	refute_output --partial 1234
}

@test "metrics: EIO on /proc/sysvipc/shm exports nothing, exit 1" {
	a_segment >/dev/null
	inject /proc/sysvipc/shm read EIO 1 -- metrics
	assert_failure 1
	assert_equal "$output" ""
	[[ $stderr == "ipctool: /proc/sysvipc/shm: Input/output error"* ]] ||
		fail "stderr: $stderr"
}

@test "metrics -o: EIO on /proc/sysvipc/msg leaves the old file as it was" {
	local dir=$BATS_TEST_TMPDIR/prom
	mkdir "$dir"
	echo 'ipc_msg_queues 7' >"$dir/ipctool.prom"
	ino=$(stat -c %i "$dir/ipctool.prom")
	ipcmk -Q >/dev/null
	inject /proc/sysvipc/msg read EIO 1 -- metrics -o "$dir/ipctool.prom"
	assert_failure 1
	[[ $stderr == "ipctool: /proc/sysvipc/msg: Input/output error"* ]] ||
		fail "stderr: $stderr"
	assert_equal "$(cat "$dir/ipctool.prom")" 'ipc_msg_queues 7'
	assert_equal "$(stat -c %i "$dir/ipctool.prom")" "$ino"
	assert_equal "$(ls -A "$dir")" ipctool.prom
}

@test "metrics -A -o: a failed readdir of /proc leaves the old file" {
	local dir=$BATS_TEST_TMPDIR/prom
	mkdir "$dir"
	echo old >"$dir/ipctool.prom"
	inject /proc getdents64 EIO 1 -- metrics -A -o "$dir/ipctool.prom"
	assert_failure 1
	assert_equal "$stderr" "ipctool: metrics: /proc: Input/output error"
	assert_equal "$(cat "$dir/ipctool.prom")" old
	assert_equal "$(ls -A "$dir")" ipctool.prom
}

@test "rm --stale: EIO on /proc/sysvipc/shm removes nothing, exit 1" {
	# A stale segment: its creator, the fixture, has exited.
	id=$(fixture shm-create --size 4096)
	run -0 ipctool rm shm --stale --dry-run
	assert_output "would remove shm $id (key $(ipcs -m | awk -v id="$id" '$2 == id { print $1 }'))"
	inject /proc/sysvipc/shm read EIO 1 -- rm shm --stale -v
	assert_failure 1
	assert_equal "$stderr" "ipctool: /proc/sysvipc/shm: Input/output error"
	assert_equal "$output" ""
	run -0 kstat shm "$id" nattch
}

@test "rm --stale: a failed readdir of /proc (waiters unknown) removes no queue" {
	# A queue whose last sender has exited: stale only if nobody is
	# blocked on it, which a failed walk of /proc cannot tell.
	q=$(fixture msg-create)
	fixture msg-send "$q" 1 hello
	run -0 ipctool list msg --stale -r -n -o ID
	assert_output "$q"
	inject /proc getdents64 EIO 1 -- rm msg --stale
	assert_equal "$output" ""
	run -0 kstat msg "$q" qnum
	assert_output 1
}

@test "list -A: a failed readdir of /proc is exit 1 and the reason, not 0 namespaces" {
	a_segment >/dev/null
	inject /proc getdents64 EIO 1 -- list -A
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: list: /proc: Input/output error"
	inject /proc getdents64 EIO 1 -- list -A -J
	assert_failure 1
	assert_equal "$output" ""
}

@test "list -o +ATTACHED: a failed readdir of /proc is exit 1, not 'attached by nobody'" {
	a_segment >/dev/null
	run -0 ipctool list shm -J -o ID,ATTACHED
	assert_equal "$(jq -c '.shm[0].attached' <<<"$output")" '[]'
	inject /proc getdents64 EIO 1 -- list shm -J -o ID,ATTACHED
	assert_failure 1
	assert_equal "$stderr" "ipctool: /proc: Input/output error"
	assert_equal "$(jq -c 'has("shm")' <<<"$output")" false
}

@test "metrics: a failed readdir of /dev/mqueue exports nothing, exit 1" {
	fixture pmq-create /q1
	run -0 --separate-stderr "$IPCTOOL" metrics
	assert_line 'ipc_used{resource="mq_queues_max"} 1'
	inject /dev/mqueue getdents64 EIO 1 -- metrics
	assert_failure 1
	assert_equal "$output" ""
	[[ $stderr == *"ipctool: /dev/mqueue: Input/output error"* ]] ||
		fail "stderr: $stderr"
}

@test "rm pshm --stale: a failed readdir of /proc (holders unknown) removes nothing" {
	fixture pshm-create /held 4096
	py_holder 'fd = os.open("/dev/shm/held", os.O_RDWR)'
	fixture pshm-create /loose 4096
	# Without the error: only the object nobody holds is stale.
	run -0 ipctool list pshm --stale -r -n -o NAME
	assert_output /loose
	inject /proc getdents64 EIO 1 -- rm pshm --stale
	[[ -e /dev/shm/held && -e /dev/shm/loose ]]
}

@test "list pshm: a failed readdir of /dev/shm is exit 1 and the reason, not a shorter list" {
	fixture pshm-create /a 4096
	fixture pshm-create /b 4096
	inject /dev/shm getdents64 EIO 1 -- list pshm -r -n -o NAME
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: pshm: /dev/shm: Input/output error"
}

@test "list: a *_STAT_ANY call failing midway is exit 1 and the reason, no rows" {
	for i in 1 2 3 4 5; do ipcmk -Q >/dev/null; done
	unset IPCTOOL_SYSV_SOURCE
	# msgctl: MSG_INFO twice, then one MSG_STAT_ANY per index; the fifth
	# call fails.
	run --separate-stderr env \
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    timeout 30 strace -qq -f -o /dev/null \
	    -e inject=msgctl:error=EIO:when=5 "$IPCTOOL" list msg -J
	assert_failure 1
	assert_equal "$stderr" "ipctool: msg: Input/output error"
	refute_output --partial '"id"'
}

@test "rm --stale: a *_STAT_ANY call failing is exit 1 and the reason; what it hid stays" {
	# Two queues whose last sender, the fixture, has exited: stale.
	a=$(fixture msg-create)
	fixture msg-send "$a" 1 hello
	b=$(fixture msg-create)
	fixture msg-send "$b" 1 hello
	run -0 ipctool list msg --stale -r -n -o ID
	assert_output "$a"$'\n'"$b"
	bkey=$(kstat msg "$b" key)
	unset IPCTOOL_SYSV_SOURCE
	# rm judges and removes each queue as the kernel reports it: msgctl
	# is MSG_INFO, then MSG_STAT_ANY by index from 0 (an id's index is
	# its low 15 bits).  Queue a's read fails: unknown, it stays; b goes.
	run --separate-stderr env \
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    timeout 30 strace -qq -f -o /dev/null \
	    -e inject=msgctl:error=EIO:when=$((a % 32768 + 2)) \
	    "$IPCTOOL" rm msg --stale -v
	assert_failure 1
	assert_equal "$stderr" "ipctool: rm: msg: Input/output error"
	assert_output "removed msg $b (key $bkey)"
	run -0 kstat msg "$a" qnum
	assert_output 1
	run ! kstat msg "$b" qnum
}
