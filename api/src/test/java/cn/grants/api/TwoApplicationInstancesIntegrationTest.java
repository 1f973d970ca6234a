package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.embedded.EmbeddedPostgresServer;
import cn.grants.embedded.EmbeddedS3Server;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Two application instances share one engine (in a JVM of its own) and one PostgreSQL, as replicas share a cluster
 * in production: a round run through both reaches PAID, both instances work jobs, and every job, task and
 * notification is handled exactly once: one inbox row per user task, one completion when two officers race on
 * the same task through different instances, one timeline entry per step, one payment per tranche, one email per
 * notification although both instances' mailers poll the same outbox.
 */
class TwoApplicationInstancesIntegrationTest {

    static final String EQUIPMENT = "sz-equip-03-major-equipment-rd";

    static EngineProcess engine;
    static EmbeddedPostgresServer postgres;
    static EmbeddedS3Server s3;
    static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    /** emails sent, by subject + recipient + instance, to find any notification sent twice */
    static final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();

    @BeforeAll
    static void startSharedServicesAndTwoInstances() {
        Path data = Path.of("target/two-instances", UUID.randomUUID().toString());
        engine = EngineProcess.start();
        postgres = EmbeddedPostgresServer.start(data.resolve("pg"));
        s3 = EmbeddedS3Server.start(data.resolve("s3"), 0);
        for (int i = 0; i < 2; i++) {
            // one after the other: the first migrates the schema and deploys the models, the second finds them
            instances.add(start());
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(GrantsApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("mailSender", new RecordingMail()))
                .run("--server.port=0",
                        "--grants.zeebe.address=" + engine.grpcAddress(),
                        "--spring.datasource.url=" + postgres.jdbcUrl(),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                        // a database of its own (DB_URL) turns the demo users off unless forced
                        "--grants.security.demo-users.enabled=force",
                        "--grants.storage.endpoint=" + s3.endpoint(),
                        "--grants.storage.access-key=" + s3.accessKey(),
                        "--grants.storage.secret-key=" + s3.secretKey(),
                        "--grants.notifications.emails.applicant=applicant@example.com",
                        "--grants.notifications.emails.applicant2=applicant2@example.com",
                        "--grants.notifications.mail.interval=PT0.2S",
                        "--grants.lifecycle.publicity-working-days=0",
                        "--grants.lifecycle.publicity-duration=PT3S",
                        "--grants.lifecycle.review-poll=PT1S",
                        "--camunda.client.worker.defaults.timeout=PT15S",
                        "--camunda.client.worker.override[io.camunda.zeebe:userTask].timeout=PT30S");
    }

    @AfterAll
    static void stopAll() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static ApiClient client(int instance) {
        String port = instances.get(instance).getEnvironment().getProperty("local.server.port");
        return new ApiClient(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)));
    }

    @Test
    void shouldHandleEveryJobTaskAndNotificationOnceAcrossTwoInstances() throws Exception {
        // given a round opened on the first instance, one application made on each
        ApiClient a = client(0);
        ApiClient b = client(1);
        String round = a.openRound(Duration.ofSeconds(8), Map.of(EQUIPMENT, "50000000.00"), EQUIPMENT);
        String first = (String) a.createCase("applicant", round, EQUIPMENT, Map.of("INVESTMENT", "8000000.00"),
                "深圳市示例装备有限公司", ApiClient.CREDIT_CODE).get("id");
        String second = (String) b.createCase("applicant2", round, EQUIPMENT, Map.of("INVESTMENT", "20000000.00"),
                "深圳市第二精密机械有限公司", ApiClient.OTHER_CREDIT_CODE).get("id");
        assertThat(a.post("applicant", "/api/cases/" + first + "/submit", null).getStatusCode().value()).isEqualTo(200);
        assertThat(b.post("applicant2", "/api/cases/" + second + "/submit", null).getStatusCode().value())
                .isEqualTo(200);

        // when two officers complete the same formal check at once, one through each instance
        String task = a.task("officer", first, "UserTask_FormalCheck");
        assertThat(b.task("officer", first, "UserTask_FormalCheck")).isEqualTo(task);
        Map<String, Object> approval = a.formalCheckApproval(first); // the checklist marked (its document filed) first
        CompletableFuture<Integer> viaA = CompletableFuture.supplyAsync(() -> a.post("officer",
                "/api/tasks/" + task + "/complete", approval).getStatusCode().value());
        CompletableFuture<Integer> viaB = CompletableFuture.supplyAsync(() -> b.post("officer2",
                "/api/tasks/" + task + "/complete", approval).getStatusCode().value());

        // then exactly one completes it, the other is told it is already done
        assertThat(List.of(viaA.get(), viaB.get())).containsExactlyInAnyOrder(200, 409);

        // and the rest of the round runs through both instances to PAID
        b.expertsScore(first, 85, 3);
        b.passFormalCheck(second);
        a.expertsScore(second, 80, 3);
        a.complete("finance", a.task("finance", first, "UserTask_FinanceApproval"), Map.of("outcome", "APPROVE"));
        b.complete("finance", b.task("finance", second, "UserTask_FinanceApproval"), Map.of("outcome", "APPROVE"));
        assertThat(b.awaitCase("applicant", first, "PAID").get("paidAmount")).isEqualTo("2400000.00");
        assertThat(a.awaitCase("applicant2", second, "PAID").get("paidAmount")).isEqualTo("6000000.00");

        // both instances worked jobs of the engine
        for (ConfigurableApplicationContext instance : instances) {
            double completed = instance.getBean(MeterRegistry.class).find("camunda.job.invocations")
                    .tag("action", "completed").counters().stream().mapToDouble(Counter::count).sum();
            assertThat(completed).as("jobs completed by an instance").isPositive();
        }
        // one inbox row per user task job, one timeline entry per step, one payment per tranche
        assertThat(count("select count(*) from (select engine_epoch, job_key from user_task group by 1, 2 "
                + "having count(*) > 1) d")).isZero();
        assertThat(count("select count(*) from user_task where status = 'COMPLETED' and case_id = '" + first
                + "' and element_id = 'UserTask_FormalCheck'")).isEqualTo(1);
        for (String c : List.of(first, second)) {
            assertThat(stagesEntered(c)).containsExactly("SUBMITTED", "FORMAL_CHECK", "EXPERT_REVIEW", "CALCULATION",
                    "AWAITING_BATCH", "PUBLICITY", "FUNDING_PLAN", "FINANCE_APPROVAL", "PAYOUT", "TRANCHE_PAID",
                    "PAID");
            assertThat(count("select count(*) from payout where case_id = '" + c + "'")).isEqualTo(1);
            assertThat(count("select count(*) from expert_draw where case_id = '" + c + "'")).isEqualTo(3);
        }
        // every notification emailed once, by one of the two mailers
        ApiClient.await("every email sent", Duration.ofSeconds(20), () -> count(
                "select count(*) from notification where email_status = 'PENDING'") == 0 ? true : null);
        long notifications = count("select count(*) from notification where recipient in ('applicant', 'applicant2')");
        assertThat(notifications).isGreaterThanOrEqualTo(22);
        assertThat(count("select count(*) from notification where email_status = 'SENT'")).isEqualTo(notifications);
        assertThat(sent.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo((int) notifications);
        assertThat(sent.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void shouldKeepABrowserSignedInWhicheverInstanceAnswersAndSignItOutOnAll() {
        // given an officer signed in through the form on the first instance
        RestTemplate first = browser(0);
        RestTemplate second = browser(1);
        FormSignIn.Browser officer = FormSignIn.signIn(first, "officer");
        HttpHeaders browser = new HttpHeaders();
        browser.add(HttpHeaders.COOKIE, "JSESSIONID=" + officer.session() + "; XSRF-TOKEN=" + officer.xsrf());
        browser.add("X-XSRF-TOKEN", officer.xsrf());
        browser.add("X-Requested-With", "XMLHttpRequest");

        String sessionId = new String(java.util.Base64.getDecoder().decode(officer.session()),
                java.nio.charset.StandardCharsets.UTF_8); // the cookie carries the id base64-encoded
        String lastAccess = "select last_access_time from spring_session where session_id = '" + sessionId + "'";
        long accessStored = count(lastAccess);

        // when the load balancer sends the next requests to the second instance
        ResponseEntity<Map> onSecond = second.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(browser), Map.class);

        // then the second instance knows the session, which lives in PostgreSQL
        assertThat(onSecond.getStatusCode().value()).isEqualTo(200);
        assertThat(onSecond.getBody()).containsEntry("user", "officer");
        assertThat(count("select count(*) from spring_session where principal_name = 'officer'")).isPositive();
        // and a read within a minute of the sign-in wrote nothing to it: the last access is stored once a minute
        assertThat(count(lastAccess)).as("the stored last access").isEqualTo(accessStored);
        // while a read a minute or more after the stored access stores the new one (and the new expiry)
        long twoMinutesEarlier = accessStored - 120_000;
        update("update spring_session set last_access_time = " + twoMinutesEarlier + ", expiry_time = expiry_time - "
                + "120000 where session_id = '" + sessionId + "'");
        assertThat(first.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(browser), Map.class).getStatusCode()
                .value()).isEqualTo(200);
        assertThat(count(lastAccess)).as("the stored last access").isGreaterThanOrEqualTo(accessStored);
        assertThat(count("select expiry_time - last_access_time from spring_session where session_id = '" + sessionId
                + "'")).as("the expiry moved with it").isEqualTo(count("select max_inactive_interval * 1000 from "
                        + "spring_session where session_id = '" + sessionId + "'"));

        // and signing out on the second instance ends the session on the first as well
        ResponseEntity<String> logout = second.exchange("/logout", HttpMethod.POST, new HttpEntity<>(browser),
                String.class);
        assertThat(logout.getStatusCode().value()).isIn(204, 302); // 204 to a page's fetch, 302 to a form
        ResponseEntity<Map> afterLogout = first.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(browser),
                Map.class);
        assertThat(afterLogout.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void shouldLockAUserOutOnEveryInstanceWhenTheFailedSignInsWereSpreadOverBoth() {
        // given five failed sign-ins (the default limit) for one user name, three on one instance and two on the other
        RestTemplate first = jdkClient(0);
        RestTemplate second = jdkClient(1);
        List<Integer> failures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            failures.add(basic(i % 2 == 0 ? first : second, "auditor", "wrong").getStatusCode().value());
        }

        // when the right password follows, on either instance
        ResponseEntity<Map> onFirst = basic(first, "auditor", "auditor");
        ResponseEntity<Map> onSecond = basic(second, "auditor", "auditor");

        // then both refuse it: the count and the lock-out live in PostgreSQL, not in one instance's memory (each
        // instance saw fewer than five failures), and the audit log records the lock-out once
        assertThat(failures).containsOnly(401);
        assertThat(onFirst.getStatusCode().value()).isEqualTo(429);
        assertThat(onSecond.getStatusCode().value()).isEqualTo(429);
        assertThat(onSecond.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(count("select count(*) from sign_in_lockout where lock_key = 'user:auditor' "
                + "and locked_until > now()")).isEqualTo(1);
        assertThat(count("select count(*) from audit_log where action = 'SIGN-IN LOCKED' "
                + "and detail like 'user name \"auditor\" locked out%'")).isEqualTo(1);
    }

    @Test
    void shouldTakeEveryInstancesRequestsFromOneFloodLimit() {
        // given the quote limit (120 a minute per client address, refilled at 2 a second) and 200 quick quotes from
        // one address, each to the next instance: 100 to each, fewer than one instance's own limit
        RestTemplate first = jdkClient(0);
        RestTemplate second = jdkClient(1);
        HttpHeaders json = new HttpHeaders();
        json.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        HttpEntity<String> quote = new HttpEntity<>("{\"inputs\":{\"INVESTMENT\":\"1000000.00\"}}", json);
        long started = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            statuses.add((i % 2 == 0 ? first : second).exchange("/api/measures/" + EQUIPMENT + "/quote",
                    HttpMethod.POST, quote, String.class).getStatusCode().value());
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // then the two instances took from one bucket: no more got through than the limit and what refilled meanwhile
        long refused = statuses.stream().filter(s -> s == 429).count();
        assertThat(refused).as("refused of 200 in %.1f s", seconds).isPositive();
        assertThat(200 - refused).isLessThanOrEqualTo(120 + (long) Math.ceil(2 * seconds) + 1);
        assertThat(count("select count(*) from rate_limit_bucket where bucket_key like 'quotes-per-address:%'"))
                .isPositive();
    }

    private static ResponseEntity<Map> basic(RestTemplate instance, String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return instance.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(headers), Map.class);
    }

    /** A client of one instance on the JDK's HTTP client, which (unlike Apache HttpClient 5) does not wait out a 429. */
    private static RestTemplate jdkClient(int instance) {
        String port = instances.get(instance).getEnvironment().getProperty("local.server.port");
        return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)
                .requestFactory(() -> new org.springframework.http.client.JdkClientHttpRequestFactory()))
                .getRestTemplate();
    }

    /** A client of one instance that shows redirects and error statuses instead of following or throwing. */
    private static RestTemplate browser(int instance) {
        String port = instances.get(instance).getEnvironment().getProperty("local.server.port");
        return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port))
                .withRedirects(org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW)
                .getRestTemplate();
    }

    private static List<String> stagesEntered(String caseId) throws Exception {
        List<String> stages = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
                ResultSet rs = c.createStatement().executeQuery("select stage from case_timeline where case_id = '"
                        + caseId + "' and event = 'ENTERED' order by id")) {
            while (rs.next()) {
                stages.add(rs.getString(1));
            }
        }
        return stages;
    }

    private static void update(String sql) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres")) {
            assertThat(c.createStatement().executeUpdate(sql)).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SMTP stand-in that counts what it is asked to send (subject and body identify a notification). */
    static final class RecordingMail extends JavaMailSenderImpl {
        @Override
        public void send(SimpleMailMessage... messages) {
            for (SimpleMailMessage m : messages) {
                sent.computeIfAbsent(String.join("|", m.getTo()) + "|" + m.getSubject() + "|" + m.getText(),
                        k -> new AtomicInteger()).incrementAndGet();
            }
        }
    }
}
