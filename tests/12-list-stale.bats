#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 12-list-stale: the STALE column and --stale of `ipctool list`, per type,
# with creators, users, senders and operators alive and dead (processes of
# tests/fixture), a semaphore set the caller cannot read, and a PID reused
# by a process that started after the resource's last use.

load common

# stale_of TYPE ID [ARGS...]: the STALE text of one resource (from JSON),
# "" when not stale.
stale_of() {
	"$IPCTOOL" list "$1" -J -o ID,STALE "${@:3}" |
		jq -r --argjson id "$2" ".$1[] | select(.id == \$id) | .stale"
}

# stale_ids [ARGS...]: the ids `list --stale` selects, "shm:ID msg:ID ...".
stale_ids() {
	"$IPCTOOL" list -J -o ID --stale "$@" |
		jq -r '[to_entries[] | .key as $t | .value[] | "\($t):\(.id)"] | join(" ")'
}

# now_after T: true once the clock has passed epoch second T.
now_after() {
	(($(date +%s) > $1))
}

@test "shm: a live attacher keeps it; NATTCH 0 with a live creator keeps it" {
	a=$(fixture shm-create)
	bg_hold shm-attach "$a" --hold
	bg_hold shm-create --hold
	b=$HOLD_OUT
	[ "$(kstat shm "$a" nattch)" = 1 ]
	[ "$(kstat shm "$b" nattch)" = 0 ]
	# a's creator is gone, but someone is attached.
	! pid_alive "$(kstat shm "$a" cpid)" || false
	assert_equal "$(stale_of shm "$a")" ''
	assert_equal "$(stale_of shm "$b")" ''
	assert_equal "$(stale_ids)" ''
	run -0 ipctool list shm -r -n -o ID,STALE
	assert_output "$a 
$b "
}

@test "shm: creator and last user gone, nothing attached: stale" {
	a=$(fixture shm-create)
	fixture shm-attach "$a" --detach >/dev/null
	cpid=$(kstat shm "$a" cpid)
	lpid=$(kstat shm "$a" lpid)
	[ "$cpid" != "$lpid" ]
	! pid_alive "$cpid" || false
	! pid_alive "$lpid" || false
	assert_equal "$(stale_of shm "$a")" "unattached, creator $cpid and last user $lpid gone"
	# Never attached: last user 0 and no attach time, which is nobody.
	b=$(fixture shm-create)
	assert_equal "$(kstat shm "$b" atime)" 0
	assert_equal "$(stale_of shm "$b")" "never attached, creator $(kstat shm "$b" cpid) gone"
	bg_hold shm-create --hold
	c=$HOLD_OUT
	assert_equal "$(stale_ids)" "shm:$a shm:$b"
	run -0 ipctool list shm --stale -r -n -o ID
	assert_output "$a
$b"
	run -0 ipctool list shm -r -n -o ID,STALE --id "$a"
	assert_output "$a unattached,\\x20creator\\x20$cpid\\x20and\\x20last\\x20user\\x20$lpid\\x20gone"
	# The creator of c is alive: its last user (none) does not matter.
	assert_equal "$(stale_of shm "$c")" ''
}

@test "shm: a live last user keeps it, even with the creator gone and NATTCH 0" {
	a=$(fixture shm-create)
	# perl's shmread attaches, reads and detaches: perl is then the last
	# user (LPID), alive, with nothing attached.
	perl -e 'shmread($ARGV[0], $v, 0, 1) or die "shmread: $!"; print "ready\n"; $| = 1; sleep 1000' \
		"$a" >"$BATS_TEST_TMPDIR/perl.out" 3>&- &
	user=$!
	HOLD_PIDS+=("$user")
	wait_until grep -qx ready "$BATS_TEST_TMPDIR/perl.out"
	assert_equal "$(kstat shm "$a" lpid)" "$user"
	assert_equal "$(kstat shm "$a" nattch)" 0
	! pid_alive "$(kstat shm "$a" cpid)" || false
	assert_equal "$(stale_of shm "$a")" ''
	kill_hold "$user"
	assert_equal "$(stale_of shm "$a")" "unattached, creator $(kstat shm "$a" cpid) and last user $user gone"
}

