#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# ipctool top's columns and keys: -o and +COLS per tab, USE% on the msg
# tab, the column picker (f), sideways scrolling (Left, Right), stale
# rows marked, the holders named by d's question, and the rates in
# --batch frames.  Driven in an 80x24 tmux pane (send-keys, capture-pane)
# and checked against ipcs, the kernel's IPC_STAT (tests/fixture) and
# /proc; resources are made by tests/fixture, ipcmk and python.

load common
load lib/tmux

setup() {
	TMUX_SOCK="ipctool-topcols-$$-$BATS_TEST_NUMBER-$RANDOM"
	RCFILE=$BATS_TEST_TMPDIR/rc
}

teardown() {
	tm kill-server 2>/dev/null || true
	kill_holders
	ipc_reset
}

# top ARGS...: "ipctool top -d 0.2 ARGS" in an 80x24 pane; waits for the
# title.
top() {
	local w=$BATS_TEST_TMPDIR/run-top
	{
		echo '#!/bin/bash'
		printf '%q ' "$IPCTOOL" top -d 0.2 "$@"
		echo
		echo "echo \$? > $RCFILE"
		echo 'exec sleep 600'
	} >"$w"
	chmod 755 "$w"
	new_pane "$w"
	wait_screen '^ipctool top - '
}

# top_traced LOG ARGS...: top as above, under strace -f, its opens to LOG.
top_traced() {
	local w=$BATS_TEST_TMPDIR/run-top log=$1
	shift
	{
		echo '#!/bin/bash'
		printf 'ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=open,openat,openat2 -o %q ' "$log"
		printf '%q ' "$IPCTOOL" top -d 0.2 "$@"
		echo
		echo 'exec sleep 600'
	} >"$w"
	chmod 755 "$w"
	new_pane "$w"
	wait_screen '^ipctool top - '
}

# header: the table's header line (the one under the tabs).
header() {
	screen | grep -E '^[< ] +(KEY|ID|NAME|PERMS|OWNER) ' | head -1
}

# cursor_line: the picker's line under the cursor (marked >).
cursor_line() {
	screen | grep -E '^>\[' | head -1
}

# pick_to NAME: move the picker's cursor down to column NAME.
pick_to() {
	local i prev
	for ((i = 0; i < 60; i++)); do
		prev=$(cursor_line)
		[[ $prev =~ ^\>\[.\]\ $1\  ]] && return 0
		tm send-keys -t top Down
		wait_until bash -c '[[ $(tmux -L '"$TMUX_SOCK"' capture-pane -p -t top | grep -E "^>\[" | head -1) != "$1" ]]' _ "$prev" || return 1
	done
	echo "pick_to: no column $1 in the picker" >&2
	screen >&2
	return 1
}

# --- -o and +COLS ------------------------------------------------------------

@test "-o sets each tab's columns, +COLS adds to top's defaults" {
	local shm msg
	shm=$(fixture shm-create --key 0x6101 --size 8192)
	msg=$(fixture msg-create --key 0x6201)
	fixture sem-create --key 0x6301 --nsems 2 >/dev/null
	top -o KEY,ID,NATTCH,CPID,MSGS,MSGS/S
	wait_screen '0x00006101'
	assert_equal "$(header)" "  KEY        ID NATTCH CPID"
	tm send-keys -t top 2
	wait_screen '0x00006201'
	[[ $(header) =~ ^\ \ KEY\ +ID\ MSGS\ MSGS/S$ ]] || fail "msg: '$(header)'"
	tm send-keys -t top 3
	wait_screen '0x00006301'
	[[ $(header) =~ ^\ \ KEY\ +ID$ ]] || fail "sem: '$(header)'"
	# The creator's pid, as ipcs reports it.
	tm send-keys -t top 1
	wait_screen "0x00006101 +$shm +0 +$(ipcs -m -p | awk -v id="$shm" '$1 == id { print $3 }')\$"
	tm send-keys -t top q
	wait_until test -s "$RCFILE"
	assert_equal "$(cat "$RCFILE")" 0
	tm kill-server
	# +COLS: after the defaults, the shm tab gets ATTACHED and COMMAND.
	top shm -o +ATTACHED,COMMAND
	wait_screen '0x00006101'
	# 80 columns: COMMAND goes past the edge, a > says so.
	[[ $(header) =~ ^\ \ KEY\ +ID\ +PERMS\ +OWNER\ +SIZE\ +NATTCH\ +STATUS\ +CTIME\ +CPID\ +LPID\ +ATTACHED\ +COM.*\>$ ]] ||
		fail "shm: '$(header)'"
}

