package dev.mljobs.testkit;

import dev.mljobs.core.model.ModelStore;

class InMemoryModelStoreTest extends ModelStoreContract {

  @Override
  protected ModelStore newStore() {
    return new InMemoryModelStore();
  }
}