@test "msg: a live sender or receiver keeps it; both gone: stale" {
	q=$(fixture msg-create)
	bg_hold msg-send "$q" 1 hello --hold
	sender=$HOLD_PID
	assert_equal "$(kstat msg "$q" lspid)" "$sender"
	assert_equal "$(stale_of msg "$q")" ''
	r=$(fixture msg-create)
	fixture msg-send "$r" 1 hello --count 2
	bg_hold msg-recv "$r" --hold
	receiver=$HOLD_PID
	assert_equal "$(kstat msg "$r" lrpid)" "$receiver"
	assert_equal "$(stale_of msg "$r")" ''
	assert_equal "$(stale_ids msg)" ''
	kill_hold "$sender"
	kill_hold "$receiver"
	assert_equal "$(stale_of msg "$q")" "sender $sender gone, never received from"
	assert_equal "$(stale_of msg "$r")" "sender $(kstat msg "$r" lspid) and receiver $receiver gone"
	# Never used at all: the kernel records no creator for a queue, so
	# nothing shows that whoever made it is gone.
	e=$(fixture msg-create)
	assert_equal "$(stale_of msg "$e")" ''
	assert_equal "$(stale_ids msg)" "msg:$q msg:$r"
}

# blocked_in PID NR...: true once PID is blocked in one of the system
# calls NR (x86_64 numbers below; /proc/PID/syscall starts with it).
blocked_in() {
	local nr pid=$1
	shift
	nr=$(cut -d' ' -f1 "/proc/$pid/syscall" 2>/dev/null) || return 1
	[[ " $* " == *" $nr "* ]]
}

@test "msg: a reader blocked on a never-used queue keeps it; once it is gone, stale" {
	[[ $(uname -m) == x86_64 ]] || skip "syscall numbers below are x86_64's"
	q=$(fixture msg-create)
	bg_hold msg-recv "$q" --wait
	reader=$HOLD_PID
	wait_until blocked_in "$reader" 70	# msgrcv
	# Nothing recorded: no sender, no receiver yet.
	assert_equal "$(kstat msg "$q" lspid) $(kstat msg "$q" lrpid)" "0 0"
	assert_equal "$(stale_of msg "$q")" ''
	assert_equal "$(stale_ids msg)" ''
	# A writer blocked on a full queue keeps it too.
	f=$(fixture msg-create)
	fixture msg-setqbytes "$f" 4
	fixture msg-send "$f" 1 abcd
	bg_hold msg-send "$f" 1 more --wait
	writer=$HOLD_PID
	wait_until blocked_in "$writer" 69	# msgsnd
	sender=$(kstat msg "$f" lspid)
	! pid_alive "$sender" || false
	assert_equal "$(stale_of msg "$f")" ''
	kill_hold "$reader"
	kill_hold "$writer"
	# q was never used, by anyone: not stale, reader or not.
	assert_equal "$(stale_of msg "$q")" ''
	assert_equal "$(stale_of msg "$f")" "sender $sender gone, never received from"
	assert_equal "$(stale_ids msg)" "msg:$f"
}

@test "sem: a process blocked in semop keeps a set whose last operator is gone" {
	[[ $(uname -m) == x86_64 ]] || skip "syscall numbers below are x86_64's"
	s=$(fixture sem-create --nsems 1)
	fixture sem-op "$s" 0 1
	op=$(kstat sem "$s" sempid.0)
	! pid_alive "$op" || false
	bg_hold sem-op "$s" 0 -2 --wait
	waiter=$HOLD_PID
	wait_until test "$(kstat sem "$s" semncnt.0)" = 1
	wait_until blocked_in "$waiter" 65 220	# semop, or glibc's semtimedop
	# A blocked caller leaves no pid behind.
	assert_equal "$(kstat sem "$s" sempid.0)" "$op"
	assert_equal "$(stale_of sem "$s")" ''
	assert_equal "$(stale_ids sem)" ''
	kill_hold "$waiter"
	assert_equal "$(stale_of sem "$s")" "last operator $op gone"
	assert_equal "$(stale_ids sem)" "sem:$s"
	# A set never operated on is not stale, blocked caller or not.
	u=$(fixture sem-create --nsems 2)
	assert_equal "$(stale_of sem "$u")" ''
}

