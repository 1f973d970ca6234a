package cn.grants.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Documents by the right hands: only an auditor files an audit report; every document shows who uploaded it and
 * when; a case holds a bounded number of documents; the special-audit task accepts only a report filed for it (by an
 * auditor, since the task was handed out), never one that was there before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0",
    "grants.documents.max-per-case=3"})
class DocumentPermissionsIntegrationTest {

    static final String AUDITED_MEASURE = "sz-newmat-09-industrialisation-testing";
    static final String MEASURE = "sz-equip-03-major-equipment-rd";
    static final byte[] PDF = "%PDF-1.4".getBytes();

    @Autowired
    TestRestTemplate rest;

    @Test
    @SuppressWarnings("unchecked")
    void shouldLetOnlyTheAuditorFileTheAuditReportAndShowWhoUploadedEachDocument() {
        // given a draft case
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), MEASURE);
        String caseId = (String) api.createCase("applicant", round, MEASURE, Map.of("INVESTMENT", "1000000.00"))
                .get("id");

        // when the applicant and an officer try to file an audit report, and the applicant a plan
        int byApplicant = api.upload("applicant", caseId, "AUDIT_REPORT", "审计报告.pdf", "application/pdf", PDF)
                .getStatusCode().value();
        int byOfficer = api.upload("officer", caseId, "AUDIT_REPORT", "审计报告.pdf", "application/pdf", PDF)
                .getStatusCode().value();
        int plan = api.upload("applicant", caseId, "PLAN", "plan.pdf", "application/pdf", PDF).getStatusCode().value();

        // then only the plan is filed, and the case shows who uploaded it and when
        assertThat(byApplicant).isEqualTo(403);
        assertThat(byOfficer).isEqualTo(403);
        assertThat(plan).isEqualTo(201);
        List<Map<String, Object>> documents = (List<Map<String, Object>>) api.get("applicant", "/api/cases/" + caseId)
                .getBody().get("documents");
        assertThat(documents).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("kind", "PLAN").containsEntry("uploadedBy", "applicant");
            assertThat(d.get("uploadedAt")).isNotNull();
        });
    }

    @Test
    void shouldRefuseUploadsBeyondTheCasesQuota() {
        // given a draft case holding the most documents a case may hold (3 here)
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), MEASURE);
        String caseId = (String) api.createCase("applicant", round, MEASURE, Map.of("INVESTMENT", "1000000.00"))
                .get("id");
        for (int i = 0; i < 3; i++) {
            assertThat(api.upload("applicant", caseId, "PLAN", "p" + i + ".pdf", "application/pdf", PDF)
                    .getStatusCode().value()).isEqualTo(201);
        }

        // when one more is uploaded
        var refused = api.upload("applicant", caseId, "PLAN", "p3.pdf", "application/pdf", PDF);

        // then it is refused with a problem
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat((String) refused.getBody().get("detail")).contains("grants.documents.max-per-case");
    }

    @Test
    void shouldAcceptForTheSpecialAuditOnlyAReportFiledForIt() {
        // given a case of a measure with a special audit, and an audit report filed while it was a draft
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), AUDITED_MEASURE);
        String caseId = (String) api.createCase("applicant", round, AUDITED_MEASURE,
                Map.of("AUDITED_COST", "20000000.00")).get("id");
        assertThat(api.upload("auditor", caseId, "AUDIT_REPORT", "旧报告.pdf", "application/pdf", PDF)
                .getStatusCode().value()).isEqualTo(201);
        api.post("applicant", "/api/cases/" + caseId + "/submit", null);
        api.passReview(caseId, 80);
        String audit = api.task("auditor", caseId, "UserTask_SpecialAudit");
        Map<String, Object> confirm = Map.of("outcome", "APPROVE",
                "variables", Map.of("confirmedInputs", Map.of("AUDITED_COST", "5000000.00")));

        // when the auditor confirms with only that earlier report, then after filing the report of this audit
        var withOldReport = api.post("auditor", "/api/tasks/" + audit + "/complete", confirm);
        assertThat(api.upload("auditor", caseId, "AUDIT_REPORT", "专项审计报告.pdf", "application/pdf", PDF)
                .getStatusCode().value()).isEqualTo(201);
        var withReport = api.post("auditor", "/api/tasks/" + audit + "/complete", confirm);

        // then the first is refused naming the documents, the second is taken
        assertThat(withOldReport.getStatusCode().value()).isEqualTo(400);
        assertThat(withOldReport.getBody()).containsEntry("field", "documents");
        assertThat(withReport.getStatusCode().value()).isEqualTo(200);
    }
}