@test "-o in --batch; an unknown or misplaced column is a usage error" {
	local q
	q=$(fixture msg-create --key 0x6202)
	run "$IPCTOOL" top msg --batch -o KEY,QBYTES,BYTES/S
	assert_success
	assert_line --index 1 --regexp '^KEY +QBYTES BYTES/S$'
	# QBYTES as the kernel has it.
	assert_line --index 2 --regexp "^0x00006202 +$(($(kstat msg "$q" qbytes) / 1024))K +-\$"
	run --separate-stderr "$IPCTOOL" top --batch -o NOSUCH
	assert_failure 2
	assert_output ''
	assert_equal "$stderr" "ipctool: top: unknown column 'NOSUCH'
Try 'ipctool top --help' for more information."
	for o in '' ',' 'KEY,,ID' '+' 'KEY,NOSUCH' 'MSGS/S,X'; do
		run --separate-stderr "$IPCTOOL" top --batch -o "$o"
		assert_failure 2
		assert_output ''
	done
	run --separate-stderr "$IPCTOOL" top shm --batch -o MSGS/S
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "ipctool: top: column 'MSGS/S' does not apply to shm; it is a column of msg"
	run --separate-stderr "$IPCTOOL" top shm --batch -o USEDBYTES
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "ipctool: top: column 'USEDBYTES' does not apply to shm"
	# The interactive view refuses them the same way, before any screen.
	run --separate-stderr "$IPCTOOL" top -o NOSUCH
	assert_failure 2
	assert_output ''
}

# --- USE% --------------------------------------------------------------------

@test "USE% is on the msg tab by default: USEDBYTES of QBYTES" {
	local q
	q=$(fixture msg-create --key 0x6203)
	fixture msg-setqbytes "$q" 1000
	fixture msg-send "$q" 1 0123456789012345678901234 --count 10 >/dev/null
	# ipcs: 250 bytes used of 1000.
	run ipcs -q -i "$q"
	assert_output --regexp 'qbytes=1000[[:space:]]'
	assert_output --regexp 'cbytes=250[[:space:]]'
	top msg
	wait_screen '0x00006203'
	[[ $(header) =~ ^\ \ KEY\ +ID\ +PERMS\ +OWNER\ +USEDBYTES\ +MSGS\ +USE%\ +LSPID\ +LRPID\ +MSGS/S\ +BYTES/S$ ]] ||
		fail "msg: '$(header)'"
	wait_screen "^  0x00006203 +$q .* 250B +10 +25\\.00% "
	run "$IPCTOOL" top msg --batch
	assert_line --index 2 --regexp "^0x00006203 +$q .* 250B +10 +25\\.00% "
}

# --- the column picker -------------------------------------------------------

@test "f picks columns: shows QBYTES, moves it, hides PERMS; Esc closes" {
	local q
	q=$(fixture msg-create --key 0x6204)
	fixture msg-setqbytes "$q" 3072
	top msg
	wait_screen '0x00006204'
	tm send-keys -t top f
	wait_screen '^ columns of the msg tab '
	# Shown ones ticked, in order, then the others.
	screen_has '^>\[x\] KEY '
	screen_has '^ \[x\] USE% '
	screen_has '^ \[x\] BYTES/S '
	pick_to QBYTES
	screen_has '^>\[ \] QBYTES +Queue capacity'
	tm send-keys -t top Space
	wait_screen '^>\[x\] QBYTES '
	# Two places left: before the rates.
	tm send-keys -t top '[' '['
	wait_until bash -c "tmux -L $TMUX_SOCK capture-pane -p -t top | grep -A2 -E '^>\[x\] QBYTES' | grep -qE '^ \[x\] BYTES/S'"
	tm send-keys -t top Home
	pick_to PERMS
	tm send-keys -t top Space
	wait_screen '^>\[ \] PERMS '
	tm send-keys -t top Escape
	wait_gone '^ columns of the msg tab'
	[[ $(header) =~ ^\ \ KEY\ +ID\ +OWNER\ +USEDBYTES\ +MSGS\ +USE%\ +LSPID\ +LRPID\ +QBYTES\ +MSGS/S\ +BYTES/S$ ]] ||
		fail "header: '$(header)'"
	# The capacity the kernel reports, collected once QBYTES is shown.
	assert_equal "$(kstat msg "$q" qbytes)" 3072
	wait_screen "^  0x00006204 +$q +root +0B +0 +0\\.00% +0 +0 +3K "
}

