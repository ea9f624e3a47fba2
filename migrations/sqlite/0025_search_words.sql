-- The search index's tokens (0016) through mamori's own tokenizer, mamori_words
-- (src/db/db_sqlite_words.c: the words as they are, cut at spaces), instead of
-- unicode61, which classified and folded every character of tokens mamori spells in
-- lowercase ASCII anyway: the same tokens, indexed in two thirds of the time
-- (bench/README.md, bench/import). FTS5 cannot change a table's tokenizer, so the table
-- is made again, empty; the row of search_token_refill has `mamori migrate` write every
-- document's tokens again from search_doc after this (src/search/search_reindex.c),
-- and the row goes. Keep in step with migrations/postgres/0025_search_words.sql.
DROP TABLE search_token;
CREATE VIRTUAL TABLE search_token USING fts5(
    tokens, content = '', detail = none, columnsize = 0, tokenize = 'mamori_words'
);
CREATE TABLE search_token_refill (id INTEGER PRIMARY KEY CHECK (id = 1));
INSERT INTO search_token_refill (id) VALUES (1);
