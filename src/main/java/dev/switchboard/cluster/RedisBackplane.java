package dev.switchboard.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.Disposable;

/**
 * The {@code redis} engine. Keys (all under {@code <key-prefix>:}):
 * <ul>
 *   <li>{@code node:<id>}: this node's heartbeat, rewritten every heartbeat interval with a time to
 *       live of {@code node-timeout}; Redis expiring it is what declares a silent node dead, so node
 *       clocks do not have to agree;</li>
 *   <li>{@code nodes}: a sorted set of node ids scored by their last heartbeat (epoch ms, the node's
 *       own clock), from which the node list is read and from which expired nodes are removed;</li>
 *   <li>{@code events:<channel>}: one Redis stream per channel ({@code XADD}, trimmed to about
 *       {@code stream-max-length}), read by every node with {@code XREAD}: the stream's order is the
 *       one total order every node applies;</li>
 *   <li>{@code state:<key>}: the durable store's values.</li>
 * </ul>
 *
 * <p>Threads: one heartbeat thread (heartbeat, membership, reconnection after a failed first connect,
 * node events) and one reader thread that blocks in {@code XREAD} and calls the listeners; Lettuce has
 * its own I/O threads. Two connections: commands, and the blocking reader. Lettuce reconnects both
 * by itself; commands are refused at once while disconnected, so nothing waits on a dead Redis.
 */
final class RedisBackplane implements Backplane {

    /** Writes the heartbeat key and the sorted-set entry at once; returns 1 when the entry was missing. */
    private static final String HEARTBEAT = """
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return redis.call('ZADD', KEYS[2], ARGV[1], ARGV[3])""";
    /** Removes a node's entry only if its heartbeat key has expired (a heartbeat may just have arrived). */
    private static final String REAP = """
            if redis.call('EXISTS', KEYS[2]) == 0 then return redis.call('ZREM', KEYS[1], ARGV[1]) end
            return -1""";
    /** Stores a channel's snapshot only if its event id is after the stored one's, so snapshots only move forward. */
    private static final String STORE_SNAPSHOT = """
            local stored = redis.call('HGET', KEYS[1], 'id')
            if stored then
              local sm, ss = string.match(stored, '^(%d+)-(%d+)$')
              local nm, ns = string.match(ARGV[1], '^(%d+)-(%d+)$')
              sm, ss, nm, ns = tonumber(sm), tonumber(ss), tonumber(nm), tonumber(ns)
              if nm < sm or (nm == sm and ns <= ss) then return 0 end
            end
            redis.call('HSET', KEYS[1], 'id', ARGV[1], 'data', ARGV[2])
            return 1""";
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final String ORIGIN_FIELD = "node";
    private static final String DATA_FIELD = "data";
    private static final int READ_BATCH = 1000;
    private static final String LETTUCE_IO_URING = "io.lettuce.core.iouring";

    private final String nodeId;
    private final RedisUrl url;
    private final ClusterProperties properties;
    private final Clock clock;
    private final ClusterMetrics metrics;
    private final Consumer<Object> applicationEvents;
    private final String prefix;
    private final ClientResources resources;
    private final RedisClient client;
    private final ScheduledExecutorService heartbeats;
    private final Thread reader;
    private final RedisStore store = new RedisStore();
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final List<RedisReplicatedLog> replicated = new CopyOnWriteArrayList<>();
    private final Object connectLock = new Object();
    private volatile StatefulRedisConnection<String, byte[]> commands;
    private volatile StatefulRedisConnection<String, byte[]> blocking;
    private volatile Disposable connectionEvents;
    /** Null while available; otherwise why not. */
    private volatile String downReason = "not connected yet";
    /** Whether the current outage has been logged; written on the heartbeat and Lettuce event threads. */
    private final AtomicBoolean downReported = new AtomicBoolean();
    /** The live nodes as of the last successful heartbeat, this one included. */
    private volatile Map<String, Instant> live = Map.of();
    private volatile boolean joined;
    private volatile boolean closed;

