"""User dictionaries: the same words and calls give the same output as jieba given them."""

from __future__ import annotations

import math
from pathlib import Path

import jieba
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import ConfigError, DictionaryError, Pipeline
from hanpipe.builtin.segment.jieba import JiebaSegmenter, parse_userdict_line
from tests.builtin.segment.segment_support import ForceSplitGuard, new_tokenizer

USERDICT = """\
云计算 5
李小福 2 nr
创新办 3 i
easy_install 3 eng
好用 300
韩玉赏鉴 3 nz
八一双鹿 3 nz
台中
凱特琳 nz
Edu Trust认证 2000
大语言模型 100 n
\ufeff百模大战 20
石墨烯

  深度求索  8\x20\x20
GPT-4 50 eng
"""

TEXTS = [
    "李小福是创新办主任也是云计算方面的专家; 什么是八一双鹿",
    "例如我输入一个带“韩玉赏鉴”的标题，在自定义词库中也增加了此词为N类",
    "「台中」正確應該不會被切開。mac上可分出「石墨烯」；此時又可以分出來凱特琳了。",
    "easy_install is great, Edu Trust认证 and GPT-4 大语言模型 百模大战 深度求索",
    "今天天气不错，云计算和大语言模型的百模大战开始了",
]


@pytest.fixture(scope="module")
def userdict_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("userdict") / "user.txt"
    path.write_text(USERDICT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(userdict_path: Path) -> jieba.Tokenizer:
    tok = new_tokenizer()
    tok.load_userdict(str(userdict_path))
    return tok


@pytest.mark.parametrize("hmm", [True, False])
def test_userdict_equals_jieba(userdict_path: Path, reference: jieba.Tokenizer, hmm: bool) -> None:
    engine = JiebaSegmenter(userdict=userdict_path)
    for text in TEXTS:
        assert engine.cut(text, hmm=hmm) == reference.lcut(text, HMM=hmm), text
        assert engine.cut(text, hmm=hmm, mode="search") == reference.lcut_for_search(text, HMM=hmm), text
    assert engine.total == reference.total
    for word in ("云计算", "台中", "凱特琳", "石墨烯", "深度求索", "Edu Trust认证", "GPT-4", "百模大战", "不存在的词"):
        assert engine.get_freq(word) == reference.FREQ.get(word), word


def test_userdict_equals_jieba_on_seeds(
    userdict_path: Path, reference: jieba.Tokenizer, seed_lines: list[str]
) -> None:
    engine = JiebaSegmenter(userdict=userdict_path)
    assert [line for line in seed_lines if engine.cut(line) != reference.lcut(line)] == []
    full = [line for line in seed_lines if engine.cut(line, mode="full") != reference.lcut(line, cut_all=True)]
    assert full == []


def test_userdict_full_mode_equals_jieba(userdict_path: Path, reference: jieba.Tokenizer) -> None:
    engine = JiebaSegmenter(userdict=userdict_path, mode="full")
    for text in TEXTS:
        assert engine.cut(text) == reference.lcut(text, cut_all=True), text
        assert engine.segment(text).strings(text) == reference.lcut(text, cut_all=True), text


def test_userdict_full_mode_more_tokens_than_characters() -> None:
    """Nested user words: several tokens a character, more than the first output arrays hold."""
    tok = _shared_tokenizer_copy()
    engine = JiebaSegmenter(mode="full")
    for size in range(2, 12):
        tok.add_word("口" * size, 3)
        engine.add_word("口" * size, 3)
    text = "口" * 300 + "，口口口 中国"
    expected = tok.lcut(text, cut_all=True)
    assert len(expected) > 3 * len(text)
    assert engine.cut(text) == expected
    assert engine.segment(text).strings(text) == expected


# user words of ASCII letters and digits alone: jieba's full mode may join letters that do not touch
ASCII_USERDICT = "AI 50\nAIGC 30\nab 5\nbc 5\nGPT4 8\nPT 3\n"
ASCII_TEXTS = ["useAIGCtool", "xabcd", "xabcdab", "ChatGPT4o和AIGC的AI", "abcabc a bc", "AIGCAIGC 2024"]


def test_userdict_full_mode_joins_letters_as_jieba_does(tmp_path: Path) -> None:
    from tests.reference import segment_jieba as ref

    path = tmp_path / "ascii.txt"
    path.write_text(ASCII_USERDICT, encoding="utf-8")
    tok = _shared_tokenizer_copy()
    tok.load_userdict(str(path))
    engine = JiebaSegmenter(userdict=path, mode="full")
    for text in ASCII_TEXTS:
        expected = tok.lcut(text, cut_all=True)
        assert engine.cut(text) == expected, text
        # as spans, a token of pieces that do not touch comes out as its pieces
        tokens = engine.segment(text)
        pieces = [span for token in ref.full_spans(text, tok.FREQ) for span in token]
        assert list(zip(tokens.starts.tolist(), tokens.ends.tolist())) == pieces, text
    assert engine.cut("useAIGCtool") == ["AI", "AIGC", "usetool"]
    assert engine.segment("useAIGCtool").strings("useAIGCtool") == ["AI", "AIGC", "use", "tool"]


def test_userdict_is_per_pipeline(userdict_path: Path) -> None:
    plain = Pipeline(segment="jieba", convert=None, extract=None, entry_points=False)
    custom = Pipeline(segment={"engine": "jieba", "userdict": str(userdict_path)}, convert=None, extract=None,
                      entry_points=False)
    text = "李小福是创新办主任也是云计算方面的专家"
    assert "云计算" in custom(text).words
    assert "云计算" not in plain(text).words
    custom.engine("segment").add_word("方面的专家", 1000)
    assert "方面的专家" in custom(text).words
    assert "方面的专家" not in plain(text).words
    assert "方面的专家" not in JiebaSegmenter().cut(text)


def test_userdict_calls_equal_jieba() -> None:
    """add_word, del_word and suggest_freq, in the order of jieba's own examples."""
    with ForceSplitGuard():
        tok = new_tokenizer()
        engine = JiebaSegmenter()
        steps = [
            ("cut", "如果放到post中将出错。"),
            ("suggest", ("中", "将")),
            ("cut", "如果放到post中将出错。"),
            ("cut", "「台中」正确应该不会被切开"),
            ("suggest", "台中"),
            ("cut", "「台中」正确应该不会被切开"),
            ("add", "石墨烯"),
            ("add", "凱特琳", None, "nz"),
            ("add", "自定义词", 7),
            ("cut", "石墨烯和凱特琳是自定义词"),
            ("del", "自定义词"),
            ("cut", "石墨烯和凱特琳是自定义词"),
            ("del", "北京"),
            ("cut", "我爱北京天安门"),
            ("add", "北京", 20),
            ("cut", "我爱北京天安门"),
            ("add", "𠀀𠀁字", 30),  # characters beyond the BMP, new to the dictionary
            ("add", "😀笑", 5),
            ("cut", "𠀀𠀁字😀笑"),
            ("suggest", ("今天", "天气"), False),
            ("suggest", "今天天气", False),
        ]
        for step in steps:
            op, arg, *rest = step
            if op == "cut":
                for hmm in (True, False):
                    assert engine.cut(arg, hmm=hmm) == tok.lcut(arg, HMM=hmm), (step, hmm)
                assert engine.cut(arg, mode="search") == tok.lcut_for_search(arg), step
                assert engine.cut(arg, mode="full") == tok.lcut(arg, cut_all=True), step
                assert_spans_equal_tokenize(engine, tok, arg)
            elif op == "suggest":
                tune = rest[0] if rest else True
                assert engine.suggest_freq(arg, tune) == tok.suggest_freq(arg, tune), step
            elif op == "add":
                engine.add_word(arg, *rest)
                tok.add_word(arg, *rest)
            else:
                engine.del_word(arg)
                tok.del_word(arg)
            assert engine.total == tok.total, step


WORD = st.text(st.sampled_from("中国北京大学生模型人工智能的了和是在长江桥南市A1"), min_size=1, max_size=5)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(st.tuples(WORD, st.one_of(st.none(), st.integers(0, 50_000))), max_size=12),
    texts=st.lists(st.text(st.sampled_from("中国北京大学生模型人工智能的了和是在长江桥南市A1，。 "), max_size=25),
                   max_size=4),
)
def test_userdict_generated_words_equal_jieba(tmp_path: Path, words: list, texts: list[str]) -> None:
    """Random user words (frequency given, suggested, or 0 = deleted) loaded from a file."""
    lines = [w if f is None else f"{w} {f}" for w, f in words]
    path = tmp_path / "gen.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with ForceSplitGuard():
        tok = _shared_tokenizer_copy()
        tok.load_userdict(str(path))
        engine = JiebaSegmenter(userdict=path)
        for text in texts:
            assert engine.cut(text) == tok.lcut(text)
            assert engine.cut(text, hmm=False) == tok.lcut(text, HMM=False)
            assert engine.cut(text, mode="full") == tok.lcut(text, cut_all=True)
            assert_spans_equal_tokenize(engine, tok, text)
        assert engine.total == tok.total


