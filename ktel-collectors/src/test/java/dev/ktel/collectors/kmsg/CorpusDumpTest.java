package dev.ktel.collectors.kmsg;

import dev.ktel.core.event.Event;
import org.junit.jupiter.api.Test;

class CorpusDumpTest {
    @Test
    void dump() {
        String f = System.getenv("KMSG_DUMP");
        if (f == null) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (String file : f.split(",")) {
        for (var e : KmsgCorpus.load(file)) {
            out.append("=== " + e + "\n");
            for (Event ev : KmsgCorpus.classify(e)) {
                if (ev.type().equals("log") && System.getenv("KMSG_DUMP_LOG") == null) {
                    out.append("   log: " + ev.message().lines().findFirst().orElse("") + "\n");
                    continue;
                }
                out.append(" " + ev.type() + " " + ev.severity().label() + " seq=" + ev.sequence() + " key="
                        + ev.key().labels() + " " + ev.attributes() + " lines=" + ev.message().lines().count() + "\n");
            }
        }
        }
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/kdump.txt"), out);
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
    }
}
