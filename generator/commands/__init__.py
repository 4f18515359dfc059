"""Commands with more to them than a call into the build: the live preview and a new year."""
