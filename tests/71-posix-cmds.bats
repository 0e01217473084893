#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# 71-posix-cmds: show, create and rm of POSIX shared memory objects, message
# queues and named semaphores.  What ipctool creates is checked by other
# programs (glibc through python's ctypes: shm_open/fstat, mq_getattr,
# sem_getvalue/sem_wait; stat(1); the queue file's QSIZE line); what it
# shows and removes is made by tests/fixture, python and PostgreSQL.

load common
load lib/posix

PG_BIN=/usr/lib/postgresql/15/bin

# teardown: stop PostgreSQL if a test started it, the holders, and empty
# the namespace.
teardown() {
	if [[ ${PG_DIR:-} ]]; then
		runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate \
			-w stop >/dev/null 2>&1 || true
		rm -rf "$PG_DIR"
	fi
	kill_holders
	ipc_reset
}

# pshm_fstat NAME: "size mode uid" of shm_open(NAME)'s fstat, mode in octal.
pshm_fstat() {
	py '
fd = libc.shm_open(sys.argv[1].encode(), os.O_RDONLY, 0)
if fd < 0: die("shm_open")
st = os.fstat(fd)
print(st.st_size, "%o" % (st.st_mode & 0o7777), st.st_uid)' "$1"
}

# jfield FIELD: FIELD of the JSON object on stdin (python's json: the
# output must be valid JSON); null prints as "null".
jfield() {
	"$PYTHON" -c 'import json, sys
v = json.load(sys.stdin)[sys.argv[1]]
print("null" if v is None else v)' "$1"
}

# field NAME: the value of the "NAME: value" line of $output.
field() {
	sed -n "s/^$1: *//p" <<<"$output"
}

# traced N FILE: strace's FILE shows N calls begun.
traced() {
	(($(grep -c 'fstatfs(' "$2") >= $1))
}

# empty_ns: no POSIX object at all.
empty_ns() {
	[[ -z $(ls -A /dev/shm) && -z $(ls -A /dev/mqueue) ]]
}

# HOLD_ALL: python code mapping /dev/shm/held, holding queue /heldq open
# and semaphore /helds open.
HOLD_ALL='
fd = os.open("/dev/shm/held", os.O_RDWR)
m = mmap.mmap(fd, 4096)
os.close(fd)
q = libc.mq_open(b"/heldq", os.O_RDONLY)
assert q >= 0
s = libc.sem_open(b"/helds", 0)
assert s'

# --- create ------------------------------------------------------------------

@test "create pshm: shm_open/fstat see its size, its exact mode despite umask, root's" {
	umask 077
	run --separate-stderr -0 ipctool create pshm seg --size 64K --mode 0640
	assert_output /seg
	[ -z "$stderr" ]
	assert_equal "$(pshm_fstat /seg)" "65536 640 0"
	assert_equal "$(stat -c '%s %a %U %G' /dev/shm/seg)" "65536 640 root root"
	# It is usable: written through one mapping, read through another.
	py '
fd = libc.shm_open(b"/seg", os.O_RDWR, 0)
import mmap
mmap.mmap(fd, 65536)[100:105] = b"hello"
fd2 = libc.shm_open(b"/seg", os.O_RDONLY, 0)
assert mmap.mmap(fd2, 65536, prot=mmap.PROT_READ)[100:105] == b"hello"'
	# With the leading '/', -J, a mode with every bit.
	run -0 ipctool create pshm /seg2 --size 1 --mode 07777 -J
	assert_equal "$(jfield type <<<"$output")" pshm
	assert_equal "$(jfield name <<<"$output")" /seg2
	assert_equal "$(stat -c '%s %a' /dev/shm/seg2)" "1 7777"
	# The default mode is 0644, whatever the umask.
	run -0 ipctool create pshm seg3 --size 1G
	assert_equal "$(pshm_fstat /seg3)" "1073741824 644 0"
}

