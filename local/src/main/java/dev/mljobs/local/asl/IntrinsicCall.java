package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A parsed call of an intrinsic function, its arguments checked in number at load time. */
record IntrinsicCall(String name, List<Expression> args, IntrinsicFunctions.Signature signature)
    implements Expression {
  IntrinsicCall {
    args = List.copyOf(args);
  }

  /**
   * @throws IllegalArgumentException for an unknown function or a wrong number of arguments
   */
  static IntrinsicCall of(String name, List<Expression> args) {
    IntrinsicFunctions.Signature signature =
        IntrinsicFunctions.lookup(name)
            .orElseThrow(() -> new IllegalArgumentException("unknown function " + name));
    signature.checkArity(name, args.size());
    return new IntrinsicCall(name, args, signature);
  }

  @Override
  public JsonNode evaluate(JsonNode input, JsonNode context) {
    List<JsonNode> values = new ArrayList<>(args.size());
    for (Expression arg : args) {
      values.add(arg.evaluate(input, context));
    }
    String firstRaw =
        !args.isEmpty() && args.get(0) instanceof StringLiteral literal ? literal.raw() : null;
    return signature.function().apply(new IntrinsicArgs(name, values, firstRaw));
  }
}
