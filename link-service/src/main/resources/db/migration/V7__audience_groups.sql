-- Read model of permission-service's directory groups (DirectoryGroupChanged snapshots). An
-- ENTERPRISE stream bound to a group issues and resolves member links for its members only.
create table audience_group (
    tenant_id   varchar(64)  not null,
    group_id    varchar(128) not null,
    name        varchar(200) not null,
    changed_at  timestamptz  not null,
    primary key (tenant_id, group_id)
);

create table audience_group_member (
    tenant_id   varchar(64)  not null,
    group_id    varchar(128) not null,
    member_id   varchar(128) not null,
    primary key (tenant_id, group_id, member_id),
    foreign key (tenant_id, group_id) references audience_group (tenant_id, group_id)
);

alter table live_stream add column audience_group_id varchar(128);

-- A tenant admin's link for themselves passes a bound stream's audience check, at issue and at
-- resolve (where no token says who the admin is).
alter table stream_link add column issued_to_admin boolean not null default false;
