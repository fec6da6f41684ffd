"""Tiny JSON writer that keeps positions and rings on one line and numbers exactly as given."""
import json


class Raw:
    """A number (or any token) written verbatim, e.g. 1e400, -0, 1.50."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def _depth(v):
    if isinstance(v, list):
        return 1 + max((_depth(x) for x in v), default=0)
    if isinstance(v, dict):
        return 100
    return 0


def scalar(v):
    if isinstance(v, Raw):
        return v.text
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        r = repr(v)
        assert "e" not in r and "inf" not in r and "nan" not in r, r
        return r
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    raise TypeError(type(v))


def dump(v, ind=0):
    pad = " " * ind
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = [f'{pad}  {json.dumps(k, ensure_ascii=False)}: {dump(x, ind + 2)}' for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        if _depth(v) <= 2:
            return "[" + ", ".join(dump(x, ind) for x in v) + "]"
        items = [f"{pad}  {dump(x, ind + 2)}" for x in v]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return scalar(v)


def text(v):
    return dump(v) + "\n"
