"""The core: types, errors, interfaces and settings. Imports nothing else of planwissen."""
