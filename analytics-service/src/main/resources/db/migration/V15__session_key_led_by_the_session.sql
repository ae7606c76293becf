-- Issue 14: a view session's key leads with the session, not the stream. Led by the stream, the key
-- was also an index of "the stream's sessions that day", and the window closer's presence read
-- (WindowSessions) could take it instead of view_session_stream_left: with a day partition's young
-- statistics the planner often did, and read every session of the stream opened that day (each
-- one's heap row) to keep those that left after the range began; auto_explain in the ingestion
-- bench showed three to five times the pages of the stream_left plan per call. Led by the session,
-- the key serves what it is for (one session's row: the copy and the upsert's conflict, a second
-- JOIN's lookup) and no read by stream can choose it. The day partitions get the same key when
-- they are attached (DayPartitions).
do $$
declare
    key_name text;
begin
    -- V11 made the key while the table it replaced still held the name view_session_pkey.
    select conname into strict key_name from pg_constraint
     where conrelid = 'view_session'::regclass and contype = 'p';
    execute format('alter table view_session drop constraint %I', key_name);
end $$;
alter table view_session add constraint view_session_pkey primary key (session_id, stream_id, opened_at);
