package cn.grants.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.grants.api.ApiClient;
import cn.grants.api.cases.CreditCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages in a real browser (headless Chromium from Debian), on the whole system: an applicant signs in, gets a
 * quote, applies with an upload and submits; the officer, three experts and the auditor complete their tasks in the
 * task list; the publicity list shows the case; publicity passes; finance approves; the applicant's page shows paid
 * and the diagram the end reached. A second applicant cannot open the case. Screenshots: target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}",
    "grants.zeebe.embedded-port=0",
    "grants.lifecycle.publicity-duration=PT20S",
    "grants.lifecycle.review-poll=PT1S"})
class BrowserJourneyTest {

    static final String MEASURE = "sz-newmat-09-industrialisation-testing";
    static final String CREDIT_CODE = CreditCodes.withCheck("91440300MA5F00009");

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    static Browser browser;

    @BeforeAll
    static void start() {
        assumeTrue(Browser.available() || System.getenv("CI") != null, "chromium and chromedriver are not installed");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void noContentSecurityPolicyViolations() {
        // every page ran under the strict Content-Security-Policy: nothing it did was refused
        if (browser != null) {
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    Browser browser() {
        if (browser == null) {
            browser = new Browser("http://localhost:" + port);
        }
        return browser;
    }

    @Test
    void shouldTakeAnApplicationFromTheBrowserToPaid() throws Exception {
        // given an open round (the officer opens it through the API)
        ApiClient api = new ApiClient(rest);
        String roundId = api.openRound(Duration.ofSeconds(40), Map.of(MEASURE, "50000000.00"), MEASURE);
        Browser b = browser();
        Path report = Files.writeString(Files.createTempFile("feasibility", ".txt"), "可行性研究报告 feasibility study");

        // when the applicant signs in, gets a quote and applies with an upload
        b.open("/measures.html?id=" + MEASURE);
        b.find("#input-AUDITED_COST").sendKeys("20000000.00");
        b.waitFor(d -> d.findElement(By.id("quote-amount")).getText().contains("3,000,000.00"));
        b.screenshot("01-measures-quote-zh");
        b.signIn("applicant");
        b.screenshot("02-home-applicant");
        b.open("/apply.html?measure=" + MEASURE);
        b.find("#enterprise").sendKeys("深圳市检测认证有限公司");
        b.find("#creditCode").sendKeys(CREDIT_CODE);
        b.find("#title").sendKeys("新材料中试验证平台");
        b.find("#input-AUDITED_COST").sendKeys("20000000.00");
        b.find("#account").sendKeys("755912345610009");
        b.find("#bank").sendKeys("招商银行深圳分行");
        b.find("#bankCode").sendKeys("308584000013");
        b.click("#cond-QUALIFYING_ENTERPRISE"); // 004（九）"对符合条件的企业": the applicant declares it
        b.click("#create");
        b.find("#uploads");
        b.find("#file").sendKeys(report.toAbsolutePath().toString());
        b.click("#upload");
        b.waitFor(d -> d.findElements(By.cssSelector("#docs li.doc")).size() == 1);
        b.screenshot("03-apply-uploaded");
        b.click("#submit");
        b.waitFor(d -> d.getCurrentUrl().contains("/case.html"));
        String caseId = b.driver.getCurrentUrl().replaceAll(".*id=", "");
        b.find("#diagram svg");
        b.screenshot("04-case-submitted");

        // and the officer, three experts and the auditor work their tasks in the task list
        b.signIn("officer");
        openTask(b, "UserTask_FormalCheck", caseId);
        assertThat(b.text("#checklist tr[data-condition=QUALIFYING_ENTERPRISE] .answer")).contains("承诺");
        new org.openqa.selenium.support.ui.Select(b.find("select.mark[data-condition=QUALIFYING_ENTERPRISE]"))
                .selectByValue("MET");
        b.find("input.note[data-condition=QUALIFYING_ENTERPRISE]").sendKeys("营业执照与研发投入已核");
        b.screenshot("05-tasks-officer");
        b.click("#task-form [data-outcome=APPROVE]");
        b.waitFor(d -> d.findElement(By.cssSelector("#message .notice.ok")).isDisplayed());
        b.open("/case.html?id=" + caseId);
        assertThat(b.text("#conditions tr[data-condition=QUALIFYING_ENTERPRISE] .mark")).contains("营业执照与研发投入已核");
        List<String> experts = ApiClient.await("three experts drawn", Duration.ofSeconds(30), () -> {
            List<String> drawn = api.list("officer", "/api/cases/" + caseId + "/experts").stream()
                    .map(d -> (String) d.get("expertUser")).toList();
            return drawn.size() == 3 ? drawn : null;
        });
        for (String expert : experts) {
            b.signIn(expert);
            work(b, "UserTask_ExpertScore", caseId, "SCORE", Map.of("#score-TECHNOLOGY", "85", "#score-MARKET", "80",
                    "#score-PLAN", "80", "#score-FINANCE", "75", "#score-TEAM", "80"));
        }
        b.signIn("auditor");
        openTask(b, "UserTask_SpecialAudit", caseId);
        b.find("#audit-report").sendKeys(report.toAbsolutePath().toString());
        b.click("#upload-report");
        b.waitFor(d -> d.findElement(By.cssSelector("#message .notice")).getText().contains("✓"));
        WebElement confirmed = b.find("#confirm-AUDITED_COST");
        confirmed.clear();
        confirmed.sendKeys("10000000.00");
        b.screenshot("06-tasks-audit-form");
        b.click("#task-form [data-outcome=APPROVE]");
        b.waitFor(d -> d.findElement(By.cssSelector("#message .notice.ok")).isDisplayed());

        // then the public list shows the case during publicity
        b.driver.manage().deleteAllCookies();
        b.reloadUntil("/publicity.html", d -> !d.findElements(By.cssSelector("tr[data-case='" + caseId + "']")).isEmpty(),
                Duration.ofSeconds(90));
        assertThat(b.text("tr[data-case='" + caseId + "']")).contains("深圳市检测认证有限公司", "¥3,000,000.00");
        b.screenshot("07-publicity-list");

        // and after the publicity finance approves the payout
        b.signIn("finance");
        b.reloadUntil("/finance.html", d -> !d.findElements(By.cssSelector("#queue tr[data-case='" + caseId + "']")).isEmpty(),
                Duration.ofSeconds(60));
        b.screenshot("08-finance-queue");
        // chooses the round: its approvals, a page at a time, and one action for all of them in the round
        new Select(b.find("#f-round")).selectByValue(roundId);
        b.waitFor(d -> d.findElement(By.id("approve-batch")).isEnabled()
                && !d.findElements(By.cssSelector("#queue tr[data-case='" + caseId + "']")).isEmpty());
        String open = b.text("#queue-info").replaceAll(".*/ ", "");
        assertThat(b.text("#approve-batch")).isEqualTo("批准本批次我的全部待审批 (" + open + ")");
        assertThat(b.driver.findElements(By.cssSelector("#queue tbody tr[data-case]"))).allSatisfy(
                row -> assertThat(row.getAttribute("data-case")).isEqualTo(caseId));
        b.click("#approve-batch");
        b.waitFor(d -> d.findElement(By.cssSelector("#message .notice.ok")).getText().equals("✓ " + open));

        // and the applicant's page shows paid, and the diagram the end reached
        b.signIn("applicant");
        b.reloadUntil("/case.html?id=" + caseId, d -> d.findElement(By.id("status")).getText().contains("PAID"),
                Duration.ofSeconds(60));
        b.waitFor(d -> "End_Paid".equals(d.findElement(By.id("diagram")).getAttribute("data-reached")));
        assertThat(b.text("#paid")).isEqualTo("¥3,000,000.00");
        assertThat(b.text("#timeline")).contains("已拨付");
        b.screenshot("09-case-paid-zh");
        b.language("en");
        b.open("/case.html?id=" + caseId);
        b.waitFor(d -> "End_Paid".equals(d.findElement(By.id("diagram")).getAttribute("data-reached")));
        assertThat(b.text("#timeline")).contains("Paid");
        assertThat(b.text("header.top")).contains("My applications");
        b.screenshot("10-case-paid-en");
        b.language("zh");

        // and a second applicant cannot open it
        b.signIn("applicant2");
        b.open("/case.html?id=" + caseId);
        assertThat(b.text("#message .notice.bad")).contains("404");
        assertThat(b.driver.findElements(By.cssSelector("#summary dl"))).isEmpty();
        b.screenshot("11-case-other-applicant");
    }

    @Test
    void shouldCorrectAReturnedApplicationAndObjectDuringPublicityInTheBrowser() {
        // given a case returned for correction
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofSeconds(25), Map.of(), "sz-equip-03-major-equipment-rd");
        String caseId = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "1000000.00")).get("id");
        api.post("applicant", "/api/cases/" + caseId + "/submit", null);
        api.complete("officer", api.task("officer", caseId, "UserTask_FormalCheck"),
                Map.of("outcome", "RETURN", "comment", "投资额须与审计报告一致"));
        Browser b = browser();

        // when the applicant corrects the figure on the case page, in English
        b.signIn("applicant");
        b.language("en");
        b.reloadUntil("/case.html?id=" + caseId, d -> !d.findElements(By.id("correction")).isEmpty(), Duration.ofSeconds(30));
        assertThat(b.text("#correction")).contains("Correction", "投资额须与审计报告一致");
        WebElement investment = b.find("#correction #input-INVESTMENT");
        investment.clear();
        investment.sendKeys("2000000.00");
        b.screenshot("12-case-correction-en");
        b.click("#resubmit");
        b.language("zh");

        // then the officer has the formal check again, with the corrected figure
        String again = api.task("officer", caseId, "UserTask_FormalCheck");
        assertThat(((Map<?, ?>) api.get("officer", "/api/cases/" + caseId).getBody().get("inputs")).get("INVESTMENT"))
                .isEqualTo("2000000.00");

        // and once it is in publicity, the public objection form refuses an anonymous objection and takes a named one
        api.complete("officer", again, api.formalCheckApproval(caseId));
        api.expertsScore(caseId, 80, 3);
        api.awaitStage("applicant", caseId, "PUBLICITY");
        b.driver.manage().deleteAllCookies();
        b.open("/publicity.html");
        b.click("tr[data-case='" + caseId + "'] button.object");
        b.find("#o-content").sendKeys("匿名举报：虚报投资额");
        new Select(b.find("#o-type")).selectByValue("REPORT");
        b.click("#o-submit");
        assertThat(b.text("#message .notice.bad")).contains("匿名异议不予受理");
        b.screenshot("13-publicity-anonymous-refused");
        b.click("tr[data-case='" + caseId + "'] button.object");
        new Select(b.find("#o-type")).selectByValue("COMPLAINT");
        b.find("#o-name").sendKeys("张三");
        b.find("#o-contact").sendKeys("13900000000");
        b.find("#o-content").clear();
        b.find("#o-content").sendKeys("设备采购合同金额与实际不符");
        b.click("#o-submit");
        assertThat(b.text("#message .notice.ok")).contains("暂缓");
        b.screenshot("14-publicity-objection-received");
        assertThat(api.awaitStage("applicant", caseId, "ON_HOLD").get("currentStage")).isEqualTo("ON_HOLD");
    }

