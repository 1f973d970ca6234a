package cn.grants.api.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A bulk action works on several tasks at once, the results in the tasks' order. */
class ParallelTest {

    @Test
    void shouldWorkOnAsManyItemsAtOnceAsAllowedAndKeepTheirOrder() {
        // given: work that can only finish when three items are worked on at the same moment
        CyclicBarrier three = new CyclicBarrier(3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 9).boxed().toList();

        // when
        List<String> results = Parallel.map(items, 3, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                three.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the items were not worked on together", e);
            }
            running.decrementAndGet();
            return "item " + i;
        });

        // then
        assertThat(results).containsExactly("item 0", "item 1", "item 2", "item 3", "item 4", "item 5", "item 6",
                "item 7", "item 8");
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void shouldPassOnAFailureTheWorkDidNotHandle() {
        assertThatThrownBy(() -> Parallel.map(List.of(1, 2, 3), 2, i -> {
            if (i == 2) {
                throw new IllegalArgumentException("item 2 is wrong");
            }
            return i;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("item 2 is wrong");
    }
}
