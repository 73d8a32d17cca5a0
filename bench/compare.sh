#!/usr/bin/env bash
# ficpress against pandoc and Calibre on the same stories, in the same run.
#
#   bench/compare.sh                  # defaults: 60 stories (ficpress, pandoc), 20 (Calibre), 50 MB file
#   bench/compare.sh --quick          # smoke test: 4 stories, 2 for Calibre, a 2 MB file
#   bench/compare.sh --stories 200 --calibre 40 --large-mb 50 --large-timeout 600
#
# Builds a corpus of stories from ../shared/corpus (AO3 chapters, FFN walls of
# text, Gutenberg, legacy encodings) and fixtures/, installs pandoc and Calibre
# from the Debian archive when missing, then times one process per story:
#   ficpress convert --to epub | convert --to md | clean
#   pandoc -f markdown -t epub3 | -t markdown
#   ebook-convert STORY OUT.epub --enable-heuristics
# plus ficpress once over the whole sample (batch mode, all cores), and one
# large replicated file for every tool, with a timeout. Prints Markdown tables
# (for the README) on standard output; progress goes to standard error.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STORIES=60         # stories for ficpress and pandoc
CALIBRE=20         # stories for Calibre (~1-2 s each)
MAX_STORY_KB=256   # larger files are novels, not stories: left to the large row
TIMEOUT=60         # seconds per story run
LARGE_MB=50        # size of the large file; 0 skips it
LARGE_TIMEOUT=60   # seconds per tool on the large file
MEM_LIMIT=8192     # MB; pandoc's heap and ficpress's address space are capped at this
KEEP=0
INSTALL=1

usage() {
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    cat <<EOF
Options:
  --stories N        stories timed with ficpress and pandoc (default $STORIES)
  --calibre N        stories timed with Calibre (default $CALIBRE; 0 skips Calibre)
  --max-story-kb N   largest file taken as a story (default $MAX_STORY_KB)
  --timeout S        seconds allowed per story run (default $TIMEOUT)
  --large-mb N       size of the large-file row in MB (default $LARGE_MB; 0 skips it)
  --large-timeout S  seconds allowed per tool on the large file (default $LARGE_TIMEOUT)
  --mem-limit MB     memory cap for ficpress and pandoc (default $MEM_LIMIT; 0: none)
  --no-install       fail instead of installing pandoc/Calibre with apt-get
  --keep             keep the work directory (corpus, outputs, results.tsv)
  --quick            --stories 4 --calibre 2 --large-mb 2 --large-timeout 60
EOF
}

while (($#)); do
    case $1 in
    --stories) STORIES=$2; shift ;;
    --calibre) CALIBRE=$2; shift ;;
    --max-story-kb) MAX_STORY_KB=$2; shift ;;
    --timeout) TIMEOUT=$2; shift ;;
    --large-mb) LARGE_MB=$2; shift ;;
    --large-timeout) LARGE_TIMEOUT=$2; shift ;;
    --mem-limit) MEM_LIMIT=$2; shift ;;
    --no-install) INSTALL=0 ;;
    --keep) KEEP=1 ;;
    --quick) STORIES=4 CALIBRE=2 LARGE_MB=2 LARGE_TIMEOUT=60 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
    esac
    shift
done

