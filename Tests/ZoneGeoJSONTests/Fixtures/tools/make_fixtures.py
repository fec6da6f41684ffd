#!/usr/bin/env python3
"""Writes the ZoneGeoJSON fixture corpus: good/*.geojson, broken/*.geojson and broken/expected.json.

Every expectation in MANIFEST below is written by hand; check_fixtures.py re-derives them
independently (Python's json module, a strict rule-based scanner, shapely/GEOS, pyproj).
"""
import gzip
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fmt import Raw, text  # noqa: E402

# Default output: the Fixtures folder that holds this tools/ folder.
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BROKEN = os.path.join(ROOT, "broken")
GOOD = os.path.join(ROOT, "good")
os.makedirs(BROKEN, exist_ok=True)
os.makedirs(GOOD, exist_ok=True)


# ---------------------------------------------------------------- shapes (lon, lat; exterior CCW)
def rect(x0, y0, x1, y1):
    """Counter-clockwise closed ring of the box (x0, y0)-(x1, y1)."""
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def cw(ring):
    return list(reversed(ring))


DINH_VU = rect(106.745, 20.829, 106.781, 20.851)
NAM_DINH_VU = [[106.752, 20.808], [106.790, 20.806], [106.801, 20.822], [106.780, 20.829],
               [106.752, 20.826], [106.752, 20.808]]
TRANG_DUE = rect(106.602, 20.781, 106.628, 20.797)
DONG_HAI = [[106.712, 20.842], [106.741, 20.838], [106.748, 20.861], [106.722, 20.869],
            [106.705, 20.858], [106.712, 20.842]]
HAI_AN = rect(106.700, 20.815, 106.735, 20.836)
CAT_HAI_1 = rect(106.860, 20.770, 106.905, 20.800)
CAT_HAI_2 = rect(106.880, 20.805, 106.900, 20.815)
VSIP = rect(106.620, 20.880, 106.650, 20.898)
PORT = [106.8716, 20.8012]
SONG_CAM = [[106.640, 20.870], [106.670, 20.862], [106.700, 20.858], [106.730, 20.853], [106.760, 20.856]]
ROAD = [[106.790, 20.830], [106.820, 20.823], [106.850, 20.812], [106.871, 20.802]]
# Two vertices swapped: edges (106.70 20.80)-(106.72 20.82) and (106.72 20.80)-(106.70 20.82) cross at (106.71, 20.81).
BOWTIE = [[106.700, 20.800], [106.720, 20.820], [106.720, 20.800], [106.700, 20.820], [106.700, 20.800]]
# VN-2000 / TM-3 105-45 (EPSG:9210) easting, northing: a ~1 km square north of the Cấm river.
TM3_SQUARE = [[596810, 2307414], [597790, 2307414], [597790, 2308390], [596810, 2308390], [596810, 2307414]]


def feature(fid, props, geom, **extra):
    f = {"type": "Feature"}
    if fid is not None:
        f["id"] = fid
    f["properties"] = props
    f.update(extra)
    f["geometry"] = geom
    return f


def fc(features, name="zoneatlas_fixture", **extra):
    d = {"type": "FeatureCollection", "name": name}
    d.update(extra)
    d["features"] = features
    return d


def poly(*rings):
    return {"type": "Polygon", "coordinates": list(rings)}


def pt(c):
    return {"type": "Point", "coordinates": c}


def line(cs):
    return {"type": "LineString", "coordinates": cs}


def P(name, **more):
    d = {"name": name}
    d.update(more)
    return d


MANIFEST = {}
NOCRS = {"crs": None, "polygonize": False}


def prob(severity, code, feature, pointer, line=None, column=None, location=None):
    p = {"severity": severity, "code": code, "feature": feature, "pointer": pointer}
    if line is not None:
        p["line"] = line
        p["column"] = column
    if location is not None:
        p["location"] = location
    return p


def E(code, feature, pointer, **kw):
    return prob("error", code, feature, pointer, **kw)


def W(code, feature, pointer, **kw):
    return prob("warning", code, feature, pointer, **kw)


def add(name, data, description, problems, exact=True, options=None):
    path = os.path.join(BROKEN, name)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    assert name not in MANIFEST, name
    MANIFEST[name] = {
        "description": description,
        "options": options or dict(NOCRS),
        "exact": exact,
        "problems": problems,
    }


def good(name, data):
    with open(os.path.join(GOOD, name), "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


# ================================================================ base collection for syntax errors
BASE = text(fc([
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ", kind="industrial_park", declared_area_ha=541),
            poly(DINH_VU)),
    feature("cang-lach-huyen", P("Cảng Lạch Huyện", kind="port", declared_area_ha=None), pt(PORT)),
], name="kcn_hai_phong"))


def variant(old, new, base=BASE, count=1):
    assert base.count(old) == count, (old, base.count(old))
    return base.replace(old, new, 1)


def json_err(line, column):
    return [E("invalid-json", None, "", line=line, column=column)]


# ================================================================ 1. JSON syntax / encoding
add("empty.geojson", b"",
    "Empty file (0 bytes). Python json.loads('') is the oracle: 'Expecting value' at line 1 column 1.",
    json_err(1, 1))

add("whitespace-only.geojson", "  \n\t\n   \n",
    "Only spaces, a tab and newlines (3 newlines, the last one ends the file). The file ends too early: "
    "the position just after the last character is line 4 column 1. Python json.loads agrees (oracle).",
    json_err(4, 1))

cut = BASE.index("20.851], [106.745, 20.829]]") + len("20.8")
add("truncated-mid-number.geojson", BASE[:cut],
    "Download cut off in the middle of a latitude (`..., [106.745, 20.8` then end of file, no newline). "
    "End of file reached inside the ring: position just after the last character. Python json.loads agrees (oracle).",
    json_err(16, 83))

cut = BASE.index("[106.781, 20.851]") + len("[106.")
add("truncated-after-decimal-point.geojson", BASE[:cut],
    "File ends right after a decimal point (`[106.` then end of file). A number cannot end with '.', "
    "so the error is at end of file, just after the '.'. Hand-derived: Python json points AT the '.' "
    "(column 54) instead, because its number regex backs off; the rule here is 'file ends too early => "
    "position after the last character'.",
    json_err(16, 55))

cut = BASE.index("Khu công nghiệp Đình Vũ") + len("Khu công nghiệp Đình")
add("truncated-mid-string.geojson", BASE[:cut],
    "File ends inside the string \"Khu công nghiệp Đình (no closing quote). Position just after the last "
    "character; columns count characters (ô, ệ, Đ, ì are one each, though 2-3 bytes). Hand-derived: Python "
    "json reports 'Unterminated string starting at' the opening quote (line 9, column 17) instead.",
    json_err(9, 38))

cut = BASE.index('"kind": "port"')
add("truncated-mid-object.geojson", BASE[:cut],
    "File ends inside the second feature's properties object, after `\"name\": \"Cảng Lạch Huyện\",` "
    "a newline and 8 spaces of indentation. Position just after the last character (line 25, column 9). "
    "Python json.loads agrees (oracle: 'Expecting property name enclosed in double quotes').",
    json_err(25, 9))

