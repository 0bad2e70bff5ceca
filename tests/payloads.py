"""A generated corpus of script payloads, and a project that carries them into every place a value from
outside the tool's own text reaches the site.

Each payload is an action (an element or attribute that runs `alert('PWN')` if it ever becomes live)
wrapped in a breaker (what might end the context it is written into: a backtick, a blank line, `](`,
`{:`, `<!--`, `|`, a quote, a bidirectional override...). `payload_project` writes a project where
the payloads are the names of marked files (which also break a rule), pattern titles, marker
`title=` attributes, alias ids, rule messages and rule file names, and the `site_name`, `repo_url`
and `site_url` of mkdocs.yml. `injected` finds, in HTML, what a payload would have made live.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from projects import write_project

from extractor.escape import spaced, visible

MARK = "PWN"
"""What every payload's script says, so that a run or an injected element is recognised as a payload's."""

ACTIONS = (
    "<img src=x onerror=alert('PWN')>",
    "<svg onload=alert('PWN')>",
    "<script>alert('PWN')</script>",
    "<iframe srcdoc='<script>alert(`PWN`)</script>'></iframe>",
    "{: onclick=alert('PWN') }",
    "[x](javascript:alert('PWN'))",
    "<a href=javascript:alert('PWN')>x</a>",
    "<details open ontoggle=alert('PWN')>",
)
"""What a payload tries to make live."""

BREAKERS = (
    "",
    "`",
    "``",
    "\n\n",
    "](",
    "{:",
    "<!--",
    "-->",
    "|",
    '"',
    "'",
    '">',
    "&",
    "\u202e",
    "\u200b",
    "javascript:",
    "</code>",
    "\\",
    "*",
    "\n    ",
    "```\n",
    "</label>",
)
"""What a payload tries to end the context with: written before and after the action."""

HANDWRITTEN = (
    "a`<img src=x onerror=alert('PWN')>`",
    "\n\n<svg onload=alert('PWN')>\n\n",
    "](javascript:alert('PWN'))",
    "&lt;img src=x onerror=alert('PWN')&gt;",
    "<!-- x --><img src=x onerror=alert('PWN')>",
    "x | <img src=x onerror=alert('PWN')> | y",
    "\u202egpj.<svg onload=alert('PWN')>",
)
"""Payloads from reports of attacks on tools like this one."""


def payloads(count: int | None = None, offset: int = 0) -> list[str]:
    """Every breaker around two actions (rotating, so each action meets many breakers), then the hand-written
    ones; `count` of them starting at `offset`, cycling, for a place that holds fewer."""
    found = [
        f"{breaker}{ACTIONS[(n + shift) % len(ACTIONS)]}{breaker}"
        for n, breaker in enumerate(BREAKERS)
        for shift in (0, 3)
    ]
    found += HANDWRITTEN
    if count is None:
        return found
    return [found[(offset + n) % len(found)] for n in range(count)]


def file_name(payload: str, n: int, suffix: str) -> str:
    """A file name that holds the payload: `/` is not allowed in one, so it is written as U+2215."""
    return f"{n:02d}{payload.replace('/', chr(0x2215))}{suffix}"


def marker_title(payload: str) -> str:
    """The payload as a `title="..."` value of a marker line (one line: a line break as a space)."""
    one_line = re.sub(r"[\r\n]+", " ", payload)
    return '"' + one_line.replace("\\", "\\\\").replace('"', '\\"') + '"'


def heading(payload: str) -> str:
    """A heading whose title is the payload, written safely by the team: as one code span."""
    one_line = re.sub(r"[\r\n]+", " ", payload).strip()
    ticks = "`" * (max((len(r) for r in re.findall(r"`+", one_line)), default=0) + 1)
    pad = " " if one_line.startswith("`") or one_line.endswith("`") else ""
    return f"{ticks}{pad}{one_line}{pad}{ticks}"


def shown(text: str) -> str:
    """What a reader sees of a value shown as text: white space collapsed, invisible characters as `<U+XXXX>`."""
    return " ".join(spaced(text).split())


def shown_code(text: str) -> str:
    """What a reader sees of a path or code: invisible characters (line breaks too) as `<U+XXXX>`."""
    return " ".join(visible(text).split())


TITLED = 24
"""Marked files that carry a payload as their marker's title too (the others have none, so their tab is the file name)."""
HEADINGS = 16
"""Patterns whose heading is a payload."""
RULE_FILES = 6
"""Anti-patterns checked by a rule of an ast-grep project whose file name is a payload."""


def catalogue_page(titles: list[str], aliases: list[str]) -> str:
    """The catalogue page: a pattern that every marked file illustrates, payload headings related to it,
    anti-patterns checked by rules, and aliases that are payloads."""
    front = "---\naliases:\n" + "".join(f"  {json.dumps(a)}: query-function-structure\n" for a in aliases) + "---\n"
    related = ", ".join(f"P{n} {heading(t)}" for n, t in enumerate(titles) if "`" not in t)
    lines = [
        front,
        "# Backend Patterns\n",
        "## Convex Function Patterns\n",
        "### Query Function Structure\n",
        "**Context**: Reactive data fetching from client",
        "**Example**: _(Will be populated from actual implementations)_\n",
    ]
    for n, title in enumerate(titles):
        lines += [
            f"### P{n} {heading(title)}\n",
            f"**Context**: payload {n}",
            "**Example**: _(Will be populated from actual implementations)_",
            "**Related Patterns**: Query Function Structure\n",
        ]
    lines += [
        "### Mutation Function Structure\n",
        "**Context**: Data modification",
        "**Example**: _(Not code: a practice)_",
        f"**Related Patterns**: {related}\n",
    ]
    lines += ["## Anti-Patterns\n", "### No Eval\n", "**Context**: never eval\n"]
    lines += [f"### No Call {n}\n\n**Context**: never call{n}\n" for n in range(RULE_FILES)]
    return "\n".join(lines)


