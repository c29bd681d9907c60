from __future__ import annotations

import hashlib
import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import opencc
import pytest
from hanpipe_simhash import (
    SimHashExtractor,
    fingerprint,
    fingerprint_of,
    group_near_duplicates,
    hamming,
    shingle_hashes,
    word_hash,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe import Document, Tokens
from hanpipe.testing import ExtractorContract

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
MAX_DISTANCE = 3  # group_near_duplicates' default
#: the sentence that replaces sentences of a page in the edit tests: another topic altogether
REPLACEMENT = "这是一句完全不同的新句子，用来替换原来的内容。"


class TestContract(ExtractorContract):
    def make_engine(self) -> SimHashExtractor:
        return SimHashExtractor()


# -- the fingerprint against a plain reference ---------------------------------


MASK = (1 << 64) - 1


def reference_word_hash(word: str) -> int | None:
    if not any(c.isalnum() for c in word):
        return None
    digest = hashlib.blake2b(word.lower().encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def reference_mix(x: int) -> int:
    """splitmix64's finaliser, as published (Steele, Lea and Flood 2014), on Python ints."""
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def reference_shingles(words: list[str], k: int) -> list[int]:
    hashes = [h for h in map(reference_word_hash, words) if h is not None]
    k = min(k, len(hashes))
    out = []
    for i in range(len(hashes) - k + 1 if k else 0):
        h = hashes[i]
        for j in range(1, k):
            h = reference_mix((h * 0x9E3779B97F4A7C15 + hashes[i + j]) & MASK)
        out.append(h)
    return out


def reference_simhash(words: list[str], k: int) -> int | None:
    """Charikar's SimHash written out bit by bit: +1 for a set bit, -1 for a clear one, per shingle."""
    hashes = reference_shingles(words, k)
    if not hashes:
        return None
    totals = [0] * 64
    for h in hashes:
        for bit in range(64):
            totals[bit] += 1 if h >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if totals[bit] > 0)


WORDS = st.lists(st.text(min_size=1, max_size=4), max_size=40)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.integers(1, 4))
def test_simhash_fingerprint_equals_the_reference(words: list[str], k: int) -> None:
    assert fingerprint(words, k) == reference_simhash(words, k)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.integers(1, 4))
def test_simhash_shingle_hashes_equal_the_reference(words: list[str], k: int) -> None:
    assert shingle_hashes(words, k).tolist() == reference_shingles(words, k)


def test_simhash_words_by_hand() -> None:
    gpt = int.from_bytes(hashlib.blake2b(b"gpt", digest_size=8).digest(), "little")
    assert word_hash("GPT") == word_hash("gpt") == gpt
    assert word_hash("，") == word_hash(" ") == word_hash("-") == -1
    assert word_hash("4") >= 0 and word_hash("模型") >= 0
    words = ["大", "模型", "，", " ", "GPT", "-", "4"]  # four words count: 大 模型 gpt 4
    assert len(shingle_hashes(words, 1)) == 4 and len(shingle_hashes(words, 2)) == 3
    assert shingle_hashes(words, 1).tolist() == [word_hash(w) for w in ("大", "模型", "gpt", "4")]
    assert len(shingle_hashes(["只有", "两词"], 3)) == 1
    assert len(shingle_hashes(["，", "。", " "], 2)) == 0
    # order matters within a shingle
    assert shingle_hashes(["大", "模型"], 2).tolist() != shingle_hashes(["模型", "大"], 2).tolist()


def test_simhash_hamming_by_hand() -> None:
    assert hamming(0, 0) == 0
    assert hamming(0b1011, 0b0001) == 2
    assert hamming(0, (1 << 64) - 1) == 64


def test_simhash_is_the_same_in_another_process_with_another_hash_seed() -> None:
    words = ["大模型", "时代", "，", "小", "模型", "还有", "机会", "吗"]
    code = f"from hanpipe_simhash import fingerprint; print(fingerprint({words!r}))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert int(out.stdout) == fingerprint(words) == reference_simhash(words, 2)


# -- the extractor ---------------------------------------------------------------


def test_simhash_entity_spans_the_text_and_holds_the_hex_fingerprint() -> None:
    text = "大模型时代，小模型还有机会吗？"
    words = ["大", "模型", "时代", "，", "小", "模型", "还有", "机会", "吗", "？"]
    doc = Document.from_text(text).with_tokens(Tokens.from_words(words))
    [entity] = SimHashExtractor().extract(doc)
    assert (entity.kind, entity.start, entity.end, entity.text) == ("simhash", 0, len(text), text)
    assert entity.value == f"{reference_simhash(words, 2):016x}" and len(entity.value) == 16
    assert entity.attrs == {"shingle": 2, "features": 7}


def test_simhash_no_entity_without_a_word() -> None:
    for text in ("", "，。！ ", "\n\n"):
        doc = Document.from_text(text).with_tokens(Tokens.from_words(list(text)))
        assert list(SimHashExtractor().extract(doc)) == []


