package cn.grants.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.grants.api.ApiClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In Chromium: the officer's case page lists the enterprise's other applications (against double funding) and
 * determines an amount below the ceiling with the reason (核定); the applicant's page shows the amount and the reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class DeterminationPageTest {

    static final String EQUIPMENT = "sz-equip-03-major-equipment-rd";

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;

    @Test
    void shouldLetAnOfficerDetermineLessThanTheCeilingOnTheCasePageAndShowTheApplicantWhy() {
        assumeTrue(Browser.available() || System.getenv("CI") != null, "chromium and chromedriver are not installed");
        // given two applications of one enterprise, one awaiting the batch at the ceiling 30% × 1000万 = 300万
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), EQUIPMENT);
        String other = (String) api.createCase("applicant", round, EQUIPMENT, Map.of("INVESTMENT", "2000000.00"))
                .get("id");
        api.post("applicant", "/api/cases/" + other + "/submit", null);
        String id = (String) api.createCase("applicant", round, EQUIPMENT, Map.of("INVESTMENT", "10000000.00"))
                .get("id");
        api.post("applicant", "/api/cases/" + id + "/submit", null);
        api.passFormalCheck(id);
        api.expertsScore(id, 80, 3);
        api.awaitStage("officer", id, "AWAITING_BATCH");

        try (Browser b = new Browser("http://localhost:" + port)) {
            // when the officer opens the case, sees the other application, and determines 200万 with the reason
            b.signIn("officer");
            b.open("/case.html?id=" + id);
            b.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("data-ready") != null);
            assertThat(b.text("#related")).contains("重大技术装备攻关计划");
            assertThat(b.driver.findElements(By.cssSelector("#related a[href$='" + other + "']"))).hasSize(1);
            b.find("#determine-amount").clear();
            b.find("#determine-amount").sendKeys("2000000.00");
            b.find("#determine-reason").sendKeys("部分投资不属于攻关内容");
            b.click("#determine-submit");
            b.waitFor(d -> d.findElements(By.id("determination-reason")).size() == 1);

            // then the applicant's page shows the determined amount and the reason
            b.signIn("applicant");
            b.open("/case.html?id=" + id);
            assertThat(b.text("#determined")).contains("2,000,000.00").contains("部分投资不属于攻关内容");
            assertThat(b.driver.findElements(By.id("determine"))).as("only officers determine").isEmpty();
            assertThat(b.driver.findElements(By.id("related"))).as("applicants do not see the list").isEmpty();
        }
    }
}
