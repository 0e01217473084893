#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# The lsipc personality: every case runs twice by the bare name lsipc, once
# with util-linux's first in PATH and once with a link to ipctool first, on
# the same resources (made by util-linux's ipcmk, setpriv and python3
# through libc, never by ipctool); stdout, stderr and the exit status must
# be the same byte for byte.  Terminal widths are compared on the screens
# of tmux panes of 80 and 200 columns.

load common
load lib/tmux

setup() {
	LINKDIR=$BATS_TEST_TMPDIR/bin
	mkdir -p "$LINKDIR"
	ln -s "$IPCTOOL" "$LINKDIR/lsipc"
	TMUX_SOCK="ipctool-lsipc-$$-$BATS_TEST_NUMBER-$RANDOM"
}

LIMITS="msgmni shmmni sem shmmax shmall msgmax"

teardown() {
	local k
	tm kill-server 2>/dev/null || true
	kill_holders
	ipc_reset
	# The whole file shares one namespace: put back the limits changed.
	if [[ -f $BATS_TEST_TMPDIR/limits.saved ]]; then
		for k in $LIMITS; do
			cat "$BATS_TEST_TMPDIR/limits.$k" >"/proc/sys/kernel/$k"
		done
	fi
}

# run_as WHICH ARGS...: lsipc ARGS by its bare name, util-linux's (ul) or
# the link's (ours) first in PATH; stdout, stderr and status to files.
# With POSIX_ENV set, POSIXLY_CORRECT is in lsipc's environment.
run_as() {
	local which=$1 dir=/usr/bin rc=0
	shift
	[[ $which == ours ]] && dir=$LINKDIR
	(cd "$BATS_TEST_TMPDIR" &&
	    PATH="$dir:$PATH" exec ${POSIX_ENV:+env POSIXLY_CORRECT=1} lsipc "$@" \
	    >"$which.out" 2>"$which.err") || rc=$?
	echo "$rc" >"$BATS_TEST_TMPDIR/$which.rc"
}

# same ARGS...: lsipc ARGS prints the same under both, and exits the same.
same() {
	local f
	run_as ul "$@"
	run_as ours "$@"
	for f in out err rc; do
		if ! cmp -s "$BATS_TEST_TMPDIR/ul.$f" "$BATS_TEST_TMPDIR/ours.$f"; then
			echo "lsipc $*: $f differs (util-linux, then ipctool):"
			diff "$BATS_TEST_TMPDIR/ul.$f" "$BATS_TEST_TMPDIR/ours.$f" |
			    head -40
			return 1
		fi
	done
}

# same_each "ARGS"...: same for each word-split argument list.
same_each() {
	local args
	for args in "$@"; do
		# shellcheck disable=SC2086  # split on purpose
		same $args || return 1
	done
}

# ul_says ARGS...: util-linux's lsipc prints something for ARGS (the
# comparison is then not of two empty outputs).
ul_says() {
	run_as ul "$@"
	[[ -s $BATS_TEST_TMPDIR/ul.out ]]
}

# mk [PREFIX...] ipcmk ARGS...: run ipcmk (under PREFIX) and print the id
# it made.
mk() {
	local out
	out=$("$@") || return 1
	echo "${out##*: }"
}

