"""The rerun command: parameter checks before running, new folders, manifests, exact regeneration."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from sagin_lib.study import rerun
from sagin_lib.study.provenance import sha256_file


def test_lists_chapters_and_typed_parameters(capsys) -> None:
    assert rerun.chapters() == [
        "coverage",
        "sampling",
        "validation",
        "platforms",
        "comparison",
        "constellations",
        "networks",
        "operations",
        "scaling",
    ]
    spec = rerun.chapter_parameters("coverage")
    assert spec["freq_ghz"].kind == "float" and spec["freq_ghz"].default == 2.0
    assert spec["freq_points"].kind == "int" and spec["output_dir"].kind == "str"
    assert rerun.main(["params", "coverage"]) == 0
    out = capsys.readouterr().out
    assert "freq_ghz (float [GHz]) default 2.0" in out and "allowed: [0.05, 300] GHz" in out


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            [("freq_pont_ghz", "3")],
            "unknown parameter 'freq_pont_ghz'.*Did you mean 'freq_ghz'",
        ),
        ([("freq_points", "2.5")], "freq_points = '2.5' is not an integer"),
        ([("freq_ghz", "high")], "freq_ghz = 'high' is not a number"),
        ([("freq_ghz", "nan")], "is not a finite number"),
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
    notes: list[str] = []
    got = rerun.resolve_parameters(
        "coverage", [("freq_points", "7"), ("freq_point_ghz", "12")], notes=notes
    )
    assert got == {"freq_points": 7, "freq_ghz": 12.0}
    assert isinstance(got["freq_ghz"], float)
    assert notes == ["note: parameter freq_point_ghz of coverage is now called freq_ghz"]


def test_metadata_written_under_old_names_still_resolves() -> None:
    meta = {"chapter": "coverage", "parameters": {"min_elev_deg": 25.0, "output_dir": "x"}}
    assert rerun.resolve_parameters("coverage", from_metadata=meta) == {"min_elevation_deg": 25.0}


# The twelve out-of-range requests of the issue that introduced chapter specs: each is
# refused before anything runs, naming the chapter's parameter and its allowed range.
OUT_OF_RANGE = [
    (
        "coverage",
        "freq_ghz",
        "-2",
        r"freq_ghz = -2 GHz is out of range; allowed: \[0.05, 300\] GHz",
    ),
    ("coverage", "min_elev_deg", "95", r"min_elevation_deg = 95 deg .*\[0, 89\] deg"),
    ("coverage", "freq_points", "0", r"freq_points = 0 .*integers in \[2, 2000\]"),
    ("coverage", "leo_alt_km", "15", r"leo_alt_km = 15 km"),
    ("coverage", "freq_min_ghz", "50", r"freq_min_ghz < freq_max_ghz.* is required"),
    ("sampling", "ground_density_per_km2", "-1", r"ground_density_per_km2 = -1"),
    ("sampling", "min_elevation_deg", "95", r"min_elevation_deg = 95 deg"),
    ("validation", "mean_nodes", "-3", r"mean_nodes = -3"),
    ("networks", "fading", "rician", r"fading = 'rician' is not allowed"),
    ("networks", "nakagami_m", "0.1", r"nakagami_m = 0.1"),
    ("networks", "n_users", "-5", r"n_users = -5"),
    ("scaling", "n_users", "-5", r"n_users = -5"),
]


@pytest.mark.parametrize(("chapter", "name", "value", "message"), OUT_OF_RANGE)
def test_out_of_range_values_are_refused_before_anything_runs(
    chapter, name, value, message, tmp_path, capsys
) -> None:
    with pytest.raises(rerun.RerunError, match=message):
        rerun.resolve_parameters(chapter, [(name, value)])
    runs = tmp_path / "runs"
    status = rerun.main(["run", chapter, "-p", name, value, "--runs-dir", str(runs)])
    assert status == 2
    assert f"{chapter}:" in capsys.readouterr().err
    assert not runs.exists(), "a refused request creates no run folder"


def test_cli_exit_status_for_a_bad_name(capsys) -> None:
    assert rerun.main(["run", "coverage", "-p", "bogus", "1"]) == 2
    assert "unknown parameter 'bogus'" in capsys.readouterr().err


def test_run_folders_are_never_reused(tmp_path) -> None:
    first = rerun.new_run_folder(tmp_path, "coverage")
    second = rerun.new_run_folder(tmp_path, "coverage")
    assert first != second and first.is_dir() and second.is_dir()


@pytest.mark.slow
@pytest.mark.parametrize("chapter", rerun.chapters())
def test_every_chapter_declares_its_output_folder_and_accepts_its_defaults(chapter) -> None:
    spec = rerun.chapter_parameters(chapter)
    assert "output_dir" in spec, "each chapter writes into a parameter-controlled folder"
    # Every default passes the command's own checks (what --from-metadata replays).
    defaults = [(n, v) for n, v in spec.defaults().items() if n != "output_dir"]
    assert rerun.resolve_parameters(chapter, defaults) == dict(defaults)


@pytest.mark.slow
def test_a_stopped_run_records_it_and_leaves_no_process_behind(tmp_path) -> None:
    import psutil

    runs = tmp_path / "runs"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sagin_lib.rerun", "run", "scaling", "--runs-dir", str(runs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    parent = psutil.Process(proc.pid)
    # Wait until the kernel has started its Dask workers (kernel plus at least two more).
    deadline = time.monotonic() + 120
    descendants: list[psutil.Process] = []
    while time.monotonic() < deadline and proc.poll() is None:
        descendants = parent.children(recursive=True)
        if len(descendants) >= 3:
            break
        time.sleep(0.2)
    assert len(descendants) >= 3, "the run should have started a kernel and Dask workers"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "interrupted" in err
    (folder,) = runs.iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "interrupted" and "SIGTERM" in manifest["error"]
    assert manifest["stopped_processes"] >= 3
    _, alive = psutil.wait_procs(descendants, timeout=10)
    assert not alive, f"processes left running: {[p.pid for p in alive]}"


def test_the_book_folder_can_be_given(tmp_path, capsys) -> None:
    book = tmp_path / "elsewhere"
    book.mkdir()
    (book / "coverage.ipynb").write_text("{}")
    assert rerun.main(["list", "--book", str(book)]) == 0
    assert capsys.readouterr().out.split() == ["coverage"]
    assert rerun.main(["params", "sampling", "--book", str(book)]) == 2
    assert "unknown chapter 'sampling'" in capsys.readouterr().err
    assert rerun.main(["list", "--book", str(tmp_path / "missing")]) == 2
    assert "give --book PATH" in capsys.readouterr().err


def test_check_validates_without_running(capsys) -> None:
    assert rerun.main(["check", "sampling", "-p", "freq_ghz", "0.5"]) == 0
    assert "ok: sampling would run with freq_ghz = 0.5" in capsys.readouterr().out
    assert rerun.main(["check", "validation", "-p", "hard_core_km", "100"]) == 2
    err = capsys.readouterr().err
    assert "against the limit" in err and "hard_core_km" in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["-p", "beam_lat_deg", "-30,45", "-p", "beam_lon_deg", "[10, -20]"], 0),
        (["-p", "beam_lat_deg", "-30,forty"], 2),
        (["-p", "geo_alt_km"], 2),
        (["-p", "seed", "7.0"], 2),
        (["-p", "scheduler_address", "not-an-address"], 2),
        (["-p", "scheduler_address", "tcp://127.0.0.1:1"], 2),
    ],
)
def test_the_command_line_reads_negative_lists_and_refuses_bad_values(
    argv, expected, capsys
) -> None:
    assert rerun.main(["check", "scaling", *argv]) == expected
    err = capsys.readouterr().err
    if expected == 2:
        assert err.startswith("error: ") and "Traceback" not in err


def test_params_hides_what_a_rerun_sets_and_documents_lists(capsys) -> None:
    assert rerun.main(["params", "scaling"]) == 0
    out = capsys.readouterr().out
    assert "output_dir" not in out and "a,b,c or [a, b, c]" in out
    assert rerun.main(["check", "scaling", "-p", "output_dri", "x"]) == 2
    assert "output_dir" not in capsys.readouterr().err


def test_a_closed_pipe_ends_params_quietly() -> None:
    cmd = f"{sys.executable} -m sagin_lib.rerun params sampling | head -1"
    result = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=120)
    assert result.stdout.startswith("Parameters of chapter sampling")
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_metadata_errors_are_one_line_and_verify_takes_no_overrides(tmp_path, capsys) -> None:
    assert rerun.main(["run", "platforms", "--from-metadata", str(tmp_path / "no.json")]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps({"chapter": "platforms", "claims": []}))
    assert rerun.main(["run", "platforms", "--from-metadata", str(claims)]) == 2
    assert "holds no parameters" in capsys.readouterr().err
    args = ["run", "platforms", "--from-metadata", str(claims), "--verify", "-p", "seed", "1"]
    assert rerun.main(args) == 2
    assert "-p cannot change it" in capsys.readouterr().err


def test_a_run_writes_its_folder_and_its_figures_regenerate_exactly(tmp_path, capsys) -> None:
    # One chapter, three runs: a run with a changed parameter, the run that its
    # figure's metadata asks for (verified byte for byte), and a verification
    # that must fail (the platforms chapter is the quickest).
    runs = tmp_path / "runs"
    args = ["run", "platforms", "--runs-dir", str(runs), "--quiet"]
    assert rerun.main([*args, "-p", "heavy_payload_kg", "300"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("run folder: ")  # named before anything runs
    (folder,) = runs.iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "succeeded"
    assert manifest["parameters"]["heavy_payload_kg"] == 300.0
    files = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert "platforms.ipynb" in files and "figures/platforms-payload.csv" in files
    for path, digest in files.items():
        assert digest == sha256_file(folder / path), path

    meta_path = folder / "figures" / "platforms-payload.json"
    metadata = json.loads(meta_path.read_text())
    assert metadata["parameters"]["output_dir"] == "figures"
    assert metadata["parameters"]["heavy_payload_kg"] == 300.0
    assert str(tmp_path) not in meta_path.read_text()
    assert rerun.main([*args, "--verify", "--from-metadata", str(meta_path)]) == 0
    capsys.readouterr()
    again = max(runs.iterdir(), key=lambda p: p.name)
    assert again != folder
    manifest = json.loads((again / "manifest.json").read_text())
    assert manifest["status"] == "succeeded" and manifest["verify"]["outcome"] == "byte-identical"
    assert manifest["parameters"]["heavy_payload_kg"] == 300.0
    assert rerun.verify_against_metadata(again, metadata)
    assert (folder / "figures/platforms-payload.csv").read_bytes() == (
        again / "figures/platforms-payload.csv"
    ).read_bytes()

    wrong = dict(metadata, data={**metadata["data"], "sha256": "0" * 64})
    wrong_path = tmp_path / "wrong.json"
    wrong_path.write_text(json.dumps(wrong))
    assert rerun.main([*args, "--verify", "--from-metadata", str(wrong_path)]) == 1
    assert "DIFFERENT" in capsys.readouterr().out
    newest = max(runs.iterdir(), key=lambda p: p.name)
    manifest = json.loads((newest / "manifest.json").read_text())
    assert manifest["status"] == "verify-failed" and manifest["verify"]["outcome"] == "different"
