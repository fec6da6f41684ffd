#!/usr/bin/env python3
"""Independent re-derivation of every expectation in broken/expected.json, and a check that good/ is good.

Oracles:
  * a strict, rule-based JSON scanner written from the brief (first character that cannot be accepted;
    end of file = position after the last character; 512 levels; UTF-8 validity; BOM skipped);
  * Python's json module (line/column of JSONDecodeError) where the two conventions coincide;
  * a small reference GeoJSON validator written from the brief, using shapely (GEOS) for validity,
    ring orientation and polygonize, and pyproj for CRS names;
  * the system libgeos_c (the one the project links, GEOS 3.11 on Debian 12) through geosval.c, compiled
    on the fly with gcc, for validity reasons and locations (skipped if gcc or libgeos-dev is missing).
Needs shapely >= 2 and pyproj:  python3 -m venv /tmp/v && /tmp/v/bin/pip install shapely pyproj
                               /tmp/v/bin/python tools/check_fixtures.py
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import pyproj
import shapely
from shapely.geometry import shape

sys.setrecursionlimit(10000)
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BROKEN = os.path.join(ROOT, "broken")
GOOD = os.path.join(ROOT, "good")
MAXDEPTH = 512


GEOSVAL = None


def geosval(lines):
    """Runs WKT lines through the system GEOS; returns output lines (first is the version) or None."""
    global GEOSVAL
    if GEOSVAL is None:
        exe = os.path.join(tempfile.mkdtemp(), "geosval")
        src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "geosval.c")
        try:
            subprocess.run(["gcc", src, "-o", exe, "-lgeos_c"], check=True, capture_output=True)
            GEOSVAL = exe
        except (OSError, subprocess.CalledProcessError):
            GEOSVAL = ""
    if not GEOSVAL:
        return None
    return subprocess.run([GEOSVAL], input="\n".join(lines) + "\n", capture_output=True, text=True).stdout.splitlines()


# ------------------------------------------------------------------ strict scanner
class SyntaxProblem(Exception):
    def __init__(self, code, line, col):
        self.code, self.line, self.col = code, line, col


class Scanner:
    def __init__(self, data):
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        self.d, self.i, self.line, self.col = data, 0, 1, 1

    def fail(self, code="invalid-json"):
        raise SyntaxProblem(code, self.line, self.col)

    def peek(self):
        """The next character, or None at EOF; raises invalid-utf8 on a bad byte."""
        if self.i >= len(self.d):
            return None
        b = self.d[self.i]
        n = 1 if b < 0x80 else 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        if n == 0:
            self.fail("invalid-utf8")
        try:
            ch = self.d[self.i:self.i + n].decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            self.fail("invalid-utf8")
        if len(ch) != 1:
            self.fail("invalid-utf8")
        self._n = n
        return ch

    def adv(self):
        ch = self.peek()
        self.i += self._n
        if ch == "\n":
            self.line += 1
            self.col = 1
        else:
            self.col += 1
        return ch

    def ws(self):
        while self.peek() in (" ", "\t", "\n", "\r"):
            self.adv()

    def expect(self, ch):
        if self.peek() != ch:
            self.fail()
        self.adv()

    def value(self, depth):
        self.ws()
        c = self.peek()
        if c is None:
            self.fail()
        if c in "{[":
            if depth + 1 > MAXDEPTH:
                self.fail("too-deep")
            return self.obj(depth + 1) if c == "{" else self.arr(depth + 1)
        if c == '"':
            return self.string()
        if c == "-" or c.isdigit() and c.isascii():
            return self.number()
        for lit in ("true", "false", "null"):
            if c == lit[0]:
                for ch in lit:
                    if self.peek() != ch:
                        self.fail()
                    self.adv()
                return
        self.fail()

    def digits(self, required):
        c = self.peek()
        if required and not (c is not None and c in "0123456789"):
            self.fail()
        while self.peek() is not None and self.peek() in "0123456789":
            self.adv()

    def number(self):
        if self.peek() == "-":
            self.adv()
        c = self.peek()
        if c == "0":
            self.adv()
        else:
            self.digits(True)
        if self.peek() == ".":
            self.adv()
            self.digits(True)
        if self.peek() in ("e", "E"):
            self.adv()
            if self.peek() in ("+", "-"):
                self.adv()
            self.digits(True)

    def string(self):
        self.adv()
        while True:
            c = self.peek()
            if c is None:
                self.fail()
            if c == '"':
                self.adv()
                return
            if c == "\\":
                self.adv()
                e = self.peek()
                if e is not None and e in '"\\/bfnrt':
                    self.adv()
                elif e == "u":
                    self.adv()
                    for _ in range(4):
                        h = self.peek()
                        if h is None or h not in "0123456789abcdefABCDEF":
                            self.fail()
                        self.adv()
                else:
                    self.fail()
            elif ord(c) < 0x20:
                self.fail()
            else:
                self.adv()

    def obj(self, depth):
        self.adv()
        self.ws()
        if self.peek() == "}":
            self.adv()
            return
        while True:
            self.ws()
            if self.peek() != '"':
                self.fail()
            self.string()
            self.ws()
            self.expect(":")
            self.value(depth)
            self.ws()
            c = self.peek()
            if c == ",":
                self.adv()
                continue
            if c == "}":
                self.adv()
                return
            self.fail()

    def arr(self, depth):
        self.adv()
        self.ws()
        if self.peek() == "]":
            self.adv()
            return
        while True:
            self.value(depth)
            self.ws()
            c = self.peek()
            if c == ",":
                self.adv()
                continue
            if c == "]":
                self.adv()
                return
            self.fail()

    def run(self):
        self.value(0)
        self.ws()
        if self.peek() is not None:
            self.fail()


def scan(data):
    try:
        Scanner(data).run()
        return None
    except SyntaxProblem as p:
        return (p.code, p.line, p.col)


def python_position(data):
    """(line, col) of Python's JSONDecodeError, or 'ok', or None if Python is no oracle (bad UTF-8, recursion)."""
    try:
        txt = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        txt = data.decode("latin-1")

    def no_const(x):
        raise ValueError("constant " + x)
    try:
        json.loads(txt, parse_constant=no_const)
        return "ok"
    except json.JSONDecodeError as e:
        return (e.lineno, e.colno)
    except (RecursionError, ValueError):
        return None


