"""The shared figure saver: files, tidy data, metadata and refusals."""

from __future__ import annotations

import hashlib
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from sagin_lib.study.figures import apply_style, collect_parameters, save_figure  # noqa: E402


def _figure() -> tuple[plt.Figure, pd.DataFrame]:
    apply_style()
    data = pd.DataFrame({"freq_ghz": [1.0, 2.0, 4.0], "area_km2": [3.0, 2.0, 1.0]})
    fig, ax = plt.subplots()
    ax.plot(data["freq_ghz"], data["area_km2"])
    ax.set_xlabel("frequency (GHz)")
    ax.set_ylabel("area (km²)")
    return fig, data


def test_save_figure_writes_four_files_with_provenance(tmp_path) -> None:
    fig, data = _figure()
    saved = save_figure(
        fig,
        data,
        figure_id="demo-fig",
        output_dir=tmp_path / "o",
        parameters={"seed": 3, "f_ghz": 2.0},
        title="Demo",
        display=False,
    )
    for path in saved.paths.values():
        assert path.exists() and path.stat().st_size > 0
    meta = json.loads(saved.json.read_text())
    assert meta["figure_id"] == "demo-fig"
    assert meta["parameters"] == {"seed": 3, "f_ghz": 2.0}
    assert meta["data"]["sha256"] == hashlib.sha256(saved.csv.read_bytes()).hexdigest()
    assert meta["data"]["columns"] == ["freq_ghz", "area_km2"]
    assert "numpy" in meta["packages"] and meta["sagin_lib_version"]
    assert set(meta["git"]) == {"commit", "dirty"}
    assert pd.read_csv(saved.csv).equals(data)
    html = saved.html()
    assert 'id="fig-demo-fig"' in html and 'href="#fig-demo-fig"' in html
    for name in ("demo-fig.png", "demo-fig.csv", "demo-fig.svg", "demo-fig.json"):
        assert name in html
    assert html.count("<details") == 1 and "cite · regenerate" in html
    # The layout check ran and the figure is shown at its checked width.
    assert meta["layout_check"]["problems"] == []
    assert meta["display"]["width_px"] == meta["layout_check"]["display_width_px"] > 300
    assert f'width="{meta["display"]["width_px"]:.0f}"' in html
    plt.close(fig)


def test_svg_and_csv_are_byte_identical_across_saves(tmp_path) -> None:
    digests = []
    for run in ("a", "b"):
        fig, data = _figure()
        saved = save_figure(
            fig,
            data,
            figure_id="same",
            output_dir=tmp_path / run,
            parameters={},
            title="t",
            display=False,
        )
        digests.append((saved.csv.read_bytes(), saved.svg.read_bytes()))
        plt.close(fig)
    assert digests[0] == digests[1]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"figure_id": "Bad Id"}, "figure_id"),
        ({"data": pd.DataFrame()}, "non-empty"),
        ({"data": pd.DataFrame({"x_km": [1.0, np.nan]})}, "non-finite"),
        ({"data": pd.DataFrame({"x_km": [1.0, np.inf]}), "missing_ok": ["x_km"]}, "non-finite"),
    ],
)
def test_save_figure_refuses_garbage(tmp_path, kwargs, message) -> None:
    fig, data = _figure()
    args = {"figure_id": "ok", "data": data, **kwargs}
    with pytest.raises(ValueError, match=message):
        save_figure(fig, output_dir=tmp_path, parameters={}, title="t", display=False, **args)
    assert not any(tmp_path.iterdir())
    plt.close(fig)


def test_missing_ok_allows_declared_not_applicable_columns(tmp_path) -> None:
    fig, _ = _figure()
    data = pd.DataFrame({"freq_ghz": [1.0, np.nan], "area_km2": [1.0, 2.0]})
    saved = save_figure(
        fig,
        data,
        figure_id="na",
        output_dir=tmp_path,
        parameters={},
        title="t",
        missing_ok=["freq_ghz"],
        display=False,
    )
    plt.close(fig)
    # The declared column keeps its empty cell; the file is what the metadata hashes.
    assert saved.csv.read_text().splitlines() == ["freq_ghz,area_km2", "1.0,1.0", ",2.0"]
    assert saved.metadata["data"]["rows"] == 2
    fig, _ = _figure()
    with pytest.raises(ValueError, match=r"non-finite values in column\(s\) \['freq_ghz'\]"):
        save_figure(fig, data, figure_id="na2", output_dir=tmp_path, parameters={}, title="t",
                    display=False)  # fmt: skip
    plt.close(fig)


def test_collect_parameters_keeps_plain_data_only() -> None:
    namespace = {
        "freq_ghz": 2.0,
        "name": "x",
        "seeds": [1, 2],
        "flag": True,
        "nothing": None,
        "np": np,
        "_hidden": 1,
        "COLORS": {"a": "b"},
        "In": [],
        "func": len,
        "array": np.zeros(2),
        "pair": (1, 2.5),
    }
    assert collect_parameters(namespace) == {
        "flag": True,
        "freq_ghz": 2.0,
        "name": "x",
        "nothing": None,
        "pair": [1, 2.5],
        "seeds": [1, 2],
    }
