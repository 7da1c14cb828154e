#!/usr/bin/env bash
# Requests per second and p50/p99 latency, Steadfast next to the bare reference, with wrk:
# reading a task (GET /api/projects/{id}/tasks/{taskId}, bearer token) against GET /items/{id},
# and creating a task (POST /api/projects/{id}/tasks) against POST /items, at 1, 4 and 16
# connections.
#
#   bench/http.sh
#   DURATION=10 WARMUP=3 JIT_WARMUP=180 CONNECTIONS="1 4 16" bench/http.sh
#
# Method: both JVMs run side by side, each on a fresh data directory; only one is loaded at a
# time. First every endpoint is warmed up at 4 connections in 5-second runs until two runs in a
# row agree within 5% in req/s (at least 20 s, at most JIT_WARMUP s; discarded). Then,
# for each connection count, the four endpoints take turns (Steadfast GET, reference GET,
# Steadfast POST, reference POST), each with a WARMUP-second run that is thrown away and a
# DURATION-second measured run: wrk -t min(c,2) -c c --latency --timeout 10s and the Lua script
# bench/wrk/request.lua (method, JSON body, Authorization header; it prints the figures).
# wrk runs on the same 2 cores as the server, and it is closed-loop (a new request leaves when an
# answer arrives), so latencies are service times under that load, not under a fixed arrival rate.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
script_mark=$(cpu_mark)

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
JIT_WARMUP=${JIT_WARMUP:-180}
CONNECTIONS=${CONNECTIONS:-"1 4 16"}
LUA="$BENCH_DIR/wrk/request.lua"
need_cmd wrk
need_cmd curl
need_cmd jq
need_cmd sqlite3
steadfast_app >/dev/null
reference_app >/dev/null

CONTENT="Plan the benchmark: one paragraph of task content, about the size a person writes by hand."

start_app steadfast "$WORK/data-steadfast" "$WORK/logs/steadfast.log"
wait_ready 300
sf_port=$APP_PORT
sf_pid=$APP_PID
token=$(api_token "$sf_port")
project=$(api_post "$sf_port" "$token" /api/projects '{"name":"bench"}')
task_body="{\"title\":\"bench task\",\"phase\":\"PLANNER\",\"content\":\"$CONTENT\"}"
task=$(api_post "$sf_port" "$token" "/api/projects/$project/tasks" "$task_body")

start_app reference "$WORK/data-reference" "$WORK/logs/reference.log"
wait_ready 300
ref_port=$APP_PORT
ref_pid=$APP_PID
item_body="{\"name\":\"bench task\",\"content\":\"$CONTENT\"}"
item=$(curl -sf -X POST "http://127.0.0.1:$ref_port/items" -H 'Content-Type: application/json' -d "$item_body" | jq -er .id)

# endpoint name -> "METHOD URL BODY-VAR TOKEN?"
declare -A URL METHOD BODY AUTH PID
PID[sf-get]=$sf_pid; PID[sf-post]=$sf_pid; PID[ref-get]=$ref_pid; PID[ref-post]=$ref_pid
URL[sf-get]="http://127.0.0.1:$sf_port/api/projects/$project/tasks/$task"; METHOD[sf-get]=GET; BODY[sf-get]=""; AUTH[sf-get]=$token
URL[ref-get]="http://127.0.0.1:$ref_port/items/$item"; METHOD[ref-get]=GET; BODY[ref-get]=""; AUTH[ref-get]=""
URL[sf-post]="http://127.0.0.1:$sf_port/api/projects/$project/tasks"; METHOD[sf-post]=POST; BODY[sf-post]=$task_body; AUTH[sf-post]=$token
URL[ref-post]="http://127.0.0.1:$ref_port/items"; METHOD[ref-post]=POST; BODY[ref-post]=$item_body; AUTH[ref-post]=""
ENDPOINTS=(sf-get ref-get sf-post ref-post)

# run_wrk <endpoint> <connections> <seconds> <logfile>: prints the RESULT line's fields.
run_wrk() {
    local e=$1 c=$2 s=$3 out=$4 threads=$(( $2 < 2 ? $2 : 2 ))
    WRK_METHOD=${METHOD[$e]} WRK_BODY=${BODY[$e]} WRK_TOKEN=${AUTH[$e]} \
        wrk -t"$threads" -c"$c" -d"${s}s" --timeout 10s --latency -s "$LUA" "${URL[$e]}" >"$out" 2>&1 \
        || die "wrk failed on $e (see $out)"
    grep '^RESULT ' "$out" | sed 's/^RESULT //'
}

