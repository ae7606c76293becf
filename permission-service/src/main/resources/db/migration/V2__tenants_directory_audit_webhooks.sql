create extension if not exists pg_trgm;

create table tenant (
    id                    varchar(64)  primary key,
    name                  varchar(200) not null,
    live_service_enabled  boolean      not null,
    broadcast_policy      varchar(20)  not null,
    time_zone             varchar(64)  not null,
    created_by            varchar(128) not null,
    created_at            timestamptz  not null
);

create table tenant_qualification (
    tenant_id     varchar(64)   not null references tenant (id),
    stream_type   varchar(20)   not null,
    status        varchar(20)   not null,
    evidence      varchar(2000),
    reason        varchar(2000),
    submitted_by  varchar(128)  not null,
    submitted_at  timestamptz   not null,
    decided_by    varchar(128),
    decided_at    timestamptz,
    primary key (tenant_id, stream_type)
);

create table organisation (
    id          varchar(40)  primary key,
    tenant_id   varchar(64)  not null references tenant (id),
    name        varchar(200) not null,
    parent_id   varchar(40)  references organisation (id),
    created_at  timestamptz  not null
);
create index organisation_tenant on organisation (tenant_id, parent_id);

create table member (
    tenant_id        varchar(64)  not null references tenant (id),
    id               varchar(128) not null,
    account          varchar(200) not null,
    display_name     varchar(200) not null,
    email            varchar(200),
    phone            varchar(32),
    organisation_id  varchar(40)  references organisation (id),
    roles            varchar(500) not null default '',
    status           varchar(10)  not null,
    joined_at        timestamptz  not null,
    left_at          timestamptz,
    primary key (tenant_id, id)
);
create unique index member_account on member (tenant_id, lower(account)) where status = 'ACTIVE';
create index member_name_trgm on member using gin (lower(display_name) gin_trgm_ops);
create index member_account_trgm on member using gin (lower(account) gin_trgm_ops);

-- Requests made before tenants were modelled keep their tenant, enabled as it was in effect.
insert into tenant (id, name, live_service_enabled, broadcast_policy, time_zone, created_by, created_at)
select distinct tenant_id, tenant_id, true, 'SELECTED_MEMBERS', 'Asia/Shanghai', 'migration', now()
from permission_request
on conflict do nothing;

alter table permission_request add constraint permission_request_tenant foreign key (tenant_id) references tenant (id);
create index permission_request_due on permission_request (expires_at) where status = 'PENDING';

-- Append-only: who did what, when and why. Nothing may change or remove an entry.
create table audit_entry (
    seq           bigserial     primary key,
    tenant_id     varchar(64),
    actor         varchar(128)  not null,
    action        varchar(64)   not null,
    subject_type  varchar(40)   not null,
    subject_id    varchar(128)  not null,
    reason        varchar(2000),
    details       text,
    at            timestamptz   not null
);
create index audit_entry_tenant on audit_entry (tenant_id, at desc);
create index audit_entry_subject on audit_entry (subject_id);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit entries are append-only';
end
$$;
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();

create table tenant_webhook (
    tenant_id   varchar(64)   primary key references tenant (id),
    url         varchar(2000) not null,
    secret      varchar(200)  not null,
    updated_at  timestamptz   not null
);

-- Deliveries wait here, committed with the change they report, until the receiver acknowledges.
create table webhook_delivery (
    id               varchar(40)   primary key,
    tenant_id        varchar(64)   not null,
    event_type       varchar(64)   not null,
    payload          text          not null,
    attempts         int           not null default 0,
    next_attempt_at  timestamptz   not null,
    delivered_at     timestamptz,
    failed_at        timestamptz,
    last_error       varchar(2000),
    created_at       timestamptz   not null
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where delivered_at is null and failed_at is null;
