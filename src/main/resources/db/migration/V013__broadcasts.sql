-- Checkpoint broadcasts (seed 001 Communication Plan, seed 002 §10): what the IC or the
-- Scribe posted to the war room's channels, when and by whom. A broadcast, once sent, is
-- history: append-only.
create table broadcast (
    id              bigint generated always as identity,
    cutover_id      bigint         not null,
    message_key     varchar(60),
    text            varchar(2000)  not null,
    posted_by       bigint         not null,
    posted_by_label varchar(200)   not null,
    posted_at       timestamptz    not null,
    constraint broadcast_pk primary key (id),
    constraint broadcast_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint broadcast_posted_by_fk foreign key (posted_by) references account (id),
    constraint broadcast_text_ck check (text ~ '[^[:space:]]'),
    constraint broadcast_key_ck check (message_key is null or message_key ~ '^[A-Z][A-Z0-9_]*$')
);

create index broadcast_cutover_ix on broadcast (cutover_id, posted_at desc);

create function broadcast_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'broadcast is append-only: % is not allowed; a broadcast, once sent, is history', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger broadcast_no_update_or_delete before update or delete on broadcast
    for each row execute function broadcast_append_only();
create trigger broadcast_no_truncate before truncate on broadcast
    for each statement execute function broadcast_append_only();
