#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 15-getters: the columns' getters and the output drivers make no system
# call: what COMMAND and STALE show is read from /proc by the collector,
# and the user and group names from /etc/passwd and /etc/group (NSS), all
# of it before the first byte is written.  Checked with strace on enough
# rows that the output is written in several pieces.

load common

# proc_after_first_write LOG: the /proc accesses in strace LOG that come
# after the first write to standard output (none: prints nothing).
proc_after_first_write() {
	awk '/write\(1, / { w = 1 } w && /"\/proc\// { print }' "$1"
}

# names_after_first_write LOG: the opens of /etc/passwd or /etc/group in
# strace LOG that come after the first write to standard output.
names_after_first_write() {
	awk '/write\(1, / { w = 1 } w && /"\/etc\/(passwd|group)"/ { print }' "$1"
}

# many_segments N: N segments, each made by its own ipcmk, long gone.
many_segments() {
	local i
	for ((i = 0; i < $1; i++)); do
		ipcmk -M 64 >/dev/null
	done
}

# named_owners: give the last segments (printed last) owners and groups
# that have names, each its own, and one a uid and gid that none has:
# a getter that looked names up itself would do so after the first write.
named_owners() {
	local ids id i=0
	local -a users=(daemon bin sys games man lp mail news uucp proxy)
	local -a groups=(daemon bin sys adm tty disk lp mail news uucp)
	ids=$(ipcs -m | awk '$2 ~ /^[0-9]+$/ { print $2 }' | sort -n | tail -11)
	for id in $ids; do
		if ((i < 10)); then
			fixture set shm "$id" --uid "$(id -u "${users[i]}")" \
			    --gid "$(getent group "${groups[i]}" | cut -d: -f3)"
		else
			fixture set shm "$id" --uid 4242424 --gid 4242425
		fi
		i=$((i + 1))
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

@test "list -o OWNER,USER,GROUP,CUSER,CGROUP: names are read before the first write" {
	local log=$BATS_TEST_TMPDIR/strace.log mode
	many_segments 200
	named_owners
	# Raw and JSON stream their rows (a table sizes its columns first).
	for mode in -r -J; do
		run strace -f -qq -o "$log" -e trace=open,openat,write \
		    "${IPCTOOL_BIN:-$IPCTOOL}" list -m "$mode" \
		    -o ID,OWNER,USER,GROUP,CUSER,CGROUP
		assert_success
		(($(grep -c 'write(1, ' "$log") > 1))
		# The names were looked up ...
		grep -q '"/etc/passwd"' "$log"
		grep -q '"/etc/group"' "$log"
		# ... none after the output began.
		run names_after_first_write "$log"
		assert_output ''
	done
	# Sorted by owner, shown or not, the names are read first too.
	run strace -f -qq -o "$log" -e trace=open,openat,write \
	    "${IPCTOOL_BIN:-$IPCTOOL}" list -m -r -o ID --sort OWNER
	assert_success
	grep -q '"/etc/passwd"' "$log"
	run names_after_first_write "$log"
	assert_output ''
	# And they are the right ones.
	run "$IPCTOOL" list -m -n -o OWNER,GROUP
	assert_line --regexp '^daemon +daemon$'
	assert_line --regexp '^proxy +uucp$'
	# (a number before the names, as ever)
	run "$IPCTOOL" list -m -rn -o OWNER --sort OWNER
	assert_line --index 0 4242424
	assert_line --index 1 bin
}

@test "ipcs -c (the personality): names are read before the first write" {
	local log=$BATS_TEST_TMPDIR/strace.log links=$BATS_TEST_TMPDIR/links
	many_segments 200
	named_owners
	mkdir "$links"
	ln -s "${IPCTOOL_BIN:-$IPCTOOL}" "$links/ipcs"
	run strace -f -qq -o "$log" -e trace=open,openat,write "$links/ipcs" -m -c
	assert_success
	(($(grep -c 'write(1, ' "$log") > 1))
	grep -q '"/etc/passwd"' "$log"
	grep -q '"/etc/group"' "$log"
	run names_after_first_write "$log"
	assert_output ''
	assert_equal "$(LC_ALL=C "$links/ipcs" -m -c)" "$(LC_ALL=C ipcs -m -c)"
	# The owner column of the other formats too.
	run strace -f -qq -o "$log" -e trace=open,openat,write "$links/ipcs" -m
	assert_success
	run names_after_first_write "$log"
	assert_output ''
}

@test "a uid or gid without a name prints as its number" {
	local id links=$BATS_TEST_TMPDIR/links
	id=$(fixture shm-create --size 64)
	fixture set shm "$id" --uid 4242424 --gid 4242425
	run "$IPCTOOL" list -m -n -o ID,OWNER,USER,GROUP,UID,GID
	assert_success
	assert_output --regexp "^ *$id +4242424 +4242424 +4242425 +4242424 +4242425\$"
	run "$IPCTOOL" list -m -J -o OWNER,GROUP
	assert_success
	assert_output --partial '4242424'
	assert_output --partial '4242425'
	mkdir "$links"
	ln -s "$IPCTOOL" "$links/ipcs"
	ln -s "$IPCTOOL" "$links/lsipc"
	run "$links/ipcs" -m -c
	assert_line --regexp "^$id +[0-7]+ +root +root +4242424 +4242425 *\$"
	run "$links/lsipc" -m --noheadings -o ID,OWNER
	assert_line --regexp "^ *$id +4242424 *\$"
}
