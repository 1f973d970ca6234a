-- A case is a state machine (cn.grants.domain.cases.Stage): its stage is one of the stages that type declares, always
-- set (a case is created as a DRAFT), and its status one of CaseStatus. GrantCaseStateMachineIntegrationTest checks
-- that these lists name exactly the constants of the two enums.
alter table grant_case alter column current_stage set not null;
alter table grant_case add constraint grant_case_stage_known check (current_stage in (
    'DRAFT', 'SUBMITTED', 'FORMAL_CHECK', 'CORRECTION', 'EXPERT_REVIEW', 'SPECIAL_AUDIT', 'CALCULATION',
    'AWAITING_BATCH', 'PUBLICITY', 'ON_HOLD', 'FUNDING_PLAN', 'MILESTONE_REVIEW', 'MATCHING_REVIEW',
    'FINANCE_APPROVAL', 'PAYOUT', 'TRANCHE_PAID', 'PAID', 'CLAWBACK', 'CLAWED_BACK', 'REJECTED', 'LAPSED'));
alter table grant_case add constraint grant_case_status_known check (status in (
    'DRAFT', 'IN_PROGRESS', 'RETURNED', 'REJECTED', 'LAPSED', 'PAID', 'CLAWED_BACK'));
