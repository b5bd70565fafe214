"""``width`` and ``height`` for the figures' ``<img>`` tags, from the SVG files.

Without them a browser knows a figure's size only once the (lazy-loaded) SVG
arrives, and the text below it jumps down (layout shift). The figures' Markdown is
expanded before they are drawn (:func:`snippets._engine.figures.expand`), so the
sizes are added to the finished page, once the files are in the site. The CSS
(``max-width: 100%; height: auto``) keeps them fluid; the attributes give the
aspect ratio and the size the SVG would take anyway (its ``width``/``height``,
in CSS pixels: 1pt = 4/3 px).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_IMG = re.compile(r'<img src="([^"#]+\.svg)(#[^"]*)?"(?![^>]*\swidth=)([^>]*)>')
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)(pt|px)?"[^>]*?\sheight="([\d.]+)(pt|px)?"')
_PX = {"pt": 4 / 3, "px": 1.0, None: 1.0}


@functools.lru_cache(maxsize=4096)
def svg_size(path: Path) -> tuple[int, int] | None:
    """CSS pixel size of an SVG file from its root element, or None."""
    with open(path, "rb") as f:
        head = f.read(2048).decode("utf-8", "replace")
    m = _SVG_SIZE.search(head)
    if not m:
        return None
    return round(float(m.group(1)) * _PX[m.group(2)]), round(float(m.group(3)) * _PX[m.group(4)])


def add_sizes(html: str, page_dir: Path, site: Path) -> str:
    """``html`` (a page written to ``page_dir``) with width/height on each figure
    ``<img>`` (an SVG under ``site``/:data:`figures.URL_DIR`) that has none."""
    from snippets._engine.figures import URL_DIR

    folder = (site / URL_DIR).resolve()

    def add(m: re.Match) -> str:
        url = m.group(1)
        if urlsplit(url).scheme or url.startswith("/"):
            return m.group(0)
        path = (page_dir / unquote(url)).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            return m.group(0)
        size = svg_size(path)
        if size is None:
            return m.group(0)
        return f'<img src="{url}{m.group(2) or ""}" width="{size[0]}" height="{size[1]}"{m.group(3)}>'

    return _IMG.sub(add, html)
