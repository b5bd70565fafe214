"""The executable-docs engine: run snippets, compare outputs, draw figures."""
