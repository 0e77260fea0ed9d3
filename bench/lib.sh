# Shared by the bench/ scripts (sourced, not run): payload files, starting a server, waiting for it.

# The data rows of a csv repeated to $2 rows after its header, into $3 (awk, not head: no SIGPIPE under pipefail).
bench_rows() { # input.csv rows out.csv
    awk -v want="$2" 'NR == 1 { print; next } { rows[++n] = $0 } END { for (i = 0; i < want; i++) print rows[i % n + 1] }' \
        "$1" > "$3"
}

# A corpus case's model flags for `server`: --code-dir and --target-type from its case.yaml.
bench_case_args() { # case_dir
    printf '%s\n' --code-dir "$1/model" --target-type "$(sed -n 's/^target_type: //p' "$1/case.yaml")"
}

# Starts target/timpani.jar on 127.0.0.1:port with JAVA_OPTS and the given server arguments, output to log;
# sets BENCH_PID.
bench_start() { # port log [server args...]
    local port=$1 log=$2
    shift 2
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of options, split on purpose
    java ${JAVA_OPTS:-} -jar target/timpani.jar server --address "127.0.0.1:$port" "$@" > "$log" 2>&1 &
    BENCH_PID=$!
}

# Waits up to a minute for /health/ 200 on the port; prints the server's log and fails if it never comes.
bench_await_health() { # port log
    for _ in $(seq 1 2400); do
        curl -fs "http://127.0.0.1:$1/health/" >/dev/null 2>&1 && return 0
        sleep 0.025
    done
    curl -fs "http://127.0.0.1:$1/health/" >/dev/null || { cat "$2" >&2; return 1; }
}
