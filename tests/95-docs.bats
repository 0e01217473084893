#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# The docs agree with the code.  The source of truth is the code itself:
# the command table (.name, .alias), each command's option tables (the
# struct cmd_option tables its entry's .options sections name, the shared
# groups of cmd.c included), the global options table of cmd.c, --list-columns, the metrics families and the
# exit statuses the binary really returns.  Every command and every option
# (short and long) must appear in the command's --help, in the command's
# section of the man page, and be offered by the bash, zsh and fish
# completions for that command, which are run for real: bash through its
# completion function, zsh through a pseudo-terminal (zpty) with compinit,
# fish through `complete -C`.  Live ids, keys and POSIX names come from
# resources made by tests/fixture in this test's namespace.
#
# Needs zsh and fish installed (apt-get install zsh fish): a missing shell
# fails the test rather than skipping it.

load common

DOCS=$BATS_TEST_DIRNAME/..
SRC=$DOCS/src
MAN=$DOCS/man/ipctool.1
BASH_C=$DOCS/completions/ipctool
ZSH_C=$DOCS/completions/_ipctool
FISH_C=$DOCS/completions/ipctool.fish

# Options a table accepts only to refuse them with a better message
# (rm takes -a to say "use --all"): not documented as options.
REFUSED="rm:-a"

# Options documented from SPEC before the code that parses them is merged.
# Each must NOT be in the option tables yet: once it is, this test says to
# drop it from this list.  None now.
PENDING=""

setup_file() {
	local bin=$BATS_FILE_TMPDIR/bin
	mkdir -p "$bin"
	# The completions run "ipctool" by the name typed: make it this one.
	ln -sf "$(readlink -f "$IPCTOOL")" "$bin/ipctool"
	export DOCS_BIN=$bin
	write_zsh_capture "$BATS_FILE_TMPDIR/capture.zsh"
	export ZSH_CAPTURE=$BATS_FILE_TMPDIR/capture.zsh
}

# --- what the code says -------------------------------------------------

# commands: the command names from the command table's sources.
commands() {
	sed -n 's/^[[:space:]]*\.name = "\([a-z]*\)",.*/\1/p' "$SRC"/cmd-*.c |
		sort -u
}

# aliases: the aliases of the command table.
aliases() {
	sed -n 's/^[[:space:]]*\.alias = "\([a-z]*\)",.*/\1/p' "$SRC"/cmd-*.c |
		sort -u
}

# src_file CMD: the source that holds CMD's entry.
src_file() {
	echo "$SRC/cmd-$1.c"
}

