-- Public (EVERYONE-scope) streams created by members wait for a tenant admin's approval before
-- links are issued; streams created by admins are approved by creation.
alter table live_stream add column description varchar(2000);
alter table live_stream add column approved_by varchar(128);
alter table live_stream add column approved_at timestamptz;
update live_stream set approved_by = created_by, approved_at = created_at;