add("trailing-comma-array.geojson",
    variant("[106.745, 20.851], [106.745, 20.829]]", "[106.745, 20.851], [106.745, 20.829],]"),
    "Trailing comma after the last position of a ring: `[106.745, 20.829],]`. The error is at the ']'. "
    "Python json.loads agrees (oracle).",
    json_err(16, 106))

add("trailing-comma-object.geojson",
    variant('"declared_area_ha": 541\n', '"declared_area_ha": 541,\n'),
    "Trailing comma after the last member of a properties object; the error is at the '}' on the next line "
    "(line 12, column 7). Python json.loads agrees (oracle).",
    json_err(12, 7))

add("single-quotes.geojson",
    variant('"kind": "port"', "'kind': 'port'"),
    "Python-repr style single-quoted member name in the second feature's properties. Error at the first "
    "\"'\". Python json.loads agrees (oracle).",
    json_err(25, 9))

add("python-true.geojson",
    variant('"declared_area_ha": 541\n', '"declared_area_ha": 541,\n        "active": True\n'),
    "Python-style `True` literal as a property value. Error at the 'T'. Python json.loads agrees (oracle).",
    json_err(12, 19))

add("nan-literal.geojson",
    variant('"declared_area_ha": null', '"declared_area_ha": NaN'),
    "`NaN` is not JSON. Error at the 'N'. Hand-derived (Python json accepts NaN by default, so it is "
    "not an oracle here).",
    json_err(26, 29))

add("negative-infinity-literal.geojson",
    variant('"coordinates": [106.8716, 20.8012]', '"coordinates": [-Infinity, 20.8012]'),
    "`-Infinity` as a longitude. '-' can start a number, the 'I' cannot follow it: error AT the 'I' "
    "(column 26). Hand-derived (Python json accepts -Infinity by default; with it disabled Python would "
    "point at the '-', column 25).",
    json_err(30, 26))

add("comments.geojson",
    variant('  "name": "kcn_hai_phong",\n',
            '  "name": "kcn_hai_phong",\n  // Hai Phong industrial parks, drawn by hand\n'),
    "A // line comment on line 4. Error at the first '/'. Python json.loads agrees (oracle).",
    json_err(4, 3))

add("leading-zero.geojson",
    variant('"declared_area_ha": 541', '"declared_area_ha": 541,\n        "commune_code": 011411'),
    "Zero-padded commune code written as a bare number `011411`. `0` is a complete number; the '1' after "
    "it cannot be accepted (error AT that '1'). Python json.loads agrees (oracle: \"Expecting ',' delimiter\").",
    json_err(12, 26))

add("missing-comma-between-features.geojson",
    variant("    },\n    {\n", "    }\n    {\n"),
    "The comma between the two features is missing; error at the '{' that opens the second feature "
    "(line 20, column 5). Python json.loads agrees (oracle).",
    json_err(20, 5))

add("two-top-level-values.geojson", BASE + BASE,
    "Two FeatureCollections concatenated (as a bad GeoJSON-sequence export). Error at the '{' that starts "
    "the second value, line 35 column 1. Python json.loads agrees (oracle: 'Extra data').",
    json_err(35, 1))

add("control-char-tab-in-string.geojson",
    variant('"name": "Cảng Lạch Huyện"', '"name": "Cảng\tLạch Huyện"'),
    "A raw TAB (U+0009) inside a string (pasted from a spreadsheet). Error AT the tab. Python json.loads "
    "agrees (oracle: 'Invalid control character').",
    json_err(24, 22))

add("control-char-newline-in-string.geojson",
    variant('"name": "Khu công nghiệp Đình Vũ"', '"name": "Khu công nghiệp\nĐình Vũ"'),
    "A raw line feed inside a string: the error is AT the line feed character, which is the last character "
    "of line 9 (column 33). Python json.loads agrees (oracle).",
    json_err(9, 33))

add("bad-escape-windows-path.geojson",
    variant('"kind": "port",', '"kind": "port",\n        "source": "C:\\Data\\HaiPhong\\kcn.shp",'),
    "A Windows path with unescaped backslashes: `\\D` is not a JSON escape. The backslash starts an "
    "escape; the 'D' is the first character that cannot be accepted (column 23). Hand-derived: Python json "
    "points at the backslash (column 22).",
    json_err(26, 23))

add("bad-unicode-escape.geojson",
    variant('"name": "Cảng Lạch Huyện"', '"name": "C\\u1ea3ng L\\u1ea1ch Huy\\u1ec7n \\u00G1"'),
    "A \\u escape with a non-hex digit: `\\u00G1`. The 'G' is the first character that cannot be accepted "
    "(column 53). Hand-derived: Python json reports 'Invalid \\\\uXXXX escape' at the 'u' (column 50).",
    json_err(24, 53))

crlf = variant("    }\n  ]\n}\n", "    },\n  ]\n}\n").replace("\n", "\r\n")
add("crlf-trailing-comma.geojson", crlf,
    "Windows CRLF line endings and a trailing comma after the last feature. Lines are counted by LF; the "
    "CR at the end of each line is an ordinary character and does not affect the column of the ']' on "
    "line 33. Python json.loads agrees (oracle).",
    json_err(33, 3))

nfd = variant('"name": "Cảng Lạch Huyện"',
              '"name": "\U0001F3ED Ca\u0309ng La\u0323ch Huye\u0323\u0302n" "kind2": 1,')
add("nfd-column-counting.geojson", nfd,
    "The column must count UTF-8 sequences (Unicode scalars), not grapheme clusters or bytes. The name is "
    "a factory emoji (1 scalar, 4 bytes) then 'Cảng Lạch Huyện' in decomposed form (NFD: ả = a + U+0309, "
    "ạ = a + U+0323, ệ = e + U+0323 + U+0302), then a missing comma. The error is at the '\"' of \"kind2\": "
    "column 41 (by grapheme clusters it would be 37, by bytes 48). Python json.loads agrees (oracle).",
    json_err(24, 41))

random.seed(20250601)
garbage = b"PK\x03\x04" + bytes(random.randrange(256) for _ in range(400))
add("binary-garbage-kmz.geojson", garbage,
    "404 bytes of binary: a ZIP/KMZ local-file signature 'PK\\x03\\x04' then 400 pseudo-random bytes "
    "(Python random.seed(20250601)). 'P' is the first character and cannot start a JSON value. Python "
    "json.loads of the Latin-1 decoding agrees (oracle). Not exact: a validator may also report "
    "invalid-utf8 for the later bytes.",
    json_err(1, 1), exact=False)

gz = gzip.compress(BASE.encode("utf-8"), mtime=0)
add("gzip-compressed.geojson", gz,
    "A gzip-compressed GeoJSON file saved with a .geojson name. It starts with bytes 1F 8B; U+001F is a "
    "control character that cannot start a JSON value: error at line 1 column 1. Not exact: a validator "
    "may also report invalid-utf8 (0x8B at column 2).",
    json_err(1, 1), exact=False)

cp = variant('"name": "Khu công nghiệp Đình Vũ"', '"name": "@@CP1258@@"').encode("utf-8")
import unicodedata  # noqa: E402
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
enc = b""
for ch in "Khu công nghiệp Đình Vũ":
    d = unicodedata.normalize("NFD", ch)
    base_ = unicodedata.normalize("NFC", "".join(m for m in d if m not in TONES))
    enc += base_.encode("cp1258") + "".join(m for m in d if m in TONES).encode("cp1258")
