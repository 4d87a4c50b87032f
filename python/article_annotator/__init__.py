"""Entities, quotes and boilerplate in news articles: the Rust annotator from Python.

Every function returns the CLI's schema (``annotate FILE``, ``annotate --jsonl``), offsets in
Unicode code points, so ``text[start:end]`` is the span in Python::

    >>> import article_annotator as aa
    >>> rec = aa.annotate("\u201cWe will win,\u201d said Anna Weber, the mayor.")
    >>> rec["quotes"][0]["speaker"]
    'Anna Weber'

The work runs in Rust with the GIL released. ``annotate_many`` runs on every core.
"""

from __future__ import annotations

import json
from itertools import islice
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from . import _native

__all__ = ["annotate", "annotate_html", "annotate_many", "annotate_jsonl", "cores"]

Record = Dict[str, Any]


def annotate(
    text: str,
    *,
    id: Optional[str] = None,
    entities: bool = True,
    quotes: bool = True,
    boilerplate: bool = True,
    inside_boilerplate: bool = False,
) -> Record:
    """Annotate plain text: the record ``annotate FILE`` prints (``text`` included)."""
    return json.loads(
        _native.annotate_json(
            text,
            id=id,
            entities=entities,
            quotes=quotes,
            boilerplate=boilerplate,
            inside_boilerplate=inside_boilerplate,
        )
    )


def annotate_html(
    html: Union[str, bytes],
    *,
    id: Optional[str] = None,
    entities: bool = True,
    quotes: bool = True,
    boilerplate: bool = True,
    inside_boilerplate: bool = False,
) -> Record:
    """Annotate HTML (a page or a fragment): the record ``annotate --from-html`` prints.

    ``text`` in the record is the text a browser shows for the HTML; offsets index it.
    ``bytes`` are decoded as a browser does a saved page (BOM, ``<meta charset>``, else
    UTF-8, else windows-1252); bad bytes become U+FFFD.
    """
    return json.loads(
        _native.annotate_html_json(
            html,
            id=id,
            entities=entities,
            quotes=quotes,
            boilerplate=boilerplate,
            inside_boilerplate=inside_boilerplate,
        )
    )


def _line(item: Union[str, Mapping[str, Any]]) -> str:
    if isinstance(item, str):
        return json.dumps({"text": item}, ensure_ascii=False)
    if isinstance(item, Mapping):
        return json.dumps(dict(item), ensure_ascii=False)
    raise TypeError(f"annotate_many takes str or mapping items, not {type(item).__name__}")


def _run(lines: Iterator[str], jobs: Optional[int], chunk: Optional[int], opts: Dict[str, bool]) -> Iterator[Record]:
    n = _native.cores() if jobs is None else int(jobs)
    if n < 1:
        raise ValueError("jobs must be at least 1")
    size = chunk if chunk is not None else 32 * n
    if size < 1:
        raise ValueError("chunk must be at least 1")
    return _chunks(lines, n, size, opts)


def _chunks(lines: Iterator[str], jobs: int, size: int, opts: Dict[str, bool]) -> Iterator[Record]:
    while True:
        batch: List[str] = list(islice(lines, size))
        if not batch:
            return
        for s in _native.annotate_lines(batch, jobs=jobs, **opts):
            yield json.loads(s)


def annotate_many(
    items: Iterable[Union[str, Mapping[str, Any]]],
    *,
    jobs: Optional[int] = None,
    chunk: Optional[int] = None,
    entities: bool = True,
    quotes: bool = True,
    boilerplate: bool = True,
    inside_boilerplate: bool = False,
) -> Iterator[Record]:
    """Annotate many documents on ``jobs`` threads (default: every core), yielding records
    in input order, exactly as ``annotate --jsonl`` writes them.

    An item is a text (``str``) or a mapping with ``"text"`` or ``"html"`` and an optional
    ``"id"`` (a JSON Lines record). Items are taken ``chunk`` at a time (default 32 per
    job), so memory stays bounded on an endless iterable; each chunk is annotated in Rust
    with the GIL released. A bad item raises ValueError naming its index in its chunk.
    """
    opts = dict(entities=entities, quotes=quotes, boilerplate=boilerplate, inside_boilerplate=inside_boilerplate)
    return _run(map(_line, items), jobs, chunk, opts)


def annotate_jsonl(
    lines: Iterable[Union[str, bytes]],
    *,
    jobs: Optional[int] = None,
    chunk: Optional[int] = None,
    entities: bool = True,
    quotes: bool = True,
    boilerplate: bool = True,
    inside_boilerplate: bool = False,
) -> Iterator[Record]:
    """``annotate --jsonl`` on lines of JSON (``{"id","text"}`` or ``{"id","html"}``), as read
    from an archive's files: blank lines skipped, bytes decoded as UTF-8 with bad bytes as
    U+FFFD, records yielded in input order. Otherwise as :func:`annotate_many`.
    """
    opts = dict(entities=entities, quotes=quotes, boilerplate=boilerplate, inside_boilerplate=inside_boilerplate)

    def text_lines() -> Iterator[str]:
        for line in lines:
            s = line.decode("utf-8", "replace") if isinstance(line, (bytes, bytearray)) else line
            if s.strip():
                yield s

    return _run(text_lines(), jobs, chunk, opts)


def cores() -> int:
    """The number of jobs ``annotate_many`` runs by default: every core available."""
    return _native.cores()
