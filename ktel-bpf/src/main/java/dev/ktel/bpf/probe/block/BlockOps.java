package dev.ktel.bpf.probe.block;

/** The {@code operation} label: names of the kernel's REQ_OP_* values (include/linux/blk_types.h). */
final class BlockOps {
    private BlockOps() {
    }

    static String name(int op) {
        return switch (op) {
            case 0 -> "read";
            case 1 -> "write";
            case 2 -> "flush";
            case 3 -> "discard";
            case 5 -> "secure_erase";
            case 7 -> "zone_append";
            case 9 -> "write_zeroes";
            case 10 -> "zone_open";
            case 11 -> "zone_close";
            case 12 -> "zone_finish";
            case 13 -> "zone_reset";
            case 15 -> "zone_reset_all";
            case 34 -> "drv_in";
            case 35 -> "drv_out";
            default -> "op" + op;
        };
    }
}
