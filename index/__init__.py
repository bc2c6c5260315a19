"""The story engine: article parsing, Arabic analysis, BM25 retrieval, evaluation.

Pure and synchronous; it knows nothing of Telegram, asyncio or databases.
"""
