#!/usr/bin/env bash
# capture-fixture.sh NAME [PATH...]
# Copies kernel pseudo-files of this machine into ktel-collectors/src/test/resources/fixtures/NAME/,
# keeping their paths (proc/..., sys/..., etc/...). Without PATH arguments it captures the default set the
# host collectors read. Symlinked sysfs directories are copied as plain directories (attributes only, one
# level deep plus named sub-directories), which is all the collectors read. Review the result before
# committing: scrub host names, serial numbers and MAC addresses.
set -euo pipefail
name=${1:?usage: capture-fixture.sh NAME [PATH...]}; shift || true
root="$(cd "$(dirname "$0")/.." && pwd)/ktel-collectors/src/test/resources/fixtures/$name"
mkdir -p "$root"

copy_file() { # copy one readable regular file, dereferencing links
  local src=$1 dst="$root${1}"
  [ -r "$src" ] && [ ! -d "$src" ] || return 0
  mkdir -p "$(dirname "$dst")"
  cat "$src" > "$dst" 2>/dev/null || rm -f "$dst"
}
copy_dir_attrs() { # regular files directly inside a directory
  local d=$1 f
  for f in "$d"/*; do [ -f "$f" ] && copy_file "$f"; done
}

if [ $# -eq 0 ]; then
  set -- /proc/loadavg /proc/stat /proc/meminfo /proc/vmstat /proc/diskstats /proc/softirqs /proc/interrupts \
    /proc/cpuinfo /proc/mounts /proc/1/mountinfo /proc/net/dev /proc/net/netstat /proc/net/snmp /proc/net/snmp6 \
    /proc/net/softnet_stat /proc/net/sockstat /proc/net/sockstat6 /proc/net/arp /proc/net/udp /proc/net/udp6 \
    /proc/pressure/cpu /proc/pressure/memory /proc/pressure/io /proc/sys/fs/file-nr \
    /proc/sys/kernel/random/entropy_avail /proc/sys/kernel/random/poolsize /proc/sys/kernel/pid_max \
    /proc/sys/kernel/threads-max /proc/sys/kernel/ostype /proc/sys/kernel/osrelease /proc/sys/kernel/version \
    /proc/sys/kernel/hostname /proc/sys/kernel/domainname /etc/os-release /usr/lib/os-release
fi
for p in "$@"; do
  if [ -d "$p" ]; then copy_dir_attrs "$p"; else copy_file "$p"; fi
done
# sysfs: network interfaces (attributes + statistics), CPU frequency/topology, hwmon, thermal
for d in /sys/class/net/*; do
  [ -e "$d" ] || continue
  copy_dir_attrs "$d"; [ -d "$d/statistics" ] && copy_dir_attrs "$d/statistics"
done
for d in /sys/devices/system/cpu/cpu[0-9]*; do
  [ -d "$d/cpufreq" ] && copy_dir_attrs "$d/cpufreq"; [ -d "$d/topology" ] && copy_dir_attrs "$d/topology"
done
for f in online possible present isolated offline; do copy_file "/sys/devices/system/cpu/$f"; done
for d in /sys/class/hwmon/* /sys/class/thermal/*; do [ -e "$d" ] && copy_dir_attrs "$d"; done
for d in /sys/block/*; do [ -e "$d" ] && copy_dir_attrs "$d/queue" 2>/dev/null; done
# scrub the host name
if [ -f "$root/proc/sys/kernel/hostname" ]; then echo fixture-host > "$root/proc/sys/kernel/hostname"; fi
{
  echo "# Fixture $name"
  echo
  echo "Captured with scripts/capture-fixture.sh on $(date -u +%Y-%m-%d)."
  echo
  echo "- kernel: $(uname -r) $(uname -m)"
  echo "- distribution: $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "- CPUs: $(nproc); cgroups: $(stat -fc %T /sys/fs/cgroup) at /sys/fs/cgroup$( [ -d /sys/fs/cgroup/unified ] && echo ', cgroup2 at /sys/fs/cgroup/unified')"
  echo "- host name scrubbed to fixture-host; sysfs symlinks copied as plain directories"
} > "$root/CAPTURE.md"
echo "captured into $root"