    RedisBackplane(String nodeId, ClusterProperties properties, Clock clock, ClusterMetrics metrics,
                   Consumer<Object> applicationEvents) {
        this.nodeId = nodeId;
        this.properties = properties;
        this.url = RedisUrl.parse(properties.redis().url());
        this.clock = clock;
        this.metrics = metrics;
        this.applicationEvents = applicationEvents;
        this.prefix = properties.redis().keyPrefix() + ":";
        // Lettuce would prefer io_uring where Netty offers it (netty-all does) but then open epoll channels with
        // io_uring options, warning on every connection; the gateway's own listeners use epoll or NIO anyway.
        if (System.getProperty(LETTUCE_IO_URING) == null) {
            System.setProperty(LETTUCE_IO_URING, "false");
        }
        Duration heartbeat = properties.heartbeatInterval();
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                // reconnect attempts back off to one per heartbeat interval, so a returning Redis is found quickly
                .reconnectDelay(() -> Delay.exponential(
                        Duration.ofMillis(Math.max(1, Math.min(100, heartbeat.toMillis() / 4))), heartbeat, 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, redisUri(url, properties.redis()));
        Duration commandTimeout = properties.redis().commandTimeout();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(properties.redis().connectTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout.plus(blockTime())))
                .build());
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(Channels.daemonThreads("cluster-heartbeat"));
        this.reader = Channels.daemonThreads("cluster-events").newThread(this::readLoop);
    }

    static RedisURI redisUri(RedisUrl url, ClusterProperties.Redis redis) {
        RedisURI.Builder builder = RedisURI.builder().withHost(url.host()).withPort(url.port())
                .withDatabase(url.database()).withSsl(url.tls()).withTimeout(redis.commandTimeout());
        String password = redis.password().isEmpty() ? url.password() : redis.password();
        if (!password.isEmpty()) {
            if (url.user().isEmpty()) {
                builder.withPassword(password.toCharArray());
            } else {
                builder.withAuthentication(url.user(), password.toCharArray());
            }
        }
        return builder.build();
    }

    @Override
    public void start() {
        connectionEvents = resources.eventBus().get().subscribe(event -> {
            if (event instanceof ConnectionDeactivatedEvent) {
                markDown("connection to Redis " + url.redacted() + " lost");
            } else if (event instanceof ConnectionActivatedEvent && !closed) {
                // check at once rather than at the next interval, so readiness returns without delay
                heartbeats.execute(this::tick);
            }
        });
        // the first round runs before start() returns: the durable state can be loaded before listeners open
        tick();
        long interval = properties.heartbeatInterval().toMillis();
        heartbeats.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
        reader.start();
    }

    @Override
    public String engine() {
        return ClusterProperties.Engine.REDIS.id();
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean available() {
        return downReason == null;
    }

    @Override
    public String unavailableReason() {
        String reason = downReason;
        return reason == null ? "" : reason;
    }

    /** The Redis server, without its password. */
    String location() {
        return url.redacted();
    }

    @Override
    public List<ClusterNode> nodes() {
        List<ClusterNode> nodes = new ArrayList<>();
        live.forEach((id, heartbeat) -> nodes.add(new ClusterNode(id, heartbeat, id.equals(nodeId))));
        nodes.sort(Comparator.comparing(ClusterNode::id));
        return List.copyOf(nodes);
    }

    @Override
    public CompletableFuture<String> publish(String channel, byte[] payload) {
        Channels.check(channel);
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection == null || closed) {
            metrics.published(false);
            return CompletableFuture.failedFuture(new IllegalStateException("cluster backplane unavailable: "
                    + unavailableReason()));
        }
        XAddArgs args = new XAddArgs().maxlen(properties.redis().streamMaxLength()).approximateTrimming();
        return connection.async().xadd(streamKey(channel), args,
                        Map.of(ORIGIN_FIELD, utf8(nodeId), DATA_FIELD, payload.clone()))
                .toCompletableFuture()
                .whenComplete((id, failure) -> metrics.published(failure == null));
    }

    @Override
    public AutoCloseable subscribe(String channel, Start start, Consumer<ClusterEvent> listener) {
        Channels.check(channel);
        Channel subscribed = channels.computeIfAbsent(channel, c -> new Channel(c, start));
        subscribed.listeners.add(listener);
        LockSupport.unpark(reader);
        return () -> subscribed.listeners.remove(listener);
    }

    @Override
    public ReplicatedLog replicate(String channel, Executor owner, ReplicatedState state) {
        Channels.check(channel);
        RedisReplicatedLog log = new RedisReplicatedLog(this, channel, owner, state, metrics, clock);
        replicated.add(log);
        heartbeats.execute(() -> maintain(log));
        return log;
    }

    /** Joins or snapshots one replicated channel; heartbeat thread only. */
    private void maintain(RedisReplicatedLog log) {
        try {
            log.maintain();
        } catch (RuntimeException e) {
            Channels.log.debug("cluster channel {} not maintained now: {}", log.channel(), e.toString());
        }
    }

    /** A channel's stored snapshot: the state as of event {@code id}. */
    record Snapshot(String id, byte[] data) {
    }

    /** The stored snapshot of a channel, or null when there is none. */
    Snapshot loadSnapshot(String channel) {
        List<KeyValue<String, byte[]>> fields = connect().sync().hmget(snapshotKey(channel), "id", "data");
        if (fields.size() < 2 || !fields.get(0).hasValue() || !fields.get(1).hasValue()) {
            return null;
        }
        return new Snapshot(text(fields.get(0).getValue()), fields.get(1).getValue());
    }

    /** Offers a snapshot; Redis keeps it only if it is newer than the stored one. Does not wait. */
    void storeSnapshot(String channel, String id, byte[] data) {
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection == null || closed) {
            return;
        }
        connection.async().<Long>eval(STORE_SNAPSHOT, ScriptOutputType.INTEGER, new String[] {snapshotKey(channel)},
                utf8(id), data).whenComplete((stored, failure) -> {
                    if (failure != null) {
                        Channels.log.debug("cluster snapshot of {} not stored: {}", channel, failure.toString());
                    }
                });
    }

    /** The newest event id of a channel, {@code 0-0} when it has none. */
    String latestId(String channel) {
        return latestId(connect().sync(), channel);
    }

    /**
     * Whether the channel's stream has dropped any event after {@code afterId}. Redis trims only the oldest
     * events, and only once the stream is longer than {@code stream-max-length}; so events after the id are
     * missing when anything was ever trimmed and the oldest event still held (or, for an emptied stream,
     * the last one ever added) is after the id. Since events are snapshotted every heartbeat, that happens
     * only when more than {@code stream-max-length} events arrived within one heartbeat interval.
     */
    boolean lostEventsAfter(String channel, String afterId) {
        Map<String, String> info = new HashMap<>();
        try {
            List<Object> reply = connect().sync().xinfoStream(streamKey(channel));
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                Object value = reply.get(i + 1);
                info.put(replyText(reply.get(i)), value instanceof List<?> entry && !entry.isEmpty()
                        ? replyText(entry.get(0)) : replyText(value));
            }
        } catch (RedisCommandExecutionException e) {
            // no such key: nothing was ever published, so nothing was dropped
            return false;
        }
        long added = Long.parseLong(info.getOrDefault("entries-added", "0"));
        long length = Long.parseLong(info.getOrDefault("length", "0"));
        if (added <= length) {
            return false;
        }
        String oldestHeld = length == 0 ? info.getOrDefault("last-generated-id", StreamIds.ZERO)
                : info.getOrDefault("first-entry", StreamIds.ZERO);
        return StreamIds.compare(oldestHeld, afterId) > 0;
    }

    /**
     * Reads a channel from just after {@code afterId} and delivers to {@code listener} only, replacing any
     * earlier reading of it. Takes effect on the reader thread before its next read, so events of a read in
     * flight still go to the previous listener.
     */
    void readFrom(String channel, String afterId, Consumer<ClusterEvent> listener) {
        Channel subscribed = channels.computeIfAbsent(channel, c -> new Channel(c, Start.LATEST));
        subscribed.restart.set(new Restart(afterId, listener));
        LockSupport.unpark(reader);
    }

    /** A reply element as text: the byte-array codec hands status and bulk replies over as bytes. */
    private static String replyText(Object element) {
        return element instanceof byte[] bytes ? text(bytes) : String.valueOf(element);
    }

    /** Stops reading a channel. */
    void stopReading(String channel) {
        channels.remove(channel);
    }

    @Override
    public DurableStore store() {
        return store;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(properties.redis().commandTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection != null && connection.isOpen()) {
            try {
                // the goodbye: survivors see the entry gone at their next heartbeat, without waiting for the timeout
                connection.sync().del(nodeKey(nodeId));
                connection.sync().zrem(nodesKey(), utf8(nodeId));
            } catch (RuntimeException e) {
                Channels.log.debug("cluster goodbye not written: {}", e.toString());
            }
        }
        Disposable events = connectionEvents;
        if (events != null) {
            events.dispose();
        }
        closeQuietly(blocking);
        closeQuietly(connection);
        try {
            reader.join(blockTime().toMillis() + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ heartbeat and membership

    /** One heartbeat round; runs on the heartbeat thread only (and once from {@link #start()} before it is scheduled). */
    private void tick() {
        if (closed) {
            return;
        }
        try {
            StatefulRedisConnection<String, byte[]> connection = connect();
            var sync = connection.sync();
            long now = clock.millis();
            Long added = sync.eval(HEARTBEAT, ScriptOutputType.INTEGER,
                    new String[] {nodeKey(nodeId), nodesKey()},
                    utf8(Long.toString(now)), utf8(Long.toString(properties.nodeTimeout().toMillis())), utf8(nodeId));
            if (added != null && added == 1 && joined) {
                Channels.log.warn("Cluster node {} had been declared gone (no heartbeat reached Redis {} within {},"
                        + " or Redis lost its data); it rejoins", nodeId, url.redacted(), properties.nodeTimeout());
                applicationEvents.accept(new NodeLeftEvent(nodeId, NodeLeftEvent.Reason.TIMEOUT));
                // the others removed this node's sessions from their state: start over from the cluster's
                replicated.forEach(RedisReplicatedLog::resync);
            }
            Map<String, Instant> next = readMembers(sync, now);
            boolean firstJoin = !joined;
            joined = true;
            publishMembershipChanges(live, next, firstJoin);
            live = next;
            markUp();
            replicated.forEach(this::maintain);
        } catch (RuntimeException e) {
            markDown("Redis " + url.redacted() + " unreachable: " + describe(e));
        }
    }

    private Map<String, Instant> readMembers(RedisCommands<String, byte[]> sync, long now) {
        List<ScoredValue<byte[]>> members = sync.zrangeWithScores(nodesKey(), 0, -1);
        Map<String, Instant> next = new ConcurrentHashMap<>();
        next.put(nodeId, Instant.ofEpochMilli(now));
        List<String> others = members.stream().map(m -> text(m.getValue())).filter(id -> !id.equals(nodeId)).toList();
        if (others.isEmpty()) {
            return Map.copyOf(next);
        }
        List<KeyValue<String, byte[]>> heartbeatsOfOthers = sync.mget(others.stream().map(this::nodeKey)
                .toArray(String[]::new));
        for (int i = 0; i < others.size(); i++) {
            String id = others.get(i);
            if (heartbeatsOfOthers.get(i).hasValue()) {
                double score = members.stream().filter(m -> text(m.getValue()).equals(id)).findFirst()
                        .map(ScoredValue::getScore).orElse((double) now);
                next.put(id, Instant.ofEpochMilli((long) score));
            } else {
                Long removed = sync.eval(REAP, ScriptOutputType.INTEGER, new String[] {nodesKey(), nodeKey(id)},
                        utf8(id));
                if (removed != null && removed == -1) {
                    next.put(id, Instant.ofEpochMilli(now));
                }
            }
        }
        return Map.copyOf(next);
    }

    private void publishMembershipChanges(Map<String, Instant> before, Map<String, Instant> after, boolean firstJoin) {
        for (String id : after.keySet()) {
            if (!before.containsKey(id) && (firstJoin || !id.equals(nodeId))) {
                applicationEvents.accept(new NodeJoinedEvent(new ClusterNode(id, after.get(id), id.equals(nodeId))));
                if (!id.equals(nodeId)) {
                    Channels.log.info("Cluster node {} joined", id);
                }
            }
        }
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> gone : before.entrySet()) {
            String id = gone.getKey();
            if (!after.containsKey(id) && !id.equals(nodeId)) {
                // a node that removed its own entry said goodbye; one whose heartbeat lapsed timed out
                boolean silent = Duration.between(gone.getValue(), now).compareTo(properties.nodeTimeout()) >= 0;
                NodeLeftEvent.Reason reason = silent ? NodeLeftEvent.Reason.TIMEOUT : NodeLeftEvent.Reason.GOODBYE;
                Channels.log.info("Cluster node {} left ({})", id, reason.name().toLowerCase(Locale.ROOT));
                metrics.nodeLeft(reason);
                applicationEvents.accept(new NodeLeftEvent(id, reason));
            }
        }
    }

    private StatefulRedisConnection<String, byte[]> connect() {
        synchronized (connectLock) {
            if (commands == null) {
                // once made, Lettuce keeps both connections and reconnects them itself
                StatefulRedisConnection<String, byte[]> made = client.connect(CODEC);
                try {
                    blocking = client.connect(CODEC);
                } catch (RuntimeException e) {
                    made.close();
                    throw e;
                }
                commands = made;
                LockSupport.unpark(reader);
            }
            return commands;
        }
    }

    private void markUp() {
        if (downReason != null) {
            downReason = null;
            downReported.set(false);
            Channels.log.info("Cluster backplane available: node {} on Redis {}", nodeId, url.redacted());
            applicationEvents.accept(new BackplaneStateChangedEvent(true, ""));
        }
    }

    private void markDown(String reason) {
        if (closed) {
            return;
        }
        String before = downReason;
        downReason = reason;
        // one WARN per outage, the first one (Redis unreachable at startup) included
        if (downReported.compareAndSet(false, true)) {
            Channels.log.warn("Cluster backplane unavailable: {}", reason);
        }
        if (before == null) {
            applicationEvents.accept(new BackplaneStateChangedEvent(false, reason));
        }
    }

    // ------------------------------------------------------------------ events

    /** Reads every subscribed stream and delivers in stream order; runs on the reader thread only. */
    private void readLoop() {
        Duration block = blockTime();
        while (!closed) {
            StatefulRedisConnection<String, byte[]> connection = blocking;
            if (connection == null || channels.isEmpty() || !available()) {
                LockSupport.parkNanos(Math.min(block.toNanos(), 200_000_000L));
                continue;
            }
            try {
                var sync = connection.sync();
                List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>();
                for (Channel channel : channels.values()) {
                    Restart restart = channel.restart.getAndSet(null);
                    if (restart != null) {
                        channel.position = restart.afterId();
                        channel.listeners.clear();
                        channel.listeners.add(restart.listener());
                    }
                    if (channel.position == null) {
                        channel.position = channel.start == Start.EARLIEST ? "0-0" : latestId(sync, channel.name);
                    }
                    offsets.add(XReadArgs.StreamOffset.from(streamKey(channel.name), channel.position));
                }
                @SuppressWarnings("unchecked")
                List<StreamMessage<String, byte[]>> messages = sync.xread(
                        XReadArgs.Builder.block(block).count(READ_BATCH),
                        offsets.toArray(XReadArgs.StreamOffset[]::new));
                deliver(messages);
            } catch (RuntimeException e) {
                if (!closed) {
                    Channels.log.debug("cluster event read failed: {}", e.toString());
                    LockSupport.parkNanos(Math.min(block.toNanos(), 200_000_000L));
                }
            }
        }
    }

    private String latestId(RedisCommands<String, byte[]> sync, String channel) {
        List<StreamMessage<String, byte[]>> last = sync.xrevrange(streamKey(channel), Range.create("-", "+"),
                Limit.from(1));
        return last.isEmpty() ? "0-0" : last.get(0).getId();
    }

    private void deliver(List<StreamMessage<String, byte[]>> messages) {
        if (messages == null || messages.isEmpty()) {
            return;
        }
        int delivered = 0;
        for (StreamMessage<String, byte[]> message : messages) {
            String name = message.getStream().substring(prefix.length() + "events:".length());
            Channel channel = channels.get(name);
            if (channel == null) {
                continue;
            }
            channel.position = message.getId();
            byte[] origin = message.getBody().get(ORIGIN_FIELD);
            byte[] data = message.getBody().get(DATA_FIELD);
            if (origin == null || data == null) {
                Channels.log.warn("cluster event {} on {} is not one of ours (fields {}); skipped", message.getId(),
                        name, message.getBody().keySet());
                continue;
            }
            for (Consumer<ClusterEvent> listener : channel.listeners) {
                try {
                    listener.accept(new ClusterEvent(name, message.getId(), text(origin), data.clone()));
                } catch (RuntimeException e) {
                    Channels.log.error("cluster event listener failed on {} {}", name, message.getId(), e);
                }
            }
            delivered++;
        }
        metrics.received(delivered);
    }

    /** How long one XREAD waits for events: short enough to notice new subscriptions and the stop quickly. */
    private Duration blockTime() {
        Duration half = properties.redis().commandTimeout().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(1)) < 0 ? half : Duration.ofSeconds(1);
    }

    /** One subscribed stream: its listeners and the id of the last event read (null until resolved). */
    private static final class Channel {
        final String name;
        final Start start;
        final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();
        /** A replicated log's request to read from a given id with a new listener; applied by the reader. */
        final AtomicReference<Restart> restart = new AtomicReference<>();
        /** Read and written on the reader thread only. */
        String position;

        Channel(String name, Start start) {
            this.name = name;
            this.start = start;
        }
    }

    private record Restart(String afterId, Consumer<ClusterEvent> listener) {
    }

    // ------------------------------------------------------------------ durable store

    /** Values under {@code <prefix>:state:<key>}. */
    private final class RedisStore implements DurableStore {

        /** One WARN per run of failures; a success re-arms it. */
        private volatile boolean failureReported;

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(run(key, c -> c.sync().get(stateKey(key)))).map(RedisBackplane::text);
        }

        @Override
        public void put(String key, String value) {
            run(key, c -> c.sync().set(stateKey(key), utf8(value)));
        }

        @Override
        public boolean putIfAbsent(String key, String value) {
            return Boolean.TRUE.equals(run(key, c -> c.sync().setnx(stateKey(key), utf8(value))));
        }

        @Override
        public String location() {
            return url.redacted();
        }

        private <T> T run(String key, Function<StatefulRedisConnection<String, byte[]>, T> command) {
            if (key == null || !LocalFileStore.KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("store key must be 1 to 100 letters, digits, '.', '_' or '-': "
                        + key);
            }
            StatefulRedisConnection<String, byte[]> connection = commands;
            if (connection == null) {
                throw new DurableStoreException("Redis " + url.redacted() + " not connected: " + unavailableReason(),
                        null);
            }
            try {
                T result = command.apply(connection);
                failureReported = false;
                return result;
            } catch (RuntimeException e) {
                if (!failureReported) {
                    failureReported = true;
                    Channels.log.warn("Durable state not read or written in Redis {}: {}; retried while the node runs",
                            url.redacted(), describe(e));
                }
                throw new DurableStoreException("Redis " + url.redacted() + ": " + describe(e), e);
            }
        }
    }

    // ------------------------------------------------------------------ keys and helpers

    private String nodeKey(String id) {
        return prefix + "node:" + id;
    }

    private String nodesKey() {
        return prefix + "nodes";
    }

    private String streamKey(String channel) {
        return prefix + "events:" + channel;
    }

    private String snapshotKey(String channel) {
        return prefix + "snapshot:" + channel;
    }

    private String stateKey(String key) {
        return prefix + "state:" + key;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }

    private static void closeQuietly(StatefulRedisConnection<String, byte[]> connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                Channels.log.debug("closing a Redis connection: {}", e.toString());
            }
        }
    }
}
