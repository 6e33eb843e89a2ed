"""The rerun command: parameter checks before running, new folders, manifests, exact regeneration."""

from __future__ import annotations

import json

import pytest

from sagin_lib import rerun
from sagin_lib.provenance import sha256_file


def test_lists_chapters_and_typed_parameters() -> None:
    assert "coverage" in rerun.chapters()
    params = rerun.chapter_parameters("coverage")
    assert params["freq_point_ghz"].type_name == "float" and params["freq_point_ghz"].default == 2.0
    assert params["freq_points"].type_name == "int"
    assert params["output_dir"].type_name == "str"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            [("freq_pont_ghz", "3")],
            "unknown parameter 'freq_pont_ghz'.*Did you mean 'freq_point_ghz'",
        ),
        ([("freq_points", "2.5")], "freq_points takes an integer"),
        ([("freq_point_ghz", "high")], "freq_point_ghz takes a number"),
        ([("freq_point_ghz", "nan")], "must be finite"),
        ([("output_dir", "x")], "set by the rerun command"),
    ],
)
def test_bad_requests_are_refused_before_running(overrides, message) -> None:
    with pytest.raises(rerun.RerunError, match=message):
        rerun.resolve_parameters("coverage", overrides)


def test_unknown_chapter_and_foreign_metadata_are_refused() -> None:
    with pytest.raises(rerun.RerunError, match="unknown chapter 'coverag'.*'coverage'"):
        rerun.resolve_parameters("coverag")
    with pytest.raises(rerun.RerunError, match="chapter 'platforms', not 'coverage'"):
        rerun.resolve_parameters(
            "coverage", from_metadata={"chapter": "platforms", "parameters": {}}
        )


def test_values_are_converted_to_declared_types() -> None:
    got = rerun.resolve_parameters("coverage", [("freq_points", "7"), ("freq_point_ghz", "12")])
    assert got == {"freq_points": 7, "freq_point_ghz": 12.0}
    assert isinstance(got["freq_point_ghz"], float)


def test_cli_exit_status_for_a_bad_name(capsys) -> None:
    assert rerun.main(["run", "coverage", "-p", "bogus", "1"]) == 2
    assert "unknown parameter 'bogus'" in capsys.readouterr().err


def test_run_folders_are_never_reused(tmp_path) -> None:
    first = rerun.new_run_folder(tmp_path, "coverage")
    second = rerun.new_run_folder(tmp_path, "coverage")
    assert first != second and first.is_dir() and second.is_dir()


@pytest.mark.slow
def test_rerun_writes_a_run_folder_and_regenerates_a_figure_exactly(tmp_path) -> None:
    small = [("freq_points", "9"), ("elev_points", "11"), ("freq_point_ghz", "8")]
    folder = rerun.run_chapter(
        "coverage", rerun.resolve_parameters("coverage", small), runs_dir=tmp_path
    )
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "succeeded"
    assert (
        manifest["parameters"]["freq_point_ghz"] == 8.0
        and manifest["parameters"]["kappa_deg"] == 70.0
    )
    files = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert "coverage.ipynb" in files and "figures/coverage-altitude.csv" in files
    assert files["figures/coverage-altitude.csv"] == sha256_file(
        folder / "figures/coverage-altitude.csv"
    )

    metadata = json.loads((folder / "figures" / "coverage-altitude.json").read_text())
    again = rerun.run_chapter(
        "coverage", rerun.resolve_parameters("coverage", from_metadata=metadata), runs_dir=tmp_path
    )
    assert again != folder
    assert rerun.verify_against_metadata(again, metadata)
    assert (folder / "figures/coverage-altitude.csv").read_bytes() == (
        again / "figures/coverage-altitude.csv"
    ).read_bytes()


@pytest.mark.parametrize("chapter", rerun.chapters())
def test_every_chapter_declares_typed_parameters_the_command_can_check(chapter) -> None:
    params = rerun.chapter_parameters(chapter)
    assert "output_dir" in params, "each chapter writes into a parameter-controlled folder"
    untyped = [
        p.name
        for p in params.values()
        if p.type_name not in ("str", "int", "float", "bool", "list", "dict")
    ]
    assert not untyped, f"{chapter}: parameters without a type annotation: {untyped}"
    # Every default passes the command's own checks (what --from-metadata replays).
    defaults = [(p.name, p.default) for p in params.values() if p.name != "output_dir"]
    assert rerun.resolve_parameters(chapter, defaults) == dict(defaults)
