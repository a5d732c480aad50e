#!/usr/bin/env python3
"""A big polygon layer drawn from its image (Mesa llvmpipe): 60,000 small squares over the ward open from the command
line; the viewer says it drew them from the image, and its screenshot equals the one drawn polygon by polygon
(SAFETYMAP_SHAPE_IMAGES=0) to within the blending of a few edge pixels: same colour where the squares are, same
map elsewhere, nothing dark or missing.

  test_shape_image.py --binary SAFETYMAP --out DIR"""
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
    # Minato Ward in lon/lat; squares of about 8 m with gaps between them, a fill colour of their own.
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


def shoot(binary, data, out, images):
    env = dict(os.environ, SAFETYMAP_SHAPE_IMAGES="1" if images else "0", SAFETYMAP_CONFIG_DIR=out + ".config")
    if "ASAN_OPTIONS" in env:  # as in test_viewer.py: Mesa's driver leaks from an "<unknown module>" at exit
        env["ASAN_OPTIONS"] += ":detect_leaks=0"
    png, state = out + ".png", out + ".json"
    r = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", binary, "--screenshot", png,
                        "--size", "1400x900", "--state-file", state, data], env=env, capture_output=True, text=True,
                       timeout=600)
    if r.returncode != 0 or not os.path.exists(png):
        fail("the viewer did not write %s: %s" % (png, r.stderr[-2000:]))
    with open(state) as f:
        return Image.open(png).convert("RGB"), json.load(f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    data = os.path.join(tempfile.mkdtemp(prefix="sm-shape-image-"), "squares.geojson")
    squares(data, 60000)
    vec, vstate = shoot(a.binary, data, os.path.join(a.out, "polygons"), images=False)
    img, istate = shoot(a.binary, data, os.path.join(a.out, "image"), images=True)
    if vstate.get("shape_images"):
        fail("SAFETYMAP_SHAPE_IMAGES=0 still drew from an image: %s" % vstate["shape_images"])
    if "squares" not in istate.get("shape_images", []):
        fail("the 60,000 squares were not drawn from their image: %s" % istate.get("shape_images"))
    mx, my, mw, mh = (int(v) for v in istate["map_rect"])
    box = (mx + 2, my + 2, mx + mw - 2, my + mh - 2)
    vec, img = vec.crop(box), img.crop(box)
    diff = ImageChops.difference(vec, img).convert("L")
    hist = diff.histogram()
    total = sum(hist)
    mean = sum(i * c for i, c in enumerate(hist)) / total
    far = sum(hist[48:]) / total
    print("mean difference %.2f, pixels differing by more than 48: %.3f%%" % (mean, 100 * far))
    changed = ImageChops.difference(vec, Image.new("RGB", vec.size, vec.getpixel((5, 5)))).convert("L")
    if sum(changed.histogram()[1:]) / total < 0.2:  # the map is there: equal blank pictures would prove nothing
        fail("the map shows almost nothing: the pictures would be equal anyway")
    if mean > 4.0 or far > 0.02:
        diff.point(lambda v: 255 if v > 48 else 0).save(os.path.join(a.out, "difference.png"))
        fail("the image differs from the polygons: mean %.2f, %.2f%% of pixels far off (difference.png)" %
             (mean, 100 * far))
    print("PASS")


if __name__ == "__main__":
    main()
