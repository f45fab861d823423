"""``python -m wbamatch._cli`` runs the command line, as ``python -m wbamatch`` does."""

import sys

from . import main

sys.exit(main())
