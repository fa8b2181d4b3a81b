package dev.mljobs.core.template;

/** An archived template was asked to create a job. */
public class ArchivedTemplateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ArchivedTemplateException(String templateId) {
    super("template " + templateId + " is archived and cannot create jobs");
  }
}
