package cn.grants.api.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** 429 as an RFC 9457 problem detail with {@code Retry-After} in whole seconds (at least 1). */
final class TooManyRequests {

    private TooManyRequests() {
    }

    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    static void send(HttpServletResponse response, Duration wait, String detail) throws IOException {
        long seconds = seconds(wait);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"https://grants.local/problems/too-many-requests\","
                + "\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"" + json(detail)
                + "\",\"retryAfter\":" + seconds + "}");
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
