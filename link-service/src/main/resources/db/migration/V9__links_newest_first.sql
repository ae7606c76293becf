-- A stream's links and a member's links are listed newest first, a page at a time (issue 15):
-- the indexes they already had gain the issue time, so a page is read in index order.
drop index if exists stream_link_stream;
create index stream_link_stream on stream_link (stream_id, issued_at desc);
drop index if exists stream_link_member;
create index stream_link_member on stream_link (tenant_id, member_id, issued_at desc)
    where member_id is not null;
