package org.dynnd.daemon.server;

/**
 * The heap and direct memory set aside for client connections: half of the JVM's heap bound
 * (the model, telemetry and the rest of the daemon keep the other half) and three quarters of
 * its direct-memory bound (Netty's socket buffers are nearly its only user).
 *
 * @param heapBytes heap for connections
 * @param directBytes direct memory for connections
 */
public record MemoryPools(long heapBytes, long directBytes) {

    public static MemoryPools ofThisJvm() {
        return new MemoryPools(Runtime.getRuntime().maxMemory() / 2, io.netty.util.internal.PlatformDependent.maxDirectMemory() / 4 * 3);
    }

    String describe() {
        return (heapBytes >> 20) + " MiB of heap and " + (directBytes >> 20) + " MiB of direct memory";
    }
}
