#!/usr/bin/env python3
"""run_api_tests.py GALACTA SOURCE_DIR — the HTTP API tests (CTest label
"api"). Starts `galacta serve --port 0` on loopback (the port it prints),
exercises every endpoint and every error status, validates every JSON
response against web/openapi.json (jsonschema_lite.py), checks that the
API gives what the CLI gives for every examples/*.json, checks the limits,
timeouts, graceful shutdown and the access log, and runs the curl examples
of docs/api.md. Python standard library only."""

import atexit
import glob
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jsonschema_lite  # noqa: E402

GALACTA = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
SPEC = json.load(open(os.path.join(SRC, "web", "openapi.json"), encoding="utf-8"))
EXAMPLES = sorted(glob.glob(os.path.join(SRC, "examples", "*.json")))
MARKER = "SECRET-HEALTH-DATA-7d1f"
# Each run of the whole file must stay within CTest's timeout on a slow,
# sanitized build: every socket waits at most this long.
TIMEOUT = 30

failures = []
seen = set()  # (spec path, method, status)


# --- the server -------------------------------------------------------------

RUNNING = []


@atexit.register
def _stop_leftovers():
    """A failed test must not leave its server behind."""
    for proc in RUNNING:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


class Server:
    def __init__(self, *args, env=None):
        self.proc = subprocess.Popen([GALACTA, "serve", "--port", "0"] + list(args), stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env)
        RUNNING.append(self.proc)
        self.first_line = self.proc.stdout.readline().decode()
        m = re.match(r"galacta serve: listening on http://127\.0\.0\.1:(\d+)/ \(\d+ threads?\)\n$", self.first_line)
        if not m:
            self.proc.kill()
            raise RuntimeError("unexpected first line: %r; stderr: %s" % (self.first_line,
                                                                        self.proc.stderr.read().decode()))
        self.port = int(m.group(1))
        self.err = []
        self.reader = threading.Thread(target=self._read_stderr, daemon=True)
        self.reader.start()

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.err.append(line.decode("utf-8", "replace"))

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        rc = self.proc.wait(timeout=TIMEOUT)
        self.reader.join(timeout=TIMEOUT)
        return rc


