package cn.grants.api.notifications;

import cn.grants.domain.notifications.Notification;
import cn.grants.domain.notifications.NotificationRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's in-app notifications, newest first. */
@RestController
@RequestMapping("/api/notifications")
public class NotificationController {

    public record NotificationView(long id, UUID caseId, String stage, String subject, String body, Instant createdAt,
            String emailStatus) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.getId(), n.getCaseId(), n.getStage(), n.getSubject(), n.getBody(),
                    n.getCreatedAt(), n.getEmailStatus().name());
        }
    }

    private final NotificationRepository notifications;

    public NotificationController(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    public List<NotificationView> mine(Authentication user) {
        return notifications.findByRecipientOrderByIdDesc(user.getName()).stream().map(NotificationView::of).toList();
    }
}
