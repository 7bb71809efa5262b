"""The web page in a real browser: Debian's headless Chromium driven by selenium, against
`ybguide serve` on a free loopback port.

A person clicks through a flow at 360 px (a small phone) and at 1280 px; another uses only the
keyboard; axe-core (the current version, vendored in vendor/axe-core) checks every kind of page for WCAG
2.x A/AA at both widths, in normal and in 大字; the print stylesheet leaves only the content.  The forms
(大字 mid-form, the letter, focus per button style) are in test_web_browser_forms.py.  The README's screenshots are made here: they go to a temporary folder, and also to
the folder YBGUIDE_SCREENSHOTS names (docs/screenshots, relative to the repository).

A machine without Chromium skips these tests with one reason that names the packages to install;
in CI (the CI variable set) they must run, and a missing browser fails them (.ci/run installs it).
YBGUIDE_SKIP_BROWSER=1 skips them on purpose."""

from __future__ import annotations

import hashlib
import json
import os
import re

import pytest
from browsing import AXE, AXE_VERSION, axe, browser, navigates, png_size, screenshot, server, shots, width  # noqa: F401

if os.environ.get("YBGUIDE_SKIP_BROWSER") == "1":
    pytest.skip("YBGUIDE_SKIP_BROWSER=1: the browser tests are skipped on purpose", allow_module_level=True)

PATH = ["医保报销有争议", "没有书面决定（只是口头说，或者还在沟通）", "还没有，这是第一次反映", "比较急，或者问题简单、几句话就能说清"]
FOCUS = ("rgb(255, 221, 0)", "rgba(255, 221, 0, 1)")


def click_through(driver, base: str) -> None:
    """From the start page to the advice, with the mouse (clicks on the labels and buttons)."""
    from selenium.webdriver.common.by import By

    driver.get(base)
    navigates(driver, driver.find_element(By.CSS_SELECTOR, 'a.button[href="/choose"]').click)
    for label in PATH:
        driver.find_element(By.XPATH, f'//label[normalize-space()="{label}"]').click()
        navigates(driver, driver.find_element(By.XPATH, '//button[normalize-space()="继续"]').click)
    assert driver.find_element(By.TAG_NAME, "h1").text == "您的回答"
    navigates(driver, driver.find_element(By.LINK_TEXT, "看建议").click)


def no_sideways_scroll(driver, pixels: int) -> None:
    wide = driver.execute_script("return document.documentElement.scrollWidth")
    assert wide <= pixels, (driver.current_url, wide)