@test "create pmq: mq_getattr sees maxmsg and msgsize, stat the exact mode; defaults from /proc" {
	umask 077
	run --separate-stderr -0 ipctool create pmq q --maxmsg 7 --msgsize 2K --mode 0620
	assert_output /q
	[ -z "$stderr" ]
	assert_equal "$(pmq_attr /q)" "7 2048 0"
	assert_equal "$(stat -c '%a %U' /dev/mqueue/q)" "620 root"
	fixture pmq-send /q hello
	assert_equal "$(pmq_attr /q)" "7 2048 1"
	assert_equal "$(qsize /dev/mqueue/q)" 5
	# No limits given: the system's defaults; one given: the other's default.
	local dmax dsize
	dmax=$(cat /proc/sys/fs/mqueue/msg_default)
	dsize=$(cat /proc/sys/fs/mqueue/msgsize_default)
	run -0 ipctool create pmq /d1 -J
	assert_equal "$(jfield name <<<"$output")" /d1
	assert_equal "$(jfield type <<<"$output")" pmq
	assert_equal "$(pmq_attr /d1)" "$dmax $dsize 0"
	assert_equal "$(stat -c %a /dev/mqueue/d1)" 644
	run -0 ipctool create pmq /d2 --maxmsg 3
	assert_equal "$(pmq_attr /d2)" "3 $dsize 0"
	run -0 ipctool create pmq /d3 --msgsize 100
	assert_equal "$(pmq_attr /d3)" "$dmax 100 0"
}

@test "create pmq: limits above the system's are an operation failure (exit 1), named" {
	local max
	max=$(cat /proc/sys/fs/mqueue/msgsize_max)
	# Root may exceed msgsize_max up to the hard limit, but not the rlimit.
	run --separate-stderr -1 ipctool create pmq /big --maxmsg 65536 --msgsize 16M
	assert_output ''
	[[ $stderr == *"pmq /big"* ]]
	[ ! -e /dev/mqueue/big ]
	[ -n "$max" ]
}

@test "create psem: sem_getvalue sees its value, sem_wait/sem_post work, exact mode" {
	umask 077
	run --separate-stderr -0 ipctool create psem s --value 5 --mode 0660
	assert_output /s
	[ -z "$stderr" ]
	assert_equal "$(psem_value /s)" 5
	assert_equal "$(stat -c '%a %U %s' /dev/shm/sem.s)" "660 root 32"
	py '
s = libc.sem_open(b"/s", 0)
assert s
assert libc.sem_wait(ctypes.c_void_p(s)) == 0
assert libc.sem_wait(ctypes.c_void_p(s)) == 0
assert libc.sem_post(ctypes.c_void_p(s)) == 0'
	assert_equal "$(psem_value /s)" 4
	run -0 ipctool create psem /zero -J
	assert_equal "$(jfield name <<<"$output")" /zero
	assert_equal "$(psem_value /zero)" 0
	assert_equal "$(stat -c %a /dev/shm/sem.zero)" 644
	run -0 ipctool create psem /max --value 2147483647
	assert_equal "$(psem_value /max)" 2147483647
	# A waiter is woken by a post from another process.
	py_holder -- 's = libc.sem_open(b"/zero", 0)
assert s'
	run -0 py '
import subprocess
s = libc.sem_open(b"/zero", 0)
p = subprocess.Popen([sys.executable, "-c", "import ctypes, os; libc = ctypes.CDLL(\"libc.so.6\"); libc.sem_open.restype = ctypes.c_void_p; s = libc.sem_open(b\"/zero\", 0); libc.sem_post(ctypes.c_void_p(s))"])
assert libc.sem_wait(ctypes.c_void_p(s)) == 0
p.wait()
print("woken")'
	assert_output woken
}

@test "create: an existing name is left as it is and printed; --exclusive fails (exit 1)" {
	fixture pshm-create /p 8192 --mode 0600
	fixture pmq-create /q --maxmsg 4 --msgsize 64 --mode 0600
	fixture psem-create /s 3 --mode 0600
	run --separate-stderr -0 ipctool create pshm /p --size 100 --mode 0666
	assert_output /p
	[[ $stderr == *"pshm /p exists: left as it is"* ]]
	assert_equal "$(pshm_fstat /p)" "8192 600 0"
	run --separate-stderr -0 ipctool create pmq q --maxmsg 9 --mode 0666
	assert_output /q
	[[ $stderr == *"pmq /q exists"* ]]
	assert_equal "$(pmq_attr /q)" "4 64 0"
	assert_equal "$(stat -c %a /dev/mqueue/q)" 600
	run --separate-stderr -0 ipctool create psem s --value 9 -J
	assert_equal "$(jfield name <<<"$output")" /s
	assert_equal "$(psem_value /s)" 3
	assert_equal "$(stat -c %a /dev/shm/sem.s)" 600
	# --exclusive: exit 1, nothing on stdout, the object untouched.
	local t n
	for t in "pshm /p --size 100" "pmq /q" "psem /s --value 1"; do
		run --separate-stderr -1 ipctool create $t --exclusive
		assert_output ''
		[[ $stderr == *"already exists (--exclusive)"* ]]
	done
	assert_equal "$(pshm_fstat /p)" "8192 600 0"
	assert_equal "$(pmq_attr /q)" "4 64 0"
	assert_equal "$(psem_value /s)" 3
	# An existing object smaller than --size is an error, as shmget has it.
	run --separate-stderr -1 ipctool create pshm /p --size 8193
	assert_output ''
	[[ $stderr == *"pshm /p"* ]]
	assert_equal "$(pshm_fstat /p)" "8192 600 0"
	n=$(find /dev/shm /dev/mqueue -mindepth 1 | wc -l)
	assert_equal "$n" 3
}

