-- Issue 14: a round's batch plan (every case of the batch with its amount and rank, 2,000 lines in a large round) in
-- a table of its own. On funding_round it was read and parsed with the round, and the round is read for each case
-- (the funding plan line, the tranches): at N = 2,000 the publicity → funding plan phase spent most of its worker
-- time parsing the same plan 4,000 times (docs/performance.md, "What limits the embedded default", 9).
create table round_batch_plan (
    round_id   uuid        primary key references funding_round (id),
    plan       jsonb       not null,
    planned_at timestamptz not null
);
insert into round_batch_plan (round_id, plan, planned_at)
    select id, batch_plan, updated_at from funding_round where batch_plan is not null;
alter table funding_round drop column batch_plan;
