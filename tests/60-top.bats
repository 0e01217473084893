#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# ipctool top: the live view driven in a tmux pane of 80x24 (keys sent
# with send-keys, the screen read back with capture-pane), and --batch
# frames read without a terminal.  Resources are made with tests/fixture
# and checked with ipcs; the screen is polled with bounded waits.

load common
load lib/tmux

setup() {
	TMUX_SOCK="ipctool-top-$$-$BATS_TEST_NUMBER-$RANDOM"
	RCFILE=$BATS_TEST_TMPDIR/rc
}

teardown() {
	tm kill-server 2>/dev/null || true
	kill_holders
	ipc_reset
}

# start_top CMD...: run CMD in an 80x24 pane through a wrapper that writes
# its exit status to $RCFILE and prints "exited N" where the UI was; wait
# for the view's title.
start_top() {
	local w=$BATS_TEST_TMPDIR/run-top
	{
		echo '#!/bin/bash'
		printf '%q ' "$@"
		echo
		echo 'rc=$?'
		echo "echo \$rc > $RCFILE"
		echo 'echo "exited $rc"'
		echo 'exec sleep 600'
	} >"$w"
	chmod 755 "$w"
	new_pane "$w"
	wait_screen '^ipctool top - '
}

# top ARGS...: start "ipctool top ARGS" in the pane, refreshing quickly.
top() {
	start_top "$IPCTOOL" top -d 0.2 "$@"
}

# top_pid: the pid of the process the wrapper runs.
top_pid() {
	local pane
	pane=$(tm display-message -p -t top '#{pane_pid}')
	ps -o pid= --ppid "$pane" | awk '{ print $1; exit }'
}

# row KEY: the screen line of the resource with that key.
row() {
	screen | grep -E -- "$1" | head -1
}

# assert_restored [RC]: the view exited RC (default 0), left the alternate
# screen, showed the cursor again and the pane shows the shell's output,
# not the UI.
assert_restored() {
	local rc=${1:-0}
	wait_screen '^exited '
	assert_equal "$(cat "$RCFILE")" "$rc"
	assert_equal "$(tm display-message -p -t top '#{alternate_on}')" 0
	assert_equal "$(tm display-message -p -t top '#{cursor_flag}')" 1
	assert_equal "$(tm display-message -p -t top '#{keypad_cursor_flag}')" 0
	run screen
	refute_output --regexp 'ipctool top - |KEY +ID'
	assert_line "exited $rc"
}

# --- the view --------------------------------------------------------------

@test "renders the population at 80x24: title, gauges, tabs, table, keys" {
	local shm msg sem line
	shm=$(fixture shm-create --key 0x1001 --size 65536 --mode 0640)
	msg=$(fixture msg-create --key 0x2001)
	sem=$(fixture sem-create --key 0x3001 --nsems 3)
	top
	wait_screen '^ +0x00001001 '
	run screen
	assert_line --index 0 --regexp "^ipctool top - $(hostname) - [0-9]{2}:[0-9]{2}:[0-9]{2} - every 0\.2s"
	# Gauges of use against the limits, as the kernel counts it.
	assert_output --regexp "shmmni +\[\|* *\] +1/$(cat /proc/sys/kernel/shmmni)"
	assert_output --regexp "msgmni +\[\|* *\] +1/$(cat /proc/sys/kernel/msgmni)"
	assert_output --regexp "semmni +\[\|* *\] +1/"
	assert_output --regexp "semmns +\[\|* *\] +3/"
	assert_line --regexp '^ 1:shm 1  2:msg 1  3:sem 1  4:pshm 0  5:pmq 0  6:psem 0 +sort:ID\^ *$'
	assert_line --regexp '^  KEY +ID +PERMS +OWNER +SIZE +NATTCH +STATUS +CTIME +CPID +LPID'
	line=$(row 0x00001001)
	[[ $line =~ ^\ +0x00001001\ +$shm\ rw-r-----\ root\ +64K\ +0\  ]] ||
		fail "shm row: '$line'"
	# The status line lists the main keys, and nothing is wider than 80.
	[[ $(screen | sed -n 24p) =~ ^q\ quit\ +\?\ help ]] || fail "no key line at the bottom"
	assert_equal "$(screen | wc -l)" 24
	run ipcs -m -i "$shm"
	assert_output --partial "shmid=$shm"
}

