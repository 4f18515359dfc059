"""Reading the editors' source files into located values and then into the model."""
