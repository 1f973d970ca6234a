package cn.grants.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.grants.domain.money.InvalidAmountException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The shipped catalogue: cited to the seeds, and its rules computing what the seeds say. */
class PolicyCatalogueTest {

    static PolicyCatalogue catalogue;

    @BeforeAll
    static void load() throws IOException {
        catalogue = PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));
    }

    static String seed(String document) throws IOException {
        return Files.readString(Path.of("../docs/seeds", document), StandardCharsets.UTF_8);
    }

    @Test
    void shouldCiteAClauseAndAQuoteThatExistInTheSeed() throws IOException {
        assertThat(catalogue.measures()).hasSizeGreaterThanOrEqualTo(45);
        for (Measure m : catalogue.measures()) {
            String text = seed(m.source().document());
            assertThat(text).as("clause of %s", m.id()).contains(m.source().clause());
            assertThat(text).as("quote of %s", m.id()).contains(m.quote());
            assertThat(text.replace("\n", "")).as("title of %s", m.id())
                    .contains(m.source().title().replace("（征求意见稿）", ""));
        }
    }

    @Test
    void shouldCiteEveryClusterTargetInItsSeed() throws IOException {
        ClusterReference reference = ClusterReference.load(
                Files.newInputStream(Path.of("src/main/resources/catalogue/reference/clusters.yaml")));

        assertThat(reference.clusters()).extracting(ClusterReference.Cluster::code).contains("INDUSTRIAL_MACHINE",
                "INTELLIGENT_ROBOT", "LASER_ADDITIVE", "PRECISION_INSTRUMENT", "NEW_MATERIALS", "HIGH_END_CNC",
                "AVIATION", "SATELLITE", "RAIL_TRANSIT", "MARINE_ENGINEERING");
        for (ClusterReference.Cluster cluster : reference.clusters()) {
            assertThat(seed(cluster.source().document())).as("source of %s", cluster.code())
                    .contains(cluster.source().clause());
            for (ClusterReference.Target target : cluster.targets()) {
                String text = seed(target.source().document());
                assertThat(text).as("target of %s", cluster.code()).contains(target.quote())
                        .contains(target.source().clause());
                // the value is the quote's number (百亿级 is kept as 100 亿元), so it is checked by eye in the data
            }
        }
        assertThat(reference.find("INTELLIGENT_ROBOT").orElseThrow().targets())
                .anySatisfy(t -> assertThat(t.value() + t.unit()).isEqualTo("160亿元"));
    }

    @Test
    void shouldNameInTheDocOnlyAnIssuerTheSeedNames() throws IOException {
        // given
        String doc = Files.readString(Path.of("../docs/catalogue.md"), StandardCharsets.UTF_8);

        for (PolicyDocument document : catalogue.documents()) {
            // when: the "Issuer:" line of the document's section
            String section = doc.substring(doc.indexOf("## " + document.document()));
            String line = section.lines().filter(l -> l.startsWith("Issuer: ")).findFirst().orElseThrow();
            String issuer = line.substring("Issuer: ".length(), line.indexOf(" · "));
            String text = seed(document.document());

            // then: either the seed's own words or "not stated in the seed", and any quoted wording is the seed's
            if (!issuer.startsWith("not stated in the seed")) {
                assertThat(text).as("issuer of %s", document.document()).contains(issuer);
            }
            if (issuer.contains("负责解释")) {
                assertThat(text).as("interpretation clause of %s", document.document())
                        .contains(issuer.substring(issuer.indexOf("本措施由"), issuer.indexOf("负责解释") + 4));
            }
        }
        assertThat(seed("003_1f40336fc45a054a.txt")).doesNotContain("工业和信息化局");
        assertThat(doc).contains("Issuer: not stated in the seed (it names no issuing or interpreting body");
    }

    @Test
    void shouldDescribeThe003SupplyChainInterestSubsidyAsOperatingLoanInterestOnly() throws IOException {
        // given: 003 14. subsidises "经营性贷款利息" (no finance lease, unlike 8.)
        Measure measure = catalogue.find("sz-mfg-14-supply-chain-loan-interest").orElseThrow();
        String doc = Files.readString(Path.of("../docs/catalogue.md"), StandardCharsets.UTF_8);

        // when: the Rule cell of its row (| ID | Name | Clause | Mode | Audit | Rule | Units | Notes |)
        String row = doc.lines().filter(l -> l.startsWith("| `" + measure.id() + "` |")).findFirst().orElseThrow();
        String rule = row.split("\\|")[6].trim();

        // then
        assertThat(measure.quote()).contains("经营性贷款利息").doesNotContain("租赁");
        assertThat(seed(measure.source().document())).contains(measure.quote());
        assertThat(rule).startsWith("30% of the interest on operating loans (经营性贷款利息)").doesNotContain("lease");
    }

    @Test
    void shouldCapAtOneHundredMillion() {
        Measure measure = catalogue.find("sz-equip-03-major-equipment-rd").orElseThrow();

        Calculation below = SubsidyCalculator.calculate(measure, Map.of("INVESTMENT", "100000000.00"), null);
        Calculation at = SubsidyCalculator.calculate(measure, Map.of("INVESTMENT", "333333333.34"), null);
        Calculation above = SubsidyCalculator.calculate(measure, Map.of("INVESTMENT", "200000000000"), null);

        assertThat(below.amount()).isEqualByComparingTo("30000000.00");
        assertThat(below.capped()).isFalse();
        assertThat(at.amount()).isEqualByComparingTo("100000000.00");
        assertThat(above.amount()).isEqualByComparingTo("100000000.00");
        assertThat(above.capped()).isTrue();
        assertThat(above.explanation()).isEqualTo("min(30% × 200,000,000,000.00, 100,000,000.00) = 100,000,000.00"
                + " — up to (最高/不超过): a ceiling, an officer may determine less (核定)");
    }

    @Test
    void shouldRoundDownToTheFen() {
        Measure measure = catalogue.find("sz-equip-03-major-equipment-rd").orElseThrow();

        Calculation c = SubsidyCalculator.calculate(measure, Map.of("INVESTMENT", "0.05"), null);

        assertThat(c.amount()).isEqualByComparingTo("0.01");
        assertThat(c.amount().scale()).isEqualTo(2);
    }

    @Test
    void shouldApplyThePerEnterpriseCapAcrossTheEnterprisesCases() {
        Measure measure = catalogue.measures().stream().filter(m -> m.rule().perEnterpriseCap() != null
                && m.rule() instanceof Rules.RateCap).findFirst().orElseThrow();
        Rules.RateCap rule = (Rules.RateCap) measure.rule();
        String huge = "1000000000000.00";

        Calculation first = SubsidyCalculator.calculate(measure, Map.of(rule.basis(), huge), null);
        Calculation second = SubsidyCalculator.calculate(measure, Map.of(rule.basis(), huge), rule.perEnterpriseCap());

        assertThat(first.amount()).isLessThanOrEqualTo(rule.perEnterpriseCap());
        assertThat(second.amount()).isEqualByComparingTo("0.00");
        assertThat(second.capped()).isTrue();
    }

    @Test
    void shouldRefuseInputsTheRuleDoesNotTake() {
        Measure measure = catalogue.find("sz-equip-03-major-equipment-rd").orElseThrow();

        assertThatThrownBy(() -> SubsidyCalculator.calculate(measure, Map.of("SALES", "1"), null))
                .isInstanceOf(InvalidAmountException.class).extracting("field").isEqualTo("inputs.SALES");
        assertThatThrownBy(() -> SubsidyCalculator.calculate(measure, Map.of(), null))
                .isInstanceOf(InvalidAmountException.class).extracting("field").isEqualTo("inputs.INVESTMENT");
        assertThatThrownBy(() -> SubsidyCalculator.calculate(measure, Map.of("INVESTMENT", "1.001"), null))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("more than 2 decimals");
    }

    @Test
    void shouldSumAtMostThreeContracts() {
        Measure measure = catalogue.measures().stream().filter(m -> m.rule() instanceof Rules.ContractSum)
                .findFirst().orElseThrow();

        assertThatThrownBy(() -> SubsidyCalculator.calculate(measure,
                Map.of("CONTRACT_RECEIPTS", List.of("1", "2", "3", "4")), null))
                .isInstanceOf(InvalidAmountException.class).extracting("field").isEqualTo("inputs.CONTRACT_RECEIPTS");
        Calculation c = SubsidyCalculator.calculate(measure, Map.of("CONTRACT_RECEIPTS", List.of("100.00", "200.00")), null);
        assertThat(c.explanation()).contains("(100.00 + 200.00)");
    }

    @Test
    void shouldChangeVersionAndRuleWhenAProcessOwnerEditsTheData(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        // given: the 000 file with the cap of （三） lowered from 1亿 to 5000万
        Path original = Path.of("src/main/resources/catalogue/000_e5efbe865db9c721.yaml");
        String edited = Files.readString(original).replace("cap: \"100000000.00\"", "cap: \"50000000.00\"");
        Path copy = Files.writeString(dir.resolve("000_e5efbe865db9c721.yaml"), edited);

        // when
        PolicyCatalogue changed = PolicyCatalogue.load(List.of(new org.springframework.core.io.FileSystemResource(copy)),
                LocalDate.of(2023, 1, 1));
        PolicyCatalogue same = PolicyCatalogue.load(List.of(new org.springframework.core.io.FileSystemResource(original)),
                LocalDate.of(2023, 1, 1));

        // then
        Measure measure = changed.find("sz-equip-03-major-equipment-rd").orElseThrow();
        assertThat(SubsidyCalculator.calculate(measure, Map.of("INVESTMENT", "400000000"), null).amount())
                .isEqualByComparingTo("50000000.00");
        assertThat(changed.version()).hasSize(12).isNotEqualTo(same.version());
    }
}