@test "f: the last column shown cannot be hidden; ? lists f and Left Right" {
	local id
	id=$(fixture sem-create --key 0x6307 --nsems 1)
	top sem -o ID
	wait_screen "^ +$id\$"
	tm send-keys -t top f
	wait_screen '^>\[x\] ID '
	# Space on the only column shown, then Down: it stays ticked.
	tm send-keys -t top Space Down
	wait_until bash -c "tmux -L $TMUX_SOCK capture-pane -p -t top | grep -qE '^>\[ \] '"
	screen_has '^ \[x\] ID '
	tm send-keys -t top Escape
	wait_gone '^ columns of'
	assert_equal "$(screen | grep -E '^  +ID$' | head -1 | tr -d ' ')" ID
	tm send-keys -t top '?'
	wait_screen '^ keys - any key closes this help'
	screen_has '^  f +choose the tab.s columns'
	screen_has '^  Left Right +scroll a wide table sideways'
}

@test "f then Escape on an unchanged tab keeps its columns; the picker lists every list column" {
	top shm
	wait_screen '^  KEY +ID'
	local before
	before=$(header)
	tm send-keys -t top f
	wait_screen '^ columns of the shm tab '
	# Every column list has for shm, as list --list-columns... names them.
	local c
	for c in KEY ID PERMS OWNER SIZE NATTCH STATUS CTIME CPID LPID; do
		screen_has "^.\\[x\\] $c " || fail "not ticked: $c"
	done
	# In the registry's order, after the ticked ones.
	for c in CUID CGROUP COMMAND RSS SWAP ATTACHED STALE; do
		pick_to "$c"
		screen_has "^>\\[ \\] $c " || fail "not offered: $c"
	done
	tm send-keys -t top Escape
	wait_gone '^ columns of'
	assert_equal "$(header)" "$before"
}

# --- sideways scrolling ------------------------------------------------------

@test "Left and Right scroll a wide table a column at a time, header with it" {
	local id
	id=$(fixture shm-create --key 0x6105 --size 4096)
	top shm -o +CUSER,CGROUP,CUID,CGID,ATTACH,DETACH,RSS,SWAP
	wait_screen "^  0x00006105 +$id "
	# Wider than 80: a > at the header's end.
	[[ $(header) =~ \>$ ]] || fail "no >: '$(header)'"
	tm send-keys -t top Right
	wait_screen '^< +ID +PERMS +OWNER'
	wait_screen "^ +$id +rw-r--r-- +root "
	screen_lacks '0x00006105'
	tm send-keys -t top Right
	wait_screen '^< +PERMS +OWNER'
	# To the end: the last column shows, no > any more.
	local i
	for ((i = 0; i < 16; i++)); do
		tm send-keys -t top Right
	done
	wait_screen '^<.* SWAP$'
	tm send-keys -t top Left
	wait_until bash -c "[[ \$(tmux -L $TMUX_SOCK capture-pane -p -t top | grep -E '^< ' | head -1) =~ \>\$ ]] || tmux -L $TMUX_SOCK capture-pane -p -t top | grep -qE '^<.* RSS +SWAP$'"
	for ((i = 0; i < 20; i++)); do
		tm send-keys -t top Left
	done
	wait_screen '^  KEY +ID +PERMS'
	wait_screen "^  0x00006105 +$id "
}

@test "a table that fits does not scroll" {
	fixture sem-create --key 0x6306 --nsems 1 >/dev/null
	top sem
	wait_screen '0x00006306'
	tm send-keys -t top Right Right
	tm send-keys -t top 'r'
	# r reversed the order: the keys were read, and no scroll happened.
	wait_screen 'sort:IDv'
	assert_equal "$(header | cut -c1-4)" "  KE"
}

# --- stale rows --------------------------------------------------------------

@test "stale rows are marked ! when the tab shows STALE, and only then" {
	local dead live cpid
	# Made by a process that exited: never attached, creator gone.
	dead=$(fixture shm-create --key 0x6107 --size 4096)
	cpid=$(ipcs -m -p | awk -v id="$dead" '$1 == id { print $3 }')
	[[ -n $cpid && ! -e /proc/$cpid ]] || fail "creator $cpid still there"
	bg_hold shm-create --key 0x6108 --size 4096 --hold
	live=$HOLD_OUT
	top shm -o KEY,ID,CPID,STALE
	wait_screen "^! +0x00006107 +$dead +$cpid +never attached, creator $cpid gone\$"
	wait_screen "^  0x00006108 +$live +$HOLD_PID\$"
	tm kill-server
	# Without the column: no mark, and the row is an ordinary one.
	top shm
	wait_screen "^  0x00006107 +$dead "
	screen_lacks '^!'
}

