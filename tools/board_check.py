#!/usr/bin/env python3
"""The CI check of the status board in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`, driven by selenium) against a fresh `switchyard serve --demo`.

It checks what a person would: the page shell, stylesheet and script are served without a token, each with its
content type and a Content-Security-Policy, and an unknown asset is 404; signing in by pasting the token (with the
keyboard) shows the five demo units with their cost weights (30/21/19/17/13); on sd21's page, a capacity signal posted
through the API shows up as a switch on the timeline within a few seconds, without a reload, and the model's
configuration reads `capacity`; in a narrow window nothing spills sideways out of the page; and the browser console
has no errors. It saves screenshots under .build/artifacts (board.png, board-narrow.png); with --docs-screenshot it
also writes docs/board.png, the README's.

Usage: tools/board_check.py [path/to/switchyard] [--docs-screenshot]
"""
import argparse
import json
import os
import shutil
import sys
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from demo_service import DemoService

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = "sy_board_check_admin_token_0123456789"
DEMO_WEIGHTS = {"sd21-inf2": 30, "sd21-trn1": 21, "sd21-g5-triton": 19, "sd21-g6-triton": 17, "sd21-g5-cuda": 13}
ASSETS = {"/ui": "text/html", "/ui/board.js": "text/javascript", "/ui/board.css": "text/css", "/ui/favicon.svg": "image/svg+xml"}
SWITCH_WITHIN = 10.0


def fail(message):
    sys.exit("board check FAILED: " + message)


def check_assets(base):
    for path, content_type in ASSETS.items():
        with urllib.request.urlopen(base + path, timeout=10) as response:
            headers = response.headers
            if not headers.get("Content-Type", "").startswith(content_type):
                fail(f"{path} is served as {headers.get('Content-Type')}, not {content_type}")
            policy = headers.get("Content-Security-Policy", "")
            if "default-src 'self'" not in policy or "'unsafe-inline'" in policy:
                fail(f"{path} has no strict Content-Security-Policy: {policy!r}")
    try:
        urllib.request.urlopen(base + "/ui/nothing-here.js", timeout=10)
        fail("an unknown asset was served")
    except urllib.error.HTTPError as error:
        if error.code != 404:
            fail(f"an unknown asset answered {error.code}, not 404")
    print("assets: shell, script, stylesheet and icon served without a token, with their types and the CSP; unknown is 404")


def post_signal(base):
    request = urllib.request.Request(
        base + "/v1/capacity-signals", method="POST",
        data=json.dumps({"pool": "amd-neuron", "condition": "short", "reason": "InsufficientCapacityError"}).encode(),
        headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 202:
            fail(f"the capacity signal answered {response.status}")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1100"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def wait_for(description, condition, timeout):
    deadline = time.time() + timeout
    last_error = None
    while time.time() < deadline:
        try:
            value = condition()
            if value:
                return value
        except WebDriverException as error:
            last_error = error
        time.sleep(0.1)
    fail(f"{description} within {timeout:.0f} s" + (f" ({last_error.msg})" if last_error else ""))


def fleet_weights(driver):
    """Per unit on sd21's fleet card, the weight in force as the page shows it."""
    rows = driver.find_elements(By.CSS_SELECTOR, 'article[data-model="sd21"] tbody tr')
    weights = {}
    for row in rows:
        cells = row.find_elements(By.TAG_NAME, "td")
        if len(cells) >= 2:
            weights[cells[0].text.strip()] = int(cells[1].text.strip())
    return weights


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", nargs="?", default=os.path.join(ROOT, ".build/debug/switchyard"))
    parser.add_argument("--docs-screenshot", action="store_true", help="also write docs/board.png")
    arguments = parser.parse_args()
    artifacts = os.path.join(ROOT, ".build", "artifacts")
    os.makedirs(artifacts, exist_ok=True)

    with DemoService(os.path.abspath(arguments.binary), TOKEN) as service:
        base = service.base_url
        check_assets(base)
        driver = browser()
        try:
            driver.get(base + "/ui")
            field = wait_for("the sign-in field", lambda: driver.find_element(By.ID, "token"), 10)
            if driver.switch_to.active_element != field:
                fail("the sign-in field does not have the keyboard focus")
            field.send_keys(TOKEN, Keys.ENTER)
            weights = wait_for("the five demo units on the fleet overview",
                               lambda: (lambda w: w if len(w) == 5 else None)(fleet_weights(driver)), 15)
            if weights != DEMO_WEIGHTS:
                fail(f"the fleet overview shows weights {weights}, not {DEMO_WEIGHTS}")
            print("fleet: " + ", ".join(f"{unit} {weight}" for unit, weight in weights.items()))
            if driver.execute_script("return sessionStorage.getItem('switchyard.token')") != TOKEN:
                fail("the token is not kept in sessionStorage")
            if driver.execute_script("return localStorage.length") != 0:
                fail("something was written to localStorage")

            # To sd21's page by keyboard, as a person without a mouse would.
            link = driver.find_element(By.CSS_SELECTOR, 'article[data-model="sd21"] h3 a')
            link.send_keys(Keys.ENTER)
            wait_for("sd21's page", lambda: driver.find_element(By.ID, "view-model").is_displayed()
                     and "sd21" in driver.find_element(By.ID, "model-title").text, 10)
            wait_for("sd21's units", lambda: len(driver.find_elements(By.CSS_SELECTOR, "#model-units tbody tr")) >= 5, 10)
            if driver.find_elements(By.CSS_SELECTOR, '#model-timeline li[data-action="switch"]'):
                fail("the timeline shows a switch before any shortage")

            driver.execute_script("window.boardCheckNoReload = true")
            post_signal(base)
            posted = time.time()
            wait_for("a switch on sd21's timeline",
                     lambda: driver.find_elements(By.CSS_SELECTOR, '#model-timeline li[data-action="switch"]'), SWITCH_WITHIN)
            seen = time.time() - posted
            if not driver.execute_script("return window.boardCheckNoReload === true"):
                fail("the page was reloaded")
            wait_for("the configuration reading capacity",
                     lambda: "capacity" in driver.find_element(By.ID, "model-summary").text, 5)
            print(f"timeline: the switch appeared {seen:.1f} s after the capacity signal was posted, without a reload")

            driver.find_element(By.CSS_SELECTOR, '#nav a[href="#/fleet"]').send_keys(Keys.ENTER)
            wait_for("the fleet overview at capacity",
                     lambda: "capacity" in driver.find_element(By.CSS_SELECTOR, 'article[data-model="sd21"]').text, 10)
            time.sleep(0.5)
            screenshot = os.path.join(artifacts, "board.png")
            driver.save_screenshot(screenshot)
            print("screenshot: " + os.path.relpath(screenshot, ROOT))

            driver.set_window_size(400, 900)
            time.sleep(0.5)
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 1:
                fail(f"in a 400 px wide window the page is {overflow} px wider than the window")
            driver.save_screenshot(os.path.join(artifacts, "board-narrow.png"))
            print("narrow window: nothing wider than 400 px")

            errors = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
            if errors:
                fail("console errors:\n" + "\n".join(entry.get("message", "") for entry in errors))
            print("console: no errors")
        finally:
            driver.quit()

    if arguments.docs_screenshot:
        shutil.copyfile(os.path.join(artifacts, "board.png"), os.path.join(ROOT, "docs", "board.png"))
        print("docs/board.png written")
    print("board check passed")


if __name__ == "__main__":
    main()
