-- View sessions are signed tokens now (issue 13): link-service keeps no row per view, and
-- analytics-service decides when a session ended. The table goes with its rows.
drop table if exists view_session;

-- The tenants' directories as permission-service announces them (MemberJoined until MemberLeft):
-- member links are issued to, and resolve for, these members only.
create table directory_member (
    tenant_id  varchar(128) not null,
    member_id  varchar(128) not null,
    joined_at  timestamptz  not null,
    primary key (tenant_id, member_id)
);

-- What ends view sessions, as every instance reads it into memory: revoked links, members who
-- left (or came back). logged_at is the database's own clock, so instances poll by it whatever
-- their clocks say; rows older than the longest session are deleted.
create table view_revocation (
    id            bigserial    primary key,
    kind          varchar(20)  not null,
    tenant_id     varchar(128) not null,
    link_id       varchar(40),
    member_id     varchar(128),
    reason        varchar(200),
    effective_at  timestamptz  not null,
    logged_at     timestamptz  not null default clock_timestamp()
);
create index view_revocation_logged on view_revocation (logged_at);

-- Link previews and the player show the stream's cover and, before it starts, when it will.
alter table live_stream add column cover_url varchar(2048);
alter table live_stream add column scheduled_at timestamptz;
