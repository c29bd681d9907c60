"""Line charts as SVG, in plain Python: the benchmark charts in ``docs/``.

A :class:`Plot` is a set of :class:`Series` on two axes (linear or log 10),
with ticks, axis labels, a title, a caption and a legend on the right; each
series is a polyline with a dot per point. :func:`line_chart` draws one plot
as an SVG document, :func:`stacked` draws several, one under the other. The
output is plain SVG 1.1 text, the same for the same input, so a chart can be
checked against its data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

__all__ = ["Plot", "Series", "line_chart", "nice_ticks", "stacked"]

#: line colours, then the same colours dashed for series past the tenth
COLOURS = (
    "#1f5fa8",
    "#d1495b",
    "#2e8b57",
    "#e08a00",
    "#6a4c93",
    "#00838f",
    "#8d6e63",
    "#c2185b",
    "#558b2f",
    "#546e7a",
)
DASHES = ("", "6 3", "2 3")

WIDTH = 820
TOP = 46  # above the plot: the title
BELOW = 70  # under the plot: tick labels, axis label, caption
LEFT = 64
LEGEND_WIDTH = 300
LINE = 15  # pixels per legend entry
PAD = 14  # pixels between the frame and the first and last x


@dataclass(frozen=True)
class Series:
    """A named line: its points ``(x, y)`` in order of x."""

    name: str
    points: Sequence[tuple[float, float]]


@dataclass(frozen=True)
class Plot:
    """What one plot shows.

    ``x_ticks`` gives ``(value, label)`` of each x tick (default:
    :func:`nice_ticks`); a log axis needs every value above 0; a linear y
    axis starts at 0 unless some y is negative.
    """

    series: Sequence[Series]
    title: str
    x_label: str
    y_label: str
    log_x: bool = False
    log_y: bool = False
    x_ticks: Sequence[tuple[float, str]] | None = None
    caption: str = ""
    height: int = 300  # of the plotting area, in pixels


def nice_ticks(low: float, high: float, log: bool) -> list[float]:
    """Tick values over ``[low, high]``: 1, 2, 5 times a power of ten.

    On a linear axis the step is the smallest that cuts the range into at most
    10 steps (so 4 to 10), from the tick at or below ``low``; on a log axis the
    ticks are 1, 2 and 5 times every power of ten within the range (only the
    powers of ten when the range spans more than three decades).
    """
    if log:
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        steps = (1,) if last - first > 3 else (1, 2, 5)
        ticks = [m * 10.0**e for e in range(first, last + 1) for m in steps]
        return [t for t in ticks if low * (1 - 1e-9) <= t <= high * (1 + 1e-9)]
    if high <= low:
        high = low + 1
    span = high - low
    step = 10.0 ** math.floor(math.log10(span))
    for m in (0.1, 0.2, 0.5, 1, 2, 5):
        if span / (m * step) <= 10:
            step *= m
            break
    start = math.floor(low / step + 1e-9) * step
    count = math.ceil((high - start) / step - 1e-9)
    return [round(start + i * step, 12) for i in range(count + 1)]


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    x_label: str,
    y_label: str,
    log_x: bool = False,
    log_y: bool = False,
    x_ticks: Sequence[tuple[float, str]] | None = None,
    caption: str = "",
) -> str:
    """One :class:`Plot` of ``series`` as an SVG document."""
    return stacked([Plot(series, title, x_label, y_label, log_x, log_y, x_ticks, caption)])


def stacked(plots: Sequence[Plot]) -> str:
    """The plots one under the other, as one SVG document."""
    if not plots:
        raise ValueError("nothing to draw")
    body: list[str] = []
    top = 0
    for plot in plots:
        elements, height = _draw(plot)
        body.append(f'<g transform="translate(0 {top})">')
        body.extend(elements)
        body.append("</g>")
        top += height
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{top}" '
        f'viewBox="0 0 {WIDTH} {top}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{top}" fill="white"/>',
    ]
    return "\n".join([*head, *body, "</svg>"]) + "\n"


def _label(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.0e}"


def _draw(plot: Plot) -> tuple[list[str], int]:
    """The SVG elements of one plot, from (0, 0), and their height."""
    xs = [x for s in plot.series for x, _ in s.points]
    ys = [y for s in plot.series for _, y in s.points]
    if not xs:
        raise ValueError(f"the plot {plot.title!r} has no points")
    if (plot.log_x and min(xs) <= 0) or (plot.log_y and min(ys) <= 0):
        raise ValueError(f"a log axis needs values above 0 (plot {plot.title!r})")
    if plot.x_ticks is not None:
        xt = list(plot.x_ticks)
    else:
        xt = [(t, _label(t)) for t in nice_ticks(min(xs), max(xs), plot.log_x)]
    x_low, x_high = min([*xs, *(t for t, _ in xt)]), max([*xs, *(t for t, _ in xt)])
    if plot.log_y:
        y_low, y_high = 10.0 ** math.floor(math.log10(min(ys))), 10.0 ** math.ceil(math.log10(max(ys)))
        if y_low == y_high:
            y_high *= 10
    else:
        y_low, y_high = min(0.0, min(ys)), max(ys)
    yt = nice_ticks(y_low, y_high, plot.log_y)
    y_low, y_high = min(y_low, yt[0]), max(y_high, yt[-1])

    plot_w = WIDTH - LEFT - LEGEND_WIDTH - 20
    plot_h = plot.height
    height = TOP + max(plot_h, LINE * len(plot.series)) + BELOW

    def scale(v: float, lo: float, hi: float, log: bool) -> float:
        if log:
            v, lo, hi = math.log10(v), math.log10(lo), math.log10(hi)
        return 0.5 if hi == lo else (v - lo) / (hi - lo)

    def px(x: float) -> float:  # a margin inside the frame, so no point sits on it
        return round(LEFT + PAD + scale(x, x_low, x_high, plot.log_x) * (plot_w - 2 * PAD), 1)

    def py(y: float) -> float:
        return round(TOP + (1 - scale(y, y_low, y_high, plot.log_y)) * plot_h, 1)

    bottom = TOP + plot_h
    mid = TOP + plot_h / 2
    out = [f'<text class="title" x="{LEFT}" y="26" font-size="15" font-weight="bold">{escape(plot.title)}</text>']
    for value in yt:
        y = py(value)
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + plot_w}" y2="{y}" stroke="#e4e4e4"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{escape(_label(value))}</text>')
    for value, text in xt:
        x = px(value)
        out.append(f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{bottom}" stroke="#e4e4e4"/>')
        out.append(f'<text x="{x}" y="{bottom + 16}" text-anchor="middle">{escape(text)}</text>')
    out += [
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#444"/>',
        f'<text class="x-label" x="{LEFT + plot_w / 2}" y="{bottom + 36}" text-anchor="middle">'
        f"{escape(plot.x_label)}</text>",
        f'<text class="y-label" x="16" y="{mid}" text-anchor="middle" transform="rotate(-90 16 {mid})">'
        f"{escape(plot.y_label)}</text>",
    ]
    if plot.caption:
        out.append(f'<text class="caption" x="{LEFT}" y="{bottom + 58}" fill="#555">{escape(plot.caption)}</text>')
    for i, s in enumerate(plot.series):
        colour, dash = COLOURS[i % len(COLOURS)], DASHES[i // len(COLOURS) % len(DASHES)]
        style = f'stroke="{colour}" stroke-width="2" fill="none"' + (f' stroke-dasharray="{dash}"' if dash else "")
        points = " ".join(f"{px(x)},{py(y)}" for x, y in s.points)
        out.append(f'<g class="series" data-name={quoteattr(s.name)}>')
        out.append(f'<polyline points="{points}" {style}/>')
        out.extend(f'<circle cx="{px(x)}" cy="{py(y)}" r="3" fill="{colour}"/>' for x, y in s.points)
        out.append("</g>")
        ly, lx = TOP + 6 + i * LINE, LEFT + plot_w + 16
        out.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 22}" y2="{ly}" {style}/>')
        out.append(f'<text class="legend" x="{lx + 28}" y="{ly + 4}" font-size="11">{escape(s.name)}</text>')
    return out, height