@test "a resource made while it runs appears marked new, then unmarked" {
	local id
	top
	wait_screen '^ 1:shm 0 '
	id=$(fixture shm-create --key 0x1002 --size 4096)
	wait_screen "^\+ +0x00001002 +$id "
	wait_screen '^ 1:shm 1 '
	# After a few refreshes it is an ordinary row.
	wait_screen "^  0x00001002 +$id "
}

@test "a removed resource lingers as a tombstone, then disappears" {
	local id
	id=$(fixture shm-create --key 0x1003 --size 4096)
	top
	wait_screen "^  0x00001003 +$id "
	fixture shm-rm "$id"
	# Its owner's name too, though no sample has it any more.
	wait_screen "^- +0x00001003 +$id +[-rw]+ +root "
	wait_screen '^ 1:shm 0 '
	wait_gone '0x00001003'
	run ipcs -m
	refute_output --partial 0x00001003
}

@test "tabs switch with 1..3, Tab and Shift-Tab" {
	fixture shm-create --key 0x1004 --size 4096 >/dev/null
	fixture msg-create --key 0x2004 >/dev/null
	fixture sem-create --key 0x3004 --nsems 2 >/dev/null
	top
	wait_screen '0x00001004'
	tm send-keys -t top 2
	wait_screen '^  KEY +ID +PERMS +OWNER +USEDBYTES +MSGS +USE% +LSPID +LRPID +MSGS/S +BYTES/S'
	wait_screen '0x00002004'
	screen_lacks '0x00001004'
	tm send-keys -t top Tab
	wait_screen '^  KEY +ID +PERMS +OWNER +NSEMS +OTIME'
	wait_screen '0x00003004'
	tm send-keys -t top BTab
	wait_screen '0x00002004'
	tm send-keys -t top 1
	wait_screen '^  KEY +ID +PERMS +OWNER +SIZE'
	wait_screen '0x00001004'
}

# row_sgr KEY: the escape-coded screen line of the resource with that key.
row_sgr() {
	screen -e | grep -a -- "$1" | head -1
}

@test "a changed cell is highlighted for one refresh" {
	local id
	id=$(fixture shm-create --key 0x1005 --size 4096)
	# Monochrome: a changed cell is underlined (SGR 4); 1 s refreshes
	# leave time to see it.
	start_top env NO_COLOR=1 "$IPCTOOL" top -d 1
	wait_screen "^  0x00001005 +$id .* 0 +[0-9:]+ +[0-9]+ +0\$"
	bg_hold shm-attach "$id" --hold
	wait_until bash -c "tmux -L $TMUX_SOCK capture-pane -e -p -t top | grep -a 0x00001005 | grep -qE $'\e\\\\[([0-9]*;)*4[;m]'"
	# NATTCH and LPID went to 1 and the holder's pid.
	wait_screen "^  0x00001005 +$id .* 1 +[0-9:]+ +[0-9]+ +$HOLD_PID\$"
	run row_sgr 0x00001005
	refute_output --regexp $'\e\\[([0-9]*;)*4[;m]0x00001005'
	# The next refresh sees no change: no underline left.
	wait_until bash -c "! tmux -L $TMUX_SOCK capture-pane -e -p -t top | grep -a 0x00001005 | grep -qE $'\e\\\\[([0-9]*;)*4[;m]'"
	screen_has "0x00001005 +$id .* 1 +[0-9:]+ +[0-9]+ +$HOLD_PID\$"
}

