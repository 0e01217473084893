#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# metrics: Prometheus text exposition, checked against a population made
# by the fixture and ipcmk, and by promtool (CI installs the Debian
# package prometheus, which ships it: a missing promtool fails, not skips).

load common

# promtool_check: `promtool check metrics` on stdin; fails loudly when
# promtool is not installed.
promtool_check() {
	if ! command -v promtool >/dev/null; then
		echo "promtool not found: install the 'prometheus' package (Debian) to run these tests" >&2
		return 1
	fi
	promtool check metrics
}

# value NAME [LABELS]: the value of the series NAME{LABELS} (NAME alone
# when LABELS is empty) in $output; fails if absent or repeated.
value() {
	local series=$1
	[[ -n ${2:-} ]] && series="$1{$2}"
	local v
	v=$(awk -v s="$series" '$1 == s { print $2; n++ } END { exit n != 1 }' <<<"$output") || {
		echo "value: no single series '$series'" >&2
		return 1
	}
	echo "$v"
}

# population: 3 segments (4096, 10000, 1 MiB; one attached by a holder),
# 2 queues (3 messages of 5 bytes, 1 of 11), 2 semaphore sets (3 and 5).
population() {
	local s q
	fixture shm-create --size 4096 >/dev/null
	fixture shm-create --size 10000 >/dev/null
	s=$(fixture shm-create --size 1048576)
	bg_hold shm-attach "$s" --hold
	q=$(fixture msg-create)
	fixture msg-send "$q" 1 hello --count 3
	q=$(fixture msg-create)
	fixture msg-send "$q" 2 hello-world
	fixture sem-create --nsems 3 >/dev/null
	fixture sem-create --nsems 5 >/dev/null
}

@test "metrics: counts and bytes match the population" {
	population
	run --separate-stderr "$IPCTOOL" metrics
	assert_success
	[[ -z $stderr ]]
	assert_equal "$(value ipc_shm_segments)" 3
	assert_equal "$(value ipc_shm_bytes)" $((4096 + 10000 + 1048576))
	assert_equal "$(value ipc_shm_attached)" 1
	assert_equal "$(value ipc_msg_queues)" 2
	assert_equal "$(value ipc_msg_messages)" 4
	assert_equal "$(value ipc_msg_bytes)" $((3 * 5 + 11))
	assert_equal "$(value ipc_sem_arrays)" 2
	assert_equal "$(value ipc_sem_semaphores)" 8
	# The same through ipcs -u's independent count where it has one.
	assert_equal "$(value ipc_shm_segments)" "$(ipcs -m -u | awk '/segments allocated/ { print $NF }')"
	assert_equal "$(value ipc_sem_arrays)" "$(ipcs -s -u | awk '/used arrays/ { print $NF }')"
	assert_equal "$(value ipc_sem_semaphores)" "$(ipcs -s -u | awk '/allocated semaphores/ { print $NF }')"
	assert_equal "$(value ipc_msg_messages)" "$(ipcs -q -u | awk '/used headers/ { print $NF }')"
	assert_equal "$(value ipc_msg_bytes)" "$(ipcs -q -u | awk '/used space/ { print $(NF - 1) }')"
}

@test "metrics: resident and swapped bytes as /proc/sysvipc/shm has them" {
	population
	head -1 /proc/sysvipc/shm | grep -qw rss || skip_reason="kernel without rss"
	run "$IPCTOOL" metrics
	assert_success
	if [[ -n ${skip_reason:-} ]]; then
		refute_line --partial ipc_shm_resident_bytes
	else
		assert_equal "$(value ipc_shm_resident_bytes)" \
			"$(awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "rss") c = i; next } { s += $c } END { print s + 0 }' /proc/sysvipc/shm)"
		assert_equal "$(value ipc_shm_swapped_bytes)" \
			"$(awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "swap") c = i; next } { s += $c } END { print s + 0 }' /proc/sysvipc/shm)"
	fi
}

@test "metrics: limits and their use, by sysctl name" {
	population
	run "$IPCTOOL" metrics
	assert_success
	assert_equal "$(value ipc_limit 'resource="shmmni"')" "$(cat /proc/sys/kernel/shmmni)"
	assert_equal "$(value ipc_limit 'resource="shmmax"')" "$(cat /proc/sys/kernel/shmmax)"
	assert_equal "$(value ipc_limit 'resource="msgmni"')" "$(cat /proc/sys/kernel/msgmni)"
	assert_equal "$(value ipc_limit 'resource="msgmnb"')" "$(cat /proc/sys/kernel/msgmnb)"
	local sem
	read -ra sem </proc/sys/kernel/sem
	assert_equal "$(value ipc_limit 'resource="semmsl"')" "${sem[0]}"
	assert_equal "$(value ipc_limit 'resource="semmns"')" "${sem[1]}"
	assert_equal "$(value ipc_limit 'resource="semopm"')" "${sem[2]}"
	assert_equal "$(value ipc_limit 'resource="semmni"')" "${sem[3]}"
	assert_equal "$(value ipc_limit 'resource="mq_queues_max"')" "$(cat /proc/sys/fs/mqueue/queues_max)"
	assert_equal "$(value ipc_used 'resource="shmmni"')" 3
	assert_equal "$(value ipc_used 'resource="msgmni"')" 2
	assert_equal "$(value ipc_used 'resource="semmni"')" 2
	assert_equal "$(value ipc_used 'resource="semmns"')" 8
	# shmall is in pages: 1 + 3 + 256 with 4 KiB pages.
	local page
	page=$(getconf PAGESIZE)
	assert_equal "$(value ipc_used 'resource="shmall"')" \
		$(((4096 + page - 1) / page + (10000 + page - 1) / page + (1048576 + page - 1) / page))
}

