#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 13-stale-safety: the ordinary situations in which a cleanup must not
# take a live resource: a queue and a set made and not used yet, a pod's
# sidecar that shares the IPC namespace but not the PID namespace, a file
# named SYSV... posing as an attachment, and a real program (Apache httpd
# with SysV semaphore mutexes) killed outright.

load common

# stale_text TYPE ID [IPCTOOL...]: the STALE column of one resource ("" if
# not stale); IPCTOOL is how to run ipctool (default: $IPCTOOL).
stale_text() {
	local t=$1 id=$2
	shift 2
	(($#)) || set -- "$IPCTOOL"
	"$@" list "$t" -J -o ID,STALE |
		jq -r --argjson id "$id" ".$t[] | select(.id == \$id) | .stale"
}

# in_child_pidns CMD...: run CMD in a new PID namespace (with its own
# /proc) that shares this IPC namespace, as a pod's sidecar container
# does: the processes of this namespace are invisible there.
in_child_pidns() {
	unshare --pid --fork --mount --mount-proc --kill-child "$@"
}

@test "a queue and a set made by a live process that polls them are not stale" {
	"$PYTHON" - >"$BATS_TEST_TMPDIR/poller" 3>&- <<-'EOF' &
		import ctypes, time
		libc = ctypes.CDLL(None, use_errno=True)
		q = libc.msgget(0, 0o1600)
		s = libc.semget(0, 1, 0o1600)
		print(q, s, flush=True)
		print("ready", flush=True)
		buf = ctypes.create_string_buffer(64)
		while True:
		    # IPC_NOWAIT: nothing there yet, try again later.
		    libc.msgrcv(q, buf, 56, 0, 0o4000)
		    time.sleep(0.05)
	EOF
	poller=$!
	HOLD_PIDS+=("$poller")
	wait_until grep -qx ready "$BATS_TEST_TMPDIR/poller"
	read -r q s <"$BATS_TEST_TMPDIR/poller"
	assert_equal "$(kstat msg "$q" lspid) $(kstat msg "$q" lrpid)" "0 0"
	assert_equal "$(kstat sem "$s" sempid.0)" 0
	assert_equal "$(stale_text msg "$q")" ''
	assert_equal "$(stale_text sem "$s")" ''
	run -0 --separate-stderr ipctool rm --stale -v
	assert_output ''
	assert_equal "$stderr" ''
	kstat msg "$q" qnum >/dev/null
	kstat sem "$s" nsems >/dev/null
	# show says why not.
	run -0 ipctool show msg "$q"
	assert_line --regexp '^stale: +not stale: never used; the kernel records no creator for queues$'
	run -0 ipctool show sem "$s"
	assert_line --regexp '^stale: +not stale: never used; the kernel records no creator for sets$'
}

@test "ipcmk -S and -Q: never used, never stale" {
	s=$(ipcmk -S 1 | awk '{ print $NF }')
	q=$(ipcmk -Q | awk '{ print $NF }')
	m=$(ipcmk -M 4096 | awk '{ print $NF }')
	# The segment has a creator (ipcmk, gone): that one is stale.
	assert_equal "$(stale_text sem "$s")" ''
	assert_equal "$(stale_text msg "$q")" ''
	assert_equal "$(stale_text shm "$m")" "never attached, creator $(kstat shm "$m" cpid) gone"
	key=$(awk -v id="$m" 'NR > 1 && $2 == id { print $1 }' /proc/sysvipc/shm)
	run -0 --separate-stderr ipctool rm --stale -v
	assert_output "removed shm $m (key $(printf '0x%08x' $((key & 0xffffffff))))"
	kstat sem "$s" nsems >/dev/null
	kstat msg "$q" qnum >/dev/null
}

@test "sidecar: from a child PID namespace, resources of invisible processes are kept" {
	# Live users in this PID namespace: a creator that holds its segment
	# unattached, a sender, a semaphore operator.
	bg_hold shm-create --hold
	live_shm=$HOLD_OUT
	q=$(fixture msg-create)
	bg_hold msg-send "$q" 1 hello --hold
	s=$(fixture sem-create --nsems 1)
	bg_hold sem-op "$s" 0 1 --hold
	# And users of this namespace that are gone: the sidecar cannot tell
	# them from the live ones, and must not guess.
	dead_shm=$(fixture shm-create)
	fixture shm-attach "$dead_shm" --detach >/dev/null
	dq=$(fixture msg-create)
	fixture msg-send "$dq" 1 hello
	ds=$(fixture sem-create --nsems 1)
	fixture sem-op "$ds" 0 1
	# What the sidecar sees: pids 0, with the times that prove there was
	# a creator, a sender, an operator.
	run -0 in_child_pidns "$IPCTOOL" list shm -r -n -o ID,CPID
	assert_line "$live_shm 0"
	assert_line "$dead_shm 0"
	run -0 in_child_pidns "$IPCTOOL" list msg -r -n -o ID,LSPID
	assert_line "$q 0"
	run -0 --separate-stderr in_child_pidns "$IPCTOOL" rm --stale -v
	assert_output ''
	assert_equal "$stderr" "ipctool: rm: 6 resources not judged, kept as live: 6 used by a process outside this PID namespace"
	for id in "$live_shm" "$dead_shm"; do kstat shm "$id" nattch >/dev/null; done
	for id in "$q" "$dq"; do kstat msg "$id" qnum >/dev/null; done
	for id in "$s" "$ds"; do kstat sem "$id" nsems >/dev/null; done
	# metrics --stale counts none, and says why on stderr.
	run -0 --separate-stderr in_child_pidns "$IPCTOOL" metrics --stale
	assert_line 'ipc_stale_resources{type="shm"} 0'
	assert_line 'ipc_stale_resources{type="msg"} 0'
	assert_line 'ipc_stale_resources{type="sem"} 0'
	assert_equal "$stderr" "ipctool: metrics: 6 resources not judged, kept as live: 6 used by a process outside this PID namespace"
	run -0 in_child_pidns "$IPCTOOL" show shm "$live_shm"
	assert_line --regexp '^stale: +unknown: used by a process outside this PID namespace, so not stale$'
	# Seen from here, the dead ones are stale, and only they.
	run -0 ipctool list --stale -r -n -o ID
	assert_output "$dead_shm
$dq
$ds"
	# A sidecar still cleans up after its own processes.
	run -0 in_child_pidns bash -c '
		id=$("$1" "$2" shm-create) || exit 1
		echo "made $id"
		"$IPCTOOL" rm shm --stale -v 2>/dev/null' - "$PYTHON" "$FIXTURE"
	mine=$(sed -n 's/^made //p' <<<"$output")
	assert_line "removed shm $mine (key 0x00000000)"
	assert_equal "${#lines[@]}" 2
	kstat shm "$dead_shm" nattch >/dev/null
}

@test "sidecar under churn: live resources of invisible creators survive rm --stale" {
	keep=()
	for i in 1 2 3; do
		bg_hold shm-create --hold
		keep+=("$HOLD_OUT")
	done
	"$PYTHON" - 3>&- <<-'EOF' &
		import ctypes, os, random
		libc = ctypes.CDLL("libc.so.6", use_errno=True)
		libc.shmat.restype = ctypes.c_void_p
		libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
		libc.shmdt.argtypes = [ctypes.c_void_p]
		mine = []
		while True:
		    # Made, attached and detached by a live process: never stale.
		    i = libc.shmget(0, 4096, 0o1600)
		    if i >= 0:
		        a = libc.shmat(i, None, 0)
		        libc.shmdt(ctypes.c_void_p(a))
		        mine.append(i)
		    if len(mine) > 8 or random.random() < 0.3:
		        libc.shmctl(mine.pop(0), 0, None)
	EOF
	churn=$!
	HOLD_PIDS+=("$churn")
	for i in $(seq 30); do
		rc=0
		in_child_pidns "$IPCTOOL" rm shm --stale -v \
		    >>"$BATS_TEST_TMPDIR/out" 2>>"$BATS_TEST_TMPDIR/err" || rc=$?
		((rc == 0 || rc == 1)) || {
			echo "run $i: exit $rc" >&2
			cat "$BATS_TEST_TMPDIR/err" >&2
			false
		}
	done
	pid_alive "$churn"
	# Nothing was removed: every segment belongs to a live process.
	run grep -c '^removed' "$BATS_TEST_TMPDIR/out"
	assert_output 0
	for id in "${keep[@]}"; do
		assert_equal "$(kstat shm "$id" dest)" 0
	done
}

@test "a file named SYSV<key> is not an attachment, on any file system" {
	mnt=$BATS_TEST_TMPDIR/fs
	mkdir "$mnt"
	mount -t tmpfs tmpfs "$mnt"
	# A file whose inode number the segment's id will be.
	plant=$mnt/SYSV0000beef
	: >"$plant"
	truncate -s 4096 "$plant"
	ino=$(stat -c %i "$plant")
	echo "$ino" >/proc/sys/kernel/shm_next_id
	id=$(fixture shm-create --key 0xbeef)
	assert_equal "$id" "$ino"
	# Anyone maps the planted file.
	py_holder "fd = os.open('$plant', os.O_RDWR)
m = mmap.mmap(fd, 4096)"
	planter=$HOLD_PID
	grep -q "SYSV0000beef" "/proc/$planter/maps"
	run -0 ipctool list shm -J -o ID,NATTCH,ATTACHED
	assert_equal "$(jq -c ".shm[] | select(.id == $id) | [.nattch, .attached]" <<<"$output")" '[0,[]]'
	run -0 ipctool show shm "$id"
	assert_line --regexp '^attached: +-$'
	refute_output --partial "$planter"
	# rm --pid of the planter selects nothing.
	run -0 ipctool rm shm --pid "$planter" --dry-run
	assert_output ''
	# A real attach of the same segment is still found.
	bg_hold shm-attach "$id" --hold
	run -0 ipctool list shm -J -o ID,ATTACHED
	assert_equal "$(jq -c ".shm[] | select(.id == $id) | .attached" <<<"$output")" "[$HOLD_PID]"
	kill_holders
	umount "$mnt"
}

@test "rm --dry-run -v says why each resource was selected" {
	a=$(fixture shm-create)
	b=$(fixture shm-create)
	bg_hold shm-attach "$b" --hold
	run -0 ipctool rm shm --stale --dry-run -v
	assert_output "would remove shm $a (key 0x00000000): stale: never attached, creator $(kstat shm "$a" cpid) gone"
	run -0 ipctool rm shm "$a" "$b" --dry-run -v
	assert_line "would remove shm $a (key 0x00000000): named"
	assert_line "would remove shm $b (key 0x00000000): named; attached (NATTCH 1): would only be marked"
	run -0 ipctool rm shm --older-than 0 --dry-run -v
	assert_line --regexp "^would remove shm $a \(key 0x00000000\): changed [0-9]+s ago$"
	# Without -v, the lines are as before.
	run -0 ipctool rm shm --stale --dry-run
	assert_output "would remove shm $a (key 0x00000000)"
}

@test "--idle: a queue or set with a blocked process is never idle" {
	[[ $(uname -m) == x86_64 ]] || skip "syscall numbers below are x86_64's"
	q=$(fixture msg-create)
	bg_hold msg-recv "$q" --wait
	reader=$HOLD_PID
	wait_until bash -c "[[ \$(cut -d' ' -f1 /proc/$reader/syscall) == 70 ]]"
	s=$(fixture sem-create --nsems 1)
	bg_hold sem-op "$s" 0 -1 --wait
	wait_until test "$(kstat sem "$s" semncnt.0)" = 1
	e=$(fixture msg-create)
	run -0 ipctool list msg sem --idle 0 -r -n -o ID
	assert_output "$e"
	run -0 ipctool rm msg sem --idle 0 -v
	assert_output "removed msg $e (key 0x00000000)"
	kstat msg "$q" qnum >/dev/null
	kstat sem "$s" nsems >/dev/null
}

@test "Apache httpd with sysvsem mutexes: live sets kept; after kill -9, only they go" {
	httpd=/usr/sbin/apache2
	mods=/usr/lib/apache2/modules
	[[ -x $httpd ]] || { [[ $CI == true ]] && fail "apache2 not installed"; skip "apache2 not installed"; }
	dir=$BATS_TEST_TMPDIR/httpd
	mkdir -p "$dir/htdocs"
	port=$((40000 + RANDOM % 20000))
	cat >"$dir/httpd.conf" <<-EOF
		ServerRoot $dir
		ServerName localhost
		Listen 127.0.0.1:$port
		Listen 127.0.0.1:$((port + 1))
		LoadModule mpm_prefork_module $mods/mod_mpm_prefork.so
		LoadModule authz_core_module $mods/mod_authz_core.so
		PidFile $dir/httpd.pid
		ErrorLog $dir/error.log
		DocumentRoot $dir/htdocs
		User www-data
		Group www-data
		Mutex sysvsem default
		StartServers 3
	EOF
	# Other sets: a stale one of root's, a live one of www-data's.
	other=$(fixture sem-create --nsems 1)
	fixture sem-op "$other" 0 1
	bg_hold sem-create --nsems 1 --hold
	live=$HOLD_OUT
	fixture set sem "$live" --uid 33
	"$httpd" -f "$dir/httpd.conf" -k start 3>&-
	wait_until test -s "$dir/httpd.pid"
	main=$(cat "$dir/httpd.pid")
	# This PID namespace is the test's own: every apache2 here is ours.
	wait_until bash -c '(($(pgrep -c -x apache2) >= 4))'
	mapfile -t sets < <(awk -v u=33 'NR > 1 && $5 == u { print $2 }' /proc/sysvipc/sem | grep -vx "$live")
	((${#sets[@]} >= 1))
	for id in "${sets[@]}"; do
		assert_equal "$(stale_text sem "$id")" ''
	done
	run -0 ipctool rm sem --stale -u www-data -v
	assert_output ''
	# Every apache process killed at once: nothing releases anything.
	pkill -KILL -x apache2
	wait_until bash -c '! pgrep -x apache2 >/dev/null'
	for id in "${sets[@]}"; do
		assert_regex "$(stale_text sem "$id")" '^last operators? .*gone$'
	done
	run -0 ipctool rm sem --stale -u www-data -v
	for id in "${sets[@]}"; do
		assert_line "removed sem $id (key 0x00000000)"
	done
	assert_equal "${#lines[@]}" "${#sets[@]}"
	kstat sem "$other" nsems >/dev/null
	kstat sem "$live" nsems >/dev/null
	pid_alive "$HOLD_PID"
	[[ -n $main ]]
}
