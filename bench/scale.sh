#!/usr/bin/env bash
# Does ficpress's cost grow linearly with input size, with bounded memory, and
# stay linear on pathological inputs?
#
#   bench/scale.sh              # 1, 10 and 100 MB of real prose, plus the pathological inputs
#   bench/scale.sh --full       # ... and 1000 MB (needs ~5 GB of disk and a while)
#   bench/scale.sh --quick      # smoke test: 1 and 2 MB, pathological inputs at 1/100 size
#   bench/scale.sh --sizes "1 10" --no-pathological
#
# Real prose (Gutenberg and fan fiction from ../shared/corpus, or fixtures/ when
# the corpus is absent) is replicated to each size as one file of many
# chapters (a "Chapter N" heading every ~20 KB). Each file goes through
# `ficpress clean`, `ficpress convert --to txt|md|json`, `convert --to json
# --no-fix` (the pipeline without the fix rules) and `convert --to json` with
# only the misspelling rule M001 (the least a run that fixes words does: cut
# every word and look it up), one process at a time, under GNU time (peak
# RSS) and a timeout. The pathological inputs are one 50 MB paragraph without
# punctuation, 100,000 scene breaks in a row, and 10 MB lines of quotes
# (`"a" "b" ...` and bare `"""...`), each also run at a tenth of its size so
# the time ratio shows linear (~10x) or quadratic (~100x) growth. Prints
# Markdown tables on standard output; big files are deleted.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SIZES="1 10 100"
PATHOLOGICAL=1
PATHO_SCALE=1     # 1: the sizes above; --quick divides them by 100
TIMEOUT=300       # seconds per run
MEM_LIMIT=4096    # MB of address space per run (0: none); a run over it is reported, not fatal
KEEP=0

usage() {
    sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    cat <<EOF
Options:
  --full             sizes 1 10 100 1000
  --sizes "N ..."    sizes in MB (default "$SIZES")
  --no-pathological  skip the pathological inputs
  --timeout S        seconds allowed per run (default $TIMEOUT)
  --mem-limit MB     address-space cap per run (default $MEM_LIMIT; 0: none)
  --keep             keep the work directory's small files (results.tsv)
  --quick            --sizes "1 2", pathological inputs at 1/100 of their size
EOF
}

while (($#)); do
    case $1 in
    --full) SIZES="1 10 100 1000" ;;
    --sizes) SIZES=$2; shift ;;
    --no-pathological) PATHOLOGICAL=0 ;;
    --timeout) TIMEOUT=$2; shift ;;
    --mem-limit) MEM_LIMIT=$2; shift ;;
    --keep) KEEP=1 ;;
    --quick) SIZES="1 2" PATHO_SCALE=100 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
    esac
    shift
done

