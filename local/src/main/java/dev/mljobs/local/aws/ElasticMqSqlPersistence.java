package dev.mljobs.local.aws;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.Props;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import scala.collection.immutable.List$;
import scalikejdbc.ConnectionPool;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ's SQL persistence on an H2 file: the {@link SqlQueuePersistenceActor} that ElasticMQ's
 * own server creates when {@code messages-storage} is enabled, with the connection pool it needs.
 *
 * <p>That actor reaches the database through scalikejdbc's JVM-wide default pool, which ElasticMQ
 * sets up only for the first database a JVM opens. So this class points the pool at its own file,
 * closes it again on {@link #close()}, and allows one open database per JVM.
 */
final class ElasticMqSqlPersistence implements AutoCloseable {

  private static final AtomicBoolean OPEN = new AtomicBoolean();

  private final SqlQueuePersistenceConfig config;

  private ElasticMqSqlPersistence(SqlQueuePersistenceConfig config) {
    this.config = config;
  }

  /**
   * Opens (or creates) {@code dir/elasticmq.mv.db}.
   *
   * @throws IllegalStateException if another one is open in this JVM
   */
  static ElasticMqSqlPersistence open(Path dir) {
    if (!OPEN.compareAndSet(false, true)) {
      throw new IllegalStateException("ElasticMQ's SQL persistence is already open in this JVM");
    }
    // WRITE_DELAY=0: H2 writes each commit to its file before the statement returns, instead of
    // within the next 500 ms, so nothing ElasticMQ acknowledged is lost when the process is killed.
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("elasticmq") + ";WRITE_DELAY=0";
    // One actor uses the pool, one statement at a time; warmUpTime 0 skips a sleep in scalikejdbc.
    ConnectionPool.singleton(
        url,
        "",
        "",
        new ConnectionPoolSettings(1, 2, 5_000L, null, null, "org.h2.Driver", 0L, null),
        ConnectionPool.DEFAULT_CONNECTION_POOL_FACTORY());
    return new ElasticMqSqlPersistence(
        new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "", "", false));
  }

  /** The actor that stores every queue and message event and restores them on request. */
  Props storeActor() {
    return Props.create(
        SqlQueuePersistenceActor.class,
        () -> new SqlQueuePersistenceActor(config, List$.MODULE$.empty()));
  }

  /** Closes the pool: closing its last connection closes H2 and releases the file lock. */
  @Override
  public void close() {
    ConnectionPool.closeAll();
    OPEN.set(false);
  }
}