# ------------------------------------------------------------------ reference validator
class OOR(float):
    """A number that did not fit a double."""


def parse_float(s):
    v = float(s)
    return OOR(v) if math.isinf(v) else v


def load(data):
    return json.loads(data.decode("utf-8-sig"), parse_float=parse_float, parse_int=int,
                      parse_constant=lambda x: (_ for _ in ()).throw(ValueError(x)))


GEOM = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"}
REASONS = {"Self-intersection": "self-intersection", "Ring Self-intersection": "ring-self-intersection",
           "Hole lies outside shell": "hole-outside-shell", "Holes are nested": "nested-holes",
           "Nested shells": "nested-shells", "Interior is disconnected": "disconnected-interior"}


def isnum(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class Validator:
    def __init__(self, doc, options):
        self.doc, self.opt, self.out = doc, options, []
        self.projected_reported = False

    def add(self, sev, code, fi, ptr, location=None):
        p = {"severity": sev, "code": code, "feature": fi, "pointer": ptr}
        if location:
            p["location"] = location
        self.out.append(p)

    def run(self):
        d = self.doc
        self.walk_numbers(d, "", None)
        if not isinstance(d, dict) or "type" not in d:
            self.add("error", "not-geojson", None, "")
            return self.out
        t = d["type"]
        if t not in GEOM | {"Feature", "FeatureCollection"}:
            self.add("error", "not-geojson", None, "/type")
            return self.out
        self.declared = None
        if "crs" in d:
            name = d["crs"]["properties"]["name"]
            try:
                self.declared = pyproj.CRS.from_user_input(name)
            except pyproj.exceptions.CRSError:
                self.add("error", "unknown-crs", None, "/crs/properties/name")
                self.declared = "unknown"
        if self.opt.get("crs"):
            self.declared = pyproj.CRS.from_user_input(self.opt["crs"])
        if t == "FeatureCollection":
            if "features" not in d:
                self.add("error", "missing-member", None, "")
            elif not isinstance(d["features"], list):
                self.add("error", "wrong-type", None, "/features")
            else:
                seen = set()
                for i, f in enumerate(d["features"]):
                    p = f"/features/{i}"
                    if not isinstance(f, dict):
                        self.add("error", "wrong-type", i, p)
                        continue
                    self.feature(f, i, p)
                    if "id" in f and (isinstance(f["id"], str) or isnum(f["id"])):
                        key = (type(f["id"]) is str, f["id"])
                        if key in seen:
                            self.add("error", "duplicate-id", i, p + "/id")
                        seen.add(key)
        elif t == "Feature":
            self.feature(d, 0, "")
        else:
            self.geometry(d, 0, "")
        return self.out

    def walk_numbers(self, v, ptr, fi):
        if isinstance(v, OOR):
            idx = ptr.split("/")
            fi = int(idx[2]) if len(idx) > 2 and idx[1] == "features" else None
            self.add("error", "number-out-of-range", fi, ptr)
        elif isinstance(v, dict):
            for k, x in v.items():
                self.walk_numbers(x, ptr + "/" + k.replace("~", "~0").replace("/", "~1"), fi)
        elif isinstance(v, list):
            for k, x in enumerate(v):
                self.walk_numbers(x, f"{ptr}/{k}", fi)

    def feature(self, f, fi, p):
        if "type" not in f:
            self.add("error", "missing-member", fi, p)
        if "id" in f and not (isinstance(f["id"], str) or isnum(f["id"])):
            self.add("error", "wrong-type", fi, p + "/id")
        if "properties" in f and not (f["properties"] is None or isinstance(f["properties"], dict)):
            self.add("error", "wrong-type", fi, p + "/properties")
        if "geometry" not in f:
            self.add("error", "missing-member", fi, p)
        elif f["geometry"] is None:
            self.add("warning", "null-geometry", fi, p + "/geometry")
        else:
            self.geometry(f["geometry"], fi, p + "/geometry", top=True)

    def geometry(self, g, fi, p, top=True):
        if not isinstance(g, dict):
            self.add("error", "wrong-type", fi, p)
            return False
        if "type" not in g:
            self.add("error", "missing-member", fi, p)
            return False
        t = g["type"]
        if not isinstance(t, str):
            self.add("error", "wrong-type", fi, p + "/type")
            return False
        if t not in GEOM:
            self.add("error", "unknown-geometry-type", fi, p + "/type")
            return False
        if t == "GeometryCollection":
            if "geometries" not in g:
                self.add("error", "missing-member", fi, p)
                return False
            ok = True
            for k, m in enumerate(g["geometries"]):
                ok &= self.geometry(m, fi, f"{p}/geometries/{k}", top=False) is not False
            if ok and top:
                self.geos(g, fi, p)
            return ok
        if "coordinates" not in g:
            self.add("error", "missing-member", fi, p)
            return False
        c = g["coordinates"]
        if not isinstance(c, list):
            self.add("error", "wrong-type", fi, p + "/coordinates")
            return False
        if c == []:
            self.add("error", "empty-geometry", fi, p)
            return False
        n0 = len(self.out)
        depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}[t]
        positions = []
        self.oor = False
        self.coords(c, depth, t, fi, p + "/coordinates", positions)
        if self.oor or any(x["severity"] == "error" for x in self.out[n0:]):
            return False
        # coordinate reference checks
        if self.declared is None:
            proj = [(pp, pos) for pp, pos in positions if abs(pos[0]) > 1000 or abs(pos[1]) > 1000]
            if proj:
                if not self.projected_reported:
                    self.add("error", "projected-coordinates", fi, proj[0][0])
                    self.projected_reported = True
                return False
            bad = False
            for pp, pos in positions:
                if not (-180 <= pos[0] <= 180 and -90 <= pos[1] <= 90):
                    self.add("error", "coordinate-out-of-range", fi, pp)
                    bad = True
            if bad:
                return False
        if top:
            self.geos(g, fi, p)
        self.orientation(g, fi, p)
        return True

    def coords(self, c, depth, t, fi, p, positions):
        if depth == 0:
            return self.position(c, fi, p, positions)
        if not isinstance(c, list):
            self.add("error", "invalid-position", fi, p)
            return
        for k, x in enumerate(c):
            self.coords(x, depth - 1, t, fi, f"{p}/{k}", positions)
        is_line = (t == "LineString" and depth == 1) or (t == "MultiLineString" and depth == 1)
        is_ring = (t == "Polygon" and depth == 1) or (t == "MultiPolygon" and depth == 1)
        if is_line and len(c) < 2:
            self.add("error", "too-few-positions", fi, p)
        if is_ring:
            if len(c) < 4:
                self.add("error", "too-few-positions", fi, p)
            elif all(isinstance(x, list) for x in c) and c[0] != c[-1]:
                self.add("error", "unclosed-ring", fi, p)

    def position(self, c, fi, p, positions):
        if not isinstance(c, list) or any(isinstance(x, (list, dict)) for x in c):
            self.add("error", "invalid-position", fi, p)
            return
        bad = False
        for k, x in enumerate(c):
            if not isnum(x):
                self.add("error", "wrong-type", fi, f"{p}/{k}")
                bad = True
        if bad:
            return
        if len(c) < 2:
            self.add("error", "invalid-position", fi, p)
            return
        if len(c) > 3:
            self.add("warning", "extra-dimensions", fi, p)
        if any(isinstance(x, OOR) for x in c):
            self.oor = True
            return
        positions.append((p, c))

    def geos(self, g, fi, p):
        geom = shapely.force_2d(shape(strip4(g)))
        if g["type"] in ("LineString", "MultiLineString") and self.opt.get("polygonize"):
            polys, cuts, dangles, invalid = shapely.polygonize_full([geom])
            if polys.is_empty or not cuts.is_empty or not dangles.is_empty or not invalid.is_empty:
                self.add("error", "outline-not-closed", fi, p)
            return
        r = shapely.is_valid_reason(geom)
        if r != "Valid Geometry":
            reason, _, loc = r.partition("[")
            x, y = map(float, loc.rstrip("]").split())
            self.add("error", REASONS[reason], fi, p, location=[x, y])

    def orientation(self, g, fi, p):
        t = g["type"]
        polys = [(p + "/coordinates", g["coordinates"])] if t == "Polygon" else \
            [(f"{p}/coordinates/{k}", c) for k, c in enumerate(g["coordinates"])] if t == "MultiPolygon" else []
        for pp, rings in polys:
            for k, ring in enumerate(rings):
                a = shapely.LinearRing([r[:2] for r in ring]).is_ccw
                if (k == 0) != a:
                    self.add("warning", "ring-orientation", fi, f"{pp}/{k}")


