#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 11-sysvipc-parser: `ipctool list` reading /proc/sysvipc files it did not
# get from this kernel.  Each test mounts a tmpfs over /proc/sysvipc (the
# mount namespace is the file's own) and copies there the files of one case
# of tests/fixtures/sysvipc/ (see its README): real captures, a kernel
# without shm's rss/swap columns, repeated rows, malformed lines, empty and
# header-only files, a missing final newline, an unknown extra column, and
# a header that lacks a required column.

load common

SHM_COLS=KEY,ID,PERMS,UID,GID,CUID,CGID,CTIME,SIZE,CPID,LPID,NATTCH,ATTACH,DETACH,RSS,SWAP
MSG_COLS=KEY,ID,PERMS,UID,GID,CUID,CGID,CTIME,USEDBYTES,MSGS,LSPID,LRPID,SEND,RECV
SEM_COLS=KEY,ID,PERMS,UID,GID,CUID,CGID,CTIME,NSEMS,OTIME

# The rows of tests/fixtures/sysvipc/real, as list -J -P shows them.
REAL_SHM='{"key":"0x0000162e","id":0,"perms":"640","uid":0,"gid":0,"cuid":0,"cgid":0,"ctime":1795598547,"size":10000,"cpid":5,"lpid":6,"nattch":1,"attach":1795598549,"detach":null,"rss":12288,"swap":0}
{"key":"0x80000001","id":1,"perms":"644","uid":0,"gid":0,"cuid":0,"cgid":0,"ctime":1795598549,"size":1,"cpid":7,"lpid":0,"nattch":0,"attach":null,"detach":null,"rss":0,"swap":0}
{"key":"0x00000000","id":2,"perms":"600","uid":4241,"gid":4242,"cuid":0,"cgid":0,"ctime":1795598550,"size":65536,"cpid":8,"lpid":0,"nattch":0,"attach":null,"detach":null,"rss":0,"swap":0}'
REAL_MSG='{"key":"0x0000002a","id":0,"perms":"644","uid":0,"gid":0,"cuid":0,"cgid":0,"ctime":1795598550,"usedbytes":10,"msgs":2,"lspid":11,"lrpid":12,"send":1795598551,"recv":1795598551}
{"key":"0xfffffffe","id":1,"perms":"644","uid":0,"gid":0,"cuid":0,"cgid":0,"ctime":1795598551,"usedbytes":0,"msgs":0,"lspid":0,"lrpid":0,"send":null,"recv":null}'
REAL_SEM='{"key":"0x80000001","id":0,"perms":"644","uid":0,"gid":0,"cuid":0,"cgid":0,"ctime":1795598553,"nsems":4,"otime":1795598553}
{"key":"0x00000000","id":1,"perms":"644","uid":0,"gid":0,"cuid":0,"cgid":0,"ctime":1795598554,"nsems":1,"otime":null}'

setup() {
	FX=$BATS_TEST_DIRNAME/fixtures/sysvipc
	FAKED=
	# The listing comes from *_STAT_ANY unless RSS is asked for: these
	# tests are of the /proc parser, so they ask for /proc.
	export IPCTOOL_SYSV_SOURCE=proc
}

teardown() {
	if [[ -n $FAKED ]]; then
		umount /proc/sysvipc
	fi
	kill_holders
	ipc_reset
}