@test "create: bad names and values are exit 2, nothing on stdout, nothing made" {
	local long255 long256 long251 long252
	long255=$(printf 'a%.0s' {1..255})
	long256=${long255}a
	long251=${long255:0:251}
	long252=${long255:0:252}
	check() {
		run --separate-stderr -2 ipctool create "$@"
		assert_output ''
		[[ $stderr == *"'${BAD}'"* ]] || {
			echo "create $*: $stderr" >&2
			false
		}
		empty_ns || {
			echo "create $*: made something: $(ls -A /dev/shm /dev/mqueue)" >&2
			false
		}
	}
	local t
	for t in pshm pmq psem; do
		for BAD in '' / // /a/b a/b 'a/' /. /.. .. "$long256" "/$long256"; do
			case $t in
			pshm) check pshm "$BAD" --size 1 ;;
			*) check "$t" "$BAD" ;;
			esac
		done
	done
	BAD=$long252 check psem "$long252"
	for BAD in 0 -1 '' 1x 1.5 99999999999999999999 18446744073709551616; do
		check pshm /x --size "$BAD"
	done
	for BAD in 0 -1 '' x 65537 0x10; do
		check pmq /x --maxmsg "$BAD"
	done
	for BAD in 0 -1 '' x 17M 16777217 1Q; do
		check pmq /x --msgsize "$BAD"
	done
	for BAD in -1 '' x 2147483648 1.0; do
		check psem /x --value "$BAD"
	done
	# The mode parser is shm's (30-create); one of each kind per type.
	for BAD in 8 010000 644x; do
		check pshm /x --size 1 --mode "$BAD"
		check pmq /x --mode "$BAD"
		check psem /x --mode "$BAD"
	done
	# Options of other types, keys, missing parts: exit 2, nothing made.
	usage() {
		run --separate-stderr -2 ipctool create "$@"
		assert_output ''
		[ -n "$stderr" ]
		empty_ns
	}
	usage pshm
	usage pshm /x
	usage pshm /x --size 1 extra
	usage pshm /x --size 1 --key 5
	usage pshm /x --size 1 --private
	usage pshm /x --size 1 --value 1
	usage pmq /x --size 1
	usage pmq /x --value 1
	usage pmq /x --qbytes 10
	usage psem /x --maxmsg 1
	usage psem /x --nsems 1
	usage shm --size 1 --maxmsg 1
	usage msg --msgsize 1
	# The longest names are taken: 255 bytes, 251 for a semaphore.
	run -0 ipctool create pshm "$long255" --size 1
	assert_output "/$long255"
	[ -f "/dev/shm/$long255" ]
	run -0 ipctool create psem "$long251"
	[ -f "/dev/shm/sem.$long251" ]
	run -0 ipctool create pmq "$long255"
	[ -e "/dev/mqueue/$long255" ]
}

# --- show --------------------------------------------------------------------

