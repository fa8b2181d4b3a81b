package dev.mljobs.core;

/** Where large payloads live (S3): results too big to keep inline with their job. */
public interface BlobStore {

  /**
   * Stores {@code bytes} under {@code key}, replacing what was there.
   *
   * @return the object's URI, e.g. {@code s3://bucket/key}
   * @throws RuntimeException when the store cannot be reached
   */
  String put(String key, byte[] bytes, String contentType);

  /** The URI an object stored under {@code key} has, whether or not it exists yet. */
  String uriOf(String key);

  /**
   * Reads an object written by {@link #put}.
   *
   * @throws IllegalArgumentException when {@code uri} is not one of this store's objects
   * @throws StorageUnavailableException when the store did not answer (worth trying again)
   * @throws RuntimeException when the object is gone or cannot be read for good
   */
  byte[] get(String uri);
}
