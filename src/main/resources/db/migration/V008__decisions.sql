-- The IC's decisions. Final: append-only in the database. A cutover has at most one GO or
-- NO_GO, and at most one ROLLBACK (after GO, or instead of it).
create table decision (
    id                     bigint generated always as identity,
    cutover_id             bigint        not null,
    outcome                varchar(10)   not null,
    decided_by             bigint        not null,
    decided_by_label       varchar(200)  not null,
    decided_at             timestamptz   not null,
    failure_classification varchar(80),
    owner                  varchar(200),
    retry_at               timestamptz,
    unblock_criteria       varchar(2000),
    trigger_ref            varchar(300),
    reason                 varchar(2000),
    notes                  varchar(2000),
    statement              text,
    gate_snapshot          jsonb         not null default '[]'::jsonb,
    summary                text          not null,
    timeline_hash          char(64),
    constraint decision_pk primary key (id),
    constraint decision_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint decision_decided_by_fk foreign key (decided_by) references account (id),
    constraint decision_outcome_ck check (outcome in ('GO', 'NO_GO', 'ROLLBACK')),
    constraint decision_no_go_ck check (outcome <> 'NO_GO' or (failure_classification is not null
        and length(trim(coalesce(owner, ''))) > 0 and retry_at is not null
        and length(trim(coalesce(unblock_criteria, ''))) > 0)),
    constraint decision_rollback_ck check (outcome <> 'ROLLBACK' or length(trim(coalesce(reason, ''))) > 0),
    constraint decision_go_ck check (outcome <> 'GO' or failure_classification is null)
);

create unique index decision_one_go_or_no_go_uk on decision (cutover_id) where outcome in ('GO', 'NO_GO');
create unique index decision_one_rollback_uk on decision (cutover_id) where outcome = 'ROLLBACK';

create function decision_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'decision is append-only: % is not allowed; a decision is final', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger decision_no_update_or_delete before update or delete on decision
    for each row execute function decision_append_only();
create trigger decision_no_truncate before truncate on decision
    for each statement execute function decision_append_only();
