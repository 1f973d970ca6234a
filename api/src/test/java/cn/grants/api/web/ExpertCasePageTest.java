package cn.grants.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.grants.api.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The case page as a drawn expert sees it in Chromium: the project and its figures, and no payee account, no
 * objection and no other member of the panel (the API view behind it: security.ExpertViewIntegrationTest).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class ExpertCasePageTest {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;

    @Test
    void shouldShowADrawnExpertTheProjectWithoutThePayeeAccountOrTheOtherExperts() {
        assumeTrue(Browser.available() || System.getenv("CI") != null, "chromium and chromedriver are not installed");
        // given a case in expert review
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), "sz-equip-03-major-equipment-rd");
        String caseId = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "1000000.00")).get("id");
        api.post("applicant", "/api/cases/" + caseId + "/submit", null);
        api.passFormalCheck(caseId);
        List<String> panel = ApiClient.await("three experts drawn", Duration.ofSeconds(30), () -> {
            List<String> drawn = java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(i -> "expert" + i)
                    .filter(e -> api.list(e, "/api/tasks").stream().anyMatch(t -> caseId.equals(t.get("caseId"))))
                    .toList();
            return drawn.size() == 3 ? drawn : null;
        });

        try (Browser b = new Browser("http://localhost:" + port)) {
            // when one of them opens the case page
            b.signIn(panel.get(0));
            b.reloadUntil("/case.html?id=" + caseId,
                    d -> d.findElement(By.tagName("body")).getText().contains("专家评审"),
                    Duration.ofSeconds(30));
            String page = b.driver.findElement(By.tagName("body")).getText();

            // then the project is there, the payee account and the other panel members are not
            assertThat(page).contains("专家评审").doesNotContain("755912345610001", panel.get(1),
                    panel.get(2));
        }
    }
}