@test "metrics: HELP and TYPE gauge for every family, accepted by promtool" {
	population
	run "$IPCTOOL" metrics --stale
	assert_success
	local names fam
	names=$(grep -v '^#' <<<"$output" | sed 's/[{ ].*//' | sort -u)
	[[ -n $names ]]
	for fam in $names; do
		assert_line --regexp "^# HELP $fam [^ ]"
		assert_line "# TYPE $fam gauge"
	done
	promtool_check <<<"$output"
	run "$IPCTOOL" metrics
	promtool_check <<<"$output"
}

@test "metrics: an empty namespace gives zeros, and promtool accepts it" {
	run "$IPCTOOL" metrics
	assert_success
	assert_equal "$(value ipc_shm_segments)" 0
	assert_equal "$(value ipc_shm_bytes)" 0
	assert_equal "$(value ipc_msg_queues)" 0
	assert_equal "$(value ipc_sem_arrays)" 0
	assert_equal "$(value ipc_used 'resource="shmmni"')" 0
	promtool_check <<<"$output"
}

@test "metrics --stale: stale resources by type, as the stale rules say" {
	# Made by fixture processes that have exited: stale.  The attached
	# one, the queue a live holder last sent to, the set a live holder
	# last operated: not.
	local s q m
	fixture shm-create --size 4096 >/dev/null
	s=$(fixture shm-create --size 4096)
	bg_hold shm-attach "$s" --hold
	# A queue and a set never used are not stale: ones used by a process
	# that has exited are.
	fixture msg-create >/dev/null
	fixture msg-send "$(fixture msg-create)" 1 hi
	q=$(fixture msg-create)
	bg_hold msg-send "$q" 1 hi --hold
	m=$(fixture sem-create --nsems 1)
	fixture sem-create --nsems 1 >/dev/null
	x=$(fixture sem-create --nsems 1)
	fixture sem-op "$x" 0 1
	bg_hold sem-op "$m" 0 1 --hold
	run "$IPCTOOL" metrics --stale
	assert_success
	assert_equal "$(value ipc_stale_resources 'type="shm"')" 1
	assert_equal "$(value ipc_stale_resources 'type="msg"')" 1
	assert_equal "$(value ipc_stale_resources 'type="sem"')" 1
	promtool_check <<<"$output"
	# Without --stale the costly family is not there.
	run "$IPCTOOL" metrics
	refute_line --partial ipc_stale_resources
}

@test "metrics: POSIX families when the POSIX collector works, none otherwise" {
	fixture pshm-create /m1 4096
	fixture pshm-create /m2 10000
	fixture pmq-create /q1
	fixture pmq-send /q1 abc --count 2
	fixture psem-create /s1 3
	run "$IPCTOOL" metrics
	assert_success
	if "$IPCTOOL" list pshm >/dev/null 2>&1; then
		assert_equal "$(value ipc_pshm_objects)" 2
		assert_equal "$(value ipc_pshm_bytes)" 14096
		assert_equal "$(value ipc_pmq_queues)" 1
		assert_equal "$(value ipc_pmq_messages)" 2
		assert_equal "$(value ipc_psem_semaphores)" 1
	else
		refute_line --regexp '^ipc_p(shm|mq|sem)_'
	fi
	# The mqueue count of the limits is read from /dev/mqueue itself.
	assert_equal "$(value ipc_used 'resource="mq_queues_max"')" 1
	promtool_check <<<"$output"
}

@test "metrics -A: host totals unlabelled, each namespace's non-zero series ns-labelled" {
	fixture shm-create --size 4096 >/dev/null
	local self
	self=$(stat -L -c %i /proc/self/ns/ipc)
	ns_start 'ipcmk -M 8192 >/dev/null && ipcmk -M 8192 >/dev/null && ipcmk -S 4 >/dev/null && echo ready && exec sleep 1000'
	local p1=$NS_PID i1=$NS_INO
	ns_start 'echo ready && exec sleep 1000'
	local empty=$NS_INO
	run --separate-stderr "$IPCTOOL" metrics -A
	assert_success
	assert_equal "$(value ipc_shm_segments "ns=\"$self\"")" 1
	assert_equal "$(value ipc_shm_bytes "ns=\"$self\"")" 4096
	# Zero: no series for the namespace, the host's total only.
	refute_line --partial "ipc_sem_arrays{ns=\"$self\"}"
	assert_equal "$(value ipc_shm_segments)" 3
	assert_equal "$(value ipc_shm_bytes)" $((4096 + 16384))
	assert_equal "$(value ipc_sem_arrays)" 1
	assert_equal "$(value ipc_sem_semaphores)" 4
	assert_equal "$(value ipc_shm_segments "ns=\"$i1\"")" 2
	assert_equal "$(value ipc_shm_bytes "ns=\"$i1\"")" 16384
	assert_equal "$(value ipc_sem_semaphores "ns=\"$i1\"")" 4
	assert_equal "$(value ipc_used "ns=\"$i1\",resource=\"shmmni\"")" 2
	# Its limits are the host's: no series of its own.
	assert_equal "$(nsenter --ipc="/proc/$p1/ns/ipc" cat /proc/sys/kernel/shmmni)" \
		"$(value ipc_limit 'resource="shmmni"')"
	refute_line --partial "ipc_limit{ns=\"$i1\""
	assert_line "ipc_namespace_info{ns=\"$i1\",pid=\"$p1\",command=\"sleep 1000\",cgroup=\"$(awk -F: '$1 == "0" { n = split($3, a, "/"); print a[n] }' "/proc/$p1/cgroup")\"} 1"
	refute_line --partial "ns=\"$empty\""
	# Use is per namespace (limits bind per namespace): never a total.
	refute_line --regexp '^ipc_used\{resource='
	promtool_check <<<"$output"
}

