#!/usr/bin/env bash
# Fuzz TARGET for SECONDS in total on one core, niced, restarting after each
# crash, timeout or out-of-memory so one finding does not end the run.
# Findings land in fuzz/artifacts/TARGET/, the growing corpus in
# fuzz/corpus/TARGET/, the log in fuzz/logs/TARGET.log.
# Usage: fuzz/run.sh decode|pipeline [SECONDS]
set -uo pipefail
target=${1:?usage: run.sh TARGET [SECONDS]}
seconds=${2:-1800}
fuzz=$(cd "$(dirname "$0")" && pwd)
cd "$(dirname "$fuzz")"
"$fuzz/seed.sh" "$target"
mkdir -p "$fuzz/logs"
log="$fuzz/logs/$target.log"
# cargo fuzz needs nightly-only flags; the stable toolchain allows them this way.
export RUSTC_BOOTSTRAP=1
nice -n 10 cargo fuzz build -O "$target" || exit 2
end=$((SECONDS + seconds))
while (( SECONDS < end )); do
    # -timeout: no input may take 10 s (a guard against super-linear stages);
    # -max_len: 64 KB inputs, long enough for quadratic behaviour to show.
    nice -n 10 cargo fuzz run -O "$target" "fuzz/corpus/$target" -- \
        -dict=fuzz/story.dict -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -max_total_time=$((end - SECONDS)) -print_final_stats=1 >> "$log" 2>&1
    status=$?
    echo "=== run ended with status $status after ${SECONDS}s" >> "$log"
    (( status == 0 )) && break
done
echo "findings: $(ls "fuzz/artifacts/$target" 2>/dev/null | wc -l) in fuzz/artifacts/$target; log: $log"
