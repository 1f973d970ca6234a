-- Issue 13: decisions process owners own (DMN) and moving running cases to a newer model version.

-- the timeline names the decision and row that applied (DECIDED) and a move to another model version (MIGRATED)
alter table case_timeline drop constraint case_timeline_event_check;
alter table case_timeline add constraint case_timeline_event_check
    check (event in ('ENTERED', 'LEFT', 'DECIDED', 'MIGRATED'));

-- the review route decided for the case (decision review-route): the scores are aggregated against its pass score
alter table grant_case
    add column review_experts    int           check (review_experts between 1 and 15),
    add column review_pass_score numeric(5, 2) check (review_pass_score between 0 and 100),
    add column review_audit      boolean,
    add column review_route      varchar(300);

-- every deployed version of a decision (DMN), as process_model keeps every deployed process
create table decision_model (
    id                     bigserial primary key,
    engine_epoch           varchar(64)  not null,
    decision_key           bigint       not null,
    decision_id            varchar(100) not null,
    name                   varchar(200),
    version                int          not null,
    resource_name          varchar(200) not null,
    xml                    text         not null,
    deployed_at            timestamptz  not null,
    deployed_by            varchar(100) not null,
    unique (engine_epoch, decision_key)
);
create index decision_model_id on decision_model (decision_id, version);
