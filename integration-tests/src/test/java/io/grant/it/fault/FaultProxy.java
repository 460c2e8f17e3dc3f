package io.grant.it.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-process TCP proxy for fault injection: it listens on an ephemeral port of 127.0.0.1 and forwards each
 * connection to a target, until told to delay, freeze or cut. Every control takes effect at once, on the current
 * connections and the next ones, unless it says otherwise.
 *
 * <ul>
 *   <li>Pass-through: bytes go on unchanged and in order, as the chunks (up to 16 KiB) that one read returns, with
 *       TCP_NODELAY on both sides. An end of stream (FIN) from one side is passed on as a half-close; a reset or an
 *       I/O error on either side resets both.
 *   <li>{@link #delay(Duration)}: each chunk, and an end of stream, is written no sooner than that long after the
 *       proxy read it, in both directions. The chunks of one direction stay in order, so a burst that arrives as
 *       several chunks takes a multiple of the delay: a slow link, not a long pipe. A new delay applies at once to
 *       the chunks already waiting ({@code delay(Duration.ZERO)} releases them).
 *   <li>{@link #freeze()} / {@link #thaw()}: when {@code freeze()} returns, the proxy writes nothing more on any
 *       connection until {@code thaw()}: a chunk that was being written has been finished (so {@code freeze()} waits
 *       as long as a peer that has stopped reading blocks that write), and every chunk read
 *       after that is held (one per direction and connection; the rest waits in the kernels' buffers, which fill up
 *       and stop the sender by TCP flow control). Nothing is closed: the peers see silence, no RST and no FIN. A
 *       connection made while frozen is accepted (the kernel completes the handshake) but not connected to the
 *       target until {@code thaw()}. {@code thaw()} delivers what was held, in order; a delay counts from when
 *       a chunk was read.
 *   <li>{@link #cut()}: every current connection (forwarded, held or black-holed) is closed with SO_LINGER 0, so
 *       the client and the target both get a RST; the bytes the proxy held and those the kernels had not delivered
 *       are lost. The proxy keeps listening.
 *   <li>{@link #blackholeNewConnections(boolean)}: the connections accepted while it is on are read and the bytes
 *       thrown away; they are never connected to the target, never answered and never closed by the proxy (until
 *       their client closes them, {@code cut()} or {@code close()}). Existing connections go on; turning it off
 *       does not revive the black-holed ones.
 *   <li>{@link #refuseNewConnections(boolean)}: the connections accepted while it is on are reset at once (the
 *       listening socket stays open, so the client's connect succeeds and its first read fails with a reset).
 *       It wins over black-holing. Existing connections go on.
 *   <li>{@link #close()}: stops listening, resets every connection, and returns once every thread it started has
 *       ended.
 * </ul>
 *
 * <p>Threads: one virtual thread accepts; each forwarded connection has one per direction, a black-holed one a
 * single one. They block in socket reads and writes or wait on a condition that every control signals; nothing
 * polls. A target that cannot be reached (within 10 s) resets the client's connection.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a setting changes, a link ends, or no chunk is being written any more. */
    private final Condition changed = lock.newCondition();

    // All guarded by lock.
    private final Set<Link> links = new HashSet<>();
    private long delayNanos;
    private boolean frozen;
    private boolean blackhole;
    private boolean refuse;
    private boolean closed;
    private int writing;

    private FaultProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
        this.threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("fault-proxy-" + server.getLocalPort() + "-", 0).factory());
    }

    /** Starts a proxy to {@code host:port}, listening on an ephemeral port of 127.0.0.1. */
    public static FaultProxy start(String host, int port) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(new InetSocketAddress(host, port), server);
            proxy.threads.execute(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
    }

    /** The host to connect to: {@code 127.0.0.1}. */
    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /** The port to connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code host:port}, as in a JDBC URL. */
    public String authority() {
        return host() + ":" + port();
    }

    /** How many client connections are open now (forwarded, held or black-holed). */
    public int openConnections() {
        lock.lock();
        try {
            return links.size();
        } finally {
            lock.unlock();
        }
    }

    /** Makes every chunk wait {@code delay} before it is written; {@link Duration#ZERO} to stop. */
    public void delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        update(() -> delayNanos = delay.toNanos());
    }

    /** Stops forwarding bytes on every connection, closing nothing; returns once nothing is being written. */
    public void freeze() {
        lock.lock();
        try {
            frozen = true;
            changed.signalAll();
            while (writing > 0) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forwards again, first the bytes held while frozen. */
    public void thaw() {
        update(() -> frozen = false);
    }

    /** Resets every current connection on both sides; keeps listening. */
    public void cut() {
        List<Link> current;
        lock.lock();
        try {
            current = new ArrayList<>(links);
        } finally {
            lock.unlock();
        }
        current.forEach(this::abort);
    }

    /** Whether new connections are accepted but never forwarded nor answered. */
    public void blackholeNewConnections(boolean on) {
        update(() -> blackhole = on);
    }

    /** Whether new connections are reset as soon as they are accepted. */
    public void refuseNewConnections(boolean on) {
        update(() -> refuse = on);
    }

    /** Stops listening, resets every connection and waits until every thread of the proxy has ended. */
    @Override
    public void close() {
        List<Link> current;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
            current = new ArrayList<>(links);
        } finally {
            lock.unlock();
        }
        closeQuietly(server);
        current.forEach(this::abort);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("FaultProxy threads still running 10 s after close()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the FaultProxy", e);
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + authority() + " -> " + target.getHostString() + ":" + target.getPort() + "]";
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void accept() {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("[grant-it] " + this + " stopped accepting: " + e);
                }
                return;
            }
            Link link = null;
            lock.lock();
            try {
                if (!closed && !refuse) {
                    link = new Link(client, blackhole);
                    links.add(link);
                }
            } finally {
                lock.unlock();
            }
            if (link == null) {
                reset(client);
                continue;
            }
            Link accepted = link;
            try {
                threads.execute(accepted.blackholed ? () -> drain(accepted) : () -> forward(accepted));
            } catch (RejectedExecutionException e) {
                abort(accepted); // closing
            }
        }
    }

    /** Connects {@code link} to the target (once not frozen) and pumps both directions. */
    private void forward(Link link) {
        try {
            Socket upstream;
            lock.lock();
            try {
                while (frozen && !link.aborted) {
                    changed.await();
                }
                if (link.aborted) {
                    return;
                }
                upstream = new Socket();
                link.upstream = upstream; // from now on abort() closes it, also while connecting
            } finally {
                lock.unlock();
            }
            upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
            upstream.setTcpNoDelay(true);
            link.client.setTcpNoDelay(true);
            threads.execute(() -> pump(link, upstream, link.client));
            pump(link, link.client, upstream);
        } catch (IOException | InterruptedException | RejectedExecutionException e) {
            abort(link);
        }
    }

    /** Copies {@code from} to {@code to}, each chunk through {@link #await(Link, long)}, until end of stream. */
    private void pump(Link link, Socket from, Socket to) {
        byte[] buffer = new byte[CHUNK];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            do {
                read = in.read(buffer);
                if (!await(link, System.nanoTime())) {
                    return;
                }
                try {
                    if (read < 0) {
                        to.shutdownOutput();
                    } else {
                        out.write(buffer, 0, read);
                    }
                } finally {
                    written();
                }
            } while (read >= 0);
            finished(link);
        } catch (IOException | InterruptedException e) {
            abort(link);
        }
    }

    /** Reads and discards what a black-holed client sends, until it closes. */
    private void drain(Link link) {
        byte[] buffer = new byte[CHUNK];
        try {
            InputStream in = link.client.getInputStream();
            while (in.read(buffer) >= 0) {
                // thrown away
            }
            finished(link);
        } catch (IOException e) {
            abort(link);
        }
    }

    /**
     * Waits until a chunk read at {@code readAt} may be written: not frozen, its delay over. Then counts it as being
     * written (until {@link #written()}) and returns true; returns false if the link was reset meanwhile.
     */
    private boolean await(Link link, long readAt) throws InterruptedException {
        lock.lock();
        try {
            while (!link.aborted) {
                long wait = frozen ? Long.MAX_VALUE : readAt + delayNanos - System.nanoTime();
                if (wait <= 0) {
                    writing++;
                    return true;
                }
                if (frozen) {
                    changed.await();
                } else {
                    changed.awaitNanos(wait);
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void written() {
        lock.lock();
        try {
            if (--writing == 0) {
                changed.signalAll(); // for freeze()
            }
        } finally {
            lock.unlock();
        }
    }

    /** One direction (or the black-holed link's only reader) reached its end; the last one closes the link. */
    private void finished(Link link) {
        boolean last;
        lock.lock();
        try {
            last = --link.running == 0 && links.remove(link);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (last) {
            closeQuietly(link.client);
            closeQuietly(link.upstream);
        }
    }

    /** Resets both sides of {@code link}, once; its threads then end. */
    private void abort(Link link) {
        Socket upstream;
        lock.lock();
        try {
            if (link.aborted) {
                return;
            }
            link.aborted = true;
            links.remove(link);
            upstream = link.upstream;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        reset(link.client);
        if (upstream != null) {
            reset(upstream);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed: nothing to reset
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    /** One client connection and, once connected, its connection to the target. */
    private static final class Link {
        final Socket client;
        final boolean blackholed;
        // Guarded by the proxy's lock.
        Socket upstream;
        boolean aborted;
        int running;

        Link(Socket client, boolean blackholed) {
            this.client = Objects.requireNonNull(client);
            this.blackholed = blackholed;
            this.running = blackholed ? 1 : 2;
        }
    }
}
