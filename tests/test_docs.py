"""Pages of the site that are made from the code: the module table of docs/how-it-works.md."""

from __future__ import annotations

from modules_page import PAGE, page


def test_the_module_table_lists_every_module_as_it_is() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert text == page(text), "run `python tests/modules_page.py` to list the modules as they are"