@test "metrics -A: limits per namespace follow that namespace's sysctls" {
	ns_start 'echo 1234 >/proc/sys/kernel/shmmni && ipcmk -Q >/dev/null && echo ready && exec sleep 1000'
	run "$IPCTOOL" metrics -A
	assert_success
	assert_equal "$(value ipc_limit "ns=\"$NS_INO\",resource=\"shmmni\"")" 1234
	assert_equal "$(value ipc_msg_queues "ns=\"$NS_INO\"")" 1
	# Only the one that differs from the host's.
	assert_equal "$(grep -c "^ipc_limit{ns=\"$NS_INO\"" <<<"$output")" 1
}

@test "metrics -A: label values escaped, whatever the command line holds" {
	ns_start 'ipcmk -Q >/dev/null && echo ready && exec bash -c '\''exec -a "$(printf "we\"i\\\\rd\nna\033me\377")" sleep 1000'\'''
	# Wait for bash to have exec-ed the renamed sleep.
	wait_until grep -q 'we"i' "/proc/$NS_PID/cmdline"
	run "$IPCTOOL" metrics -A
	assert_success
	assert_line "ipc_namespace_info{ns=\"$NS_INO\",pid=\"$NS_PID\",command=\"we\\\"i\\\\\\\\rd\\\\nna\\\\033me\\\\377 1000\",cgroup=\"$(awk -F: '$1 == "0" { n = split($3, a, "/"); print a[n] }' "/proc/$NS_PID/cgroup")\"} 1"
	promtool_check <<<"$output"
}

@test "metrics -N PID: that namespace's counts, unlabelled" {
	fixture shm-create --size 4096 >/dev/null
	ns_start 'ipcmk -Q >/dev/null && ipcmk -Q >/dev/null && echo ready && exec sleep 1000'
	run "$IPCTOOL" -N "$NS_PID" metrics
	assert_success
	assert_equal "$(value ipc_shm_segments)" 0
	assert_equal "$(value ipc_msg_queues)" 2
	assert_equal "$(value ipc_used 'resource="msgmni"')" 2
	promtool_check <<<"$output"
}

@test "metrics -o FILE: written whole through a rename, nothing on stdout" {
	population
	local f=$BATS_TEST_TMPDIR/ipctool.prom
	echo stale >"$f"
	local before
	before=$(stat -c %i "$f")
	run --separate-stderr "$IPCTOOL" metrics -o "$f"
	assert_success
	assert_equal "$output" ""
	assert_equal "$stderr" ""
	[[ ! -e $f.tmp ]]
	# A new file took the old one's name: the collector never reads half.
	[[ $(stat -c %i "$f") != "$before" ]]
	assert_equal "$(stat -c %a "$f")" 644
	run "$IPCTOOL" metrics
	assert_equal "$(cat "$f")" "$output"
	promtool_check <"$f"
	run --separate-stderr "$IPCTOOL" metrics --output="$f" -A
	assert_success
	assert_equal "$output" ""
	grep -q '^ipc_namespace_info{' "$f"
}

@test "metrics -o into a missing directory: exit 1, the reason, no file" {
	run --separate-stderr "$IPCTOOL" metrics -o "$BATS_TEST_TMPDIR/no/such/x.prom"
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: metrics: $BATS_TEST_TMPDIR/no/such: No such file or directory"
}

# only_file DIR NAME: DIR holds NAME and nothing else (no temporary file
# left behind).
only_file() {
	assert_equal "$(ls -A "$1")" "$2"
}

@test "metrics -o: a FIFO planted at FILE.tmp neither blocks it nor is written" {
	population
	local dir=$BATS_TEST_TMPDIR/out
	mkdir "$dir"
	mkfifo "$dir/x.prom.tmp"
	run --separate-stderr timeout "${WAIT_TIMEOUT:-5}" "$IPCTOOL" metrics -o "$dir/x.prom"
	assert_success
	assert_equal "$stderr" ""
	[[ -p $dir/x.prom.tmp ]]
	[[ -f $dir/x.prom && ! -L $dir/x.prom ]]
	run "$IPCTOOL" metrics
	assert_equal "$(cat "$dir/x.prom")" "$output"
	assert_equal "$(ls -A "$dir" | sort | tr '\n' ' ')" "x.prom x.prom.tmp "
}

