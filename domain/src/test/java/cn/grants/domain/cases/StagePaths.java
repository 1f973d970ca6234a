package cn.grants.domain.cases;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * For tests that need a case at a stage: the shortest sequence of legal moves ({@link Stage#moves()}) from one stage
 * to another, and a walk of a case along it through {@link CaseProgress}, so that fixtures respect the state machine
 * as the models do.
 */
public final class StagePaths {

    private StagePaths() {
    }

    /**
     * The stages to enter, in order, to get from {@code from} to {@code to} by legal moves (at least one move: from a
     * stage to itself, the way round a loop), the last being {@code to}.
     *
     * @throws IllegalArgumentException when no sequence of legal moves leads there
     */
    public static List<Stage> path(Stage from, Stage to) {
        Map<Stage, Stage> cameFrom = new EnumMap<>(Stage.class);
        Deque<Stage> open = new ArrayDeque<>();
        for (Stage first : from.moves()) {
            cameFrom.put(first, from);
            open.add(first);
        }
        while (!open.isEmpty()) {
            Stage at = open.poll();
            if (at == to) {
                List<Stage> path = new ArrayList<>();
                Stage step = to;
                path.add(step);
                while (cameFrom.get(step) != from) {
                    step = cameFrom.get(step);
                    path.add(step);
                }
                Collections.reverse(path);
                return path;
            }
            for (Stage next : at.moves()) {
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    open.add(next);
                }
            }
        }
        throw new IllegalArgumentException("no legal moves lead from " + from + " to " + to);
    }

    /**
     * Walks the case from its stage to {@code to} along {@link #path}, each step announced as by the engine (a key
     * of its own, {@code keyPrefix} + the stage + a random part), the last one with {@code reason}.
     */
    public static void walk(CaseProgress progress, GrantCaseRepository cases, UUID caseId, Stage to, String actor,
            String reason, String keyPrefix) {
        Stage at = cases.findById(caseId).orElseThrow().getCurrentStage();
        for (Stage step : path(at, to)) {
            progress.enter(caseId, step, actor, step == to ? reason : null,
                    keyPrefix + ":" + step + ":" + UUID.randomUUID());
        }
    }
}
