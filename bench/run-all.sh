#!/usr/bin/env bash
# Runs every benchmark one after the other and writes their tables into one Markdown file.
#
#   bench/run-all.sh                       # writes bench/results/<UTC time>.md and prints it
#   bench/run-all.sh /tmp/results.md
#
# The environment of each script applies (RUNS, DURATION, ...; see bench/README.md). Builds, if
# any are needed, happen before the first measurement. Nothing else should run on the machine
# meanwhile: every script prints the load average and any other busy process it saw at the end.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
mkdir -p "$BENCH_DIR/results"
OUT="${1:-$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ).md}"
LOG="${OUT%.md}.log"

# Build first (only what is missing), so no Maven build runs during a measurement.
[[ -f "${STEADFAST_APP_DIR:-$ROOT_DIR/target/quarkus-app}/quarkus-run.jar" ]] \
    || (cd "$ROOT_DIR" && ./mvnw -B -q -DskipTests package)
[[ -f "${REFERENCE_APP_DIR:-$BENCH_DIR/reference/target/quarkus-app}/quarkus-run.jar" ]] \
    || (cd "$ROOT_DIR" && ./mvnw -B -q -f bench/reference/pom.xml package)

{
    echo "# Steadfast benchmark results, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Commit $(git -C "$ROOT_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) CPUs"\
         "($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)),"\
         "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM,"\
         "$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)."
    echo
} >"$OUT"

status=0
for script in boot.sh boot-steps.sh projects-boot.sh http.sh auth-cost.sh; do
    echo "[$(date +%H:%M:%S)] bench/$script" >&2
    if "$BENCH_DIR/$script" >>"$OUT" 2>>"$LOG"; then
        echo >>"$OUT"
    else
        status=1
        printf '\n**bench/%s failed** (exit code above; its log is in %s).\n\n' "$script" "$(basename "$LOG")" >>"$OUT"
    fi
done
cat "$OUT"
echo "[$(date +%H:%M:%S)] results in $OUT, script logs in $LOG" >&2
exit $status
