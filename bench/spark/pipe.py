"""Apache Spark recipe: `ficpress clean --jsonl` as an RDD.pipe() stage.

Builds a JSON Lines sample from the corpus, cleans it once directly and once
through Spark (local mode), and checks that both give the same records:
same count, same ids, same fields. Run through bench/spark/run.sh.

The recipe itself is four lines:

    lines = spark.sparkContext.textFile("stories.jsonl")       # one record per line
    cleaned = lines.pipe("ficpress -q clean --jsonl -")        # one record out per line in
    cleaned.saveAsTextFile("cleaned/")                          # or spark.read.json(cleaned)

ficpress exits with status 2 when some record was malformed; pipe()'s default
checkCode=False lets those error records flow on instead of failing the task.
Their "line" counts from 1 within each partition, so join on "id", not "line".
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SKIPPED_FILES = {"PROVENANCE.md", "metadata.json"}


def build_sample(corpus: Path, max_story_bytes: int, paragraph_every: int) -> list[str]:
    """One record per story file (its opening `max_story_bytes`, cut at a
    paragraph), one per paragraph of every `paragraph_every`-th story, and a
    few malformed records whose error records must match too."""
    records = []
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.name not in SKIPPED_FILES)
    for n, path in enumerate(files):
        text = path.read_bytes().decode("utf-8", errors="replace")
        relative = str(path.relative_to(corpus))
        story = text
        if len(story.encode()) > max_story_bytes:
            story = story.encode()[:max_story_bytes].decode("utf-8", errors="ignore")
            story = story[: story.rfind("\n\n")] if "\n\n" in story else story
        # Extra fields in any order, to see them pass through untouched.
        records.append(json.dumps({"source": "corpus", "id": f"story:{relative}", "text": story,
                                   "bytes": len(text.encode()), "path": relative}))
        if n % paragraph_every == 0:
            for p, paragraph in enumerate(text.split("\n\n")):
                records.append(json.dumps({"id": f"para:{relative}:{p}", "text": paragraph}))
        if n % 100 == 0:
            records.append(json.dumps({"id": f"bad:{relative}", "text": n}))
    return records


def run_direct(ficpress: str, sample: Path) -> tuple[list[str], float]:
    start = time.perf_counter()
    result = subprocess.run([ficpress, "-q", "clean", "--jsonl", str(sample)],
                            capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 2) or result.stderr.count(b"\n") > 11:
        sys.exit(f"direct run failed ({result.returncode}): {result.stderr.decode()[:2000]}")
    return result.stdout.decode().splitlines(), elapsed


def run_spark(ficpress: str, sample: Path, partitions: int, cores: int) -> tuple[list[str], int, float, float]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    start = time.perf_counter()
    spark = (SparkSession.builder.master(f"local[{cores}]").appName("ficpress-pipe")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.memory", "1g")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - start

    start = time.perf_counter()
    lines = spark.sparkContext.textFile(str(sample), minPartitions=partitions)
    cleaned = lines.pipe(f"{ficpress} -q clean --jsonl -")
    input_count = lines.count()
    output = cleaned.collect()
    elapsed = time.perf_counter() - start
    spark.stop()
    return output, input_count, startup, elapsed


def by_id(lines: list[str]) -> dict[str, dict]:
    records = {}
    for line in lines:
        record = json.loads(line)
        record.pop("line", None)  # error records: per partition under Spark
        key = record.get("id")
        if key in records:
            sys.exit(f"duplicate id {key!r} in the output")
        records[key] = record
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--ficpress", required=True)
    parser.add_argument("--max-story-kb", type=int, default=64)
    parser.add_argument("--paragraph-every", type=int, default=10)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    ficpress = os.path.abspath(args.ficpress)

    args.work.mkdir(parents=True, exist_ok=True)
    sample = args.work / "sample.jsonl"
    records = build_sample(args.corpus, args.max_story_kb * 1024, args.paragraph_every)
    sample.write_text("".join(line + "\n" for line in records), encoding="utf-8")
    megabytes = sample.stat().st_size / 1e6
    print(f"sample: {len(records)} records, {megabytes:.1f} MB ({sample})")

    direct, direct_time = run_direct(ficpress, sample)
    print(f"direct: {len(direct)} records in {direct_time:.1f} s ({megabytes / direct_time:.1f} MB/s)")

    spark, spark_input, startup, spark_time = run_spark(ficpress, sample, args.partitions, args.cores)
    print(f"spark:  {len(spark)} records from {spark_input} in {spark_time:.1f} s "
          f"({megabytes / spark_time:.1f} MB/s; {args.partitions} partitions on local[{args.cores}]; "
          f"session start {startup:.1f} s)")

    problems = []
    if not len(records) == len(direct) == spark_input == len(spark):
        problems.append(f"counts differ: sample {len(records)}, direct {len(direct)}, "
                        f"spark in {spark_input}, spark out {len(spark)}")
    direct_records, spark_records = by_id(direct), by_id(spark)
    for key in sorted(set(direct_records) | set(spark_records), key=str):
        if direct_records.get(key) != spark_records.get(key):
            problems.append(f"record {key!r} differs")
    failed = sum("error" in record and "text" not in record for record in direct_records.values())
    for problem in problems[:20]:
        print(f"MISMATCH: {problem}", file=sys.stderr)
    if problems:
        sys.exit(f"{len(problems)} differences between Spark and the direct run")
    print(f"ok: {len(direct_records)} records identical through Spark and directly "
          f"({failed} error records, as planted)")


if __name__ == "__main__":
    main()
