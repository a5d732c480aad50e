#!/usr/bin/env python3
"""The real viewer under Xvfb + Mesa, driven as a person drives it (xdotool), checked by what a
person would see: screenshots of the X screen (ImageMagick `import`) and the viewer's own state
file (--state-file), which it rewrites whenever what is on screen changes.

Steps: wait for the ward to load; check the district fills in the screenshot; zoom with the wheel,
pan by dragging, keyboard zoom and Home; click a tsunami evacuation building and find its name in
the inspector; choose a district (zoom + filter); switch to English and see the labels change;
drop a file through File › Open's path (command line) and see the layer. Screenshots are kept in
--out for a person to look at.
"""
import argparse
import json
import math
import os
import select
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from PIL import Image

W, H = 1600, 1000


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)
    print(f"ok   {what}")


class Session:
    def __init__(self, binary, out, extra_args=(), extra_env=None):
        self.out = out
        self.tmp = tempfile.mkdtemp(prefix="safetymap-ui-")
        self.state_path = os.path.join(self.tmp, "state.json")
        self.display = self._start_xvfb()
        env = dict(os.environ, DISPLAY=self.display, SAFETYMAP_CONFIG_DIR=os.path.join(self.tmp, "config"),
                   LIBGL_ALWAYS_SOFTWARE="1", **(extra_env or {}))
        if "ASAN_OPTIONS" in env:
            # Under the sanitizers the viewer keeps ASan's memory errors and UBSan, but not LeakSanitizer: Mesa's
            # driver is dlclose()d at exit, so its one-time allocations show up from an "<unknown module>" that
            # no suppression can name. The unit and command-line tests keep leak detection.
            env["ASAN_OPTIONS"] = env["ASAN_OPTIONS"] + ":detect_leaks=0"
        self.env = env
        self.log = open(os.path.join(out, "viewer.log"), "w")
        # The viewer writes a byte into STATE.frames (a FIFO) after each frame it puts on the screen; the test
        # blocks on it. It holds a write end itself, so the pipe never reads as closed before the viewer opens it.
        fifo = self.state_path + ".frames"
        os.mkfifo(fifo)
        self.frames_r = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        self.frames_w = os.open(fifo, os.O_WRONLY)
        self.proc = subprocess.Popen([os.path.abspath(binary), "--size", f"{W}x{H}", "--state-file", self.state_path, *extra_args],
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.tmp)

    def _start_xvfb(self):
        # Xvfb picks a free display itself and writes its number to the pipe once it accepts connections: two
        # UI tests started at once never race for one display (a lock file seen free by both).
        r, w = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", f"{W}x{H}x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(w,))
        os.close(w)
        got = b""
        with os.fdopen(r, "rb") as f:
            while not got.endswith(b"\n"):
                chunk = f.read(1)  # blocks until Xvfb is ready; empty when it exits without a display
                if not chunk:
                    raise Failure(f"cannot start Xvfb (exit code {self.xvfb.wait()})")
                got += chunk
        return ":" + got.decode().strip()

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.xvfb.terminate()
        self.log.close()
        os.close(self.frames_r)
        os.close(self.frames_w)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def state(self):
        try:
            with open(self.state_path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def wait(self, pred, what, timeout=60):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise Failure(f"the viewer exited (code {self.proc.returncode}) while waiting for: {what}")
            s = self.state()
            if s is not None:
                last = s
                try:
                    if pred(s):
                        print(f"ok   {what}")
                        return s
                except (KeyError, IndexError, TypeError):
                    pass
            time.sleep(0.1)
        raise Failure(f"timed out waiting for: {what}\nlast state: {json.dumps(last, ensure_ascii=False)[:2000]}")

    def settled(self, what="the view settles"):
        return self.wait(lambda s: s["ready"] and s["camera"]["settled"], what)

    def xdo(self, *args):
        subprocess.run(["xdotool", *map(str, args)], env=self.env, check=True)

    def after_frames(self, n=1):
        """Blocks until the viewer has put n more frames on the screen: it has seen what came before."""
        try:
            while os.read(self.frames_r, 4096):  # frames already drawn do not count
                pass
        except BlockingIOError:
            pass
        got = 0
        while got < n:
            ready, _, _ = select.select([self.frames_r], [], [], 1.0)  # the second only to notice a closed viewer
            if not ready:
                if self.proc.poll() is not None:
                    return  # it closed (Quit): nothing more to see
                continue
            try:
                got += len(os.read(self.frames_r, n - got))
            except BlockingIOError:
                pass

    def click(self, x, y):
        # Move, press and release as separate events, each seen by a frame of its own (a slow sanitizer build too).
        self.xdo("mousemove", "--sync", int(x), int(y))
        self.after_frames(2)
        self.xdo("mousedown", "1")
        self.after_frames(2)
        self.xdo("mouseup", "1")
        self.after_frames(2)

    def click_widget(self, state, name):
        """Clicks the middle of a widget the viewer reported in its state."""
        w = state["widgets"][name]
        self.click(w[0] + w[2] / 2, w[1] + w[3] / 2)

    def wheel(self, x, y, notches):
        self.xdo("mousemove", "--sync", int(x), int(y))
        self.after_frames(2)
        for _ in range(abs(notches)):
            self.xdo("click", 4 if notches > 0 else 5)
            self.after_frames(1)

    def drag(self, x0, y0, x1, y1):
        self.xdo("mousemove", "--sync", int(x0), int(y0))
        self.after_frames(2)
        self.xdo("mousedown", "1")
        self.after_frames(1)
        for i in range(1, 11):
            self.xdo("mousemove", "--sync", int(x0 + (x1 - x0) * i / 10), int(y0 + (y1 - y0) * i / 10))
            self.after_frames(1)
        self.xdo("mouseup", "1")
        self.after_frames(2)

    def key(self, name):
        # No window manager under Xvfb: give the window the keyboard focus as a click would.
        wid = subprocess.run(["xdotool", "search", "--pid", str(self.proc.pid)], env=self.env,
                             capture_output=True, text=True).stdout.split()
        if wid:
            subprocess.run(["xdotool", "windowfocus", "--sync", wid[-1]], env=self.env)
        self.xdo("key", name)
        self.after_frames(2)

    def screenshot(self, name):
        path = os.path.join(self.out, name)
        # The state file is written just before its frame is swapped: wait until two more frames are on the
        # screen (the viewer draws one at least every half second even when idle), then take the picture.
        self.after_frames(2)
        subprocess.run(["import", "-display", self.display, "-window", "root", path], check=True)
        return Image.open(path).convert("RGB")


def blend(fill, opacity, under):
    return tuple(round(f * opacity + u * (1 - opacity)) for f, u in zip(fill, under))


def near(a, b, tol):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def has_colour_near(img, x, y, colours, radius=8, tol=14):
    for dx in range(-radius, radius + 1, 2):
        for dy in range(-radius, radius + 1, 2):
            px = img.getpixel((min(W - 1, max(0, int(x + dx))), min(H - 1, max(0, int(y + dy)))))
            if any(near(px, c, tol) for c in colours):
                return True
    return False


def isolated_point(state, layer_id, min_gap=22):
    """A point of the layer with no other symbol or label within min_gap pixels, inside the map."""
    pts = state["points"]
    mx, my, mw, mh = state["map_rect"]
    for p in pts:
        if p["layer"] != layer_id:
            continue
        if not (mx + 40 < p["x"] < mx + mw - 40 and my + 80 < p["y"] < my + mh - 60):
            continue
        if all(q is p or (q["x"] - p["x"]) ** 2 + (q["y"] - p["y"]) ** 2 > min_gap ** 2 for q in pts):
            return p
    return None


def ogr_feature_count(path):
    out = subprocess.run(["ogrinfo", "-ro", "-so", "-al", path], capture_output=True, text=True, check=True).stdout
    return int(next(l for l in out.splitlines() if l.startswith("Feature Count:")).split(":")[1])


crimes_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "geodata", "derived", "crimes.geojson")