log "before: $(other_load)"
for e in "${ENDPOINTS[@]}"; do
    warm_until_steady "$e" "$JIT_WARMUP" run_wrk "$e" 4 5 "$WORK/logs/jit-$e.txt"
done

declare -A R F C
for c in $CONNECTIONS; do
    for e in "${ENDPOINTS[@]}"; do
        run_wrk "$e" "$c" "$WARMUP" "$WORK/logs/warm-$e-$c.txt" >/dev/null
        mark=$(cpu_mark)
        t0=$(proc_ticks "${PID[$e]}")
        R[$e-$c]=$(run_wrk "$e" "$c" "$DURATION" "$WORK/logs/run-$e-$c.txt")
        C[$e-$c]=$(cpu_us_per $(( $(proc_ticks "${PID[$e]}") - t0 )) "$(field "${R[$e-$c]}" requests)")
        F[$e-$c]=$(foreign_cpu "$mark")
        log "$e c=$c: ${R[$e-$c]} server_cpu_us=${C[$e-$c]} others=${F[$e-$c]}%"
    done
done
after=$(other_load)
log "after: $after"
tasks_made=$(sqlite3 "$WORK/data-steadfast/projects/$project.db" 'SELECT count(*) FROM tasks' 2>/dev/null || echo '?')

ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
echo "### HTTP throughput and latency (wrk, ${DURATION} s per run after a ${WARMUP} s warm-up)"
echo
echo "| operation | conns | Steadfast req/s | p50 (ms) | p99 (ms) | reference req/s | p50 (ms) | p99 (ms) | Steadfast / reference req/s | server CPU per request (µs) | others' CPU (%) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
declare -A RATIO P99
for op in get post; do
    for c in $CONNECTIONS; do
        s=${R[sf-$op-$c]}; r=${R[ref-$op-$c]}
        RATIO[$op-$c]=$(ratio "$(field "$s" rps)" "$(field "$r" rps)")
        P99[$op-$c]=$(field "$s" p99_us)
        bad=""
        for who in Steadfast reference; do
            x=$([[ $who == Steadfast ]] && echo "$s" || echo "$r")
            if (( $(field "$x" non2xx) + $(field "$x" socket_errors) > 0 )); then
                bad+=" ($who errors: HTTP $(field "$x" statuses | sed 's/:/ ×/g; s/,/, /g'), $(field "$x" socket_errors) socket)"
            fi
        done
        label=$([[ $op == get ]] && echo "read a task / GET item" || echo "create a task / POST item")
        printf '| %s | %s | %.0f | %s | %s | %.0f | %s | %s | %s×%s | %s / %s | %s / %s |\n' "$label" "$c" \
            "$(field "$s" rps)" "$(ms "$(field "$s" p50_us)")" "$(ms "$(field "$s" p99_us)")" \
            "$(field "$r" rps)" "$(ms "$(field "$r" p50_us)")" "$(ms "$(field "$r" p99_us)")" "${RATIO[$op-$c]}" "$bad" \
            "${C[sf-$op-$c]}" "${C[ref-$op-$c]}" "${F[sf-$op-$c]}" "${F[ref-$op-$c]}"
    done
done
echo
top=$(tr ' ' '\n' <<<"$CONNECTIONS" | sort -n | tail -1)
p99_ms=$(ms "${P99[get-$top]}")
echo "Targets at $top connections: reading a task with token authentication ≥ 0.6× the reference's GET:"
echo "${RATIO[get-$top]}×, $(verdict "${RATIO[get-$top]} >= 0.6"); its p99 under 20 ms: $p99_ms ms, $(verdict "$p99_ms < 20");"
echo "creating a task ≥ 0.6× the reference's POST: ${RATIO[post-$top]}×, $(verdict "${RATIO[post-$top]} >= 0.6")."
echo "Server CPU per request: user + system time of the server process over the run / requests (Steadfast /"
echo "reference). Others' CPU: the share of the machine that processes other than the two servers and wrk"
echo "used during the Steadfast / reference run. Tasks in the project file at the end: $tasks_made."
echo "Machine: $(machine_line). Other processes used $(foreign_cpu "$script_mark")% of it over the whole script; after the runs: $after."
