#!/usr/bin/env bash
# Batch throughput: N stories of 5-50 KB (default 10,000) converted in one
# run, to EPUB and to Markdown, with and without the fix rules, on 1 thread
# and on all cores (RAYON_NUM_THREADS). Checks that the multi-threaded output
# is byte-identical to the single-threaded one. Prints a Markdown table.
#
#   bench/batch.sh              # 10,000 stories
#   bench/batch.sh --stories 500
set -uo pipefail
source "$(dirname "$0")/lib.sh"

STORIES=10000
while (($#)); do
    case $1 in
    --stories) STORIES=$2; shift 2 ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
done

require_time
build_ficpress
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ficpress-batch.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
touch "$WORK/stderr.log"

# Stories: slices of real prose at paragraph boundaries, sizes cycling
# through 5-50 KB.
log "making $STORIES stories..."
# The sizes average ~27.5 KB; make enough prose for all of them.
make_prose $((STORIES * 28 / 1000 + 2)) "$WORK/prose.txt"
mkdir -p "$WORK/stories"
LC_ALL=C awk -v n="$STORIES" -v dir="$WORK/stories" '
    BEGIN { size = 5000; i = 1; out = sprintf("%s/story-%05d.txt", dir, i) }
    {
        print > out; written += length($0) + 1
        if ($0 == "" && written >= size) {
            close(out); i++; written = 0
            size = 5000 + (i * 7919) % 45000
            if (i > n) exit
            out = sprintf("%s/story-%05d.txt", dir, i)
        }
    }' "$WORK/prose.txt"
count=$(find "$WORK/stories" -type f | wc -l)
bytes=$(du -sb "$WORK/stories" | cut -f1)
rm -f "$WORK/prose.txt"

machine_info
echo "- Stories: $count, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') in all"
echo
echo "| command | threads | seconds | stories/s | MB/s | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
for format in epub md; do
    for fix in "" "--no-fix"; do
        for threads in 1 "$(nproc)"; do
            out="$WORK/out-$format$fix-$threads"
            RAYON_NUM_THREADS=$threads measure 3600 /dev/null \
                "$FICPRESS" -q convert "$WORK/stories" --to "$format" $fix -o "$out"
            rate=$(awk -v n="$count" -v s="$M_SECONDS" 'BEGIN { printf "%.0f", n / s }')
            echo "| \`convert --to $format $fix\` | $threads | $M_SECONDS | $rate | $(fmt_rate "$bytes" "$M_SECONDS") | $M_RSS_MB MB |"
        done
        if ! diff -rq "$WORK/out-$format$fix-1" "$WORK/out-$format$fix-$(nproc)" >/dev/null; then
            echo "error: --to $format $fix: output differs between 1 and $(nproc) threads" >&2
            exit 1
        fi
        rm -rf "$WORK/out-$format$fix-"*
    done
done
echo
echo "Output identical on 1 and $(nproc) threads for every row."
