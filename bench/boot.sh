#!/usr/bin/env bash
# Boot to ready and RSS after boot, Steadfast next to the bare reference (bench/reference).
#
#   bench/boot.sh            # 7 boots of each, alternating
#   RUNS=11 bench/boot.sh
#
# Boot to ready: from the fork of the JVM to the first 200 from /q/health/ready, polled every
# 10 ms over a plain socket (bash /dev/tcp: no process per poll). RSS: VmRSS of
# /proc/<pid>/status right after that 200. Both applications boot on a data directory that an
# earlier, unmeasured boot already created and migrated: the restart an orchestrator does. Runs
# alternate Steadfast / reference so that a disturbance hits both alike. Prints a Markdown table.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
script_mark=$(cpu_mark)

RUNS=${RUNS:-7}
need_cmd curl
need_cmd jq
steadfast_app >/dev/null
reference_app >/dev/null

log "before: $(other_load)"
declare -A ready rss foreign
for kind in steadfast reference; do
    # First boot creates the database (and the admin): not measured.
    start_app "$kind" "$WORK/data-$kind" "$WORK/logs/$kind-first.log"
    wait_ready 300
    stop_app "$APP_PID"
done

for run in $(seq 1 "$RUNS"); do
    for kind in steadfast reference; do
        mark=$(cpu_mark)
        start_app "$kind" "$WORK/data-$kind" "$WORK/logs/$kind-$run.log"
        wait_ready 300
        f=$(foreign_cpu "$mark")
        stop_app "$APP_PID"
        ready[$kind]+="$READY_MS "
        rss[$kind]+="$RSS_KB "
        foreign[$kind]+="$f "
        log "run $run $kind: ready in $READY_MS ms, RSS $((RSS_KB / 1024)) MiB, other processes used $f% of the machine"
    done
done
after=$(other_load)
log "after: $after"

# shellcheck disable=SC2086
{
    sf_med=$(median ${ready[steadfast]}); ref_med=$(median ${ready[reference]})
    sf_rss=$(median ${rss[steadfast]}); ref_rss=$(median ${rss[reference]})
    sf_min=$(minimum ${ready[steadfast]}); sf_max=$(maximum ${ready[steadfast]})
    ref_min=$(minimum ${ready[reference]}); ref_max=$(maximum ${ready[reference]})
}
boot_ratio=$(ratio "$sf_med" "$ref_med")
rss_ratio=$(ratio "$sf_rss" "$ref_rss")

echo "### Boot to ready and RSS after boot (JVM, median of $RUNS boots each)"
echo
echo "| application | boot to ready, median (ms) | min–max (ms) | RSS after boot, median (MiB) |"
echo "|---|---:|---:|---:|"
printf '| Steadfast | %s | %s–%s | %.0f |\n' "$sf_med" "$sf_min" "$sf_max" "$(awk -v k="$sf_rss" 'BEGIN{print k/1024}')"
printf '| reference | %s | %s–%s | %.0f |\n' "$ref_med" "$ref_min" "$ref_max" "$(awk -v k="$ref_rss" 'BEGIN{print k/1024}')"
echo "| **Steadfast / reference** | **$boot_ratio×** | | **$rss_ratio×** |"
echo
echo "Target: boot to ready within 1.3× the reference's: $(verdict "$boot_ratio <= 1.3")."
echo "Every boot (ms), Steadfast: ${ready[steadfast]% }; reference: ${ready[reference]% }."
echo "Share of the machine other processes used during each boot (%), Steadfast: ${foreign[steadfast]% };"
echo "reference: ${foreign[reference]% }."
echo "Machine: $(machine_line). Other processes used $(foreign_cpu "$script_mark")% of it over the whole script; after the runs: $after."
