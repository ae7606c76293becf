-- What the batch consumer tests' handlers applied: one row per application, no unique key, so an
-- event applied twice shows as two rows.
create table consumed_probe (
    consumer   varchar(100) not null,
    event_id   varchar(64)  not null,
    member_id  text         not null
);
