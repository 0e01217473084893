#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# The ipcs personality: every option of util-linux 2.38's ipcs, run by bare
# name once with /usr/bin first in PATH (util-linux) and once with a
# directory of links to ipctool first, on the same resources (made by
# tests/fixture and python, never by ipctool): stdout, stderr and the exit
# status must be the same byte for byte.  Times shown are the resources'
# own, read by both from the kernel, so the comparison does not depend on
# when it runs.

load common

setup_file() {
	[[ -x /usr/bin/ipcs ]] || skip "util-linux's ipcs is missing"
	# Reachable by the unprivileged users the tests switch to.
	LINKS=$(mktemp -d /tmp/ipctool-pers.XXXXXX)
	chmod 0755 "$LINKS"
	for n in ipcs ipcrm ipcmk; do
		ln -s "$IPCTOOL" "$LINKS/$n"
	done
	export LINKS
}

teardown_file() {
	rm -rf "$LINKS"
}

# run_as NAME PATH-FIRST CMD ARGS...: run CMD by bare name with
# PATH-FIRST leading PATH, in the C locale; stdout, stderr and the status
# go to $BATS_TEST_TMPDIR/NAME.{out,err,rc} (NAME: ul or ours).
run_as() {
	local name=$1 first=$2 rc=0
	shift 2
	(cd "$BATS_TEST_TMPDIR" && PATH=$first:$PATH LC_ALL=C "$@") \
	    >"$BATS_TEST_TMPDIR/$name.out" 2>"$BATS_TEST_TMPDIR/$name.err" ||
	    rc=$?
	echo "$rc" >"$BATS_TEST_TMPDIR/$name.rc"
}

# same CMD ARGS...: util-linux's CMD and ipctool's give the same stdout,
# stderr and exit status.  (A prefix such as setpriv goes before CMD: it
# finds CMD by PATH as well.)
same() {
	local f
	run_as ul /usr/bin "$@"
	run_as ours "$LINKS" "$@"
	for f in out err rc; do
		if ! cmp -s "$BATS_TEST_TMPDIR/ul.$f" "$BATS_TEST_TMPDIR/ours.$f"; then
			echo "'$*': $f differs (util-linux, then ipctool):" >&2
			diff -u "$BATS_TEST_TMPDIR/ul.$f" "$BATS_TEST_TMPDIR/ours.$f" >&2
			return 1
		fi
	done
}

# lock ID: SHM_LOCK a segment (python through libc).
lock() {
	"$PYTHON" -c 'import ctypes, sys
l = ctypes.CDLL("libc.so.6", use_errno=True)
sys.exit(l.shmctl(int(sys.argv[1]), 11, None) != 0)' "$1"
}

# populate: resources of every kind ipcs shows differently: owners with
# a name, a long name (cut to 10) and none; keys 0, small and above
# 0x7fffffff; attached, locked and removed-but-attached (dest) segments;
# queues with messages sent and received; semaphores with values and a
# last operation.  Sets SHM_A SHM_HELD SHM_LOCKED SHM_DEST MSG_A SEM_A
# SEM_B.
populate() {
	local id
	SHM_A=$(fixture shm-create --key 0x1234 --size 4096 --mode 0640)
	SHM_HELD=$(fixture shm-create --key 0x80000001 --size 100000 --mode 0600)
	bg_hold shm-attach "$SHM_HELD" --hold
	SHM_LOCKED=$(fixture shm-create --private --size 10 --mode 0666)
	lock "$SHM_LOCKED"
	id=$(fixture shm-create --key 0xffffffff --size 1048576 --mode 0644)
	fixture set shm "$id" --uid 4242 --gid 4243
	id=$(fixture shm-create --key 0x77 --size 3000 --mode 0604)
	# A user whose name is longer than ipcs's 10 columns, where there is
	# one; nobody otherwise.
	LONG_USER=$(getent passwd | awk -F: 'length($1) > 10 { print $1; exit }')
	fixture set shm "$id" --uid "$(id -u "${LONG_USER:-nobody}")" --gid 65534
	SHM_DEST=$(fixture shm-create --key 0x999 --size 2000 --mode 0600)
	bg_hold shm-attach "$SHM_DEST" --hold
	fixture shm-rm "$SHM_DEST"
	MSG_A=$(fixture msg-create --key 0x4242 --mode 0620)
	fixture msg-send "$MSG_A" 1 hello --count 3
	fixture msg-recv "$MSG_A"
	id=$(fixture msg-create --private --mode 0600)
	fixture set msg "$id" --uid 4242 --gid 4243
	SEM_A=$(fixture sem-create --nsems 4 --key 0xabc --mode 0600)
	fixture sem-setval "$SEM_A" 1 7
	fixture sem-op "$SEM_A" 2 3
	SEM_B=$(fixture sem-create --nsems 1 --key 0x80000002 --mode 0644)
	fixture set sem "$SEM_B" --uid 4242 --gid 4243
}