@test "< > change the sort column, r reverses, the selection follows the resource" {
	fixture shm-create --key 0x1011 --size 1048576 >/dev/null
	fixture shm-create --key 0x1012 --size 4096 >/dev/null
	fixture shm-create --key 0x1013 --size 65536 >/dev/null
	top
	wait_screen '0x00001013'
	# By id: creation order.
	assert_equal "$(screen | grep -oE '0x000010[0-9a-f]{2}' | xargs)" \
		"0x00001011 0x00001012 0x00001013"
	# ID -> PERMS -> OWNER -> SIZE
	tm send-keys -t top '>' '>' '>'
	wait_screen 'sort:SIZE\^'
	assert_equal "$(screen | grep -oE '0x000010[0-9a-f]{2}' | xargs)" \
		"0x00001012 0x00001013 0x00001011"
	tm send-keys -t top r
	wait_screen 'sort:SIZEv'
	assert_equal "$(screen | grep -oE '0x000010[0-9a-f]{2}' | xargs)" \
		"0x00001011 0x00001013 0x00001012"
	tm send-keys -t top '<'
	wait_screen 'sort:OWNERv'
	tm send-keys -t top '>'
	wait_screen 'sort:SIZEv'
	# Select the 64K segment (second row), then make a bigger one that
	# sorts above it: the highlight stays on 0x00001013.
	tm send-keys -t top Down
	wait_until bash -c "tmux -L $TMUX_SOCK capture-pane -e -p -t top | grep -a 0x00001013 | grep -q $'\e\\\\[[0-9;]*7[;m]'"
	fixture shm-create --key 0x1014 --size 8388608 >/dev/null
	wait_screen '0x00001014'
	assert_equal "$(screen | grep -oE '0x000010[0-9a-f]{2}' | xargs)" \
		"0x00001014 0x00001011 0x00001013 0x00001012"
	run bash -c "tmux -L $TMUX_SOCK capture-pane -e -p -t top | grep -a 0x00001013"
	assert_output --regexp $'\e\\[[0-9;]*7[;m]'
	run bash -c "tmux -L $TMUX_SOCK capture-pane -e -p -t top | grep -a 0x00001011"
	refute_output --regexp $'\e\\[[0-9;]*7[;m]'
}

@test "/ filters the rows by their text; Esc clears the filter" {
	fixture shm-create --key 0x1021 --size 4096 >/dev/null
	fixture shm-create --key 0x1022 --size 4096 --mode 0600 >/dev/null
	fixture shm-create --key 0x1023 --size 4096 >/dev/null
	top
	wait_screen '0x00001023'
	# -l: tmux would read "0x..." as a key code.
	tm send-keys -t top /
	tm send-keys -t top -l '0x00001022'
	wait_screen '^filter: 0x00001022_'
	wait_gone '0x00001021'
	screen_has '0x00001022'
	screen_lacks '0x00001023'
	tm send-keys -t top Enter
	wait_screen 'filter:0x00001022 sort:ID'
	# Any text of the row: the permissions.
	tm send-keys -t top / C-u
	tm send-keys -t top -l 'RW-------'
	wait_screen '^filter: RW-------_'
	wait_gone '0x00001021'
	screen_has '0x00001022'
	tm send-keys -t top Enter / C-u
	tm send-keys -t top -l nomatch
	tm send-keys -t top Enter
	wait_screen '\(no shm resources match the filter\)'
	tm send-keys -t top Escape
	wait_screen '0x00001021'
	wait_screen '0x00001023'
	screen_lacks 'filter:'
}

