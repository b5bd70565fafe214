"""The API reference: every documented module's docstring examples run, and each
public class documents its formula, arguments, shapes and an example."""
from __future__ import annotations

import doctest
import importlib
import inspect
import re

import pytest

from snippets._engine.catalog import DOCS

MODULES = sorted(set(re.findall(r"^::: ([\w.]+)", (DOCS / "reference/index.en.md").read_text(encoding="utf-8"), re.M)))


def test_only_public_modules_are_documented():
    """The site's engine (snippets/_engine) is build machinery, private by its name and
    documented for contributors in README; the reference is for readers' code."""
    private = [m for m in MODULES if any(part.startswith("_") for part in m.split("."))]
    assert not private, f"docs/reference documents private modules: {private}"


def test_both_languages_document_the_same_modules():
    zh = sorted(set(re.findall(r"^::: ([\w.]+)", (DOCS / "reference/index.zh.md").read_text(encoding="utf-8"), re.M)))
    assert zh == MODULES and MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples failed in {name}"


@pytest.mark.parametrize("name", [m for m in MODULES if m.startswith("snippets.losses_custom")])
def test_loss_classes_document_formula_args_shape_example(name):
    module = importlib.import_module(name)
    classes = [c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == name]
    assert classes
    for cls in classes:
        doc = inspect.getdoc(cls) or ""
        missing = [part for part in ("math::", "Args:", "Shape:", ">>>") if part not in doc]
        assert not missing, f"{name}.{cls.__name__} docstring lacks {missing}"
