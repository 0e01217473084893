#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# ipctool top and IPC namespaces: -A (every namespace, an NS column, the
# show pane naming the namespace's process, d removing in the row's
# namespace) and -N PID (one other namespace, its POSIX objects under
# /proc/PID/root, the errors before the terminal is touched).
#
# Other namespaces are made with `unshare --ipc` (inside ns-run's private
# ones), held by a sleeping process and filled by the fixture or ipcmk;
# what they hold is read back through nsenter, ipcs and /proc/sysvipc.
# The live view runs in an 80x24 tmux pane, as in 60-top.bats.

load common
load lib/tmux
load lib/ns

NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

setup() {
	TMUX_SOCK="ipctool-topns-$$-$BATS_TEST_NUMBER-$RANDOM"
	RCFILE=$BATS_TEST_TMPDIR/rc
}

teardown() {
	tm kill-server 2>/dev/null || true
	kill_holders
	ipc_reset
}

# --- tmux, as 60-top.bats has it -------------------------------------------

# run_in_pane CMD...: run CMD in an 80x24 pane through a wrapper that
# writes its exit status to $RCFILE and then prints "exited N".
run_in_pane() {
	local w=$BATS_TEST_TMPDIR/run-top
	{
		echo '#!/bin/bash'
		printf '%q ' "$@"
		echo
		echo 'rc=$?'
		echo "echo \$rc > $RCFILE"
		echo 'echo "exited $rc"'
		echo 'exec sleep 600'
	} >"$w"
	chmod 755 "$w"
	new_pane "$w"
}

# top ARGS...: "ipctool ARGS" (global options first) in the pane, waiting
# for the view's title.
top() {
	run_in_pane "$IPCTOOL" "$@"
	wait_screen '^ipctool top - '
}

# filter_to TEXT: type "/TEXT Enter" (TEXT literally: tmux reads 0x... as
# a key code).
filter_to() {
	tm send-keys -t top /
	wait_screen '^filter: '
	tm send-keys -t top -l "$1"
	tm send-keys -t top Enter
	wait_screen "filter:$1 "
}

# assert_restored: the view exited 0 and the pane is the shell's again.
assert_restored() {
	wait_screen '^exited '
	assert_equal "$(cat "$RCFILE")" 0
	assert_equal "$(tm display-message -p -t top '#{alternate_on}')" 0
	assert_equal "$(tm display-message -p -t top '#{cursor_flag}')" 1
}

# --- namespaces, as 80-ns.bats has them ------------------------------------

# A namespace with a 4 KiB segment 0x2001, a queue 0x2002 and a set of 3
# semaphores 0x2003 (values 5, 6, 7), made by the fixture.
OTHER="f() { '$PYTHON' '$FIXTURE' \"\$@\"; }
f shm-create --key 0x2001 --size 4096 >/dev/null &&
f msg-create --key 0x2002 >/dev/null &&
s=\$(f sem-create --key 0x2003 --nsems 3) &&
f sem-setval \$s 0 5 && f sem-setval \$s 1 6 && f sem-setval \$s 2 7 &&
echo ready && exec sleep 1000"

# --- top -A, the live view --------------------------------------------------

@test "top -A: both namespaces' rows with an NS column; plain top sees only ours" {
	local self ours
	self=$(ns_ino self)
	ours=$(fixture shm-create --key 0x1001 --size 8192)
	ns_start "$OTHER"
	top top -A -d 0.2
	wait_screen "^  +$NS_INO +0x00002001 +0 "
	wait_screen "^  +$self +0x00001001 +$ours "
	run screen
	assert_line --index 0 --regexp "^ipctool top - $(hostname) - [0-9:]{8} - every 0\.2s - 2 IPC namespaces"
	assert_line --regexp '^ 1:shm 2  2:msg 1  3:sem 1 '
	assert_line --regexp '^  +NS +KEY +ID +PERMS +OWNER +SIZE '
	# The rows' keys are the kernel's, namespace by namespace.
	assert_equal "$(keys_of shm "$NS_PID")" 0x00002001
	assert_equal "$(keys_of shm)" 0x00001001
	tm send-keys -t top 2
	wait_screen "^  +$NS_INO +0x00002002 +0 "
	tm send-keys -t top q
	assert_restored
	tm kill-server
	# Without -A only our namespace.
	top top -d 0.2
	wait_screen '^  0x00001001 '
	screen_lacks '0x00002001'
	screen_lacks 'IPC namespace'
	screen_has '^ 1:shm 1  2:msg 0  3:sem 0 '
}

