#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 50-limits: "ipctool limits": every SysV and POSIX mqueue limit as
# /proc/sys gives it, the use the kernel counts (checked against ipcs -u
# and a known population), and sysctls set inside the namespace.

load common

# row NAME: the raw row of limit NAME: "name desc limit used use%".
row() {
	ipctool limits -r -n | awk -v n="$1" '$1 == n'
}

# col NAME N: field N (3 limit, 4 used, 5 use%) of limit NAME's raw row.
col() {
	row "$1" | awk -v f="$2" '{ print $f }'
}

# jlimit NAME FIELD: a member of limit NAME in `limits -J` (JSON text).
jlimit() {
	ipctool limits -J | "$PYTHON" -c '
import json, sys
d = {l["resource"]: l for l in json.load(sys.stdin)["limits"]}
print(json.dumps(d[sys.argv[1]][sys.argv[2]]))' "$1" "$2"
}

# sysword FILE N: word N (1-based) of /proc/sys/FILE.
sysword() {
	awk -v n="$2" '{ print $n }' "/proc/sys/$1"
}

@test "limits: every limit as /proc/sys gives it, in text and JSON" {
	run ipctool limits
	assert_success
	assert_line --index 0 --regexp "^RESOURCE +DESCRIPTION +LIMIT +USED +USE%$"
	[ "${#lines[@]}" -eq 16 ]
	for n in shmmax shmall shmmni msgmni msgmax msgmnb; do
		[ "$(col $n 3)" = "$(cat /proc/sys/kernel/$n)" ]
		[ "$(jlimit $n limit)" = "$(cat /proc/sys/kernel/$n)" ]
	done
	i=1
	for n in semmsl semmns semopm semmni; do
		[ "$(col $n 3)" = "$(sysword kernel/sem $i)" ]
		[ "$(jlimit $n limit)" = "$(sysword kernel/sem $i)" ]
		i=$((i + 1))
	done
	for n in queues_max msg_max msgsize_max; do
		[ "$(col mq_$n 3)" = "$(cat /proc/sys/fs/mqueue/$n)" ]
		[ "$(jlimit mq_$n limit)" = "$(cat /proc/sys/fs/mqueue/$n)" ]
	done
}

@test "limits: huge shmmax and shmall are human in the table, exact in -b, -r and -J" {
	echo 18446744073692774399 >/proc/sys/kernel/shmmax
	echo 18446744073692774399 >/proc/sys/kernel/shmall
	run ipctool limits
	assert_line --regexp "^shmmax .* 16E +- +-$"
	assert_line --regexp "^shmall .* 16E +0 +0\.00%$"
	refute_output --partial 18446744073692774399
	run ipctool limits -b
	assert_line --regexp "^shmmax .* 18446744073692774399 +- +-$"
	assert_line --regexp "^shmall .* 18446744073692774399 +0 +0\.00%$"
	[ "$(col shmmax 3)" = 18446744073692774399 ]
	[ "$(col shmall 3)" = 18446744073692774399 ]
	[ "$(jlimit shmmax limit)" = 18446744073692774399 ]
	[ "$(jlimit shmall limit)" = 18446744073692774399 ]
	[ "$(jlimit shmall use%)" = 0.0 ]
	# A count below 2^32 stays exact; one above is human.
	echo 4294967295 >/proc/sys/kernel/shmall
	run ipctool limits
	assert_line --regexp "^shmall .* 4294967295 +0 +0\.00%$"
	echo 4294967296 >/proc/sys/kernel/shmall
	run ipctool limits
	assert_line --regexp "^shmall .* 4G +0 +0\.00%$"
}

@test "limits: each LIMIT of the table is lsipc -g's, shmall's huge count aside" {
	local name limit mine
	echo 18446744073692774399 >/proc/sys/kernel/shmmax
	echo 1048576 >/proc/sys/kernel/msgmnb
	echo 12345 >/proc/sys/kernel/msgmax
	while read -r name limit; do
		mine=$(ipctool limits -n | awk -v n="${name,,}" '$1 == n { print $(NF - 2) }')
		[[ $mine == "$limit" ]] || fail "$name: ipctool $mine, lsipc -g $limit"
	done < <(lsipc -g --noheadings -o RESOURCE,LIMIT | grep -v '^SHMALL ')
	[ "$(col msgmnb 3)" = 1048576 ]
	run ipctool limits
	assert_line --regexp '^msgmnb .* 1M +- +-$'
	assert_line --regexp '^msgmax .* 12.1K +- +-$'
}