@test "ipcs: an empty namespace, in every format" {
	for a in '' -a -m -q -s -t -p -c -u -l -b --human '-m -i 0' '-q -i 0' \
	    '-s -i 0' '-m -i -1' '-q -i -1' '-s -i -1'; do
		same ipcs $a
	done
}

@test "ipcs: every listing format of every type, on the same resources" {
	populate
	# The resources are as meant: util-linux sees dest, locked, no-name.
	run -0 env LC_ALL=C /usr/bin/ipcs -m
	assert_line --regexp "^0x00000000 +$SHM_DEST +root +600 +2000 +1 +dest"
	assert_line --regexp '^0x00000000 .* locked$'
	assert_line --regexp '^0xffffffff +[0-9]+ +4242 '
	assert_line --regexp "^0x00000077 +[0-9]+ +${LONG_USER:0:10} "
	for a in '' -a -m -q -s -t -p -c -u -l -b --human -mq -qs -ms \
	    '-m -t' '-q -t' '-s -t' '-m -p' '-q -p' '-s -p' '-m -c' \
	    '-q -c' '-s -c' '-m -u' '-q -u' '-s -u' '-m -l' '-q -l' \
	    '-s -l' '-m --human' '-q --human' '-m -b' '-q -b' \
	    '-l --human' '-l -b' '-u --human' '-u -b' '-t -c' '-c -t'; do
		same ipcs $a
	done
}

@test "ipcs: long options are the short ones" {
	populate
	for a in --shmems --queues --semaphores --all --time --pid --creator \
	    --limits --summary --bytes --human '--shmems --time' \
	    '--queues --creator' "--semaphores --id $SEM_A" \
	    "--shmems --id=$SHM_A" '--queues --pid'; do
		same ipcs $a
	done
}

@test "ipcs -i: the detail of each type, -b and --human" {
	populate
	for a in "-m -i $SHM_A" "-m -i $SHM_HELD" "-m -i $SHM_DEST" \
	    "-m -i $SHM_LOCKED" \
	    "-q -i $MSG_A" "-s -i $SEM_A" "-s -i $SEM_B" \
	    "-m -i $SHM_HELD --human" "-q -i $MSG_A --human" \
	    "-m -i $SHM_A -b" "-q -i $MSG_A -b" "-i $SHM_A -m" \
	    "-m -i+$SHM_A" "-m -i ' $SHM_A'" \
	    '-m -i -1' '-q -i -3' '-q -i -1 --human' '-m -i -2147483648'; do
		eval same ipcs "$a"
	done
	# The semaphore table has what was set.
	run -0 env LC_ALL=C "$LINKS/ipcs" -s -i "$SEM_A"
	assert_line --regexp '^1 +7 +0 +0 +[1-9][0-9]* +$'
	assert_line --regexp '^2 +3 +0 +0 +[1-9][0-9]* +$'
}

@test "ipcs: bad input, as util-linux says it" {
	populate
	for a in -x --bogus -i --id '-i 0' '-m -q -i 0' '-a -i 0' \
	    '-m -i abc' '-m -i 1x' '-m -i ""' '-m -i 99999999999' \
	    '-m -i 2147483648' '-m -i 123456' '-q -i 123456' '-s -i 123456' \
	    '--shmem' '--limit' '-m extra' '-z -m'; do
		eval same ipcs "$a"
	done
}

