"""Retrieval: the evidence store over Chroma, embeddings, and hybrid search.

Import what you need from the modules (``journeybot.retrieval.store``,
``journeybot.retrieval.embeddings``); this package imports nothing itself, so code that
only embeds does not pay for importing Chroma.
"""
