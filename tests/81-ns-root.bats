#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# A container's files are untrusted; POSIX objects are counted where they
# live.
#
# The "containers" here are chroots: a temporary root with /usr bound in
# read-only (and the host's /bin, /lib, /lib64 links), entered by
# `unshare --ipc chroot ROOT sleep`.  Its /dev/shm is a symlink planted to
# lead out of it, to a host directory of canary files: ipctool -N and -A
# must never list, create or remove anything there.  Queues are made with
# the fixture (python ctypes mq_open), never with ipctool.

load common

# container LINK: make the chroot ROOT (with /dev/shm a symlink to LINK)
# and the host directory HOST of canaries, and start `sleep` in it, in an
# IPC namespace of its own; sets CT_PID.
container() {
	local l
	ROOT=$BATS_TEST_TMPDIR/root
	HOST=$BATS_TEST_TMPDIR/host
	mkdir -p "$ROOT/usr" "$ROOT/dev" "$ROOT/tmp" "$HOST"
	# Read-only: nothing done in the chroot, or in cleaning it up, can
	# reach the real /usr.
	mount --bind /usr "$ROOT/usr"
	mount -o remount,bind,ro "$ROOT/usr"
	for l in bin sbin lib lib64 lib32 libx32; do
		if [[ -L /$l ]]; then
			ln -s "$(readlink "/$l")" "$ROOT/$l"
		elif [[ -d /$l ]]; then
			mkdir "$ROOT/$l"
			mount --bind "/$l" "$ROOT/$l"
			mount -o remount,bind,ro "$ROOT/$l"
		fi
	done
	ln -s "$1" "$ROOT/dev/shm"
	printf 'canary' >"$HOST/victim"
	head -c 32 /dev/zero >"$HOST/sem.victim"
	chmod 0644 "$HOST/victim" "$HOST/sem.victim"
	ls -l "$HOST" >"$BATS_TEST_TMPDIR/host.before"
	unshare --ipc chroot "$ROOT" sleep 1000 </dev/null >/dev/null 3>&- &
	CT_PID=$!
	HOLD_PIDS+=("$CT_PID")
	wait_until ct_ready
}

# ct_ready: the container runs sleep inside its root, in its own namespace.
ct_ready() {
	[[ $(readlink "/proc/$CT_PID/root") == "$ROOT" &&
		$(readlink "/proc/$CT_PID/ns/ipc") != "$(readlink /proc/self/ns/ipc)" &&
		$(cat "/proc/$CT_PID/comm") == sleep ]]
}

# host_untouched: the host directory holds what it held, as it was.
host_untouched() {
	ls -l "$HOST" >"$BATS_TEST_TMPDIR/host.after"
	diff "$BATS_TEST_TMPDIR/host.before" "$BATS_TEST_TMPDIR/host.after"
	assert_equal "$(cat "$HOST/victim")" canary
}

teardown() {
	local m
	kill_holders
	# Unbind before bats removes the test's directory.
	for m in lib libx32 lib32 lib64 sbin bin usr; do
		mountpoint -q "$ROOT/$m" 2>/dev/null && umount "$ROOT/$m"
	done
	ipc_reset
}

# trapped_root: every command that reads or writes the container's
# /dev/shm, none of which may reach the host directory.
trapped_root() {
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" list posix -J
	refute_output --partial victim
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" list pshm
	refute_output --partial victim
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" rm pshm victim
	assert_failure 1
	host_untouched
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" rm psem victim
	assert_failure 1
	host_untouched
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" rm psem --stale
	refute_output --partial victim
	host_untouched
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" rm pshm --all
	refute_output --partial victim
	host_untouched
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" create pshm planted --size 4096 --mode 4755
	assert_failure 1
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" create psem planted
	assert_failure 1
	host_untouched
	run --separate-stderr "$IPCTOOL" list -A -J posix
	refute_output --partial victim
	run --separate-stderr "$IPCTOOL" list -A posix
	refute_output --partial victim
	run --separate-stderr "$IPCTOOL" metrics -A
	# Once (never the host's objects counted again); none where the
	# container's /dev/shm, a symlink, cannot be resolved (no openat2).
	(($(grep -c '^ipc_pshm_objects' <<<"$output") <= 1))
	host_untouched
}

@test "-N and -A: a container's /dev/shm, an absolute symlink out, never reaches the host" {
	container "$BATS_TEST_TMPDIR/host"
	# Followed from outside, the symlink does lead to the host directory.
	[[ -e /proc/$CT_PID/root/dev/shm/victim ]]
	trapped_root
}

