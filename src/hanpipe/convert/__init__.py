"""Convert stage: Traditional to Simplified."""

from __future__ import annotations