def strip4(g):
    """Copy of a geometry with positions cut to 3 numbers (shapely takes at most 3)."""
    if g["type"] == "GeometryCollection":
        return {"type": g["type"], "geometries": [strip4(m) for m in g["geometries"]]}

    def cut(c):
        return c[:3] if isnum(c[0]) else [cut(x) for x in c]
    return {"type": g["type"], "coordinates": cut(g["coordinates"])}


def resolve(doc, ptr):
    v = doc
    if ptr == "":
        return v
    for tok in ptr[1:].split("/"):
        tok = tok.replace("~1", "/").replace("~0", "~")
        v = v[int(tok)] if isinstance(v, list) else v[tok]
    return v


# ------------------------------------------------------------------ checks
def same(a, b):
    return all(a.get(k) == b.get(k) for k in ("severity", "code", "feature", "pointer"))


def main():
    man = json.load(open(os.path.join(BROKEN, "expected.json"), encoding="utf-8"))
    files = sorted(f for f in os.listdir(BROKEN) if f != "expected.json")
    failures = 0
    assert set(files) == set(man), (set(files) ^ set(man))
    codes = set()
    geos_in = []
    for name in files:
        data = open(os.path.join(BROKEN, name), "rb").read()
        e = man[name]
        exp = e["problems"]
        codes |= {p["code"] for p in exp}
        msgs = []
        try:
            top = json.loads(data.decode("utf-8-sig")).get("type")
        except Exception:
            top = None
        for p in exp:
            parts = p["pointer"].split("/")
            want = int(parts[2]) if len(parts) > 2 and parts[1] == "features" else None
            if top in GEOM | {"Feature"} and p["code"] not in ("not-geojson", "unknown-crs"):
                want = 0
            if p["code"] not in ("invalid-json", "invalid-utf8", "too-deep") and p["feature"] != want:
                msgs.append(f"feature {p['feature']} does not match pointer {p['pointer']}")
            if p["code"] in ("invalid-json", "invalid-utf8", "too-deep") and (p["feature"], p["pointer"]) != (None, ""):
                msgs.append("syntax problem with a feature/pointer")
            if ("line" in p) != (p["code"] in ("invalid-json", "invalid-utf8", "too-deep")):
                msgs.append("line/column present iff syntax code")
        syn = scan(data)
        py = python_position(data)
        syntax_exp = [p for p in exp if p["code"] in ("invalid-json", "invalid-utf8", "too-deep")]
        if syn:
            if len(exp) != 1 or not syntax_exp:
                msgs.append(f"scanner found {syn} but manifest has {exp}")
            else:
                p = syntax_exp[0]
                if (p["code"], p["line"], p["column"]) != syn:
                    msgs.append(f"scanner {syn} != manifest {(p['code'], p['line'], p['column'])}")
            note = "python=" + ("no-oracle" if py is None else str(py))
            if py not in (None, "ok") and syn[0] == "invalid-json" and tuple(py) != syn[1:]:
                note += "  (PYTHON DIFFERS)"
            tag = note
        else:
            if syntax_exp:
                msgs.append("scanner accepted the file but manifest expects " + str(syntax_exp))
            if py not in ("ok", None):
                msgs.append(f"python rejects: {py}")
            doc = load(data)
            got = Validator(doc, e["options"]).run()
            for p in exp:
                try:
                    resolve(doc, p["pointer"])
                except (KeyError, IndexError, TypeError, ValueError):
                    if p["code"] != "missing-member":
                        msgs.append("pointer does not resolve: " + p["pointer"])
                match = [g for g in got if same(g, p)]
                if not match:
                    msgs.append("reference validator did not report " + json.dumps(p, ensure_ascii=False))
                elif "location" in p:
                    gl = match[0].get("location")
                    if not gl or max(abs(gl[0] - p["location"][0]), abs(gl[1] - p["location"][1])) > 1e-9:
                        msgs.append(f"location {gl} != {p['location']}")
            for g in got:
                if not any(same(g, p) for p in exp):
                    if g["severity"] == "error" or True:
                        msgs.append(("EXTRA " if e["exact"] and g["severity"] == "error" else "extra(ok) ")
                                    + json.dumps(g, ensure_ascii=False))
            tag = f"{len(got)} reported"
            # collect polygons for GEOS 3.11 cross-check
            for p in exp:
                if p["code"] in REASONS.values():
                    geos_in.append((name, p, shapely.to_wkt(shape(resolve(doc, p["pointer"])), rounding_precision=-1)))
        hard = [m for m in msgs if not m.startswith("extra(ok)")]
        failures += bool(hard)
        print(("FAIL " if hard else "ok   ") + name + "  " + tag)
        for m in msgs:
            print("       " + m)
    # GEOS 3.11 (the project's libgeos_c)
    out = geosval([w for _, _, w in geos_in]) or ["system GEOS not available: cross-check skipped"]
    print(out[0])
    for (name, p, _), line in zip(geos_in, out[1:]):
        v, reason, loc = [s.strip() for s in line.split("|")]
        x, y = map(float, loc.split())
        okc = REASONS.get(reason) == p["code"]
        okl = "location" not in p or max(abs(x - p["location"][0]), abs(y - p["location"][1])) <= 1e-9
        failures += not (okc and okl)
        print(("ok   " if okc and okl else "FAIL ") + f"system GEOS {name}: {reason} at {x!r} {y!r}")
    all_codes = {"invalid-json", "invalid-utf8", "too-deep", "number-out-of-range", "not-geojson", "missing-member",
                 "wrong-type", "unknown-geometry-type", "invalid-position", "too-few-positions", "unclosed-ring",
                 "coordinate-out-of-range", "projected-coordinates", "duplicate-id", "unknown-crs", "empty-geometry",
                 "null-geometry", "self-intersection", "ring-self-intersection", "hole-outside-shell", "nested-holes",
                 "nested-shells", "disconnected-interior", "ring-orientation", "extra-dimensions", "outline-not-closed"}
    print("codes not covered:", all_codes - codes or "none", "| unknown codes:", codes - all_codes or "none")
    failures += bool(all_codes - codes) + bool(codes - all_codes)
    # good files
    for name in sorted(os.listdir(GOOD)):
        data = open(os.path.join(GOOD, name), "rb").read()
        msgs = []
        if scan(data):
            msgs.append(f"scanner: {scan(data)}")
        doc = load(data)
        got = Validator(doc, {"crs": None, "polygonize": False}).run()
        msgs += [json.dumps(g, ensure_ascii=False) for g in got]
        geoms = []

        def collect(g):
            if g is None:
                return
            if g["type"] == "GeometryCollection":
                for m in g["geometries"]:
                    collect(m)
            else:
                geoms.append(g)
        if doc["type"] == "FeatureCollection":
            for f in doc["features"]:
                collect(f["geometry"])
        elif doc["type"] == "Feature":
            collect(doc["geometry"])
        else:
            collect(doc)
        for g in geoms:
            s = shape(g)
            if not s.is_valid:
                msgs.append("shapely invalid: " + shapely.is_valid_reason(s))
            if g["type"] in ("LineString", "MultiLineString") and not s.is_simple:
                msgs.append("line not simple")
        wkts = [shapely.to_wkt(shape(g), rounding_precision=-1) for g in geoms]
        if wkts:
            o = geosval(wkts) or []
            msgs += ["system GEOS: " + l for l in o[1:] if not l.startswith("1 ")]
        if "bbox" in doc:
            ps = []

            def pos(c):
                if isnum(c[0]):
                    ps.append(c)
                else:
                    for x in c:
                        pos(x)
            for g in geoms:
                pos(g["coordinates"])
            bb = [min(p[0] for p in ps), min(p[1] for p in ps), max(p[0] for p in ps), max(p[1] for p in ps)]
            if bb != doc["bbox"]:
                msgs.append(f"bbox {doc['bbox']} != {bb}")
        failures += bool(msgs)
        print(("FAIL " if msgs else "ok   ") + "good/" + name + f"  ({len(geoms)} geometries)")
        for m in msgs:
            print("       " + m)
    print("FAILURES:", failures)
    return failures


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
