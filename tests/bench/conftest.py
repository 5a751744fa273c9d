"""`bench/` is a top-level folder of the checkout (not an installed package): make it importable for these tests."""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
