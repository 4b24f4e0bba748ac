package dev.ktel.collectors.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Unpacks a ttar text archive (the format prometheus/procfs and node_exporter keep their fixture trees in):
 * {@code Directory:}, {@code Path:} + {@code Lines: n} + content, {@code Path:} + {@code SymlinkTo:},
 * {@code Mode:}; content markers {@code NULLBYTE}, {@code \NULLBYTE}, {@code \EOF} and a trailing bare
 * {@code EOF} for a last line without newline. Links are created verbatim and never followed.
 */
public final class Ttar {
    private Ttar() {
    }

    public static void unpack(Path archive, Path into) throws IOException {
        byte[] all = Files.readAllBytes(archive);
        List<byte[]> lines = splitLines(all);
        String current = null;
        List<Runnable> modes = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = new String(lines.get(i), java.nio.charset.StandardCharsets.UTF_8);
            i++;
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            int sep = line.indexOf(": ");
            if (sep < 0) {
                throw new IOException(archive + ":" + i + ": unexpected line \"" + line + "\"");
            }
            String key = line.substring(0, sep);
            String value = line.substring(sep + 2);
            switch (key) {
                case "Directory" -> {
                    current = value;
                    Files.createDirectories(into.resolve(value));
                }
                case "Path" -> current = value;
                case "Lines" -> {
                    int n = Integer.parseInt(value.trim());
                    ByteArrayOutputStream content = new ByteArrayOutputStream();
                    for (int k = 0; k < n; k++) {
                        decode(lines.get(i + k), content);
                    }
                    i += n;
                    Path p = into.resolve(current);
                    Files.createDirectories(p.getParent());
                    Files.write(p, content.toByteArray());
                }
                case "SymlinkTo" -> {
                    Path p = into.resolve(current);
                    Files.createDirectories(p.getParent());
                    Files.deleteIfExists(p);
                    Files.createSymbolicLink(p, Path.of(value));
                }
                case "Mode" -> {
                    Path p = into.resolve(current);
                    String perms = toPerms(Integer.parseInt(value.trim(), 8) | 0600);
                    modes.add(() -> {
                        try {
                            if (!Files.isSymbolicLink(p)) {
                                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
                default -> throw new IOException(archive + ":" + i + ": unknown header \"" + key + "\"");
            }
        }
        modes.forEach(Runnable::run);
    }

    private static void decode(byte[] line, ByteArrayOutputStream out) {
        String s = new String(line, java.nio.charset.StandardCharsets.ISO_8859_1);
        boolean newline = true;
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("\\NULLBYTE", i)) {
                out.writeBytes("NULLBYTE".getBytes());
                i += 9;
            } else if (s.startsWith("\\EOF", i)) {
                out.writeBytes("EOF".getBytes());
                i += 4;
            } else if (s.startsWith("NULLBYTE", i)) {
                out.write(0);
                i += 8;
            } else if (i == s.length() - 3 && s.startsWith("EOF", i)) {
                newline = false;
                i += 3;
            } else {
                out.write(s.charAt(i));
                i++;
            }
        }
        if (newline) {
            out.write('\n');
        }
    }

    private static List<byte[]> splitLines(byte[] all) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        if (start < all.length) {
            lines.add(java.util.Arrays.copyOfRange(all, start, all.length));
        }
        return lines;
    }

    private static String toPerms(int mode) {
        String chars = "rwxrwxrwx";
        StringBuilder sb = new StringBuilder();
        for (int b = 8; b >= 0; b--) {
            sb.append((mode & (1 << b)) != 0 ? chars.charAt(8 - b) : '-');
        }
        return sb.toString();
    }
}
