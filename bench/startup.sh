#!/usr/bin/env bash
# Start-up of the packaged server to its first /health/ 200, serving the embedded XGBoost example (no --code-dir):
# wall time, CPU time (user + sys of the JVM until then: far steadier than wall time on a shared machine), classes
# loaded (jstat; deterministic) and RSS, for each of N runs, then the medians.
# Usage: bench/startup.sh [runs, default 3]
#   JAR=/tmp/timpani-before.jar   another build (default target/timpani.jar)
#   LAYOUT=fat                    java -jar on the jar itself (default)
#   LAYOUT=extracted              the Docker image's layout: the jar extracted by layers into one folder
#   LAYOUT=cds                    the same plus the image's class-data-sharing archive (a training run first)
#   JAVA_OPTS="-XX:+UseSerialGC"  options of the measured JVM (and of the training run)
# The extracted layout and archive are made in target/startup-<layout>-<jar name>/ and reused while the jar is older.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=$(realpath "${JAR:-target/timpani.jar}")
layout=${LAYOUT:-fat}
port=${PORT:-18090}
[ -f "$jar" ] || { echo "no $jar: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
command -v jstat >/dev/null || { echo "jstat (a JDK) is needed for the class count" >&2; exit 1; }

log=$(mktemp)
trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -f "$log"' EXIT
java_opts=${JAVA_OPTS:-}
if [ "$layout" != fat ]; then
    dir=$(realpath -m "target/startup-$layout-$(basename "$jar" .jar)")
    app="$dir/app/$(basename "$jar")"
    if [ ! -f "$app" ] || [ "$jar" -nt "$app" ]; then
        rm -rf "$dir" && mkdir -p "$dir/app" "$dir/tmp"
        java -Djarmode=tools -jar "$jar" extract --layers --destination "$dir/layers" >/dev/null
        # What the Dockerfile's COPY instructions do: the layers merged into one folder.
        for layer in dependencies snapshot-dependencies application; do
            [ -d "$dir/layers/$layer" ] && cp -r "$dir/layers/$layer/." "$dir/app/"
        done
        if [ "$layout" = cds ]; then
            # The Dockerfile's training run: refresh the context, dump the archive at exit.
            # shellcheck disable=SC2086  # JAVA_OPTS is a list of options, split on purpose
            CODE_DIR= java -XX:ArchiveClassesAtExit="$dir/app/timpani.jsa" -Xlog:cds=error \
                -Dspring.context.exit=onRefresh -Djava.io.tmpdir="$dir/tmp" $java_opts \
                -jar "$app" server --logging-level warning > "$dir/training.log" 2>&1
            rm -rf "$dir/tmp"
        fi
    fi
    jar=$app
    [ "$layout" = cds ] && java_opts="-XX:SharedArchiveFile=$dir/app/timpani.jsa $java_opts"
fi

hz=$(getconf CLK_TCK)
results=()
echo "jar: $jar   layout: $layout   JAVA_OPTS: ${JAVA_OPTS:-(none)}"
printf '%-4s %9s %9s %8s %7s  %s\n' run wall_ms cpu_ms classes rss_mb load
for run in $(seq 1 "$runs"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    started=$(date +%s%N)
    # shellcheck disable=SC2086  # java_opts is a list of options, split on purpose
    CODE_DIR= java $java_opts -jar "$jar" server --address "127.0.0.1:$port" > "$log" 2>&1 &
    pid=$!
    until curl -fs "http://127.0.0.1:$port/health/" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
        sleep 0.02
    done
    wall=$(( ($(date +%s%N) - started) / 1000000 ))
    cpu=$(awk -v hz="$hz" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$pid/stat")
    rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status")
    classes=$(jstat -class "$pid" | awk 'NR == 2 { print $1 }')
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=
    printf '%-4s %9s %9s %8s %7s  %s\n' "$run" "$wall" "$cpu" "$classes" "$rss" "$load"
    results+=("$wall $cpu $classes $rss")
done
median() { printf '%s\n' "${results[@]}" | awk -v c="$1" '{ print $c }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%-4s %9s %9s %8s %7s\n' median "$(median 1)" "$(median 2)" "$(median 3)" "$(median 4)"
