#!/usr/bin/env python3
"""Loads the daemon's pages in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)
and checks them as a person would: no console error or failed request, graphs and numbers shown,
hover values, the enlarged graph, the wall at 1920x1080 (screenshot not blank, nothing overlapping,
refresh without layout shift, rotation), and hostile strings shown as text, never run.

Usage: check_pages.py --base http://127.0.0.1:PORT --dashboard host --xss xss --out DIR [--token T]
       [--rotate-to NAME]
Exit status 0 when every check passed; the failures are printed otherwise.
"""
import argparse, base64, re, sys, time
from playwright.sync_api import sync_playwright

XSS_TEXT = "<img src=x onerror=alert(1)>"
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)
    return condition


class Watched:
    """A page whose console errors, uncaught exceptions, failed requests and dialogs are recorded."""

    def __init__(self, browser, args, viewport):
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.problems = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append("console error: " + m.text))
        self.page.on("pageerror", lambda e: self.problems.append("uncaught: " + str(e)))
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        self.page.on("dialog", self.dialog)
        if args.token:
            def needs_token(request):
                url = request.url
                if url.startswith(args.base) and "token=" + args.token not in url and not is_page_or_asset(url, args.base):
                    self.problems.append("request without the token: " + url)
            self.page.on("request", needs_token)

    def dialog(self, dialog):
        self.problems.append(f"dialog opened ({dialog.type}): {dialog.message}")
        dialog.dismiss()

    def settle(self, label):
        check(not self.problems, f"{label}: no console error, failed request or dialog" +
              ("" if not self.problems else ":\n    " + "\n    ".join(self.problems)))
        self.problems.clear()


def is_page_or_asset(url, base):
    path = url[len(base):]
    return path.startswith("/assets/")


def variance(browser, png):
    """Pixel variance of a PNG, computed in a blank page's canvas (no Python imaging needed)."""
    page = browser.new_page()
    try:
        return page.evaluate("""async (data) => {
            const img = new Image(); img.src = 'data:image/png;base64,' + data; await img.decode();
            const canvas = document.createElement('canvas'); canvas.width = img.width; canvas.height = img.height;
            const g = canvas.getContext('2d'); g.drawImage(img, 0, 0);
            const px = g.getImageData(0, 0, img.width, img.height).data;
            let sum = 0, sq = 0, n = 0;
            for (let i = 0; i < px.length; i += 16) { const v = (px[i] + px[i+1] + px[i+2]) / 3; sum += v; sq += v * v; n++; }
            const mean = sum / n; return sq / n - mean * mean;
        }""", base64.b64encode(png).decode())
    finally:
        page.close()


def url(args, path, **query):
    query = {k: v for k, v in query.items() if v is not None}
    if args.token:
        query["token"] = args.token
    return args.base + path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def wait_for_graphs(page, timeout=30000):
    page.wait_for_function("""() => {
        const panels = [...document.querySelectorAll('.grid:not(.offstage) .panel-graph, .grid:not(.offstage) .panel-number')];
        return panels.length > 0 && panels.every(p => p.querySelector('.panel-error')
            || (p.querySelector('img.graph') && p.querySelector('img.graph').naturalWidth > 0) || p.querySelector('.number-value'));
    }""", timeout=timeout)


def check_index(browser, args):
    w = Watched(browser, args, {"width": 1280, "height": 800})
    w.page.goto(url(args, "/"))
    w.page.wait_for_selector("#dashboards li")
    links = w.page.eval_on_selector_all("#dashboards a", "as => as.map(a => a.getAttribute('href'))")
    check(any(l.startswith("/dashboards/" + args.dashboard) for l in links), f"index links to /dashboards/{args.dashboard}: {links}")
    check(any(l.startswith("/wall/" + args.dashboard) for l in links), "index links to the wall mode")
    if args.token:
        check(all("token=" + args.token in l for l in links), "index links carry the token")
    w.page.screenshot(path=f"{args.out}/index.png")
    w.settle("index")
    w.context.close()