# resources: one of each type and more, owned by root, by a named user
# and group, and by ids with no name; keys 0, small and above 0x7fffffff.
# SHM, MSG and SEM hold the ids, in the order made.
resources() {
	local as=(setpriv --reuid 4321 --regid 5555 --clear-groups)
	SHM=("$(mk ipcmk -M 4096)" "$(mk ipcmk -M 1572864 -p 0600)"
	    "$(fixture shm-create --private --size 1 --mode 0640)"
	    "$(fixture shm-create --key 0x80000001 --size 5000000000)"
	    "$(mk "${as[@]}" ipcmk -M 100000 -p 0660)")
	MSG=("$(mk ipcmk -Q)"
	    "$(mk setpriv --reuid 1 --regid 7 --clear-groups ipcmk -Q -p 0622)"
	    "$(fixture msg-create --key 0xffffffff --mode 0600)"
	    "$(fixture msg-create --private)")
	fixture msg-send "${MSG[3]}" 1 hello --count 3
	SEM=("$(mk ipcmk -S 3)" "$(mk "${as[@]}" ipcmk -S 2 -p 0640)"
	    "$(fixture sem-create --nsems 1 --key 0x7fffffff)"
	    "$(fixture sem-create --nsems 4 --private)")
	fixture sem-op "${SEM[3]}" 2 5
	fixture set shm "${SHM[0]}" --uid 65534 --gid 65534
	fixture set msg "${MSG[0]}" --uid 99999 --gid 7
}

