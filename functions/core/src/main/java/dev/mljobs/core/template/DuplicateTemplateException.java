package dev.mljobs.core.template;

/** The owner already has a template of this id. */
public final class DuplicateTemplateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DuplicateTemplateException(String templateId) {
    super("template " + templateId + " already exists");
  }
}
