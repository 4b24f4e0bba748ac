package dev.ktel.collectors.proc.udpqueues;

/** Sums over the sockets of /proc/net/udp or udp6. Mutable holder, reused. */
public final class UdpQueues {
    /** Bytes queued for sending, summed over sockets. */
    public long txQueue;
    /** Bytes queued for receiving, summed over sockets. */
    public long rxQueue;
    /** Sockets (lines) seen. */
    public long sockets;
}
