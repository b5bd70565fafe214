"""Configuration, read from one place: ``mkdocs.yml``.

* languages: the ``i18n`` plugin's ``languages`` (the default one first);
* include roots: ``pymdownx.snippets``' ``base_path``;
* UI strings the engine writes (output titles, notebook, verification and 404
  page text): ``extra.ui.<lang>``, also visible to templates as
  ``config.extra.ui``.

Environment variables (all optional; README lists the same):

================== =============================================================
``SITE_URL``       absolute site address (canonical URLs, social cards, 404 links)
``SITE_EDIT_URI``  "edit this page" base URL (unset: no button)
``SITE_CACHE``     build caches folder (default ``.cache/``)
``SITE_CHAPTERS``  tests build only these chapters (``activation_basics,losses``)
``SNIPPETS_FRESH`` ``1``: run every snippet in a new interpreter (no fork server)
``NOTEBOOKS_KERNEL`` ``1``: execute every notebook in a real Jupyter kernel
``PYTEST_WORKERS`` test workers (default ``auto``)
``FULL``, ``PORT`` ``scripts/site.sh``: strict full rebuilds while serving; port
``OFFLINE``        ``true``: the copy for ``file://`` (set by ``scripts/offline.py``)
``SITE_DOWNLOADS`` folder with the zip and PDFs to publish under ``downloads/``
``OFFLINE_TEST_CHAPTERS`` chapters ``tests/test_offline.py`` builds (``all``: every one)
``OFFLINE_VERBOSE`` ``1``: ``scripts/offline.py`` reports each page and part it prints
================== =============================================================
"""
from __future__ import annotations

import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def mkdocs_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml as a dict, read with MkDocs' own loader (``!ENV`` tags resolved
    from the current environment, as ``mkdocs build`` would)."""
    from mkdocs.utils.yaml import yaml_load

    with open(path, encoding="utf-8") as fh:
        return yaml_load(fh)


@functools.lru_cache(maxsize=None)
def _mkdocs() -> dict:
    return mkdocs_config(ROOT / "mkdocs.yml")


def _plugin(name: str) -> dict:
    for entry in _mkdocs().get("plugins", []):
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    raise KeyError(f"mkdocs.yml: plugin {name!r} is not configured")


def markdown_extension(name: str) -> dict:
    """The options of a Markdown extension in mkdocs.yml (``{}`` when it has none)."""
    for entry in _mkdocs().get("markdown_extensions", []):
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
        if entry == name:
            return {}
    raise KeyError(f"mkdocs.yml: markdown extension {name!r} is not configured")


@functools.lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """Language codes, the default language first (``("zh", "en")``)."""
    langs = _plugin("i18n")["languages"]
    default = [l["locale"] for l in langs if l.get("default")]
    return tuple(default + [l["locale"] for l in langs if not l.get("default")])


def default_language() -> str:
    return languages()[0]


def ui(lang: str, section: str | None = None) -> dict:
    """UI strings of ``lang`` (``extra.ui.<lang>`` in mkdocs.yml), or one section of them."""
    strings = _mkdocs()["extra"]["ui"][lang]
    return strings[section] if section else strings


def mkdocs_yml() -> Path:
    return ROOT / "mkdocs.yml"
