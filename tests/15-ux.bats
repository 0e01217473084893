#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 15-ux: the daily annoyances of issue 15.  The TYPE column and mixed-type
# raw and export output; tables cut to a terminal's width (tmux panes of
# 80 and 200 columns) but never into a pipe; modes; help, aliases and
# "did you mean"; the global options after the command word; the -t, -c
# and -p column presets; --sort naming what does not apply; empty tables
# left out when a filter matched elsewhere.  Resources are made by
# tests/fixture and util-linux, checked against /proc/sysvipc and ipcs.

load common

setup() {
	TMUX_SOCK="ipctool-ux-$$-$BATS_TEST_NUMBER-$RANDOM"
}

teardown() {
	tm kill-server 2>/dev/null || true
	kill_holders
	ipc_reset
}

# tm ARGS...: tmux on this test's private server, without any config.
tm() {
	tmux -L "$TMUX_SOCK" -f /dev/null "$@"
}

# usage CMDLINE... MESSAGE: ipctool CMDLINE is a usage error whose first
# line of stderr is "ipctool: MESSAGE", with nothing on stdout.
usage() {
	local msg=${*: -1}
	run -2 --separate-stderr "$IPCTOOL" "${@:1:$#-1}"
	assert_equal "$output" ''
	assert_equal "$(head -1 <<<"$stderr")" "ipctool: $msg"
}

# proc_ids TYPE: the ids of /proc/sysvipc/TYPE, one a line, sorted.
proc_ids() {
	awk 'NR > 1 { print $2 }' "/proc/sysvipc/$1" | sort -n
}

# --- TYPE ----------------------------------------------------------------

@test "TYPE: first in mixed -r and -e output, each row the type /proc says" {
	fixture shm-create >/dev/null
	fixture shm-create >/dev/null
	fixture msg-create >/dev/null
	fixture sem-create --nsems 2 >/dev/null
	run -0 ipctool list -r
	assert_equal "$(grep -c '^TYPE KEY ID ' <<<"$output")" 3
	for t in shm msg sem; do
		got=$(awk -v t="$t" '$1 == t { print $3 }' <<<"$output" | sort -n)
		assert_equal "$got" "$(proc_ids "$t")"
	done
	# Every data row says its type, nothing else starts a row.
	run -0 ipctool list -r -n
	assert_equal "$(grep -vc -E '^(shm|msg|sem) ' <<<"$output")" 0
	assert_equal "${#lines[@]}" 4
	run -0 ipctool list -e
	for t in shm msg sem; do
		got=$(sed -n "s/^TYPE=\"$t\" KEY=\"[^\"]*\" ID=\"\\([0-9]*\\)\".*/\\1/p" <<<"$output" | sort -n)
		assert_equal "$got" "$(proc_ids "$t")"
	done
	assert_equal "${#lines[@]}" 4
	# +COLS keeps it first; an explicit -o list is what it says.
	run -0 ipctool list -r -o +UID
	assert_line --index 0 --regexp '^TYPE KEY ID .* UID$'
	run -0 ipctool list -r -o ID,KEY
	assert_line --index 0 'ID KEY'
}

@test "TYPE: not in one type's -r nor in tables; -o, --output-all, --sort, -J take it" {
	fixture shm-create >/dev/null
	fixture msg-create >/dev/null
	run -0 ipctool list shm -r
	assert_line --index 0 --regexp '^KEY ID '
	run -0 ipctool list
	refute_line --regexp '^TYPE'
	run -0 ipctool list shm -r -o TYPE,ID
	assert_line --index 1 "shm $(proc_ids shm)"
	run -0 ipctool list msg -r --output-all
	assert_line --index 0 --regexp '^TYPE KEY ID '
	assert_line --index 1 --regexp "^msg "
	run -0 ipctool list -J -o type,id
	assert_equal "$(jq -c '[.shm[].type, .msg[].type]' <<<"$output")" '["shm","msg"]'
	run -0 ipctool list -J
	assert_equal "$(jq -c '.shm[0] | has("type")' <<<"$output")" false
	# Sections stay in the order of the types; sorting by TYPE is allowed.
	run -0 ipctool list all -r -n --sort TYPE -o TYPE
	assert_output $'shm\nmsg'
	# Every type lists it among its columns.
	for t in shm msg sem pshm pmq psem; do
		run -0 ipctool list "$t" --list-columns
		assert_line --index 0 --regexp '^ +TYPE +Resource type'
	done
	# show names the type once: no "type" member twice.
	run -0 ipctool show shm "$(proc_ids shm)" -J
	assert_equal "$(grep -o '"type"' <<<"$output" | wc -l)" 1
}

@test "TYPE: POSIX objects in mixed raw output" {
	fixture shm-create >/dev/null
	: >/dev/shm/obj
	run -0 ipctool list shm pshm -r -n
	assert_line --regexp '^shm 0x[0-9a-f]{8} '
	assert_line --regexp '^pshm /obj '
}

# --- modes ----------------------------------------------------------------

@test "--mode: 600, 0600 and 0o600 give the same permissions" {
	for m in 600 0600 0o600 0O600; do
		run -0 ipctool create shm --size 4096 --mode "$m"
		id=$output
		assert_equal "$(sysvipc_field shm "$id" perms)" 600
	done
	run -0 ipctool create msg --mode 0o0660
	assert_equal "$(sysvipc_field msg "$output" perms)" 660
	run -0 ipctool create pshm /m --size 1 --mode 0o640
	assert_equal "$(stat -c %a /dev/shm/m)" 640
}

@test "--mode: not octal, above 07777, and never an object made" {
	usage create shm --size 4096 --mode 999 "create: invalid mode '999': not octal"
	usage create shm --size 4096 --mode 8 "create: invalid mode '8': not octal"
	usage create shm --size 4096 --mode 0o "create: invalid mode '0o': not octal"
	usage create shm --size 4096 --mode 0x1ff "create: invalid mode '0x1ff': not octal"
	usage create shm --size 4096 --mode -644 "create: invalid mode '-644': not octal"
	usage create shm --size 4096 --mode rw-r--r-- "create: invalid mode 'rw-r--r--': not octal"
	usage create shm --size 4096 --mode '' "create: invalid mode '': not octal"
	usage create msg --mode 10000 "create: invalid mode '10000': above 07777"
	usage create msg --mode 0o10000 "create: invalid mode '0o10000': above 07777"
	usage create sem --nsems 1 --mode 777777777777777777777777 "create: invalid mode '777777777777777777777777': above 07777"
	usage create pshm /x --size 1 --mode 0o8 "create: invalid mode '0o8': not octal"
	assert_equal "$(ipcs -a | grep -c '^0x')" 0
	[[ ! -e /dev/shm/x ]]
}
