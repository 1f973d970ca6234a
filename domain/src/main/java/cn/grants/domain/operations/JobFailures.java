package cn.grants.domain.operations;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of technical failures: each failed attempt of a step, and how an officer resolved the step's repair task
 * (retry, or skip with the reason). What the operations page lists as failed work.
 */
@Service
public class JobFailures {

    /** Where a failed job ran, as the engine names it. */
    public record Failed(String engineEpoch, long elementInstanceKey, long processInstanceKey, UUID caseId,
            UUID roundId, String jobType, String elementId) {
    }

    private final JobFailureRepository failures;
    private final Clock clock;
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc;

    public JobFailures(JobFailureRepository failures, Clock clock,
            org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc) {
        this.failures = failures;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * Records one failed attempt (in a transaction of its own: the worker's own transaction rolled back).
     *
     * @param last whether it was the last retry (the step goes to its repair task)
     * @return the failure, with the attempts counted so far
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public JobFailure record(Failed job, String error, boolean last) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        failures.record(UUID.randomUUID(), job.engineEpoch(), job.elementInstanceKey(), job.processInstanceKey(),
                job.caseId(), job.roundId(), job.jobType(), job.elementId(), error, now,
                (last ? JobFailure.Status.FAILED : JobFailure.Status.RETRYING).name());
        return failures.find(job.engineEpoch(), job.elementInstanceKey());
    }

    /**
     * An officer resolved a failed step in its repair task: {@code RETRY} (the step runs again) or {@code SKIP} with
     * the reason. Idempotent: a resolved failure stays as first resolved.
     */
    @Transactional
    public void resolve(UUID failureId, String outcome, String user, String reason) {
        failures.findById(failureId).filter(f -> f.getStatus() != JobFailure.Status.RESOLVED)
                .ifPresent(f -> f.resolve(outcome, user, reason, clock.instant()));
    }

    /**
     * The step of an element instance succeeded on an automatic retry: a failure still being retried is resolved
     * (SUCCEEDED, by the system), so the operations page lists only work that is still failing.
     *
     * @return whether a failure was resolved
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public boolean succeeded(String engineEpoch, long elementInstanceKey) {
        // after every successful job, and almost always there is nothing to resolve: one statement (autocommit when
        // no transaction is open), not a JPA transaction of its own (docs/performance.md, "What limits...", 9)
        return jdbc.update("""
                update job_failure set status = 'RESOLVED', resolution = 'SUCCEEDED', resolved_by = 'system',
                                       resolved_at = :at
                 where engine_epoch = :epoch and element_instance_key = :element and status = 'RETRYING'
                """, new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("at", java.time.OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS),
                        java.time.ZoneOffset.UTC))
                .addValue("epoch", engineEpoch).addValue("element", elementInstanceKey)) > 0;
    }

    /** Failures not resolved yet: retrying, or failed after the last retry. */
    @Transactional(readOnly = true)
    public List<JobFailure> open() {
        return failures.findByStatusNotOrderByFirstFailedAtAsc(JobFailure.Status.RESOLVED);
    }
}