def request(port, method, path, body=None, headers=None, conn=None):
    """(status, lower-cased headers, body bytes)."""
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
    elif isinstance(body, str):
        body = body.encode()
    hdrs = dict(headers or {})
    if body is not None and "Content-Type" not in hdrs and "content-type" not in {k.lower() for k in hdrs}:
        hdrs["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=hdrs)
    resp = conn.getresponse()
    data = resp.read()
    result = resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
    if own:
        conn.close()
    return result


# --- OpenAPI validation ----------------------------------------------------

def deref(node):
    while "$ref" in node:
        node = jsonschema_lite.resolve(SPEC, node["$ref"])
    return node


def validate(spec_path, method, status, headers, body):
    """The response must be documented for this operation and match its schema."""
    op = SPEC["paths"][spec_path][method.lower()]
    resp = op["responses"].get(str(status))
    if resp is None:
        raise AssertionError("%s %s: status %d is not documented" % (method, spec_path, status))
    resp = deref(resp)
    seen.add((spec_path, method.upper(), status))
    ctype = headers.get("content-type", "").split(";")[0].strip()
    content = resp.get("content", {})
    if ctype not in content:
        raise AssertionError("%s %s %d: content type %r is not documented (%s)" % (
            method, spec_path, status, ctype, list(content)))
    if ctype == "application/json":
        value = json.loads(body)
        errs = jsonschema_lite.errors(value, content[ctype]["schema"], SPEC)
        if errs:
            raise AssertionError("%s %s %d: response does not match openapi.json:\n  %s" % (
                method, spec_path, status, "\n  ".join(errs[:10])))
        return value
    return body


def api(port, method, path, body=None, headers=None, expect=200, spec_path=None):
    """A request to a documented endpoint: checks the status, validates."""
    status, hdrs, data = request(port, method, path, body, headers)
    if status != expect:
        raise AssertionError("%s %s: status %d, expected %d: %s" % (method, path, status, expect, data[:300]))
    sp = spec_path or urllib.parse.urlsplit(path).path
    if method == "HEAD":
        return hdrs, data
    return hdrs, validate(sp, "GET" if method == "HEAD" else method, status, hdrs, data)


def error_of(port, method, path, body=None, headers=None, expect=400, spec_path=None):
    hdrs, value = api(port, method, path, body, headers, expect, spec_path)
    return hdrs, value["error"]


def plain_error(port, method, path, body=None, headers=None, expect=404):
    """An error on a path that is not an API operation: the Error schema."""
    status, hdrs, data = request(port, method, path, body, headers)
    assert status == expect, "%s %s: %d, expected %d" % (method, path, status, expect)
    errs = jsonschema_lite.errors(json.loads(data), SPEC["components"]["schemas"]["Error"], SPEC)
    assert not errs, errs
    seen.add(("*", method, status))
    return hdrs, json.loads(data)["error"]


def cli(*args, stdin=None):
    p = subprocess.run([GALACTA] + list(args), input=stdin, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode()


# --- tests -----------------------------------------------------------------

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


@test
def health_and_head(s):
    hdrs, v = api(s.port, "GET", "/v1/health")
    assert v["status"] == "ok" and v["kb"]["causes"] > 0
    assert hdrs["cache-control"] == "no-store"
    hdrs, data = api(s.port, "HEAD", "/v1/health")
    assert data == b"" and hdrs["content-type"].startswith("application/json")


@test
def openapi_is_served_as_is(s):
    status, hdrs, data = request(s.port, "GET", "/openapi.json")
    assert status == 200 and hdrs["content-type"].startswith("application/json")
    assert data == open(os.path.join(SRC, "web", "openapi.json"), "rb").read()
    assert json.loads(data)["openapi"].startswith("3.1")
    seen.add(("/openapi.json", "GET", 200))


@test
def causes_and_findings_in_both_languages(s):
    _, en = api(s.port, "GET", "/v1/causes")
    _, zh = api(s.port, "GET", "/v1/causes?lang=zh-Hans")
    assert en["language"] == "en" and zh["language"] == "zh-Hans"
    assert [c["id"] for c in en["causes"]] == [c["id"] for c in zh["causes"]]
    assert en["causes"][0]["name"] != zh["causes"][0]["name"]
    hdrs, zh2 = api(s.port, "GET", "/v1/causes", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert zh2 == zh and hdrs["content-language"] == "zh-Hans"
    _, f = api(s.port, "GET", "/v1/findings?lang=zh")
    assert f["language"] == "zh-Hans" and len(f["findings"]) > 100
    assert any(x["derived"] for x in f["findings"]) and any(x["path"] == "infant.weights" for x in f["fields"])
    e = error_of(s.port, "GET", "/v1/findings?lang=fr")[1]
    assert e["code"] == "invalid_parameter" and e["path"] == "lang"


@test
def assessment_equals_cli_for_every_example(s):
    assert EXAMPLES
    for path in EXAMPLES:
        body = open(path, "rb").read()
        for lang in (None, "en", "zh-Hans"):
            args = ["assess", "--format", "json"] + (["--lang", lang] if lang else []) + [path]
            rc, out, err = cli(*args)
            assert rc == 0, err
            q = "?lang=" + lang if lang else ""
            _, v = api(s.port, "POST", "/v1/assess" + q, body)
            assert v == json.loads(out), "%s (lang %s): API and CLI differ" % (path, lang)


def set_answer(case, qid, answer):
    """Writes an answer into the case as a client does: a finding id under
    "findings", a field path into its (created) objects."""
    if "." in qid:
        node = case
        parts = qid.split(".")
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = answer
    else:
        case.setdefault("findings", {})[qid] = answer


# Numbers a well mother and baby might give where the question's minimum
# would itself be a danger sign or impossible (a temperature of 30 °C, a
# systolic pressure of 40 mmHg, a birth weight of 300 g, a loss of half the
# birth weight): such an answer makes the case urgent or an emergency, and
# the interview then rightly asks other things.
NORMAL = {"infant.age_days": 10, "infant.wet_diapers_per_24h": 6, "infant.birth_weight_g": 3300,
          "infant.weight_change_pct_from_birth": -5, "infant.gestational_age_weeks": 39, "infant.feeds_per_24h": 10,
          "mother.temperature_c": 37.0, "infant.temperature_c": 37.0, "mother.heart_rate_bpm": 80,
          "mother.systolic_bp_mmhg": 120, "mother.respiratory_rate_per_min": 16, "mother.labs.glucose_mmol_l": 5.0,
          "mother.labs.sodium_mmol_l": 140, "infant.labs.sodium_mmol_l": 140}


def some_answer(q):
    """A plausible answer to a question (or a group's item) of any kind:
    no to a finding, a normal value or else the minimum for a number, the
    first choice."""
    if q["id"] in NORMAL:
        return NORMAL[q["id"]]
    return {"finding": False, "number": q.get("min"), "enum": (q.get("choices") or [None])[0],
            "weights": None, "list": []}[q["kind"]]


@test
def interview_equals_cli_and_runs_to_the_end(s):
    for path in EXAMPLES:
        rc, out, err = cli("interview", "--next", "--format", "json", path)
        assert rc == 0, err
        _, v = api(s.port, "POST", "/v1/interview/next", open(path, "rb").read())
        assert v == json.loads(out), "%s: API and CLI interview steps differ" % path
    # Answer every question until the interview stops: every step valid.
    case = {"format": "galacta-case/1"}
    for step in range(60):
        _, v = api(s.port, "POST", "/v1/interview/next?lang=zh-Hans" if step % 2 else "/v1/interview/next", case)
        if v["should_stop"]:
            assert v["question"] is None and v["stop_reason"]
            break
        q = v["question"]
        for item in q["items"] if q["kind"] == "group" else [q]:
            set_answer(case, item["id"], some_answer(item))
    else:
        raise AssertionError("the interview did not stop in 60 steps")


@test
def interview_group_questions(s):
    """A group (kind "group", items of kind finding, number, enum) validates
    against openapi.json; answering every item (some "don't know") moves
    on: the next question differs and asks none of the answered items. An
    item left out is asked again, the answered ones are not. The red-flag
    measurements come as their own screen, group:measurements, all numbers
    (kb/interview.yaml red_flags_first), before the first screen of causes."""
    case = {"format": "galacta-case/1", "infant": {"age_days": 10, "weights": None}}
    groups = 0
    kinds = set()
    reasons = set()
    answered = set()
    order = []
    for step in range(40):
        _, v = api(s.port, "POST", "/v1/interview/next?lang=zh-Hans" if step % 2 else "/v1/interview/next", case)
        if v["should_stop"]:
            break
        q = v["question"]
        asked = [it["id"] for it in q["items"]] if q["kind"] == "group" else [q["id"]]
        again = answered.intersection(asked)
        assert not again, "%s asks again what was answered: %s" % (q["id"], sorted(again))
        if q["kind"] != "group":
            set_answer(case, q["id"], some_answer(q))
            answered.add(q["id"])
            continue
        groups += 1
        reasons.add(q["reason"])
        order.append(q["id"])
        if q["id"] == "group:measurements":
            assert all(it["kind"] == "number" for it in q["items"]), q["items"]
            assert {"mother.temperature_c", "infant.temperature_c"} <= {it["id"] for it in q["items"]}, q["items"]
        if groups == 1:
            # The schema is strict enough to notice a broken group.
            schema = SPEC["components"]["schemas"]["Question"]
            for broken in ({k: x for k, x in q.items() if k != "items"},
                           dict(q, items=q["items"] + [dict(q["items"][0], kind="weights")]),
                           dict(q, items=[dict(q["items"][0], reason="screening")]),
                           dict(q, kind="finding")):
                assert jsonschema_lite.errors(broken, schema, SPEC), "openapi.json accepts %r" % broken
        assert q["id"].startswith("group:") and q["items"], q
        assert ("expected_gain_bits" in q) == (q["reason"] == "information_gain"), q
        for item in q["items"]:
            kinds.add(item["kind"])
            assert item["kind"] in ("finding", "number", "enum") and "reason" not in item, item
        if groups == 1 and len(q["items"]) > 1:
            # Everything but the last item: the same group, only the last.
            partial = json.loads(json.dumps(case))
            for item in q["items"][:-1]:
                set_answer(partial, item["id"], some_answer(item))
            _, w = api(s.port, "POST", "/v1/interview/next", partial)
            left = [it["id"] for it in w["question"].get("items", [w["question"]])]
            assert q["items"][-1]["id"] in left, (q["items"][-1]["id"], left)
            assert not {it["id"] for it in q["items"][:-1]}.intersection(left), left
        for i, item in enumerate(q["items"]):
            set_answer(case, item["id"], None if i % 3 == 2 else some_answer(item))
            answered.add(item["id"])
        _, w = api(s.port, "POST", "/v1/interview/next", case)
        if not w["should_stop"]:
            assert w["question"]["id"] != q["id"] or w["question"]["items"] != q["items"], \
                "the answered group %s came back" % q["id"]
    else:
        raise AssertionError("the interview did not stop in 40 steps")
    assert groups >= 2, "only %d group questions" % groups
    assert kinds == {"finding", "number", "enum"}, kinds
    assert "screening" in reasons and "safety_first" in reasons, reasons
    assert "group:measurements" in order and "group:birth_and_since" in order, order
    assert order.index("group:measurements") < order.index("group:birth_and_since"), order


@test
def growth_equals_cli(s):
    compared = 0
    for path in EXAMPLES:
        rc, out, err = cli("growth", "--format", "json", path)
        status, hdrs, data = request(s.port, "POST", "/v1/growth", open(path, "rb").read())
        if rc == 0:
            assert status == 200, data
            v = validate("/v1/growth", "POST", status, hdrs, data)
            assert v == json.loads(out), "%s: API and CLI growth reports differ" % path
            compared += 1
        else:
            assert status == 400, (path, status, data)
    assert compared > 0


@test
def chart_svg_and_png(s):
    svg_example = None
    for path in EXAMPLES:
        if json.load(open(path)).get("infant", {}).get("sex"):
            svg_example = path
            break
    assert svg_example
    body = open(svg_example, "rb").read()
    hdrs, svg = api(s.port, "POST", "/v1/growth/chart.svg", body)
    assert hdrs["content-type"] == "image/svg+xml" and b"<svg" in svg[:400]
    tmp = os.path.join(os.environ.get("TMPDIR", "/tmp"), "galacta-api-test-%d.svg" % os.getpid())
    rc, _, err = cli("growth", "--svg", tmp, svg_example)
    if rc == 0:
        assert open(tmp, "rb").read() == svg, "chart differs from `galacta growth --svg`"
        os.unlink(tmp)
    hdrs, png = api(s.port, "POST", "/v1/growth/chart.png?lang=zh-Hans", body)
    assert png.startswith(b"\x89PNG") and hdrs["content-language"] == "zh-Hans"
    q = "/v1/growth/chart.svg?sex=female&birth_weight_g=3300&age_days=12&w=5:3020&w=12:3250"
    hdrs, svg = api(s.port, "GET", q, spec_path="/v1/growth/chart.svg")
    assert b"<svg" in svg[:400]
    case = {"format": "galacta-case/1", "infant": {"sex": "male", "birth_weight_g": 3500}}
    api(s.port, "GET", "/v1/growth/chart.png?case=" + urllib.parse.quote(json.dumps(case)))
    e = error_of(s.port, "GET", "/v1/growth/chart.svg?sex=female&w=5x3020")[1]
    assert e["path"] == "w" and e["code"] == "invalid_parameter"
    e = error_of(s.port, "GET", "/v1/growth/chart.svg?sex=female&w=5:abc")[1]
    assert e["path"] == "infant.weights[0].weight_g" and e["code"] == "invalid_case", e
    e = error_of(s.port, "GET", "/v1/growth/chart.svg?sex=female&colour=red")[1]
    assert e["path"] == "colour"
    e = error_of(s.port, "GET", "/v1/growth/chart.svg")[1]
    assert e["code"] == "invalid_parameter" and e["path"] is None
    e = error_of(s.port, "POST", "/v1/growth/chart.svg", {"format": "galacta-case/1", "infant": {"birth_weight_g": 3000}})[1]
    assert e["code"] == "invalid_case" and e["path"] == "infant.sex", e


@test
def invalid_cases_get_the_cli_message_and_path(s):
    cases = [
        ('{"format":"galacta-case/1","mother":{"temperature_c":47}}', "invalid_case", "mother.temperature_c"),
        ('{"format":"galacta-case/1","infant":{"weights":[{"age_days":3,"weight_g":35}]}}', "invalid_case",
         "infant.weights[0].weight_g"),
        ('{"format":"galacta-case/1","findings":{"no_such_finding":true}}', "invalid_case", "findings.no_such_finding"),
        ('{"format":"galacta-case/1",', "malformed_json", None),
        ('[1,2]', "invalid_case", ""),
        ('{"mother":{}}', "invalid_case", "format"),
    ]
    for text, code, path in cases:
        rc, _, err = cli("assess", "-", stdin=text.encode())
        assert rc == 1 and err.startswith("galacta: "), err
        for endpoint in ("/v1/assess", "/v1/interview/next", "/v1/growth"):
            e = error_of(s.port, "POST", endpoint, text)[1]
            assert e["code"] == code and e["path"] == path, (text, e)
            assert e["message"] == err[len("galacta: "):].rstrip("\n"), (e["message"], err)
    e = error_of(s.port, "POST", "/v1/assess", b"")[1]
    assert e["code"] == "malformed_json" and e["path"] is None


@test
def not_found_and_path_traversal(s):
    for method, path in [("GET", "/v1/nope"), ("POST", "/v1/assess/extra"), ("GET", "/v1"), ("GET", "/nope.html"),
                         ("GET", "/../etc/passwd"), ("GET", "/%2e%2e/etc/passwd"), ("GET", "/..%2fetc%2fpasswd"),
                         ("GET", "//etc/passwd"), ("GET", "/.hidden"), ("GET", "/index.html/.."),
                         ("GET", "/a/../index.html"), ("GET", "/index.html%00.js"), ("GET", "/%5c..%5cetc"),
                         ("GET", "/README"), ("GET", "/" + "a" * 300 + ".js")]:
        e = plain_error(s.port, method, path, b"{}" if method == "POST" else None, expect=404)[1]
        assert e["code"] == "not_found", (path, e)


@test
def method_not_allowed_has_allow(s):
    for method, path, allow in [("GET", "/v1/assess", "POST"), ("PUT", "/v1/interview/next", "POST"),
                                ("DELETE", "/v1/health", "GET, HEAD"), ("POST", "/v1/causes", "GET, HEAD"),
                                ("PATCH", "/v1/growth/chart.svg", "GET, HEAD, POST")]:
        status, hdrs, data = request(s.port, method, path, b"{}" if method != "GET" else None)
        assert status == 405 and hdrs["allow"] == allow, (method, path, status, hdrs)
        op = next(iter(SPEC["paths"][path].values()))
        assert "405" in op["responses"]
        assert not jsonschema_lite.errors(json.loads(data), SPEC["components"]["schemas"]["Error"], SPEC)
        assert json.loads(data)["error"]["code"] == "method_not_allowed"
        seen.add((path, "*", 405))
    status, hdrs, _ = request(s.port, "POST", "/index.html", b"{}")
    assert status == 405 and hdrs["allow"] == "GET, HEAD"


@test
def body_limit(s):
    case = json.load(open(EXAMPLES[0]))
    big = json.dumps(dict(case, x_padding="x" * 70000))
    e = error_of(s.port, "POST", "/v1/assess", big, expect=413)[1]
    assert e["code"] == "body_too_large" and "65536" in e["message"]
    # The same without Content-Length (chunked): refused after reading.
    conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=TIMEOUT)
    conn.putrequest("POST", "/v1/assess")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    for i in range(0, len(big), 8192):
        piece = big[i:i + 8192].encode()
        conn.send(b"%x\r\n%s\r\n" % (len(piece), piece))
    conn.send(b"0\r\n\r\n")
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    assert resp.status == 413, (resp.status, data)
    validate("/v1/assess", "POST", 413, {"content-type": resp.getheader("Content-Type")}, data)
    # Just under the limit is fine.
    ok = json.dumps(dict(case, x_padding="x" * 60000))
    api(s.port, "POST", "/v1/assess", ok)


@test
def content_type_must_be_json(s):
    body = open(EXAMPLES[0], "rb").read()
    for ctype in ("text/plain", "application/x-www-form-urlencoded", "application/jsonx", ""):
        e = error_of(s.port, "POST", "/v1/assess", body, {"Content-Type": ctype}, expect=415)[1]
        assert e["code"] == "unsupported_media_type"
    for ctype in ("application/json; charset=utf-8", "APPLICATION/JSON"):
        api(s.port, "POST", "/v1/assess", body, {"Content-Type": ctype})
    error_of(s.port, "POST", "/v1/growth/chart.svg", body, {"Content-Type": "text/plain"}, expect=415)
    error_of(s.port, "POST", "/v1/interview/next", body, {"Content-Type": "text/json"}, expect=415)
    error_of(s.port, "POST", "/v1/growth", body, {"Content-Type": "multipart/form-data"}, expect=415)


@test
def languages(s):
    zh_case = next(p for p in EXAMPLES if json.load(open(p)).get("language") == "zh-Hans")
    en_case = next(p for p in EXAMPLES if json.load(open(p)).get("language") in (None, "en"))
    body = open(zh_case, "rb").read()
    hdrs, v = api(s.port, "POST", "/v1/assess", body)
    assert v["language"] == "zh-Hans" and hdrs["content-language"] == "zh-Hans"
    _, v = api(s.port, "POST", "/v1/assess?lang=en", body)
    assert v["language"] == "en"
    _, v = api(s.port, "POST", "/v1/assess", body, {"Accept-Language": "en-GB,en;q=0.9"})
    assert v["language"] == "en"
    _, v = api(s.port, "POST", "/v1/assess", body, {"Accept-Language": "fr-FR,de;q=0.5"})
    assert v["language"] == "zh-Hans"  # nothing we speak: the case's language
    _, v = api(s.port, "POST", "/v1/assess?lang=zh-Hans", open(en_case, "rb").read(), {"Accept-Language": "en"})
    assert v["language"] == "zh-Hans"
    _, v = api(s.port, "POST", "/v1/assess", open(en_case, "rb").read(), {"Accept-Language": "fr;q=1, zh-TW;q=0.7, en;q=0.3"})
    assert v["language"] == "zh-Hans"
    e = error_of(s.port, "POST", "/v1/assess?lang=klingon", body)[1]
    assert e == {"code": "invalid_parameter", "message": "lang: must be en or zh-Hans", "path": "lang"}
    e = error_of(s.port, "POST", "/v1/assess?language=zh-Hans", body)[1]
    assert e["path"] == "language" and e["code"] == "invalid_parameter"


@test
def web_page_files(s):
    for path, ctype in [("/", "text/html"), ("/index.html", "text/html"), ("/app.js", "text/javascript"),
                        ("/style.css", "text/css"), ("/openapi.json", "application/json")]:
        status, hdrs, data = request(s.port, "GET", path)
        assert status == 200 and hdrs["content-type"].startswith(ctype), (path, status, hdrs)
        assert hdrs["x-content-type-options"] == "nosniff"
        if ctype == "text/html":
            csp = hdrs["content-security-policy"]
            assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    # Nothing on the page comes from elsewhere.
    for path in glob.glob(os.path.join(SRC, "web", "*")):
        if path.endswith((".html", ".js", ".css")):
            text = open(path, encoding="utf-8").read()
            for m in re.finditer(r"""(?:src|href)\s*=\s*["'](https?:)?//""", text):
                raise AssertionError("%s loads from another host: %s" % (path, m.group(0)))
            assert "@import url(http" not in text and "fonts.googleapis" not in text


@test
def keep_alive_and_concurrency(s):
    conn = http.client.HTTPConnection("127.0.0.1", s.port, timeout=TIMEOUT)
    for _ in range(3):
        status, _, _ = request(s.port, "GET", "/v1/health", conn=conn)
        assert status == 200
    conn.close()
    body = open(EXAMPLES[0], "rb").read()
    expected = request(s.port, "POST", "/v1/assess", body)[2]
    results = []

    def worker():
        c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=TIMEOUT)
        for _ in range(15):
            results.append(request(s.port, "POST", "/v1/assess", body, conn=c)[2] == expected)
        c.close()
    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 120 and all(results)


@test
def docs_curl_examples_run(s):
    """Every `curl` line of docs/api.md runs against this server."""
    text = open(os.path.join(SRC, "docs", "api.md"), encoding="utf-8").read()
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    lines = [l for b in blocks for l in b.splitlines() if l.startswith("curl ")]
    assert len(lines) >= 9, "docs/api.md should have a curl example per endpoint"
    for path in ["/v1/assess", "/v1/interview/next", "/v1/growth", "/v1/growth/chart.svg", "/v1/causes",
                 "/v1/findings", "/v1/health", "/openapi.json"]:
        assert any(path in l for l in lines), "no curl example for " + path
    env = dict(os.environ, PATH=os.environ.get("PATH", ""))
    for line in lines:
        cmd = line.replace("127.0.0.1:8080", "127.0.0.1:%d" % s.port)
        p = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=SRC, capture_output=True, env=env, timeout=TIMEOUT)
        assert p.returncode == 0 and p.stdout, "docs/api.md example failed: %s\n%s" % (line, p.stderr.decode())