def check_dashboard(browser, args):
    w = Watched(browser, args, {"width": 1600, "height": 1000})
    page = w.page
    page.goto(url(args, "/dashboards/" + args.dashboard))
    wait_for_graphs(page)
    errors = page.eval_on_selector_all(".panel-error", "es => es.map(e => e.textContent)")
    check(not errors, f"dashboard: every panel loaded {errors}")
    page.wait_for_timeout(300)
    page.screenshot(path=f"{args.out}/dashboard.png", full_page=True)
    graph = page.query_selector(".panel-graph img.graph")
    if check(graph is not None, "dashboard: a graph is shown"):
        box = graph.bounding_box()
        cell = page.eval_on_selector(".panel-graph .panel-body", "b => [b.clientWidth, b.clientHeight]")
        check(box["width"] <= cell[0] + 1 and box["height"] <= cell[1] + 1, f"graph fits its cell {box} {cell}")
        check(box["width"] >= cell[0] * 0.8, f"graph fills its cell's width {box} {cell}")
        page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.5)
        page.wait_for_selector("#tooltip:not([hidden])", timeout=10000)
        tip = page.inner_text("#tooltip")
        check(re.search(r"\d\d:\d\d:\d\d", tip) is not None and len(tip.splitlines()) >= 2, f"hover shows time and values: {tip!r}")
        # Data exists only for the last seconds: sweep in from the right until a value shows.
        values = []
        for step in range(40):
            page.mouse.move(box["x"] + box["width"] * (0.99 - step * 0.02), box["y"] + box["height"] * 0.5)
            page.wait_for_timeout(150)
            values = page.eval_on_selector_all("#tooltip:not([hidden]) .tip-value", "es => es.map(e => e.textContent)")
            if any(re.search(r"\d", v) for v in values):
                break
        check(any(re.search(r"\d", v) for v in values), f"hover shows a known value near the newest data: {values}")
        page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
        page.wait_for_function("() => { const i = document.querySelector('#overlay-body img.graph'); return i && i.naturalWidth > 0; }")
        big = page.query_selector("#overlay-body img.graph").bounding_box()
        check(big["width"] > box["width"], f"the enlarged graph is larger ({big['width']} > {box['width']})")
        page.screenshot(path=f"{args.out}/dashboard-enlarged.png")
        page.keyboard.press("Escape")
        check(page.is_hidden("#overlay"), "Escape closes the enlarged graph")
    page.click("#presets button[data-span='1d']")
    check("from=-1d" in page.url, f"the range is kept in the URL: {page.url}")
    wait_for_graphs(page)
    w.settle("dashboard")
    w.context.close()


def rects(page, selector):
    return page.eval_on_selector_all(selector, """es => es.map(e => { const r = e.getBoundingClientRect();
        return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)]; })""")


def overlapping(boxes):
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]:
                return (a, b)
    return None


def check_wall(browser, args):
    w = Watched(browser, args, {"width": 1920, "height": 1080})
    page = w.page
    page.goto(url(args, "/wall/" + args.dashboard))
    wait_for_graphs(page)
    page.wait_for_function("() => /^\\d\\d:\\d\\d$/.test(document.getElementById('clock-time').textContent)")
    check(not page.eval_on_selector_all(".panel-error", "es => es.map(e => e.textContent)"), "wall: every panel loaded")
    panels = rects(page, ".grid:not(.offstage) .panel")
    check(overlapping(panels) is None, f"wall: panels do not overlap {overlapping(panels)}")
    check(all(0 <= r[0] and r[0] + r[2] <= 1920 and 0 <= r[1] and r[1] + r[3] <= 1080 for r in panels), "wall: panels fit on the screen")
    head = rects(page, ".wall-head > *:not([hidden])")
    check(overlapping(head) is None, f"wall: title, banner and clock do not overlap {head}")
    sizes = page.eval_on_selector_all(".panel-title", "es => es.map(e => parseFloat(getComputedStyle(e).fontSize))")
    check(min(sizes) >= 28, f"wall: panel titles readable from across a room ({min(sizes)} px)")
    if args.deploy:
        check_banner(page, args)
    shot = page.screenshot(path=f"{args.out}/wall.png")
    spread = variance(browser, shot)
    check(spread > 100, f"wall: the screenshot is not blank (pixel variance {spread:.0f})")
    # A refresh swaps images in place: same boxes, new pictures.
    before = rects(page, ".grid:not(.offstage) .panel, .grid:not(.offstage) img.graph")
    sources = page.eval_on_selector_all("img.graph", "is => is.map(i => i.src)")
    try:
        page.wait_for_function("(old) => [...document.querySelectorAll('img.graph')].some(i => !old.includes(i.src))",
                               arg=sources, timeout=args.refresh_wait * 1000)
        page.wait_for_timeout(300)
        after = rects(page, ".grid:not(.offstage) .panel, .grid:not(.offstage) img.graph")
        check(before == after, "wall: a refresh moves nothing" + ("" if before == after else f"\n    {before}\n    {after}"))
    except Exception as error:
        check(False, f"wall: images refreshed within {args.refresh_wait} s ({error})")
    # Too many rows for a readable height: the dashboard is split into screens between rows.
    split = page.evaluate("""() => {
        const p = (id, width, height) => ({ id, width, height });
        const panels = ['a', 'b', 'c', 'd'].map((id) => p(id, 3, 2))
            .concat([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => p('g' + i, 6, 3)), [p('tall', 12, 12)]);
        return Metrics.pages(panels, 12, 9).map((screen) => screen.map((panel) => panel.id));
    }""")
    expected = [["a", "b", "c", "d", "g1", "g2", "g3", "g4"], ["g5", "g6", "g7", "g8", "g9", "g10"], ["tall"]]
    check(split == expected, f"wall: a tall dashboard is split between rows {split}")
    page.set_viewport_size({"width": 1920, "height": 540})
    try:
        page.wait_for_function("() => /^1\\/[2-9]$/.test(document.getElementById('page').textContent)", timeout=15000)
        wait_for_graphs(page)
        panels = rects(page, ".grid:not(.offstage) .panel")
        check(overlapping(panels) is None and all(r[1] + r[3] <= 540 for r in panels),
              f"wall: on a 540 px high screen the first of several screens fits {panels}")
        page.screenshot(path=f"{args.out}/wall-540.png")
    except Exception as error:
        check(False, f"wall: on a 540 px high screen the dashboard is shown in several screens ({error})")
    w.settle("wall")
    if args.rotate_to:
        page.goto(url(args, "/wall/" + args.dashboard, rotate=f"{args.dashboard},{args.rotate_to}", every=10))
        wait_for_graphs(page)
        first = page.inner_text("#title")
        page.wait_for_function("(t) => document.getElementById('title').textContent !== t", arg=first, timeout=30000)
        check(True, f"wall: rotation moved on from {first!r} to {page.inner_text('#title')!r}")
        w.settle("wall rotation")
    w.context.close()


