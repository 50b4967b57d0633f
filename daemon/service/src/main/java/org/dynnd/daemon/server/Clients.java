package org.dynnd.daemon.server;

import io.netty.channel.Channel;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open connections by client id, for events addressed to one client or to all subscribers. */
final class Clients {

    private final Map<Long, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    long nextId() {
        return nextId.getAndIncrement();
    }

    void add(long clientId, Channel channel) {
        channels.put(clientId, channel);
    }

    void remove(long clientId) {
        channels.remove(clientId);
    }

    Channel get(long clientId) {
        return channels.get(clientId);
    }

    Collection<Channel> all() {
        return channels.values();
    }

    int size() {
        return channels.size();
    }
}
