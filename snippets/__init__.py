"""Runnable examples of the site, one file per topic: ``snippets/<chapter>/<topic>.py``.

Each example runs as a plain script; its printed output is the golden file
``<topic>.out`` beside it. The engine that runs, checks and draws them lives in
``snippets._engine``.
"""
