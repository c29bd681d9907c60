"""The document-size sweep: documents cut from pages, the cost fit, the table and the chart.

``benchmarks/test_sizes.py`` times hanpipe and two peer chains on documents of
each size in :data:`SIZES`; this module holds what does not need timing, so
``tests/test_bench_history.py`` can check it by hand:

* :func:`documents` cuts pages into documents of about a size (line groups);
* :func:`fit_costs` fits seconds per document as a fixed cost plus a cost
  per byte;
* :func:`markdown_table`, :func:`fit_table` and :func:`chart` report a sweep
  (a list of :class:`Measurement`).

Sizes are decimal: 1 KB is 1000 bytes and MB/s is 10⁶ bytes per second, as in
the rest of the bench.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from benchmarks.chart import Series, line_chart

__all__ = [
    "ROLES",
    "SIZES",
    "Measurement",
    "chart",
    "documents",
    "fit_costs",
    "fit_table",
    "markdown_table",
    "pieces",
]

#: size label -> bytes per document
SIZES = {"50B": 50, "200B": 200, "1KB": 1_000, "5KB": 5_000, "20KB": 20_000, "1MB": 1_000_000}

#: role in the bench -> how tables and charts name it; the first is hanpipe with one worker
ROLES = {
    "hanpipe": "hanpipe",
    "hanpipe-workers2": "hanpipe, 2 workers",
    "charset-normalizer+opencc+jieba": "charset-normalizer → OpenCC → jieba",
    "charset-normalizer+ftfy+opencc+jieba+cn2an+re": "the same jobs: + ftfy, cn2an, re",
}
HANPIPE, WORKERS2, *PEERS = ROLES


def pieces(pages: Sequence[bytes], size: int) -> list[bytes]:
    """The pages' lines in order, each with its line end; a line longer than ``size`` is cut.

    Cuts fall at the start of a UTF-8 character: at ``size`` bytes, or up to
    three bytes later when that byte continues a character. Joined, the
    pieces give back the pages exactly.
    """
    out = []
    for page in pages:
        for line in page.splitlines(keepends=True):
            while len(line) > size:
                cut = size
                while cut < min(len(line), size + 3) and 0x80 <= line[cut] < 0xC0:
                    cut += 1
                out.append(line[:cut])
                line = line[cut:]
            if line:
                out.append(line)
    return out


def documents(pages: Sequence[bytes], size: int, total: int) -> list[bytes]:
    """Documents of about ``size`` bytes, consecutive pieces of the pages, at least ``total`` bytes in all.

    The pages are read over and over (:func:`pieces`); a piece joins the
    current document when that brings the document closer to ``size``
    (that is, when twice the document's length plus the piece's is below
    twice ``size``), otherwise the document is closed and the piece starts the
    next one. Documents are closed until their sizes add up to ``total``.
    """
    if size < 1 or total < 1:
        raise ValueError(f"size and total must be at least 1, got {size} and {total}")
    units = pieces(pages, size)
    if not units:
        raise ValueError("the pages are empty")
    out: list[bytes] = []
    current: list[bytes] = []
    length = done = 0
    stream: Iterator[bytes] = itertools.cycle(units)
    for piece in stream:
        if current and 2 * length + len(piece) >= 2 * size:
            out.append(b"".join(current))
            done += length
            if done >= total:
                break
            current, length = [], 0
        current.append(piece)
        length += len(piece)
    return out


def fit_costs(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """``(fixed, per_byte)``: seconds per document ≈ ``fixed + per_byte * bytes``, from ``(bytes, seconds)`` points.

    Least squares on the relative error: each point is weighted by
    ``1 / seconds²``. Times are off by a few per cent whatever their size, so
    an unweighted fit lets the big documents' absolute errors, many times a
    small document's whole time, move the fixed cost: on the sweep's sizes
    with one size 5 % slow, the fixed cost moves by up to 10 % unweighted and
    by at most 2 % weighted. Needs two points of different sizes.
    """
    if len(points) < 2 or len({x for x, _ in points}) < 2:
        raise ValueError("the fit needs points at two sizes at least")
    if any(t <= 0 for _, t in points):
        raise ValueError("times must be above 0")
    w = [1 / (t * t) for _, t in points]
    total = sum(w)
    mean_x = sum(wi * x for wi, (x, _) in zip(w, points)) / total
    mean_t = sum(wi * t for wi, (_, t) in zip(w, points)) / total
    # about the weighted means, so sizes far from 0 lose no precision
    sxx = sum(wi * (x - mean_x) ** 2 for wi, (x, _) in zip(w, points))
    sxt = sum(wi * (x - mean_x) * (t - mean_t) for wi, (x, t) in zip(w, points))
    per_byte = sxt / sxx
    return mean_t - per_byte * mean_x, per_byte


@dataclass(frozen=True)
class Measurement:
    """One timed run: ``docs`` documents of ``nbytes`` bytes in all, processed by ``role`` in ``seconds``."""

    size: str
    role: str
    nbytes: int
    docs: int
    seconds: float

    @property
    def mbps(self) -> float:
        return self.nbytes / self.seconds / 1e6

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds

    @property
    def mean_bytes(self) -> float:
        return self.nbytes / self.docs


def _by_key(found: Sequence[Measurement]) -> dict[tuple[str, str], Measurement]:
    return {(m.size, m.role): m for m in found}


def _sizes(found: Sequence[Measurement]) -> list[str]:
    return [s for s in SIZES if any(m.size == s for m in found)]


def markdown_table(found: Sequence[Measurement]) -> list[str]:
    """The sweep as a Markdown table: one row per size, MB/s and documents/s of each, ratios to each peer chain.

    A ratio is hanpipe's MB/s with one worker over the chain's; ``2 workers``
    gives the MB/s with two and, in brackets, its speed-up over one.
    """
    at = _by_key(found)
    peers = [p for p in PEERS if any(m.role == p for m in found)]
    head = ["documents (mean size)", "hanpipe MB/s", "docs/s", "2 workers MB/s"]
    for p in peers:
        head += [f"{ROLES[p]} MB/s", "docs/s", "ratio"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for size in _sizes(found):
        ours = at.get((size, HANPIPE))
        two = at.get((size, WORKERS2))
        mean = ours.mean_bytes if ours else next(m.mean_bytes for m in found if m.size == size)
        cells = [
            _bytes(mean),
            _num(ours.mbps) if ours else "—",
            _num(ours.docs_per_second) if ours else "—",
        ]
        if two:
            cells.append(_num(two.mbps) + (f" ({two.mbps / ours.mbps:.2f}×)" if ours else ""))
        else:
            cells.append("—")
        for p in peers:
            peer = at.get((size, p))
            if peer is None:
                cells += ["—", "—", "—"]
                continue
            ratio = f"{ours.mbps / peer.mbps:.1f}×" if ours else "—"
            cells += [_num(peer.mbps), _num(peer.docs_per_second), ratio]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def fit_table(found: Sequence[Measurement]) -> list[str]:
    """Each role's fixed cost per document and cost per KB (:func:`fit_costs` over the sizes), as Markdown.

    Roles timed at fewer than two sizes are left out; nothing at all if no role has two.
    """
    lines = [
        "| | fixed cost per document | cost per KB | sizes fitted |",
        "|---|---:|---:|---:|",
    ]
    for role, name in ROLES.items():
        points = [(m.mean_bytes, m.seconds / m.docs) for m in found if m.role == role]
        if len({x for x, _ in points}) < 2:
            continue
        fixed, per_byte = fit_costs(points)
        lines.append(f"| {name} | {fixed * 1e6:.1f} µs | {per_byte * 1e9:.1f} µs | {len(points)} |")
    return lines if len(lines) > 2 else []


def chart(found: Sequence[Measurement], caption: str) -> str:
    """MB/s against the mean document size, one line per role; both axes log, so a ratio is a fixed gap."""
    series = []
    for role, name in ROLES.items():
        points = sorted((m.mean_bytes, m.mbps) for m in found if m.role == role)
        if points:
            series.append(Series(name, points))
    ticks = [(float(b), _bytes(b)) for b in (10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000)]
    low = min(m.mean_bytes for m in found)
    high = max(m.mean_bytes for m in found)
    ticks = [t for t in ticks if low / 2 <= t[0] <= high * 2]
    return line_chart(
        series,
        title="Throughput against document size",
        x_label="bytes per document (log scale)",
        y_label="MB/s (log scale)",
        log_x=True,
        log_y=True,
        x_ticks=ticks,
        caption=caption,
    )


def _bytes(n: float) -> str:
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if n >= 0.9995 * scale:  # what rounds to 1.00 is 1
            return f"{n / scale:.3g} {unit}"
    return f"{n:.0f} B"


def _num(x: float) -> str:
    """3 significant figures, thousands separated: 0.421, 12.3, 8,410."""
    if x >= 1000:
        return f"{x:,.0f}"
    return f"{x:.3g}"
