"""Examples that look like they hold a credential are withheld from the site and reported."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from projects import MakeProject, plain, run_project

from extractor.secrets import SHAPES, _candidates, looks_secret

FAKE_KEY = "-----BEGIN " + "RSA PRIVATE KEY-----"
"""Split so that this file itself does not look like a key to scanners."""


@pytest.mark.parametrize(
    ("line", "what"),
    [
        pytest.param(FAKE_KEY, "a private key block", id="private-key"),
        pytest.param('const id = "AKIA' + "IOSFODNN7EXAMPLE" + '";', "an AWS access key id", id="aws"),
        pytest.param("token: ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "a GitHub token", id="github"),
        pytest.param('stripe("sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc")', "a Stripe key", id="stripe"),
        pytest.param('const password = "hunter22";', "a password or key literal", id="password"),
        pytest.param('"apiKey": "q8Wz3"', "a password or key literal", id="api-key-json"),
        pytest.param(
            'secret = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbA9x"', "a password or key literal", id="secret"
        ),
        pytest.param(
            'const signing = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbA9x";', "a high-entropy token", id="entropy"
        ),
    ],
)
def test_credential_shapes_are_recognised(line: str, what: str) -> None:
    assert looks_secret(line) == what


@pytest.mark.parametrize(
    "line",
    [
        pytest.param('const password = "${PASSWORD}";', id="template"),
        pytest.param('password: "<your password>"', id="placeholder"),
        pytest.param("const password = process.env.PASSWORD;", id="from-env"),
        pytest.param('const channel = "general-announcements-for-the-whole-team";', id="long-words"),
        pytest.param('const id = "0123456789abcdef0123456789abcdef";', id="low-entropy-hex"),
        pytest.param("await ctx.db.insert('messages', { body });", id="code"),
    ],
)
def test_ordinary_code_is_not_a_secret(line: str) -> None:
    assert looks_secret(line) is None


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
    source = f"# @pattern-start backend/mutation-function-structure\nkey: |\n  {FAKE_KEY}\n  MIIEow\n# @pattern-end backend/mutation-function-structure\n"
    result = run_project(make_project({"src/deploy.yml": source}))
    assert [d.location.line for d in result.diagnostics] == [3]
    page = next(p.text for p in result.pages if p.path == "backend-patterns.md")
    assert "MIIEow" not in page


@pytest.mark.parametrize(("name", "shape"), SHAPES, ids=[name for name, _ in SHAPES])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_the_needles_never_hide_a_match(name: str, shape: re.Pattern[str], data: st.DataObject) -> None:
    text = data.draw(st.from_regex(shape))
    assert (name, shape) in _candidates(text)
