"""`python -m armstrace` runs the command line, as the `armstrace` script does."""

from armstrace.cli import main

main()
