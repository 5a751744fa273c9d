from assistant.text import degender, fold, normalize, simple_key


def test_fold_umlauts_and_sharp_s():
    assert fold("Größe Übermaß Ärger") == "groesse uebermass aerger"
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert fold("Café") == "cafe"


def test_gender_forms_reduce_to_the_base_word():
    for spelling in ("Bürger*innen", "Bürger:innen", "BürgerInnen", "Bürger_innen", "Bürger/-innen", "Bürger(innen)"):
        assert normalize(spelling) == "buerger", spelling
    assert degender("Planer:in und Leiter*in") == "Planer und Leiter"


def test_gender_rules_leave_ordinary_words_alone():
    assert degender("Innenstadt Ministerin Medizin In Haspe") == "Innenstadt Ministerin Medizin In Haspe"


def test_simple_key_ignores_punctuation_and_spelling():
    assert simple_key("Eilpe / Dahl") == simple_key("Eilpe-Dahl") == simple_key("eilpe dahl") == "eilpe dahl"
    assert simple_key("Altenhagen/Eckesey-Süd") == "altenhagen eckesey sued"
