package dev.mljobs.local.junit;

import dev.mljobs.local.runtime.LocalRuntime;
import dev.mljobs.local.runtime.Options;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one in-memory local runtime on free ports for a test class and stops it afterwards; tests
 * receive it as a parameter. Use with {@code @ExtendWith(LocalRuntimeExtension.class)}.
 */
public final class LocalRuntimeExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalRuntimeExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    // one packet per response: see Main
    System.setProperty("sun.net.httpserver.nodelay", "true");
    context.getStore(NAMESPACE).put(LocalRuntime.class, LocalRuntime.start(Options.forTests()));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    LocalRuntime runtime =
        context.getStore(NAMESPACE).remove(LocalRuntime.class, LocalRuntime.class);
    if (runtime != null) {
      runtime.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalRuntime.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return context.getStore(NAMESPACE).get(LocalRuntime.class, LocalRuntime.class);
  }
}
