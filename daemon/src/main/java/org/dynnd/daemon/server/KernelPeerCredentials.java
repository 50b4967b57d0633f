package org.dynnd.daemon.server;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import java.io.IOException;
import org.dynnd.daemon.access.PeerIdentities;
import org.dynnd.daemon.access.PeerIdentity;

/** The peer's identity from the kernel: {@code SO_PEERCRED}, completed by {@link PeerIdentities}. */
public final class KernelPeerCredentials implements PeerIdentitySource {

    private final PeerIdentities identities;

    public KernelPeerCredentials(PeerIdentities identities) {
        this.identities = identities;
    }

    @Override
    public PeerIdentity identify(Channel channel) throws IOException {
        if (!(channel instanceof EpollDomainSocketChannel domain)) {
            throw new IOException("peer credentials need an epoll Unix domain socket, got " + channel.getClass().getSimpleName());
        }
        PeerCredentials credentials = domain.peerCredentials();
        return identities.identify(credentials.pid(), credentials.uid(), credentials.gids());
    }
}