@test "show pshm: every field against stat, text and -J, name with or without '/'" {
	fixture pshm-create /obj 10000 --mode 0640
	chown nobody:nogroup /dev/shm/obj
	touch -d '2021-03-04 05:06:07' /dev/shm/obj
	local arg
	for arg in obj /obj; do
		run --separate-stderr -0 ipctool show pshm "$arg"
		[ -z "$stderr" ]
		assert_line --index 0 --regexp '^type: +pshm$'
		assert_equal "$(field name)" /obj
		assert_equal "$(field size)" "$(stat -c %s /dev/shm/obj) (9.8K)"
		assert_equal "$(field perms)" "rw-r----- ($(stat -c %a /dev/shm/obj))"
		assert_equal "$(field owner)" "$(stat -c %U /dev/shm/obj)"
		assert_equal "$(field group)" "$(stat -c %G /dev/shm/obj)"
		assert_equal "$(field uid)" "$(stat -c %u /dev/shm/obj)"
		assert_equal "$(field stale)" "stale: no process maps or holds it"
		assert_line 'holders: none'
	done
	run -0 ipctool show pshm obj -J
	"$PYTHON" - "$output" <<-'EOF'
		import json, os, sys
		d = json.loads(sys.argv[1])
		st = os.stat("/dev/shm/obj")
		assert d["type"] == "pshm", d
		assert d["name"] == "/obj", d
		assert d["size"] == st.st_size == 10000, d
		assert d["uid"] == st.st_uid and d["gid"] == st.st_gid, d
		assert d["owner"] == "nobody" and d["group"] == "nogroup", d
		assert d["perms"] == "rw-r-----", d
		assert d["mtime"] == int(st.st_mtime), d
		assert d["attached"] == [] and d["attached_complete"] is True, d
	EOF
	run -0 ipctool show pshm obj -J -P --time-format iso
	assert_equal "$(jfield perms <<<"$output")" 640
	assert_equal "$(jfield mtime <<<"$output")" "$(date -d @"$(stat -c %Y /dev/shm/obj)" +%Y-%m-%dT%H:%M:%S%:z)"
}

@test "show pmq: maxmsg, msgsize and curmsgs from mq_getattr, QSIZE from the file" {
	fixture pmq-create /q --maxmsg 8 --msgsize 64 --mode 0600
	fixture pmq-send /q hello --count 2
	fixture pmq-send /q abc
	local attr
	attr=$(pmq_attr /q)
	assert_equal "$attr" "8 64 3"
	run --separate-stderr -0 ipctool show pmq q
	[ -z "$stderr" ]
	assert_equal "$(field maxmsg)" 8
	assert_equal "$(field msgsize)" 64
	assert_equal "$(field msgs)" 3
	assert_equal "$(field usedbytes)" "$(qsize /dev/mqueue/q)"
	assert_equal "$(field usedbytes)" 13
	assert_equal "$(field 'queue use')" "3 of 8 messages, 13 bytes (QSIZE)"
	assert_equal "$(field perms)" "rw------- (600)"
	run -0 ipctool show pmq /q -J
	"$PYTHON" - "$output" "$attr" "$(qsize /dev/mqueue/q)" <<-'EOF'
		import json, sys
		d = json.loads(sys.argv[1])
		maxmsg, msgsize, cur = map(int, sys.argv[2].split())
		assert d["type"] == "pmq" and d["name"] == "/q", d
		assert (d["maxmsg"], d["msgsize"], d["msgs"]) == (maxmsg, msgsize, cur), d
		assert d["usedbytes"] == int(sys.argv[3]), d
	EOF
	# A queue the caller cannot open: its limits are unknown, not made up.
	run -0 setpriv --reuid=65534 --regid=65534 --clear-groups "$IPCTOOL" show pmq /q -J
	assert_equal "$(jfield maxmsg <<<"$output")" null
	assert_equal "$(jfield msgs <<<"$output")" null
	assert_equal "$(jfield name <<<"$output")" /q
}

@test "show psem: the value sem_getvalue gives, text and -J" {
	fixture psem-create /s 9 --mode 0640
	py 's = libc.sem_open(b"/s", 0); assert s
for i in range(4): assert libc.sem_wait(ctypes.c_void_p(s)) == 0'
	assert_equal "$(psem_value /s)" 5
	run --separate-stderr -0 ipctool show psem s
	[ -z "$stderr" ]
	assert_equal "$(field sval)" 5
	assert_equal "$(field name)" /s
	assert_equal "$(field perms)" "rw-r----- (640)"
	run -0 ipctool show psem /s -J
	assert_equal "$(jfield sval <<<"$output")" "$(psem_value /s)"
	assert_equal "$(jfield type <<<"$output")" psem
}

@test "show: the processes that map or hold each object, with their commands" {
	fixture pshm-create /held 4096
	fixture pmq-create /heldq
	fixture psem-create /helds 1
	py_holder -- "$HOLD_ALL"
	local t n
	for t in "pshm held" "pmq heldq" "psem helds"; do
		run --separate-stderr -0 ipctool show $t
		assert_line --regexp '^holders: 1 '
		assert_line --regexp '^ *PID +USER +COMMAND$'
		assert_line --regexp "^ *$HOLD_PID +root +.*python.*sem_open"
		assert_equal "$(field attached)" "$HOLD_PID"
		assert_equal "$(field stale)" "not stale: held by 1 process"
		run -0 ipctool show $t -J
		"$PYTHON" - "$output" "$HOLD_PID" <<-'EOF'
			import json, sys
			d = json.loads(sys.argv[1])
			a = d["attached"]
			assert [h["pid"] for h in a] == [int(sys.argv[2])], d
			assert a[0]["user"] == "root", d
			assert "python" in a[0]["command"] and "sem_open" in a[0]["command"], d
			assert d["stale"] == "", d
		EOF
	done
}

