-- The offline model's sentence vectors, in batches of records (text hash, scale, 384 signed bytes),
-- written by whichever replica embedded them first and read by all.
CREATE TABLE sentence_vectors (
    id bigserial PRIMARY KEY,
    records bytea NOT NULL
);
