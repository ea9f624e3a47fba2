-- SQLite's search index changes its tokenizer (migrations/sqlite/0025_search_words.sql);
-- PostgreSQL keeps its tokens in search_doc.tokens, which stay as they are. The table
-- that asks for the tokens to be written again is made here too, and stays empty, so
-- both stores have the same tables.
CREATE TABLE search_token_refill (id INTEGER PRIMARY KEY CHECK (id = 1));
