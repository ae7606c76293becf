-- Running totals per stream; the per-second, per-minute and daily rollups build beside it.
create table stream_view_totals (
    stream_id       varchar(40)  primary key,
    tenant_id       varchar(128) not null,
    stream_type     varchar(20)  not null,
    joins           bigint       not null default 0,
    leaves          bigint       not null default 0,
    heartbeats      bigint       not null default 0,
    first_event_at  timestamptz  not null,
    last_event_at   timestamptz  not null
);
create index stream_view_totals_tenant on stream_view_totals (tenant_id);
