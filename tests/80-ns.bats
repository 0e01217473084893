#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# IPC namespaces: -N PID|PATH enters one; list -A surveys them all.
#
# Other namespaces are made here with `unshare --ipc` (nested inside the
# private namespaces of ns-run) and filled by ipcmk or the fixture; what
# they hold is read back independently through nsenter + /proc/sysvipc.

load common
load lib/ns

NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# json_keys TYPE: the keys of TYPE in the list -J document on stdin, sorted.
json_keys() {
	jq -r --arg t "$1" '.[$t][].key' | sort
}

THREE='ipcmk -M 4096 >/dev/null && ipcmk -Q >/dev/null && ipcmk -S 3 >/dev/null && echo ready && exec sleep 1000'

@test "-N PID lists that namespace's resources, and plain list does not" {
	fixture shm-create --size 8192 >/dev/null
	ns_start "$THREE"
	run --separate-stderr "$IPCTOOL" -N "$NS_PID" list -J
	assert_success
	[[ -z $stderr ]]
	assert_equal "$(json_keys shm <<<"$output")" "$(keys_of shm "$NS_PID")"
	assert_equal "$(json_keys msg <<<"$output")" "$(keys_of msg "$NS_PID")"
	assert_equal "$(json_keys sem <<<"$output")" "$(keys_of sem "$NS_PID")"
	assert_equal "$(jq '.shm | length' <<<"$output")" 1
	assert_equal "$(jq '.shm[0].size' <<<"$output")" 4096
	assert_equal "$(jq '.sem[0].nsems' <<<"$output")" 3
	# Our own 8 KiB segment is not there, and theirs is not in ours.
	run "$IPCTOOL" list -J
	assert_success
	assert_equal "$(json_keys shm <<<"$output")" "$(keys_of shm)"
	assert_equal "$(jq '[.shm[].size]' -c <<<"$output")" '[8192]'
	assert_equal "$(jq '.msg | length' <<<"$output")" 0
	assert_equal "$(jq '.sem | length' <<<"$output")" 0
}

@test "-N PATH (a namespace file) and --namespace=PID work alike" {
	ns_start "$THREE"
	run "$IPCTOOL" -N "$NS_PID" list -b
	assert_success
	local want=$output
	[[ $want == *"4096"* ]]
	run "$IPCTOOL" -N "/proc/$NS_PID/ns/ipc" list -b
	assert_success
	assert_equal "$output" "$want"
	run "$IPCTOOL" --namespace="$NS_PID" list -b
	assert_success
	assert_equal "$output" "$want"
	run "$IPCTOOL" --namespace "$NS_PID" list -b
	assert_success
	assert_equal "$output" "$want"
}

@test "-N with a process that is gone: exit 1, its reason, nothing on stdout" {
	local pid
	pid=$(gone_pid)
	run --separate-stderr "$IPCTOOL" -N "$pid" list
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '$pid': No such process"
	run --separate-stderr "$IPCTOOL" -N 0 list
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '0': No such process"
	run --separate-stderr "$IPCTOOL" -N 99999999999 list
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '99999999999': No such process"
}

@test "-N with a process that is gone: every command checks its arguments first" {
	local id pid args
	id=$(fixture shm-create --size 4096)
	pid=$(gone_pid)
	for args in "list" "show shm $id" "create shm --size 4096" \
	    "rm shm $id" "limits" "metrics" "top --batch -n 1"; do
		# A usage error wins: exit 2, whatever the namespace.
		run --separate-stderr "$IPCTOOL" -N "$pid" $args --bogus
		assert_failure 2
		assert_equal "$output" ""
		assert_regex "$stderr" "unknown option '--bogus'"
		# Well formed: the namespace's error, nothing done here.
		run --separate-stderr "$IPCTOOL" -N "$pid" $args
		assert_failure 1
		assert_equal "$output" ""
		assert_equal "$stderr" "ipctool: namespace '$pid': No such process"
	done
	run ipcs -m
	assert_output --partial "$id"
	assert_equal "$(ipcs -m | grep -c '^0x')" 1
}

