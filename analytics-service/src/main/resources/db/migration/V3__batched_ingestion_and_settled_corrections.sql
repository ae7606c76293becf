-- Window closing no longer follows every event back in time (issue 5, performance). next_start is
-- now only the first window never computed and only moves forward; an event for a window already
-- computed marks a correction instead: correct_from is the earliest window to compute again,
-- corrected_since when the first such event arrived, corrected_at the latest. The closer computes a
-- correction once no event has touched it for a short while (or it has waited long enough), so a
-- backlog that keeps touching the same windows has them computed once, not once per event.
alter table rollup_cursor add column correct_from timestamptz;
alter table rollup_cursor add column corrected_since timestamptz;
alter table rollup_cursor add column corrected_at timestamptz;

-- Windows are computed for a range at once: the first joins per window of a range, and the sessions
-- that may still be present in it (presence ends at most the session timeout after the last sign
-- of life), without reading a stream's whole history.
create index stream_viewer_first_join on stream_viewer (stream_id, first_join_at);
create index view_session_stream_last_seen on view_session (stream_id, last_seen_at);
