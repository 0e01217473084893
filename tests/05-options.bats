#!/usr/bin/env bats
# The one option parser (cmd_parse_args in src/cmd.c): every command's
# options come from its entry's tables, and each kind of mistake is worded
# one way, whatever the command: exit 2, nothing on stdout, the message on
# the first line of stderr.

load common

# usage CMDLINE... MESSAGE: ipctool CMDLINE is a usage error saying MESSAGE.
usage() {
	local msg=${*: -1}
	run -2 --separate-stderr "$IPCTOOL" "${@:1:$#-1}"
	assert_equal "$output" ''
	assert_equal "$(head -1 <<<"$stderr")" "ipctool: $msg"
}

@test "an option missing its argument: one message in every command" {
	usage list --sort "list: missing argument for '--sort'"
	usage list shm -o "list: missing argument for '-o'"
	usage list --idle "list: missing argument for '--idle'"
	usage show shm --key "show: missing argument for '--key'"
	usage show shm 0 --time-format "show: missing argument for '--time-format'"
	usage create shm --size "create: missing argument for '--size'"
	usage create sem --nsems "create: missing argument for '--nsems'"
	usage rm shm -k "rm: missing argument for '-k'"
	usage rm --older-than "rm: missing argument for '--older-than'"
	usage top --delay "top: missing argument for '--delay'"
	usage top -b -n "top: missing argument for '-n'"
	usage metrics --output "metrics: missing argument for '--output'"
	usage metrics -o "metrics: missing argument for '-o'"
	usage -N "missing argument for '-N'"
	usage --namespace "missing argument for '--namespace'"
}

@test "an unknown option: one message in every command" {
	local c
	for c in create help limits list metrics rm show top; do
		usage "$c" --bogus "$c: unknown option '--bogus'"
		usage "$c" -Z "$c: unknown option '-Z'"
		usage "$c" --bogus=1 "$c: unknown option '--bogus'"
	done
	usage --bogus "unknown option '--bogus'"
	usage list -Jz "list: unknown option '-z'"
}

@test "an unknown long option close to a real one: did you mean" {
	usage list --sortt CTIME "list: unknown option '--sortt': did you mean '--sort'?"
	usage list --noheading "list: unknown option '--noheading': did you mean '--noheadings'?"
	usage top -b --dealy 1 "top: unknown option '--dealy': did you mean '--delay'?"
	usage show shm 0 --mesages "show: unknown option '--mesages': did you mean '--messages'?"
	usage create msg --qbyte 1 "create: unknown option '--qbyte': did you mean '--qbytes'?"
	usage metrics --stal "metrics: unknown option '--stal': did you mean '--stale'?"
	usage --colour "unknown option '--colour': did you mean '--color'?"
}

@test "long options are never abbreviated, in rm least of all" {
	fixture shm-create --size 4096 >/dev/null
	usage rm --al "rm: unknown option '--al': did you mean '--all'?"
	usage rm --all --dry "rm: unknown option '--dry': did you mean '--dry-run'?"
	usage list --out KEY "list: unknown option '--out': did you mean '--output'?"
	usage create shm --siz 4096 "create: unknown option '--siz': did you mean '--size'?"
	# Nothing was removed or made.
	assert_equal "$(awk 'NR > 1' /proc/sysvipc/shm | wc -l)" 1
}

@test "an option given an argument it does not take" {
	usage list --raw=5 "list: option '--raw' takes no argument"
	usage rm --all=yes "rm: option '--all' takes no argument"
	usage create shm --size 1 --private=1 "create: option '--private' takes no argument"
	usage top --batch=1 "top: option '--batch' takes no argument"
	usage metrics --stale=1 "metrics: option '--stale' takes no argument"
	usage --version=1 "option '--version' takes no argument"
}

@test "-V after the command: give it before the command" {
	# -N and --color are taken after the command too (tests/15-ux.bats).
	usage limits -V "limits: unknown option '-V': -V is a global option, give it before the command"
	usage list --version "list: unknown option '--version': --version is a global option, give it before the command"
	# Before the command they work.
	run -0 "$IPCTOOL" -N 1 --color=never list shm
}

@test "operands between options, -- ends the options, -h anywhere is help" {
	local id
	id=$(fixture shm-create --size 4096)
	run -0 "$IPCTOOL" list -n shm -o ID
	assert_output --regexp "^ *$id\$"
	run -0 "$IPCTOOL" list -o ID -n -- shm
	assert_output --regexp "^ *$id\$"
	usage list -- -m "list: unknown type '-m'"
	run -0 --separate-stderr "$IPCTOOL" rm shm "$id" --dry-run -h
	assert_line --index 0 --partial 'Usage: ipctool rm'
	assert_equal "$stderr" ''
	# The optional argument is taken only in the = form.
	run -0 "$IPCTOOL" show msg "$(fixture msg-create)" --messages=2
	usage show msg 0 --messages 2 "show: unexpected argument '2': the number of messages is given as --messages=2"
}

@test "one option parser: no command runs getopt of its own" {
	run grep -l 'getopt' "$BATS_TEST_DIRNAME"/../src/*.c
	refute_output --partial cmd-
	# The personalities neither: getopt_long is named in cmd.c alone.
	run grep -l 'getopt_long' "$BATS_TEST_DIRNAME"/../src/*.c
	assert_output --regexp '/src/cmd\.c$'
	run grep -l 'getopt\.h\|getopt_long *(' "$BATS_TEST_DIRNAME"/../src/*.c \
	    "$BATS_TEST_DIRNAME"/../src/*.h
	assert_output ''
	run grep -c 'OPT_FIRST_FREE\|struct option ' "$BATS_TEST_DIRNAME"/../src/ipctool.h
	assert_output 0
}

@test "one pipeline: only pipeline.c calls the collector" {
	cd "$BATS_TEST_DIRNAME/../src"
	# Calls, not comments ("* ... collect_enrich()") or definitions
	# (the name at the start of its line).
	run bash -c "grep -nE '\\b(collect|collect_enrich|collect_each|collect_one|collect_sysv_base|collect_shm_rss|posix_collect|filter_set)\\(' *.c |
	    grep -vE '^[a-z-]+\\.c:[0-9]+:([a-z_]+\\(| *\\*)' |
	    cut -d: -f1 | sort -u"
	assert_success
	assert_output $'collect.c\npipeline.c'
}

@test "no circles: no source file calls, through others, back into itself" {
	command -v nm >/dev/null || fail "nm (binutils) is needed"
	lib=$(dirname "${IPCTOOL_BIN:-$IPCTOOL}")/libipctool.a
	[[ -f $lib ]] || fail "no $lib"
	run -0 python3 "$BATS_TEST_DIRNAME/lib/circles.py" "$lib"
	assert_output ''
	# It finds one where there is one: the command table and a command.
	run -0 python3 -c 'import sys; sys.path.insert(0, sys.argv[1])
import circles
print(circles.circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}))' \
	    "$BATS_TEST_DIRNAME/lib"
	assert_output "[['a', 'b', 'c']]"
}