@test "ipcs: the option parser's corners, as getopt_long's" {
	populate
	# Unknown short and long options, alone, in a cluster, with a value.
	# Abbreviations: unique, ambiguous (the candidates in util-linux's
	# order; ipctool's --stale and --user are never candidates, nor
	# abbreviated), with =value.  Missing arguments, short and long (also
	# abbreviated); an argument to a long option that takes none.
	# Clusters with an attached argument; "--", "-" and operands between
	# options; --help and -V stop where they are.
	for a in -z -mz '-m -z' --bogus --bogus=1 '-m --bogus=x' \
	    --sh --se '--q' '--li' '--hu -m' '--cr -q' --s --s=3 --h --= \
	    --st --us --sta --use '-m --stal' \
	    -i --id '-m -i' --i '-q --i' --human=1 --hu=1 --shmems=x \
	    '-mb' "-mi$SHM_A" "-m -i$SHM_A" "--id=$SHM_A -m" "--i $SHM_A -m" \
	    '-ib' '-tm' '-bmt' '-m -- -q' '-- -m' '-m - -q' '-' 'x -m' \
	    '-m x -t' '-m -- -z' '-h -z' '-z -h'; do
		eval same ipcs "$a"
	done
	# A mistake is told when getopt reaches it: what comes before it
	# acts first, and may fail first.
	for a in '-i abc -z' '-z -i abc' '-m -i abc --bogus' '--bogus -i abc' \
	    "-m -i $SHM_A -z" '-i 99999999999 --s' '--s -i 99999999999' \
	    '-i abc -i'; do
		eval same ipcs "$a"
	done
	# ipctool's own options, by the same rules and in the same order.
	run -1 env LC_ALL=C PATH="$LINKS:$PATH" ipcs -m --user
	assert_output "ipcs: option '--user' requires an argument
Try 'ipcs --help' for more information."
	run -1 env LC_ALL=C PATH="$LINKS:$PATH" ipcs -m --stale=1
	assert_output "ipcs: option '--stale' doesn't allow an argument
Try 'ipcs --help' for more information."
	run -1 env LC_ALL=C PATH="$LINKS:$PATH" ipcs --user nosuchuser -z
	assert_output "ipcs: invalid user: 'nosuchuser'"
	run -1 env LC_ALL=C PATH="$LINKS:$PATH" ipcs -z --user nosuchuser
	assert_output "ipcs: invalid option -- 'z'
Try 'ipcs --help' for more information."
	# POSIXLY_CORRECT: the first operand ends the options.
	for a in 'x -z' '-m x -z' '-m -- -z' '-m x -q' '- -q'; do
		eval same env POSIXLY_CORRECT=1 ipcs "$a"
	done
}

@test "ipcs: as an unprivileged user, who may not read every resource" {
	populate
	for a in '' -t -p -c -u -l "-m -i $SHM_A" "-q -i $MSG_A" \
	    "-s -i $SEM_B" "-s -i $SEM_A"; do
		same setpriv --reuid=4241 --regid=4241 --clear-groups ipcs $a
	done
	# Reading a semaphore set it has no right to is an error, exit 1.
	run_as ours "$LINKS" setpriv --reuid=4241 --regid=4241 --clear-groups \
	    ipcs -s -i "$SEM_A"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/ours.rc")" 1
	assert_equal "$(cat "$BATS_TEST_TMPDIR/ours.err")" \
	    "ipcs: semctl(GETVAL) failed: Permission denied"
}

@test "ipcs -h is util-linux's; -V has its shape with ipctool's version" {
	same ipcs -h
	same ipcs --help
	run -0 env PATH="$LINKS:$PATH" ipcs -V
	assert_output --regexp '^ipcs from ipctool [0-9][0-9.a-z~+-]*$'
	run -0 env PATH="$LINKS:$PATH" ipcs --version
	assert_output --regexp '^ipcs from ipctool '
}

