package dev.kaigi.chassis.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list response, with what a client needs to fetch the others. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        int size = request.size();
        return new Page<>(List.copyOf(items), request.page(), size, totalItems, (totalItems + size - 1) / size);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
