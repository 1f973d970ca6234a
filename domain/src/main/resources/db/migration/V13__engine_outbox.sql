-- Engine commands that follow a database change (complete a user task's job, publish a message): written in the
-- same transaction as the change and handed to the engine only after it committed, retried until the engine takes
-- them. A command is idempotent on the engine side (a job completes once; a message id is published once within its
-- time to live), so a retry after an unknown outcome cannot act twice.
create table engine_command (
    id                  uuid          primary key,
    kind                varchar(30)   not null check (kind in ('COMPLETE_JOB', 'PUBLISH_MESSAGE', 'CANCEL_INSTANCE')),
    engine_epoch        varchar(64)   not null,
    case_id             uuid,
    task_id             uuid,
    job_key             bigint,
    process_instance_key bigint,
    message_name        varchar(100),
    correlation_key     varchar(100),
    message_id          varchar(100),
    time_to_live        varchar(40),
    variables           jsonb,
    status              varchar(20)   not null check (status in ('PENDING', 'APPLIED', 'GONE', 'ATTENTION')),
    created_at          timestamptz   not null,
    attempts            int           not null default 0,
    next_attempt_at     timestamptz   not null,
    in_flight_since     timestamptz,
    uncertain_since     timestamptz,
    last_error          text,
    applied_at          timestamptz,
    check (kind <> 'COMPLETE_JOB' or job_key is not null),
    check (kind <> 'PUBLISH_MESSAGE' or (message_name is not null and correlation_key is not null
                                         and message_id is not null and time_to_live is not null)),
    check (kind <> 'CANCEL_INSTANCE' or process_instance_key is not null)
);
create index engine_command_due on engine_command (next_attempt_at) where status = 'PENDING';
create index engine_command_case on engine_command (case_id);
