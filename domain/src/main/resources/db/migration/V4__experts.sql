-- Expert review (专家评审): the reviewers drawn for a case, one row per panel slot and attempt (a timed-out
-- expert's slot is drawn again as the next attempt), with who had to sit out and why, and the expert's score.
create table expert_draw (
    id           uuid primary key,
    case_id      uuid          not null references grant_case (id),
    slot         int           not null,
    attempt      int           not null,
    expert_id    varchar(20),
    expert_user  varchar(100),
    expert_name  varchar(100),
    status       varchar(20)   not null check (status in ('ASSIGNED', 'SCORED', 'TIMED_OUT', 'RECUSED', 'NO_EXPERT')),
    exclusions   jsonb         not null,
    drawn_at     timestamptz   not null,
    completed_at timestamptz,
    score        numeric(5, 2),
    criteria     jsonb,
    unique (case_id, slot, attempt)
);
-- the last line of defence: an expert is never drawn twice for a case
create unique index expert_draw_once on expert_draw (case_id, expert_id) where expert_id is not null;
create index expert_draw_user on expert_draw (expert_user, status);
