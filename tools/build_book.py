"""Build the book: execute the notebooks and run Jupyter Book at the same time.

Run by ``make book``. The notebooks that the cache (``_build/.jupyter_cache``) does
not hold are executed several at a time (``tools/execute_notebooks.py``) while
``jupyter-book build`` starts on the pages that do not need them: the book's
extension (``book/_ext/sagin_book.py``) has Sphinx read every other page first (the
library reference takes a while) and wait, before the first notebook, for the file
named in ``SAGIN_NOTEBOOKS_PENDING`` to say that the execution ended, or for the
notebook's own report in the folder beside it (``<file>.d/``): the notebooks are
read in the order they are expected to finish (``SAGIN_NOTEBOOKS_ORDER``), each as
soon as it is done. Sphinx works on one core, so the other executes notebooks
meanwhile. The build treats any
warning, or anything a notebook writes to stderr, as an error; its output is also
written to ``_build/book.log``. Exits non-zero if a notebook or the build fails.

    python tools/build_book.py [--root DIR] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import execute_notebooks  # noqa: E402 - the sibling script

ROOT = Path(__file__).resolve().parent.parent

#: What every notebook's kernel imports (the kernel, the scientific stack, the study).
_WARM_UP = (
    "import ipykernel.kernelapp, matplotlib_inline.backend_inline, myst_nb, IPython.display\n"
    "import matplotlib.pyplot, pandas, scipy.optimize, scipy.special, scipy.stats\n"
    "from sagin_lib.study import CHAPTERS, chapter_spec\n"
    "for chapter in CHAPTERS:\n"
    "    chapter_spec(chapter)\n"
)


#: Runs Jupyter Book's command line, then leaves without tearing down the Python
#: objects of the build (about two seconds for a book of this size): everything
#: is written and flushed by then.
_JUPYTER_BOOK = (
    "import os, sys, traceback\n"
    "from jupyter_book.cli.main import main\n"
    "code = 1\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit as exc:\n"
    "    code = exc.code if isinstance(exc.code, int) else (exc.code is not None)\n"
    "    if isinstance(exc.code, str):\n"
    "        print(exc.code, file=sys.stderr)\n"
    "except BaseException:\n"
    "    traceback.print_exc()\n"
    "sys.stdout.flush()\n"
    "sys.stderr.flush()\n"
    "os._exit(int(code))\n"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's root folder")
    parser.add_argument("--workers", type=int, help="notebooks at a time (default: CPUs)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    build = root / "_build"
    build.mkdir(parents=True, exist_ok=True)
    cache = build / ".jupyter_cache"
    done = build / ".notebooks-done"
    done.unlink(missing_ok=True)
    progress = build / ".notebooks-done.d"
    shutil.rmtree(progress, ignore_errors=True)

    # The executor creates the cache's database (execute_into_cache); the build opens
    # it only once a notebook is reported executed, so the two never create it at once.
    status: dict[str, int] = {}

    def execute() -> None:
        status["notebooks"] = 1
        try:
            extra = ["--workers", str(args.workers)] if args.workers else []
            status["notebooks"] = execute_notebooks.main(
                ["--root", str(root), "--cache", str(cache), "--progress", str(progress), *extra]
            )
        finally:
            done.write_text("ok\n" if status["notebooks"] == 0 else "failed\n", encoding="utf-8")

    command = [sys.executable, "-c", _JUPYTER_BOOK]
    command += ["build", str(root), "--warningiserror", "--keep-going"]
    names = [nb.name for nb in execute_notebooks.toc_notebooks(root)]
    order = execute_notebooks.planned_order(names, args.workers or os.cpu_count() or 1)
    env = {
        **os.environ,
        "SAGIN_NOTEBOOKS_PENDING": str(done),
        "SAGIN_NOTEBOOKS_ORDER": ",".join(order),
    }
    worker = threading.Thread(target=execute, name="notebooks")
    with (
        open(build / "book.log", "w", encoding="utf-8") as log,
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        ) as proc,
    ):
        # On a fresh environment every module is compiled on its first import: once
        # here, rather than by the first kernels each on its own at the same time.
        subprocess.run([sys.executable, "-c", _WARM_UP], check=False)
        worker.start()
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            log.write(line)
        returncode = proc.wait()
    worker.join()
    return returncode or status.get("notebooks", 1)


if __name__ == "__main__":
    sys.exit(main())
