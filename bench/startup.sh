#!/usr/bin/env bash
# Start-up to the first /health/ 200, several ways in one run, alternating (run 1 of each, then run 2 of each, ...):
# wall time, CPU time (user + sys of the server's processes until then: far steadier than wall time on a shared
# machine), classes loaded (jstat, JVMs only) and RSS, then the medians of each way.
# Usage: bench/startup.sh [runs, default 3] [corpus case, default: the embedded example]
#   WAYS="fat launcher"   what to measure (default), from:
#       fat         java -jar target/timpani.jar (which runs from its unpacked copy; the first run, which
#                   unpacks it, is made and timed before the measured ones)
#       nested      the same with TIMPANI_UNPACK=false: classes read from the jars nested in the jar
#       launcher    bin/timpani (the README's fast path: extracted jar + AOT cache on Java 25 / CDS on 17-24),
#                   its cache prepared before the first measured run
#       cds         the Docker image's layout: the jar extracted by layers, a CDS archive from a training run
#   PEER_CMD="drum server --code-dir {code_dir} --target-type {target_type} --address 127.0.0.1:{port}"
#                   a peer server (DRUM) measured in the same rounds; {code_dir}, {target_type}, {port} filled in
#   MODE=score      instead: `score` of a one-row file (the case's first row), process start to exit; CPU and
#                   peak RSS from /usr/bin/time. PEER_CMD="drum score --code-dir {code_dir} --target-type
#                   {target_type} --input {input} --output {output}" for the peer
#   JAVA_HOME, JAVA_OPTS  the JVM and its options, for every Timpani way
#   JAR=/tmp/timpani-before.jar  another build (default target/timpani.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-3}
case_name=${2:-}
jar=$(realpath "${JAR:-target/timpani.jar}")
ways=${WAYS:-fat launcher}
mode=${MODE:-server}
port=${PORT:-18090}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -f "$jar" ] || { echo "no $jar: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
jstat=${JAVA_HOME:+$JAVA_HOME/bin/}jstat
command -v "$jstat" >/dev/null || { echo "jstat (a JDK) is needed for the class count" >&2; exit 1; }
# shellcheck disable=SC2206  # JAVA_OPTS is a list of options, split on purpose
java_opts=(${JAVA_OPTS:-})

model_args=()
code_dir=""
target_type=regression
if [ -n "$case_name" ]; then
    case_dir=$(cd "${CORPUS:-../shared/corpus}/$case_name" && pwd)
    mapfile -t model_args < <(bench_case_args "$case_dir")
    code_dir=$case_dir/model
    target_type=$(sed -n 's/^target_type: //p' "$case_dir/case.yaml")
fi

work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill -- "-$pid" 2>/dev/null; rm -rf "$work"' EXIT
build=$(realpath -m "target/startup-$(basename "$jar" .jar)")

# The command line of one way, up to the sub-command, into the array `command`.
command_of() { # way
    case $1 in
        fat) command=(env TIMPANI_CACHE_DIR="$build/unpack-cache" "$java" "${java_opts[@]}" -jar "$jar") ;;
        nested) command=(env TIMPANI_UNPACK=false "$java" "${java_opts[@]}" -jar "$jar") ;;
        launcher) command=(env TIMPANI_JAR="$jar" TIMPANI_CACHE_DIR="$build/launcher-cache" bin/timpani) ;;
        cds) command=("$java" -XX:SharedArchiveFile="$build/cds/app/timpani.jsa" "${java_opts[@]}"
                -jar "$build/cds/app/$(basename "$jar")") ;;
        peer) command=() ;;
        *) echo "unknown way $1" >&2; exit 1 ;;
    esac
}

# What each way needs made once, outside the measured runs.
prepare() { # way
    case $1 in
        fat)
            # The first run unpacks the jar (UnpackedJar); every later one starts from the copy.
            rm -rf "$build/unpack-cache"
            local started
            started=$(date +%s%N)
            env TIMPANI_CACHE_DIR="$build/unpack-cache" "$java" "${java_opts[@]}" -jar "$jar" --version >/dev/null
            echo "fat: the first run (--version) unpacked the jar in $(( ($(date +%s%N) - started) / 1000000 )) ms" ;;
        launcher)
            # The launcher's first run prepares its cache; --version is enough to trigger it.
            env TIMPANI_JAR="$jar" TIMPANI_CACHE_DIR="$build/launcher-cache" bin/timpani --version >/dev/null ;;
        cds)
            local dir=$build/cds
            if [ ! -f "$dir/app/timpani.jsa" ] || [ "$jar" -nt "$dir/app/timpani.jsa" ]; then
                rm -rf "$dir" && mkdir -p "$dir/app" "$dir/tmp"
                "$java" -Djarmode=tools -jar "$jar" extract --layers --destination "$dir/layers" >/dev/null
                # What the Dockerfile's COPY instructions do: the layers merged into one folder.
                for layer in dependencies snapshot-dependencies application; do
                    [ -d "$dir/layers/$layer" ] && cp -r "$dir/layers/$layer/." "$dir/app/"
                done
                # The Dockerfile's training run: serve the first requests, dump the archive at exit.
                CODE_DIR= "$java" -XX:ArchiveClassesAtExit="$dir/app/timpani.jsa" -Xlog:cds=error \
                    -Dtimpani.training-run=true -Djava.io.tmpdir="$dir/tmp" "${java_opts[@]}" \
                    -jar "$dir/app/$(basename "$jar")" server --address 127.0.0.1:0 --timpani.oip.grpc.port=0 \
                    --logging-level warning > "$dir/training.log" 2>&1
                rm -rf "$dir/tmp"
            fi ;;
    esac
}

