-- Budgets per programme (a measure id) and year, and the commitments of approved amounts against them.
create table budget (
    id         bigserial primary key,
    programme  varchar(100)   not null,
    year       int            not null,
    amount     numeric(18, 2) not null check (amount >= 0),
    committed  numeric(18, 2) not null default 0 check (committed >= 0),
    updated_at timestamptz    not null,
    unique (programme, year),
    -- the last line of defence: no transaction can commit more than the budget
    check (committed <= amount)
);

create table budget_commitment (
    id         bigserial primary key,
    budget_id  bigint         not null references budget (id),
    case_id    uuid           not null references grant_case (id),
    requested  numeric(18, 2) not null check (requested >= 0),
    committed  numeric(18, 2) not null check (committed >= 0),
    status     varchar(20)    not null check (status in ('COMMITTED', 'RELEASED')),
    created_at timestamptz    not null,
    unique (budget_id, case_id)
);