@test "Enter shows a semaphore set's values, waiters and last operator" {
	local id
	id=$(fixture sem-create --key 0x3011 --nsems 3)
	fixture sem-setval "$id" 1 7
	fixture sem-setval "$id" 2 42
	bg_hold sem-op "$id" 0 -1 --wait
	wait_until bash -c "[[ \$($PYTHON $FIXTURE stat sem $id | grep -m1 '^semncnt.0=' | cut -d= -f2) == 1 ]]"
	top sem
	wait_screen '0x00003011'
	tm send-keys -t top Enter
	wait_screen "^ show sem $id "
	# show's fields come first, its semaphore table after them.
	tm send-keys -t top End
	wait_screen '^ +SEMNUM +VALUE +NCNT +ZCNT +PID +COMMAND'
	# Values and pids as the kernel has them (fixture stat is IPC_STAT
	# plus GETVAL/GETNCNT/GETPID).
	local n val ncnt pid
	for n in 0 1 2; do
		val=$(kstat sem "$id" "semval.$n")
		ncnt=$(kstat sem "$id" "semncnt.$n")
		pid=$(kstat sem "$id" "sempid.$n")
		wait_screen "^ +$n +$val +$ncnt +0 +$pid "
	done
	assert_equal "$(kstat sem "$id" semval.2)" 42
	assert_equal "$(kstat sem "$id" semncnt.0)" 1
	# The waiter by name, as show names it: semaphore 0, to decrement.
	wait_screen "^ +$HOLD_PID +0 decrement +-1 +[^ ]*python"
	# The fields are above, as show prints them.
	tm send-keys -t top Home
	wait_screen '^ nsems: +3$'
	# Esc closes the pane.
	tm send-keys -t top Escape
	wait_screen '^  KEY +ID +PERMS +OWNER +NSEMS'
}

@test "Enter on a set of 1030 semaphores reads the first 1024 and says how many more" {
	local id
	id=$(fixture sem-create --key 0x3015 --nsems 1030)
	assert_equal "$(kstat sem "$id" nsems)" 1030
	top sem
	wait_screen '0x00003015'
	tm send-keys -t top Enter End
	wait_screen '^ +1023 +0 +0 +0 +0 -$'
	wait_screen '^ \(6 more\)$'
	screen_lacks '^ +1024 +0 '
	# show itself lists them all.
	run "$IPCTOOL" show sem "$id"
	assert_line --regexp '^ +1029 +0 +0 +0 +0 -$'
}

@test "Enter shows a queue's messages without taking them, and a segment's attachers" {
	local q s
	q=$(fixture msg-create --key 0x2011)
	fixture msg-send "$q" 5 hello-top >/dev/null
	fixture msg-send "$q" 6 second >/dev/null
	s=$(fixture shm-create --key 0x1031 --size 4096)
	bg_hold shm-attach "$s" --hold
	top
	wait_screen '0x00001031'
	tm send-keys -t top Enter End
	wait_screen '^ attached processes: 1$'
	wait_screen "^ +$HOLD_PID +root +[0-9a-f]+-[0-9a-f]+ "
	tm send-keys -t top Escape 2
	wait_screen '0x00002011'
	tm send-keys -t top Enter End
	wait_screen "^ queue use: 15 of $(kstat msg "$q" qbytes) bytes \([0-9.]+%\), 2 messages$"
	wait_screen '^ +0 +5 +9 hello-top$'
	wait_screen '^ +1 +6 +6 second$'
	# Peeking took nothing.
	assert_equal "$(kstat msg "$q" qnum)" 2
}

@test "the detail pane is show's: the USER line and full times as show prints them" {
	local s want line
	s=$(fixture shm-create --key 0x1035 --size 4096)
	# The owner as the kernel has it (IPC_STAT), by name.
	want=$(id -nu "$(kstat shm "$s" uid)")
	run "$IPCTOOL" show shm "$s"
	assert_success
	assert_line --regexp "^user: +$want$"
	top
	wait_screen '0x00001035'
	tm send-keys -t top Enter
	wait_screen "^ show shm $s "
	# Each of these lines of show's, word for word, in the pane.
	for line in "$(grep '^user:' <<<"$output")" \
	    "$(grep '^ctime:' <<<"$output")" \
	    "$(grep '^perms:' <<<"$output")"; do
		[[ -n $line ]]
		wait_screen "^ $(sed 's/[][\.*^$()+?{}|]/\\&/g' <<<"$line")$"
	done
	# A full time: weekday, month, day, clock and year, not "12:34".
	wait_screen '^ ctime: +[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]+ [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}$'
}