@test "-N with a path that is not an IPC namespace: exit 1, its reason" {
	run --separate-stderr "$IPCTOOL" -N /nonexistent/ns list
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '/nonexistent/ns': No such file or directory"
	run --separate-stderr "$IPCTOOL" -N /etc/passwd list
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '/etc/passwd': not an IPC namespace"
	run --separate-stderr "$IPCTOOL" -N /proc/self/ns/net list
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '/proc/self/ns/net': not an IPC namespace"
	run --separate-stderr "$IPCTOOL" -N "" list
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '': No such file or directory"
}

@test "-N without its argument is a usage error" {
	run --separate-stderr "$IPCTOOL" -N
	assert_failure 2
	assert_equal "$output" ""
	[[ $stderr == "ipctool: missing argument for '-N'"* ]]
	run --separate-stderr "$IPCTOOL" --namespace
	assert_failure 2
	assert_equal "$output" ""
}

@test "-N without CAP_SYS_ADMIN: Operation not permitted, nothing on stdout" {
	# The namespace of a process nobody owns: nobody may open it, not join it.
	ns_start 'echo ready; exec sleep 1000' "${NOBODY[@]}"
	run --separate-stderr "${NOBODY[@]}" "$IPCTOOL" -N "$NS_PID" list
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '$NS_PID': Operation not permitted"
	# Another user's process: the kernel refuses even to open it.
	run --separate-stderr "${NOBODY[@]}" "$IPCTOOL" -N 1 list
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "ipctool: namespace '1': Permission denied"
}

@test "-N: ATTACHED counts only processes of that namespace" {
	# Both namespaces are new, so both segments get the same id; only B's
	# is attached, by the fixture holding it there.
	ns_start 'ipcmk -M 4096 >/dev/null && echo ready && exec sleep 1000'
	local a=$NS_PID
	ns_start "id=\$('$PYTHON' '$FIXTURE' shm-create --size 4096) && exec '$PYTHON' '$FIXTURE' shm-attach \$id --hold"
	local b=$NS_PID
	assert_equal "$(keys_of shm "$a" | wc -l)" 1
	local ida idb
	ida=$(in_ns "$a" awk 'NR == 2 { print $2 }' /proc/sysvipc/shm)
	idb=$(in_ns "$b" awk 'NR == 2 { print $2 }' /proc/sysvipc/shm)
	assert_equal "$ida" "$idb"
	run "$IPCTOOL" -N "$b" list shm -n -o ID,NATTCH,ATTACHED
	assert_success
	assert_output --regexp "^ *$idb +1 +$b\$"
	run "$IPCTOOL" -N "$a" list shm -n -o ID,NATTCH,ATTACHED
	assert_success
	assert_output --regexp "^ *$ida +0 +-\$"
}

