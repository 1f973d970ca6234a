package cn.grants.domain.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InListsTest {

    @Test
    void shouldCutIdsIntoStatementsOfAtMostTheSizeKeepingEveryIdInOrder() {
        List<Integer> ids = IntStream.range(0, 2_501).boxed().toList();

        List<List<Integer>> chunks = InLists.chunks(ids);

        assertThat(chunks).extracting(List::size).containsExactly(1000, 1000, 501);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(ids);
    }

    @Test
    void shouldGiveNoStatementForNoIdsAndRefuseAnEmptyStatement() {
        assertThat(InLists.chunks(List.of())).isEmpty();
        assertThat(InLists.chunks(List.of(1, 2, 3), 3)).containsExactly(List.of(1, 2, 3));
        assertThatThrownBy(() -> InLists.chunks(List.of(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
