"""`patterns link`'s lookup measured on a labelled set (`find_labels`): the first answer is the pattern meant, and
a query the catalogue has nothing for gets no answer."""

from __future__ import annotations

from find_labels import OWN, QUERIES, TEAM

from extractor.find import Titled, Titles, find

TITLES = Titles(
    tuple(Titled(id, title, id.partition("/")[2], id.partition("/")[0], "") for id, title in {**OWN, **TEAM}.items()),
    {},
)


def test_the_first_answer_is_the_pattern_meant(capsys) -> None:  # type: ignore[no-untyped-def]
    answers = {query: [m.pattern.id for m in find(TITLES, query)][:1] for query in QUERIES}
    given = {query: first[0] for query, first in answers.items() if first}
    right = [query for query, answer in given.items() if answer in QUERIES[query]]
    wrong = {
        query: given.get(query) for query, meant in QUERIES.items() if query not in right and (meant or query in given)
    }
    precision = len(right) / len(given)
    recall = len(right) / sum(1 for meant in QUERIES.values() if meant)
    with capsys.disabled():
        print(
            f"\nlink lookup, {len(QUERIES)} labelled queries: precision {precision:.3f}, recall {recall:.3f}; wrong: {wrong}"
        )
    assert precision >= 0.95 and recall >= 0.95, wrong


def test_a_word_remembered_right_beats_a_title_that_looks_alike() -> None:
    [first, *_] = find(TITLES, "incident status")  # "Inconsistent Patterns" looks like it, letter for letter
    assert first.pattern.id == "backend/status-display-consistency-pattern"
