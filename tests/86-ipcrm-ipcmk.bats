#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# The ipcrm and ipcmk personalities against util-linux 2.38's: each case
# runs twice, each time in a fresh IPC namespace of its own (unshare) set
# up the same way by tests/fixture, once with util-linux's tool first in
# PATH and once with a directory of links to ipctool first, both called by
# bare name.  stdout, stderr, the exit status and what is left after
# (util-linux's ipcs, without times) must be the same byte for byte.

load common

setup_file() {
	[[ -x /usr/bin/ipcrm && -x /usr/bin/ipcmk ]] ||
		skip "util-linux's ipcrm or ipcmk is missing"
	# Reachable by the unprivileged users the tests switch to.
	LINKS=$(mktemp -d /tmp/ipctool-pers.XXXXXX)
	chmod 0755 "$LINKS"
	for n in ipcs ipcrm ipcmk; do
		ln -s "$IPCTOOL" "$LINKS/$n"
	done
	# The same resources in every fresh namespace, so the same ids: shm
	# 0 (key 0x1234, root 0640), 1 (0x80000001, root 0600), 2 (0x5555,
	# uid 4242 0644), 3 (key 0, 0666); msg 0 (0x4242, root 0620), 1
	# (0x5557, uid 4241 0644); sem 0 (0xabc, root 0600, 2 sems), 1
	# (0x5556, uid 4242 0644).
	SETUP=$LINKS/setup.sh
	cat >"$SETUP" <<-SH
	set -e
	f() { "$PYTHON" "$FIXTURE" "\$@"; }
	f shm-create --key 0x1234 --size 4096 --mode 0640 >/dev/null
	f shm-create --key 0x80000001 --size 100 --mode 0600 >/dev/null
	id=\$(f shm-create --key 0x5555 --size 100 --mode 0644)
	f set shm "\$id" --uid 4242 --gid 4243
	f shm-create --private --size 100 --mode 0666 >/dev/null
	f msg-create --key 0x4242 --mode 0620 >/dev/null
	id=\$(f msg-create --key 0x5557 --mode 0644)
	f set msg "\$id" --uid 4241 --gid 4241
	f sem-create --nsems 2 --key 0xabc --mode 0600 >/dev/null
	id=\$(f sem-create --nsems 1 --key 0x5556 --mode 0644)
	f set sem "\$id" --uid 4242 --gid 4243
	SH
	chmod 0644 "$SETUP"
	export LINKS SETUP
}

teardown_file() {
	rm -rf "$LINKS"
}

# fresh NAME PATH-FIRST SETUP CMD ARGS...: in a new IPC namespace, run
# SETUP (a script, or "none"), then CMD by bare name with PATH-FIRST
# leading PATH; then what util-linux's ipcs shows, without times (keys
# masked when MASK_KEYS is set: ipcmk's are random).  Results go to
# $BATS_TEST_TMPDIR/NAME.{out,err,rc,left}.
fresh() {
	local name=$1 first=$2 setup=$3 t=$BATS_TEST_TMPDIR
	shift 3
	unshare --ipc -- bash -c '
		name=$1 first=$2 setup=$3 t=$4
		shift 4
		[[ $setup == none ]] || bash "$setup" || exit 99
		rc=0
		(cd "$t" && PATH=$first:$PATH LC_ALL=C "$@") \
		    >"$t/$name.out" 2>"$t/$name.err" || rc=$?
		echo "$rc" >"$t/$name.rc"
		LC_ALL=C /usr/bin/ipcs >"$t/$name.left"
		if [[ -n ${MASK_KEYS:-} ]]; then
			sed -i "s/^0x[0-9a-f]\{8\} /KEY /" "$t/$name.left"
		fi' fresh "$name" "$first" "$setup" "$t" "$@"
}

# same SETUP CMD ARGS...: util-linux's CMD and ipctool's, each in a fresh
# namespace after SETUP, print and leave the same.
same() {
	local setup=$1 f
	shift
	fresh ul /usr/bin "$setup" "$@"
	fresh ours "$LINKS" "$setup" "$@"
	for f in out err rc left; do
		if ! cmp -s "$BATS_TEST_TMPDIR/ul.$f" "$BATS_TEST_TMPDIR/ours.$f"; then
			echo "'$*': $f differs (util-linux, then ipctool):" >&2
			diff -u "$BATS_TEST_TMPDIR/ul.$f" "$BATS_TEST_TMPDIR/ours.$f" >&2
			return 1
		fi
	done
}

