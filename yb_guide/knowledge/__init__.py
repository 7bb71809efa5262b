"""The knowledge base: one module per data file (its dataclasses are its schema), the flow model and
engine, the loader (``loader.get``) and the cross-checks between files."""