@pytest.mark.parametrize("pixels", [360, 1280])
def test_click_through_a_flow_on_a_phone_and_on_a_desktop(browser, server, shots, pixels):
    from selenium.webdriver.common.by import By

    width(browser, pixels)
    browser.get(server.url)
    assert browser.execute_script("return window.innerWidth") == pixels
    no_sideways_scroll(browser, pixels)
    start = screenshot(browser, shots, f"start-{pixels}.png", pixels)
    click_through(browser, server.url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "打12393医保服务热线投诉"
    assert "/choose/result?answer=problem:reimbursement-dispute" in browser.current_url
    no_sideways_scroll(browser, pixels)
    outcome = screenshot(browser, shots, f"outcome-{pixels}.png", pixels, max_height=1500 if pixels > 600 else 2600)
    for path in (start, outcome):
        w, h = png_size(path)
        assert w == pixels and h >= 600 and path.stat().st_size > 20_000
    # the browser's back button goes back to 您的回答, and on to the last question
    navigates(browser, browser.back)
    assert browser.find_element(By.TAG_NAME, "h1").text == "您的回答"
    navigates(browser, browser.back)
    assert browser.find_element(By.TAG_NAME, "h1").text == "下面哪一种最符合您的情况？"


def test_the_keyboard_alone_reaches_the_advice_with_a_visible_focus(browser, server):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    width(browser, 1280)
    browser.get(server.url)

    def press(key):
        ActionChains(browser).send_keys(key).perform()

    def tab_to(test, limit=40):
        for _ in range(limit):
            press(Keys.TAB)
            el = browser.switch_to.active_element
            if test(el):
                return el
        raise AssertionError(f"Tab never reached it on {browser.current_url}")

    start = tab_to(lambda el: el.get_attribute("href", ) and el.get_attribute("href").endswith("/choose")
                   and "button" in (el.get_attribute("class") or ""))
    assert start.value_of_css_property("background-color") in FOCUS  # the focus is seen, not guessed
    navigates(browser, lambda: press(Keys.ENTER))
    for label in PATH:
        radio = tab_to(lambda el: el.get_attribute("type") == "radio")
        assert radio.value_of_css_property("outline-style") != "none"
        target = browser.find_element(By.XPATH, f'//label[normalize-space()="{label}"]').get_attribute("for")
        while browser.switch_to.active_element.get_attribute("id") != target:
            press(Keys.ARROW_DOWN)  # arrows move through a radio group and choose
        press(Keys.SPACE)
        assert browser.switch_to.active_element.is_selected()
        tab_to(lambda el: el.tag_name == "button")
        navigates(browser, lambda: press(Keys.ENTER))
    assert browser.find_element(By.TAG_NAME, "h1").text == "您的回答"
    tab_to(lambda el: el.text == "看建议")
    navigates(browser, lambda: press(Keys.ENTER))
    assert browser.find_element(By.TAG_NAME, "h1").text == "打12393医保服务热线投诉"
    # the 大字 switch by keyboard too, and it stays on the next page
    tab_to(lambda el: (el.text or "").startswith("大字"))
    navigates(browser, lambda: press(Keys.ENTER))
    assert "big" in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
    assert browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)") >= 24
    browser.get(server.url + "faq")
    assert "big" in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
    browser.get(server.url + "text-size?size=normal&back=/")
    assert browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)") >= 18


def test_axe_runs_and_finds_a_real_problem(browser):
    """The check of the check: a page with an image without alt text fails."""
    browser.get("data:text/html;charset=utf-8,<html lang=en><title>t</title><main><img src=x.png></main></html>")
    assert "image-alt" in [v["id"] for v in axe(browser)]


PAGE_TYPES = {
    "start": "/",
    "question": "/choose",
    "question with an error": "/choose?answer=problem:fraud&asked=tried-before",
    "question to change": "/choose?answer=problem:fraud&answer=tried-before:first-time&change=problem",
    "your answers": "/reimburse/answers?answer=stage:at-hospital&answer=fee-kind:platform",
    "outcome (choose)": "/choose/result?answer=problem:reimbursement-dispute&answer=decision-written:not-written&answer=tried-before:first-time&answer=situation:urgent-or-simple",
    "outcome (reimburse, with general advice)": "/reimburse/result?answer=stage:at-hospital&answer=fee-kind:registration&answer=paid-how:self",
    "outcome with periods": "/reimburse/result?answer=stage:refused&answer=refusal-written:written",
    "deadline form": "/deadline",
    "deadline results": "/deadline?filed=2026-03-02&decision-known=2026-02-27&today=2026-03-03",
    "deadline with errors": "/deadline?filed=2024-02-30&channel=x&go=1",
    "channels": "/channels",
    "channel": "/channels/hall-visit",
    "checklists": "/checklists",
    "checklist": "/checklists/hall-visit",
    "FAQ": "/faq",
    "FAQ search": "/faq?q=行政复议",
    "FAQ entry": "/faq/2",
    "month": "/calendar?month=2026-10",
    "month with an error": "/calendar?month=2026-13",
    "year": "/calendar/2026",
    "sources": "/sources",
    "letter": "/letter",
    "not found": "/choose?answer=problem:nope",
    "checklist for someone acting": "/checklists/hall-visit?acting=1",
    "deadline with a bad today": "/deadline?today=abc&go=1",
}


