"""Write environment.yml from requirements.txt so conda/Binder users get the same pins."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    pins = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    lines = [
        "# Conda / Binder environment of the SAGIN coverage study.",
        "# Generated from requirements.txt by tools/write_environment.py (make lock); a test",
        "# checks that both files pin the same versions.",
        "name: sagin-coverage-study",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
        *[f"      - {pin}" for pin in pins],
        "      - -e .",
        "",
    ]
    (ROOT / "environment.yml").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
