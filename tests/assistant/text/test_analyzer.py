from assistant.text import CompoundSplitter, GermanAnalyzer, is_abbreviation, known_terms, stem, word_counts


def test_query_and_document_spellings_meet():
    analyzer = GermanAnalyzer()
    assert analyzer.terms("Bürger*innen") == analyzer.terms("Buerger") == analyzer.terms("BürgerInnen")
    assert analyzer.terms("Straße") == analyzer.terms("Strasse")
    assert analyzer.terms("Begegnungsstätten") == analyzer.terms("Begegnungsstaette")


def test_stopwords_go_and_abbreviations_stay_unstemmed():
    terms = GermanAnalyzer().terms("Welche Angebote gibt es für die AWO und das SGB II bei der HzE?")
    assert "awo" in terms and "sgb" in terms and "ii" in terms and "hze" in terms
    assert not {"welch", "welche", "gibt", "fur", "fuer", "die", "und"} & set(terms)


def test_numbers_stay_whole():
    assert "19,6" in GermanAnalyzer().terms("Die Quote lag bei 19,6 % im Jahr 2024.")
    assert "2024" in GermanAnalyzer().terms("Die Quote lag bei 19,6 % im Jahr 2024.")


def test_german_stemming_not_english():
    analyzer = GermanAnalyzer()
    assert analyzer.terms("Partnern") == analyzer.terms("Partner")
    assert analyzer.terms("Angebote") == analyzer.terms("Angebot")
    assert stem("haeuser") == stem("häuser")


def test_compounds_yield_their_parts_when_the_corpus_knows_them():
    corpus = ["Armut in Haspe", "Armut und Bekämpfung der Ursachen", "Kinder und Armut", "Armut ist hoch"]
    analyzer = GermanAnalyzer(CompoundSplitter(word_counts(corpus)))
    terms = analyzer.terms("Armutsbekämpfung")
    assert stem("armut") in terms and stem("bekaempfung") in terms and stem("armutsbekaempfung") in terms
    assert stem("armut") in analyzer.terms("Kinderarmut")


def test_abbreviation_detection():
    assert is_abbreviation("AWO") and is_abbreviation("HzE") and is_abbreviation("II")
    assert not is_abbreviation("Armut") and not is_abbreviation("A")


def test_unknown_query_verb_forms_map_onto_known_terms():
    assert known_terms(["sitzt", "armut"], {"sitz", "armut"}) == ["sitz", "armut"]
    assert known_terms(["unbekannt"], {"x"}) == ["unbekannt"]
