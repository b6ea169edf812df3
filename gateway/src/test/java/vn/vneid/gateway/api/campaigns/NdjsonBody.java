package vn.vneid.gateway.api.campaigns;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

/**
 * An NDJSON upload body made line by line as the HTTP client reads it (never whole in memory), handed out in
 * reads of at most {@code chunk} bytes, so lines are split across chunks wherever the cut falls.
 * {@link #ended()} turns true once the client has read the last byte.
 */
final class NdjsonBody extends InputStream {
    private final long lines;
    private final LongFunction<String> line;
    private final int chunk;
    private final AtomicBoolean ended = new AtomicBoolean();
    private long next = 1;
    private byte[] current = new byte[0];
    private int pos;

    /** {@code line} maps a 1-based line number to its text, without the newline. */
    NdjsonBody(long lines, LongFunction<String> line, int chunk) {
        this.lines = lines;
        this.line = line;
        this.chunk = chunk;
    }

    boolean ended() {
        return ended.get();
    }

    /** Valid recipient {@code n}: phone 091xxxxxxx made from n, so every line's phone is distinct. */
    static String recipient(long n) {
        return "{\"to\":\"" + phone(n) + "\",\"vars\":{\"name\":\"Citizen " + n + "\"}}";
    }

    static String phone(long n) {
        return String.format("091%07d", n);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int want = Math.min(len, chunk);
        int n = 0;
        while (n < want) {
            if (pos == current.length) {
                if (next > lines) {
                    break;
                }
                current = (line.apply(next++) + "\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            int take = Math.min(want - n, current.length - pos);
            System.arraycopy(current, pos, b, off + n, take);
            pos += take;
            n += take;
        }
        if (n == 0) {
            ended.set(true);
            return -1;
        }
        return n;
    }
}
