package dev.timpani.metrics;

import com.sun.management.OperatingSystemMXBean;
import dev.timpani.model.ScoringStats;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R-ROUTE-5: DRUM's {@code /stats/} body with its field names: memory of the machine, the container and this
 * process, the processes serving the model, and scoring time.
 */
class DrumStats {

    private final ScoringStats scoring;
    private final SystemMemory memory = SystemMemory.linux();

    DrumStats(ScoringStats scoring) {
        this.scoring = scoring;
    }

    Map<String, Object> snapshot() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mem_info", memory.memInfo());
        body.put("drum_info", processes());
        ScoringStats.Summary summary = scoring.summary();
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("min", summary.min());
        total.put("avg", summary.avg());
        total.put("max", summary.max());
        body.put("time_info", Map.of("run_predictor_total", total));
        return body;
    }

    /** This JVM, then its child processes (the hook workers). */
    private List<Map<String, Object>> processes() {
        List<Map<String, Object>> processes = new ArrayList<>();
        ProcessHandle self = ProcessHandle.current();
        processes.add(describe(self, cpuPercent()));
        self.descendants().forEach(child -> processes.add(describe(child, null)));
        return processes;
    }

    private Map<String, Object> describe(ProcessHandle process, Double cpuPercent) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("pid", process.pid());
        ProcessHandle.Info details = process.info();
        List<String> cmdline = new ArrayList<>();
        details.command().ifPresent(cmdline::add);
        details.arguments().ifPresent(arguments -> cmdline.addAll(List.of(arguments)));
        info.put("cmdline", cmdline);
        info.put("mem", memory.rssMegabytes(memory.procDir().resolve(process.pid() + "/status")));
        info.put("cpu_percent", cpuPercent);
        return info;
    }

    private static Double cpuPercent() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            return load < 0 ? null : Math.round(load * 1000) / 10.0;
        }
        return null;
    }
}
