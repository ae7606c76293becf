-- The media server's callbacks drive a stream's state: publishing makes it LIVE; when the encoder
-- goes away the time is kept, and the stream ends once it stays away longer than the grace
-- (encoders drop and reconnect). Null while an encoder is publishing or before the first.
alter table live_stream add column encoder_left_at timestamptz;
create index live_stream_encoder_left on live_stream (encoder_left_at)
    where encoder_left_at is not null;

-- A tenant's own WeChat mini-program; tenants without a row use the configured default.
create table tenant_mini_program (
    tenant_id   varchar(128) primary key,
    app_id      varchar(32)  not null,
    page        varchar(200),
    updated_by  varchar(128) not null,
    updated_at  timestamptz  not null
);
