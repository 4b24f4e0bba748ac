package dev.ktel.store.block;

import dev.ktel.store.CorruptionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code meta.json} of a block: id, time range {@code [minTime, maxTime)}, counts, compaction level and parent
 * block ids (comma-separated, empty for a block cut from the head), and size plus
 * CRC32C of the index and chunks files. Hand-written JSON (flat, fixed keys) to keep the module dependency-light.
 */
public record BlockMeta(String ulid, long minTime, long maxTime, long numSamples, long numSeries, long numChunks,
    int level, String parents, long indexSize, int indexCrc, long chunksSize, int chunksCrc) {
  public static final int VERSION = 1;

  public String toJson() {
    return "{\n"
        + "  \"ulid\": \"" + ulid + "\",\n"
        + "  \"minTime\": " + minTime + ",\n"
        + "  \"maxTime\": " + maxTime + ",\n"
        + "  \"stats\": {\"numSamples\": " + numSamples + ", \"numSeries\": " + numSeries + ", \"numChunks\": "
        + numChunks + "},\n"
        + "  \"compaction\": {\"level\": " + level + ", \"parents\": \"" + parents + "\"},\n"
        + "  \"files\": {\"index\": {\"size\": " + indexSize + ", \"crc32c\": \"" + hex(indexCrc) + "\"}, "
        + "\"chunks\": {\"size\": " + chunksSize + ", \"crc32c\": \"" + hex(chunksCrc) + "\"}},\n"
        + "  \"version\": " + VERSION + "\n"
        + "}\n";
  }

  private static String hex(int v) {
    return String.format("%08x", v);
  }

  public static BlockMeta parse(String json, String file) {
    try {
      int version = (int) num(json, "version", file);
      if (version != VERSION) {
        throw new CorruptionException(file, 0, "unsupported block version " + version);
      }
      return new BlockMeta(str(json, "ulid", file), num(json, "minTime", file), num(json, "maxTime", file),
          num(json, "numSamples", file), num(json, "numSeries", file), num(json, "numChunks", file),
          (int) num(json, "level", file), str(json, "parents", file), num(json, "\"index\": \\{\"size", file),
          (int) Long.parseLong(str(json, "\"index\": \\{\"size\": \\d+, \"crc32c", file), 16),
          num(json, "\"chunks\": \\{\"size", file),
          (int) Long.parseLong(str(json, "\"chunks\": \\{\"size\": \\d+, \"crc32c", file), 16));
    } catch (NumberFormatException e) {
      throw new CorruptionException(file, 0, "bad number: " + e.getMessage());
    }
  }

  private static long num(String json, String key, String file) {
    Matcher m = Pattern.compile((key.startsWith("\"") ? key : "\"" + key) + "\": (-?\\d+)").matcher(json);
    if (!m.find()) {
      throw new CorruptionException(file, 0, "missing key " + key.replace("\\", ""));
    }
    return Long.parseLong(m.group(1));
  }

  private static String str(String json, String key, String file) {
    Matcher m = Pattern.compile((key.startsWith("\"") ? key : "\"" + key) + "\": \"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new CorruptionException(file, 0, "missing key " + key.replace("\\", ""));
    }
    return m.group(1);
  }
}
