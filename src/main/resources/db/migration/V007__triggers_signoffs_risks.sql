-- Rollback triggers observed during a cutover (PRODUCT.md item 7). A report is never changed
-- or removed: the only later writes are its resolution by an IC decision and the one-time
-- record of a breached decision clock, each set once from null.
create table rollback_trigger (
    id                   bigint generated always as identity,
    cutover_id           bigint        not null,
    trigger_key          varchar(60),
    title                varchar(500)  not null,
    action               varchar(20)   not null,
    note                 varchar(2000) not null,
    reported_by          bigint        not null,
    reported_by_label    varchar(200)  not null,
    reported_at          timestamptz   not null,
    deadline             timestamptz,
    resolved_at          timestamptz,
    resolved_by_decision bigint,
    breach_recorded_at   timestamptz,
    constraint rollback_trigger_pk primary key (id),
    constraint rollback_trigger_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint rollback_trigger_reported_by_fk foreign key (reported_by) references account (id),
    constraint rollback_trigger_action_ck check (action in ('IMMEDIATE_ROLLBACK', 'MONITOR')),
    constraint rollback_trigger_title_ck check (title ~ '[^[:space:]]'),
    constraint rollback_trigger_note_ck check (note ~ '[^[:space:]]'),
    -- only an immediate-rollback trigger runs the IC's decision clock, is resolved or breached
    constraint rollback_trigger_deadline_ck check ((action = 'IMMEDIATE_ROLLBACK') = (deadline is not null)),
    constraint rollback_trigger_resolved_ck check (action = 'IMMEDIATE_ROLLBACK'
        or (resolved_at is null and breach_recorded_at is null)),
    constraint rollback_trigger_resolution_ck check ((resolved_at is null) = (resolved_by_decision is null))
);

create index rollback_trigger_cutover_ix on rollback_trigger (cutover_id, id);
-- the breach job's scan: immediate triggers whose breach is not recorded yet
create index rollback_trigger_due_ix on rollback_trigger (deadline)
    where breach_recorded_at is null and deadline is not null;

create function rollback_trigger_guard() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'rollback_trigger is append-only: % is not allowed', tg_op using errcode = 'restrict_violation';
    end if;
    if (new.id, new.cutover_id, new.trigger_key, new.title, new.action, new.note, new.reported_by,
            new.reported_by_label, new.reported_at, new.deadline)
        is distinct from (old.id, old.cutover_id, old.trigger_key, old.title, old.action, old.note, old.reported_by,
            old.reported_by_label, old.reported_at, old.deadline)
        or (old.resolved_at is not null and (new.resolved_at, new.resolved_by_decision)
            is distinct from (old.resolved_at, old.resolved_by_decision))
        or (old.breach_recorded_at is not null and new.breach_recorded_at is distinct from old.breach_recorded_at) then
        raise exception 'a reported rollback trigger is not changed: only its resolution and its breach are set, once'
            using errcode = 'restrict_violation';
    end if;
    return new;
end;
$$;

create trigger rollback_trigger_append_only before update or delete on rollback_trigger
    for each row execute function rollback_trigger_guard();

create trigger rollback_trigger_no_truncate before truncate on rollback_trigger
    for each statement execute function rollback_trigger_guard();

-- Sign-offs: every GIVEN or REFUSED is a new row; the latest per sign-off key counts.
create table sign_off (
    id             bigint generated always as identity,
    cutover_id     bigint        not null,
    sign_off_key   varchar(60)   not null,
    state          varchar(8)    not null,
    comment        varchar(2000),
    signed_by      bigint        not null,
    signed_by_label varchar(200) not null,
    signed_at      timestamptz   not null,
    constraint sign_off_pk primary key (id),
    constraint sign_off_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint sign_off_signed_by_fk foreign key (signed_by) references account (id),
    constraint sign_off_state_ck check (state in ('GIVEN', 'REFUSED')),
    constraint sign_off_refusal_comment_ck check (state = 'GIVEN' or comment ~ '[^[:space:]]')
);

create index sign_off_cutover_ix on sign_off (cutover_id, sign_off_key, id);

create function sign_off_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'sign_off is append-only: % is not allowed; sign again instead', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger sign_off_no_update_or_delete before update or delete on sign_off
    for each row execute function sign_off_append_only();

create trigger sign_off_no_truncate before truncate on sign_off
    for each statement execute function sign_off_append_only();

-- The risk log of a cutover (seed 002 Appendix B): copied from the template, extended by
-- members; its status changes are recorded in the timeline (kind RISK).
create table risk (
    id          bigint generated always as identity,
    cutover_id  bigint        not null,
    risk_key    varchar(30)   not null,
    description varchar(1000) not null,
    likelihood  char(1)       not null,
    impact      char(1)       not null,
    owner_role  varchar(60)   not null,
    mitigation  varchar(2000),
    status      varchar(10)   not null default 'OPEN',
    created_by  bigint,
    created_at  timestamptz   not null,
    version     bigint        not null default 0,
    constraint risk_pk primary key (id),
    constraint risk_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint risk_created_by_fk foreign key (created_by) references account (id),
    constraint risk_key_uk unique (cutover_id, risk_key),
    constraint risk_likelihood_ck check (likelihood in ('L', 'M', 'H')),
    constraint risk_impact_ck check (impact in ('L', 'M', 'H')),
    constraint risk_status_ck check (status in ('OPEN', 'MITIGATED', 'CLOSED')),
    constraint risk_description_ck check (description ~ '[^[:space:]]')
);
