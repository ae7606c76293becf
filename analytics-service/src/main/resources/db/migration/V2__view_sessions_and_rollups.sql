-- Rollups are recomputed from what is stored here, never kept in an instance's memory: any
-- instance may close any stream's windows, and a restart loses nothing.

-- The tenant time zones (TenantSettingsChanged); a tenant not yet heard of uses the default.
create table tenant_time_zone (
    tenant_id   varchar(128) primary key,
    time_zone   varchar(64)  not null,
    changed_at  timestamptz  not null
);

-- Every applied view event of a stream with second or minute rollups: joins and leaves per
-- window are counted from here when a window is (re)computed.
create table view_event (
    event_id     varchar(64)  primary key,
    stream_id    varchar(128) not null,
    viewer_id    varchar(128) not null,
    session_id   varchar(128) not null,
    kind         varchar(10)  not null,
    channel      varchar(128) not null,
    occurred_at  timestamptz  not null
);
create index view_event_stream_time on view_event (stream_id, occurred_at);

-- One view session (JOIN … HEARTBEAT … LEAVE): from its earliest to its latest event, ended
-- once a LEAVE arrived. Out-of-order events only widen it.
create table view_session (
    stream_id     varchar(128) not null,
    session_id    varchar(128) not null,
    tenant_id     varchar(128) not null,
    stream_type   varchar(20)  not null,
    viewer_id     varchar(128) not null,
    channel       varchar(128) not null,
    playback      varchar(10)  not null,
    device        varchar(10)  not null,
    started_at    timestamptz  not null,
    last_seen_at  timestamptz  not null,
    ended_at      timestamptz,
    primary key (stream_id, session_id)
);
create index view_session_stream_time on view_session (stream_id, started_at);
create index view_session_member_time on view_session (tenant_id, stream_type, started_at);

-- The first join of each viewer on a stream: new unique viewers per second.
create table stream_viewer (
    stream_id      varchar(128) not null,
    viewer_id      varchar(128) not null,
    first_join_at  timestamptz  not null,
    primary key (stream_id, viewer_id)
);

-- Per stream and window size, the first window not yet (re)computed. The closing job moves it
-- forward on wall-clock time; an event for an earlier window within the grace period moves it
-- back, so that window and the ones after it are recomputed and corrections published.
create table rollup_cursor (
    stream_id    varchar(128) not null,
    window_size  varchar(10)  not null,
    tenant_id    varchar(128) not null,
    next_start   timestamptz  not null,
    primary key (stream_id, window_size)
);
create index rollup_cursor_due on rollup_cursor (next_start);

-- Events that came after their window's grace period: not applied, kept for the record.
create table late_view_event (
    event_id     varchar(64)  primary key,
    stream_id    varchar(128) not null,
    tenant_id    varchar(128) not null,
    occurred_at  timestamptz  not null,
    received_at  timestamptz  not null
);

create table stream_second (
    stream_id           varchar(128) not null,
    second              timestamptz  not null,
    tenant_id           varchar(128) not null,
    concurrent_viewers  bigint       not null,
    joins               bigint       not null,
    leaves              bigint       not null,
    new_unique_viewers  bigint       not null,
    revision            int          not null,
    computed_at         timestamptz  not null,
    primary key (stream_id, second)
);

-- channel '' holds the stream's total: unique viewers and peak concurrency do not add up.
create table stream_minute (
    stream_id        varchar(128) not null,
    minute           timestamptz  not null,
    channel          varchar(128) not null,
    tenant_id        varchar(128) not null,
    views            bigint       not null,
    unique_viewers   bigint       not null,
    watch_seconds    bigint       not null,
    peak_concurrent  bigint       not null,
    revision         int          not null,
    computed_at      timestamptz  not null,
    primary key (stream_id, minute, channel)
);

create table member_daily (
    tenant_id       varchar(128) not null,
    member_id       varchar(128) not null,
    day             date         not null,
    time_zone       varchar(64)  not null,
    live_seconds    bigint       not null,
    replay_seconds  bigint       not null,
    first_join_at   timestamptz  not null,
    last_leave_at   timestamptz  not null,
    sessions        int          not null,
    revision        int          not null,
    generated_at    timestamptz  not null,
    primary key (tenant_id, day, member_id)
);

-- The days already generated per tenant, so the next-day job runs each day once.
create table daily_generation (
    tenant_id     varchar(128) not null,
    day           date         not null,
    generated_at  timestamptz  not null,
    primary key (tenant_id, day)
);
