-- Issue 14, ingestion cost of watching viewers: players send a HEARTBEAT every 15 s, so most view
-- events only move an open session's last_seen_at. Two indexes carried last_seen_at, so every
-- heartbeat was a new row version with an entry in each of the six indexes an open session is in
-- (69 us of PostgreSQL CPU per event in the bench's WATCHING mix, against 21 us for JOINs and
-- LEAVEs). With no index on the columns a heartbeat changes, and room left on each page for the
-- new version, PostgreSQL updates the row in place (a heap-only tuple): no index is touched.
--
-- Presence is found instead by what changes once per session: open sessions (ended_at is null) by
-- stream, ended ones by stream and end. A session ended by silence ends at its last heartbeat, so
-- "present after t" is "open, or ended after t minus the session timeout" (WindowSessions).
drop index view_session_stream_last_seen;
drop index view_session_open_since;
create index view_session_stream_ended on view_session (stream_id, ended_at)
    where ended_at is not null;
create index view_session_open on view_session (stream_id) where ended_at is null;
-- A new version goes on its row's page only if the page has room. The sessions on a page were
-- opened at about the same time, so their heartbeats come in the same batch and each needs room
-- for its new version while the old one is still live: leave half of each page free (the bench's
-- WATCHING mix: 52 % of updates heap-only at fillfactor 80, 86 % at 50). The partitions made at run
-- time get the same (DayPartitions); a day of sessions takes about twice the disk it did.
do $$
declare
    p record;
begin
    for p in
        select child.relname
        from pg_inherits i
        join pg_class parent on parent.oid = i.inhparent
        join pg_class child on child.oid = i.inhrelid
        where parent.relname = 'view_session'
          and parent.relnamespace = (select oid from pg_namespace where nspname = current_schema())
    loop
        execute format('alter table %I set (fillfactor = 50)', p.relname);
    end loop;
end $$;
