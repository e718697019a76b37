# lib.sh: helpers for the command-line tests (sourced by tests/cli/test-*.sh)
#
# Each check prints "ok NAME" or "not ok NAME: why", which tests/run counts.
# gk runs the AddressSanitizer build of gongkai on this test's own database
# in a fresh temporary directory; its stdout, stderr and status are kept in
# $OUT, $ERR and $RC.
set -u
GK=${GONGKAI_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/asan/gongkai}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TMP=$(mktemp -d /tmp/gk-cli-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
DB="$TMP/test.db"
export GONGKAI_USER=测试员
OUT= ERR= RC=0

gk() {
	OUT=$("$GK" --db "$DB" "$@" 2>"$TMP/stderr")
	RC=$?
	ERR=$(cat "$TMP/stderr")
	# a sanitizer report is always a failure, whatever the test expected
	if grep -q -E 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' "$TMP/stderr"; then
		echo "not ok sanitizer: gongkai $*"
		sed 's/^/    /' "$TMP/stderr" | head -n 40
	fi
	return 0
}

ok() { echo "ok $1"; }
notok() { echo "not ok $1: $2"; }

# expect NAME STATUS: the last gk call exited with STATUS
expect_rc() {
	if [ "$RC" -eq "$2" ]; then ok "$1"; else
		notok "$1" "exit status $RC, expected $2; stderr: ${ERR:0:600}"; fi
}
# expect_out NAME TEXT: stdout contains TEXT
expect_out() {
	case "$OUT" in *"$2"*) ok "$1" ;; *) notok "$1" "stdout lacks '$2': ${OUT:0:600}" ;; esac
}
# expect_err NAME TEXT: stderr contains TEXT
expect_err() {
	case "$ERR" in *"$2"*) ok "$1" ;; *) notok "$1" "stderr lacks '$2': ${ERR:0:600}" ;; esac
}
# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else notok "$1" "got '$2', expected '$3'"; fi
}
# json QUERY: evaluate a python expression 'j' over $OUT parsed as JSON
json() {
	python3 -c 'import json,sys; j=json.loads(sys.stdin.read()); print(eval(sys.argv[1]))' "$1" <<<"$OUT"
}
# the database's content, for "nothing was written" checks
db_digest() {
	"$GK" --db "$DB" catalog list --json 2>/dev/null | md5sum | cut -d' ' -f1
}