@test "show: a multiprocessing.shared_memory block of another user: its size, owner, holder" {
	py_holder setpriv --reuid=65534 --regid=65534 --clear-groups -- \
		'from multiprocessing import shared_memory
shm = shared_memory.SharedMemory(name="mpblock", create=True, size=123457)
shm.buf[0] = 1'
	run -0 ipctool show pshm mpblock -J
	"$PYTHON" - "$output" "$HOLD_PID" <<-'EOF'
		import json, os, sys
		d = json.loads(sys.argv[1])
		st = os.stat("/dev/shm/mpblock")
		assert d["size"] == st.st_size == 123457, d
		assert d["owner"] == "nobody" and d["uid"] == st.st_uid == 65534, d
		assert [h["pid"] for h in d["attached"]] == [int(sys.argv[2])], d
		assert d["attached"][0]["user"] == "nobody", d
	EOF
	run -0 ipctool show pshm /mpblock
	assert_equal "$(field size)" "123457 (120.6K)"
	assert_equal "$(field owner)" nobody
}

@test "show: PostgreSQL's /PostgreSQL.* objects: owner postgres, stat's size, its processes" {
	[[ -x $PG_BIN/initdb ]] || fail "PostgreSQL 15 not installed in $PG_BIN"
	PG_DIR=$(mktemp -d /tmp/ipctool-pg.XXXXXX)
	chown postgres: "$PG_DIR"
	runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres >/dev/null
	runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
		-o "-k $PG_DIR -c listen_addresses='' -c dynamic_shared_memory_type=posix" start >/dev/null
	local files f want
	files=(/dev/shm/PostgreSQL.*)
	[ -e "${files[0]}" ]
	for f in "${files[@]}"; do
		run -0 ipctool show pshm "${f#/dev/shm/}" -J
		want=$(grep -l " $f\$" /proc/[0-9]*/maps 2>/dev/null | cut -d/ -f3 | sort -n | paste -sd,)
		[ -n "$want" ]
		"$PYTHON" - "$output" "$f" "$want" <<-'EOF'
			import json, os, sys
			d = json.loads(sys.argv[1])
			st = os.stat(sys.argv[2])
			assert d["name"] == "/" + os.path.basename(sys.argv[2]), d
			assert d["owner"] == "postgres" and d["size"] == st.st_size, d
			pids = sorted(h["pid"] for h in d["attached"])
			# A backend may come or go between the grep and ipctool: the
			# postmaster, which maps it for good, is there in both.
			want = [int(p) for p in sys.argv[3].split(",")]
			assert want[0] in pids, (want, pids)
			assert all(h["user"] == "postgres" for h in d["attached"]), d
			assert any("postgres" in (h["command"] or "") for h in d["attached"]), d
		EOF
	done
}

@test "show: a missing name is exit 1 naming it, a bad one exit 2, nothing on stdout" {
	local t
	for t in pshm pmq psem; do
		run --separate-stderr -1 ipctool show "$t" nosuch
		assert_output ''
		assert_equal "$stderr" "ipctool: show: $t /nosuch: no such resource"
		run --separate-stderr -2 ipctool show "$t" a/b
		assert_output ''
		[[ $stderr == *"invalid name 'a/b'"* ]]
		run --separate-stderr -2 ipctool show "$t"
		assert_output ''
		run --separate-stderr -2 ipctool show "$t" x y
		assert_output ''
		run --separate-stderr -2 ipctool show "$t" --key 1
		assert_output ''
	done
	# A semaphore is no shared memory object, and the other way round.
	fixture psem-create /s 1
	fixture pshm-create /p 1
	run -1 ipctool show pshm s
	run -1 ipctool show psem p
	run -2 ipctool show pmq /q --messages
}

# --- hostile names -------------------------------------------------------------