@test "metrics -o: a hard link planted at FILE.tmp: the linked file is unchanged" {
	population
	local dir=$BATS_TEST_TMPDIR/out
	mkdir "$dir"
	echo precious >"$BATS_TEST_TMPDIR/victim"
	ln "$BATS_TEST_TMPDIR/victim" "$dir/x.prom.tmp"
	run --separate-stderr "$IPCTOOL" metrics -o "$dir/x.prom"
	assert_success
	assert_equal "$(cat "$BATS_TEST_TMPDIR/victim")" precious
	assert_equal "$(stat -c %h "$BATS_TEST_TMPDIR/victim")" 2
	grep -q '^ipc_shm_segments 3$' "$dir/x.prom"
	# The new file is its own inode, not the victim's.
	[[ $(stat -c %i "$dir/x.prom") != "$(stat -c %i "$BATS_TEST_TMPDIR/victim")" ]]
}

@test "metrics -o: a device node is refused and left a device node" {
	local dir=$BATS_TEST_TMPDIR/dev
	mkdir "$dir"
	mknod -m 0666 "$dir/full" c 1 7
	run --separate-stderr "$IPCTOOL" metrics -o "$dir/full"
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: metrics: $dir/full: exists and is not a regular file"
	[[ -c $dir/full ]]
	assert_equal "$(stat -c '%t:%T' "$dir/full")" "1:7"
	only_file "$dir" full
}

@test "metrics -o: a FIFO, a directory or a symbolic link as FILE is refused, untouched" {
	local dir=$BATS_TEST_TMPDIR/t
	mkdir "$dir" "$dir/d"
	mkfifo "$dir/fifo"
	echo kept >"$dir/target"
	ln -s target "$dir/link"
	for f in fifo d link; do
		run --separate-stderr timeout "${WAIT_TIMEOUT:-5}" "$IPCTOOL" metrics -o "$dir/$f"
		assert_failure 1
		assert_equal "$stderr" "ipctool: metrics: $dir/$f: exists and is not a regular file"
	done
	[[ -p $dir/fifo && -d $dir/d && -L $dir/link ]]
	assert_equal "$(readlink "$dir/link")" target
	assert_equal "$(cat "$dir/target")" kept
	assert_equal "$(ls -A "$dir" | sort | tr '\n' ' ')" "d fifo link target "
}

@test "metrics -o: mode 0644 whatever the umask, the old file replaced" {
	local dir=$BATS_TEST_TMPDIR/m
	mkdir "$dir"
	echo old >"$dir/x.prom"
	chmod 0600 "$dir/x.prom"
	run --separate-stderr sh -c 'umask 077; exec "$0" metrics -o "$1"' "$IPCTOOL" "$dir/x.prom"
	assert_success
	assert_equal "$(stat -c %a "$dir/x.prom")" 644
	grep -q '^ipc_shm_segments 0$' "$dir/x.prom"
	only_file "$dir" x.prom
}

@test "metrics -o: a write that fails (a full file system) leaves the old file" {
	local dir=$BATS_TEST_TMPDIR/small
	mkdir "$dir"
	mount -t tmpfs -o size=8k tmpfs "$dir"
	echo old >"$dir/x.prom"
	# Fill the rest: the next file cannot get a block.
	dd if=/dev/zero of="$dir/fill" bs=1k count=64 2>/dev/null || true
	run --separate-stderr "$IPCTOOL" metrics -o "$dir/x.prom"
	rm -f "$dir/fill"
	local left kept
	left=$(ls -A "$dir")
	kept=$(cat "$dir/x.prom")
	umount "$dir"
	assert_failure 1
	assert_equal "$kept" old
	[[ $stderr == "ipctool: metrics: $dir/.x.prom."*": No space left on device" ]] ||
		fail "stderr: '$stderr'"
	assert_equal "$left" x.prom
}

@test "metrics: malformed options are usage errors with nothing on stdout" {
	local args
	for args in "foo" "-o" "--output" "-o ''" "--bogus" "-x" "shm" "--stale=1"; do
		eval "run --separate-stderr \"\$IPCTOOL\" metrics $args"
		assert_failure 2
		assert_equal "$output" ""
		[[ $stderr == "ipctool: metrics: "* ]] || fail "args '$args': stderr '$stderr'"
	done
}

@test "metrics --help" {
	run "$IPCTOOL" metrics --help
	assert_success
	assert_line "Usage: ipctool metrics [-A] [--stale] [-o FILE]"
	assert_line --partial -- "--all-namespaces"
	assert_line --partial -- "--output FILE"
}

# --- every family the SPEC names, every variant through promtool -----------

# families: the metric names in $output, sorted.
families() {
	grep -v '^#' <<<"$output" | sed 's/[{ ].*//' | sort -u
}

