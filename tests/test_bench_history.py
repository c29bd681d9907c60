"""The bench's own arithmetic: documents of a size, the cost fit, ratios, the regression check, the SVG charts."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import history, sweep
from benchmarks.chart import Series, line_chart, nice_ticks
from benchmarks.sweep import Measurement

SVG = "{http://www.w3.org/2000/svg}"
CHAIN_A, CHAIN_B = sweep.PEERS


# -- documents of a size -------------------------------------------------------


def test_documents_group_whole_lines_to_the_nearest_size() -> None:
    pages = [b"ab\ncd\n"]
    assert sweep.documents(pages, 3, 6) == [b"ab\n", b"cd\n"]
    assert sweep.documents(pages, 6, 6) == [b"ab\ncd\n"]
    # 3 + 3 bytes is nearer to 5 than 3 is; 6 + 3 is not
    assert sweep.documents(pages, 5, 12) == [b"ab\ncd\n", b"ab\ncd\n"]


def test_documents_cycle_over_the_pages_until_the_total() -> None:
    docs = sweep.documents([b"one\n", b"two\n"], 4, 20)
    assert docs == [b"one\n", b"two\n", b"one\n", b"two\n", b"one\n"]


def test_pieces_cut_long_lines_at_character_starts() -> None:
    line = "一二三四五".encode()  # 15 bytes, 3 per character
    assert sweep.pieces([line], 6) == ["一二".encode(), "三四".encode(), "五".encode()]
    # 4 bytes would split 二: the cut moves on to the next character
    assert sweep.pieces([line], 4) == ["一二".encode(), "三四".encode(), "五".encode()]
    assert sweep.pieces([b"abcdef\ngh"], 4) == [b"abcd", b"ef\n", b"gh"]


def test_pieces_stop_looking_for_a_character_start_after_three_bytes() -> None:
    data = b"a" + b"\x80" * 10  # not UTF-8: no character starts after the first byte
    assert sweep.pieces([data], 2) == [data[:5], data[5:10], data[10:]]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="ab中文\n字", min_size=1, max_size=40), min_size=1, max_size=4),
    st.integers(1, 30),
    st.integers(1, 200),
)
def test_documents_are_the_pages_in_order_cut_at_characters(texts: list[str], size: int, total: int) -> None:
    pages = [t.encode() for t in texts]
    docs = sweep.documents(pages, size, total)
    joined = b"".join(docs)
    whole = b"".join(pages)
    cycled = whole * (len(joined) // len(whole) + 2)
    assert cycled.startswith(joined)  # nothing lost, nothing reordered
    assert sum(map(len, docs)) >= total > sum(map(len, docs[:-1]))
    for doc in docs:
        doc.decode("utf-8")  # cut at character starts: raises otherwise
        assert 0 < len(doc) < 1.5 * size + 4


def test_documents_of_the_seeds_average_near_each_size() -> None:
    pages = [p.read_bytes() for p in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))]
    for size in (50, 200, 1_000, 5_000, 20_000):
        docs = sweep.documents(pages, size, 400_000)
        mean = sum(map(len, docs)) / len(docs)
        assert 0.75 * size < mean < 1.25 * size, (size, mean)


# -- the fit ---------------------------------------------------------------------


def test_fit_costs_by_hand() -> None:
    # weights 1, 1/4, 1/4: S=1.5, Sx=2.25, St=2, Sxx=4.25, Sxt=3.5
    # per_byte = (1.5*3.5 - 2.25*2) / (1.5*4.25 - 2.25**2) = 0.75 / 1.3125 = 4/7
    # fixed = (2 - 4/7 * 2.25) / 1.5 = 10/21
    fixed, per_byte = sweep.fit_costs([(1, 1), (2, 2), (3, 2)])
    assert fixed == pytest.approx(10 / 21)
    assert per_byte == pytest.approx(4 / 7)


def test_fit_costs_recover_an_exact_line() -> None:
    sizes = [50, 200, 1_000, 5_000, 20_000, 1_000_000]
    fixed, per_byte = sweep.fit_costs([(x, 20e-6 + 8e-9 * x) for x in sizes])
    assert fixed == pytest.approx(20e-6, rel=1e-9)
    assert per_byte == pytest.approx(8e-9, rel=1e-9)


@pytest.mark.parametrize("slow", range(6))
def test_fit_costs_weigh_relative_errors(slow: int) -> None:
    # 20 µs + 8 ns per byte, one size 5 % slow: the fixed cost stays within 2.5 %
    sizes = [50, 200, 1_000, 5_000, 20_000, 1_000_000]
    points = [(x, (20e-6 + 8e-9 * x) * (1.05 if i == slow else 1)) for i, x in enumerate(sizes)]
    assert sweep.fit_costs(points)[0] == pytest.approx(20e-6, rel=0.025)


def test_fit_costs_unweighted_would_move_the_fixed_cost_more() -> None:
    sizes = [50, 200, 1_000, 5_000, 20_000, 1_000_000]
    moved = []
    for slow in range(6):
        times = [(20e-6 + 8e-9 * x) * (1.05 if i == slow else 1) for i, x in enumerate(sizes)]
        moved.append(abs(np.polyfit(sizes, times, 1)[1] / 20e-6 - 1))  # numpy, unweighted
    assert max(moved) > 0.08


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.sampled_from(list(sweep.SIZES.values())), min_size=2, max_size=6, unique=True),
    st.lists(st.floats(1e-6, 1.0), min_size=6, max_size=6),
)
def test_fit_costs_equal_numpy_weighted_least_squares(sizes: list[int], times: list[float]) -> None:
    points = list(zip(sizes, times))
    xs = np.array(sizes, dtype=float)
    ts = np.array(times[: len(sizes)])
    per_byte, fixed = np.polyfit(xs, ts, 1, w=1 / ts)  # polyfit weighs residuals: 1/t is 1/t² on their squares
    ours = sweep.fit_costs(points)
    assert ours[0] == pytest.approx(fixed, rel=1e-6, abs=1e-12)
    assert ours[1] == pytest.approx(per_byte, rel=1e-6, abs=1e-15)


def test_fit_costs_need_two_sizes() -> None:
    with pytest.raises(ValueError, match="two sizes"):
        sweep.fit_costs([(100, 1.0), (100, 2.0)])
    with pytest.raises(ValueError, match="above 0"):
        sweep.fit_costs([(100, 1.0), (200, 0.0)])


# -- the sweep's table and chart ---------------------------------------------------


def _found() -> list[Measurement]:
    return [
        Measurement("1KB", "hanpipe", 4_000_000, 4_000, 0.5),
        Measurement("1KB", "hanpipe-workers2", 4_000_000, 4_000, 0.4),
        Measurement("1KB", CHAIN_A, 1_000_000, 1_000, 1.0),
        Measurement("1KB", CHAIN_B, 1_000_000, 1_000, 4.0),
        Measurement("50B", "hanpipe", 4_000_000, 80_000, 2.0),
        Measurement("50B", CHAIN_A, 1_000_000, 20_000, 2.5),
    ]


def test_markdown_table_by_hand() -> None:
    lines = sweep.markdown_table(_found())
    assert lines[0].startswith("| documents (mean size) | hanpipe MB/s | docs/s | 2 workers MB/s |")
    assert len(lines) == 4  # head, rule, 50B, 1KB: sizes in order
    # 50B: 2 MB/s, 40,000 docs/s; chain A 0.4 MB/s, 8,000 docs/s, 5×; no workers=2 nor chain B
    assert lines[2] == "| 50 B | 2 | 40,000 | — | 0.4 | 8,000 | 5.0× | — | — | — |"
    # 1KB: 8 MB/s, 8000 docs/s; 2 workers 10 MB/s (1.25×); A 1 MB/s (8×); B 0.25 MB/s, 250 docs/s (32×)
    assert lines[3] == "| 1 KB | 8 | 8,000 | 10 (1.25×) | 1 | 1,000 | 8.0× | 0.25 | 250 | 32.0× |"


def test_fit_table_by_hand() -> None:
    # 100 µs + 50 ns per byte: 125 µs at 500 B, 150 µs at 1 KB, 350 µs at 5 KB
    found = [
        Measurement(s, "hanpipe", n * b, n, n * (100e-6 + 50e-9 * b))
        for s, n, b in [("a", 10, 500), ("b", 4, 1000), ("c", 2, 5000)]
    ]
    lines = sweep.fit_table(found)
    assert lines[2] == "| hanpipe | 100.0 µs | 50.0 µs | 3 |"
    assert len(lines) == 3  # no other role has two sizes
    assert sweep.fit_table(found[:1]) == []


def test_sweep_chart_has_a_line_per_role_and_a_point_per_size() -> None:
    root = ET.fromstring(sweep.chart(_found(), caption="a test run"))
    lines = {g.get("data-name"): g.find(f"{SVG}polyline") for g in root.iter(f"{SVG}g") if g.get("class") == "series"}
    counts = {name: len(line.get("points").split()) for name, line in lines.items()}
    assert counts == {"hanpipe": 2, "hanpipe, 2 workers": 1, sweep.ROLES[CHAIN_A]: 2, sweep.ROLES[CHAIN_B]: 1}
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "bytes per document (log scale)" in texts and "MB/s (log scale)" in texts and "a test run" in texts


# -- the SVG chart -------------------------------------------------------------------


def test_nice_ticks_by_hand() -> None:
    assert nice_ticks(0, 7.25, log=False) == [0, 1, 2, 3, 4, 5, 6, 7, 8]
    assert nice_ticks(0, 1, log=False) == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert nice_ticks(0, 26, log=False) == [0, 5, 10, 15, 20, 25, 30]
    assert nice_ticks(1, 1000, log=True) == [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    assert nice_ticks(10, 1e6, log=True) == [10, 100, 1000, 1e4, 1e5, 1e6]


def _chart() -> ET.Element:
    series = [
        Series("fast", [(10, 2.0), (100, 5.0), (1000, 10.0)]),
        Series("slow <&>", [(10, 0.0), (1000, 1.0)]),
    ]
    svg = line_chart(series, title="T", x_label="size (bytes)", y_label="MB/s", log_x=True, caption="cap")
    return ET.fromstring(svg)


def test_line_chart_is_svg_with_a_polyline_per_series() -> None:
    root = _chart()
    assert root.tag == f"{SVG}svg"
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "series"]
    assert [g.get("data-name") for g in groups] == ["fast", "slow <&>"]
    assert [len(g.find(f"{SVG}polyline").get("points").split()) for g in groups] == [3, 2]
    assert [len(g.findall(f"{SVG}circle")) for g in groups] == [3, 2]
    texts = {t.get("class"): t.text for t in root.iter(f"{SVG}text") if t.get("class")}
    assert texts["title"] == "T" and texts["x-label"] == "size (bytes)" and texts["y-label"] == "MB/s"
    assert texts["caption"] == "cap"
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "legend"] == ["fast", "slow <&>"]


def test_line_chart_places_points_on_their_scales() -> None:
    groups = [g for g in _chart().iter(f"{SVG}g") if g.get("class") == "series"]
    fast = [tuple(map(float, p.split(","))) for p in groups[0].find(f"{SVG}polyline").get("points").split()]
    slow = [tuple(map(float, p.split(","))) for p in groups[1].find(f"{SVG}polyline").get("points").split()]
    (x10, y2), (x100, y5), (x1000, y10) = fast
    assert x100 - x10 == pytest.approx(x1000 - x100, abs=0.1)  # log x: decades equally spaced
    (_, y0), (_, y1) = slow
    assert y0 > y1 > y2 > y5 > y10  # SVG's y grows downwards
    assert y5 == pytest.approx((y0 + y10) / 2, abs=0.1)  # linear y from 0 to 10
    assert y1 == pytest.approx(y0 + (y10 - y0) / 10, abs=0.1)


def test_line_chart_refuses_what_it_cannot_draw() -> None:
    with pytest.raises(ValueError, match="log axis"):
        line_chart([Series("s", [(0, 1)])], title="t", x_label="x", y_label="y", log_x=True)
    with pytest.raises(ValueError, match="no points"):
        line_chart([Series("s", [])], title="t", x_label="x", y_label="y")


# -- ratios and the regression check ---------------------------------------------------


def _bench(group: str, name: str, role: str, nbytes: float, median: float | None, **extra: Any) -> dict[str, Any]:
    return {
        "group": group,
        "name": name,
        "extra_info": {"bytes": nbytes, "role": role, **extra},
        "stats": None if median is None else {"median": median},
    }


def _run(benchmarks: list[dict[str, Any]], node: str = "vm", when: str = "2026-12-06T10:00:00") -> dict[str, Any]:
    return {
        "machine_info": {
            "node": node,
            "python_implementation": "CPython",
            "python_version": "3.11.7",
            "cpu": {"brand_raw": "Xeon", "count": 2},
        },
        "commit_info": {"id": "0123456789abcdef"},
        "datetime": when,
        "benchmarks": benchmarks,
    }


def test_ratios_by_hand() -> None:
    run = _run(
        [
            _bench("g", "g[hanpipe]", "hanpipe", 4e6, 1.0),  # 4 MB/s
            _bench("g", "g[hanpipe-fast]", "hanpipe", 4e6, 0.5),  # 8 MB/s: the best of ours
            _bench("g", "g[objects]", "hanpipe-objects", 4e6, 2.0),  # ours, not a peer
            _bench("g", "g[peer]", "peer", 2e6, 4.0),  # 0.5 MB/s
            _bench("g", "g[other]", "other", 1e6, 0.5),  # 2 MB/s
            _bench("h", "h[a]", "twice", 1e6, 1.0),
            _bench("h", "h[b]", "twice", 1e6, 2.0),
            _bench("h", "h[hanpipe]", "hanpipe", 3e6, 1.0),
            _bench("no-ours", "n[peer]", "peer", 1e6, 1.0),
            _bench("hostile-x", "x[hanpipe]", "hanpipe", 1e6, 1.0, hostile="clean"),
            _bench("untimed", "u[hanpipe]", "hanpipe", 1e6, None),
            _bench("untimed", "u[peer]", "peer", 1e6, 1.0),
        ]
    )
    assert history.ratios(run) == pytest.approx({"g / peer": 16.0, "g / other": 4.0, "h / h[a]": 3.0, "h / h[b]": 6.0})


def test_compare_and_dropped_by_hand() -> None:
    changes = history.compare({"a": 10, "b": 2, "c": 5, "gone": 1}, {"a": 8.4, "b": 1.72, "c": 6, "new": 1})
    assert [c.key for c in changes] == ["a", "b", "c"]
    a, b, c = changes
    assert a.change == pytest.approx(-0.16) and a.dropped(0.15)
    assert b.change == pytest.approx(-0.14) and not b.dropped(0.15)
    assert c.change == pytest.approx(0.2) and not c.dropped(0.15)
    assert b.dropped(0.10)


def _keep(storage: Path, name: str, run: dict[str, Any]) -> None:
    folder = storage / "Linux-CPython-3.11-64bit"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(run))


def _pair(group: str, ratio: float) -> list[dict[str, Any]]:
    return [
        _bench(group, f"{group}[hanpipe]", "hanpipe", ratio * 1e6, 1.0),
        _bench(group, f"{group}[p]", "p", 1e6, 1.0),
    ]


@pytest.fixture
def storage(tmp_path: Path) -> Path:
    """Kept runs: on this machine a at 10 then 12, b at 4; on another machine a at 100."""
    store = tmp_path / ".benchmarks"
    _keep(store, "0001_aaa_20260101_000000.json", _run(_pair("a", 10) + _pair("b", 4), when="2026-01-01T00:00:00"))
    _keep(store, "0002_bbb_20260201_000000.json", _run(_pair("a", 12), when="2026-02-01T00:00:00"))
    _keep(store, "0003_ccc_20260301_000000.json", _run(_pair("a", 100), node="other", when="2026-03-01T00:00:00"))
    (store / "Linux-CPython-3.11-64bit" / "0004_broken.json").write_text("{not json")
    return store


def test_baselines_are_the_last_kept_value_on_the_same_machine(storage: Path) -> None:
    runs = history.kept_runs(storage)
    assert len(runs) == 3
    found = history.baselines(runs, _run([]))
    assert {k: v for k, (v, _) in found.items()} == pytest.approx({"a / p": 12.0, "b / p": 4.0})
    assert found["a / p"][1].path.name.startswith("0002")
    assert found["b / p"][1].path.name.startswith("0001")


@pytest.mark.parametrize(
    ("a", "b", "code"),
    [
        (10.5, 4.0, 0),  # a -12.5 % from the last kept 12, b unchanged
        (12.0, 3.3, 1),  # b -17.5 %
        (10.0, 4.0, 1),  # a -16.7 %
        (50.0, 9.0, 0),  # better
    ],
)
def test_check_fails_when_a_ratio_drops_more_than_the_tolerance(
    storage: Path, tmp_path: Path, a: float, b: float, code: int
) -> None:
    current = tmp_path / "now.json"
    current.write_text(json.dumps(_run(_pair("a", a) + _pair("b", b) + _pair("c", 1))))
    out: list[str] = []
    assert history.main(["check", str(current), "--storage", str(storage)], write=out.append) == code
    text = "\n".join(out)
    assert "c / p" in text and "(no kept value)" in text
    if code:
        assert "FAILED" in text and "DROP" in text
    else:
        assert "ok: 2 ratios" in text


def test_check_with_a_looser_tolerance(storage: Path, tmp_path: Path) -> None:
    current = tmp_path / "now.json"
    current.write_text(json.dumps(_run(_pair("a", 10.0) + _pair("b", 4.0))))
    args = ["check", str(current), "--storage", str(storage), "--tolerance", "0.2"]
    assert history.main(args, write=lambda _: None) == 0


def test_check_with_nothing_kept_on_this_machine(storage: Path, tmp_path: Path) -> None:
    current = tmp_path / "now.json"
    current.write_text(json.dumps(_run(_pair("a", 1.0), node="new-machine")))
    out: list[str] = []
    assert history.main(["check", str(current), "--storage", str(storage)], write=out.append) == 2
    assert "nothing to compare" in out[-1]


# -- the README's history ------------------------------------------------------------------


def test_history_holds_the_issue_then_the_readme_table() -> None:
    releases = history.load_history()
    assert [r.label for r in releases][:2] == ["issue #16", "README 2026-12-06"]
    issue, readme = releases[:2]
    assert issue.ratios["pipeline / charset-normalizer+opencc+jieba"] == 7.8
    assert issue.ratios["sizes-1KB / charset-normalizer+opencc+jieba"] == 1.9
    assert readme.ratios["segment / jieba"] == 27
    assert readme.ratios["extract-scan / cn2an"] == 452
    assert all(v > 0 for r in releases for v in r.ratios.values())


def test_history_chart_is_committed_as_drawn() -> None:
    releases = history.load_history()
    assert history.HISTORY_CHART.read_text(encoding="utf-8") == history.history_chart(releases), (
        "docs/bench-history.svg is out of date: run python -m benchmarks.history chart"
    )


def test_history_chart_has_a_line_per_ratio_with_a_point_per_release_that_has_it() -> None:
    releases = history.load_history()
    root = ET.fromstring(history.history_chart(releases))
    groups = {g.get("data-name"): g for g in root.iter(f"{SVG}g") if g.get("class") == "series"}
    keys = {k for r in releases for k in r.ratios}
    assert set(groups) == keys
    for key, g in groups.items():
        assert len(g.find(f"{SVG}polyline").get("points").split()) == sum(key in r.ratios for r in releases)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "issue #16" in labels and "README 2026-12-06" in labels


@pytest.mark.parametrize(
    ("n", "text"),
    [(50, "50 B"), (973, "973 B"), (999.6, "1 KB"), (20_480, "20.5 KB"), (999_900, "1 MB"), (4_194_304, "4.19 MB")],
)
def test_sizes_are_written_with_three_figures(n: float, text: str) -> None:
    assert sweep._bytes(n) == text