    /** Opens the task of the case in the task list, fills the fields and completes it with the outcome. */
    static void work(Browser b, String type, String caseId, String outcome, Map<String, String> fields) {
        openTask(b, type, caseId);
        fields.forEach((css, value) -> b.find(css).sendKeys(value));
        b.click("#task-form [data-outcome=" + outcome + "]");
        b.waitFor(d -> d.findElement(By.cssSelector("#message .notice.ok")).isDisplayed());
    }

    static void openTask(Browser b, String type, String caseId) {
        String row = "tr[data-type='" + type + "'][data-case='" + caseId + "']";
        // the case's tasks (the list is paged: in a long list the case's task may be on a later page)
        b.reloadUntil("/tasks.html?caseId=" + caseId, d -> !d.findElements(By.cssSelector(row)).isEmpty(),
                Duration.ofSeconds(60));
        b.click(row + " button.open");
        b.find("#task-form");
    }

    @Test
    void shouldPageTheTaskListInTheDatabaseAndFilterItFromTheAddress() {
        // given two applications of a new round waiting at the formal check, the older first
        ApiClient api = new ApiClient(rest);
        String measure = "sz-equip-03-major-equipment-rd";
        String round = api.openRound(Duration.ofHours(1), Map.of(), measure);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = (String) api.createCase("applicant", round, measure, Map.of("INVESTMENT", "1000000.00"),
                    "深圳市分页测试企业" + i + "有限公司", CreditCodes.withCheck("91440300MA5F1000" + i)).get("id");
            api.post("applicant", "/api/cases/" + id + "/submit", null);
            api.task("officer", id, "UserTask_FormalCheck");
            ids.add(id);
        }
        Browser b = browser();
        b.signIn("officer");

