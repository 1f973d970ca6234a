package cn.grants.domain.notifications;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A message to an applicant: listed in-app, and sent by email from this outbox when SMTP is configured. */
@Entity
@Table(name = "notification")
public class Notification {

    public enum EmailStatus { PENDING, SENT, SKIPPED, FAILED }

    @Id
    @jakarta.persistence.GeneratedValue(strategy = jakarta.persistence.GenerationType.IDENTITY)
    private Long id;
    private UUID caseId;
    private String recipient;
    private String stage;
    private String subject;
    private String body;
    private Instant createdAt;
    private String idempotencyKey;
    @Enumerated(EnumType.STRING)
    private EmailStatus emailStatus;
    private int emailAttempts;
    private Instant emailSentAt;

    protected Notification() {
    }

    public void emailSent(Instant now) {
        this.emailStatus = EmailStatus.SENT;
        this.emailSentAt = now;
        this.emailAttempts++;
    }

    public void emailFailed(int maxAttempts) {
        this.emailAttempts++;
        if (emailAttempts >= maxAttempts) {
            this.emailStatus = EmailStatus.FAILED;
        }
    }

    public void emailSkipped() {
        this.emailStatus = EmailStatus.SKIPPED;
    }

    public Long getId() {
        return id;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getStage() {
        return stage;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public EmailStatus getEmailStatus() {
        return emailStatus;
    }

    public int getEmailAttempts() {
        return emailAttempts;
    }

    public Instant getEmailSentAt() {
        return emailSentAt;
    }
}
