-- Every stream analytics has heard of from livelink.stream-events (StreamStateChanged), whatever
-- its type: a stream's reports are visible to its tenant from the moment it is known, not only
-- from its first view (issue 17: a dashboard opened before the doors open answered 404), and
-- exports can print its title. Tenant and type never change; title and state follow the newest
-- change.
create table known_stream (
    stream_id    varchar(64)  primary key,
    tenant_id    varchar(128) not null,
    stream_type  varchar(20)  not null,
    title        text,
    state        varchar(20)  not null,
    changed_at   timestamptz  not null
);
create index known_stream_tenant on known_stream (tenant_id);
