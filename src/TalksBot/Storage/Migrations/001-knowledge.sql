-- The knowledge base: the seed texts themselves (so an upload on one replica is seen by all), the
-- sources and chunks indexed from them, the record of reindex runs, and the generation every
-- commit counts up (a replica's snapshot is current while the generation is the same).
CREATE TABLE seed_files (
    name text PRIMARY KEY,
    content bytea NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sources (
    id text PRIMARY KEY,
    data jsonb NOT NULL
);
CREATE TABLE chunks (
    source text NOT NULL,
    idx int NOT NULL,
    text text NOT NULL,
    language text NOT NULL,
    sentences int[] NOT NULL,
    terms text NOT NULL,
    vector bytea,
    PRIMARY KEY (source, idx)
);
CREATE TABLE index_runs (
    id serial PRIMARY KEY,
    data jsonb NOT NULL
);
CREATE TABLE index_meta (
    key text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO index_meta VALUES ('generation', '0');
