"""Browser tests: Debian's Chromium (headless, via Playwright) against `letopis serve` on the sample corpus.

Screenshots go to `screenshots/` at the repository root (gitignored) for review.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .conftest import HOSTILE_TEXT

pytestmark = pytest.mark.slow

CHROMIUM = Path(os.environ.get("LETOPIS_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(sample_db):
    """`letopis serve` in a subprocess on a free localhost port; yields its base URL."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    port = _free_port()
    env = {**os.environ, "LETOPIS_TOKEN": ""}
    cmd = [sys.executable, "-c", "from letopis.cli import main; main()", "serve", "--db", sample_db,
           "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode(errors="replace") if proc.poll() is not None else ""
                pytest.fail(f"letopis serve did not start: {err[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def full_shot(page, name: str) -> None:
    """A full-page screenshot taken from the top (sticky headers stay where they belong)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / name), full_page=True)


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport=LAPTOP, locale="ru-RU")
    pg = ctx.new_page()
    pg.errors = []  # console errors and page errors: a working page has none
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    ctx.close()


def test_home(page, server):
    page.goto(server + "/")
    assert page.locator(".pair-card").count() >= 5
    assert page.locator(".pair-card", has_text="Казахстан — Таджикистан").count() == 1
    full_shot(page, "home.png")
    page.set_viewport_size(PHONE)
    full_shot(page, "home-phone.png")
    assert page.errors == []


def test_dossier_chart_and_timeline(page, server):
    page.goto(server + "/pairs/KZ/TJ")
    chart = page.locator("figure.chart", has_text="Товарооборот").first
    chart.wait_for()
    svg = chart.locator("svg.chart-svg")
    assert svg.bounding_box()["width"] > 300
    actual = [float(v) for v in svg.locator("a.pt-actual").evaluate_all("els => els.map(e => e.dataset.value)")]
    assert 2.1e9 in actual and 1.5e9 in actual
    target = svg.locator("a.pt-target")
    assert target.count() >= 1 and float(target.first.get_attribute("data-value")) == 2e9
    assert svg.locator("text.pt-label", has_text="2,1 млрд").count() >= 1
    assert svg.locator("line.target-line").count() >= 1
    # the 2.1 bn point is drawn above the 1.5 bn point (bigger values higher on the chart)
    y21 = svg.locator('a.pt-actual[data-value="2100000000.0"] circle').bounding_box()["y"]
    y15 = svg.locator('a.pt-actual[data-value="1500000000.0"] circle').bounding_box()["y"]
    assert y21 < y15
    items = page.locator("#timeline .tl-item")
    assert items.count() >= 5
    dates = items.evaluate_all("els => els.map(e => e.dataset.date).filter(Boolean)")
    assert dates == sorted(dates) and dates[0].startswith("2022")
    assert page.locator("#commitments .badge", has_text="выполнено").count() >= 1
    full_shot(page, "dossier.png")
    chart.screenshot(path=str(SHOTS / "dossier-chart.png"))
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SHOTS / "dossier-phone.png"), full_page=False)
    assert page.errors == []


def test_document_click_figure_reaches_evidence(page, server):
    page.goto(server + "/documents/kz-tj-2023-08-forum")
    fig = page.locator("button.fact.f-figure", has_text="2 млрд").first
    fig.wait_for()
    token = fig.get_attribute("data-token")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    fig.click()
    flashed = page.locator("#article .flash")
    flashed.first.wait_for()
    tokens = flashed.evaluate_all("els => els.map(e => e.dataset.f)")
    assert all(token in t.split() for t in tokens)
    text = "".join(flashed.all_inner_texts())
    assert "2 миллиардов долларов" in text
    page.wait_for_function(
        "() => { const r = document.querySelector('#article .flash').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }", timeout=5000)
    assert "active" in fig.get_attribute("class")
    page.screenshot(path=str(SHOTS / "document-figure-clicked.png"))
    page.set_viewport_size(PHONE)
    page.reload()
    page.locator("#article").wait_for()
    page.screenshot(path=str(SHOTS / "document-phone.png"))
    assert page.errors == []


def test_evidence_link_from_dossier_lands_on_the_passage(page, server):
    page.goto(server + "/pairs/KZ/TJ")
    page.locator("a.pt-actual[data-value='2100000000.0']").first.click()
    page.wait_for_url("**/documents/*")
    target = page.locator("#article .k-target")
    target.first.wait_for()
    assert "2,1 миллиарда" in "".join(target.all_inner_texts())
    page.wait_for_function(
        "() => { const r = document.querySelector('#article .k-target').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }", timeout=5000)
    page.screenshot(path=str(SHOTS / "document-from-chart.png"))


def test_analyse_pasted_article(page, server):
    page.goto(server + "/analyse")
    text = ("Президент Узбекистана Шавкат Мирзиёев провел переговоры с президентом Кыргызстана Садыром Жапаровым "
            "в Бишкеке. Стороны подписали соглашение о строительстве железной дороги. «Мы намерены довести "
            "товарооборот до 5 миллиардов долларов к 2030 году», – заявил Мирзиёев.")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=published]", "2024-09-15")
    page.click("form.analyse-form button[type=submit]")
    page.locator("#article").wait_for()
    assert page.locator("#article").inner_text().strip() == text
    assert page.locator("#article .k-entity").count() >= 3
    people = page.locator("button.fact.f-entity").all_inner_texts()
    assert any("Мирзиёев" in p for p in people)
    page.locator("button.fact.f-entity", has_text="Мирзиёев").first.click()
    page.locator("#article .flash").first.wait_for()
    full_shot(page, "analyse.png")
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SHOTS / "analyse-phone.png"), full_page=False)
    assert page.errors == []


def test_hostile_markup_never_executes(page, server):
    page.goto(server + "/documents/hostile-1")
    page.locator("#article").wait_for()
    assert page.locator("#article").inner_text() == HOSTILE_TEXT.rstrip("\n") or \
        page.locator("#article").inner_text() == HOSTILE_TEXT
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#article script, #article img, #article a, h1 img, h1 b").count() == 0
    for link in page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href') || '')"):
        assert not link.lower().startswith("javascript")
    # lists that show the hostile title and source
    for url in ("/", "/documents", "/search?q=Пашинян", "/pairs/AM/GE"):
        page.goto(server + url)
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.locator("main img, main b, main i, main script").count() == 0, url
    # the same markup pasted into the analyse page
    page.goto(server + "/analyse")
    page.fill("textarea[name=text]", HOSTILE_TEXT)
    page.click("form.analyse-form button[type=submit]")
    page.locator("#article").wait_for()
    page.locator("#article .hl").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#article script, #article img, #article a").count() == 0
    full_shot(page, "hostile.png")
    assert not [e for e in page.errors if "dialog" in e]
