-- When the case's publicity (公示) ends: shown to the applicant as "what is next, by when".
alter table grant_case add column publicity_ends timestamptz;
