#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 30-create: "ipctool create" makes what it is told, checked against the
# kernel by independent means (ipcs -i, lsipc, /proc/sysvipc, the fixture's
# IPC_STAT, perl's ftok), and refuses every malformed value without making
# anything.

load common

# nothing_made: no System V resource exists in the namespace.
nothing_made() {
	local t
	for t in shm msg sem; do
		[ "$(wc -l <"/proc/sysvipc/$t")" = 1 ] || {
			echo "nothing_made: /proc/sysvipc/$t:" >&2
			cat "/proc/sysvipc/$t" >&2
			return 1
		}
	done
	run ipcs
	refute_line --regexp '^0x'
}

# perl_ftok PATH [PROJ]: the key perl's IPC::SysV ftok gives, in 0x%08x.
perl_ftok() {
	perl -MIPC::SysV=ftok -e '
		# A number as a number: perl takes a string as its first character.
		$ARGV[1] += 0 if @ARGV > 1 && $ARGV[1] =~ /^[0-9]+$/;
		my $k = @ARGV > 1 ? ftok($ARGV[0], $ARGV[1]) : ftok($ARGV[0]);
		defined $k or die "ftok: $!\n";
		printf "0x%08x\n", $k & 0xffffffff' "$@"
}

# ipcs_semvals SEMID: the values of each semaphore, as ipcs -s -i shows them.
ipcs_semvals() {
	ipcs -s -i "$1" | awk 'f && NF >= 5 { printf "%s ", $2 } /^semnum/ { f = 1 }'
}

# --- shm ------------------------------------------------------------------------

@test "create shm: prints the id alone; size, mode and key as the kernel has them" {
	run --separate-stderr -0 ipctool create shm --size 1M
	assert_output --regexp '^[0-9]+$'
	assert_equal "$stderr" ''
	id=$output
	assert_equal "$(sysvipc_field shm "$id" size)" 1048576
	assert_equal "$(sysvipc_field shm "$id" perms)" 644
	assert_equal "$(kstat shm "$id" segsz)" 1048576
	assert_equal "$(kstat shm "$id" mode)" 0644
	run ipcs -m -i "$id"
	assert_line --partial "bytes=1048576"
	assert_line --partial "mode=0644"
	assert_equal "$(lsipc_col -m "$id" SIZE)" 1048576
	# A random key, never IPC_PRIVATE.
	key=$(kstat shm "$id" key)
	[ "$key" != 0x00000000 ]
}

@test "create shm: sizes as util-linux reads them (K, KiB 1024; KB 1000)" {
	for spec in 4096:4096 1K:1024 1k:1024 2KiB:2048 3M:3145728 1MiB:1048576 \
	    5B:5 7:7 1KB:1000 2MB:2000000 1.5M:1572864 0.5MiB:524288 \
	    1.5MB:1500000 0x1000:4096 0x10K:16384; do
		id=$(ipctool create shm --size "${spec%%:*}")
		assert_equal "$(kstat shm "$id" segsz)" "${spec#*:}"
	done
}

@test "create shm --key --mode: exactly that key and mode" {
	run -0 ipctool create shm --size 100 --key 0x162e --mode 0600
	id=$output
	assert_equal "$(kstat shm "$id" key)" 0x0000162e
	assert_equal "$(kstat shm "$id" perms)" 600
	assert_equal "$(sysvipc_field shm "$id" key)" 5678
	run ipcs -m
	assert_line --regexp "^0x0000162e +$id +root +600 +100 +0"
	# Decimal, octal and high keys.
	id=$(ipctool create shm --size 1 --key 1000)
	assert_equal "$(kstat shm "$id" key)" 0x000003e8
	id=$(ipctool create shm --size 1 --key 010)
	assert_equal "$(kstat shm "$id" key)" 0x00000008
	id=$(ipctool create shm --size 1 --key 0x80000001)
	assert_equal "$(sysvipc_field shm "$id" key)" -2147483647
	id=$(ipctool create shm --size 1 --key 0xffffffff --mode 0)
	assert_equal "$(kstat shm "$id" key)" 0xffffffff
	assert_equal "$(kstat shm "$id" perms)" 000
}

@test "create shm -J: type, id and key as JSON" {
	run --separate-stderr -0 ipctool create shm --size 4K --key 0x162e -J
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert list(d) == ["type", "id", "key"], d
assert d["type"] == "shm" and d["key"] == "0x0000162e", d
assert isinstance(d["id"], int), d
print(d["id"])' "$output" >"$BATS_TEST_TMPDIR/id"
	id=$(cat "$BATS_TEST_TMPDIR/id")
	assert_equal "$(kstat shm "$id" key)" 0x0000162e
	# Random key: the JSON key is the kernel's.
	run -0 ipctool create msg -J
	id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$output")
	key=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["key"])' "$output")
	assert_equal "$(kstat msg "$id" key)" "$key"
}

