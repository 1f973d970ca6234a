-- Eligibility checked item by item: per case and condition of its measure (catalogue/reference/eligibility.yaml), the
-- applicant's answer, what the system concludes from it (computable conditions), and the officer's mark with a note in
-- the formal check. A case passes the formal check only with every condition met.
create table case_condition (
    id uuid primary key,
    case_id uuid not null references grant_case (id),
    condition_id varchar(80) not null,
    answer varchar(100),
    system_mark varchar(8) check (system_mark in ('MET', 'NOT_MET')),
    system_reason text,
    officer_mark varchar(8) check (officer_mark in ('MET', 'NOT_MET')),
    officer_note text,
    marked_by varchar(100),
    marked_at timestamptz,
    unique (case_id, condition_id),
    -- a mark is recorded with who made it and when; an unmet mark with its note; an officer cannot overrule the
    -- system's "not met" (the applicant corrects the answer instead)
    check ((officer_mark is null) = (marked_by is null) and (officer_mark is null) = (marked_at is null)),
    check (officer_mark is distinct from 'NOT_MET' or (officer_note is not null and officer_note <> '')),
    check (not (system_mark = 'NOT_MET' and officer_mark = 'MET'))
);
