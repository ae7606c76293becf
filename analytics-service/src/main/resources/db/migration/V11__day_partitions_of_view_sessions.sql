-- Issue 14, retention: view sessions (the per-viewer records: who watched, when, on which device
-- and channel) are partitioned by the UTC day the session was opened, like the window tables in V10,
-- so days past the retention are dropped as a whole (DayPartitions) and a query of a range need not
-- read other days. The opening time is carried by every event of the session (ViewEvent's
-- sessionOpenedAt), so its JOIN, HEARTBEATs and LEAVE meet on one row, in one partition, even when
-- the session spans midnight; the key becomes (stream_id, session_id, opened_at).
--
-- Sessions recorded before take their earliest event as their opening. All rows go to the default
-- partition here; DayPartitions moves them into their day's partition at startup.
alter table view_session rename to view_session_unpartitioned;
alter table view_session_unpartitioned add column opened_at timestamptz;
update view_session_unpartitioned set opened_at = started_at;
alter table view_session_unpartitioned alter column opened_at set not null;

create table view_session (like view_session_unpartitioned including defaults)
    partition by range (opened_at);
alter table view_session add primary key (stream_id, session_id, opened_at);
create table view_session_default partition of view_session default;
insert into view_session select * from view_session_unpartitioned;
drop table view_session_unpartitioned;

create index view_session_stream_time on view_session (stream_id, started_at);
create index view_session_member_time on view_session (tenant_id, stream_type, started_at);
create index view_session_stream_last_seen on view_session (stream_id, last_seen_at);
create index view_session_open_since on view_session (last_seen_at) where ended_at is null;
create index view_session_open_link on view_session (link_id) where ended_at is null;
create index view_session_open_viewer on view_session (tenant_id, viewer_id) where ended_at is null;
