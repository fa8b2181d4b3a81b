package dev.mljobs.core.template;

/** The owner has no template of this id (another owner's template does not exist for them). */
public final class TemplateNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String templateId;

  public TemplateNotFoundException(String templateId) {
    super("template " + templateId + " not found");
    this.templateId = templateId;
  }

  public String templateId() {
    return templateId;
  }
}