@test "limits: shmmin and semvmx, the kernel's SHMMIN and SEMVMX, as ipcs -l gives them" {
	run -0 ipcs -l
	shmmin=$(sed -n 's/^min seg size (bytes) = //p' <<<"$output")
	semvmx=$(sed -n 's/^semaphore max value = //p' <<<"$output")
	[ "$shmmin" = 1 ]
	[ "$semvmx" = 32767 ]
	[ "$(col shmmin 3)" = "$shmmin" ]
	[ "$(col semvmx 3)" = "$semvmx" ]
	[ "$(jlimit shmmin limit)" = "$shmmin" ]
	[ "$(jlimit semvmx limit)" = "$semvmx" ]
	[ "$(jlimit semvmx used)" = null ]
	[ "$(jlimit shmmin description)" = '"Min size of a shared memory segment (bytes)"' ]
	run ipctool limits
	assert_line --regexp '^shmmin +Min size of a shared memory segment \(bytes\) +1B +- +-$'
	assert_line --regexp '^semvmx +Max value of a semaphore +32767 +- +-$'
	# Each after its group's others.
	assert_line --index 4 --regexp '^shmmin '
	assert_line --index 12 --regexp '^semvmx '
}

@test "limits: use of an empty namespace is zero, uncountable use is '-' / null" {
	run ipctool limits -J
	assert_success
	"$PYTHON" -m json.tool <<<"$output" >/dev/null
	for n in shmmni shmall msgmni semmni semmns mq_queues_max; do
		[ "$(jlimit $n used)" = 0 ]
		[ "$(col $n 4)" = 0 ]
	done
	for n in shmmax shmmin msgmax msgmnb semmsl semopm semvmx mq_msg_max mq_msgsize_max; do
		[ "$(jlimit $n used)" = null ]
		[ "$(jlimit $n use%)" = null ]
		[ "$(col $n 4)" = - ]
		[ "$(col $n 5)" = - ]
	done
	[ "$(jlimit shmmni description)" = '"Shared memory segments"' ]
}

@test "limits: use counts a known population, as ipcs -u does" {
	page=$(getconf PAGESIZE)
	fixture shm-create --size 1 >/dev/null
	fixture shm-create --size $((page + 1)) >/dev/null
	fixture shm-create --size $((2 * page + 1)) >/dev/null
	fixture msg-create >/dev/null
	fixture msg-create >/dev/null
	for n in 1 2 3 4; do fixture sem-create --nsems $n >/dev/null; done
	fixture pmq-create /lim >/dev/null
	[ -e /dev/mqueue/lim ]

	[ "$(col shmmni 4)" = 3 ]
	[ "$(col shmall 4)" = 6 ]
	[ "$(col msgmni 4)" = 2 ]
	[ "$(col semmni 4)" = 4 ]
	[ "$(col semmns 4)" = 10 ]
	[ "$(col mq_queues_max 4)" = 1 ]
	# ipcs -u reads the same *_INFO counters.
	u=$(ipcs -u)
	[ "$(sed -n 's/^segments allocated *//p' <<<"$u")" = 3 ]
	[ "$(sed -n 's/^pages allocated *//p' <<<"$u")" = 6 ]
	[ "$(sed -n 's/^allocated queues = *//p' <<<"$u")" = 2 ]
	[ "$(sed -n 's/^used arrays = *//p' <<<"$u")" = 4 ]
	[ "$(sed -n 's/^allocated semaphores = *//p' <<<"$u")" = 10 ]
	[ "$(jlimit semmns used)" = 10 ]
	[ "$(jlimit mq_queues_max used)" = 1 ]
	# USE%: used of the limit, to hundredths.
	want=$(awk -v u=3 -v l="$(cat /proc/sys/kernel/shmmni)" 'BEGIN { printf "%.2f", 100 * u / l }')
	[ "$(col shmmni 5)" = "$want%" ]
	[ "$(jlimit shmmni use%)" = "$want" ]
}

