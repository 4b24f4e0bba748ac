package dev.ktel.collectors.kmsg;

import dev.ktel.core.event.CorrelationKey;
import dev.ktel.core.event.Event;
import dev.ktel.core.event.EventSink;
import dev.ktel.core.event.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns kernel log records into typed {@link Event}s. One-line messages (segfault, link up/down, I/O error, ...)
 * become one event each; multi-record reports (OOM kill, WARN/BUG/Oops, hung task, lockups, RCU stalls, machine
 * checks, unknown NMIs) are grouped: a trigger line opens a group, the lines that follow are added to it while
 * they arrive within {@link #GROUP_GAP_USEC} of the previous one and are not themselves the start of another
 * report, and the group becomes one event with the fields parsed from all its lines.
 *
 * <p>Records that match nothing become {@code log} events with the record's own priority. Severity alone never
 * decides the type (some harmless messages are logged at KERN_EMERG).
 *
 * <p>Events are handed out when they are complete: a group when the next record does not belong to it, or on
 * {@link #flush()} (the source calls it when the log has been quiet for a poll interval).
 */
public final class KernelEventClassifier {
    /** A report's records are printed back to back; a pause longer than this ends the group. */
    public static final long GROUP_GAP_USEC = 2_000_000;
    private static final int GROUP_MAX_LINES = 2000;
    private static final int MESSAGE_MAX_CHARS = 64 * 1024;
    public static final String SOURCE = "kmsg";

    private final String host;
    private final LongUnaryOperator wallNanos;
    private final EventSink out;
    private final Function<String, CorrelationKey> keys;

    private Group report;
    private final List<Group> faults = new ArrayList<>(2);
    private String oomGroupCgroup;
    private long oomGroupTs = Long.MIN_VALUE;
    private long events;

    /**
     * @param host      host name put on every event
     * @param wallNanos converts a record's monotonic microseconds to wall-clock nanoseconds since the epoch
     * @param out       where complete events go
     * @param keys      resolves a cgroup path to its correlation key (container, pod, ...)
     */
    public KernelEventClassifier(String host, LongUnaryOperator wallNanos, EventSink out,
            Function<String, CorrelationKey> keys) {
        this.host = host;
        this.wallNanos = wallNanos;
        this.out = out;
        this.keys = keys == null ? CorrelationKey::ofCgroup : keys;
    }

    public KernelEventClassifier(String host, LongUnaryOperator wallNanos, EventSink out) {
        this(host, wallNanos, out, null);
    }

    public long events() {
        return events;
    }

    public boolean hasPending() {
        return report != null || !faults.isEmpty();
    }

    /** Hands out every group still open. */
    public void flush() {
        if (report != null) {
            emit(report);
            report = null;
        }
        flushFaults();
    }

    public void accept(KmsgRecord r) {
        String m = r.message();
        if (report != null && (r.tsUsec() - report.lastTs > GROUP_GAP_USEC || r.tsUsec() < report.firstTs
                || report.lines >= GROUP_MAX_LINES)) {
            emit(report);
            report = null;
        }
        if (faultContinuation(r, m)) {
            return;
        }
        flushFaults();
        if (report != null && report.kind == Kind.DUMP && !report.absorbs(m)) {
            emit(report);
            report = null;
        }
        if (report != null && report.kind == Kind.OOM && oom(r, m)) {
            return;
        }
        if (reportTrigger(r, m)) {
            return;
        }
        if (report != null && report.kind == Kind.OOM && report.attrs.containsKey("pid")) {
            // a finished OOM report takes nothing but its reaper line
            emit(report);
            report = null;
        }
        if (oom(r, m)) {
            return;
        }
        if (report != null && report.absorbs(m)) {
            Group s = single(r, m);
            if (s == report) {
                return;
            }
            if (s.type.equals("log") || s.type.equals("tx_timeout")) {
                report.add(r);
                contextFields(report, m);
                return;
            }
            emit(s);
            return;
        }
        Group s = single(r, m);
        if (s != report) {
            emit(s);
        }
    }

    // ---------------------------------------------------------------------------------------------- OOM

    private static final Pattern OOM_INVOKED = Pattern.compile(
            "^(.+?) invoked oom-killer: gfp_mask=(0x[0-9a-f]+)(?:\\(([^)]*)\\))?, (?:nodemask=\\S+, )?order=(-?\\d+), "
                    + "oom_score_adj=(-?\\d+)");
    private static final Pattern OOM_CPUSET = Pattern.compile("^(\\S+) cpuset=(\\S+) mems_allowed=(\\S+)");
    private static final Pattern OOM_SELECT = Pattern.compile(
            "^(Out of memory|Memory cgroup out of memory): Kill process (\\d+) \\((.*)\\) score (\\d+) or sacrifice child");
    private static final Pattern OOM_KILLED = Pattern.compile(
            "^(?:(Out of memory|Memory cgroup out of memory): )?Killed process (\\d+),? (?:UID (\\d+), )?\\((.*?)\\) "
                    + "total-vm:(\\d+)kB, anon-rss:(\\d+)kB, file-rss:(\\d+)kB(?:, shmem-rss:(\\d+)kB)?"
                    + "(?:, UID:(\\d+) pgtables:(\\d+)kB oom_score_adj:(-?\\d+))?");
    private static final Pattern OOM_SUMMARY = Pattern.compile("^oom-kill:(.*)");
    private static final Pattern OOM_TASK_IN = Pattern.compile("^Task in (\\S+) killed as a result of limit of (\\S+)");
    private static final Pattern OOM_MEMCG_USAGE = Pattern.compile(
            "^memory: usage (\\d+)kB, limit (\\d+)kB, failcnt (\\d+)");
    private static final Pattern OOM_REAPER = Pattern.compile(
            "^oom_reaper: reaped process (\\d+) \\((.*)\\), now anon-rss:(\\d+)kB, file-rss:(\\d+)kB, shmem-rss:(\\d+)kB");
    private static final Pattern OOM_GROUP = Pattern.compile(
            "^Tasks in (\\S+) are going to be killed due to memory\\.oom\\.group set");

    /** OOM report lines; returns true when the record was taken. */
    private boolean oom(KmsgRecord r, String m) {
        Matcher x;
        Group g = report != null && report.kind == Kind.OOM ? report : null;
        if ((x = OOM_INVOKED.matcher(m)).find()) {
            closeReport();
            g = open(Kind.OOM, "oom_kill", r);
            g.put("trigger_comm", x.group(1));
            g.put("gfp_mask", x.group(2));
            g.put("gfp_flags", x.group(3));
            g.put("order", x.group(4));
            g.put("trigger_oom_score_adj", x.group(5));
            g.put("scope", "global");
            return true;
        }
        if ((x = OOM_GROUP.matcher(m)).find()) {
            oomGroupCgroup = x.group(1);
            oomGroupTs = r.tsUsec();
            if (g != null) {
                g.add(r);
                emit(g);
                report = null;
            } else {
                emit(single(r, m));
            }
            return true;
        }
        if ((x = OOM_KILLED.matcher(m)).find()) {
            if (g != null && g.attrs.containsKey("total_vm_kb")) {
                emit(g);
                report = null;
                g = null;
            }
            if (g == null) {
                g = open(Kind.OOM, "oom_kill", r);
                if (oomGroupCgroup != null && r.tsUsec() - oomGroupTs <= GROUP_GAP_USEC) {
                    g.put("oom_group", oomGroupCgroup);
                    g.put("oom_memcg", oomGroupCgroup);
                    g.cgroup = oomGroupCgroup;
                }
            } else {
                g.add(r);
            }
            if (x.group(1) != null) {
                g.put("scope", x.group(1).startsWith("Memory") ? "memcg" : "global");
            }
            g.put("pid", x.group(2));
            g.put("uid", x.group(3) != null ? x.group(3) : x.group(9));
            g.put("comm", x.group(4));
            g.put("total_vm_kb", x.group(5));
            g.put("anon_rss_kb", x.group(6));
            g.put("file_rss_kb", x.group(7));
            g.put("shmem_rss_kb", x.group(8));
            g.put("pgtables_kb", x.group(10));
            g.put("oom_score_adj", x.group(11));
            return true;
        }
        if ((x = OOM_SELECT.matcher(m)).find()) {
            if (g == null || g.attrs.containsKey("pid")) {
                if (g != null) {
                    emit(g);
                }
                g = open(Kind.OOM, "oom_kill", r);
            } else {
                g.add(r);
            }
            g.put("scope", x.group(1).startsWith("Memory") ? "memcg" : "global");
            g.put("pid", x.group(2));
            g.put("comm", x.group(3));
            g.put("score", x.group(4));
            return true;
        }
        if ((x = OOM_REAPER.matcher(m)).find()) {
            if (g != null && x.group(1).equals(g.attrs.get("pid"))) {
                g.add(r);
                g.put("reaped", "true");
                g.put("reaped_anon_rss_kb", x.group(3));
                g.put("reaped_file_rss_kb", x.group(4));
                g.put("reaped_shmem_rss_kb", x.group(5));
                emit(g);
                report = null;
            } else {
                Group s = open(Kind.SINGLE, "oom_reaper", r);
                report = report == s ? null : report;
                s.put("pid", x.group(1));
                s.put("comm", x.group(2));
                s.put("anon_rss_kb", x.group(3));
                emit(s);
            }
            return true;
        }
        if ((g == null || g.attrs.containsKey("pid")) && OOM_SUMMARY.matcher(m).find()) {
            // the summary line opens the report when its start was not seen (the ring buffer wrapped)
            if (g != null) {
                emit(g);
            }
            g = open(Kind.OOM, "oom_kill", r);
            g.lines = 0;
            g.message.setLength(0);
        }
        if (g == null || g.attrs.containsKey("pid")) {
            return false;
        }
        // inside an open OOM report: every line belongs to it (stack, Mem-Info, task table, memcg stats)
        g.add(r);
        if ((x = OOM_SUMMARY.matcher(m)).find()) {
            for (String kv : x.group(1).split(",")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String k = kv.substring(0, eq);
                String v = kv.substring(eq + 1);
                switch (k) {
                    case "constraint" -> g.put("constraint", v);
                    case "nodemask" -> g.put("nodemask", v);
                    case "cpuset" -> g.put("cpuset", v);
                    case "mems_allowed" -> g.put("mems_allowed", v);
                    case "oom_memcg" -> g.put("oom_memcg", v);
                    case "task_memcg" -> {
                        g.put("task_memcg", v);
                        g.cgroup = v;
                    }
                    case "global_oom" -> g.put("scope", "global");
                    case "task" -> g.putIfAbsent("comm", v);
                    case "pid" -> g.putIfAbsent("victim_pid", v);
                    case "uid" -> g.putIfAbsent("uid", v);
                    default -> {
                    }
                }
            }
            if (x.group(1).contains("global_oom")) {
                g.put("scope", "global");
            }
        } else if ((x = OOM_TASK_IN.matcher(m)).find()) {
            g.put("task_memcg", x.group(1));
            g.put("oom_memcg", x.group(2));
            g.put("constraint", "CONSTRAINT_MEMCG");
            g.cgroup = x.group(1);
        } else if ((x = OOM_MEMCG_USAGE.matcher(m)).find()) {
            g.put("memcg_usage_kb", x.group(1));
            g.put("memcg_limit_kb", x.group(2));
            g.put("memcg_failcnt", x.group(3));
            if (!g.attrs.containsKey("constraint")) {
                g.put("constraint", "CONSTRAINT_MEMCG");
            }
        } else if ((x = OOM_CPUSET.matcher(m)).find() && x.group(1).equals(g.attrs.get("trigger_comm"))) {
            g.put("cpuset", x.group(2));
            g.put("mems_allowed", x.group(3));
        } else if ((x = CPU_LINE.matcher(m)).find()) {
            g.put("trigger_pid", x.group(3));
            taint(g, m);
        }
        return true;
    }

    // ------------------------------------------------------------------------------------- reports

    private static final Pattern CUT_HERE = Pattern.compile("^-+\\[ cut here \\]-+$|^8<-+ cut here -+$");
    private static final Pattern WARNING = Pattern.compile(
            "^WARNING: CPU: (\\d+) PID: (\\d+) at (?:(\\S+?):(\\d+) )?(\\S+?)(?:\\+(0x[0-9a-f]+)/0x[0-9a-f]+)?"
                    + "(?: \\[(\\w+)\\])?(?:\\(\\))?(?:,|$| )");
    private static final Pattern KERNEL_BUG = Pattern.compile("^kernel BUG at (\\S+?):(\\d+)!");
    private static final Pattern BUG_NULL = Pattern.compile(
            "^BUG: (?:unable to handle kernel (NULL pointer dereference|paging request) at\\s+(.+)|"
                    + "kernel (NULL pointer dereference|paging request), address: (\\S+)|"
                    + "unable to handle page fault for address: (\\S+))");
    private static final Pattern ARM_UNABLE = Pattern.compile(
            "^Unable to handle kernel (NULL pointer dereference|paging request) at virtual address (\\S+)");
    private static final Pattern OOPS = Pattern.compile(
            "^(?:Oops: )?(?:Internal error: )?Oops: ([0-9a-f]+) \\[#(\\d+)\\]\\s*(.*)");
    private static final Pattern GPF = Pattern.compile(
            "^(?:Oops: )?general protection fault(?:, probably for non-canonical address (0x[0-9a-f]+))?(?:, maybe for "
                    + "address (0x[0-9a-f]+))?: ([0-9a-f]+) \\[#(\\d+)\\]\\s*(.*)");
    private static final Pattern KERNEL_TRAP = Pattern.compile(
            "^(?:Oops: )?(divide error|divide_error|invalid opcode|stack segment): ([0-9a-f]+) \\[#(\\d+)\\]\\s*(.*)");
    private static final Pattern HUNG_TASK = Pattern.compile(
            "^INFO: task (.+):(\\d+) blocked (?:(in I/O wait) )?for more than (\\d+) seconds\\.");
    private static final Pattern SOFT_LOCKUP = Pattern.compile(
            "^(?:(NMI watchdog|watchdog): )?BUG: soft lockup - CPU#(\\d+) stuck for (\\d+)s! \\[(.+):(\\d+)\\]");
    private static final Pattern HARD_LOCKUP = Pattern.compile(
            "^(?:(NMI watchdog): |(Kernel panic - not syncing): )?(?:Watchdog detected hard LOCKUP on cpu (\\d+)|Hard LOCKUP)"
                    + "|^Watchdog CPU:(\\d+) Hard LOCKUP");
    private static final Pattern RCU_STALL = Pattern.compile(
            "^(?:rcu: )?INFO: (rcu_\\w+?)(?:_state)? (self-detected stall on CPU|detected stalls? on CPUs?(?:/tasks)?)"
                    + "(?::? ?(.*))?");
    private static final Pattern MCE_LOGGED = Pattern.compile("^mce: \\[Hardware Error\\]: Machine check events logged");
    private static final Pattern MCE_BANK = Pattern.compile(
            "^(?:mce: \\[Hardware Error\\]: |EDAC sbridge MC\\d+: )CPU (\\d+): Machine Check(?: Event)?: (\\d+) Bank (\\d+): "
                    + "([0-9a-f]+)");
    private static final Pattern NMI_UNKNOWN = Pattern.compile(
            "^Uhhuh\\. NMI received for unknown reason ([0-9a-f]+) on CPU (\\d+)\\.");
    private static final Pattern HARDLOCKUP_FRAME = Pattern.compile(
            "^\\s*(?:\\[<[0-9a-f]+>\\]\\s+)?(?:watchdog_overflow_callback|watchdog_hardlockup_check)\\+0x");
    private static final Pattern PANIC = Pattern.compile("^Kernel panic - not syncing: (.*)");

    /** Lines that open a report (or add a header to the report just opened). */
    private boolean reportTrigger(KmsgRecord r, String m) {
        Matcher x;
        Group g = report;
        if (CUT_HERE.matcher(m).find()) {
            closeReport();
            Group n = open(Kind.REPORT, "warn", r);
            n.provisional = true;
            return true;
        }
        if ((x = WARNING.matcher(m)).find()) {
            Group n = g != null && g.provisional && !g.headerSeen ? g : reopen(r, "warn");
            if (n == g) {
                n.add(r);
            }
            n.type = "warn";
            n.headerSeen = true;
            n.put("cpu", x.group(1));
            n.put("pid", x.group(2));
            n.put("file", x.group(3));
            n.put("line", x.group(4));
            String fn = x.group(5);
            if (fn != null && fn.startsWith("0x") && x.group(6) == null) {
                n.put("address", fn);
            } else {
                n.put("function", fn);
            }
            n.put("module", x.group(7));
            return true;
        }
        if ((x = KERNEL_BUG.matcher(m)).find()) {
            Group n = g != null && g.provisional && !g.headerSeen ? g : reopen(r, "bug");
            if (n == g) {
                n.add(r);
            }
            n.type = "bug";
            n.headerSeen = true;
            n.put("file", x.group(1));
            n.put("line", x.group(2));
            return true;
        }
        if ((x = BUG_NULL.matcher(m)).find() || (x = ARM_UNABLE.matcher(m)).find()) {
            Group n = g != null && g.provisional && !g.headerSeen ? g : reopen(r, "oops");
            if (n == g) {
                n.add(r);
            }
            n.type = "oops";
            n.headerSeen = true;
            String what = first(x, 1, 3);
            n.put("fault", what == null ? "page fault" : what);
            if (x.groupCount() >= 5 && x.pattern() == BUG_NULL && x.group(5) != null) {
                n.put("fault", "page fault");
            }
            String addr = first(x, 2, 4, 5);
            n.put("address", addr == null ? null : addr.trim().equals("(null)") ? "0" : addr.trim());
            return true;
        }
        if ((x = GPF.matcher(m)).find()) {
            Group n = g != null && (g.provisional && !g.headerSeen) ? g : reopen(r, "general_protection");
            if (n == g) {
                n.add(r);
            }
            n.type = "general_protection";
            n.headerSeen = true;
            n.put("mode", "kernel");
            n.put("address", x.group(1) != null ? x.group(1) : x.group(2));
            n.put("error_code", x.group(3));
            n.put("oops_number", x.group(4));
            n.put("oops_flags", x.group(5).trim());
            return true;
        }
        if ((x = KERNEL_TRAP.matcher(m)).find()) {
            String type = x.group(1).startsWith("divide") ? "divide_error" : "kernel_trap";
            Group n = g != null && g.provisional && !g.headerSeen ? g : reopen(r, type);
            if (n == g) {
                n.add(r);
            }
            n.type = type;
            n.headerSeen = true;
            n.put("mode", "kernel");
            n.put("trap", x.group(1).replace('_', ' '));
            n.put("error_code", x.group(2));
            n.put("oops_number", x.group(3));
            n.put("oops_flags", x.group(4).trim());
            return true;
        }
        if ((x = OOPS.matcher(m)).find()) {
            Group n;
            if (g != null && g.kind == Kind.REPORT && !g.attrs.containsKey("oops_number")
                    && (g.type.equals("oops") || g.type.equals("bug") || g.provisional)) {
                n = g;
                n.add(r);
            } else {
                n = reopen(r, "oops");
            }
            if (n.provisional && !n.headerSeen) {
                n.type = "oops";
            }
            n.headerSeen = true;
            n.put("error_code", x.group(1));
            n.put("oops_number", x.group(2));
            n.put("oops_flags", x.group(3).trim());
            return true;
        }
        if ((x = HUNG_TASK.matcher(m)).find()) {
            Group n = reopen(r, "hung_task");
            n.put("comm", x.group(1));
            n.put("pid", x.group(2));
            n.put("io_wait", x.group(3) != null ? "true" : null);
            n.put("seconds", x.group(4));
            return true;
        }
        if ((x = SOFT_LOCKUP.matcher(m)).find()) {
            Group n = reopen(r, "soft_lockup");
            n.put("cpu", x.group(2));
            n.put("seconds", x.group(3));
            n.put("comm", x.group(4));
            n.put("pid", x.group(5));
            n.put("panic", "false");
            return true;
        }
        if ((x = HARD_LOCKUP.matcher(m)).find()) {
            boolean panicLine = x.group(2) != null;
            String cpu = x.group(3) != null ? x.group(3) : x.group(4);
            Group n;
            if (panicLine && g != null && g.type.equals("hard_lockup")) {
                n = g;
                n.add(r);
            } else {
                n = reopen(r, "hard_lockup");
                n.put("panic", "false");
            }
            if (cpu != null) {
                n.put("cpu", cpu);
            }
            if (panicLine) {
                n.put("panic", "true");
                n.put("panic_reason", m.substring(m.indexOf(':') + 2));
            }
            return true;
        }
        if ((x = RCU_STALL.matcher(m)).find()) {
            Group n = reopen(r, "rcu_stall");
            n.put("flavor", x.group(1));
            boolean self = x.group(2).startsWith("self");
            n.put("detection", self ? "self" : "other");
            String rest = x.group(3) == null ? "" : x.group(3);
            Matcher c = Pattern.compile("^(\\d+)\\s").matcher(rest);
            if (self) {
                // cpus come from the detail lines
            } else if (c.find()) {
                n.put("cpus", c.group(1)); // 3.x one-CPU form "detected stall on CPU 0 (t=...)"
            }
            rcuFields(n, rest);
            return true;
        }
        if (report == null && HARDLOCKUP_FRAME.matcher(m).find()) {
            // the detector's NMI stack without its headline (lost, or cut from a console capture)
            Group n = reopen(r, "hard_lockup");
            n.put("panic", "false");
            n.put("detected_from", "stack");
            return true;
        }
        if (MCE_LOGGED.matcher(m).find()) {
            Group n = reopen(r, "mce");
            n.put("logged", "true");
            return true;
        }
        if ((x = MCE_BANK.matcher(m)).find()) {
            Group n = g != null && g.type.equals("mce") && !g.attrs.containsKey("bank") ? g : reopen(r, "mce");
            if (n == g) {
                n.add(r);
            }
            n.put("cpu", x.group(1));
            n.put("bank", x.group(3));
            n.put("status", x.group(4));
            return true;
        }
        if ((x = NMI_UNKNOWN.matcher(m)).find()) {
            Group n = reopen(r, "nmi_unknown");
            n.put("reason", x.group(1));
            n.put("cpu", x.group(2));
            return true;
        }
        if ((x = PANIC.matcher(m)).find()) {
            if (g != null && g.kind == Kind.REPORT) {
                g.add(r);
                g.put("panic", "true");
                g.put("panic_reason", x.group(1).trim());
                return true;
            }
            Group n = reopen(r, "panic");
            n.put("panic", "true");
            n.put("panic_reason", x.group(1).trim());
            return true;
        }
        return false;
    }

    private static final Pattern RCU_T = Pattern.compile("\\bt=(\\d+)(?: jiffies)?");
    private static final Pattern RCU_G = Pattern.compile("\\bg=(-?\\d+)");
    private static final Pattern RCU_Q = Pattern.compile("\\bq=(\\d+)");
    private static final Pattern RCU_NCPUS = Pattern.compile("\\bncpus=(\\d+)");
    private static final Pattern RCU_DETECTED_BY = Pattern.compile("detected by (\\d+)");
    private static final Pattern RCU_BRACES = Pattern.compile("\\{([ \\d\\-]+)\\}");
    private static final Pattern RCU_CPU_DETAIL = Pattern.compile("^(?:rcu: )?\\s*(\\d+)-[.!OoNDdlL\\-]+: \\(");
    private static final Pattern RCU_STARVED = Pattern.compile("(rcu_\\w+) kthread starved for (\\d+) jiffies");

    private static void rcuFields(Group g, String line) {
        Matcher x;
        if ((x = RCU_T.matcher(line)).find()) {
            g.put("jiffies", x.group(1));
        }
        if ((x = RCU_G.matcher(line)).find()) {
            g.put("gp", x.group(1));
        }
        if ((x = RCU_Q.matcher(line)).find()) {
            g.put("q", x.group(1));
        }
        if ((x = RCU_NCPUS.matcher(line)).find()) {
            g.put("ncpus", x.group(1));
        }
        if ((x = RCU_DETECTED_BY.matcher(line)).find()) {
            g.put("detected_by", x.group(1));
        }
        if ((x = RCU_BRACES.matcher(line)).find()) {
            String cpus = x.group(1).trim().replaceAll("\\s+", ",");
            if (!cpus.isEmpty()) {
                g.put("cpus", cpus);
            }
        }
        if ((x = RCU_STARVED.matcher(line)).find()) {
            g.put("kthread_starved_jiffies", x.group(2));
        }
        if (line.contains("(false positive?)")) {
            g.put("false_positive_hint", "true");
        }
    }

    private static final Pattern CPU_LINE = Pattern.compile(
            "^CPU: (\\d+) (?:UID: (\\d+) )?PID: (\\d+) Comm: (.+?) (?:Kdump: loaded )?(?:Not tainted|Tainted: )");
    private static final Pattern TAINT = Pattern.compile(
            "(?:^|\\s)(?:Not tainted|Tainted: ([A-Z][A-Z \\-]*?))\\s+(\\S+)\\s+#");
    private static final Pattern TAINT_DECODED = Pattern.compile("^Tainted: (\\[[A-Z]\\]=\\w+(?:, \\[[A-Z]\\]=\\w+)*)");
    private static final Pattern RIP = Pattern.compile(
            "^(?:RIP: [0-9a-f]{4}:(?:\\[<[0-9a-f]+>\\]\\s+\\[<[0-9a-f]+>\\]\\s+)?|IP: (?:\\[<[0-9a-f ]+>\\]\\s+)?|pc : |PC is at |NIP \\[[0-9a-f]+\\] )"
                    + "([A-Za-z_][\\w.]*)\\+0x[0-9a-f]+/0x[0-9a-f]+(?: \\[(\\w+)\\])?");
    private static final Pattern FRAME = Pattern.compile(
            "^(?:\\[<[0-9a-f]+>\\]\\s+)?([A-Za-z_][\\w.]*)\\+0x[0-9a-f]+/0x[0-9a-f]+(?: \\[\\w+\\])?$");
    private static final Pattern END_TRACE = Pattern.compile("^---\\[ end trace ([0-9a-f]+) \\]---");
    private static final Pattern HUNG_HEADER_NEW = Pattern.compile(
            "^task:(.+?)\\s+state:(\\w) .*?pid:\\s*(\\d+)\\s.*?ppid:\\s*(\\d+)");
    private static final Pattern HUNG_HEADER_OLD = Pattern.compile(
            "^(\\S.*?)\\s+([DRSTIWXZ])\\s*(?:[0-9a-f]{8,16}\\s+)?\\d*\\s+(\\d+)\\s+(\\d+) 0x[0-9a-f]+$");
    private static final Pattern MCE_TSC = Pattern.compile(
            "^(?:mce: \\[Hardware Error\\]: |EDAC sbridge MC\\d+: )(?:TSC \\S+ ?)?(?:ADDR ([0-9a-f]+) ?)?(?:MISC ([0-9a-f]+))?");
    private static final Pattern MCE_PROC = Pattern.compile(
            "^(?:mce: \\[Hardware Error\\]: |EDAC sbridge MC\\d+: )PROCESSOR (\\d+):([0-9a-f]+) TIME (\\d+) SOCKET (\\d+) "
                    + "APIC ([0-9a-f]+)(?: microcode ([0-9a-f]+))?");

    /** Fields found on the body lines of any report. */
    private void contextFields(Group g, String m) {
        Matcher x;
        String t = m.strip();
        if ((x = CPU_LINE.matcher(t)).find()) {
            if (!g.attrs.containsKey("comm") || g.type.equals("hung_task") == false) {
                g.putIfAbsent("cpu", x.group(1));
                g.putIfAbsent("pid", x.group(3));
                g.putIfAbsent("comm", x.group(4));
            }
            taint(g, t);
        } else if ((x = TAINT_DECODED.matcher(t)).find()) {
            g.putIfAbsent("taint_names", x.group(1));
        } else if (t.startsWith("Not tainted") || t.startsWith("Tainted: ")) {
            taint(g, t);
        } else if ((x = RIP.matcher(t)).find()) {
            g.putIfAbsent("function", x.group(1));
            if (x.group(2) != null) {
                g.putIfAbsent("module", x.group(2));
            }
        } else if ((x = END_TRACE.matcher(t)).find()) {
            g.put("end_trace", x.group(1));
            g.ended = true;
        } else if (t.startsWith("#PF: error_code(")) {
            int c = t.indexOf(')');
            g.put("pf_error_code", t.substring("#PF: error_code(".length(), c));
            g.put("pf_reason", t.substring(c + 1).replaceFirst("^\\s*-\\s*", ""));
        } else if (t.startsWith("#PF: ")) {
            g.put("access", t.substring(5));
        } else if (g.type.equals("hung_task") && ((x = HUNG_HEADER_NEW.matcher(t)).find()
                || (x = HUNG_HEADER_OLD.matcher(t)).find())) {
            if (x.group(3).equals(g.attrs.get("pid"))) {
                g.put("state", x.group(2));
                g.put("ppid", x.group(4));
            }
        } else if (g.type.equals("rcu_stall")) {
            rcuFields(g, t);
            if ((x = RCU_CPU_DETAIL.matcher(m)).find()) {
                String prev = g.attrs.get("cpus");
                if (prev == null || g.cpusFromDetail) {
                    g.put("cpus", prev == null ? x.group(1) : prev + "," + x.group(1));
                    g.cpusFromDetail = true;
                }
            }
        } else if (g.type.equals("mce") && (x = MCE_PROC.matcher(t)).find()) {
            g.put("cpuid", x.group(2));
            g.put("mce_time", x.group(3));
            g.put("socket", x.group(4));
            g.put("apic", x.group(5));
            g.put("microcode", x.group(6));
        } else if (g.type.equals("mce") && (x = MCE_TSC.matcher(t)).find()) {
            if (x.group(1) != null) {
                g.put("address", x.group(1));
            }
            if (x.group(2) != null) {
                g.put("misc", x.group(2));
            }
        } else if ((x = FRAME.matcher(t)).find()) {
            // the reliable frames of the first stack, innermost first
            if (g.frames < 8 && !g.ended) {
                String prev = g.attrs.get("stack");
                g.put("stack", prev == null ? x.group(1) : prev + "," + x.group(1));
                g.frames++;
            }
        } else if (t.startsWith("Modules linked in")) {
            g.modulesSeen = true;
        } else if (((g.provisional && !g.headerSeen) || g.type.equals("warn") || g.type.equals("bug")) && !g.modulesSeen
                && !g.attrs.containsKey("message") && !isBoilerplate(t)) {
            g.put("message", t);
        }
    }

    private static void taint(Group g, String line) {
        Matcher x = TAINT.matcher(line);
        if (x.find() && g.attrs.get("tainted") == null) {
            if (x.group(1) == null) {
                g.putIfAbsent("tainted", "false");
            } else {
                StringBuilder letters = new StringBuilder();
                for (char c : x.group(1).toCharArray()) {
                    if (c >= 'A' && c <= 'Z') {
                        letters.append(c);
                    }
                }
                g.putIfAbsent("tainted", "true");
                g.putIfAbsent("taint", letters.toString());
            }
            g.putIfAbsent("kernel", x.group(2));
        }
    }

    private static final Pattern BOILERPLATE = Pattern.compile(
            "^(?:Modules linked in|CPU: |Hardware name|Call [Tt]race|RIP|RSP|R[A-Z0-9]{2}: |FS: |CS: |CR2|DR[0-9]|Code: |"
                    + "<\\/?[A-Z]+>|\\? |Kernel |Rebooting|Dumping|---\\[|Workqueue|Stack|Backtrace|Exception|PKRU|"
                    + "irq event|hardirqs|softirqs|\\[<|[0-9a-f]{4,}[: ]|[a-z_][\\w.]*\\+0x|Tainted: |Not tainted|"
                    + "Showing|INFO: |#PF|PGD|Oops|note: |pc :|lr :|sp :|x[0-9]+ *:|Process |Register |Flags:|PC is|"
                    + "LR is|task:|NIP|MSR|GPR|epc|ra :|status:|badaddr|cause|\\(|=+$|\\.\\.\\.$|CPU[0-9]+: stopping|r[0-9]+ *:)");

    private static final Pattern HEX_DUMP = Pattern.compile("^[0-9a-f]{8}: (?:[0-9a-f]{2} ){4}");

    private static boolean isBoilerplate(String t) {
        return t.isEmpty() || BOILERPLATE.matcher(t).find();
    }

    // --------------------------------------------------------------------------------- user faults

    private static final Pattern SEGFAULT = Pattern.compile(
            "^(.+?)\\[(\\d+)\\]: segfault at (\\S+) ip (\\S+) sp (\\S+) error (\\d+)"
                    + "(?: in (.+?)\\[(?:([0-9a-f]+),)?([0-9a-f]+)\\+([0-9a-f]+)\\])?"
                    + "(?: likely on CPU (\\d+) \\(core (\\d+), socket (\\d+)\\))?");
    private static final Pattern USER_TRAP = Pattern.compile(
            "^(?:traps: )?(.+?)\\[(\\d+)\\]:? (?:trap )?(divide error|invalid opcode|general protection(?: fault)?|"
                    + "int3|stack segment|bounds|overflow|alignment check|simd exception|coprocessor error)"
                    + " ip:(\\S+) sp:(\\S+) error:(\\S+)"
                    + "(?: in (.+?)\\[(?:([0-9a-f]+),)?([0-9a-f]+)\\+([0-9a-f]+)\\])?");
    private static final Pattern FAULT_IN = Pattern.compile("^in (.+?)\\[(?:([0-9a-f]+),)?([0-9a-f]+)\\+([0-9a-f]+)\\]");
    private static final Pattern FAULT_CPU = Pattern.compile("^likely on CPU (\\d+) \\(core (\\d+), socket (\\d+)\\)");

    private boolean faultContinuation(KmsgRecord r, String m) {
        Matcher x;
        String t = m.strip();
        if (faults.isEmpty()) {
            return startFault(r, m);
        }
        if ((x = FAULT_IN.matcher(t)).find()) {
            for (Group f : faults) {
                if (!f.attrs.containsKey("object")) {
                    f.add(r);
                    object(f, x.group(1), x.group(2), x.group(3), x.group(4));
                    return true;
                }
            }
        } else if ((x = FAULT_CPU.matcher(t)).find()) {
            for (Group f : faults) {
                if (!f.attrs.containsKey("cpu")) {
                    f.add(r);
                    f.put("cpu", x.group(1));
                    f.put("core", x.group(2));
                    f.put("socket", x.group(3));
                    return true;
                }
            }
        } else if (t.startsWith("Code: ")) {
            for (Group f : faults) {
                if (!f.codeSeen) {
                    f.add(r);
                    f.codeSeen = true;
                    return true;
                }
            }
        }
        return startFault(r, m);
    }

    private boolean startFault(KmsgRecord r, String m) {
        Matcher x;
        boolean seg = SEGFAULT.matcher(m).find();
        if (seg || USER_TRAP.matcher(m).find()) {
            // a new report: the pending ones that already have their object are complete
            for (Iterator<Group> it = faults.iterator(); it.hasNext();) {
                Group f = it.next();
                if (f.attrs.get("object") != null) {
                    emit(f);
                    it.remove();
                }
            }
        }
        if ((x = SEGFAULT.matcher(m)).find()) {
            Group f = new Group(Kind.FAULT, "segfault", r);
            f.put("comm", x.group(1));
            f.put("pid", x.group(2));
            f.put("address", x.group(3));
            f.put("ip", x.group(4));
            f.put("sp", x.group(5));
            int err = Integer.parseInt(x.group(6));
            f.put("error", x.group(6));
            f.put("access", (err & 2) != 0 ? "write" : (err & 16) != 0 ? "exec" : "read");
            f.put("protection", (err & 1) != 0 ? "true" : "false");
            f.put("user_mode", (err & 4) != 0 ? "true" : "false");
            if ((err & 8) != 0) {
                f.put("reserved_bit", "true");
            }
            if (x.group(7) != null) {
                object(f, x.group(7), x.group(8), x.group(9), x.group(10));
            }
            if (x.group(11) != null) {
                f.put("cpu", x.group(11));
                f.put("core", x.group(12));
                f.put("socket", x.group(13));
            }
            faults.add(f);
            return true;
        }
        if ((x = USER_TRAP.matcher(m)).find()) {
            String trap = x.group(3);
            String type = trap.startsWith("divide") ? "divide_error"
                    : trap.startsWith("general protection") ? "general_protection" : "user_trap";
            Group f = new Group(Kind.FAULT, type, r);
            f.put("mode", "user");
            f.put("trap", trap);
            f.put("comm", x.group(1));
            f.put("pid", x.group(2));
            f.put("ip", x.group(4));
            f.put("sp", x.group(5));
            f.put("error", x.group(6));
            if (x.group(7) != null) {
                object(f, x.group(7), x.group(8), x.group(9), x.group(10));
            }
            faults.add(f);
            return true;
        }
        return false;
    }

    private static void object(Group f, String obj, String offset, String base, String size) {
        f.put("object", obj);
        f.put("object_offset", offset);
        f.put("object_base", base);
        f.put("object_size", size);
    }

    private void flushFaults() {
        for (Iterator<Group> it = faults.iterator(); it.hasNext();) {
            emit(it.next());
            it.remove();
        }
    }

    // ------------------------------------------------------------------------------- one-liners

    private static final Pattern BLOCK_IO = Pattern.compile(
            "^(?:(end_request|blk_update_request|print_req_error): )?(I/O error|critical medium error|critical target "
                    + "error|critical nexus error|critical space allocation error|recoverable transport error|"
                    + "critical protection error|timeout error|[a-z ]+ error), dev (\\S+?),? sector (\\d+)"
                    + "(?: op 0x[0-9a-f]+:\\((\\w+)\\))?(?: flags (\\S+))?(?: phys_seg (\\d+))?(?: prio class (\\d+))?");
    private static final Pattern BUFFER_IO = Pattern.compile(
            "^Buffer I/O error on dev(?:ice)? (\\S+?),? logical block (\\d+)(?:, (.*))?");
    private static final Pattern EXT4_ERR = Pattern.compile(
            "^EXT4-fs (error|warning) \\(device ([^)]+)\\): (\\w+):(\\d+): (?:inode #(\\d+): )?(?:comm (.+?): )?(.*)");
    private static final Pattern EXT4_DEV = Pattern.compile("^EXT4-fs \\(([^)]+)\\): (.*)");
    private static final Pattern JOURNAL_ABORT = Pattern.compile("^Aborting journal on device (\\S+?)(?:-\\d+)?\\.");
    private static final Pattern JBD2 = Pattern.compile("^JBD2: (.*?)(?: for| on)? (?:device )?(\\S+?)(?:-\\d+)?\\.?$");
    private static final Pattern XFS = Pattern.compile("^XFS \\(([^)]+)\\): (.*)");
    private static final Pattern SQUASHFS = Pattern.compile("^SQUASHFS error: (.*)");
    private static final Pattern NIC_LINK = Pattern.compile(
            "^(.*?)\\s*NIC Link is (Up|Down)(?: (\\d+) ([MG])bps)?(?:,? (Full|Half) Duplex)?(?:, Flow Control: (.*))?");
    private static final Pattern PCI_ADDRESS = Pattern.compile("^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-9a-f]$");
    private static final Pattern PHYLINK = Pattern.compile(
            "^(\\S+) (\\S+) (\\S+): Link is (Up|Down)(?: - (\\d+)([MG])bps/(Full|Half)(?: - flow control (.*))?)?");
    private static final Pattern LINK_SIMPLE = Pattern.compile(
            "^(?:(\\S+) (\\S+) |(\\S+): )(\\S+): [Ll]ink (up|down)\\s*$");
    private static final Pattern BOND = Pattern.compile(
            "^(\\S+): link status (up|down|definitely up|definitely down) for interface (\\S+?),(.*)");
    private static final Pattern BRIDGE_PORT = Pattern.compile(
            "^(\\S+): port (\\d+)\\((\\S+)\\) entered (blocking|forwarding|disabled|learning|listening) state");
    private static final Pattern ADDRCONF = Pattern.compile(
            "^IPv6: ADDRCONF\\(NETDEV_(UP|CHANGE)\\): (\\S+): link (is not ready|becomes ready)");
    private static final Pattern NETDEV_WATCHDOG = Pattern.compile(
            "NETDEV WATCHDOG: (?:(\\S+) \\((\\S+)\\): )?(?:CPU: (\\d+): )?transmit queue (\\d+) timed out(?: (\\d+) ms)?");
    private static final Pattern CONNTRACK = Pattern.compile("^(?:nf_conntrack: )+table full, dropping packet");
    private static final Pattern SYN_FLOOD = Pattern.compile(
            "^TCP: (?:(request_sock_\\w+): )?Possible SYN flooding on port (?:(\\S+):)?(\\d+)\\. (Sending cookies|Dropping "
                    + "request)");
    private static final Pattern PIDS = Pattern.compile("^cgroup: fork rejected by pids controller in (\\S+)");
    private static final Pattern EDAC_CE = Pattern.compile(
            "^EDAC (MC\\d+): (\\d+) (CE|UE) (?:(.*?) )?error on (\\S+)(?: \\((.*)\\))?");
    private static final Pattern EDAC_DRIVER = Pattern.compile("^(.*?)\\s*EDAC driver (\\S+)");
    private static final Pattern ACPI_BIOS = Pattern.compile(
            "^ACPI BIOS Error \\(bug\\): (.*?)(?: \\[([^\\]]+)\\])?, (AE_\\w+) \\((\\d{8})/([\\w-]+)\\)");
    private static final Pattern ACPI_ERR = Pattern.compile(
            "^ACPI Error: (?:Aborting method (\\S+) due to previous error \\((AE_\\w+)\\)|(AE_\\w+), (.*?)) "
                    + "\\((\\d{8})/([\\w-]+)\\)");
    private static final Pattern NMI_WATCHDOG_STATUS = Pattern.compile("^NMI watchdog: (.*)");
    private static final Pattern RATELIMIT = Pattern.compile("^(.+?): (\\d+) callbacks suppressed");

    /** Classifies a record that is not part of a report; the caller emits the result. */
    private Group single(KmsgRecord r, String m) {
        Matcher x;
        Group s;
        if ((x = BLOCK_IO.matcher(m)).find()) {
            s = one("block_io_error", r);
            s.put("prefix", x.group(1));
            s.put("error", x.group(2));
            s.put("device", x.group(3));
            s.put("sector", x.group(4));
            s.put("op", x.group(5));
            s.put("flags", x.group(6));
            s.put("phys_seg", x.group(7));
            s.put("prio_class", x.group(8));
        } else if ((x = BUFFER_IO.matcher(m)).find()) {
            s = one("block_io_error", r);
            s.put("error", "Buffer I/O error");
            s.put("device", x.group(1));
            s.put("logical_block", x.group(2));
            s.put("what", x.group(3));
        } else if ((x = EXT4_ERR.matcher(m)).find()) {
            s = one("fs_error", r);
            s.put("fs", "ext4");
            s.put("kind", x.group(1));
            s.put("device", x.group(2));
            s.put("function", x.group(3));
            s.put("line", x.group(4));
            s.put("inode", x.group(5));
            s.put("comm", x.group(6));
            s.put("detail", x.group(7));
        } else if ((x = EXT4_DEV.matcher(m)).find()) {
            String msg = x.group(2);
            if (msg.startsWith("mounted filesystem") || msg.startsWith("unmounting filesystem")) {
                s = one("fs_mount", r);
                s.put("kind", msg.startsWith("mounted") ? "mount" : "unmount");
                Matcher u = Pattern.compile("filesystem ([0-9a-f-]{36})").matcher(msg);
                s.put("uuid", u.find() ? u.group(1) : null);
            } else {
                s = one("fs_error", r);
                s.put("kind", msg.startsWith("Remounting filesystem read-only") ? "remount_ro"
                        : msg.startsWith("error count") || msg.startsWith("initial error") || msg.startsWith("last error")
                                ? "error_summary" : "error");
                if (msg.startsWith("Remounting filesystem read-only")) {
                    s.put("read_only", "true");
                }
                s.put("detail", msg);
            }
            s.put("fs", "ext4");
            s.put("device", x.group(1));
        } else if ((x = JOURNAL_ABORT.matcher(m)).find()) {
            s = one("fs_error", r);
            s.put("fs", "jbd2");
            s.put("kind", "journal_abort");
            s.put("device", x.group(1));
        } else if (m.startsWith("JBD2: ") && (x = JBD2.matcher(m)).find()) {
            s = one("fs_error", r);
            s.put("fs", "jbd2");
            s.put("kind", "journal_error");
            s.put("device", x.group(2));
            s.put("detail", x.group(1));
        } else if ((x = XFS.matcher(m)).find()) {
            String msg = x.group(2);
            String kind = xfsKind(msg);
            s = one(kind.equals("mount") || kind.equals("unmount") || kind.equals("info") ? "fs_mount" : "fs_error", r);
            if (kind.equals("info")) {
                s.type = "log";
            }
            if (msg.startsWith("First ") && msg.contains("bytes of corrupted metadata buffer")) {
                // the hex dump that follows belongs to this event
                closeReport();
                s = open(Kind.DUMP, "fs_error", r);
            }
            s.put("fs", "xfs");
            s.put("device", x.group(1));
            s.put("kind", kind);
            s.put("detail", msg);
            if (kind.equals("shutdown")) {
                s.put("shutdown", "true");
            }
        } else if ((x = SQUASHFS.matcher(m)).find()) {
            s = one("fs_error", r);
            s.put("fs", "squashfs");
            s.put("kind", "error");
            s.put("detail", x.group(1));
        } else if ((x = NIC_LINK.matcher(m)).find()) {
            s = one("nic_link", r);
            link(s, x.group(2));
            // "e1000e: eth1", "ixgbe 0000:08:00.0 eth11:", "igb 0000:07:00.0 eno2: igb: eno2"
            String[] words = x.group(1).trim().split("\\s+");
            String last = strip(words[words.length - 1]);
            s.put("device", last.isEmpty() ? null : last);
            if (words.length > 1) {
                s.put("driver", strip(words[0]));
                if (PCI_ADDRESS.matcher(strip(words[1])).find()) {
                    s.put("pci", strip(words[1]));
                }
            }
            if (x.group(3) != null) {
                s.put("speed_mbps", x.group(4).equals("G") ? Long.toString(Long.parseLong(x.group(3)) * 1000) : x.group(3));
            }
            s.put("duplex", x.group(5) == null ? null : x.group(5).toLowerCase(java.util.Locale.ROOT));
            s.put("flow_control", x.group(6) == null ? null : x.group(6).trim());
        } else if ((x = PHYLINK.matcher(m)).find()) {
            s = one("nic_link", r);
            s.put("driver", x.group(1));
            s.put("bus", x.group(2));
            s.put("device", x.group(3));
            link(s, x.group(4));
            if (x.group(5) != null) {
                s.put("speed_mbps", x.group(6).equals("G") ? Long.toString(Long.parseLong(x.group(5)) * 1000) : x.group(5));
                s.put("duplex", x.group(7).toLowerCase(java.util.Locale.ROOT));
                s.put("flow_control", x.group(8));
            }
        } else if ((x = LINK_SIMPLE.matcher(m)).find()) {
            s = one("nic_link", r);
            s.put("driver", x.group(1) != null ? x.group(1) : x.group(3));
            s.put("pci", x.group(2));
            s.put("device", x.group(4));
            link(s, x.group(5));
        } else if ((x = BOND.matcher(m)).find()) {
            s = one("nic_link", r);
            s.put("driver", "bonding");
            s.put("bond", x.group(1));
            s.put("device", x.group(3));
            link(s, x.group(2).endsWith("up") ? "up" : "down");
            s.put("detail", x.group(4).trim());
        } else if ((x = BRIDGE_PORT.matcher(m)).find()) {
            // a port that starts forwarding or gets disabled is the link signal of virtual devices (veth
            // prints nothing itself); the intermediate STP states are kept as bridge_port events
            String st = x.group(4);
            boolean linkChange = st.equals("disabled") || st.equals("forwarding");
            s = one(linkChange ? "nic_link" : "bridge_port", r);
            s.put("driver", "bridge");
            s.put("bridge", x.group(1));
            s.put("port", x.group(2));
            s.put("device", x.group(3));
            s.put("port_state", st);
            if (linkChange) {
                link(s, st.equals("forwarding") ? "up" : "down");
            }
        } else if ((x = ADDRCONF.matcher(m)).find()) {
            s = one("nic_link", r);
            s.put("driver", "ipv6");
            s.put("device", x.group(2));
            link(s, x.group(3).equals("becomes ready") ? "up" : "down");
            s.put("detail", "link " + x.group(3));
        } else if ((x = NETDEV_WATCHDOG.matcher(m)).find()) {
            s = one("tx_timeout", r);
            s.put("device", x.group(1));
            s.put("driver", x.group(2));
            s.put("cpu", x.group(3));
            s.put("queue", x.group(4));
            s.put("timeout_ms", x.group(5));
            if (x.group(1) == null) {
                Matcher d = Pattern.compile("^(\\S+) (\\S+) (\\S+): NETDEV").matcher(m);
                if (d.find()) {
                    s.put("driver", d.group(1));
                    s.put("pci", d.group(2));
                    s.put("device", d.group(3));
                }
            }
        } else if (CONNTRACK.matcher(m).find()) {
            s = one("conntrack_full", r);
        } else if ((x = SYN_FLOOD.matcher(m)).find()) {
            s = one("syn_flood", r);
            s.put("protocol", x.group(1));
            s.put("address", x.group(2));
            s.put("port", x.group(3));
            s.put("action", x.group(4).startsWith("Sending") ? "cookies" : "drop");
        } else if ((x = PIDS.matcher(m)).find()) {
            s = one("pids_fork_rejected", r);
            s.put("cgroup", x.group(1));
            s.cgroup = x.group(1);
        } else if ((x = EDAC_CE.matcher(m)).find()) {
            s = one("edac", r);
            s.put("controller", x.group(1));
            s.put("count", x.group(2));
            s.put("error_type", x.group(3));
            s.put("operation", x.group(4));
            s.put("label", x.group(5));
            if (x.group(6) != null) {
                for (String kv : x.group(6).split("\\s+")) {
                    int c = kv.indexOf(':');
                    if (c > 0 && c < kv.length() - 1) {
                        String k = kv.substring(0, c);
                        if (k.matches("channel|slot|page|offset|grain|syndrome|socket|rank|area|err_code")) {
                            s.put(k, kv.substring(c + 1));
                        }
                    }
                }
            }
        } else if ((x = ACPI_BIOS.matcher(m)).find()) {
            s = one("acpi_error", r);
            s.put("kind", "bios_bug");
            s.put("detail", x.group(1));
            s.put("path", x.group(2));
            s.put("status", x.group(3));
            s.put("acpica_version", x.group(4));
            s.put("acpica_module", x.group(5));
        } else if ((x = ACPI_ERR.matcher(m)).find()) {
            s = one("acpi_error", r);
            s.put("kind", x.group(1) != null ? "method_aborted" : "error");
            s.put("path", x.group(1));
            s.put("status", x.group(2) != null ? x.group(2) : x.group(3));
            s.put("detail", x.group(4));
            s.put("acpica_version", x.group(5));
            s.put("acpica_module", x.group(6));
        } else if ((x = NMI_WATCHDOG_STATUS.matcher(m)).find()) {
            s = one("nmi_watchdog", r);
            s.put("detail", x.group(1));
            s.put("enabled", x.group(1).contains("disabled") ? "false" : x.group(1).contains("enabled") ? "true" : null);
        } else if ((x = EDAC_DRIVER.matcher(m)).find()) {
            s = one("edac", r);
            s.put("kind", "driver_loaded");
            s.put("driver", x.group(1).isEmpty() ? null : x.group(1));
            s.put("version", x.group(2));
        } else {
            s = one("log", r);
            if ((x = RATELIMIT.matcher(m)).find()) {
                s.put("ratelimited", x.group(1));
                s.put("suppressed", x.group(2));
            }
        }
        return s;
    }

    private static String xfsKind(String msg) {
        if (msg.startsWith("Mounting") || msg.startsWith("Ending clean mount")) {
            return "mount";
        }
        if (msg.startsWith("Unmounting")) {
            return "unmount";
        }
        if (msg.contains("shut down") || msg.contains("Shutting down") || msg.contains("force_shutdown")
                || msg.startsWith("Please umount") || msg.startsWith("Please unmount")) {
            return "shutdown";
        }
        if (msg.contains("orruption") || msg.contains("CRC error") || msg.contains("xfs_repair")
                || msg.startsWith("Internal error") || msg.startsWith("First ") && msg.contains("corrupted")) {
            return "corruption";
        }
        if (msg.contains("log mount") || msg.contains("log check") || msg.startsWith("log ")
                || msg.contains("xfs_log_force")) {
            return "log";
        }
        if (msg.contains("I/O error") || msg.contains("error") || msg.startsWith("Failed")) {
            return "io";
        }
        return "info";
    }

    private static String strip(String w) {
        return w.endsWith(":") ? w.substring(0, w.length() - 1) : w;
    }

    private static void link(Group s, String upDown) {
        s.put("state", upDown.toLowerCase(java.util.Locale.ROOT));
        if (upDown.equalsIgnoreCase("down")) {
            s.severity = min(s.severity, Severity.WARNING);
        }
    }

    // ----------------------------------------------------------------------------------- groups

    enum Kind {
        SINGLE, REPORT, OOM, FAULT, DUMP
    }

    private static final Map<String, Severity> DEFAULT_SEVERITY = Map.ofEntries(
            Map.entry("oom_kill", Severity.ERR), Map.entry("oom_reaper", Severity.INFO),
            Map.entry("hung_task", Severity.ERR), Map.entry("soft_lockup", Severity.EMERG),
            Map.entry("hard_lockup", Severity.EMERG), Map.entry("rcu_stall", Severity.ERR),
            Map.entry("segfault", Severity.WARNING), Map.entry("general_protection", Severity.WARNING),
            Map.entry("divide_error", Severity.WARNING), Map.entry("user_trap", Severity.WARNING),
            Map.entry("kernel_trap", Severity.CRIT), Map.entry("oops", Severity.CRIT), Map.entry("bug", Severity.CRIT),
            Map.entry("warn", Severity.WARNING), Map.entry("panic", Severity.EMERG),
            Map.entry("block_io_error", Severity.ERR), Map.entry("fs_error", Severity.ERR),
            Map.entry("fs_mount", Severity.INFO), Map.entry("nic_link", Severity.NOTICE),
            Map.entry("bridge_port", Severity.INFO), Map.entry("tx_timeout", Severity.WARNING),
            Map.entry("conntrack_full", Severity.WARNING), Map.entry("syn_flood", Severity.WARNING),
            Map.entry("pids_fork_rejected", Severity.WARNING), Map.entry("mce", Severity.ERR),
            Map.entry("edac", Severity.WARNING), Map.entry("nmi_unknown", Severity.CRIT),
            Map.entry("nmi_watchdog", Severity.INFO), Map.entry("acpi_error", Severity.WARNING));

    private static Severity min(Severity a, Severity b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    private static String first(Matcher x, int... groups) {
        for (int g : groups) {
            if (g <= x.groupCount() && x.group(g) != null) {
                return x.group(g);
            }
        }
        return null;
    }

    private Group open(Kind kind, String type, KmsgRecord r) {
        Group g = new Group(kind, type, r);
        if (kind != Kind.SINGLE) {
            report = g;
        }
        return g;
    }

    private Group one(String type, KmsgRecord r) {
        return new Group(Kind.SINGLE, type, r);
    }

    /** Closes the open report and opens a new one. */
    private Group reopen(KmsgRecord r, String type) {
        closeReport();
        return open(Kind.REPORT, type, r);
    }

    private void closeReport() {
        if (report != null) {
            emit(report);
            report = null;
        }
    }

    private void emit(Group g) {
        if (g.kind == Kind.REPORT && g.provisional && !g.headerSeen) {
            // a "cut here" block whose header never came: still a warning-class report
            g.type = "warn";
        }
        Severity sev = g.severity;
        if (!g.type.equals("log")) {
            Severity def = DEFAULT_SEVERITY.get(g.type);
            if (def != null) {
                sev = min(sev, def);
            }
            if ("kernel".equals(g.attrs.get("mode"))) {
                sev = min(sev, Severity.CRIT); // the kernel itself faulted
            }
        }
        CorrelationKey key = g.cgroup == null ? CorrelationKey.NONE : keys.apply(g.cgroup);
        Map<String, String> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : g.attrs.entrySet()) {
            if (e.getValue() != null) {
                attrs.put(e.getKey(), e.getValue());
            }
        }
        if (g.dictionary != null) {
            for (Map.Entry<String, String> e : g.dictionary.entrySet()) {
                attrs.putIfAbsent(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue());
            }
        }
        events++;
        out.accept(new Event(wallNanos.applyAsLong(g.firstTs), host, g.type, sev, key, attrs, g.message.toString(),
                SOURCE, g.firstSeq));
    }

    final class Group {
        final Kind kind;
        String type;
        Severity severity;
        final long firstSeq;
        final long firstTs;
        long lastTs;
        int lines;
        final Map<String, String> attrs = new LinkedHashMap<>();
        final StringBuilder message = new StringBuilder();
        Map<String, String> dictionary;
        String cgroup;
        boolean provisional;
        boolean headerSeen;
        boolean ended;
        boolean codeSeen;
        boolean cpusFromDetail;
        boolean modulesSeen;
        int frames;

        Group(Kind kind, String type, KmsgRecord r) {
            this.kind = kind;
            this.type = type;
            this.firstSeq = r.seq();
            this.firstTs = r.tsUsec();
            this.severity = Severity.fromLevel(r.level());
            if (!r.dictionary().isEmpty()) {
                dictionary = r.dictionary();
            }
            append(r);
        }

        void add(KmsgRecord r) {
            severity = min(severity, Severity.fromLevel(r.level()));
            append(r);
        }

        private void append(KmsgRecord r) {
            lastTs = r.tsUsec();
            lines++;
            if (message.length() < MESSAGE_MAX_CHARS) {
                if (!message.isEmpty()) {
                    message.append('\n');
                }
                message.append(r.message(), 0, Math.min(r.message().length(), MESSAGE_MAX_CHARS - message.length()));
            }
        }

        /** Whether a line that starts nothing new belongs to this report. */
        boolean absorbs(String m) {
            if (kind == Kind.DUMP) {
                return HEX_DUMP.matcher(m).find();
            }
            if (kind != Kind.REPORT) {
                return false;
            }
            return !ended || isBoilerplate(m.strip());
        }

        void put(String k, String v) {
            attrs.put(k, v);
        }

        void putIfAbsent(String k, String v) {
            if (attrs.get(k) == null) {
                attrs.put(k, v);
            }
        }
    }
}
