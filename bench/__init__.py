"""Benchmarks of speed, scale and memory (`planwissen bench`), each figure next to the LlamaIndex baseline's."""