cp = cp.replace(b"@@CP1258@@", enc)
add("invalid-utf8-cp1258.geojson", cp,
    "The first feature's name is encoded in Windows-1258 (Vietnamese code page) instead of UTF-8: "
    "'Khu c' then byte F4 (ô) followed by 'n'. F4 opens a 4-byte UTF-8 sequence that 'n' does not continue, "
    "so F4 is the first bad byte: line 9, column 23. Hand-derived.",
    [E("invalid-utf8", None, "", line=9, column=23)])

add("invalid-utf8-lone-continuation.geojson",
    variant('"name": "Cảng Lạch Huyện"', '"name": "Cảng Lạch Huyện @@"').encode("utf-8").replace(b"@@", b"\x80"),
    "A lone continuation byte 0x80 at the end of 'Cảng Lạch Huyện ' in the second feature. The column counts "
    "the preceding multi-byte letters (ả, ạ, ệ) as one character each: line 24, column 34. Hand-derived.",
    [E("invalid-utf8", None, "", line=24, column=34)])

add("invalid-utf8-encoded-surrogate.geojson",
    variant('"name": "Cảng Lạch Huyện"', '"name": "Cảng @@"').encode("utf-8").replace(b"@@", b"\xed\xa0\x80"),
    "The UTF-16 surrogate U+D800 encoded as UTF-8 bytes ED A0 80 (CESU-8 style), which UTF-8 forbids. The "
    "ill-formed sequence starts at ED (ED may only be followed by 80-9F): line 24, column 23. Hand-derived; "
    "the reported position is the first byte of the ill-formed sequence.",
    [E("invalid-utf8", None, "", line=24, column=23)])

# ---- nesting depth
def deep_fc(run_text, name):
    return ("{\n"
            '  "type": "FeatureCollection",\n'
            f'  "name": "{name}",\n'
            '  "features": [\n'
            "    {\n"
            '      "type": "Feature",\n'
            '      "properties": {\n'
            '        "name": "Khu công nghiệp Tràng Duệ",\n'
            f"        \"nested\": {run_text}\n"
            "      },\n"
            '      "geometry": {"type": "Point", "coordinates": [106.615, 20.789]}\n'
            "    }\n"
            "  ]\n"
            "}\n")


add("depth-512-ok.geojson", deep_fc("[" * 508 + "]" * 508, "depth_512"),
    "Boundary case, valid: the collection '{' (depth 1), 'features' '[' (2), the feature '{' (3), "
    "'properties' '{' (4), then 508 nested '[' in a property reach depth 512 exactly, the most allowed. "
    "No problems.",
    [])

add("depth-513-too-deep.geojson", deep_fc("[" * 509 + "]" * 509, "depth_513"),
    "Boundary case: as depth-512-ok but 509 nested '[' in the property. The 509th '[' opens depth 513: "
    "line 9, column 19 + 508 = 527. Hand-derived (Python is no oracle for depth).",
    [E("too-deep", None, "", line=9, column=527)])

deep_unclosed = ("{\n"
                 '  "type": "FeatureCollection",\n'
                 '  "name": "deep_unclosed",\n'
                 '  "features": [\n'
                 "    {\n"
                 '      "type": "Feature",\n'
                 '      "properties": {"name": "Khu công nghiệp Nam Đình Vũ"},\n'
                 '      "geometry": {\n'
                 '        "type": "Polygon",\n'
                 '        "coordinates": ' + "[" * 100000)
add("too-deep-array-100000-unclosed.geojson", deep_unclosed,
    "100,000 '[' after \"coordinates\": and then end of file. Depth: collection '{' 1, 'features' '[' 2, "
    "feature '{' 3, geometry '{' 4; the coordinates '[' run starts at depth 5, so its 509th '[' opens depth "
    "513: line 10, column 24 + 508 = 532. Only too-deep: parsing stops there, the truncation is never reached.",
    [E("too-deep", None, "", line=10, column=532)])

deep_closed = '{"type": "MultiPolygon", "coordinates": ' + "[" * 100000 + "]" * 100000 + "}\n"
add("too-deep-array-100000-closed.geojson", deep_closed,
    "A bare MultiPolygon on one line whose coordinates are 100,000 '[' and 100,000 matching ']'. The "
    "top-level '{' is depth 1, so the 512th '[' of the run opens depth 513: column 41 + 511 = 552.",
    [E("too-deep", None, "", line=1, column=552)])

deep_obj = deep_fc('{"cấp": ' * 100000 + "null" + "}" * 100000, "deep_object")
add("too-deep-object-100000-properties.geojson", deep_obj,
    "100,000 nested objects {\"cấp\": {\"cấp\": ... null}...} as a property value. Depth: collection 1, "
    "features 2, feature 3, properties 4; the run's first '{' is depth 5, so its 509th '{' opens depth 513. "
    "Each '{\"cấp\": ' is 8 characters (10 bytes: ấ is 3 bytes but one character), so the column is "
    "19 + 508 * 8 = 4083 on line 9.",
    [E("too-deep", None, "", line=9, column=4083)])

# ---- numbers
f1e400 = text(fc([feature("kcn-trang-due", P("Khu công nghiệp Tràng Duệ", area_m2=Raw("1e400"), declared_area_ha=400),
                          poly(TRANG_DUE))], name="number_range"))
add("number-1e400-property.geojson", f1e400,
    "A property value `1e400`: valid JSON syntax, but it does not fit a double (Python json turns it into inf).",
    [E("number-out-of-range", 0, "/features/0/properties/area_m2")])

fesc = text(fc([feature("kcn-nam-dinh-vu", {"name": "Khu công nghiệp Nam Đình Vũ", "diện_tích~m2/ha": Raw("1e400")},
                          poly(NAM_DINH_VU))], name="number_range"))
add("number-1e400-escaped-pointer.geojson", fesc,
    "A property named \"diện_tích~m2/ha\" whose value is 1e400. The pointer escapes '~' as ~0 and '/' as ~1 "
    "(RFC 6901) and keeps the Vietnamese letters as they are.",
    [E("number-out-of-range", 0, "/features/0/properties/diện_tích~0m2~1ha")])

fneg = text(fc([feature("song-cam", P("Sông Cấm", kind="waterway"),
                        line([SONG_CAM[0], [Raw("-1e400"), 20.862], SONG_CAM[2]]))], name="number_range"))
add("number-neg-1e400-coordinate.geojson", fneg,
    "A longitude `-1e400` in a LineString: does not fit a double. Pointer to the number. Not exact: a "
    "validator may also report the position as out of range.",
    [E("number-out-of-range", 0, "/features/0/geometry/coordinates/1/0")], exact=False)

# ================================================================ 2. not GeoJSON
add("not-geojson-array.geojson",
    text([feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU))]),
    "Top level is a JSON array of features, not an object.",
    [E("not-geojson", None, "")])

add("not-geojson-topojson.geojson",
    text({"type": "Topology", "objects": {"kcn": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Khu công nghiệp Đình Vũ"}}]}},
        "arcs": [[[106.745, 20.829], [106.781, 20.829], [106.781, 20.851], [106.745, 20.851], [106.745, 20.829]]]}),
    "A TopoJSON file (\"type\": \"Topology\"): valid JSON, not GeoJSON. Pointer to the type member.",
    [E("not-geojson", None, "/type")])

add("not-geojson-lowercase-type.geojson",
    text({"type": "featurecollection", "features": [feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU))]}),
    "Top-level type \"featurecollection\" in the wrong case (GeoJSON type names are case-sensitive).",
    [E("not-geojson", None, "/type")])

