-- Issue 14, ingestion cost: every text column of this service holds identifiers, codes and names
-- that are compared for equality and kept in index order, never sorted for people to read. Under
-- the database's libc collation (C.UTF-8 on the embedded server, en_US.UTF-8 on many others) each
-- comparison goes through strcoll and the indexes cannot use abbreviated keys; "C" compares bytes,
-- which is the same order as C.UTF-8's code points and a tenth of the cost of a view_session row's
-- index maintenance. All columns change together, so no comparison mixes two collations (the
-- tables service-commons shares are left as they are, as they are on a new database).
do $$
declare
    c record;
begin
    for c in
        select col.table_name, col.column_name, col.data_type, col.character_maximum_length
        from information_schema.columns col
        join pg_class rel on rel.relname = col.table_name
        join pg_namespace ns on ns.oid = rel.relnamespace and ns.nspname = col.table_schema
        where col.table_schema = current_schema()
          and col.data_type in ('character varying', 'text')
          and not rel.relispartition
          and rel.relkind in ('r', 'p')
          and col.table_name not like 'flyway%'
          -- service-commons' tables, created after the versioned migrations on a new database
          and col.table_name not in ('outbox_message', 'processed_event', 'consumer_offset')
        order by col.table_name, col.ordinal_position
    loop
        execute format('alter table %I alter column %I type %s collate "C"',
                       c.table_name, c.column_name,
                       case when c.data_type = 'text' then 'text'
                            else format('varchar(%s)', c.character_maximum_length) end);
    end loop;
end $$;

-- Only ENTERPRISE sessions are read by tenant (members' daily rollups, departures): the index need
-- not carry the MINI_PROGRAM and H5 sessions that are most of the rows written.
drop index view_session_member_time;
create index view_session_member_time on view_session (tenant_id, started_at)
    where stream_type = 'ENTERPRISE';

-- Nothing reads first joins by time since windows take their new viewers from the counts written
-- with the batch (stream_second_count.new_viewers): the index only cost every first join a write.
drop index stream_viewer_first_join;
