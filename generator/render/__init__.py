"""Rendering the validated content into pages: Markdown, templates, translations, page plan."""