add("not-geojson-no-type.geojson",
    text({"name": "kcn_hai_phong", "features": [feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU))]}),
    "Top-level object has \"features\" but no \"type\" member. Pointer \"\" (the top-level object).",
    [E("not-geojson", None, "")])

add("not-geojson-scalar.geojson", '"Khu công nghiệp Đình Vũ"\n',
    "Top level is a JSON string: valid JSON, not GeoJSON.",
    [E("not-geojson", None, "")])

# ================================================================ 3. structure
add("missing-features.geojson",
    text({"type": "FeatureCollection", "name": "kcn_hai_phong", "bbox": [106.745, 20.829, 106.781, 20.851]}),
    "FeatureCollection without a \"features\" member.",
    [E("missing-member", None, "")])

mm = fc([
    {"type": "Feature", "id": "kcn-dinh-vu", "properties": P("Khu công nghiệp Đình Vũ")},
    feature("kcn-nam-dinh-vu", P("Khu công nghiệp Nam Đình Vũ"), {"type": "Polygon"}),
    feature("cum-cang", P("Cụm cảng Đình Vũ"), {"type": "GeometryCollection"}),
    {"id": "kcn-trang-due", "properties": P("Khu công nghiệp Tràng Duệ"), "geometry": poly(TRANG_DUE)},
    feature("phuong-hai-an", P("Phường Hải An"), {"coordinates": [HAI_AN]}),
    feature("vsip", P("Khu công nghiệp VSIP Hải Phòng"), poly(VSIP)),
], name="missing_members")
add("missing-members.geojson", text(mm),
    "Required members missing: feature 0 has no \"geometry\"; feature 1's Polygon has no \"coordinates\"; "
    "feature 2's GeometryCollection has no \"geometries\"; feature 3 has no \"type\"; feature 4's geometry "
    "has no \"type\"; feature 5 is valid.",
    [E("missing-member", 0, "/features/0"),
     E("missing-member", 1, "/features/1/geometry"),
     E("missing-member", 2, "/features/2/geometry"),
     E("missing-member", 3, "/features/3"),
     E("missing-member", 4, "/features/4/geometry")])

add("features-not-array.geojson",
    text({"type": "FeatureCollection", "name": "kcn_hai_phong",
          "features": feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU))}),
    "\"features\" is a single Feature object instead of an array.",
    [E("wrong-type", None, "/features")])

wt = fc([
    feature("kcn-dinh-vu", "Khu công nghiệp Đình Vũ", poly(DINH_VU)),
    feature("cang-lach-huyen", P("Cảng Lạch Huyện"), {"type": "Point", "coordinates": "106.8716,20.8012"}),
    feature("song-cam", P("Sông Cấm"), line([SONG_CAM[0], [106.670, "20.862"], SONG_CAM[2]])),
    feature("tram-quan-trac", P("Trạm quan trắc Đình Vũ"), pt([106.762, None])),
    {"type": "Feature", "id": True, "properties": P("Khu công nghiệp Tràng Duệ"), "geometry": poly(TRANG_DUE)},
    feature("phuong-hai-an", P("Phường Hải An"), {"type": 5, "coordinates": [HAI_AN]}),
    "Phường Đông Hải",
    None,
    feature("cat-hai", ["Đặc khu", "Cát Hải"], poly(CAT_HAI_1)),
    feature("vsip", P("Khu công nghiệp VSIP Hải Phòng"),
            poly([[106.620, 20.880], [106.650, 20.880], [106.650, False], [106.620, 20.898], [106.620, 20.880]])),
], name="wrong_types")
add("wrong-types.geojson", text(wt),
    "Members of the wrong JSON type, one per feature: 0 properties is a string; 1 coordinates is a string; "
    "2 a latitude is the string \"20.862\"; 3 a latitude is null; 4 id is a boolean; 5 geometry type is the "
    "number 5 (a shapefile shape type); 6 the feature is a string; 7 the feature is null; 8 properties is "
    "an array; 9 a latitude is false.",
    [E("wrong-type", 0, "/features/0/properties"),
     E("wrong-type", 1, "/features/1/geometry/coordinates"),
     E("wrong-type", 2, "/features/2/geometry/coordinates/1/1"),
     E("wrong-type", 3, "/features/3/geometry/coordinates/1"),
     E("wrong-type", 4, "/features/4/id"),
     E("wrong-type", 5, "/features/5/geometry/type"),
     E("wrong-type", 6, "/features/6"),
     E("wrong-type", 7, "/features/7"),
     E("wrong-type", 8, "/features/8/properties"),
     E("wrong-type", 9, "/features/9/geometry/coordinates/0/2/1")])

ug = fc([
    feature("tram-bom", P("Trạm bơm Đình Vũ", radius_m=500), {"type": "Circle", "coordinates": [106.762, 20.840]}),
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), {"type": "polygon", "coordinates": [DINH_VU]}),
    feature("ranh-gioi", P("Ranh giới phường Hải An"), {"type": "LinearRing", "coordinates": HAI_AN}),
    feature("vsip", P("Khu công nghiệp VSIP Hải Phòng"), poly(VSIP)),
], name="unknown_types")
add("unknown-geometry-types.geojson", text(ug),
    "Geometry types that GeoJSON does not have: \"Circle\", \"polygon\" (wrong case), \"LinearRing\" "
    "(a GEOS/WKT type, not GeoJSON). Feature 3 is valid.",
    [E("unknown-geometry-type", 0, "/features/0/geometry/type"),
     E("unknown-geometry-type", 1, "/features/1/geometry/type"),
     E("unknown-geometry-type", 2, "/features/2/geometry/type")])

ip = fc([
    feature("tram-quan-trac-1", P("Trạm quan trắc số 1"), pt([106.7645])),
    feature("duong-ven-song", P("Đường ven sông Cấm"), line([[106.700, 20.858], [106.720], [106.740, 20.855]])),
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"),
            poly([[106.745, 20.829], [106.781, 20.829], [[106.781, 20.851]], [106.745, 20.851], [106.745, 20.829]])),
    feature("cang-lach-huyen", P("Cảng Lạch Huyện"), pt([PORT])),
    feature("phao-tieu", P("Phao tiêu luồng Lạch Huyện"), {"type": "MultiPoint", "coordinates": [[106.880, 20.790], [], [106.890, 20.785]]}),
], name="invalid_positions")
add("invalid-positions.geojson", text(ip),
    "Bad positions: 0 a Point with only a longitude; 1 a LineString whose position 1 has one number; "
    "2 a Polygon whose ring position 2 is nested one level too deep ([[lon, lat]]); 3 a Point whose "
    "coordinates are [[lon, lat]] (a position where a number was expected); 4 a MultiPoint with an empty "
    "position []. The pointer is to the slot where a position was expected.",
    [E("invalid-position", 0, "/features/0/geometry/coordinates"),
     E("invalid-position", 1, "/features/1/geometry/coordinates/1"),
     E("invalid-position", 2, "/features/2/geometry/coordinates/0/2"),
     E("invalid-position", 3, "/features/3/geometry/coordinates"),
     E("invalid-position", 4, "/features/4/geometry/coordinates/1")])

