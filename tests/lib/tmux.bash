# SPDX-License-Identifier: ISC
# lib/tmux.bash: the tmux helpers of the files that drive a terminal (top,
# and width tests); load after common.  Each file sets TMUX_SOCK.
# shellcheck shell=bash

# tm ARGS...: tmux on this test's private server, without any config.
tm() {
	tmux -L "$TMUX_SOCK" -f /dev/null "$@"
}

# screen [ARGS...]: the pane's text now (capture-pane -p ARGS).
screen() {
	tm capture-pane -p -t top "$@"
}

screen_has() {
	screen | grep -Eq -- "$1"
}

screen_lacks() {
	! screen | grep -Eq -- "$1"
}

# wait_screen REGEX: poll the pane until a line matches (WAIT_TIMEOUT).
wait_screen() {
	wait_until screen_has "$1" || {
		echo "--- the screen never showed /$1/:"
		screen
		return 1
	}
}

# wait_gone REGEX: poll the pane until no line matches (WAIT_TIMEOUT).
wait_gone() {
	wait_until screen_lacks "$1" || {
		echo "--- the screen kept showing /$1/:"
		screen
		return 1
	}
}
