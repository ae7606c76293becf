-- Issue 14, retention: the per-window tables and the late events are partitioned by UTC day, so a
-- query of a range reads only its days and a day past the retention is dropped as a whole
-- (DayPartitions), whatever the history's size. Each table gets a default partition for rows of a
-- day that has none yet; here every existing row goes there, and DayPartitions moves them into
-- their day's partition at startup (and creates the days ahead).
--
-- A partitioned table's primary key must contain the partition column: the window tables' keys
-- already do; a late event's becomes (event_id, occurred_at), the same event always having the same
-- time, so it is still kept once.

do $$
declare
    t record;
begin
    for t in select * from (values
        ('stream_second_count', 'second', 'stream_id, second'),
        ('stream_minute_count', 'minute', 'stream_id, minute, channel'),
        ('stream_second', 'second', 'stream_id, second'),
        ('stream_minute', 'minute', 'stream_id, minute, channel'),
        ('late_view_event', 'occurred_at', 'event_id, occurred_at')) as v(name, day_column, key)
    loop
        execute format('alter table %I rename to %I', t.name, t.name || '_unpartitioned');
        execute format('alter index %I rename to %I', t.name || '_pkey',
                       t.name || '_unpartitioned_pkey');
        execute format('create table %I (like %I including defaults) partition by range (%I)',
                       t.name, t.name || '_unpartitioned', t.day_column);
        execute format('alter table %I add primary key (%s)', t.name, t.key);
        execute format('create table %I partition of %I default', t.name || '_default', t.name);
        execute format('insert into %I select * from %I', t.name, t.name || '_unpartitioned');
        execute format('drop table %I', t.name || '_unpartitioned');
    end loop;
end
$$;
