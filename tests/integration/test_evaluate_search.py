"""`evaluate-search` on a small judged catalog with the real model: its figures, and a kept
database reused on the next run (its catalog and embeddings, not imported again)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from storefront.cli.search_commands import run_evaluate_search

CATALOG = """product_id,title,description
p1,Oak dining chair,A solid oak chair for the dining room
p2,Steel desk lamp,An adjustable lamp for the desk
p3,Wool throw blanket,A warm blanket of pure wool
"""
QUERIES = "query_id,query\nq1,oak chair\nq2,desk lamp\n"
QRELS = "query_id,product_id,grade\nq1,p1,4\nq1,p3,1\nq2,p2,4\n"


def test_a_kept_database_is_reused_on_the_next_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text in (("catalog", CATALOG), ("queries", QUERIES), ("qrels", QRELS)):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    args = argparse.Namespace(
        catalog=tmp_path / "catalog.csv",
        queries=tmp_path / "queries.csv",
        qrels=tmp_path / "qrels.csv",
        database=tmp_path / "eval.db",
    )
    assert run_evaluate_search(args) == 0
    first = capsys.readouterr().out
    assert "catalog: 3 products imported" in first
    assert "index: 3 products embedded" in first
    assert run_evaluate_search(args) == 0  # before, refused: it would reset missing columns
    second = capsys.readouterr().out
    assert "the 3 products kept in" in second
    assert "index: 0 products embedded" in second
    figures = [json.loads(out.splitlines()[-1]) for out in (first, second)]
    assert figures[0]["ndcg@10"] == figures[1]["ndcg@10"] == 1.0
