"""Social cards: one 1200x630 PNG per page and language, drawn offline.

Material's own ``social`` plugin downloads its fonts from Google Fonts at build
time and needs the Cairo system library; neither works for a build that must
make no request to other hosts. So the cards are drawn here with Pillow (already
installed as a matplotlib dependency) in Noto Sans CJK SC from the PyPI package
``noto-cjk-sans-otc`` -- the same font as the figures. A character the font
cannot draw fails the build with the page's name instead of printing a box.

The card shows the site's mark (the favicon's ReLU on indigo), the site name,
the page's section, its title and the site's tagline in the page's language.
Cards are cached in ``.cache/cards`` (``$SITE_CACHE/cards``) by a hash of
their text, this file and the library versions, so a warm build draws none.
"""
from __future__ import annotations

import hashlib
import io
import json
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from .catalog import cache_dir as catalog_cache_dir
from .catalog import fingerprint, write_atomic
from .figures import FigureError, cjk_font_path

W, H = 1200, 630
INDIGO = (63, 81, 181)  # #3f51b5, Material's indigo and the favicon's colour
INDIGO_DARK = (40, 53, 147)
WHITE = (255, 255, 255)
PALE = (197, 202, 233)  # indigo 100
SC_INDEX = 2  # face index of Noto Sans CJK SC inside the .ttc
URL_DIR = "assets/cards"


class CardError(FigureError):
    pass


@dataclass(frozen=True)
class Card:
    title: str
    section: str
    site: str
    tagline: str
    lang: str

    def key(self) -> str:
        data = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True) + _fingerprint()
        return hashlib.sha256(data.encode()).hexdigest()[:16]


def _fingerprint() -> str:
    return fingerprint((Path(__file__),), ("pillow", "noto-cjk-sans-otc"))


def cache_dir() -> Path:
    return catalog_cache_dir("cards")


_CMAP: set[int] | None = None


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` (other than whitespace) that the card font has no glyph for."""
    global _CMAP
    if _CMAP is None:
        from fontTools.ttLib import TTCollection

        with TTCollection(str(cjk_font_path()), lazy=True) as coll:
            _CMAP = set(coll.fonts[SC_INDEX].getBestCmap())
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in _CMAP})


_FONTS: dict[int, object] = {}


def _font(size: int):
    from PIL import ImageFont

    if size not in _FONTS:
        _FONTS[size] = ImageFont.truetype(str(cjk_font_path()), size, index=SC_INDEX)
    return _FONTS[size]


def _tokens(text: str) -> list[str]:
    """Break points: after a space, and around every wide (CJK) character."""
    out: list[str] = []
    word = ""
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in ("W", "F")
        if wide:
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
            if ch == " ":
                out.append(word)
                word = ""
    if word:
        out.append(word)
    return out


def wrap(text: str, size: int, width: int) -> list[str]:
    font = _font(size)
    lines, line = [], ""
    for tok in _tokens(text):
        if line and font.getlength((line + tok).rstrip()) > width:
            lines.append(line.rstrip())
            line = tok.lstrip()
        else:
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    # no line may start with closing punctuation (Chinese line-breaking rule)
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in "，。、；：？！）》」』”’,.;:?!)":
            lines[i - 1] += lines[i][0]
            lines[i] = lines[i][1:]
    return [ln for ln in lines if ln]


def _mark(size: int, inverse: bool = False):
    """The favicon (docs/assets/favicon.svg) drawn at ``size`` pixels: a white ReLU on
    indigo, or with ``inverse`` an indigo ReLU on white (for the indigo card)."""
    from PIL import Image, ImageDraw

    scale = 4  # draw large and downsample for smooth edges
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    tile, ink = (WHITE, INDIGO) if inverse else (INDIGO, WHITE)
    d.rounded_rectangle((0, 0, s - 1, s - 1), radius=12 * s // 64, fill=tile)
    pts = [(8 * s / 64, 44 * s / 64), (30 * s / 64, 44 * s / 64), (56 * s / 64, 14 * s / 64)]
    w = 6 * s // 64
    d.line(pts, fill=ink, width=w, joint="curve")
    for x, y in (pts[0], pts[-1]):  # round caps
        d.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=ink)
    return img.resize((size, size), Image.LANCZOS)


def render(card: Card) -> bytes:
    from PIL import Image, ImageDraw

    bad = missing_glyphs(card.title + card.section + card.site + card.tagline)
    if bad:
        raise CardError(f"the card font (Noto Sans CJK SC) has no glyph for {bad!r}")
    img = Image.new("RGB", (W, H), INDIGO)
    d = ImageDraw.Draw(img)
    d.rectangle((0, H - 110, W, H), fill=INDIGO_DARK)
    mark = _mark(80, inverse=True)
    img.paste(mark, (80, 60), mark)
    d.text((184, 100), card.site, font=_font(36), fill=WHITE, anchor="lm")

    y = 190  # top of the text block; the footer strip starts at H - 110
    if card.section and card.section != card.title:
        d.text((80, y + 34), card.section, font=_font(34), fill=PALE, anchor="ls")
        y += 60
    room = H - 110 - 30 - y
    for size in (76, 68, 60, 52, 46, 40):
        lines = wrap(card.title, size, W - 160)
        if len(lines) * int(size * 1.25) <= room:
            break
    else:
        raise CardError(f"title too long for a card: {card.title!r}")
    for line in lines:
        y += int(size * 1.25)
        d.text((80, y - int(size * 0.25)), line, font=_font(size), fill=WHITE, anchor="ls")
    d.text((80, H - 55), wrap(card.tagline, 28, W - 160)[0], font=_font(28), fill=PALE, anchor="lm")
    buf = io.BytesIO()
    # a 64-colour palette keeps the anti-aliased text smooth at a third of the size
    img.quantize(64, method=Image.Quantize.FASTOCTREE).save(buf, format="PNG")
    return buf.getvalue()


def ensure(card: Card) -> Path:
    """The cached PNG of ``card``, drawn first if needed."""
    path = cache_dir() / f"{card.key()}.png"
    if not path.exists():
        write_atomic(path, render(card))
    return path


def touch_icon() -> bytes:
    """180x180 PNG of the mark for ``apple-touch-icon`` (browsers that ignore SVG icons)."""
    buf = io.BytesIO()
    _mark(180).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def meta_tags(*, title: str, description: str, image_url: str, page_url: str | None, lang: str, site: str) -> str:
    """Open Graph and Twitter tags for a page (values HTML-escaped)."""
    from html import escape

    locale = {"zh": "zh_CN", "en": "en_US"}.get(lang, lang)
    tags = [
        ("property", "og:type", "website"),
        ("property", "og:site_name", site),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:locale", locale),
        ("property", "og:image", image_url),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(W)),
        ("property", "og:image:height", str(H)),
        ("property", "og:image:alt", title),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image_url),
    ]
    if page_url:
        tags.insert(3, ("property", "og:url", page_url))
    return "".join(f'<meta {k}="{n}" content="{escape(v, quote=True)}">\n' for k, n, v in tags)
