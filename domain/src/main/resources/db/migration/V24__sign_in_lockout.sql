-- Failed sign-ins per user name and per client address, shared by every application instance (issue 14): a
-- lock-out started on one instance holds on all. One row per key ("user:<name>" or "address:<ip>"); failures are the
-- epoch milliseconds of the recent failures within the window, at most max-failures + 1 of them. Rows whose window
-- and lock-out are over are deleted by the cleanup (SignInLockout.forgetExpired).
create table sign_in_lockout (
    lock_key     varchar(200) primary key,
    failures     varchar(2000) not null default '',
    locked_until timestamp with time zone,
    updated_at   timestamp with time zone not null
);
create index sign_in_lockout_updated on sign_in_lockout (updated_at);
