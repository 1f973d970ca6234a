-- What a grant funds when it is not the project title (a product and model, a platform, a park): overlap groups of
-- the catalogue allow one application per thing (catalogue/reference/overlaps.yaml).
alter table grant_case add column funded_subject varchar(300);
create index grant_case_credit_code on grant_case (credit_code);

-- The version (digest of its catalogue file) of the policy document the case applies under, recorded at creation:
-- each document has its own effective day and end, and its own version.
alter table grant_case add column document_version varchar(20);
