-- The scribe timeline (PRODUCT.md item 6): one append-only, hash-chained record per cutover.
-- Entry n stores the SHA-256 of its own canonical form (see dev.tminus.timeline.internal.CanonicalEntry)
-- and the hash of entry n-1 (64 zeros for entry 1), so an auditor can recompute the chain.
-- The database itself refuses to change or remove an entry and to insert one that does not
-- extend the chain; the hash chain makes whatever bypasses that (a superuser) visible.
create table timeline_entry (
    id           bigint generated always as identity,
    cutover_id   bigint       not null,
    seq          bigint       not null,
    recorded_at  timestamptz  not null,
    kind         varchar(16)  not null,
    actor_id     bigint,
    actor_label  varchar(200) not null,
    on_behalf_of varchar(100),
    result       varchar(8),
    subject_key  varchar(100),
    text         text         not null,
    details      jsonb        not null default '{}'::jsonb,
    prev_hash    char(64)     not null,
    hash         char(64)     not null,
    constraint timeline_entry_pk primary key (id),
    constraint timeline_entry_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint timeline_entry_actor_fk foreign key (actor_id) references account (id),
    -- its index also serves every "by cutover in seq order" read
    constraint timeline_entry_seq_uk unique (cutover_id, seq),
    constraint timeline_entry_seq_ck check (seq >= 1),
    constraint timeline_entry_kind_ck check (kind in ('STEP', 'GATE', 'EVIDENCE', 'ROLE', 'SIGN_OFF', 'NOTE',
        'TRIGGER', 'BROADCAST', 'DECISION', 'STATUS', 'RISK', 'HYPERCARE', 'SYSTEM')),
    constraint timeline_entry_result_ck check (result in ('PASS', 'FAIL', 'INFO')),
    constraint timeline_entry_text_ck check (text ~ '[^[:space:]]' and length(text) <= 4000),
    constraint timeline_entry_actor_label_ck check (actor_label ~ '[^[:space:]]'),
    -- "recorded by the Scribe for the Deployer" needs a person; the system records for nobody
    constraint timeline_entry_on_behalf_of_ck check (on_behalf_of is null
        or (actor_id is not null and on_behalf_of ~ '[^[:space:]]')),
    constraint timeline_entry_subject_key_ck check (subject_key is null or subject_key ~ '[^[:space:]]'),
    constraint timeline_entry_details_ck check (jsonb_typeof(details) = 'object'),
    constraint timeline_entry_hash_ck check (hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$'),
    constraint timeline_entry_genesis_ck check ((seq = 1) = (prev_hash = repeat('0', 64)))
);

-- Filtered boards ("gates only", newest first): seq last so one kind is read already in order.
create index timeline_entry_kind_ix on timeline_entry (cutover_id, kind, seq);
create index timeline_entry_actor_ix on timeline_entry (actor_id);

create function timeline_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'timeline_entry is append-only: % is not allowed; record a correction as a new entry', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger timeline_entry_no_update_or_delete before update or delete on timeline_entry
    for each row execute function timeline_entry_append_only();

create trigger timeline_entry_no_truncate before truncate on timeline_entry
    for each statement execute function timeline_entry_append_only();

-- An insert must extend its cutover's chain: entry n needs entry n-1, and must carry its hash.
-- Together with timeline_entry_seq_uk this keeps seq gapless and every link right even for a
-- writer that does not take the application's advisory lock.
create function timeline_entry_extends_chain() returns trigger language plpgsql as $$
declare
    previous_hash char(64);
begin
    if new.seq = 1 then
        return new; -- timeline_entry_genesis_ck checks its prev_hash
    end if;
    select hash into previous_hash from timeline_entry where cutover_id = new.cutover_id and seq = new.seq - 1;
    if previous_hash is null then
        raise exception 'timeline_entry % of cutover % does not follow an existing entry %', new.seq, new.cutover_id,
            new.seq - 1 using errcode = 'integrity_constraint_violation';
    end if;
    if previous_hash <> new.prev_hash then
        raise exception 'timeline_entry % of cutover % does not carry the hash of entry %', new.seq, new.cutover_id,
            new.seq - 1 using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end;
$$;

create trigger timeline_entry_chain before insert on timeline_entry
    for each row execute function timeline_entry_extends_chain();