def test_the_vendored_axe_core_is_the_named_version():
    head = AXE.read_text(encoding="utf-8")[:200]
    assert f"axe v{AXE_VERSION}" in head and (AXE.parent / "LICENSE").exists()
    assert tuple(int(x) for x in AXE_VERSION.split(".")[:2]) >= (4, 8)
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == \
        "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"  # npm pack axe-core@4.14.1


@pytest.mark.parametrize("size", ["normal", "big"])
@pytest.mark.parametrize("pixels", [360, 1280])
def test_axe_finds_no_wcag_a_or_aa_problem_on_any_kind_of_page(browser, server, pixels, size):
    from selenium.webdriver.common.by import By

    width(browser, pixels)
    browser.get(server.url + f"text-size?size={size}&back=/")
    assert ("big" in (browser.find_element(By.TAG_NAME, "html").get_attribute("class") or "")) == (size == "big")
    found, runs = {}, 0
    for name, path in PAGE_TYPES.items():
        browser.get(server.url.rstrip("/") + path)
        no_sideways_scroll(browser, pixels)
        runs += 1
        if problems := axe(browser):
            found[name] = problems
    # the letter form sent with mistakes, and its preview: pages a POST returns
    for name, date, choice in [("letter with errors", "2024-02-30", "format-preview"), ("letter preview", "2024-04-28", "format-preview")]:
        browser.get(server.url + "letter")
        browser.find_element(By.ID, "name").send_keys("张三")
        browser.find_element(By.ID, "incident_date").send_keys(date)
        browser.find_element(By.ID, choice).click()
        navigates(browser, browser.find_element(By.XPATH, '//button[normalize-space()="生成投诉信"]').click)
        assert ("有 1 处需要改一改" in browser.page_source) == (name == "letter with errors")
        no_sideways_scroll(browser, pixels)
        runs += 1
        if problems := axe(browser):
            found[name] = problems
    browser.get(server.url + "text-size?size=normal&back=/")
    assert runs == len(PAGE_TYPES) + 2
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_touch_targets_are_big_enough(browser, server):
    width(browser, 360)
    for path in ["/", "/choose", "/checklists/hall-visit", "/deadline", "/letter", "/faq", "/channels",
                 "/choose/result?answer=problem:fraud", "/calendar?month=2026-10"]:
        browser.get(server.url.rstrip("/") + path)
        small = browser.execute_script("""
            const out = [];
            const standalone = 'li > a:only-child, .faq-list a, .next a, .foot a, .flow-nav a, .cards h2 a, .cards h3 a, .links a';
            for (const el of document.querySelectorAll('.button, button:not(.vh), .top a, .back, .radio label, .checks label, .check-row label, input.input, select, summary, ' + standalone)) {
              const r = el.getBoundingClientRect();
              if (r.width && (r.height < 44 || r.width < 44)) out.push(el.outerHTML.slice(0, 80) + ' ' + r.width + 'x' + r.height);
            }
            return out;""")
        assert not small, (path, small)
        buttons = browser.execute_script(
            "return [...document.querySelectorAll('.button.start')].map(b => b.getBoundingClientRect().height)")
        assert all(h >= 56 for h in buttons), (path, buttons)


def test_printing_leaves_only_the_content_on_a4(browser, server):
    import base64

    width(browser, 1280)
    for path in ["/choose/result?answer=problem:fraud", "/checklists/hall-visit",
                 "/deadline?filed=2024-05-06&today=2024-05-20"]:
        browser.get(server.url.rstrip("/") + path)
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        hidden = browser.execute_script(
            "return [...document.querySelectorAll('header, footer, form, .no-print')].every(e => getComputedStyle(e).display === 'none')")
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        assert hidden, path
        pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                                                          "preferCSSPageSize": True})["data"])
        assert pdf.startswith(b"%PDF") and re.search(rb"/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]", pdf), path
        if path == "/checklists/hall-visit":  # the hall's checklist, taken along: one sheet of A4
            assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
