"""Fixtures shared by the whole suite: the seeds, as bytes and as text."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SEED_PATHS = sorted(SEEDS_DIR.glob("*.txt"))
TRADITIONAL_SEEDS = ("001_8a7838785014c413.txt", "004_5f3c4ba81d80bda7.txt")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_bytes() -> dict[str, bytes]:
    """File name -> raw bytes of each seed."""
    return {p.name: p.read_bytes() for p in SEED_PATHS}


@pytest.fixture(scope="session")
def seed_texts(seed_bytes: dict[str, bytes]) -> dict[str, str]:
    """File name -> the seed decoded as UTF-8 (damaged bytes replaced)."""
    return {name: data.decode("utf-8", errors="replace") for name, data in seed_bytes.items()}


@pytest.fixture(scope="session")
def seed_lines(seed_texts: dict[str, str]) -> list[str]:
    """Every non-empty line of every seed."""
    return [line for text in seed_texts.values() for line in text.splitlines() if line.strip()]
