#!/usr/bin/env bash
# Two ficpress builds on the same command, run in turn, so that the machine's
# drift from minute to minute falls on both alike: on a shared machine whose
# speed moves by 20-30% within the hour, two runs an hour apart say nothing.
#
#   bench/head-to-head.sh OLD [NEW] [--runs N] [--instructions] -- ARGS...
#
#   bench/head-to-head.sh /tmp/base -- -q clean big.txt
#   bench/head-to-head.sh /tmp/base --runs 100 -- -q convert story.txt --to md -o {out}
#   bench/head-to-head.sh /tmp/base --instructions -- -q convert story.txt --to json -o {out}
#
# OLD is a ficpress binary built from the commit before the change; NEW
# defaults to this checkout's release build. `{out}` in ARGS becomes a
# scratch path per build (a file or a folder, whatever ficpress writes
# there); without it, standard output is kept. Prints each build's fastest
# and slowest wall and CPU time over the runs (default 5 each, alternating),
# or with --instructions what one run of each costs under callgrind
# (instructions are the same from run to run). Exits 1 if the two builds
# wrote different bytes.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

RUNS=5
INSTRUCTIONS=0
BUILDS=()
while (($#)); do
    case $1 in
    --runs) RUNS=$2; shift ;;
    --instructions) INSTRUCTIONS=1 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; break ;;
    -*) usage >&2; die "unknown option $1" ;;
    *) BUILDS+=("$1") ;;
    esac
    shift
done
(($#)) || { usage >&2; die "no ficpress arguments after --"; }
((${#BUILDS[@]} >= 1 && ${#BUILDS[@]} <= 2)) || { usage >&2; die "give OLD and optionally NEW"; }
[[ -x ${BUILDS[0]} ]] || die "no binary at ${BUILDS[0]}"
if ((${#BUILDS[@]} == 2)); then FICPRESS=${BUILDS[1]}; fi
build_ficpress
BUILDS=("${BUILDS[0]}" "$FICPRESS")
if ((INSTRUCTIONS)); then
    command -v valgrind >/dev/null || die "--instructions needs valgrind (apt-get install -y valgrind)"
    RUNS=1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ficpress-h2h.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# run BUILD_INDEX: one run of that build; appends "wall cpu" (or the
# instruction count) to $WORK/times.N and leaves its output in $WORK/out.N.
run() {
    local i=$1 out=$WORK/out.$1 args=()
    rm -rf "$out"
    for arg in "${ARGS[@]}"; do args+=("${arg//\{out\}/$out}"); done
    if ((INSTRUCTIONS)); then
        valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            "${BUILDS[i]}" "${args[@]}" >"$WORK/stdout.$i" 2>"$WORK/valgrind.$i"
        local status=$?
        awk '/refs:/ { gsub(",", "", $NF); print $NF }' "$WORK/valgrind.$i" >>"$WORK/times.$i"
    else
        local start=$EPOCHREALTIME
        /usr/bin/time -f '%U %S' -o "$WORK/cpu.$i" "${BUILDS[i]}" "${args[@]}" >"$WORK/stdout.$i" 2>/dev/null
        local status=$?
        awk -v a="$start" -v b="$EPOCHREALTIME" '{ printf "%.4f %.2f\n", b - a, $1 + $2 }' \
            "$WORK/cpu.$i" >>"$WORK/times.$i"
    fi
    ((status == 0)) || die "${BUILDS[i]} ${args[*]} exited with $status"
}

ARGS=("$@")
log "$RUNS run(s) of each build, alternating: ficpress ${ARGS[*]}"
for ((r = 0; r < RUNS; r++)); do
    run 0
    run 1
done

if ((INSTRUCTIONS)); then
    echo "| build | runs | instructions |"
    echo "|---|---:|---:|"
else
    echo "| build | runs | wall (s) | CPU (s) |"
    echo "|---|---:|---:|---:|"
fi
for i in 0 1; do
    if ((INSTRUCTIONS)); then
        awk -v b="${BUILDS[i]}" '{
            n = $1; s = ""
            while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) }
            printf "| %s | 1 | %s%s |\n", b, n, s }' "$WORK/times.$i"
    else
        sort -n "$WORK/times.$i" | awk -v b="${BUILDS[i]}" '
            NR == 1 { wmin = $1; cmin = $2; cmax = $2 }
            { wmax = $1; if ($2 < cmin) cmin = $2; if ($2 > cmax) cmax = $2 }
            END { printf "| %s | %d | %s-%s | %.2f-%.2f |\n", b, NR, wmin, wmax, cmin, cmax }'
    fi
done

# The same bytes from both, or the comparison means nothing.
if diff -rq "$WORK/out.0" "$WORK/out.1" >/dev/null 2>&1 ||
    { [[ ! -e $WORK/out.0 && ! -e $WORK/out.1 ]] && cmp -s "$WORK/stdout.0" "$WORK/stdout.1"; }; then
    log "same output from both builds"
else
    log "DIFFERENT output from the two builds"
    exit 1
fi