def assert_spans_equal_tokenize(engine: JiebaSegmenter, tok: jieba.Tokenizer, text: str) -> None:
    """``engine.segment(text)``'s spans equal ``tok.tokenize``'s, HMM on and off and in search mode
    (the engine is left as it came: HMM on, default mode)."""
    try:
        for hmm, mode in ((True, "default"), (False, "default"), (True, "search"), (False, "search")):
            engine.hmm, engine.mode = hmm, mode
            tokens = engine.segment(text)
            spans = list(zip(tokens.starts.tolist(), tokens.ends.tolist()))
            assert spans == [(s, e) for _, s, e in tok.tokenize(text, mode=mode, HMM=hmm)], (text, hmm, mode)
    finally:
        engine.hmm, engine.mode = True, "default"


_BASE: jieba.Tokenizer | None = None


def _shared_tokenizer_copy() -> jieba.Tokenizer:
    """A fresh jieba tokenizer without re-reading the dictionary for every example."""
    global _BASE
    if _BASE is None:
        _BASE = new_tokenizer()
    tok = jieba.Tokenizer()
    tok.FREQ = dict(_BASE.FREQ)
    tok.total = _BASE.total
    tok.initialized = True
    return tok


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("云计算 5", ("云计算", "5", None)),
        ("李小福 2 nr", ("李小福", "2", "nr")),
        ("台中", ("台中", None, None)),
        ("凱特琳 nz", ("凱特琳", None, "nz")),
        ("Edu Trust认证 2000", ("Edu Trust认证", "2000", None)),
        ("ab  3", ("ab ", "3", None)),
        ("word 3 ABC", ("word 3 ABC", None, None)),
        ("a b c", ("a b", None, "c")),
        ("1 2", ("1", "2", None)),
        (" 5", (" 5", None, None)),
        ("x 12 ab cd", ("x 12 ab", None, "cd")),
    ],
)
def test_userdict_line_parsing_matches_jieba_regex(line: str, expected: tuple) -> None:
    assert parse_userdict_line(line) == expected
    assert jieba.re_userdict.match(line).groups() == tuple(  # type: ignore[union-attr]
        None if g is None else (" " + g if i else g) for i, g in enumerate(expected)
    )


