"""Credentials never reach the site: one detector, measured on a labelled corpus, for examples and violations."""

from __future__ import annotations

import gc
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from projects import MakeProject, mkdocs_build, plain, run_project
from secret_corpus import credentials, measure
from test_cli import cli
from test_rules import ANTI, RULE_PATH

from extractor import credentials as detector
from extractor.credential_shapes import SHAPES, Shape
from extractor.credentials import find_credentials, tried

FAKE_KEY = "-----BEGIN " + "RSA PRIVATE KEY-----"
"""Split so that this file itself does not look like a key to scanners."""
KEY_BODY = "MIIEowIBAAKCAQEA" + "q3Jd8sKwTx1vY0bN5mR7cZpF2uL9hG4eW6aQ" + "yVt"
AWS_KEY = "AKIA" + "2OGYBAH6STMMNXNN"
STRIPE_KEY = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"


def test_the_detector_finds_the_credential_shapes_and_spares_ordinary_code() -> None:
    figures = measure(lambda case: [finding.line for finding in find_credentials(case.text)])
    print(f"\nsecret detector on tests/secrets/: {figures}")
    for name in figures.missed:
        print(f"  missed: {name}")
    for line in figures.flagged:
        print(f"  flagged: {line}")
    assert figures.shapes >= 60
    assert figures.lines >= 2000
    assert figures.recall >= 0.95
    assert figures.false_positive_rate <= 0.005


def test_every_shape_of_the_attack_report_is_found() -> None:
    shapes = [case for case in credentials() if case.name.startswith("d4-")]
    assert len(shapes) == 18
    assert [case.name for case in shapes if not find_credentials(case.text)] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            f"{FAKE_KEY}\n{KEY_BODY}", [(0, "a private key block"), (1, "a private key body")], id="key-block"
        ),
        pytest.param(f'const id = "{AWS_KEY}";', [(0, "an AWS access key id")], id="aws"),
        pytest.param("token: ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", [(0, "a GitHub token")], id="github"),
        pytest.param(f'stripe("{STRIPE_KEY}")', [(0, "a Stripe key")], id="stripe"),
        pytest.param('const password = "hunter22";', [(0, "a password or key literal")], id="password"),
        pytest.param('DB_PASSWORD = "Tr0ub4dor&3"', [(0, "a password or key literal")], id="constant-name"),
        pytest.param('  userPassword: "Tr0ub4dor&3",', [(0, "a password or key literal")], id="camel-case-name"),
        pytest.param("password: Tr0ub4dor3", [(0, "a password or key literal")], id="unquoted-yaml"),
        pytest.param("const password =\n  'Tr0ub4dor&3';", [(1, "a password or key literal")], id="split-over-lines"),
        pytest.param("postgres://app:Tr0ub4dor3@db.internal/app", [(0, "a password in a URL")], id="password-in-url"),
        pytest.param(
            'const signing = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbA9x";',
            [(0, "a high-entropy token")],
            id="entropy",
        ),
    ],
)
def test_credential_shapes_are_recognised_at_their_line(text: str, found: list[tuple[int, str]]) -> None:
    assert [(f.line, f.what) for f in find_credentials(text)] == found


@pytest.mark.parametrize(
    "line",
    [
        pytest.param('  component: "docs/components/ProjectDefaultEnvironmentVariables",', id="long-path"),
        pytest.param('const password = "${PASSWORD}";', id="template"),
        pytest.param('password: "<your password>"', id="placeholder"),
        pytest.param("const password = process.env.PASSWORD;", id="from-env"),
        pytest.param("password: v.string(),", id="validator"),
        pytest.param('  password: "password123",', id="fake-fixture"),
        pytest.param("AWS_ACCESS_KEY_ID=AKIA" + "IOSFODNN7EXAMPLE", id="documented-example-key"),
        pytest.param('const channel = "general-announcements-for-the-whole-team";', id="long-words"),
        pytest.param('const id = "0123456789abcdef0123456789abcdef";', id="hex"),
        pytest.param('  "id": "3f6c2b9e-8a41-4d2f-9c7e-1b5a6d8e0f42",', id="uuid"),
        pytest.param("    rev: 6d894da67a1cd3c2ed51c1447101255783bb92ce  # v0.4.4", id="git-sha"),
        pytest.param(
            '  "integrity": "sha512-JaMMXFxPDSVyUuTBiUZq2tpbJ4UboB6UuJxcJ6x8I/KGoUwkCSyP2dr7RMnXMAuo6IhdCJ+0zQRV10nn8wnQyA==",',
            id="lock-file-integrity",
        ),
        pytest.param(
            'const pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";',
            id="png",
        ),
        pytest.param("  color: #1e293b;", id="css-colour"),
        pytest.param('  "auth.password.placeholder": "Enter your password",', id="i18n"),
        pytest.param("await ctx.db.insert('messages', { body });", id="code"),
    ],
)
def test_ordinary_code_is_not_a_secret(line: str) -> None:
    assert find_credentials(line) == ()


