"""Links to source lines in the repository's web view, at one commit, for each forge's URL form (pure)."""

from __future__ import annotations

import string
from dataclasses import dataclass
from urllib.parse import urlparse

from extractor.escape import url_path
from extractor.model import Diagnostic, error, warning

SOURCE_URLS = {
    "github": "{repo_url}/blob/{commit}/{path}#L{start}-L{end}",
    "gitlab": "{repo_url}/-/blob/{commit}/{path}#L{start}-{end}",
    "bitbucket": "{repo_url}/src/{commit}/{path}#lines-{start}:{end}",
    "codeberg": "{repo_url}/src/commit/{commit}/{path}#L{start}-L{end}",
    "gitea": "{repo_url}/src/commit/{commit}/{path}#L{start}-L{end}",
}


@dataclass(frozen=True)
class SourceLink:
    """Builds links to source lines at one commit."""

    template: str
    """The URL template."""
    repo_url: str
    """Value for `{repo_url}`, without a trailing slash."""
    commit: str
    """Value for `{commit}`."""
    prefix: str
    """Path of the project root inside the repository ('' at its top), to prepend to paths."""

    def url(self, path: str, start: int, end: int) -> str:
        """The link to lines start..end of path."""
        full = url_path(f"{self.prefix}/{path}" if self.prefix else path)
        return self.template.format(repo_url=self.repo_url, commit=self.commit, path=full, start=start, end=end)

    def file_url(self, path: str) -> str:
        """The link to a whole file: the template without its line fragment, when it has one."""
        base, _, fragment = self.template.partition("#")
        if not fragment or "{start}" in base or "{end}" in base:
            return self.url(path, 1, 1)
        return SourceLink(base, self.repo_url, self.commit, self.prefix).url(path, 1, 1)


FIELDS = frozenset({"repo_url", "commit", "path", "start", "end"})
SCHEMES = frozenset({"http", "https"})


def template_problem(template: str, repo_url: str) -> str | None:
    """What is wrong with a `source_url` template, or None.

    Only the plain fields are allowed: no attribute or index access, conversion or format spec
    (`{repo_url.x}`, `{start:>99999999}`), and what it builds must be an http(s) address.
    """
    fields = "use only the fields {repo_url}, {commit}, {path}, {start}, {end}"
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        return f"is not a valid template ({exc}); {fields}"
    for _, name, spec, conversion in parsed:
        if name is not None and (name not in FIELDS or spec or conversion):
            return f"has the field {{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}; {fields}"
    sample = template.format(repo_url=repo_url, commit="0" * 40, path="a.py", start=1, end=2)
    if urlparse(sample).scheme not in SCHEMES:
        return f"builds {sample!r}, which is not an http(s) address; start it with https:// or {{repo_url}}"
    return None


def source_link(
    template: str | None, repo_url: str | None, commit: str, prefix: str
) -> tuple[SourceLink | None, list[Diagnostic]]:
    """A link builder from the configured template, or from the form of `repo_url`'s host."""
    base = (repo_url or "").rstrip("/")
    if template:
        problem = template_problem(template, base)
        if problem:
            return None, [error("config-invalid", "mkdocs.yml", 0, f"source_url {template!r} {problem}")]
        return SourceLink(template, base, commit, prefix), []
    if not base:
        return None, []
    if urlparse(base).scheme not in SCHEMES:
        message = f"repo_url {base!r} is not an http(s) address, so no source is linked; start it with https://"
        return None, [error("config-invalid", "mkdocs.yml", 0, message)]
    host = urlparse(base).hostname or ""
    form = next((SOURCE_URLS[name] for name in SOURCE_URLS if name in host), None)
    if form is None:
        return None, [
            warning(
                "source-url-unknown-forge",
                "mkdocs.yml",
                0,
                f"cannot tell the source link form of {host!r}; set `source_url` in the patterns plugin block, e.g. {SOURCE_URLS['github']!r}",
            )
        ]
    return SourceLink(form, base, commit, prefix), []