# long_holder CODE ARGS...: like py_holder, with ARGS on python's command
# line after CODE.
long_holder() {
	local out=$BATS_TEST_TMPDIR/long.${#HOLD_PIDS[@]} code=$1
	shift
	"$PYTHON" -c "import ctypes, sys, time
libc = ctypes.CDLL('libc.so.6', use_errno=True)
libc.shmat.restype = ctypes.c_void_p
$code
print('ready', flush=True)
time.sleep(3600)" "$@" >"$out.out" 2>"$out.err" </dev/null 3>&- &
	HOLD_PID=$!
	HOLD_PIDS+=("$HOLD_PID")
	wait_ready long_holder "$out" 200
}

@test "an empty namespace: every form as lsipc's" {
	same_each "" "-m" "-q" "-s" "-g" "-m -J" "-q -J" "-s -J" "-g -J" \
	    "-m -r" "-q -e" "-s -n" "-m -l" "-m -i 0" "-q -i 0" "-s -i 0" \
	    "-s -i 0 -J" "-q -i 0 -J" "-m -i 0 -r" "-m -t -c" "-s --noheadings"
}

@test "the default columns of each type, and --global, as lsipc's" {
	resources
	ul_says -m
	same_each "" "-m" "-q" "-s" "-g" "-g -m" "-g -q" "-g -s" "-m -l" \
	    "-q -l" "-s -l"
}

@test "every output form of each type as lsipc's" {
	local t f
	resources
	for t in -m -q -s -g; do
		for f in -J -r -e -n "-J -y" "-e -y" "-r -y" -y --noheadings \
		    "--noheadings -r" "--noheadings -e" "--noheadings -J"; do
			# shellcheck disable=SC2086
			same $t $f || return 1
		done
	done
}

@test "-b, -P, -c, -t and the time formats as lsipc's" {
	local t o
	resources
	fixture shm-attach "${SHM[1]}" --detach >/dev/null
	fixture msg-recv "${MSG[3]}" >/dev/null
	for t in -m -q -s; do
		for o in -b -P -c -t "-t -c" "-b -P -c -t" "-t --time-format=short" \
		    "-t --time-format=full" "-t --time-format=iso" \
		    "-t --time-format iso -J" "-c -t -e" "-g -b"; do
			# shellcheck disable=SC2086
			same $t $o || return 1
		done
	done
	same -g -b
}

@test "every column of each type, by -o and +LIST, as lsipc's" {
	local gen=KEY,ID,OWNER,PERMS,CUID,CUSER,CGID,CGROUP,UID,USER,GID,GROUP,CTIME
	resources
	same_each \
	    "-m -o $gen,SIZE,NATTCH,STATUS,ATTACH,DETACH,COMMAND,CPID,LPID" \
	    "-q -o $gen,USEDBYTES,MSGS,SEND,RECV,LSPID,LRPID" \
	    "-s -o $gen,NSEMS,OTIME" \
	    "-g -o RESOURCE,DESCRIPTION,LIMIT,USED,USE%" \
	    "-m -o +cuser,cgroup,user,group" "-q -o +CUSER,CGROUP,USER,GROUP" \
	    "-s -o +CUSER,CGROUP,USER,GROUP -J" "-m -o key,Id,size -b" \
	    "-g -o KEY" "-m -o KEY,KEY,ID -r" "-m -m" "-m -o COMMAND,ID" \
	    "-q -o +KEY,CTIME -e" "-s -o USE%" "-g -o USE%,LIMIT -y"
}

@test "sizes in lsipc's human form, rounding included" {
	local sz q
	for sz in 1 1023 1024 1025 1075 1076 1126 1996 2047 1048575 1048576 \
	    1101004 1572864 10485759 1073741823 1073741825 3000000000; do
		ipcmk -M "$sz" >/dev/null
	done
	q=$(fixture msg-create --private)
	fixture msg-send "$q" 1 @<(head -c 1500 /dev/zero | tr '\0' a) \
	    --count 5
	ul_says -m -o SIZE
	grep -qx ' *1024K' "$BATS_TEST_TMPDIR/ul.out"
	same_each "-m" "-m -b" "-q" "-q -b" "-g" "-g -b" "-m -o SIZE -J"
}

@test "the --id form of each type as lsipc's" {
	resources
	local m=${SHM[0]} m4=${SHM[4]} q=${MSG[0]} q3=${MSG[3]} s=${SEM[0]}
	local s3=${SEM[3]} none=$((SEM[3] + 1000))
	ul_says -s -i "$s3"
	same_each "-m -i $m" "-m -i $m4" "-q -i ${MSG[1]}" "-q -i $q3" \
	    "-s -i $s" "-s -i ${SEM[1]}" "-s -i $s3" "-s -i $s3 -t" \
	    "-m -i $m -c" "-q -i $q -t" "-m -i $m -o KEY" "-m -i $m -o +KEY" \
	    "-m -i $m -J" "-s -i $s3 -J" "-q -i $q3 -r" "-m -i $m -e" \
	    "-s -i $s3 -n" "-m -i $m -l" "-m -i $m --time-format=iso" \
	    "-m -i $none" "-q -i $none" "-s -i $none" "-s -i $none -J" \
	    "-m -i $none -r" "-m -i -1" "-m -i -5" "-s -i $s3 -y" \
	    "-m -i $m4 -b -P"
}

@test "shm STATUS, attaches and a creator with a long command line" {
	local long
	long=--argument-$(printf 'x%.0s' {1..300})
	long_holder "i = libc.shmget(0x1234, 100000, 0o1644)
libc.shmat(i, None, 0)
libc.shmctl(i, 0, None)
j = libc.shmget(0x4321, 4096, 0o1600)
libc.shmat(j, None, 0)
libc.shmctl(j, 11, None)
print(i, j)" "$long" "tab	and é and \\x41 and \$ \" \`"
	read -r i j <"$BATS_TEST_TMPDIR/long.0.out"
	# Longer than lsipc reads (8192 bytes), and one ending in empty
	# arguments.
	long_holder "libc.shmget(0x99, 10, 0o1600)" \
	    "$(printf 'z%.0s' {1..9000})"
	long_holder "libc.shmget(0x98, 10, 0o1600)" \
	    "$(printf 'w%.0s' {1..5000})" "" ""
	ul_says -m -o COMMAND
	grep -q -- "$long" "$BATS_TEST_TMPDIR/ul.out"
	same_each "-m" "-m -r" "-m -e" "-m -n" "-m -J" "-m -i $i" "-m -i $j" \
	    "-m -t" "-m -o STATUS,COMMAND" "-m -o COMMAND,STATUS -r" \
	    "-m --notruncate" "-g -m"
}

@test "semaphore elements and their processes in the --id form" {
	local id
	id=$(fixture sem-create --nsems 3 --key 0x51)
	bg_hold sem-op "$id" 1 4 --hold
	ul_says -s -i "$id"
	grep -q 'Elements:' "$BATS_TEST_TMPDIR/ul.out"
	same_each "-s -i $id" "-s -i $id -c" "-s -i $id -t -y" "-s -i $id -J"
}

@test "ipctool lsipc ARGS is the same personality" {
	resources
	run_as ul -m -t
	run -0 "$IPCTOOL" lsipc -m -t
	assert_output "$(cat "$BATS_TEST_TMPDIR/ul.out")"
}

@test "bad options and arguments: lsipc's messages and exit status" {
	resources
	same_each "-x" "--bogus" "--no" "--s" "-i" "--id" "-o" "--output" \
	    "--time-format" "--time-format=bad" "--time-format=" \
	    "--bytes=1" "-m -i abc" "-m -i 0x1" "-m -i 99999999999" \
	    "-m -i -99999999999" "-m -i" "-m -i 1.5" "-m -i 2a" "-J -r" \
	    "-m -J -e -n" "-l -r" "-m -q" "-q -s" "-s -m" "-g -i 0" \
	    "-i 0 -g -m" "-m -t -o KEY" "-m -o KEY -t" "-m -c -o KEY" "-t" \
	    "-c" "-i 0" "-m -o FOO" "-m -o FOO,KEY" "-m -o KEY,FOO" \
	    "-m -o KEY," "-m -o ,KEY" "-m -o KEY,,ID" "-m -o +" "-m -o NSEMS" \
	    "-q -o SIZE" "-s -o USEDBYTES" "-o KEY" "-m -o RESOURCE" \
	    "-m -m -m -m -m -m -m" "-m -m -m -m -m -m -o +KEY,KEY" \
	    "-m extra words" "-m -- -q" "-h" "--help" "-m -h" "-x -h" \
	    "--id=1 -q"
	# Bundled and attached forms, and what --global does with -c and -t.
	same_each "-mqs" "-bcm" "-m -ttt" "-m -o+KEY" "-m -o=KEY" \
	    "-q --output=KEY" "--output=+ID -m" "-i${SHM[0]} -m" "-m -g -c" \
	    "-m -g -t" "-s -g -t -c" "-q -g -J -t" "-m -i ${SHM[0]} -c -o KEY"
	same -m -o ''
	same -m -i ''
	same -m -i ' 1'
}

@test "the option parser's corners, as getopt_long's" {
	resources
	# Unknown options; abbreviations unique, ambiguous and with =value;
	# an exact name that begins another (--time) wins; missing arguments
	# short and long; an argument to a long option that takes none.
	same_each -z -mz --bogus=1 "-m --bogus" --sh --shm "--tim -m" \
	    "--time -m" "--time-f=iso -m" "--time-f iso -q -t" --no=x \
	    "--not -m" "--nu -m" "--q" "--j -m" "--=x" --t -o "-m --o" \
	    --time-format --time-f "-m -o" --bytes=1 --by=1 --time=1 \
	    "--st -m" "--us -m" "--ke -m"
	# Clusters and attached arguments; "--", "-" and operands between
	# options; --help stops where it is.
	same_each -mb "-mbo ID" -moID -bi "-bo" "-- -m" "-m - -q" "- -m" \
	    "x -m" "-m x -b" "-m -h -z" "-z -h"
	# A mistake is told when getopt reaches it, after what comes first
	# (a bad value, options that exclude each other) has failed.
	same_each "-i abc -z" "-z -i abc" "--time-format=bad -z" \
	    "-z --time-format=bad" "-m -q -z" "-z -m -q" "-J -e --bogus" \
	    "-m -i 99999999999 --no"
	# POSIXLY_CORRECT: the first operand ends the options.
	POSIX_ENV=1 same_each "x -m" "-m x -q" "-m x -z" "-m -- -z" "- -z"
}

@test "--global with limits of 0 and huge ones, as lsipc's" {
	local k
	resources
	# The namespace's own limits, saved for teardown to put back.
	for k in $LIMITS; do
		cat "/proc/sys/kernel/$k" >"$BATS_TEST_TMPDIR/limits.$k"
	done
	touch "$BATS_TEST_TMPDIR/limits.saved"
	echo 0 >/proc/sys/kernel/msgmni
	echo 0 >/proc/sys/kernel/shmmni
	echo "0 0 0 0" >/proc/sys/kernel/sem
	echo 18446744073709551615 >/proc/sys/kernel/shmmax
	echo 1 >/proc/sys/kernel/shmall
	echo 1000000 >/proc/sys/kernel/msgmax
	ul_says -g
	grep -q 'inf%' "$BATS_TEST_TMPDIR/ul.out"
	same_each "-g" "-g -b" "-g -J" "-g -r" "-g -e -y" "-g -m" "-g -q -b" \
	    "-g -s -J"
	# No resource under a limit of 0: 0/0.
	ipc_reset
	ul_says -g
	grep -q 'nan%' "$BATS_TEST_TMPDIR/ul.out"
	same_each "-g" "-g -J"
}

@test "command lines in the C and the UTF-8 locale, as lsipc's" {
	local loc id
	long_holder "print(libc.shmget(0x12, 100, 0o1644))" "é ü 日本 tab	nl
end" $'\xff\xfe bad utf-8' '\x41 \y' $'c1 \xc2\x85 zw \xe2\x80\x8b'
	read -r id <"$BATS_TEST_TMPDIR/long.0.out"
	for loc in C C.UTF-8; do
		LC_ALL=$loc same_each "-m" "-m -r" "-m -e" "-m -J" \
		    "-m -i $id -o COMMAND" || return 1
	done
}

@test "-V: lsipc's shape, ipctool's name and version" {
	local v
	v=$("$IPCTOOL" --version)
	run_as ul -V
	run -0 cat "$BATS_TEST_TMPDIR/ul.out"
	assert_output "lsipc from util-linux 2.38.1"
	for o in -V --version "-m -V"; do
		# shellcheck disable=SC2086
		run_as ours $o
		run -0 cat "$BATS_TEST_TMPDIR/ours.out" "$BATS_TEST_TMPDIR/ours.rc"
		assert_output "lsipc from ipctool ${v#ipctool }
0"
	done
}

@test "a terminal of 80 and of 200 columns: the same screen as lsipc's" {
	local w args
	resources
	long_holder "i = libc.shmget(0x1234, 100000, 0o1644)
libc.shmat(i, None, 0)" --argument-"$(printf 'y%.0s' {1..250})"
	# Many segments with no STATUS and one with a wide one: STATUS is a
	# column of rare wide cells, which libsmartcols narrows first.
	for w in 1 2 3 4 5; do
		ipcmk -M 4096 >/dev/null
	done
	long_holder "i = libc.shmget(0x55, 4096, 0o1600)
libc.shmat(i, None, 0)
libc.shmctl(i, 11, None)
libc.shmctl(i, 0, None)" --locked-and-marked-"$(printf 'q%.0s' {1..60})"
	for w in 80 200; do
		for args in "-m" "-m --notruncate" "-m -t -c" "-m -m" "-g" \
		    "-m -o KEY,STATUS,ID,STATUS,COMMAND" \
		    "-q -t -c" "-s -i ${SEM[3]}" "-m -o COMMAND,KEY" \
		    "-m -i ${SHM[1]}"; do
			# shellcheck disable=SC2086
			same_screen "$w" $args || return 1
		done
	done
}

# pane_run W WHICH ARGS...: lsipc ARGS in a pane W columns wide, under
# util-linux's or the link's name; prints the screen once it is done.
pane_run() {
	local w=$1 which=$2 dir=/usr/bin script i
	shift 2
	[[ $which == ours ]] && dir=$LINKDIR
	script=$BATS_TEST_TMPDIR/pane-$which
	{
		echo '#!/bin/bash'
		# shellcheck disable=SC2016  # $PATH is the script's
		printf 'PATH=%q:$PATH lsipc' "$dir"
		printf ' %q' "$@"
		printf '\necho "done rc=$?"\nexec sleep 600\n'
	} >"$script"
	chmod 755 "$script"
	for i in 1 2 3; do
		tm new-session -d -x "$w" -y 80 -s top "$script" && break
		tm kill-server 2>/dev/null || true
		sleep 0.2
	done
	wait_until pane_done || return 1
	tm capture-pane -p -t top
	tm kill-server 2>/dev/null || true
}

pane_done() {
	tm capture-pane -p -t top 2>/dev/null | grep -q '^done rc='
}

# same_screen W ARGS...: the screens of both are the same.
same_screen() {
	local ul ours
	ul=$(pane_run "$1" ul "${@:2}")
	ours=$(pane_run "$1" ours "${@:2}")
	if [[ $ul != "$ours" ]]; then
		echo "lsipc ${*:2} in $1 columns: the screens differ:"
		diff <(echo "$ul") <(echo "$ours")
		return 1
	fi
	# Not two empty screens: the table was shown.
	grep -q '^done rc=0' <<<"$ul"
	[[ $(grep -c . <<<"$ul") -gt 2 ]]
}

@test "--stale keeps only the stale resources (an ipctool option)" {
	local stale live
	stale=$(mk ipcmk -M 4096)
	live=$(fixture shm-create --size 4096 --key 0x77)
	bg_hold shm-attach "$live" --hold
	ul_says -m -o ID --noheadings
	[[ $(wc -l <"$BATS_TEST_TMPDIR/ul.out") -eq 2 ]]
	run_as ours -m --stale -o ID --noheadings
	run -0 cat "$BATS_TEST_TMPDIR/ours.out"
	assert_output "$stale"
}

@test "ipctool's filters narrow lsipc's listing; taken only whole" {
	resources
	# What util-linux shows of the one resource, and the link with the
	# filter that keeps only it.
	run_as ul -m -o ID,OWNER,KEY -r
	grep -E "^${SHM[4]} " "$BATS_TEST_TMPDIR/ul.out" >"$BATS_TEST_TMPDIR/want"
	grep -q ' 4321 ' "$BATS_TEST_TMPDIR/want"
	run_as ours -m -o ID,OWNER,KEY -r --noheadings --user 4321
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/ours.out"
	run_as ours -m -o ID,OWNER,KEY -r --noheadings --user=4321
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/ours.out"
	run_as ours -m -o ID,OWNER,KEY --noheadings --key 0x80000001 -b
	run -0 cat "$BATS_TEST_TMPDIR/ours.out"
	assert_output "${SHM[3]}  root 0x80000001"
	# Group lp (7): the queue made under it, and the one given to it.
	run_as ours -q --group lp -o ID -r --noheadings
	run -0 cat "$BATS_TEST_TMPDIR/ours.out"
	assert_output "${MSG[0]}
${MSG[1]}"
	# Bad values, missing ones, and abbreviations (which stay lsipc's).
	run_as ours -m --user nosuchuser
	run -0 cat "$BATS_TEST_TMPDIR/ours.err" "$BATS_TEST_TMPDIR/ours.rc"
	assert_output "lsipc: invalid user 'nosuchuser'
1"
	run_as ours -m --user
	run -0 cat "$BATS_TEST_TMPDIR/ours.err" "$BATS_TEST_TMPDIR/ours.rc"
	assert_output "lsipc: option '--user' requires an argument
Try 'lsipc --help' for more information.
1"
	run_as ours -m --stale=yes
	run -0 cat "$BATS_TEST_TMPDIR/ours.err" "$BATS_TEST_TMPDIR/ours.rc"
	assert_output "lsipc: option '--stale' doesn't allow an argument
Try 'lsipc --help' for more information.
1"
	same_each "-m --us 4321" "-m --stal" "-m --idl=x"
	same -m -- --user 4321
}