@test "metrics: every family the SPEC names, and every limit, are there" {
	population
	fixture pshm-create /m1 4096
	fixture pmq-create /q1
	fixture psem-create /s1 1
	run --separate-stderr "$IPCTOOL" metrics
	assert_success
	local fam
	for fam in ipc_shm_segments ipc_shm_bytes ipc_msg_queues \
		ipc_msg_messages ipc_msg_bytes ipc_sem_arrays ipc_sem_semaphores \
		ipc_limit ipc_used ipc_pshm_objects ipc_pshm_bytes ipc_pmq_queues \
		ipc_pmq_messages ipc_psem_semaphores; do
		assert_line "# TYPE $fam gauge"
		assert_line --regexp "^$fam(\\{[^}]*\\})? [0-9]+\$"
	done
	for fam in shmmax shmall shmmni msgmni msgmax msgmnb semmsl semmns \
		semopm semmni mq_queues_max mq_msg_max mq_msgsize_max; do
		assert_line --regexp "^ipc_limit\\{resource=\"$fam\"\\} [0-9]+\$"
	done
	assert_equal "$(value ipc_pshm_objects)" 1
	assert_equal "$(value ipc_pmq_queues)" 1
	assert_equal "$(value ipc_psem_semaphores)" 1
	promtool_check <<<"$output"
}

# other_population: a namespace of its own (IPC and mount, with its own
# /dev/shm and /dev/mqueue) holding 1 segment of 12288 bytes, 3 queues
# with 2 messages of 4 bytes in one, a set of 7 semaphores (ipcmk), 2
# POSIX shared memory objects of 100 and 200 bytes (files in its
# /dev/shm, as shm_open makes them) and a POSIX queue with 1 message (the
# fixture).  Few python starts: they are slow on a loaded machine.  Sets
# NS_PID, NS_INO.
other_population() {
	local f="'$PYTHON' '$FIXTURE'"
	ns_start "mount --make-rprivate / && mount -t tmpfs tmpfs /dev/shm &&
		mount -t mqueue mqueue /dev/mqueue &&
		ipcmk -M 12288 >/dev/null &&
		q=\$(ipcmk -Q | awk '{ print \$NF }') && ipcmk -Q >/dev/null && ipcmk -Q >/dev/null &&
		$f msg-send \$q 1 abcd --count 2 &&
		ipcmk -S 7 >/dev/null &&
		head -c 100 /dev/zero >/dev/shm/o1 && head -c 200 /dev/zero >/dev/shm/o2 &&
		$f pmq-create /oq && $f pmq-send /oq xyz &&
		echo ready && exec sleep 1000" --mount
}

@test "metrics -A: two namespaces' known populations, POSIX included, by ns label" {
	population
	fixture pshm-create /m1 4096
	local self
	self=$(stat -L -c %i /proc/self/ns/ipc)
	other_population
	run --separate-stderr "$IPCTOOL" metrics -A
	assert_success
	assert_equal "$stderr" ""
	local o="ns=\"$NS_INO\"" s="ns=\"$self\""
	# Ours: population + one POSIX object.
	assert_equal "$(value ipc_shm_segments "$s")" 3
	assert_equal "$(value ipc_shm_bytes "$s")" $((4096 + 10000 + 1048576))
	assert_equal "$(value ipc_msg_queues "$s")" 2
	assert_equal "$(value ipc_msg_messages "$s")" 4
	assert_equal "$(value ipc_msg_bytes "$s")" 26
	assert_equal "$(value ipc_sem_arrays "$s")" 2
	assert_equal "$(value ipc_sem_semaphores "$s")" 8
	assert_equal "$(value ipc_pshm_objects "$s")" 1
	assert_equal "$(value ipc_pshm_bytes "$s")" 4096
	refute_line --partial "ipc_pmq_queues{$s}"
	# Theirs, as nsenter + ipcs and their /dev/shm count them.
	assert_equal "$(value ipc_shm_segments "$o")" 1
	assert_equal "$(value ipc_shm_bytes "$o")" 12288
	assert_equal "$(value ipc_msg_queues "$o")" 3
	assert_equal "$(value ipc_msg_messages "$o")" 2
	assert_equal "$(value ipc_msg_bytes "$o")" 8
	assert_equal "$(value ipc_sem_arrays "$o")" 1
	assert_equal "$(value ipc_sem_semaphores "$o")" 7
	assert_equal "$(value ipc_pshm_objects "$o")" 2
	assert_equal "$(value ipc_pshm_bytes "$o")" 300
	assert_equal "$(value ipc_pmq_queues "$o")" 1
	assert_equal "$(value ipc_pmq_messages "$o")" 1
	refute_line --partial "ipc_psem_semaphores{$o}"
	# The host's totals, each /dev/shm once.
	assert_equal "$(value ipc_shm_segments)" 4
	assert_equal "$(value ipc_msg_queues)" 5
	assert_equal "$(value ipc_pshm_objects)" 3
	assert_equal "$(value ipc_pshm_bytes)" $((4096 + 300))
	assert_equal "$(value ipc_pmq_queues)" 1
	assert_equal "$(value ipc_pmq_bytes)" 3
	assert_equal "$(value ipc_pmq_bytes "$o")" 3
	assert_equal "$(value ipc_msg_messages "$o")" \
		"$(nsenter --ipc="/proc/$NS_PID/ns/ipc" ipcs -q -u | awk '/used headers/ { print $NF }')"
	assert_equal "$(value ipc_sem_semaphores "$o")" \
		"$(nsenter --ipc="/proc/$NS_PID/ns/ipc" ipcs -s -u | awk '/allocated semaphores/ { print $NF }')"
	assert_equal "$(ls "/proc/$NS_PID/root/dev/shm" | wc -l)" 2
	assert_equal "$(value ipc_used "$o,resource=\"mq_queues_max\"")" 1
	assert_equal "$(value ipc_used "$o,resource=\"semmns\"")" 7
	# Exactly two namespaces, each family's HELP and TYPE once.
	assert_equal "$(grep -c '^ipc_namespace_info{' <<<"$output")" 2
	assert_equal "$(grep -c '^# TYPE ipc_shm_segments gauge$' <<<"$output")" 1
	promtool_check <<<"$output"
	# Without -A: ours alone, unlabelled.
	run "$IPCTOOL" metrics
	assert_equal "$(value ipc_shm_segments)" 3
	assert_equal "$(value ipc_pshm_objects)" 1
	refute_output --partial 'ns="'
	# -N: theirs, unlabelled, POSIX under /proc/PID/root.
	run "$IPCTOOL" -N "$NS_PID" metrics
	assert_equal "$(value ipc_shm_segments)" 1
	assert_equal "$(value ipc_pshm_objects)" 2
	assert_equal "$(value ipc_pmq_messages)" 1
	promtool_check <<<"$output"
}

