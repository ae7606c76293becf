-- Directory groups: a tenant admin's own (MANUAL) or a training class's activated students
-- (TRAINING_CLASS, kept to the class's latest snapshot). Streams bound to a group issue member
-- links to its members only (link-service learns them from DirectoryGroupChanged).
create table directory_group (
    tenant_id    varchar(64)  not null references tenant (id),
    id           varchar(128) not null,
    name         varchar(200) not null,
    origin       varchar(20)  not null,
    class_id     varchar(128),
    class_code   varchar(32),
    -- The syncedAt of the class snapshot applied last: an older snapshot arriving late is ignored.
    synced_at    timestamptz,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    -- Kept as a tombstone, so a snapshot taken before the deletion cannot bring the group back.
    deleted_at   timestamptz,
    primary key (tenant_id, id),
    constraint directory_group_origin check (
        (origin = 'MANUAL' and class_id is null)
        or (origin = 'TRAINING_CLASS' and class_id is not null and class_code is not null))
);
create index directory_group_listed on directory_group (tenant_id, name) where deleted_at is null;

create table directory_group_member (
    tenant_id   varchar(64)  not null,
    group_id    varchar(128) not null,
    member_id   varchar(128) not null,
    added_at    timestamptz  not null,
    primary key (tenant_id, group_id, member_id),
    foreign key (tenant_id, group_id) references directory_group (tenant_id, id),
    foreign key (tenant_id, member_id) references member (tenant_id, id)
);
create index directory_group_member_member on directory_group_member (tenant_id, member_id);
