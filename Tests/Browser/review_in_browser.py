#!/usr/bin/python3
"""The interactive review in a real browser: headless Chromium driven by WebDriver (Selenium).

    review_in_browser.py REVIEW_DIR SCREENSHOT_DIR

REVIEW_DIR is a review of the real Hai Phong communes with the port channels and GeoData/
(written by run-browser-tests.sh). Checks: the page loads with no console error and no network
request; unchecking a layer hides its features; clicking a zone opens its facts; the search finds
"thuong hong" (Thượng Hồng); a 1400×900 screenshot shows the mainland filling the map. Prints one
line per check and "N passed, N failed"; exits 1 on any failure.
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

review, shots = sys.argv[1], sys.argv[2]
os.makedirs(shots, exist_ok=True)
page = "file://" + os.path.abspath(os.path.join(review, "index.html"))

options = Options()
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--disable-dev-shm-usage"]:
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
passed, failed = 0, 0
try:
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(1400, 900)
except Exception as error:  # no browser: one failure, said plainly
    print(f"FAIL  start headless Chromium: {error}")
    print("0 passed, 1 failed")
    sys.exit(1)


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name} {detail}")


try:
    driver.get(page)
    time.sleep(1.5)
    console = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    check("no console error or warning", not console, json.dumps(console)[:800])
    # Every request the page made: only the page itself (file://) and inline data: URIs are allowed.
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    outside = [u for u in requests if u != page and not u.startswith("data:")]
    check("no network request beyond the page", not outside, str(outside[:5]))

    # The map's layer switch: unchecking "Communes and wards" removes their paths.
    count = "return document.querySelectorAll('path.layer-communes').length"
    before = driver.execute_script(count)
    box = driver.find_element(By.CSS_SELECTOR, "#map-layers input[data-layer='communes']")
    driver.execute_script("arguments[0].scrollIntoView()", box)
    box.click()
    after = driver.execute_script(count)
    check("toggling the communes layer hides it", before >= 100 and after == 0, f"before {before}, after {after}")
    box.click()
    check("toggling it again shows it", driver.execute_script(count) == before)

    # Clicking the Specialized Economic Zone shows its facts, with a link to its table row.
    # A real mouse click on the screen point of a vertex-weighted centre of the zone (inside this one).
    map_element = driver.find_element(By.ID, "leaflet-map")
    driver.execute_script("arguments[0].scrollIntoView()", map_element)
    time.sleep(0.3)
    sez = """var m = window.zoneAtlasMap.map, shape = null;
        window.zoneAtlasMap.groups['zones-specialized_economic_zone'].eachLayer(function (l) { shape = l; });"""
    driver.execute_script(sez + "m.fitBounds(shape.getBounds(), {animate: false});")
    time.sleep(0.5)
    point = driver.execute_script(sez + """
        var p = m.latLngToContainerPoint(shape.getCenter()), r = m.getContainer().getBoundingClientRect();
        return [p.x - r.width / 2, p.y - r.height / 2];
    """)
    ActionChains(driver).move_to_element_with_offset(map_element, int(point[0]), int(point[1])).click().perform()
    time.sleep(0.5)
    popups = driver.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content .facts")
    text = popups[0].text if popups else ""
    check("clicking a zone shows its facts", "measured ha" in text and "chuyên biệt" in text, repr(text[:300]))
    links = driver.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content a.to-row")
    target = links[0].get_attribute("href").split("#")[-1] if links else ""
    check("the facts link to the zone's table row", bool(target) and bool(driver.find_elements(By.ID, target)), target)

    # The search folds Vietnamese diacritics.
    search = driver.find_element(By.ID, "map-search")
    driver.execute_script("arguments[0].scrollIntoView()", search)
    search.send_keys("thuong hong")
    time.sleep(0.3)
    found = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#map-results a")]
    check("the search finds 'thuong hong'", any("Thượng Hồng" in f for f in found), str(found))
    if found:
        driver.find_element(By.CSS_SELECTOR, "#map-results a").click()
        time.sleep(0.5)
        popup = driver.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content")
        check("choosing a search result opens it on the map", bool(popup) and "Thượng Hồng" in popup[0].text)

    # A table row's map link shows the feature.
    link = driver.find_element(By.CSS_SELECTOR, "a[data-map^='zones-economic_zone|']")
    driver.execute_script("arguments[0].click()", link)
    time.sleep(0.5)
    popup = driver.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content")
    check("a table row's map link opens its feature", bool(popup) and "Khu kinh tế" in popup[0].text)

    # The opening view: the mainland fills the map; Bạch Long Vĩ is outside it until "Whole extent".
    driver.get(page)
    time.sleep(1.5)
    element = driver.find_element(By.ID, "leaflet-map")
    driver.execute_script("arguments[0].scrollIntoView()", element)
    time.sleep(0.3)
    element.screenshot(os.path.join(shots, "map-main-body.png"))
    driver.save_screenshot(os.path.join(shots, "page-1400x900.png"))
    fill = driver.execute_script("""
        var m = window.zoneAtlasMap.map, g = window.zoneAtlasMap.groups['communes'];
        var view = m.getBounds(), all = L.latLngBounds([]), inView = 0, total = 0;
        g.eachLayer(function (l) { total++; all.extend(l.getBounds()); if (view.contains(l.getBounds().getCenter())) inView++; });
        var size = m.getSize(), nw = m.latLngToContainerPoint(all.getNorthWest()), se = m.latLngToContainerPoint(all.getSouthEast());
        return {inView: inView, total: total, width: size.x, height: size.y};
    """)
    check("the opening view holds all but the outlying communes", fill["inView"] >= fill["total"] - 2, str(fill))
    mainland = driver.execute_script("""
        var m = window.zoneAtlasMap.map, g = window.zoneAtlasMap.groups['communes'], b = L.latLngBounds([]);
        g.eachLayer(function (l) { var c = l.getBounds().getCenter(); if (c.lng < 107.2) b.extend(l.getBounds()); });
        var nw = m.latLngToContainerPoint(b.getNorthWest()), se = m.latLngToContainerPoint(b.getSouthEast()), s = m.getSize();
        return {w: (se.x - nw.x) / s.x, h: (se.y - nw.y) / s.y};
    """)
    check("the mainland fills the view (≥ 80 % of its width or height)", max(mainland["w"], mainland["h"]) >= 0.8, str(mainland))
    driver.find_element(By.ID, "view-whole").click()
    time.sleep(0.5)
    whole = driver.execute_script("""
        var m = window.zoneAtlasMap.map, inView = 0, total = 0;
        window.zoneAtlasMap.groups['communes'].eachLayer(function (l) { total++; if (m.getBounds().intersects(l.getBounds())) inView++; });
        return [inView, total];
    """)
    check("'Whole extent' brings Bạch Long Vĩ into view", whole[0] == whole[1], str(whole))
    element.screenshot(os.path.join(shots, "map-whole-extent.png"))
except Exception as error:  # a check that could not run is a failure, not a crash
    failed += 1
    print(f"FAIL  {type(error).__name__}: {str(error)[:500]}")
finally:
    driver.quit()

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
