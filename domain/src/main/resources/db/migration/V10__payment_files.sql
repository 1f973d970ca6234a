-- Every pain.001 file an export wrote: kept in object storage with its checksum, so that it can be downloaded again,
-- and the instructions it carries (payout.export_message_id). Instructions an export left out (a field the bank
-- format refuses) are listed with the reason.
create table payment_file (
    message_id   varchar(35)    primary key,
    created_at   timestamptz    not null,
    created_by   varchar(100)   not null,
    transactions int            not null check (transactions > 0),
    control_sum  numeric(18, 2) not null check (control_sum > 0),
    sha256       varchar(64)    not null check (length(sha256) = 64),
    object_key   varchar(200)   not null unique,
    skipped      text
);
create index payout_not_exported on payout (created_at) where exported_at is null;
