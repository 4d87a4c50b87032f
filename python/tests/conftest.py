"""Shared helpers: the CLI as the reference (the package must give its records), made-up
articles (never a test or dev document's names), the repository's paths."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]


def cli_bin() -> Path:
    """The `annotate` binary: $ANNOTATE_BIN, else target/debug (scripts/python.sh test
    builds it; cargo test has already built it in scripts/test.sh)."""
    p = Path(os.environ.get("ANNOTATE_BIN", ROOT / "target" / "debug" / "annotate"))
    if not p.exists():
        pytest.skip(f"{p} is not built (cargo build --bin annotate)")
    return p


def cli(args: List[str], stdin: bytes) -> List[Dict[str, Any]]:
    out = subprocess.run([str(cli_bin()), *args], input=stdin, capture_output=True, check=True)
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines() if line]


def articles() -> List[str]:
    """Made-up news articles with entities, quotes, a byline and boilerplate lines."""
    names = [("Anna", "Weber"), ("Tomasz", "Kowalczyk"), ("Maria", "Oyelaran"), ("Peter", "Müller")]
    towns = ["Springfield", "Lakeport", "Zürich", "Bristol"]
    out = []
    for i in range(24):
        first, last = names[i % 4]
        town = towns[(i // 2) % 4]
        out.append(
            f"Council votes on the new bridge in {town}\n\n"
            f"By Jo Brandt\n\nMonday, 3 March 2025\n\n"
            f"The council of {town} voted on Monday to build a second bridge over the river, "
            f"after {i + 3} years of debate.\n\n"
            f"\u201cWe have waited long enough,\u201d said {first} {last}, the mayor of {town}. "
            f"{last} said the work would start in the spring.\n\n"
            f"\u201cIt is too expensive,\u201d the opposition leader Karl Dörfler told the "
            f"Lakeport Herald. \u201cNobody asked the people.\u201d 👍\n\n"
            "Advertisement\n\nShare this article\n\nSign up for our newsletter\n"
        )
    return out
