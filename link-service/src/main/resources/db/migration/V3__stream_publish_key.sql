-- The secret a broadcaster's encoder presents to the media server, which asks us (on_publish).
alter table live_stream add column publish_key varchar(64);
alter table live_stream add column created_by_admin boolean not null default false;
update live_stream set publish_key = md5(random()::text || id) where publish_key is null;
alter table live_stream alter column publish_key set not null;