@test "d then n keeps the resource; d then y removes it" {
	local a b
	a=$(fixture shm-create --key 0x1041 --size 4096)
	b=$(fixture shm-create --key 0x1042 --size 4096)
	top
	wait_screen '0x00001042'
	tm send-keys -t top d
	wait_screen "^remove shm $a \(key 0x00001041\)\? \[y/n\]"
	tm send-keys -t top n
	wait_screen "^kept shm $a"
	run ipcs -m -i "$a"
	assert_success
	screen_has '0x00001041'
	tm send-keys -t top Down d
	wait_screen "^remove shm $b \(key 0x00001042\)\? \[y/n\]"
	tm send-keys -t top y
	wait_screen "^removed shm $b"
	run ipcs -m
	refute_output --partial 0x00001042
	assert_output --partial 0x00001041
	wait_gone '0x00001042'
}

@test "d on a POSIX tab: n keeps the object, y unlinks it while its holder runs" {
	fixture pshm-create /topkeep 4096
	fixture pshm-create /topgone 4096
	py_holder 'fd = os.open("/dev/shm/topgone", os.O_RDWR)
m = mmap.mmap(fd, 4096)'
	top
	tm send-keys -t top 4
	wait_screen ' /topkeep '
	tm send-keys -t top / topgone Enter
	wait_gone ' /topkeep '
	tm send-keys -t top d
	wait_screen '^remove pshm /topgone\? 1 process still holds it: only the name goes \[y/n\]'
	tm send-keys -t top n
	wait_screen '^kept pshm /topgone'
	[ -e /dev/shm/topgone ]
	tm send-keys -t top d
	wait_screen '^remove pshm /topgone\? 1 process still holds it'
	tm send-keys -t top y
	wait_screen '^removed pshm /topgone; 1 process still holds it$'
	[ ! -e /dev/shm/topgone ]
	[ -e /dev/shm/topkeep ]
	pid_alive "$HOLD_PID"
	wait_gone ' /topgone '
}

@test "d, then the object is made again under its name: y removes nothing" {
	fixture pshm-create /topswap 4096
	old=$(stat -c %i /dev/shm/topswap)
	top
	tm send-keys -t top 4
	wait_screen ' /topswap '
	tm send-keys -t top d
	wait_screen '^remove pshm /topswap\? \[y/n\]'
	# Replaced while the question is up, and sampled again meanwhile.
	rm /dev/shm/topswap
	fixture pshm-create /topswap 8192
	new=$(stat -c %i /dev/shm/topswap)
	[[ $new != "$old" ]]
	tm send-keys -t top y
	wait_screen '^pshm /topswap was made again since d: not removed'
	assert_equal "$(stat -c %i /dev/shm/topswap)" "$new"
	# The same for a segment whose id came to name another one.
	id=$(fixture shm-create --key 0x5a5a)
	tm send-keys -t top 1
	wait_screen "^ *0x00005a5a +$id "
	tm send-keys -t top d
	wait_screen "^remove shm $id "
	fixture shm-rm "$id"
	echo "$id" >/proc/sys/kernel/shm_next_id
	assert_equal "$(fixture shm-create --key 0x5a5b)" "$id"
	tm send-keys -t top y
	wait_screen "^shm $id now names another resource \(key 0x00005a5b\)"
	assert_equal "$(kstat shm "$id" key)" 0x00005a5b
}

@test "q leaves the alternate screen and exits 0" {
	top
	wait_screen '^ 1:shm'
	assert_equal "$(tm display-message -p -t top '#{alternate_on}')" 1
	tm send-keys -t top q
	assert_restored
}

@test "SIGTERM, SIGHUP and Ctrl-C restore the terminal and exit 128+n" {
	local sig pid rc
	for sig in TERM HUP INT; do
		tm kill-server 2>/dev/null || true
		top
		wait_screen '^ 1:shm'
		pid=$(top_pid)
		[[ -n $pid ]] || fail "no top process"
		if [[ $sig == INT ]]; then
			tm send-keys -t top C-c
		else
			kill -"$sig" "$pid"
		fi
		rc=$((128 + $(kill -l "$sig")))
		assert_restored "$rc"
		! pid_alive "$pid" || fail "top still runs after SIG$sig"
	done
}

