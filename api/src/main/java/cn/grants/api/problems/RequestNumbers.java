package cn.grants.api.problems;

/**
 * Whole numbers from a request's query parameters (a page, a page size, hours), bounded before use: anything else is
 * a 400 problem naming the parameter.
 */
public final class RequestNumbers {

    /** The largest page a list answers. */
    public static final int MAX_PAGE_SIZE = 500;

    private RequestNumbers() {
    }

    /**
     * The parameter as a whole number from {@code min} to {@code max}; {@code fallback} when it is absent or blank.
     *
     * @throws ApiException a 400 naming {@code field} when it is anything else
     */
    public static int of(String field, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(field, field + " must be a whole number from " + min + " to " + max);
    }
}