@test "top -A: a namespace made while it runs appears, and goes when it ends" {
	top top -A -d 0.2 shm
	wait_screen ' - 1 IPC namespace( |$)'
	ns_start "$OTHER"
	wait_screen "^[+ ] +$NS_INO +0x00002001 "
	wait_screen ' - 2 IPC namespaces( |$)'
	kill_hold "$NS_PID"
	wait_screen ' - 1 IPC namespace( |$)'
	wait_gone '0x00002001'
}

@test "top -A: Enter names the namespace's process and reads the set in it" {
	ns_start "$OTHER"
	local cg
	cg=$(awk -F: '$1 == "0" { n = split($3, a, "/"); print a[n] }' "/proc/$NS_PID/cgroup")
	top top -A -d 0.2 sem
	wait_screen "0x00002003"
	tm send-keys -t top Enter
	wait_screen "^ IPC namespace $NS_INO: pid $NS_PID \\(sleep 1000\\), cgroup ${cg:--}$"
	# Values read in that namespace (semctl there), as nsenter + ipcs has
	# them, in show's table below its fields.
	tm send-keys -t top End
	local n val
	for n in 0 1 2; do
		val=$(in_ns "$NS_PID" "$PYTHON" "$FIXTURE" stat sem 0 | sed -n "s/^semval\\.$n=//p")
		assert_equal "$val" $((n + 5))
		wait_screen "^ +$n +$val +0 +0 +[0-9]+ "
	done
	wait_screen "^ ns: +$NS_INO$"
	tm send-keys -t top Escape q
	assert_restored
}

@test "top -A: Enter on a segment lists its attachers in that namespace" {
	ns_start "id=\$('$PYTHON' '$FIXTURE' shm-create --key 0x2011 --size 4096) && exec '$PYTHON' '$FIXTURE' shm-attach \$id --hold"
	# Ours has the same id 0 and no attacher.
	fixture shm-create --key 0x1011 --size 4096 >/dev/null
	top top -A -d 0.2 shm
	wait_screen '0x00002011'
	filter_to 0x00002011
	wait_gone '0x00001011'
	tm send-keys -t top Enter End
	wait_screen '^ attached processes: 1$'
	wait_screen "^ +$NS_PID +root +[0-9a-f]+-[0-9a-f]+ "
	tm send-keys -t top Escape Escape
	wait_screen '0x00001011'
	filter_to 0x00001011
	wait_gone '0x00002011'
	tm send-keys -t top Enter End
	wait_screen '^ attached processes: none$'
}

@test "top -A: d removes in the row's namespace, not another's with the same id" {
	ns_start "'$PYTHON' '$FIXTURE' shm-create --key 0x1001 --size 8192 >/dev/null && echo ready && exec sleep 1000"
	local first=$NS_PID
	ns_start "$OTHER"
	# Both namespaces are new: both segments are shm 0.
	assert_equal "$(in_ns "$first" awk 'NR == 2 { print $2 }' /proc/sysvipc/shm)" 0
	assert_equal "$(in_ns "$NS_PID" awk 'NR == 2 { print $2 }' /proc/sysvipc/shm)" 0
	top top -A -d 0.2 shm
	wait_screen '0x00002001'
	filter_to 0x00002001
	wait_gone '0x00001001'
	tm send-keys -t top d
	wait_screen "^remove shm 0 \\(key 0x00002001\\) in IPC namespace $NS_INO\\? \\[y/n\\]"
	tm send-keys -t top y
	wait_screen "^removed shm 0 in IPC namespace $NS_INO"
	assert_equal "$(keys_of shm "$NS_PID")" ""
	# The other shm 0 is untouched; so are their other resources.
	assert_equal "$(keys_of shm "$first")" 0x00001001
	assert_equal "$(keys_of msg "$NS_PID")" 0x00002002
	tm send-keys -t top Escape q
	assert_restored
}

