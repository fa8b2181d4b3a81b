package dev.mljobs.testkit;

import dev.mljobs.core.template.TemplateStore;

class InMemoryTemplateStoreTest extends TemplateStoreContract {

  @Override
  protected TemplateStore newStore() {
    return new InMemoryTemplateStore();
  }
}
