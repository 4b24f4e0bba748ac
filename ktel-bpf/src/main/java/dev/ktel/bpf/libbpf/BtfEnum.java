package dev.ktel.bpf.libbpf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.TreeMap;

/**
 * The constants of one enum of the running kernel, read from its BTF through libbpf
 * ({@code btf__load_vmlinux_btf}, {@code btf__find_by_name_kind}). Used where the kernel's own names are
 * the label values, e.g. {@code enum skb_drop_reason}, which changes between kernel versions.
 */
public final class BtfEnum {
    private static final int BTF_KIND_ENUM = 6;
    /** struct btf_type: name_off, info, size; struct btf_enum entries (name_off, val) follow. */
    private static final long TYPE_SIZE = 12;
    private static final long ENUM_ENTRY_SIZE = 8;

    private BtfEnum() {
    }

    /** value → name of the kernel's {@code enum name}. */
    public static Map<Integer, String> ofVmlinux(String name) throws BpfException {
        if (Libbpf.BTF_LOAD_VMLINUX == null) {
            throw new BpfException("libbpf has no btf__load_vmlinux_btf", 0, null);
        }
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment btf = (MemorySegment) Libbpf.BTF_LOAD_VMLINUX.invokeExact();
            if (btf.equals(MemorySegment.NULL)) { // libbpf 1.x: NULL and errno on error
                throw new BpfException("kernel BTF could not be loaded", 0, null);
            }
            try {
                int id = (int) Libbpf.BTF_FIND_BY_NAME_KIND.invokeExact(btf, arena.allocateFrom(name), BTF_KIND_ENUM);
                if (id <= 0) {
                    throw new BpfException("enum " + name + " not in the kernel BTF", -id, null);
                }
                MemorySegment t = ((MemorySegment) Libbpf.BTF_TYPE_BY_ID.invokeExact(btf, id)).reinterpret(TYPE_SIZE);
                int vlen = t.get(ValueLayout.JAVA_INT_UNALIGNED, 4) & 0xffff;
                MemorySegment entries = t.reinterpret(TYPE_SIZE + vlen * ENUM_ENTRY_SIZE);
                Map<Integer, String> out = new TreeMap<>();
                for (int i = 0; i < vlen; i++) {
                    long off = TYPE_SIZE + i * ENUM_ENTRY_SIZE;
                    int nameOff = entries.get(ValueLayout.JAVA_INT_UNALIGNED, off);
                    int val = entries.get(ValueLayout.JAVA_INT_UNALIGNED, off + 4);
                    MemorySegment s = (MemorySegment) Libbpf.BTF_NAME_BY_OFFSET.invokeExact(btf, nameOff);
                    out.put(val, s.reinterpret(256).getString(0));
                }
                return out;
            } finally {
                Libbpf.BTF_FREE.invokeExact(btf);
            }
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }
}
