"""What the browser tests share: `ybguide serve` and headless Chromium as module fixtures, the page
width, waiting for a page to load, screenshots, and axe-core (the current version, vendored as test
data in vendor/axe-core: see its README)."""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pytest
from conftest import ROOT
from webpage import CHROMIUM, DRIVER, Served, browser_missing

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--hide-scrollbars",
         "--force-device-scale-factor=1", "--lang=zh-CN", "--window-size=1280,900"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


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


_AXE_TEXT: list[str] = []


def _axe_source() -> str:
    if not _AXE_TEXT:
        _AXE_TEXT.append(AXE.read_text(encoding="utf-8"))
    return _AXE_TEXT[0]


def axe(driver) -> list[dict]:
    driver.execute_script(_axe_source())
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {json.dumps(options)}).then(r => done(r.violations), e => done([{{id: 'axe-error', help: String(e), nodes: []}}]));")
    return [{"id": v["id"], "help": v["help"], "nodes": [n.get("target") for n in v["nodes"]][:5]} for v in result]
