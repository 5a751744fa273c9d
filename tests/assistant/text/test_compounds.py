from assistant.text import CompoundSplitter


def test_splits_with_linking_s():
    splitter = CompoundSplitter({"armut": 5, "bekaempfung": 2})
    assert splitter.split("armutsbekaempfung") == ["armut", "bekaempfung"]


def test_three_parts_keep_the_inner_compound():
    splitter = CompoundSplitter({"senioren": 3, "begegnungsstaette": 2, "begegnung": 3, "staette": 2})
    parts = splitter.split("seniorenbegegnungsstaette")
    assert "begegnungsstaette" in parts and "begegnung" in parts and "staette" in parts
    assert parts[0].startswith("senior")


def test_unknown_words_are_not_split():
    splitter = CompoundSplitter({"armut": 5, "kinder": 5})
    assert splitter.split("verantwortung") == []
    assert splitter.split("kind") == []


def test_head_may_be_unknown_when_the_modifier_is_frequent():
    splitter = CompoundSplitter({"armut": 5}, min_count=2)
    assert splitter.split("armutsbekaempfung") == ["armut", "bekaempfung"]
    rare = CompoundSplitter({"armut": 1}, min_count=2)
    assert rare.split("armutsbekaempfung") == []


def test_vocabulary_is_exposed_for_persistence():
    assert CompoundSplitter({"armut": 5, "und": 9}).vocabulary == {"armut": 5}
