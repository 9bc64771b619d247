-- Conversations (keyed by a hash of the chat), the questions log (users as an HMAC under the key in
-- index_meta 'question_log_key'), and the Discord interactions already answered.
CREATE TABLE conversations (
    id text PRIMARY KEY,
    updated_at timestamptz NOT NULL,
    turns jsonb NOT NULL
);
CREATE INDEX conversations_updated_at ON conversations (updated_at);
CREATE TABLE questions (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    front_end text NOT NULL,
    user_hash text,
    question text NOT NULL,
    answer text NOT NULL,
    refused boolean NOT NULL,
    sources text[] NOT NULL,
    latency_ms double precision NOT NULL,
    engine text NOT NULL
);
CREATE TABLE seen_interactions (
    id text PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX seen_interactions_at ON seen_interactions (at);
