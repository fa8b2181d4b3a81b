package dev.mljobs.testkit;

import dev.mljobs.core.BlobStore;

class InMemoryBlobStoreTest extends BlobStoreContract {

  @Override
  protected BlobStore newStore() {
    return new InMemoryBlobStore();
  }
}