@test "create --private: key 0, a new resource each time" {
	a=$(ipctool create shm --size 1 --private)
	b=$(ipctool create shm --size 1 --key 0)
	[ "$a" != "$b" ]
	assert_equal "$(sysvipc_field shm "$a" key)" 0
	assert_equal "$(sysvipc_field shm "$b" key)" 0
	run -0 ipctool create sem --nsems 1 --private -J
	assert_output --partial '"key": "0x00000000"'
}

@test "create: random keys are non-zero and distinct" {
	for i in $(seq 30); do
		ipctool create shm --size 1 >/dev/null
		ipctool create msg >/dev/null
	done
	run awk 'FNR > 1 { print $1 }' /proc/sysvipc/shm /proc/sysvipc/msg
	assert_equal "${#lines[@]}" 60
	refute_line 0
	[ "$(printf '%s\n' "${lines[@]}" | sort -u | wc -l)" = 60 ]
}

@test "create: mk is an alias" {
	run -0 ipctool mk shm --size 10
	assert_equal "$(kstat shm "$output" segsz)" 10
}

# --- msg ------------------------------------------------------------------------

@test "create msg: default capacity is msgmnb, mode 0644" {
	run -0 ipctool create msg
	id=$output
	assert_equal "$(kstat msg "$id" qbytes)" "$(cat /proc/sys/kernel/msgmnb)"
	assert_equal "$(sysvipc_field msg "$id" perms)" 644
	run ipcs -q -i "$id"
	assert_line --partial "qbytes=$(cat /proc/sys/kernel/msgmnb)"
}

@test "create msg --qbytes: the queue's capacity, as ipcs -q -i shows it" {
	run -0 ipctool create msg --qbytes 8K --mode 0620 --key 0x51
	id=$output
	assert_equal "$(kstat msg "$id" qbytes)" 8192
	assert_equal "$(kstat msg "$id" perms)" 620
	assert_equal "$(kstat msg "$id" key)" 0x00000051
	run ipcs -q -i "$id"
	assert_line --partial "qbytes=8192"
	# A write-only queue too: IPC_SET needs no read permission.
	run -0 ipctool create msg --qbytes 100 --mode 0200
	assert_equal "$(kstat msg "$output" qbytes)" 100
	assert_equal "$(kstat msg "$output" perms)" 200
}

@test "create msg --qbytes above msgmnb without CAP_SYS_RESOURCE: exit 1, no queue left" {
	mnb=$(cat /proc/sys/kernel/msgmnb)
	run --separate-stderr -1 setpriv --bounding-set -sys_resource \
	    "$IPCTOOL" create msg --qbytes $((mnb + 1))
	assert_output ''
	[[ $stderr == *"qbytes $((mnb + 1))"*"Operation not permitted"*CAP_SYS_RESOURCE* ]]
	nothing_made
}

@test "create msg --qbytes beyond what the kernel holds (an int): exit 2, no queue of capacity 0" {
	# msgctl(IPC_SET) takes msg_qbytes as an int: 4G would become 0.
	for v in 4G 2G 2147483648 16T; do
		run --separate-stderr -2 ipctool create msg --qbytes "$v"
		assert_output ''
		assert_equal "$stderr" "ipctool: create: invalid qbytes '$v': above 2147483647 bytes, the most the kernel takes
Try 'ipctool create --help' for more information."
	done
	nothing_made
	# The most it takes, exactly (within this namespace's own msgmnb, so
	# no CAP_SYS_RESOURCE needed).
	echo 2147483647 >/proc/sys/kernel/msgmnb
	run -0 ipctool create msg --qbytes 2147483647
	assert_equal "$(kstat msg "$output" qbytes)" 2147483647
}

# --- an id that cannot be written ------------------------------------------------

# to FILE|-|ro ARGS...: ipctool ARGS with its stdout on FILE, closed (-)
# or open read-only (ro: every write fails with EBADF).  Closed, it runs
# the binary itself (IPCTOOL_BIN under check-valgrind): the valgrind
# wrapper would open its log on the free descriptor 1.
to() {
	local out=$1
	shift
	case $out in
	-) "${IPCTOOL_BIN:-$IPCTOOL}" "$@" >&- ;;
	ro) "$IPCTOOL" "$@" 1</dev/null ;;
	*) "$IPCTOOL" "$@" >"$out" ;;
	esac
}

