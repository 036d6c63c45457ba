import os
import sys

from knowledge.cli import main

try:
    code = main()
except BrokenPipeError:
    # `python -m knowledge export --json | head` closed the pipe: the reader has enough.
    # Point stdout at nothing so that the flush at exit does not fail a second time.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 0
raise SystemExit(code)
