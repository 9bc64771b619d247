-- Telegram updates: those the webhook acknowledged wait here (kept) until handled; each is claimed
-- by the process answering it (owner) for a lease the owner renews while it lives; done once answered.
CREATE TABLE telegram_updates (
    id bigint PRIMARY KEY,
    chat bigint NOT NULL,
    json text NOT NULL,
    kept boolean NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    owner text,
    lease_until timestamptz,
    done boolean NOT NULL DEFAULT false,
    done_at timestamptz
);
CREATE INDEX telegram_updates_waiting ON telegram_updates (id) WHERE kept AND NOT done;
CREATE INDEX telegram_updates_open_chats ON telegram_updates (chat) WHERE NOT done;
CREATE INDEX telegram_updates_done_at ON telegram_updates (done_at) WHERE done;
CREATE TABLE telegram_state (
    key text PRIMARY KEY,
    value bigint NOT NULL
);
