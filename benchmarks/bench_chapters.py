"""Speed of the chapters' heaviest steps at their defaults, and of saving a figure.

Run from a checkout: ``python benchmarks/bench_chapters.py`` (``--quick`` for one
repetition each). It prints a table and writes only into a temporary folder.

* ``save_figure``: one figure of the coverage chapter (Fig. 3, uplinks) saved with
  its data and metadata, and its parts: the layout pass that gives the tight box
  and the layout check (``draw_without_rendering``, what ``save_figure`` does)
  against a full rendering (``canvas.draw``, what it did before), and a PNG and
  an SVG saved as a reader's ``savefig`` would (with the style's tight box,
  which lays the figure out once more; ``save_figure`` gives both files the box
  of its one layout pass);
* the networks chapter's one-at-a-time sensitivity and the robustness of its
  claims (``sensitivity_table`` and ``claim_robustness_table``);
* the operations chapter's sensitivity (``sensitivity``).

The chapters' steps are timed cold: every cache of the library is emptied before
each repetition, as in a fresh kernel. Times are the best of the repetitions,
wall clock.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")


def best_ms(func: Callable[[], object], reps: int, before: Callable[[], object] = lambda: None):
    """Best wall time of ``reps`` calls of ``func``, ms, each after ``before()``."""
    times = []
    for _ in range(reps):
        before()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)


def clear_caches() -> None:
    """Empty every functools cache of the library's modules (a cold start)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("sagin_lib") or module is None:
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def figure_rows(reps: int, folder: Path) -> list[tuple[str, float]]:
    import matplotlib.pyplot as plt

    from sagin_lib.study import coverage
    from sagin_lib.study.figures import apply_style, save_figure
    from sagin_lib.study.tables import DIRECTION_SPECIFIC_COLUMNS

    apply_style()
    params = coverage.SPEC.validate(coverage.SPEC.defaults())
    table = coverage.uplink_frequency_table(params)

    def new_figure():
        return coverage.plot_uplink_frequency(table)

    def timed(step: Callable[[object], object]) -> float:
        figures = []

        def run() -> None:
            step(figures[-1])

        def prepare() -> None:
            figures.append(new_figure())

        ms = best_ms(run, reps, prepare)
        for fig in figures:
            plt.close(fig)
        return ms

    return [
        (
            "figure: layout pass (draw_without_rendering)",
            timed(lambda f: f.draw_without_rendering()),
        ),
        ("figure: full rendering (canvas.draw)", timed(lambda f: f.canvas.draw())),
        ("figure: PNG at 150 dpi", timed(lambda f: f.savefig(folder / "f.png", dpi=150))),
        ("figure: SVG", timed(lambda f: f.savefig(folder / "f.svg"))),
        (
            "figure: save_figure (PNG, SVG, CSV, JSON, layout check)",
            timed(
                lambda f: save_figure(
                    f,
                    table,
                    figure_id="bench",
                    output_dir=folder,
                    parameters=params,
                    title="bench",
                    chapter="coverage",
                    missing_ok=DIRECTION_SPECIFIC_COLUMNS,
                    display=False,
                )  # fmt: skip
            ),
        ),
    ]


def chapter_rows(reps: int) -> list[tuple[str, float]]:
    from sagin_lib.study import networks, operations

    net = networks.SPEC.validate(networks.SPEC.defaults())
    ops = operations.SPEC.validate(operations.SPEC.defaults())

    def network_sweep() -> None:
        sweep = networks.sensitivity_table(net)
        networks.claim_robustness_table(net, sweep)

    return [
        (
            "networks: sensitivity_table + claim_robustness_table",
            best_ms(network_sweep, reps, clear_caches),
        ),
        (
            "operations: sensitivity",
            best_ms(lambda: operations.sensitivity(ops), reps, clear_caches),
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repetition of each")
    args = parser.parse_args(argv)
    reps = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        rows = figure_rows(reps, Path(tmp)) + chapter_rows(reps)
    width = max(len(name) for name, _ in rows)
    print(f"{'step':<{width}}  best of {reps} (ms)")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