@test "create with stdout full or closed: exit 1, the resource it made removed again" {
	local t args how
	for t in shm msg sem; do
		case $t in
		shm) args=(--size 4096) ;;
		msg) args=() ;;
		sem) args=(--nsems 2 --value 1) ;;
		esac
		run --separate-stderr to /dev/full create "$t" "${args[@]}" --key 0x7e57
		assert_failure 1
		[[ $stderr == *"ipctool: stdout: No space left on device"* ]] ||
			fail "$t >/dev/full: $stderr"
		[[ $stderr == *"ipctool: create: $t "*": removed, as its id could not be written"* ]] ||
			fail "$t >/dev/full: $stderr"
		nothing_made
		for how in - ro; do
			run --separate-stderr to "$how" create "$t" "${args[@]}" -J
			assert_failure 1
			[[ $stderr == *"ipctool: stdout: Bad file descriptor"* ]] ||
				fail "$t, stdout $how: $stderr"
			nothing_made
		done
	done
	run --separate-stderr to /dev/full create pshm /unwritten --size 4096
	assert_failure 1
	[[ $stderr == *"ipctool: create: pshm /unwritten: removed, as its name could not be written"* ]] ||
		fail "pshm: $stderr"
	[[ ! -e /dev/shm/unwritten ]]
	run --separate-stderr to ro create psem /unwritten --value 1
	assert_failure 1
	[[ ! -e /dev/shm/sem.unwritten ]]
	# What it did not make, it does not remove.
	id=$(fixture shm-create --key 0x7e58 --size 4096)
	run --separate-stderr to /dev/full create shm --size 4096 --key 0x7e58
	assert_failure 1
	run -0 kstat shm "$id" segsz
	assert_output 4096
}

# --- sem ------------------------------------------------------------------------

@test "create sem --nsems: that many semaphores, all 0" {
	run -0 ipctool create sem --nsems 5
	id=$output
	assert_equal "$(kstat sem "$id" nsems)" 5
	assert_equal "$(sysvipc_field sem "$id" nsems)" 5
	assert_equal "$(ipcs_semvals "$id")" "0 0 0 0 0 "
}

@test "create sem --value: every semaphore set (ipcs -s -i)" {
	run -0 ipctool create sem --nsems 3 --value 7
	id=$output
	assert_equal "$(ipcs_semvals "$id")" "7 7 7 "
	assert_equal "$(kstat sem "$id" semval.2)" 7
	run -0 ipctool create sem --nsems 2 --value 32767
	assert_equal "$(ipcs_semvals "$output")" "32767 32767 "
	# A read-only set still gets its values, then its mode.
	run -0 ipctool create sem --nsems 2 --value 3 --mode 0444
	id=$output
	assert_equal "$(ipcs_semvals "$id")" "3 3 "
	assert_equal "$(kstat sem "$id" perms)" 444
}

@test "create sem --nsems: 1..semmsl" {
	semmsl=$(awk '{ print $1 }' /proc/sys/kernel/sem)
	run -0 ipctool create sem --nsems "$semmsl"
	assert_equal "$(kstat sem "$output" nsems)" "$semmsl"
	run --separate-stderr -2 ipctool create sem --nsems $((semmsl + 1))
	assert_output ''
	[[ $stderr == *"'$((semmsl + 1))'"*semmsl* ]]
	run --separate-stderr -2 ipctool create sem --nsems 0
	assert_output ''
	[[ $stderr == *"'0'"* ]]
}

# --- keys from files ----------------------------------------------------------

@test "create --key-file: the key ftok gives (perl's IPC::SysV ftok)" {
	f=$BATS_TEST_TMPDIR/keyfile
	touch "$f"
	run -0 ipctool create msg --key-file "$f"
	assert_equal "$(kstat msg "$output" key)" "$(perl_ftok "$f" 1)"
	# perl's own default project is 1 too.
	assert_equal "$(kstat msg "$output" key)" "$(perl_ftok "$f")"
	run -0 ipctool create shm --size 1 --key-file "$f:A"
	assert_equal "$(kstat shm "$output" key)" "$(perl_ftok "$f" A)"
	run -0 ipctool create sem --nsems 1 --key-file "$f:200"
	assert_equal "$(kstat sem "$output" key)" "$(perl_ftok "$f" 200)"
	# A path with ':' in it takes an explicit project.
	g=$BATS_TEST_TMPDIR/a:b
	touch "$g"
	run -0 ipctool create shm --size 1 --key-file "$g:7"
	assert_equal "$(kstat shm "$output" key)" "$(perl_ftok "$g" 7)"
}

@test "create --key-file of a missing file: exit 1 naming it, nothing made" {
	run --separate-stderr -1 ipctool create shm --size 1 --key-file /nonexistent/kf:3
	assert_output ''
	[[ $stderr == *"/nonexistent/kf: No such file or directory"* ]]
	nothing_made
}

