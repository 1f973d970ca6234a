-- Operations (nothing hangs unseen). Named V12: V11 is reserved for the case state machine of another branch.

-- Every technical failure of a job, one row per element instance (a step retried after a repair is a new element
-- instance, so a new row): the first and last failure, the attempts, the last error. RETRYING while the engine retries
-- with backoff; FAILED when the last retry failed (the worker threw TECHNICAL_FAILURE: the model's repair task, or an
-- incident where the model has no repair boundary); RESOLVED when an officer retried or skipped it in the repair task.
create table job_failure (
    id                   uuid primary key,
    engine_epoch         varchar(100)  not null,
    element_instance_key bigint        not null,
    process_instance_key bigint        not null,
    case_id              uuid references grant_case (id),
    round_id             uuid references funding_round (id),
    job_type             varchar(100)  not null,
    element_id           varchar(100)  not null,
    error                text          not null,
    attempts             int           not null check (attempts > 0),
    first_failed_at      timestamptz   not null,
    last_failed_at       timestamptz   not null,
    status               varchar(10)   not null check (status in ('RETRYING', 'FAILED', 'RESOLVED')),
    resolution           varchar(10)   check (resolution in ('RETRY', 'SKIP')),
    resolved_by          varchar(100),
    resolved_at          timestamptz,
    resolution_reason    text,
    unique (engine_epoch, element_instance_key),
    check ((status = 'RESOLVED') = (resolution is not null and resolved_by is not null and resolved_at is not null)),
    check (resolution is distinct from 'SKIP' or length(trim(resolution_reason)) > 0)
);
create index job_failure_open on job_failure (last_failed_at) where status <> 'RESOLVED';

-- A case an officer took out of its round's batch (a stuck case the round need not wait for), with who, when, why.
-- The round's review check counts it as settled and the batch never commits it.
create table batch_exclusion (
    case_id     uuid primary key references grant_case (id),
    round_id    uuid          not null references funding_round (id),
    reason      text          not null check (length(trim(reason)) > 0),
    excluded_by varchar(100)  not null,
    excluded_at timestamptz   not null
);
create index batch_exclusion_round on batch_exclusion (round_id);