@test "a resize keeps it running and redraws at the new size" {
	fixture shm-create --key 0x1051 --size 4096 >/dev/null
	top
	wait_screen '0x00001051'
	tm resize-window -t top -x 100 -y 30
	wait_until bash -c "[[ \$(tmux -L $TMUX_SOCK capture-pane -p -t top | wc -l) == 30 ]]"
	# The status line moved to the new last line; the table is redrawn.
	wait_until bash -c "tmux -L $TMUX_SOCK capture-pane -p -t top | sed -n 30p | grep -q '^q quit'"
	wait_screen '^  KEY +ID +PERMS'
	screen_has '0x00001051'
	pid_alive "$(top_pid)"
	tm resize-window -t top -x 80 -y 24
	wait_until bash -c "tmux -L $TMUX_SOCK capture-pane -p -t top | sed -n 24p | grep -q '^q quit'"
	tm send-keys -t top q
	assert_restored
}

# sgr_colours: the SGR colour codes (30-38, 40-48, 90-97, 100-107) in the
# pane's escape sequences, one per line.  39 and 49 ("default colour")
# are left out: capture-pane -e writes them itself after every reset.
sgr_colours() {
	screen -e | grep -aoE $'\e\\[[0-9;]*m' |
		tr -d $'\e[m' | tr ';' '\n' | grep -E '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$' || true
}

@test "colours by default; none with NO_COLOR or --color=never" {
	fixture shm-create --key 0x1061 --size 4096 >/dev/null
	# Positive control: a new row is drawn in colour.
	top
	wait_screen '^  0x00001061'
	fixture shm-create --key 0x1062 --size 4096 >/dev/null
	wait_screen '^\+ +0x00001062'
	[[ -n $(sgr_colours) ]] || fail "no colour codes at all: the check would prove nothing"
	tm kill-server
	start_top env NO_COLOR=1 "$IPCTOOL" top -d 0.2
	wait_screen '^  0x00001062'
	fixture shm-create --key 0x1063 --size 4096 >/dev/null
	wait_screen '^\+ +0x00001063'
	run sgr_colours
	assert_output ''
	# Still marked without colour: bold and reverse are attributes.
	run screen -e
	assert_output --regexp $'\e\\[[0-9;]*7[;m]'
	tm kill-server
	start_top "$IPCTOOL" --color=never top -d 0.2
	fixture shm-create --key 0x1064 --size 4096 >/dev/null
	wait_screen '^\+ +0x00001064'
	run sgr_colours
	assert_output ''
}

@test "runs unprivileged: shows what it can read, refuses what it cannot do" {
	local shm sem
	shm=$(fixture shm-create --key 0x1071 --size 4096 --mode 0600)
	sem=$(fixture sem-create --key 0x3071 --nsems 2 --mode 0600)
	start_top setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$IPCTOOL" top -d 0.2
	wait_screen "^  0x00001071 +$shm rw------- root "
	assert_equal "$(ps -o uid= -p "$(top_pid)" | tr -d ' ')" 65534
	tm send-keys -t top d
	wait_screen "^remove shm $shm"
	tm send-keys -t top y
	wait_screen "^cannot remove shm $shm: Operation not permitted"
	run ipcs -m -i "$shm"
	assert_success
	tm send-keys -t top 3
	wait_screen '0x00003071'
	tm send-keys -t top Enter End
	wait_screen '^ +0 +- +- +- +- unreadable: Permission denied$'
	wait_screen '^ +1 +- +- +- +- unreadable: Permission denied$'
	tm send-keys -t top Escape q
	assert_restored
}

