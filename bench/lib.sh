# Shared helpers for bench/compare.sh and bench/scale.sh. Source it; do not run it.
#
# Provides: ROOT, CORPUS, log, die, build_ficpress (sets FICPRESS), measure,
# make_prose (replicated real prose with chapter headings), machine_info.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The shared real-world corpus (see its PROVENANCE.md); absent on most clones.
CORPUS=${FICPRESS_CORPUS:-$ROOT/../shared/corpus}

log() { printf '%s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 2
}

# Build the release binary once and point FICPRESS at it (unless FICPRESS is
# already set to a binary, e.g. to benchmark an installed ficpress).
build_ficpress() {
    if [[ -n ${FICPRESS:-} ]]; then
        [[ -x $FICPRESS ]] || die "FICPRESS=$FICPRESS is not an executable"
        return
    fi
    log "building ficpress (cargo build --release)..."
    (cd "$ROOT" && cargo build --release --quiet) || die "cargo build --release failed"
    FICPRESS=${CARGO_TARGET_DIR:-$ROOT/target}/release/ficpress
    [[ -x $FICPRESS ]] || die "no binary at $FICPRESS"
}

# Install Debian packages that are missing (non-interactive). Args: package...
apt_install() {
    log "installing $* from the Debian archive..."
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "$@" >&2 ||
        { "${sudo[@]}" apt-get update -q >&2 &&
            "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
                --no-install-recommends "$@" >&2; } ||
        die "could not install $*"
}

require_time() {
    [[ -x /usr/bin/time ]] || apt_install time
}

# measure TIMEOUT_S STDOUT_FILE COMMAND...
#
# Runs COMMAND under GNU time (-v) and `timeout`, with standard output sent to
# STDOUT_FILE and standard error appended to $WORK/stderr.log. Sets:
#   M_SECONDS  wall-clock seconds (bash's $EPOCHREALTIME around the run)
#   M_CPU      user + system CPU seconds
#   M_RSS_MB   peak resident set size in MB (largest process of the run)
#   M_STATUS   ok | fail | timeout | oom
# When MEM_LIMIT_MB is set (and not 0), the run gets `ulimit -v` of that size,
# so a runaway input fails instead of exhausting a shared machine.
measure() {
    local limit=$1 stdout=$2
    shift 2
    local report=$WORK/.time-report
    local start end rc
    start=$EPOCHREALTIME
    (
        if [[ ${MEM_LIMIT_MB:-0} != 0 ]]; then
            ulimit -v $((MEM_LIMIT_MB * 1024))
        fi
        exec /usr/bin/time -v -o "$report" timeout -k 5 "$limit" "$@"
    ) >"$stdout" 2>>"$WORK/stderr.log"
    rc=$?
    end=$EPOCHREALTIME
    M_SECONDS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    read -r M_CPU M_RSS_MB < <(awk -F': ' '
        /User time/ { cpu += $2 }
        /System time/ { cpu += $2 }
        /Maximum resident set size/ { rss = $2 / 1024 }
        END { printf "%.2f %.0f\n", cpu, rss }' "$report" 2>/dev/null)
    if [[ $rc -eq 0 ]]; then
        M_STATUS=ok
    elif [[ $rc -eq 124 || $rc -eq 137 ]]; then
        M_STATUS=timeout
    elif grep -qE 'memory allocation of|out of memory|Heap exhausted|MemoryError' \
        <(tail -n 20 "$WORK/stderr.log"); then
        M_STATUS=oom
    else
        M_STATUS=fail
    fi
}

# The text files that make up "real prose": Gutenberg novels and AO3/FFN fan
# fiction from the shared corpus, or the bundled fixtures when it is absent.
prose_sources() {
    if [[ -d $CORPUS/gutenberg && -d $CORPUS/fanfic_markdown ]]; then
        find "$CORPUS/gutenberg" "$CORPUS/fanfic_markdown" -type f \
            \( -name '*.txt' -o -name '*.md' \) | sort -V
    else
        log "note: $CORPUS not found; replicating fixtures/ instead of real prose"
        find "$ROOT/fixtures" -maxdepth 2 -type f -name '*.txt' \
            -not -path '*/encodings/*' | sort -V
    fi
}

# make_prose SIZE_MB OUT: the prose sources, repeated until OUT holds SIZE_MB
# (10^6 bytes each), with a "Chapter N" heading before each ~20 KB of text at a
# paragraph boundary. Line endings are normalised to LF.
make_prose() {
    local size_mb=$1 out=$2
    local sources
    mapfile -t sources < <(prose_sources)
    ((${#sources[@]})) || die "no prose sources found"
    LC_ALL=C awk -v limit=$((size_mb * 1000000)) '
        { sub(/\r$/, ""); text[n++] = $0 }
        END {
            written = 0; since = 20000; chapter = 0
            while (written < limit) {
                for (i = 0; i < n && written < limit; i++) {
                    line = text[i]
                    if (line == "" && since >= 20000) {
                        chapter++
                        heading = "\nChapter " chapter "\n"
                        printf "%s\n", heading
                        written += length(heading) + 1
                        since = 0
                    }
                    print line
                    written += length(line) + 1
                    since += length(line) + 1
                }
            }
        }' "${sources[@]}" >"$out"
}

# One line each: date, machine, OS, for the header of a results table.
machine_info() {
    local cpu mem os
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
    os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(nproc) cores ($cpu), $mem RAM, ${os:-unknown OS}; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- ficpress: $("$FICPRESS" --version 2>/dev/null | head -n1) (git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ', uncommitted changes')), $(rustc --version 2>/dev/null | cut -d' ' -f1-2)"
}

# fmt_rate BYTES SECONDS: MB/s with one decimal (10^6 bytes).
fmt_rate() {
    awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "-" }'
}
