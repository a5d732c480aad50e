#!/usr/bin/env python3
"""The map drawn from tiles (Mesa llvmpipe): the layers under the points, and a big layer over them, are painted into
tiles and shown from there; the screenshot equals the one drawn layer by layer every frame (SAFETYMAP_MAP_TILES=0)
to within the resampling of edge pixels: same colours where the polygons are, same map elsewhere, nothing dark,
missing or shifted. Three views: the bundled ward, the ward zoomed to a district (another tile level, the district
filter in the tiles), and 60,000 small squares opened over it (a run of its own, transparent, over the points).

  test_map_tiles.py --binary SAFETYMAP --out DIR"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def squares(path, n):
    # Minato Ward in lon/lat; squares of about 4 m with gaps between them.
    rng = random.Random(5)
    feats = []
    for i in range(n):
        lon, lat = rng.uniform(135.425, 135.475), rng.uniform(34.645, 34.680)
        d = 0.00004
        ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
        feats.append('{"type":"Feature","properties":{"n":%d},"geometry":{"type":"Polygon","coordinates":[%s]}}'
                     % (i, json.dumps(ring)))
    with open(path, "w") as f:
        f.write('{"type":"FeatureCollection","features":[' + ",".join(feats) + "]}")


def shoot(binary, args, out, tiles):
    env = dict(os.environ, SAFETYMAP_MAP_TILES="1" if tiles else "0", SAFETYMAP_CONFIG_DIR=out + ".config")
    if "ASAN_OPTIONS" in env:  # as in test_viewer.py: Mesa's driver leaks from an "<unknown module>" at exit
        env["ASAN_OPTIONS"] += ":detect_leaks=0"
    png, state = out + ".png", out + ".json"
    r = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", binary, "--screenshot", png,
                        "--size", "1400x900", "--lang", "en", "--state-file", state] + args, env=env,
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0 or not os.path.exists(png):
        fail("the viewer did not write %s: %s" % (png, r.stderr[-2000:]))
    with open(state) as f:
        return Image.open(png).convert("RGB"), json.load(f)


def compare(binary, name, args, out, expect_tiled):
    direct, dstate = shoot(binary, args, os.path.join(out, name + "-direct"), tiles=False)
    tiled, tstate = shoot(binary, args, os.path.join(out, name + "-tiles"), tiles=True)
    if dstate.get("tiled_layers"):
        fail("%s: SAFETYMAP_MAP_TILES=0 still drew from tiles: %s" % (name, dstate["tiled_layers"]))
    missing = [l for l in expect_tiled if l not in tstate.get("tiled_layers", [])]
    if missing:
        fail("%s: %s not drawn from tiles (tiled: %s)" % (name, missing, tstate.get("tiled_layers")))
    t = tstate.get("tiles", {})
    if t.get("pending") or t.get("shown", 0) < 1:
        fail("%s: the screenshot was taken before its tiles were painted: %s" % (name, t))
    mx, my, mw, mh = (int(v) for v in tstate["map_rect"])
    box = (mx + 2, my + 2, mx + mw - 2, my + mh - 2)
    direct, tiled = direct.crop(box), tiled.crop(box)
    diff = ImageChops.difference(direct, tiled).convert("L")
    hist = diff.histogram()
    total = sum(hist)
    mean = sum(i * c for i, c in enumerate(hist)) / total
    far = sum(hist[48:]) / total
    print("%s: tiles %s; mean difference %.2f, pixels differing by more than 48: %.3f%%" %
          (name, t, mean, 100 * far))
    changed = ImageChops.difference(direct, Image.new("RGB", direct.size, direct.getpixel((5, 5)))).convert("L")
    if sum(changed.histogram()[1:]) / total < 0.2:  # the map is there: equal blank pictures would prove nothing
        fail("%s: the map shows almost nothing: the pictures would be equal anyway" % name)
    if mean > 4.0 or far > 0.02:
        diff.point(lambda v: 255 if v > 48 else 0).save(os.path.join(out, name + "-difference.png"))
        fail("%s: the tiles differ from the layers: mean %.2f, %.2f%% of pixels far off (%s-difference.png)" %
             (name, mean, 100 * far, name))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    compare(a.binary, "ward", [], a.out, ["roads", "chome", "districts"])
    compare(a.binary, "district", ["--district", "Ichioka"], a.out, ["roads", "chome", "districts"])
    data = os.path.join(tempfile.mkdtemp(prefix="sm-map-tiles-"), "squares.geojson")
    squares(data, 60000)
    compare(a.binary, "squares", [data], a.out, ["roads", "squares"])
    print("PASS")


if __name__ == "__main__":
    main()