@test "ipcs: 'ipctool ipcs' is the same as the link" {
	populate
	for a in '' -t "-s -i $SEM_A" -x; do
		run_as ul "$LINKS" ipcs $a
		run_as ours "$LINKS" "$IPCTOOL" ipcs $a
		for f in out err rc; do
			cmp "$BATS_TEST_TMPDIR/ul.$f" "$BATS_TEST_TMPDIR/ours.$f"
		done
	done
}

@test "ipcs --stale and --user filter, as in list" {
	populate
	local gone
	gone=$(gone_pid)
	run -0 "$LINKS/ipcs" -m --user 4242
	assert_equal "$(grep -c '^0x' <<<"$output")" 1
	assert_line --regexp '^0xffffffff +[0-9]+ +4242 '
	run -0 "$LINKS/ipcs" --user root -s
	assert_line --regexp "^0x00000abc +$SEM_A "
	refute_line --regexp '^0x80000002 '
	run -0 "$LINKS/ipcs" -m --stale
	refute_line --regexp "^0x80000001 +$SHM_HELD "
	run -0 ipctool list shm --stale -r -n -o ID
	for id in $output; do
		run -0 "$LINKS/ipcs" -m --stale
		assert_line --regexp "^0x[0-9a-f]+ +$id "
	done
	run -1 "$LINKS/ipcs" --user no-such-user-here
	assert_output "ipcs: invalid user: 'no-such-user-here'"
	run -0 "$LINKS/ipcs" -m -i "$SHM_A" --user 4242
	assert_output "ipcs: id $SHM_A not found"
}

@test "ipctool -m, -q, -s, -a with no command mean list" {
	populate
	for f in -m -q -s -a -ms; do
		run -0 ipctool $f -r -n -o ID
		list=$output
		run -0 ipctool list $f -r -n -o ID
		assert_equal "$list" "$output"
	done
	run -0 ipctool -m -n -o KEY
	assert_line 0x00001234
	refute_line 0x00004242
	run -2 ipctool -m --no-such-option
	assert_output --partial "--no-such-option"
}

@test "ipcs: a write error on stdout is util-linux's 'write error', exit 1" {
	populate
	for a in '' -h -t; do
		ul=$(PATH=/usr/bin:$PATH LC_ALL=C ipcs $a 2>&1 >/dev/full; echo "rc=$?")
		ours=$(PATH=$LINKS:$PATH LC_ALL=C ipcs $a 2>&1 >/dev/full; echo "rc=$?")
		assert_equal "$ours" "$ul"
	done
	assert_equal "$ours" "ipcs: write error: No space left on device
rc=1"
}

@test "ipctool -N PID ipcs: the personality in another namespace" {
	ns_start "$PYTHON $FIXTURE shm-create --key 0x2001 --size 8192 >/dev/null && echo ready && exec sleep 3600"
	fixture shm-create --key 0x1001 --size 4096 >/dev/null
	run -0 ipctool -N "$NS_PID" ipcs -m
	assert_line --regexp '^0x00002001 +0 +root +644 +8192 '
	refute_line --regexp '^0x00001001 '
	# The same as util-linux's ipcs run inside it.
	ul=$(LC_ALL=C nsenter --ipc --target "$NS_PID" /usr/bin/ipcs -m)
	run -0 env LC_ALL=C "$IPCTOOL" -N "$NS_PID" ipcs -m
	assert_equal "$output" "$ul"
	run -1 ipctool -N 999999999 ipcs -m
	assert_output --partial '999999999'
}

@test "ipcs -i with --stale: shown only when the listing would show it" {
	populate
	local stale id
	# A segment whose creator and last user are gone and that nobody
	# attaches: stale by list's rules.
	stale=$(fixture shm-create --key 0x5151 --size 100)
	run -0 ipctool list shm --stale -r -n -o ID
	assert_line "$stale"
	run -0 env LC_ALL=C "$LINKS/ipcs" -m -i "$stale" --stale
	assert_line "Shared memory Segment shmid=$stale"
	run -0 env LC_ALL=C "$LINKS/ipcs" -m -i "$SHM_HELD" --stale
	assert_output "ipcs: id $SHM_HELD not found"
}