@test "msg: a waiter in another IPC namespace on the same id does not keep ours" {
	[[ $(uname -m) == x86_64 ]] || skip "syscall numbers below are x86_64's"
	q=$(fixture msg-create)
	fixture msg-send "$q" 1 hello
	sender=$(kstat msg "$q" lspid)
	# A queue with the same id in a new namespace, and a reader blocked on it.
	unshare --ipc "$PYTHON" -c '
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
with open("/proc/sys/kernel/msg_next_id", "w") as f:
    f.write(sys.argv[1])
q = libc.msgget(0, 0o1600)
assert q == int(sys.argv[1]), (q, sys.argv[1])
buf = ctypes.create_string_buffer(64)
print("ready", flush=True)
libc.msgrcv(q, buf, 56, 0, 0)' "$q" >"$BATS_TEST_TMPDIR/other" 2>&1 &
	other=$!
	HOLD_PIDS+=("$other")
	wait_until grep -qx ready "$BATS_TEST_TMPDIR/other"
	wait_until blocked_in "$other" 70
	assert_equal "$(stale_of msg "$q")" "sender $sender gone, never received from"
}

@test "sem: a live last operator keeps it; all gone: stale" {
	s=$(fixture sem-create --nsems 3)
	fixture sem-op "$s" 0 1
	bg_hold sem-op "$s" 2 1 --hold
	op=$HOLD_PID
	assert_equal "$(kstat sem "$s" sempid.2)" "$op"
	assert_equal "$(stale_of sem "$s")" ''
	t=$(fixture sem-create --nsems 2)
	fixture sem-op "$t" 0 1
	fixture sem-op "$t" 1 1
	assert_equal "$(stale_of sem "$t")" 'last operators of 2 semaphores gone'
	assert_equal "$(stale_ids sem)" "sem:$t"
	# One operator for the whole set is named.
	u=$(fixture sem-create --nsems 1)
	fixture sem-op "$u" 0 1
	assert_equal "$(stale_of sem "$u")" "last operator $(kstat sem "$u" sempid.0) gone"
	kill_hold "$op"
	# s's semaphore 1 was never operated on.  Outside the initial PID
	# namespace (as here) its 0 may be a process this namespace cannot
	# see: s is not judged, and --stale says so once.
	assert_equal "$(kstat sem "$s" sempid.1)" 0
	assert_equal "$(stale_of sem "$s")" ''
	run -0 --separate-stderr ipctool list sem --stale -r -n -o ID
	assert_output "$t
$u"
	assert_equal "$stderr" "ipctool: list: 1 resource not judged, kept as live: 1 used by a process outside this PID namespace"
}

