-- Live update signals: "something about cutover X's <topic> changed". The id is the SSE event
-- id, so a browser that reconnects with Last-Event-ID gets exactly what it missed. Signals
-- are not the audit record (the timeline is): rows older than a day are pruned.
create table live_signal (
    id         bigint generated always as identity,
    cutover_id bigint      not null,
    topic      varchar(31) not null,
    created_at timestamptz not null,
    constraint live_signal_pk primary key (id),
    constraint live_signal_cutover_fk foreign key (cutover_id) references cutover (id) on delete cascade,
    constraint live_signal_topic_ck check (topic ~ '^[a-z][a-z0-9-]{0,30}$')
);

-- Replay after a reconnect: the signals of one cutover after a given id.
create index live_signal_cutover_ix on live_signal (cutover_id, id);
-- Pruning by age.
create index live_signal_created_at_ix on live_signal (created_at);
