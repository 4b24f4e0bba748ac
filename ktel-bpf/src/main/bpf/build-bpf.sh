#!/usr/bin/env bash
# build-bpf.sh SRC_DIR OUT_DIR WORK_DIR : compiles SRC_DIR/*.bpf.c (CO-RE) into OUT_DIR/*.bpf.o.
#
# Run by Maven (exec-maven-plugin, generate-resources). vmlinux.h is generated into WORK_DIR from the
# running kernel's BTF with bpftool; it is not kept in the repository (see ktel-bpf/README.md).
# When a tool or the BTF is missing this script does NOT fail the build: it prints why, writes the reason
# to OUT_DIR/BUILD-SKIPPED.txt (shipped in the jar, read by the probes at run time) and exits 0.
# Env: CLANG (clang), BPFTOOL (bpftool), KTEL_BTF (/sys/kernel/btf/vmlinux), KTEL_BPF_SKIP (set: skip).
set -euo pipefail
SRC=$1 OUT=$2 WORK=$3
CLANG=${CLANG:-clang}
BPFTOOL=${BPFTOOL:-bpftool}
BTF=${KTEL_BTF:-/sys/kernel/btf/vmlinux}
PKGS="clang, libbpf-dev, bpftool"
mkdir -p "$OUT" "$WORK"

skip() {
  echo "[ktel-bpf] BPF programs NOT built: $1 (install $PKGS; Debian: apt-get install clang libbpf-dev bpftool)" >&2
  rm -f "$OUT"/*.bpf.o
  printf 'not built: %s (install %s)\n' "$1" "$PKGS" > "$OUT/BUILD-SKIPPED.txt"
  exit 0
}

[ -z "${KTEL_BPF_SKIP:-}" ] || skip "skipped on request (ktel.bpf.skip)"
command -v "$CLANG" >/dev/null 2>&1 || skip "$CLANG not found"
command -v "$BPFTOOL" >/dev/null 2>&1 || skip "$BPFTOOL not found"
[ -r "$BTF" ] || skip "$BTF not readable (kernel without CONFIG_DEBUG_INFO_BTF)"
[ -r /usr/include/bpf/bpf_helpers.h ] || skip "/usr/include/bpf/bpf_helpers.h not found (libbpf-dev)"

case "$(uname -m)" in
  x86_64) ARCH=x86 ;;
  aarch64) ARCH=arm64 ;;
  *) ARCH=$(uname -m) ;;
esac

VMLINUX=$WORK/vmlinux.h
if [ ! -s "$VMLINUX" ] || [ "$BTF" -nt "$VMLINUX" ]; then
  "$BPFTOOL" btf dump file "$BTF" format c > "$VMLINUX.tmp" || skip "bpftool btf dump file $BTF failed"
  mv "$VMLINUX.tmp" "$VMLINUX"
fi

n=0
for src in "$SRC"/*.bpf.c; do
  [ -e "$src" ] || continue
  obj=$OUT/$(basename "${src%.c}").o
  # -g makes clang emit BTF (needed for CO-RE relocations and map definitions)
  tmp=$WORK/$(basename "${src%.c}").o
  "$CLANG" -O2 -g -target bpf -D__TARGET_ARCH_$ARCH -Wall -Werror \
    -I"$WORK" -I"$SRC" -c "$src" -o "$tmp" || { echo "[ktel-bpf] clang failed on $src" >&2; exit 1; }
  # bpftool's static linker drops the DWARF (600 KB) and keeps .BTF/.BTF.ext, as libbpf-tools does
  "$BPFTOOL" gen object "$obj" "$tmp" || { echo "[ktel-bpf] bpftool gen object failed on $tmp" >&2; exit 1; }
  n=$((n + 1))
done
rm -f "$OUT/BUILD-SKIPPED.txt"
echo "[ktel-bpf] built $n BPF object(s) into $OUT" >&2
