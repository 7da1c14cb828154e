#!/usr/bin/env bash
# Time to ready with 0, 100 and 1,000 project files already up to date, and with 1,000 files each
# needing one migration (the newest project migration).
#
#   bench/projects-boot.sh               # 3 boots per case
#   RUNS=5 COUNTS="0 100 1000" MIGRATE_COUNT=1000 bench/projects-boot.sh
#
# How the files are made (fast, and each one a real Steadfast project file):
# * up to date: Steadfast itself creates one project through the API (POST /api/projects) and one
#   task in it, and is stopped (its graceful shutdown checkpoints the WAL). That file is copied N
#   times under new UUIDs; each copy's own `project` row gets its new id and every copy is
#   registered ACTIVE in the catalog's `projects` table (bench/tools/ProjectFileTool.java, JDBC).
# * needing one migration: a file built by Flyway from the application's own db/project scripts
#   with target = newest - 1, then seeded as Steadfast seeds a project (project row, control
#   state) plus one task. It is exactly what the previous release made; no history row is deleted
#   and no migration undone by hand, so nothing can disagree with what Flyway expects. It is
#   copied and registered the same way.
# Each boot starts from a fresh copy of the prepared data directory (copied before the clock
# starts). Ready = first 200 from /q/health/ready, polled every 10 ms from the JVM's fork; the
# `project databases: ... in N ms` line of the log gives the project step alone. After each boot
# the readiness body is checked: every file migrated, none quarantined.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
script_mark=$(cpu_mark)

