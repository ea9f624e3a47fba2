-- Search (DESIGN §5; src/search/search_index.c): one index for every kind of object
-- (person now; assets and the rest later). Keep in step with
-- migrations/postgres/0016_search.sql.
--
-- search_doc holds each object's normalised text (NFKC, case folded; fields joined by a
-- space): the truth a match is checked against. search_token indexes the grams of that
-- text (every character and every pair of neighbouring characters) spelt as ASCII
-- tokens "<kind>_<hex code points>", so the kinds never share a token. It is contentless
-- with detail=none: it stores only which documents (search_doc.id) hold a token, the
-- smallest index that answers "which documents hold all of these grams". The rows of
-- objects that existed before this migration are filled by `mamori migrate` after it.
CREATE TABLE search_doc (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    object_id INTEGER NOT NULL,
    text      TEXT NOT NULL,
    UNIQUE (kind, object_id)
);
CREATE VIRTUAL TABLE search_token USING fts5(
    tokens, content = '', detail = none, columnsize = 0,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
