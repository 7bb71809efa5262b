"""The forms in a real browser (headless Chromium, selenium): 大字 pressed halfway through a form
loses nothing, Enter still sends the form, the keyboard alone gets through the letter, every style
of button shows its focus and looks like a button, and in 大字 a phone's first screen shows the
question with its options.  Skips and gates as test_web_browser.py (see its docstring)."""

from __future__ import annotations

import os

import pytest
from browsing import browser, navigates, server, width  # noqa: F401

if os.environ.get("YBGUIDE_SKIP_BROWSER") == "1":
    pytest.skip("YBGUIDE_SKIP_BROWSER=1: the browser tests are skipped on purpose", allow_module_level=True)

FOCUS = "rgb(255, 221, 0)"
FOCUS_SELENIUM = ("rgb(255, 221, 0)", "rgba(255, 221, 0, 1)")  # selenium may say it either way


def by_id(driver, name):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, name)


def press_size(driver) -> None:
    from selenium.webdriver.common.by import By

    navigates(driver, driver.find_element(By.CSS_SELECTOR, "header button.size").click)


def is_big(driver) -> bool:
    from selenium.webdriver.common.by import By

    return "big" in (driver.find_element(By.TAG_NAME, "html").get_attribute("class") or "")


def reset(driver, server) -> None:
    driver.get(server.url + "text-size?size=normal&back=/")


LETTER = {"name": "张三", "phone": "13912345678", "address": "太原市小店区某街1号", "amount": "1280.50"}


def test_big_text_halfway_through_the_letter_keeps_everything_then_an_error_then_a_preview(browser, server):
    from selenium.webdriver.common.by import By

    width(browser, 360, 740)
    reset(browser, server)
    browser.get(server.url + "letter")
    for name, value in LETTER.items():
        by_id(browser, name).send_keys(value)
    by_id(browser, "summary").send_keys("第一行\n第二行")
    by_id(browser, "format-preview").click()
    press_size(browser)
    assert is_big(browser)

    def kept():
        for name, value in LETTER.items():
            assert by_id(browser, name).get_attribute("value") == value, name
        assert by_id(browser, "summary").get_attribute("value") == "第一行\n第二行"
        assert by_id(browser, "format-preview").is_selected()

    kept()
    by_id(browser, "incident_date").send_keys("2024-02-30")
    navigates(browser, browser.find_element(By.XPATH, '//button[normalize-space()="生成投诉信"]').click)
    assert "有 1 处需要改一改" in browser.page_source and is_big(browser)
    kept()
    date = by_id(browser, "incident_date")
    assert date.get_attribute("value") == "2024-02-30"
    date.clear()
    date.send_keys("2024-04-28")
    navigates(browser, browser.find_element(By.XPATH, '//button[normalize-space()="生成投诉信"]').click)
    text = browser.find_element(By.CSS_SELECTOR, "pre.letter").text
    assert "张三" in text and "第一行\n第二行" in text and "2024年4月28日" in text
    downloads = [b.text for b in browser.find_elements(By.CSS_SELECTOR, 'button[name="download"]')]
    assert downloads == ["下载 Word 文件（.docx）", "下载文本文件（.txt）"]
    kept()
    press_size(browser)  # and back to the normal size: still all there
    assert not is_big(browser)
    kept()
    reset(browser, server)


