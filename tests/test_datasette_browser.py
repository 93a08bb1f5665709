"""A real headless Chromium, driven by Selenium, from the search box to a facet to one report.

Needs Debian's `chromium` and `chromium-driver` (or any Chromium and
chromedriver on PATH); skipped with that reason when they are missing.
"""

from __future__ import annotations

import shutil
import tempfile

import pytest

from .datasette_server import Datasette, build_database

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="no Chromium and chromedriver on PATH (apt-get install chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="chromium-")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                 f"--user-data-dir={profile}", "--lang=zh-CN"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ds = Datasette(build_database(tmp_path_factory.mktemp("browser")))
    yield ds
    ds.close()


def test_search_box_then_facet_then_one_report(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{server.base}/reports/reports")
    box = browser.find_element(By.CSS_SELECTOR, 'input[name="_search"]')
    box.send_keys("领导小组", Keys.ENTER)
    assert "领导小组" in browser.current_url or "%E9%A2%86" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, 'input[name="_search"]').get_attribute(
        "value") == "领导小组"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert len(rows) >= 5

    facet = browser.find_element(By.PARTIAL_LINK_TEXT, "河北省张家口市")
    facet.click()
    assert browser.find_element(By.CSS_SELECTOR, 'input[name="_search"]').get_attribute(
        "value") == "领导小组"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    assert 1 <= len(rows) <= 5
    assert all("河北省张家口市" in row.text for row in rows)

    rows[0].find_element(By.CSS_SELECTOR, "td.col-id a").click()
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "河北省张家口市" in page and "meeting_chair" in page
