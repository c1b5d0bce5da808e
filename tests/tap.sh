# tap.sh: sourced by a shell test: a temporary folder $T (removed at exit)
# and the TAP-like lines run.sh counts: ok, nok (with the lines of $T/out), skip, expect.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }
skip() { n=$((n+1)); echo "skip $n - $1"; }
expect() { # description, condition command...
    d=$1; shift
    if "$@"; then ok "$d"; else nok "$d" "$(head -c 900 "$T/out" 2>/dev/null)"; fi
}
