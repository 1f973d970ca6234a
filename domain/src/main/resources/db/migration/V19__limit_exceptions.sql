-- Soft limits (一般/原则上): an officer may exceed a measure's soft limit for a case only with a reason, and only once a
-- second officer approves; both are recorded here. The clause's absolute limits (不超过/最高) are never exceeded.
create table limit_exception (
    id uuid primary key,
    case_id uuid not null references grant_case (id),
    measure_id varchar(100) not null,
    kind varchar(10) not null check (kind in ('CAP', 'YEARS')),
    limit_words text not null,
    default_value numeric(18, 2) not null,
    value numeric(18, 2) not null,
    reason text not null check (reason <> ''),
    requested_by varchar(100) not null,
    requested_at timestamptz not null,
    status varchar(10) not null check (status in ('REQUESTED', 'APPROVED', 'REFUSED')),
    decided_by varchar(100),
    decided_at timestamptz,
    decision_note text,
    check (value > default_value),
    check ((status = 'REQUESTED') = (decided_by is null) and (decided_by is null) = (decided_at is null)),
    -- the second officer is another officer
    check (decided_by is null or decided_by <> requested_by)
);
create unique index limit_exception_one_open on limit_exception (case_id) where status = 'REQUESTED';
create index limit_exception_case on limit_exception (case_id);
