"""Ingestion: loaders turn files into blocks, chunking turns blocks into chunks, the pipeline stores them."""
