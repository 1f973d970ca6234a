-- The flood limits' token buckets, shared by every application instance (issue 14): n instances no longer give a
-- client n times the limit. One row per limit and key ("quotes:203.0.113.7"); tokens and the time they were counted
-- at, with the bucket's capacity and refill rate (tokens per second). A bucket untouched for a whole period is full
-- again, the same as no row: the cleanup (SharedBuckets.forgetFull) deletes it.
create table rate_limit_bucket (
    bucket_key varchar(300) primary key,
    tokens     double precision not null,
    taken      boolean not null,
    capacity   double precision not null,
    rate       double precision not null,
    updated_at timestamp with time zone not null
);
create index rate_limit_bucket_updated on rate_limit_bucket (updated_at);