def run(binary, out):
    s = Session(binary, out)
    try:
        st = s.settled("the ward loads and the view settles")
        names = {d["name"] for d in st["districts"]}
        check(len(st["districts"]) == 11, "11 community districts are loaded")
        roles = {l["role"]: l for l in st["layers"]}
        for role in ("districts", "tsunami_buildings", "safety_centres", "crimes", "ward", "roads", "neighbours"):
            check(role in roles, f"layer {role} is present")
        check(roles["tsunami_buildings"]["drawn"] > 90, "the tsunami evacuation buildings are drawn")
        check(not roles["crimes"]["synthetic"] and roles["crimes"]["features"] == 658,
              "the crime layer holds the 658 real police records")
        check(not roles["crimes"]["visible"], "crime points are on demand: the 町丁目 choropleth shows them by default")
        check(roles["districts"]["approximate"], "the districts layer says it is approximate")
        check(roles["safety_centres"]["features"] == 2, "the two 老人憩の家 mapped in OpenStreetMap are safety centres")
        check("facilities" in roles and roles["facilities"]["drawn"] > 20, "the OpenStreetMap facilities are drawn")
        check(len(st["choropleth_classes"]) >= 3 and "自転車盗" in st["choropleth_title"],
              f"the choropleth legend has classes with bounds ({[c['label'] for c in st['choropleth_classes']]})")
        labels = {l["text"] for l in st["labels"]}
        check(len(names & labels) >= 9, f"Japanese district labels are placed ({len(names & labels)} of 11)")
        check(st["draw_calls"] < 60, f"a frame is a handful of draw calls ({st['draw_calls']})")

        img = s.screenshot("01-ward.png")
        ward_fill, road = (250, 249, 245), (196, 196, 200)
        good = 0
        for c in st["choropleth"]:
            x, y = c["inside_window"]
            exp = [blend(c["fill"], c["opacity"], u) for u in (ward_fill, road)] + [tuple(c["fill"])]
            if has_colour_near(img, x, y, exp):
                good += 1
            else:
                print(f"     町丁目 {c['town']} at ({x:.0f},{y:.0f}): expected {exp}, got {img.getpixel((int(x), int(y)))}")
        check(good >= 50, f"the screenshot shows each 町丁目 in its choropleth class colour ({good}/{len(st['choropleth'])})")
        # Each district name is dark letters in a white halo: next to its letters' pixels (within 2 px) lies white,
        # which no fill of the map is.
        haloed = []
        for l in st["labels"]:
            if l["text"] not in names:
                continue
            x0, y0, w, h = int(l["x"]), int(l["y"]), int(l["w"]), int(l["h"])
            px = {(i, j): img.getpixel((x0 + i, y0 + j)) for j in range(-2, h + 2) for i in range(-2, w + 2)}
            dark = [(i, j) for j in range(h) for i in range(w) if max(px[(i, j)]) <= 90]
            ringed = sum(1 for i, j in dark if any(min(px[(i + a, j + b)]) >= 230 for a in range(-2, 3) for b in range(-2, 3)))
            if len(dark) >= 8 and ringed >= 0.6 * len(dark):
                haloed.append(l["text"])
            else:
                print(f"     label {l['text']}: {len(dark)} dark pixels, {ringed} with white within 2 px")
        check(len(haloed) >= 9, f"the district labels are dark letters on a white halo ({len(haloed)})")

        mx, my, mw, mh = st["map_rect"]
        cx, cy = mx + mw / 2, my + mh / 2
        ppm0 = st["camera"]["ppm"]

        # Wheel zoom about the cursor.
        s.wheel(cx + 100, cy + 50, 3)
        st = s.wait(lambda t: t["camera"]["settled"] and t["camera"]["ppm"] > ppm0 * 1.8, "the wheel zooms in")
        # Drag to pan: the map follows the hand.
        c0 = (st["camera"]["center_x"], st["camera"]["center_y"])
        s.drag(cx, cy, cx - 200, cy + 120)
        st = s.wait(lambda t: t["camera"]["settled"] and t["camera"]["center_x"] > c0[0] + 50 and
                    t["camera"]["center_y"] > c0[1] + 30, "dragging pans the map east and north")
        s.screenshot("02-zoomed-panned.png")
        # Keyboard: + zooms, Home fits the ward again.
        s.xdo("mousemove", "--sync", int(cx), int(cy))
        ppm1 = st["camera"]["ppm"]
        s.key("KP_Add")
        s.wait(lambda t: t["camera"]["settled"] and t["camera"]["ppm"] > ppm1 * 1.3, "the + key zooms in")
        s.key("Home")
        st = s.wait(lambda t: t["camera"]["settled"] and abs(t["camera"]["ppm"] / ppm0 - 1) < 0.01,
                    "Home fits the whole ward again")

        # Click a tsunami evacuation building: its name is in the inspector.
        s.wheel(cx, cy, 4)
        st = s.wait(lambda t: t["camera"]["settled"] and t["camera"]["ppm"] > ppm0 * 2, "zoomed in to pick")
        target = isolated_point(st, "tsunami_buildings")
        check(target is not None, "an isolated tsunami evacuation building is on screen")
        s.click(target["x"], target["y"])
        st = s.wait(lambda t: t["selection"] is not None and t["selection"]["layer"] == "tsunami_buildings",
                    f"clicking {target['label']} selects it")
        check(st["selection"]["feature"] == target["feature"], "the clicked building is the one selected")
        check(st["selection"]["title"] == target["label"] and target["label"],
              f"the inspector shows its name: {st['selection']['title']}")
        st = s.wait(lambda t: "inspector-title" in t["widgets"], "the inspector panel shows the selection")
        check(st["selection"]["attributes"].get("name") == target["label"], "the inspector lists its attributes")
        check(st["selection"]["strategies"] == ["2-1"], "the inspector says the building serves strategy 2-1")
        check(st["highlighted_points"] == 1, "the selected building is ringed")
        img = s.screenshot("03-selected.png")
        # The ring is drawn: near-black pixels around the symbol (a point's own outline is its stroke colour).
        ring = sum(1 for dx in range(-16, 17) for dy in range(-16, 17) if 8 <= math.hypot(dx, dy) <= 14 and
                   max(img.getpixel((int(target["x"]) + dx, int(target["y"]) + dy))) < 60)
        check(ring >= 40, f"the selection ring is on screen around the building ({ring} dark pixels)")

        # The plan: choose strategy 2-2 in the plan panel; its layers show, the others hide.
        s.click_widget(st, "tab:plan")
        st = s.wait(lambda t: "plan:2" in t["widgets"], "the plan tab shows the plan tree")
        w = st["widgets"]["plan:2"]
        s.click(w[0] + w[2] * 0.6, w[1] + w[3] / 2)
        st = s.wait(lambda t: t["plan_item"] == "2" and "plan:2-2" in t["widgets"],
                    "choosing management issue 2 opens it")
        w = st["widgets"]["plan:2-2"]
        s.click(w[0] + w[2] * 0.5, w[1] + w[3] / 2)
        st = s.wait(lambda t: t["plan_item"] == "2-2" and t["camera"]["settled"], "choosing strategy 2-2 selects it")
        layers = {l["role"]: l for l in st["layers"]}
        check(layers["crimes"]["visible"], "strategy 2-2 shows the crime layer")
        check(layers["safety_centres"]["visible"], "strategy 2-2 shows the safety-centre layer")
        check(not layers["tsunami_buildings"]["visible"], "strategy 2-2 hides the tsunami evacuation buildings")
        check(st["selection"] is not None and st["highlighted_points"] == 0,
              "the selection stays (the inspector still shows it) but the hidden building is not ringed")
        inds = {i["id"]: i for i in st["indicators"]}
        expected = ogr_feature_count(crimes_file)
        check(inds["crimes.count"]["number"] == expected,
              f"the crime indicator shows the count GDAL reads from the file ({expected})")
        check(inds["safety_centres.count"]["disagrees"], "the centres indicator warns: the plan names 12, none loaded")
        st = s.wait(lambda t: "indicator:crimes.count" in t["widgets"], "the indicator is drawn in the panel")
        check("chart:crimes_by_year" in st["widgets"] and "Bicycle theft" not in inds["crimes.by_type"]["value"] and
              "記録なし" in inds["crimes.by_type"]["value"],
              "the trend chart is in the panel, and the types without open records say so")
        s.screenshot("03b-plan-2-2.png")
        s.click_widget(st, "plan:clear")
        st = s.wait(lambda t: t["plan_item"] == "" and
                    next(l for l in t["layers"] if l["role"] == "tsunami_buildings")["visible"],
                    "clearing the plan choice brings the layers back")
        s.click_widget(st, "tab:districts")
        st = s.wait(lambda t: "district:市岡" in t["widgets"], "the districts tab is back")

        # File › Print (Ctrl+P): a preview of page 1, then the PDF, while the window keeps drawing.
        s.key("ctrl+p")
        st = s.wait(lambda t: t["print"]["open"] and t["print"]["preview"][0] > 0 and t["print"]["pages"] >= 2,
                    "Ctrl+P opens the print dialog with a preview of page 1")
        s.screenshot("03c-print-dialog.png")
        pdf = st["print"]["out"]
        if os.path.exists(pdf):
            os.remove(pdf)
        s.click_widget(st, "print:save")
        st = s.wait(lambda t: t["print"]["written"] == pdf and not t["print"]["busy"], "Save PDF writes the printout")
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        check(f"Pages:           {st['print']['pages']}" in info, f"the PDF has the pages the dialog announced ({st['print']['pages']})")
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        check("地域安全マップ" in text, "the PDF is the district safety map")
        os.remove(pdf)
        s.key("Escape")
        w = st["widgets"]["print:window"]
        s.click(w[0] + w[2] - 14, w[1] + 10)  # the window's close box
        s.wait(lambda t: not t["print"]["open"], "the print dialog closes")

        # The drill planner: compute the ward's evacuation, see the routes, save the briefing.
        s.click_widget(st, "tab:drill")
        st = s.wait(lambda t: "drill:compute" in t["widgets"], "the drill planner tab opens")
        s.click_widget(st, "drill:compute")
        st = s.wait(lambda t: t["drill"]["ready"] and not t["drill"]["computing"], "Compute finds the evacuation", timeout=120)
        routes = next((l for l in st["layers"] if l["id"] == "drill-routes"), None)
        check(routes is not None and routes["features"] > 10, f"the district's routes are on the map ({routes and routes['features']})")
        check(abs(st["drill"]["assigned"] + st["drill"]["shortfall"] - st["drill"]["people"]) < 1e-6,
              "assigned + shortfall = the district's people")
        check(st["drill"]["buildings"] > 0, "the buildings used are listed with their load")
        img = s.screenshot("03d-drill.png")
        px = img.load()
        blue = sum(1 for x in range(int(mx), int(mx + mw), 2) for y in range(int(my), int(my + mh), 2)
                   if abs(px[x, y][0] - 0) < 30 and abs(px[x, y][1] - 90) < 30 and abs(px[x, y][2] - 181) < 30)
        check(blue > 300, f"the routes are drawn in their blue on the map ({blue} sampled pixels)")
        s.click_widget(st, "drill:briefing")
        st = s.wait(lambda t: t["drill"]["briefing"] != "" and not t["drill"]["computing"], "the briefing PDF is saved", timeout=120)
        text = subprocess.run(["pdftotext", st["drill"]["briefing"], "-"], capture_output=True, text=True).stdout
        check("避難訓練ブリーフィング" in text, "the briefing reads back")
        s.click_widget(st, "tab:districts")
        st = s.wait(lambda t: "district:市岡" in t["widgets"], "back to the districts tab")

        # The crime points on demand: the layer's checkbox shows them (placed on streets inside their 町丁目).
        check(not next(l for l in st["layers"] if l["role"] == "crimes")["visible"],
              "leaving the drill tab brings back the layers as they were (points still on demand)")
        s.click_widget(st, "layer-visible:crimes")
        st = s.wait(lambda t: next(l for l in t["layers"] if l["role"] == "crimes")["visible"],
                    "the crime layer's checkbox shows the points")
        # The choropleth's measure: per 1,000 residents of the census.
        s.click_widget(st, "legend:measure:rate")
        st = s.wait(lambda t: "1,000" in t.get("choropleth_title", "") or "千人" in t.get("choropleth_title", ""),
                    "the legend switches the 町丁目 to records per 1,000 residents")
        check(any("." in c["label"] for c in st["choropleth_classes"]),
              f"the classes are rates with one decimal ({[c['label'] for c in st['choropleth_classes']]})")
        s.click_widget(st, "legend:measure:count")
        st = s.wait(lambda t: "町丁目別の件数" in t.get("choropleth_title", ""), "and back to the record counts")

        # The crime layer's controls: its records by 手口, every one of them while no district is chosen.
        s.click_widget(st, "layer-node:crimes")
        st = s.wait(lambda t: next(l for l in t["layers"] if l["role"] == "crimes")["category_counts"] is not None,
                    "opening the crime layer's controls lists its records by type")
        crimes = next(l for l in st["layers"] if l["role"] == "crimes")
        counts = crimes["category_counts"]
        check(sum(counts["all"]) == crimes["features"] and counts["shown"] == counts["all"],
              f"the types add up to the layer's {crimes['features']} records, all shown ({counts['all']})")

        # Choose a district in the selector: zoom, highlight, filter.
        widget = st["widgets"]["district:市岡"]
        s.click(widget[0] + widget[2] / 2, widget[1] + widget[3] / 2)
        st = s.wait(lambda t: t["district"] == "市岡" and t["camera"]["settled"], "choosing 市岡 selects the district")
        crimes = next(l for l in st["layers"] if l["role"] == "crimes")
        d = next(d for d in st["districts"] if d["name"] == "市岡")
        check(0 < crimes["drawn"] == d["crimes"] < crimes["features"],
              f"the crime layer is filtered to the district ({crimes['drawn']} drawn of {crimes['features']}, "
              f"{d['crimes']} in 市岡)")
        x, y = d["inside_window"]
        check(mx < x < mx + mw and my < y < my + mh, "the map zoomed to the district")
        # The counts by type follow the choice (counted again once, not every frame).
        st = s.wait(lambda t: sum(next(l for l in t["layers"] if l["role"] == "crimes")["category_counts"]["shown"])
                    == d["crimes"], f"the crime layer's types count 市岡's {d['crimes']} records")
        img = s.screenshot("04-district.png")
        # Its outline: a dark line with a white halo along its boundary (the middle of its longest edge).
        ex, ey = d["edge_window"]
        around = [img.getpixel((int(ex) + dx, int(ey) + dy)) for dx in range(-5, 6) for dy in range(-5, 6)]
        dark, white = sum(max(p) < 70 for p in around), sum(min(p) > 250 for p in around)
        print(f"     outline at ({ex:.0f},{ey:.0f}): {dark} dark and {white} white pixels of {len(around)}")
        # A 3 px line across the 11 px square is 33 dark pixels; a district's own thin outline is about 11.
        check(mx < ex < mx + mw and my < ey < my + mh and dark >= 22 and white >= 5,
              f"the chosen district is outlined dark on white at ({ex:.0f},{ey:.0f})")
        s.click_widget(st, "layer-node:crimes")  # closed again: the rows below are where the rest of the test finds them
        s.after_frames(2)

        # English: the labels change.
        s.click_widget(st, "lang-toggle")
        st = s.wait(lambda t: t["lang"] == "en" and t["ready"], "the language toggle switches to English")
        st = s.wait(lambda t: any(l["text"] == "Ichioka" for l in t["labels"]), "the district label reads Ichioka")
        check(not any(l["text"] == "市岡" for l in st["labels"]), "the Japanese district label is gone")
        s.screenshot("05-english.png")
        s.key("Escape")
    finally:
        s.close()

    # A second window, started with an extra file and an unknown district: the file is a new layer,
    # and the bad name is one clear message, while the rest keeps working.
    good = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "good", "ward-office.gpkg")
    bad = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "bad", "truncated.geojson")
    s = Session(binary, out, ["--district", "no-such-district", good, bad])
    try:
        st = s.wait(lambda t: t["ready"] and any(l["id"] == "ward-office" for l in t["layers"]),
                    "a file given on the command line becomes a layer")
        msgs = "\n".join(st["messages"])
        check("no-such-district" in msgs, "an unknown district gives a message naming it")
        check("truncated.geojson" in msgs, "a broken file gives a message naming it")
        check(len(st["districts"]) == 11, "the other layers keep working")
        s.screenshot("06-errors.png")
    finally:
        s.close()