@test "sem and msg unprivileged: not stale when blocked callers cannot be seen" {
	s=$(fixture sem-create --nsems 1 --mode 0600)
	fixture sem-op "$s" 0 1
	t=$(fixture sem-create --nsems 1 --mode 0644)
	fixture sem-op "$t" 0 1
	q=$(fixture msg-create --mode 0666)
	fixture msg-send "$q" 1 hello
	# As root both sets are readable, both last operators are gone, and
	# every process's /proc/PID/syscall says none waits on them.
	assert_equal "$(stale_ids sem msg)" "msg:$q sem:$s sem:$t"
	# As uid 4241, s's semaphores cannot be read (GETPID: EACCES), and
	# root's processes' system calls cannot be read either: any of them
	# could be blocked on t or q without a trace, so nothing is stale.
	! setpriv --reuid=4241 --regid=4242 --clear-groups cat /proc/1/syscall 2>/dev/null || false
	run -0 --separate-stderr setpriv --reuid=4241 --regid=4242 --clear-groups \
		"$IPCTOOL" list sem msg -J -o ID,STALE
	assert_equal "$(jq -c '[.sem[] | [.id, .stale]]' <<<"$output")" \
		"[[$s,\"\"],[$t,\"\"]]"
	assert_equal "$(jq -c '[.msg[] | [.id, .stale]]' <<<"$output")" "[[$q,\"\"]]"
	run -0 --separate-stderr setpriv --reuid=4241 --regid=4242 --clear-groups \
		"$IPCTOOL" list sem msg --stale -r -n -o ID
	assert_output ""
	# And it says so, once, with the reasons.
	assert_equal "${#stderr_lines[@]}" 1
	assert_regex "$stderr" '^ipctool: list: 3 resources not judged, kept as live: .*1 last operators unreadable.*'
	assert_regex "$stderr" '2 blocked processes unreadable'

}

@test "STALE in every mode; --stale with other filters" {
	a=$(fixture shm-create --size 100)
	b=$(fixture shm-create --size 200)
	fixture set shm "$b" --uid 1
	run -0 ipctool list shm -e -o ID,STALE --id "$a"
	assert_output "ID=\"$a\" STALE=\"never attached, creator $(kstat shm "$a" cpid) gone\""
	run -0 ipctool list shm --stale --user 1 -r -n -o ID
	assert_output "$b"
	run -0 ipctool list shm --stale --user 4241 -r -n -o ID
	assert_output ''
	run -0 ipctool list shm --stale --sort SIZE --reverse -r -n -o ID
	assert_output "$b
$a"
}

@test "PID reuse: a process that started after the last use does not keep it" {
	# A segment made by a process that then exits (pid P), and one made by
	# a holder that stays alive.
	a=$(fixture shm-create)
	p=$(kstat shm "$a" cpid)
	bg_hold shm-create --hold
	b=$HOLD_OUT
	old=$HOLD_PID
	ct=$(kstat shm "$a" ctime)
	wait_until eval '! pid_alive "$p"'
	# Real time must pass: the rule lets a process start up to 2 s after
	# the recorded use (times are whole seconds), so P is reused only
	# once the clock is past ctime + 3.  Bounded by WAIT_TIMEOUT.
	WAIT_TIMEOUT=8 wait_until now_after "$((ct + 3))"
	# Give P to a new long-lived process: the kernel hands out
	# ns_last_pid + 1 next, in this private PID namespace.
	for ((i = 0; i < 20; i++)); do
		echo "$((p - 1))" >/proc/sys/kernel/ns_last_pid
		sleep 1000 3>&- &
		new=$!
		HOLD_PIDS+=("$new")
		[[ $new == "$p" ]] && break
		kill_hold "$new"
	done
	assert_equal "$new" "$p"
	pid_alive "$p"
	# P runs again, but started after the segment's last use: stale.
	assert_equal "$(kstat shm "$a" cpid)" "$p"
	assert_equal "$(stale_of shm "$a")" "never attached, creator $p gone"
	run -0 ipctool list shm --stale -r -n -o ID
	assert_output "$a"
	# The holder, alive since before its use, still keeps b (3 s later).
	assert_equal "$(stale_of shm "$b")" ''
	assert_equal "$(kstat shm "$b" cpid)" "$old"
	# COMMAND is the creator's: not the command line of whoever has its
	# PID now.
	run -0 ipctool list shm -J -o ID,COMMAND
	assert_equal "$(jq -c ".shm[] | select(.id == $a) | .command" <<<"$output")" null
	assert_equal "$(jq -r ".shm[] | select(.id == $b) | .command" <<<"$output")" \
		"$PYTHON $FIXTURE shm-create --hold"
}
