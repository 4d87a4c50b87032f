# Type stubs of the Rust extension module (python/src/lib.rs). Each function returns the
# CLI's JSON; article_annotator/__init__.py parses it.
from typing import List, Optional, Union

def annotate_json(
    text: str,
    id: Optional[str] = None,
    entities: bool = True,
    quotes: bool = True,
    boilerplate: bool = True,
    inside_boilerplate: bool = False,
) -> str: ...
def annotate_html_json(
    html: Union[str, bytes],
    id: Optional[str] = None,
    entities: bool = True,
    quotes: bool = True,
    boilerplate: bool = True,
    inside_boilerplate: bool = False,
) -> str: ...
def annotate_lines(
    lines: List[str],
    jobs: Optional[int] = None,
    entities: bool = True,
    quotes: bool = True,
    boilerplate: bool = True,
    inside_boilerplate: bool = False,
) -> List[str]: ...
def cores() -> int: ...
