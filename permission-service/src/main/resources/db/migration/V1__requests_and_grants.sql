create table permission_request (
    id              varchar(40)   primary key,
    tenant_id       varchar(128)  not null,
    member_id       varchar(128)  not null,
    purpose         varchar(20)   not null,
    reason          varchar(2000) not null,
    status          varchar(20)   not null,
    requested_at    timestamptz   not null,
    expires_at      timestamptz   not null,
    decided_by      varchar(128),
    decided_at      timestamptz,
    decision_comment varchar(2000),
    grant_id        varchar(40)
);
create index permission_request_tenant on permission_request (tenant_id, status, requested_at desc);
create index permission_request_member on permission_request (tenant_id, member_id, requested_at desc);

create table broadcast_grant (
    id                varchar(40)  primary key,
    tenant_id         varchar(128) not null,
    member_id         varchar(128) not null,
    request_id        varchar(40)  unique references permission_request (id),
    sub_account_id    varchar(40)  not null,
    sub_account_login varchar(200) not null,
    granted_by        varchar(128) not null,
    granted_at        timestamptz  not null,
    expires_at        timestamptz,
    revoked_at        timestamptz
);
create index broadcast_grant_member on broadcast_grant (tenant_id, member_id);
