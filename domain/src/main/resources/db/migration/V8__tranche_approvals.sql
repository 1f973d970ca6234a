-- The finance approvals of each tranche, recorded by the task inbox when a finance officer approves it: the only
-- authority execute-payout accepts (never a job variable). The first approval records the approver's limit; a
-- tranche above it needs a second approval by another finance officer whose limit covers it.
create table tranche_approval (
    id             bigserial primary key,
    case_id        uuid           not null references grant_case (id),
    tranche_number int            not null,
    level          varchar(10)    not null check (level in ('FIRST', 'SECOND')),
    approver       varchar(100)   not null,
    approver_limit numeric(18, 2) not null check (approver_limit >= 0),
    amount         numeric(18, 2) not null check (amount > 0),
    task_id        uuid           not null references user_task (id),
    approved_at    timestamptz    not null,
    unique (case_id, tranche_number, level),
    foreign key (case_id, tranche_number) references tranche (case_id, number)
);
