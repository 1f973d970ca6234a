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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The overlap groups the seeds imply, each measure existing, granting money and in one group only. */
class OverlapGroupsTest {

    static PolicyCatalogue catalogue() throws IOException {
        return PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));
    }

    static OverlapGroups shipped() throws IOException {
        try (InputStream in = OverlapGroupsTest.class.getResourceAsStream("/catalogue/reference/overlaps.yaml")) {
            return OverlapGroups.load(in, catalogue());
        }
    }

    @Test
    void shouldGroupTheMeasuresThatFundTheSameThingAsTheSeedsDo() throws IOException {
        // when
        OverlapGroups groups = shipped();

        // then: the overlaps a clause-by-clause reading of 000, 003 and 004 finds, cited to their clauses
        Map<String, List<String>> clauses = groups.groups().stream().collect(Collectors.toMap(OverlapGroups.Group::id,
                g -> g.citations().stream().map(c -> c.document().substring(0, 3) + " " + c.clause()).distinct()
                        .toList()));
        assertThat(clauses).containsOnlyKeys("single-item-champion", "innovation-centre", "innovation-centre-matching",
                "three-firsts", "public-service-platform", "park-operation", "open-competition");
        assertThat(clauses.get("single-item-champion")).containsExactly("000 （十五）", "003 13.");
        assertThat(clauses.get("innovation-centre")).containsExactly("000 （十六）", "003 6.", "004 （四）");
        assertThat(clauses.get("innovation-centre-matching")).containsExactly("000 （十六）", "003 6.", "004 （四）");
        assertThat(clauses.get("three-firsts")).containsExactly("000 （六）", "000 （八）", "000 （十四）", "003 11.",
                "004 （五）", "004 （八）");
        assertThat(clauses.get("public-service-platform")).containsExactly("000 （十七）", "003 16.");
        assertThat(clauses.get("park-operation")).containsExactly("000 （二）", "004 （十四）");
        assertThat(clauses.get("open-competition")).containsExactly("000 （十一）", "004 （六）");
        assertThat(groups.groupOf("sz-equip-14-first-set-maker")).get().extracting(OverlapGroups.Group::key)
                .isEqualTo(OverlapGroups.Key.PRODUCT);
        assertThat(groups.groupOf("sz-equip-14-first-set-buyer")).as("the buyer is another party").isEmpty();
        assertThat(groups.groupOf("sz-equip-03-major-equipment-rd")).isEmpty();
        // every quote is the measure's own, found in its seed
        for (OverlapGroups.Group g : groups.groups()) {
            for (OverlapGroups.Citation c : g.citations()) {
                assertThat(Files.readString(Path.of("../docs/seeds", c.document()), StandardCharsets.UTF_8))
                        .as("%s of %s", c.measureId(), g.id()).contains(c.quote());
            }
        }
    }

    @Test
    void shouldRefuseAGroupWithAMeasureThatIsUnknownGrantsNoMoneyOrIsInTwoGroups() throws IOException {
        PolicyCatalogue catalogue = catalogue();
        assertThatThrownBy(() -> load(catalogue, group("a", "sz-equip-03-major-equipment-rd", "sz-nothing-here")))
                .hasMessageContaining("sz-nothing-here is not in the catalogue");
        assertThatThrownBy(() -> load(catalogue, group("a", "sz-equip-03-major-equipment-rd",
                "sz-equip-04-equipment-talent"))).hasMessageContaining("grants no money");
        assertThatThrownBy(() -> load(catalogue, group("a", "sz-equip-03-major-equipment-rd",
                "sz-equip-12-smart-connected-modules") + group("b", "sz-equip-12-smart-connected-modules",
                "sz-equip-13-nc-link-adoption"))).hasMessageContaining("is in a and b");
    }

    @Test
    void shouldCompareSubjectsWithoutSpacesPunctuationOrLetterCase() {
        assertThat(OverlapGroups.subjectKey(" ＸＫ-7 数控 机床（型号A）。")).isEqualTo(OverlapGroups.subjectKey("xk7数控机床型号a"));
        assertThat(OverlapGroups.subjectKey("XK7 数控机床")).isNotEqualTo(OverlapGroups.subjectKey("XK8 数控机床"));
    }

    private static String group(String id, String... measures) {
        return "  - id: " + id + "\n    name: 组\n    key: PRODUCT\n    reason: test\n    measures: ["
                + String.join(", ", measures) + "]\n";
    }

    private static OverlapGroups load(PolicyCatalogue catalogue, String groups) {
        return OverlapGroups.load(new ByteArrayInputStream(("groups:\n" + groups).getBytes(StandardCharsets.UTF_8)),
                catalogue);
    }
}
