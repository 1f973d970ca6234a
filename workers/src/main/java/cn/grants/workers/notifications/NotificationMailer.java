package cn.grants.workers.notifications;

import cn.grants.domain.notifications.Notification;
import cn.grants.domain.notifications.NotificationRepository;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends the outbox's notifications by email when SMTP is configured ({@code spring.mail.host}); without it they are
 * marked SKIPPED and stay in-app only. Each row is sent at most once when sending succeeds; failures are retried up
 * to {@code grants.notifications.mail.max-attempts}. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * application instances share the outbox and each email is sent by one of them.
 */
@Component
public class NotificationMailer {

    private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);

    private final NotificationRepository notifications;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final Map<String, String> emails;
    private final String from;
    private final int maxAttempts;
    private final Clock clock;

    public NotificationMailer(NotificationRepository notifications, ObjectProvider<JavaMailSender> mailSender,
            ApplicantEmails emails, @Value("${grants.notifications.mail.from:noreply@grants.local}") String from,
            @Value("${grants.notifications.mail.max-attempts:5}") int maxAttempts, Clock clock) {
        this.notifications = notifications;
        this.mailSender = mailSender;
        this.emails = emails.byUser();
        this.from = from;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${grants.notifications.mail.interval:PT5S}")
    @Transactional
    public void sendPending() {
        JavaMailSender sender = mailSender.getIfAvailable();
        for (Notification n : notifications.claimPendingEmails()) {
            String to = emails.get(n.getRecipient());
            if (sender == null || to == null) {
                n.emailSkipped();
                continue;
            }
            try {
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(from);
                message.setTo(to);
                message.setSubject(n.getSubject());
                message.setText(n.getBody());
                sender.send(message);
                n.emailSent(clock.instant());
            } catch (RuntimeException e) {
                log.warn("email for notification {} failed: {}", n.getId(), e.getMessage());
                n.emailFailed(maxAttempts);
            }
        }
    }
}