@test "create --key-file with a bad project: exit 2" {
	f=$BATS_TEST_TMPDIR/keyfile
	touch "$f"
	for p in 0 256 AB -1 ''; do
		run --separate-stderr -2 ipctool create msg --key-file "$f:$p"
		assert_output ''
		[[ $stderr == *"'$f:$p'"* ]]
	done
	nothing_made
}

# --- existing keys --------------------------------------------------------------

@test "create --exclusive on an existing key: exit 1, the existing one untouched" {
	old=$(fixture shm-create --key 0x4242 --size 100)
	run --separate-stderr -1 ipctool create shm --size 100 --key 0x4242 --exclusive
	assert_output ''
	[[ $stderr == *"0x00004242"*"already exists"* ]]
	run awk 'NR > 1' /proc/sysvipc/shm
	assert_equal "${#lines[@]}" 1
	assert_equal "$(kstat shm "$old" segsz)" 100
	# Same for a queue and a set.
	fixture msg-create --key 0x4243 >/dev/null
	run -1 ipctool create msg --key 0x4243 --exclusive
	fixture sem-create --nsems 2 --key 0x4244 >/dev/null
	run -1 ipctool create sem --nsems 2 --key 0x4244 --exclusive
}

@test "create on an existing key without --exclusive: its id, left unchanged" {
	old=$(fixture sem-create --nsems 2 --key 0x4244)
	fixture sem-setval "$old" 0 5
	run --separate-stderr -0 ipctool create sem --nsems 2 --value 9 --key 0x4244
	assert_output "$old"
	[[ $stderr == *"exists: id $old, left as it is"* ]]
	assert_equal "$(ipcs_semvals "$old")" "5 0 "
	old=$(fixture msg-create --key 0x4243)
	qb=$(kstat msg "$old" qbytes)
	run --separate-stderr -0 ipctool create msg --qbytes 100 --key 0x4243
	assert_output "$old"
	assert_equal "$(kstat msg "$old" qbytes)" "$qb"
}

# --- malformed input --------------------------------------------------------------

@test "create: every malformed size is exit 2, quoted, nothing made" {
	# 1.5M, 0x10 and 1kib are sizes, as in util-linux.
	for v in 1Mfoo -1 '' 1.5 1.M .5M 99999999999999999999 0 16E 1Z 1X ' 1' \
	    '1 ' +1 0x 0x1.5M 1KIB 1Ki 1MiBx; do
		run --separate-stderr -2 ipctool create shm --size "$v"
		assert_output ''
		[[ $stderr == *"invalid size '$v'"* ]] || {
			echo "size '$v': $stderr" >&2
			false
		}
	done
	for v in 1Mfoo -1 '' 0 1.5; do
		run --separate-stderr -2 ipctool create msg --qbytes "$v"
		assert_output ''
		[[ $stderr == *"invalid qbytes '$v'"* ]]
	done
	nothing_made
}

@test "create: malformed modes, keys, nsems and values are exit 2, nothing made" {
	check() {
		run --separate-stderr -2 ipctool create "$@"
		assert_output ''
		[[ $stderr == *"'${!#}'"* ]] || {
			echo "create $*: $stderr" >&2
			false
		}
	}
	for v in 8 010000 99999 '' 0x1ff -1 644x; do
		check shm --size 1 --mode "$v"
	done
	for v in 0x100000000 4294967296 xyz '' 0x 08 1k -; do
		check shm --size 1 --key "$v"
	done
	for v in -1 '' 1.5 2x 99999999999999999999; do
		check sem --nsems "$v"
	done
	for v in -1 32768 '' 1x; do
		check sem --nsems 1 --value "$v"
	done
	nothing_made
	# The good edges are taken.
	run -0 ipctool create shm --size 1 --mode 0
	run -0 ipctool create shm --size 1 --mode 07777
	assert_equal "$(kstat shm "$output" perms)" 777
}

@test "create: usage errors are exit 2 with nothing on stdout" {
	check() {
		run --separate-stderr -2 ipctool create "$@"
		assert_output ''
		[ -n "$stderr" ]
	}
	check
	check foo
	check shm
	check sem
	check shm --size 1 extra
	check msg --size 1
	check shm --size 1 --nsems 2
	check msg --value 1
	check shm --size 1 --bogus
	check shm --size
	check shm --size 1 --key 1 --private
	check shm --size 1 --key 1 --key-file /etc/passwd
	check msg --private --key-file /etc/passwd
	nothing_made
}

@test "create --help: usage on stdout, exit 0" {
	run -0 ipctool create --help
	assert_line --partial "Usage: ipctool create"
	assert_output --partial "--key-file PATH[:PROJ]"
}