@test "per-queue rates: messages and bytes per second from successive samples" {
	local q
	q=$(fixture msg-create --key 0x2021)
	start_top "$IPCTOOL" top msg -d 1
	wait_screen '0x00002021'
	fixture msg-send "$q" 1 abcdefghij --count 20 >/dev/null
	# 20 messages of 10 bytes within one interval of ~1 s: a positive
	# rate of about 20/s and 200 B/s on the next refresh.
	wait_until bash -c "tmux -L $TMUX_SOCK capture-pane -p -t top | awk '/0x00002021/ { exit !(\$(NF-1) > 5 && \$NF > 50 && \$NF / \$(NF-1) > 9.9 && \$NF / \$(NF-1) < 10.1) }'" || {
		screen
		false
	}
	# Then the queue is steady again.
	wait_until bash -c "tmux -L $TMUX_SOCK capture-pane -p -t top | awk '/0x00002021/ { exit !(\$(NF-1) == 0 && \$NF == 0) }'"
	screen_has '0x00002021 .* 200B +20 '
}

@test "? lists every key; any key closes the help; space pauses" {
	top
	wait_screen '^ 1:shm'
	tm send-keys -t top '?'
	wait_screen '^ keys - any key closes this help'
	local k
	for k in 'q ' '\? h' 'Tab S-Tab' '1\.\.6' 'Enter' 'd Delete' '/' '< >' 'r ' 'Space' '\+ -'; do
		screen_has "^  $k" || fail "help lacks '$k'"
	done
	tm send-keys -t top x
	wait_screen '^  KEY +ID'
	tm send-keys -t top Space
	wait_screen ' - PAUSED$'
	tm send-keys -t top Space
	wait_gone 'PAUSED'
	tm send-keys -t top +
	wait_screen '^refresh every 0\.5s'
	wait_screen 'every 0\.5s'
}

# --- --batch ---------------------------------------------------------------

@test "--batch prints N frames of the population, as list prints tables" {
	local shm msg sem
	shm=$(fixture shm-create --key 0x1081 --size 8192)
	msg=$(fixture msg-create --key 0x2081)
	sem=$(fixture sem-create --key 0x3081 --nsems 4)
	run "$IPCTOOL" top --batch -n 3 -d 0
	assert_success
	assert_equal "$(grep -c '^ipctool top - ' <<<"$output")" 3
	assert_line --index 0 --regexp "^ipctool top - $(hostname) - [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} - shm 1, msg 1, sem 1, pshm 0, pmq 0, psem 0$"
	assert_equal "$(grep -c '^------ Shared Memory Segments ------$' <<<"$output")" 3
	assert_equal "$(grep -cE "^0x00001081 +$shm rw-r--r-- root +8K +0 " <<<"$output")" 3
	assert_equal "$(grep -cE "^0x00002081 +$msg rw-r--r-- root +0B +0 " <<<"$output")" 3
	assert_equal "$(grep -cE "^0x00003081 +$sem rw-r--r-- root +4 " <<<"$output")" 3
	# One frame is list's output after the header line (the msg tab's
	# USE% and rates are 62-top-cols.bats's).
	run "$IPCTOOL" top --batch shm sem pshm pmq psem
	assert_success
	assert_equal "$(grep -c '^ipctool top - ' <<<"$output")" 1
	assert_equal "$(tail -n +2 <<<"$output")" "$("$IPCTOOL" list shm sem pshm pmq psem)"
	# Keys and ids as ipcs has them.
	run ipcs -m
	assert_output --regexp "0x00001081 +$shm "
}

@test "--batch takes a type, filters and --sort" {
	fixture shm-create --key 0x1091 --size 1048576 >/dev/null
	fixture shm-create --key 0x1092 --size 4096 >/dev/null
	fixture shm-create --key 0x1093 --size 65536 --mode 0600 >/dev/null
	run "$IPCTOOL" top shm --batch --sort SIZE
	assert_success
	assert_line --index 0 --regexp ' - shm 3$'
	assert_equal "$(grep -oE '^0x000010[0-9a-f]{2}' <<<"$output" | xargs)" \
		"0x00001092 0x00001093 0x00001091"
	run "$IPCTOOL" top -m --batch --key 0x1093
	assert_success
	assert_line --index 0 --regexp ' - shm 1$'
	assert_equal "$(grep -oE '^0x000010[0-9a-f]{2}' <<<"$output" | xargs)" 0x00001093
}

