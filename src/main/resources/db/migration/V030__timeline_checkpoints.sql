-- Issue 16: anchoring the timeline outside the database. A checkpoint signs a cutover's chain
-- head and entry count with an Ed25519 key kept in a file the database never sees
-- (tminus.integrity.key-file). Checkpoints are written at every decision, every N entries and
-- periodically, appended to a file outside the database too (tminus.integrity.anchor-file),
-- and sent to the checkpoint webhooks and into every export. Cutting entries off the end, or
-- rewriting the chain with recomputed hashes, no longer matches a signed checkpoint.
create table integrity_installation (
    id          uuid        not null default gen_random_uuid(),
    created_at  timestamptz not null default now(),
    singleton   boolean     not null default true,
    constraint integrity_installation_pk primary key (id),
    constraint integrity_installation_singleton_uk unique (singleton),
    constraint integrity_installation_singleton_ck check (singleton)
);
insert into integrity_installation default values;

create table timeline_checkpoint (
    id           bigint generated always as identity,
    cutover_id   bigint      not null,
    number       integer     not null,
    entry_count  bigint      not null,
    head_hash    char(64)    not null,
    signed_at    timestamptz not null,
    reason       varchar(16) not null,
    key_id       char(16)    not null,
    signature    text        not null,
    constraint timeline_checkpoint_pk primary key (id),
    constraint timeline_checkpoint_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint timeline_checkpoint_number_uk unique (cutover_id, number),
    constraint timeline_checkpoint_number_ck check (number >= 1),
    constraint timeline_checkpoint_count_ck check (entry_count >= 1),
    constraint timeline_checkpoint_hash_ck check (head_hash ~ '^[0-9a-f]{64}$'),
    constraint timeline_checkpoint_reason_ck check (reason in ('DECISION', 'ENTRIES', 'PERIODIC')),
    constraint timeline_checkpoint_key_ck check (key_id ~ '^[0-9a-f]{16}$')
);

create function integrity_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger timeline_checkpoint_no_update_or_delete before update or delete on timeline_checkpoint
    for each row execute function integrity_append_only();
create trigger timeline_checkpoint_no_truncate before truncate on timeline_checkpoint
    for each statement execute function integrity_append_only();
create trigger integrity_installation_no_update_or_delete before update or delete on integrity_installation
    for each row execute function integrity_append_only();
create trigger integrity_installation_no_truncate before truncate on integrity_installation
    for each statement execute function integrity_append_only();

-- Checkpoints go out to webhooks too.
alter table webhook_endpoint drop constraint webhook_endpoint_events_ck;
alter table webhook_endpoint add constraint webhook_endpoint_events_ck check (cardinality(events) > 0
    and events <@ array['broadcast', 'decision', 'trigger', 'overdue_check', 'checkpoint']::varchar(20)[]);
alter table webhook_delivery drop constraint webhook_delivery_event_ck;
alter table webhook_delivery add constraint webhook_delivery_event_ck
    check (event in ('broadcast', 'decision', 'trigger', 'overdue_check', 'checkpoint', 'ping'));
