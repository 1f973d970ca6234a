-- 核定: where a clause gives only a ceiling (最高/不超过), an officer determines the amount, with the reason, at most the
-- ceiling the rule computed; the experts may recommend an amount when they score.
alter table grant_case add column determined_amount numeric(18, 2) check (determined_amount >= 0);
alter table grant_case add column determination_reason text;
alter table grant_case add column determined_by varchar(100);
alter table grant_case add column determined_at timestamptz;
alter table grant_case add constraint grant_case_determination_complete check (
    (determined_amount is null) = (determination_reason is null)
    and (determined_amount is null) = (determined_by is null)
    and (determined_amount is null) = (determined_at is null));
alter table grant_case add constraint grant_case_determined_within_ceiling
    check (determined_amount is null or (calculated_amount is not null and determined_amount <= calculated_amount));
alter table expert_draw add column recommended_amount numeric(18, 2) check (recommended_amount >= 0);
