-- Gate results and evidence (PRODUCT.md item 5): both are append-only history. The latest
-- gate result per gate counts; a correction is a new result, never an edit.
create table gate_result (
    id            bigint generated always as identity,
    cutover_id    bigint        not null,
    gate_key      varchar(80)   not null,
    verdict       varchar(8)    not null,
    -- true when the verdict was computed from the measures' comparators, false when chosen
    computed      boolean       not null,
    measured      jsonb         not null default '{}'::jsonb,
    evaluation    jsonb         not null default '[]'::jsonb,
    note          varchar(2000),
    recorded_by   bigint        not null,
    on_behalf_of  varchar(60),
    recorded_at   timestamptz   not null,
    constraint gate_result_pk primary key (id),
    constraint gate_result_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint gate_result_recorded_by_fk foreign key (recorded_by) references account (id),
    constraint gate_result_verdict_ck check (verdict in ('PASS', 'FAIL')),
    constraint gate_result_measured_ck check (jsonb_typeof(measured) = 'object'),
    constraint gate_result_evaluation_ck check (jsonb_typeof(evaluation) = 'array')
);

-- "latest per gate" reads the newest row of each (cutover, gate) from this index
create index gate_result_latest_ix on gate_result (cutover_id, gate_key, recorded_at desc, id desc);
create index gate_result_recorded_by_ix on gate_result (recorded_by);

-- Evidence metadata: a file (content in evidence_blob) or a link, attached to one step or one gate.
create table evidence (
    id             bigint generated always as identity,
    cutover_id     bigint         not null,
    step_key       varchar(80),
    gate_key       varchar(80),
    kind           varchar(8)     not null,
    name           varchar(255)   not null,
    url            varchar(2000),
    sha256         char(64),
    size_bytes     bigint,
    content_type   varchar(200),
    -- the evidence contract of seed 003 section 7, per file
    command        varchar(2000),
    exit_code      integer,
    measured_at    timestamptz,
    owner_label    varchar(200),
    result         varchar(8),
    uploaded_by    bigint         not null,
    uploaded_at    timestamptz    not null,
    constraint evidence_pk primary key (id),
    constraint evidence_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint evidence_uploaded_by_fk foreign key (uploaded_by) references account (id),
    constraint evidence_subject_ck check ((step_key is null) <> (gate_key is null)),
    constraint evidence_kind_ck check (kind in ('FILE', 'LINK')),
    constraint evidence_file_ck check (kind <> 'FILE' or (sha256 is not null and size_bytes is not null
        and size_bytes > 0 and url is null)),
    constraint evidence_link_ck check (kind <> 'LINK' or (url ~* '^https?://' and sha256 is null and size_bytes is null)),
    constraint evidence_sha256_ck check (sha256 is null or sha256 ~ '^[0-9a-f]{64}$'),
    constraint evidence_name_ck check (name ~ '[^[:space:]]' and position('/' in name) = 0
        and position(E'\\' in name) = 0 and name not in ('.', '..')),
    constraint evidence_result_ck check (result is null or result in ('PASS', 'FAIL', 'INFO'))
);

create index evidence_cutover_ix on evidence (cutover_id, id);
create index evidence_uploaded_by_ix on evidence (uploaded_by);

-- File content apart from the metadata, so that listing evidence never reads the bytes.
create table evidence_blob (
    evidence_id  bigint not null,
    content      bytea  not null,
    constraint evidence_blob_pk primary key (evidence_id),
    constraint evidence_blob_evidence_fk foreign key (evidence_id) references evidence (id)
);

-- Uncompressed out-of-line storage: substring() reads only the chunks asked for, so a
-- download streams in bounded memory.
alter table evidence_blob alter column content set storage external;

create function gates_evidence_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed; record a new row instead', tg_table_name, tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger gate_result_no_update_or_delete before update or delete on gate_result
    for each row execute function gates_evidence_append_only();
create trigger gate_result_no_truncate before truncate on gate_result
    for each statement execute function gates_evidence_append_only();
create trigger evidence_no_update_or_delete before update or delete on evidence
    for each row execute function gates_evidence_append_only();
create trigger evidence_no_truncate before truncate on evidence
    for each statement execute function gates_evidence_append_only();
create trigger evidence_blob_no_update_or_delete before update or delete on evidence_blob
    for each row execute function gates_evidence_append_only();
create trigger evidence_blob_no_truncate before truncate on evidence_blob
    for each statement execute function gates_evidence_append_only();
