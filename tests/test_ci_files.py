"""The CI workflow and pre-commit hooks this repository ships call commands that exist, with valid flags."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml
from projects import REPO

from extractor.cli import parser

GITHUB_EXPRESSION = re.compile(r"\$\{\{[^}]*\}\}")


def patterns_calls() -> list[pytest.ParameterSet]:
    """Every `patterns ...` command line of the workflow and the hook files."""
    workflow = yaml.safe_load((REPO / ".github/workflows/docs.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [h["entry"] for h in hooks] + [h["entry"] for repo in local["repos"] for h in repo["hooks"]]
    calls = []
    lines = (line for text in runs + entries for line in text.splitlines())
    for command in (part for line in lines for part in re.split(r";|&&|\|\||>>", line)):
        words = shlex.split(GITHUB_EXPRESSION.sub("main", command))
        for n, word in enumerate(words):
            if word.endswith("patterns") and not word.endswith("/patterns/"):
                calls.append(pytest.param(words[n + 1 :], id=" ".join(words[n + 1 : n + 3])))
    return calls


def test_the_workflow_and_hooks_run_patterns() -> None:
    assert len(patterns_calls()) >= 6


@pytest.mark.parametrize("argv", patterns_calls())
def test_each_patterns_call_parses(argv: list[str]) -> None:
    args = parser().parse_args(argv)
    assert args.command in {"check", "build", "list", "link", "review", "fill"}
