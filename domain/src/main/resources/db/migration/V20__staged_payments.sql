-- Staged payments (里程碑式 / 赛马式) as round data: the method and each stage's share per measure, set when the
-- round opens; a race (赛马) pays stage after stage, each after a stage review that may stop the competitor, and the
-- stages completed stand (the case ends STOPPED, the unpaid remainder released).
alter table funding_round add column stage_plans jsonb not null default '{}'::jsonb;
alter table tranche drop constraint tranche_kind_check;
alter table tranche add constraint tranche_kind_check check (kind in ('ONE_OFF', 'YEARLY', 'MILESTONE', 'MATCHING', 'STAGE'));
alter table grant_case drop constraint grant_case_stage_known;
alter table grant_case add constraint grant_case_stage_known check (current_stage in (
    'DRAFT', 'SUBMITTED', 'FORMAL_CHECK', 'CORRECTION', 'EXPERT_REVIEW', 'SPECIAL_AUDIT', 'CALCULATION',
    'AWAITING_BATCH', 'PUBLICITY', 'ON_HOLD', 'FUNDING_PLAN', 'MILESTONE_REVIEW', 'MATCHING_REVIEW', 'STAGE_REVIEW',
    'FINANCE_APPROVAL', 'PAYOUT', 'TRANCHE_PAID', 'PAID', 'CLAWBACK', 'CLAWED_BACK', 'REJECTED', 'LAPSED', 'STOPPED'));
