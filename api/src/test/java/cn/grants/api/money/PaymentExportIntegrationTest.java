package cn.grants.api.money;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.ApiClient;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.payouts.PayoutRepository;
import cn.grants.domain.payouts.export.Pain001Schema;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.NodeList;

/**
 * Each payment goes into exactly one pain.001 file: exports running at once never share an instruction, every file
 * is kept with its checksum and can be downloaded again byte for byte, instructions of a case in clawback are held
 * back, and an instruction with a field the format refuses is left out and reported without blocking the others.
 * Every file produced is validated against the official pain.001.001.09 schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class PaymentExportIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    GrantCaseRepository cases;
    @Autowired
    PayoutRepository payouts;
    @Autowired
    TransactionTemplate transactions;

    private UUID instruction(String payeeName, boolean clawback) {
        GrantCase c = new GrantCase(UUID.randomUUID(), "sz-equip-03-major-equipment-rd", "applicant", "某公司",
                ApiClient.CREDIT_CODE, "项目", Map.of("INVESTMENT", "1000.00"), Instant.now());
        if (clawback) {
            c.clawbackDemanded(new BigDecimal("100.00"), Instant.now());
        }
        UUID caseId = cases.saveAndFlush(c).getId();
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(s -> payouts.instruct(id, caseId, 1, new BigDecimal("100.00"), payeeName,
                ApiClient.CREDIT_CODE, caseId + ":Pay:1", Instant.now(), "755912345610001", "招商银行深圳分行",
                "308584000013"));
        return id;
    }

    private ResponseEntity<byte[]> export() {
        return rest.withBasicAuth("finance", "finance").exchange("/api/payouts/exports", HttpMethod.POST, null,
                byte[].class);
    }

    /** The end-to-end ids of a file, after the official pain.001.001.09 schema accepted it. */
    private static Set<String> endToEndIds(byte[] xml) throws Exception {
        Pain001Schema.validate(xml);
        NodeList ids = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml)).getElementsByTagName("EndToEndId");
        Set<String> found = new HashSet<>();
        for (int i = 0; i < ids.getLength(); i++) {
            found.add(ids.item(i).getTextContent());
        }
        return found;
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListThePaymentInstructionsAPageAtATimeOldestFirstWithTheirNumber() {
        // given three more instructions
        for (int i = 0; i < 3; i++) {
            instruction("深圳市示例装备有限公司", false);
        }
        TestRestTemplate finance = rest.withBasicAuth("finance", "finance");
        ResponseEntity<List> all = finance.getForEntity("/api/payouts", List.class);
        int total = all.getBody().size();
        List<Object> ids = ((List<Map<String, Object>>) all.getBody()).stream().map(p -> p.get("id")).toList();

        // when finance asks for them two at a time
        ResponseEntity<List> first = finance.getForEntity("/api/payouts?page=0&size=2", List.class);
        ResponseEntity<List> last = finance.getForEntity("/api/payouts?page=" + ((total - 1) / 2) + "&size=2",
                List.class);

        // then each page holds the next instructions of the whole list, oldest first, and the header their number
        assertThat(all.getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(total));
        assertThat(((List<Map<String, Object>>) all.getBody()))
                .extracting(p -> Instant.parse((String) p.get("createdAt"))).isSorted();
        assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(total));
        assertThat(((List<Map<String, Object>>) first.getBody())).extracting(p -> p.get("id"))
                .containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(((List<Map<String, Object>>) last.getBody())).extracting(p -> p.get("id"))
                .containsExactlyElementsOf(ids.subList((total - 1) / 2 * 2, total));

        // and a page it cannot give is a 400 naming the parameter; other roles see none of it
        for (String bad : List.of("size=0", "size=501", "page=-1", "page=x&size=2")) {
            ResponseEntity<Map> refused = finance.getForEntity("/api/payouts?" + bad, Map.class);
            assertThat(refused.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(refused.getBody().get("field")).as(bad).isEqualTo(bad.startsWith("size") ? "size" : "page");
        }
        assertThat(rest.withBasicAuth("applicant", "applicant").getForEntity("/api/payouts?page=0&size=2",
                String.class).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void shouldPutEachPaymentIntoOneFileWhenEightExportsRunAtOnce() throws Exception {
        // given 24 instructions waiting
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            waiting.add(instruction("深圳市示例装备有限公司", false).toString().replace("-", ""));
        }

        // when eight finance officers export at the same moment
        List<ResponseEntity<byte[]>> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Callable<ResponseEntity<byte[]>>> exports = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                exports.add(this::export);
            }
            for (Future<ResponseEntity<byte[]>> f : pool.invokeAll(exports)) {
                responses.add(f.get());
            }
        }

        // then every instruction is in exactly one of the files written, and the others answered 409
        List<String> exported = new ArrayList<>();
        for (ResponseEntity<byte[]> r : responses) {
            assertThat(r.getStatusCode().value()).isIn(200, 409);
            if (r.getStatusCode().value() == 200) {
                Set<String> ids = endToEndIds(r.getBody());
                assertThat(ids).hasSize(Integer.parseInt(r.getHeaders().getFirst("X-Transactions")));
                exported.addAll(ids);
            }
        }
        assertThat(exported).doesNotHaveDuplicates().containsAll(waiting);
        assertThat(export().getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void shouldKeepEveryFileToDownloadAgainAndHoldBackClawbackAndBadRows() throws Exception {
        // given one good instruction, one of a case in clawback, one whose payee name the format refuses
        String good = instruction("深圳市示例装备有限公司", false).toString().replace("-", "");
        String clawedBack = instruction("深圳市追回有限公司", true).toString().replace("-", "");
        String bad = instruction("坏数据\u0007公司", false).toString().replace("-", "");

        // when
        ResponseEntity<byte[]> first = export();

        // then only the good one is in the file; the bad one is reported, the clawed-back one held back
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(endToEndIds(first.getBody())).contains(good).doesNotContain(clawedBack, bad);
        assertThat(first.getHeaders().getFirst("X-Skipped")).isNotEqualTo("0");
        String messageId = first.getHeaders().getFirst("X-Message-Id");
        List<Map<String, Object>> files = new ApiClient(rest).list("finance", "/api/payouts/exports");
        assertThat(files).filteredOn(f -> messageId.equals(f.get("messageId"))).singleElement()
                .satisfies(f -> assertThat(f.get("skipped").toString()).contains(bad, "not allowed in XML"));

        // and the file can be downloaded again, byte for byte, with its digest
        ResponseEntity<byte[]> again = rest.withBasicAuth("finance", "finance")
                .exchange("/api/payouts/exports/" + messageId, HttpMethod.GET, null, byte[].class);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(again.getHeaders().getFirst("Repr-Digest")).isEqualTo(first.getHeaders().getFirst("Repr-Digest"))
                .startsWith("sha-256=:");
        assertThat(rest.withBasicAuth("applicant", "applicant").exchange("/api/payouts/exports/" + messageId,
                HttpMethod.GET, null, byte[].class).getStatusCode().value()).isEqualTo(403);
        assertThat(rest.withBasicAuth("finance", "finance").exchange("/api/payouts/exports/PAIN-none",
                HttpMethod.GET, null, byte[].class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void shouldRefuseAtEntryAPayeeTheBankFileCannotCarry() {
        // when an applicant gives a payee name with a control character
        ResponseEntity<Map<String, Object>> response = new ApiClient(rest).post("applicant", "/api/cases", Map.of(
                "roundId", UUID.randomUUID().toString(), "measureId", "sz-equip-03-major-equipment-rd",
                "applicant", Map.of("name", "某公司", "creditCode", ApiClient.CREDIT_CODE),
                "project", Map.of("title", "项目"), "inputs", Map.of("INVESTMENT", "1000.00"),
                "payee", Map.of("accountName", "坏数据\u0007公司", "account", "755912345610001", "bank", "招商银行深圳分行",
                        "bankCode", "308584000013")));

        // then
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().toString()).contains("payee.accountName");
    }
}
