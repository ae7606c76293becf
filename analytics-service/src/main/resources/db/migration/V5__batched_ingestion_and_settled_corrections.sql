-- Window closing no longer follows every event back in time (issue 5, performance). next_start is
-- now only the first window never computed and only moves forward; an event for a window already
-- computed marks a correction instead: correct_from is the earliest window to compute again,
-- corrected_since when the first such event arrived, corrected_at the latest. The closer computes a
-- correction once no event has touched it for a short while (or it has waited long enough), so a
-- backlog that keeps touching the same windows has them computed once, not once per event.
alter table rollup_cursor add column correct_from timestamptz;
alter table rollup_cursor add column corrected_since timestamptz;
alter table rollup_cursor add column corrected_at timestamptz;

-- The earliest window each consumer transaction touched per stream, appended with its events and
-- merged into rollup_cursor by the closer before each run. The consumer so never waits for a
-- closer holding a cursor, and a touch committed after a window was computed still reaches it.
create table rollup_touch (
    stream_id     varchar(128) not null,
    window_size   varchar(10)  not null,
    tenant_id     varchar(128) not null,
    window_start  timestamptz  not null,
    touched_at    timestamptz  not null
);

-- Windows are computed for a range at once: the first joins per window of a range, and the sessions
-- that may still be present in it (presence ends at most the session timeout after the last sign
-- of life), without reading a stream's whole history.
create index stream_viewer_first_join on stream_viewer (stream_id, first_join_at);
create index view_session_stream_last_seen on view_session (stream_id, last_seen_at);

-- Each event is applied once (processed_event is the record of that), and view_event is only ever
-- read by stream and time: one index in that order serves both, instead of a second one on the
-- random event id that every insert had to maintain.
alter table view_event drop constraint view_event_pkey;
drop index view_event_stream_time;
alter table view_event add primary key (stream_id, occurred_at, event_id);
