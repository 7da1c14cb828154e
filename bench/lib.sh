# shellcheck shell=bash
# Shared helpers of the bench/*.sh scripts: sourced, never run. See bench/README.md.
#
# Environment every script understands:
#   STEADFAST_APP_DIR  a built Steadfast quarkus-app directory (default: target/quarkus-app; built
#                      with ./mvnw -DskipTests package only when its quarkus-run.jar is missing).
#                      The scripts run a private copy of it, so a concurrent `./mvnw verify`
#                      rewriting target/ cannot change the code under measurement halfway.
#   REFERENCE_APP_DIR  the reference's quarkus-app (default: bench/reference/target/quarkus-app,
#                      built with the root Maven wrapper only when missing).
#   REFERENCE_EXTENDED_APP_DIR
#                      the reference built with Steadfast's extensions (profile
#                      steadfast-extensions; default: bench/reference/target/with-extensions/
#                      quarkus-app, built only when missing). Only bench/boot.sh boots it.
#   JAVA_OPTS          extra JVM options, given to every application alike (default none).
#   BENCH_KEEP=1       keep the scratch directory (data directories, logs) after the run.
#   BENCH_PORT_BASE    first TCP port used (default 18180).

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
BENCH_ADMIN_PASSWORD="bench-admin-password-0123"
PORT_BASE="${BENCH_PORT_BASE:-18180}"
STEADFAST_PORT=$PORT_BASE
REFERENCE_PORT=$((PORT_BASE + 1))

WORK="$(mktemp -d "${TMPDIR:-/tmp}/steadfast-bench.XXXXXX")"
mkdir -p "$WORK/logs"
STARTED_PIDS=()

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    for pid in "${STARTED_PIDS[@]}"; do
        wait_gone "$pid" 30 || kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
        log "scratch kept in $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- tools ---------------------------------------------------------------------------------

# need_cmd <command> [debian-package]: installs the package when the command is missing.
need_cmd() {
    local cmd=$1 pkg=${2:-$1}
    command -v "$cmd" >/dev/null 2>&1 && return 0
    log "installing $pkg (for $cmd)"
    if [[ $(id -u) -ne 0 ]]; then
        sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >&2
    else
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >&2
    fi
    command -v "$cmd" >/dev/null 2>&1 || die "$cmd is still missing after installing $pkg"
}

need_java() {
    command -v java >/dev/null 2>&1 || [[ -n "${JAVA_HOME:-}" ]] || die "a JDK 17+ is needed (java on PATH or JAVA_HOME)"
    JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
}

# ---- applications --------------------------------------------------------------------------

# steadfast_app: prints the directory of a private copy of the built Steadfast application.
steadfast_app() {
    local source="${STEADFAST_APP_DIR:-$ROOT_DIR/target/quarkus-app}"
    if [[ ! -f "$source/quarkus-run.jar" ]]; then
        [[ -n "${STEADFAST_APP_DIR:-}" ]] && die "STEADFAST_APP_DIR=$source has no quarkus-run.jar"
        log "building Steadfast (./mvnw -B -q -DskipTests package): no $source/quarkus-run.jar"
        (cd "$ROOT_DIR" && ./mvnw -B -q -DskipTests package >&2)
    fi
    if [[ ! -d "$WORK/steadfast-app" ]]; then
        cp -a "$source" "$WORK/steadfast-app"
        log "Steadfast: $(app_identity "$WORK/steadfast-app" "$source")"
    fi
    echo "$WORK/steadfast-app"
}

reference_app() {
    local dir="${REFERENCE_APP_DIR:-$BENCH_DIR/reference/target/quarkus-app}"
    if [[ ! -f "$dir/quarkus-run.jar" ]]; then
        [[ -n "${REFERENCE_APP_DIR:-}" ]] && die "REFERENCE_APP_DIR=$dir has no quarkus-run.jar"
        log "building the reference (./mvnw -f bench/reference/pom.xml package): no $dir/quarkus-run.jar"
        (cd "$ROOT_DIR" && ./mvnw -B -q -f bench/reference/pom.xml package >&2)
    fi
    echo "$dir"
}

# The reference application with the extensions Steadfast adds (see bench/reference/pom.xml).
reference_extended_app() {
    local dir="${REFERENCE_EXTENDED_APP_DIR:-$BENCH_DIR/reference/target/with-extensions/quarkus-app}"
    if [[ ! -f "$dir/quarkus-run.jar" ]]; then
        [[ -n "${REFERENCE_EXTENDED_APP_DIR:-}" ]] && die "REFERENCE_EXTENDED_APP_DIR=$dir has no quarkus-run.jar"
        log "building the reference with Steadfast's extensions (-Psteadfast-extensions): no $dir/quarkus-run.jar"
        (cd "$ROOT_DIR" && ./mvnw -B -q -f bench/reference/pom.xml -Psteadfast-extensions package >&2)
    fi
    echo "$dir"
}

