"""Small Sphinx fixes for the study's book.

* sphinx-thebe (loaded by Jupyter Book even with Thebe buttons off) registers
  its inline configuration script twice, so every page threw "Identifier
  'THEBE_JS_URL' has already been declared" in the browser. Duplicated
  scripts are dropped from each page's context.
* Mathematics is rendered by a local copy of MathJax 3 (from the pinned
  ``django-static-mathjax`` wheel, which ships MathJax's files) instead of a
  CDN, so the book reads correctly offline and its pages make no request to
  another host.
* The study's stylesheet and script (figures, tables, claims, folded boxes
  that open on an anchor) are served from ``static/``.
* Each chapter's output folder (``book/outputs/<chapter>/``: figures, data,
  metadata, claims) is copied beside the pages, so a figure's links point to
  stable addresses (``book/outputs/coverage/coverage-altitude.csv``); the
  build fails if a page links to an output file that does not exist.
* Plotly's library is served once from ``_static/`` and loaded only by the
  pages that hold a Plotly figure.
* When ``tools/build_book.py`` executes the notebooks beside the build, it names
  in ``SAGIN_NOTEBOOKS_PENDING`` the file that will say when they are done: every
  other page is read first, then the notebooks in the order they are expected to
  finish (``SAGIN_NOTEBOOKS_ORDER``, file names separated by commas), each as
  soon as the executor reports it in the folder ``<that file>.d/`` (or the whole
  execution has ended); the build fails if a notebook failed.
* ``repository.url`` of ``_config.yml`` becomes the substitutions
  ``{{ clone_step }}`` (where to get the study, or a sentence saying the address
  is not set) and ``{{ clone_command }}``; ``{{ study_version }}`` is the
  library's version.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from importlib import util
from pathlib import Path
from typing import Any

from sphinx.errors import ExtensionError

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


_STATIC = Path(__file__).resolve().parent / "static"
_PLOTLY_JS = "plotly.min.js"
_OUTPUT_REF = re.compile(r'(?:src|href)="((?:\.\./)*(?:[\w.-]+/)*outputs/[^"#?]+)"')


def _plotly_js() -> Path | None:
    spec = util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "package_data" / _PLOTLY_JS
    return path if path.exists() else None


def _configure(app: Any, config: Any) -> None:
    config.html_static_path = [*config.html_static_path, str(_STATIC)]
    options = config.html_theme_options or {}
    url = str(options.get("repository_url") or "").strip()
    substitutions = dict(config.myst_substitutions or {})
    if url:
        substitutions["clone_step"] = (
            f"Clone the study's repository, <{url}>, and set up the environment at the commit "
            "printed under the figure:"
        )
        substitutions["clone_command"] = f"git clone {url} sagin-study && cd sagin-study"
    else:
        substitutions["clone_step"] = (
            "This build does not record the repository's public address (`repository.url` "
            "is not set in `_config.yml`). Clone the repository you obtained the book from, "
            "then set up the environment at the commit printed under the figure:"
        )
        substitutions["clone_command"] = "cd sagin-study    # your clone of the repository"
    try:
        from sagin_lib import __version__
    except ImportError:  # the book is built from a checkout that has the library
        __version__ = "unknown"
    substitutions["study_version"] = __version__
    config.myst_substitutions = substitutions


def _page_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body") or ""
    if "plotly-graph-div" in body:
        app.add_js_file(_PLOTLY_JS)


def _copy_outputs(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    src = Path(app.srcdir)
    out = Path(app.outdir)
    folders = {(src / doc).parent / "outputs" for doc in app.env.found_docs}
    for folder in sorted(f for f in folders if f.is_dir()):
        shutil.copytree(folder, out / folder.relative_to(src), dirs_exist_ok=True)
    plotly = _plotly_js()
    if plotly is not None:
        (out / "_static").mkdir(parents=True, exist_ok=True)
        shutil.copy2(plotly, out / "_static" / _PLOTLY_JS)
    missing = []
    for page in out.rglob("*.html"):
        if "_static" in page.relative_to(out).parts:
            continue
        for ref in _OUTPUT_REF.findall(page.read_text(encoding="utf-8")):
            if not (page.parent / ref).exists():
                missing.append(f"{page.relative_to(out)} -> {ref}")
    if missing:
        raise ExtensionError(
            "pages link to output files that the build does not have (run the "
            "notebooks, or remove _build/.jupyter_cache):\n  " + "\n  ".join(sorted(missing)[:20])
        )


#: The environment variable naming the file that says when the notebooks are executed.
_PENDING = "SAGIN_NOTEBOOKS_PENDING"
#: Longest wait for the notebooks, s (each of their cells has its own time limit).
_PENDING_TIMEOUT_S = 3600.0


def _is_notebook(env: Any, docname: str) -> bool:
    return str(env.doc2path(docname)).endswith(".ipynb")


def _notebooks_last(app: Any, env: Any, docnames: list[str]) -> None:
    if not os.environ.get(_PENDING):
        return
    order = [n for n in os.environ.get("SAGIN_NOTEBOOKS_ORDER", "").split(",") if n]

    def key(docname: str) -> tuple[bool, int]:
        name = Path(env.doc2path(docname)).name
        notebook = _is_notebook(env, docname)
        return notebook, order.index(name) if name in order else len(order)

    docnames.sort(key=key)


def _wait_for_notebooks(app: Any, docname: str, source: list[str]) -> None:
    marker = os.environ.get(_PENDING)
    if not marker or not _is_notebook(app.env, docname):
        return
    done = Path(marker)
    own = done.with_name(done.name + ".d") / Path(app.env.doc2path(docname)).name
    waited = 0.0
    while not own.exists() and not done.exists():
        if waited > _PENDING_TIMEOUT_S:
            raise ExtensionError(f"the notebooks were not executed within {_PENDING_TIMEOUT_S} s")
        time.sleep(0.05)
        waited += 0.05
    report = own if own.exists() else done
    if report.read_text(encoding="utf-8").strip() != "ok":
        raise ExtensionError("a notebook failed to execute (its error is printed above)")


def setup(app: Any) -> dict[str, Any]:
    app.connect("env-before-read-docs", _notebooks_last)
    app.connect("source-read", _wait_for_notebooks)
    app.connect("config-inited", _use_local_mathjax)
    app.connect("config-inited", _configure)
    app.add_css_file("sagin.css")
    app.add_js_file("sagin.js")
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _page_assets)
    app.connect("build-finished", _copy_mathjax)
    app.connect("build-finished", _copy_outputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
