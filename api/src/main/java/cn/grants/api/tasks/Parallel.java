package cn.grants.api.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Work on many items at most {@code parallelism} at a time, the results in the items' order. */
final class Parallel {

    private Parallel() {
    }

    static <T, R> List<R> map(List<T> items, int parallelism, Function<T, R> work) {
        if (items.size() <= 1 || parallelism <= 1) {
            return items.stream().map(work).toList();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()),
                Thread.ofPlatform().name("bulk-", 0).daemon().factory())) {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the bulk action ran", e);
                }
            }
            return results;
        }
    }
}
