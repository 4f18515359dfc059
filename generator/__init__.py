"""medborgarlöften: a static open-data site generator for Swedish citizen promises.

Import is kept light on purpose: heavy libraries (frictionless, rdflib) are imported
only by the stage that needs them, so `medborgarloften --help` starts as fast as Python.
"""

__version__ = "0.1.0"
