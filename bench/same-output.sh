#!/usr/bin/env bash
# Same output: run two ficpress binaries over the fixtures and the shared
# corpus and show any difference in what they write. For speed work, where
# the output must stay byte for byte the same.
#
#   bench/same-output.sh BASELINE [CANDIDATE]
#
# BASELINE is a ficpress binary built from the commit before the change
# (e.g. `git worktree add /tmp/base HEAD && cargo build --release` there);
# CANDIDATE defaults to this checkout's release build. Compared: `convert
# --to json` (safe fixes), `convert --to md --unsafe-fixes`, `convert --to
# txt --no-fix` and `check --format json --unsafe-fixes` (every finding),
# the last also with typographic and with ASCII styles chosen in a config.
# Exits 1 when anything differs.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

case ${1:-} in
"" | -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
BASELINE=$1
[[ -x $BASELINE ]] || die "no baseline binary at $BASELINE"
if [[ -n ${2:-} ]]; then FICPRESS=$2; fi
build_ficpress

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ficpress-same.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

inputs=("$ROOT/fixtures")
if [[ -d $CORPUS ]]; then
    inputs+=("$CORPUS")
else
    log "note: no corpus at $CORPUS; comparing on the fixtures only"
fi

# Style options switch on rules the defaults leave off (Q001, P003-P005).
printf '[style]\nquotes = "typographic"\nellipsis = "typographic"\ndashes = "typographic"\n' >"$WORK/typographic.toml"
printf '[style]\nquotes = "straight"\nellipsis = "ascii"\ndashes = "ascii"\n' >"$WORK/ascii.toml"

run_all() { # BINARY OUT
    local bin=$1 out=$2
    mkdir -p "$out"
    "$bin" -q convert "${inputs[@]}" --to json -o "$out/json" 2>"$out/json.err"
    "$bin" -q convert "${inputs[@]}" --to md --unsafe-fixes -o "$out/md" 2>"$out/md.err"
    "$bin" -q convert "${inputs[@]}" --to txt --no-fix -o "$out/txt" 2>"$out/txt.err"
    "$bin" -q check "${inputs[@]}" --format json --unsafe-fixes >"$out/check.jsonl" 2>"$out/check.err"
    for style in typographic ascii; do
        "$bin" -q check "${inputs[@]}" --config "$WORK/$style.toml" --format json --unsafe-fixes \
            >"$out/check-$style.jsonl" 2>"$out/check-$style.err"
    done
    return 0
}

log "baseline:  $BASELINE"
run_all "$BASELINE" "$WORK/base"
log "candidate: $FICPRESS"
run_all "$FICPRESS" "$WORK/new"

files=$(find "$WORK/base" -type f | wc -l)
if diff -r "$WORK/base" "$WORK/new" >"$WORK/diff"; then
    log "same output: $files files"
    exit 0
fi
head -c 20000 "$WORK/diff"
log "DIFFERENT output (above; $(grep -c '^diff ' "$WORK/diff") files differ of $files)"
exit 1
