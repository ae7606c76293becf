-- analytics-service owns the view session lifecycle (issue 13): link-service keeps no session rows.
-- A session ends by its LEAVE, by silence (TIMEOUT: at its last heartbeat), or at once when its link
-- is revoked (REVOKED) or its member leaves the tenant (MEMBER_LEFT); a forced end is final.
alter table view_session add column link_id varchar(128);
alter table view_session add column ended_by varchar(20);
create index view_session_open_since on view_session (last_seen_at) where ended_at is null;
create index view_session_open_link on view_session (link_id) where ended_at is null;
create index view_session_open_viewer on view_session (tenant_id, viewer_id) where ended_at is null;
update view_session set ended_by = 'LEAVE' where ended_at is not null;

-- Facts that end sessions, kept so that a session whose JOIN arrives after them (resolves racing
-- a revocation) is ended too.
create table link_revocation (
    link_id     varchar(128) primary key,
    stream_id   varchar(128) not null,
    tenant_id   varchar(128) not null,
    revoked_at  timestamptz  not null,
    reason      varchar(2000)
);

create table member_departure (
    tenant_id    varchar(128) not null,
    member_id    varchar(128) not null,
    left_at      timestamptz  not null,
    returned_at  timestamptz,
    primary key (tenant_id, member_id)
);
