-- Issue 14: exactly once by offsets, not by per-event marks. Each partition's next offset is stored
-- here in the transaction that applies its records; the consumer seeks to it on assignment and skips
-- any record below it, so a redelivered batch changes nothing. No processed_event row per view.
create table consumer_offset (
    consumer     varchar(100) not null,
    topic        varchar(249) not null,
    partition    int          not null,
    next_offset  bigint       not null,
    updated_at   timestamptz  not null,
    primary key (consumer, topic, partition)
);

-- View facts are applied by session: the JOIN and the LEAVE of a session are recorded once (the
-- first seen), so the same view produced twice (the producer's outbox fallback) changes nothing.
-- joined_at and left_at never move once set: the windows they were counted in stay the same.
alter table view_session add column joined_at timestamptz;
alter table view_session add column left_at timestamptz;
update view_session set joined_at = started_at;
update view_session set left_at = ended_at where ended_by = 'LEAVE';

-- What the windows count, kept per window as the consumer adds to it (one upsert per window a batch
-- touched) rather than per event: joins, leaves and first joins of viewers per second (MINI_PROGRAM),
-- joins per minute and channel (H5). Presence figures (concurrency, unique viewers per minute,
-- watch seconds, peaks) come from the per-session rows.
create table stream_second_count (
    stream_id    varchar(128) not null,
    second       timestamptz  not null,
    joins        bigint       not null,
    leaves       bigint       not null,
    new_viewers  bigint       not null,
    primary key (stream_id, second)
);

create table stream_minute_count (
    stream_id  varchar(128) not null,
    minute     timestamptz  not null,
    channel    varchar(128) not null,
    views      bigint       not null,
    primary key (stream_id, minute, channel)
);

insert into stream_second_count (stream_id, second, joins, leaves, new_viewers)
select stream_id, second, sum(joins), sum(leaves), sum(new_viewers)
from (
    select stream_id, date_trunc('second', occurred_at) as second,
           count(*) filter (where kind = 'JOIN') as joins,
           count(*) filter (where kind = 'LEAVE') as leaves, 0 as new_viewers
    from view_event group by 1, 2
    union all
    select stream_id, date_trunc('second', first_join_at), 0, 0, count(*)
    from stream_viewer group by 1, 2
) c
group by 1, 2;

insert into stream_minute_count (stream_id, minute, channel, views)
select stream_id, date_trunc('minute', occurred_at), channel, count(*)
from view_event where kind = 'JOIN' group by 1, 2, 3;

-- Every view event was kept here, growing without bound; the counts above replace it.
drop table view_event;
