package cn.grants.domain.persistence;

import java.util.ArrayList;
import java.util.List;

/** Ids for statements with an {@code IN (…)} list, a bounded number at a time (PostgreSQL binds at most 32,767). */
public final class InLists {

    /** The ids one statement carries. */
    public static final int SIZE = 1000;

    private InLists() {
    }

    /** The list cut into consecutive views of at most {@code size} elements, in order. */
    public static <T> List<List<T>> chunks(List<T> ids, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1");
        }
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += size) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + size)));
        }
        return chunks;
    }

    /** {@link #chunks(List, int)} of {@link #SIZE}. */
    public static <T> List<List<T>> chunks(List<T> ids) {
        return chunks(ids, SIZE);
    }
}
