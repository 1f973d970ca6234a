package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.notifications.NotificationRepository;
import cn.grants.workers.notifications.NotificationMailer;
import cn.grants.workers.notifications.NotifyApplicantWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** With SMTP configured, each outbox notification is emailed once to the applicant's address. */
@SpringBootTest(properties = {"grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0",
    "grants.notifications.emails.applicant=applicant@example.com",
    "grants.notifications.mail.interval=PT1H"})
class NotificationEmailIntegrationTest {

    @MockitoBean
    JavaMailSender mailSender;
    @Autowired
    NotifyApplicantWorker worker;
    @Autowired
    NotificationMailer mailer;
    @Autowired
    GrantCaseRepository cases;
    @Autowired
    NotificationRepository notifications;

    @Test
    void shouldEmailEachNotificationOnce() {
        // given
        GrantCase submitted = new GrantCase(UUID.randomUUID(), "sz-equip-03-major-equipment-rd", "applicant", "某公司",
                ApiClient.CREDIT_CODE, "磨床项目", Map.of("INVESTMENT", "1.00"), Instant.now());
        submitted.submitted("epoch", Instant.now());
        UUID caseId = cases.saveAndFlush(submitted).getId();
        ActivatedJob job = Mockito.mock(ActivatedJob.class);
        Mockito.when(job.getElementId()).thenReturn("Event_NotifyFormalCheck");
        Mockito.when(job.getElementInstanceKey()).thenReturn(51L);
        worker.notifyApplicant(job, new NotifyApplicantWorker.StageChange(caseId.toString(), "FORMAL_CHECK", "applicant", null));

        // when
        mailer.sendPending();
        mailer.sendPending();

        // then
        ArgumentCaptor<SimpleMailMessage> sent = ArgumentCaptor.forClass(SimpleMailMessage.class);
        verify(mailSender, times(1)).send(sent.capture());
        assertThat(sent.getValue().getTo()).containsExactly("applicant@example.com");
        assertThat(sent.getValue().getSubject()).contains("形式审查").contains("磨床项目");
        assertThat(notifications.findByCaseIdOrderByIdAsc(caseId)).extracting(n -> n.getEmailStatus().name())
                .containsExactly("SENT");
    }
}