@test "--batch -d waits between frames; decimals are allowed" {
	local t0 t1
	t0=$(date +%s%N)
	run "$IPCTOOL" top --batch -n 3 -d 0.3
	t1=$(date +%s%N)
	assert_success
	assert_equal "$(grep -c '^ipctool top - ' <<<"$output")" 3
	(((t1 - t0) / 1000000 >= 600)) || fail "3 frames 0.3 s apart took $(((t1 - t0) / 1000000)) ms"
	run "$IPCTOOL" top --batch -n 2 --delay=.25
	assert_success
	run "$IPCTOOL" top --batch --iterations=2 -d 1.5 -d 0
	assert_success
	assert_equal "$(grep -c '^ipctool top - ' <<<"$output")" 2
}

@test "malformed -d and -n: exit 2, nothing on stdout" {
	local d n
	for d in '' x -1 1x 0x10 1e3 inf nan ' 1' '1 ' 1.2345 1..2 . 1,5 86401 99999999999999999999; do
		run --separate-stderr "$IPCTOOL" top --batch -d "$d"
		assert_failure 2
		assert_output ''
		[[ $stderr == *"invalid delay '$d'"* ]] || fail "-d '$d': $stderr"
	done
	for n in '' x -1 1.5 +1 ' 1' 0x10 99999999999999999999 1000000001; do
		run --separate-stderr "$IPCTOOL" top --batch -n "$n"
		assert_failure 2
		assert_output ''
		[[ $stderr == *"invalid number of frames '$n'"* ]] || fail "-n '$n': $stderr"
	done
	run --separate-stderr "$IPCTOOL" top --batch -d
	assert_failure 2
	assert_output ''
	run --separate-stderr "$IPCTOOL" top --batch nosuchtype
	assert_failure 2
	assert_output ''
	run --separate-stderr "$IPCTOOL" top --batch --sort NOSUCH
	assert_failure 2
	assert_output ''
	run --separate-stderr "$IPCTOOL" top --batch --key 0xzz
	assert_failure 2
	assert_output ''
	run --separate-stderr "$IPCTOOL" top --batch -o KEY,NOSUCH
	assert_failure 2
	assert_output ''
	# The interactive view refreshes at most every 0.1 s.
	run --separate-stderr "$IPCTOOL" top -d 0
	assert_failure 2
	assert_output ''
	assert_equal "$stderr" "ipctool: top: invalid delay '0': the interactive view refreshes at most every 0.1 seconds
Try 'ipctool top --help' for more information."
}

@test "TERM=dumb or unset: refused, like no terminal, nothing drawn" {
	local term w=$BATS_TEST_TMPDIR/run-dumb
	for term in dumb unset; do
		tm kill-server 2>/dev/null || true
		rm -f "$RCFILE"
		{
			echo '#!/bin/bash'
			if [[ $term == unset ]]; then
				echo 'unset TERM'
			else
				echo "export TERM=$term"
			fi
			printf '%q top -d 0.2\n' "$IPCTOOL"
			echo "echo \$? > $RCFILE"
			echo 'exec sleep 600'
		} >"$w"
		chmod 755 "$w"
		new_pane "$w"
		wait_until test -s "$RCFILE"
		assert_equal "$(cat "$RCFILE")" 1
		# -J: the message as one line, though wider than the pane.
		run screen -J
		assert_line --index 0 "ipctool: top: cannot use the terminal '${term/unset/}' (it needs cursor addressing; use --batch for text)"
		refute_output --regexp 'ipctool top - |KEY +ID|shm'
	done
}

@test "without a terminal it says to use --batch and exits 1" {
	run --separate-stderr "$IPCTOOL" top </dev/null
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" "ipctool: top: the interactive view needs a terminal (use --batch for text)"
}
