"""`python -m generator` runs the same command line as `medborgarloften`."""

import sys

from generator.cli import main

sys.exit(main())
