"""Griffe extension: PyTorch-style (reST) math in docstrings -> the site's TeX delimiters.

The custom losses document their formulas as PyTorch's docstrings do, with
``:math:`x``` roles and ``.. math::`` blocks. mkdocstrings renders docstrings as
Markdown, where those stay literal; this rewrites them to ``\\(x\\)`` and
``\\[ ... \\]``, which pymdownx.arithmatex and the build (snippets/_engine/tex.py) render like
the rest of the site.
Readers calling ``help(FocalLoss)`` still see the original docstring.
"""
from __future__ import annotations

import re

from griffe import Extension

ROLE = re.compile(r":math:`([^`]+)`")
BLOCK = re.compile(r"^(?P<indent>[ \t]*)\.\. math::[ \t]*\n(?P<body>(?:(?P=indent)[ \t]+\S.*\n?|[ \t]*\n)+)", re.M)


def rst_math_to_tex(text: str) -> str:
    def block(m: re.Match) -> str:
        body = "\n".join(line.strip() for line in m.group("body").strip("\n").splitlines())
        return f"{m.group('indent')}\\[\n{body}\n\\]\n\n"

    text = BLOCK.sub(block, text if text.endswith("\n") else text + "\n")
    return ROLE.sub(lambda m: f"\\({m.group(1)}\\)", text)


class RstMath(Extension):
    def on_object(self, *, obj, **kwargs) -> None:
        if obj.docstring is not None:
            obj.docstring.value = rst_math_to_tex(obj.docstring.value)