@test "top -A: d when the row's namespace ended meanwhile: refused, said so" {
	ns_start "$OTHER"
	top top -A -d 0.2 shm
	wait_screen '0x00002001'
	# Paused, the row stays while its namespace goes away.
	filter_to 0x00002001
	tm send-keys -t top Space
	wait_screen ' - PAUSED'
	tm send-keys -t top d
	wait_screen "^remove shm 0 \\(key 0x00002001\\) in IPC namespace $NS_INO\\?"
	kill_hold "$NS_PID"
	tm send-keys -t top y
	wait_screen "^shm 0 not removed: IPC namespace $NS_INO is gone"
	tm send-keys -t top q
	assert_restored
}

@test "top -A unprivileged: our namespace, and the rest said on the status line" {
	fixture shm-create --key 0x1001 --size 4096 >/dev/null
	ns_start "$OTHER"
	run_in_pane "${NOBODY[@]}" "$IPCTOOL" top -A -d 0.2 shm
	wait_screen '0x00001001'
	# nobody cannot even read root's processes' namespaces.
	wait_screen '^ipctool: top: the IPC namespace of [0-9]+ processes could not be read: Permission d'
	screen_lacks '0x00002001'
	tm send-keys -t top q
	assert_restored
	# The warning is printed again once the terminal is back.
	run screen -J
	assert_line --regexp '^ipctool: top: the IPC namespace of [0-9]+ processes could not be read: Permission denied$'
}

@test "the view ends when its terminal goes away, leaving no process behind" {
	# Without LeakSanitizer's exit-time scan: the hangup's SIGHUP can
	# kill the helper process the scan runs in, and an ASan build then
	# spins in sched_yield for ever (seen in the asan stage).
	run_in_pane env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    "$IPCTOOL" top -A -d 0.2
	wait_screen '^ipctool top - '
	local pane pid
	pane=$(tm display-message -p -t top '#{pane_pid}')
	pid=$(ps -o pid= --ppid "$pane" | awk '{ print $1; exit }')
	# Its command line, not its comm: under valgrind that is memcheck's.
	[[ $(tr '\0' ' ' <"/proc/$pid/cmdline") == *ipctool\ top\ -A* ]]
	tm kill-server
	wait_until bash -c "! kill -0 $pid 2>/dev/null"
}

# --- top -A --batch ---------------------------------------------------------

@test "top -A --batch: a header with totals, then each namespace as list -A has it" {
	local self
	self=$(ns_ino self)
	fixture shm-create --key 0x1001 --size 8192 >/dev/null
	ns_start "$OTHER"
	ns_start 'echo ready && exec sleep 1000'
	local empty=$NS_INO
	ns_start "$OTHER"
	run --separate-stderr "$IPCTOOL" top -A --batch sysv
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp "^ipctool top - $(hostname) - [0-9-]{10} [0-9:]{8} - 4 IPC namespaces - shm 3, msg 2, sem 2$"
	assert_line "====== IPC namespace $NS_INO: pid $NS_PID (sleep 1000) ======"
	assert_line --regexp "^====== IPC namespace $self: pid 1 "
	refute_line --partial "IPC namespace $empty:"
	assert_line --regexp "^$self +0x00001001 +[0-9]+ "
	assert_line --regexp "^$NS_INO +0x00002001 +0 rw-r--r-- root +4K "
	assert_line --regexp "^$NS_INO +0x00002003 +0 rw-r--r-- root +3 "
	# The msg tables have top's USE%, after MSGS, and its rates (none
	# in a first frame).
	assert_line --regexp '^ +NS KEY +ID +PERMS OWNER USEDBYTES MSGS +USE% LSPID LRPID MSGS/S BYTES/S$'
	assert_line --regexp "^$NS_INO +0x00002002 +0 rw-r--r-- root +0B +0 0\.00% +0 +0 +- +-\$"
	# After the header, list -A's output (the same columns asked of both).
	local cols=NS,KEY,ID,PERMS,OWNER,SIZE,NATTCH,CPID,USEDBYTES,MSGS,USE%,NSEMS
	run --separate-stderr "$IPCTOOL" top -A --batch sysv -o "$cols"
	assert_success
	assert_equal "$(tail -n +2 <<<"$output")" "$("$IPCTOOL" list -A sysv -o "$cols")"
	# Without -A, ours alone.
	run "$IPCTOOL" top --batch sysv
	assert_success
	assert_line --index 0 --regexp ' - shm 1, msg 0, sem 0$'
	refute_output --partial 0x00002001
}