def test_simhash_without_tokens_says_what_to_do() -> None:
    with pytest.raises(hanpipe.InputError, match="segmenter"):
        list(SimHashExtractor().extract(Document.from_text("大模型")))


def test_simhash_found_through_the_entry_point_and_segments_first() -> None:
    p = hanpipe.Pipeline(extract=["simhash"])
    assert p.registry.info("extract", "simhash").distribution == "hanpipe-simhash"
    doc = p.process("大模型時代，小模型還有機會嗎？")
    assert doc.words == hanpipe.segment("大模型时代，小模型还有机会吗？")
    assert fingerprint_of(doc) == reference_simhash(doc.words, 2)
    assert [e.kind for e in doc.entities] == ["simhash"]
    assert (doc.entities[0].source_start, doc.entities[0].source_end) == (0, len(doc.source))


def test_simhash_shingle_option() -> None:
    p = hanpipe.Pipeline(extract=[{"engine": "simhash", "shingle": 3}])
    doc = p.process("大模型时代，小模型还有机会吗？")
    assert fingerprint_of(doc) == reference_simhash(doc.words, 3)
    with pytest.raises(hanpipe.ConfigError, match="shingle"):
        hanpipe.Pipeline(extract=[{"engine": "simhash", "shingle": 0}])
    with pytest.raises(hanpipe.ConfigError, match="shingle"):
        hanpipe.Pipeline(extract=[{"engine": "simhash", "shingle": "2"}])


# -- near duplicates on the seeds --------------------------------------------------


@pytest.fixture(scope="module")
def pages() -> list[Document]:
    if not SEEDS.is_dir():
        pytest.skip("the seeds live in the hanpipe repository")
    p = hanpipe.Pipeline(extract=["simhash"])
    return [p.process(path.read_bytes()) for path in sorted(SEEDS.glob("*.txt"))]


RESEGMENT = hanpipe.Pipeline(clean=None, convert=None, extract=["simhash"])


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[。！？])", text)


