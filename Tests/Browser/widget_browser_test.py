#!/usr/bin/env python3
"""Drives the chat widget on faqbot's demo page in headless Chromium (selenium).

Usage: widget_browser_test.py URL [--screenshot PATH] [--chromium PATH] [--chromedriver PATH]

Opens URL (a running `faqbot serve --http-port N`), asks about healing, clicks a "did you mean"
chip, starts a booking, reloads the page and checks the conversation and the booking form go on,
completes the booking, and checks the browser logged no Content-Security-Policy violation or error.
Prints one line per step; exits 1 with the reason on the first failure.
"""
import argparse
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

DEADLINE = 20  # seconds any one step may take


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--screenshot")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()

    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,800",
                 "--lang=en-US", "--disable-gpu"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(args.chromedriver), options=options)
    logs = []
    try:
        run(driver, args, logs)
    except (AssertionError, TimeoutException) as failure:
        print("FAIL:", failure or type(failure).__name__)
        print("browser log:", logs + driver.get_log("browser"))
        return 1
    finally:
        driver.quit()
    print("PASS: the widget works in headless Chromium")
    return 0


def wait(driver, condition, what):
    try:
        return WebDriverWait(driver, DEADLINE, poll_frequency=0.05).until(lambda d: condition(d))
    except TimeoutException:
        raise AssertionError("timed out waiting for " + what)


def bot_texts(driver):
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".fqb-bot .fqb-text")]


def ask(driver, text, expect, what):
    before = len(bot_texts(driver))
    field = driver.find_element(By.CSS_SELECTOR, ".fqb-input")
    field.send_keys(text)
    field.send_keys(Keys.ENTER)
    wait(driver, lambda d: len(bot_texts(d)) > before, "a reply to " + repr(text))
    reply = bot_texts(driver)[-1]
    assert expect in reply, f"{what}: expected {expect!r} in the reply to {text!r}, got {reply!r}"
    print("ok:", what)
    return reply


def online(driver):
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".fqb-root").get_attribute("data-state") == "online",
         "the widget to show it is online")


