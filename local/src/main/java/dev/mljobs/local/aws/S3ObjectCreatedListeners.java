package dev.mljobs.local.aws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of the local S3, which exists before the functions that want its events: whoever
 * needs them subscribes once its handlers are wired.
 */
final class S3ObjectCreatedListeners implements S3ObjectCreatedListener {

  private final List<S3ObjectCreatedListener> listeners = new CopyOnWriteArrayList<>();

  void add(S3ObjectCreatedListener listener) {
    listeners.add(listener);
  }

  /**
   * Tells each listener; one that throws keeps neither the others nor the request from going on.
   */
  @Override
  public void objectCreated(S3ObjectCreated event) {
    for (S3ObjectCreatedListener listener : listeners) {
      try {
        listener.objectCreated(event);
      } catch (RuntimeException e) {
        System.err.println("local S3: a listener failed on " + event.key() + ": " + e);
      }
    }
  }
}