        // when the officer lists the round's tasks one per page
        b.open("/tasks.html?size=1&roundId=" + round);
        b.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        b.waitFor(d -> d.findElement(By.id("page-info")).getText().equals("1–1 / 2"));

        // then the first page holds the older task, the next page the other, and there is no third
        assertThat(b.driver.findElements(By.cssSelector("#tasks tr[data-case]"))).singleElement()
                .satisfies(r -> assertThat(r.getAttribute("data-case")).isEqualTo(ids.get(0)));
        assertThat(b.find("#page-prev").isEnabled()).isFalse();
        assertThat(b.find("#f-round").getAttribute("value")).isEqualTo(round);
        b.click("#page-next");
        b.waitFor(d -> d.findElement(By.id("page-info")).getText().equals("2–2 / 2"));
        assertThat(b.driver.findElements(By.cssSelector("#tasks tr[data-case]"))).singleElement()
                .satisfies(r -> assertThat(r.getAttribute("data-case")).isEqualTo(ids.get(1)));
        assertThat(b.find("#page-next").isEnabled()).isFalse();
        b.screenshot("24-tasks-paged");

        // and the address names one case: its tasks only, with the way back to all
        b.open("/tasks.html?caseId=" + ids.get(1));
        b.waitFor(d -> d.findElement(By.id("page-info")).getText().equals("1–1 / 1"));
        assertThat(b.driver.findElements(By.cssSelector("#tasks tr[data-case]"))).singleElement()
                .satisfies(r -> assertThat(r.getAttribute("data-case")).isEqualTo(ids.get(1)));
        assertThat(b.find("#case-filter").isDisplayed()).isTrue();
    }

    @Test
    void shouldShowEveryPageToItsRolesInChineseAndEnglish() {
        // given
        Browser b = browser();

        // when / then: each staff page loads its data for its role, in both languages
        for (String lang : List.of("zh", "en")) {
            b.signIn("officer");
            b.language(lang);
            b.open("/dashboard.html");
            b.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            assertThat(b.text("h1")).isEqualTo(lang.equals("zh") ? "管理看板" : "Dashboard");
            b.screenshot("20-dashboard-" + lang);
            b.open("/tasks.html");
            b.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            b.screenshot("21-tasks-" + lang);
            b.signIn("owner");
            b.language(lang);
            b.open("/models.html");
            b.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            b.find("#diagram svg g.djs-element");
            assertThat(b.text("#models")).contains("grant-round", "grant-lifecycle", "grant-disbursement");
            b.screenshot("22-models-" + lang);
            b.signIn("finance");
            b.language(lang);
            b.open("/finance.html");
            b.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            assertThat(b.text("#limit")).isEqualTo("¥10,000,000.00");
            b.screenshot("23-finance-" + lang);
        }
        b.language("zh");

        // and a page of another role is refused by the server
        b.signIn("applicant");
        b.open("/finance.html");
        assertThat(b.driver.getPageSource()).doesNotContain("finance.js");
    }
}
