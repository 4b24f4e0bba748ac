# Shared by ./ktel, scripts/test and the benchmark scripts. Source it; do not run it.

ktel_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

say() { printf 'ktel: %s\n' "$*" >&2; }
die() { printf 'ktel: %s\n' "$*" >&2; exit 1; }

# java_major BIN -> the feature version of that java (e.g. 25), or nothing
# (reads the JDK's release file; starting a JVM just to ask costs a few hundred ms)
java_major() {
  local home; home=$(dirname "$(dirname "$1")")
  if [ -f "$home/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release"
  else
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
  fi
}

# find_jdk -> sets JAVA_HOME to a JDK 25 (JAVA_HOME first, then /usr/lib/jvm/*25*), or stops with what to do
find_jdk() {
  local cand
  for cand in ${JAVA_HOME:-} /usr/lib/jvm/*25*; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    if [ "$(java_major "$cand/bin/java")" = 25 ]; then
      export JAVA_HOME="$cand"
      return 0
    fi
  done
  die "no JDK 25 found (looked at JAVA_HOME=${JAVA_HOME:-unset} and /usr/lib/jvm/*25*).
  Install one (e.g. Temurin 25 or openjdk-25-jdk) and set JAVA_HOME to it."
}

# with_quiet_services CMD... : run an apt-get install without letting package scripts start daemons
with_quiet_services() {
  local made=0 rc=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made=1
  fi
  "$@" || rc=$?
  [ "$made" = 1 ] && rm -f /usr/sbin/policy-rc.d
  return $rc
}

# ensure_packages PKG... : installs missing Debian packages when root, else names them and stops
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian packages: ${missing[*]}"
    with_quiet_services apt-get update -qq >&2 || true
    with_quiet_services env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >&2 || die "apt-get install ${missing[*]} failed"
  else
    die "missing Debian packages: ${missing[*]}
  Install them with: sudo apt-get install ${missing[*]}"
  fi
}

# Maven 3.8's bundled Guava trips a JDK 24+ warning on every run; it is harmless, keep the output clean.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

# want_packages PKG... : like ensure_packages, but only warns when they cannot be installed (optional parts)
want_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    ensure_packages "${missing[@]}"
  else
    say "optional Debian packages missing: ${missing[*]} (sudo apt-get install ${missing[*]}); building without them"
  fi
}

# ensure_maven -> Maven on PATH (installs Debian's maven when root)
ensure_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  ensure_packages maven
  command -v mvn >/dev/null 2>&1 || die "Maven not found after install; install Maven 3.8+ and retry"
}

# revision -> short git revision of the checkout, or "unknown"
revision() { git -C "$(ktel_root)" rev-parse --short HEAD 2>/dev/null || echo unknown; }
