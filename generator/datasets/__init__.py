"""The downloadable data: written from exactly the rows that were validated."""
