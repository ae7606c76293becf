-- While a stream's events keep arriving, its windows close no later than the latest window they
-- reached (event_watermark): a backlog being drained is computed as it is consumed, not ahead of it
-- and then again as corrections. Once none has arrived for a moment (last_event_arrived_at), the
-- windows close on the clock alone. Cursors from before have neither and close on the clock.
alter table rollup_cursor add column event_watermark timestamptz;
alter table rollup_cursor add column last_event_arrived_at timestamptz;

-- The latest window each consumer transaction touched per stream, next to the earliest. Touches
-- appended before this migration are folded in as touching only their earliest window.
alter table rollup_touch add column latest_window_start timestamptz;
update rollup_touch set latest_window_start = window_start;
alter table rollup_touch alter column latest_window_start set not null;
