package dev.ktel.collectors.kmsg;

import dev.ktel.core.text.ProcParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Reads records from a {@link KmsgDevice} and remembers where it stopped, so that a restart neither re-emits
 * nor skips records. The state file holds the last sequence number handed out and the boot id
 * ({@code /proc/sys/kernel/random/boot_id}) it belongs to; it is written atomically (temp file + rename).
 *
 * <p>Missed records are counted and reported through {@link Listener#missed}: a sequence gap between two reads
 * (the ring buffer overwrote records we had not read; the kernel signals this with EPIPE), a saved position
 * that the ring buffer has already overwritten, and a reboot (the saved boot id differs), after which the
 * records of the previous boot that were never read are lost and the new boot's overwritten ones are counted.
 */
public final class KmsgReader implements AutoCloseable {

    /** What the reader reports besides records. */
    public interface Listener {
        void record(KmsgRecord record);

        /** {@code count} records were lost ({@code -1}: unknown how many); reason: gap, overwritten, reboot. */
        void missed(long count, String reason, long afterSeq, long nextSeq);

        void parseError(ProcParseException error);
    }

    private final KmsgDevice device;
    private final Path stateFile;
    private final String bootId;
    private final byte[] buf = new byte[NativeKmsgDevice.RECORD_MAX];

    private long lastSeq = -1;
    private long savedSeq = -1;
    private boolean resumed;
    private boolean rebooted;
    private String previousBootId;
    private boolean firstRead = true;
    private long position;

    private long records;
    private long missed;
    private long parseErrors;
    private long overwrittenSignals;

    /**
     * @param stateFile where the position is kept, or null for none
     * @param bootId    the current boot id (from /proc/sys/kernel/random/boot_id)
     */
    public KmsgReader(KmsgDevice device, Path stateFile, String bootId) throws IOException {
        this.device = device;
        this.stateFile = stateFile;
        this.bootId = bootId == null ? "" : bootId.trim();
        loadState();
    }

    public static String readBootId(Path bootIdFile) {
        try {
            return Files.readString(bootIdFile, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private void loadState() throws IOException {
        if (stateFile == null || !Files.exists(stateFile)) {
            return;
        }
        long seq = -1;
        String boot = null;
        for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = line.substring(0, eq).trim();
            String v = line.substring(eq + 1).trim();
            if (k.equals("seq")) {
                try {
                    seq = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    seq = -1;
                }
            } else if (k.equals("boot_id")) {
                boot = v;
            }
        }
        if (boot != null && !boot.equals(bootId)) {
            rebooted = true;
            previousBootId = boot;
        } else if (seq >= 0) {
            lastSeq = seq;
            savedSeq = seq;
            resumed = true;
        }
    }

    /**
     * Reads up to {@code max} records (or until none is pending), reporting them to the listener, and saves the
     * position when it moved. Returns the number of records handed out.
     */
    public int poll(Listener listener, int max) throws IOException {
        int n = 0;
        int overwrittenInARow = 0;
        while (n < max) {
            int len = device.read(buf);
            if (len == KmsgDevice.EMPTY) {
                break;
            }
            if (len == KmsgDevice.OVERWRITTEN) {
                // the next read returns the oldest record still held; the sequence gap tells how many were lost
                overwrittenSignals++;
                if (++overwrittenInARow > 16) {
                    break; // the writer laps us faster than we read; try again next poll
                }
                continue;
            }
            overwrittenInARow = 0;
            position++;
            KmsgRecord r;
            try {
                r = KmsgRecordParser.parse(buf, 0, len, position);
            } catch (ProcParseException e) {
                parseErrors++;
                listener.parseError(e);
                continue;
            }
            if (firstRead) {
                firstRead = false;
                if (rebooted) {
                    // records of the new boot before the first one still held were overwritten
                    missed += r.seq();
                    listener.missed(r.seq(), "reboot", -1, r.seq());
                } else if (resumed && r.seq() > lastSeq + 1) {
                    long lost = r.seq() - lastSeq - 1;
                    missed += lost;
                    listener.missed(lost, "overwritten", lastSeq, r.seq());
                    lastSeq = r.seq() - 1;
                }
            }
            if (r.seq() <= lastSeq) {
                continue; // read before a restart
            }
            if (lastSeq >= 0 && r.seq() > lastSeq + 1) {
                long lost = r.seq() - lastSeq - 1;
                missed += lost;
                listener.missed(lost, "gap", lastSeq, r.seq());
            }
            lastSeq = r.seq();
            records++;
            n++;
            listener.record(r);
        }
        saveState();
        return n;
    }

    /** Writes the position if it changed since the last save. */
    public void saveState() throws IOException {
        if (stateFile == null || lastSeq == savedSeq) {
            return;
        }
        Path dir = stateFile.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.writeString(tmp, "seq=" + lastSeq + "\nboot_id=" + bootId + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
        }
        savedSeq = lastSeq;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public boolean rebootDetected() {
        return rebooted;
    }

    public String previousBootId() {
        return previousBootId;
    }

    public long records() {
        return records;
    }

    public long missed() {
        return missed;
    }

    public long parseErrors() {
        return parseErrors;
    }

    public long overwrittenSignals() {
        return overwrittenSignals;
    }

    @Override
    public void close() throws IOException {
        try {
            saveState();
        } finally {
            device.close();
        }
    }
}
