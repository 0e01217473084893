#!/usr/bin/env bats
# SPDX-License-Identifier: ISC
# metrics end to end, with the real engine: the command the metrics timer
# runs (read from contrib/systemd/ipctool-metrics.service) writes into the
# textfile directory of a running Prometheus node exporter (Debian's
# prometheus-node-exporter), and a Prometheus server (Debian's prometheus)
# scrapes that exporter every second and evaluates contrib/prometheus's
# rules every second.  The tests ask the server's HTTP API, as a
# dashboard or an alert would.  Both servers listen on loopback ports
# picked free; the fixture and ipcmk make the resources.

load common

# free_port: a TCP port on 127.0.0.1 nobody listens on now.
free_port() {
	"$PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# query EXPR: the value of the instant query EXPR (its first series), or
# nothing when it has none.
query() {
	curl -fsS "http://127.0.0.1:$PROM_PORT/api/v1/query" \
		--data-urlencode "query=$1" |
		jq -r '.data.result[0].value[1] // empty'
}

# query_is EXPR VALUE: true when EXPR's value is VALUE now.
query_is() {
	[[ $(query "$1") == "$2" ]]
}

# alert_state NAME: pending or firing when the server has alert NAME.
alert_state() {
	curl -fsS "http://127.0.0.1:$PROM_PORT/api/v1/alerts" |
		jq -r --arg n "$1" '.data.alerts[] | select(.labels.alertname == $n) | .state' |
		head -1
}

alert_is() {
	[[ $(alert_state "$1") == "$2" ]]
}

# timer_command: run what ipctool-metrics.service runs, with the binary
# under test and the textfile directory of this file's exporter.
timer_command() {
	local line
	line=$(sed -n 's/^ExecStart=//p' \
		"$BATS_TEST_DIRNAME/../contrib/systemd/ipctool-metrics.service")
	[[ $line == /usr/bin/ipctool\ metrics* ]] || {
		echo "timer_command: unexpected ExecStart: $line" >&2
		return 1
	}
	line=${line#/usr/bin/ipctool }
	line=${line//\/var\/lib\/prometheus\/node-exporter/$TEXTFILE_DIR}
	# shellcheck disable=SC2086  # the unit's words, as systemd splits them
	"$IPCTOOL" $line
}

setup_file() {
	local d=$BATS_FILE_TMPDIR
	for c in prometheus prometheus-node-exporter curl jq; do
		command -v "$c" >/dev/null || {
			echo "$c not found: install Debian's prometheus, prometheus-node-exporter, curl and jq" >&2
			return 1
		}
	done
	export TEXTFILE_DIR=$d/textfile
	mkdir -p "$TEXTFILE_DIR" "$d/tsdb"
	NE_PORT=$(free_port)
	PROM_PORT=$(free_port)
	while [[ $PROM_PORT == "$NE_PORT" ]]; do PROM_PORT=$(free_port); done
	export NE_PORT PROM_PORT
	cat >"$d/prometheus.yml" <<-EOF
	global:
	  scrape_interval: 1s
	  evaluation_interval: 1s
	rule_files:
	  - $BATS_TEST_DIRNAME/../contrib/prometheus/ipctool.rules.yml
	scrape_configs:
	  - job_name: node
	    static_configs:
	      - targets: ['127.0.0.1:$NE_PORT']
	EOF
	prometheus-node-exporter --web.listen-address="127.0.0.1:$NE_PORT" \
		--collector.disable-defaults --collector.textfile \
		--collector.textfile.directory="$TEXTFILE_DIR" \
		>"$d/ne.log" 2>&1 3>&- &
	echo $! >"$d/ne.pid"
	prometheus --config.file="$d/prometheus.yml" \
		--storage.tsdb.path="$d/tsdb" \
		--web.listen-address="127.0.0.1:$PROM_PORT" \
		>"$d/prom.log" 2>&1 3>&- &
	echo $! >"$d/prom.pid"
	WAIT_TIMEOUT=60 wait_until curl -fsS -o /dev/null \
		"http://127.0.0.1:$NE_PORT/metrics" || { cat "$d/ne.log" >&2; return 1; }
	WAIT_TIMEOUT=60 wait_until curl -fsS -o /dev/null \
		"http://127.0.0.1:$PROM_PORT/-/ready" || { cat "$d/prom.log" >&2; return 1; }
}

teardown_file() {
	local f
	for f in "$BATS_FILE_TMPDIR"/ne.pid "$BATS_FILE_TMPDIR"/prom.pid; do
		[[ -f $f ]] && kill "$(cat "$f")" 2>/dev/null
	done
	return 0
}

@test "e2e: Prometheus sees through the node exporter what the fixture made" {
	local i
	for i in 1 2 3; do fixture shm-create --size 4096 >/dev/null; done
	ipcmk -M 8192 >/dev/null
	for i in 1 2; do fixture msg-create >/dev/null; done
	ipcmk -Q >/dev/null
	run timer_command
	assert_success
	[[ -f $TEXTFILE_DIR/ipctool.prom ]]
	# The scrape and the query each take up to a second; the first
	# scrape of a new server can take longer.
	WAIT_TIMEOUT=60 wait_until query_is 'ipc_shm_segments{ns=""}' 4
	WAIT_TIMEOUT=30 wait_until query_is 'ipc_msg_queues{ns=""}' 3
	WAIT_TIMEOUT=30 wait_until query_is 'ipc_shm_bytes{ns=""}' $((3 * 4096 + 8192))
	run query node_textfile_scrape_error
	assert_output 0
	# What the server holds is what the file says, and the file is what
	# the kernel has: 4 segments by ipcs's own count.
	[[ $(ipcs -m | grep -c '^0x') == 4 ]]

	# A change reaches the server on the timer's next run.
	fixture shm-create --size 4096 >/dev/null
	run timer_command
	assert_success
	WAIT_TIMEOUT=30 wait_until query_is 'ipc_shm_segments{ns=""}' 5
	run query node_textfile_scrape_error
	assert_output 0
}

@test "e2e: the limit alert goes pending when semmni is nearly used" {
	local i
	# This namespace's own limits: 10 sets at most, 10 made.
	echo "250 32000 32 10" >/proc/sys/kernel/sem
	run timer_command
	assert_success
	WAIT_TIMEOUT=60 wait_until query_is 'ipc_limit{resource="semmni",ns=""}' 10
	run alert_state IpcLimitNearlyExhausted
	assert_output ''
	for i in $(seq 10); do fixture sem-create --nsems 1 >/dev/null; done
	run fixture sem-create --nsems 1
	assert_failure
	run timer_command
	assert_success
	WAIT_TIMEOUT=60 wait_until alert_is IpcLimitNearlyExhausted pending
	run curl -fsS "http://127.0.0.1:$PROM_PORT/api/v1/alerts"
	assert_success
	run jq -r '.data.alerts[] | select(.labels.alertname == "IpcLimitNearlyExhausted") | .labels.resource' <<<"$output"
	assert_output semmni
	run query node_textfile_scrape_error
	assert_output 0
}
