-- Shared by every service (repeatable, so it must stay idempotent).

-- Transactional outbox: events written with the state change, published by the relay.
create table if not exists outbox_message (
    seq           bigserial primary key,
    event_id      varchar(64)  not null unique,
    topic         varchar(255) not null,
    message_key   varchar(255) not null,
    payload       text         not null,
    created_at    timestamptz  not null
);
-- The W3C trace context of the transaction that wrote the event, so the relay's send (and the
-- consumers after it) belong to the same trace. Null when nothing was traced.
alter table outbox_message add column if not exists traceparent varchar(55);
alter table outbox_message add column if not exists tracestate  varchar(512);

-- Idempotent consumers: the event ids each consumer has applied.
create table if not exists processed_event (
    consumer      varchar(100) not null,
    event_id      varchar(64)  not null,
    processed_at  timestamptz  not null,
    primary key (consumer, event_id)
);

-- Consumers exactly once by offsets (io.livelink.commons.consume): each partition's next offset,
-- stored in the transaction that applies the partition's records (analytics-service's V9 made it
-- first, with the same columns).
create table if not exists consumer_offset (
    consumer     varchar(100) not null,
    topic        varchar(249) not null,
    partition    int          not null,
    next_offset  bigint       not null,
    updated_at   timestamptz  not null,
    primary key (consumer, topic, partition)
);
