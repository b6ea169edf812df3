package vn.vneid.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of whole processes, all their threads, as Linux accounts it in {@code /proc/<pid>/stat}: {@code utime +
 * stime} (fields 14 and 15) in clock ticks ({@code CLK_TCK}, 100 on Linux). Read before and after a run, the
 * difference divided by the messages of the run is the CPU a message cost that process, background work during
 * the run included (a tick is 10 ms: a run of 50,000 messages at 100 µs each spans 500 ticks).
 */
final class ProcessCpu {
    private final Map<String, Long> pids;
    private final int ticksPerSecond;
    private final Path proc;

    ProcessCpu(Map<String, Long> pids, int ticksPerSecond) {
        this(pids, ticksPerSecond, Path.of("/proc"));
    }

    ProcessCpu(Map<String, Long> pids, int ticksPerSecond, Path proc) {
        this.pids = Collections.unmodifiableMap(new LinkedHashMap<>(pids));
        this.ticksPerSecond = ticksPerSecond;
        this.proc = proc;
    }

    /** CPU ticks used so far by each process, by name; fails naming the process when one is gone. */
    Map<String, Long> ticks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                ticks.put(name, ticksOf(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"))));
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("--cpu " + name + "=" + pid + ": no such process", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CPU time of " + name + " (pid " + pid + ")", e);
            }
        });
        return ticks;
    }

    /** Seconds of CPU a difference of {@code ticks} is. */
    double seconds(long ticks) {
        return (double) ticks / ticksPerSecond;
    }

    /**
     * {@code utime + stime} of one {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and
     * may hold spaces and parentheses itself, so fields are counted from the last {@code )}.
     */
    static long ticksOf(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        // fields[0] is field 3 (state): utime, field 14, is fields[11]; stime, field 15, fields[12].
        if (fields.length < 13) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line with too few fields: " + stat);
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
