package dev.greenlight.localcloud.sfn;

import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list operation: {@code maxResults} (0 or absent means 100, at most 1000) items from where
 * {@code nextToken} left off. The token is opaque to clients; here it encodes the offset.
 */
record Page<T>(List<T> items, String nextToken) {

    private static final int DEFAULT_SIZE = 100;
    private static final int MAX_SIZE = 1000;

    static <T> Page<T> of(List<T> all, JsonNode request) {
        int size = size(SfnOperations.integer(request, "maxResults", 0));
        int from = offset(SfnOperations.optional(request, "nextToken"), all.size());
        int to = Math.min(all.size(), from + size);
        return new Page<>(all.subList(from, to), to < all.size() ? token(to) : null);
    }

    private static int size(int maxResults) {
        if (maxResults < 0 || maxResults > MAX_SIZE) {
            throw new SfnException("ValidationException", "1 validation error detected: Value '" + maxResults
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 1000");
        }
        return maxResults == 0 ? DEFAULT_SIZE : maxResults;
    }

    private static int offset(String token, int total) {
        if (token == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (offset >= 0 && offset <= total) {
                return offset;
            }
        } catch (IllegalArgumentException e) {
            // falls through to InvalidToken, naming the token
        }
        throw new SfnException("InvalidToken", "Invalid Token: '" + token + "'");
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().encodeToString(Integer.toString(offset).getBytes(StandardCharsets.UTF_8));
    }
}