@test "-N and -A: a container's /dev/shm climbing out with .. never reaches the host" {
	container ../../host
	[[ -e $ROOT/dev/shm/victim ]]
	trapped_root
}

@test "-N: a /dev/shm symlink that stays inside the container is followed inside it" {
	# valgrind 3.19 (check-valgrind) lacks openat2, and the walk that
	# stands in for it refuses every symlink: test 4 is that case.
	[[ $IPCTOOL != *valgrind* ]] || skip "openat2 is missing under valgrind; test 4 covers the walk"
	container /tmp
	printf 'x' >"$ROOT/tmp/inside"
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" list pshm -J
	assert_success
	assert_equal "$(jq -c '[.pshm[].name]' <<<"$output")" '["/inside"]'
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" create pshm made --size 10
	assert_success
	[[ -f $ROOT/tmp/made && ! -e $HOST/made && ! -e /dev/shm/made ]]
	run --separate-stderr "$IPCTOOL" -N "$CT_PID" rm pshm made
	assert_success
	[[ ! -e $ROOT/tmp/made ]]
	host_untouched
}

@test "-N without openat2 (ENOSYS): the walk refuses the container's symlinks" {
	command -v strace >/dev/null || skip "no strace"
	container "$BATS_TEST_TMPDIR/host"
	run --separate-stderr strace -f -qq -o /dev/null -e inject=openat2:error=ENOSYS \
		"$IPCTOOL" -N "$CT_PID" list posix -J
	refute_output --partial victim
	run --separate-stderr strace -f -qq -o /dev/null -e inject=openat2:error=ENOSYS \
		"$IPCTOOL" -N "$CT_PID" rm pshm victim
	assert_failure 1
	run --separate-stderr strace -f -qq -o /dev/null -e inject=openat2:error=ENOSYS \
		"$IPCTOOL" -N "$CT_PID" rm psem --stale
	run --separate-stderr strace -f -qq -o /dev/null -e inject=openat2:error=ENOSYS \
		"$IPCTOOL" -N "$CT_PID" create pshm planted --size 10
	assert_failure 1
	host_untouched
	# And a real directory is still read that way.
	rm "$ROOT/dev/shm"
	mkdir "$ROOT/dev/shm"
	printf 'x' >"$ROOT/dev/shm/real"
	run --separate-stderr strace -f -qq -o /dev/null -e inject=openat2:error=ENOSYS \
		"$IPCTOOL" -N "$CT_PID" list pshm -J
	assert_success
	assert_equal "$(jq -c '[.pshm[].name]' <<<"$output")" '["/real"]'
}

@test "-N PID whose process is gone: an error, nothing read" {
	local pid
	pid=$(gone_pid)
	run --separate-stderr "$IPCTOOL" -N "$pid" list posix
	assert_failure 1
	assert_equal "$stderr" "ipctool: namespace '$pid': No such process"
}

@test "-N PID: a pid reused while it is being entered is refused, never followed" {
	command -v strace >/dev/null || skip "no strace"
	[[ -w /proc/sys/kernel/ns_last_pid ]] || skip "ns_last_pid not writable"
	ns_start 'echo ready && exec sleep 1000'
	local a=$NS_PID out=$BATS_TEST_TMPDIR/reuse ipid b
	# ipctool read A's start time and waits 3 s in opening A's namespace.
	strace -qq -o "$out.trace" -P "/proc/$a/ns/ipc" -e trace=openat \
		-e inject=openat:delay_enter=3000000 \
		"$IPCTOOL" -N "$a" list shm -J >"$out.out" 2>"$out.err" 3>&- &
	ipid=$!
	wait_until grep -q "/proc/$a/ns/ipc" "$out.trace"
	# Meanwhile A ends and B, another namespace with a segment, gets its pid.
	kill_hold "$a"
	echo $((a - 1)) >/proc/sys/kernel/ns_last_pid
	unshare --ipc sh -c 'ipcmk -M 4096 >/dev/null && echo ready && exec sleep 1000' \
		>"$out.b" 2>&1 </dev/null 3>&- &
	b=$!
	HOLD_PIDS+=("$b")
	[[ $b == "$a" ]] || skip "pid $a not reused (got $b)"
	wait_until grep -qx ready "$out.b"
	local rc=0
	wait "$ipid" || rc=$?
	assert_equal "$rc" 1
	assert_equal "$(cat "$out.err")" "ipctool: namespace '$a': No such process"
	assert_equal "$(cat "$out.out")" ""
}

