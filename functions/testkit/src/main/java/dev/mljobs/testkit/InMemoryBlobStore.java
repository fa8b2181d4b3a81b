package dev.mljobs.testkit;

import dev.mljobs.core.BlobStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BlobStore} in a map. It passes the same contract test as the S3 store. */
public final class InMemoryBlobStore implements BlobStore {

  private static final String SCHEME = "mem://";
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

  @Override
  public String put(String key, byte[] bytes, String contentType) {
    objects.put(key, bytes.clone());
    return uriOf(key);
  }

  @Override
  public String uriOf(String key) {
    return SCHEME + key;
  }

  @Override
  public byte[] get(String uri) {
    if (uri == null || !uri.startsWith(SCHEME)) {
      throw new IllegalArgumentException("not an object of this store: " + uri);
    }
    byte[] bytes = objects.get(uri.substring(SCHEME.length()));
    if (bytes == null) {
      throw new IllegalStateException("no object at " + uri);
    }
    return bytes.clone();
  }
}
