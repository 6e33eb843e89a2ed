"""sagin_lib.platforms.projects: the NSP table pinned against the survey's Table I and Sec. II."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from sagin_lib.platforms.projects import (
    NSP_COLUMNS,
    NSP_NUMERIC_COLUMNS,
    NSP_PLATFORM_TYPES,
    NSP_TEXT_COLUMNS,
    _checked,
    load_nsp_projects,
)

NAN = math.nan

# project: (type, country, alt_min, alt_max, endurance_days, endurance_text_days,
#           payload_min_kg, payload_kg, payload_power_w, coverage_radius_km, size_m)
# Every number below is read off the survey (Table I, Sec. II); NaN = not given.
EXPECTED = {
    "Loon": ("balloon", "USA", 18.0, 23.0, 312.0, NAN, NAN, NAN, NAN, 40.0, NAN),
    "Elevate": ("balloon", "Spain", 18.0, 22.0, 1.0, NAN, NAN, 100.0, NAN, NAN, NAN),
    "Jimu-1": ("balloon", "China", NAN, 9.05, 15.0, NAN, NAN, NAN, NAN, NAN, 55.0),
    "X-station": ("airship", "Switzerland", 21.0, 21.0, NAN, NAN, NAN, 100.0, NAN, 500.0, NAN),
    "Yuanmeng": ("airship", "China", 20.0, 20.0, 48.0, 2.0, 100.0, 300.0, 1000.0, NAN, NAN),
    "Stratobus": ("airship", "France", NAN, NAN, 5 * 365.25, NAN, NAN, 450.0, NAN, NAN, 220.0),
    "SkyNet": ("airship", "Japan", 20.0, 20.0, 3 * 365.25, NAN, NAN, NAN, NAN, 100.0, 200.0),
    "BH-HAPs": ("airship", "China", 20.0, 20.0, NAN, NAN, NAN, NAN, NAN, NAN, NAN),
    "SunGlider": ("solar UAV", "Japan & USA", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, 78.0),
    "Zephyr S": ("solar UAV", "UK", 18.0, NAN, 100.0, 25.0, NAN, 12.0, 250.0, NAN, 25.0),
}
NUMERIC = (
    "altitude_min_km",
    "altitude_max_km",
    "endurance_days",
    "endurance_text_days",
    "payload_min_kg",
    "payload_kg",
    "payload_power_w",
    "coverage_radius_km",
    "size_m",
)


CSV = Path(__file__).resolve().parent.parent / "sagin_lib" / "data" / "nsp_projects.csv"


@pytest.fixture(scope="module")
def projects() -> pd.DataFrame:
    return load_nsp_projects()


def test_columns_follow_the_file() -> None:
    with CSV.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert list(NSP_COLUMNS) == header
    assert set(NSP_COLUMNS.values()) == {"text", "number", "flag"}
    assert NSP_NUMERIC_COLUMNS == NUMERIC
    assert [c for c in header if c not in NUMERIC and c != "endurance_conflict"] == list(
        NSP_TEXT_COLUMNS
    )


def test_raw_file_round_trips(projects: pd.DataFrame) -> None:
    # Every cell of the file, read with the csv module, is the loaded value.
    with CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(projects) == 10
    for raw, (_, row) in zip(rows, projects.iterrows(), strict=True):
        for col in NUMERIC:
            text = raw[col].strip()
            assert pd.isna(row[col]) if text == "" else row[col] == float(text), col
        for col in NSP_TEXT_COLUMNS:
            text = raw[col].strip()
            assert pd.isna(row[col]) if text == "" else row[col] == text, col
        assert row["endurance_conflict"] == (raw["endurance_conflict"] == "True")


def test_ten_projects_in_table_order(projects: pd.DataFrame) -> None:
    assert list(projects["project"]) == list(EXPECTED)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_project_values(projects: pd.DataFrame, name: str) -> None:
    row = projects.set_index("project").loc[name]
    ptype, country, *numbers = EXPECTED[name]
    assert row["platform_type"] == ptype
    assert row["country"] == country
    for col, want in zip(NUMERIC, numbers, strict=True):
        got = row[col]
        if math.isnan(want):
            assert pd.isna(got), f"{name}.{col} should be empty (the survey gives no value)"
        else:
            assert got == pytest.approx(want, rel=1e-12), f"{name}.{col}"


def test_dtypes(projects: pd.DataFrame) -> None:
    assert list(projects.columns) == list(NSP_COLUMNS)
    for col in NSP_NUMERIC_COLUMNS:
        assert projects[col].dtype == "float64", col
    for col in NSP_TEXT_COLUMNS:
        assert isinstance(projects[col].dtype, pd.StringDtype), col
    assert projects["endurance_conflict"].dtype == bool
    assert set(projects["platform_type"]) <= set(NSP_PLATFORM_TYPES)


def test_contradictions_flagged(projects: pd.DataFrame) -> None:
    flagged = projects.loc[projects["endurance_conflict"], "project"]
    assert sorted(flagged) == ["Yuanmeng", "Zephyr S"]
    p = projects.set_index("project")
    # Yuanmeng: 48 days in Table I, a 48-hour flight in Sec. II-C.
    assert p.loc["Yuanmeng", "endurance_days"] == 48.0
    assert p.loc["Yuanmeng", "endurance_text_days"] == 48.0 / 24.0
    # Zephyr S: 100 days in Table I, 25 days of initial station-keeping in Sec. II-B.
    assert p.loc["Zephyr S", "endurance_days"] == 100.0
    assert p.loc["Zephyr S", "endurance_text_days"] == 25.0


def test_every_row_names_its_source(projects: pd.DataFrame) -> None:
    assert projects["source"].notna().all()
    assert projects["source"].str.contains("Table I").all()


def test_coverage_claims_quote_the_survey(projects: pd.DataFrame) -> None:
    claims = projects.set_index("project")["coverage_claim"].dropna()
    assert sorted(claims.index) == ["Loon", "SkyNet", "X-station"]
    assert "1000-km-diameter" in claims["X-station"]
    assert "40 km coverage radius" in claims["Loon"]
    assert "radius up to 100 km" in claims["SkyNet"]


def test_malformed_table_rejected(projects: pd.DataFrame) -> None:
    raw = load_nsp_projects().astype(object).where(lambda d: d.notna(), "").astype(str)
    with pytest.raises(ValueError, match="lacks column"):
        _checked(raw.drop(columns=["payload_kg"]))
    bad = raw.copy()
    bad.loc[0, "altitude_min_km"] = "30"
    with pytest.raises(ValueError, match="altitude_min_km exceeds"):
        _checked(bad)
    bad = raw.copy()
    bad.loc[1, "platform_type"] = "rocket"
    with pytest.raises(ValueError, match="platform_type"):
        _checked(bad)
    bad = raw.copy()
    bad.loc[1, "payload_kg"] = "heavy"
    with pytest.raises(ValueError, match="non-numbers"):
        _checked(bad)
    bad = raw.copy()
    bad.loc[2, "endurance_conflict"] = "maybe"
    with pytest.raises(ValueError, match="endurance_conflict must be True or False"):
        _checked(bad)
    bad = raw.copy()
    bad.loc[3, "size_m"] = "-4"
    with pytest.raises(ValueError, match="size_m has negative"):
        _checked(bad)
    bad = raw.copy()
    bad.loc[4, "project"] = bad.loc[5, "project"]
    with pytest.raises(ValueError, match="unique name"):
        _checked(bad)


# ---------------------------------------------------------------- values status and the band


def test_values_status_marks_plans_and_targets() -> None:
    from sagin_lib.platforms.projects import NSP_VALUES_STATUSES

    status = load_nsp_projects().set_index("project")["values_status"]
    assert status["SkyNet"] == "planned" and status["Stratobus"] == "target"
    assert set(status.drop(["SkyNet", "Stratobus"])) == {"reported"}
    assert set(status) <= set(NSP_VALUES_STATUSES)


def test_unknown_values_status_is_refused() -> None:
    raw = pd.read_csv(
        Path(__file__).resolve().parent.parent / "sagin_lib" / "data" / "nsp_projects.csv",
        dtype=str,
        keep_default_na=False,
    )
    raw.loc[0, "values_status"] = "rumoured"
    with pytest.raises(ValueError, match="values_status"):
        _checked(raw)


def test_altitude_band_verdicts_keep_one_sided_statements_undetermined() -> None:
    from sagin_lib.platforms.projects import altitude_band_verdicts

    v = altitude_band_verdicts(load_nsp_projects(), 20.0, 100.0).set_index("project")
    assert v.loc["Zephyr S", "band_verdict"] == "undetermined"  # "exceeds 18 km"
    assert v.loc["Zephyr S", "below_floor"] == "undetermined"
    assert v.loc["Jimu-1", "band_verdict"] == "reaches below the band"  # up to 9.05 km
    assert v.loc["Loon", "band_verdict"] == "reaches below the band"
    assert v.loc["X-station", "band_verdict"] == "within the band"
    assert v.loc["Stratobus", "band_verdict"] == "no altitude stated"
    # A floor of 15 km: Zephyr S is then above it for certain, but its top is open.
    v15 = altitude_band_verdicts(load_nsp_projects(), 15.0, 100.0).set_index("project")
    assert v15.loc["Zephyr S", "below_floor"] == "no"
    assert v15.loc["Zephyr S", "above_ceiling"] == "undetermined"
    assert v15.loc["Loon", "band_verdict"] == "within the band"
    # A ceiling of 21.5 km: Loon reaches above it; Jimu-1's maximum keeps it below.
    v_top = altitude_band_verdicts(load_nsp_projects(), 5.0, 21.5).set_index("project")
    assert v_top.loc["Loon", "band_verdict"] == "reaches above the band"
    assert v_top.loc["Jimu-1", "above_ceiling"] == "no"
    assert v_top.loc["Jimu-1", "band_verdict"] == "undetermined"
    with pytest.raises(ValueError, match="floor_km"):
        altitude_band_verdicts(load_nsp_projects(), 30.0, 20.0)