# --- -A: each /dev/shm once ---------------------------------------------------

@test "-A: an IPC-only namespace sharing our /dev/shm does not list its objects again" {
	fixture pshm-create /a 4096
	fixture pshm-create /b 8192
	fixture psem-create /s 1
	ns_start 'echo ready && exec sleep 1000'
	run --separate-stderr "$IPCTOOL" list -A -J posix
	assert_success
	assert_equal "$(jq -c '[.namespaces[].pshm // [] | .[].name] | sort' <<<"$output")" '["/a","/b"]'
	assert_equal "$(jq -c '[.namespaces[].psem // [] | .[].name]' <<<"$output")" '["/s"]'
	# Under our own namespace.
	assert_equal "$(jq -c --argjson n "$(stat -L -c %i /proc/self/ns/ipc)" \
		'[.namespaces[] | select(.ns == $n) | .pshm[].name] | sort' <<<"$output")" '["/a","/b"]'
	run --separate-stderr "$IPCTOOL" metrics -A
	assert_success
	# Once in the host's total (unlabelled), once among the namespaces'.
	local f
	for f in "ipc_pshm_bytes 12288" "ipc_pshm_objects 2" "ipc_psem_semaphores 1"; do
		set -- $f
		assert_equal "$(awk -v m="$1" '$1 == m { s += $2 } END { print s }' <<<"$output")" "$2"
		assert_equal "$(awk -v m="$1" 'index($1, m "{") == 1 { s += $2 } END { print s }' <<<"$output")" "$2"
	done
	run --separate-stderr "$IPCTOOL" top -A --batch posix
	assert_success
	assert_line --index 0 --regexp ' - pshm 2, pmq 0, psem 1$'
}

@test "-A: a namespace with its own /dev/shm still lists its objects" {
	fixture pshm-create /ours 4096
	ns_start "mount --make-rprivate / && mount -t tmpfs tmpfs /dev/shm &&
		'$PYTHON' '$FIXTURE' pshm-create /theirs 100 &&
		echo ready && exec sleep 1000" --mount
	run --separate-stderr "$IPCTOOL" list -A -J pshm
	assert_success
	assert_equal "$(jq -c --argjson n "$NS_INO" '[.namespaces[] | select(.ns == $n) | .pshm[].name]' <<<"$output")" '["/theirs"]'
	assert_equal "$(jq -c '[.namespaces[].pshm[].name] | sort' <<<"$output")" '["/ours","/theirs"]'
}

# --- POSIX message queues belong to the IPC namespace ---------------------------

@test "pmq: counted with /dev/mqueue unmounted (root reads the namespace's own)" {
	fixture pmq-create /q1
	fixture pmq-create /q2
	fixture pmq-send /q2 hello
	run --separate-stderr unshare --mount sh -c 'umount /dev/mqueue && exec "$0" list pmq -J' "$IPCTOOL"
	assert_success
	assert_equal "$(jq -c '[.pmq[] | [.name, .msgs]]' <<<"$output")" '[["/q1",0],["/q2",1]]'
	run --separate-stderr unshare --mount sh -c 'umount /dev/mqueue && exec "$0" metrics' "$IPCTOOL"
	assert_success
	assert_line 'ipc_pmq_queues 2'
	assert_line 'ipc_pmq_messages 1'
	run --separate-stderr unshare --mount sh -c 'umount /dev/mqueue && exec "$0" limits -J' "$IPCTOOL"
	assert_success
	assert_equal "$(jq '.limits[] | select(.resource == "mq_queues_max") | .used' <<<"$output")" 2
	run --separate-stderr unshare --mount sh -c 'umount /dev/mqueue && exec "$0" show pmq /q2' "$IPCTOOL"
	assert_success
}

@test "pmq: without the new mount API (fsopen ENOSYS), a child's private mount reads them" {
	command -v strace >/dev/null || skip "no strace"
	fixture pmq-create /q1
	ns_start "'$PYTHON' '$FIXTURE' pmq-create /theirs && echo ready && exec sleep 1000"
	# The strace wrapper of common.bash is a function sh cannot see: LSan
	# off by hand (under ptrace an ASan build would abort at exit).
	run --separate-stderr env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		unshare --mount sh -c 'umount /dev/mqueue && exec "$@"' sh \
		strace -f -qq -o /dev/null -e inject=fsopen:error=ENOSYS "$IPCTOOL" list pmq -J
	assert_success
	assert_equal "$(jq -c '[.pmq[].name]' <<<"$output")" '["/q1"]'
	run --separate-stderr strace -f -qq -o /dev/null -e inject=fsopen:error=ENOSYS \
		"$IPCTOOL" -N "$NS_PID" list pmq -J
	assert_success
	assert_equal "$(jq -c '[.pmq[].name]' <<<"$output")" '["/theirs"]'
	# The child's mount was its own: nothing is left mounted here.
	assert_equal "$(grep -c ' /dev mqueue ' /proc/self/mounts)" 0
}

@test "pmq: -N and -A read each namespace's own queues, not the /dev/mqueue it can see" {
	fixture pmq-create /ours
	# Shares our mount namespace: our /dev/mqueue is not its queues.
	ns_start "'$PYTHON' '$FIXTURE' pmq-create /theirs && echo ready && exec sleep 1000"
	run --separate-stderr "$IPCTOOL" -N "$NS_PID" list pmq -J
	assert_success
	assert_equal "$(jq -c '[.pmq[].name]' <<<"$output")" '["/theirs"]'
	run --separate-stderr "$IPCTOOL" list -A -J pmq
	assert_success
	assert_equal "$(jq -c --argjson n "$NS_INO" '[.namespaces[] | select(.ns == $n) | .pmq[].name]' <<<"$output")" '["/theirs"]'
	assert_equal "$(jq -c '[.namespaces[].pmq[].name] | sort' <<<"$output")" '["/ours","/theirs"]'
	run --separate-stderr "$IPCTOOL" metrics -A
	assert_success
	assert_line "ipc_pmq_queues{ns=\"$NS_INO\"} 1"
	assert_line "ipc_pmq_queues{ns=\"$(stat -L -c %i /proc/self/ns/ipc)\"} 1"
}

@test "pmq: unreadable without privilege is unknown (null, no sample), never 0" {
	fixture pmq-create /q1
	local nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	run --separate-stderr unshare --mount sh -c 'umount /dev/mqueue && exec "$@"' sh \
		"${nobody[@]}" "$IPCTOOL" list pmq -J
	assert_success
	assert_equal "$(jq -c '.pmq' <<<"$output")" null
	run --separate-stderr unshare --mount sh -c 'umount /dev/mqueue && exec "$@"' sh \
		"${nobody[@]}" "$IPCTOOL" metrics
	refute_output --partial 'ipc_pmq_queues '
	refute_output --partial 'ipc_pmq_messages '
	assert_output --partial 'ipc_shm_segments 0'
	run --separate-stderr unshare --mount sh -c 'umount /dev/mqueue && exec "$@"' sh \
		"${nobody[@]}" "$IPCTOOL" limits -J
	assert_equal "$(jq '.limits[] | select(.resource == "mq_queues_max") | .used' <<<"$output")" null
}

# --- -N PATH and the survey's own errors -------------------------------------

@test "-N on a FIFO returns at once, exit 1, not an IPC namespace" {
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	run --separate-stderr timeout 10 "$IPCTOOL" -N "$BATS_TEST_TMPDIR/fifo" list
	assert_failure 1
	assert_equal "$stderr" "ipctool: namespace '$BATS_TEST_TMPDIR/fifo': not an IPC namespace"
	assert_equal "$output" ""
	# A regular file and another kind of namespace: the same.
	run --separate-stderr "$IPCTOOL" -N /proc/self/ns/net list
	assert_failure 1
	assert_equal "$stderr" "ipctool: namespace '/proc/self/ns/net': not an IPC namespace"
	run --separate-stderr "$IPCTOOL" -N /etc/hostname list
	assert_failure 1
	assert_equal "$stderr" "ipctool: namespace '/etc/hostname': not an IPC namespace"
}

@test "list -A: EMFILE on /proc/self/ns/ipc names that file" {
	command -v strace >/dev/null || skip "no strace"
	run --separate-stderr strace -qq -o /dev/null -P /proc/self/ns/ipc \
		-e inject=openat:error=EMFILE "$IPCTOOL" list -A
	assert_failure 1
	assert_equal "$stderr" "ipctool: list: /proc/self/ns/ipc: Too many open files"
	run --separate-stderr strace -qq -o /dev/null -P /proc/self/ns/ipc \
		-e inject=openat:error=EMFILE "$IPCTOOL" metrics -A
	assert_failure 1
	assert_equal "$stderr" "ipctool: metrics: /proc/self/ns/ipc: Too many open files"
}