tf = fc([
    feature("duong-cut", P("Đường cụt"), line([[106.700, 20.858]])),
    feature("lo-dat", P("Lô đất CN-01"), poly([[106.750, 20.830], [106.760, 20.830], [106.750, 20.830]])),
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"),
            poly(DINH_VU, [[106.760, 20.835], [106.765, 20.840], [106.760, 20.835]])),
    feature("kenh", P("Kênh Đình Vũ"), {"type": "MultiLineString", "coordinates": [
        [[106.750, 20.835], [106.770, 20.840]], [[106.775, 20.842]]]}),
], name="too_few")
add("too-few-positions.geojson", text(tf),
    "0 a LineString with one position; 1 a Polygon ring with 3 positions (closed, but a ring needs 4); "
    "2 a valid shell with a 3-position hole; 3 a MultiLineString whose second line has one position.",
    [E("too-few-positions", 0, "/features/0/geometry/coordinates"),
     E("too-few-positions", 1, "/features/1/geometry/coordinates/0"),
     E("too-few-positions", 2, "/features/2/geometry/coordinates/1"),
     E("too-few-positions", 3, "/features/3/geometry/coordinates/1")])

uc = fc([
    feature("kcn-trang-due", P("Khu công nghiệp Tràng Duệ"), poly(TRANG_DUE[:4])),
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU[:4] + [[106.745001, 20.829]])),
    feature("phuong-hai-an", P("Phường Hải An"),
            poly(HAI_AN, cw(rect(106.710, 20.820, 106.720, 20.828))[:4])),
], name="unclosed")
add("unclosed-rings.geojson", text(uc),
    "0 a box given as its 4 corners without repeating the first (4 positions, so not too few); "
    "1 a ring whose last position is 0.000001° (about 0.1 m) east of its first; 2 a valid shell with an "
    "unclosed 4-position hole.",
    [E("unclosed-ring", 0, "/features/0/geometry/coordinates/0"),
     E("unclosed-ring", 1, "/features/1/geometry/coordinates/0"),
     E("unclosed-ring", 2, "/features/2/geometry/coordinates/1")])

cr = fc([
    feature("cang-lach-huyen", P("Cảng Lạch Huyện"), pt([20.8012, 106.8716])),
    feature("phao-tieu", P("Phao tiêu luồng Lạch Huyện"),
            {"type": "MultiPoint", "coordinates": [[106.880, 20.790], [-186.890, 20.785]]}),
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU)),
], name="out_of_range")
add("coordinate-out-of-range.geojson", text(cr),
    "0 a Point with latitude and longitude swapped (latitude 106.8716 > 90); 1 a MultiPoint whose second "
    "position has longitude -186.89 (< -180). Feature 2 is valid.",
    [E("coordinate-out-of-range", 0, "/features/0/geometry/coordinates"),
     E("coordinate-out-of-range", 1, "/features/1/geometry/coordinates/1")])

add("bare-linestring-out-of-range.geojson",
    text({"type": "LineString", "coordinates": [ROAD[0], ROAD[1], [20.812, 106.850], ROAD[3]]}),
    "A bare LineString (no Feature) whose third position has lat/lon swapped. Pointers start at "
    "/coordinates; the bare geometry counts as feature 0.",
    [E("coordinate-out-of-range", 0, "/coordinates/2")])

proj_fc = text(fc([feature("kdt-bac-song-cam", P("Khu đô thị Bắc Sông Cấm", kind="urban_area"),
                           poly(TM3_SQUARE))], name="vn2000_tm3"))
add("projected-coordinates-no-crs.geojson", proj_fc,
    "VN-2000 / TM-3 105-45 metres (easting 596810.., northing 2307414..) in a file with no crs member, "
    "read without --crs. Pointer to the first position. Not exact: a validator may also report the "
    "positions as out of range.",
    [E("projected-coordinates", 0, "/features/0/geometry/coordinates/0/0")], exact=False)

add("projected-coordinates-with-crs-option.geojson", proj_fc,
    "Same content as projected-coordinates-no-crs.geojson, read with the option crs = EPSG:9210: valid, "
    "no problems (the square is about 106.682-106.692 E, 20.857-20.866 N).",
    [], options={"crs": "EPSG:9210", "polygonize": False})

legacy = {"type": "FeatureCollection", "name": "vn2000_tm3",
          "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::9210"}},
          "features": [feature("kdt-bac-song-cam", P("Khu đô thị Bắc Sông Cấm", kind="urban_area"), poly(TM3_SQUARE))]}
add("legacy-crs-epsg-9210.geojson", text(legacy),
    "Legacy (GeoJSON 2008) crs member urn:ogc:def:crs:EPSG::9210 (VN-2000 / TM-3 105-45) with metre "
    "coordinates: valid, no problems.",
    [])

legacy84 = {"type": "FeatureCollection", "name": "crs84",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
            "features": [feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU))]}
add("legacy-crs-crs84.geojson", text(legacy84),
    "Legacy crs member urn:ogc:def:crs:OGC:1.3:CRS84 (what QGIS/GDAL write) with lon/lat coordinates: "
    "valid, no problems.",
    [])

unk = {"type": "FeatureCollection", "name": "unknown_crs",
       "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::99999"}},
       "features": [feature("kdt-bac-song-cam", P("Khu đô thị Bắc Sông Cấm"), poly(TM3_SQUARE))]}
add("unknown-crs.geojson", text(unk),
    "Legacy crs member naming EPSG:99999, which does not exist. The coordinates are metres; with a declared "
    "(if unknown) CRS they are neither range-checked nor reported as projected.",
    [E("unknown-crs", None, "/crs/properties/name")])

dup = fc([
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU)),
    feature("kcn-nam-dinh-vu", P("Khu công nghiệp Nam Đình Vũ"), poly(NAM_DINH_VU)),
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ (bản sao)"), poly(DINH_VU)),
    feature(11411, P("Phường Đông Hải"), poly(DONG_HAI)),
    feature(11411, P("Phường Đông Hải (bản cũ)"), poly(DONG_HAI)),
], name="duplicate_ids")
add("duplicate-ids.geojson", text(dup),
    "Feature 2 repeats the string id of feature 0; feature 4 repeats the numeric id 11411 of feature 3. "
    "The later feature is reported. (Geometries may overlap: that is not a validity problem.)",
    [E("duplicate-id", 2, "/features/2/id"),
     E("duplicate-id", 4, "/features/4/id")])

eg = fc([
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), {"type": "Polygon", "coordinates": []}),
    feature("song-cam", P("Sông Cấm"), {"type": "MultiLineString", "coordinates": []}),
    feature("vsip", P("Khu công nghiệp VSIP Hải Phòng"), poly(VSIP)),
], name="empty_geometry")
add("empty-geometry.geojson", text(eg),
    "\"coordinates\": [] for a Polygon (feature 0) and a MultiLineString (feature 1). Feature 2 is valid.",
    [E("empty-geometry", 0, "/features/0/geometry"),
     E("empty-geometry", 1, "/features/1/geometry")])