@test "list -A -J: every namespace with resources, its pid, command, and counts" {
	fixture shm-create --size 8192 >/dev/null
	fixture msg-create >/dev/null
	local self
	self=$(ns_ino self)
	ns_start "$THREE"
	local p1=$NS_PID i1=$NS_INO
	ns_start 'ipcmk -M 4096 >/dev/null && ipcmk -M 12288 >/dev/null && echo ready && exec sleep 1000'
	local p2=$NS_PID i2=$NS_INO
	ns_start 'echo ready && exec sleep 1000'
	local empty=$NS_INO
	run --separate-stderr "$IPCTOOL" list -A -J
	assert_success
	jq -e . <<<"$output" >/dev/null
	# Exactly the three namespaces with resources, by inode.
	assert_equal "$(jq -c '[.namespaces[].ns]' <<<"$output")" \
		"$(printf '%s\n' "$self" "$i1" "$i2" | sort -n | jq -cs .)"
	[[ $(jq --argjson e "$empty" '[.namespaces[] | select(.ns == $e)] | length' <<<"$output") == 0 ]]
	local ns pid
	for pair in "$i1:$p1" "$i2:$p2"; do
		ns=${pair%%:*} pid=${pair#*:}
		assert_equal "$(jq --argjson n "$ns" '.namespaces[] | select(.ns == $n) | .pid' <<<"$output")" "$pid"
		assert_equal "$(jq -r --argjson n "$ns" '.namespaces[] | select(.ns == $n) | .command' <<<"$output")" "sleep 1000"
		for t in shm msg sem; do
			assert_equal "$(jq -r --argjson n "$ns" --arg t "$t" '.namespaces[] | select(.ns == $n) | .[$t][].key' <<<"$output" | sort)" \
				"$(keys_of "$t" "$pid")"
		done
	done
	for t in shm msg sem; do
		assert_equal "$(jq -r --argjson n "$self" --arg t "$t" '.namespaces[] | select(.ns == $n) | .[$t][].key' <<<"$output" | sort)" \
			"$(keys_of "$t")"
	done
	assert_equal "$(jq -c --argjson n "$i2" '[.namespaces[] | select(.ns == $n) | .shm[].size]' <<<"$output")" '[4096,12288]'
	# Our namespace's representative is the lowest pid in it.
	assert_equal "$(jq --argjson n "$self" '.namespaces[] | select(.ns == $n) | .pid' <<<"$output")" \
		"$(for p in /proc/[0-9]*; do [[ $(stat -L -c %i "$p/ns/ipc" 2>/dev/null) == "$self" ]] && echo "${p#/proc/}"; done | sort -n | head -1)"
}

@test "list -A: the cgroup is the last component of the process's cgroup path" {
	ns_start "$THREE"
	local want
	want=$(awk -F: '$1 == "0" { print $3 }' "/proc/$NS_PID/cgroup")
	want=${want##*/}
	run "$IPCTOOL" list -A -J
	assert_success
	if [[ -n $want ]]; then
		assert_equal "$(jq -r --argjson n "$NS_INO" '.namespaces[] | select(.ns == $n) | .cgroup' <<<"$output")" "$want"
	else
		assert_equal "$(jq -r --argjson n "$NS_INO" '.namespaces[] | select(.ns == $n) | .cgroup' <<<"$output")" null
	fi
}

@test "list -A table: a heading per namespace and an NS column" {
	ns_start "$THREE"
	run "$IPCTOOL" list -A shm
	assert_success
	assert_line "====== IPC namespace $NS_INO: pid $NS_PID (sleep 1000) ======"
	assert_line --regexp "^ *NS +KEY +ID "
	local key
	key=$(keys_of shm "$NS_PID")
	assert_line --regexp "^$NS_INO +$key +[0-9]+ "
	# Our namespace has nothing: no heading for it.
	refute_line --partial "IPC namespace $(ns_ino self):"
	# An explicit column list is kept as given.
	run "$IPCTOOL" list -A shm -n -o KEY
	assert_success
	assert_line "$key"
}

@test "list -A export and raw: a namespace line, then rows with NS" {
	ns_start "$THREE"
	run "$IPCTOOL" list -A -e shm
	assert_success
	assert_line "NS=\"$NS_INO\" PID=\"$NS_PID\" COMMAND=\"sleep 1000\" CGROUP=\"$(jq -r --argjson n "$NS_INO" '.namespaces[] | select(.ns == $n) | .cgroup // ""' <<<"$("$IPCTOOL" list -A -J)")\""
	assert_line --regexp "^NS=\"$NS_INO\" KEY=\"$(keys_of shm "$NS_PID")\" ID="
	run "$IPCTOOL" list -A -r -n msg
	assert_success
	assert_line --regexp "^$NS_INO $NS_PID sleep\\\\x201000 "
	assert_line --regexp "^$NS_INO $(keys_of msg "$NS_PID") "
}

@test "list -A applies filters, and skips namespaces left empty" {
	fixture shm-create --key 0x4242 --size 4096 >/dev/null
	ns_start 'ipcmk -M 4096 -p 0600 >/dev/null && ipcmk -M 8192 >/dev/null && echo ready && exec sleep 1000'
	run "$IPCTOOL" list -A -J shm --key 0x4242
	assert_success
	assert_equal "$(jq -c '[.namespaces[].ns]' <<<"$output")" "[$(ns_ino self)]"
	run "$IPCTOOL" list -A -J shm --sort SIZE --reverse -o SIZE
	assert_success
	assert_equal "$(jq -c --argjson n "$NS_INO" '[.namespaces[] | select(.ns == $n) | .shm[].size]' <<<"$output")" '[8192,4096]'
}

@test "list -A with nothing anywhere prints an empty list" {
	run --separate-stderr "$IPCTOOL" list -A
	assert_success
	assert_equal "$output" ""
	run --separate-stderr "$IPCTOOL" list -A -J
	assert_success
	assert_equal "$(jq -c . <<<"$output")" '{"namespaces":[]}'
}

@test "list -A unprivileged: what can be seen, and one line about the rest" {
	fixture shm-create --size 8192 >/dev/null
	ns_start "$THREE"
	ns_start 'echo ready; exec sleep 1000' "${NOBODY[@]}"
	run --separate-stderr "${NOBODY[@]}" "$IPCTOOL" list -A -J
	assert_success
	assert_equal "$(jq -c '[.namespaces[].ns]' <<<"$output")" "[$(ns_ino self)]"
	assert_equal "$(jq -c '[.namespaces[0].shm[].size]' <<<"$output")" '[8192]'
	assert_equal "$(wc -l <<<"$stderr")" 1
	assert_regex "$stderr" "^ipctool: list: 1 IPC namespace could not be entered \\(Operation not permitted\\), and the IPC namespace of [0-9]+ processes could not be read \\(Permission denied\\)\$"
}

@test "list -A: malformed options are usage errors with nothing on stdout" {
	run --separate-stderr "$IPCTOOL" list -A --bogus
	assert_failure 2
	assert_equal "$output" ""
	run --separate-stderr "$IPCTOOL" list -A -o NOPE
	assert_failure 2
	assert_equal "$output" ""
	run --separate-stderr "$IPCTOOL" list -A nope
	assert_failure 2
	assert_equal "$output" ""
	run --separate-stderr "$IPCTOOL" list -A --key zz
	assert_failure 2
	assert_equal "$output" ""
}

@test "-N PID and list -A read POSIX objects under /proc/PID/root, plain list does not" {
	fixture pshm-create /ours 4096
	# Its own mount namespace with its own /dev/shm and /dev/mqueue: only
	# /proc/PID/root reaches them.
	ns_start "mount --make-rprivate / && mount -t tmpfs tmpfs /dev/shm &&
		mount -t mqueue mqueue /dev/mqueue &&
		'$PYTHON' '$FIXTURE' pshm-create /theirs 12288 &&
		'$PYTHON' '$FIXTURE' pmq-create /tq &&
		'$PYTHON' '$FIXTURE' psem-create /ts 2 &&
		echo ready && exec sleep 1000" --mount
	[[ -e /proc/$NS_PID/root/dev/shm/theirs && ! -e /dev/shm/theirs ]]
	run --separate-stderr "$IPCTOOL" -N "$NS_PID" list posix -J
	assert_success
	assert_equal "$(jq -c '[.pshm[] | [.name, .size]]' <<<"$output")" '[["/theirs",12288]]'
	assert_equal "$(jq -c '[.pmq[].name]' <<<"$output")" '["/tq"]'
	assert_equal "$(jq -c '[.psem[] | [.name, .sval]]' <<<"$output")" '[["/ts",2]]'
	# As their /dev/shm has them.
	assert_equal "$(stat -c %s "/proc/$NS_PID/root/dev/shm/theirs")" 12288
	run "$IPCTOOL" list posix -J
	assert_success
	assert_equal "$(jq -c '[.pshm[].name]' <<<"$output")" '["/ours"]'
	assert_equal "$(jq -c '.pmq | length' <<<"$output")" 0
	run "$IPCTOOL" list -A -J posix
	assert_success
	assert_equal "$(jq -c --argjson n "$NS_INO" '[.namespaces[] | select(.ns == $n) | .pshm[].name]' <<<"$output")" '["/theirs"]'
	assert_equal "$(jq -c --argjson n "$(ns_ino self)" '[.namespaces[] | select(.ns == $n) | .pshm[].name]' <<<"$output")" '["/ours"]'
}
