package io.etp.access;

/** Test-side entry to the package-private body reader of {@code POST /api/keys}, for the fuzz target in io.etp.api.fuzz. */
public final class KeyRequestBodies {

  private KeyRequestBodies() {
  }

  /**
   * @param body the request body
   * @return the label and role read
   * @throws io.etp.web.ValidationException (400) when the body is refused
   */
  public static String read(String body) {
    ApiKeyRoutes.CreateRequest r = ApiKeyRoutes.CreateRequest.parse(body);
    if (r.label().isEmpty() || r.role() == null) {
      throw new AssertionError("a read key request has a label and a role: " + r);
    }
    return r.label() + "/" + r.role();
  }
}
