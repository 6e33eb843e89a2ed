"""Small Sphinx fixes for the study's book.

sphinx-thebe (loaded by Jupyter Book even with Thebe buttons off) registers its
inline configuration script twice, so every page throws "Identifier
'THEBE_JS_URL' has already been declared" in the browser. This extension
drops duplicated scripts from each page's context.
"""

from __future__ import annotations

from typing import Any


def _script_key(script: Any) -> tuple:
    # The two copies differ only in an empty filename being None or "".
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {}) or {}
    return (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))


def _dedupe_scripts(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