require_time
build_ficpress
MACHINE_INFO=$(machine_info) # date and load at the start of the run
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ficpress-scale.XXXXXX")
cleanup() {
    rm -f "$WORK"/*.txt "$WORK"/out.*
    if ((KEEP)); then log "kept $WORK (results.tsv, stderr.log)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
RESULTS=$WORK/results.tsv
: >"$RESULTS"
MEM_LIMIT_MB=$MEM_LIMIT

# The four with the fix rules, then JSON without them (`--no-fix`): the
# pipeline's own cost, so the table shows what the fix rules add; then JSON
# with M001 alone, the floor of a run that fixes words.
COMMANDS=(clean txt md json json-no-fix json-m001)
printf '[rules]\nselect = ["M001"]\n' >"$WORK/m001.toml"

# run_ficpress INPUT LABEL COMMAND: time one ficpress command on INPUT and
# append "label command bytes seconds cpu rss status" to results.tsv.
run_ficpress() {
    local input=$1 label=$2 command=$3 out=$WORK/out.$3
    case $command in
    clean) measure "$TIMEOUT" "$out" "$FICPRESS" clean "$input" -q ;;
    json-no-fix) measure "$TIMEOUT" /dev/null "$FICPRESS" convert "$input" --to json --no-fix -o "$out" -q ;;
    json-m001) measure "$TIMEOUT" /dev/null "$FICPRESS" convert "$input" --to json --config "$WORK/m001.toml" -o "$out" -q ;;
    *) measure "$TIMEOUT" /dev/null "$FICPRESS" convert "$input" --to "$command" -o "$out" -q ;;
    esac
    rm -f "$out"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$command" "$(stat -c %s "$input")" \
        "$M_SECONDS" "$M_CPU" "$M_RSS_MB" "$M_STATUS" >>"$RESULTS"
    log "  $command: ${M_SECONDS}s, ${M_RSS_MB} MB, $M_STATUS"
}

# ---------------------------------------------------------------- real prose
for size in $SIZES; do
    log "prose, $size MB..."
    make_prose "$size" "$WORK/prose.txt"
    for command in "${COMMANDS[@]}"; do run_ficpress "$WORK/prose.txt" "prose $size" "$command"; done
    rm -f "$WORK/prose.txt"
done

# ---------------------------------------------------------------- pathological
# Each generator writes its input at FRACTION (1 or 0.1) of its full size.
words_without_punctuation() { # one paragraph, one line, no punctuation at all
    LC_ALL=C awk -v total="$1" 'BEGIN {
        chunk = "and then she walked along the river thinking about Harry and the long road home " \
                "while the wind kept blowing through the old trees and nobody said anything at all " \
                "because there was nothing left to say about the war or the castle or the others "
        while (length(chunk) < 1000000) chunk = chunk chunk
        for (written = 0; written + length(chunk) <= total; written += length(chunk)) printf "%s", chunk
        printf "%s\n", substr(chunk, 1, total - written)
    }'
}
scene_breaks() { # N breaks in a row between two paragraphs, two glyphs alternating
    LC_ALL=C awk -v count="$1" 'BEGIN {
        print "She closed the door.\n"
        for (i = 0; i < count; i++) printf "%s\n\n", (i % 2 ? "~*~" : "* * *")
        print "He opened it again."
    }'
}
quoted_words() { # one line of "a" "b" "c" ...
    LC_ALL=C awk -v total="$1" 'BEGIN {
        chunk = ""; for (i = 0; i < 26; i++) chunk = chunk "\"" substr("abcdefghijklmnopqrstuvwxyz", i + 1, 1) "\" "
        while (length(chunk) < 100000) chunk = chunk chunk
        for (written = 0; written + length(chunk) <= total; written += length(chunk)) printf "%s", chunk
        printf "%s\n", substr(chunk, 1, total - written)
    }'
}
bare_quotes() { # one line of """"...
    LC_ALL=C awk -v total="$1" 'BEGIN {
        chunk = "\"\"\"\"\"\"\"\"\"\""; while (length(chunk) < 100000) chunk = chunk chunk
        for (written = 0; written + length(chunk) <= total; written += length(chunk)) printf "%s", chunk
        printf "%s\n", substr(chunk, 1, total - written)
    }'
}

if ((PATHOLOGICAL)); then
    # name, generator, full-size argument (bytes or a count)
    PATHO=(
        "one paragraph, no punctuation|words_without_punctuation|$((50000000 / PATHO_SCALE))"
        "$((100000 / PATHO_SCALE)) scene breaks in a row|scene_breaks|$((100000 / PATHO_SCALE))"
        "one line of \`\"a\" \"b\" ...\`|quoted_words|$((10000000 / PATHO_SCALE))"
        "one line of bare \`\"\"\"...\`|bare_quotes|$((10000000 / PATHO_SCALE))"
    )
    for entry in "${PATHO[@]}"; do
        IFS='|' read -r name generator amount <<<"$entry"
        for fraction in 10 1; do
            label="$name|1/$fraction"
            [[ $fraction == 1 ]] && label="$name|full"
            log "$name (1/$fraction)..."
            "$generator" $((amount / fraction)) >"$WORK/patho.txt"
            for command in clean json; do run_ficpress "$WORK/patho.txt" "$label" "$command"; done
            rm -f "$WORK/patho.txt"
        done
    done
fi

# ---------------------------------------------------------------- report
echo "### Scaling: ficpress on 1 MB to $(echo "$SIZES" | awk '{print $NF}') MB"
echo
echo "$MACHINE_INFO"
echo "- Input: $(if [[ -d $CORPUS/gutenberg ]]; then echo "Gutenberg novels and AO3/FFN fan fiction from \`../shared/corpus\`"; else echo "the stories in \`fixtures/\`"; fi), replicated, a \`Chapter N\` heading every ~20 KB; one process at a time, timeout ${TIMEOUT} s, address space capped at ${MEM_LIMIT} MB"
echo "- Command: \`bench/scale.sh$( [[ $SIZES != "1 10 100" ]] && echo " --sizes \"$SIZES\"")\`"
echo
echo "MB/s is input over wall time; a file bigger than two pieces (8 MB) is read on every core, so MB/s per core divides the input by the CPU time (user + system) instead."
echo
echo "| command | input | seconds | MB/s | MB/s per core | peak RSS | time ÷ time at 1/10 the size |"
echo "|---|---:|---:|---:|---:|---:|---:|"
show() { # one table row from a results line; ratio against the same command at size/10
    awk -F'\t' -v timeout="$TIMEOUT" -v mem="$MEM_LIMIT" '
        function cell(status, s) {
            if (status == "ok") return sprintf("%.2f", s)
            if (status == "timeout") return "> " timeout " (timeout)"
            if (status == "oom") return "over " mem " MB cap"
            return "failed"
        }
        { key = $1 "\t" $2; secs[key] = $4; stat[key] = $7; lines[NR] = $0 }
        END {
            for (i = 1; i <= NR; i++) {
                split(lines[i], f, "\t")
                name = f[1]; cmd = f[2]; bytes = f[3]; s = f[4]; cpu = f[5]; rss = f[6]; status = f[7]
                # the row at a tenth of the size: "prose 100" -> "prose 10", "X|full" -> "X|1/10"
                ratio = "-"
                if (name ~ /^prose /) { n = substr(name, 7) + 0; small = "prose " (n / 10) }
                else if (name ~ /\|full$/) { small = substr(name, 1, length(name) - 4) "1/10" }
                else small = ""
                sk = small "\t" cmd
                if (small != "" && (sk in secs) && stat[sk] == "ok" && secs[sk] > 0) {
                    if (status == "ok") ratio = sprintf("%.1f", s / secs[sk])
                    else if (status == "timeout") ratio = sprintf("> %.0f", timeout / secs[sk])
                }
                label = name; sub(/\|full$/, "", label); sub(/\|1\//, " (1/", label); if (label != name && name !~ /\|full$/) label = label ")"
                if (cmd == "clean") c = "`clean`"
                else if (cmd == "json-no-fix") c = "`convert --to json --no-fix`"
                else if (cmd == "json-m001") c = "`convert --to json`, M001 only"
                else c = "`convert --to " cmd "`"
                rate = (status == "ok" && s > 0) ? sprintf("%.2f", bytes / 1e6 / s) : "-"
                per_core = (status == "ok" && cpu > 0) ? sprintf("%.2f", bytes / 1e6 / cpu) : "-"
                printf "| %s | %s (%.2f MB) | %s | %s | %s | %s%s MB | %s |\n", c, label, bytes / 1e6, cell(status, s), rate,
                    per_core, (status == "ok" ? "" : "> "), rss, ratio
            }
        }'
}
grep '^prose ' "$RESULTS" | sort -t$'\t' -k2,2 -s | show
if ((PATHOLOGICAL)); then
    echo
    echo "Pathological inputs at full size ($(awk "BEGIN { print 50 / $PATHO_SCALE }") MB paragraph, $((100000 / PATHO_SCALE)) breaks, $(awk "BEGIN { print 10 / $PATHO_SCALE }") MB lines) and at 1/10 of it: a time ratio near 10 is linear, near 100 quadratic:"
    echo
    echo "| command | input | seconds | MB/s | MB/s per core | peak RSS | time ÷ time at 1/10 the size |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    grep -v '^prose ' "$RESULTS" | show
fi
if [[ -s $WORK/stderr.log ]]; then
    log "--- last lines of standard error ($WORK/stderr.log):"
    tail -n 10 "$WORK/stderr.log" >&2
fi
