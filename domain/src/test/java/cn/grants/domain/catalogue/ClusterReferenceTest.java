package cn.grants.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped cluster reference data: clusters, their sub-fields, and cluster and sector-wide targets, as the seeds say. */
class ClusterReferenceTest {

    private static final String DOC_003 = "003_1f40336fc45a054a.txt";
    private static final String DOC_001 = "001_0c1bbc86ad1c792f.txt";

    static ClusterReference reference;

    @BeforeAll
    static void load() throws IOException {
        reference = ClusterReference.load(
                Files.newInputStream(Path.of("src/main/resources/catalogue/reference/clusters.yaml")));
    }

    static String seed(String document) throws IOException {
        return Files.readString(Path.of("../docs/seeds", document), StandardCharsets.UTF_8);
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    /** Every target of the data, cluster and sector alike, keyed by who it belongs to. */
    static List<Map.Entry<String, ClusterReference.Target>> allTargets() {
        return Stream.concat(
                reference.clusters().stream().flatMap(c -> c.targets().stream().map(t -> Map.entry(c.code(), t))),
                reference.sectors().stream().flatMap(s -> s.targets().stream().map(t -> Map.entry(s.code(), t))))
                .toList();
    }

    @Test
    void shouldCiteEveryClauseExactlyOnceAndEveryQuoteInItsSeed() throws IOException {
        // given
        List<String> problems = new ArrayList<>();

        // when: every source of a cluster, sub-field and target is looked up in its seed
        for (ClusterReference.Cluster cluster : reference.clusters()) {
            checkCited(problems, "cluster " + cluster.code(), null, cluster.source());
            for (ClusterReference.SubField subField : cluster.subFields()) {
                checkCited(problems, "sub-field " + subField.name(), subField.quote(), subField.source());
            }
        }
        for (Map.Entry<String, ClusterReference.Target> target : allTargets()) {
            checkCited(problems, "target of " + target.getKey(), target.getValue().quote(), target.getValue().source());
        }

        // then
        assertThat(problems).isEmpty();
    }

    private static void checkCited(List<String> problems, String what, String quote, ClusterReference.Source source)
            throws IOException {
        String text = seed(source.document());
        int clauses = occurrences(text, source.clause());
        if (clauses != 1) {
            problems.add(what + ": clause " + source.clause() + " occurs " + clauses + " times in " + source.document());
        }
        if (quote != null && !text.contains(quote)) {
            problems.add(what + ": quote " + quote + " is not in " + source.document());
        }
    }

    @Test
    void shouldRecordThe003SectorOutputTargetsWithTheirQualifiers() throws IOException {
        // given
        String text = seed(DOC_003);

        // when
        ClusterReference.Target electronics = reference.findSector("SZ_ELECTRONIC_INFORMATION").orElseThrow()
                .targets().getFirst();
        ClusterReference.Target equipment = reference.findSector("SZ_HIGH_END_EQUIPMENT").orElseThrow()
                .targets().getFirst();

        // then: 突破3万亿元 and 接近1万亿元, each quoted from 1. with its qualifier
        assertThat(electronics.quote()).contains("电子信息制造业产值突破3万亿元");
        assertThat(electronics.value() + " " + electronics.unit()).isEqualTo("3 万亿元");
        assertThat(equipment.quote()).isEqualTo("高端装备制造业产值接近1万亿元");
        assertThat(equipment.value() + " " + equipment.unit()).isEqualTo("1 万亿元");
        for (ClusterReference.Target target : List.of(electronics, equipment)) {
            assertThat(target.year()).isEqualTo(2025);
            assertThat(target.source()).isEqualTo(new ClusterReference.Source(DOC_003, "1.培育先进制造业集群"));
            assertThat(text).contains(target.quote());
        }
    }

    @Test
    void shouldRecordTheSummitPlanEnterpriseCountsOf003Clause2() throws IOException {
        // given
        String text = seed(DOC_003);

        // when
        List<ClusterReference.Target> summit = reference.findSector("SZ_INDUSTRIAL_ENTERPRISES").orElseThrow()
                .targets();

        // then: 超1000亿元 5家, 500亿元-1000亿元 5家, 100亿元-500亿元 40家, quoted as the seed writes them
        assertThat(summit).extracting(t -> t.value() + " " + t.unit()).containsExactly("5 家", "5 家", "40 家");
        assertThat(summit).extracting(ClusterReference.Target::quote).containsExactly(
                "力争到2025年，年度产值超1000亿元的工业企业达到5家", "500亿元-1000亿元的达到5家", "100亿元-500亿元的达到40家");
        assertThat(summit).allSatisfy(t -> {
            assertThat(t.year()).isEqualTo(2025);
            assertThat(t.source()).isEqualTo(new ClusterReference.Source(DOC_003, "2.培育接续发展的企业梯队"));
            assertThat(text).contains(t.quote());
        });
        assertThat(text).contains("实施“登峰计划”，" + summit.get(0).quote() + "，" + summit.get(1).quote() + "，"
                + summit.get(2).quote());
    }

    @Test
    void shouldNotTurnTheQualitativeHundredBillionClusterAimIntoANewMaterialsTarget() {
        // given: 003 1. aims at "若干个千亿级产业集群" in 生物医药、新材料、人工智能等领域, no figure for any one field

        // when
        ClusterReference.Cluster newMaterials = reference.find("NEW_MATERIALS").orElseThrow();

        // then
        assertThat(newMaterials.targets()).isEmpty();
        assertThat(allTargets()).noneSatisfy(t -> assertThat(t.getValue().quote()).contains("千亿级产业集群"));
        assertThat(allTargets()).noneSatisfy(t -> assertThat(t.getValue().metric()).contains("千亿级"));
    }

    @Test
    void shouldRecordTheGuangdongSixPercentGrowthOnceForTheWholeSector() {
        // given
        List<Map.Entry<String, ClusterReference.Target>> growth = allTargets().stream()
                .filter(t -> t.getValue().source().document().equals(DOC_001)).toList();

        // when
        List<ClusterReference.Cluster> guangdongClusters = reference.clusters().stream()
                .filter(c -> c.scope().equals("GUANGDONG")).toList();

        // then: one target, under the Guangdong sector, none under the five fields
        assertThat(growth).hasSize(1);
        assertThat(growth.getFirst().getKey()).isEqualTo("GD_HIGH_END_EQUIPMENT");
        ClusterReference.Target target = growth.getFirst().getValue();
        assertThat(target.quote()).isEqualTo("年均增长达到6%以上");
        assertThat(target.value() + target.unit()).isEqualTo("6%");
        assertThat(reference.findSector("GD_HIGH_END_EQUIPMENT").orElseThrow().scope()).isEqualTo("GUANGDONG");
        assertThat(allTargets()).filteredOn(t -> t.getValue().quote().contains("6%")).hasSize(1);
        assertThat(guangdongClusters).hasSize(5).allSatisfy(c -> assertThat(c.targets()).isEmpty());
    }

    @Test
    void shouldListTheFourRobotSubFieldsOf002() throws IOException {
        // given
        String text = seed("002_2ff5195f1469e4dc.txt");

        // when
        List<ClusterReference.SubField> subFields = reference.find("INTELLIGENT_ROBOT").orElseThrow().subFields();

        // then
        assertThat(subFields).extracting(ClusterReference.SubField::name)
                .containsExactly("工业机器人", "服务机器人", "特种机器人", "无人机");
        assertThat(subFields).allSatisfy(f -> {
            assertThat(f.quote()).startsWith(f.name());
            assertThat(f.source().clause()).isEqualTo("（一）发展现状");
            assertThat(text).contains(f.quote());
        });
    }

    @Test
    void shouldListTheSevenNewMaterialsSubFieldsOf004InTheSeedsOrder() throws IOException {
        // given
        String text = seed("004_af7725881e400d8b.txt");

        // when
        List<ClusterReference.SubField> subFields = reference.find("NEW_MATERIALS").orElseThrow().subFields();

        // then: the names, joined as 004 一、 lists them, are the seed's own list
        assertThat(subFields).hasSize(7).allSatisfy(f -> {
            assertThat(f.quote()).contains(f.name());
            assertThat(f.source().clause()).isEqualTo("一、重点支持领域");
            assertThat(text).contains(f.quote());
        });
        assertThat(text).contains("本措施重点支持" + subFields.stream().map(ClusterReference.SubField::name)
                .collect(Collectors.joining("、")) + "等领域");
    }

    @Test
    void shouldReadDataWithoutSubFieldsOrSectorsAsEmpty() {
        // given: reference data written before sub-fields and sectors existed
        String yaml = """
                clusters:
                  - code: X
                    name: 新材料
                    nameEn: New materials
                    scope: SHENZHEN
                    source: {document: 004.txt, clause: "一、重点支持领域"}
                """;

        // when
        ClusterReference old = ClusterReference.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(old.sectors()).isEmpty();
        assertThat(old.find("X").orElseThrow().subFields()).isEmpty();
        assertThat(old.find("X").orElseThrow().targets()).isEmpty();
    }

    @Test
    void shouldRefuseASectorTargetWithoutAQuoteOrWithAValueThatIsNotADecimal() {
        // given
        String sector = """
                sectors:
                  - code: S
                    name: 高端装备制造业
                    nameEn: High-end equipment manufacturing
                    scope: SHENZHEN
                    targets:
                      - year: 2025
                        metric: 产值
                        metricEn: Output value
                        value: %s
                        unit: 万亿元
                        %s
                        source: {document: 003.txt, clause: "1.培育先进制造业集群"}
                """;
        String unquoted = sector.formatted("\"1\"", "");
        String roughValue = sector.formatted("\"约1\"", "quote: 高端装备制造业产值接近1万亿元");
        String cited = sector.formatted("\"1\"", "quote: 高端装备制造业产值接近1万亿元");

        // when / then
        assertThatThrownBy(() -> load(unquoted)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("target of sector S has no quote");
        assertThatThrownBy(() -> load(roughValue)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a decimal number");
        assertThat(load(cited).findSector("S").orElseThrow().targets()).hasSize(1);
    }

    @Test
    void shouldRefuseACodeUsedByAClusterAndASector() {
        // given
        String yaml = """
                clusters:
                  - code: NEW_MATERIALS
                    name: 新材料
                    nameEn: New materials
                    scope: SHENZHEN
                    source: {document: 004.txt, clause: "一、重点支持领域"}
                sectors:
                  - code: NEW_MATERIALS
                    name: 新材料
                    scope: SHENZHEN
                    targets:
                      - {year: 2025, metric: 产值, unit: 亿元, value: "1", quote: q, source: {document: d, clause: c}}
                """;

        // when / then
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("code NEW_MATERIALS is used twice");
    }

    private static ClusterReference load(String yaml) {
        return ClusterReference.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldShowExactlyTheReferenceDataInTheCatalogueDoc() throws IOException {
        // given: the rows docs/catalogue.md must hold, rendered from the data
        List<String> expected = new ArrayList<>();
        for (ClusterReference.Cluster c : reference.clusters()) {
            expected.add("| " + c.code() + " | " + c.name() + " (" + c.nameEn() + ") | " + c.scope() + " | "
                    + cite(c.source()) + " | " + subFields(c.subFields()) + " | " + targets(c.targets()) + " |");
        }
        for (ClusterReference.Sector s : reference.sectors()) {
            for (ClusterReference.Target t : s.targets()) {
                expected.add("| " + s.code() + " | " + s.name() + " (" + s.nameEn() + ") | " + s.scope() + " | "
                        + target(t) + " | " + t.quote() + " | " + cite(t.source()) + " |");
            }
        }

        // when: the table rows of the doc's reference part (after the catalogue documents)
        String doc = Files.readString(Path.of("../docs/catalogue.md"), StandardCharsets.UTF_8);
        List<String> rows = doc.substring(doc.indexOf("## Cluster taxonomy")).lines()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| Code |") && !l.startsWith("| Sector |"))
                .toList();

        // then
        assertThat(rows).containsExactlyElementsOf(expected);
        assertThat(rows).filteredOn(r -> r.contains("6%") || r.contains("6 %")).hasSize(1);
        assertThat(rows).noneMatch(r -> r.startsWith("| NEW_MATERIALS") && r.contains("1000 亿元"));
    }

    private static String cite(ClusterReference.Source source) {
        return source.document().substring(0, 3) + " " + source.clause();
    }

    private static String target(ClusterReference.Target t) {
        return t.year() + ": " + t.metric() + " (" + t.metricEn() + ") " + t.value() + " " + t.unit();
    }

    private static String targets(List<ClusterReference.Target> targets) {
        return targets.isEmpty() ? "—"
                : targets.stream().map(t -> target(t) + " [" + cite(t.source()) + "]").collect(Collectors.joining("; "));
    }

    /** Sub-fields grouped by clause (first appearance first), each group closed by it: "a (A); b (B) [004 一、…]". */
    private static String subFields(List<ClusterReference.SubField> subFields) {
        if (subFields.isEmpty()) {
            return "—";
        }
        Map<String, List<String>> byClause = new LinkedHashMap<>();
        subFields.forEach(f -> byClause.computeIfAbsent(cite(f.source()), k -> new ArrayList<>())
                .add(f.name() + " (" + f.nameEn() + ")"));
        return byClause.entrySet().stream().map(e -> String.join("; ", e.getValue()) + " [" + e.getKey() + "]")
                .collect(Collectors.joining("; "));
    }
}