@test "metrics -A with nothing anywhere: our namespace's zeros, accepted by promtool" {
	local self
	self=$(stat -L -c %i /proc/self/ns/ipc)
	ns_start 'echo ready && exec sleep 1000'
	local empty=$NS_INO
	run --separate-stderr "$IPCTOOL" metrics -A
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(value ipc_shm_segments)" 0
	assert_equal "$(value ipc_msg_queues)" 0
	assert_equal "$(value ipc_sem_arrays)" 0
	assert_equal "$(value ipc_limit 'resource="shmmni"')" "$(cat /proc/sys/kernel/shmmni)"
	# Nothing but its identity is non-zero in ours.
	assert_equal "$(grep -c "ns=\"$self\"" <<<"$output")" 1
	assert_equal "$(grep -c '^ipc_namespace_info{' <<<"$output")" 1
	refute_output --partial "ns=\"$empty\""
	promtool_check <<<"$output"
	run "$IPCTOOL" metrics -A --stale
	assert_success
	assert_equal "$(value ipc_stale_resources 'type="shm"')" 0
	promtool_check <<<"$output"
}

@test "metrics -A --stale with POSIX objects in two namespaces: promtool accepts it" {
	population
	fixture pshm-create /m1 4096
	other_population
	run --separate-stderr "$IPCTOOL" metrics -A --stale
	assert_success
	assert_equal "$(value ipc_pshm_objects "ns=\"$NS_INO\"")" 2
	promtool_check <<<"$output"
}

# --- the families a fleet needs ---------------------------------------------

@test "metrics: ipc_pmq_bytes is the sum of the queues' QSIZE" {
	fixture pmq-create /q1
	fixture pmq-send /q1 abcde --count 2
	fixture pmq-create /q2
	run --separate-stderr "$IPCTOOL" metrics
	assert_success
	if ! grep -q '^ipc_pmq_queues ' <<<"$output"; then
		skip "no POSIX message queues here"
	fi
	local q1 q2
	q1=$(sed -n 's/^QSIZE:\([0-9]*\).*/\1/p' /dev/mqueue/q1)
	q2=$(sed -n 's/^QSIZE:\([0-9]*\).*/\1/p' /dev/mqueue/q2)
	((q1 >= 10))
	assert_equal "$(value ipc_pmq_bytes)" $((q1 + q2))
	assert_line '# TYPE ipc_pmq_bytes gauge'
	promtool_check <<<"$output"
}

@test "metrics: processes blocked in msgrcv and semop, from the blocked-process scan" {
	local q s
	q=$(fixture msg-create)
	s=$(fixture sem-create --nsems 2)
	run "$IPCTOOL" metrics
	assert_success
	assert_equal "$(value ipc_msg_waiters)" 0
	assert_equal "$(value ipc_sem_waiters)" 0
	bg_hold msg-recv "$q" --wait --hold
	local r1=$HOLD_PID
	bg_hold sem-op "$s" 1 -1 --wait
	local r2=$HOLD_PID
	bg_hold sem-op "$s" 0 -1 --wait
	# Blocked, as the kernel says it: in the call, not just before it.
	wait_until bash -c "[[ \$(cut -d' ' -f1 /proc/$r1/syscall) != running ]]"
	wait_until bash -c "[[ \$(cut -d' ' -f1 /proc/$r2/syscall) != running ]]"
	wait_until bash -c "[[ \$(cut -d' ' -f1 /proc/$HOLD_PID/syscall) != running ]]"
	run --separate-stderr "$IPCTOOL" metrics
	assert_success
	assert_equal "$(value ipc_msg_waiters)" 1
	assert_equal "$(value ipc_sem_waiters)" 2
	assert_line '# HELP ipc_sem_waiters Processes blocked in semop or semtimedop.'
	promtool_check <<<"$output"
}

