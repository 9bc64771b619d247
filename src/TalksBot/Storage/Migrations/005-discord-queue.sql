-- The /ask interactions Discord was told to wait for, until answered by whichever replica takes them.
CREATE TABLE discord_queue (
    id text PRIMARY KEY,
    ask jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    owner text,
    lease_until timestamptz,
    done boolean NOT NULL DEFAULT false
);
CREATE INDEX discord_queue_waiting ON discord_queue (received_at) WHERE NOT done;