@test "ipcrm: by id and by key, each type, -v, long options" {
	for a in '-m 0' '-q 0' '-s 0' '-v -m 0 -q 0 -s 0' '-m 0 -v' \
	    '-M 0x1234' '-M 0x80000001 -v' '-Q 0x4242' '-S 0xabc' \
	    '-Q 0x4242 -S 0xabc -M 4660' '-m 3' \
	    '--shmem-id 0 --queue-key 0x4242 --semaphore-key 0xabc --verbose' \
	    '--shmem-key=0x1234 --queue-id=1 --semaphore-id 1' \
	    '-m1 -q1 -s1'; do
		same "$SETUP" ipcrm $a
	done
	# The personality did remove: what is left lacks 0x1234.
	grep -q '^0x00005555 ' "$BATS_TEST_TMPDIR/ours.left"
}

@test "ipcrm -a and --all=TYPE, as root" {
	for a in -a '-a -v' '-v -a' -a=shm --all=msg '--all=sem -v' \
	    '-a=shm -a=sem' '-a -m 0' '--all'; do
		same "$SETUP" ipcrm $a
	done
	# --all left nothing.
	run -1 grep -c '^0x' "$BATS_TEST_TMPDIR/ours.left"
	assert_output 0
}

@test "ipcrm: the legacy form ipcrm shm|msg|sem ID..." {
	for a in 'shm 0' 'shm 0 1 2' 'msg 0 1' 'sem 1' 'shm 0 99' 'shm abc 1' \
	    'shm 1x' "shm ''" 'shm -1' 'msg' 'sem 0 0' 'shm 18446744073709551617'; do
		eval same "$SETUP" ipcrm "$a"
	done
}

@test "ipcrm: bad ids, keys and options, as util-linux says them" {
	for a in '' '-m 99' '-q 99' '-s 99' '-m -1' '-m abc' '-m 1x' \
	    '-m 99999999999' '-M 0' '-M 0x0' '-M 0x7777' '-M zz' "-M ''" \
	    '-Q 0x7777' '-S 077' '-M 0x1ffffffff' '-M -1' '-m 0 -m 99 -m 1' \
	    '-a=foo' '-a foo' '-x' '--bogus' '-m' '--shmem-id' 'extra' \
	    '-m 0 extra' '-m 99 extra' 'bogus 0'; do
		eval same "$SETUP" ipcrm "$a"
	done
}

@test "ipcrm: the option parser's corners, as getopt_long's" {
	# Unknown options; abbreviations unique, ambiguous and with =value;
	# missing arguments short and long; an argument to --verbose; -a's
	# optional argument, only attached; clusters; "--", "-" and operands
	# between options (the first one is the unknown argument).
	for a in -z -vz --bogus --bogus=x '--shmem-i 0' --v --ver --=x \
	    '--verb -m 0' --shmem --shmem=0 '--s 0' '--a' '--al=shm' '--al shm' \
	    -m --shmem-id '-v -q' '--queue-k' '-S' --verbose=1 --verb=1 \
	    '-a shm' -ashm '--all shm' '--all=shm' '-a -v' '-av' \
	    -vm0 '-vm 0' -m0v '-v -- -m 0' '-- x' '-m 0 --' '- -m 0' '-m 0 -' \
	    'x -m 0' '-m 0 x -q 0 y' '-v shm 1' '-h -z' '-z -h'; do
		eval same "$SETUP" ipcrm "$a"
	done
	# A mistake is told when getopt reaches it, after the options before
	# it have removed what they name, or failed.
	for a in '-m 0 -z' '-z -m 0' '-m abc -z' '-z -m abc' '-m 0 -m 99 -z' \
	    '-a=bogus -z' '-m 0 --bogus' '-M 0x1234 --ver' '-a -z' '-q 0 -m'; do
		eval same "$SETUP" ipcrm "$a"
	done
	# POSIXLY_CORRECT: the first operand ends the options.
	for a in 'x -m 0' '-m 0 x -q 0' '-v x' '-m 0 -- -q 0' '-a - -z'; do
		eval same "$SETUP" env POSIXLY_CORRECT=1 ipcrm "$a"
	done
}

@test "ipcrm as an unprivileged user: permission denied, what -a sees" {
	local as=(setpriv --reuid=4241 --regid=4241 --clear-groups)
	for a in '-m 0' '-M 0x1234' '-M 0x5555' '-Q 0x4242' '-q 1' '-Q 0x5557' \
	    '-a' '-a -v' '-a=shm' '--all=msg -v' 'shm 0 2' 'msg 1' '-s 1 -s 0'; do
		same "$SETUP" "${as[@]}" ipcrm $a
	done
	# -a: its own queue went; the rest stayed (permission denied).
	same "$SETUP" "${as[@]}" ipcrm -a
	run -0 grep -c '^0x' "$BATS_TEST_TMPDIR/ours.left"
	assert_output 7
	as=(setpriv --reuid=4242 --regid=4243 --clear-groups)
	for a in -a '-a -v' '-M 0x5555' '-m 0 -m 2'; do
		same "$SETUP" "${as[@]}" ipcrm $a
	done
}

