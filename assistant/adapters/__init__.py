"""Adapters: each module wraps exactly one outside system behind a core interface.

Nothing is re-exported here on purpose: importing one adapter must not import the others' heavy libraries
(chromadb, torch). Import the module you need, e.g. `from assistant.adapters.chroma_store import ChromaVectorStore`.
"""