# table_options TABLE: the options of one struct cmd_option table, wherever
# in src/ it is defined: -x for each letter, --name for each long name.
table_options() {
	local t
	t=$(sed -n "/^\\(static \\)\\{0,1\\}const struct cmd_option $1\\[\\] = {/,/^};/p" "$SRC"/*.c)
	sed -n "s/^[[:space:]]*{ '\\(.\\)', .*/-\\1/p" <<<"$t"
	sed -n 's/^[[:space:]]*{ [^,]*, "\([a-z-]*\)",.*/--\1/p' <<<"$t"
}

# section_options SECTIONS FILE: the options of every table the struct
# cmd_optsec array SECTIONS of FILE names.
section_options() {
	local t
	for t in $(sed -n "/^\\(static \\)\\{0,1\\}const struct cmd_optsec $1\\[\\] = {/,/^};/p" "$2" |
		tr '\n' ' ' | grep -o ',[[:space:]]*[a-z_]* }' | tr -d ', }'); do
		table_options "$t"
	done
}

# src_options CMD: every option of CMD's option tables, one a line: the
# tables its entry's .options sections name, shared groups included.
src_options() {
	local f secs
	f=$(src_file "$1")
	[[ -f $f ]] || return 0
	secs=$(sed -n '/^const struct cmd_entry cmd_'"$1"'_entry = {/,/^};/p' "$f" |
		sed -n 's/^[[:space:]]*\.options = \([a-z_]*\),/\1/p')
	[[ -n $secs ]] || return 0
	section_options "$secs" "$f"
}

# options CMD: the options CMD documents and completes: its getopt tables,
# without the refused ones, with the pending ones.
options() {
	local o
	{
		src_options "$1"
		for o in $PENDING; do
			[[ ${o%%:*} == "$1" ]] && echo "${o#*:}"
		done
	} | sort -u | while read -r o; do
		[[ " $REFUSED " == *" $1:$o "* ]] || printf '%s\n' "$o"
	done
}

# global_options: what cmd.c's option table takes before the command.
global_options() {
	section_options global_options "$SRC/cmd.c" | sort -u
}

# types: the type words.
TYPES="shm msg sem pshm pmq psem"

# columns TYPE: the column names --list-columns gives.
columns() {
	"$IPCTOOL" list "$1" --list-columns | awk '{ print $1 }'
}

# --- what the docs say --------------------------------------------------

# man_section TITLE-REGEX: the man page lines from a .SH or .SS title to
# the next one.
man_section() {
	awk -v re="$1" '
		/^\.S[SH] / { on = ($0 ~ re) }
		on' "$MAN"
}

# man_tags: the item tags (the line after each .TP) of stdin: where an
# option is documented, not just mentioned.
man_tags() {
	awk 'tag { print; tag = 0 } /^\.TP/ { tag = 1 }'
}

# man_command CMD: the item tags of CMD's section, with those of FILTERS
# when it refers to them and of TYPES (the type flags) when it refers to
# those.
man_command() {
	local s
	s=$(man_section "^\\.SS $1( |\$)")
	man_tags <<<"$s"
	[[ $s == *FILTERS* ]] && man_section '^\.SH FILTERS' | man_tags
	[[ $s == *TYPES* || $s == *'(\-m)'* ]] && man_section '^\.SH TYPES' | man_tags
	return 0
}

# man_has OPTION: stdin (man source) documents OPTION, written \-x or
# \-\-name and not as part of a longer option.
man_has() {
	# In roff every - of an option is \-: --key-file is \-\-key\-file.
	local pat=${1//-/\\\\-}
	[[ $1 == --* ]] || pat="(^|[^-])$pat"
	grep -qE -- "$pat"'([^A-Za-z0-9\\-]|\\[^-]|$)'
}

# help_has OPTION: stdin (--help) shows OPTION as an option.
help_has() {
	grep -qE -- "(^|[ ,(\\[])$1([] ,)=\\[]|$)"
}

# bash_complete WORD...: what the bash completion offers for the last word.
bash_complete() {
	(
		PATH=$DOCS_BIN:$PATH
		# shellcheck source=/dev/null
		source "$BASH_C"
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		COMPREPLY=()
		_ipctool ipctool "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf '%s\n' "${COMPREPLY[@]}"
	)
}

# fish_complete LINE...: what the fish completion offers at the end of
# each LINE, after a "== LINE" line each (one fish for all).
fish_complete() {
	PATH=$DOCS_BIN:$PATH fish --no-config -c 'source $argv[1]
		for l in $argv[2..-1]
			echo "== $l"
			complete -C"$l" | string replace -r "\t.*" ""
		end' "$FISH_C" "$@"
}

# answer LINE: from a *_complete output on stdin, what LINE got.
answer() {
	awk -v l="== $1" '/^== / { on = ($0 == l); next } on'
}

# zsh_complete LINE...: what the zsh completion offers at the end of each
# LINE (TAB typed in one interactive zsh on a pseudo-terminal), after a
# "== LINE" line each.
zsh_complete() {
	PATH=$DOCS_BIN:$PATH timeout 120 zsh -f "$ZSH_CAPTURE" "$DOCS/completions" "$@"
}

# write_zsh_capture FILE: the zpty script zsh_complete runs.
write_zsh_capture() {
	cat >"$1" <<'EOF'
# capture.zsh DIR LINE...: the matches zsh's completion adds for each LINE.
zmodload zsh/zpty || exit 1
dir=$1
typeset -a hits
zpty z zsh -f -i
zpty -w z "PS1='' PROMPT=''; unsetopt zle_bracketed_paste 2>/dev/null; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D; unsetopt autolist listambiguous; LISTMAX=100000"
zpty -w z 'compadd () { local -a __h; builtin compadd -O __h "$@"; local x; for x in $__h; do print -r -- "<HIT>$x"; done; builtin compadd "$@" }'
zpty -w z 'print -r -- "<RE""ADY>"'
# wait_for MARK: read until a line starts with MARK (not its echo), 20 s.
wait_for() {
	local i l
	for i in {1..400}; do
		while zpty -r -t z l; do
			[[ $l == "$1"* ]] && return 0
			[[ $l == *'<HIT>'* ]] && hits+=(${${l#*<HIT>}%%$'\r'*})
		done
		sleep 0.05
	done
	return 1
}
wait_for '<READY>' || { print -u2 "capture.zsh: zsh did not start"; exit 1 }
for line in $argv[2,-1]; do
	hits=()
	zpty -w -n z "$line"$'\t'
	zpty -w z $'\C-e\C-u''print -r -- "<DO""NE>"'
	wait_for '<DONE>' || { print -u2 "capture.zsh: no answer to TAB after '$line'"; exit 1 }
	print -r -- "== $line"
	(( $#hits )) && print -rl -- ${(u)hits}
done
zpty -d z
EOF
}

# need SHELL: fail (not skip) when a shell the completions are for is missing.
need() {
	command -v "$1" >/dev/null ||
		fail "$1 is not installed: the $1 completion cannot be checked (apt-get install $1)"
}

# has_line WORD: stdin has a line equal to WORD.
has_line() {
	grep -qxF -- "$1"
}

# in_lines WORD TEXT: TEXT has a line equal to WORD (no fork).
in_lines() {
	[[ $'\n'$2$'\n' == *$'\n'"$1"$'\n'* ]]
}

# --- the tests ----------------------------------------------------------

@test "the code gives commands, options and columns to check" {
	# Guards against a parser above that silently finds nothing.
	run commands
	assert_success
	for c in create help limits list metrics rm show top; do
		assert_line "$c"
	done
	run options list
	for o in -o --output -A --all-namespaces -k --key --stale -m --time-format; do
		assert_line -- "$o"
	done
	refute_line -- '-:'
	run options rm
	assert_line -- --dry-run
	assert_line -- -i
	refute_line -- -a
	run global_options
	for o in -h --help -V --version -N --namespace --color; do
		assert_line -- "$o"
	done
	run columns shm
	assert_line NATTCH
}

@test "the global help lists every command of the table, and only those" {
	run bash -c "'$IPCTOOL' --help | sed -n '/^Commands:/,/^\$/p' | awk 'NR > 1 && NF { print \$1 }' | sort"
	assert_success
	assert_output "$(commands)"
}

@test "every command answers --help and help COMMAND alike" {
	for c in $(commands); do
		run "$IPCTOOL" "$c" --help
		assert_success
		local a=$output
		run "$IPCTOOL" help "$c"
		assert_success
		assert_equal "$output" "$a"
	done
}

@test "refused and pending options are what they say" {
	# rm -a is refused with exit 2 (so it stays out of the docs).
	run "$IPCTOOL" rm -a --all --dry-run
	assert_failure 2
	assert_output --partial -- '--all'
	local o
	for o in $PENDING; do
		if src_options "${o%%:*}" | has_line "${o#*:}"; then
			fail "${o#*:} of ${o%%:*} is in the option tables now: drop '$o' from PENDING in ${BATS_TEST_FILENAME##*/}"
		fi
	done
}

@test "every option of every command is in its --help" {
	local c o help
	for c in $(commands); do
		help=$("$IPCTOOL" "$c" --help)
		for o in $(src_options "$c"); do
			[[ " $REFUSED " == *" $c:$o "* ]] && continue
			# help's own help gives no options (see the reply to #7).
			help_has "$o" <<<"$help" || fail "'ipctool $c --help' lacks $o"
		done
	done
	help=$("$IPCTOOL" --help)
	for o in $(global_options); do
		help_has "$o" <<<"$help" || fail "'ipctool --help' lacks $o"
	done
}

# help_lines: the options of the option lines of a --help on stdin.
help_lines() {
	local h
	h=$(cat)
	sed -nE 's/^  (-[A-Za-z], |    )(--[a-z-]+).*/\2/p' <<<"$h"
	sed -nE 's/^  (-[A-Za-z])[, ].*/\1/p' <<<"$h"
}

@test "every option line of every --help comes from the option tables" {
	# The lines are printed from the tables; one written into a help text
	# by hand would not be parsed.
	local c o help
	for c in $(commands); do
		help=$("$IPCTOOL" "$c" --help)
		for o in $(help_lines <<<"$help"); do
			src_options "$c" | has_line "$o" ||
				fail "'ipctool $c --help' gives $o, which $c's option tables lack"
		done
	done
	help=$("$IPCTOOL" --help)
	for o in $(help_lines <<<"$help"); do
		global_options | has_line "$o" || fail "'ipctool --help' gives $o, which the global table lacks"
	done
}

@test "every command and alias has its place in the man page" {
	local c
	for c in $(commands); do
		grep -qE "^\\.SS $c( |\$)" "$MAN" || fail "man page lacks a section for '$c'"
	done
	for c in $(aliases); do
		man_section '^\.SS ' | grep -qE "^\\.BR? $c( |\$)" ||
			fail "man page does not give the alias '$c'"
	done
}

@test "every option of every command is in its man page section" {
	local c o sec
	for c in $(commands); do
		sec=$(man_command "$c")
		for o in $(options "$c"); do
			man_has "$o" <<<"$sec" || fail "man page section '$c' lacks $o"
		done
	done
	sec=$(man_section '^\.SH GLOBAL OPTIONS' | man_tags)
	for o in $(global_options); do
		man_has "$o" <<<"$sec" || fail "man page GLOBAL OPTIONS lacks $o"
	done
}

@test "every column of every type is in the man page, with its types" {
	local t c sec all=
	sec=$(man_section '^\.SH COLUMNS')
	for t in $TYPES; do
		for c in $(columns "$t"); do
			grep -qxF ".B $c" <<<"$sec" || fail "man page COLUMNS lacks $c ($t)"
			all+=" $c "
		done
	done
	# And no column the binary does not have.
	for c in $(sed -n 's/^\.B \([A-Z%]*\)$/\1/p' <<<"$sec"); do
		[[ $all == *" $c "* ]] || fail "man page COLUMNS has $c, which no type has"
	done
}

@test "the man page gives every exit status, and they are the real ones" {
	local sec s
	sec=$(man_section '^\.SH EXIT STATUS')
	for s in 0 1 2; do
		grep -qxF ".B $s" <<<"$sec" || fail "man page EXIT STATUS lacks $s"
	done
	# The statuses a --help names are in the man page too.
	for c in $(commands); do
		for s in $("$IPCTOOL" "$c" --help | sed -n '/Exit status/,$p' | grep -oE '\b[0-9]\b'); do
			grep -qxF ".B $s" <<<"$sec" || fail "'$c --help' names exit status $s; the man page does not"
		done
	done
	# Nothing more than those.
	run bash -c "grep -c '^\.B [0-9]' <<<'$sec'"
	assert_output 3
	# And they are what the binary returns.
	run "$IPCTOOL" list shm
	assert_success
	run "$IPCTOOL" show shm 2147483647
	assert_failure 1
	run "$IPCTOOL" list --no-such-option
	assert_failure 2
	assert_output --partial 'no-such-option'
}

@test "every metrics family is in the man page" {
	local sec m
	sec=$(man_section '^\.SH METRICS')
	fixture shm-create --size 4096 >/dev/null
	for m in $("$IPCTOOL" metrics -A --stale | sed -n 's/^# TYPE \([a-z_]*\) .*/\1/p'); do
		grep -qE "(^|[ ,])$m([ ,{]|\$)" <<<"$sec" || fail "man page METRICS lacks $m"
	done
}

@test "every key of top's live view is in the man page" {
	local sec k
	sec=$(man_section '^\.SS top ')
	# The keys' names as the view's own help gives them (tui.c's table).
	while read -r k; do
		case $k in
		'^R') k=Ctrl-R ;;
		'^L') k=Ctrl-L ;;
		S-Tab) k=Shift-Tab ;;
		esac
		grep -qE -- "(^|[ \"])\\\\?${k//[.?+\/]/\\&}([ \",]|\$)" <<<"$sec" ||
			fail "man page top section lacks the key '$k'"
	done < <(sed -n 's/^[[:space:]]*{ [^,]*, "\([^"]*\)", ".*/\1/p' "$SRC/tui.c" | tr ' ' '\n' | sort -u)
}

@test "the man page renders without warnings (groff -ww, man -l)" {
	run bash -c "groff -man -ww -z '$MAN' 2>&1"
	assert_success
	assert_output ''
	command -v man >/dev/null || fail "man is not installed (apt-get install man-db)"
	run bash -c "MANWIDTH=80 man -l '$MAN' 2>&1 >/dev/null"
	assert_success
	assert_output ''
}

@test "bash completes every command, alias and global option" {
	local c o
	run bash_complete ipctool ''
	assert_success
	for c in $(commands) $(aliases); do
		assert_line "$c"
	done
	run bash_complete ipctool -
	for o in $(global_options); do
		assert_line -- "$o"
	done
}

@test "bash completes every option of each command, and only its own" {
	local c o got want
	for c in $(commands); do
		got=$(bash_complete ipctool "$c" -)
		want=$(options "$c")
		for o in $want; do
			in_lines "$o" "$got" || fail "bash: 'ipctool $c -<TAB>' lacks $o"
		done
		for o in $got; do
			in_lines "${o%=}" "$want" || fail "bash: 'ipctool $c -<TAB>' offers $o, which $c does not have"
		done
	done
}

@test "bash completes types, columns and --time-format values that work" {
	run bash_complete ipctool list ''
	for t in $TYPES sysv posix all; do
		assert_line "$t"
	done
	for t in $TYPES; do
		run bash_complete ipctool list "$t" -o ''
		assert_output "$(columns "$t")"
	done
	run bash_complete ipctool list -o KEY,NA
	assert_output $'KEY,NAME\nKEY,NATTCH'
	run bash_complete ipctool list shm -o +AT
	assert_output $'+ATTACH\n+ATTACHED'
	run bash_complete ipctool list --time-format ''
	assert_output $'short\nfull\niso\nrelative'
	local v
	for v in $output; do
		"$IPCTOOL" list --time-format "$v" >/dev/null || fail "--time-format $v is completed but refused"
	done
	run bash_complete ipctool list --time-format = i
	assert_output iso
	run bash_complete ipctool --color = ''
	assert_output $'auto\nalways\nnever'
	run bash_complete ipctool help ''
	for c in $(commands); do
		assert_line "$c"
	done
}

@test "bash completes live ids, keys and POSIX names for show and rm" {
	local a b q
	a=$(fixture shm-create --key 0x4a11 --size 4096)
	b=$(fixture shm-create --size 100)
	q=$(fixture msg-create --key 0x51)
	fixture psem-create /docs.sem 1
	fixture pmq-create /docs.q
	# The ids as the kernel lists them, not as ipctool does.
	local ids
	ids=$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm | sort -n)
	assert_equal "$(sort -n <<<"$ids" | tr '\n' ' ')" "$(printf '%s\n' "$a" "$b" | sort -n | tr '\n' ' ')"

	run bash_complete ipctool rm shm ''
	assert_output "$ids"
	run bash_complete ipctool rm -m ''
	assert_output "$ids"
	run bash_complete ipctool show shm ''
	assert_output "$ids"
	run bash_complete ipctool info shm "$b"
	assert_output "$b"
	run bash_complete ipctool show msg ''
	assert_output "$q"
	run bash_complete ipctool rm shm --key ''
	assert_line 0x00004a11
	assert_line 0x00000000
	run bash_complete ipctool show shm -k 0x00004a
	assert_output 0x00004a11
	run bash_complete ipctool list shm --id ''
	assert_output "$ids"
	run bash_complete ipctool show psem ''
	assert_output /docs.sem
	run bash_complete ipctool rm pmq ''
	assert_output /docs.q
	# A show takes one id.
	run bash_complete ipctool show shm "$a" ''
	assert_output ''
	# Another namespace's ids with -N: this one's, through pid 1 of it.
	run bash_complete ipctool -N 1 rm shm ''
	assert_output "$ids"
	# A bad -N, or no ipctool at all: nothing, and quietly.
	run --separate-stderr bash_complete ipctool -N 999999999 rm shm ''
	assert_output ''
	assert_equal "$stderr" ''
	run --separate-stderr bash -c "PATH=/nonexistent; source '$BASH_C'; COMP_WORDS=(ipctool rm shm ''); COMP_CWORD=3; _ipctool; echo \"[\${COMPREPLY[*]}]\""
	assert_output '[]'
	assert_equal "$stderr" ''
}

# check_shell NAME OUT: the answers (OUT, from zsh_complete or
# fish_complete over shell_lines) against the code and the fixtures.
check_shell() {
	local sh=$1 out=$2 c o got want
	got=$(answer 'ipctool ' <<<"$out")
	for c in $(commands) $(aliases); do
		in_lines "$c" "$got" || fail "$sh: 'ipctool <TAB>' lacks $c"
	done
	got=$(answer 'ipctool -' <<<"$out")
	for o in $(global_options); do
		in_lines "$o" "$got" || fail "$sh: 'ipctool -<TAB>' lacks $o"
	done
	for c in $(commands); do
		got=$(answer "ipctool $c -" <<<"$out")
		want=$(options "$c")
		for o in $want; do
			in_lines "$o" "$got" || fail "$sh: 'ipctool $c -<TAB>' lacks $o"
		done
		for o in $got; do
			in_lines "$o" "$want" || fail "$sh: 'ipctool $c -<TAB>' offers $o, which $c does not have"
		done
	done
	got=$(answer "ipctool list --time-format$3" <<<"$out")
	assert_equal "$(sort <<<"$got" | sed 's/^--time-format=//')" "$(printf '%s\n' full iso relative short)"
	got=$(answer 'ipctool list shm -o ' <<<"$out")
	assert_equal "$(sort <<<"$got")" "$(columns shm | sort)"
	got=$(answer 'ipctool rm shm ' <<<"$out")
	assert_equal "$got" "$LIVE_ID"
	got=$(answer 'ipctool rm shm --key ' <<<"$out")
	assert_equal "$(sort <<<"$got")" $'0x00000000\n0x00004a12'
	got=$(answer 'ipctool show psem ' <<<"$out")
	assert_equal "$got" /docs.sem
	got=$(answer 'ipctool info pmq ' <<<"$out")
	assert_equal "$got" /docs.q
}

# shell_lines SEP: the lines check_shell wants answered; SEP follows
# --time-format (= or a space).
shell_lines() {
	local c
	printf '%s\n' 'ipctool ' 'ipctool -' "ipctool list --time-format$1" \
		'ipctool list shm -o ' 'ipctool rm shm ' 'ipctool rm shm --key ' \
		'ipctool show psem ' 'ipctool info pmq '
	for c in $(commands); do
		echo "ipctool $c -"
	done
}

# live_fixtures: a private segment and one with a key, a POSIX semaphore
# and queue; LIVE_ID is the segment with the key 0x4a12.
live_fixtures() {
	fixture shm-create --size 100 >/dev/null
	LIVE_ID=$(fixture shm-create --key 0x4a12 --size 4096)
	fixture psem-create /docs.sem 1
	fixture pmq-create /docs.q
	LIVE_ID=$(printf '%s\n' "$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm | sort -n)")
}

@test "the zsh completion parses and completes commands, options and live ids" {
	need zsh
	run zsh -n "$ZSH_C"
	assert_success
	live_fixtures
	local out lines
	mapfile -t lines < <(shell_lines =)
	out=$(zsh_complete "${lines[@]}") || fail "zsh capture failed: $out"
	check_shell zsh "$out" =
}

@test "the fish completion parses and completes commands, options and live ids" {
	need fish
	run fish --no-execute "$FISH_C"
	assert_success
	live_fixtures
	local out lines
	mapfile -t lines < <(shell_lines ' ')
	out=$(fish_complete "${lines[@]}") || fail "fish failed: $out"
	check_shell fish "$out" ' '
}

# pers_help_options NAME: every option util-linux's NAME lists in --help.
pers_help_options() {
	LC_ALL=C "/usr/bin/$1" --help |
		grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' | tr -d ' ,' |
		sed -E 's/^(-[a-zA-Z])(--)/\1\n\2/' | sort -u
}

@test "bash, zsh and fish complete each personality's options, as util-linux's --help lists them" {
	local p want o bash_got fish_lines zsh_lines
	need fish
	need zsh
	run bash_complete ipctool ''
	for p in ipcs ipcrm ipcmk lsipc; do
		assert_line "$p"
	done
	fish_lines=() zsh_lines=()
	for p in ipcs ipcrm ipcmk lsipc; do
		fish_lines+=("ipctool $p -" "ipctool $p --")
		zsh_lines+=("ipctool $p -")
	done
	local fish_out zsh_out
	fish_out=$(fish_complete "${fish_lines[@]}")
	zsh_out=$(zsh_complete "${zsh_lines[@]}")
	for p in ipcs ipcrm ipcmk lsipc; do
		want=$(pers_help_options "$p")
		[[ -n $want ]] || fail "no options read from $p --help"
		bash_got=$(bash_complete ipctool "$p" - | sed 's/=$//')
		local fish_got zsh_got
		fish_got=$( { answer "ipctool $p -" <<<"$fish_out"; answer "ipctool $p --" <<<"$fish_out"; } | sed 's/=$//')
		zsh_got=$(answer "ipctool $p -" <<<"$zsh_out" | sed 's/=$//')
		for o in $want; do
			in_lines "$o" "$bash_got" || fail "bash: 'ipctool $p -<TAB>' lacks $o"
			in_lines "$o" "$fish_got" || fail "fish: 'ipctool $p -<TAB>' lacks $o"
			in_lines "$o" "$zsh_got" || fail "zsh: 'ipctool $p -<TAB>' lacks $o"
		done
		for o in $bash_got; do
			in_lines "$o" "$want" || fail "bash: 'ipctool $p -<TAB>' offers $o, which $p does not have"
		done
	done
}
