#!/usr/bin/env bats
# The command table, each command's --help, the man page and the three
# shell completions must agree: every command and every long option a
# command's --help lists appears in all of them.

load common

MAN=$BATS_TEST_DIRNAME/../man/ipctool.1
BASH_C=$BATS_TEST_DIRNAME/../completions/ipctool
ZSH_C=$BATS_TEST_DIRNAME/../completions/_ipctool
FISH_C=$BATS_TEST_DIRNAME/../completions/ipctool.fish

# commands: the command names from the global help's command list.
commands() {
	"$IPCTOOL" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'
}

# long_options CMD: the long options CMD's --help lists.
long_options() {
	"$IPCTOOL" "$1" --help | grep -oE '^ +(-[A-Za-z], )?--[a-z][a-z-]*' |
		grep -oE -- '--[a-z][a-z-]*' | sort -u
}

@test "the global help lists the commands of the table" {
	run commands
	assert_success
	for c in list help; do
		assert_line "$c"
	done
}

@test "every command has a man page section" {
	for c in $(commands); do
		grep -q "^\.SS $c\b" "$MAN" || fail "man page lacks a section for '$c'"
	done
}

@test "every command is completed by bash, zsh and fish" {
	for c in $(commands); do
		grep -qw -- "$c" "$BASH_C" || fail "bash completion lacks '$c'"
		grep -q -- "$c\\\\:" "$ZSH_C" || fail "zsh completion lacks '$c'"
		grep -qE -- "-a '?[a-z ]*\\b$c\\b" "$FISH_C" || fail "fish completion lacks '$c'"
	done
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

@test "every long option of every command is in the man page and completions" {
	for c in $(commands); do
		[[ $c == help ]] && continue
		for o in $(long_options "$c"); do
			local man=${o//-/\\\\-}
			grep -q -- "$man" "$MAN" || fail "man page lacks $c $o"
			grep -q -- "$o\\b" "$BASH_C" || fail "bash completion lacks $c $o"
			grep -q -- "${o}\\b" "$ZSH_C" || fail "zsh completion lacks $c $o"
			grep -q -- "-l ${o#--}\\b" "$FISH_C" || fail "fish completion lacks $c $o"
		done
	done
}

@test "the man page renders without warnings" {
	run bash -c "groff -ww -man -Tutf8 '$MAN' 2>&1 >/dev/null"
	assert_success
	assert_output ''
}
