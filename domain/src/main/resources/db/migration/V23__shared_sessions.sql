-- Browser sessions kept in PostgreSQL (Spring Session JDBC), so that every application instance knows every signed-in
-- user: a load balancer may send each request to any instance. The column names are the ones Spring Session's
-- JdbcIndexedSessionRepository reads and writes; times are epoch milliseconds.
CREATE TABLE spring_session (
    primary_id            CHAR(36)     NOT NULL,
    session_id            CHAR(36)     NOT NULL,
    creation_time         BIGINT       NOT NULL,
    last_access_time      BIGINT       NOT NULL,
    max_inactive_interval INT          NOT NULL,
    expiry_time           BIGINT       NOT NULL,
    principal_name        VARCHAR(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);

-- looked up by the id in the cookie on every request
CREATE UNIQUE INDEX spring_session_session_id ON spring_session (session_id);
-- expired sessions are deleted by a periodic job
CREATE INDEX spring_session_expiry_time ON spring_session (expiry_time);
-- a user's sessions (sign out everywhere, audit)
CREATE INDEX spring_session_principal_name ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id CHAR(36)     NOT NULL,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    BYTEA        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_session FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
