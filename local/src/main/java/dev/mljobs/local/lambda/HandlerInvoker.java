package dev.mljobs.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Invokes a handler with a JSON event as the Lambda Java runtime does: the runtime's own
 * serialisers ({@code aws-lambda-java-serialization}) map the event to the handler's input type and
 * its answer back to JSON, so a sample event in {@code events/} reads exactly as in AWS (SQS's
 * {@code Records}, S3's {@code eventName}, ...), which plain Jackson on the event classes would
 * not.
 */
public final class HandlerInvoker {

  private HandlerInvoker() {}

  /**
   * @param handler a {@link RequestHandler} or a {@link RequestStreamHandler}
   * @return the handler's answer as JSON
   * @throws Exception whatever the handler throws
   */
  public static byte[] invoke(Object handler, byte[] event, Context context) throws Exception {
    if (handler instanceof RequestStreamHandler stream) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      stream.handleRequest(new ByteArrayInputStream(event), out, context);
      return out.toByteArray();
    }
    if (handler instanceof RequestHandler<?, ?> request) {
      return invoke(request, event, context);
    }
    throw new IllegalArgumentException(handler.getClass().getName() + " is not a Lambda handler");
  }

  @SuppressWarnings("unchecked")
  private static <I, O> byte[] invoke(RequestHandler<I, O> handler, byte[] event, Context context) {
    Type[] types = handlerTypes(handler.getClass());
    I input = serializer((Class<I>) types[0]).fromJson(new ByteArrayInputStream(event));
    O output = handler.handleRequest(input, context);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (output != null) {
      serializer((Class<O>) output.getClass()).toJson(output, out);
    }
    return out.toByteArray();
  }

  private static <T> PojoSerializer<T> serializer(Class<T> type) {
    return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
        ? LambdaEventSerializers.serializerFor(type, HandlerInvoker.class.getClassLoader())
        : JacksonFactory.getInstance().getSerializer(type);
  }

  /** The {@code I} and {@code O} of {@code RequestHandler<I, O>}, as the class declares them. */
  private static Type[] handlerTypes(Class<?> type) {
    for (Type implemented : type.getGenericInterfaces()) {
      if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
        return p.getActualTypeArguments();
      }
    }
    throw new IllegalArgumentException(
        type.getName() + " must implement RequestHandler<I, O> with concrete types");
  }
}
