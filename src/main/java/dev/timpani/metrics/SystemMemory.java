package dev.timpani.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory figures for {@code /stats/} (R-ROUTE-5), in MB, read from Linux's {@code /proc} and the cgroup
 * (v2, else v1). Anything the machine does not tell is null, as in DRUM.
 */
final class SystemMemory {

    private static final double MB = 1024.0 * 1024.0;

    private final Path proc;
    private final Path cgroup;

    SystemMemory(Path proc, Path cgroup) {
        this.proc = proc;
        this.cgroup = cgroup;
    }

    static SystemMemory linux() {
        return new SystemMemory(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
    }

    Map<String, Object> memInfo() {
        Map<String, Long> meminfo = keyedKilobytes(proc.resolve("meminfo"));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("total", megabytesOfKb(meminfo.get("MemTotal")));
        info.put("avail", megabytesOfKb(meminfo.get("MemAvailable")));
        info.put("free", megabytesOfKb(meminfo.get("MemFree")));
        info.put("drum_rss", rssMegabytes(proc.resolve("self/status")));
        Long limit = firstNumber(cgroup.resolve("memory.max"), cgroup.resolve("memory/memory.limit_in_bytes"));
        // cgroup v1 reports "no limit" as a huge number; v2 as the word "max", which reads as null.
        info.put("container_limit", limit == null || limit > (1L << 60) ? null : megabytes(limit));
        info.put("container_max_used", megabytes(firstNumber(cgroup.resolve("memory.peak"),
                cgroup.resolve("memory/memory.max_usage_in_bytes"))));
        info.put("container_used", megabytes(firstNumber(cgroup.resolve("memory.current"),
                cgroup.resolve("memory/memory.usage_in_bytes"))));
        return info;
    }

    /** Resident set size of a process in MB, from its {@code status} file. */
    Double rssMegabytes(Path status) {
        return megabytesOfKb(keyedKilobytes(status).get("VmRSS"));
    }

    Path procDir() {
        return proc;
    }

    private static Map<String, Long> keyedKilobytes(Path file) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : lines(file)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] parts = line.substring(colon + 1).strip().split("\\s+");
            try {
                values.put(line.substring(0, colon), Long.parseLong(parts[0]));
            } catch (NumberFormatException notANumber) {
                // not a figure we read
            }
        }
        return values;
    }

    private static Long firstNumber(Path... files) {
        for (Path file : files) {
            List<String> lines = lines(file);
            if (!lines.isEmpty()) {
                try {
                    return Long.parseLong(lines.get(0).strip());
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            }
        }
        return null;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    private static Double megabytesOfKb(Long kilobytes) {
        return kilobytes == null ? null : round(kilobytes / 1024.0);
    }

    private static Double megabytes(Long bytes) {
        return bytes == null ? null : round(bytes / MB);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