def serve_help():
    rc, out, err = cli("serve", "--help")
    assert rc == 0
    help_text = out.decode()
    docs = open(os.path.join(SRC, "docs", "api.md"), encoding="utf-8").read()
    for opt in ("--bind", "--port", "--threads", "--max-body", "--max-connections", "--max-per-client",
                "--timeout", "--web", "--quiet", "--help"):
        assert opt in help_text, "serve --help lacks " + opt
        assert opt in docs, "docs/api.md lacks " + opt
    rc, _, err = cli("serve", "--port", "70000")
    assert rc == 2 and "--port" in err
    rc, _, err = cli("serve", "--frobnicate")
    assert rc == 2 and "unknown option" in err
    rc, _, err = cli("serve", "--bind", "no.such.host.invalid", "--port", "0")
    assert rc == 2, err


def overload_statuses():
    """--max-connections 3, --max-per-client 2: with two idle connections
    open, the third from the same address gets 429; with three open, the
    fourth gets 503."""
    s = Server("--max-connections", "3", "--max-per-client", "2", "--quiet")
    try:
        idle = [socket.create_connection(("127.0.0.1", s.port)) for _ in range(2)]
        time.sleep(0.3)
        for path in ("/v1/health", "/v1/assess"):
            hdrs, e = error_of(s.port, "GET" if path == "/v1/health" else "POST", path,
                               None if path == "/v1/health" else open(EXAMPLES[0], "rb").read(), expect=429)
            assert e["code"] == "too_many_requests" and hdrs["retry-after"] == "1"
            time.sleep(0.3)
        idle.append(socket.create_connection(("127.0.0.1", s.port)))
        time.sleep(0.3)
        hdrs, e = error_of(s.port, "GET", "/v1/health", expect=503)
        assert e["code"] == "overloaded" and hdrs["retry-after"] == "1"
        for sock in idle:
            sock.close()
        time.sleep(0.3)
        api(s.port, "GET", "/v1/health")
    finally:
        assert s.stop() == 0