@test "a hostile name: escaped in create, show, rm -v and errors; exact in JSON" {
	# ESC [ 31 m, newline, tab, an invalid UTF-8 byte.
	local name=$'\e[31mx\n\ty\xff' esc='/\033[31mx\n\ty\377'
	run --separate-stderr -0 ipctool create pshm "$name" --size 100
	assert_output "$esc"
	[[ $output != *$'\e'* ]]
	"$PYTHON" -c 'import os; assert os.listdir(b"/dev/shm") == [b"\x1b[31mx\n\ty\xff"], os.listdir(b"/dev/shm")'
	run -0 ipctool create pmq "$name" -J
	# JSON: valid, control characters escaped per RFC 8259, the invalid
	# byte as the code point of its value.
	"$PYTHON" - "$output" <<-'EOF'
		import json, sys
		d = json.loads(sys.argv[1])
		assert d == {"type": "pmq", "name": "/\x1b[31mx\n\ty\xff"}, d
	EOF
	[ -e /dev/mqueue/$'\e[31mx\n\ty\xff' ]
	run --separate-stderr -0 ipctool show pshm "$name"
	[[ $output != *$'\e'* && $output != *$'\t'* ]]
	assert_line "name:     $esc"
	run -0 ipctool show pmq "$name" -J
	"$PYTHON" -c 'import json, sys; d = json.load(sys.stdin); assert d["name"] == "/\x1b[31mx\n\ty\xff", d' <<<"$output"
	# Errors name it escaped.
	run --separate-stderr -1 ipctool show psem "$name"
	assert_equal "$stderr" "ipctool: show: psem $esc: no such resource"
	run --separate-stderr -2 ipctool show pshm "$name/"
	[[ $stderr != *$'\e'* ]]
	[[ $stderr == *"invalid name '\\033[31mx\\n\\ty\\377/'"* ]]
	# --dry-run -J exact; rm -v escaped; the objects gone.
	run -0 ipctool rm posix --all --dry-run -J
	"$PYTHON" -c 'import json, sys
d = json.load(sys.stdin)
assert [o["name"] for o in d["pshm"]] == ["/\x1b[31mx\n\ty\xff"], d
assert [o["name"] for o in d["pmq"]] == ["/\x1b[31mx\n\ty\xff"], d' <<<"$output"
	run --separate-stderr -0 ipctool rm pshm "$name" -v
	assert_output "removed pshm $esc"
	run --separate-stderr -0 ipctool rm pmq "$name" --dry-run
	assert_output "would remove pmq $esc"
	run --separate-stderr -0 ipctool rm pmq "$name" -v
	assert_output "removed pmq $esc"
	run --separate-stderr -1 ipctool rm psem "$name"
	assert_equal "$stderr" "ipctool: rm: psem $esc: no such object"
	empty_ns
}

# --- rm ------------------------------------------------------------------------

@test "rm NAME...: those objects go, with or without '/', nothing else" {
	fixture pshm-create /a 10
	fixture pshm-create /b 10
	fixture pshm-create /c 10
	fixture pmq-create /q1
	fixture pmq-create /q2
	fixture psem-create /s1 1
	fixture psem-create /s2 1
	run --separate-stderr -0 ipctool rm pshm a /b
	assert_output ''
	[ -z "$stderr" ]
	assert_equal "$(ls /dev/shm | xargs)" "c sem.s1 sem.s2"
	run -0 ipctool rm pmq q1 -v
	assert_output "removed pmq /q1"
	assert_equal "$(ls /dev/mqueue)" q2
	run -0 ipctool rm psem /s2 s2 -v
	assert_output "removed psem /s2"
	assert_equal "$(ls /dev/shm | xargs)" "c sem.s1"
	# A missing name: exit 1, named; the others still go.
	run --separate-stderr -1 ipctool rm pshm nosuch c -v
	assert_output "removed pshm /c"
	assert_equal "$stderr" "ipctool: rm: pshm /nosuch: no such object"
	assert_equal "$(ls /dev/shm | xargs)" "sem.s1"
	# A semaphore is not removed as shared memory.
	run -1 ipctool rm pshm s1
	[ -e /dev/shm/sem.s1 ]
}

@test "rm posix --all, rm pshm --all: every object of those types only" {
	fixture pshm-create /a 10
	fixture pmq-create /q
	fixture psem-create /s 1
	local shmid
	shmid=$(fixture shm-create)
	run -0 ipctool rm pshm --all -v
	assert_output "removed pshm /a"
	assert_equal "$(ls /dev/shm)" sem.s
	[ -e /dev/mqueue/q ]
	fixture pshm-create /a 10
	run -0 ipctool rm posix --all -v
	assert_line "removed pshm /a"
	assert_line "removed pmq /q"
	assert_line "removed psem /s"
	assert_equal "${#lines[@]}" 3
	empty_ns
	# SysV untouched; rm --all alone is still SysV only.
	sysvipc_field shm "$shmid" key >/dev/null
	fixture pshm-create /a 10
	run -0 ipctool rm --all
	[ -e /dev/shm/a ]
	! sysvipc_field shm "$shmid" key
}

