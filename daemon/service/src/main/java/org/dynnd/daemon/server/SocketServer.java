package org.dynnd.daemon.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.dynnd.daemon.access.AccessPolicy;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.service.ClientBudget;
import org.dynnd.daemon.protocol.ImageDecoder;
import org.dynnd.daemon.service.GovernorPort;
import org.dynnd.daemon.service.InferenceService;
import org.dynnd.daemon.telemetry.TelemetryRing;
import org.dynnd.daemon.service.TelemetrySample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Unix-socket server (Netty epoll). Each connection's pipeline has one job per
 * handler: framing by lines with a length limit, JSON decoding and validation, the access check
 * from the peer's kernel credentials, dispatch, and encoding of replies. Use {@link #bind} for a
 * socket of its own or {@link #adopt} for one systemd passed in; {@link #close} stops it.
 */
public final class SocketServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    /**
     * The kernel's send buffer of each connection (Linux doubles it): what a client that does not
     * read holds in the kernel besides the daemon's own unsent data, so that 4,096 of them hold
     * 256 MiB of kernel memory at most, not the default's 800 MiB, and a lease holder that stopped
     * reading is sent a few dozen events before they are dropped, not hundreds.
     */
    static final int SOCKET_SEND_BUFFER_BYTES = 32 * 1024;
    /** Images waiting to be decoded at most: a few, as decoding is quick for images the model takes. */
    private static final int DECODE_QUEUE = 16;

    private final ServerSettings settings;
    private final PeerIdentitySource identities;
    private final Clients clients = new Clients();
    private final BudgetDesk budgets;
    private final InferenceQueue inference;
    private final Dispatcher dispatcher;
    private final AccessHandler access;
    private final ConnectionGate gate;
    private final ConnectionBudget budget;
    private final LargeLines largeLines;
    private final TelemetryBroadcaster broadcaster;
    private final EventLoopGroup loops;
    private Channel listener;
    private Path ownedSocket;

    /**
     * @param inferenceThreads makes the inference threads (the governor pins them to a cluster)
     * @param ring the telemetry history {@code status} reports from
     */
    public SocketServer(ServerSettings settings, GovernorPort governor, InferenceService inferenceService,
            ThreadFactory inferenceThreads, AccessPolicy policy, PeerIdentitySource identities, TelemetryRing ring) {
        this(settings, governor, inferenceService, inferenceThreads, policy, identities, ring, MemoryPools.ofThisJvm());
    }

    /**
     * @param pools the heap and direct memory set aside for connections: {@code max_clients} is
     *     lowered (and the start says so) when they cannot hold that many connections at their
     *     {@link ConnectionBudget most}
     */
    public SocketServer(ServerSettings settings, GovernorPort governor, InferenceService inferenceService,
            ThreadFactory inferenceThreads, AccessPolicy policy, PeerIdentitySource identities, TelemetryRing ring,
            MemoryPools pools) {
        this.identities = identities;
        this.budgets = new BudgetDesk(governor, clients, settings.budgetQueue());
        this.inference = new InferenceQueue(inferenceService, new ImageDecoder(settings.maxImagePixels()),
                settings.inferenceThreads(), settings.inferenceQueue(), inferenceThreads, DECODE_QUEUE);
        Dispatcher answers = new Dispatcher(settings, inferenceService.modelName(), governor.operatingPoints(), policy,
                budgets, inference, ring, clients);
        this.budget = ConnectionBudget.of(settings, answers.largestHelloBytes());
        int fit = budget.clientsThatFit(pools.heapBytes(), pools.directBytes());
        if (fit < 1) {
            throw new IllegalArgumentException("not even one connection fits in the memory set aside for them (" + pools.describe()
                    + "): each may hold " + budget.describe() + ", and " + settings.largeLinePlaces() + " lines of up to "
                    + settings.maxLineBytes() + " bytes are shared; give the daemon more memory (DYNND_HEAP)");
        }
        if (fit < settings.maxClients()) {
            LOG.warn("serving at most {} connections instead of {}: each may hold {}, and {} are set aside for connections",
                    fit, settings.maxClients(), budget.describe(), pools.describe());
            settings = settings.withMaxClients(fit);
        }
        this.settings = settings;
        this.dispatcher = answers;
        dispatcher.maxClients(settings.maxClients());
        this.access = new AccessHandler(policy);
        this.largeLines = new LargeLines(settings.largeLinePlaces());
        this.gate = new ConnectionGate(clients, budgets, settings.maxClients());
        this.broadcaster = new TelemetryBroadcaster(clients, budgets);
        this.loops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    }

    /**
     * Listens on a new socket at {@code path} with mode 0666: every user may connect, and each
     * request is checked against the peer's credentials (status, ops, infer and watch are open to
     * all; budgets to the configured users and groups). A stale socket file from a dead
     * daemon is replaced; a live one is an error (two daemons must not share the hardware).
     */
    public synchronized void bind(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            removeStale(path);
        }
        Files.createDirectories(path.toAbsolutePath().getParent());
        listener = bootstrap(EpollServerDomainSocketChannel::new)
                .bind(new DomainSocketAddress(path.toFile())).syncUninterruptibly().channel();
        ownedSocket = path;
        // Connecting needs write permission on the socket file; under the usual umask (022) it is
        // born writable by its owner only. The folder above it decides who reaches it.
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
        LOG.info("listening on {}", path);
    }

    /**
     * Serves on an already bound and listening socket, such as fd 3 from systemd's socket
     * activation. The socket file belongs to whoever made it and is left in place on close.
     */
    public synchronized void adopt(int fd) {
        listener = bootstrap(() -> new EpollServerDomainSocketChannel(fd, true)).register().syncUninterruptibly().channel();
        LOG.info("serving on inherited socket fd {}", fd);
    }

    private static final HalfClose HALF_CLOSE = new HalfClose();
    /** Stateless and sharable: one for every connection, not one mapper per client. */
    private static final ReplyEncoder REPLY_ENCODER = new ReplyEncoder();

    private ServerBootstrap bootstrap(io.netty.channel.ChannelFactory<EpollServerDomainSocketChannel> factory) {
        return new ServerBootstrap()
                .group(loops)
                .channelFactory(factory)
                // A client that half-closes still gets its pending replies (see HalfClose).
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.writeBufferLowBytes(), settings.writeBufferHighBytes()))
                .childOption(ChannelOption.SO_SNDBUF, SOCKET_SEND_BUFFER_BYTES)
                // One read takes at most this much: the most a paused connection holds unread.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR,
                        new AdaptiveRecvByteBufAllocator(Math.min(512, settings.readBufferBytes()),
                                Math.min(2048, settings.readBufferBytes()), settings.readBufferBytes()))
                .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) throws IOException {
                        ch.attr(Session.KEY).set(new Session(clients.nextId(), identities.identify(ch)));
                        ch.pipeline().addLast(
                                REPLY_ENCODER,
                                gate,
                                new LineFramer(settings.ownLineBytes(), settings.maxLineBytes(), settings.maxInFlight(), largeLines),
                                new RequestDecoder(),
                                access,
                                HALF_CLOSE,
                                dispatcher);
                    }
                });
    }

    private static void removeStale(Path path) throws IOException {
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if (!(mode instanceof Integer m) || (m & S_IFMT) != S_IFSOCK) {
            throw new IOException(path + " exists and is not a socket; remove it or choose another socket path");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new IOException("another dynnd is already listening on " + path);
        } catch (java.net.ConnectException e) {
            LOG.info("removing the stale socket {} of a daemon that is gone", path);
            Files.deleteIfExists(path);
        }
    }

    /** The address clients connect to, when this server bound it itself. */
    public synchronized Optional<Path> socketPath() {
        return Optional.ofNullable(ownedSocket);
    }

    /** The budget the governor serves now. */
    public ClientBudget effectiveBudget() {
        return budgets.current().effective();
    }

    /** The latest arbitration, with every lease and whether it is met. */
    public Arbitration arbitration() {
        return budgets.current();
    }

    /** The arbitration desk, for tests that hold its thread. */
    BudgetDesk budgetDesk() {
        return budgets;
    }

    /** The connection of {@code clientId}, or null; for tests that watch one connection. */
    Channel channelOf(long clientId) {
        return clients.get(clientId);
    }

    /** The most memory one connection can make the daemon hold. */
    ConnectionBudget connectionBudget() {
        return budget;
    }

    /** Connections served at once at most (the configured number, or fewer if memory cannot hold it). */
    public int maxClients() {
        return settings.maxClients();
    }

    /** Open connections. */
    public int clientCount() {
        return clients.size();
    }

    /**
     * Runs {@code work} while no request is being handled: on the arbitration thread (where budgets
     * are decided), between two budget requests, while the event loop (where access checks,
     * {@code hello} and {@code status} are answered) waits for it. A request then sees everything
     * {@code work} changes, or nothing.
     */
    public void exclusive(Runnable work) {
        loops.next().submit(() -> budgets.exclusive(work)).syncUninterruptibly();
    }

    /**
     * New access rules and inference-queue bound, from the next request on. Call it inside
     * {@link #exclusive} so that the two change together.
     */
    public void reconfigure(AccessPolicy policy, int inferenceQueue) {
        inference.capacity(inferenceQueue);
        access.policy(policy);
        dispatcher.policy(policy);
    }

    /** Sends {@code sample} to every subscriber; safe from any thread. */
    public void broadcast(TelemetrySample sample) {
        broadcaster.broadcast(sample);
    }

    /**
     * From now on {@code budget} and {@code infer} are answered with {@code shutting_down}, while
     * the daemon restores the hardware; reads still work until {@link #close}.
     */
    public void beginShutdown() {
        dispatcher.stopping();
    }

    /** Stops accepting, closes every connection, stops the threads and removes the socket file. */
    @Override
    public synchronized void close() {
        dispatcher.stopping();
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        clients.all().forEach(Channel::close);
        inference.close();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        budgets.close();
        if (ownedSocket != null) {
            try {
                Files.deleteIfExists(ownedSocket);
            } catch (IOException e) {
                LOG.warn("cannot remove the socket {}: {}", ownedSocket, e.toString());
            }
        }
    }
}
