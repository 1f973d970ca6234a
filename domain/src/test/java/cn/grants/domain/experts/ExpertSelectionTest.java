package cn.grants.domain.experts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpertSelectionTest {

    static final String APPLICANT = "91440300MA5F00001A";
    static final String OTHER_ENTERPRISE = "91440300MA5F00002D";
    static final String UNIVERSITY = "12440300MB2C003018";

    static Expert expert(String id, String employerCode, String... relatedCodes) {
        List<Expert.Relation> relations = Arrays.stream(relatedCodes)
                .map(code -> new Expert.Relation(code, "曾任技术顾问 / Former technical adviser")).toList();
        return new Expert(id, "user-" + id, "专家" + id, "智能装备 / Intelligent equipment", "某单位", employerCode,
                relations);
    }

    @Test
    void shouldNeverDrawAnExpertFromTheApplicantsEmployer() {
        // given: A works for the applicant
        List<Expert> pool = List.of(expert("A", APPLICANT), expert("B", UNIVERSITY), expert("C", OTHER_ENTERPRISE));

        for (long seed = 0; seed < 200; seed++) {
            // when
            ExpertSelection.Selection selection = ExpertSelection.pick(pool, APPLICANT, Set.of(), new Random(seed));

            // then
            assertThat(selection.chosen().id()).isIn("B", "C");
            assertThat(selection.exclusions())
                    .containsExactly(new ExpertSelection.Exclusion("A", ExpertSelection.SAME_EMPLOYER));
        }
    }

    @Test
    void shouldExcludeAnExpertWhoDeclaredARelationWithTheApplicant() {
        // given: B once advised the applicant, C advised another enterprise
        List<Expert> pool = List.of(expert("A", UNIVERSITY), expert("B", UNIVERSITY, OTHER_ENTERPRISE, APPLICANT),
                expert("C", UNIVERSITY, OTHER_ENTERPRISE));

        for (long seed = 0; seed < 200; seed++) {
            // when
            ExpertSelection.Selection selection = ExpertSelection.pick(pool, APPLICANT, Set.of(), new Random(seed));

            // then
            assertThat(selection.chosen().id()).isIn("A", "C");
            assertThat(selection.exclusions())
                    .containsExactly(new ExpertSelection.Exclusion("B", ExpertSelection.DECLARED_RELATION));
        }
    }

    @Test
    void shouldMatchTheApplicantsCodeWhateverItsCaseAndSurroundingBlanks() {
        // given
        List<Expert> pool = List.of(expert("A", APPLICANT), expert("B", UNIVERSITY));

        // when
        ExpertSelection.Selection selection = ExpertSelection.pick(pool, " 91440300ma5f00001a ", Set.of(),
                new Random(1));

        // then
        assertThat(selection.chosen().id()).isEqualTo("B");
        assertThat(selection.exclusions()).extracting(ExpertSelection.Exclusion::expertId).containsExactly("A");
    }

    @Test
    void shouldNeverDrawAnExpertAlreadyDrawnForTheCase() {
        // given: B was drawn before (and timed out), so the redraw must pick someone new
        List<Expert> pool = List.of(expert("A", APPLICANT), expert("B", UNIVERSITY), expert("C", UNIVERSITY));

        for (long seed = 0; seed < 200; seed++) {
            // when
            ExpertSelection.Selection selection = ExpertSelection.pick(pool, APPLICANT, Set.of("B"),
                    new Random(seed));

            // then
            assertThat(selection.chosen().id()).isEqualTo("C");
            assertThat(selection.exclusions()).containsExactly(
                    new ExpertSelection.Exclusion("A", ExpertSelection.SAME_EMPLOYER),
                    new ExpertSelection.Exclusion("B", ExpertSelection.ALREADY_DRAWN));
        }
    }

    @Test
    void shouldDrawEveryEligibleExpertOnceBeforeRunningOut() {
        // given
        List<Expert> pool = List.of(expert("A", APPLICANT), expert("B", UNIVERSITY), expert("C", UNIVERSITY),
                expert("D", UNIVERSITY, APPLICANT), expert("E", OTHER_ENTERPRISE), expert("F", UNIVERSITY));
        Random random = new Random(7);
        Set<String> drawn = new HashSet<>();
        List<String> order = new ArrayList<>();

        // when: slot after slot until nobody is left
        ExpertSelection.Selection selection;
        while ((selection = ExpertSelection.pick(pool, APPLICANT, drawn, random)).chosen() != null) {
            order.add(selection.chosen().id());
            drawn.add(selection.chosen().id());
        }

        // then
        assertThat(order).containsExactlyInAnyOrder("B", "C", "E", "F");
        assertThat(selection.exclusions()).extracting(ExpertSelection.Exclusion::expertId)
                .containsExactly("A", "B", "C", "D", "E", "F");
    }

    @Test
    void shouldChooseNobodyWhenEveryExpertIsExcluded() {
        // given
        List<Expert> pool = List.of(expert("A", APPLICANT), expert("B", UNIVERSITY, APPLICANT),
                expert("C", UNIVERSITY));

        // when
        ExpertSelection.Selection selection = ExpertSelection.pick(pool, APPLICANT, Set.of("C"), new Random(3));

        // then
        assertThat(selection.chosen()).isNull();
        assertThat(selection.exclusions()).containsExactly(
                new ExpertSelection.Exclusion("A", ExpertSelection.SAME_EMPLOYER),
                new ExpertSelection.Exclusion("B", ExpertSelection.DECLARED_RELATION),
                new ExpertSelection.Exclusion("C", ExpertSelection.ALREADY_DRAWN));
    }

    @Test
    void shouldRecordAnExcludedExpertOnceWithTheConflictOfInterestFirst() {
        // given: A works for the applicant, declared a relation with it, and was drawn before
        List<Expert> pool = List.of(expert("A", APPLICANT, APPLICANT), expert("B", UNIVERSITY, APPLICANT));

        // when
        ExpertSelection.Selection selection = ExpertSelection.pick(pool, APPLICANT, Set.of("A", "B"),
                new Random(3));

        // then
        assertThat(selection.exclusions()).containsExactly(
                new ExpertSelection.Exclusion("A", ExpertSelection.SAME_EMPLOYER),
                new ExpertSelection.Exclusion("B", ExpertSelection.DECLARED_RELATION));
    }

    @Test
    void shouldPickUniformlyAmongAllEligibleExperts() {
        // given: four eligible experts of six
        List<Expert> pool = List.of(expert("A", UNIVERSITY), expert("B", APPLICANT), expert("C", UNIVERSITY),
                expert("D", UNIVERSITY), expert("E", UNIVERSITY, APPLICANT), expert("F", OTHER_ENTERPRISE));
        Random random = new Random(20250101L);
        Map<String, Integer> counts = new HashMap<>();

        // when
        for (int i = 0; i < 4000; i++) {
            counts.merge(ExpertSelection.pick(pool, APPLICANT, Set.of(), random).chosen().id(), 1, Integer::sum);
        }

        // then: about 1000 each (a standard deviation is about 27)
        assertThat(counts).containsOnlyKeys("A", "C", "D", "F");
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
    }

    @Test
    void shouldDrawTheSameExpertsForTheSameSeed() {
        // given
        List<Expert> pool = List.of(expert("A", UNIVERSITY), expert("B", UNIVERSITY), expert("C", UNIVERSITY),
                expert("D", UNIVERSITY), expert("E", UNIVERSITY));
        SplittableRandom first = new SplittableRandom(99);
        SplittableRandom second = new SplittableRandom(99);
        List<String> firstDraws = new ArrayList<>();
        List<String> secondDraws = new ArrayList<>();

        // when
        for (int i = 0; i < 50; i++) {
            firstDraws.add(ExpertSelection.pick(pool, APPLICANT, Set.of(), first).chosen().id());
            secondDraws.add(ExpertSelection.pick(pool, APPLICANT, Set.of(), second).chosen().id());
        }

        // then
        assertThat(firstDraws).isEqualTo(secondDraws);
        assertThat(new HashSet<>(firstDraws)).hasSizeGreaterThan(1);
    }
}
