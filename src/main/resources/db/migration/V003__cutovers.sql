-- Runbook templates as loaded from config/runbooks, kept forever by content hash so that a
-- cutover always points to the exact text it was created from.
create table runbook_template (
    id           bigint generated always as identity,
    file_name    varchar(200) not null,
    name         varchar(200) not null,
    content_hash char(64)     not null,
    content      text         not null,
    loaded_at    timestamptz  not null,
    constraint runbook_template_pk primary key (id),
    constraint runbook_template_hash_uk unique (content_hash)
);

create function runbook_template_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'runbook_template rows are immutable (content-addressed); insert a new version instead'
        using errcode = 'restrict_violation';
end;
$$;

create trigger runbook_template_no_update before update or delete on runbook_template
    for each row execute function runbook_template_immutable();

-- A cutover: one run of a template.
create table cutover (
    id            bigint generated always as identity,
    template_id   bigint       not null,
    name          varchar(200) not null,
    environment   varchar(100) not null,
    release_ref   varchar(200) not null,
    kind          varchar(16)  not null,
    t0            timestamptz  not null,
    status        varchar(20)  not null default 'PLANNED',
    retry_of      bigint,
    parameters    jsonb        not null default '{}'::jsonb,
    created_by    bigint       not null,
    created_at    timestamptz  not null,
    started_at    timestamptz,
    version       bigint       not null default 0,
    constraint cutover_pk primary key (id),
    constraint cutover_template_fk foreign key (template_id) references runbook_template (id),
    constraint cutover_retry_of_fk foreign key (retry_of) references cutover (id),
    constraint cutover_created_by_fk foreign key (created_by) references account (id),
    constraint cutover_kind_ck check (kind in ('REHEARSAL', 'LIVE')),
    constraint cutover_status_ck check (status in ('PLANNED', 'IN_PROGRESS', 'GO', 'NO_GO', 'ROLLED_BACK', 'COMPLETE')),
    constraint cutover_name_ck check (length(trim(name)) > 0)
);

create index cutover_t0_ix on cutover (t0);

-- Who holds which of the template's roles on a cutover now (history is in the timeline).
create table cutover_role (
    id          bigint generated always as identity,
    cutover_id  bigint      not null,
    role_key    varchar(60) not null,
    account_id  bigint      not null,
    assigned_at timestamptz not null,
    assigned_by bigint      not null,
    constraint cutover_role_pk primary key (id),
    constraint cutover_role_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint cutover_role_account_fk foreign key (account_id) references account (id),
    constraint cutover_role_assigned_by_fk foreign key (assigned_by) references account (id),
    constraint cutover_role_uk unique (cutover_id, role_key, account_id)
);

-- Exactly one IC at a time (a cutover cannot start without one: checked on start).
create unique index cutover_role_one_ic_uk on cutover_role (cutover_id) where role_key = 'IC';
create index cutover_role_account_ix on cutover_role (account_id);

-- The current state of each step of a cutover; every change is also a timeline entry.
create table step_state (
    id              bigint generated always as identity,
    cutover_id      bigint       not null,
    step_key        varchar(80)  not null,
    status          varchar(10)  not null default 'PENDING',
    field_values    jsonb        not null default '{}'::jsonb,
    note            varchar(2000),
    recorded_by     bigint,
    on_behalf_of    varchar(60),
    recorded_at     timestamptz,
    version         bigint       not null default 0,
    constraint step_state_pk primary key (id),
    constraint step_state_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint step_state_recorded_by_fk foreign key (recorded_by) references account (id),
    constraint step_state_uk unique (cutover_id, step_key),
    constraint step_state_status_ck check (status in ('PENDING', 'PASS', 'FAIL', 'NA')),
    constraint step_state_na_reason_ck check (status <> 'NA' or length(trim(coalesce(note, ''))) > 0),
    constraint step_state_recorded_ck check (status = 'PENDING' or (recorded_by is not null and recorded_at is not null))
);