@test "metrics: ipc_msg_queue_fill_ratio_max is the fullest queue's cbytes / qbytes" {
	run "$IPCTOOL" metrics
	assert_equal "$(value ipc_msg_queue_fill_ratio_max)" 0
	local q1 q2 qb
	q1=$(fixture msg-create)
	q2=$(fixture msg-create)
	qb=$(cat /proc/sys/kernel/msgmnb)
	fixture msg-send "$q1" 1 x --count 4
	# A quarter of the second queue's capacity.
	fixture msg-send "$q2" 1 "$(head -c $((qb / 4)) /dev/zero | tr '\0' y)"
	run --separate-stderr "$IPCTOOL" metrics
	assert_success
	assert_equal "$(value ipc_msg_queue_fill_ratio_max)" 0.25
	assert_line '# TYPE ipc_msg_queue_fill_ratio_max gauge'
	promtool_check <<<"$output"
}

@test "metrics -A: a namespace holding a few segments adds under 10 series" {
	local self
	self=$(stat -L -c %i /proc/self/ns/ipc)
	ns_start 'ipcmk -M 4096 >/dev/null && ipcmk -M 4096 >/dev/null && ipcmk -M 4096 >/dev/null && echo ready && exec sleep 1000'
	run --separate-stderr "$IPCTOOL" metrics -A --stale
	assert_success
	local n
	n=$(grep -c "ns=\"$NS_INO\"" <<<"$output")
	((n < 10)) || fail "$n series for a namespace of 3 segments"
	assert_equal "$(value ipc_shm_segments "ns=\"$NS_INO\"")" 3
	assert_equal "$(value ipc_used "ns=\"$NS_INO\",resource=\"shmmni\"")" 3
	refute_line --partial "ipc_limit{ns="
	promtool_check <<<"$output"
}

# --- the shipped systemd units ----------------------------------------------

UNITS=$BATS_TEST_DIRNAME/../contrib/systemd

