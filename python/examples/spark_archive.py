"""Annotate a JSON Lines archive with PySpark (documented, not run by the tests: the tests
run the Dask example, python/examples/dask_archive.py, on a LocalCluster).

Every executor needs the wheel: build it once with ``scripts/python.sh`` and ship
``target/wheels/article_annotator-*.whl`` (``pip install`` it on the executors, or pass it
with ``--py-files``; it is a compiled module, so the executors' platform must match).

    spark-submit python/examples/spark_archive.py 'archive/part-*.jsonl' out/

``mapInPandas`` hands each task an iterator of pandas DataFrames (Arrow batches) of the
archive's rows; ``annotate_many`` annotates each batch in Rust with the GIL released and
yields the CLI's records, kept here as one JSON string per row beside its id (the schema of
the nested record is the CLI's; keeping it as JSON avoids restating it as a Spark type).
"""

from __future__ import annotations

import json
import sys
from typing import Iterator

import pandas as pd


def annotate_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    from article_annotator import annotate_many

    for df in batches:
        items = [{"id": i, "text": t} for i, t in zip(df["id"], df["text"])]
        # One job per Spark task: Spark already runs a task per core.
        records = annotate_many(items, jobs=1)
        yield pd.DataFrame(
            {"id": df["id"], "annotation": [json.dumps(r, ensure_ascii=False) for r in records]}
        )


def main() -> None:
    from pyspark.sql import SparkSession

    src, out = sys.argv[1], sys.argv[2]
    spark = SparkSession.builder.appName("article-annotator").getOrCreate()
    # Ids are strings in the CLI's output (a number is kept as its JSON text).
    rows = spark.read.json(src).selectExpr("CAST(id AS STRING) AS id", "text")
    rows.mapInPandas(annotate_batches, schema="id string, annotation string").write.mode(
        "overwrite"
    ).json(out)
    spark.stop()


if __name__ == "__main__":
    main()
