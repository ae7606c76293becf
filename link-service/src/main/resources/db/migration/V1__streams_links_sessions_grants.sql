create table live_stream (
    id              varchar(40)  primary key,
    tenant_id       varchar(128) not null,
    stream_type     varchar(20)  not null,
    title           varchar(200) not null,
    watch_scope     varchar(20)  not null,
    replay_enabled  boolean      not null,
    state           varchar(20)  not null,
    created_by      varchar(128) not null,
    created_at      timestamptz  not null
);
create index live_stream_tenant on live_stream (tenant_id, created_at desc);

create table stream_link (
    id              varchar(40)  primary key,
    stream_id       varchar(40)  not null references live_stream (id),
    tenant_id       varchar(128) not null,
    stream_type     varchar(20)  not null,
    short_code      varchar(16)  unique,
    channel         varchar(64)  not null,
    utm_source      varchar(128),
    utm_medium      varchar(128),
    utm_campaign    varchar(128),
    issued_at       timestamptz  not null,
    expires_at      timestamptz,
    revoked_at      timestamptz
);
create index stream_link_stream on stream_link (stream_id);

create table view_session (
    id              varchar(40)  primary key,
    stream_id       varchar(40)  not null references live_stream (id),
    link_id         varchar(40)  not null references stream_link (id),
    tenant_id       varchar(128) not null,
    viewer_id       varchar(128) not null,
    playback        varchar(10)  not null,
    device          varchar(10)  not null,
    opened_at       timestamptz  not null,
    last_seen_at    timestamptz  not null,
    closed_at       timestamptz
);
create index view_session_open on view_session (last_seen_at) where closed_at is null;

-- Read model of permission-service's broadcast grants.
create table broadcast_grant (
    grant_id        varchar(40)  primary key,
    tenant_id       varchar(128) not null,
    member_id       varchar(128) not null,
    granted_at      timestamptz  not null,
    expires_at      timestamptz,
    revoked_at      timestamptz
);
create index broadcast_grant_member on broadcast_grant (tenant_id, member_id);
