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
 * Least privilege for experts: a drawn expert's view of the case holds what scoring needs, with no payee bank
 * account, no objections and no other panel member (not in the open tasks, not in the timeline), while an officer
 * sees all of it. The case page renders only what this view holds (see {@code web.ExpertCasePageTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class ExpertViewIntegrationTest {

    static final String MEASURE = "sz-equip-03-major-equipment-rd";

    @Autowired
    TestRestTemplate rest;

    /** The experts drawn for the case (each sees his own scoring task). */
    static List<String> drawnExperts(ApiClient api, String caseId) {
        return ApiClient.await("three experts drawn", Duration.ofSeconds(30), () -> {
            List<String> drawn = java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(i -> "expert" + i)
                    .filter(e -> api.list(e, "/api/tasks").stream().anyMatch(t -> caseId.equals(t.get("caseId"))))
                    .toList();
            return drawn.size() == 3 ? drawn : null;
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowADrawnExpertNeitherThePayeeAccountNorObjectionsNorTheOtherPanelMembers() {
        // given a case in expert review, one expert having scored already
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), MEASURE);
        String caseId = (String) api.createCase("applicant", round, MEASURE, Map.of("INVESTMENT", "1000000.00"))
                .get("id");
        api.post("applicant", "/api/cases/" + caseId + "/submit", null);
        api.passFormalCheck(caseId);
        List<String> panel = drawnExperts(api, caseId);
        String scored = panel.get(0);
        api.complete(scored, api.task(scored, caseId, "UserTask_ExpertScore"),
                Map.of("outcome", "SCORE", "variables", Map.of("scores", ApiClient.scores(80))));

        // when another expert of the panel and an officer look at the case
        String expert = panel.get(1);
        Map<String, Object> seenByExpert = api.get(expert, "/api/cases/" + caseId).getBody();
        Map<String, Object> seenByOfficer = api.get("officer", "/api/cases/" + caseId).getBody();

        // then the expert sees the project and its figures, and nothing of the payee, objections or other experts
        assertThat(seenByExpert.get("inputs")).isEqualTo(Map.of("INVESTMENT", "1000000.00"));
        assertThat(seenByExpert.get("payee")).isNull();
        assertThat((List<?>) seenByExpert.get("objections")).isEmpty();
        assertThat((List<Map<String, Object>>) seenByExpert.get("openTasks"))
                .allSatisfy(t -> assertThat(t.get("assignee")).isEqualTo(expert));
        String shown = seenByExpert.toString();
        for (String other : panel) {
            if (!other.equals(expert)) {
                assertThat(shown).doesNotContain(other);
            }
        }
        assertThat(shown).doesNotContain("755912345610001");
        assertThat(((Map<String, Object>) seenByOfficer.get("payee")).get("account")).isEqualTo("755912345610001");
        assertThat((List<Map<String, Object>>) seenByOfficer.get("openTasks")).hasSize(2);
    }
}