ng = fc([
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU)),
    feature("kcn-tran-due-3", P("Khu công nghiệp Tràng Duệ 3", note="chưa có ranh giới"), None),
], name="null_geometry")
add("null-geometry.geojson", text(ng),
    "Feature 1 has \"geometry\": null (an unlocated feature, allowed by RFC 7946): a warning only.",
    [W("null-geometry", 1, "/features/1/geometry")])

# ================================================================ 4. GEOS validity
add("self-intersection-bowtie.geojson",
    text(fc([feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU)),
             feature("khu-dat-du-tru", P("Khu đất dự trữ phát triển"), poly(BOWTIE))], name="bowtie")),
    "Feature 1 is a bow-tie: corners (106.72, 20.80) and (106.72, 20.82) were entered in the wrong order, "
    "so edges (106.70 20.80)-(106.72 20.82) and (106.72 20.80)-(106.70 20.82) cross at (106.71, 20.81). "
    "GEOS 3.11.1 reports 'Self-intersection' at (106.70999999999999, 20.810000000000002): compare with a "
    "tolerance of 1e-9.",
    [E("self-intersection", 1, "/features/1/geometry", location=[106.71, 20.81])])

add("bare-polygon-self-intersection.geojson", text(poly(BOWTIE)),
    "The same bow-tie as a bare Polygon (no Feature): pointer \"\"; the bare geometry counts as feature 0.",
    [E("self-intersection", 0, "", location=[106.71, 20.81])])

RSI = [[106.700, 20.800], [106.720, 20.800], [106.710, 20.820], [106.730, 20.820], [106.720, 20.800],
       [106.740, 20.800], [106.740, 20.840], [106.700, 20.840], [106.700, 20.800]]
add("ring-self-intersection.geojson",
    text(fc([feature("cang-dinh-vu", P("Bến cảng Đình Vũ"), poly(RSI))], name="ring_self_intersection")),
    "The shell returns to vertex (106.72, 20.80) to cut out a triangular 'inverted hole' (106.72 20.80, "
    "106.71 20.82, 106.73 20.82): the ring touches itself at that one vertex, which OGC validity forbids. "
    "GEOS: 'Ring Self-intersection' at (106.72, 20.80).",
    [E("ring-self-intersection", 0, "/features/0/geometry", location=[106.72, 20.8])])

HOS = poly(rect(106.700, 20.800, 106.740, 20.840), cw(rect(106.760, 20.810, 106.780, 20.830)))
add("hole-outside-shell.geojson",
    text(fc([feature("phuong-hai-an", P("Phường Hải An", excluded="Hồ điều hòa"), HOS)], name="hole_outside")),
    "Shell 106.70-106.74 E x 20.80-20.84 N; the hole (106.76-106.78 E x 20.81-20.83 N, clockwise) lies "
    "entirely outside it. GEOS reports 'Hole lies outside shell' at the hole's first vertex (106.76, 20.81).",
    [E("hole-outside-shell", 0, "/features/0/geometry", location=[106.76, 20.81])])

NH = poly(rect(106.700, 20.800, 106.780, 20.860), cw(rect(106.710, 20.810, 106.770, 20.850)),
          cw(rect(106.730, 20.820, 106.750, 20.840)))
add("nested-holes.geojson",
    text(fc([feature("kcn-nam-dinh-vu", P("Khu công nghiệp Nam Đình Vũ"), NH)], name="nested_holes")),
    "Two clockwise holes, the second (106.73-106.75 E x 20.82-20.84 N) inside the first (106.71-106.77 E x "
    "20.81-20.85 N). GEOS reports 'Holes are nested' at the inner hole's first vertex (106.73, 20.82).",
    [E("nested-holes", 0, "/features/0/geometry", location=[106.73, 20.82])])

NS = {"type": "MultiPolygon", "coordinates": [[rect(106.700, 20.800, 106.780, 20.860)],
                                              [rect(106.720, 20.820, 106.740, 20.840)]]}
add("nested-shells.geojson",
    text(fc([feature("dac-khu-cat-hai", P("Đặc khu Cát Hải"), NS)], name="nested_shells")),
    "A MultiPolygon whose second polygon (106.72-106.74 E x 20.82-20.84 N) lies inside the first "
    "(106.70-106.78 E x 20.80-20.86 N). GEOS reports 'Nested shells' at the inner shell's first vertex "
    "(106.72, 20.82).",
    [E("nested-shells", 0, "/features/0/geometry", location=[106.72, 20.82])])

DI = poly(rect(106.700, 20.800, 106.740, 20.840),
          [[106.720, 20.800], [106.710, 20.820], [106.720, 20.840], [106.730, 20.820], [106.720, 20.800]])
add("disconnected-interior.geojson",
    text(fc([feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), DI)], name="disconnected")),
    "A diamond-shaped clockwise hole touches the shell at (106.72, 20.80) and (106.72, 20.84), cutting the "
    "interior in two. GEOS 3.11.1 (and 3.14.1) report 'Interior is disconnected' at (106.72, 20.84); "
    "location omitted because which touch point is reported depends on GEOS's edge order.",
    [E("disconnected-interior", 0, "/features/0/geometry")])

OV = {"type": "MultiPolygon", "coordinates": [[rect(106.700, 20.800, 106.740, 20.840)],
                                              [rect(106.730, 20.830, 106.770, 20.870)]]}
add("multipolygon-overlapping-parts.geojson",
    text(fc([feature("kkt-dinh-vu-cat-hai", P("Khu kinh tế Đình Vũ – Cát Hải"), OV)], name="overlap")),
    "A MultiPolygon whose two boxes overlap (the square 106.73-106.74 E x 20.83-20.84 N is in both). GEOS "
    "reports 'Self-intersection' where the boundaries cross ((106.74, 20.83) or (106.73, 20.84)); location "
    "omitted.",
    [E("self-intersection", 0, "/features/0/geometry")])

# ================================================================ 5. warnings
ro = fc([
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(cw(DINH_VU))),
    feature("phuong-hai-an", P("Phường Hải An"), poly(HAI_AN, rect(106.710, 20.820, 106.720, 20.828))),
    feature("dac-khu-cat-hai", P("Đặc khu Cát Hải"),
            {"type": "MultiPolygon", "coordinates": [[CAT_HAI_1], [cw(CAT_HAI_2)]]}),
    feature("vsip", P("Khu công nghiệp VSIP Hải Phòng"), poly(VSIP)),
], name="orientation")
add("ring-orientation.geojson", text(ro),
    "RFC 7946 right-hand rule: 0 a clockwise exterior ring; 1 a counter-clockwise hole; 2 a MultiPolygon "
    "whose second polygon's exterior is clockwise. Feature 3 is correct. Warnings only; no error.",
    [W("ring-orientation", 0, "/features/0/geometry/coordinates/0"),
     W("ring-orientation", 1, "/features/1/geometry/coordinates/1"),
     W("ring-orientation", 2, "/features/2/geometry/coordinates/1/0")])

xyzm = [[x, y, 2.5, 1700000000] for x, y in DINH_VU]
add("extra-dimensions.geojson",
    text(fc([feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(xyzm))], name="xyzm")),
    "Positions with 4 numbers (lon, lat, elevation, a timestamp as M). A warning; the pointer is to the "
    "first such position (a validator may report each of them).",
    [W("extra-dimensions", 0, "/features/0/geometry/coordinates/0/0")])

