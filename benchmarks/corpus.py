"""The benchmark corpus: the seeds, scaled to a few MB."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_PATHS = sorted((ROOT / "seeds").glob("*.txt"))
TRADITIONAL = ("001_8a7838785014c413.txt", "004_5f3c4ba81d80bda7.txt")
TARGET_BYTES = 4 * 1024 * 1024


def scale(texts: list[str], target: int = TARGET_BYTES) -> str:
    """Repeat ``texts`` (joined by newlines) until the UTF-8 size reaches ``target``."""
    unit = "\n".join(texts) + "\n"
    reps = max(1, -(-target // len(unit.encode("utf-8"))))
    return unit * reps


def seed_texts() -> dict[str, str]:
    """File name -> seed decoded as UTF-8 (damaged bytes replaced)."""
    return {p.name: p.read_bytes().decode("utf-8", errors="replace") for p in SEED_PATHS}


def pages(target: int = TARGET_BYTES) -> list[bytes]:
    """The five seeds as raw pages, repeated until their size reaches ``target``."""
    seeds = [p.read_bytes() for p in SEED_PATHS]
    return seeds * max(1, target // sum(len(s) for s in seeds))


def encodable(text: str, encoding: str) -> str:
    """``text`` without the characters ``encoding`` cannot encode."""
    return "".join(ch for ch in text if ch.encode(encoding, errors="ignore"))


def prefix(text: str, encoding: str, limit: int | None) -> tuple[str, bytes]:
    """The longest prefix of ``text`` whose encoding fits in ``limit`` bytes, cut at a character boundary."""
    if limit is None:
        return text, text.encode(encoding)
    out = []
    size = 0
    for ch in text:
        n = len(ch.encode(encoding))
        if size + n > limit:
            break
        out.append(ch)
        size += n
    sub = "".join(out)
    return sub, sub.encode(encoding)
