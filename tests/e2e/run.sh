#!/usr/bin/env bash
# tests/e2e/run.sh: the browser tests of gongkai's public pages
#
# Builds the Changsha demo database in a temporary directory, serves it on a
# free loopback port with $GONGKAI_BIN (default build/asan/gongkai, the
# AddressSanitizer+UBSan build), runs tests/e2e/e2e.mjs, backoffice.mjs,
# search.mjs and requests.mjs against it (Debian's
# chromium driven by playwright-core, axe-core for accessibility), then stops
# the server with SIGTERM and checks that it exits 0 without a sanitizer
# report.  Prints "ok NAME" / "not ok NAME: why" lines (tests/run counts
# them) and exits non-zero if any check failed.  Screenshots are left in
# tests/e2e/screenshots/.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

# $GONGKAI_BIN as given is relative to the caller's directory; the default
# is relative to the repository
bin=${GONGKAI_BIN:-$root/build/asan/gongkai}
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
cd "$root" || exit 1

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
# h2o keeps per-thread memory caches that end with the threads (see tests/lsan.supp)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LC_ALL=C.UTF-8

out=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-e2e.XXXXXX") || exit 1
server_pid=
cleanup() {
	if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
		kill -TERM "$server_pid" 2>/dev/null
		wait "$server_pid" 2>/dev/null
	fi
	rm -rf "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

failed=0
say_not_ok() {
	echo "not ok $1: $2"
	failed=1
}
# Indent a file's last lines as comments (for the reason of a failure).
show() {
	[ -s "$1" ] && tail -n "${2:-20}" "$1" | sed 's/^/#   /'
}
# A sanitizer report in a file?
sanitizer_report() {
	grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$1"
}

# --- node_modules ---------------------------------------------------------
if [ ! -d "$here/node_modules/playwright-core" ] ||
   [ ! -d "$here/node_modules/axe-core" ]; then
	if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) \
		>"$out/npm.log" 2>&1; then
		echo "not ok e2e/npm: npm ci failed in tests/e2e ($(tail -n 1 "$out/npm.log"))"
		show "$out/npm.log"
		exit 1
	fi
fi

# --- chromium and the program ----------------------------------------------
if [ ! -x /usr/bin/chromium ]; then
	echo "not ok e2e/chromium: /usr/bin/chromium is missing (apt-get install chromium)"
	exit 1
fi
if [ ! -x "$bin" ]; then
	echo "not ok e2e/binary: $bin is missing (make build/asan/gongkai, or set GONGKAI_BIN)"
	exit 1
fi

# --- the demo database ------------------------------------------------------
db=$out/demo.db
if ! "$bin" --db "$db" demo >"$out/demo.log" 2>&1; then
	echo "not ok e2e/demo: gongkai demo failed"
	show "$out/demo.log"
	exit 1
fi
if sanitizer_report "$out/demo.log"; then
	say_not_ok e2e/demo "gongkai demo printed a sanitizer report"
	grep -m1 -A12 -E 'ERROR: |runtime error:' "$out/demo.log" | sed 's/^/#   /'
else
	echo "ok e2e/demo"
fi

# --- the server on a free port ----------------------------------------------
free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000))
}

port=
for _attempt in 1 2 3; do
	p=$(free_port)
	"$bin" --db "$db" serve --listen "127.0.0.1:$p" --threads 2 \
		--access-log "$out/access.log" >"$out/server.out" 2>"$out/server.err" &
	server_pid=$!
	# up to ~10 s for the first answer
	for _ in $(seq 100); do
		if ! kill -0 "$server_pid" 2>/dev/null; then
			break
		fi
		if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$p/"; then
			port=$p
			break
		fi
		sleep 0.1
	done
	[ -n "$port" ] && break
	if kill -0 "$server_pid" 2>/dev/null; then
		kill -TERM "$server_pid" 2>/dev/null
	fi
	wait "$server_pid" 2>/dev/null
	server_pid=
done
if [ -z "$port" ]; then
	echo "not ok e2e/server-starts: gongkai serve did not answer within 10 s"
	show "$out/server.err"
	exit 1
fi
echo "ok e2e/server-starts"

# --- the browser tests ------------------------------------------------------
start=$(date +%s)
timeout -k 5 150 node "$here/e2e.mjs" "http://127.0.0.1:$port" \
	>"$out/e2e.out" 2>"$out/e2e.err"
status=$?
timeout -k 5 120 node "$here/backoffice.mjs" "http://127.0.0.1:$port" \
	>>"$out/e2e.out" 2>>"$out/e2e.err" || status=$((status ? status : $?))
timeout -k 5 60 node "$here/search.mjs" "http://127.0.0.1:$port" \
	>>"$out/e2e.out" 2>>"$out/e2e.err" || status=$((status ? status : $?))
timeout -k 5 150 node "$here/requests.mjs" "http://127.0.0.1:$port" \
	>>"$out/e2e.out" 2>>"$out/e2e.err" || status=$((status ? status : $?))
timeout -k 5 240 node "$here/assessment.mjs" "http://127.0.0.1:$port" >>"$out/e2e.out" 2>>"$out/e2e.err" || status=$((status ? status : $?))
cat "$out/e2e.out"
if grep -q '^not ok ' "$out/e2e.out"; then
	failed=1
elif [ "$status" -ne 0 ]; then
	say_not_ok e2e/node "node tests/e2e/e2e.mjs exited with status $status"
	show "$out/e2e.err"
fi
echo "# browser tests took $(( $(date +%s) - start )) s"

# --- the server stops cleanly ------------------------------------------------
kill -TERM "$server_pid" 2>/dev/null
stopped=
for _ in $(seq 150); do
	if ! kill -0 "$server_pid" 2>/dev/null; then
		stopped=1
		break
	fi
	sleep 0.1
done
if [ -z "$stopped" ]; then
	say_not_ok e2e/server-stops-cleanly "the server did not exit within 15 s of SIGTERM"
	kill -KILL "$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null
	server_pid=
else
	wait "$server_pid"
	code=$?
	server_pid=
	if [ "$code" -ne 0 ] && sanitizer_report "$out/server.err"; then
		say_not_ok e2e/server-stops-cleanly "the server exited with status $code after SIGTERM (a sanitizer report: below)"
	elif [ "$code" -ne 0 ]; then
		say_not_ok e2e/server-stops-cleanly "the server exited with status $code after SIGTERM"
		show "$out/server.err"
	else
		echo "ok e2e/server-stops-cleanly"
	fi
fi
if sanitizer_report "$out/server.err"; then
	say_not_ok e2e/server-sanitizer "the server printed a sanitizer report"
	grep -m1 -A24 -E 'ERROR: |runtime error:' "$out/server.err" | grep -v '^$' | sed 's/^/#   /'
else
	echo "ok e2e/server-sanitizer"
fi
if [ ! -s "$out/access.log" ]; then
	say_not_ok e2e/access-log "the access log is empty"
else
	echo "ok e2e/access-log"
fi

exit "$failed"