LEAKY = """\
// @pattern backend/query-function-structure
export const connect = query({
  args: {},
  handler: async () => {
    const password = "hunter22";
    return password.length;
  },
});
"""


def test_an_example_holding_a_credential_is_withheld_and_reported(make_project: MakeProject) -> None:
    result = run_project(make_project({"src/queries.ts": LEAKY}))
    assert [str(d) for d in result.diagnostics] == [
        "src/queries.ts:5: error[secret-withheld]: the example of 'backend/query-function-structure' looks like it holds a password or"
        " key literal, so it is not published; move the credential out of the code, or add `allow-secret` to the"
        " marker if it is not one"
    ]
    page = next(p.text for p in result.pages if p.path == "backend-patterns.md")
    assert "hunter22" not in page
    assert '<p class="admonition-title">Example withheld</p>' in page
    assert "looks like it holds a password or key literal (line 5)" in page


def test_allow_secret_on_the_marker_publishes_it(make_project: MakeProject) -> None:
    source = LEAKY.replace("query-function-structure", "query-function-structure allow-secret")
    result = run_project(make_project({"src/queries.ts": source}))
    assert result.diagnostics == ()
    page = next(p.text for p in result.pages if p.path == "backend-patterns.md")
    assert 'const password = "hunter22";' in plain(page)


def test_a_private_key_in_a_yaml_region_is_withheld(make_project: MakeProject) -> None:
    source = f"# @pattern-start backend/mutation-function-structure\nkey: |\n  {FAKE_KEY}\n  {KEY_BODY}\n# @pattern-end backend/mutation-function-structure\n"
    result = run_project(make_project({"src/deploy.yml": source}))
    assert [d.location.line for d in result.diagnostics] == [3, 4]
    page = next(p.text for p in result.pages if p.path == "backend-patterns.md")
    assert "MIIEow" not in page


def test_a_credential_in_the_marker_title_withholds_the_example(make_project: MakeProject) -> None:
    source = LEAKY.replace("query-function-structure", f'query-function-structure title="{AWS_KEY}"')
    source = source.replace('"hunter22"', "process.env.PASSWORD")
    result = run_project(make_project({"src/queries.ts": source}))
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("secret-withheld", 2)]
    assert all(AWS_KEY not in page.text for page in result.pages)


KEY_RULE = """\
language: typescript
severity: error
message: A credential written into the code
rule:
  kind: string
  regex: "AKIA|sk_live_"
"""
KEYS = f'export const aws = "{AWS_KEY}";\nexport const stripe = "{STRIPE_KEY}";\n'
"""Two violations of KEY_RULE, each holding a credential."""


def key_rule_project(make_project: MakeProject) -> Path:
    return make_project({"patterns/backend-patterns.md": ANTI, RULE_PATH: KEY_RULE, "src/keys.ts": KEYS})


def test_a_violation_holding_a_credential_is_reported_without_its_code(make_project: MakeProject) -> None:
    result = run_project(key_rule_project(make_project))
    assert [(v.line, v.withheld, v.code[:7]) for v in result.violations] == [
        (1, "an AWS access key id", "sha256:"),
        (2, "a Stripe key", "sha256:"),
    ]
    assert sorted((d.location.line, d.code) for d in result.diagnostics) == [
        (1, "violation"),
        (1, "violation-withheld"),
        (2, "violation"),
        (2, "violation-withheld"),
    ]
    page = next(p.text for p in result.pages if p.path == "backend-patterns.md")
    assert "`src/keys.ts:1`: _code withheld: it looks like it holds an AWS access key id_" in page
    assert AWS_KEY not in page and STRIPE_KEY not in page


@pytest.mark.parametrize("output", ["text", "github", "sarif"])
def test_no_report_format_prints_a_withheld_violation_code(make_project: MakeProject, output: str) -> None:
    code, out, err = cli("-f", str(key_rule_project(make_project) / "mkdocs.yml"), "check", "--format", output)
    assert code == 1
    assert "keys.ts" in out + err
    assert AWS_KEY not in out + err and STRIPE_KEY not in out + err


