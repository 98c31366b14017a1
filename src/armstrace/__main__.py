"""`python -m armstrace` runs the command line, as the `armstrace` script does."""

import sys

from armstrace.cli import main

sys.exit(main())