@test "top -A --batch -n 2 with a filter; nothing anywhere is an empty frame" {
	run "$IPCTOOL" top -A --batch -n 2 -d 0 shm
	assert_success
	assert_equal "$(grep -c '^ipctool top - .* - 1 IPC namespace - shm 0$' <<<"$output")" 2
	refute_output --partial '======'
	ns_start "$OTHER"
	fixture shm-create --key 0x2001 --size 4096 >/dev/null
	run "$IPCTOOL" top --all-namespaces --batch shm --key 0x2001 --sort NS
	assert_success
	assert_line --index 0 --regexp ' - 2 IPC namespaces - shm 2$'
	assert_equal "$(grep -cE '^[0-9]+ +0x00002001 ' <<<"$output")" 2
}

@test "top -A: malformed options are usage errors with nothing on stdout" {
	local args
	for args in "-A --bogus" "-A -d x" "-A nope" "-A --sort NOPE" "-A --key zz" "-A -n -1 --batch"; do
		# shellcheck disable=SC2086
		run --separate-stderr "$IPCTOOL" top $args
		assert_failure 2
		assert_equal "$output" ""
		[[ $stderr == "ipctool: top: "* ]] || fail "args '$args': stderr '$stderr'"
	done
}

# --- top -N PID -------------------------------------------------------------

@test "top -N PID: that namespace's rows, and d removes there" {
	fixture shm-create --key 0x1001 --size 8192 >/dev/null
	ns_start "$OTHER"
	top -N "$NS_PID" top -d 0.2
	wait_screen '^  0x00002001 +0 '
	screen_lacks '0x00001001'
	screen_has '^ 1:shm 1  2:msg 1  3:sem 1 '
	# The gauges are that namespace's use.
	screen_has 'semmns +\[\|* *\] +3/'
	tm send-keys -t top d
	wait_screen '^remove shm 0 \(key 0x00002001\)\? \[y/n\]'
	tm send-keys -t top y
	wait_screen '^removed shm 0'
	assert_equal "$(keys_of shm "$NS_PID")" ""
	assert_equal "$(keys_of shm)" 0x00001001
	tm send-keys -t top q
	assert_restored
}

@test "top -N PID: POSIX objects under /proc/PID/root, in the view and --batch" {
	fixture pshm-create /ours 4096
	# Its own mount namespace with its own /dev/shm: only /proc/PID/root
	# reaches it.
	ns_start "mount --make-rprivate / && mount -t tmpfs tmpfs /dev/shm &&
		'$PYTHON' '$FIXTURE' pshm-create /theirs 12288 &&
		'$PYTHON' '$FIXTURE' shm-create --key 0x2001 --size 4096 >/dev/null &&
		echo ready && exec sleep 1000" --mount
	[[ -e /proc/$NS_PID/root/dev/shm/theirs && ! -e /dev/shm/theirs ]]
	run --separate-stderr "$IPCTOOL" -N "$NS_PID" top --batch pshm
	assert_success
	assert_line --index 0 --regexp ' - pshm 1$'
	assert_line --regexp '^/theirs +rw-r--r-- root +12K '
	refute_output --partial /ours
	run "$IPCTOOL" top --batch pshm
	assert_line --regexp '^/ours '
	refute_output --partial /theirs
	# -A reads each namespace's objects under its process's root.
	run "$IPCTOOL" top -A --batch pshm
	assert_success
	assert_line --regexp "^$NS_INO +/theirs "
	assert_line --regexp "^$(ns_ino self) +/ours "
	top -N "$NS_PID" top -d 0.2 pshm
	wait_screen '^  /theirs +rw-r--r-- root +12K'
	screen_lacks '/ours'
}

