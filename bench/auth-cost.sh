#!/usr/bin/env bash
# Cost of bearer-token authentication per request, measured over HTTP on the real code path.
#
#   bench/auth-cost.sh
#   DURATION=10 ROUNDS=3 bench/auth-cost.sh
#
# Steadfast has no endpoint that does the same work with and without a token, so the method
# holds the route, the security check and the kind of answer fixed and varies only the token.
# All requests go to GET /api/users/1, which needs the ADMIN role:
#   A  no Authorization header               -> 401 problem  (no token work at all)
#   B  a well-formed token nobody holds        -> 401 problem  (hash + catalog lookup, a miss)
#   C  a valid token of a USER-role account    -> 403 problem  (hash + lookup, a hit: the token
#      and its user are loaded, the identity built; then the role check refuses, so the
#      endpoint's own work never runs)
#   D  a valid ADMIN token on GET /api/users/me -> 200 (for scale: authentication plus a real
#      endpoint that reads one row)
# Authentication cost = C − A: identical requests that differ only in resolving a valid token;
# both end in a small problem document written by the same mapper class. B − A is the price of a
# rejected token. Two measures: the latency added, as wrk's p50 at 1 connection (requests strictly
# one after another), median over ROUNDS interleaved rounds; and the server CPU added, as the
# server process's user + system time over a 16-connection run divided by its requests.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
script_mark=$(cpu_mark)

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
JIT_WARMUP=${JIT_WARMUP:-120}
ROUNDS=${ROUNDS:-3}
LUA="$BENCH_DIR/wrk/request.lua"
need_cmd wrk
need_cmd curl
need_cmd jq