hz=$(getconf CLK_TCK)
# CPU seconds (as ms) of a process and its children so far: the peer's workers count, as the JVM's threads do.
cpu_of() { # pid
    local total=0 p
    for p in $1 $(pgrep -P "$1" || true); do
        [ -r "/proc/$p/stat" ] && total=$((total + $(awk -v hz="$hz" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$p/stat")))
    done
    echo "$total"
}

# The peer's command line with its placeholders filled in.
peer_command() {
    local cmd=${PEER_CMD//\{port\}/$port}
    cmd=${cmd//\{code_dir\}/$code_dir}
    cmd=${cmd//\{target_type\}/$target_type}
    cmd=${cmd//\{input\}/$work/one-row.csv}
    echo "${cmd//\{output\}/$work/peer-output.csv}"
}

measure() { # way run
    local way=$1 started wall cpu rss classes load
    if [ "$mode" = score ]; then
        measure_score "$@"
        return
    fi
    load=$(cut -d' ' -f1 /proc/loadavg)
    if [ "$way" = peer ]; then
        local cmd
        cmd=$(peer_command)
        started=$(date +%s%N)
        setsid bash -c "exec $cmd" > "$work/log" 2>&1 &
    else
        command_of "$way"
        started=$(date +%s%N)
        CODE_DIR= setsid "${command[@]}" server --address "127.0.0.1:$port" "${model_args[@]}" \
            ${case_name:+--timpani.workers.python=/usr/bin/python3} > "$work/log" 2>&1 &
    fi
    pid=$!
    until curl -fs "http://127.0.0.1:$port/health/" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
        sleep 0.02
    done
    wall=$(( ($(date +%s%N) - started) / 1000000 ))
    cpu=$(cpu_of "$pid")
    rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status")
    classes=$("$jstat" -class "$pid" 2>/dev/null | awk 'NR == 2 { print $1 }' || true)
    kill -- "-$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    pid=""
    report "$way" "$2" "$wall" "$cpu" "${classes:-}" "$rss" "$load"
}

# `score` of the one-row file, start to exit; /usr/bin/time gives CPU (user + sys) and peak RSS.
measure_score() { # way run
    local way=$1 started wall load
    load=$(cut -d' ' -f1 /proc/loadavg)
    rm -f "$work/output.csv" "$work/peer-output.csv"
    started=$(date +%s%N)
    if [ "$way" = peer ]; then
        /usr/bin/time -f '%U %S %M' -o "$work/time" bash -c "exec $(peer_command)" > "$work/log" 2>&1 \
            || { cat "$work/log" >&2; exit 1; }
    else
        command_of "$way"
        CODE_DIR= /usr/bin/time -f '%U %S %M' -o "$work/time" "${command[@]}" score "${model_args[@]}" \
            --input "$work/one-row.csv" --output "$work/output.csv" > "$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
    fi
    wall=$(( ($(date +%s%N) - started) / 1000000 ))
    read -r user sys peak < "$work/time"
    report "$way" "$2" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print int((u + s) * 1000) }')" "" \
        "$((peak / 1024))" "$load"
}

report() { # way run wall cpu classes rss load
    printf '%-9s %-4s %9s %9s %8s %7s  %s\n' "$1" "$2" "$3" "$4" "${5:--}" "$6" "$7"
    echo "$1 $3 $4 ${5:-0} $6" >> "$work/results"
}

all_ways=$ways
[ -z "${PEER_CMD:-}" ] || all_ways="$all_ways peer"
if [ "$mode" = score ]; then
    [ -n "$case_name" ] || { echo "MODE=score needs a corpus case" >&2; exit 1; }
    head -n 2 "$case_dir/input.csv" > "$work/one-row.csv"
fi
for way in $ways; do prepare "$way"; done
echo "mode: $mode   jar: $jar   model: ${case_name:-embedded example}   java: $("$java" -version 2>&1 | head -n 1)"
echo "JAVA_OPTS: ${JAVA_OPTS:-(none)}${PEER_CMD:+   peer: $PEER_CMD}"
printf '%-9s %-4s %9s %9s %8s %7s  %s\n' way run wall_ms cpu_ms classes rss_mb load
for run in $(seq 1 "$runs"); do
    for way in $all_ways; do measure "$way" "$run"; done
done
median() { # way column
    awk -v w="$1" -v c="$2" '$1 == w { print $c }' "$work/results" | sort -n \
        | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
echo "medians:"
for way in $all_ways; do
    printf '%-9s %-4s %9s %9s %8s %7s\n' "$way" "" "$(median "$way" 2)" "$(median "$way" 3)" "$(median "$way" 4)" \
        "$(median "$way" 5)"
done
