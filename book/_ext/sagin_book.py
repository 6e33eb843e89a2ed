"""Small Sphinx fixes for the study's book.

* sphinx-thebe (loaded by Jupyter Book even with Thebe buttons off) registers
  its inline configuration script twice, so every page threw "Identifier
  'THEBE_JS_URL' has already been declared" in the browser. Duplicated
  scripts are dropped from each page's context.
* Mathematics is rendered by a local copy of MathJax 3 (from the pinned
  ``django-static-mathjax`` wheel, which ships MathJax's files) instead of a
  CDN, so the book reads correctly offline and its pages make no request to
  another host.
"""

from __future__ import annotations

import shutil
from importlib import util
from pathlib import Path
from typing import Any

#: What of MathJax's ``es5`` folder the book needs: the TeX-to-HTML component,
#: its fonts and output modules, and what it may load on demand (extensions,
#: the contextual menu and its accessibility tools).
_MATHJAX_PARTS = ("tex-chtml.js", "input", "output", "ui", "a11y", "sre", "adaptors")
_MATHJAX_URL = "mathjax/tex-chtml.js"


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


def _mathjax_es5() -> Path | None:
    spec = util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5"
    return folder if (folder / "tex-chtml.js").exists() else None


def _use_local_mathjax(app: Any, config: Any) -> None:
    if _mathjax_es5() is not None:
        # Relative paths are resolved against the built book's _static folder.
        config.mathjax_path = _MATHJAX_URL


def _copy_mathjax(app: Any, exception: Exception | None) -> None:
    source = _mathjax_es5()
    if exception is not None or source is None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    target.mkdir(parents=True, exist_ok=True)
    for part in _MATHJAX_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, target / part)


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _use_local_mathjax)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("build-finished", _copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
