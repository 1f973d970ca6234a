package cn.grants.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Each measure's eligibility conditions are data, quoted from its seed and cited to its clause. */
class EligibilityTest {

    static PolicyCatalogue catalogue() throws IOException {
        return PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));
    }

    static Eligibility shipped(PolicyCatalogue catalogue) throws IOException {
        try (InputStream in = EligibilityTest.class.getResourceAsStream("/catalogue/reference/eligibility.yaml")) {
            return Eligibility.load(in, catalogue);
        }
    }

    @Test
    void shouldQuoteEveryConditionFromItsSeedWithinItsClause() throws IOException {
        // given
        PolicyCatalogue catalogue = catalogue();
        Eligibility eligibility = shipped(catalogue);

        // then: every condition's quote and clause are the seed's, the quote inside the clause's own paragraph
        int conditions = 0;
        for (Measure m : catalogue.measures()) {
            String seed = Files.readString(Path.of("../docs/seeds", m.source().document()), StandardCharsets.UTF_8);
            for (Eligibility.Condition c : eligibility.of(m.id())) {
                assertThat(seed).as("clause of %s/%s", m.id(), c.id()).contains(c.clause());
                assertThat(seed).as("quote of %s/%s", m.id(), c.id()).contains(c.quote());
                conditions++;
            }
        }
        assertThat(conditions).isGreaterThanOrEqualTo(60);
        // the kinds the issue names: recognition, a list, a window, a consortium's size, a threshold, funds received
        assertThat(eligibility.of("sz-equip-02-key-park-operation")).extracting(Eligibility.Condition::quote)
                .contains("对经认定的重点园区运营方");
        assertThat(eligibility.of("sz-newmat-07-innovation-chain-industry-chain"))
                .anySatisfy(c -> assertThat(c.evidence()).isEqualTo(new Eligibility.Evidence(
                        Eligibility.EvidenceType.COUNT, null, "CONSORTIUM_MEMBERS", "3", null, null, null, null, null)));
        assertThat(eligibility.of("sz-equip-14-first-set-maker")).extracting(c -> c.evidence().type())
                .contains(Eligibility.EvidenceType.DATE_WITHIN);
        assertThat(eligibility.of("sz-mfg-02-output-milestone-award")).extracting(c -> c.evidence().type())
                .contains(Eligibility.EvidenceType.FIGURE);
        assertThat(catalogue.measures().stream().filter(m -> m.rule().cash())
                .flatMap(m -> eligibility.of(m.id()).stream()).map(c -> c.evidence().kind())
                .filter(k -> k != null).collect(Collectors.toSet())).contains("FUNDING_EVIDENCE", "CATALOGUE_LISTING");
    }

    @Test
    void shouldRefuseDataThatMissesAMeasureOrWhatAnEvidenceNeeds() throws IOException {
        PolicyCatalogue catalogue = catalogue();
        assertThatThrownBy(() -> load(catalogue, "measures:\n  sz-equip-03-major-equipment-rd: []\n"))
                .hasMessageContaining("has no entry");
        String all = catalogue.measures().stream().filter(m -> m.rule().cash())
                .map(m -> "  " + m.id() + ": []\n").collect(Collectors.joining());
        assertThat(load(catalogue, "measures:\n" + all).of("sz-equip-03-major-equipment-rd")).isEmpty();
        assertThatThrownBy(() -> load(catalogue, "measures:\n" + all.replace("  sz-equip-03-major-equipment-rd: []\n",
                "  sz-equip-03-major-equipment-rd:\n    - {id: A, name: 甲, quote: 甲, clause: （三）, evidence: {type: FIGURE,"
                        + " field: OUTPUT}}\n"))).hasMessageContaining("FIGURE lacks what it needs");
        assertThatThrownBy(() -> load(catalogue, "measures:\n" + all + "  sz-equip-04-equipment-talent: []\n"))
                .hasMessageContaining("grants no money");
    }

    @Test
    void shouldMarkComputableConditionsFromTheApplicantsAnswers() throws IOException {
        Eligibility eligibility = shipped(catalogue());
        Eligibility.Condition members = condition(eligibility, "sz-newmat-07-innovation-chain-industry-chain",
                "CONSORTIUM_MEMBERS");
        Eligibility.Condition window = condition(eligibility, "sz-equip-08-first-version-software",
                "CONTRACTS_WITHIN_ONE_YEAR_OF_FIRST_SALE");
        Eligibility.Condition plan = condition(eligibility, "sz-newmat-07-innovation-chain-industry-chain",
                "QUALIFYING_IMPLEMENTATION_PLAN");

        // 004（七）"不少于3家单位": 3 meets it, 2 does not
        assertThat(Eligibility.check(members, Eligibility.answer(members, 3, "m")).mark()).isEqualTo(Eligibility.Mark.MET);
        assertThat(Eligibility.check(members, Eligibility.answer(members, "2", "m")).mark())
                .isEqualTo(Eligibility.Mark.NOT_MET);
        // 000（八）"实现首次销售后1年内": a contract a year and a day after the first sale is outside
        assertThat(Eligibility.check(window, Eligibility.answer(window,
                java.util.Map.of("from", "2025-03-01", "to", "2026-03-01"), "w")).mark()).isEqualTo(Eligibility.Mark.MET);
        assertThat(Eligibility.check(window, Eligibility.answer(window,
                java.util.Map.of("from", "2025-03-01", "to", "2026-03-02"), "w")).mark())
                .isEqualTo(Eligibility.Mark.NOT_MET);
        // a declaration is verified by the officer unless the applicant declares it is not met
        assertThat(Eligibility.check(plan, Eligibility.answer(plan, true, "p")).mark()).isNull();
        assertThat(Eligibility.check(plan, Eligibility.answer(plan, "false", "p")).mark())
                .isEqualTo(Eligibility.Mark.NOT_MET);
        // malformed answers name their field
        assertThatThrownBy(() -> Eligibility.answer(members, "3.5", "eligibility.CONSORTIUM_MEMBERS"))
                .hasMessageContaining("eligibility.CONSORTIUM_MEMBERS");
        assertThatThrownBy(() -> Eligibility.answer(window, java.util.Map.of("from", "2026-03-01", "to", "2025-03-01"),
                "eligibility.W")).hasMessageContaining("eligibility.W.to");
    }

    private static Eligibility.Condition condition(Eligibility eligibility, String measure, String id) {
        return eligibility.of(measure).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static Eligibility load(PolicyCatalogue catalogue, String yaml) {
        return Eligibility.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), catalogue);
    }
}
