"""A synthetic street centre-line network for the tests: a 100 m lattice over the ward in EPSG:6674,
every line with a vertex at each crossing (as OpenStreetMap ways and GSI centre lines are noded)."""
import json
import subprocess

LATTICE = 100.0


def write_lattice(ward, out):
    """A synthetic 100 m street lattice over the ward (EPSG:6674), each line with a vertex at every crossing."""
    r = subprocess.run(["ogr2ogr", "-t_srs", "EPSG:6674", "-f", "GeoJSON", "/vsistdout/", ward],
                       capture_output=True, text=True, check=True)
    xs, ys = [], []

    def walk(c):
        if isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for k in c:
                walk(k)
    for f in json.loads(r.stdout)["features"]:
        walk(f["geometry"]["coordinates"])
    x0, y0 = (min(xs) // LATTICE - 3) * LATTICE, (min(ys) // LATTICE - 3) * LATTICE
    nx, ny = int((max(xs) - x0) // LATTICE) + 4, int((max(ys) - y0) // LATTICE) + 4
    line = lambda pts, name: {"type": "Feature", "properties": {"name": name, "synthetic": True},
                              "geometry": {"type": "LineString", "coordinates": pts}}
    feats = [line([[x0 + i * LATTICE, y0 + j * LATTICE] for j in range(ny + 1)], f"v{i}") for i in range(nx + 1)]
    feats += [line([[x0 + i * LATTICE, y0 + j * LATTICE] for i in range(nx + 1)], f"h{j}") for j in range(ny + 1)]
    with open(out, "w") as f:
        json.dump({"type": "FeatureCollection", "features": feats,
                   "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::6674"}}}, f)
    return x0, y0
