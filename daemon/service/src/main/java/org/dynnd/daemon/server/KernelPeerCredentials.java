package org.dynnd.daemon.server;

import com.sun.jna.LastErrorException;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import java.io.IOException;
import java.util.Optional;
import org.dynnd.daemon.access.PeerIdentities;
import org.dynnd.daemon.access.PeerIdentity;

/**
 * The peer's identity from the kernel: user and primary group from {@code SO_PEERCRED}, the
 * supplementary groups from {@code SO_PEERGROUPS}; on a kernel without the latter,
 * {@link PeerIdentities} completes them from /proc.
 */
public final class KernelPeerCredentials implements PeerIdentitySource {

    private final PeerIdentities identities;
    private final PeerGroupsOption peerGroups = new PeerGroupsOption();

    public KernelPeerCredentials(PeerIdentities identities) {
        this.identities = identities;
    }

    @Override
    public PeerIdentity identify(Channel channel) throws IOException {
        if (!(channel instanceof EpollDomainSocketChannel domain)) {
            throw new IOException("peer credentials need an epoll Unix domain socket, got " + channel.getClass().getSimpleName());
        }
        PeerCredentials credentials = domain.peerCredentials();
        Optional<int[]> supplementary;
        try {
            supplementary = peerGroups.groups(domain.fd().intValue());
        } catch (LastErrorException e) {
            throw new IOException("getsockopt(SO_PEERGROUPS) failed with errno " + e.getErrorCode(), e);
        }
        if (supplementary.isPresent()) {
            return PeerIdentities.of(credentials.pid(), credentials.uid(), credentials.gids(), supplementary.get());
        }
        return identities.identify(credentials.pid(), credentials.uid(), credentials.gids());
    }
}
