package dev.mljobs.local.events;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** SQS messages as the records of the event Lambda receives from an SQS event source. */
final class SqsEvents {

  private SqsEvents() {}

  static SQSEvent toEvent(List<Message> messages, String queueArn) {
    String region = queueArn.split(":")[3];
    SQSEvent event = new SQSEvent();
    event.setRecords(
        messages.stream()
            .map(
                m -> {
                  SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                  record.setMessageId(m.messageId());
                  record.setReceiptHandle(m.receiptHandle());
                  record.setBody(m.body());
                  record.setMd5OfBody(m.md5OfBody());
                  record.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
                  record.setAttributes(m.attributesAsStrings());
                  record.setMessageAttributes(attributes(m.messageAttributes()));
                  record.setEventSource("aws:sqs");
                  record.setEventSourceArn(queueArn);
                  record.setAwsRegion(region);
                  return record;
                })
            .toList());
    return event;
  }

  private static Map<String, SQSEvent.MessageAttribute> attributes(
      Map<String, MessageAttributeValue> attributes) {
    Map<String, SQSEvent.MessageAttribute> out = new HashMap<>();
    attributes.forEach(
        (name, value) -> {
          SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
          a.setDataType(value.dataType());
          a.setStringValue(value.stringValue());
          if (value.binaryValue() != null) {
            a.setBinaryValue(value.binaryValue().asByteBuffer());
          }
          out.put(name, a);
        });
    return out;
  }
}
