"""The search index behind one small interface (issue 5). Not built yet."""