@test "STALE costs nothing while the tab does not show it" {
	local i
	for i in 1 2 3; do
		fixture shm-create --key 0x611$i --size 4096 >/dev/null
	done
	# Default columns: no process's files are read, frame after frame.
	strace -f -e trace=openat -o "$BATS_TEST_TMPDIR/plain" \
		"$IPCTOOL" top shm --batch -n 3 -d 0 >/dev/null
	run grep -cE '"/proc/[0-9]+/' "$BATS_TEST_TMPDIR/plain"
	assert_output 0
	# STALE shown: the creators' liveness is read.
	strace -f -e trace=openat -o "$BATS_TEST_TMPDIR/stale" \
		"$IPCTOOL" top shm --batch -n 3 -d 0 -o +STALE >/dev/null
	run grep -cE '"/proc/[0-9]+/' "$BATS_TEST_TMPDIR/stale"
	(( output > 0 )) || fail "STALE read no process"
}

# --- d's question ------------------------------------------------------------

@test "d names the holders before removal: 2 processes still attach it" {
	local id
	id=$(fixture shm-create --key 0x6109 --size 4096)
	bg_hold shm-attach "$id" --hold
	bg_hold shm-attach "$id" --hold
	assert_equal "$(kstat shm "$id" nattch)" 2
	top shm
	wait_screen "^  0x00006109 +$id .* 2 "
	tm send-keys -t top d
	wait_screen "^remove shm $id\\? 2 processes still attach it: removal only marks it \\[y/n\\]"
	tm send-keys -t top n
	wait_screen "^kept shm $id"
	# One goes: the question counts again.
	kill_hold "${HOLD_PIDS[1]}"
	wait_until bash -c "[[ \$('$PYTHON' '$FIXTURE' stat shm $id | sed -n 's/^nattch=//p') == 1 ]]"
	tm send-keys -t top d
	wait_screen "^remove shm $id\\? 1 process still attaches it: removal only marks it \\[y/n\\]"
	tm send-keys -t top y
	wait_screen "^shm $id marked for removal: 1 process still attached"
	run ipcs -m -i "$id"
	# Marked: SHM_DEST (01000) in its mode.
	assert_output --regexp 'mode=01[0-7]{3}[[:space:]]'
}

@test "d on a POSIX object names its holders; none: the plain question" {
	fixture pshm-create /topheld 4096
	fixture pshm-create /topfree 4096
	py_holder 'fd = os.open("/dev/shm/topheld", os.O_RDWR)
m = mmap.mmap(fd, 4096)'
	# The holder maps it, as /proc says.
	grep -q '/dev/shm/topheld' "/proc/$HOLD_PID/maps"
	top pshm --sort NAME
	wait_screen ' /topheld '
	tm send-keys -t top d
	wait_screen '^remove pshm /topfree\? \[y/n\]'
	tm send-keys -t top n Down d
	wait_screen '^remove pshm /topheld\? 1 process still holds it: only the name goes \[y/n\]'
	tm send-keys -t top y
	wait_screen '^removed pshm /topheld; 1 process still holds it'
	[ ! -e /dev/shm/topheld ]
	[ -e /dev/shm/topfree ]
	pid_alive "$HOLD_PID"
}

# --- rates in --batch --------------------------------------------------------

@test "--batch frames carry the msg rates the live view shows" {
	local q out=$BATS_TEST_TMPDIR/frames
	q=$(fixture msg-create --key 0x620a)
	"$IPCTOOL" top msg --batch -n 2 -d 2 >"$out" &
	local pid=$!
	wait_until grep -q '^0x0000620a ' "$out"
	fixture msg-send "$q" 1 abcdefghij --count 20 >/dev/null
	wait "$pid"
	run cat "$out"
	assert_equal "$(grep -c '^ipctool top - ' "$out")" 2
	assert_equal "$(grep -cE '^KEY +ID +PERMS +OWNER +USEDBYTES +MSGS +USE% +LSPID +LRPID +MSGS/S +BYTES/S$' "$out")" 2
	# The first frame has no earlier sample: no rate.
	assert_equal "$(grep '^0x0000620a ' "$out" | head -1 | awk '{ print $(NF-1), $NF }')" "- -"
	# The second: 20 messages of 10 bytes in ~2 s, as ipcs counts them.
	run ipcs -q
	assert_output --regexp "0x0000620a +$q +root +644 +200 +20"
	grep '^0x0000620a ' "$out" | tail -1 | awk '{
		if (!($(NF-1) > 5 && $(NF-1) <= 20.5 && $NF / $(NF-1) > 9.9 && $NF / $(NF-1) < 10.1)) {
			print "rates: " $0; exit 1 } }'
}

