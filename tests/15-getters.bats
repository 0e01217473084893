#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 15-getters: the columns' getters and the output drivers make no system
# call: what COMMAND and STALE show is read from /proc by the collector,
# all of it before the first byte is written.  Checked with strace on
# enough rows that the output is written in several pieces.

load common

# proc_after_first_write LOG: the /proc accesses in strace LOG that come
# after the first write to standard output (none: prints nothing).
proc_after_first_write() {
	awk '/write\(1, / { w = 1 } w && /"\/proc\// { print }' "$1"
}

# many_segments N: N segments, each made by its own ipcmk, long gone.
many_segments() {
	local i
	for ((i = 0; i < $1; i++)); do
		ipcmk -M 64 >/dev/null
	done
}

# live_creators N: N running perl processes that each made a segment and
# sleep; prints their pids once every segment exists.
live_creators() {
	perl -e '
		$| = 1;
		for (1 .. $ARGV[0]) {
			pipe(my $r, my $w) or die;
			my $pid = fork // die;
			if ($pid == 0) {
				close $r;
				# Not the caller'"'"'s pipe: $(...) waits for it.
				open STDOUT, ">", "/dev/null" or die;
				defined shmget(0, 64, 0600) or die "shmget: $!";
				close $w;
				sleep 600;
				exit 0;
			}
			close $w;
			<$r>;		# EOF: its segment exists
			print "$pid\n";
		}' "$1" </dev/null 3>&-
}

@test "list -o COMMAND,STALE: every /proc read happens before the first write" {
	local log=$BATS_TEST_TMPDIR/strace.log kids
	# Running creators: COMMAND and STALE have each of them to read.
	kids=$(live_creators 120)
	many_segments 100
	# The binary itself (IPCTOOL_BIN under check-valgrind, whose own
	# reads of /proc would count otherwise).
	run strace -f -qq -o "$log" -e trace=open,openat,stat,newfstatat,statx,readlink,write \
	    "${IPCTOOL_BIN:-$IPCTOOL}" list -m -r -o ID,CPID,COMMAND,STALE
	assert_success
	# Written in more than one piece, or the check proves nothing.
	(($(grep -c 'write(1, ' "$log") > 1))
	# The creators' /proc entries were read ...
	grep -q '"/proc/[0-9]*/cmdline"' "$log"
	# ... and none after the output began.
	run proc_after_first_write "$log"
	assert_output ''
	# What was read is right: each live creator's command (ipcs -m -p
	# gives the creators), the others stale with their creator gone.
	local pid=${kids%%$'\n'*}
	[[ $(ipcs -m -p | awk -v p="$pid" '$3 == p' | wc -l) == 1 ]]
	run "$IPCTOOL" list -m -n -o CPID,COMMAND
	assert_line --regexp "^ *$pid perl -e"
	run "$IPCTOOL" list -m -rn --stale -o ID
	assert_equal "${#lines[@]}" 100
	kill $kids 2>/dev/null || true
}

@test "list -J -o COMMAND,STALE,NS: no /proc read after the first write" {
	local log=$BATS_TEST_TMPDIR/strace.log
	many_segments 200
	# The binary itself (IPCTOOL_BIN under check-valgrind, whose own
	# reads of /proc would count otherwise).
	run strace -f -qq -o "$log" -e trace=open,openat,stat,newfstatat,statx,readlink,write \
	    "${IPCTOOL_BIN:-$IPCTOOL}" list -m -J -o ID,COMMAND,STALE,NS
	assert_success
	(($(grep -c 'write(1, ' "$log") > 1))
	run proc_after_first_write "$log"
	assert_output ''
}
