package dev.mljobs.local.aws;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.util.Left;

/**
 * ElasticMQ (SQS), in memory or with queues and messages in an H2 database under a directory.
 *
 * <p>Persistence is wired as ElasticMQ's own server does when {@code messages-storage} is enabled,
 * through its library API: the store actor of {@link ElasticMqSqlPersistence} listens to every
 * queue and message event of the {@link QueueManagerActor}, and a {@code Restore} message replays
 * the stored queues and messages into the manager before the REST server opens. A queue answers a
 * client only once the store acknowledged the event, so a sent, received (with its visibility
 * deadline) or deleted message is in the H2 file by the time the client hears back.
 */
public final class SqsLocalServer implements LocalServer {

  /** Account id in queue URLs and ARNs, ElasticMQ's default. */
  public static final String ACCOUNT_ID = "000000000000";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ActorSystem actors;
  private final SQSRestServer server;
  private final int port;
  private final ElasticMqSqlPersistence persistence; // null in memory

  private SqsLocalServer(
      ActorSystem actors, SQSRestServer server, int port, ElasticMqSqlPersistence persistence) {
    this.actors = actors;
    this.server = server;
    this.port = port;
    this.persistence = persistence;
  }

  /**
   * Starts ElasticMQ with queues and messages in memory.
   *
   * @param port the port to bind on 127.0.0.1, or 0 for a free one
   * @throws IllegalStateException if the server does not start
   */
  public static SqsLocalServer inMemory(int port) {
    ActorSystem actors = actorSystem();
    ActorRef manager = actors.actorOf(queueManager(Option.empty()));
    return open(actors, manager, port, null);
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
    ElasticMqSqlPersistence persistence = ElasticMqSqlPersistence.open(dir);
    ActorSystem actors = actorSystem();
    try {
      ActorRef store = actors.actorOf(persistence.storeActor());
      ActorRef manager = actors.actorOf(queueManager(Option.apply(store)));
      Object restored = await(Patterns.ask(store, new QueueEvent.Restore(manager), TIMEOUT));
      if (restored instanceof Left<?, ?> errors) {
        throw new IllegalStateException("ElasticMQ did not restore its queues: " + errors.value());
      }
      return open(actors, manager, port, persistence);
    } catch (RuntimeException e) {
      terminate(actors);
      persistence.close();
      throw e;
    }
  }

  /**
   * The actor system, without Pekko's JVM shutdown hook: {@link #close()} stops it, and a hook that
   * Pekko tries to add while the JVM is already shutting down only prints a complaint.
   */
  private static ActorSystem actorSystem() {
    Config config =
        ConfigFactory.parseString(
                "pekko.jvm-shutdown-hooks = off\n"
                    + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
            .withFallback(ConfigFactory.load());
    return ActorSystem.create("elasticmq", config);
  }

  private static Props queueManager(Option<ActorRef> storeActor) {
    return Props.create(
        QueueManagerActor.class,
        () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, storeActor));
  }

  private static SqsLocalServer open(
      ActorSystem actors, ActorRef manager, int port, ElasticMqSqlPersistence persistence) {
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
      return new SqsLocalServer(actors, server, bound, persistence);
    } catch (RuntimeException e) {
      terminate(actors);
      throw new IllegalStateException("ElasticMQ did not start on port " + port, e);
    }
  }

  private static <T> T await(CompletionStage<T> reply) {
    try {
      return reply.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for ElasticMQ", e);
    } catch (Exception e) {
      throw new IllegalStateException("ElasticMQ did not answer in " + TIMEOUT, e);
    }
  }

  private static void terminate(ActorSystem actors) {
    actors.terminate();
    await(actors.getWhenTerminated());
  }

  @Override
  public URI endpoint() {
    return LocalServer.loopback(port);
  }

  /**
   * Unbinds an ElasticMQ server, waiting a few seconds at most: its own {@code stopAndWait()} may
   * wait a whole minute for open connections (long polls, keep-alives) to drain, which a local stop
   * need not do.
   */
  public static void stop(SQSRestServer server) {
    try {
      scala.concurrent.Await.ready(
          server.stopAndGetFuture().apply(),
          scala.concurrent.duration.Duration.create(5, TimeUnit.SECONDS));
    } catch (Exception stillDraining) {
      // the binding is released; lingering connections end with the actor system
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop(server);
    // The store actor stops with the actor system, before its database is closed under it.
    terminate(actors);
    if (persistence != null) {
      persistence.close();
    }
  }
}
