package cn.grants.domain.operations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface JobFailureRepository extends JpaRepository<JobFailure, UUID> {

    /** Records a failure of a step, once per element instance: a later attempt counts up and keeps the first time. */
    @Modifying
    @Query(value = """
            insert into job_failure (id, engine_epoch, element_instance_key, process_instance_key, case_id, round_id,
                                     job_type, element_id, error, attempts, first_failed_at, last_failed_at, status)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?10, ?11)
            on conflict (engine_epoch, element_instance_key) do update
              set attempts = job_failure.attempts + 1, error = excluded.error, last_failed_at = excluded.last_failed_at,
                  status = excluded.status
            """, nativeQuery = true)
    int record(UUID id, String engineEpoch, long elementInstanceKey, long processInstanceKey, UUID caseId,
            UUID roundId, String jobType, String elementId, String error, Instant at, String status);

    @Query(value = "select * from job_failure where engine_epoch = ?1 and element_instance_key = ?2",
            nativeQuery = true)
    JobFailure find(String engineEpoch, long elementInstanceKey);

    List<JobFailure> findByStatusNotOrderByFirstFailedAtAsc(JobFailure.Status status);
}