def run_editing(binary, out):
    """Edit on the map: add a crime point by clicking, save (Ctrl+S) into the project file, find it with
    ogrinfo; undo; quitting with unsaved changes asks first."""
    tmp = tempfile.mkdtemp(prefix="sm-edit-")
    try:
        proj = os.path.join(tmp, "project.gpkg")
        good = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "good", "ward-office.csv")
        r = subprocess.run([os.path.abspath(binary), "import", "--into", proj, good], capture_output=True, text=True,
                           env=dict(os.environ, SAFETYMAP_CONFIG_DIR=os.path.join(tmp, "cfg")))
        check(r.returncode == 0, "a project file is made with safetymap import")
        before = ogr_count(proj, "crimes")
        s = Session(binary, out, [proj])
        try:
            st = s.wait(lambda t: t["ready"] and t["edit"]["project"] == proj, "the viewer opens the project file")
            crimes = next(l for l in st["layers"] if l["role"] == "crimes")
            check(crimes["features"] == before, f"the project's {before} crime records are loaded")
            s.click_widget(st, "tool:add")
            st = s.wait(lambda t: t["edit"]["tool"] == 1 and t["camera"]["settled"], "the Add tool is chosen")
            check(st["edit"]["add_layer"] == "crimes", "new points go to the crime layer")
            d = next(d for d in st["districts"] if d["name"] == "市岡")
            x, y = d["inside_window"]
            s.click(x, y)
            st = s.wait(lambda t: next(l for l in t["layers"] if l["role"] == "crimes")["features"] == before + 1,
                        "clicking the map adds a crime point")
            check(st["edit"]["dirty"], "the unsaved change is marked")
            st = s.wait(lambda t: t["selection"] is not None and t["selection"]["layer"] == "crimes", "the new point is selected")
            town = st["selection"]["attributes"].get("町丁目（発生地）", "")
            where = st["selection"]["district"]
            print(f"     the point landed in {where}, 町丁目 {town}")
            check(where is not None, "the added point lies in a district")
            check(town != "" and town in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                                           "geodata", "facts", "chome-districts.tsv"), encoding="utf-8").read(),
                  f"a point added inside the ward knows its 町丁目 ({town})")
            wid = subprocess.run(["xdotool", "search", "--pid", str(s.proc.pid)], env=s.env,
                                 capture_output=True, text=True).stdout.split()[-1]
            title = subprocess.run(["xdotool", "getwindowname", wid], env=s.env, capture_output=True, text=True).stdout
            check("*" in title, f"the window title marks unsaved changes ({title.strip()})")
            s.screenshot("07-added-point.png")
            s.key("ctrl+s")
            s.wait(lambda t: not t["edit"]["dirty"] and not t["edit"]["busy"], "Ctrl+S saves the project")
            check(ogr_count(proj, "crimes") == before + 1, "ogrinfo finds the added point in the saved GeoPackage")
            q = subprocess.run(["ogrinfo", "-ro", "-q", proj, "-sql",
                                "SELECT \"町丁目（発生地）\" AS t FROM crimes WHERE placement LIKE '地図上で入力%'"],
                               capture_output=True, text=True).stdout
            check(town in q, "with its attributes")
            s.key("ctrl+z")
            st = s.wait(lambda t: next(l for l in t["layers"] if l["role"] == "crimes")["features"] == before and t["edit"]["dirty"],
                        "Ctrl+Z undoes the addition (and the project is unsaved again)")
            # A layer's style is an edit like any other: hiding a layer is undone by Ctrl+Z.
            shown = next(l for l in st["layers"] if l["id"] == "ward")["visible"]
            undo = st["edit"]["undo"]
            s.click_widget(st, "layer-visible:ward")
            st = s.wait(lambda t: next(l for l in t["layers"] if l["id"] == "ward")["visible"] != shown
                        and t["edit"]["undo"] == undo + 1, "the layer's checkbox is one undoable step")
            s.key("ctrl+z")
            st = s.wait(lambda t: next(l for l in t["layers"] if l["id"] == "ward")["visible"] == shown
                        and t["edit"]["undo"] == undo, "Ctrl+Z brings the layer back as it was")
            s.key("ctrl+q")
            st = s.wait(lambda t: t["edit"]["confirm_quit"] and "quit:discard" in t["widgets"],
                        "quitting with unsaved changes asks first")
            check(s.proc.poll() is None, "the window is still open while it asks")
            s.click_widget(st, "quit:discard")
            try:
                s.proc.wait(timeout=300)  # a bound for a hung viewer, not a schedule
            except subprocess.TimeoutExpired:
                pass
            check(s.proc.poll() == 0, "'Quit without saving' closes the viewer")
            check(ogr_count(proj, "crimes") == before + 1, "the saved project is as it was saved")
        finally:
            s.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_cancel(binary, out):
    """Long work is cancelled from its progress bar: an atlas print (nothing is written) and the drill computation
    (the map keeps what it had); and closing the window during a print stops it and exits at once, leaving no PDF.
    SAFETYMAP_TEST_HOLD_JOB holds those jobs at their first progress report until cancelled, so the clicks land
    while they run on any machine; what happens after the cancel is the real code."""
    s = Session(binary, out, extra_env={"SAFETYMAP_TEST_HOLD_JOB": "print,drill"})
    try:
        st = s.settled("the ward is loaded")
        s.key("ctrl+p")
        st = s.wait(lambda t: t["print"]["open"] and t["print"]["preview"][0] > 0 and "print:all" in t["widgets"],
                    "the print dialog opens with its preview")
        s.click_widget(st, "print:all")
        st = s.wait(lambda t: t["print"]["all"] and not t["print"]["busy"], "all districts: an atlas")
        pdf = st["print"]["out"]
        folder = os.path.dirname(pdf)
        pdfs = lambda: sorted(f for f in os.listdir(folder) if ".pdf" in f.lower())
        before = pdfs()
        s.click_widget(st, "print:save")
        st = s.wait(lambda t: "print" in t["jobs"] and "print:cancel" in t["widgets"]
                    and "job:print:cancel" in t["widgets"], "the atlas prints, with a cancel button by its progress bar")
        s.screenshot("12-print-running.png")
        s.click_widget(st, "print:cancel")
        st = s.wait(lambda t: "print" not in t["jobs"] and not t["print"]["busy"], "Cancel stops the print")
        check(st["print"]["written"] == "" and st["print"]["status"].startswith("印刷を中止"),
              f"the dialog says it was cancelled ({st['print']['status']})")
        check(pdfs() == before, f"no PDF and no temporary file is left ({pdfs()})")
        s.key("Escape")
        w = st["widgets"]["print:window"]
        s.click(w[0] + w[2] - 14, w[1] + 10)
        st = s.wait(lambda t: not t["print"]["open"], "the print dialog closes")

        s.click_widget(st, "tab:drill")
        st = s.wait(lambda t: "drill:compute" in t["widgets"], "the drill planner tab opens")
        s.click_widget(st, "drill:compute")
        st = s.wait(lambda t: "drill" in t["jobs"] and "drill:cancel" in t["widgets"], "the drill computes, cancellable")
        s.click_widget(st, "drill:cancel")
        st = s.wait(lambda t: "drill" not in t["jobs"] and not t["drill"]["computing"], "Cancel stops the drill")
        check(not st["drill"]["ready"] and not any(l["id"] == "drill-routes" for l in st["layers"]),
              "nothing half-computed reaches the map")
        check(s.proc.poll() is None, "the viewer carries on")

        # Closing the window while an atlas prints: the print stops, the viewer exits, no PDF.
        s.key("ctrl+p")
        st = s.wait(lambda t: t["print"]["open"] and not t["print"]["busy"] and "print:save" in t["widgets"],
                    "the print dialog again")
        if not st["print"]["all"]:
            s.click_widget(st, "print:all")
            st = s.wait(lambda t: t["print"]["all"] and not t["print"]["busy"], "all districts again")
        s.click_widget(st, "print:save")
        s.wait(lambda t: "print" in t["jobs"], "the atlas prints again")
        log_path = os.path.join(out, "viewer.log")
        held = lambda: open(log_path).read().count("print job held until cancelled")
        s.wait(lambda t: held() == 2, "it has reached its first page")
        closed = time.time()
        s.key("ctrl+q")
        code = s.proc.wait(60)
        took = time.time() - closed
        check(code == 0, f"the viewer exits cleanly when closed during a print ({took:.2f} s from Ctrl+Q)")
        s.log.flush()
        log = open(os.path.join(out, "viewer.log")).read()
        stopped = [l for l in log.splitlines() if "job(s) stopped in" in l]
        check(stopped and float(stopped[-1].split("stopped in ")[1].split(" s")[0]) <= 1.0,
              f"the running print stopped within a second of closing ({stopped[-1] if stopped else 'not said'})")
        check(pdfs() == before, f"no PDF and no temporary file is left ({pdfs()})")
    finally:
        s.close()


