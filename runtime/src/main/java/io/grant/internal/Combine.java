package io.grant.internal;

import io.grant.async.AsyncResult;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link AsyncResult#all}: one result holding every value of several, in order. It fails with the first failure
 * (or is cancelled by the first cancellation) and cancelling it cancels them all. Its work ends when
 * every source has settled, so a scope that owns it waits for all of them. Not API.
 */
public final class Combine {

    private Combine() {}

    /** See {@link AsyncResult#all}. */
    public static <T> Task<List<T>> all(List<? extends AsyncResult<? extends T>> results) {
        List<AsyncResult<? extends T>> sources = List.copyOf(results);
        Task<List<T>> combined = new Task<>(name(sources), MetricsRecorder.NONE);
        combined.onCancel(() -> sources.forEach(AsyncResult::cancel));
        if (sources.isEmpty()) {
            combined.complete(List.of());
            return combined;
        }
        AtomicInteger remaining = new AtomicInteger(sources.size());
        Object[] values = new Object[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            int index = i;
            sources.get(i).toCompletableFuture().whenComplete((value, error) -> {
                if (error != null) {
                    combined.settleLike(error);
                } else {
                    values[index] = value;
                }
                if (remaining.decrementAndGet() == 0) {
                    @SuppressWarnings("unchecked") // every slot holds the T of its source
                    List<T> list = (List<T>) Arrays.asList(values);
                    combined.complete(Collections.unmodifiableList(list));
                }
            });
        }
        return combined;
    }

    private static String name(List<? extends AsyncResult<?>> sources) {
        StringBuilder name = new StringBuilder("all(");
        int shown = Math.min(3, sources.size());
        for (int i = 0; i < shown; i++) {
            name.append(i == 0 ? "" : ", ").append(sources.get(i).operation());
        }
        if (sources.size() > shown) {
            name.append(", ... ").append(sources.size()).append(" results");
        }
        return name.append(')').toString();
    }
}
