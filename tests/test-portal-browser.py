#!/usr/bin/python3
# test-portal-browser.py: the web portal in a real browser
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Chromium headless through Selenium against a real lotse-server with the
# portal, filled by lotse-cli as in test-portal.py. As a partner would:
# a page behind sign-in sends the browser to the sign-in form; sign in by
# the labelled fields; open every page through its links; search the
# knowledge base; download each PDF and read it with pdftotext; sign out,
# after which the portfolio sends to the sign-in again. Every wait is for
# a condition, never for a time.
#
# With LOTSE_SCREENSHOTS=DIR it also saves each page in English and German
# at 1280 and 360 px wide, for a person to look at.
#
# Skips (77) only when chromium or its driver is missing.

import os
import shutil
import subprocess
import sys
import tempfile

from portal_fixture import PASSWORD, add_users, fill, location, start_server

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
if CHROMIUM is None or DRIVER is None:
    print("SKIP: chromium and chromium-driver are not installed (build-aux/install-deps.sh installs them)")
    sys.exit(77)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

failures = 0
SHOTS = os.environ.get("LOTSE_SCREENSHOTS")


def check(condition, what):
    global failures
    print(("ok " if condition else "FAIL ") + what)
    if not condition:
        failures += 1


def browser(lang, downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--lang={lang}", "--window-size=1280,900"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "intl.accept_languages": lang,
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
    })
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return driver


def wait(driver, condition, seconds=60):
    return WebDriverWait(driver, seconds).until(lambda d: condition(d))


def sign_in(driver, base):
    driver.get(base + "/portal/")
    wait(driver, lambda d: d.current_url.endswith("/portal/login"))
    driver.find_element(By.ID, "user").send_keys("reader")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
    wait(driver, lambda d: d.current_url.endswith("/portal/"))


def link_of(driver, fragment):
    links = [a.get_attribute("href") for a in driver.find_elements(By.TAG_NAME, "a")]
    return next((href for href in links if fragment in href), None)


def visit(driver, url, name, lang, shots):
    driver.get(url)
    heading = wait(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text)
    check(bool(heading), f"{lang} {name}: has a heading")
    shots[name] = url
    return heading


def walk(driver, base, lang):
    """Opens each page through the links a person follows."""
    shots = {}
    visit(driver, base + "/portal/", "portfolio", lang, shots)
    project = link_of(driver, "/portal/project/")
    visit(driver, project, "project", lang, shots)
    visit(driver, base + "/portal/meetings", "meetings", lang, shots)
    visit(driver, link_of(driver, "/portal/meetings/"), "series", lang, shots)
    meeting = link_of(driver, "/portal/meeting/")
    visit(driver, meeting, "meeting", lang, shots)
    visit(driver, base + "/portal/registers", "registers", lang, shots)
    visit(driver, base + "/portal/knowledge", "knowledge", lang, shots)
    visit(driver, link_of(driver, "/portal/article/"), "article", lang, shots)
    return shots


def search(driver, base):
    driver.get(base + "/portal/knowledge")
    field = wait(driver, lambda d: d.find_element(By.ID, "q"))
    field.send_keys("buergerportal")
    driver.find_element(By.CSS_SELECTOR, "form[role=search] button").click()
    wait(driver, lambda d: "Bürgerportal OWL" in d.find_element(By.CSS_SELECTOR, "ul.results").text)
    check(True, "search finds “Bürgerportal OWL” for “buergerportal”")


def download(driver, downloads, href, what):
    before = set(os.listdir(downloads))
    driver.get(href)

    def finished(d):
        new = [n for n in set(os.listdir(downloads)) - before if n.endswith(".pdf")]
        return new[0] if new else None

    name = wait(driver, finished)
    text = subprocess.run(["pdftotext", os.path.join(downloads, name), "-"],
                          capture_output=True, text=True).stdout
    check(len(text.strip()) > 20, f"{what}: {name} read back by pdftotext")


def download_pdfs(driver, base, downloads):
    driver.get(base + "/portal/")
    download(driver, downloads, link_of(driver, "/portal/pdf/milestones"), "milestone overview")
    driver.get(base + "/portal/meetings")
    series = [link_of(driver, "/portal/meetings/")]
    driver.get(series[0])
    meetings = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='/portal/meeting/']")]
    held = None
    for meeting in meetings:
        driver.get(meeting)
        if link_of(driver, "/portal/pdf/minutes/"):
            held = meeting
            break
    check(held is not None, "a held meeting offers its minutes")
    download(driver, downloads, link_of(driver, "/portal/pdf/agenda/"), "agenda")
    download(driver, downloads, link_of(driver, "/portal/pdf/minutes/"), "minutes")


def sign_out(driver, base):
    driver.find_element(By.CSS_SELECTOR, "header form button").click()
    wait(driver, lambda d: d.current_url.endswith("/portal/login"))
    driver.get(base + "/portal/")
    wait(driver, lambda d: d.current_url.endswith("/portal/login"))
    check(True, "signed out, the portfolio sends to the sign-in")


def screenshots(driver, shots, lang):
    for width in (1280, 360):
        for name, url in shots.items():
            driver.set_window_size(width, 900)
            driver.get(url)
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(height + 120, 6000))
            driver.save_screenshot(os.path.join(SHOTS, f"portal-{lang}-{width}-{name}.png"))
        driver.set_window_size(1280, 900)


def main():
    tmp = tempfile.mkdtemp(prefix="lotse-portal-browser-")
    location_args = location(tmp)
    server = None
    drivers = []
    try:
        add_users(location_args)
        server, port = start_server(location_args)
        base = f"http://127.0.0.1:{port}"
        fill(os.path.join(tmp, "client.db"), base)

        for lang in ("en", "de"):
            downloads = os.path.join(tmp, "downloads-" + lang)
            os.makedirs(downloads)
            driver = browser(lang, downloads)
            drivers.append(driver)
            sign_in(driver, base)
            shots = walk(driver, base, lang)
            check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang,
                  f"the pages are in {lang}")
            if SHOTS:
                screenshots(driver, shots, lang)
            if lang == "en":
                search(driver, base)
                download_pdfs(driver, base, downloads)
            sign_out(driver, base)
    finally:
        for driver in drivers:
            driver.quit()
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