RUNS=${RUNS:-3}
COUNTS=${COUNTS:-"0 100 1000"}
MIGRATE_COUNT=${MIGRATE_COUNT:-1000}
need_cmd curl
need_cmd jq
need_cmd unzip
need_cmd sqlite3
need_java
APP=$(steadfast_app)
TOOL=("$JAVA" -cp "$APP/lib/main/*:$APP/app/*" "$BENCH_DIR/tools/ProjectFileTool.java")
newest=$(unzip -Z1 "$APP"/app/*.jar 'db/project/V*.sql' | sed -E 's#.*/V([0-9]+)__.*#\1#' | sort -n | tail -1)
[[ "$newest" =~ ^[0-9]+$ ]] || die "cannot list the db/project migrations in $APP/app"
previous=$((newest - 1))

# ---- prepare --------------------------------------------------------------------------------
log "preparing: a template project through the API"
start_app steadfast "$WORK/template-data" "$WORK/logs/template.log"
wait_ready 300
token=$(api_token "$APP_PORT")
project=$(api_post "$APP_PORT" "$token" /api/projects '{"name":"bench template"}')
api_post "$APP_PORT" "$token" "/api/projects/$project/tasks" \
    '{"title":"bench task","phase":"PLANNER","content":"Plan the benchmark."}' >/dev/null
stop_app "$APP_PID"
current_template="$WORK/template-data/projects/$project.db"
[[ -f "$current_template" ]] || die "no project file $current_template"

log "preparing: a template at version $previous (Flyway target) and an empty catalog"
"${TOOL[@]}" old-template "$WORK/old-template.db" "$previous" 2> >(grep -vi 'slf4j' >&2)
start_app steadfast "$WORK/base" "$WORK/logs/base.log"     # catalog and admin, no projects
wait_ready 300
stop_app "$APP_PID"

declare -A prepared
for n in $COUNTS; do
    prepared["current-$n"]="$WORK/prepared-current-$n"
    cp -a "$WORK/base" "$WORK/prepared-current-$n"
    if (( n > 0 )); then
        "${TOOL[@]}" clone "$current_template" "$WORK/prepared-current-$n" "$n" 2> >(grep -vi 'slf4j' >&2)
    fi
done
prepared["old-$MIGRATE_COUNT"]="$WORK/prepared-old-$MIGRATE_COUNT"
cp -a "$WORK/base" "$WORK/prepared-old-$MIGRATE_COUNT"
"${TOOL[@]}" clone "$WORK/old-template.db" "$WORK/prepared-old-$MIGRATE_COUNT" "$MIGRATE_COUNT" 2> >(grep -vi 'slf4j' >&2)
file_kib=$(( $(stat -c %s "$current_template") / 1024 ))

# ---- measure --------------------------------------------------------------------------------
log "before: $(other_load)"
declare -A ready step foreign sidecars
cases=()
for n in $COUNTS; do cases+=("current-$n"); done
cases+=("old-$MIGRATE_COUNT")
for run in $(seq 1 "$RUNS"); do
    for c in "${cases[@]}"; do
        data="$WORK/run-data"
        rm -rf "$data"
        cp -a "${prepared[$c]}" "$data"
        sync
        logfile="$WORK/logs/$c-$run.log"
        mark=$(cpu_mark)
        start_app steadfast "$data" "$logfile"
        wait_ready 1800
        f=$(foreign_cpu "$mark")
        body=$(curl -s "http://127.0.0.1:$APP_PORT/q/health/ready")
        stop_app "$APP_PID"
        expected=${c#*-}
        total=$(jq -r '.checks[] | select(.name == "project-schemas") | .data.total' <<<"$body")
        migrated=$(jq -r '.checks[] | select(.name == "project-schemas") | .data.migrated' <<<"$body")
        quarantined=$(jq -r '.checks[] | select(.name == "project-schemas") | .data.quarantined' <<<"$body")
        [[ "$total" == "$expected" && "$migrated" == "$expected" && -z "$quarantined" ]] \
            || die "$c: readiness says total=$total migrated=$migrated quarantined=$quarantined (log: $logfile)"
        sidecars[$c]="$(ls "$data/projects" 2>/dev/null | grep -c -- '-wal$' || true) -wal and $(ls "$data/projects" 2>/dev/null | grep -c -- '-shm$' || true) -shm"
        if [[ $c == old-* ]]; then
            at_newest=$(sqlite3 "$(ls "$data"/projects/*.db | head -1)" \
                "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")
            [[ "$at_newest" == "$newest" ]] || die "$c: a migrated file is at version $at_newest, not $newest"
            snapshots=$(find "$data/backups" -name '*.db' 2>/dev/null | wc -l)
        fi
        ms=$(sed -nE 's/.*project databases: .* in ([0-9]+) ms.*/\1/p' "$logfile" | tail -1)
        ready[$c]+="$READY_MS "
        step[$c]+="${ms:-0} "
        foreign[$c]+="$f "
        log "run $run $c: ready in $READY_MS ms (project step ${ms:-0} ms), other processes used $f% of the machine"
    done
done
rm -rf "$WORK/run-data"
after=$(other_load)
log "after: $after"

# ---- report ---------------------------------------------------------------------------------
# shellcheck disable=SC2086
base_ready=$(median ${ready[current-0]:-0})
echo "### Time to ready with many project files (JVM, median of $RUNS boots each)"
echo
echo "| project files | boot to ready (ms) | added to the 0-file boot (ms) | project step in the log (ms) | per file (ms) |"
echo "|---|---:|---:|---:|---:|"
for c in "${cases[@]}"; do
    n=${c#*-}
    # shellcheck disable=SC2086
    r=$(median ${ready[$c]}); s=$(median ${step[$c]})
    per=$( (( n > 0 )) && awk -v s="$s" -v n="$n" 'BEGIN{printf "%.2f", s/n}' || echo "–")
    label="$n up to date (v$newest)"
    [[ $c == old-* ]] && label="$n needing one migration (v$previous → v$newest)"
    echo "| $label | $r | $(( ${r%.*} - ${base_ready%.*} )) | $s | $per |"
done
echo
# shellcheck disable=SC2086
added_1000=$(( $(median ${ready[current-1000]:-0} | cut -d. -f1) - ${base_ready%.*} ))
if [[ -n "${ready[current-1000]:-}" ]]; then
    echo "Target: 1,000 up-to-date project files ready in under 2 s (read as: they add under 2,000 ms to the"
    echo "0-file boot): $added_1000 ms, $(verdict "$added_1000 < 2000")."
fi
echo "Side files left in projects/ after a boot: $(for c in "${cases[@]}"; do printf '%s: %s; ' "$c" "${sidecars[$c]}"; done)"
echo "Project file: $file_kib KiB. The $MIGRATE_COUNT migrated files left $snapshots snapshot(s) in backups/ (one run)."
echo "Every boot to ready (ms): $(for c in "${cases[@]}"; do printf '%s: %s; ' "$c" "${ready[$c]% }"; done)"
echo "Share of the machine other processes used during each boot (%): $(for c in "${cases[@]}"; do printf '%s: %s; ' "$c" "${foreign[$c]% }"; done)"
echo "Machine: $(machine_line). Other processes used $(foreign_cpu "$script_mark")% of it over the whole script; after the runs: $after."
