"""The Kennzahlen engine's question side: a German figure question → a structured query on the FactStore → a cited answer."""
