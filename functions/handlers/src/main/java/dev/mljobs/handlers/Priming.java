package dev.mljobs.handlers;

import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: work done once before Lambda takes a function's snapshot, so that the classes
 * and JIT state of a first request are already in it (a restored function then answers its first
 * request as fast as a warm one). Outside SnapStart, CRaC's API does nothing.
 */
public final class Priming {

  // CRaC's global context holds its resources weakly: keep them alive as long as the class
  private static final List<Resource> REGISTERED = new ArrayList<>();

  private Priming() {}

  /** Runs {@code warmUp} before the snapshot is taken. */
  public static synchronized void beforeSnapshot(Runnable warmUp) {
    Resource resource = resource(warmUp);
    REGISTERED.add(resource);
    Core.getGlobalContext().register(resource);
  }

  /**
   * The hook: a failing warm-up must never fail the snapshot (the function would not publish), so
   * it is reported and ignored.
   */
  static Resource resource(Runnable warmUp) {
    return new Resource() {
      @Override
      public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
          warmUp.run();
        } catch (RuntimeException e) {
          System.err.println("priming failed, the snapshot is taken without it: " + e);
        }
      }

      @Override
      public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: clients are built lazily and connections are reopened on demand
      }
    };
  }
}