# ---------------------------------------------------------------- tools
require_time
missing=()
command -v pandoc >/dev/null || missing+=(pandoc)
((CALIBRE > 0)) && ! command -v ebook-convert >/dev/null && missing+=(calibre)
if ((${#missing[@]})); then
    ((INSTALL)) || die "missing ${missing[*]} (run without --no-install to apt-get them)"
    apt_install "${missing[@]}"
fi
build_ficpress
MACHINE_INFO=$(machine_info) # date and load at the start of the run

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ficpress-compare.XXXXXX")
cleanup() {
    if ((KEEP)); then
        rm -f "$WORK"/large.* "$WORK"/out/large.*
        log "kept $WORK (results.tsv, stories/, out/)"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
mkdir -p "$WORK/stories" "$WORK/out"
RESULTS=$WORK/results.tsv
printf 'tool\tstory\tbytes\tseconds\tcpu\trss_mb\tstatus\n' >"$RESULTS"

# ---------------------------------------------------------------- corpus
# Stories by category, each category in a fixed pseudo-random order (by the
# checksum of the file name), then interleaved so any prefix mixes them.
category_files() {
    local name=$1
    shift
    find "$@" -type f -size +1k -size -$((MAX_STORY_KB + 1))k 2>/dev/null |
        while read -r f; do printf '%s\t%s\n' "$(basename "$f" | md5sum | cut -c1-8)" "$f"; done |
        sort | cut -f2 | sed "s|^|$name\t|"
}
{
    category_files ao3 "$CORPUS"/fanfic_markdown/ao3-*/ -name '*.md'
    category_files ffn "$CORPUS"/ffn_wall_of_text/ -name '*.txt'
    category_files gutenberg "$CORPUS"/gutenberg/ -name '*.txt'
    category_files legacy "$CORPUS"/encodings/ -name '*.txt'
    category_files fixture "$ROOT"/fixtures/ "$ROOT"/fixtures/structure/ -maxdepth 1 -name '*.txt'
} | awk -F'\t' '{ rank[$1]++; printf "%06d\t%s\t%s\n", rank[$1], $1, $2 }' |
    sort -s -k1,1 | head -n "$((STORIES > CALIBRE ? STORIES : CALIBRE))" >"$WORK/sample.tsv"

n=0
while IFS=$'\t' read -r _ category path; do
    n=$((n + 1))
    base=$(basename "$path" | tr -c 'A-Za-z0-9._\n-' '_')
    cp "$path" "$WORK/stories/$(printf '%03d' $n)-$category-$base"
done <"$WORK/sample.tsv"
mapfile -t STORY_FILES < <(find "$WORK/stories" -type f | sort)
((${#STORY_FILES[@]})) || die "no stories found (is $CORPUS or fixtures/ there?)"
[[ -d $CORPUS ]] || log "note: $CORPUS not found; using fixtures/ only"
log "corpus: ${#STORY_FILES[@]} stories, $(du -sh "$WORK/stories" | cut -f1) ($(cut -f2 "$WORK/sample.tsv" | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}'))"

# ---------------------------------------------------------------- runs
# run TOOL STORY_FILE STDOUT COMMAND...: measure and append a row to results.tsv.
run() {
    local tool=$1 story=$2 stdout=$3
    shift 3
    measure "$RUN_TIMEOUT" "$stdout" "$@"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$(basename "$story")" \
        "$(stat -c %s "$story")" "$M_SECONDS" "$M_CPU" "$M_RSS_MB" "$M_STATUS" >>"$RESULTS"
    [[ $M_STATUS == ok ]] || log "  $tool on $(basename "$story"): $M_STATUS after ${M_SECONDS}s"
}

# The commands, by tool name; $1 is the input, outputs go to $WORK/out/.
tool_run() {
    local tool=$1 story=$2 out=$WORK/out/$(basename "$2")
    local title
    title=$(basename "$story" | sed 's/\.[^.]*$//')
    case $tool in
    ficpress-epub) run "$tool" "$story" /dev/null "$FICPRESS" convert "$story" --to epub -o "$out.epub" -q ;;
    ficpress-md) run "$tool" "$story" /dev/null "$FICPRESS" convert "$story" --to md -o "$out.md" -q ;;
    ficpress-clean) run "$tool" "$story" "$out.clean.txt" "$FICPRESS" clean "$story" -q ;;
    pandoc-epub3)
        run "$tool" "$story" /dev/null pandoc +RTS "-M${MEM_LIMIT}m" -RTS -f markdown -t epub3 \
            --metadata "title=$title" "$story" -o "$out.pandoc.epub"
        ;;
    pandoc-md)
        run "$tool" "$story" /dev/null pandoc +RTS "-M${MEM_LIMIT}m" -RTS -f markdown -t markdown \
            "$story" -o "$out.pandoc.md"
        ;;
    calibre-epub)
        # Text to EPUB needs no display, xvfb-run or --no-sandbox (checked with
        # Calibre 6.13 on Debian 12, as root in a container); Qt only warns
        # that XDG_RUNTIME_DIR is unset.
        run "$tool" "$story" /dev/null \
            ebook-convert "$story" "$out.calibre.epub" --enable-heuristics
        ;;
    esac
    rm -f "$out".*
}

FICPRESS_TOOLS=(ficpress-epub ficpress-md ficpress-clean)
PANDOC_TOOLS=(pandoc-epub3 pandoc-md)
CALIBRE_TOOLS=()
((CALIBRE > 0)) && CALIBRE_TOOLS=(calibre-epub)

RUN_TIMEOUT=$TIMEOUT
MEM_LIMIT_MB=0 # pandoc and Calibre reserve large address spaces; pandoc gets +RTS -M instead
log "warming up (one untimed run per tool)..."
for tool in "${FICPRESS_TOOLS[@]}" "${PANDOC_TOOLS[@]}" "${CALIBRE_TOOLS[@]}"; do
    tool_run "$tool" "${STORY_FILES[0]}"
done
: >"$WORK/stderr.log"
printf 'tool\tstory\tbytes\tseconds\tcpu\trss_mb\tstatus\n' >"$RESULTS"

i=0
for story in "${STORY_FILES[@]}"; do
    i=$((i + 1))
    log "[$i/${#STORY_FILES[@]}] $(basename "$story")"
    if ((i <= STORIES)); then
        for tool in "${FICPRESS_TOOLS[@]}" "${PANDOC_TOOLS[@]}"; do tool_run "$tool" "$story"; done
    fi
    if ((i <= CALIBRE)); then
        for tool in "${CALIBRE_TOOLS[@]}"; do tool_run "$tool" "$story"; done
    fi
done

# ficpress's batch mode: the first STORIES stories in one process, all cores.
mkdir -p "$WORK/batch"
for story in "${STORY_FILES[@]:0:STORIES}"; do ln -s "$story" "$WORK/batch/"; done
BATCH_BYTES=$(cat "$WORK"/batch/* | wc -c)
BATCH_COUNT=$(find "$WORK/batch" -type l | wc -l)
RUN_TIMEOUT=$((TIMEOUT * 10))
for format in epub md; do
    MEM_LIMIT_MB=$MEM_LIMIT measure "$RUN_TIMEOUT" /dev/null \
        "$FICPRESS" convert "$WORK/batch" --to "$format" -o "$WORK/out/batch-$format" -q
    printf 'batch-%s\t%s stories\t%s\t%s\t%s\t%s\t%s\n' "$format" "$BATCH_COUNT" "$BATCH_BYTES" \
        "$M_SECONDS" "$M_CPU" "$M_RSS_MB" "$M_STATUS" >>"$WORK/batch.tsv"
    rm -rf "$WORK/out/batch-$format"
done

# The large file: real prose replicated to LARGE_MB, one run per tool.
if ((LARGE_MB > 0)); then
    log "large file: ${LARGE_MB} MB of replicated prose..."
    make_prose "$LARGE_MB" "$WORK/large.txt"
    RUN_TIMEOUT=$LARGE_TIMEOUT
    for tool in "${FICPRESS_TOOLS[@]}" "${PANDOC_TOOLS[@]}" "${CALIBRE_TOOLS[@]}"; do
        log "  $tool"
        if [[ $tool == ficpress-* ]]; then
            MEM_LIMIT_MB=$MEM_LIMIT tool_run "$tool" "$WORK/large.txt"
        else
            tool_run "$tool" "$WORK/large.txt"
        fi
    done
    rm -f "$WORK/large.txt"
fi

# ---------------------------------------------------------------- report
version() { "$@" 2>/dev/null | head -n1; }
echo "### ficpress vs pandoc and Calibre"
echo
echo "$MACHINE_INFO"
echo "- Peers: $(version pandoc --version), $(version ebook-convert --version | sed 's/ebook-convert (\(.*\))/\1/')"
echo "- Corpus: ${#STORY_FILES[@]} stories of 1-${MAX_STORY_KB} KB from \`../shared/corpus\` and \`fixtures/\` ($(cut -f2 "$WORK/sample.tsv" | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}')); one process per story, run one at a time"
echo "- Command: \`bench/compare.sh --stories $STORIES --calibre $CALIBRE --large-mb $LARGE_MB --large-timeout $LARGE_TIMEOUT\`"
echo
echo "Per story (one process each; s/story is the median; MB/s is total bytes / total time; the ratio compares each peer with the ficpress command of the same output format on the stories both converted):"
echo
# Per tool: count, failures, median s/story, MB/s, peak RSS; for peers, the
# ratio of their time to ficpress's equivalent command on the stories both
# converted.
awk -F'\t' -v order="ficpress-epub ficpress-md ficpress-clean pandoc-epub3 pandoc-md calibre-epub" '
    function median(list,    a, n, i, j, t) {
        n = split(list, a, " ")
        for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n ? (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2) : 0
    }
    NR == 1 || $2 ~ /^large\./ { next }
    {
        tool = $1; runs[tool]++
        ok[$1, $2] = ($7 == "ok"); secs[$1, $2] = $4
        if ($7 != "ok") { bad[tool] = bad[tool] (bad[tool] ? ", " : "") $7 " " $2; next }
        good[tool]++; bytes[tool] += $3; total[tool] += $4
        times[tool] = times[tool] " " $4
        if ($6 > rss[tool]) rss[tool] = $6
        rsslist[tool] = rsslist[tool] " " $6
        stories[$2] = 1
    }
    END {
        label["ficpress-epub"] = "ficpress `convert --to epub`"
        label["ficpress-md"] = "ficpress `convert --to md`"
        label["ficpress-clean"] = "ficpress `clean`"
        label["pandoc-epub3"] = "pandoc `-f markdown -t epub3`"
        label["pandoc-md"] = "pandoc `-f markdown -t markdown`"
        label["calibre-epub"] = "Calibre `ebook-convert --enable-heuristics` (EPUB)"
        peer["pandoc-epub3"] = "ficpress-epub"; peer["pandoc-md"] = "ficpress-md"; peer["calibre-epub"] = "ficpress-epub"
        print "| tool | stories | s/story | MB/s | peak RSS (median / max) | ficpress faster by (total / median story) |"
        print "|---|---:|---:|---:|---:|---:|"
        n = split(order, tools, " ")
        for (k = 1; k <= n; k++) {
            t = tools[k]
            if (!runs[t]) continue
            ratio = "-"
            if (t in peer) {
                f = peer[t]; pt = 0; ft = 0; ratios = ""
                for (s in stories) if (ok[t, s] && ok[f, s] && secs[f, s] > 0) {
                    pt += secs[t, s]; ft += secs[f, s]; ratios = ratios " " secs[t, s] / secs[f, s]
                }
                if (ft > 0) ratio = sprintf("%.1f× / %.1f×", pt / ft, median(ratios))
            }
            count = good[t] + 0
            if (good[t] < runs[t]) count = count " of " runs[t]
            rate = total[t] > 0 ? bytes[t] / 1e6 / total[t] : 0
            printf "| %s | %s | %.3f | %.2f | %.0f / %.0f MB | %s |\n", label[t], count, median(times[t]),
                rate, median(rsslist[t]), rss[t], ratio
        }
        for (k = 1; k <= n; k++) if (bad[tools[k]]) printf "\nNot converted by %s: %s.\n", label[tools[k]], bad[tools[k]]
    }' "$RESULTS"
echo
echo "ficpress batch mode (all the stories above in one process, $(nproc) cores):"
echo
echo "| command | stories | seconds | stories/s | MB/s | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
while IFS=$'\t' read -r tool count bytes seconds _ rss status; do
    n=${count% stories}
    [[ $status == ok ]] || seconds="$status after $seconds"
    printf '| `ficpress convert DIR --to %s` | %s | %s | %s | %s | %s MB |\n' "${tool#batch-}" "$n" \
        "$seconds" "$(awk -v n="$n" -v s="${seconds##* }" 'BEGIN { printf "%.0f", n / s }')" \
        "$(fmt_rate "$bytes" "${seconds##* }")" "$rss"
done <"$WORK/batch.tsv"
if ((LARGE_MB > 0)); then
    echo
    echo "One large file: ${LARGE_MB} MB of Gutenberg and fan-fiction prose replicated, a \`Chapter N\` heading every ~20 KB (timeout ${LARGE_TIMEOUT} s per tool):"
    echo
    echo "| tool | seconds | MB/s | peak RSS |"
    echo "|---|---:|---:|---:|"
    awk -F'\t' -v limit="$LARGE_TIMEOUT" -v mem="$MEM_LIMIT" '
        $2 ~ /^large\./ {
            label["ficpress-epub"] = "ficpress `convert --to epub`"; label["ficpress-md"] = "ficpress `convert --to md`"
            label["ficpress-clean"] = "ficpress `clean`"; label["pandoc-epub3"] = "pandoc `-t epub3`"
            label["pandoc-md"] = "pandoc `-t markdown`"; label["calibre-epub"] = "Calibre `ebook-convert --enable-heuristics`"
            if ($7 == "ok") printf "| %s | %.1f | %.2f | %.0f MB |\n", label[$1], $4, $3 / 1e6 / $4, $6
            else if ($7 == "timeout") printf "| %s | > %d (timeout) | < %.2f | > %.0f MB |\n", label[$1], limit, $3 / 1e6 / limit, $6
            else if ($7 == "oom") printf "| %s | %s (over the %d MB memory cap) | - | > %d MB |\n", label[$1], $4, mem, mem
            else printf "| %s | failed after %.1f s | - | %.0f MB |\n", label[$1], $4, $6
        }' "$RESULTS"
fi
if [[ -s $WORK/stderr.log ]]; then
    log "--- last lines of the tools' standard error ($WORK/stderr.log):"
    grep -v '^QStandardPaths: XDG_RUNTIME_DIR' "$WORK/stderr.log" | tail -n 15 >&2
fi