@test "limits: a sysctl set inside the namespace is reflected" {
	fixture shm-create --size 1 >/dev/null
	fixture shm-create --size 1 >/dev/null
	fixture shm-create --size 1 >/dev/null
	echo 123 >/proc/sys/kernel/shmmni
	echo "250 640 32 12" >/proc/sys/kernel/sem
	echo 77 >/proc/sys/fs/mqueue/queues_max
	echo 4242 >/proc/sys/kernel/msgmnb
	[ "$(col shmmni 3)" = 123 ]
	[ "$(col shmmni 5)" = "2.44%" ]
	[ "$(jlimit shmmni use%)" = 2.44 ]
	[ "$(col semmsl 3)" = 250 ]
	[ "$(col semmns 3)" = 640 ]
	[ "$(col semopm 3)" = 32 ]
	[ "$(col semmni 3)" = 12 ]
	[ "$(col mq_queues_max 3)" = 77 ]
	[ "$(jlimit msgmnb limit)" = 4242 ]
}

@test "limits: -n drops the heading, -r does not align" {
	run ipctool limits -n
	assert_success
	[ "${#lines[@]}" -eq 15 ]
	assert_line --index 0 --regexp "^shmmax +Max size of a shared memory segment"
	run ipctool limits --raw
	assert_line --index 0 "RESOURCE DESCRIPTION LIMIT USED USE%"
	assert_line --index 3 --regexp '^shmmni Shared\\x20memory\\x20segments [0-9]+ 0 0\.00%$'
}

@test "limits: malformed input exits 2 with nothing on stdout" {
	local bad=("-x" "shm" "--json --raw" "-J -r" "--bogus" "-Jx")
	for args in "${bad[@]}"; do
		# shellcheck disable=SC2086
		run --separate-stderr "$IPCTOOL" limits $args
		if [ "$status" -ne 2 ] || [ -n "$output" ] ||
			[[ $stderr != "ipctool: limits: "* ]]; then
			echo "limits $args: exit $status, stdout '$output', stderr '$stderr'"
			return 1
		fi
	done
}

@test "limits -N: the limits and use of another IPC namespace" {
	local out=$BATS_TEST_TMPDIR/other
	unshare --ipc sh -c 'echo 77 >/proc/sys/kernel/shmmni &&
		echo 5 >/proc/sys/kernel/msgmni &&
		exec "$0" "$1" msg-create --hold' "$PYTHON" "$FIXTURE" \
		>"$out" 2>&1 </dev/null 3>&- &
	HOLD_PIDS+=($!)
	wait_until grep -qx ready "$out"
	run ipctool -N "${HOLD_PIDS[0]}" limits -r -n
	assert_success
	assert_line --regexp '^shmmni [^ ]+ 77 0 0\.00%$'
	assert_line --regexp '^msgmni [^ ]+ 5 1 20\.00%$'
	# Ours is untouched.
	[ "$(col shmmni 3)" = "$(cat /proc/sys/kernel/shmmni)" ]
	[ "$(col shmmni 3)" != 77 ]
	[ "$(col msgmni 4)" = 0 ]
}

# limits_traced ERRPATH SYSCALL ARGS...: limits ARGS under strace, SYSCALL
# failing with EIO on ERRPATH alone; output and stderr as run sets them.
limits_traced() {
	local path=$1 call=$2
	shift 2
	run --separate-stderr env \
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    timeout 30 strace -qq -f -o /dev/null -P "$path" \
	    -e inject="$call":error=EIO "$IPCTOOL" limits "$@"
}

@test "limits: a /proc/sys file that fails to read is exit 1, the reason, and unknown" {
	command -v strace >/dev/null || fail "strace is needed to inject the error"
	limits_traced /proc/sys/kernel/shmmni read -J
	assert_failure 1
	assert_equal "$stderr" "ipctool: /proc/sys/kernel/shmmni: Input/output error"
	run -0 jq -c '.limits[] | select(.resource == "shmmni") | [.limit, .used]' <<<"$output"
	assert_output '[null,0]'
}

@test "limits: a failed readdir of /dev/mqueue is exit 1, its use unknown, not 0" {
	command -v strace >/dev/null || fail "strace is needed to inject the error"
	fixture pmq-create /q1
	fixture pmq-create /q2
	[ "$(jlimit mq_queues_max used)" = 2 ]
	limits_traced /dev/mqueue getdents64 -J
	assert_failure 1
	assert_equal "$stderr" "ipctool: /dev/mqueue: Input/output error"
	run -0 jq -c '.limits[] | select(.resource == "mq_queues_max") | .used' <<<"$output"
	assert_output null
}
