package dev.ktel.collectors.host.uname;

/** The six fields of {@code struct utsname}. Mutable holder, reused between scrapes. */
public final class Uname {
    public String sysname;
    public String release;
    public String version;
    public String machine;
    public String nodename;
    public String domainname;
}
