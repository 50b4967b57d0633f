package org.dynnd.daemon.server;

import io.netty.channel.Channel;
import java.io.IOException;
import org.dynnd.daemon.access.PeerIdentity;

/** Who is at the other end of a newly accepted connection. */
@FunctionalInterface
public interface PeerIdentitySource {

    /** The identity of the peer of {@code channel}. */
    PeerIdentity identify(Channel channel) throws IOException;
}
