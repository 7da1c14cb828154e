#!/usr/bin/env bash
# Boot to ready and RSS after boot, Steadfast next to the bare reference (bench/reference).
#
#   bench/boot.sh            # 7 boots of each, alternating
#   RUNS=11 bench/boot.sh
#
# Boot to ready: from the fork of the JVM to the first 200 from /q/health/ready, polled every
# 10 ms over a plain socket (bash /dev/tcp: no process per poll). RSS: VmRSS of
# /proc/<pid>/status right after that 200. Every application boots on a data directory that an
# earlier, unmeasured boot already created and migrated: the restart an orchestrator does. Runs
# alternate Steadfast / reference / reference with Steadfast's extensions, so that a disturbance
# hits all alike. The third one (profile steadfast-extensions of bench/reference) is the reference
# plus the extensions Steadfast adds, with no code that uses them: it splits Steadfast's gap into
# what the extensions cost by themselves and what Steadfast's own model and boot work cost.
# Prints a Markdown table.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
script_mark=$(cpu_mark)

RUNS=${RUNS:-7}
KINDS=(steadfast reference reference-extended)
need_cmd curl
need_cmd jq
steadfast_app >/dev/null
reference_app >/dev/null
reference_extended_app >/dev/null

log "before: $(other_load)"
declare -A ready rss foreign med
for kind in "${KINDS[@]}"; do
    # First boot creates the database (and the admin): not measured.
    start_app "$kind" "$WORK/data-$kind" "$WORK/logs/$kind-first.log"
    wait_ready 300
    stop_app "$APP_PID"
done

for run in $(seq 1 "$RUNS"); do
    for kind in "${KINDS[@]}"; do
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

echo "### Boot to ready and RSS after boot (JVM, median of $RUNS boots each)"
echo
echo "| application | boot to ready, median (ms) | min–max (ms) | RSS after boot, median (MiB) | boot / reference's |"
echo "|---|---:|---:|---:|---:|"
# shellcheck disable=SC2086
for kind in "${KINDS[@]}"; do med[$kind]=$(median ${ready[$kind]}); done
# shellcheck disable=SC2086
for kind in "${KINDS[@]}"; do
    med_rss=$(median ${rss[$kind]})
    case $kind in
        steadfast) label="Steadfast" ;;
        reference) label="reference" ;;
        reference-extended) label="reference + Steadfast's extensions, unused" ;;
    esac
    printf '| %s | %s | %s–%s | %.0f | %s× |\n' "$label" "${med[$kind]}" \
        "$(minimum ${ready[$kind]})" "$(maximum ${ready[$kind]})" \
        "$(awk -v k="$med_rss" 'BEGIN{print k/1024}')" "$(ratio "${med[$kind]}" "${med[reference]}")"
done
boot_ratio=$(ratio "${med[steadfast]}" "${med[reference]}")
# shellcheck disable=SC2086
rss_ratio=$(ratio "$(median ${rss[steadfast]})" "$(median ${rss[reference]})")
echo
echo "Steadfast / reference: **$boot_ratio×** boot, **$rss_ratio×** RSS."
echo "Target: boot to ready within 1.3× the reference's: $(verdict "$boot_ratio <= 1.3")."
gap=$(( ${med[steadfast]} - ${med[reference]} )); ext=$(( ${med[reference-extended]} - ${med[reference]} ))
echo "Of Steadfast's $gap ms over the reference, the extensions alone account for $ext ms; the"
echo "other $(( gap - ext )) ms are Steadfast's own model, endpoints and boot work."
echo "Every boot (ms), Steadfast: ${ready[steadfast]% }; reference: ${ready[reference]% };"
echo "reference + extensions: ${ready[reference-extended]% }."
echo "Share of the machine other processes used during each boot (%), Steadfast: ${foreign[steadfast]% };"
echo "reference: ${foreign[reference]% }; reference + extensions: ${foreign[reference-extended]% }."
echo "Machine: $(machine_line). Other processes used $(foreign_cpu "$script_mark")% of it over the whole script; after the runs: $after."