def test_a_baseline_stores_the_digest_of_a_withheld_violation(make_project: MakeProject, tmp_path: Path) -> None:
    config = str(key_rule_project(make_project) / "mkdocs.yml")
    baseline = tmp_path / "baseline.json"
    assert cli("-f", config, "baseline", "write", str(baseline))[0] == 0
    text = baseline.read_text(encoding="utf-8")
    assert AWS_KEY not in text and STRIPE_KEY not in text
    assert [e["code"][:7] for e in json.loads(text)["violations"]] == ["sha256:", "sha256:"]
    assert cli("-f", config, "check", "--baseline", str(baseline))[0] == 0


def test_the_built_site_and_its_search_index_hold_no_credential(make_project: MakeProject, tmp_path: Path) -> None:
    config = "site_name: Keys\nplugins:\n  - search\n  - patterns:\n      sources: [src]\n"
    config += "      severity: {violation: warning, secret-withheld: warning}\n"
    files = {"mkdocs.yml": config, "patterns/backend-patterns.md": ANTI, RULE_PATH: KEY_RULE, "src/keys.ts": KEYS}
    root = make_project({**files, "src/queries.ts": LEAKY.replace('"hunter22"', f'"{STRIPE_KEY}"')})
    (root / "docs/index.md").write_text("# Keys\n", encoding="utf-8")
    done = mkdocs_build(root, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    search = tmp_path / "site/search/search_index.json"
    assert "Database Access from Actions" in search.read_text(encoding="utf-8")
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert AWS_KEY not in text and STRIPE_KEY not in text, path


@pytest.mark.parametrize("shape", [s for s in SHAPES if "(?<=" in s.pattern.pattern], ids=lambda s: s.what)
def test_a_shape_that_looks_behind_starts_with_one_of_its_needles(shape: Shape) -> None:
    """Hypothesis cannot draw text for a pattern that looks behind its start, so its needle must be plain to see."""
    start = re.sub(r"\\(.)", r"\1", shape.pattern.pattern.split("(?<=")[0]).lower()
    assert not shape.needles or any(needle in start for needle in shape.needles)


@pytest.mark.parametrize(
    "shape", [s for s in SHAPES if s.needles and "(?<=" not in s.pattern.pattern], ids=lambda s: s.pattern.pattern[:40]
)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_needles_never_hide_a_match(shape: Shape, data: st.DataObject) -> None:
    text = data.draw(st.from_regex(shape.pattern))
    if shape.pattern.search(text):
        assert shape in tried(text.lower())


def adversarial(needles: list[str]) -> list[str]:
    """100 KB strings that make backtracking patterns slow: runs of one character, repeated prefixes."""
    size = 100_000
    runs = [c * size for c in " a0A=-_.\"'`:/\\\n+"]
    repeats = [
        "password=",
        "password: ",
        '"password": "',
        "://a:",
        "eyJa.",
        "MIIaaQ",
        "-----BEGIN ",
        "A" * 63 + "\n",
        '"' + "Ab1" * 10,
        "curl -u ",
        "login a ",
        *needles,
    ]
    return runs + [(text * (size // len(text) + 1))[:size] for text in repeats]


def _slowest(run: object, texts: list[str]) -> float:
    worst = 0.0
    for text in texts:
        best = min(_timed(run, text) for _ in range(3))
        worst = max(worst, best)
    return worst


def _timed(run: object, text: str) -> float:
    """CPU time of one call: other processes on a busy machine, and the garbage collector, do not count."""
    gc.disable()
    try:
        started = time.process_time()
        run(text)  # type: ignore[operator]
        return time.process_time() - started
    finally:
        gc.enable()


def _each(matches: Iterator[re.Match[str]]) -> None:
    for _ in matches:
        pass


@pytest.mark.parametrize("pattern", detector.regexes(), ids=lambda p: p.pattern[:40])
def test_each_search_pattern_is_linear_on_adversarial_input(pattern: re.Pattern[str]) -> None:
    needles = [n for s in SHAPES if s.pattern is pattern for n in s.needles] or ["pass", "token", "key"]
    assert _slowest(lambda text: _each(pattern.finditer(text)), adversarial(needles)) < 0.05


@pytest.mark.parametrize("pattern", detector.anchored(), ids=lambda p: p.pattern[:40])
def test_each_anchored_pattern_is_linear_on_adversarial_input(pattern: re.Pattern[str]) -> None:
    assert _slowest(lambda text: pattern.match(text, 1), adversarial([])) < 0.05


def test_the_whole_detector_is_linear_on_adversarial_input() -> None:
    """Each pattern is linear (above); so is the work around them: one finding a line, values skipped whole."""
    texts = adversarial(sorted({n for s in SHAPES for n in s.needles}))
    slowest = _slowest(detector._find.__wrapped__, texts)  # type: ignore[attr-defined]
    assert slowest < 0.2  # ~0.03 s here; quadratic work on 100 KB takes seconds