# app_identity <copy> <source>: the jar's build time and the repository commit, for the record.
app_identity() {
    local jar built commit dirty
    jar=$(ls "$1"/app/*.jar 2>/dev/null | head -1)
    built=$(date -u -r "$jar" '+%Y-%m-%d %H:%M:%S UTC' 2>/dev/null || echo '?')
    commit=$(git -C "$ROOT_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')
    dirty=$(git -C "$ROOT_DIR" status --porcelain -- src pom.xml 2>/dev/null | wc -l)
    echo "jar built $built from $2; repository HEAD $commit ($dirty uncommitted paths under src/, pom.xml)"
}

# ---- processes -----------------------------------------------------------------------------

exec {NAP_FD}<> <(:)
# nap <seconds>: sleeps without forking (a fork per 10 ms poll would compete with the boot).
nap() { read -r -t "$1" -u "$NAP_FD" _ || true; }

now_us() { local t=$EPOCHREALTIME; echo $(( ${t%.*} * 1000000 + 10#${t#*.} )); }

# http_status <port> <path>: the status code of a plain GET, through bash's /dev/tcp (no fork).
http_status() {
    local fd line
    { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || { echo 000; return 0; }
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&"$fd" 2>/dev/null || true
    IFS= read -r -t 5 -u "$fd" line || line=
    exec {fd}>&-
    line=${line#HTTP/1.? }
    echo "${line:0:3}"
}

# start_app <steadfast|reference|reference-extended> <data-dir> <log-file>: starts one JVM; sets APP_PID, APP_PORT
# and APP_T0 (microseconds, taken immediately before the fork).
start_app() {
    local kind=$1 data=$2 logfile=$3 dir
    need_java
    mkdir -p "$data"
    case $kind in
        steadfast)
            dir=$(steadfast_app)
            APP_PORT=$STEADFAST_PORT
            APP_T0=$(now_us)
            STEADFAST_DATA_DIR="$data" STEADFAST_ADMIN_PASSWORD="$BENCH_ADMIN_PASSWORD" \
                STEADFAST_SHUTDOWN_READINESS_DELAY=0s QUARKUS_HTTP_PORT=$APP_PORT \
                "$JAVA" ${JAVA_OPTS:-} -jar "$dir/quarkus-run.jar" >"$logfile" 2>&1 &
            APP_PID=$!
            ;;
        reference|reference-extended)
            if [[ $kind == reference ]]; then dir=$(reference_app); else dir=$(reference_extended_app); fi
            APP_PORT=$REFERENCE_PORT
            APP_T0=$(now_us)
            REFERENCE_DATA_DIR="$data" QUARKUS_HTTP_PORT=$APP_PORT \
                "$JAVA" ${JAVA_OPTS:-} -jar "$dir/quarkus-run.jar" >"$logfile" 2>&1 &
            APP_PID=$!
            ;;
        *) die "unknown application $kind" ;;
    esac
    STARTED_PIDS+=("$APP_PID")
}

# wait_ready <timeout-seconds>: polls /q/health/ready of the last started app every 10 ms; sets
# READY_MS (process start to the first 200) and RSS_KB (VmRSS right after it).
wait_ready() {
    local timeout_us=$(( $1 * 1000000 )) status
    while :; do
        status=$(http_status "$APP_PORT" /q/health/ready)
        if [[ $status == 200 ]]; then
            local t1; t1=$(now_us)
            READY_MS=$(( (t1 - APP_T0) / 1000 ))
            RSS_KB=$(awk '/^VmRSS:/ {print $2}' "/proc/$APP_PID/status")
            return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || die "process $APP_PID exited before it was ready (see its log)"
        (( $(now_us) - APP_T0 > timeout_us )) && die "not ready within $1 s (last status $status)"
        nap 0.01
    done
}

wait_gone() {
    local pid=$1 limit=$(( $2 * 100 ))
    while kill -0 "$pid" 2>/dev/null && (( limit-- > 0 )); do nap 0.01; done
    # reap it if it is our child
    wait "$pid" 2>/dev/null || true
    ! kill -0 "$pid" 2>/dev/null
}

# stop_app <pid>: SIGTERM (graceful shutdown), KILL after 60 s.
stop_app() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    wait_gone "$pid" 60 || { log "pid $pid ignored SIGTERM for 60 s: killing"; kill -KILL "$pid" 2>/dev/null || true; wait_gone "$pid" 5 || true; }
    local kept=()
    for p in "${STARTED_PIDS[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
    STARTED_PIDS=("${kept[@]+"${kept[@]}"}")
}

# ---- Steadfast API -------------------------------------------------------------------------

# api_token <port>: a bearer token for the bench admin.
api_token() {
    curl -sf -X POST "http://127.0.0.1:$1/api/auth/tokens" -H 'Content-Type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$BENCH_ADMIN_PASSWORD\",\"name\":\"bench\"}" | jq -er .token
}

# api_post <port> <token> <path> <json>: POSTs and prints the created resource's id.
api_post() {
    curl -sf -X POST "http://127.0.0.1:$1$3" -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $2" -d "$4" | jq -er .id
}

# ---- interference --------------------------------------------------------------------------
# cpu_mark: "<machine busy ticks> <our ticks> <time µs>". Our ticks are this shell and its reaped
# children (wrk, curl, stopped JVMs) plus the JVMs still running. foreign_cpu <mark> then prints
# the share of the machine's capacity (all CPUs) that other processes used since the mark: a
# concurrent build shows up there, whatever the load average says afterwards.
cpu_mark() {
    local busy own=0 pid
    busy=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat)
    own=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
    for pid in "${STARTED_PIDS[@]}"; do
        [[ -r /proc/$pid/stat ]] && own=$(( own + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat") ))
    done
    echo "$busy $own $(now_us)"
}
foreign_cpu() {
    local b0 o0 t0 b1 o1 t1
    read -r b0 o0 t0 <<<"$1"
    read -r b1 o1 t1 <<<"$(cpu_mark)"
    awk -v b=$(( b1 - b0 )) -v o=$(( o1 - o0 )) -v t=$(( t1 - t0 )) -v n="$(nproc)" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { f = (b - o) / hz / (t / 1e6) / n * 100; if (f < 0) f = 0; printf "%.0f\n", f }'
}

# proc_ticks <pid>: CPU time (user + system, clock ticks) a running process has used so far.
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# cpu_us_per <ticks> <requests>: microseconds of CPU per request.
cpu_us_per() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n == 0) print "n/a"; else printf "%.0f\n", t / hz * 1e6 / n }'; }

# ---- load ---------------------------------------------------------------------------------

# field <RESULT fields> <name>: one value of a bench/wrk/request.lua RESULT line.
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

# warm_until_steady <label> <max-seconds> <command...>: runs the command (a 5-second wrk run that
# prints RESULT fields) again and again until two runs in a row are within 5% of each other in
# req/s, after at least 4 runs (20 s), or until max-seconds. The JIT of a JVM that serves a deep
# stack (security, transactions, two persistence units) needs far longer than a bare one to settle
# on this 2-core machine: a fixed short warm-up measures the compiler, not the application.
warm_until_steady() {
    local label=$1 max=$2 prev=0 cur r n=0 trail=""
    shift 2
    while :; do
        r=$("$@")
        cur=$(field "$r" rps)
        n=$((n + 1))
        trail+="${cur%.*} "
        if (( n >= 4 )) && awk -v a="$cur" -v b="$prev" 'BEGIN { exit !(b > 0 && a <= b * 1.05 && a >= b * 0.95) }'; then
            log "warm-up $label: steady after $((n * 5)) s (req/s per 5 s: ${trail% })"
            return 0
        fi
        if (( n * 5 >= max )); then
            log "warm-up $label: not steady after $max s (req/s per 5 s: ${trail% }); measuring anyway"
            return 0
        fi
        prev=$cur
    done
}

# ---- numbers -------------------------------------------------------------------------------

# median <numbers...>
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
minimum() { printf '%s\n' "$@" | sort -g | head -1; }
maximum() { printf '%s\n' "$@" | sort -g | tail -1; }
# ratio <a> <b> [decimals]
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b == 0) print "n/a"; else printf "%.*f\n", d, a / b }'; }
# verdict <met-condition-as-awk-expression>  e.g. verdict "1.21 <= 1.3"
verdict() { awk "BEGIN { exit !($1) }" && echo "met" || echo "**not met**"; }

# ---- machine -------------------------------------------------------------------------------

machine_line() {
    local cpu mem jdk
    cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
    mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
    jdk=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)
    echo "$(nproc) CPUs ($cpu), $mem RAM, $jdk, JAVA_OPTS='${JAVA_OPTS:-}'"
}

# other_load: load average and any busy process that is not ours (CPU over half a second), to
# spot interference such as a concurrent Maven build.
other_load() {
    local ours=" ${STARTED_PIDS[*]:-} $$ " busy
    busy=$(top -b -n 2 -d 0.5 -w 200 2>/dev/null | awk -v ours="$ours" '
        /^top -/ {block++} block == 2 && $1 ~ /^[0-9]+$/ && $9 + 0 > 10 && index(ours, " " $1 " ") == 0 {
            printf "%s%s (pid %s, %s%% CPU)", sep, $12, $1, $9; sep = ", " }')
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg)${busy:+; other busy processes: $busy}"
}