# unit_exec: the service's ExecStart command line, with /usr/bin/ipctool
# replaced by $IPCTOOL and the output directory by $1.
unit_exec() {
	local line
	line=$(sed -n 's/^ExecStart=//p' "$UNITS/ipctool-metrics.service")
	[[ $(wc -l <<<"$line") == 1 && $line == /usr/bin/ipctool\ * ]] || {
		echo "unit_exec: unexpected ExecStart '$line'" >&2
		return 1
	}
	line=${line/#\/usr\/bin\/ipctool/$IPCTOOL}
	echo "${line//\/var\/lib\/prometheus\/node-exporter/$1}"
}

@test "contrib: the service's ExecStart writes its .prom whole, as promtool wants it" {
	population
	other_population
	local dir=$BATS_TEST_TMPDIR/textfile cmd prom
	mkdir "$dir"
	cmd=$(unit_exec "$dir")
	[[ $cmd == "$IPCTOOL metrics -A -o $dir/ipctool.prom" ]] || fail "ExecStart became '$cmd'"
	prom=$dir/ipctool.prom
	# The directory the unit may write is the one it writes to.
	grep -qx 'ReadWritePaths=-/var/lib/prometheus/node-exporter' "$UNITS/ipctool-metrics.service"
	read -ra argv <<<"$cmd"
	run --separate-stderr "${argv[@]}"
	assert_success
	assert_equal "$output" ""
	assert_equal "$stderr" ""
	[[ -f $prom && ! -e $prom.tmp ]]
	assert_equal "$(ls "$dir")" ipctool.prom
	promtool_check <"$prom"
	run "$IPCTOOL" metrics -A
	local want=$output
	assert_equal "$(cat "$prom")" "$want"
	grep -q "^ipc_shm_bytes{ns=\"$NS_INO\"} 12288\$" "$prom"
	# Atomic: while the unit's command runs again and again, a reader
	# only ever finds the whole file (the population does not change).
	(for i in $(seq 30); do "${argv[@]}" || exit 1; done) &
	local writer=$! n=0 seen
	while kill -0 "$writer" 2>/dev/null; do
		seen=$(cat "$prom")
		[[ $seen == "$want" ]] || fail "a reader saw a partial file (${#seen} of ${#want} bytes)"
		n=$((n + 1))
	done
	wait "$writer"
	((n > 0))
	[[ ! -e $prom.tmp ]]
}

@test "contrib: systemd-analyze verify accepts the services and the timers" {
	if ! command -v systemd-analyze >/dev/null; then
		[[ ${CI:-} != true ]] || fail "systemd-analyze not found (CI=true: install systemd)"
		skip "systemd-analyze not installed"
	fi
	local d=$BATS_TEST_TMPDIR/units u
	mkdir -p "$d/man/man1"
	for u in metrics clean; do
		cp "$UNITS/ipctool-$u.service" "$UNITS/ipctool-$u.timer" "$d/"
		# verify checks that the command exists and the documentation too.
		sed -i "s#^ExecStart=/usr/bin/ipctool #ExecStart=$IPCTOOL #" "$d/ipctool-$u.service"
	done
	cp "$BATS_TEST_DIRNAME/../man/ipctool.1" "$d/man/man1/"
	run env MANPATH="$d/man" systemd-analyze verify "$d"/ipctool-*.service "$d"/ipctool-*.timer
	assert_success
	assert_output ""
	for u in metrics clean; do
		# The timer starts the service of the same name.
		grep -qx 'WantedBy=timers.target' "$d/ipctool-$u.timer"
		! grep -q '^Unit=' "$d/ipctool-$u.timer"
	done
	# The clean unit: what the README and the man page say to run, and
	# hardened as the metrics unit is.
	grep -qx 'ExecStart=/usr/bin/ipctool rm --stale --idle 1h -v' "$UNITS/ipctool-clean.service"
	for u in ProtectSystem=strict ProtectHome=yes PrivateTmp=yes PrivateNetwork=yes NoNewPrivileges=yes; do
		grep -qx "$u" "$UNITS/ipctool-metrics.service"
		grep -qx "$u" "$UNITS/ipctool-clean.service"
	done
}

@test "contrib: the clean service's command keeps a stale segment used within the hour" {
	local line
	line=$(sed -n 's/^ExecStart=//p' "$UNITS/ipctool-clean.service")
	line=${line/#\/usr\/bin\/ipctool/$IPCTOOL}
	read -ra argv <<<"$line"
	# Stale but just made: not idle for an hour, kept.
	local s
	s=$(fixture shm-create --size 4096)
	bg_hold shm-attach "$s" --hold
	kill_hold "$HOLD_PID"
	run "${argv[@]}"
	assert_success
	grep -qw "$s" <(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)
}

# --- the shipped Prometheus rules and Grafana dashboard ---------------------

CONTRIB=$BATS_TEST_DIRNAME/../contrib

@test "contrib: the alert rules pass promtool check and their unit tests, each alert firing and not" {
	command -v promtool >/dev/null || fail "promtool not found: install the 'prometheus' package"
	run promtool check rules "$CONTRIB/prometheus/ipctool.rules.yml"
	assert_success
	assert_output --partial 'SUCCESS: 4 rules found'
	# promtool resolves rule_files beside the tests file.
	cp "$CONTRIB/prometheus/ipctool.rules.yml" "$CONTRIB/prometheus/ipctool.rules.test.yml" "$BATS_TEST_TMPDIR/"
	run promtool test rules "$BATS_TEST_TMPDIR/ipctool.rules.test.yml"
	assert_success
	assert_output --partial SUCCESS
	# Every alert is tested both ways: expected to fire somewhere, and
	# an evaluation where it must not (exp_alerts: []).
	local a
	for a in $(sed -n 's/^ *- alert: //p' "$CONTRIB/prometheus/ipctool.rules.yml"); do
		grep -q "alertname: $a\$" "$CONTRIB/prometheus/ipctool.rules.test.yml" || fail "$a untested"
		awk -v a="$a" '$0 ~ "alertname: " a "$" { getline; if ($0 ~ /exp_alerts: \[\]/) f = 1 } END { exit !f }' \
			"$CONTRIB/prometheus/ipctool.rules.test.yml" || fail "$a never tested not firing"
	done
	# The rules name only families ipctool emits (and the node exporter's).
	population
	fixture pmq-create /q1
	run "$IPCTOOL" metrics -A --stale
	assert_success
	local fams m
	fams=$(sed -n 's/^# TYPE \([a-z_]*\) gauge$/\1/p' <<<"$output")
	for m in $(grep -o 'ipc_[a-z_]*' "$CONTRIB/prometheus/ipctool.rules.yml" | sort -u); do
		grep -qx "$m" <<<"$fams" || fail "the rules name '$m', which ipctool does not emit"
	done
}

@test "contrib: the Grafana dashboard is valid JSON and queries only metrics ipctool emits" {
	local dash=$CONTRIB/grafana/ipctool.json
	run jq -e '.panels | length > 0' "$dash"
	assert_success
	local exprs
	exprs=$(jq -r '.. | objects | (.expr? // empty), (.query? | strings)' "$dash")
	[[ -n $exprs ]]
	# Every family ipctool emits, on a population of every type in two
	# namespaces, with -A and --stale.
	population
	fixture pshm-create /m1 4096
	fixture pmq-create /q1
	fixture psem-create /s1 1
	other_population
	run --separate-stderr "$IPCTOOL" metrics -A --stale
	assert_success
	local fams m n=0
	fams=$(sed -n 's/^# TYPE \([a-z_]*\) gauge$/\1/p' <<<"$output")
	for m in $(grep -o 'ipc_[a-z_]*' <<<"$exprs" | sort -u); do
		grep -qx "$m" <<<"$fams" || fail "the dashboard queries '$m', which ipctool does not emit"
		n=$((n + 1))
	done
	((n >= 10))
	# The panels' queries parse: as recording rules, through promtool.
	command -v promtool >/dev/null || fail "promtool not found: install the 'prometheus' package"
	jq -r '[.panels[].targets[].expr] | to_entries[] | "      - record: dash:q\(.key)\n        expr: \(.value | gsub("\\$instance"; ".*") | tojson)"' "$dash" \
		>"$BATS_TEST_TMPDIR/body"
	{ printf 'groups:\n  - name: dashboard\n    rules:\n'; cat "$BATS_TEST_TMPDIR/body"; } >"$BATS_TEST_TMPDIR/dash.rules.yml"
	run promtool check rules "$BATS_TEST_TMPDIR/dash.rules.yml"
	assert_success
}
