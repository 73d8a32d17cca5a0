#!/usr/bin/env bash
# Run `ficpress clean --jsonl` as a stage of Apache Spark (RDD.pipe, local
# mode) on a sample of the corpus, and check every record against a direct
# `ficpress clean --jsonl` run. Exits non-zero on any difference.
#
#   bench/spark/run.sh                   # or: just spark
#   CORPUS=/data/stories bench/spark/run.sh --max-story-kb 256 --partitions 16
#
# Needs Java 17+ and Python 3.9+; installs PySpark from PyPI into a virtual
# environment under target/spark/ on the first run (about 300 MB).
set -euo pipefail
cd "$(dirname "$0")/../.."

corpus=${CORPUS:-../shared/corpus}
work=${SPARK_WORK:-target/spark}
python=${PYTHON:-python3.11}
# Pinned so that a run today and a run next year test the same Spark.
pyspark_version=${PYSPARK_VERSION:-4.3.0}

command -v java >/dev/null || { echo "error: Spark needs Java 17 or newer (apt-get install -y openjdk-17-jre-headless)" >&2; exit 2; }
command -v "$python" >/dev/null || python=python3
[ -d "$corpus" ] || { echo "error: no corpus at $corpus (set CORPUS=DIR)" >&2; exit 2; }

venv=$work/venv
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$pyspark_version')" 2>/dev/null; then
    echo "installing pyspark $pyspark_version into $venv ..." >&2
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$pyspark_version"
fi

cargo build --release --quiet
exec "$venv/bin/python" bench/spark/pipe.py \
    --corpus "$corpus" --work "$work" --ficpress target/release/ficpress "$@"
