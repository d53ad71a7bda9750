# Shared by the server benchmarks (source it): the faqbot binary and a server on a free port.

# Sets FAQBOT to a release build unless the caller gave one.
ensure_faqbot() {
    if [ -z "${FAQBOT:-}" ]; then
        (cd "$root" && swift build -c release >/dev/null)
        FAQBOT=$root/.build/release/faqbot
    fi
}

# start_serve LOG [OPTIONS...]: starts 'faqbot serve --port 0 --json' on the bundled knowledge,
# logging to LOG; sets server_pid and port once it listens.
start_serve() {
    local log=$1
    shift
    "$FAQBOT" serve --port 0 --json --knowledge "$root/knowledge" "$@" 2>"$log" &
    server_pid=$!
    for _ in $(seq 300); do
        grep -q "listening on" "$log" 2>/dev/null && break
        sleep 0.05
    done
    port=$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\).*/\1/p' "$log")
}

# Makes a scratch directory ($work), removed at exit after stopping a server still running.
make_work() {
    work=$(mktemp -d)
    server_pid=""
    trap cleanup_work EXIT
}

cleanup_work() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
