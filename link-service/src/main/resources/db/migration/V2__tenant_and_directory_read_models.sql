-- Read models of permission-service's tenant and directory events.
create table tenant_profile (
    tenant_id             varchar(64)  primary key,
    live_service_enabled  boolean      not null,
    broadcast_policy      varchar(20)  not null,
    time_zone             varchar(64)  not null,
    updated_at            timestamptz  not null
);

create table tenant_qualification (
    tenant_id    varchar(64)   not null,
    stream_type  varchar(20)   not null,
    status       varchar(20)   not null,
    reason       varchar(2000),
    updated_at   timestamptz   not null,
    primary key (tenant_id, stream_type)
);

create table departed_member (
    tenant_id  varchar(64)  not null,
    member_id  varchar(128) not null,
    left_at    timestamptz  not null,
    primary key (tenant_id, member_id)
);