xyz = [[x, y, round(2.0 + i * 0.5, 1)] for i, (x, y) in enumerate(DINH_VU)]
xyz[-1] = list(xyz[0])
add("polygon-3d.geojson",
    text(fc([feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ", elevation_unit="m"), poly(xyz))], name="xyz")),
    "A Polygon with 3-number positions (lon, lat, elevation in metres). Valid: no problems.",
    [])

# ================================================================ 6. polygonize option
PZ = {"crs": None, "polygonize": True}
add("polygonize-open-outline.geojson",
    text(fc([feature("kcn-vinh-quang", P("Khu công nghiệp Vĩnh Quang", outline=True),
                     line([[106.700, 20.800], [106.720, 20.800], [106.720, 20.820], [106.700, 20.820]]))],
            name="outline_open")),
    "With the polygonize option: a LineString outline of three sides of a box; the fourth side is missing, "
    "so it does not close into a polygon.",
    [E("outline-not-closed", 0, "/features/0/geometry")], options=dict(PZ))

add("polygonize-multilinestring-gap.geojson",
    text(fc([feature("kcn-tan-trao", P("Khu công nghiệp Tân Trào", outline=True),
                     {"type": "MultiLineString", "coordinates": [
                         [[106.700, 20.800], [106.720, 20.800]],
                         [[106.720, 20.800], [106.720, 20.820]],
                         [[106.720, 20.820], [106.700, 20.820]],
                         [[106.700, 20.820], [106.700, 20.801]]]})], name="outline_gap")),
    "With the polygonize option: a MultiLineString outline of a box drawn as 4 edges; the last edge stops "
    "at 20.801, 0.001° (about 110 m) short of the first vertex, leaving a gap.",
    [E("outline-not-closed", 0, "/features/0/geometry")], options=dict(PZ))

add("polygonize-closed-outline.geojson",
    text(fc([feature("kcn-vinh-quang", P("Khu công nghiệp Vĩnh Quang", outline=True),
                     line([[106.700, 20.800], [106.720, 20.800], [106.720, 20.820], [106.700, 20.820], [106.700, 20.800]])),
             feature("kcn-tan-trao", P("Khu công nghiệp Tân Trào", outline=True),
                     {"type": "MultiLineString", "coordinates": [
                         [[106.740, 20.800], [106.760, 20.800]],
                         [[106.760, 20.800], [106.760, 20.820]],
                         [[106.760, 20.820], [106.740, 20.820]],
                         [[106.740, 20.820], [106.740, 20.800]]]})], name="outline_closed")),
    "With the polygonize option: a closed LineString outline and a MultiLineString of 4 edges that close. "
    "Both polygonize into one box each: no problems.",
    [], options=dict(PZ))

# ================================================================ 7. nested structures
gc = fc([
    feature("cum-cang-dinh-vu", P("Cụm cảng Đình Vũ"), {"type": "GeometryCollection", "geometries": [
        pt([106.772, 20.842]),
        poly(DINH_VU[:4] + [[106.745, 20.8291]]),
        line(ROAD),
    ]}),
    feature("cang-lach-huyen", P("Cảng Lạch Huyện"), {"type": "GeometryCollection", "geometries": [
        {"type": "Circle", "coordinates": PORT, "radius": 300},
        pt(PORT),
    ]}),
], name="geometry_collection")
add("geometrycollection-broken-member.geojson", text(gc),
    "Feature 0's GeometryCollection has a Point, a Polygon whose ring ends at 20.8291 instead of 20.829 "
    "(unclosed), and a LineString; feature 1's GeometryCollection has a member of type \"Circle\".",
    [E("unclosed-ring", 0, "/features/0/geometry/geometries/1/coordinates/0"),
     E("unknown-geometry-type", 1, "/features/1/geometry/geometries/0/type")])

mp = fc([feature("dac-khu-cat-hai", P("Đặc khu Cát Hải"), {"type": "MultiPolygon", "coordinates": [
    [CAT_HAI_1], [CAT_HAI_2[:4] + [[106.8801, 20.805]]]]})], name="multipolygon")
add("multipolygon-broken-second-polygon.geojson", text(mp),
    "A MultiPolygon of two islands; the second island's ring ends at 106.8801 instead of 106.880 (unclosed).",
    [E("unclosed-ring", 0, "/features/0/geometry/coordinates/1/0")])

sf = feature("kcn-trang-due", P("Khu công nghiệp Tràng Duệ"), poly(TRANG_DUE[:4]))
add("single-feature-unclosed-ring.geojson", text(sf),
    "A bare Feature (no FeatureCollection) whose ring is its 4 corners without the closing position. "
    "Pointers start at /geometry; the bare Feature counts as feature 0.",
    [E("unclosed-ring", 0, "/geometry/coordinates/0")])

# ================================================================ 8. many problems at once
m5 = fc([
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ"), poly(DINH_VU)),
    feature("kcn-nam-dinh-vu", P("Khu công nghiệp Nam Đình Vũ"), poly(NAM_DINH_VU[:-1])),
    feature("song-cam", P("Sông Cấm", kind="waterway"), line(SONG_CAM)),
    feature("khu-dat-du-tru", P("Khu đất dự trữ phát triển"), poly(BOWTIE)),
    feature("cang-lach-huyen", P("Cảng Lạch Huyện"), pt([20.8012, 106.8716])),
], name="mixed_5")
add("mixed-problems-5-features.geojson", text(m5),
    "5 features, 3 broken in different ways: 1 unclosed ring (the closing position was dropped); 3 a "
    "bow-tie crossing at (106.71, 20.81); 4 a Point with latitude and longitude swapped. 0 and 2 are valid. "
    "All three must be reported, not just the first.",
    [E("unclosed-ring", 1, "/features/1/geometry/coordinates/0"),
     E("self-intersection", 3, "/features/3/geometry", location=[106.71, 20.81]),
     E("coordinate-out-of-range", 4, "/features/4/geometry/coordinates")])

m8 = fc([
    feature("ward-11411", P("Phường Đông Hải", code="11411"), poly(DONG_HAI)),
    feature("ward-11413", "Phường Hải An", poly(HAI_AN)),
    feature("ward-11411", P("Phường Đông Hải (vùng nước)", code="11411"), HOS),
    feature("kcn-trang-due-3", P("Khu công nghiệp Tràng Duệ 3"), None),
    feature("kcn-vsip", P("Khu công nghiệp VSIP Hải Phòng"), poly(cw(VSIP))),
    feature("duong-cut", P("Đường cụt"), line([[106.700, 20.858]])),
    feature("dac-khu-cat-hai", P("Đặc khu Cát Hải"), {"type": "Multipolygon", "coordinates": [[CAT_HAI_1], [CAT_HAI_2]]}),
    feature("kcn-trang-due", P("Khu công nghiệp Tràng Duệ", area_m2=Raw("1e400")), poly(TRANG_DUE)),
], name="mixed_8")
add("mixed-problems-8-features.geojson", text(m8),
    "8 features, every one with a different problem: 1 properties is a string; 2 repeats id ward-11411 and "
    "its hole lies outside its shell; 3 null geometry (warning); 4 clockwise exterior (warning); 5 a "
    "one-position LineString; 6 type \"Multipolygon\" (wrong case); 7 a property 1e400. Feature 0 is valid.",
    [E("wrong-type", 1, "/features/1/properties"),
     E("duplicate-id", 2, "/features/2/id"),
     E("hole-outside-shell", 2, "/features/2/geometry", location=[106.76, 20.81]),
     W("null-geometry", 3, "/features/3/geometry"),
     W("ring-orientation", 4, "/features/4/geometry/coordinates/0"),
     E("too-few-positions", 5, "/features/5/geometry/coordinates"),
     E("unknown-geometry-type", 6, "/features/6/geometry/type"),
     E("number-out-of-range", 7, "/features/7/properties/area_m2")])

EDGE = fc([
    feature("kcn-dinh-vu", P("Khu công nghiệp Đình Vũ", note="hồ chạm ranh giới tại một điểm"),
            poly(DINH_VU, [[106.760, 20.829], [106.755, 20.837], [106.765, 20.837], [106.760, 20.829]])),
    feature("phuong-hai-an", P("Phường Hải An", note="đỉnh lặp liên tiếp"),
            poly([[106.700, 20.815], [106.735, 20.815], [106.735, 20.815], [106.735, 20.836], [106.700, 20.836], [106.700, 20.815]])),
    feature("duong-vong", P("Đường vòng tự cắt"),
            line([[106.700, 20.850], [106.720, 20.860], [106.720, 20.850], [106.700, 20.860]])),
    feature("phao-tieu", P("Phao tiêu trùng vị trí"), {"type": "MultiPoint", "coordinates": [[106.880, 20.790], [106.880, 20.790]]}),
    feature(0, None, pt([180.0, -90.0])),
], name="valid_edge_cases")
add("valid-edge-cases.geojson", text(EDGE),
    "Valid in the OGC/GEOS sense, so no problems: 0 a clockwise triangular hole touching the shell at one "
    "point (106.76, 20.829); 1 a repeated consecutive vertex; 2 a LineString that crosses itself (GEOS "
    "validity does not require lines to be simple); 3 a MultiPoint with the same point twice; 4 id 0, "
    "properties null, and a Point at exactly (180, -90), the edge of the lon/lat range.",
    [])

# ================================================================ 9. BOM (good)
add("bom-valid-featurecollection.geojson", b"\xef\xbb\xbf" + BASE.encode("utf-8"),
    "A UTF-8 byte order mark (EF BB BF) then a valid FeatureCollection. The BOM is ignored: no problems.",
    [])

# ================================================================ good/
ALL = {
    "type": "FeatureCollection",
    "name": "zoneatlas_all_geometry_types",
    "x_zoneatlas": {"fixture": True, "drawn_by": "ZoneAtlas", "note": "Bản vẽ phác thảo, không phải ranh giới pháp lý"},
    "bbox": None,  # filled below
    "features": [
        {"type": "Feature", "id": "cang-lach-huyen", "properties": {
            "name": "Cảng Lạch Huyện", "kind": "port", "berths": 2, "depth_m": Raw("14.0"),
            "operators": ["Cảng Hải Phòng", "TC-HICT"], "opened": "2018-05-13"},
         "geometry": pt(PORT)},
        {"type": "Feature", "id": 2, "properties": {
            "name": "Trạm quan trắc môi trường", "kind": "monitoring",
            "readings": [{"pm25": Raw("1.50"), "aqi": Raw("1e3")}, {"pm25": Raw("-0"), "aqi": Raw("0.0")}]},
         "geometry": {"type": "MultiPoint", "coordinates": [[106.762, 20.840], [106.783, 20.815], [106.727, 20.826]]}},
        {"type": "Feature", "id": "duong-tan-vu-lach-huyen", "properties": {
            "name": "Đường ô tô Tân Vũ – Lạch Huyện", "kind": "road", "width_m": Raw("16"),
            "bridge": {"name": "Cầu Tân Vũ – Lạch Huyện", "length_km": Raw("5.44"), "lanes": 4}},
         "x_source": "vẽ tay", "bbox": [106.79, 20.802, 106.871, 20.83],
         "geometry": line(ROAD)},
        {"type": "Feature", "id": 4, "properties": {
            "name": "Sông Cấm", "kind": "waterway", "width_m": None, "navigable": True, "aliases": []},
         "geometry": {"type": "MultiLineString", "coordinates": [SONG_CAM[:3], SONG_CAM[2:]]}},
        {"type": "Feature", "id": "kcn-dinh-vu", "properties": {
            "name": "Khu công nghiệp Đình Vũ", "name_en": "Dinh Vu Industrial Park",
            "declared_area_ha": Raw("541"), "density": Raw("1.50"), "plots": Raw("1e3"),
            "elevation_m": Raw("-0"), "registry_no": Raw("12345678901234567890"),
            "ratio": Raw("-1.25e-3"), "big": Raw("1.0E+2"),
            "quote": "Khu \"A\" – lô 1\\2\nđã cho thuê", "icon": "🏭", "escaped": Raw('"\\u0110\\u00ecnh V\\u0169"'),
            "investors": [{"name": "DEEP C", "share": 0.5}, {"name": "Nhà đầu tư khác", "share": 0.5}],
            "empty_object": {}, "flags": [True, False, None]},
         "geometry": poly(DINH_VU, cw(rect(106.755, 20.835, 106.765, 20.843)))},
        {"type": "Feature", "id": "dac-khu-cat-hai", "properties": {
            "name": "Đặc khu Cát Hải", "code": "11914", "declared_area_ha": 34500},
         "x_islands": ["Cát Hải", "Đảo nhỏ"],
         "geometry": {"type": "MultiPolygon", "coordinates": [[CAT_HAI_1], [CAT_HAI_2]]}},
        {"type": "Feature", "id": 7.5, "properties": None,
         "geometry": {"type": "GeometryCollection", "geometries": [
             pt([106.615, 20.789]), poly(TRANG_DUE), line([[106.602, 20.781], [106.628, 20.797]])]}},
    ],
}


def all_positions(g, out):
    if g is None:
        return out
    if g["type"] == "GeometryCollection":
        for m in g["geometries"]:
            all_positions(m, out)
        return out

    def walk(c):
        if isinstance(c[0], (int, float)):
            out.append(c)
        else:
            for x in c:
                walk(x)
    walk(g["coordinates"])
    return out


ps = []
for f in ALL["features"]:
    all_positions(f["geometry"], ps)
ALL["bbox"] = [min(p[0] for p in ps), min(p[1] for p in ps), max(p[0] for p in ps), max(p[1] for p in ps)]
good("all-geometry-types.geojson", text(ALL))

good("single-feature.geojson", text(
    {"type": "Feature", "id": "kcn-nam-dinh-vu", "bbox": [106.752, 20.806, 106.801, 20.829],
     "properties": {"name": "Khu công nghiệp Nam Đình Vũ", "declared_area_ha": 1329, "zone": {"parent": "kkt-dinh-vu-cat-hai", "phase": 1}},
     "geometry": poly(NAM_DINH_VU)}))

good("bare-multipolygon.geojson", text({"type": "MultiPolygon", "coordinates": [[CAT_HAI_1], [CAT_HAI_2]]}))

good("empty-feature-collection.geojson", text({"type": "FeatureCollection", "name": "trống", "features": []}))

with open(os.path.join(BROKEN, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(dict(sorted(MANIFEST.items())), f, ensure_ascii=False, indent=2)
    f.write("\n")
print(len(MANIFEST), "broken fixtures")
