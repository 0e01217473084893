# SPDX-License-Identifier: ISC
# lib/ns.bash: what the namespace test files (61, 80) share; load after common.
# shellcheck shell=bash

# in_ns PID CMD...: CMD in PID's IPC namespace, without ipctool.
in_ns() {
	local pid=$1
	shift
	nsenter --ipc="/proc/$pid/ns/ipc" "$@"
}

# keys_of TYPE [PID]: the keys of /proc/sysvipc/TYPE (in PID's namespace).
keys_of() {
	local f=/proc/sysvipc/$1
	if [[ -n ${2:-} ]]; then
		in_ns "$2" cat "$f"
	else
		cat "$f"
	fi | awk 'NR > 1 { printf "0x%08x\n", $1 < 0 ? $1 + 4294967296 : $1 }' | sort
}
