#!/usr/bin/env python3
"""Hazard and imagery in the real viewer (Xvfb + Mesa, xdotool): a synthetic depth GeoTIFF and a synthetic "aerial"
GeoTIFF open from the command line; both are painted; the hazard's pixels are its ramp's colour blended at its
opacity over what lies under it (the same pixel with the hazard hidden), and the dry mound is left alone; the legend
shows the classes; the value under the cursor equals gdallocationinfo's; the tsunami tab's figures equal
`stats --json`; zooming in paints the view at screen resolution.

  test_hazard_view.py --binary SAFETYMAP --out DIR"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_viewer import Failure, Session, check, near  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import hazard  # noqa: E402

HAZARD, PHOTO = "tsunami_depth", "base_image"
# depthRamp(): ColorBrewer YlGnBu by class (0.01, 0.3, 1, 2, 3, 4, 5 m)
RAMP = [(0.01, (255, 255, 204)), (0.3, (199, 233, 180)), (1, (127, 205, 187)), (2, (65, 182, 196)),
        (3, (29, 145, 192)), (4, (34, 94, 168)), (5, (12, 44, 132))]


def ramp_colour(depth):
    return [c for lo, c in RAMP if depth >= lo][-1]


def to_screen(state, wx, wy):
    mx, my, mw, mh = state["map_rect"]
    cam = state["camera"]
    return (mx + mw / 2 + (wx - cam["center_x"]) * cam["ppm"], my + mh / 2 - (wy - cam["center_y"]) * cam["ppm"])


def to_world(state, sx, sy):
    mx, my, mw, mh = state["map_rect"]
    cam = state["camera"]
    return (cam["center_x"] + (sx - mx - mw / 2) / cam["ppm"], cam["center_y"] - (sy - my - mh / 2) / cam["ppm"])


def painted(s, view=False):
    layers = {l["layer"]: l for l in s["raster"]["layers"]}
    ok = HAZARD in layers and PHOTO in layers and all(l["whole"][0] > 0 and not l["pending"] for l in layers.values())
    return ok and (not view or layers[HAZARD]["view"][0] > 0) and s["ready"] and s["camera"]["settled"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="sm-hazard-ui-")
    depth, photo = os.path.join(tmp, "depth.tif"), os.path.join(tmp, "photo.tif")
    hazard.raster(depth, 5.0)
    hazard.rgb(photo)
    env = {"XDG_CACHE_HOME": os.path.join(tmp, "cache")}
    s = Session(a.binary, a.out, ["--tsunami-depth", depth, "--base-image", photo], env)
    try:
        st = s.wait(painted, "the depth raster and the photo are painted", timeout=120)
        layers = {l["id"]: l for l in st["layers"]}
        check(layers[HAZARD]["role"] == "tsunami_depth" and layers[HAZARD]["synthetic"], "the hazard is a synthetic layer")
        check(layers[PHOTO]["role"] == "base_image", "the photo is a base image")
        check(st["layers"][0]["id"] == PHOTO, "the base image lies under everything")
        check(f"legend:ramp:{HAZARD}" in st["widgets"], "the legend shows the hazard's classes")
        shown = s.screenshot("01-hazard.png")
        # The sea at the map's western edge (nothing drawn over the hazard there) and the dry mound, with the hazard
        # shown and hidden.
        mx, my, mw, mh = st["map_rect"]
        sea = (mx + 30, my + mh * 0.45)
        sea_world = to_world(st, sea[0] + 0.5, sea[1] + 0.5)
        sea_depth = float(hazard.depth_at(sea_world[0], sea_world[1]))
        check(sea_depth > 3, f"the map's western edge lies in the deep sea strip ({sea_depth:.2f} m)")
        mound = to_screen(st, hazard.MOUND[0], hazard.MOUND[1])
        s.click_widget(st, f"layer-visible:{HAZARD}")
        st = s.wait(lambda x: not next(l for l in x["layers"] if l["id"] == HAZARD)["visible"], "the hazard is hidden")
        hidden = s.screenshot("02-hazard-hidden.png")
        under = hidden.getpixel((int(sea[0]), int(sea[1])))
        want = tuple(round(c * 0.7 + u * 0.3) for c, u in zip(ramp_colour(sea_depth), under))
        got = shown.getpixel((int(sea[0]), int(sea[1])))
        check(near(got, want, 6), f"a {sea_depth:.2f} m cell is its class's colour at 70 % over the map: {got} ≈ {want}")
        m0, m1 = shown.getpixel((int(mound[0]), int(mound[1]))), hidden.getpixel((int(mound[0]), int(mound[1])))
        check(near(m0, m1, 3), f"the dry mound is left as it was: {m0} = {m1}")
        s.click_widget(st, f"layer-visible:{HAZARD}")
        st = s.wait(lambda x: next(l for l in x["layers"] if l["id"] == HAZARD)["visible"] and painted(x),
                    "the hazard is shown again")

        # The value under the cursor, against gdallocationinfo at the same place.
        px, py = to_screen(st, -51500, -148500)
        s.xdo("mousemove", "--sync", int(px), int(py))
        s.after_frames(2)
        st = s.wait(lambda x: x["raster"]["under_cursor"] != "", "a value under the cursor")
        shown_value = float(re.search(r": ([0-9.]+) m", st["raster"]["under_cursor"]).group(1))
        wx, wy = to_world(st, int(px) + 0.5, int(py) + 0.5)
        gdal_value = float(subprocess.run(["gdallocationinfo", "-valonly", "-geoloc", depth, str(wx), str(wy)],
                                          capture_output=True, text=True, check=True).stdout)
        check(abs(shown_value - gdal_value) < 0.03,
              f"the status bar says {shown_value} m where gdallocationinfo says {gdal_value:.3f} m")

        # The tsunami tab against stats --json over the same files.
        s.click_widget(st, "tab:hazard")
        st = s.wait(lambda x: x["hazard"].get("ward_inundated") is not None and "hazard:ward" in x["widgets"],
                    "the tsunami tab shows the people per district")
        stats = json.loads(subprocess.run([a.binary, "stats", "--json", "--tsunami-depth", depth], capture_output=True,
                                          text=True, env=dict(os.environ, **env), check=True).stdout)["tsunami"]
        check(abs(st["hazard"]["ward_inundated"] - stats["ward"]["inundated"]) < 0.5,
              f"the tab's inundated people equal stats: {st['hazard']['ward_inundated']:.0f}")
        check([round(v) for v in st["hazard"]["district_inundated"]] ==
              [round(sum(d["by_class"])) for d in stats["per_district"]], "and district by district")
        check(st["hazard"]["synthetic"], "the tab says the hazard is synthetic")
        s.screenshot("03-tsunami-tab.png")

        # Zoomed in: the view is painted at screen resolution (sharper than the whole picture).
        cx, cy = to_screen(st, -51000, -148300)
        s.wheel(cx, cy, 6)
        st = s.wait(lambda x: painted(x, view=True), "zoomed in, the view is painted at screen resolution", timeout=120)
        view = next(l for l in st["raster"]["layers"] if l["layer"] == HAZARD)["view"]
        check(view[0] > 200 and view[1] > 200, f"the view picture is {view[0]}×{view[1]} pixels")
        s.screenshot("04-zoomed.png")
    except Failure as e:
        print(f"FAIL {e}")
        return 1
    finally:
        s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
