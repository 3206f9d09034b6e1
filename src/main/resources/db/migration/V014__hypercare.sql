-- Hypercare after GO (PRODUCT.md item 9, seed 001 §6 "Hypercare Routine (72h)") and the
-- go-live's completion criteria. Everything here is a record: rows are inserted, and the
-- only later writes are the ones a row is waiting for (a check's result, its overdue mark),
-- each made once. Triggers refuse the rest.

-- One row per cutover whose GO started hypercare: when, by which decision, and the
-- ROLLBACK that ended it, if one did (set once).
create table hypercare_run (
    cutover_id        bigint      not null,
    decision_id       bigint      not null,
    started_at        timestamptz not null,
    ended_at          timestamptz,
    ended_by_decision bigint,
    constraint hypercare_run_pk primary key (cutover_id),
    constraint hypercare_run_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint hypercare_run_decision_fk foreign key (decision_id) references decision (id),
    constraint hypercare_run_ended_by_fk foreign key (ended_by_decision) references decision (id),
    constraint hypercare_run_decision_uk unique (decision_id),
    constraint hypercare_run_ended_ck check ((ended_at is null) = (ended_by_decision is null)
        and (ended_at is null or ended_at >= started_at))
);

-- Cutovers signed GO before this migration: their hypercare ran on paper, without checks,
-- but their completion criteria can still be ticked here.
insert into hypercare_run (cutover_id, decision_id, started_at, ended_at, ended_by_decision)
select g.cutover_id, g.id, g.decided_at, r.decided_at, r.id
  from decision g left join decision r on r.cutover_id = g.cutover_id and r.outcome = 'ROLLBACK'
 where g.outcome = 'GO';

-- The checks the template's hypercare windows schedule from the GO time. A check may be
-- recorded from opens_at (the previous check's due time) on; it is overdue when nobody has
-- recorded it by due_at plus the grace (tminus.hypercare.grace), which the overdue job
-- notes once in overdue_at.
create table hypercare_check (
    id                bigint generated always as identity,
    cutover_id        bigint        not null,
    window_index      int           not null,
    window_label      varchar(100)  not null,
    seq               int           not null,
    opens_at          timestamptz   not null,
    due_at            timestamptz   not null,
    focus             jsonb         not null default '[]'::jsonb,
    status            varchar(5),
    note              varchar(2000),
    recorded_by       bigint,
    recorded_by_label varchar(200),
    recorded_at       timestamptz,
    overdue_at        timestamptz,
    constraint hypercare_check_pk primary key (id),
    constraint hypercare_check_run_fk foreign key (cutover_id) references hypercare_run (cutover_id),
    constraint hypercare_check_recorded_by_fk foreign key (recorded_by) references account (id),
    constraint hypercare_check_slot_uk unique (cutover_id, window_index, seq),
    constraint hypercare_check_slot_ck check (window_index >= 0 and seq >= 1),
    constraint hypercare_check_opens_ck check (opens_at < due_at),
    constraint hypercare_check_label_ck check (window_label ~ '[^[:space:]]'),
    constraint hypercare_check_focus_ck check (jsonb_typeof(focus) = 'array'),
    constraint hypercare_check_status_ck check (status in ('OK', 'ISSUE')),
    -- a result comes with who and when, and only with them
    constraint hypercare_check_recorded_ck check ((status is null) = (recorded_by is null)
        and (status is null) = (recorded_by_label is null) and (status is null) = (recorded_at is null)),
    constraint hypercare_check_note_ck check (note is null or (status is not null and note ~ '[^[:space:]]')),
    constraint hypercare_check_issue_note_ck check (status is distinct from 'ISSUE' or note is not null),
    constraint hypercare_check_recorded_at_ck check (recorded_at is null or recorded_at >= opens_at)
);

create index hypercare_check_cutover_ix on hypercare_check (cutover_id, due_at);
-- the overdue job's scan: checks nobody recorded and not yet marked overdue
create index hypercare_check_pending_ix on hypercare_check (due_at) where status is null and overdue_at is null;

create function hypercare_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'restrict_violation';
end;
$$;

-- A run only ever gets its end, once.
create function hypercare_run_guard() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'hypercare_run is append-only: % is not allowed', tg_op using errcode = 'restrict_violation';
    end if;
    if (new.cutover_id, new.decision_id, new.started_at) is distinct from (old.cutover_id, old.decision_id, old.started_at)
            or (old.ended_at is not null and (new.ended_at, new.ended_by_decision)
                is distinct from (old.ended_at, old.ended_by_decision)) then
        raise exception 'a hypercare run is not changed: only its end is set, once' using errcode = 'restrict_violation';
    end if;
    return new;
end;
$$;

create trigger hypercare_run_append_only before update or delete on hypercare_run
    for each row execute function hypercare_run_guard();
create trigger hypercare_run_no_truncate before truncate on hypercare_run
    for each statement execute function hypercare_run_guard();

-- A scheduled check is never changed or removed. Its result is set once, from nothing; its
-- overdue mark is set once, and only while it is not recorded. A recorded check is final.
create function hypercare_check_guard() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'hypercare_check is append-only: % is not allowed', tg_op using errcode = 'restrict_violation';
    end if;
    if (new.id, new.cutover_id, new.window_index, new.window_label, new.seq, new.opens_at, new.due_at, new.focus)
            is distinct from (old.id, old.cutover_id, old.window_index, old.window_label, old.seq, old.opens_at,
                old.due_at, old.focus) then
        raise exception 'a scheduled hypercare check is not changed' using errcode = 'restrict_violation';
    end if;
    if old.status is not null
            and (new.status, new.note, new.recorded_by, new.recorded_by_label, new.recorded_at, new.overdue_at)
                is distinct from (old.status, old.note, old.recorded_by, old.recorded_by_label, old.recorded_at,
                    old.overdue_at) then
        raise exception 'hypercare check % is recorded and final: record an observation as a new timeline entry',
            old.id using errcode = 'restrict_violation';
    end if;
    if old.overdue_at is not null and new.overdue_at is distinct from old.overdue_at then
        raise exception 'the overdue mark of hypercare check % is set once', old.id using errcode = 'restrict_violation';
    end if;
    return new;
end;
$$;

create trigger hypercare_check_append_only before update or delete on hypercare_check
    for each row execute function hypercare_check_guard();
create trigger hypercare_check_no_truncate before truncate on hypercare_check
    for each statement execute function hypercare_check_guard();

-- The 24-hour control report (seed 001: "Summary + Metrics + Actions"). A correction is a
-- new report; none is changed or removed.
create table control_report (
    id             bigint generated always as identity,
    cutover_id     bigint        not null,
    summary        varchar(1200) not null,
    metrics        varchar(1200) not null,
    actions        varchar(1200) not null,
    filed_by       bigint        not null,
    filed_by_label varchar(200)  not null,
    filed_at       timestamptz   not null,
    constraint control_report_pk primary key (id),
    constraint control_report_run_fk foreign key (cutover_id) references hypercare_run (cutover_id),
    constraint control_report_filed_by_fk foreign key (filed_by) references account (id),
    constraint control_report_text_ck check (summary ~ '[^[:space:]]' and metrics ~ '[^[:space:]]'
        and actions ~ '[^[:space:]]')
);

create index control_report_cutover_ix on control_report (cutover_id, id);

create trigger control_report_no_update_or_delete before update or delete on control_report
    for each row execute function hypercare_append_only();
create trigger control_report_no_truncate before truncate on control_report
    for each statement execute function hypercare_append_only();

-- A completion criterion ticked by its owner: once per criterion, final.
create table completion_tick (
    id             bigint generated always as identity,
    cutover_id     bigint        not null,
    criterion_key  varchar(60)   not null,
    owner_role     varchar(60)   not null,
    note           varchar(2000),
    ticked_by      bigint        not null,
    ticked_by_label varchar(200) not null,
    ticked_at      timestamptz   not null,
    constraint completion_tick_pk primary key (id),
    constraint completion_tick_run_fk foreign key (cutover_id) references hypercare_run (cutover_id),
    constraint completion_tick_ticked_by_fk foreign key (ticked_by) references account (id),
    constraint completion_tick_criterion_uk unique (cutover_id, criterion_key),
    constraint completion_tick_note_ck check (note is null or note ~ '[^[:space:]]')
);

create trigger completion_tick_no_update_or_delete before update or delete on completion_tick
    for each row execute function hypercare_append_only();
create trigger completion_tick_no_truncate before truncate on completion_tick
    for each statement execute function hypercare_append_only();
