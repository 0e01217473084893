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
load lib/tmux

setup() {
	TMUX_SOCK="ipctool-ux-$$-$BATS_TEST_NUMBER-$RANDOM"
}

teardown() {
	tm kill-server 2>/dev/null || true
	kill_holders
	ipc_reset
	# long_owner's /etc/passwd, or bats cannot remove the test's files.
	if [[ -n ${PASSWD_BOUND:-} ]]; then
		umount /etc/passwd
	fi
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

@test "TYPE: not in one type's -r nor in tables nor JSON; -o, --output-all, --sort take it" {
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
	run -0 ipctool list -J --output-all
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

# --- help and messages ----------------------------------------------------

# suggests WORD CMD...: "ipctool WORD" is exit 2 and suggests exactly CMD...
suggests() {
	local word=$1
	shift
	run -2 --separate-stderr "$IPCTOOL" "$word"
	assert_equal "$output" ''
	assert_equal "$(head -1 <<<"$stderr")" "ipctool: '$word' is not a command; see 'ipctool --help'"
	assert_equal "$(sed -n 's/^\t//p' <<<"$stderr" | paste -sd' ')" "$*"
}

@test "did you mean: other tools' words and typos of names and aliases" {
	suggests ps list
	suggests del rm
	suggests delete rm
	suggests kill rm
	suggests inspect show
	suggests stat show
	suggests lsit list
	suggests shwo show
	suggests crate create
	suggests remvoe rm
	suggests tpo top
	suggests wacth watch
	suggests monitor top
	suggests mkae create
	suggests limts limits
	suggests lim limits
	# Nothing near: no suggestion at all, not a random command.
	suggests xyzzy ''
	run -2 --separate-stderr "$IPCTOOL" xyzzy
	refute_output --partial 'similar'
	# help COMMAND suggests alike.
	run -2 --separate-stderr "$IPCTOOL" help del
	assert_equal "$(sed -n 's/^\t//p' <<<"$stderr")" rm
}

@test "help lists each command with its alias, and create's POSIX objects" {
	run -0 "$IPCTOOL" help
	assert_line --regexp '^  create \(mk\) +make a System V or POSIX '
	assert_line --regexp '^  list \(ls\) +'
	assert_line --regexp '^  rm \(remove\) +'
	assert_line --regexp '^  show \(info\) +'
	assert_line --regexp '^  top +watch'
	assert_equal "$("$IPCTOOL" --help)" "$output"
	# Every alias there works, and is the command it stands beside.
	for pair in $(sed -n 's/^  \([a-z]*\) (\([a-z]*\)) .*/\1:\2/p' <<<"$output"); do
		assert_equal "$("$IPCTOOL" help "${pair#*:}")" "$("$IPCTOOL" help "${pair%:*}")"
	done
	run -0 "$IPCTOOL" rm --help
	assert_line --index 1 'Alias: remove'
	run -0 "$IPCTOOL" limits --help
	refute_line --partial 'Alias:'
	# What create says it makes, it makes.
	run -0 ipctool create pmq /q
	[[ -e /dev/mqueue/q ]]
	run -0 ipctool create psem /s
	[[ -e /dev/shm/sem.s ]]
}

@test "--messages N: says the count is --messages=N" {
	id=$(fixture msg-create)
	usage show msg "$id" --messages 2 "show: unexpected argument '2': the number of messages is given as --messages=2"
	usage show msg --messages "$id" 2 "show: unexpected argument '2': the number of messages is given as --messages=2"
	# Not a number: the plain message.
	usage show msg "$id" --messages x "show: unexpected argument 'x'"
	usage show msg "$id" 2 "show: unexpected argument '2'"
	run -0 ipctool show msg "$id" --messages=2
	assert_line 'messages: none'
}

@test "-N and --color after the command word are taken as before it" {
	ns_start 'ipcmk -Q >/dev/null && echo ready && exec sleep 1000'
	id=$(nsenter --ipc="/proc/$NS_PID/ns/ipc" ipcs -q | awk '/^0x/ { print $2 }')
	[[ -n $id ]]
	# This namespace has no queue; the other has one.
	assert_equal "$(ipcs -q | grep -c '^0x')" 0
	before=$("$IPCTOOL" -N "$NS_PID" list msg -r -n -o ID)
	assert_equal "$before" "$id"
	run -0 ipctool list msg -r -n -o ID -N "$NS_PID"
	assert_output "$id"
	run -0 ipctool list msg -r -n -o ID --namespace="$NS_PID"
	assert_output "$id"
	run -0 ipctool list -N"$NS_PID" msg -r -n -o ID
	assert_output "$id"
	# The last one wins.
	run -0 ipctool -N /nonexistent list msg -r -n -o ID -N "$NS_PID"
	assert_output "$id"
	# Not in another namespace: an error of that namespace, exit 1.
	run -1 --separate-stderr ipctool list msg -N /nonexistent
	assert_output ''
	run -0 ipctool limits --color=never
	usage list --color=sometimes "list: invalid --color 'sometimes': use auto, always or never"
}

@test "--sort and -o name the column and the types it does not apply to" {
	usage list shm --sort MTIME "list: sort column 'MTIME' does not apply to shm; it is a column of pshm, pmq or psem"
	usage list --sort SVAL "list: sort column 'SVAL' does not apply to shm, msg or sem; it is a column of psem"
	usage list msg sem --sort NATTCH "list: sort column 'NATTCH' does not apply to msg or sem; it is a column of shm"
	usage list pshm -o NSEMS "list: column 'NSEMS' does not apply to pshm"
	usage list shm --sort NOPE "list: unknown sort column 'NOPE'"
	# A column some of the types have sorts those.
	run -0 ipctool list all --sort SIZE
}

@test "-t, -c, -p add the time, creator and pid columns, as ipcs does" {
	fixture shm-create >/dev/null
	fixture msg-create >/dev/null
	fixture sem-create --nsems 1 >/dev/null
	: >/dev/shm/obj
	run -0 ipctool list shm -r -t
	assert_line --index 0 'KEY ID PERMS OWNER SIZE NATTCH STATUS CTIME CPID LPID ATTACH DETACH'
	run -0 ipctool list msg -r --time
	assert_line --index 0 'KEY ID PERMS OWNER USEDBYTES MSGS LSPID LRPID CTIME SEND RECV'
	run -0 ipctool list sem -r -t
	assert_line --index 0 'KEY ID PERMS OWNER NSEMS OTIME CTIME'
	run -0 ipctool list pshm -r -t
	assert_line --index 0 'NAME PERMS OWNER SIZE MTIME'
	run -0 ipctool list shm -r -c
	assert_line --index 0 'KEY ID PERMS OWNER SIZE NATTCH STATUS CTIME CPID LPID CUID CUSER CGID CGROUP'
	run -0 ipctool list msg -r -p
	assert_line --index 0 'KEY ID PERMS OWNER USEDBYTES MSGS LSPID LRPID'
	run -0 ipctool list sem -r -cp -o ID
	assert_line --index 0 'ID CUID CUSER CGID CGROUP'
	run -0 ipctool list shm -r -o ID -p
	assert_line --index 0 'ID CPID LPID'
	# The values are the kernel's: CPID as ipcs -p prints it.
	run -0 ipctool list shm -r -n -o ID -p
	assert_output "$(ipcs -m -p | awk '/^[0-9]/ { print $1, $3, $4 }')"
	# -c takes no argument; --creator is the filter.
	usage list -c root "list: unknown type 'root'"
	run -0 ipctool list shm -r -n -o ID --creator root
	assert_output "$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)"
}

# --- empty tables ---------------------------------------------------------

@test "a filter that matches in one type: the other types' empty tables are left out" {
	fixture shm-create >/dev/null
	fixture shm-create >/dev/null
	fixture msg-create >/dev/null
	fixture sem-create --nsems 1 >/dev/null
	: >/dev/shm/obj
	# Unattached: only segments have NATTCH, so only they can match.
	run -0 ipctool list --unattached
	assert_line --index 0 '------ Shared Memory Segments ------'
	refute_output --partial 'Message Queues'
	refute_output --partial 'Semaphore Arrays'
	assert_equal "$(grep -c '^0x' <<<"$output")" "$(ipcs -m | grep -c '^0x')"
	run -0 ipctool list all --unattached
	assert_equal "$(grep -c -- '^------' <<<"$output")" 1
	run -0 ipctool list -a --unattached -r -n
	assert_equal "${#lines[@]}" 2
	run -0 ipctool list --unattached -e
	refute_output --partial 'TYPE="msg"'
	# The queue's id in another filter: the tables of the types it is in.
	qid=$(awk 'NR > 1 { print $2 }' /proc/sysvipc/msg)
	run -0 ipctool list --id "$qid"
	assert_output --partial 'Message Queues'
	# Types named: printed, empty or not.
	run -0 ipctool list shm msg sem --unattached
	assert_equal "$(grep -c -- '^------' <<<"$output")" 3
	run -0 ipctool list -m -q --unattached
	assert_equal "$(grep -c -- '^------' <<<"$output")" 2
	# No filter: every table, as before.
	run -0 ipctool list
	assert_equal "$(grep -c -- '^------' <<<"$output")" 3
	# Nothing matched anywhere: every table, empty.
	run -0 ipctool list --id 99999
	assert_equal "$(grep -c -- '^------' <<<"$output")" 3
	# JSON keeps each member.
	run -0 ipctool list --unattached -J
	assert_equal "$(jq -c '[keys_unsorted[], (.msg | length), (.sem | length)]' <<<"$output")" '["shm","msg","sem",0,0]'
}

# --- width ----------------------------------------------------------------

LONG_USER=averyveryverylongusernameforux31

# long_owner: a user LONG_USER (uid 4242), in a copy of /etc/passwd bound
# over it in this test's mount namespace.
long_owner() {
	cp /etc/passwd "$BATS_TEST_TMPDIR/passwd"
	echo "$LONG_USER:x:4242:4242::/:/bin/sh" >>"$BATS_TEST_TMPDIR/passwd"
	mount --bind "$BATS_TEST_TMPDIR/passwd" /etc/passwd
	PASSWD_BOUND=1
	[[ $(id -nu 4242) == "$LONG_USER" ]]
}

# long_holder: a segment held by a process whose command line is 200
# characters and more; sets LONG_ID to its id and LONG_CMD to that line.
long_holder() {
	local arg0
	arg0=/opt/$(printf 'averylongdirectoryname%.0s' 1 2 3 4 5 6 7)/bin/holder
	"$PYTHON" -c 'import os, sys; os.execv(sys.executable, [sys.argv[1], sys.argv[2], "shm-create", "--hold"])' \
		"$arg0" "$FIXTURE" >"$BATS_TEST_TMPDIR/long.out" 2>&1 </dev/null 3>&- &
	HOLD_PIDS+=("$!")
	wait_until grep -qx ready "$BATS_TEST_TMPDIR/long.out"
	LONG_CMD="$arg0 $FIXTURE shm-create --hold"
	LONG_ID=$(head -1 "$BATS_TEST_TMPDIR/long.out")
	(( ${#LONG_CMD} > 200 ))
}

# pane WIDTH CMD: run CMD in a WIDTHx50 tmux pane; wait until it is done
# and leave its screen, up to the end mark, in $BATS_TEST_TMPDIR/screen,
# each line as written (wrapped lines joined).
pane() {
	local i
	for i in 1 2 3; do
		tm new-session -d -x "$1" -y 50 -s top \
			"$2; echo __END__; exec sleep 1000" && break
		tm kill-server 2>/dev/null || true
		sleep 0.2
	done
	wait_until screen_done
	# -J joins a wrapped line again: a row too wide is one long line.
	tm capture-pane -p -J -t top | sed '/^__END__$/,$d' >"$BATS_TEST_TMPDIR/screen"
	tm kill-server
}

screen_done() {
	tm capture-pane -p -t top | grep -qx __END__
}

# widest FILE: the length of FILE's longest line.
widest() {
	awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }' "$1"
}

@test "width: an 80-column terminal cuts COMMAND and a long OWNER; no row wraps" {
	long_owner
	long_holder
	id=$LONG_ID
	fixture set shm "$id" --uid 4242
	other=$(fixture shm-create)
	rows=$(($(ipcs -m | grep -c '^0x') + 1))
	pane 80 "'$IPCTOOL' list shm -o +COMMAND"
	run cat "$BATS_TEST_TMPDIR/screen"
	# One line per row: nothing wrapped onto a second line.
	assert_equal "${#lines[@]}" "$rows"
	[ "$(widest "$BATS_TEST_TMPDIR/screen")" -le 80 ]
	assert_line --index 0 --regexp '^KEY +ID +PERMS OWNER +SIZE NATTCH STATUS CTIME +CPID +LPID COMMAND$'
	# The columns that are not cut keep their values: KEY, ID, SIZE as
	# ipcs gives them, and the rows as the pipe has them.
	row=$(awk -v id="$id" '$2 == id' "$BATS_TEST_TMPDIR/screen")
	read -r key rid perms owner size _ <<<"$row"
	assert_equal "$rid" "$id"
	assert_equal "$key" "$(ipcs -m | awk -v id="$id" '$2 == id { print $1 }')"
	# OWNER and COMMAND: the beginning of what the pipe shows whole.
	[[ $LONG_USER == "$owner"* && ${#owner} -ge 6 && ${#owner} -lt ${#LONG_USER} ]]
	cmd=${row##* }
	[[ -n $cmd && $LONG_CMD == "$cmd"* && ${#cmd} -lt ${#LONG_CMD} ]]
	# Into a pipe: never cut, the owner and command line whole.
	run -0 ipctool list shm -o +COMMAND
	assert_line --index 1 --partial "$LONG_USER"
	assert_line --partial "$LONG_CMD"
	(( $(ipctool list shm -o +COMMAND | wc -L) > 80 ))
	ipctool list shm -o +COMMAND >"$BATS_TEST_TMPDIR/file"
	grep -qF -- "$LONG_CMD" "$BATS_TEST_TMPDIR/file"
}

@test "width: a 200-column terminal gives COMMAND the rest of the line" {
	long_holder
	id=$LONG_ID
	fixture shm-create >/dev/null
	pane 200 "'$IPCTOOL' list shm -o +COMMAND"
	[ "$(widest "$BATS_TEST_TMPDIR/screen")" -eq 200 ]
	# Only COMMAND, the last column, is cut: each row is the pipe's row
	# cut at the 200th column, every other column as it was.
	row=$(awk -v id="$id" '$2 == id' "$BATS_TEST_TMPDIR/screen")
	full=$(ipctool list shm -o +COMMAND | awk -v id="$id" '$2 == id')
	(( ${#full} > 200 ))
	assert_equal "$row" "${full:0:200}"
	assert_equal "$(head -1 "$BATS_TEST_TMPDIR/screen")" "$(ipctool list shm -o +COMMAND | head -1 | sed 's/ *$//')"
	# Wide enough for everything: nothing cut.
	pane 300 "'$IPCTOOL' list shm -o ID,COMMAND"
	grep -qF -- "$LONG_CMD" "$BATS_TEST_TMPDIR/screen"
}

@test "width: --notruncate keeps everything whole on a terminal" {
	long_owner
	long_holder
	id=$LONG_ID
	fixture set shm "$id" --uid 4242
	pane 80 "'$IPCTOOL' list shm -o +COMMAND --notruncate"
	# The row is wider than the pane: it wrapped, whole.
	(( $(widest "$BATS_TEST_TMPDIR/screen") > 80 ))
	grep -qF -- "$LONG_USER" "$BATS_TEST_TMPDIR/screen"
	grep -qF -- "$LONG_CMD" "$BATS_TEST_TMPDIR/screen"
}

@test "width: ATTACHED, STALE and NAME are cut, and list -A fits too" {
	long_holder
	id=$LONG_ID
	for i in $(seq 1 12); do
		bg_hold shm-attach "$id" --hold
	done
	wait_until test "$(kstat shm "$id" nattch)" -ge 12
	name=/$(printf 'averylongposixname%.0s' 1 2 3 4 5 6)
	: >"/dev/shm${name}"
	pane 80 "'$IPCTOOL' list shm -o ID,ATTACHED,COMMAND,STALE; '$IPCTOOL' list pshm -o NAME,SIZE,OWNER,PERMS,MTIME,UID,GID,ATTACHED; '$IPCTOOL' list -A shm -o +ATTACHED"
	[ "$(widest "$BATS_TEST_TMPDIR/screen")" -le 80 ]
	# ATTACHED: the beginning of the pids, as the pipe has them.
	full=$(ipctool list shm -r -n -o ATTACHED)
	cut=$(awk -v id="$id" '$1 == id { print $2 }' "$BATS_TEST_TMPDIR/screen" | head -1)
	[[ -n $cut && $full == "$cut"* && ${#cut} -lt ${#full} ]]
	# NAME: cut, the rest of its row whole.
	row=$(grep -F '/averylongposix' "$BATS_TEST_TMPDIR/screen")
	[[ $name == "${row%% *}"* ]]
	[[ $row == *' 0B '* ]]
	run -0 ipctool list pshm -o NAME
	assert_line --index 1 "$name"
}

@test "width: COLUMNS is not a terminal: a pipe is never cut whatever it says" {
	long_holder
	id=$LONG_ID
	run -0 env COLUMNS=40 "$IPCTOOL" list shm -o +COMMAND
	assert_line --partial "$LONG_CMD"
}

@test "width: list -A's namespace headings fit the terminal too" {
	local long
	long=/opt/$(printf 'averylongdirectoryname%.0s' 1 2 3 4 5)/bin/server
	ns_start "ipcmk -Q >/dev/null && echo ready && exec bash -c 'exec -a $long sleep 1000'"
	wait_until grep -qF "$long" "/proc/$NS_PID/cmdline"
	pane 80 "'$IPCTOOL' list -A msg"
	[ "$(widest "$BATS_TEST_TMPDIR/screen")" -le 80 ]
	head=$(grep "IPC namespace $NS_INO:" "$BATS_TEST_TMPDIR/screen")
	[[ $head == "====== IPC namespace $NS_INO: pid $NS_PID (/opt/averylong"*") ======" ]]
	# Into a pipe, whole.
	run -0 ipctool list -A msg
	assert_line --partial "IPC namespace $NS_INO: pid $NS_PID ($long 1000)"
}

@test "width: show cuts the attached processes' commands on a terminal, not in a pipe" {
	local arg0 id
	id=$(fixture shm-create)
	arg0=/opt/$(printf 'averylongdirectoryname%.0s' 1 2 3 4 5 6 7)/bin/attacher
	"$PYTHON" -c 'import os, sys; os.execv(sys.executable, [sys.argv[1]] + sys.argv[2:])' \
		"$arg0" "$FIXTURE" shm-attach "$id" --hold >"$BATS_TEST_TMPDIR/att.out" 2>&1 </dev/null 3>&- &
	HOLD_PIDS+=("$!")
	wait_until grep -qx ready "$BATS_TEST_TMPDIR/att.out"
	pane 80 "'$IPCTOOL' show shm $id"
	[ "$(widest "$BATS_TEST_TMPDIR/screen")" -le 80 ]
	row=$(grep -E "^ *$! " "$BATS_TEST_TMPDIR/screen")
	[[ $row == *" /opt/averylongdirectoryname"* ]]
	run -0 ipctool show shm "$id"
	assert_line --regexp "^ *$! .* $arg0 $FIXTURE shm-attach $id --hold\$"
	pane 80 "'$IPCTOOL' show shm $id --notruncate"
	grep -qF -- "$arg0 $FIXTURE shm-attach" "$BATS_TEST_TMPDIR/screen"
	# Holders of a POSIX object alike.
	"$PYTHON" -c 'import os, sys; os.execv(sys.executable, [sys.argv[1]] + sys.argv[2:])' \
		"$arg0" -c 'import os, time
fd = os.open("/dev/shm/held", os.O_RDWR | os.O_CREAT, 0o644)
print("ready", flush=True)
time.sleep(3600)' >"$BATS_TEST_TMPDIR/px.out" 2>&1 </dev/null 3>&- &
	HOLD_PIDS+=("$!")
	wait_until grep -qx ready "$BATS_TEST_TMPDIR/px.out"
	pane 80 "'$IPCTOOL' show pshm /held"
	[ "$(widest "$BATS_TEST_TMPDIR/screen")" -le 80 ]
	grep -qE "^ *$! +[^ ]+ +/opt/averylong" "$BATS_TEST_TMPDIR/screen"
}

@test "ipcs habits that mean something else here say what to run" {
	run -2 --separate-stderr "$IPCTOOL" list -l
	assert_output ''
	assert_equal "${stderr%%$'\n'*}" "ipctool: list: unknown option '-l': ipcs -l is 'ipctool limits'"
	run -2 --separate-stderr "$IPCTOOL" -l
	assert_equal "${stderr%%$'\n'*}" "ipctool: unknown option '-l': ipcs -l is 'ipctool limits'"
	run -2 --separate-stderr "$IPCTOOL" -m -l
	assert_equal "${stderr%%$'\n'*}" "ipctool: list: unknown option '-l': ipcs -l is 'ipctool limits'"
	run -2 --separate-stderr "$IPCTOOL" list -u
	assert_output ''
	assert_equal "${stderr%%$'\n'*}" "ipctool: list: missing argument for '-u': -u takes a user here; ipcs -u is 'ipctool ipcs -u'"
	# And what the hints name does what ipcs does.
	run -0 "$IPCTOOL" ipcs -u
	assert_equal "$output" "$(ipcs -u)"
	run -0 "$IPCTOOL" ipcs -l
	assert_equal "$output" "$(ipcs -l)"
	# Other letters keep the plain message.
	run -2 --separate-stderr "$IPCTOOL" list -x
	assert_equal "${stderr%%$'\n'*}" "ipctool: list: unknown option '-x'"
}