# fake CASE: hide the kernel's /proc/sysvipc behind a tmpfs holding the
# files of tests/fixtures/sysvipc/CASE (a type without a file there has
# no file at all).
fake() {
	if [[ -z $FAKED ]]; then
		mount -t tmpfs -o mode=0555 none /proc/sysvipc
		FAKED=1
	fi
	rm -f /proc/sysvipc/*
	cp "$FX/$1"/* /proc/sysvipc/
}

# rows TYPE COLS [ARGS...]: list -J -P of TYPE with COLS, one compact JSON
# object per line; any warning or a failure is printed too, so that it
# spoils the comparison.
rows() {
	local t=$1 cols=$2 err out rc=0
	shift 2
	err=$BATS_TEST_TMPDIR/rows.err
	out=$(timeout "${WAIT_TIMEOUT:-5}" "$IPCTOOL" list "$t" -J -P -o "$cols" "$@" 2>"$err") || rc=$?
	if ((rc != 0)) || [[ -s $err ]]; then
		echo "exit $rc: $(cat "$err")"
	fi
	jq -c ".$t[]" <<<"$out"
}

@test "fixtures: the real captures are what this kernel prints" {
	# The same header as the running kernel, so the hand-made cases built
	# from these files test the format really met.
	for t in shm msg sem; do
		assert_equal "$(head -1 "$FX/real/$t")" "$(head -1 "/proc/sysvipc/$t")"
	done
}

@test "real 16-column files: every field of every type" {
	fake real
	assert_equal "$(rows shm "$SHM_COLS")" "$REAL_SHM"
	assert_equal "$(rows msg "$MSG_COLS")" "$REAL_MSG"
	assert_equal "$(rows sem "$SEM_COLS")" "$REAL_SEM"
}

@test "14-column shm (no rss/swap): RSS and SWAP are '-' in text, null in JSON" {
	fake shm14
	run -0 ipctool list shm -r -n -b -o ID,SIZE,RSS,SWAP
	assert_output "0 10000 - -
1 1 - -
2 65536 - -"
	run -0 ipctool list shm -b -o ID,RSS,SWAP
	assert_line --index 1 --regexp '^ +0 +- +-$'
	# Everything else as in the 16-column file.
	expected=$(jq -c '.rss = null | .swap = null' <<<"$REAL_SHM")
	assert_equal "$(rows shm "$SHM_COLS")" "$expected"
}

@test "signed keys: -2147483647 is 0x80000001, -2 is 0xfffffffe, in every mode" {
	fake real
	run -0 ipctool list shm -r -n -o KEY,ID
	assert_line --index 1 '0x80000001 1'
	run -0 ipctool list msg -e -o KEY,ID
	assert_line --index 1 'KEY="0xfffffffe" ID="1"'
	run -0 ipctool list sem -o KEY,ID
	assert_line --index 1 --regexp '^0x80000001 +0$'
	# The filter takes the key as the kernel prints it, or in hex.
	run -0 ipctool list sem -r -n -o ID --key -2147483647
	assert_output 0
	run -0 ipctool list msg -r -n -o ID --key 0xfffffffe
	assert_output 1
	run -0 ipctool list msg -r -n -o ID --key -2
	assert_output 1
}

@test "a row the kernel repeats is shown once" {
	fake repeated
	# The first row appears twice in a row and once more at the end.
	[ "$(grep -c '^ *5678 ' "$FX/repeated/shm")" = 3 ]
	assert_equal "$(rows shm "$SHM_COLS")" "$REAL_SHM"
	assert_equal "$(rows msg "$MSG_COLS")" "$REAL_MSG"
	assert_equal "$(rows sem "$SEM_COLS")" "$REAL_SEM"
}

@test "malformed lines are skipped with one warning per file; good rows stay" {
	fake malformed
	# Too few fields, letters, an overflowing id, lines over 1024 bytes,
	# binary garbage, NUL bytes, a line of NULs, too many fields: 9 each.
	for t in shm msg sem; do
		good=$(($(wc -l <"$FX/real/$t") - 1))
		assert_equal "$(($(wc -l <"$FX/malformed/$t") - 1))" "$((good + 9))"
		run -0 grep -c -a -P '\x00' "$FX/malformed/$t"
		assert_output 2
		run -0 awk 'length > 1024' "$FX/malformed/$t"
		assert_equal "${#lines[@]}" 2
	done
	run -0 --separate-stderr ipctool list -J -P -o KEY,ID,PERMS,UID,GID,CUID,CGID,CTIME
	assert_equal "$(wc -l <<<"$stderr")" 3
	assert_equal "$(sed -n 1p <<<"$stderr")" \
		'ipctool: /proc/sysvipc/shm: 9 malformed lines skipped'
	assert_equal "$(sed -n 2p <<<"$stderr")" \
		'ipctool: /proc/sysvipc/msg: 9 malformed lines skipped'
	assert_equal "$(sed -n 3p <<<"$stderr")" \
		'ipctool: /proc/sysvipc/sem: 9 malformed lines skipped'
	# Exactly the good rows: no id 777, nothing from the overflow line.
	assert_equal "$(jq -c '[.shm[].id, .msg[].id, .sem[].id]' <<<"$output")" '[0,1,2,0,1,0,1]'
	for t in shm msg sem; do
		run -0 --separate-stderr ipctool list "$t" -J -P -o "$(eval echo "\$${t^^}_COLS")"
		assert_equal "$stderr" "ipctool: /proc/sysvipc/$t: 9 malformed lines skipped"
		expected=$(eval echo "\"\$REAL_${t^^}\"")
		assert_equal "$(jq -c ".$t[]" <<<"$output")" "$expected"
	done
}

@test "empty files: an empty list, exit 0, no warning, no hang" {
	fake empty
	run -0 --separate-stderr timeout "${WAIT_TIMEOUT:-5}" "$IPCTOOL" list -J
	assert_equal "$stderr" ''
	assert_equal "$(jq -c . <<<"$output")" '{"shm":[],"msg":[],"sem":[]}'
	run -0 --separate-stderr timeout "${WAIT_TIMEOUT:-5}" "$IPCTOOL" list shm
	assert_equal "$stderr" ''
	assert_output 'KEY ID PERMS OWNER SIZE NATTCH STATUS CTIME CPID LPID'
	run -0 --separate-stderr timeout "${WAIT_TIMEOUT:-5}" "$IPCTOOL" list -r -n
	assert_output ''
	assert_equal "$stderr" ''
}

@test "header-only files: an empty list, exit 0, no warning, no hang" {
	fake header-only
	run -0 --separate-stderr timeout "${WAIT_TIMEOUT:-5}" "$IPCTOOL" list -J
	assert_equal "$stderr" ''
	assert_equal "$(jq -c . <<<"$output")" '{"shm":[],"msg":[],"sem":[]}'
	run -0 --separate-stderr timeout "${WAIT_TIMEOUT:-5}" "$IPCTOOL" list -e
	assert_output ''
	assert_equal "$stderr" ''
}

@test "the empty and header-only cases hold what they say" {
	for t in shm msg sem; do
		[ ! -s "$FX/empty/$t" ]
		run -0 wc -l <"$FX/header-only/$t"
		assert_output 1
	done
}

@test "a file without a final newline: its last row still counts" {
	fake no-newline
	for t in shm msg sem; do
		[ "$(tail -c 1 "$FX/no-newline/$t" | od -An -c | tr -d ' ')" != '\n' ]
	done
	assert_equal "$(rows shm "$SHM_COLS")" "$REAL_SHM"
	assert_equal "$(rows msg "$MSG_COLS")" "$REAL_MSG"
	assert_equal "$(rows sem "$SEM_COLS")" "$REAL_SEM"
}

@test "an unknown extra column in the header is skipped, the rest mapped by name" {
	fake extra-column
	run -0 head -1 "$FX/extra-column/shm"
	assert_output --regexp '^key foo shmid '
	assert_equal "$(rows shm "$SHM_COLS")" "$REAL_SHM"
	assert_equal "$(rows msg "$MSG_COLS")" "$REAL_MSG"
	assert_equal "$(rows sem "$SEM_COLS")" "$REAL_SEM"
}

@test "a header without a required column: warning, then the kernel interface" {
	a=$(fixture shm-create --key 0x162e --size 10000 --mode 0640)
	q=$(fixture msg-create --key 0x80000001)
	s=$(fixture sem-create --nsems 3 --mode 0600)
	fixture msg-send "$q" 1 hello
	# What the real /proc/sysvipc gives, to compare with.
	cols=KEY,ID,PERMS,OWNER,UID,GID,CUID,CGID,CTIME
	run -0 --separate-stderr ipctool list -J -b -o "$cols,SIZE,NATTCH,CPID,LPID,USEDBYTES,MSGS,LSPID,LRPID,NSEMS,OTIME"
	want=$output
	assert_equal "$(jq -c '[.shm[].id, .msg[].id, .sem[].id]' <<<"$want")" "[$a,$q,$s]"
	fake missing-column
	run -0 --separate-stderr ipctool list -J -b -o "$cols,SIZE,NATTCH,CPID,LPID,USEDBYTES,MSGS,LSPID,LRPID,NSEMS,OTIME"
	assert_equal "$output" "$want"
	assert_equal "$(wc -l <<<"$stderr")" 3
	for t in shm msg sem; do
		run grep -c -x "ipctool: /proc/sysvipc/$t: unexpected header, using the kernel interface" <<<"$stderr"
		assert_output 1
	done
}

@test "rows that span the reader's buffer: 3000 rows, several 64 KiB reads" {
	fake real
	# Real rows with ids 0..2999, written by awk; lines cross every 64 KiB
	# read boundary at some offset.
	awk 'NR == 1 { print; next } NR == 2 { for (i = 0; i < 3000; i++) { $2 = i; print } }' \
		"$FX/real/shm" >/proc/sysvipc/shm
	[ "$(stat -c %s /proc/sysvipc/shm)" -gt 196608 ]
	run -0 --separate-stderr ipctool list shm -r -n -o ID,KEY,SIZE -b
	assert_equal "$stderr" ''
	assert_equal "${#lines[@]}" 3000
	assert_equal "$(awk '{ print $1 }' <<<"$output" | sort -n | uniq | wc -l)" 3000
	assert_equal "$(awk '$2 != "0x0000162e" || $3 != 10000' <<<"$output")" ''
}

@test "--time-format: times across DST changes and on repeated days are what date(1) says" {
	fake real
	# Europe/Berlin 2026: 03-29 02:00 CET -> 03:00 CEST, 10-25 03:00
	# CEST -> 02:00 CET.  Several times on each such day, around the
	# changes and at both ends, then an ordinary day several times over
	# and the next midnight; times of today last (HH:MM in short).
	local ts=() t d i zone
	for d in '2026-03-28T23:00:00Z' '2026-03-28T23:30:00Z' \
	    '2026-03-29T00:59:59Z' '2026-03-29T01:00:00Z' '2026-03-29T10:00:00Z' \
	    '2026-03-29T21:59:59Z' '2026-03-29T22:00:00Z' \
	    '2026-10-24T22:00:00Z' '2026-10-24T22:30:00Z' '2026-10-25T00:30:00Z' \
	    '2026-10-25T00:59:59Z' '2026-10-25T01:00:00Z' '2026-10-25T01:30:00Z' \
	    '2026-10-25T22:59:59Z' '2026-10-25T23:00:00Z' \
	    '2026-06-14T22:00:00Z' '2026-06-15T10:34:56Z' '2026-06-15T21:59:59Z' \
	    '2026-06-15T22:00:00Z' '2026-06-15T22:00:01Z'; do
		ts+=("$(date -u -d "$d" +%s)")
	done
	t=$(date +%s)
	ts+=("$((t - 7200))" "$((t - 3600))" "$((t - 61))" "$((t - 1))")
	awk -v ts="${ts[*]}" 'BEGIN { n = split(ts, t, " ") }
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "ctime") c = i; print; next }
		NR == 2 { for (i = 1; i <= n; i++) { $2 = i; $c = t[i]; print } }' \
		"$FX/real/shm" >/proc/sysvipc/shm
	for zone in Europe/Berlin 'CET-1CEST,M3.5.0,M10.5.0/3'; do
		local iso=() full=() short=()
		for t in "${ts[@]}"; do
			iso+=("$(TZ=$zone date -d "@$t" '+%Y-%m-%dT%H:%M:%S%:z')")
			full+=("$(TZ=$zone LC_ALL=C date -d "@$t" '+%a %b %e %H:%M:%S %Y')")
			if [[ $(TZ=$zone date -d "@$t" +%F) == "$(TZ=$zone date +%F)" ]]; then
				short+=("$(TZ=$zone date -d "@$t" +%H:%M)")
			elif [[ $(TZ=$zone date -d "@$t" +%Y) == "$(TZ=$zone date +%Y)" ]]; then
				short+=("$(TZ=$zone LC_ALL=C date -d "@$t" +%b%d)")
			else
				short+=("$(TZ=$zone date -d "@$t" +%F)")
			fi
		done
		run -0 --separate-stderr env TZ="$zone" "$IPCTOOL" list shm -r -n -o CTIME --time-format iso
		assert_equal "$output" "$(printf '%s\n' "${iso[@]}")"
		run -0 --separate-stderr env TZ="$zone" "$IPCTOOL" list shm -r -n -o CTIME --time-format full
		assert_equal "$output" "$(printf '%s\n' "${full[@]// /\\x20}")"
		run -0 --separate-stderr env TZ="$zone" "$IPCTOOL" list shm -r -n -o CTIME --time-format short
		assert_equal "$output" "$(printf '%s\n' "${short[@]}")"
		run -0 --separate-stderr env TZ="$zone" "$IPCTOOL" list shm -J -o CTIME --time-format iso
		assert_equal "$(jq -r '.shm[].ctime' <<<"$output")" "$(printf '%s\n' "${iso[@]}")"
	done
}

@test "--time-format: a year past 9999 or of 2^31 in all its digits, never +0000 or negative" {
	fake real
	# Real rows with ctimes of 10000-01-01 and 2147483648-01-01 (UTC).
	big='253402300800 67767976233532800'
	awk -v big="$big" 'BEGIN { n = split(big, t, " ") }
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "ctime") c = i; print; next }
		NR - 1 <= n { $c = t[NR - 1]; print }' "$FX/real/shm" >/proc/sysvipc/shm
	for t in $big; do
		iso+=("$(date -u -d "@$t" '+%Y-%m-%dT%H:%M:%S')+00:00")
		full+=("$(date -u -d "@$t" '+%a %b %e %H:%M:%S %Y')")
		short+=("$(date -u -d "@$t" '+%Y-%m-%d')")
	done
	# What the independent date(1) says: the years in full.
	assert_equal "${iso[*]}" "10000-01-01T00:00:00+00:00 2147483648-01-01T00:00:00+00:00"
	run -0 --separate-stderr env TZ=UTC "$IPCTOOL" list shm -J -o ID,CTIME --time-format iso
	assert_equal "$(jq -r '.shm[].ctime' <<<"$output")" "$(printf '%s\n' "${iso[@]}")"
	run -0 --separate-stderr env TZ=UTC "$IPCTOOL" list shm -r -n -o CTIME --time-format iso
	assert_equal "$output" "$(printf '%s\n' "${iso[@]}")"
	run -0 --separate-stderr env TZ=UTC "$IPCTOOL" list shm -e -o CTIME --time-format full
	assert_equal "$output" "$(printf 'CTIME="%s"\n' "${full[@]}")"
	run -0 --separate-stderr env TZ=UTC "$IPCTOOL" list shm -r -n -o CTIME --time-format short
	assert_equal "$output" "$(printf '%s\n' "${short[@]}")"
	# Another zone (a POSIX TZ string, no tzdata needed): +hh:mm.
	run -0 --separate-stderr env TZ=IST-5:30 "$IPCTOOL" list shm -r -n -o CTIME --time-format iso
	assert_line --index 0 "10000-01-01T05:30:00+05:30"
	assert_line --index 1 "2147483648-01-01T05:30:00+05:30"
}