def test_big_text_on_the_deadline_form_keeps_the_dates_and_enter_still_computes(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    width(browser, 360, 740)
    reset(browser, server)
    browser.get(server.url + "deadline")
    filed = by_id(browser, "filed")
    assert filed.get_attribute("inputmode") == "numeric"
    filed.send_keys("20240506")
    press_size(browser)
    assert is_big(browser) and browser.find_element(By.TAG_NAME, "h1").text == "算期限"
    assert by_id(browser, "filed").get_attribute("value") == "20240506"
    # Enter in a date field sends the form (the page's first button is the form's), not the 大字 switch
    navigates(browser, lambda: by_id(browser, "filed").send_keys(Keys.ENTER))
    assert browser.find_element(By.TAG_NAME, "h1").text == "各个期限" and is_big(browser)
    reset(browser, server)


def test_big_text_on_a_question_keeps_the_ticked_answer(browser, server):
    from selenium.webdriver.common.by import By

    width(browser, 360, 740)
    reset(browser, server)
    browser.get(server.url + "choose")
    browser.find_element(By.XPATH, '//label[normalize-space()="医保报销有争议"]').click()
    press_size(browser)
    assert is_big(browser)
    label = browser.find_element(By.XPATH, '//label[normalize-space()="医保报销有争议"]')
    assert by_id(browser, label.get_attribute("for")).is_selected()
    # in 大字 at 360 x 740 the question and its first options are on the first screen
    first = browser.execute_script("""
        const h1 = document.querySelector('h1').getBoundingClientRect();
        const labels = [...document.querySelectorAll('.radio label')].map(l => l.getBoundingClientRect().bottom);
        return [h1.top, labels.filter(b => b <= window.innerHeight).length, window.innerHeight];""")
    assert first[2] == 740 and first[0] >= 0 and first[1] >= 3, first
    navigates(browser, browser.find_element(By.XPATH, '//button[normalize-space()="继续"]').click)
    navigates(browser, browser.find_element(By.CSS_SELECTOR, ".flow-nav .back").click)  # 返回: the answer still ticked
    label = browser.find_element(By.XPATH, '//label[normalize-space()="医保报销有争议"]')
    assert by_id(browser, label.get_attribute("for")).is_selected()
    navigates(browser, browser.find_element(By.CSS_SELECTOR, ".flow-nav .restart").click)
    assert browser.current_url == server.url
    reset(browser, server)


def test_the_keyboard_alone_fills_and_previews_the_letter(browser, server):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    width(browser, 1280)
    reset(browser, server)
    browser.get(server.url + "letter")

    def press(*keys):
        ActionChains(browser).send_keys(*keys).perform()

    def tab_to(test, limit=60):
        for _ in range(limit):
            press(Keys.TAB)
            el = browser.switch_to.active_element
            if test(el):
                return el
        raise AssertionError("Tab never reached it")

    tab_to(lambda el: el.get_attribute("id") == "name")
    press("李四")
    tab_to(lambda el: el.get_attribute("id") == "phone")
    press("0351-1234567")
    radio = tab_to(lambda el: el.get_attribute("type") == "radio")
    assert radio.value_of_css_property("outline-style") != "none"
    while browser.switch_to.active_element.get_attribute("id") != "format-preview":
        press(Keys.ARROW_DOWN)
    button = tab_to(lambda el: el.tag_name == "button")
    assert button.text == "生成投诉信" and button.value_of_css_property("background-color") in FOCUS_SELENIUM
    navigates(browser, lambda: press(Keys.ENTER))
    text = browser.find_element(By.CSS_SELECTOR, "pre.letter").text
    assert "李四" in text and "0351-1234567" in text
    download = tab_to(lambda el: el.get_attribute("name") == "download")
    assert download.value_of_css_property("background-color") in FOCUS_SELENIUM


# (page, CSS selector, what it is): one of each style of button and link a person can reach
CONTROLS = [
    ("/", ".button.start", "a start button"),
    ("/", "header button.size", "the 大字 switch"),
    ("/", "header .brand", "the site's name"),
    ("/", ".foot a", "a footer link"),
    ("/", ".links a", "a list link"),
    ("/faq", "form.search button.button", "a plain button"),
    ("/choose/result?answer=problem:reimbursement-dispute&answer=decision-written:not-written&answer=tried-before:first-time&answer=situation:urgent-or-simple",
     ".panel .button.secondary", "the call button in the grey panel"),
    ("/choose/result?answer=problem:fraud", "button.print", "the print button"),
    ("/choose/result?answer=problem:fraud", "details.answers summary", "a summary"),
    ("/choose/result?answer=problem:fraud", ".flow-nav .restart", "重新开始"),
    ("/deadline?filed=2024-05-06&today=2024-05-20", "a.button.secondary", "the calendar download"),
    ("/deadline?filed=2024-05-06&today=2024-05-20", "button.button.start", "the form's button"),
]
BUTTONS = (".button", "header .size")


def _luminance(rgb: str) -> float:
    parts = [float(x) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    lin = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


STYLE = """
    const el = arguments[0], s = getComputedStyle(el);
    let up = el.parentElement, behind = 'rgb(255, 255, 255)';
    while (up) { const bg = getComputedStyle(up).backgroundColor;
      if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') { behind = bg; break; } up = up.parentElement; }
    return {background: s.backgroundColor, color: s.color, shadow: s.boxShadow, outline: s.outlineStyle + s.outlineColor,
            border: s.borderTopWidth + ' ' + s.borderTopColor, behind: behind, focused: el.matches(':focus-visible')};"""


@pytest.mark.parametrize("pixels", [360, 1280])
def test_every_style_of_button_and_link_shows_its_focus_and_buttons_look_like_buttons(browser, server, pixels):
    from selenium.webdriver.common.by import By

    width(browser, pixels)
    reset(browser, server)
    problems = []
    for path, selector, what in CONTROLS:
        browser.get(server.url.rstrip("/") + path)
        el = browser.find_element(By.CSS_SELECTOR, selector)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); document.activeElement.blur();", el)
        before, shot = browser.execute_script(STYLE, el), el.screenshot_as_png
        browser.execute_script("arguments[0].focus()", el)
        after, focused_shot = browser.execute_script(STYLE, el), el.screenshot_as_png
        if not after["focused"] or after["background"] != FOCUS or after["shadow"] == "none" or focused_shot == shot:
            problems.append((what, "focus not seen", before, after))
        if browser.execute_script(f"return arguments[0].matches({', '.join(BUTTONS)!r})", el):
            width_px, colour = before["border"].split(" ", 1)
            edge = colour if float(width_px.rstrip("px")) >= 2 else before["background"]
            if contrast(edge, before["behind"]) < 3:
                problems.append((what, "does not stand out as a button", before))
    reset(browser, server)
    assert not problems, problems


@pytest.mark.parametrize("size", [(360, 740), (320, 568)])
def test_letter_counts_a_long_complaint_and_big_text_keeps_it_whole(browser, server, size):
    from selenium.webdriver.common.by import By

    width(browser, *size)
    reset(browser, server)
    browser.get(server.url + "letter")
    summary = by_id(browser, "summary")
    most = int(summary.get_attribute("maxlength"))
    counter = by_id(browser, "summary-count")
    assert counter.is_displayed() and f"最多 {most} 字" in counter.text
    long = "经" * 2500 + "最后是诉求"
    browser.execute_script("arguments[0].value = arguments[1];"
                           "arguments[0].dispatchEvent(new Event('input'));", summary, long)
    assert f"已写 {len(long)} 字，最多 {most} 字" in counter.text
    by_id(browser, "name").send_keys("张三")
    by_id(browser, "format-preview").click()
    press_size(browser)  # 大字: the whole text comes back
    assert is_big(browser) and by_id(browser, "summary").get_attribute("value") == long
    navigates(browser, browser.find_element(By.XPATH, '//button[normalize-space()="生成投诉信"]').click)
    assert "最后是诉求" in browser.find_element(By.CSS_SELECTOR, "pre.letter").text
    reset(browser, server)


@pytest.mark.parametrize("big", [False, True])
def test_home_start_button_is_above_the_fold_on_a_small_phone(browser, server, big):
    from selenium.webdriver.common.by import By

    width(browser, 320, 568)
    browser.get(server.url + ("text-size?size=big&back=/" if big else "text-size?size=normal&back=/"))
    assert is_big(browser) == big
    start = browser.find_element(By.CSS_SELECTOR, "a.button.start")
    bottom = browser.execute_script("return arguments[0].getBoundingClientRect().bottom", start)
    assert bottom <= browser.execute_script("return window.innerHeight"), bottom
    reset(browser, server)


def test_an_error_page_from_the_letter_form_goes_back_to_the_form_with_what_was_typed(browser, server):
    from selenium.webdriver.common.by import By

    width(browser, 360, 740)
    reset(browser, server)
    browser.get(server.url + "letter")
    by_id(browser, "name").send_keys("张三")
    by_id(browser, "summary").send_keys("第一行")
    # more than any form may send (the page's maxlength stops typing, not a script)
    browser.execute_script("document.getElementById('evidence').value = '票'.repeat(20000)")
    navigates(browser, browser.find_element(By.XPATH, '//button[normalize-space()="生成投诉信"]').click)
    assert "内容太长" in browser.page_source
    navigates(browser, browser.find_element(By.LINK_TEXT, "返回").click)
    assert browser.current_url.endswith("/letter")
    # the browser gives back the long texts; the short fields are autocomplete="off" (nothing kept on
    # an office computer), so Chromium does not restore them, and the page says to look at them again
    assert by_id(browser, "summary").get_attribute("value") == "第一行"
    assert by_id(browser, "evidence").get_attribute("value") == "票" * 20000
