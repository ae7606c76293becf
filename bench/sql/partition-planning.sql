-- How a view batch's join statements plan with a year of day partitions (bench/RESULTS.md
-- "session 14, partitions"). Self-contained, in a schema of its own, for any PostgreSQL 18:
--   psql -X -q -f bench/sql/partition-planning.sql | grep -E '^ *==|Planning Time|Execution Time'
-- view_session as analytics keeps it (V11-V15: by day of opening, its seven indexes), 406 days of
-- partitions, 20,000 sessions on one day; each statement run ten times in one session, as a pooled
-- connection runs it: five custom plans, then PostgreSQL weighs a generic one.
drop schema if exists partition_planning cascade;
create schema partition_planning;
set search_path = partition_planning;
create table view_session (
  stream_id varchar(64) not null, session_id varchar(64) not null, opened_at timestamptz not null,
  tenant_id varchar(64) not null, stream_type varchar(16) not null, viewer_id varchar(128) not null,
  channel varchar(64), playback varchar(16), device varchar(16), link_id varchar(64),
  started_at timestamptz not null, last_seen_at timestamptz not null, ended_at timestamptz,
  joined_at timestamptz, left_at timestamptz, ended_by varchar(16),
  primary key (session_id, stream_id, opened_at)) partition by range (opened_at);
create table view_session_default partition of view_session default;
create index on view_session (stream_id, started_at);
create index on view_session (tenant_id, started_at);
create index on view_session (link_id) where ended_at is null;
create index on view_session (tenant_id, viewer_id) where ended_at is null;
create index on view_session (stream_id) where ended_at is null;
create index on view_session (stream_id, ended_at) where ended_by <> 'TIMEOUT';
create index on view_session (stream_id, ended_at) where ended_by = 'TIMEOUT';
do $$ begin for d in 0..405 loop
  execute format('create table view_session_p%s partition of view_session for values from (%L) to (%L) with (fillfactor=50)',
    to_char(date '2025-10-27' + d, 'YYYYMMDD'), date '2025-10-27' + d, date '2025-10-27' + d + 1);
end loop; end $$;
create table link_revocation (link_id varchar(64) primary key, revoked_at timestamptz not null);
insert into view_session select 'stream-'||(i%10), 'session-'||i, timestamptz '2026-11-30', 't', 'MINI_PROGRAM', 'v'||i, 'wechat','LIVE','MOBILE','link-1', now(), now(), null, now(), null, null from generate_series(1,20000) i;
analyze view_session;
prepare hb_unbounded(text[], text[], timestamptz[], timestamptz[], timestamptz[]) as
update view_session as s set started_at = least(s.started_at, u.started_at), last_seen_at = greatest(s.last_seen_at, u.last_seen_at)
from unnest($1, $2, $3, $4, $5) with ordinality as u(session_id, stream_id, opened_at, started_at, last_seen_at, position)
where s.session_id = u.session_id and s.stream_id = u.stream_id and s.opened_at = u.opened_at returning u.position;
prepare hb_bounded(text[], text[], timestamptz[], timestamptz[], timestamptz[], timestamptz, timestamptz) as
update view_session as s set started_at = least(s.started_at, u.started_at), last_seen_at = greatest(s.last_seen_at, u.last_seen_at)
from unnest($1, $2, $3, $4, $5) with ordinality as u(session_id, stream_id, opened_at, started_at, last_seen_at, position)
where s.session_id = u.session_id and s.stream_id = u.stream_id and s.opened_at = u.opened_at
and s.opened_at >= cast($6 as timestamptz) and s.opened_at <= cast($7 as timestamptz) returning u.position;
prepare rev_unbounded(text[]) as update view_session s set ended_at = greatest(s.started_at, r.revoked_at), ended_by = 'REVOKED' from link_revocation r where r.link_id = any($1) and s.link_id = r.link_id and (s.ended_at is null or (s.ended_at > greatest(s.started_at, r.revoked_at) and s.ended_by not in ('REVOKED','MEMBER_LEFT'))) returning s.stream_id;
prepare rev_bounded(text[], timestamptz, timestamptz) as update view_session s set ended_at = greatest(s.started_at, r.revoked_at), ended_by = 'REVOKED' from link_revocation r where r.link_id = any($1) and s.link_id = r.link_id and (s.ended_at is null or (s.ended_at > greatest(s.started_at, r.revoked_at) and s.ended_by not in ('REVOKED','MEMBER_LEFT'))) and s.opened_at >= cast($2 as timestamptz) and s.opened_at <= cast($3 as timestamptz) returning s.stream_id;
\echo == hb_unbounded
begin;
explain (analyze, summary, costs off, timing off) execute hb_unbounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()]);
explain (analyze, summary, costs off, timing off) execute hb_unbounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()]);
explain (analyze, summary, costs off, timing off) execute hb_unbounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()]);
explain (analyze, summary, costs off, timing off) execute hb_unbounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()]);
explain (analyze, summary, costs off, timing off) execute hb_unbounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()]);
explain (analyze, summary, costs off, timing off) execute hb_unbounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()]);
explain (analyze, summary, costs off, timing off) execute hb_unbounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()]);
explain (analyze, summary, costs off, timing off) execute hb_unbounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()]);
explain (analyze, summary, costs off, timing off) execute hb_unbounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()]);
explain (analyze, summary, costs off, timing off) execute hb_unbounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()]);
rollback;
\echo == hb_bounded
begin;
explain (analyze, summary, costs off, timing off) execute hb_bounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute hb_bounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute hb_bounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute hb_bounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute hb_bounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute hb_bounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute hb_bounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute hb_bounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute hb_bounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute hb_bounded(array['session-1','session-2'], array['stream-1','stream-2'], array['2026-11-30','2026-11-30']::timestamptz[], array[now(),now()], array[now(),now()], '2026-11-30', '2026-11-30');
rollback;
\echo == rev_unbounded
begin;
explain (analyze, summary, costs off, timing off) execute rev_unbounded(array['link-1','link-2']);
explain (analyze, summary, costs off, timing off) execute rev_unbounded(array['link-1','link-2']);
explain (analyze, summary, costs off, timing off) execute rev_unbounded(array['link-1','link-2']);
explain (analyze, summary, costs off, timing off) execute rev_unbounded(array['link-1','link-2']);
explain (analyze, summary, costs off, timing off) execute rev_unbounded(array['link-1','link-2']);
explain (analyze, summary, costs off, timing off) execute rev_unbounded(array['link-1','link-2']);
explain (analyze, summary, costs off, timing off) execute rev_unbounded(array['link-1','link-2']);
explain (analyze, summary, costs off, timing off) execute rev_unbounded(array['link-1','link-2']);
explain (analyze, summary, costs off, timing off) execute rev_unbounded(array['link-1','link-2']);
explain (analyze, summary, costs off, timing off) execute rev_unbounded(array['link-1','link-2']);
rollback;
\echo == rev_bounded
begin;
explain (analyze, summary, costs off, timing off) execute rev_bounded(array['link-1','link-2'], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute rev_bounded(array['link-1','link-2'], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute rev_bounded(array['link-1','link-2'], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute rev_bounded(array['link-1','link-2'], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute rev_bounded(array['link-1','link-2'], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute rev_bounded(array['link-1','link-2'], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute rev_bounded(array['link-1','link-2'], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute rev_bounded(array['link-1','link-2'], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute rev_bounded(array['link-1','link-2'], '2026-11-30', '2026-11-30');
explain (analyze, summary, costs off, timing off) execute rev_bounded(array['link-1','link-2'], '2026-11-30', '2026-11-30');
rollback;
drop schema partition_planning cascade;
