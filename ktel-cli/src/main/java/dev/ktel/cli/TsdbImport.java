package dev.ktel.cli;

import dev.ktel.server.Server;
import dev.ktel.server.StoreRetention;
import dev.ktel.store.TsdbSeriesStore;
import dev.ktel.store.importer.OpenMetricsImporter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The body of {@code ktel tsdb import}: backfill, merge the new blocks, fill the downsampled tiers. */
final class TsdbImport {
    private TsdbImport() {
    }

    static int run(Path file, Path dataDir, PrintWriter out, PrintWriter err) throws Exception {
        if (!Files.isReadable(file)) {
            err.println("ktel: " + file + ": not a readable file");
            return 1;
        }
        OpenMetricsImporter.Result r;
        try (TsdbSeriesStore store = Server.openStore(dataDir, StoreRetention.DEFAULT)) {
            r = OpenMetricsImporter.importInto(file, store);
            store.compactBlocks();
            store.downsample();
        } catch (OpenMetricsImporter.ParseException e) {
            err.println("ktel: " + e.getMessage());
            return 1;
        }
        out.printf("imported %d samples of %d series into %d blocks (%d .. %d) in %s%n", r.samples(), r.series(),
                r.blocks(), r.minTime(), r.maxTime(), Server.tsdbDir(dataDir));
        return 0;
    }
}
