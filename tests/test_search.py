"""crawler.search: bigram indexing and queries for Chinese full-text search."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.search import bigrams, fts_query, index_text, tokens


def test_bigrams_overlap_and_a_lone_character_stays():
    assert bigrams("疫情防控") == ["疫情", "情防", "防控"]
    assert bigrams("县") == ["县"]


def test_tokens_are_simplified_and_keep_words_and_numbers():
    assert tokens("領導小組 COVID-19") == ["领导", "导小", "小组", "covid", "19"]


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("领导小组", '"领导 导小 小组"'),
        ("領導小組", '"领导 导小 小组"'),
        ("疫情 防控", '"疫情" AND "防控"'),
        ("县", '"县" *'),
        ('"疫情防控"', '"疫情 情防 防控"'),
        ("", '""'),
        ("疫情 AND 防控", '"疫情" AND "防控"'),
        ("OR NOT", '"or" AND "not"'),
    ],
)
def test_queries_become_bigram_phrases(query, expression):
    assert fts_query(query) == expression


def test_rewriting_a_rewritten_query_changes_nothing():
    once = fts_query("领导小组 疫情")
    assert fts_query(once) == once


@pytest.fixture
def index():
    con = sqlite3.connect(":memory:")
    con.execute("create virtual table t using fts5(search, content='')")
    docs = {1: "市應對新冠肺炎疫情工作領導小組會議強調", 2: "全市春耕生产工作会议召开", 3: "小组领导"}
    con.executemany("insert into t(rowid, search) values (?, ?)",
                    [(k, index_text(v)) for k, v in docs.items()])
    return con


def matches(con, query: str) -> set[int]:
    return {r[0] for r in con.execute("select rowid from t where t match ?", [fts_query(query)])}


@pytest.mark.parametrize(
    ("query", "rowids"),
    [("领导小组", {1}), ("疫情", {1}), ("会议", {1, 2}), ("工作会议", {2}), ("春耕", {2}),
     ("小组领导", {3}), ("领导", {1, 3}), ("市", {1, 2}), ("会议 春耕", {2}), ("防汛", set())],
)
def test_sqlite_finds_words_of_any_length_exactly(index, query, rowids):
    assert matches(index, query) == rowids
