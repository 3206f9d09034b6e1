-- One-time facts about a cutover that a scheduled job records (the point of no return of
-- its rollback window passing without a decision). The unique key is what makes "once"
-- true with several app instances: each inserts with "on conflict do nothing" and only
-- the one whose insert happened writes the timeline entry, in the same transaction.
create table cutover_marker (
    cutover_id  bigint      not null,
    marker      varchar(60) not null,
    recorded_at timestamptz not null,
    constraint cutover_marker_pk primary key (cutover_id, marker),
    constraint cutover_marker_cutover_fk foreign key (cutover_id) references cutover (id),
    constraint cutover_marker_marker_ck check (marker ~ '^[A-Z][A-Z0-9_]*$')
);