def slow_client_is_cut():
    """--timeout 1: a client that stops sending is disconnected."""
    s = Server("--timeout", "1", "--quiet")
    try:
        sock = socket.create_connection(("127.0.0.1", s.port))
        sock.sendall(b"POST /v1/assess HTTP/1.1\r\nHost: x\r\n")
        sock.settimeout(10)
        t0 = time.time()
        try:
            data = sock.recv(4096)
        except ConnectionResetError:
            data = b""
        assert data == b"" and time.time() - t0 < 8, "the slow connection was not closed"
        sock.close()
        api(s.port, "GET", "/v1/health")
    finally:
        assert s.stop() == 0


def graceful_shutdown_and_access_log():
    """SIGTERM: the request in progress is answered, new connections are
    refused, the exit status is 0; the access log has one line per request
    and no bodies, queries or headers."""
    s = Server()
    body = json.dumps(dict(json.load(open(EXAMPLES[0])), id=MARKER)).encode()
    api(s.port, "POST", "/v1/assess?lang=en", body, {"X-Secret": MARKER})
    api(s.port, "GET", "/v1/growth/chart.svg?sex=female&birth_weight_g=3300&w=5:3020&x_note=" + MARKER,
        expect=400, spec_path="/v1/growth/chart.svg")
    sock = socket.create_connection(("127.0.0.1", s.port))
    sock.sendall(b"POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(body) + body[:20])
    time.sleep(0.3)
    s.proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    try:
        socket.create_connection(("127.0.0.1", s.port), timeout=2).close()
        refused = False
    except OSError:
        refused = True
    sock.sendall(body[20:])
    sock.settimeout(TIMEOUT)
    reply = b""
    while b"\r\n\r\n" not in reply or len(reply.split(b"\r\n\r\n", 1)[1]) < 100:
        chunk = sock.recv(65536)
        if not chunk:
            break
        reply += chunk
    sock.close()
    rc = s.stop()
    assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
    assert refused, "a new connection was accepted during shutdown"
    assert rc == 0, "exit status %d" % rc
    log = "".join(s.err)
    assert MARKER not in log, "the access log holds request data"
    lines = [l for l in log.splitlines() if not l.startswith("galacta serve:")]
    pattern = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (GET|POST|HEAD|PUT|DELETE|PATCH) /\S* \d{3} \d+\.\d\dms$")
    bad = [l for l in lines if not pattern.match(l)]
    assert not bad, "access log lines out of format: %r" % bad[:3]
    assert any(l.split()[1:4] == ["POST", "/v1/assess", "200"] for l in lines)
    assert sum(1 for l in lines if " /v1/assess " in l) == 2
    assert "finishing the requests in progress" in log and "stopped" in log


def coverage():
    """Every operation answered 200, and every error status documented
    anywhere was produced somewhere."""
    for path, ops in SPEC["paths"].items():
        for method in ops:
            assert (path, method.upper(), 200) in seen, "never got 200 from %s %s" % (method.upper(), path)
    documented = {int(code) for ops in SPEC["paths"].values() for op in ops.values() for code in op["responses"]}
    produced = {status for _, _, status in seen}
    missing = documented - produced
    assert not missing, "documented statuses never produced: %s" % sorted(missing)


def run(name, fn, *args):
    t0 = time.time()
    try:
        fn(*args)
        print("ok   %-45s %.2fs" % (name, time.time() - t0))
    except Exception as e:  # report every failure, then fail
        import traceback
        failures.append(name)
        print("FAIL %s: %s" % (name, e))
        traceback.print_exc()


def main():
    jsonschema_lite.check_document(SPEC)
    run("serve --help and options", serve_help)
    server = Server("--threads", "4")
    try:
        for fn in TESTS:
            run(fn.__name__, fn, server)
    finally:
        rc = server.stop()
    if rc != 0:
        failures.append("main server exit status %d" % rc)
        print("".join(server.err[-20:]))
    run("overload: 429 and 503", overload_statuses)
    run("slow client cut by --timeout", slow_client_is_cut)
    run("graceful shutdown and access log", graceful_shutdown_and_access_log)
    run("coverage of endpoints and statuses", coverage)
    if failures:
        print("%d failed: %s" % (len(failures), ", ".join(failures)))
        return 1
    print("all API tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