start_app steadfast "$WORK/data" "$WORK/logs/steadfast.log"
wait_ready 300
port=$APP_PORT
server_pid=$APP_PID
admin_token=$(api_token "$port")
user_password="bench-user-password-0123"
curl -sf -X POST "http://127.0.0.1:$port/api/users" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $admin_token" \
    -d "{\"username\":\"benchuser\",\"password\":\"$user_password\",\"role\":\"USER\"}" >/dev/null
user_token=$(curl -sf -X POST "http://127.0.0.1:$port/api/auth/tokens" -H 'Content-Type: application/json' \
    -d "{\"username\":\"benchuser\",\"password\":\"$user_password\"}" | jq -er .token)
# Same shape as a real token (prefix and 43 base64url characters), never issued.
unknown_token="sft_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' | cut -c1-43)"

declare -A URL TOKEN EXPECT
URL[A]="http://127.0.0.1:$port/api/users/1"; TOKEN[A]="";              EXPECT[A]=401
URL[B]="http://127.0.0.1:$port/api/users/1"; TOKEN[B]=$unknown_token;  EXPECT[B]=401
URL[C]="http://127.0.0.1:$port/api/users/1"; TOKEN[C]=$user_token;     EXPECT[C]=403
URL[D]="http://127.0.0.1:$port/api/users/me"; TOKEN[D]=$admin_token;   EXPECT[D]=200
VARIANTS=(A B C D)
for v in "${VARIANTS[@]}"; do
    got=$(curl -s -o /dev/null -w '%{http_code}' ${TOKEN[$v]:+-H "Authorization: Bearer ${TOKEN[$v]}"} "${URL[$v]}")
    [[ $got == "${EXPECT[$v]}" ]] || die "variant $v answered $got, expected ${EXPECT[$v]}"
done

run_wrk() { # <variant> <connections> <seconds> <out>
    local threads=$(( $2 < 2 ? $2 : 2 ))
    WRK_TOKEN=${TOKEN[$1]} wrk -t"$threads" -c"$2" -d"${3}s" --timeout 10s --latency -s "$LUA" "${URL[$1]}" >"$4" 2>&1 \
        || die "wrk failed on $1 (see $4)"
    grep '^RESULT ' "$4" | sed 's/^RESULT //'
}

log "before: $(other_load)"
for v in "${VARIANTS[@]}"; do warm_until_steady "$v" "$JIT_WARMUP" run_wrk "$v" 4 5 "$WORK/logs/jit-$v.txt"; done
declare -A MEAN P50 P99 RPS16 CPU16
FOREIGN=""
for round in $(seq 1 "$ROUNDS"); do
    for v in "${VARIANTS[@]}"; do
        run_wrk "$v" 1 "$WARMUP" "$WORK/logs/warm-$v.txt" >/dev/null
        mark=$(cpu_mark)
        r=$(run_wrk "$v" 1 "$DURATION" "$WORK/logs/c1-$v-$round.txt")
        f=$(foreign_cpu "$mark"); FOREIGN+="$f "
        MEAN[$v]+="$(field "$r" mean_us) "; P50[$v]+="$(field "$r" p50_us) "; P99[$v]+="$(field "$r" p99_us) "
        log "round $round $v c=1: $r others=$f%"
    done
done
for v in "${VARIANTS[@]}"; do
    run_wrk "$v" 16 "$WARMUP" "$WORK/logs/warm16-$v.txt" >/dev/null
    mark=$(cpu_mark)
    t0=$(proc_ticks "$server_pid")
    r=$(run_wrk "$v" 16 "$DURATION" "$WORK/logs/c16-$v.txt")
    CPU16[$v]=$(cpu_us_per $(( $(proc_ticks "$server_pid") - t0 )) "$(field "$r" requests)")
    f=$(foreign_cpu "$mark"); FOREIGN+="$f "
    RPS16[$v]=$(field "$r" rps)
    log "$v c=16: $r server_cpu_us=${CPU16[$v]} others=$f%"
done
after=$(other_load)
log "after: $after"

declare -A M Q50 Q99
# shellcheck disable=SC2086
for v in "${VARIANTS[@]}"; do
    M[$v]=$(median ${MEAN[$v]}); Q50[$v]=$(median ${P50[$v]}); Q99[$v]=$(median ${P99[$v]})
done
# Per-round differences against A, median over rounds: rounds interleave the variants, so a slow
# phase of the machine hits all of them. p50 is the headline (the mean at 1 connection is carried
# by a few slow outliers: GC, the scheduler, other processes); the mean is shown beside it.
diffs() { # <variant> <P50|MEAN>
    local -n src=$2
    local -a x a out=()
    read -ra x <<<"${src[$1]}"; read -ra a <<<"${src[A]}"
    for i in "${!a[@]}"; do out+=($(( x[i] - a[i] ))); done
    echo "${out[*]}"
}
auth_p50_all=$(diffs C P50); auth_mean_all=$(diffs C MEAN); reject_p50_all=$(diffs B P50)
# shellcheck disable=SC2086
{ auth_p50=$(median $auth_p50_all); auth_mean=$(median $auth_mean_all); reject_p50=$(median $reject_p50_all); }
auth_cpu=$(( CPU16[C] - CPU16[A] ))

echo "### Cost of token authentication per request (GET /api/users/1 with and without a token)"
echo
echo "| variant | answer | 1 conn: p50 (µs) | mean (µs) | p99 (µs) | 16 conns: req/s | server CPU per request (µs) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
label() { case $1 in A) echo "A: no token";; B) echo "B: unknown well-formed token";; C) echo "C: valid USER token";; D) echo "D: valid ADMIN token, /api/users/me";; esac; }
for v in "${VARIANTS[@]}"; do
    printf '| %s | %s | %s | %s | %s | %.0f | %s |\n' "$(label "$v")" "${EXPECT[$v]}" "${Q50[$v]}" "${M[$v]}" "${Q99[$v]}" \
        "${RPS16[$v]}" "${CPU16[$v]}"
done
echo
echo "Token authentication adds **$auth_p50 µs** of latency per request (C − A at p50, 1 connection, median of"
echo "$ROUNDS rounds: $auth_p50_all µs; by the mean: $auth_mean µs) and **$auth_cpu µs of server CPU** per request"
echo "(C − A at 16 connections). A rejected token adds $reject_p50 µs (B − A at p50: $reject_p50_all µs)."
echo "Target: under 200 µs per request: latency $(verdict "$auth_p50 < 200"), CPU $(verdict "$auth_cpu < 200")."
echo "Share of the machine other processes used during each measured run (%): ${FOREIGN% }."
echo "Machine: $(machine_line). Other processes used $(foreign_cpu "$script_mark")% of it over the whole script; after the runs: $after."
