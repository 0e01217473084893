#!/usr/bin/env bats
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

# ns_start SCRIPT: like 80-ns.bats: a new IPC namespace kept open by a
# process that printed "ready"; sets NS_PID and NS_INO.
ns_start() {
	local out=$BATS_TEST_TMPDIR/ns.${#HOLD_PIDS[@]}
	unshare --ipc sh -c "$1" >"$out" 2>&1 </dev/null 3>&- &
	NS_PID=$!
	HOLD_PIDS+=("$NS_PID")
	wait_until grep -qx ready "$out" || {
		cat "$out" >&2
		return 1
	}
	NS_INO=$(stat -L -c %i "/proc/$NS_PID/ns/ipc")
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
	fixture msg-create >/dev/null
	q=$(fixture msg-create)
	bg_hold msg-send "$q" 1 hi --hold
	m=$(fixture sem-create --nsems 2)
	fixture sem-create --nsems 1 >/dev/null
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

@test "metrics -A: one set of series per namespace with resources, ns-labelled" {
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
	assert_equal "$(value ipc_sem_arrays "ns=\"$self\"")" 0
	assert_equal "$(value ipc_shm_segments "ns=\"$i1\"")" 2
	assert_equal "$(value ipc_shm_bytes "ns=\"$i1\"")" 16384
	assert_equal "$(value ipc_sem_semaphores "ns=\"$i1\"")" 4
	assert_equal "$(value ipc_used "ns=\"$i1\",resource=\"shmmni\"")" 2
	assert_equal "$(value ipc_limit "ns=\"$i1\",resource=\"shmmni\"")" \
		"$(nsenter --ipc="/proc/$p1/ns/ipc" cat /proc/sys/kernel/shmmni)"
	assert_line "ipc_namespace_info{ns=\"$i1\",pid=\"$p1\",command=\"sleep 1000\",cgroup=\"$(awk -F: '$1 == "0" { n = split($3, a, "/"); print a[n] }' "/proc/$p1/cgroup")\"} 1"
	refute_line --partial "ns=\"$empty\""
	# Every sample carries an ns label.
	refute_line --regexp '^ipc_[a-z_]+ '
	refute_line --regexp '^ipc_[a-z_]+\{[^n]'
	promtool_check <<<"$output"
}

@test "metrics -A: limits per namespace follow that namespace's sysctls" {
	ns_start 'echo 1234 >/proc/sys/kernel/shmmni && ipcmk -Q >/dev/null && echo ready && exec sleep 1000'
	run "$IPCTOOL" metrics -A
	assert_success
	assert_equal "$(value ipc_limit "ns=\"$NS_INO\",resource=\"shmmni\"")" 1234
	assert_equal "$(value ipc_msg_queues "ns=\"$NS_INO\"")" 1
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
	assert_equal "$stderr" "ipctool: metrics: $BATS_TEST_TMPDIR/no/such/x.prom.tmp: No such file or directory"
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
