package cn.grants.domain.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

class ExpertPoolTest {

    static final ExpertPool demo = ExpertPool.load(new ClassPathResource("experts/demo-pool.yaml"));

    /** GB 32100-2015 computed here on its own: weights 3^i mod 31 over the 31-character alphabet. */
    static boolean validCreditCode(String code) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        if (code == null || code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = alphabet.indexOf(code.charAt(i));
            if (value < 0) {
                return false;
            }
            sum += value * java.math.BigInteger.valueOf(3).modPow(java.math.BigInteger.valueOf(i),
                    java.math.BigInteger.valueOf(31)).intValue();
        }
        return code.charAt(17) == alphabet.charAt((31 - sum % 31) % 31);
    }

    static ByteArrayResource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "test pool");
    }

    static String entry(String id, String user, String employerCode) {
        return """
                  - id: %s
                    user: %s
                    name: 张三
                    specialty: 新材料 / New materials
                    employer: 深圳大学
                    employerCreditCode: %s
                """.formatted(id, user, employerCode);
    }

    @Test
    void shouldLoadTheEightDemoExperts() {
        // then
        assertThat(demo.experts()).hasSize(8);
        assertThat(demo.experts()).extracting(Expert::user).containsExactly("expert1", "expert2", "expert3",
                "expert4", "expert5", "expert6", "expert7", "expert8");
        assertThat(demo.experts()).extracting(Expert::id).doesNotHaveDuplicates().allMatch(id -> id.matches(
                "EXP-\\d{3}"));
        assertThat(demo.experts()).allSatisfy(e -> {
            assertThat(e.name()).isNotBlank();
            assertThat(e.employer()).isNotBlank();
            assertThat(e.specialty()).contains(" / ");
        });
        assertThat(demo.findByUser("expert3")).map(Expert::id).hasValue("EXP-003");
        assertThat(demo.find("EXP-008")).map(Expert::user).hasValue("expert8");
        assertThat(demo.findByUser("applicant")).isEmpty();
    }

    @Test
    void shouldGiveExpert1TheDemoApplicantAsEmployerWithAValidCode() {
        // when
        Expert expert1 = demo.findByUser("expert1").orElseThrow();

        // then
        assertThat(expert1.employerCreditCode()).isEqualTo("91440300MA5F00001A").hasSize(18);
        assertThat(validCreditCode(expert1.employerCreditCode())).isTrue();
    }

    @Test
    void shouldLetExpert2DeclareARelationWithTheOtherDemoApplicant() {
        // when
        Expert expert2 = demo.findByUser("expert2").orElseThrow();

        // then
        assertThat(expert2.relations()).extracting(Expert.Relation::creditCode).containsExactly("91440300MA5F00002D");
        assertThat(expert2.relations().get(0).relation()).contains("曾任技术顾问");
        assertThat(expert2.declaresRelationWith("91440300MA5F00002D")).isTrue();
    }

    @Test
    void shouldCarryOnlyValidCreditCodesInTheDemoPool() {
        // then
        List<String> codes = demo.experts().stream().flatMap(e -> Stream.concat(Stream.of(e.employerCreditCode()),
                e.relations().stream().map(Expert.Relation::creditCode))).toList();
        assertThat(codes).allSatisfy(code -> assertThat(validCreditCode(code)).as(code).isTrue());
        // and only expert1 works for a demo applicant
        assertThat(demo.experts()).filteredOn(e -> e.worksFor("91440300MA5F00001A") || e.worksFor("91440300MA5F00002D"))
                .extracting(Expert::user).containsExactly("expert1");
    }

    @Test
    void shouldMakeExpert1AndExpert2SitOutTheDemoApplicantsCases() {
        // when
        ExpertSelection.Selection first = ExpertSelection.pick(demo.experts(), "91440300MA5F00001A", Set.of(),
                new Random(1));
        ExpertSelection.Selection second = ExpertSelection.pick(demo.experts(), "91440300MA5F00002D", Set.of(),
                new Random(1));

        // then
        assertThat(first.exclusions()).containsExactly(
                new ExpertSelection.Exclusion("EXP-001", ExpertSelection.SAME_EMPLOYER));
        assertThat(second.exclusions()).containsExactly(
                new ExpertSelection.Exclusion("EXP-002", ExpertSelection.DECLARED_RELATION));
    }

    @Test
    void shouldFailLoadingWhenTwoExpertsShareAUser() {
        // given
        ByteArrayResource file = yaml("experts:\n" + entry("EXP-001", "expert1", "12440300MB2C003018")
                + entry("EXP-002", "expert1", "12440300MB2C00302B"));

        // when / then
        assertThatThrownBy(() -> ExpertPool.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test pool").hasMessageContaining("expert EXP-002")
                .hasMessageContaining("user expert1 belongs to two experts");
    }

    @Test
    void shouldFailLoadingWhenTwoExpertsShareAnId() {
        // given
        ByteArrayResource file = yaml("experts:\n" + entry("EXP-001", "expert1", "12440300MB2C003018")
                + entry("EXP-001", "expert2", "12440300MB2C00302B"));

        // when / then
        assertThatThrownBy(() -> ExpertPool.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("id EXP-001 appears twice");
    }

    @Test
    void shouldFailLoadingACreditCodeThatIsNotEighteenCharacters() {
        // given
        ByteArrayResource file = yaml("experts:\n" + entry("EXP-001", "expert1", "12440300MB2C00301"));

        // when / then
        assertThatThrownBy(() -> ExpertPool.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expert EXP-001")
                .hasMessageContaining("employerCreditCode '12440300MB2C00301' is not an 18-character");
    }

    @Test
    void shouldFailLoadingACreditCodeWithAWrongCheckCharacter() {
        // given
        ByteArrayResource file = yaml("experts:\n" + entry("EXP-001", "expert1", "12440300MB2C003019"));

        // when / then
        assertThatThrownBy(() -> ExpertPool.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("check character '9', GB 32100-2015 gives '8'");
    }

    @Test
    void shouldFailLoadingADeclaredRelationWithAnInvalidCode() {
        // given
        ByteArrayResource file = yaml("experts:\n" + entry("EXP-001", "expert1", "12440300MB2C003018")
                + "    relations:\n      - {creditCode: 91440300MA5F0000IA, relation: 持有股份}\n");

        // when / then
        assertThatThrownBy(() -> ExpertPool.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("relation creditCode '91440300MA5F0000IA' has the character 'I'");
    }

    @Test
    void shouldFailLoadingAnExpertWithoutAUser() {
        // given
        ByteArrayResource file = yaml("""
                experts:
                  - id: EXP-001
                    name: 张三
                    specialty: 新材料 / New materials
                    employer: 深圳大学
                    employerCreditCode: 12440300MB2C003018
                """);

        // when / then
        assertThatThrownBy(() -> ExpertPool.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expert EXP-001 has no user");
    }

    @Test
    void shouldFailLoadingAnEmptyPool() {
        assertThatThrownBy(() -> ExpertPool.load(yaml("experts: []\n"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lists no experts");
    }
}
