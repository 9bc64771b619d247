-- The followed feeds, each with its poll state and the items of its last document, as JSON.
CREATE TABLE feeds (
    url text PRIMARY KEY,
    record jsonb NOT NULL
);
