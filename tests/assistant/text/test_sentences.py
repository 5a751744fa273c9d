from assistant.text import split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_abbreviations_and_ordinals_do_not_end_sentences():
    assert texts("Das gilt z. B. für Haspe. Am 1. Januar 2024 begann es. Siehe S. 4 dazu.") == [
        "Das gilt z. B. für Haspe.",
        "Am 1. Januar 2024 begann es.",
        "Siehe S. 4 dazu.",
    ]


def test_list_items_are_their_own_sentences_and_offsets_point_into_the_text():
    text = "Im Team sitzen:\n- Fachkräfte\n- Träger"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Im Team sitzen:", "- Fachkräfte", "- Träger"]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
