-- Cases, their timeline, documents, the human task inbox, notifications (outbox), payouts and deployed models.
create table grant_case (
    id                      uuid primary key,
    measure_id              varchar(100)  not null,
    catalogue_version       varchar(64),
    rule_id                 varchar(100),
    applicant_user          varchar(100)  not null,
    applicant_name          varchar(200)  not null,
    credit_code             varchar(18)      not null,
    project_title           varchar(300)  not null,
    inputs                  jsonb         not null,
    confirmed_inputs        jsonb,
    status                  varchar(30)   not null,
    current_stage           varchar(60),
    process_instance_key    bigint,
    engine_epoch            varchar(64),
    process_definition_key  bigint,
    calculated_amount       numeric(18, 2),
    capped                  boolean,
    explanation             text,
    paid_amount             numeric(18, 2) not null default 0,
    rejection_reason        text,
    created_at              timestamptz   not null,
    submitted_at            timestamptz,
    updated_at              timestamptz   not null,
    version                 bigint        not null default 0
);
create index grant_case_applicant on grant_case (applicant_user);

create table case_timeline (
    id              bigserial primary key,
    case_id         uuid          not null references grant_case (id),
    stage           varchar(60)   not null,
    event           varchar(10)   not null check (event in ('ENTERED', 'LEFT')),
    at              timestamptz   not null,
    actor           varchar(100)  not null,
    detail          text,
    idempotency_key varchar(200)  not null unique
);
create index case_timeline_case on case_timeline (case_id, id);

create table case_document (
    id           uuid primary key,
    case_id      uuid          not null references grant_case (id),
    kind         varchar(50)   not null,
    file_name    varchar(255)  not null,
    content_type varchar(150)  not null,
    size_bytes   bigint        not null,
    sha256       varchar(64)      not null,
    object_key   varchar(300)  not null unique,
    uploaded_by  varchar(100)  not null,
    uploaded_at  timestamptz   not null
);
create index case_document_case on case_document (case_id);

-- Keys are unique per engine epoch: the in-memory engine numbers keys afresh at every start.
create table user_task (
    id                   uuid primary key,
    engine_epoch         varchar(64)   not null,
    job_key              bigint        not null,
    case_id              uuid          references grant_case (id),
    process_instance_key bigint        not null,
    element_id           varchar(100)  not null,
    name                 varchar(200)  not null,
    candidate_group      varchar(100),
    assignee             varchar(100),
    outcomes             varchar(200)  not null,
    status               varchar(20)   not null check (status in ('OPEN', 'COMPLETED', 'CANCELLED')),
    created_at           timestamptz   not null,
    activations          int           not null default 1,
    completed_at         timestamptz,
    completed_by         varchar(100),
    outcome              varchar(30),
    comment              text,
    variables            jsonb,
    unique (engine_epoch, job_key)
);
create index user_task_open on user_task (status, candidate_group);

create table notification (
    id              bigserial primary key,
    case_id         uuid          not null references grant_case (id),
    recipient       varchar(100)  not null,
    stage           varchar(60)   not null,
    subject         varchar(300)  not null,
    body            text          not null,
    created_at      timestamptz   not null,
    idempotency_key varchar(200)  not null unique,
    email_status    varchar(20)   not null check (email_status in ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
    email_attempts  int           not null default 0,
    email_sent_at   timestamptz
);
create index notification_recipient on notification (recipient, id);

create table payout (
    id              uuid primary key,
    case_id         uuid           not null references grant_case (id),
    tranche         int            not null,
    amount          numeric(18, 2) not null check (amount > 0),
    payee_name      varchar(200)   not null,
    payee_credit_code varchar(18)     not null,
    status          varchar(20)    not null,
    idempotency_key varchar(200)   not null unique,
    created_at      timestamptz    not null,
    unique (case_id, tranche)
);

create table process_model (
    id                     bigserial primary key,
    engine_epoch           varchar(64)  not null,
    process_definition_key bigint       not null,
    bpmn_process_id        varchar(100) not null,
    version                int          not null,
    resource_name          varchar(200) not null,
    xml                    text         not null,
    deployed_at            timestamptz  not null,
    deployed_by            varchar(100) not null,
    unique (engine_epoch, process_definition_key)
);
create index process_model_id on process_model (bpmn_process_id, version);
