package dev.mljobs.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.collection.immutable.List$;
import scala.util.Left;
import scalikejdbc.ConnectionPool;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ (SQS), in memory or with queues and messages in an H2 database under a directory.
 *
 * <p>Persistence is wired as ElasticMQ's own server does when {@code messages-storage} is enabled:
 * a {@link SqlQueuePersistenceActor} listens to every queue and message event of the {@link
 * QueueManagerActor}, and a {@code Restore} message replays the stored queues and messages into it
 * before the REST server opens. Message events are written before SQS answers, and H2 runs with
 * {@code WRITE_DELAY=0}, so a sent, received (with its new visibility deadline) or deleted message
 * is on disk when the client hears back: a killed process loses nothing acknowledged.
 */
public final class SqsLocalServer implements LocalServer {

  /** Account id in queue URLs and ARNs, ElasticMQ's default. */
  public static final String ACCOUNT_ID = "000000000000";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  // ElasticMQ's SQL persistence reaches the database through scalikejdbc's JVM-wide default
  // connection pool, so only one persistent server can run in a JVM at a time.
  private static final AtomicBoolean PERSISTENT_RUNNING = new AtomicBoolean();

  private final ActorSystem actors;
  private final SQSRestServer server;
  private final int port;
  private final boolean persistent;

  private SqsLocalServer(ActorSystem actors, SQSRestServer server, int port, boolean persistent) {
    this.actors = actors;
    this.server = server;
    this.port = port;
    this.persistent = persistent;
  }

  /**
   * Starts ElasticMQ with queues and messages in memory.
   *
   * @param port the port to bind on 127.0.0.1, or 0 for a free one
   * @throws IllegalStateException if the server does not start
   */
  public static SqsLocalServer inMemory(int port) {
    ActorSystem actors = ActorSystem.create("elasticmq");
    ActorRef manager = actors.actorOf(queueManager(Option.empty()));
    return open(actors, manager, port, false);
  }

  /**
   * Starts ElasticMQ with queues and messages in {@code dir/elasticmq.mv.db}, restoring what a
   * previous run left there.
   *
   * @param port the port to bind on 127.0.0.1, or 0 for a free one
   * @throws IllegalStateException if the server does not start, or another persistent one runs in
   *     this JVM
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static SqsLocalServer persistent(int port, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!PERSISTENT_RUNNING.compareAndSet(false, true)) {
      throw new IllegalStateException("a persistent SqsLocalServer already runs in this JVM");
    }
    ActorSystem actors = ActorSystem.create("elasticmq");
    try {
      SqlPersistence persistence = SqlPersistence.in(dir);
      ActorRef store = actors.actorOf(persistence.props());
      ActorRef manager = actors.actorOf(queueManager(Option.apply(store)));
      restore(store, manager);
      return open(actors, manager, port, true);
    } catch (RuntimeException e) {
      terminate(actors);
      ConnectionPool.closeAll();
      PERSISTENT_RUNNING.set(false);
      throw e;
    }
  }

  private static Props queueManager(Option<ActorRef> listener) {
    return Props.create(
        QueueManagerActor.class,
        () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, listener));
  }

  private static void restore(ActorRef store, ActorRef manager) {
    Object result = await(Patterns.ask(store, new QueueEvent.Restore(manager), TIMEOUT));
    if (result instanceof Left<?, ?> errors) {
      throw new IllegalStateException("ElasticMQ could not restore its queues: " + errors.value());
    }
  }

  private static SqsLocalServer open(
      ActorSystem actors, ActorRef manager, int port, boolean persistent) {
    try {
      SQSRestServer server =
          SQSRestServerBuilder.withActorSystem(actors)
              .withQueueManagerActor(manager)
              .withInterface("127.0.0.1")
              .withPort(port)
              .withAWSRegion(LocalClients.REGION.id())
              .withAWSAccountId(ACCOUNT_ID)
              .start();
      int bound = server.waitUntilStarted().localAddress().getPort();
      return new SqsLocalServer(actors, server, bound, persistent);
    } catch (RuntimeException e) {
      terminate(actors);
      throw new IllegalStateException("ElasticMQ did not start on port " + port, e);
    }
  }

  private static Object await(java.util.concurrent.CompletionStage<Object> reply) {
    try {
      return reply.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ElasticMQ started", e);
    } catch (Exception e) {
      throw new IllegalStateException("ElasticMQ did not answer", e);
    }
  }

  private static void terminate(ActorSystem actors) {
    actors.terminate();
    await(actors.getWhenTerminated().thenApply(terminated -> terminated));
  }

  @Override
  public URI endpoint() {
    return LocalServer.loopback(port);
  }

  @Override
  public void close() {
    server.stopAndWait();
    terminate(actors);
    if (persistent) {
      // Closing the last connection closes the H2 database and releases its file lock.
      ConnectionPool.closeAll();
      PERSISTENT_RUNNING.set(false);
    }
  }

  /** The H2 database of one data directory, and the actor that stores queues and messages in it. */
  private record SqlPersistence(org.elasticmq.persistence.sql.SqlQueuePersistenceConfig config) {

    static SqlPersistence in(Path dir) {
      String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("elasticmq") + ";WRITE_DELAY=0";
      var config =
          new org.elasticmq.persistence.sql.SqlQueuePersistenceConfig(
              true, "org.h2.Driver", url, "", "", false);
      // ElasticMQ sets the pool up only for the first database of the JVM; point it at this one.
      ConnectionPool.singleton(
          url,
          "",
          "",
          new ConnectionPoolSettings(1, 2, 5_000L, null, null, "org.h2.Driver", 0L, null),
          ConnectionPool.DEFAULT_CONNECTION_POOL_FACTORY());
      return new SqlPersistence(config);
    }

    Props props() {
      return Props.create(
          SqlQueuePersistenceActor.class,
          () -> new SqlQueuePersistenceActor(config, List$.MODULE$.empty()));
    }
  }
}
