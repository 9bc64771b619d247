-- The questions log's answers named by a random key (their buttons carry it), their citations, the
-- votes on them (one a person, hashed like user_hash) and an operator's label, as JSON.
ALTER TABLE questions
    ADD COLUMN answer_key text,
    ADD COLUMN language text NOT NULL DEFAULT '',
    ADD COLUMN citations jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN votes jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN label jsonb;
CREATE UNIQUE INDEX questions_answer_key ON questions (answer_key);
CREATE INDEX questions_user_hash ON questions (user_hash);
CREATE INDEX questions_at ON questions (at);