@test "ipcrm -h is util-linux's; -V has its shape" {
	same none ipcrm -h
	same none ipcrm --help
	run -0 env PATH="$LINKS:$PATH" ipcrm -V
	assert_output --regexp '^ipcrm from ipctool [0-9]'
}

@test "ipcmk: what it makes and prints, with every option" {
	export MASK_KEYS=1
	for a in -Q '-M 4096' '-S 3' '-M 1K -Q -S 2' '-S 2 -Q -M 1' \
	    '-Q -p 600' '-M 100 -p 0640' '-S 1 -p 1777' '-Q -p 0' \
	    '--shmem 4096 --queue --semaphore 1 --mode 640' '-Q extra' \
	    '-M 1M -p 0600 -Q -M 2K' '-S 5 -S 2'; do
		same "$SETUP" ipcmk $a
		same none ipcmk $a
	done
	# The segment was made, and has a key (random, not IPC_PRIVATE).
	run -0 env PATH="$LINKS:$PATH" ipcmk -M 100
	assert_output --regexp '^Shared memory id: [0-9]+$'
	run -0 ipcs -m
	refute_line --regexp "^0x00000000 +${output##* } "
}

@test "ipcmk -M: sizes as util-linux reads them" {
	export MASK_KEYS=1
	# util-linux's own ways too: 010 is octal, and a fraction's digits
	# are scaled one at a time, each rounded down (1.25K is 1279).
	for a in 1K 1k 1KiB 1kib 1Kb 1KB 2MB 1.5M 1.5MB 0.5MiB 0x1000 0x10K \
	    "' 10'" 10 1M 1G 0 010 07.5K 1.25K 0.3K 1.05K 1.005K 1.999K 2.50K \
	    0x1.8K 1.K +5; do
		eval same none ipcmk -M "$a"
	done
}

@test "ipcmk: bad sizes, counts, modes and options" {
	for a in '' 'extra' '-M abc' '-M -1' '-M 1.5' "-M ''" '-M 1X' '-M 1KK' \
	    '-M 99999999999999999999' '-M 1Z' '-M 1E' '-S 0' '-S abc' '-S -1' \
	    '-S 99999' '-S 99999999999' '-Q -p 9' '-Q -p abc' '-Q -p 0x1ff' \
	    "-Q -p ''" '-x' '--bogus' '-M' '-S' '-p' '-p 600' '-M 10B' \
	    '-M 5iB' '-M 5KIB' "-M '5 K'" '-M .5K' '-M 1.0x5K' '-M 08' '-M 0x' \
	    '-M -0' '-M 1.5B'; do
		eval same none ipcmk "$a"
	done
}

@test "ipcmk: the option parser's corners, as getopt_long's" {
	export MASK_KEYS=1
	for a in -z -Qz --bogus --bogus=1 --q '--sh 100' '--se 1' '--m 600 -Q' \
	    --s --s=1 --=x -M --shmem '-Q --mode' --sem '-Q -p' --queue=1 --q=x \
	    -QM100 '-QS 2' -Qp600 '-Q -- -M 1' '-- -Q' '- -Q' '-Q -' 'x -Q' \
	    '-Q x -S 1' '-h -z' '-z -h'; do
		eval same none ipcmk "$a"
	done
	# A bad value before a bad option, and after it.
	for a in '-M abc -z' '-z -M abc' '-p abc --bogus' '--bogus -p abc' \
	    '-Q -z' '-S x --s'; do
		eval same none ipcmk "$a"
	done
	for a in 'x -Q' '-Q x -S 1' '-Q -- -z'; do
		eval same none env POSIXLY_CORRECT=1 ipcmk "$a"
	done
}

@test "ipcmk as an unprivileged user" {
	export MASK_KEYS=1
	local as=(setpriv --reuid=4241 --regid=4241 --clear-groups)
	for a in -Q '-M 1K -S 1 -p 600'; do
		same none "${as[@]}" ipcmk $a
	done
}

@test "ipcmk -h is util-linux's; -V has its shape" {
	same none ipcmk -h
	same none ipcmk --help
	run -0 env PATH="$LINKS:$PATH" ipcmk -V
	assert_output --regexp '^ipcmk from ipctool [0-9]'
}

@test "'ipctool ipcrm' and 'ipctool ipcmk' are the links" {
	run -0 ipctool ipcmk -Q
	assert_output 'Message queue id: 0'
	run -0 ipctool ipcrm -v -q 0
	assert_output "removing message queue id \`0'"
	run -1 ipctool ipcrm -q 0
	assert_output 'ipcrm: invalid id (0)'
	run -1 ipctool ipcmk -x
	assert_output "ipcmk: invalid option -- 'x'
Try 'ipcmk --help' for more information."
}
