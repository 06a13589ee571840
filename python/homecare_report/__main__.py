"""Entry point for ``python3 -m homecare_report``."""
import sys

from .cli import main

sys.exit(main())