def check_banner(page, args):
    """The latest deploy's label (as text) and its stored verdict with the worst signal's change."""
    try:
        page.wait_for_function("(v) => document.querySelector('#banner-verdict .verdict-word')?.textContent === v",
                               arg=args.verdict, timeout=15000)
    except Exception as error:
        check(False, f"wall: the banner shows the verdict {args.verdict!r} ({error})")
        return
    label = page.inner_text("#banner-label")
    check(label == args.deploy, f"wall: the banner shows the deploy's label as text ({label!r})")
    change = page.text_content("#banner-verdict .verdict-change")
    check(change == args.verdict_change, f"wall: the banner shows the worst signal's change ({change!r})")
    classes = page.get_attribute("#banner", "class")
    check(args.verdict in classes.split(), f"wall: the banner is marked {args.verdict} ({classes!r})")
    check(page.eval_on_selector_all("#banner b", "es => es.length") == 0, "wall: no markup from the deploy's label")
    page.locator("#banner").screenshot(path=f"{args.out}/wall-banner.png")


def check_escaped(browser, args):
    for path in ["/", "/dashboards/" + args.xss, "/wall/" + args.xss]:
        w = Watched(browser, args, {"width": 1920, "height": 1080})
        page = w.page
        page.goto(url(args, path))
        page.wait_for_function("() => document.body.innerText.includes('<img src=x onerror=alert(1)>')", timeout=15000)
        if path != "/":
            wait_for_graphs(page)
        page.wait_for_timeout(500)
        text = page.inner_text("body")
        check(XSS_TEXT in text, f"{path}: the hostile text is shown literally")
        check(page.eval_on_selector_all("img[src='x'], script:not([src])", "es => es.length") == 0, f"{path}: no injected element")
        name = path.strip("/").replace("/", "-") or "index"
        page.screenshot(path=f"{args.out}/xss-{name}.png")
        w.settle(f"{path} (hostile strings)")
        w.context.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--dashboard", required=True)
    parser.add_argument("--xss", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--token")
    parser.add_argument("--rotate-to")
    parser.add_argument("--deploy", help="the label of a judged deploy the wall banner shows")
    parser.add_argument("--verdict", help="its verdict, as the banner words it")
    parser.add_argument("--verdict-change", help="its worst signal's change, as the banner words it")
    parser.add_argument("--refresh-wait", type=int, default=20)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for step in (check_index, check_dashboard, check_wall, check_escaped):
            try:
                step(browser, args)
            except Exception as error:
                check(False, f"{step.__name__}: {error}")
        browser.close()
    print(f"{len(failures)} browser check(s) failed" if failures else "every browser check passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