def run_references(binary, out):
    """A project someone sent that names files outside it: the viewer asks before reading them, and hostile
    files opened beside it each get one message naming them while the viewer carries on."""
    tmp = tempfile.mkdtemp(prefix="sm-refs-")
    try:
        proj = os.path.join(tmp, "sent.gpkg")
        here = os.path.dirname(os.path.abspath(__file__))
        good = os.path.join(here, "..", "data", "good", "ward-office.csv")
        r = subprocess.run([os.path.abspath(binary), "import", "--into", proj, good], capture_output=True, text=True,
                           env=dict(os.environ, SAFETYMAP_CONFIG_DIR=os.path.join(tmp, "cfg")))
        check(r.returncode == 0, "a project file is made with safetymap import")
        secret = os.path.join(tmp, "private-notes.geojson")
        shutil.copy(os.path.join(here, "..", "data", "good", "polygon-with-hole.geojson"), secret)
        db = sqlite3.connect(proj)
        layers = json.loads(db.execute("SELECT value FROM safetymap_project WHERE key = 'layers'").fetchone()[0])
        layers.append({"id": "outside", "reference": secret, "role": "other", "name_ja": "外部", "name_en": "Outside"})
        db.execute("UPDATE safetymap_project SET value = ? WHERE key = 'layers'", (json.dumps(layers),))
        db.commit()
        db.close()
        fifo = os.path.join(tmp, "pipe.csv")
        os.mkfifo(fifo)
        utf16 = os.path.join(here, "..", "data", "hostile", "utf16.csv")
        s = Session(binary, out, [proj, fifo, utf16])
        try:
            st = s.wait(lambda t: t["ready"] and "refs:dialog" in t["widgets"] and "refs:skip" in t["widgets"],
                        "opening a project that names a file outside it asks first")
            check(st["edit"]["outside_references"] == [secret], "the question names the file")
            check(not any(l["id"] == "outside" for l in st["layers"]), "the file is not read before the answer")
            s.screenshot("11-outside-reference.png")
            s.click_widget(st, "refs:skip")
            st = s.wait(lambda t: "refs:dialog" not in t["widgets"] and t["ready"], "'Do not read them' closes it")
            check(not any(l["id"] == "outside" for l in st["layers"]), "and the file stays unread")
            st = s.wait(lambda t: any("pipe.csv" in m and "pipe (FIFO)" in m for m in t["messages"])
                        and any("utf16.csv" in m and "UTF-16" in m for m in t["messages"]),
                        "a FIFO and a UTF-16 file each get a message naming them; the viewer carries on")
            check(s.proc.poll() is None, "the viewer is still running")
        finally:
            s.close()
        s = Session(binary, out, [proj])
        try:
            st = s.wait(lambda t: t["ready"] and "refs:read" in t["widgets"], "asked again when opened again")
            s.click_widget(st, "refs:read")
            st = s.wait(lambda t: any(l["id"] == "outside" and l["features"] == 1 for l in t["layers"]),
                        "'Read them' opens the project again with the file as a layer")
            check("refs:dialog" not in st["widgets"], "and the question is not asked again")
        finally:
            s.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_network(binary, out):
    """The drill planner on a street centre-line network loaded with --walk-network (a synthetic lattice)."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
    from lattice import write_lattice
    tmp = tempfile.mkdtemp(prefix="safetymap-net-")
    try:
        lattice = os.path.join(tmp, "lattice.geojson")
        ward = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "geodata", "derived", "ward.geojson")
        write_lattice(ward, lattice)
        s = Session(binary, out, ["--walk-network", lattice])
        try:
            st = s.settled("the viewer opens with a walking network")
            check(any(l["role"] == "walk_network" for l in st["layers"]), "the network is a layer with its role")
            s.click_widget(st, "tab:drill")
            st = s.wait(lambda t: "drill:surface-network" in t["widgets"], "the planner offers the centre lines")
            s.click_widget(st, "drill:compute")
            st = s.wait(lambda t: t["drill"]["ready"] and not t["drill"]["computing"], "Compute on the network", timeout=120)
            check(st["drill"]["on_network"], "the plan walked on the centre lines")
            bands = next((l for l in st["layers"] if l["id"] == "drill-bands"), None)
            check(bands is not None and bands["features"] >= 2, "the streets are coloured by walking time")
            check(st["drill"]["shortfall"] == 0 and st["drill"]["people"] > 0, "everyone reaches a building on the lattice")
            s.screenshot("07-drill-network.png")
            s.click_widget(st, "drill:surface-grid")
            st = s.wait(lambda t: t["drill"]["ready"] and not t["drill"]["computing"] and not t["drill"]["on_network"],
                        "choosing the road surfaces computes on the grid again", timeout=120)
            check(not any(l["id"] == "drill-bands" for l in st["layers"]), "the network's bands give way to the grid's")
        finally:
            s.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_density(binary, out):
    """60k synthetic crime points: at the ward's scale the map shows their density and says so in the
    legend; zoomed in, each point again."""
    tmp = tempfile.mkdtemp(prefix="safetymap-dense-")
    try:
        many = os.path.join(tmp, "crimes-60000.gpkg")
        bench = os.path.join(os.path.dirname(os.path.abspath(binary)), "safetymap-bench")
        subprocess.run([bench, "generate", "60000", many], check=True, capture_output=True)
        s = Session(binary, out, ["--crimes", many])
        try:
            st = s.settled("the viewer opens with 60k crime points")
            check("legend:density:crimes" in st["widgets"], "at the ward's scale the legend says the map shows density")
            img = s.screenshot("08-density.png")
            mx, my, mw, mh = st["map_rect"]
            px = img.load()
            # The density ramp's light-to-dark orange covers the districts.
            warm = sum(1 for x in range(int(mx), int(mx + mw), 4) for y in range(int(my), int(my + mh), 4)
                       if px[x, y][0] > 200 and px[x, y][2] < 120 and px[x, y][1] > 60)
            check(warm > 2000, f"the density covers the ward ({warm} sampled warm pixels)")
            for _ in range(5):
                s.key("KP_Add")
            st = s.wait(lambda t: t["camera"]["settled"] and "legend:density:crimes" not in t["widgets"],
                        "zoomed in, each point is drawn again")
            s.screenshot("08b-density-zoomed.png")
        finally:
            s.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def ogr_count(path, layer):
    out = subprocess.run(["ogrinfo", "-ro", "-so", path, layer], capture_output=True, text=True).stdout
    m = [l for l in out.splitlines() if l.startswith("Feature Count:")]
    return int(m[0].split(":")[1]) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    try:
        run(a.binary, a.out)
        run_editing(a.binary, a.out)
        run_references(a.binary, a.out)
        run_cancel(a.binary, a.out)
        run_network(a.binary, a.out)
        run_density(a.binary, a.out)
    except Failure as e:
        print(f"FAIL {e}", file=sys.stderr)
        print(f"     screenshots and the viewer's log are in {a.out}", file=sys.stderr)
        return 1
    print(f"all UI checks passed; screenshots in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
