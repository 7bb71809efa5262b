"""Pages the page cache cannot help (every address different): made from what the server keeps
while it serves, never by reading the data files again, and still the page a person asked for.
benchmarks/run.py measures their speed; here: that they stay cheap in the ways that matter and that
the benchmark asks for real pages."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MISSES = [  # one of each kind the benchmark makes: a schedule, an outcome, 您的回答, a question changed
    "/deadline?filed=2024-05-06&today=2026-11-30&channel=hotline-12393",
    "/deadline?filed=2023-02-01&today=2026-11-30&channel=hall-visit",
    "/deadline?filed=2025-09-30&decision-known=2025-10-20&today=2026-11-30&channel=nhsa-platform",
    "/choose/result?answer=problem:fraud",
    "/reimburse/result?answer=stage:refused&answer=refusal-written:written&answer=acting:acting"
    "&answer=decided-by:county",
    "/reimburse/answers?answer=stage:at-hospital&answer=fee-kind:registration&answer=paid-how:self"
    "&answer=acting:self",
    "/choose?answer=problem:reimbursement-dispute&answer=decision-written:not-written&answer=tried-before:first-time&change=tried-before",
]


def client():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1:8765")


def benchmark():
    spec = importlib.util.spec_from_file_location("ybguide_benchmark", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_page_made_again_reads_no_data_file_and_the_settings_once(monkeypatch):
    """Each deadline page used to hash every YAML file of the packs twice (the plan, the calendar)
    and read the saved settings four times: most of the time a new address took."""
    from yb_guide.base import cache, paths

    c = client()
    assert c.get("/deadline?filed=2024-05-06").status_code == 200  # the first page: the server's plan and calendar
    assert c.get("/choose/result?answer=problem:fraud&answer=acting:self").status_code in (200, 303)
    counted = {"files_key": 0, "read_config": 0}

    def counting(name, real):
        def wrapper(*args, **kwargs):
            counted[name] += 1
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(cache, "files_key", counting("files_key", cache.files_key))
    monkeypatch.setattr(paths, "read_config", counting("read_config", paths.read_config))
    for url in MISSES:
        r = c.get(url, follow_redirects=False)
        assert r.status_code == 200, (url, r.status_code)
    assert counted["files_key"] == 0
    assert counted["read_config"] <= len(MISSES)  # once a request: the region, found by the Guard


def test_the_saved_region_still_reaches_the_next_page():
    """The region is found once a request, not once for the server: ``ybguide config region``
    while the page is open changes the next page, as before."""
    from yb_guide.base import paths

    c = client()
    assert "参保地：山西省" in c.get("/deadline?filed=2024-05-06").text
    paths.save_config(region="CN")
    page = c.get("/deadline?filed=2024-05-07").text
    assert "参保地：山西省" not in page and "参保地：" in page
    c.cookies.set("ybguide_region", "CN-SX")  # the person's own choice on the page still wins
    assert "参保地：山西省" in c.get("/deadline?filed=2024-05-08").text


def test_templates_read_a_payload_as_jinja_does():
    """A payload's keys are read straight (``p.title``); a dict's own methods stay methods and a
    missing key is Jinja's undefined, so a page shows what it showed before."""
    from jinja2 import Undefined

    from yb_guide.web.render import env

    e = env()
    payload = {"title": "受理", "items": "not the method", "n": 0}
    assert e.getattr(payload, "title") == "受理" and e.getattr(payload, "n") == 0
    assert e.getattr(payload, "items")() == payload.items()  # Jinja prefers the attribute
    assert isinstance(e.getattr(payload, "missing"), Undefined)
    assert e.from_string("{{ p.title }}|{{ p.missing }}|{{ p.get('n') }}|{{ p.items()|list|length }}").render(
        p=payload) == "受理||0|3"
    assert e.from_string("{{ p.title }}").render(p={"title": "<b>"}) == "&lt;b&gt;"  # still escaped


def test_the_benchmark_asks_for_pages_that_exist():
    """benchmarks/run.py's addresses are pages (200), not redirects or 404s: a flow that asks a new
    question had turned two of its cached pages into 303s, counted as errors."""
    run = benchmark()
    c = client()
    for url in run.WEB_PATHS:
        assert c.get(url, follow_redirects=False).status_code == 200, url
    misses = run.miss_paths(3000)
    assert len(misses) == len(set(misses)) == 3000
    for url in misses[::60]:
        assert c.get(url, follow_redirects=False).status_code == 200, url


@pytest.mark.parametrize("url", MISSES)
def test_a_page_is_the_same_made_again_or_kept(url):
    """A page kept by the cache and the same page made afresh by another server are the same bytes."""
    first, second = client(), client()
    kept = first.get(url)
    assert first.get(url).content == kept.content  # from the cache
    assert second.get(url).content == kept.content  # made again


def test_the_form_pieces_kept_are_bounded_and_still_say_what_was_typed(monkeypatch):
    """The deadline form's fields are made once for each value and kept (render.fragment): a
    thousand different dates keep at most FRAGMENTS pieces, and each page still shows its own date,
    the person's text escaped, its own error, its own channel chosen."""
    from yb_guide.web import render

    monkeypatch.setattr(render, "FRAGMENTS", 40)
    monkeypatch.setattr(render, "_fragments", {})
    c = client()
    for day in range(1, 200):
        filed = f"2023-{1 + day % 12:02d}-{1 + day % 28:02d}"
        page = c.get(f"/deadline?filed={filed}&today=2026-11-30&channel=hall-visit").text
        assert f'name="filed" value="{filed}"' in page
        assert len(render._fragments) <= 40
    page = c.get('/deadline?filed=<b>"x"</b>&channel=hotline-12393').text
    assert 'value="&lt;b&gt;&#34;x&#34;&lt;/b&gt;"' in page and "<b>\"x\"" not in page
    assert 'id="filed-error"' in page and 'value="hotline-12393" selected' in page
    assert 'value="hall-visit" selected' not in page
    page = c.get("/deadline?filed=2024-05-06&decision=refusal").text
    assert 'value="refusal" selected' in page and 'id="decision-error"' not in page
    page = c.get("/deadline?filed=2024-05-06&decision=nonsense").text
    assert 'id="decision-error"' in page and 'value="refusal" selected' not in page
