"""German text analysis for search: folding, gender forms, stemming, stopwords, compounds, sentences."""

from assistant.text.analyzer import GermanAnalyzer, Token, is_abbreviation, known_terms, term_variants, word_counts
from assistant.text.compounds import CompoundSplitter
from assistant.text.normalize import degender, fold, normalize, simple_key
from assistant.text.sentences import Sentence, split_sentences
from assistant.text.stemming import stem
from assistant.text.stopwords import GERMAN_STOPWORDS

__all__ = [
    "GERMAN_STOPWORDS",
    "CompoundSplitter",
    "GermanAnalyzer",
    "Sentence",
    "Token",
    "degender",
    "fold",
    "is_abbreviation",
    "known_terms",
    "normalize",
    "simple_key",
    "split_sentences",
    "stem",
    "term_variants",
    "word_counts",
]
