package dev.greenlight.localcloud.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 exchange written byte for byte, so a test can send what no well-behaved client would (a malformed
 * escape in the request line, raw non-ASCII, a header no client library allows), and read the answer as sent.
 */
final class RawHttp {

    /** An answer: its status, its headers (names in lower case) and its body, de-chunked. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** The media type without its parameters, in lower case; empty if none was sent. */
        String mediaType() {
            return header("content-type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        List<String> cookies() {
            return headers.getOrDefault("set-cookie", List.of());
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code head} (the request line and headers, without the blank line; {@code Host}, {@code Connection:
     * close} and {@code Content-Length} are added) and {@code body}, and reads the whole answer.
     */
    static Response exchange(int port, String head, byte[] body) throws IOException {
        return exchange(port, head.getBytes(StandardCharsets.UTF_8), body);
    }

    /** Sends {@code request} exactly as given (its head, the blank line and any body), and reads the answer. */
    static Response sendAsIs(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    static Response exchange(int port, byte[] head, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head);
                out.write(("\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading everything (a head too large, say): its answer
                // is still there to read
            }
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        // an interim answer (100 Continue) comes before the final one
        while (all.length > 12 && new String(all, 0, 12, StandardCharsets.ISO_8859_1).matches("HTTP/1\\.\\d 1\\d\\d")) {
            int interimEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (interimEnd < 0) {
                break;
            }
            all = java.util.Arrays.copyOfRange(all, interimEnd + 4, all.length);
        }
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no complete head in the answer: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + lines[0]);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        n -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        if (encoding.stream().anyMatch(e -> e.equalsIgnoreCase("chunked"))) {
            body = dechunk(body);
        }
        return new Response(Integer.parseInt(statusLine[1]), headers, body);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            if (lineEnd < 0) {
                throw new IOException("a chunk size line is cut short");
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";", 2)[0].strip();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(chunked, lineEnd + 2, length);
            at = lineEnd + 2 + length + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, pattern, 0);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
