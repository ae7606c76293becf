-- ENTERPRISE links are issued per member; the link id travels in the URL as its nonce.
alter table stream_link add column member_id varchar(128);
create index stream_link_member on stream_link (tenant_id, member_id) where member_id is not null;
