-- Issue 14, the window closer's presence read: an ended session is present until its end, or, if
-- silence ended it (at its last heartbeat), until the session timeout after that. With one index
-- of ended sessions by end, every read of "present after t" walked the sessions ended in the
-- timeout before t and dropped on the heap those that left by LEAVE before t: in a stream with
-- churn, most of what a live second's rollup read. Indexed apart, each kind is read from where it
-- can still be present: those that left from t, those silence ended from t minus the timeout.
-- Every ended session is still in exactly one index (ended_by is set exactly when ended_at is),
-- so ending a session costs the index write it did.
drop index view_session_stream_ended;
create index view_session_stream_left on view_session (stream_id, ended_at)
    where ended_by <> 'TIMEOUT';
create index view_session_stream_silent on view_session (stream_id, ended_at)
    where ended_by = 'TIMEOUT';
