-- Repeated objections from the same contact on the same case are merged into the one under investigation: how many
-- filings it holds. A case is held once, however many objections it receives while on hold.
alter table objection add column filings int not null default 1 check (filings >= 1);
