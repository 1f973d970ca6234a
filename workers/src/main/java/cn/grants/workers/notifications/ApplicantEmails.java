package cn.grants.workers.notifications;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The email address of each user name ({@code grants.notifications.emails.<user>=<address>}). */
@ConfigurationProperties("grants.notifications")
public record ApplicantEmails(Map<String, String> emails) {

    public Map<String, String> byUser() {
        return emails == null ? Map.of() : emails;
    }
}
