#!/usr/bin/env bash
# Where the boot goes: the time of each Quarkus startup step, Steadfast next to the reference and
# the reference with Steadfast's extensions (unused), median of RUNS boots each.
#
#   bench/boot-steps.sh           # 3 boots of each, alternating
#   RUNS=5 bench/boot-steps.sh
#
# Every boot runs with -Dquarkus.debug.print-startup-times=true: the generated startup code then
# prints how long each recorded build step took (static init, runtime init, the startup event,
# opening the socket) on stdout. Printing costs some time itself, so these boots are not the ones
# bench/boot.sh measures; the table explains its gap, it does not replace it. Steps are listed by
# how much longer they take in Steadfast than in the reference; "outside the steps" is boot to
# ready minus their sum (JVM start, the bootstrap class loader, reaching readiness).
# Prints a Markdown table.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
script_mark=$(cpu_mark)

RUNS=${RUNS:-3}
KINDS=(steadfast reference reference-extended)
need_cmd curl
steadfast_app >/dev/null
reference_app >/dev/null
reference_extended_app >/dev/null
JAVA_OPTS="${JAVA_OPTS:+$JAVA_OPTS }-Dquarkus.debug.print-startup-times=true"

for kind in "${KINDS[@]}"; do
    # First boot creates the database (and the admin): not counted.
    start_app "$kind" "$WORK/data-$kind" "$WORK/logs/$kind-first.log"
    wait_ready 300
    stop_app "$APP_PID"
done

declare -A ready
for run in $(seq 1 "$RUNS"); do
    for kind in "${KINDS[@]}"; do
        start_app "$kind" "$WORK/data-$kind" "$WORK/logs/$kind-$run.log"
        wait_ready 300
        stop_app "$APP_PID"
        ready[$kind]+="$READY_MS "
        log "run $run $kind: ready in $READY_MS ms"
    done
done
after=$(other_load)

# steps <kind>: "step ms" lines of every counted boot of that kind, the run number in front.
steps() {
    local run
    for run in $(seq 1 "$RUNS"); do
        sed -nE "s/.*Build step ([^ ]+) completed in: ([0-9]+)ms.*/$run \1 \2/p" "$WORK/logs/$1-$run.log"
    done
}

# One line per step: name, then the median ms for each kind (0 where the step does not run).
# A step that runs more than once in a boot counts with its total.
table=$(
    for kind in "${KINDS[@]}"; do steps "$kind" | sed "s/^/$kind /"; done | awk -v runs="$RUNS" '
        { total[$1 SUBSEP $3 SUBSEP $2] += $4; names[$3] = 1 }
        function median(kind, step,   n, i, j, t, v) {
            n = 0
            for (i = 1; i <= runs; i++) v[++n] = total[kind SUBSEP step SUBSEP i] + 0
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        END {
            for (s in names) {
                a = median("steadfast", s); b = median("reference", s); c = median("reference-extended", s)
                if (a >= 20 || b >= 20 || c >= 20) printf "%s %d %d %d\n", s, a, b, c
            }
        }' | sort -k2,2nr
)
# Per kind: the median of each boot's sum of steps, and the median boot to ready.
declare -A sum med
for kind in "${KINDS[@]}"; do
    # shellcheck disable=SC2086
    med[$kind]=$(printf '%.0f' "$(median ${ready[$kind]})") # whole ms: an even RUNS gives halves
    # shellcheck disable=SC2046
    sum[$kind]=$(printf '%.0f' "$(median $(steps "$kind" | awk '{ s[$1] += $3 } END { for (r in s) print s[r] }'))")
done

echo "### Boot steps (JVM, median of $RUNS boots each, ms)"
echo
echo "| step | Steadfast | reference | reference + Steadfast's extensions, unused | Steadfast − reference |"
echo "|---|---:|---:|---:|---:|"
while read -r step a b c; do
    [[ -n $step ]] || continue
    printf '| %s | %d | %d | %d | %+d |\n' "$step" "$a" "$b" "$c" $(( a - b ))
done < <(awk '{ print $0, $2 - $3 }' <<<"$table" | sort -k5,5nr | cut -d' ' -f1-4)
printf "| *all steps (median of each boot's sum)* | %d | %d | %d | %+d |\n" "${sum[steadfast]}" "${sum[reference]}" \
    "${sum[reference-extended]}" $(( sum[steadfast] - sum[reference] ))
printf "| *outside the steps (the two medians' difference)* | %d | %d | %d | %+d |\n" $(( med[steadfast] - sum[steadfast] )) \
    $(( med[reference] - sum[reference] )) $(( med[reference-extended] - sum[reference-extended] )) \
    $(( med[steadfast] - sum[steadfast] - med[reference] + sum[reference] ))
printf '| *boot to ready (median)* | %d | %d | %d | %+d |\n' "${med[steadfast]}" "${med[reference]}" \
    "${med[reference-extended]}" $(( med[steadfast] - med[reference] ))
echo
echo "Steps under 20 ms in all three are left out. Boots with step timing printed; not the boots of"
echo "bench/boot.sh. Every boot (ms), Steadfast: ${ready[steadfast]% }; reference: ${ready[reference]% };"
echo "reference + extensions: ${ready[reference-extended]% }."
echo "Machine: $(machine_line). Other processes used $(foreign_cpu "$script_mark")% of it over the whole script; after the runs: $after."