@test "rm of objects in use: the holders keep running and using them, the names are gone" {
	fixture pshm-create /held 4096
	fixture pmq-create /heldq
	fixture psem-create /helds 1
	py_holder -- "$HOLD_ALL"
	run --separate-stderr -0 ipctool rm pshm held -v
	assert_output "removed pshm /held; 1 process still holds it"
	run --separate-stderr -0 ipctool rm pmq heldq
	assert_output "removed pmq /heldq; 1 process still holds it"
	run --separate-stderr -0 ipctool rm psem /helds -v
	assert_output "removed psem /helds; 1 process still holds it"
	[ ! -e /dev/shm/held ] && [ ! -e /dev/mqueue/heldq ] && [ ! -e /dev/shm/sem.helds ]
	pid_alive "$HOLD_PID"
	# It still maps the deleted file and holds the queue open.
	grep -q ' /dev/shm/held (deleted)$' "/proc/$HOLD_PID/maps"
	ls -l "/proc/$HOLD_PID/fd" | grep -q '/heldq (deleted)$'
	# Gone from the listings; a new object may take the name.
	run -0 ipctool list posix -J
	assert_equal "$(jq -c '[.pshm, .pmq, .psem]' <<<"$output")" '[[],[],[]]'
	fixture pshm-create /held 10
	assert_equal "$(stat -c %s /dev/shm/held)" 10
}

@test "rm --stale: only objects no process maps or holds go" {
	fixture pshm-create /held 4096
	fixture pmq-create /heldq
	fixture psem-create /helds 1
	fixture pshm-create /free 10
	fixture pmq-create /freeq
	fixture psem-create /frees 1
	py_holder -- "$HOLD_ALL"
	run --separate-stderr -0 ipctool rm posix --stale --dry-run
	assert_line "would remove pshm /free"
	assert_line "would remove pmq /freeq"
	assert_line "would remove psem /frees"
	assert_equal "${#lines[@]}" 3
	assert_equal "$(ls /dev/shm | xargs)" "free held sem.frees sem.helds"
	run --separate-stderr -0 ipctool rm posix --stale -v
	assert_equal "${#lines[@]}" 3
	assert_equal "$(ls /dev/shm | xargs)" "held sem.helds"
	assert_equal "$(ls /dev/mqueue)" heldq
	# Once the holder is gone, they are stale too.
	kill_hold "$HOLD_PID"
	run -0 ipctool rm pshm pmq psem --stale -v
	assert_equal "${#lines[@]}" 3
	empty_ns
}

@test "rm with filters: --user, --pid, --older-than pick POSIX objects by owner, holder, mtime" {
	fixture pshm-create /mine 10
	fixture pshm-create /theirs 10
	chown nobody /dev/shm/theirs
	fixture pshm-create /old 10
	touch -d '2001-01-01' /dev/shm/old
	fixture pshm-create /held 4096
	fixture pmq-create /heldq
	fixture psem-create /helds 1
	py_holder -- "$HOLD_ALL"
	run -0 ipctool rm pshm --user nobody -v
	assert_output "removed pshm /theirs"
	run -0 ipctool rm pshm --older-than 1d -v
	assert_output "removed pshm /old"
	run -0 ipctool rm posix --pid "$HOLD_PID" --dry-run
	assert_equal "$(xargs <<<"$output")" "would remove pshm /held would remove pmq /heldq would remove psem /helds"
	# A named object that does not match the filters stays.
	run --separate-stderr -0 ipctool rm pshm mine --stale --pid "$HOLD_PID"
	[[ $stderr == *"pshm /mine: does not match the filters, skipped"* ]]
	[ -e /dev/shm/mine ]
}

