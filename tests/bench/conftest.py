import sys
from pathlib import Path

# The bench's modules are scripts beside each other in bench/, imported by their bare names.
BENCH = str(Path(__file__).resolve().parents[2] / "bench")
if BENCH not in sys.path:
    sys.path.insert(0, BENCH)
