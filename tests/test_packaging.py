"""What a person who downloads the source release gets: a licence, the files the README links to,
the classifiers, and minimum versions of the dependencies that work (issue 30)."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

# The lowest releases that work (issue 30; found by installing each and running the tests: holidays
# 0.85-0.93 fail tests/calendar, typer 0.16 tests/cli/test_startup.py; see pyproject.toml).
LOWEST = {"typer": "0.17", "holidays": "0.94", "python-docx": "1.1", "fpdf2": "2.8.6"}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split("."))


def test_minimum_versions_are_ones_that_work():
    declared = {}
    for req in PROJECT["project"]["dependencies"]:
        m = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)", req)
        if m:
            declared[m.group(1).lower()] = m.group(2)
    for name, lowest in LOWEST.items():
        assert name in declared, f"{name} has no minimum version"
        assert _version(declared[name]) >= _version(lowest), f"{name}>={declared[name]} is below {lowest}"


def test_a_licence_file_that_the_metadata_names():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PROJECT["project"]["license"] == "MIT" and text.startswith("MIT License")
    assert "LICENSE" in PROJECT["project"]["license-files"]


def test_classifiers_and_no_invented_address():
    classifiers = PROJECT["project"]["classifiers"]
    assert "Natural Language :: Chinese (Simplified)" in classifiers and "Environment :: Console" in classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # the licence is the SPDX expression
    for url in PROJECT["project"].get("urls", {}).values():
        assert url.startswith("https://"), url


def _linked(markdown_file):
    """The files a Markdown file links to, relative to the repository."""
    text = markdown_file.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = (markdown_file.parent / target.split("#")[0]).resolve()
        yield path.relative_to(ROOT)


def test_the_source_release_holds_every_file_the_readme_links_to():
    include = PROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = [f"{md.name} → {p}" for md in docs for p in _linked(md)
               if not (ROOT / p).exists() or not any(p.parts[0] == i or str(p) == i for i in include)]
    assert not missing, missing
