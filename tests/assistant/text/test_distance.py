"""Edit distance for typo matching: transpositions count one edit, and the search stops above the limit."""

from assistant.text.distance import edit_distance


def test_typos_are_counted_as_edits():
    assert edit_distance("hohenlimburg", "hohenlimbrug", 2) == 1  # transposition
    assert edit_distance("haspe", "hasspe", 2) == 1
    assert edit_distance("eilpe", "eilpe", 2) == 0


def test_beyond_the_limit_the_answer_is_limit_plus_one():
    assert edit_distance("haspe", "hohenlimburg", 2) == 3
    assert edit_distance("abcdef", "ghijkl", 1) == 2