def run(driver, args, logs):
    driver.get(args.url)
    launcher = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".fqb-launcher"), "the launcher button")
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    online(driver)
    wait(driver, lambda d: bot_texts(d), "the welcome")
    assert driver.switch_to.active_element.get_attribute("class") == "fqb-input", "focus did not move into the panel"
    assert driver.find_element(By.CSS_SELECTOR, ".fqb-log").get_attribute("role") == "log"
    print("ok: the panel opens, connects and greets; focus is in the input")

    ask(driver, "how long does it take to heal?", "2 weeks", "a question about healing is answered")
    source = driver.find_elements(By.CSS_SELECTOR, ".fqb-bot .fqb-source")[-1].text
    assert "heal" in source.lower(), f"the answer's source is not shown: {source!r}"

    ask(driver, "hair growth", "not sure", "a vague question gets a 'did you mean'")
    chips = driver.find_elements(By.CSS_SELECTOR, ".fqb-chip")
    assert len(chips) >= 2, f"expected suggestion chips, found {len(chips)}"
    if args.screenshot:
        driver.save_screenshot(args.screenshot)
    title = chips[0].text
    before = len(bot_texts(driver))
    chips[0].click()
    wait(driver, lambda d: len(bot_texts(d)) > before, "the answer to the chip")
    assert driver.find_elements(By.CSS_SELECTOR, ".fqb-patient .fqb-text")[-1].text == title
    assert not driver.find_elements(By.CSS_SELECTOR, ".fqb-chip"), "used chips should disappear"
    print("ok: clicking the chip", repr(title), "answers it")

    ask(driver, "/book", "name", "booking starts")
    ask(driver, "Asha Rao", "phone", "the form asks for a phone number")
    field = driver.find_element(By.CSS_SELECTOR, ".fqb-input")
    assert field.get_attribute("type") == "tel", "the phone question should give a tel input"

    count = len(bot_texts(driver))
    driver.refresh()
    wait(driver, lambda d: len(bot_texts(d)) == count, "the conversation to be shown again after the reload")
    online(driver)
    print("ok: after a reload the conversation is shown again and the widget reconnects")
    ask(driver, "+91 98765 43210", "day", "the booking form continues after the reload")
    field = driver.find_element(By.CSS_SELECTOR, ".fqb-input")
    assert field.get_attribute("type") == "date", "the date question should give a date input"
    # chromedriver cannot type into a date input of headless Chromium (its value stays empty), so the
    # date is picked as the browser's date picker would: the value is set and an input event fired.
    value = driver.execute_script(
        "var d = new Date(); d.setDate(d.getDate() + 7); while (d.getDay() === 0) d.setDate(d.getDate() + 1);"
        "var f = arguments[0]; f.valueAsDate = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));"
        "f.dispatchEvent(new Event('input', {bubbles: true})); return f.value;", field)
    assert value, "the date input took no value"
    before = len(bot_texts(driver))
    field.send_keys(Keys.ENTER)
    wait(driver, lambda d: len(bot_texts(d)) > before, "the reply to the date")
    reply = bot_texts(driver)[-1]
    if "time" not in reply.lower():
        raise AssertionError(f"the date {value} was not taken: {reply!r}")
    print("ok: the date input's value", value, "is taken")
    reply = ask(driver, "morning", "", "the time is taken")
    if "note" in reply.lower() or "anything" in reply.lower():
        ask(driver, "no", "", "no note")
    chips = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".fqb-chip"), "Yes/No chips to confirm")
    before = len(bot_texts(driver))
    [chip for chip in chips if chip.text == "Yes"][0].click()
    wait(driver, lambda d: len(bot_texts(d)) > before, "the booking's confirmation")
    booked = driver.find_elements(By.CSS_SELECTOR, ".fqb-bot")[-1]
    assert "fqb-kind-booked" in booked.get_attribute("class"), f"not booked: {booked.text!r}"
    print("ok: the booking is confirmed:", booked.text.splitlines()[0][:80])

    ask(driver, "what is the cost?", "", "another question after booking")
    ask(driver, "i want to end my life", "14416", "a crisis line gets the helpline")
    alert = driver.find_elements(By.CSS_SELECTOR, ".fqb-bot")[-1]
    assert "fqb-alert" in alert.get_attribute("class"), "a crisis reply should stand out"
    assert driver.find_element(By.CSS_SELECTOR, ".fqb-log").get_attribute("aria-live") == "polite"
    print("ok: the crisis reply is shown prominently")
    logs.extend(driver.get_log("browser"))
    problems = [entry for entry in logs if "Content Security Policy" in entry.get("message", "")
                or entry.get("level") == "SEVERE"]
    assert not problems, f"the browser logged: {problems}"
    print("ok: no CSP violation or error in the browser's console")

    escape_closes(driver)
    phone_sized(driver)


def phone_sized(driver):
    driver.set_window_size(390, 760)
    driver.find_element(By.CSS_SELECTOR, ".fqb-launcher").click()
    panel = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".fqb-panel"), "the panel")
    wait(driver, lambda d: panel.is_displayed(), "the panel to open")
    width, height = driver.execute_script("return [window.innerWidth, window.visualViewport.height]")
    size = panel.size
    assert abs(size["width"] - width) <= 1 and abs(size["height"] - height) <= 1, \
        f"on a phone-sized screen the panel should fill the viewport {width}x{height}, not {size}"
    print("ok: on a phone-sized screen the panel fills the visible viewport")


def escape_closes(driver):
    driver.find_element(By.CSS_SELECTOR, ".fqb-input").send_keys(Keys.ESCAPE)
    wait(driver, lambda d: not d.find_element(By.CSS_SELECTOR, ".fqb-panel").is_displayed(), "Esc to close the panel")
    assert driver.switch_to.active_element.get_attribute("class") == "fqb-launcher", "focus did not return to the launcher"
    print("ok: Esc closes the panel and focus returns to the launcher")


if __name__ == "__main__":
    sys.exit(main())