def test_userdict_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("好词 3\n".encode() + "坏词 4\n".encode("gbk"))
    with pytest.raises(DictionaryError) as info:
        JiebaSegmenter(userdict=path)
    assert info.value.line == 2 and info.value.path == str(path)
    assert "line 2" in str(info.value)


def test_userdict_huge_frequency_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("好词 3\n\n大词 99999999999999999999999\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        JiebaSegmenter(userdict=path)
    assert info.value.line == 3


def test_userdict_missing_file() -> None:
    with pytest.raises(DictionaryError):
        JiebaSegmenter(userdict="/nonexistent/user.txt")


def test_add_word_rejects_bad_frequency() -> None:
    engine = JiebaSegmenter()
    with pytest.raises(ConfigError):
        engine.add_word("词", -1)
    with pytest.raises(ConfigError):
        engine.add_word("词", "many")


def test_main_dictionary_option_equals_jieba(tmp_path: Path) -> None:
    """A small main dictionary with equal frequencies: routes decided by ties, as jieba decides them."""
    words = {"ab": 1, "a": 1, "b": 1, "bc": 1, "abc": 1, "c": 1, "中国": 2, "中": 1, "国人": 2, "人": 1}
    path = tmp_path / "tiny.txt"
    path.write_text("".join(f"{w} {f}\n" for w, f in words.items()), encoding="utf-8")
    tok = new_tokenizer(path)
    engine = JiebaSegmenter(dictionary=path)
    for text in ["abcabc", "ab bc", "中国人", "中国人中国", "abc中国人bc", "cab", "中人国"]:
        for hmm in (True, False):
            assert engine.cut(text, hmm=hmm) == tok.lcut(text, HMM=hmm), text
        assert engine.cut(text, mode="search") == tok.lcut_for_search(text), text


def test_main_dictionary_malformed_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text("中国 3 ns\n坏行\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        JiebaSegmenter(dictionary=path)
    assert info.value.line == 2


def test_userdict_survives_pickling(userdict_path: Path) -> None:
    import pickle

    engine = JiebaSegmenter(userdict=userdict_path)
    engine.add_word("方面的专家", 1000)
    clone = pickle.loads(pickle.dumps(engine))
    text = "李小福是创新办主任也是云计算方面的专家"
    assert clone.cut(text) == engine.cut(text)
    assert "方面的专家" in clone.cut(text)
    clone.add_word("主任也是", 5000)
    assert "主任也是" in clone.cut(text) and "主任也是" not in engine.cut(text)


def test_dictionary_cache_is_built_once_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hanpipe.builtin.segment import _dict

    path = tmp_path / "small.txt"
    path.write_text("中国 5\n中国人 3\n人民 4\n", encoding="utf-8")
    monkeypatch.setenv("HANPIPE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(_dict, "_LOADED", {})
    first = JiebaSegmenter(dictionary=path)
    cached = list((tmp_path / "cache" / "segment").glob("jieba-*.npz"))
    assert len(cached) == 1
    monkeypatch.setattr(_dict, "_LOADED", {})
    monkeypatch.setattr(_dict, "build", lambda *a, **k: pytest.fail("rebuilt despite the cache"))
    second = JiebaSegmenter(dictionary=path)
    assert second.cut("中国人民") == first.cut("中国人民")
    second.add_word("民中", 9)  # editable arrays are read from the cache file on the first change
    assert second.get_freq("民中") == 9 and second.get_freq("中国") == 5


def test_dictionary_without_a_writable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hanpipe.builtin.segment import _dict

    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    path = tmp_path / "small.txt"
    path.write_text("中国 5\n人民 4\n", encoding="utf-8")
    monkeypatch.setenv("HANPIPE_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(_dict, "_LOADED", {})
    assert JiebaSegmenter(dictionary=path).cut("中国人民") == ["中国", "人民"]


@pytest.mark.slow
def test_many_new_first_characters() -> None:
    """More new characters than the root keeps room for: the root moves, nothing is lost."""
    engine = JiebaSegmenter()
    words = [chr(0x20000 + i) + chr(0x21000 + i) for i in range(2500)]
    for i, word in enumerate(words):
        engine.add_word(word, 10 + i % 7)
    text = "".join(words[::97]) + "中国人民"
    tok = _shared_tokenizer_copy()
    for i, word in enumerate(words):
        tok.add_word(word, 10 + i % 7)
    assert engine.cut(text) == tok.lcut(text)
    assert all(engine.get_freq(w) == 10 + i % 7 for i, w in enumerate(words))
    assert engine._dict.bc.shape[0] < 2_000_000


def test_words_changed_after_a_cut_are_seen_by_the_next() -> None:
    """The arrays a cut reads are kept between calls; a change to the words makes them anew, and
    an engine that did not change keeps the shared dictionary as it was."""
    text = "李小福是创新办主任也是云计算方面的专家"
    engine = JiebaSegmenter()
    other = JiebaSegmenter()
    before = engine.cut(text)
    assert before == jieba.lcut(text)
    args = engine._dict.joined_args()
    assert engine._dict.joined_args() is args  # kept while nothing changes
    engine.add_word("方面的专家", 1000)
    assert "方面的专家" in engine.cut(text)
    model = engine._dict.joined_args()[4]
    assert model[5, 0] == math.log(engine.total)  # logtotal follows the total
    assert other.cut(text) == before  # the other engine's dictionary is untouched
    engine.del_word("方面的专家")
    assert "方面的专家" not in engine.cut(text)


def test_userdict_full_mode_more_spans_than_the_one_call_buffer_holds() -> None:
    """A short text whose full-mode spans overflow the thread's buffer takes the long path, and gets jieba's
    tokens all the same."""
    import numpy as np

    from hanpipe.builtin.segment import _kernels as K
    from hanpipe.builtin.segment import jieba as engine_module
    from tests.reference import segment_jieba as ref

    tok = _shared_tokenizer_copy()
    engine = JiebaSegmenter(mode="full")
    for size in range(2, 13):
        tok.add_word("口" * size, 3)
        engine.add_word("口" * size, 3)
    text = "口" * 1000 + "，口口口 中国"
    assert len(text) <= engine_module.JOINED
    # the one call refuses this text with a buffer of its size (about 11 spans a character)
    work = engine_module._joined_work(len(text))[0]
    data = text.encode("utf-32-le")
    assert K.cut_joined(data, *engine._dict.joined_args(), K.JOINED_FULL + K.JOINED_SPANS, work) == K.ERR_CAPACITY
    tokens = engine.segment(text)
    assert tokens.strings(text) == tok.lcut(text, cut_all=True)
    expected = [span for token in ref.full_spans(text, tok.FREQ) for span in token]
    assert list(zip(tokens.starts.tolist(), tokens.ends.tolist())) == expected
    assert tokens.starts.dtype == np.int32