@test "top -N PID --batch: that namespace alone; -N PATH alike" {
	fixture shm-create --key 0x1001 --size 8192 >/dev/null
	ns_start "$OTHER"
	# list's columns: -o leaves out the msg tab's rates.
	local cols=KEY,ID,PERMS,OWNER,SIZE,NATTCH,STATUS,CTIME,CPID,LPID,USEDBYTES,MSGS,LSPID,LRPID,NSEMS,OTIME
	run --separate-stderr "$IPCTOOL" -N "$NS_PID" top --batch sysv -o "$cols"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp ' - shm 1, msg 1, sem 1$'
	assert_line --regexp '^0x00002001 +0 rw-r--r-- root +4K '
	refute_output --partial 0x00001001
	local want
	want=$(tail -n +2 <<<"$output")
	assert_equal "$want" "$(in_ns "$NS_PID" "$IPCTOOL" list sysv -o "$cols")"
	run "$IPCTOOL" -N "/proc/$NS_PID/ns/ipc" top --batch sysv -o "$cols"
	assert_success
	assert_equal "$(tail -n +2 <<<"$output")" "$want"
}

# check_untouched: the pane shows the error and "exited 1", the alternate
# screen never came up, and the bytes written to the terminal (script's
# log) hold no escape sequence.
check_untouched() {
	local log=$1 want=$2
	wait_screen '^exited '
	assert_equal "$(cat "$RCFILE")" "${3:-1}"
	assert_equal "$(tm display-message -p -t top '#{alternate_on}')" 0
	screen_has "^$want\$"
	wait_until test -s "$log"
	grep -aq -- "$want" "$log"
	! grep -aq $'\e' "$log"
}

@test "top -N with a process that is gone: exit 1 before the terminal is touched" {
	local pid log=$BATS_TEST_TMPDIR/tty.log
	pid=$(gone_pid)
	run_in_pane script -q -e -c "$IPCTOOL -N $pid top" "$log"
	check_untouched "$log" "ipctool: namespace '$pid': No such process"
	run --separate-stderr "$IPCTOOL" -N "$pid" top --batch
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '$pid': No such process"
}

@test "top -N without privilege: exit 1 before the terminal is touched" {
	ns_start 'echo ready; exec sleep 1000' "${NOBODY[@]}"
	local log=$BATS_TEST_TMPDIR/tty.log
	run_in_pane script -q -e -c "${NOBODY[*]} $IPCTOOL -N $NS_PID top" "$log"
	check_untouched "$log" "ipctool: namespace '$NS_PID': Operation not permitted"
	run --separate-stderr "${NOBODY[@]}" "$IPCTOOL" -N 1 top --batch
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '1': Permission denied"
}

@test "top -N: usage errors exit 2 before the terminal is touched" {
	ns_start "$OTHER"
	local log=$BATS_TEST_TMPDIR/tty.log
	run_in_pane script -q -e -c "$IPCTOOL -N $NS_PID top --bogus" "$log"
	check_untouched "$log" "ipctool: top: unknown option '--bogus'" 2
	run --separate-stderr "$IPCTOOL" -N "$NS_PID" top -d nope
	assert_failure 2
	assert_equal "$output" ""
	run --separate-stderr "$IPCTOOL" -N
	assert_failure 2
	assert_equal "$output" ""
}
