"""Precision and recall per kind against the hand-written gold file for the five seeds."""

from __future__ import annotations

import pytest

from tests.builtin.extract.gold import KINDS, load_gold, score

THRESHOLD = 0.95


@pytest.fixture(scope="module")
def scores():
    return score()


def test_extract_gold_covers_every_seed_and_kind(seed_texts: dict[str, str]) -> None:
    gold = load_gold()
    assert set(gold) == set(seed_texts)
    kinds = {entry[0] for entries in gold.values() for entry in entries}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_extract_gold_precision_recall(scores, kind: str, record_property) -> None:
    per_kind, missed, spurious = scores
    precision, recall = per_kind[kind]
    record_property(f"{kind}_precision", round(precision, 3))
    record_property(f"{kind}_recall", round(recall, 3))
    print(f"{kind}: precision {precision:.3f} recall {recall:.3f}")
    detail = (
        [k for k in missed.elements() if k[1] == kind],
        [k for k in spurious.elements() if k[1] == kind],
    )
    assert precision >= THRESHOLD and recall >= THRESHOLD, f"missed, spurious: {detail}"
