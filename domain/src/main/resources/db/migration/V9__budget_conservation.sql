-- Money never beyond the budget (issue 10).
--
-- A commitment that ends keeps what was paid and releases only the unpaid remainder: `committed` is what the
-- commitment holds of its budget now (budget.committed = the sum of `committed` over its commitments), `released`
-- what went back to the budget. SETTLED: the case ended after payments, `committed` = what was paid. RELEASED: the
-- case ended with nothing paid, `committed` = 0. `recovered`: paid money a clawback brought back; it stays committed
-- (it is remitted to the treasury, 缴回国库, and never returns to the budget it was committed from).
alter table budget_commitment drop constraint budget_commitment_status_check;
alter table budget_commitment add constraint budget_commitment_status_check
    check (status in ('COMMITTED', 'SETTLED', 'RELEASED'));
alter table budget_commitment add column released numeric(18, 2) not null default 0 check (released >= 0);
alter table budget_commitment add column recovered numeric(18, 2) not null default 0 check (recovered >= 0);
alter table budget_commitment add constraint budget_commitment_recovered_paid check (recovered <= committed);
-- released commitments held their whole amount in `committed`; they hold nothing now
update budget_commitment set released = committed, committed = 0 where status = 'RELEASED';

alter table clawback add column recovered_amount numeric(18, 2)
    check (recovered_amount >= 0 and recovered_amount <= amount);
update clawback set recovered_amount = amount where recovered_at is not null;

-- A round's measures each have a budget for the round's year, or an officer's recorded decision that the measure is
-- not limited (the measures, the reason; by the round's creator when it was opened).
alter table funding_round add column unlimited_measures jsonb not null default '[]';
alter table funding_round add column unlimited_reason text;
-- rounds opened before the decision was required: their measures without a budget were not limited
update funding_round r
   set unlimited_measures = coalesce((select jsonb_agg(m.measure) from jsonb_array_elements_text(r.measures) m(measure)
                                       where not exists (select 1 from budget b
                                                          where b.programme = m.measure and b.year = r.year)),
                                     '[]'),
       unlimited_reason = '开放时未设预算（V9 迁移记录） opened without a budget before a no-limit decision was required'
 where exists (select 1 from jsonb_array_elements_text(r.measures) m(measure)
                where not exists (select 1 from budget b where b.programme = m.measure and b.year = r.year));
