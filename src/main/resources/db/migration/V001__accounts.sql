-- Accounts of T-Minus. Global roles only; war-room roles are per cutover.
create table account (
    id                  bigint generated always as identity,
    username            varchar(40)  not null,
    display_name        varchar(100) not null,
    password_hash       varchar(200) not null,
    role                varchar(16)  not null,
    enabled             boolean      not null default true,
    failed_attempts     integer      not null default 0,
    locked_until        timestamptz,
    created_at          timestamptz  not null,
    password_changed_at timestamptz  not null,
    version             bigint       not null default 0,
    constraint account_pk primary key (id),
    constraint account_role_ck check (role in ('ADMIN', 'MEMBER', 'AUDITOR')),
    constraint account_username_ck check (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    constraint account_display_name_ck check (length(trim(display_name)) > 0),
    constraint account_failed_attempts_ck check (failed_attempts >= 0)
);

create unique index account_username_uk on account (username);
