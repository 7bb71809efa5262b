"""Reading the web page's HTML in tests as a browser would: its links, its forms, its text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
import os
import signal
import subprocess
import time
import urllib.request
from urllib.parse import urlencode

# Debian's packages; the variables let a test pretend the browser is missing.
CHROMIUM = os.environ.get("YBGUIDE_CHROMIUM", "/usr/bin/chromium")
DRIVER = os.environ.get("YBGUIDE_CHROMEDRIVER", "/usr/bin/chromedriver")
INSTALL = "sudo apt-get install chromium chromium-driver fonts-noto-cjk"


def browser_missing(env, exists) -> tuple[str, str]:
    """("run", "") when the browser tests can run; ("skip", reason) on a machine without Chromium;
    ("fail", reason) in CI (the CI variable set), where they must run. ``exists`` is os.path.exists."""
    missing = [p for p in (CHROMIUM, DRIVER) if not exists(p)]
    if not missing:
        return "run", ""
    what = " and ".join(missing) + " missing"
    if env.get("CI", "").lower() not in ("", "0", "false"):
        return "fail", f"{what}: CI must run the browser tests (.ci/run installs them: {INSTALL})"
    return "skip", (f"browser tests skipped: {what}; to run them install Debian's chromium, chromium-driver "
                    f"and fonts-noto-cjk ({INSTALL})")


class Page(HTMLParser):
    """The links (href, text), the forms (action, method, fields, radios) and the visible text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.forms: list[dict] = []
        self.ids: set[str] = set()
        self._text: list[str] = []
        self._link: list | None = None
        self._skip = 0
        self.source = text
        self.feed(text)
        self.text = re.sub(r"\s+", " ", "".join(self._text)).strip()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("script", "style", "title"):
            self._skip += 1
        if tag == "a" and "href" in a:
            self._link = [a["href"], ""]
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(),
                               "hidden": [], "radios": [], "checked": None, "inputs": {}})
        if tag == "input" and self.forms:
            form = self.forms[-1]
            kind = a.get("type", "text")
            if kind == "hidden":
                form["hidden"].append((a.get("name"), a.get("value", "")))
            elif kind == "radio":
                form["radios"].append((a.get("name"), a.get("value"), a.get("id")))
                if "checked" in a:
                    form["checked"] = a.get("value")
            else:
                form["inputs"][a.get("name")] = a.get("value", "")
        if tag in ("br", "p", "li", "h1", "h2", "h3", "dt", "dd", "div", "tr"):
            self._text.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._skip -= 1
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], self._link[1].strip()))
            self._link = None
        if tag in ("p", "li", "h1", "h2", "h3", "dt", "dd", "div", "td"):
            self._text.append(" ")

    def handle_data(self, data):
        if self._skip:
            return
        self._text.append(data)
        if self._link is not None:
            self._link[1] += data

    def link(self, text: str) -> str:
        """The address of the first link whose text starts with ``text``."""
        for href, words in self.links:
            if words.startswith(text):
                return href
        raise AssertionError(f"no link {text!r} among {[w for _, w in self.links]}")

    def h1(self) -> str:
        return re.sub(r"\s+", " ", html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", self.source, re.S).group(1)))


def flat(text: str) -> str:
    """Text with every run of white space removed (a page breaks lines where a payload does not)."""
    return re.sub(r"\s+", "", text)


def submit(form: dict, choice: str | None = None) -> str:
    """The address a GET form goes to, with the hidden fields and the chosen radio."""
    fields = list(form["hidden"])
    if choice is not None:
        fields.append((form["radios"][0][0], choice))
    return form["action"] + "?" + urlencode(fields)


class Served:
    """`ybguide serve --port 0` in a subprocess, as a person starts it; ``stop`` is Ctrl-C."""

    def __init__(self, *args, env=None):
        self.proc = subprocess.Popen([_ybguide(), "serve", "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, text=True,
                                     encoding="utf-8")
        self.lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line.rstrip("\n"))
            if "Ctrl-C" in line:
                break
        self.url = re.search(r"http://127\.0\.0\.1:\d+/", "\n".join(self.lines)).group(0)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=10) as r:
            return r.read().decode("utf-8")

    def post(self, path: str, data: bytes) -> bytes:
        req = urllib.request.Request(self.url.rstrip("/") + path, data=data, method="POST")
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.read()

    def stop(self) -> tuple[int, str, str]:
        self.proc.send_signal(signal.SIGINT)  # Ctrl-C
        out, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, "\n".join(self.lines) + out, err


def _ybguide() -> str:
    from conftest import installed_ybguide

    return installed_ybguide()