@test "rm as an unprivileged user: root's objects fail (exit 1, named), its own go" {
	fixture pshm-create /roots 10
	fixture pmq-create /rootq
	fixture pshm-create /own 10
	fixture pmq-create /ownq
	chown nobody /dev/shm/own /dev/mqueue/ownq
	run --separate-stderr -1 setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$IPCTOOL" rm posix --all -v
	assert_line "removed pshm /own"
	assert_line "removed pmq /ownq"
	assert_equal "${#lines[@]}" 2
	[[ $stderr == *"rm: pshm /roots: Operation not permitted"* ]]
	# mq_unlink says EACCES where unlink says EPERM.
	[[ $stderr == *"rm: pmq /rootq: Permission denied"* ]]
	[ -e /dev/shm/roots ] && [ -e /dev/mqueue/rootq ]
	[ ! -e /dev/shm/own ] && [ ! -e /dev/mqueue/ownq ]
}

@test "rm --dry-run removes nothing; -J prints what would go as list -J does" {
	fixture pshm-create /a 100
	fixture pmq-create /q
	fixture psem-create /s 4
	local before
	before=$(ls -l --time-style=full-iso /dev/shm /dev/mqueue)
	run --separate-stderr -0 ipctool rm posix --all --dry-run
	assert_equal "$output" $'would remove pshm /a\nwould remove pmq /q\nwould remove psem /s'
	run -0 ipctool rm posix --all --dry-run -J
	"$PYTHON" - "$output" <<-'EOF'
		import json, sys
		d = json.loads(sys.argv[1])
		assert [o["name"] for o in d["pshm"]] == ["/a"] and d["pshm"][0]["size"] == 100, d
		assert [o["name"] for o in d["pmq"]] == ["/q"], d
		assert [(o["name"], o["sval"]) for o in d["psem"]] == [("/s", 4)], d
	EOF
	run -0 ipctool rm psem s --dry-run -J
	assert_equal "$(jq -c '.psem[].name' <<<"$output")" '"/s"'
	assert_equal "$(ls -l --time-style=full-iso /dev/shm /dev/mqueue)" "$before"
}

@test "rm: an object made again under its name since the selection is skipped" {
	fixture pmq-create /q --maxmsg 3
	# Delay rm's second fstatfs (the re-check of /q, after the listing's)
	# by 10 s; meanwhile /q is removed and made again: another inode.
	local out=$BATS_TEST_TMPDIR/rm
	strace -f -o "$out.trace" -e trace=fstatfs -e inject=fstatfs:delay_enter=10000000:when=2 \
		"$IPCTOOL" rm pmq --all -v >"$out.stdout" 2>"$out.stderr" 3>&- &
	local pid=$!
	wait_until traced 2 "$out.trace"
	py 'assert libc.mq_unlink(b"/q") == 0'
	fixture pmq-create /q --maxmsg 5
	wait "$pid"
	run cat "$out.stderr"
	assert_output "ipctool: rm: pmq /q: changed since listed (made again under that name), skipped"
	run cat "$out.stdout"
	assert_output ''
	assert_equal "$(pmq_attr /q)" "5 8192 0"
}

@test "rm: usage errors are exit 2, nothing on stdout, nothing removed" {
	fixture pshm-create /a 10
	fixture pmq-create /q
	fixture psem-create /s 1
	local before
	before=$(ls -A /dev/shm /dev/mqueue)
	check() {
		run --separate-stderr -2 ipctool rm "$@"
		assert_output ''
		[ -n "$stderr" ]
		assert_equal "$(ls -A /dev/shm /dev/mqueue)" "$before"
	}
	check pshm a/b
	check pshm ''
	check pshm /
	check pshm "$(printf 'a%.0s' {1..256})"
	check psem "$(printf 'a%.0s' {1..252})"
	check pshm pmq a
	check posix a
	check pshm a --all
	check pshm --key 1
	check pshm -k 0x10 a
	check posix --key 1 --all
	check pshm a -J
	check pshm
	check posix
	check pshm --stale --idle 1x
	check pmq --all --bogus
}

# --- top -----------------------------------------------------------------------

@test "top --batch lists POSIX objects, on each type's tab" {
	fixture pshm-create /topseg 2048
	fixture pmq-create /topq
	fixture pmq-send /topq hi
	fixture psem-create /topsem 6
	run --separate-stderr -0 ipctool top pshm --batch -n 1
	assert_line --index 0 --regexp '^ipctool top - .* - pshm 1$'
	assert_line --regexp '^NAME +PERMS +OWNER +SIZE +MTIME$'
	assert_line --regexp '^/topseg +rw-r--r-- +root +2K +'
	run -0 ipctool top --batch -n 1 pmq
	assert_line --regexp '^/topq +rw-r--r-- +root +2B +1 +'
	run -0 ipctool top --batch -n 1 psem
	assert_line --regexp '^/topsem +rw-r--r-- +root +6 +'
}
