package cn.grants.domain.notifications;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface NotificationRepository extends JpaRepository<Notification, Long> {

    List<Notification> findByRecipientOrderByIdDesc(String recipient);

    List<Notification> findByCaseIdOrderByIdAsc(UUID caseId);

    /**
     * Claims up to 50 notifications still to email, locked until the transaction ends; rows another application
     * instance holds are skipped, so two instances never send the same email.
     */
    @Query(value = """
            select * from notification where email_status = 'PENDING' order by id limit 50 for update skip locked
            """, nativeQuery = true)
    List<Notification> claimPendingEmails();

    /** Writes to the outbox once per idempotency key; a retried job adds nothing. */
    @Modifying
    @Query(value = """
            insert into notification (case_id, recipient, stage, subject, body, created_at, idempotency_key, email_status)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'PENDING') on conflict (idempotency_key) do nothing
            """, nativeQuery = true)
    int enqueue(UUID caseId, String recipient, String stage, String subject, String body, Instant createdAt,
            String idempotencyKey);
}
