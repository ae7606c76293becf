-- Training classes (SPEC §4, issue 6): rosters, activation, attendance from live views, reports
-- uploaded to a management platform.

-- Class codes such as BJ-2026-000021: a number per prefix and year, handed out once.
create table training_class_code (
    prefix       varchar(2)  not null,
    year         int         not null,
    last_number  int         not null,
    primary key (prefix, year)
);

create table training_class (
    id                      varchar(40)   primary key,
    tenant_id               varchar(128)  not null,
    code                    varchar(20)   not null unique,
    name                    varchar(200)  not null,
    class_type              varchar(100)  not null,
    training_mode           varchar(20)   not null,
    group_id                varchar(128)  not null unique,
    created_by              varchar(128)  not null,
    created_at              timestamptz   not null,
    synced_at               timestamptz,
    attendance_updated_at   timestamptz,
    reported_at             timestamptz,
    report_error            varchar(2000)
);
create index training_class_tenant on training_class (tenant_id, created_at desc);

-- ID numbers and phones are encrypted (AES-GCM, cipher text in base64); member_id is a keyed
-- digest of the tenant and the ID number, so the same person is one directory member in every
-- class and a person cannot be added to a class twice, without the number being readable here.
create table training_student (
    id                  varchar(40)   primary key,
    class_id            varchar(40)   not null references training_class (id) on delete cascade,
    tenant_id           varchar(128)  not null,
    member_id           varchar(64)   not null,
    name                varchar(100)  not null,
    gender              varchar(10)   not null,
    id_number_cipher    varchar(200)  not null,
    phone_cipher        varchar(200)  not null,
    education           varchar(30)   not null,
    status              varchar(16)   not null,
    created_at          timestamptz   not null,
    activated_at        timestamptz,
    activated_by        varchar(128),
    unique (class_id, member_id)
);
create index training_student_member on training_student (tenant_id, member_id);

-- The streams bound to directory groups (StreamStateChanged), a class's courses among them.
create table training_stream (
    stream_id          varchar(128)  primary key,
    tenant_id          varchar(128)  not null,
    audience_group_id  varchar(128),
    broadcaster_id     varchar(128)  not null,
    title              varchar(200)  not null,
    state              varchar(12)   not null,
    live_at            timestamptz,
    ended_at           timestamptz,
    changed_at         timestamptz   not null
);
create index training_stream_group on training_stream (audience_group_id);

-- Attendance as last computed: per course, and per student per course. A course is final once
-- its end plus the grace period has passed; "update" leaves final courses as they are.
create table training_course (
    class_id               varchar(40)   not null references training_class (id) on delete cascade,
    stream_id              varchar(128)  not null,
    title                  varchar(200)  not null,
    lecturer_id            varchar(128)  not null,
    started_at             timestamptz   not null,
    ended_at               timestamptz,
    duration_seconds       bigint        not null,
    attendees              int           not null,
    total_learning_seconds bigint        not null,
    final                  boolean       not null,
    computed_at            timestamptz   not null,
    primary key (class_id, stream_id)
);

create table training_attendance (
    class_id          varchar(40)   not null,
    stream_id         varchar(128)  not null,
    member_id         varchar(64)   not null,
    learning_seconds  bigint        not null,
    primary key (class_id, stream_id, member_id),
    foreign key (class_id, stream_id) references training_course (class_id, stream_id) on delete cascade
);

-- Where a tenant's class reports go; the secret is encrypted like the personal data.
create table training_platform (
    tenant_id      varchar(128)   primary key,
    endpoint       varchar(2000)  not null,
    client_id      varchar(200)   not null,
    secret_cipher  varchar(500)   not null,
    updated_by     varchar(128)   not null,
    updated_at     timestamptz    not null
);

-- Uploads wait here, committed with the report they carry, until the platform acknowledges;
-- the id is the idempotency key the platform sees on every attempt.
create table training_report_upload (
    id               varchar(40)    primary key,
    class_id         varchar(40)    not null references training_class (id) on delete cascade,
    tenant_id        varchar(128)   not null,
    payload          text           not null,
    attempts         int            not null default 0,
    next_attempt_at  timestamptz    not null,
    delivered_at     timestamptz,
    failed_at        timestamptz,
    last_error       varchar(2000),
    created_at       timestamptz    not null
);
create index training_report_upload_due on training_report_upload (next_attempt_at)
    where delivered_at is null and failed_at is null;

-- Who saw personal data in full, and other changes to rosters: append-only.
create table training_audit (
    seq         bigserial     primary key,
    tenant_id   varchar(128)  not null,
    actor       varchar(128)  not null,
    action      varchar(64)   not null,
    class_id    varchar(40)   not null,
    details     varchar(2000),
    at          timestamptz   not null
);
create index training_audit_class on training_audit (class_id, at desc);

create function training_audit_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'training audit entries are append-only';
end
$$;
create trigger training_audit_append_only before update or delete on training_audit
    for each row execute function training_audit_is_append_only();
