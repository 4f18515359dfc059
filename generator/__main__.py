"""`python -m generator` runs the same command line as `medborgarloften`."""

from generator.cli import run

run()