def edited(text: str, count: int) -> str:
    """``text`` with ``count`` of its sentences of 10 or more characters, evenly spread, replaced."""
    parts = sentences(text)
    long = [i for i, s in enumerate(parts) if len(s.strip()) >= 10]
    chosen = {long[len(long) * (2 * j + 1) // (2 * count)] for j in range(count)}
    assert len(chosen) == count
    return "".join(REPLACEMENT if i in chosen else s for i, s in enumerate(parts))


def distance_after_edit(doc: Document, text: str) -> int:
    other = fingerprint_of(RESEGMENT.process(text))
    base = fingerprint_of(doc)
    assert base is not None and other is not None
    return hamming(base, other)


def test_simhash_one_changed_sentence_stays_a_near_duplicate(pages: list[Document]) -> None:
    # the middle sentence of each page replaced; measured distances: 3, 0, 2, 0, 0
    distances = [distance_after_edit(doc, edited(doc.text, 1)) for doc in pages]
    print(f"\none changed sentence (the middle one): {distances}")
    assert all(d <= MAX_DISTANCE for d in distances)


def test_simhash_different_pages_are_not_near_duplicates(pages: list[Document]) -> None:
    fps = [fingerprint_of(doc) for doc in pages]
    distances = [hamming(a, b) for i, a in enumerate(fps) for b in fps[i + 1 :]]  # type: ignore[arg-type]
    print(f"\ndifferent pages: {sorted(distances)}")
    assert min(distances) > 3 * MAX_DISTANCE  # measured minimum 17


def test_simhash_every_single_sentence_edit_is_closer_than_any_other_page(pages: list[Document]) -> None:
    fps = [fingerprint_of(doc) for doc in pages]
    nearest_other = min(hamming(a, b) for i, a in enumerate(fps) for b in fps[i + 1 :])  # type: ignore[arg-type]
    all_distances = []
    print()
    for doc in pages:
        parts = sentences(doc.text)
        distances = [
            distance_after_edit(doc, "".join([*parts[:i], REPLACEMENT, *parts[i + 1 :]]))
            for i, s in enumerate(parts)
            if len(s.strip()) >= 10
        ]
        within = sum(d <= MAX_DISTANCE for d in distances)
        print(f"{len(doc.text)} chars: {within}/{len(distances)} within {MAX_DISTANCE}, largest {max(distances)}")
        all_distances += distances
    within = sum(d <= MAX_DISTANCE for d in all_distances)
    print(f"all: {within}/{len(all_distances)} within {MAX_DISTANCE}, largest {max(all_distances)}")
    assert max(all_distances) < nearest_other
    assert within / len(all_distances) >= 0.8  # measured 281/328


def test_simhash_distance_grows_with_the_size_of_the_edit(pages: list[Document]) -> None:
    counts = (1, 2, 4, 8, 16, 32)
    table = np.array([[distance_after_edit(doc, edited(doc.text, k)) for k in counts] for doc in pages])
    print(f"\nsentences replaced {counts}:\n{table}\nmean {table.mean(axis=0)}")
    means = table.mean(axis=0)
    assert means[0] <= MAX_DISTANCE
    assert all(a < b for a, b in itertools.pairwise(means[1:]))  # from two sentences on, each doubling moves it further
    assert means[-1] > 3 * MAX_DISTANCE


def test_simhash_layout_and_script_do_not_change_the_fingerprint(pages: list[Document]) -> None:
    doc = pages[2]
    spaced = doc.text.replace("\n", "\n\n").replace("。", "。 ")
    assert distance_after_edit(doc, spaced) == 0
    raw = (SEEDS / "001_8a7838785014c413.txt").read_text(encoding="utf-8")
    p = hanpipe.Pipeline(extract=["simhash"])
    simplified = opencc.OpenCC("t2s").convert(raw)
    assert fingerprint_of(p.process(raw)) == fingerprint_of(p.process(simplified)) == fingerprint_of(pages[1])


def test_simhash_groups_each_seed_with_its_edited_copy(pages: list[Document]) -> None:
    fps = [fingerprint_of(doc) for doc in pages]
    copies = [fingerprint_of(RESEGMENT.process(edited(doc.text, 1))) for doc in pages]
    batch = [*fps, *copies]
    assert group_near_duplicates(batch) == [[i, i + 5] for i in range(5)]  # type: ignore[arg-type]
    as_hex = [f"{v:016x}" for v in batch]  # type: ignore[str-format]
    assert group_near_duplicates(as_hex) == [[i, i + 5] for i in range(5)]


# -- grouping against brute force --------------------------------------------------


def brute_force_groups(values: list[int], max_distance: int) -> list[list[int]]:
    """Connected components of "within max_distance", found by comparing every pair."""
    n = len(values)
    near = [[j for j in range(n) if j != i and bin(values[i] ^ values[j]).count("1") <= max_distance] for i in range(n)]
    seen: set[int] = set()
    groups = []
    for i in range(n):
        if i in seen:
            continue
        component, stack = {i}, [i]
        while stack:
            for j in near[stack.pop()]:
                if j not in component:
                    component.add(j)
                    stack.append(j)
        seen |= component
        if len(component) > 1:
            groups.append(sorted(component))
    return groups


@st.composite
def clustered_fingerprints(draw: st.DrawFn) -> list[int]:
    """Random 64-bit values, and copies of some of them with a few bits flipped."""
    bases = draw(st.lists(st.integers(0, (1 << 64) - 1), min_size=1, max_size=12))
    values = list(bases)
    for _ in range(draw(st.integers(0, 25))):
        value = values[draw(st.integers(0, len(values) - 1))]
        for bit in draw(st.lists(st.integers(0, 63), max_size=6)):
            value ^= 1 << bit
        values.append(value)
    return draw(st.permutations(values))


@settings(max_examples=300, deadline=None)
@given(clustered_fingerprints(), st.integers(0, 8))
def test_simhash_grouping_equals_brute_force(values: list[int], max_distance: int) -> None:
    assert group_near_duplicates(values, max_distance) == brute_force_groups(values, max_distance)


def test_simhash_grouping_by_hand() -> None:
    a = 0x0123456789ABCDEF
    # distances from a: 3, 32 (all ones), 0, 4 (and 7 from the second), 64
    batch = [a, a ^ 0b111, (1 << 64) - 1, a, a ^ (0b1111 << 20), ~a & ((1 << 64) - 1)]
    assert group_near_duplicates(batch, 3) == [[0, 1, 3]]
    assert group_near_duplicates(batch, 4) == [[0, 1, 3, 4]]
    assert group_near_duplicates(batch, 1) == [[0, 3]]  # max_distance 0 or 1: equal values only here
    assert group_near_duplicates(batch, 0) == [[0, 3]]
    assert group_near_duplicates([]) == []
    # groups chain: 0b1111 is 4 bits from 0 but 2 from 0b11, which is 2 from 0; 0b111 << 40 is 3 from 0
    assert group_near_duplicates([0b1111, 0b111 << 40, 0, 0b11], 2) == [[0, 2, 3]]


def test_simhash_grouping_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="max_distance"):
        group_near_duplicates([1, 2], 64)
    with pytest.raises(ValueError, match="64-bit"):
        group_near_duplicates([1 << 64])
    with pytest.raises(ValueError, match="64-bit"):
        group_near_duplicates([-1])


def test_simhash_short_texts_move_more_per_edited_word() -> None:
    # the README's example: two words added to a 62-character text; measured 7 bits
    p = hanpipe.Pipeline(extract=["simhash"])
    text = (
        "大模型作为一种颠覆性技术，正在吸引越来越多的头部厂商和创业者投入其中。"
        "据统计，国内已有超过40家企业和机构发布了大模型产品。"
    )
    longer = text[:-1] + "和计划。"
    distance = hamming(fingerprint_of(p.process(text)), fingerprint_of(p.process(longer)))  # type: ignore[arg-type]
    assert MAX_DISTANCE < distance < 17
