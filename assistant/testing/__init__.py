"""Small, honest in-memory stand-ins for the outside systems, for tests and for trying services without models."""

from assistant.testing.fake_facts import InMemoryFactStore
from assistant.testing.fakes import FakeEmbedder, InMemoryVectorStore

__all__ = ["FakeEmbedder", "InMemoryFactStore", "InMemoryVectorStore"]
