-- Personal access tokens for scripts and pipelines (issue: automation API). Only the
-- SHA-256 of a token is stored: the token itself is shown once, when it is created.
create table api_token (
    id            bigint generated always as identity,
    account_id    bigint        not null,
    name          varchar(100)  not null,
    token_hash    char(64)      not null,
    token_prefix  varchar(16)   not null,
    scopes        varchar(200)  not null,
    created_at    timestamptz   not null,
    expires_at    timestamptz   not null,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    constraint api_token_pk primary key (id),
    constraint api_token_account_fk foreign key (account_id) references account (id),
    constraint api_token_hash_uk unique (token_hash),
    constraint api_token_hash_ck check (token_hash ~ '^[0-9a-f]{64}$'),
    constraint api_token_name_ck check (name ~ '[^[:space:]]'),
    constraint api_token_scopes_ck check (scopes ~ '^[a-z]+:[a-z]+( [a-z]+:[a-z]+)*$'),
    constraint api_token_expiry_ck check (expires_at > created_at)
);

create index api_token_account_ix on api_token (account_id);

-- What a request with an Idempotency-Key answered, so that its retry gets the same
-- answer and records nothing twice. Keys are per account.
create table api_idempotency (
    account_id    bigint        not null,
    idem_key      varchar(200)  not null,
    request_hash  char(64)      not null,
    status        integer       not null,
    content_type  varchar(100)  not null,
    body          text          not null,
    created_at    timestamptz   not null,
    constraint api_idempotency_pk primary key (account_id, idem_key),
    constraint api_idempotency_account_fk foreign key (account_id) references account (id)
);

create index api_idempotency_created_ix on api_idempotency (created_at);
