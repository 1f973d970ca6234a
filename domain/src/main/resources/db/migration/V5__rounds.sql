-- Funding rounds (批次), their batch decision and funding plan (资助计划); objections during publicity (公示);
-- tranches (分期拨付), payees for the payment instructions, and clawbacks (追回).
create table funding_round (
    id                   uuid primary key,
    name                 varchar(200)  not null,
    measures             jsonb         not null,
    year                 int           not null,
    window_opens         timestamptz   not null,
    window_closes        timestamptz   not null,
    experts_per_case     int           not null check (experts_per_case between 1 and 15),
    pass_score           numeric(5, 2) not null,
    status               varchar(20)   not null check (status in ('OPEN', 'REVIEWING', 'DECIDING', 'PUBLICITY', 'CLOSED')),
    engine_epoch         varchar(64),
    process_instance_key bigint,
    batch_plan           jsonb,
    publicity_ends       timestamptz,
    plan_number          varchar(40),
    created_by           varchar(100)  not null,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    version              bigint        not null default 0
);

alter table grant_case add column round_id uuid references funding_round (id);
alter table grant_case add column review_score numeric(5, 2);
alter table grant_case add column approved_amount numeric(18, 2);
alter table grant_case add column payee_account_name varchar(200);
alter table grant_case add column payee_account varchar(34);
alter table grant_case add column payee_bank varchar(140);
alter table grant_case add column payee_bank_code varchar(12);
alter table grant_case add column clawback_amount numeric(18, 2);
create index grant_case_round on grant_case (round_id);

create table funding_plan_line (
    id          bigserial primary key,
    round_id    uuid           not null references funding_round (id),
    case_id     uuid           not null references grant_case (id) unique,
    line_no     int            not null,
    amount      numeric(18, 2) not null check (amount > 0),
    listed_at   timestamptz    not null,
    unique (round_id, line_no)
);

create table objection (
    id            uuid primary key,
    case_id       uuid          not null references grant_case (id),
    type          varchar(20)   not null check (type in ('DISSENT', 'COMPLAINT', 'REPORT')),
    named         boolean       not null,
    objector_name varchar(100),
    contact       varchar(100),
    objector_user varchar(100),
    content       text          not null,
    status        varchar(30)   not null check (status in ('REFUSED_ANONYMOUS', 'UNDER_INVESTIGATION', 'UPHELD', 'DISMISSED')),
    received_at   timestamptz   not null,
    decided_at    timestamptz,
    decided_by    varchar(100),
    decision      text
);
create index objection_case on objection (case_id);

create table tranche (
    id       bigserial primary key,
    case_id  uuid           not null references grant_case (id),
    number   int            not null check (number >= 1),
    kind     varchar(20)    not null check (kind in ('ONE_OFF', 'YEARLY', 'MILESTONE', 'MATCHING')),
    amount   numeric(18, 2) not null check (amount > 0),
    due      timestamptz,
    status   varchar(20)    not null check (status in ('PLANNED', 'PAID', 'CANCELLED')),
    unique (case_id, number)
);

alter table payout add column payee_account varchar(34);
alter table payout add column payee_bank varchar(140);
alter table payout add column payee_bank_code varchar(12);
alter table payout add column export_message_id varchar(35);
alter table payout add column exported_at timestamptz;

create table clawback (
    id           bigserial primary key,
    case_id      uuid           not null references grant_case (id) unique,
    amount       numeric(18, 2) not null check (amount > 0),
    reason       text           not null,
    demanded_at  timestamptz    not null,
    recovered_at timestamptz,
    recovered_by varchar(100)
);

alter table user_task add column round_id uuid references funding_round (id);
alter table user_task add column details jsonb;