@test "-A --batch frames carry each namespace's rates" {
	local out=$BATS_TEST_TMPDIR/frames self
	self=$(ns_ino self)
	fixture msg-create --key 0x620b >/dev/null
	ns_start "'$PYTHON' '$FIXTURE' msg-create --key 0x620c >/dev/null && echo ready && exec sleep 1000"
	"$IPCTOOL" top -A msg --batch -n 2 -d 2 >"$out" &
	local pid=$!
	wait_until grep -q " 0x0000620c " "$out"
	# 30 messages of 10 bytes into the other namespace's queue (id 0).
	nsenter --ipc="/proc/$NS_PID/ns/ipc" "$PYTHON" "$FIXTURE" msg-send 0 1 abcdefghij --count 30 >/dev/null
	wait "$pid"
	run nsenter --ipc="/proc/$NS_PID/ns/ipc" ipcs -q
	assert_output --regexp "0x0000620c +0 +root +644 +300 +30"
	assert_equal "$(grep -c "^====== IPC namespace $NS_INO: pid $NS_PID (sleep 1000) ======\$" "$out")" 2
	assert_equal "$(grep -cE '^ +NS KEY +ID .* MSGS/S BYTES/S$' "$out")" 4
	# Ours stayed still; theirs got ~15/s over ~2 s in the second frame.
	assert_equal "$(grep -E "^$self +0x0000620b " "$out" | awk '{ print $(NF-1), $NF }' | xargs)" "- - 0.0 0.0"
	assert_equal "$(grep -E "^$NS_INO +0x0000620c " "$out" | head -1 | awk '{ print $(NF-1), $NF }')" "- -"
	grep -E "^$NS_INO +0x0000620c " "$out" | tail -1 | awk '{
		if (!($(NF-1) > 5 && $(NF-1) <= 30.5 && $NF / $(NF-1) > 9.9 && $NF / $(NF-1) < 10.1)) {
			print "rates: " $0; exit 1 } }'
}

@test "a tab not on screen is not scanned for its costly columns until shown" {
	local log=$BATS_TEST_TMPDIR/trace
	fixture msg-create --key 0x620d >/dev/null
	fixture pshm-create /topscan 4096
	# The pshm tab shows ATTACHED (every process's maps and files); the
	# msg tab, on screen, needs no process at all.
	top_traced "$log" msg pshm -o KEY,ID,NAME,ATTACHED
	wait_screen '0x0000620d'
	# Several refreshes (each lists /dev/shm), and no process read.
	wait_until bash -c "(( \$(grep -c '\"/dev/shm\"' '$log') >= 5 ))"
	run grep -cE '"/proc/[0-9]+/(maps|fd)' "$log"
	assert_output 0
	# Shown, it is scanned: its holder, as /proc says, in ATTACHED.
	py_holder 'fd = os.open("/dev/shm/topscan", os.O_RDWR)
m = mmap.mmap(fd, 4096)'
	grep -q '/dev/shm/topscan' "/proc/$HOLD_PID/maps"
	tm send-keys -t top 2
	wait_screen "^  /topscan +$HOLD_PID\$"
	run grep -cE '"/proc/[0-9]+/(maps|fd)' "$log"
	(( output > 0 )) || fail "the shown tab read no process"
}

@test "--sort takes the rates; on types without msg it is a usage error" {
	local a b out=$BATS_TEST_TMPDIR/frames
	a=$(fixture msg-create --key 0x620e)
	b=$(fixture msg-create --key 0x620f)
	"$IPCTOOL" top msg --batch -n 2 -d 2 --sort MSGS/S >"$out" &
	local pid=$!
	wait_until grep -q '^0x0000620f ' "$out"
	fixture msg-send "$a" 1 abcdefghij --count 10 >/dev/null
	wait "$pid"
	assert_equal "$(kstat msg "$a" qnum) $(kstat msg "$b" qnum)" "10 0"
	# First frame: no rates yet, in id order; second: the still queue,
	# then the one that grew.
	assert_equal "$(grep -oE '^0x0000620[ef]' "$out" | xargs)" \
		"0x0000620e 0x0000620f 0x0000620f 0x0000620e"
	run --separate-stderr "$IPCTOOL" top shm --batch --sort BYTES/S
	assert_failure 2
	assert_output ''
	assert_equal "${stderr%%$'\n'*}" "ipctool: top: sort column does not apply to shm; it is a column of msg"
	run --separate-stderr "$IPCTOOL" top msg --batch --sort MSGS/S,NOSUCH
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "ipctool: top: unknown sort column 'NOSUCH'"
}
