-- Per-minute limits counted once for every replica (questions per user, sign-ins per address), the outgoing-message slots, and admin sessions.
CREATE TABLE recent_events (
    key text NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX recent_events_key_at ON recent_events (key, at);
CREATE INDEX recent_events_at ON recent_events (at);
-- The next moment each outgoing-message limit allows a send, per limit and key (a chat, a group, or 0 for all).
CREATE TABLE send_slots (
    pacer text NOT NULL,
    key bigint NOT NULL,
    next_at timestamptz NOT NULL,
    PRIMARY KEY (pacer, key)
);
-- Admin sessions every replica honours; the id is kept as its SHA-256 only.
CREATE TABLE admin_sessions (
    id_hash text PRIMARY KEY,
    csrf text NOT NULL,
    expires timestamptz NOT NULL
);
