"""The web page in a real browser: Debian's headless Chromium driven by selenium, against
`ybguide serve` on a free loopback port.

A person clicks through a flow at 360 px (a small phone) and at 1280 px; another uses only the
keyboard; axe-core (4.4, from axe-core-python) checks every kind of page for WCAG 2.1 A/AA; the print stylesheet leaves only
the content.  The README's screenshots are made here: they go to a temporary folder, and also to
the folder YBGUIDE_SCREENSHOTS names (docs/screenshots, relative to the repository).

A machine without Chromium skips these tests with one reason that names the packages to install;
in CI (the CI variable set) they must run, and a missing browser fails them (.ci/run installs it).
YBGUIDE_SKIP_BROWSER=1 skips them on purpose."""

from __future__ import annotations

import json
import os
import re
import struct
from pathlib import Path

import pytest
from conftest import ROOT
from webpage import CHROMIUM, DRIVER, Served, browser_missing

if os.environ.get("YBGUIDE_SKIP_BROWSER") == "1":
    pytest.skip("YBGUIDE_SKIP_BROWSER=1: the browser tests are skipped on purpose", allow_module_level=True)

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--hide-scrollbars",
         "--force-device-scale-factor=1", "--lang=zh-CN", "--window-size=1280,900"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PATH = ["医保报销有争议", "还没有，这是第一次反映", "比较急，或者问题简单、几句话就能说清"]
FOCUS = ("rgb(255, 221, 0)", "rgba(255, 221, 0, 1)")


@pytest.fixture(scope="module")
def server():
    s = Served()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    verdict, reason = browser_missing(os.environ, os.path.exists)
    if verdict == "fail":
        pytest.fail(reason)
    if verdict == "skip":
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)  # no driver download: Debian's
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def width(driver, pixels: int, height: int = 900) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": pixels, "height": height, "deviceScaleFactor": 1, "mobile": pixels < 600})


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """Where screenshots go: a temporary folder, and YBGUIDE_SCREENSHOTS when it is set."""
    dirs = [tmp_path_factory.mktemp("screenshots")]
    if os.environ.get("YBGUIDE_SCREENSHOTS"):
        extra = Path(os.environ["YBGUIDE_SCREENSHOTS"])
        dirs.append(extra if extra.is_absolute() else ROOT / extra)
        dirs[-1].mkdir(parents=True, exist_ok=True)
    return dirs


def screenshot(driver, dirs, name: str, pixels: int, max_height: int = 2600) -> Path:
    """The page at ``pixels`` wide, as tall as it is (up to ``max_height``), as a PNG in every folder."""
    height = min(driver.execute_script("return document.documentElement.scrollHeight"), max_height)
    width(driver, pixels, height)
    png = driver.get_screenshot_as_png()
    width(driver, pixels)
    for d in dirs:
        (d / name).write_bytes(png)
    return dirs[0] / name


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def navigates(driver, action) -> None:
    """Do ``action`` (a click, a key, back) and wait until another document has loaded (each has its
    own performance.timeOrigin; a page restored by the back button keeps its first one)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    before = driver.execute_script("return performance.timeOrigin")
    action()
    WebDriverWait(driver, 15, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return document.readyState === 'complete' && performance.timeOrigin")
        not in (False, before))


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


def axe(driver) -> list[dict]:
    import axe_core_python  # ships axe-core 4.4 (axe-selenium-python's 3.1 knows no WCAG 2.1 tags)

    script = Path(axe_core_python.__file__).parent / "axe.min.js"
    driver.execute_script(script.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {json.dumps(options)}).then(r => done(r.violations), e => done([{{id: 'axe-error', help: String(e), nodes: []}}]));")
    return [{"id": v["id"], "help": v["help"], "nodes": [n.get("target") for n in v["nodes"]][:5]} for v in result]


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
    "outcome (choose)": "/choose/result?answer=problem:reimbursement-dispute&answer=tried-before:first-time&answer=situation:urgent-or-simple",
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
}


@pytest.mark.parametrize("pixels", [360, 1280])
def test_axe_finds_no_wcag_a_or_aa_problem_on_any_kind_of_page(browser, server, pixels):
    width(browser, pixels)
    found = {}
    for name, path in PAGE_TYPES.items():
        browser.get(server.url.rstrip("/") + path)
        no_sideways_scroll(browser, pixels)
        problems = axe(browser)
        if problems:
            found[name] = problems
    # the letter form sent with mistakes, and its preview: pages a POST returns
    from selenium.webdriver.common.by import By

    for name, date, choice in [("letter with errors", "2024-02-30", "format-preview"), ("letter preview", "2024-04-28", "format-preview")]:
        browser.get(server.url + "letter")
        browser.find_element(By.ID, "name").send_keys("张三")
        browser.find_element(By.ID, "incident_date").send_keys(date)
        browser.find_element(By.ID, choice).click()
        navigates(browser, browser.find_element(By.XPATH, '//button[normalize-space()="生成投诉信"]').click)
        assert ("有 1 处需要改一改" in browser.page_source) == (name == "letter with errors")
        if problems := axe(browser):
            found[name] = problems
    # and one page in 大字
    browser.get(server.url + "text-size?size=big&back=/choose/result?answer=problem:fraud")
    if problems := axe(browser):
        found["outcome in 大字"] = problems
    browser.get(server.url + "text-size?size=normal&back=/")
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_touch_targets_are_big_enough(browser, server):
    width(browser, 360)
    for path in ["/", "/choose", "/checklists/hall-visit", "/deadline", "/letter"]:
        browser.get(server.url.rstrip("/") + path)
        small = browser.execute_script("""
            const out = [];
            for (const el of document.querySelectorAll('.button, button, .top a, .back, .radio label, .checks label, .check-row label, input.input, select, summary')) {
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