def payload_project(root: Path) -> Path:
    """Write the project that carries the corpus (outside git: file names with line breaks cannot be committed)."""
    corpus = payloads()
    files: dict[str, str | bytes | None] = {"src/queries.ts": None}
    for n, payload in enumerate(corpus):
        title = f" title={marker_title(payload)}" if n < TITLED else ""
        code = f"// @pattern backend/query-function-structure{title}\nexport const a{n} = {n};\neval(a{n});\n"
        files[f"src/{file_name(payload, n, '.ts')}"] = code
    titles = [re.sub(r"\s+", " ", p).strip() for p in payloads(HEADINGS, offset=5)]
    files["patterns/backend-patterns.md"] = catalogue_page(titles, payloads(3, offset=11))
    files["patterns/rules/backend/no-eval.yml"] = rule_text("eval", payloads(1, offset=7)[0])
    files["sgconfig.yml"] = "ruleDirs: [lint]\n"
    for n, payload in enumerate(payloads(RULE_FILES, offset=17)):
        files[f"lint/{file_name(payload, n, '.yml')}"] = rule_text(f"call{n}", payload, f"backend/no-call-{n}")
        files[f"src/call{n}.ts"] = f"call{n}(1);\n"
    site = config_values()
    write_project(root, files, repo_url=json.dumps(site["repo_url"]), extra=site_extra())
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("site_name: Test project", f"site_name: {json.dumps(site['site_name'])}")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root


def rule_text(call: str, payload: str, pattern: str | None = None) -> str:
    """A rule that matches `call(...)`, with the payload as its message and inside a block scalar that
    holds a fence line (shown verbatim in the rule box)."""
    tie = f"metadata:\n  pattern: {pattern}\n" if pattern else ""
    block = "".join(f" {line}\n" for line in ["```", *payload.splitlines(), "```", "</details>", ACTIONS[0]])
    return (
        f"id: {pattern or 'backend/no-eval'}\nlanguage: typescript\nseverity: info\n{tie}"
        f"message: {json.dumps(payload)}\nnote: |\n{block}rule:\n  pattern: {call}($A)\n"
    )


def config_values() -> dict[str, str]:
    """Payloads as values of mkdocs.yml that reach the pages this tool writes (source links, rule links,
    `p/<id>/` pages). MkDocs writes `site_name` and these into the theme's templates without escaping,
    so a `"` or a `<` in `site_name` breaks every page whatever a plugin does: they hold neither."""
    return {
        "site_name": "Site `x` {: #y } | & ](z)",
        "repo_url": "https://github.com/acme/chat/<img src=x onerror=alert('PWN')>/`{: onclick=alert('PWN')}`",
        "site_url": "https://example.com/<svg onload=alert('PWN')>/'{: onclick=alert('PWN')}/",
    }


def site_extra() -> str:
    """The rest of mkdocs.yml: Material with the extensions sites use, the ast-grep project, `site_url`."""
    return (
        "      sgconfig: sgconfig.yml\n"
        f"site_url: {json.dumps(config_values()['site_url'])}\n"
        "theme: material\n"
        "markdown_extensions:\n"
        "  - attr_list\n  - admonition\n  - tables\n  - md_in_html\n  - pymdownx.details\n"
        "  - pymdownx.highlight\n  - pymdownx.superfences\n  - pymdownx.inlinehilite\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n"
    )


SITE_EXTENSIONS = [
    "attr_list",
    "admonition",
    "tables",
    "md_in_html",
    "toc",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.superfences",
    "pymdownx.inlinehilite",
    "pymdownx.tabbed",
    "pymdownx.tilde",
    "pymdownx.caret",
    "pymdownx.mark",
    "pymdownx.keys",
    "pymdownx.arithmatex",
    "pymdownx.critic",
]
"""The Markdown extensions pages are read with outside MkDocs: the site's, and the ones whose syntax could hide a
payload. Typographic ones (smarty, pymdownx.smartsymbols) are left out: they turn `(c)` into © and `1/2` into ½,
which is not a value read as written but is no markup either."""

LIVE_TAGS = frozenset({"img", "svg", "script", "iframe", "object", "embed", "details", "a", "video", "audio", "math"})
"""Elements a payload makes to run its script."""
URL_ATTRIBUTES = frozenset({"href", "src", "srcdoc", "action", "formaction"})


def live(tag: str, name: str, value: str) -> bool:
    """True when an attribute makes a payload live: an event handler, a script link, or a payload's element."""
    script_link = name in URL_ATTRIBUTES and value.strip().lower().startswith(("javascript:", "data:"))
    payload_element = tag in LIVE_TAGS and MARK in value and name not in ("href", "title")
    return name.startswith("on") or script_link or payload_element


class _Injected(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.found += [f"<{tag} {name}={value!r}>" for name, value in attrs if live(tag, name, value or "")]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.tags:
            del self.tags[len(self.tags) - 1 - self.tags[::-1].index(tag)]

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] == "script" and MARK in data:
            self.found.append(f"<script>{data[:60]}")


def injected(html_text: str) -> list[str]:
    """Every element a payload made live in `html_text`: an `on*` attribute, a `javascript:` or `data:`
    link, a payload's element (`img`, `svg`, `iframe`...) or a script holding its text."""
    parser = _Injected()
    parser.feed(html_text)
    parser.close()
    return parser.found
