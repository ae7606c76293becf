-- Runs once, when the postgres container starts on an empty data volume (docker-compose.yml).
-- The services log in as livelink, the owner of the livelink database, so Flyway can create each
-- service's schema (link, permission, analytics) at start. The password comes from the
-- container's LIVELINK_DB_PASSWORD (set in .env), never from this file.
\getenv livelink_password LIVELINK_DB_PASSWORD
CREATE ROLE livelink LOGIN PASSWORD :'livelink_password';
CREATE DATABASE livelink OWNER livelink;
