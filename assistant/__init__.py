"""planwissen: a local, German-language knowledge assistant for integrated social planning."""

__version__ = "0.1.0"
